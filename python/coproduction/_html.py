"""Building blocks of the notebook display: escaping, tables and colours.

Everything here writes static markup that is also well-formed XML (every tag closed, every
attribute quoted, only the five XML entities), so the display survives an untrusted notebook,
GitHub's renderer and nbconvert, and a test can read it back with ``xml.etree``.
"""

from __future__ import annotations

import html
import math
import re
from typing import Any, Iterable, List, Optional, Sequence

import pandas as pd

# Characters that XML 1.0 forbids even as character references (C0 controls other than tab,
# newline and carriage return, and the two non-characters U+FFFE and U+FFFF).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")

#: Fills for stakeholder roles: Tableau 10, then ten lighter tones (cycled beyond twenty).
ROLE_COLOURS = (
    "#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7",
    "#9c755f", "#bab0ac", "#a0cbe8", "#ffbe7d", "#8cd17d", "#b6992d", "#f1ce63", "#86bcb6",
    "#d37295", "#fabfd2", "#d4a6c8", "#79706e",
)
#: Strokes for relation types: darker tones that stay visible on a white page.
RELATION_COLOURS = (
    "#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22",
    "#17becf", "#ff7f0e", "#393b79", "#637939", "#8c6d31", "#843c39", "#7b4173", "#3182bd",
)


def text(value: Any) -> str:
    """``value`` as escaped text for an element or a quoted attribute.

    ``html.escape`` with ``quote=True`` covers ``& < > " '``; characters XML cannot hold
    are replaced by U+FFFD so that the markup stays parseable."""
    return html.escape(_NOT_XML.sub("\ufffd", str(value)), quote=True)


def short(value: Any, limit: int = 16) -> str:
    """``value`` cut to ``limit`` characters (an ellipsis marks the cut), not yet escaped."""
    s = str(value)
    return s if len(s) <= limit else s[: limit - 1] + "\u2026"


def cell(value: Any) -> str:
    """One table cell's text: missing values as an em dash, floats to three decimals."""
    if value is None:
        return "\u2014"
    if isinstance(value, (list, tuple)):
        return ", ".join(cell(v) for v in value) if value else "\u2014"
    try:
        if pd.isna(value):
            return "\u2014"
    except (TypeError, ValueError):  # an array-like cell: pd.isna answers elementwise
        pass
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        if math.isinf(value):
            return "\u221e" if value > 0 else "\u2212\u221e"
        return f"{value:.3f}"
    if hasattr(value, "item") and not isinstance(value, str):  # a numpy scalar
        try:
            return cell(value.item())
        except (TypeError, ValueError):
            pass
    return str(value)


TABLE_STYLE = "border-collapse:collapse;margin:0.3em 0 0.8em 0;font-size:0.9em"
_TH = "text-align:left;padding:2px 8px;border-bottom:1px solid #999"
# Cells take their padding and rules from the table's attributes rather than a style each:
# a long evidence table stays a third of the size.
_TABLE_ATTRIBUTES = 'cellpadding="3" rules="rows" frame="void"'


def table(header: Sequence[Any], rows: Iterable[Sequence[Any]], *, css_class: str,
          caption: Optional[str] = None) -> str:
    """An HTML table with inline styles; every header and cell escaped."""
    parts: List[str] = [f'<table class="{text(css_class)}" {_TABLE_ATTRIBUTES} '
                        f'style="{TABLE_STYLE}">']
    if caption is not None:
        parts.append(f'<caption style="text-align:left;font-weight:bold">{text(caption)}'
                     f"</caption>")
    parts.append("<thead><tr>" + "".join(f'<th style="{_TH}">{text(h)}</th>' for h in header)
                 + "</tr></thead><tbody>")
    for row in rows:
        parts.append("<tr>" + "".join(f"<td>{text(cell(v))}</td>" for v in row)
                     + "</tr>")
    parts.append("</tbody></table>")
    return "".join(parts)


def frame_table(frame: pd.DataFrame, *, css_class: str, caption: Optional[str] = None,
                max_rows: Optional[int] = None) -> str:
    """A DataFrame as :func:`table`, its index as the first column(s); at most ``max_rows``
    rows, with a line saying how many were left out."""
    names = [n if n is not None else "" for n in frame.index.names]
    shown = frame if max_rows is None else frame.iloc[:max_rows]
    rows = []
    for key, values in zip(shown.index, shown.itertuples(index=False, name=None)):
        keys = key if isinstance(key, tuple) else (key,)
        rows.append([*keys, *values])
    out = table([*names, *frame.columns], rows, css_class=css_class, caption=caption)
    left = len(frame) - len(shown)
    if left > 0:
        out += f'<p style="margin:0 0 0.8em 0;color:#555">{left} more rows not shown.</p>'
    return out
