"""The report's charts: a chart of :mod:`coproduction.plot` drawn by matplotlib and made into
inline SVG that sits inside the page (no id shared between charts, nothing to fetch, the same
bytes for the same data).

matplotlib is an optional extra: :func:`plot_module` is None without it, and each section
then says so with :func:`no_charts_note` and keeps its tables.
"""

from __future__ import annotations

import importlib
import io
import re
import warnings
from types import ModuleType
from typing import TYPE_CHECKING, Any, Callable, List, Optional, Tuple

from ._markup import esc as _esc, note as _note

if TYPE_CHECKING:
    from matplotlib.axes import Axes

# Characters XML 1.0 cannot hold; a chart's text could carry them from an id.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def plot_module() -> Optional[ModuleType]:
    """:mod:`coproduction.plot`, or None when matplotlib (an optional extra) is missing."""
    try:
        return importlib.import_module("..plot", __package__)
    except ImportError:
        return None


_ID_REFERENCE = re.compile(r'(\bid="|url\(#|href="#)([^")]+)')


def _clean_svg(svg: str, key: str, description: str) -> str:
    """matplotlib's SVG made fit to sit inside the page: no XML declaration, DOCTYPE (with its
    URL), metadata (with its URLs), comments or global style sheet; every id prefixed with the
    chart's key, so that two charts never share one; characters XML cannot hold replaced."""
    svg = svg[svg.find("<svg"):]
    svg = re.sub(r"<metadata>.*?</metadata>\s*", "", svg, flags=re.S)
    svg = re.sub(r"<!--.*?-->", "", svg, flags=re.S)
    svg = re.sub(r"<style[^>]*>.*?</style>\s*", "", svg, flags=re.S)
    svg = re.sub(r"<defs>\s*</defs>\s*", "", svg)
    svg = _ID_REFERENCE.sub(lambda m: f"{m.group(1)}{key}-{m.group(2)}", svg)
    svg = _NOT_XML.sub("\ufffd", svg)
    root = f'<svg class="cp-chart" role="img" aria-label="{_esc(description)}" '
    return svg.replace("<svg ", root, 1)


def chart(draw: Callable[["Axes"], Any], *, key: str, size: Tuple[float, float],
          description: str, caption: str, constrained: bool = True) -> str:
    """One chart of :mod:`coproduction.plot` as inline SVG in a figure with its caption.

    Deterministic: ids come from a fixed salt, the date is left out, text is drawn as
    outlines (the page then looks the same whatever fonts the reader has) and never read as
    mathematical notation (an id with dollar signs stays as it is)."""
    import matplotlib
    from matplotlib.figure import Figure

    settings: Any = {"svg.hashsalt": "coproduction-report", "svg.fonttype": "path",
                     "text.parse_math": False, "font.size": 9.0, "font.family": "DejaVu Sans"}
    with matplotlib.rc_context(settings), warnings.catch_warnings():
        # An id with a character the font lacks (a control character, an emoji) is drawn as
        # a box; the tables show it as it is, so matplotlib's warning adds nothing.
        warnings.filterwarnings("ignore", message=r"Glyph \d+ .* missing from",
                                category=UserWarning)
        # 72 dots per inch, the SVG's own unit: labels placed by measuring text are measured
        # at the size the page shows them.
        figure = Figure(figsize=size, dpi=72, layout="constrained" if constrained else None)
        if not constrained:  # a plot that places labels by measuring the axes: fix them first
            figure.subplots_adjust(left=0.11, right=0.96, bottom=0.09, top=0.93)
        ax = figure.add_subplot()
        draw(ax)
        out = io.StringIO()
        figure.savefig(out, format="svg", bbox_inches="tight", facecolor="white",
                       metadata={"Date": None, "Creator": None})
    svg = _clean_svg(out.getvalue(), key, description)
    return f'<figure id="{key}">{svg}<figcaption>{caption}</figcaption></figure>'


def charts(parts: List[str]) -> str:
    return f'<div class="charts">{"".join(parts)}</div>' if parts else ""


def no_charts_note() -> str:
    return _note("Charts need matplotlib, an optional part of the package: install it with "
                 "<code>pip install coproduction[plot]</code> and make the report again. "
                 "The tables give every number the charts would show.")
