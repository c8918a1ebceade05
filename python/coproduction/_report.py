"""The report of a network: one self-contained HTML page for the people who commission,
fund or run a partnership.

:func:`report` reads a network with the package's public functions (decision power and power
shares, the collaboration ladder, tokenism, the principles scorecard, the structure of the
relations) and lays the results out in plain language, each technical term explained where
it first appears, every source cited by its title. The page holds inline CSS and inline SVG
only: no script, no link, no image, font or style sheet to fetch, so it opens the same from a
disk, an e-mail or a shared drive, and prints on A4.

The report computes nothing itself: every number comes from one call of the public API with
the report's settings, and is shown as that call returns it (to three decimals; the exact
value is in the cell's ``data-value`` attribute). What a researcher typed as free text
(labels, attributes, provenance, descriptions) is left out unless ``show_labels=True``, as in
:mod:`coproduction.display`; every string of the data is escaped.

docs/report.md describes the sections and the settings.
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
import importlib
import io
import math
import os
import re
import warnings
from pathlib import Path
from types import ModuleType
from typing import (TYPE_CHECKING, Any, Callable, Dict, List, Optional, Sequence, Tuple, Union,
                    overload)

import numpy as np
import pandas as pd

from . import _core, _html
from . import audit as _audit
from . import display as _display
from . import ladder as _ladder
from . import metrics as _metrics
from . import power as _power
from ._checks import check_project, network_core
from ._errors import input_error
from ._groups import NOT_CODED, resolve_groups
from ._reading import reads_network
from .decision_power import INDICES
from .network import SCALES, Network

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = ["report"]

PathLike = Union[str, "os.PathLike[str]"]

#: The indices the report accepts: shares of one decision, so that a group's share of the
#: power means the same whichever is chosen (the absolute Banzhaf index does not sum to 1).
REPORT_INDICES: Tuple[str, ...] = tuple(i for i in INDICES if i != "banzhaf_absolute")

# Characters XML 1.0 cannot hold; a chart's text could carry them from an id.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")

#: How each index is explained in one sentence, with its source.
_INDEX_WORDS: Dict[str, str] = {
    "banzhaf": "the normalised Banzhaf index (Banzhaf 1965): for each holder, the number of "
               "combinations of the others' votes in which that holder's vote turns a losing "
               "side into a winning one, as a share of all such cases in the decision",
    "shapley_shubik": "the Shapley-Shubik index (Shapley &amp; Shubik 1954): the share of the "
                      "orders in which the holders could come to agree in which that holder's "
                      "vote is the one that carries the decision",
    "deegan_packel": "the Deegan-Packel index (Deegan &amp; Packel 1978): each smallest winning "
                     "group of holders is equally likely and shares the decision equally",
    "holler": "the Holler index (Holler 1982): how often the holder is an indispensable member "
              "of a smallest winning group",
    "johnston": "the Johnston index (Johnston 1978): how often the holder's vote is decisive, "
                "counting more when few others are",
}

#: The rungs of the ladder (National Museums Liverpool, *Co-production Framework*).
_RUNG_WORDS: Tuple[Tuple[str, str], ...] = (
    ("consultation", "done for partners: the museum decides, after gathering partners' views "
                     "through surveys or meetings."),
    ("engagement", "done for partners: partners are engaged regularly while the project is "
                   "designed, but the museum chooses whether their views change its "
                   "decisions."),
    ("co-design", "done with partners: design decisions are made jointly and learning flows "
                  "both ways; delivery rests with staff, guided by the partners."),
    ("co-production", "done with partners: every decision, from conception through design and "
                      "delivery to evaluation, is made together and shared equally."),
)

#: The signs of tokenism :func:`coproduction.ladder.tokenism` looks for, in plain words.
_TOKENISM_WORDS: Tuple[Tuple[str, str], ...] = (
    ("nominal_share", "a seat on paper: a right to share in or make a decision whose vote can "
                      "never change the outcome under the decision's rule"),
    ("no_power", "asked in without power: consulted, involved or nominally sharing in "
                 "decisions, but able to change the outcome of none of them (Arnstein 1969 "
                 "calls informing, consultation and placation degrees of tokenism)"),
    ("unpaid", "unpaid beside paid staff: a partner recorded as unpaid taking part in a project "
               "whose convenors include paid staff (the manifesto: \u201cPay people to help "
               "equalise power differentials\u201d)"),
    ("influence_exceeds_power", "influence without formal power: much more influence, as "
                                "stakeholders rated it, than the rules of the decisions give: "
                                "power the rules do not show"),
    ("power_exceeds_influence", "formal power without influence: a say under the rules that "
                                "others do not see them exercise"),
)

#: The stakeholder fields whose coding the data section reports, and what each one feeds.
_FIELDS: Tuple[Tuple[str, str], ...] = (
    ("role", "the grouping by role in the power section"),
    ("convenor", "who counts as convenor; a stakeholder not coded is read as a partner"),
    ("expertise", "the Expert and Human principles (lived or learnt expertise)"),
    ("under_served", "the Active and Protect principles; not coded counts as not under-served"),
    ("paid", "the \u201cunpaid\u201d sign of tokenism; not coded is never read as unpaid"),
    ("influence", "the comparison of rated influence with formal decision power"),
    ("sector", "nothing computed here; it groups stakeholders when asked"),
)

#: The five source documents, as docs/sources.md cites them.
_SOURCES: Tuple[str, ...] = (
    "Tyne &amp; Wear Archives &amp; Museums (TWAM), <em>Follow up report from Tyne &amp; Wear "
    "Archives &amp; Museums (TWAM) Partners\u2019 Together Day, Thursday 14th February 2013</em>. "
    "Tyne &amp; Wear Archives &amp; Museums, Newcastle upon Tyne, 2013. Cited as the "
    "<em>Partners\u2019 Together Day follow-up report</em> (2013).",
    "National Museums Liverpool, <em>Co-production Framework</em>. National Museums Liverpool, "
    "Liverpool.",
    "<em>Co-Producing Health and Wellbeing Programmes in the Museum</em>, conference abstract on "
    "the Outreach team of Tyne &amp; Wear Archives &amp; Museums.",
    "\u201cThe coproduction myth\u201d, blog post, 17 April 2015.",
    "Traverse and Co-Production Collective, <em>Draft coproduction in health and care research "
    "\u2013 manifesto</em>, 2020. Cited as the <em>Draft manifesto for coproduction in health "
    "and care research</em> (2020).",
)

#: The published methods the report uses.
_METHODS: Tuple[str, ...] = (
    "Arnstein, S. R. (1969). A ladder of citizen participation. <em>Journal of the American "
    "Institute of Planners</em> 35(4), 216\u2013224.",
    "Banzhaf, J. F. (1965). Weighted voting doesn\u2019t work: a mathematical analysis. "
    "<em>Rutgers Law Review</em> 19, 317\u2013343.",
    "Deegan, J. &amp; Packel, E. W. (1978). A new index of power for simple n-person games. "
    "<em>International Journal of Game Theory</em> 7(2), 113\u2013123.",
    "Freeman, L. C. (1979). Centrality in social networks: conceptual clarification. "
    "<em>Social Networks</em> 1, 215\u2013239.",
    "Gini, C. (1912). <em>Variabilit\u00e0 e mutabilit\u00e0</em>. Tipografia di Paolo Cuppini, "
    "Bologna.",
    "Hirschman, A. O. (1964). The paternity of an index. <em>American Economic Review</em> 54, "
    "761.",
    "Holler, M. J. (1982). Forming coalitions and measuring voting power. <em>Political "
    "Studies</em> 30(2), 262\u2013271.",
    "International Association for Public Participation (2018). <em>IAP2 Spectrum of Public "
    "Participation</em>.",
    "Johnston, R. J. (1978). On the measurement of power: some reactions to Laver. "
    "<em>Environment and Planning A</em> 10(8), 907\u2013914.",
    "Lorenz, M. O. (1905). Methods of measuring the concentration of wealth. "
    "<em>Publications of the American Statistical Association</em> 9(70), 209\u2013219.",
    "Schiffer, E. &amp; Hauck, J. (2010). Net-Map: collecting social network data and "
    "facilitating network learning through participatory influence network mapping. "
    "<em>Field Methods</em> 22(3), 231\u2013249.",
    "Shapley, L. S. &amp; Shubik, M. (1954). A method for evaluating the distribution of power "
    "in a committee system. <em>American Political Science Review</em> 48(3), 787\u2013792.",
    "Taagepera, R. &amp; Shugart, M. S. (1989). <em>Seats and Votes</em>. Yale University "
    "Press.",
    "Think Local Act Personal and the National Co-production Advisory Group (2020). "
    "<em>Ladder of co-production</em>.",
    "Wasserman, S. &amp; Faust, K. (1994). <em>Social Network Analysis</em>. Cambridge "
    "University Press.",
)

_CSS = """
html{background:#fff}
body{font-family:-apple-system,'Segoe UI',Helvetica,Arial,sans-serif;font-size:15px;
line-height:1.5;color:#1b1b1b;background:#fff;max-width:1040px;margin:0 auto;padding:24px 32px}
h1{font-size:1.9em;margin:0 0 0.2em 0;color:#17324d}
h2{font-size:1.4em;color:#17324d;border-bottom:2px solid #2c5f8a;padding-bottom:0.15em;
margin:1.8em 0 0.6em 0}
h3{font-size:1.1em;color:#17324d;margin:1.4em 0 0.4em 0}
p{margin:0.5em 0}
.subtitle{color:#4a4a4a;margin:0 0 1em 0}
nav ol{columns:2;margin:0.3em 0 1em 0}
nav a,a{color:#1d4f7a}
dfn{font-style:normal;font-weight:600}
table{border-collapse:collapse;margin:0.4em 0 1.1em 0;font-size:0.88em;max-width:100%}
caption{text-align:left;font-weight:600;padding:0 0 0.3em 0;color:#17324d}
th{text-align:left;border-bottom:2px solid #8c9aa8;padding:4px 10px;vertical-align:bottom}
td{border-bottom:1px solid #dde2e7;padding:3px 10px;vertical-align:top}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
td.id{font-family:SFMono-Regular,Consolas,'Liberation Mono',Menlo,monospace;font-size:0.92em;
word-break:break-word}
td.long{max-width:30em}
.tables{display:flex;flex-wrap:wrap;gap:0 2.2em;align-items:flex-start}
figure{margin:1em 0 1.4em 0}
figure svg{max-width:100%;height:auto;display:block}
figcaption{font-size:0.88em;color:#444;margin-top:0.3em;max-width:48em}
.charts{display:flex;flex-wrap:wrap;gap:0 2em;align-items:flex-start}
.charts figure{flex:1 1 420px;max-width:100%}
.note{background:#f3f6f9;border-left:4px solid #8fa9c2;padding:0.5em 0.9em;margin:0.8em 0}
.glance{background:#f7f9fb;border:1px solid #d5dee6;padding:0.6em 1.2em;margin:0.8em 0 1.2em 0}
.glance h3{margin:0.2em 0 0.3em 0}
.glance li{margin:0.2em 0}
.project{border-top:1px solid #d5dee6;margin-top:1.2em}
.verdict{display:inline-block;padding:0 0.45em;border-radius:3px;white-space:nowrap}
.v-meets{background:#dcefdc;color:#1c4d1c}
.v-partly{background:#fbf0cf;color:#5a4500}
.v-not{background:#f8dddd;color:#6b1a1a}
.v-nm{background:#e8eaed;color:#3d4146}
.match-yes{color:#1c4d1c;font-weight:600}
.match-no{color:#8b1c1c;font-weight:600}
footer{margin-top:2.5em;border-top:2px solid #2c5f8a;padding-top:0.6em;font-size:0.85em;
color:#333}
footer table{font-size:0.95em}
svg.cp-chart *{stroke-linejoin:round;stroke-linecap:butt}
@media print{
@page{size:A4;margin:14mm 13mm}
html,body{background:#fff}
body{max-width:none;padding:0;font-size:10pt;color:#000}
h2{break-after:avoid;page-break-after:avoid}
h3{break-after:avoid;page-break-after:avoid}
table,figure,.glance,.note,tr{break-inside:avoid;page-break-inside:avoid}
thead{display:table-header-group}
nav{display:none}
.charts figure{flex:1 1 100%}
figure svg{max-width:100%;max-height:240mm}
a{color:#000;text-decoration:none}
}
"""


# -- small pieces of markup --------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class _Num:
    """A number cell: shown to a fixed number of decimals, the exact value in ``data-value``
    so that a reader (or a test) can take it back."""

    value: float
    decimals: int = 3


@dataclasses.dataclass(frozen=True)
class _Id:
    """An id of the data, set in a monospace face."""

    value: Any


@dataclasses.dataclass(frozen=True)
class _Raw:
    """Markup made here, already escaped."""

    html: str


@dataclasses.dataclass(frozen=True)
class _Long:
    """Free-flowing text (evidence, details) in a column that wraps."""

    value: Any


def _esc(value: Any) -> str:
    return _html.text(value)


def _shown_number(value: float, decimals: int) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "\u2014"
    if math.isinf(value):
        return "\u221e" if value > 0 else "\u2212\u221e"
    return f"{value:.{decimals}f}"


def _count(value: Any) -> _Num:
    return _Num(float(value), 0)


def _cell(value: Any) -> str:
    if isinstance(value, _Num):
        number = float(value.value)
        data = "nan" if math.isnan(number) else repr(number)
        return (f'<td class="num" data-value="{data}">'
                f"{_esc(_shown_number(number, value.decimals))}</td>")
    if isinstance(value, _Id):
        return f'<td class="id">{_esc(_html.cell(value.value))}</td>'
    if isinstance(value, _Raw):
        return f"<td>{value.html}</td>"
    if isinstance(value, _Long):
        return f'<td class="long">{_esc(_html.cell(value.value))}</td>'
    return f"<td>{_esc(_html.cell(value))}</td>"


def _table(header: Sequence[str], rows: Sequence[Sequence[Any]], *, css: str,
           caption: Optional[str] = None, numeric: Sequence[int] = ()) -> str:
    """A table with a class (the stable handle of tests and readers), escaped cells, numbers
    right-aligned with their exact value kept."""
    parts = [f'<table class="{_esc(css)}">']
    if caption:
        parts.append(f"<caption>{_esc(caption)}</caption>")
    heads = [(' class="num"' if i in numeric else "", _esc(h)) for i, h in enumerate(header)]
    parts.append("<thead><tr>" + "".join(f"<th{css_class}>{h}</th>" for css_class, h in heads)
                 + "</tr></thead><tbody>")
    for row in rows:
        parts.append("<tr>" + "".join(_cell(v) for v in row) + "</tr>")
    parts.append("</tbody></table>")
    return "".join(parts)


def _p(text: str) -> str:
    """A paragraph of prose written here (already markup: escape data before passing it)."""
    return f"<p>{text}</p>"


def _note(text: str) -> str:
    return f'<p class="note">{text}</p>'


def _plural(n: int, noun: str, plural: Optional[str] = None) -> str:
    return f"{n} {noun if n == 1 else (plural or noun + 's')}"


def _pct(share: float) -> str:
    """A share as a percentage for the prose (the tables give the share itself)."""
    return f"{100.0 * share:.1f}%"


def _verdict(verdict: str) -> _Raw:
    css = {"meets": "v-meets", "partly": "v-partly", "does not meet": "v-not"}.get(verdict, "v-nm")
    return _Raw(f'<span class="verdict {css}">{_esc(verdict)}</span>')


def _match(matches: Any) -> _Raw:
    if matches is None or matches is pd.NA or (isinstance(matches, float) and math.isnan(matches)):
        return _Raw("\u2014 (nothing claimed)")
    if bool(matches):
        return _Raw('<span class="match-yes">yes</span>')
    return _Raw('<span class="match-no">no: differs</span>')


def _ids(values: Sequence[Any], limit: int = 12) -> str:
    """Ids for the prose, escaped, the first ``limit`` of them."""
    shown = ", ".join(_esc(v) for v in list(values)[:limit])
    more = len(values) - limit
    return shown + (f" and {more} more" if more > 0 else "")


_DOCS_PATH = re.compile(r"\s*\(?docs/([A-Za-z0-9_]+)\.md(?:, ([^)]*))?\)?")


def _no_paths(text: Any) -> str:
    """Text of the API for a reader who has no source tree: a pointer into the documentation
    (``(docs/format.md, decisions)``) becomes words."""
    if not isinstance(text, str):
        return "" if text is None else str(text)

    def words(match: "re.Match[str]") -> str:
        page = match.group(1).replace("_", " ")
        part = match.group(2)
        return f" (see the {page} page of the coproduction documentation" + \
            (f", {part})" if part else ")")
    return _DOCS_PATH.sub(words, text)


# -- charts ------------------------------------------------------------------------------


def _plot_module() -> Optional[ModuleType]:
    """:mod:`coproduction.plot`, or None when matplotlib (an optional extra) is missing."""
    try:
        return importlib.import_module(".plot", __package__)
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


def _chart(draw: Callable[["Axes"], Any], *, key: str, size: Tuple[float, float],
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


def _charts(parts: List[str]) -> str:
    return f'<div class="charts">{"".join(parts)}</div>' if parts else ""


def _no_charts_note() -> str:
    return _note("Charts need matplotlib, an optional part of the package: install it with "
                 "<code>pip install coproduction[plot]</code> and make the report again. "
                 "The tables give every number the charts would show.")


# -- the settings ------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class _Settings:
    project: Optional[str]
    by: str
    index: str
    weighted: bool
    ladder_config: _ladder.LadderConfig
    principles_config: _audit.PrinciplesConfig
    tokenism_influence: str
    tokenism_threshold: Optional[float]
    tokenism_include_convenors: bool
    show_labels: bool
    title: str
    date: str
    max_drawn: int
    ladder_default: bool

    def groups(self) -> List[Tuple[str, List[Tuple[str, str]]]]:
        """Every setting as (name, value), in three groups: the report's own keywords, then
        each configuration field by field (named ``ladder_config.<field>``)."""
        own = [("project", self.project), ("by", self.by), ("index", self.index),
               ("weighted", self.weighted), ("tokenism_influence", self.tokenism_influence),
               ("tokenism_threshold", self.tokenism_threshold),
               ("tokenism_include_convenors", self.tokenism_include_convenors),
               ("show_labels", self.show_labels), ("title", self.title), ("date", self.date),
               ("max_drawn", self.max_drawn)]
        out = [("report", [(name, repr(value)) for name, value in own])]
        for name, config in (("ladder_config", self.ladder_config),
                             ("principles_config", self.principles_config)):
            out.append((name, [(f"{name}.{field.name}", repr(getattr(config, field.name)))
                               for field in dataclasses.fields(config)]))
        return out


def _bool(value: Any, where: str) -> bool:
    if not isinstance(value, (bool, np.bool_)):
        raise input_error(where, f"must be True or False, got {value!r}")
    return bool(value)


_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _date(value: Any) -> str:
    """The report's date as ISO text: today, a date, or ISO text checked to be a date."""
    if value is None:
        return _dt.date.today().isoformat()
    if isinstance(value, _dt.datetime):
        return value.date().isoformat()
    if isinstance(value, _dt.date):
        return value.isoformat()
    if isinstance(value, str) and _ISO_DATE.fullmatch(value):
        try:
            return _dt.date.fromisoformat(value).isoformat()
        except ValueError:
            pass
    raise input_error("date", f"an ISO date such as '2024-05-31' or a datetime.date, got "
                              f"{value!r}")


def _settings(net: Network, *, project: Any, by: Any, index: Any, weighted: Any,
              ladder_config: Any, principles_config: Any, tokenism_influence: Any,
              tokenism_threshold: Any, tokenism_include_convenors: Any, show_labels: Any,
              title: Any, date: Any, max_drawn: Any) -> _Settings:
    """Every argument checked before anything is computed, each error naming its keyword."""
    check_project(net, project)
    if not isinstance(by, str):
        raise input_error("by", f"a stakeholder column such as 'role' or 'convenor', not "
                                f"{type(by).__name__}")
    resolve_groups(by, net.stakeholders.index, net=net)  # an unknown column raises here
    if index not in REPORT_INDICES:
        raise input_error("index", f"must be one of {', '.join(REPORT_INDICES)}, got {index!r}")
    weighted = _bool(weighted, "weighted")
    if ladder_config is None:
        ladder_config = _ladder.LadderConfig(weighted=weighted)
    elif not isinstance(ladder_config, _ladder.LadderConfig):
        raise input_error("ladder_config", f"a coproduction.ladder.LadderConfig, not "
                                           f"{type(ladder_config).__name__}")
    elif bool(ladder_config.weighted) != weighted:
        raise input_error("ladder_config", f"its weighted={ladder_config.weighted!r} differs "
                                           f"from weighted={weighted!r}: the report counts "
                                           f"decisions one way throughout")
    if principles_config is None:
        principles_config = _audit.PrinciplesConfig(index=index, weighted=weighted)
    elif not isinstance(principles_config, _audit.PrinciplesConfig):
        raise input_error("principles_config", f"a coproduction.audit.PrinciplesConfig, not "
                                               f"{type(principles_config).__name__}")
    elif principles_config.index != index or bool(principles_config.weighted) != weighted:
        raise input_error("principles_config",
                          f"its index={principles_config.index!r}, "
                          f"weighted={principles_config.weighted!r} differ from "
                          f"index={index!r}, weighted={weighted!r}: the report shows one "
                          f"decision power throughout")
    if tokenism_influence not in ("rank", "share"):
        raise input_error("tokenism_influence", f"must be 'rank' or 'share', got "
                                                f"{tokenism_influence!r}")
    if tokenism_threshold is not None and (
            isinstance(tokenism_threshold, bool)
            or not isinstance(tokenism_threshold, (int, float, np.integer, np.floating))
            or not 0 < float(tokenism_threshold) <= 1):
        raise input_error("tokenism_threshold", f"must lie in (0, 1], got {tokenism_threshold!r}")
    include = _bool(tokenism_include_convenors, "tokenism_include_convenors")
    labels = _bool(show_labels, "show_labels")
    if title is not None and not isinstance(title, str):
        raise input_error("title", f"a string, not {type(title).__name__}")
    if isinstance(max_drawn, bool) or not isinstance(max_drawn, (int, np.integer)) \
            or int(max_drawn) < 0:
        raise input_error("max_drawn", f"a whole number of stakeholders, 0 or more, got "
                                       f"{max_drawn!r}")
    return _Settings(
        project=project, by=by, index=index, weighted=weighted, ladder_config=ladder_config,
        principles_config=principles_config, tokenism_influence=tokenism_influence,
        tokenism_threshold=None if tokenism_threshold is None else float(tokenism_threshold),
        tokenism_include_convenors=include, show_labels=labels,
        title=title if title is not None else "Where power sits: a co-production report",
        date=_date(date), max_drawn=int(max_drawn),
        ladder_default=ladder_config == _ladder.LadderConfig())


# -- what the report reads ---------------------------------------------------------------


@dataclasses.dataclass
class _Power:
    """The decision power of the people, as the public functions give it."""

    shares: pd.DataFrame            # power_shares(by=settings.by)
    sides: pd.DataFrame             # power_shares(by="convenor")
    each: pd.DataFrame              # power_shares by stakeholder: one group per person
    values: "pd.Series[float]"      # decision_power(by="all") of the people taking part
    gini: float
    carried: float
    vetoes: pd.DataFrame


def _decisions_of(net: Network, project: Optional[str]) -> int:
    decisions = net.decisions
    if project is None:
        return len(decisions)
    return int((decisions["project"] == project).sum())


def _read_power(net: Network, s: _Settings) -> Optional[_Power]:
    if _decisions_of(net, s.project) == 0:
        return None
    common: Dict[str, Any] = {"index": s.index, "weighted": s.weighted, "project": s.project}
    shares = _power.power_shares(net, s.by, **common)
    sides = _power.power_shares(net, "convenor", **common)
    ids = net.stakeholders.index
    # One group per stakeholder: the people power_shares counts, each with their own share.
    each = _power.power_shares(net, pd.Series(list(ids), index=ids, dtype=object), **common)
    people = each.index
    values = _power.decision_power(net, s.index, by="all", weighted=s.weighted,
                                   project=s.project)["all"].reindex(people)
    values.name = f"decision power ({s.index})"
    return _Power(shares=shares, sides=sides, each=each, values=values,
                  gini=float(_metrics.gini(values.to_numpy(dtype=float))),
                  carried=float(_power.convenor_carried_share(net, project=s.project,
                                                               weighted=s.weighted)),
                  vetoes=_power.veto_players(net, project=s.project))


@dataclasses.dataclass
class _Readings:
    power: Optional[_Power]
    classified: pd.DataFrame
    projects: List[_ladder.Classification]
    tokenism: pd.DataFrame
    card: pd.DataFrame
    structure: pd.DataFrame
    scales: pd.DataFrame


def _read(net: Network, s: _Settings) -> _Readings:
    classified = _ladder.classify_all(net, s.ladder_config)
    chosen = [s.project] if s.project is not None else list(net.projects.index)
    projects = [_ladder.classify(net, p, s.ladder_config) for p in chosen]  # one per project
    tokens = _ladder.tokenism(net, influence=s.tokenism_influence, threshold=s.tokenism_threshold,
                              include_convenors=s.tokenism_include_convenors,
                              weighted=s.weighted)
    card = _audit.principles(net, s.project, config=s.principles_config)
    structure = _metrics.summary(net)
    present = [str(x) for x in net.relations["scale"].dropna().unique()]
    order = [x for x in SCALES if x in present]
    scales = pd.concat([_metrics.summary(net, {scale: None}, scale=scale) for scale in order]) \
        if order else structure.iloc[0:0]
    return _Readings(power=_read_power(net, s), classified=classified, projects=projects,
                     tokenism=tokens, card=card, structure=structure, scales=scales)


# -- sections ----------------------------------------------------------------------------


def _section(key: str, heading: str, body: str) -> str:
    return f'<section id="{key}"><h2>{_esc(heading)}</h2>{body}</section>'


def _counts(values: "pd.Series[Any]", order: Optional[Sequence[str]] = None
            ) -> List[Tuple[str, int]]:
    coded = values.astype(object).where(values.notna(), NOT_CODED).astype(str)
    counts = coded.value_counts()
    if order is not None:
        return [(k, int(counts[k])) for k in order if k in counts.index]
    return sorted(((str(k), int(c)) for k, c in counts.items()), key=lambda kc: (-kc[1], kc[0]))


def _glance(net: Network, s: _Settings, r: _Readings) -> str:
    items: List[str] = []
    people = int((net.stakeholders["kind"].astype(object) != "object").sum())
    items.append(
        f"{_plural(net.num_stakeholders, 'stakeholder')} "
        f"({net.num_stakeholders - people} of them objects), "
        f"{_plural(net.num_relations, 'relation')}, {_plural(net.num_projects, 'project')} "
        f"and {_plural(net.num_decisions, 'decision')} recorded.")
    p = r.power
    if p is None:
        items.append("No decision is recorded" + (f" in project {_esc(s.project)}"
                                                  if s.project else "")
                     + ", so the report cannot say who holds decision power.")
    else:
        shares = p.shares[p.shares["people"] > 0]
        below = shares[shares["parity"] < 1]
        picked: List[Any] = []
        if len(below):  # the largest group with less say than its numbers
            picked.append(below["people"].idxmax())
        if len(shares):  # the group with the most say for its numbers
            picked.append(shares["parity"].idxmax())
        for group in dict.fromkeys(picked):
            row = shares.loc[group]
            items.append(
                f"<strong>{_esc(group)}</strong> ({_esc(s.by)}) are "
                f"{_pct(float(row['people']))} of the people and hold "
                f"{_pct(float(row['power']))} of the decision power: a parity "
                f"ratio of {row['parity']:.3f}.")
        powerless = list(shares.index[shares["power"] == 0])
        if powerless:
            items.append(f"No decision power at all for {_ids(powerless)} ({_esc(s.by)}).")
        if "partner" in p.sides.index and "convenor" in p.sides.index:
            partner = p.sides.loc[["partner"]]
            side = {c: float(partner[c].iloc[0]) for c in ("people", "power", "parity")}
            items.append(f"Partners are {_pct(side['people'])} of the people and hold "
                         f"{_pct(side['power'])} of the decision power (parity "
                         f"{side['parity']:.3f}); the convenors can carry "
                         f"{_pct(p.carried)} of the decisions without any partner.")
    for c in r.projects[:8]:
        claim = "claimed as " + _esc(c.claimed) if c.claimed is not None else "claims no type"
        verdict = "" if c.matches_claim is None else (
            " (as claimed)" if c.matches_claim else " (<strong>not as claimed</strong>)")
        items.append(f"Project <strong>{_esc(c.project)}</strong> {claim}; the data support "
                     f"<strong>{_esc(c.type)}</strong>{verdict}.")
    if len(r.projects) > 8:
        items.append(f"{len(r.projects) - 8} more projects in the ladder section.")
    items.append(f"{_plural(len(r.tokenism), 'sign')} of tokenism found.")
    counts = r.card["verdict"].value_counts()
    items.append("Principles scorecard: " + "; ".join(
        f"{int(counts.get(v, 0))} {v}" for v in _audit.VERDICTS) + ".")
    terms = _p(
        "In short (each term is explained in its section): a stakeholder\u2019s "
        "<dfn>decision power</dfn> is how much their vote can change what is decided; a "
        "group\u2019s "
        "<dfn>parity ratio</dfn> is its share of the power over its share of the people, 1 "
        "meaning a say in proportion to its numbers; the <dfn>convenors</dfn> are the side "
        "that initiated the work and holds its resources, everyone else a partner; "
        "<dfn>tokenism</dfn> is involving people without sharing power with them.")
    return ('<div class="glance"><h3>At a glance</h3>' + terms + "<ul>"
            + "".join(f"<li>{i}</li>" for i in items) + "</ul></div>")


def _summary_section(net: Network, s: _Settings, r: _Readings) -> str:
    from .network import KINDS

    parts = [_glance(net, s, r)]
    parts.append(_p(
        "This section lists who and what the data record. A <dfn>stakeholder</dfn> is anyone "
        "or anything the researcher recorded: a person, a group (counted by its head count), "
        "an organisation, or an object such as a collection object or a venue, which can "
        "carry relations but holds no decision rights (the abstract <em>Co-Producing Health "
        "and Wellbeing Programmes in the Museum</em> speaks of objects as actors in care). "
        "Stakeholders are named by their ids and roles: the stakeholder groups follow the "
        "<em>Partners\u2019 Together Day follow-up report</em> (2013). A <dfn>relation</dfn> is "
        "a tie of a named type from one stakeholder to another, such as who informs, funds or "
        "learns from whom."))
    stakeholders = net.stakeholders
    relations = net.relations
    tables: List[str] = []
    if len(stakeholders):
        tables.append(_table(["kind", "stakeholders"],
                             [(k, _count(c)) for k, c in _counts(stakeholders["kind"], KINDS)],
                             css="cp-kinds", caption="Stakeholders by kind", numeric=[1]))
        tables.append(_table(["role", "stakeholders"],
                             [(k, _count(c)) for k, c in _counts(stakeholders["role"])],
                             css="cp-roles", caption="Stakeholders by role", numeric=[1]))
    else:
        parts.append(_note("The data record no stakeholder."))
    if len(relations):
        tables.append(_table(["type", "relations"],
                             [(k, _count(c)) for k, c in _counts(relations["type"])],
                             css="cp-relation-types", caption="Relations by type",
                             numeric=[1]))
    else:
        parts.append(_note("The data record no relation between stakeholders."))
    if tables:
        parts.append(f'<div class="tables">{"".join(tables)}</div>')
    if len(r.classified):
        header = ["project"] + (["label"] if s.show_labels else []) + \
            ["claimed type", "computed type", "as claimed"]
        rows = []
        for pid, row in r.classified.iterrows():
            cells: List[Any] = [_Id(pid)] + ([row["label"]] if s.show_labels else [])
            cells += [row["claimed"], row["type"], _match(row["matches_claim"])]
            rows.append(cells)
        parts.append(_table(header, rows, css="cp-projects",
                            caption="Projects: the type claimed and the type the data support"))
    else:
        parts.append(_note("The data record no project."))
    n = net.num_stakeholders
    if n == 0:
        parts.append(_note("No stakeholder: nothing to draw."))
    elif n > s.max_drawn:
        parts.append(_note(f"The drawing of the network is left out above {s.max_drawn} "
                           f"stakeholders (max_drawn), where it would be too dense to read."))
    else:
        drawing = _display.svg(net, show_labels=s.show_labels)
        parts.append(
            f'<figure id="network-drawing">{drawing}<figcaption>The network: one circle per '
            f"stakeholder (a square for an object), coloured by role; one arrow per relation, "
            f"coloured by type. Where two stakeholders relate both ways the arrows show as two "
            f"arcs. The positions come from a force-directed layout with a fixed seed: the "
            f"same data give the same picture.</figcaption></figure>")
    return _section("summary", "1. Who and what the data record", "".join(parts))


def _power_section(net: Network, s: _Settings, r: _Readings, plot: Optional[ModuleType]) -> str:
    scope = (f" Only the decisions of project <strong>{_esc(s.project)}</strong> are read, and "
             f"only the people taking part in it." if s.project else "")
    parts = [_p(
        "Traverse and Co-Production Collective\u2019s <em>Draft manifesto for coproduction in "
        "health and care research</em> asks a partnership to \u201cKnow where power sits and "
        "who holds it\u201d. Every decision in the data has a rule: one stakeholder decides "
        "alone, everyone must agree, a majority, or a quota of votes, sometimes with a veto. "
        "A stakeholder\u2019s <dfn>decision power</dfn> in a decision is how much their vote "
        "can change the outcome under that rule, read here with "
        f"{_INDEX_WORDS[s.index]}. A seat whose vote never changes anything counts 0, "
        "whatever the right is called. Each stakeholder\u2019s power is the mean over the "
        "decisions, "
        + ("each decision counted by its weight" if s.weighted else "each decision counted once")
        + ", so the power of everyone adds up to 1. Shares are given as fractions of 1: 0.250 "
        "is a quarter." + scope)]
    p = r.power
    if p is None:
        where = f"project {_esc(s.project)}" if s.project else "the data"
        parts.append(_note(
            f"No decision is recorded in {where}, so decision power cannot be computed. To "
            f"measure it, record the decisions with each stakeholder\u2019s right in them "
            f"(none, informed, consulted, involved, shared, decides) and the rule by which "
            f"they are made."))
        return _section("power", "2. Who holds decision power", "".join(parts))
    parts.append(_p(
        "The <dfn>people</dfn> are the stakeholders that are not objects; a group counts its "
        "head count. A group\u2019s <dfn>parity ratio</dfn> is its share of the power divided "
        "by its share of the people (Taagepera &amp; Shugart 1989): 1 means a say in proportion "
        "to numbers, 0.5 half of that, 2 twice."))
    header = ["group", "stakeholders", "share of the people", "share of the power",
              "parity ratio"]

    def rows(table: pd.DataFrame) -> List[List[Any]]:
        return [[group, _count(row["stakeholders"]), _Num(row["people"]), _Num(row["power"]),
                 _Num(row["parity"])] for group, row in table.iterrows()]

    tables = [_table(header, rows(p.shares), css="cp-power-shares",
                     caption=f"Decision power by {s.by}", numeric=[1, 2, 3, 4])]
    if s.by != "convenor":
        tables.append(_table(header, rows(p.sides), css="cp-power-sides",
                             caption="Decision power of convenors and partners",
                             numeric=[1, 2, 3, 4]))
    parts.append(f'<div class="tables">{"".join(tables)}</div>')
    parts.append(_p(
        "<dfn>Convenors</dfn> are the side that initiated the work and holds its resources "
        "(coded <code>convenor</code> in the data); everyone else is a partner. The convenors "
        f"can carry <strong>{_pct(p.carried)}</strong> of the decisions "
        f"({'by weight' if s.weighted else 'each counted once'}) without any partner "
        f'agreeing (share <span class="cp-carried" data-value="{p.carried!r}">'
        f"{p.carried:.3f}</span>). In those decisions, in the words of National "
        f"Museums Liverpool\u2019s <em>Co-production Framework</em>, \u201cDecision making is "
        f"not shared\u201d."))
    parts.append(_p(
        f"The <dfn>Gini coefficient</dfn> sums up how unequally something is held: 0 when "
        f"everyone holds the same, close to 1 when one holds everything (Gini 1912). The Gini "
        f"of decision power among the {len(p.values)} people is "
        f'<strong><span class="cp-gini" data-value="{p.gini!r}">{p.gini:.3f}</span></strong>.'))
    holders = p.each.sort_values("power", ascending=False, kind="stable")
    holding = holders[holders["power"] > 0]
    top = holding.iloc[:15]
    roles = net.stakeholders["role"].reindex(top.index).to_numpy(dtype=object)
    parts.append(_table(
        ["stakeholder", "role", "share of the power", "parity ratio"],
        [[_Id(sid), role, _Num(row["power"]), _Num(row["parity"])]
         for (sid, row), role in zip(top.iterrows(), roles)],
        css="cp-power-holders", caption="Who holds decision power", numeric=[2, 3]))
    none = len(holders) - len(holding)
    more = len(holding) - len(top)
    parts.append(_p(
        (f"{len(holding) - len(top)} more stakeholders hold some power. " if more > 0 else "")
        + f"{_plural(none, 'of the people holds', 'of the people hold')} no decision power at "
        f"all: they are not among those who share in or make any decision."))
    if len(p.vetoes):
        parts.append(_p("A <dfn>veto player</dfn> is a stakeholder without whose agreement a "
                        "decision cannot be made: named as such in the rule, the one who "
                        "decides alone, or one whose votes the others cannot do without."))
        parts.append(_table(
            ["stakeholder", "decision", "stage", "named in the rule", "convenor"],
            [[_Id(sid), _Id(row["decision"]), row["stage"], row["named_in_rule"],
              row["convenor"]] for sid, row in p.vetoes.iterrows()],
            css="cp-vetoes", caption="Veto players"))
    if plot is None:
        parts.append(_no_charts_note())
        return _section("power", "2. Who holds decision power", "".join(parts))
    charts: List[str] = []
    if s.weighted:
        charts.append(_chart(
            lambda ax: plot.power_shares(net, s.by, index=s.index, project=s.project, ax=ax),
            key="chart-power-shares", size=(6.8, 6.2), constrained=False,
            description=f"Share of decision power against share of the people, by {s.by}",
            caption=f"Each group\u2019s share of the power (up) against its share of the "
                    f"people (across), by {_esc(s.by)}. On the dashed line power is in "
                    f"proportion to numbers; groups above it (red) hold more say than their "
                    f"numbers, below it (blue) less."))
    charts.append(_chart(
        lambda ax: plot.lorenz(p.values, ax=ax), key="chart-lorenz", size=(5.6, 5.4),
        description="Lorenz curve of decision power among the people",
        caption="The <dfn>Lorenz curve</dfn> lines the people up from least to most power and "
                "shows the share of the power the first of them hold together (Lorenz 1905). "
                "On the dashed diagonal everyone would hold the same; the further the curve "
                "sags below it, the more unequal. The legend gives the Gini coefficient "
                "above."))
    parts.append(_charts(charts))
    if not s.weighted:
        parts.append(_note("The chart of power against numbers counts decisions by weight; "
                           "it is left out because this report counts each decision once. "
                           "The tables above give the shares."))
    return _section("power", "2. Who holds decision power", "".join(parts))


def _ladder_section(net: Network, s: _Settings, r: _Readings, plot: Optional[ModuleType]
                    ) -> str:
    parts = [_p(
        "National Museums Liverpool\u2019s <em>Co-production Framework</em> describes four "
        "types of collaboration, the rungs of a <dfn>collaboration ladder</dfn> from the least "
        "to the most shared:")]
    parts.append("<ul>" + "".join(f"<li><strong>{_esc(name)}</strong>: {_esc(words)}</li>"
                                  for name, words in _RUNG_WORDS) + "</ul>")
    parts.append(_p(
        "The report reads each project\u2019s recorded decisions and learning relations against "
        "explicit criteria for each rung and sets the type the data support (computed) beside "
        "the type the institution claims; a project is on the highest rung whose criteria, and "
        "every lower rung\u2019s, are met, and <em>none</em> means that not even "
        "consultation\u2019s are. A right counts only where it carries power: a vote that can "
        "never change the outcome counts as being involved. Each stage is also placed on the "
        "IAP2 spectrum of public participation (inform, consult, involve, collaborate, "
        "empower), on Arnstein\u2019s ladder of citizen participation (1969) and on the Think "
        "Local Act Personal ladder of co-production."))
    if not r.projects:
        parts.append(_note("The data record no project, so no project can be placed on the "
                           "ladder. Record each project with the type the institution claims "
                           "for it, and its decisions."))
        return _section("ladder", "3. The collaboration ladder", "".join(parts))
    for c in r.projects:
        block = [f'<div class="project" id="ladder-{_esc(_anchor(c.project))}">',
                 f"<h3>Project {_esc(c.project)}"
                 + (f": {_esc(c.label)}" if s.show_labels and c.label != c.project else "")
                 + "</h3>"]
        block.append(_table(["project", "claimed type", "computed type", "as claimed"],
                            [[_Id(c.project), c.claimed, c.type, _match(c.matches_claim)]],
                            css="cp-ladder-headline"))
        if len(c.decisions) == 0:
            block.append(_note("No decision is recorded for this project, so no criterion "
                               "can be met: record its decisions to place it on the ladder."))
        block.append(_table(
            ["criterion", "rung", "met", "measured", "needed", "reading"],
            [[_Id(name), row["rung"], row["met"], _Num(row["value"]), _Num(row["threshold"]),
              _Long(row["detail"])] for name, row in c.criteria.iterrows()],
            css="cp-ladder-criteria", caption="Criteria", numeric=[3, 4]))
        stages = c.stages
        block.append(_table(
            ["stage", "decisions", "type", "partners\u2019 share of the power", "IAP2",
             "Arnstein", "TLAP"],
            [[stage, _count(row["decisions"]),
              row["type"] if row["decisions"] else "no decision recorded",
              _Num(row["partner_power"]) if row["decisions"] else None,
              row["iap2"], row["arnstein"], row["tlap"]]
             for stage, row in stages.iterrows()],
            css="cp-ladder-stages", caption="Stages", numeric=[1, 3]))
        if len(c.decisions):
            block.append(_table(
                ["decision", "stage", "weight", "holders", "partners\u2019 share of the power",
                 "convenors carry it alone", "shared equally", "type"],
                [[_Id(did), row["stage"], _Num(row["weight"], 1), _count(row["holders"]),
                  _Num(row["partner_power"]), row["convenors_carry"], row["shared_equally"],
                  row["type"]] for did, row in c.decisions.iterrows()],
                css="cp-ladder-decisions", caption="Evidence: each decision",
                numeric=[2, 3, 4]))
        learning = c.evidence[c.evidence["relation"].notna()]
        if len(learning):
            block.append(_table(
                ["partner", "relation", "learns both ways", "reading"],
                [[_Id(row["stakeholder"]), _Id(row["relation"]), row["met"], _Long(row["note"])]
                 for _, row in learning.iterrows()],
                css="cp-ladder-learning",
                caption="Evidence: learning between partners and convenors"))
        block.append(_p(
            f"The full evidence ({_plural(len(c.evidence), 'row')}: every stakeholder\u2019s "
            f"right and effective right in every decision judged) is in "
            f"<code>cp.ladder.classify(net, {_esc(repr(c.project))}).evidence</code>."))
        block.append("</div>")
        parts.append("".join(block))
    if plot is None:
        parts.append(_no_charts_note())
    elif not s.ladder_default:
        parts.append(_note("The ladder chart draws the default criteria; it is left out because "
                           "this report uses other settings (see the settings at the end). The "
                           "tables above give every reading."))
    else:
        parts.append(_charts([_chart(
            lambda ax: plot.ladder(net, ax=ax), key="chart-ladder",
            size=(max(6.5, 1.9 * len(r.classified) + 3.5), 4.6),
            description="Claimed and computed rung of every project and the rung of each stage",
            caption="Every project of the data on the rungs of the ladder: the open red circle "
                    "is the type claimed, the filled blue circle the type computed (an arrow "
                    "joins them when they differ), the grey squares the type read from each "
                    "stage\u2019s decisions alone.")]))
    return _section("ladder", "3. The collaboration ladder", "".join(parts))


def _anchor(value: str) -> str:
    """An id fragment made of safe characters (the project id itself is shown escaped)."""
    return re.sub(r"[^A-Za-z0-9_-]", "_", value)[:60]


def _tokenism_section(net: Network, s: _Settings, r: _Readings) -> str:
    parts = [_p(
        "<dfn>Tokenism</dfn> is involving people in a way that looks like sharing power "
        "without sharing it. The <em>Draft manifesto for coproduction in health and care "
        "research</em> asks partnerships to \u201cBe honest with yourself and others when "
        "you\u2019re involved in tokenistic practice\u201d. The report looks for five signs in "
        "the data:")]
    parts.append("<ul>" + "".join(f"<li><strong>{_esc(kind.replace('_', ' '))}</strong>: "
                                  f"{_esc(words)}</li>" for kind, words in _TOKENISM_WORDS)
                 + "</ul>")
    people = net.stakeholders[net.stakeholders["kind"].astype(object) != "object"]
    rated = int(people["influence"].notna().sum())
    paid = int(people["paid"].notna().sum())
    gap = s.tokenism_threshold if s.tokenism_threshold is not None else (
        0.5 if s.tokenism_influence == "rank" else 0.1)
    compared = ("percentile ranks" if s.tokenism_influence == "rank" else "shares")
    checked = (f"Checked: the rights of {_plural(net.num_decisions, 'decision')}; pay, coded "
               f"for {paid} of {len(people)} people; rated influence (as in a Net-Map "
               f"interview, Schiffer &amp; Hauck 2010), coded for {rated} of {len(people)} "
               f"people, compared with decision power as {compared}, a gap of {gap:g} or more "
               f"being a finding. "
               + ("Convenors are reported too." if s.tokenism_include_convenors
                  else "Only partners are reported."))
    if s.project:
        checked += (" Tokenism is read over the whole network, every project, as the rated "
                    "influence of a stakeholder belongs to no one project.")
    if rated == 0:
        checked += (" Without rated influence, influence and formal power cannot be compared: "
                    "ask stakeholders to rate each other\u2019s influence to check it.")
    found = r.tokenism
    if len(found) == 0:
        parts.append(_note("No sign of tokenism was found in these data. " + checked))
        return _section("tokenism", "4. Tokenism", "".join(parts))
    parts.append(_p(checked))
    # The project and decision columns only when some finding is about one decision.
    where = [c for c in ("project", "decision") if found[c].notna().any()]
    parts.append(_table(
        ["stakeholder", "sign", *where, "value", "evidence"],
        [[_Id(sid), str(row["kind"]).replace("_", " "), *[_Id(row[c]) for c in where],
          _Num(row["value"]), _Long(row["evidence"])] for sid, row in found.iterrows()],
        css="cp-tokenism", caption=f"Signs of tokenism ({len(found)})",
        numeric=[2 + len(where)]))
    parts.append(_p(
        "The value is the number of decisions for \u201cno power\u201d and \u201cunpaid\u201d, "
        "the votes for \u201cnominal share\u201d, and the gap between influence and power "
        "(positive: more influence than power) for the last two signs. A sign is a question "
        "to ask of the partnership, not a verdict on it."))
    return _section("tokenism", "4. Tokenism", "".join(parts))


def _scorecard_section(net: Network, s: _Settings, r: _Readings) -> str:
    card = r.card
    scope = (f" Only project <strong>{_esc(s.project)}</strong> is read." if s.project else "")
    parts = [_p(
        "National Museums Liverpool\u2019s <em>Co-production Framework</em> lays twelve "
        "principles under all its co-production. The scorecard reads each against the data: "
        "an indicator, its value and a verdict against a stated threshold (meets, partly, "
        "does not meet), or <em>not measurable from these data</em> with what would need to be "
        "recorded to measure it. The verdicts read the recorded data against stated rules; "
        "they are not a grade of the partnership." + scope)]
    counts = card["verdict"].value_counts()
    parts.append(_p("; ".join(f"{_verdict(v).html} {int(counts.get(v, 0))}"
                              for v in _audit.VERDICTS)))
    rows = []
    for name, row in card.iterrows():
        measurable = row["verdict"] != _audit.NOT_MEASURABLE
        rows.append([name, _verdict(str(row["verdict"])), _Num(row["value"]),
                     _Long(row["indicator"]),
                     _Long(row["threshold"] if measurable else "needs: " + _no_paths(row["needs"])),
                     _Long(_no_paths(row["evidence"]))])
    parts.append(_table(["principle", "verdict", "value", "indicator", "rule, or what is needed",
                         "evidence"], rows, css="cp-scorecard",
                        caption="The twelve principles", numeric=[2]))
    parts.append(_p(
        "Terms used above: the Herfindahl-Hirschman index (HHI) of decision power is the sum "
        "of the squared shares, high when few hold most of it (Hirschman 1964); its normalised "
        "form HHI* runs from 0 (an even spread) to 1 (one holder of everything). The parity "
        "ratio and centralization are explained in the power and structure sections."))
    return _section("scorecard", "5. The principles scorecard", "".join(parts))


_STRUCTURE_COLUMNS = (("relations", "relations", 0), ("density", "density", 3),
                      ("reciprocity", "reciprocity", 3),
                      ("degree_centralization", "degree centralization", 3),
                      ("betweenness_centralization", "betweenness centralization", 3),
                      ("closeness_centralization", "closeness centralization", 3))


def _structure_rows(table: pd.DataFrame) -> List[List[Any]]:
    return [[name] + [_Num(row[c], d) for c, _, d in _STRUCTURE_COLUMNS]
            for name, row in table.iterrows()]


def _structure_section(net: Network, s: _Settings, r: _Readings,
                       plot: Optional[ModuleType]) -> str:
    parts = [_p(
        "\u201cThe coproduction myth\u201d (2015) argues that co-production is a relationship "
        "(status, power, shared purpose, the ability to communicate, trust), not a process or a "
        "tool. This section reads the recorded relations. A <dfn>layer</dfn> is the set of "
        "relations of one type (who informs whom, who trusts whom) read on its own; "
        "<em>all</em> reads every relation together. <dfn>Density</dfn> is the share of all "
        "ordered pairs of stakeholders joined by a relation of the layer. "
        "<dfn>Reciprocity</dfn> is the share of ties that are returned: A to B and B to A. "
        "<dfn>Centralization</dfn> (Freeman 1979) says how much a layer\u2019s ties gather on "
        "one stakeholder: 0 when every stakeholder is placed alike, 1 for a star in which "
        "everything runs through one; <em>degree</em> counts ties, <em>betweenness</em> how "
        "often one stands on the shortest path between two others (a gatekeeper), "
        "<em>closeness</em> how near one is to all the others. Objects are left out of these "
        "measures, so a layer that only joins people to objects has no relation here."
        + (" Relations belong to no project: this section reads the whole network."
           if s.project else ""))]
    if net.num_relations == 0:
        parts.append(_note("The data record no relation, so the structure of the partnership "
                           "cannot be read. Record who informs, consults, trusts and learns "
                           "from whom to read it."))
        return _section("structure", "6. The structure of the relations", "".join(parts))
    table = r.structure
    people = int(table["stakeholders"].iloc[0]) if len(table) else 0
    if people < 3:
        parts.append(_note(f"With {_plural(people, 'stakeholder')} other than objects, "
                           f"centralization is not defined (it needs three)."))
    header = ["layer"] + [h for _, h, _ in _STRUCTURE_COLUMNS]
    numeric = list(range(1, len(header)))
    parts.append(_table(header, _structure_rows(table), css="cp-structure",
                        caption=f"Each layer, by relation type ({people} stakeholders)",
                        numeric=numeric))
    if len(r.scales):
        parts.append(_p(
            "Relations can be recorded at one of three <dfn>scales</dfn>, from the abstract "
            "<em>Co-Producing Health and Wellbeing Programmes in the Museum</em>: the session, "
            "the institution and the place. Every relation at each scale, read together:"))
        unscaled = int(net.relations["scale"].isna().sum())
        parts.append(_table(["scale"] + header[1:], _structure_rows(r.scales),
                            css="cp-structure-scales", caption="Each scale, all relation types",
                            numeric=numeric))
        if unscaled:
            parts.append(_p(f"{_plural(unscaled, 'relation')} with no scale recorded "
                            f"{'is' if unscaled == 1 else 'are'} in no row of this table."))
    else:
        parts.append(_p("No relation has a scale recorded (session, institution or place), so "
                        "the layers cannot be read scale by scale."))
    if plot is None:
        parts.append(_no_charts_note())
    elif people > 2:
        parts.append(_charts([_chart(
            lambda ax: plot.centralization(net, ax=ax), key="chart-centralization",
            size=(max(6.5, 0.75 * len(table) + 3.0), 4.4),
            description="Degree, betweenness and closeness centralization of each layer",
            caption="Centralization of each layer: 0 when every stakeholder is placed alike, "
                    "1 for a star (n/a: the layer is too small).")]))
    return _section("structure", "6. The structure of the relations", "".join(parts))


def _data_section(net: Network, s: _Settings, r: _Readings) -> str:
    parts = [_p(
        "Every number in this report rests on what was recorded. A field that was not coded "
        "is reported as <em>not coded</em>, never guessed; this section says what the data "
        "leave out, and so what the report cannot see.")]
    stakeholders = net.stakeholders
    people = stakeholders[stakeholders["kind"].astype(object) != "object"]
    n = len(people)
    if n:
        rows: List[List[Any]] = [[_Id(field), _count(people[field].isna().sum()), _count(n),
                                  words] for field, words in _FIELDS]
        groups = people[people["kind"].astype(object) == "group"]
        rows.append([_Id("size"), _count(groups["size"].isna().sum()), _count(len(groups)),
                     "head counts of groups; a group without one counts as one person"])
        parts.append(_table(["field", "not coded", "of", "what it affects"], rows,
                            css="cp-uncoded",
                            caption="Stakeholder fields not coded (people, groups and "
                                    "organisations; objects left out)", numeric=[1, 2]))
        listed = people.index.isin(net.rights.index.get_level_values("stakeholder"))
        outside = people.index[~listed]
        parts.append(_p(
            f"{_plural(len(outside), 'of the people holds', 'of the people hold')} no recorded "
            f"right (not even <em>none</em>) in any decision"
            + (f": {_ids(list(outside))}." if len(outside) else ".")
            + " Rights not recorded cannot be told from rights not held."))
    else:
        parts.append(_note("No person, group or organisation is recorded."))
    relations = net.relations
    m = len(relations)
    if m:
        said = {name: int(relations[name].notna().sum())
                for name in ("reported_by", "date", "method")}
        every = int(relations[["reported_by", "date", "method"]].notna().all(axis=1).sum())
        nothing = int(relations[["reported_by", "date", "method"]].isna().all(axis=1).sum())
        rows = [["who reported it (reported_by)", _count(said["reported_by"]), _count(m)],
                ["when (date)", _count(said["date"]), _count(m)],
                ["how it was found (method)", _count(said["method"]), _count(m)],
                ["all three", _count(every), _count(m)],
                ["none of them", _count(nothing), _count(m)],
                ["a scale (session, institution, place)",
                 _count(relations["scale"].notna().sum()), _count(m)]]
        parts.append(_table(["relations recording", "relations", "of"], rows,
                            css="cp-provenance", caption="Where the relations come from",
                            numeric=[1, 2]))
        if s.show_labels and said["method"]:
            methods = _counts(relations["method"])
            parts.append(_table(["method", "relations"], [(k, _count(c)) for k, c in methods],
                                css="cp-provenance-methods",
                                caption="Relations by method of finding"))
        parts.append(_p(
            "The provenance itself (who reported what, and how) is free text and is not shown"
            + (" beyond the methods above." if s.show_labels else
               "; make the report with show_labels=True to count relations by method.")))
    else:
        parts.append(_note("No relation is recorded, so nothing is known about ties between "
                           "stakeholders."))
    with_attributes = int(stakeholders["attributes"].notna().sum())
    parts.append(_p(
        f"Stakeholders carry no provenance fields in the data format; "
        f"{with_attributes} of {len(stakeholders)} carry free attributes, which the report "
        f"never shows."))
    projects = net.projects
    if len(projects):
        unclaimed = projects.index[projects["claimed"].isna()]
        with_decisions = set(net.decisions["project"])
        idle = [pid for pid in projects.index if pid not in with_decisions]
        rows = [[_Id(c.project), c.claimed if c.claimed is not None else "not coded",
                 _count(len(c.decisions)),
                 ", ".join(str(st) for st, row in c.stages.iterrows() if row["decisions"] == 0)
                 or "\u2014"] for c in r.projects]
        parts.append(_table(["project", "claimed type", "decisions", "stages with no decision"],
                            rows, css="cp-project-coverage",
                            caption="What each project records", numeric=[2]))
        if len(unclaimed):
            parts.append(_p(f"No type is claimed for {_ids(list(unclaimed))}: the ladder "
                            f"cannot say whether the claim holds."))
        if idle:
            parts.append(_p(f"No decision is recorded for {_ids(idle)}."))
    else:
        parts.append(_note("No project is recorded."))
    if s.show_labels and isinstance(net.metadata, dict):
        meta = net.metadata
        shown = [(k, meta[k]) for k in ("title", "source", "description") if meta.get(k)]
        if shown:
            parts.append(_table(["about the data set", ""],
                                [[k, _Long("; ".join(map(str, v)) if isinstance(v, list) else v)]
                                 for k, v in shown], css="cp-metadata"))
    return _section("data", "7. What the data do and do not say", "".join(parts))


def _sources_section() -> str:
    parts = [_p("The report\u2019s concepts come from five public documents about co-production "
                "in museums, health and social care, cited by their titles:"),
             '<ol class="cp-sources">' + "".join(f"<li>{s}</li>" for s in _SOURCES) + "</ol>",
             _p("and from these published methods:"),
             '<ul class="cp-methods">' + "".join(f"<li>{m}</li>" for m in _METHODS) + "</ul>"]
    return _section("sources", "8. Sources", "".join(parts))


def _footer(s: _Settings) -> str:
    tables = []
    for group, rows in s.groups():
        lines = "".join(f'<tr data-setting="{_esc(name)}"><td class="id">'
                        f"{_esc(name.split('.', 1)[-1])}</td><td class=\"id\">{_esc(value)}</td>"
                        f"</tr>" for name, value in rows)
        tables.append(f'<table class="cp-settings"><caption>{_esc(group)}</caption><thead><tr>'
                      f"<th>setting</th><th>value</th></tr></thead><tbody>{lines}</tbody>"
                      f"</table>")
    return (f'<footer id="settings"><p>Made with coproduction {_esc(_core.__version__)} on '
            f"{_esc(s.date)}. Every setting of the report, so that it can be made again "
            f"(<code>cp.report(net, ...)</code> with these keywords):</p>"
            f'<div class="tables">{"".join(tables)}</div></footer>')


# -- the page ----------------------------------------------------------------------------


_CONTENTS = (("summary", "Who and what the data record"), ("power", "Who holds decision power"),
             ("ladder", "The collaboration ladder"), ("tokenism", "Tokenism"),
             ("scorecard", "The principles scorecard"),
             ("structure", "The structure of the relations"),
             ("data", "What the data do and do not say"), ("sources", "Sources"))


def _page(net: Network, s: _Settings) -> str:
    readings = _read(net, s)
    plot = _plot_module()
    about = ""
    if s.show_labels and isinstance(net.metadata, dict) and net.metadata.get("title"):
        about = f"<br/>Data: {_esc(net.metadata['title'])}"
    scope = f"; project {_esc(s.project)}" if s.project else ""
    head = (f'<header><h1>{_esc(s.title)}</h1><p class="subtitle">{_esc(s.date)}{scope}{about}'
            f"</p>"
            + _p("This report reads what a researcher recorded about a co-production "
                 "partnership (who the stakeholders are, how they relate, and who holds which "
                 "right in which decision) and shows where power sits. It is written for the "
                 "people who commission, fund or run the partnership. Each technical term is "
                 "explained where it first appears; every number comes from the coproduction "
                 "library with the settings listed at the end.")
            + '<nav><ol>' + "".join(f'<li><a href="#{k}">{_esc(t)}</a></li>'
                                    for k, t in _CONTENTS) + "</ol></nav></header>")
    body = "".join([
        head,
        "<main>",
        _summary_section(net, s, readings),
        _power_section(net, s, readings, plot),
        _ladder_section(net, s, readings, plot),
        _tokenism_section(net, s, readings),
        _scorecard_section(net, s, readings),
        _structure_section(net, s, readings, plot),
        _data_section(net, s, readings),
        _sources_section(),
        "</main>",
        _footer(s),
    ])
    return ("<!DOCTYPE html>\n"
            '<html lang="en"><head><meta charset="utf-8"/>'
            '<meta name="viewport" content="width=device-width, initial-scale=1"/>'
            f"<title>{_esc(s.title)}</title><style>{_CSS}</style></head>"
            f"<body>{body}</body></html>\n")


@overload
def report(net: Network, path: None = None, *, project: Optional[str] = ...,
           by: str = ..., index: str = ..., weighted: bool = ...,
           ladder_config: Optional[_ladder.LadderConfig] = ...,
           principles_config: Optional[_audit.PrinciplesConfig] = ...,
           tokenism_influence: str = ..., tokenism_threshold: Optional[float] = ...,
           tokenism_include_convenors: bool = ..., show_labels: bool = ...,
           title: Optional[str] = ..., date: Union[str, _dt.date, None] = ...,
           max_drawn: int = ...) -> str: ...


@overload
def report(net: Network, path: PathLike, *, project: Optional[str] = ...,
           by: str = ..., index: str = ..., weighted: bool = ...,
           ladder_config: Optional[_ladder.LadderConfig] = ...,
           principles_config: Optional[_audit.PrinciplesConfig] = ...,
           tokenism_influence: str = ..., tokenism_threshold: Optional[float] = ...,
           tokenism_include_convenors: bool = ..., show_labels: bool = ...,
           title: Optional[str] = ..., date: Union[str, _dt.date, None] = ...,
           max_drawn: int = ...) -> Path: ...


@reads_network
def report(net: Network, path: Optional[PathLike] = None, *, project: Optional[str] = None,
           by: str = "role", index: str = "banzhaf", weighted: bool = True,
           ladder_config: Optional[_ladder.LadderConfig] = None,
           principles_config: Optional[_audit.PrinciplesConfig] = None,
           tokenism_influence: str = "rank", tokenism_threshold: Optional[float] = None,
           tokenism_include_convenors: bool = False, show_labels: bool = False,
           title: Optional[str] = None, date: Union[str, _dt.date, None] = None,
           max_drawn: int = _display.MAX_DRAWN) -> Union[str, Path]:
    """The report of a network: one self-contained HTML page, written for the people who
    commission, fund or run a partnership.

    Eight sections, each a ``<section>`` with a stable id: ``summary`` (who and what the data
    record, the projects' claimed and computed types, a drawing), ``power`` (decision power by
    group, parity, Gini, veto players), ``ladder`` (each project on the collaboration ladder
    with its evidence), ``tokenism``, ``scorecard`` (the twelve principles), ``structure``
    (density, reciprocity and centralization of each relation type and scale), ``data``
    (what was not coded, provenance) and ``sources``; then a footer with the library's
    version, the date and every setting.

    Parameters
    ----------
    net : Network
    path : str or os.PathLike, optional
        Write the page to this file, atomically (a temporary file renamed over it; an
        existing file keeps its permissions), and return the path. None returns the HTML.
    project : str, optional
        Read only this project: its decisions and the people taking part in it for decision
        power and the scorecard, and only it on the ladder.
    by : str, default "role"
        The grouping of decision power: a stakeholder column (``"role"``, ``"kind"``,
        ``"sector"``, ``"expertise"``, ``"under_served"``, ``"paid"``) or ``"convenor"``.
    index : str, default "banzhaf"
        The power index of each decision: ``"banzhaf"``, ``"shapley_shubik"``,
        ``"deegan_packel"``, ``"holler"`` or ``"johnston"``.
    weighted : bool, default True
        Count each decision by its ``weight`` (the package's one default); False counts each
        once.
    ladder_config : coproduction.ladder.LadderConfig, optional
        The ladder's thresholds; by default ``LadderConfig(weighted=weighted)``. Its
        ``weighted`` must equal ``weighted``.
    principles_config : coproduction.audit.PrinciplesConfig, optional
        The scorecard's thresholds; by default ``PrinciplesConfig(index=index,
        weighted=weighted)``. Its ``index`` and ``weighted`` must equal the report's.
    tokenism_influence : {"rank", "share"}, default "rank"
    tokenism_threshold : float, optional
    tokenism_include_convenors : bool, default False
        The ``influence``, ``threshold`` and ``include_convenors`` of
        :func:`coproduction.ladder.tokenism`.
    show_labels : bool, default False
        Show free text as well: the stakeholders' and projects' labels, the data set's title,
        source and description, and relations counted by method. By default only ids, kinds,
        roles and types are shown.
    title : str, optional
        The page's title; "Where power sits: a co-production report" by default.
    date : str or datetime.date, optional
        The date printed on the report, ISO format (``"2024-05-31"``); today by default.
        With the same network, settings and date the page is the same, byte for byte.
    max_drawn : int, default 300
        Above this many stakeholders the drawing of the network is left out.

    Returns
    -------
    str or pathlib.Path
        The HTML text, or the path written.

    Raises
    ------
    coproduction.InputError
        A bad argument, naming it: ``net`` not a Network, an unknown ``project`` or ``by``
        column, an unknown ``index``, a configuration that disagrees with ``index`` or
        ``weighted``, a bad ``date``, ``path`` neither a path nor None.
    OSError
        The file cannot be written (an existing file is left untouched).
    coproduction.LimitError
        A decision too large for the exact index (as :func:`coproduction.power.decision_power`).

    Notes
    -----
    Every number is one that a public function returns with the same settings:
    :func:`coproduction.power.power_shares`, :func:`coproduction.power.decision_power`,
    :func:`coproduction.power.convenor_carried_share`, :func:`coproduction.power.veto_players`,
    :func:`coproduction.metrics.gini`, :func:`coproduction.ladder.classify`,
    :func:`coproduction.ladder.tokenism`, :func:`coproduction.audit.principles` and
    :func:`coproduction.metrics.summary`. Tables show three decimals; each number cell keeps
    the exact value in its ``data-value`` attribute. Charts (:mod:`coproduction.plot`) need
    matplotlib (``pip install coproduction[plot]``); without it the report says so and gives
    the tables.

    Examples
    --------
    >>> import coproduction as cp
    >>> page = cp.report(cp.examples.load("twam_partners_2013"), date="2024-01-31")
    >>> page.startswith("<!DOCTYPE html>"), "<script" in page
    (True, False)
    """
    network_core(net)
    if path is not None and not isinstance(path, (str, os.PathLike)):
        raise input_error("path", f"a file path or None, not {type(path).__name__}")
    settings = _settings(net, project=project, by=by, index=index, weighted=weighted,
                         ladder_config=ladder_config, principles_config=principles_config,
                         tokenism_influence=tokenism_influence,
                         tokenism_threshold=tokenism_threshold,
                         tokenism_include_convenors=tokenism_include_convenors,
                         show_labels=show_labels, title=title, date=date, max_drawn=max_drawn)
    page = _page(net, settings)
    if path is None:
        return page
    target = Path(os.fspath(path))
    _core.write_text(os.fspath(target), page)  # the core's atomic writer (io/file.hpp)
    return target


def __dir__() -> List[str]:
    return list(__all__)
