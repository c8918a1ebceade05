"""Notebook display: a network as a summary and a drawing, every result as its headline
and its evidence.

Jupyter shows an object through its ``_repr_html_``; :class:`~coproduction.Network`,
:class:`~coproduction.ladder.Classification`, :class:`~coproduction.power.CoalitionCount`,
the tables the package returns (the principles scorecard, the tokenism findings, the ladder of
every project, decision power, bloc power, power shares, veto players: DataFrames of the
private ``_results`` module) and the E-I index, brokerage and inequality decompositions
delegate to :func:`html`. A result shows one sentence saying what it finds, a line on the
measure, and the tables behind the sentence. The markup is static HTML with inline styles
and, for a network, an inline SVG: no JavaScript, no style sheet, no request to any server,
so it shows the same in an untrusted notebook, on GitHub and through nbconvert.

What a researcher typed as free text (labels, attributes, provenance, descriptions) may name
people; the display shows ids, kinds, roles and the package's own words only, unless
``show_labels=True``. Every string is escaped, so an id such as ``<script>`` shows as text.

A new kind of result gets a display with a class (a ``_results.ResultFrame`` subclass, or a
``_repr_html_`` calling :func:`html`), a renderer below and a row in
``_result_renderers``.

docs/display.md shows the display and what each part means.
"""

from __future__ import annotations

import hashlib
import math
from typing import Any, Dict, List, Optional, Sequence, Tuple

import numpy as np
import pandas as pd

from . import _html
from . import layout as _layout
from ._groups import NOT_CODED
from ._html import text

__all__ = ["html", "svg", "MAX_DRAWN"]

#: Above this many stakeholders the network display gives the summary without the drawing:
#: an SVG of thousands of elements makes a notebook slow to open and to scroll.
MAX_DRAWN = 300

#: Side of the square drawing area and the margin around it, in SVG user units (pixels).
_SIDE = 560.0
_MARGIN = 28.0
_LEGEND_WIDTH = 230.0
_LEGEND_ROW = 16.0
#: Above this many stakeholders the nodes carry tooltips but no text label.
_MAX_LABELLED = 80
_NO_ROLE = NOT_CODED  # the one label of a missing group, as every grouping of the package
#: A stand-in for the marker id prefix while the drawing is written: NUL cannot come from
#: escaped data (``_html.text`` replaces it), so it marks only the places to fill in.
_PREFIX = "\x00p\x00"
_FONT = "font-family:-apple-system,'Segoe UI',Helvetica,Arial,sans-serif"


def html(obj: Any, *, show_labels: bool = False, max_drawn: int = MAX_DRAWN) -> str:
    """The notebook display of a network, a ladder reading, a coalition count or a result.

    Parameters
    ----------
    obj : Network, Classification, CoalitionCount or a result
        A result is what ``cp.audit.principles``, ``cp.ladder.tokenism``,
        ``cp.ladder.classify_all``, ``cp.power.decision_power`` (and ``power_by_stage``,
        ``power_by_project``), ``cp.power.bloc_power``, ``cp.power.power_shares``,
        ``cp.power.veto_players``, ``cp.metrics.ei_index``, ``cp.metrics.brokerage`` and the
        inequality decompositions return; a frame derived from one (a slice, a copy) is a
        plain DataFrame and is refused.
    show_labels : bool, default False
        Show free text as well: stakeholder and project labels, the data set's title.
        By default only ids, kinds, roles, types and the package's own words are shown.
    max_drawn : int, default MAX_DRAWN
        A network with more stakeholders is summarised without the drawing.

    Returns
    -------
    str
        Static HTML with inline styles (and, for a network, an inline SVG).

    Raises
    ------
    TypeError
        ``obj`` is none of these (a plain DataFrame, for one).

    Notes
    -----
    The display of a network or a result never raises: a part that cannot be made (the
    ladder reading, the layout, a result's headline) is left out with a line saying so, and
    the plain ``repr`` or the bare table is shown instead.

    Examples
    --------
    >>> import coproduction as cp
    >>> page = cp.display.html(cp.examples.load("twam_partners_2013"))
    >>> "<svg" in page, "<script" in page
    (True, False)
    """
    from .ladder import Classification
    from .network import Network
    from .power import CoalitionCount

    if isinstance(obj, Network):
        return _network_html(obj, show_labels=show_labels, max_drawn=max_drawn)
    if isinstance(obj, Classification):
        return _classification_html(obj, show_labels=show_labels)
    if isinstance(obj, CoalitionCount):
        return _coalition_count_html(obj)
    # By type, not isinstance: a plain DataFrame passes isinstance against the result
    # frames (see _results), and is not one.
    for kind, renderer in _result_renderers():
        if issubclass(type(obj), kind):
            return _result_html(obj, renderer, show_labels)
    raise TypeError(f"cp.display.html shows a Network, a Classification, a CoalitionCount or "
                    f"a result of the package, not {type(obj).__name__}")


# -- network: summary --------------------------------------------------------------------


def _coded(values: Sequence[Any]) -> "pd.Series[str]":
    """The values as text, a missing one as the label of a missing group."""
    series = pd.Series(list(values), dtype=object)
    return series.where(series.notna(), _NO_ROLE).astype(str)


def _counts(values: Sequence[Any], order: Optional[Sequence[str]] = None) -> List[Tuple[str, int]]:
    """(value, count) pairs: in ``order`` when given, else most frequent first, ties by name."""
    series = _coded(values)
    counts = series.value_counts()
    if order is not None:
        return [(k, int(counts[k])) for k in order if k in counts.index]
    return sorted(((str(k), int(c)) for k, c in counts.items()), key=lambda kc: (-kc[1], kc[0]))


def _plural(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def _note(message: str) -> str:
    return f'<p class="cp-note" style="margin:0.3em 0;color:#555">{text(message)}</p>'


def _projects_part(net: Any, show_labels: bool) -> str:
    projects = net.projects
    if projects.empty:
        return ""
    header = ["project"] + (["label"] if show_labels else []) + ["claimed"]
    with_decisions = set(net.decisions["project"]) & set(projects.index)
    computed: Optional[pd.DataFrame] = None
    note = ""
    if with_decisions:
        try:
            from . import ladder
            computed = ladder.classify_all(net)
            header += ["computed", "matches claim"]
        except Exception as error:  # the summary stands without the reading
            note = _note(f"The computed type could not be read ({type(error).__name__}).")
    rows = []
    for pid, row in projects.iterrows():
        cells: List[Any] = [pid]
        if show_labels:
            cells.append(row["label"])
        cells.append(row["claimed"])
        if computed is not None:
            if pid in computed.index:
                cells += [computed.at[pid, "type"], computed.at[pid, "matches_claim"]]
            else:
                cells += [None, None]
        rows.append(cells)
    return _html.table(header, rows, css_class="cp-projects", caption="Projects") + note


def _summary(net: Any, show_labels: bool) -> str:
    stakeholders = net.stakeholders
    relations = net.relations
    from .network import KINDS

    head = (f"{_plural(len(stakeholders), 'stakeholder')}, "
            f"{_plural(len(relations), 'relation')}, "
            f"{_plural(net.num_projects, 'project')}, "
            f"{_plural(net.num_decisions, 'decision')}")
    title = ""
    if show_labels and isinstance(net.metadata, dict) and net.metadata.get("title"):
        title = f"<div>{text(net.metadata['title'])}</div>"
    parts = [f'<div style="margin-bottom:0.4em"><strong>coproduction.Network</strong>: '
             f"{text(head)}{title}</div>",
             '<div style="display:flex;flex-wrap:wrap;gap:0 2em;align-items:flex-start">']
    if len(stakeholders):
        parts.append(_html.table(["kind", "stakeholders"],
                                 _counts(list(stakeholders["kind"].astype(object)), KINDS),
                                 css_class="cp-kinds", caption="Stakeholders by kind"))
        parts.append(_html.table(["role", "stakeholders"], _counts(list(stakeholders["role"])),
                                 css_class="cp-roles", caption="Stakeholders by role"))
    if len(relations):
        parts.append(_html.table(["type", "relations"], _counts(list(relations["type"])),
                                 css_class="cp-relation-types", caption="Relations by type"))
    parts.append("</div>")
    try:
        parts.append(_projects_part(net, show_labels))
    except Exception as error:
        parts.append(_note(f"The projects could not be listed ({type(error).__name__})."))
    return "".join(parts)


def _network_html(net: Any, *, show_labels: bool, max_drawn: int) -> str:
    try:
        body = _summary(net, show_labels)
    except Exception:  # never let a notebook cell fail on display: the plain repr instead
        try:
            return f"<pre>{text(repr(net))}</pre>"
        except Exception:
            return "<pre>coproduction.Network</pre>"
    try:
        n = net.num_stakeholders
        if n == 0:
            drawing = _note("No stakeholders: nothing to draw.")
        elif n > max_drawn:
            drawing = _note(f"The drawing is left out above {max_drawn} stakeholders to keep "
                            f"the notebook light; cp.display.svg(net) draws it.")
        else:
            drawing = svg(net, show_labels=show_labels)
    except Exception as error:
        drawing = _note(f"The drawing could not be made ({type(error).__name__}).")
    return (f'<div class="cp-network" style="{_FONT};font-size:13px;line-height:1.35">'
            f"{body}{drawing}</div>")


# -- network: drawing --------------------------------------------------------------------


def _positions(net: Any) -> pd.DataFrame:
    frame = _layout.positions(net, method="fruchterman_reingold", include_objects=True, seed=0)
    xy: pd.DataFrame = frame[["x", "y"]]
    return xy


def _colours(values: Sequence[str], palette: Sequence[str]) -> Dict[str, str]:
    """A colour for each distinct value, in sorted order (``not coded`` last), cycling."""
    keys = sorted(set(values), key=lambda v: (v == _NO_ROLE, v))
    return {k: palette[i % len(palette)] for i, k in enumerate(keys)}


def _f(value: float) -> str:
    return f"{value:.1f}"


def _edge_path(p: Tuple[float, float], q: Tuple[float, float], r: float, bend: int) -> str:
    """The path of one relation from p to q: a quadratic curve bent to the left of its
    direction (so a reciprocal pair shows as two arcs), more for each parallel relation;
    it starts and ends at the node's rim so the arrow head stays visible."""
    (px, py), (qx, qy) = p, q
    dx, dy = qx - px, qy - py
    length = math.hypot(dx, dy)
    if length < 2 * r + 2:  # the same stakeholder, or nodes that touch: a loop above p
        return (f"M{_f(px - r * 0.6)},{_f(py - r * 0.8)} C{_f(px - 3 * r)},{_f(py - 5 * r)} "
                f"{_f(px + 3 * r)},{_f(py - 5 * r)} {_f(px + r * 0.6)},{_f(py - r * 0.8)}")
    offset = (0.08 + 0.08 * bend) * length
    cx = (px + qx) / 2 + dy / length * offset
    cy = (py + qy) / 2 - dx / length * offset

    def rim(ax: float, ay: float, gap: float) -> Tuple[float, float]:
        ux, uy = cx - ax, cy - ay
        norm = math.hypot(ux, uy) or 1.0
        return ax + ux / norm * gap, ay + uy / norm * gap

    sx, sy = rim(px, py, r)
    ex, ey = rim(qx, qy, r + 1.0)
    return f"M{_f(sx)},{_f(sy)} Q{_f(cx)},{_f(cy)} {_f(ex)},{_f(ey)}"


def svg(net: Any, *, show_labels: bool = False) -> str:
    """A static SVG drawing of a network, whatever its size.

    One circle per stakeholder (a square for an object), filled by role; one arrow per
    relation, coloured by type; legends for both; each stakeholder's id as its tooltip
    (``<title>``) and, up to 80 stakeholders, as a short text label. Positions come from
    ``cp.layout.positions(net, method="fruchterman_reingold", include_objects=True,
    seed=0)``, so the same network is always drawn the same way.

    Parameters
    ----------
    net : Network
    show_labels : bool, default False
        Label nodes (and tooltips) with the stakeholders' labels instead of their ids.

    Returns
    -------
    str
        An ``<svg>`` element, with no script and no external reference.

    Raises
    ------
    Exception
        Whatever the layout raises; :func:`html` catches it and shows the summary alone.
    """
    stakeholders = net.stakeholders
    relations = net.relations
    n = len(stakeholders)
    ids = list(stakeholders.index)
    roles = list(_coded(stakeholders["role"]))
    kinds = [str(k) for k in stakeholders["kind"].astype(object)]
    labels = [lab if isinstance(lab, str) else pid
              for pid, lab in zip(ids, stakeholders["label"])]
    types = [str(t) for t in relations["type"]]
    role_colour = _colours(roles, _html.ROLE_COLOURS)
    type_colour = _colours(types, _html.RELATION_COLOURS)
    type_index = {t: i for i, t in enumerate(type_colour)}

    where: Dict[str, Tuple[float, float]] = {}
    if n:
        pos = _positions(net).reindex(ids)
        if pos.isna().to_numpy().any():
            missing = pos.index[pos.isna().any(axis=1)][0]
            raise ValueError(f"the layout gave no position for stakeholder {missing!r}")
        span = _SIDE
        for pid, x, y in zip(ids, pos["x"].to_numpy(float), pos["y"].to_numpy(float)):
            where[pid] = (_MARGIN + min(max(x, 0.0), 1.0) * span,
                          _MARGIN + (1.0 - min(max(y, 0.0), 1.0)) * span)
    r = max(3.0, min(8.0, 120.0 / math.sqrt(max(n, 1))))
    stroke = 1.2 if len(relations) <= 200 else 0.8

    body: List[str] = []
    # Relations first, so nodes sit on top of them.
    body.append('<g class="cp-relations" fill="none">')
    seen: Dict[Tuple[str, str], int] = {}
    for source, target, kind in zip(relations["source"], relations["target"], types):
        bend = seen.get((source, target), 0)
        seen[(source, target)] = bend + 1
        d = _edge_path(where[source], where[target], r, bend)
        body.append(f'<path class="relation" d="{d}" stroke="{type_colour[kind]}" '
                    f'stroke-width="{stroke}" stroke-opacity="0.7" '
                    f'marker-end="url(#{_PREFIX}-a{type_index[kind]})">'
                    f"<title>{text(source)} \u2192 {text(target)}: {text(kind)}</title></path>")
    body.append("</g>")
    body.append('<g class="cp-stakeholders" stroke="#333" stroke-width="0.8">')
    labelled = n <= _MAX_LABELLED
    for pid, role, kind, label in zip(ids, roles, kinds, labels):
        x, y = where[pid]
        tip = f"{pid} ({role}, {kind})" + (f": {label}" if show_labels else "")
        fill = role_colour[role]
        if kind == "object":
            shape = (f'<rect class="stakeholder object" x="{_f(x - r)}" y="{_f(y - r)}" '
                     f'width="{_f(2 * r)}" height="{_f(2 * r)}" fill="{fill}">')
            end = "</rect>"
        else:
            shape = f'<circle class="stakeholder" cx="{_f(x)}" cy="{_f(y)}" r="{_f(r)}" fill="{fill}">'
            end = "</circle>"
        body.append(f"{shape}<title>{text(tip)}</title>{end}")
    body.append("</g>")
    if labelled and n:
        body.append('<g class="cp-labels" font-size="9" fill="#222" text-anchor="middle" '
                    'stroke="none">')
        for pid, label in zip(ids, labels):
            x, y = where[pid]
            shown = _html.short(label if show_labels else pid, 18)
            body.append(f'<text x="{_f(x)}" y="{_f(y + r + 9)}">{text(shown)}</text>')
        body.append("</g>")

    # Legends: roles, the square for objects, relation types.
    lx = 2 * _MARGIN + _SIDE + 10
    ly = _MARGIN
    legend: List[str] = ['<g class="cp-legend" font-size="11" fill="#222">',
                         f'<text x="{_f(lx)}" y="{_f(ly)}" font-weight="bold">role</text>']
    for role, fill in role_colour.items():
        ly += _LEGEND_ROW
        legend.append(f'<g class="legend-role"><circle cx="{_f(lx + 6)}" cy="{_f(ly - 4)}" '
                      f'r="5" fill="{fill}" stroke="#333" stroke-width="0.8"/>'
                      f'<text x="{_f(lx + 18)}" y="{_f(ly)}">{text(_html.short(role, 30))}'
                      f"<title>{text(role)}</title></text></g>")
    if "object" in kinds:
        ly += _LEGEND_ROW
        legend.append(f'<g class="legend-kind"><rect x="{_f(lx + 1)}" y="{_f(ly - 9)}" '
                      f'width="10" height="10" fill="#fff" stroke="#333" stroke-width="0.8"/>'
                      f'<text x="{_f(lx + 18)}" y="{_f(ly)}">object (square)</text></g>')
    if type_colour:
        ly += _LEGEND_ROW * 1.5
        legend.append(f'<text x="{_f(lx)}" y="{_f(ly)}" font-weight="bold">relation</text>')
    for kind, colour in type_colour.items():
        ly += _LEGEND_ROW
        legend.append(f'<g class="legend-relation"><line x1="{_f(lx)}" y1="{_f(ly - 4)}" '
                      f'x2="{_f(lx + 13)}" y2="{_f(ly - 4)}" stroke="{colour}" stroke-width="2" '
                      f'marker-end="url(#{_PREFIX}-a{type_index[kind]})"/>'
                      f'<text x="{_f(lx + 18)}" y="{_f(ly)}">{text(_html.short(kind, 30))}'
                      f"<title>{text(kind)}</title></text></g>")
    legend.append("</g>")

    markers = ["<defs>"]
    for kind, colour in type_colour.items():
        markers.append(f'<marker id="{_PREFIX}-a{type_index[kind]}" viewBox="0 0 10 10" '
                       f'refX="10" refY="5" markerWidth="7" markerHeight="7" '
                       f'markerUnits="userSpaceOnUse" orient="auto">'
                       f'<path d="M0,0 L10,5 L0,10 z" fill="{colour}"/></marker>')
    markers.append("</defs>")

    width = 2 * _MARGIN + _SIDE + _LEGEND_WIDTH
    height = max(2 * _MARGIN + _SIDE, ly + _MARGIN)
    content = "".join(markers + body + legend)
    # Marker ids are global to the page: a prefix from the drawing's own content keeps two
    # different networks' arrow heads apart, and draws an identical network identically.
    prefix = "cp" + hashlib.sha1(content.encode("utf-8")).hexdigest()[:10]
    content = content.replace(_PREFIX, prefix)
    return (f'<svg class="cp-network-drawing" '
            f'width="{_f(width)}" height="{_f(height)}" viewBox="0 0 {_f(width)} {_f(height)}" '
            f'style="max-width:100%;height:auto;background:#fff;{_FONT}" role="img">'
            f"<title>{text(_plural(n, 'stakeholder'))}, "
            f"{text(_plural(len(relations), 'relation'))}</title>{content}</svg>")


# -- ladder reading ----------------------------------------------------------------------


def _classification_html(result: Any, *, show_labels: bool) -> str:
    match = ("\u2014 (nothing claimed)" if result.matches_claim is None
             else "yes (matches)" if result.matches_claim else "no (DIFFERS)")
    name = f"{result.label} [{result.project}]" if show_labels and result.label != result.project \
        else result.project
    head = _html.table(["project", "computed type", "claimed type", "matches claim"],
                       [[name, result.type, result.claimed, match]], css_class="cp-headline")
    parts = [f'<div class="cp-classification" style="{_FONT};font-size:13px;line-height:1.35">',
             "<div><strong>Ladder reading</strong> (National Museums Liverpool, "
             "<em>Co-production Framework</em>)</div>", head]
    for caption, frame, css, limit in (
            ("Criteria", result.criteria, "cp-criteria", None),
            ("Stages", result.stages, "cp-stages", None),
            ("Evidence", result.evidence, "cp-evidence", 200)):
        try:
            table = frame.drop(columns=[c for c in ("label",) if c in frame.columns and not show_labels])
            parts.append(_html.frame_table(table, css_class=css, caption=caption, max_rows=limit))
        except Exception as error:
            parts.append(_note(f"{caption} could not be shown ({type(error).__name__})."))
    parts.append("</div>")
    return "".join(parts)


def _coalition_count_html(count: Any) -> str:
    what = "minimal winning coalitions" if count.exact else \
        "minimal winning coalitions at most (an upper bound)"
    return (f'<div class="cp-coalition-count" style="{_FONT}"><strong>{count.coalitions:,}</strong>'
            f" {text(what)}</div>")


# -- results: a headline, then the evidence ----------------------------------------------
#
# Every result shows as one sentence that says what it finds (the headline, class
# ``cp-summary``), a line on where the measure comes from and how it was called
# (``cp-about``), and the table or tables behind the sentence. Each number of the headline is
# a ``<span class="cp-n">`` whose tooltip holds the exact value: a reader can hover for it,
# and the tests read both back. The numbers are computed from the table itself, so a
# result edited in place shows what it now holds.

_RESULT_STYLE = f"{_FONT};font-size:13px;line-height:1.35"
#: Rows of an evidence table shown before "N more rows not shown".
_MAX_ROWS = 200
#: Columns of a power table shown (decisions can number in the hundreds).
_MAX_COLUMNS = 30
#: Ids listed in a line such as "hold none: a, b, c".
_MAX_LISTED = 40
_MINUS = "\u2212"
_GOOD, _MIDDLE, _BAD, _NEUTRAL = "#d9ead3", "#fff2cc", "#f4cccc", "#eeeeee"
_POWER_FILL = "78,121,167"  # the first role colour, as RGB for a translucent fill
_PEOPLE_FILL = "#bab0ac"

_INDEX_NAMES = {
    "banzhaf": "normalised Banzhaf index",
    "banzhaf_absolute": "absolute Banzhaf index",
    "shapley_shubik": "Shapley-Shubik index",
    "deegan_packel": "Deegan-Packel index",
    "holler": "Holler index",
    "johnston": "Johnston index",
}


def _exact(value: Any) -> str:
    """The exact value of a headline number, for its tooltip."""
    if isinstance(value, (bool, np.bool_)):
        return str(bool(value))
    if isinstance(value, (int, np.integer)):
        return str(int(value))
    return repr(float(value))


def _n(value: Any, shown: Optional[str] = None) -> str:
    """A number of a headline: ``shown`` (by default the value itself), the exact value as
    its tooltip."""
    if shown is None:
        shown = f"{int(value):,}" if isinstance(value, (int, np.integer)) else _fixed(value, 3)
    return f'<span class="cp-n" title="{text(_exact(value))}">{text(shown)}</span>'


def _fixed(value: float, digits: int) -> str:
    """``value`` to ``digits`` decimals, with a true minus sign; NaN as an em dash."""
    v = float(value)
    if math.isnan(v):
        return "\u2014"
    if math.isinf(v):
        return "\u221e" if v > 0 else _MINUS + "\u221e"
    return f"{v:.{digits}f}".replace("-", _MINUS)


def _signed(value: float, digits: int = 2) -> str:
    """``value`` with its sign always shown (an E-I index, a z-score)."""
    v = float(value)
    return _fixed(v, digits) if math.isnan(v) or v <= 0 else f"+{v:.{digits}f}"


def _percent(value: float) -> str:
    return "\u2014" if math.isnan(float(value)) else f"{100 * float(value):.0f}%"


def _amount(value: float) -> str:
    """A count, or a sum of weights: whole numbers without decimals."""
    v = float(value)
    return f"{int(v):,}" if v.is_integer() else _fixed(v, 3)


def _id(value: Any) -> str:
    """An id of the data, escaped, in the headline's code style."""
    return f'<code class="cp-id">{text(value)}</code>'


def _ids(values: Sequence[Any]) -> str:
    """Ids as an escaped list, the first ``_MAX_LISTED`` of them."""
    shown = ", ".join(str(v) for v in list(values)[:_MAX_LISTED])
    more = len(values) - _MAX_LISTED
    return text(shown + (f" and {more} more" if more > 0 else ""))


def _result(css: str, title: str, headline: str, about: str, parts: Sequence[str]) -> str:
    """The frame of every result: title and headline, the line about the measure, the
    evidence. ``headline`` and ``about`` are markup already escaped."""
    about_part = (f'<div class="cp-about" style="margin:0 0 0.4em 0;color:#555">{about}</div>'
                  if about else "")
    return (f'<div class="cp-result {css}" style="{_RESULT_STYLE}">'
            f'<div class="cp-summary" style="margin-bottom:0.2em">'
            f"<strong>{text(title)}</strong>: {headline}</div>{about_part}"
            + "".join(parts) + "</div>")


def _fill(colour: str) -> str:
    return f"background:{colour}"


def _shaded(value: Any) -> Any:
    """A power value with a fill as deep as the value (0 to 1), zero in grey."""
    v = float(value)
    if math.isnan(v):
        return value
    if v == 0:
        return _html.Cell(value, style="color:#aaa")
    alpha = 0.12 + 0.6 * min(max(v, 0.0), 1.0)
    return _html.Cell(value, style=f"background:rgba({_POWER_FILL},{alpha:.2f})")


def _whole(columns: Optional[Sequence[Any]] = None) -> Any:
    """A ``style`` for :func:`_html.frame_table`: counts held as floats (ties, brokered pairs)
    shown as whole numbers, zero in grey, in ``columns`` (every column when None)."""
    def style(column: Any, value: Any) -> Any:
        if (columns is None or column in columns) and _html.is_number(value) and \
                math.isfinite(value) and float(value).is_integer():
            return _html.Cell(value, style="color:#aaa" if value == 0 else "",
                              markup=text(f"{int(value):,}"))
        return value
    return style


def _more_rows(rows: int) -> str:
    """The line under a table cut at ``_MAX_ROWS`` rows, as :func:`_html.frame_table`
    writes it; nothing for a table shown whole."""
    left = rows - _MAX_ROWS
    return _note(f"{left} more rows not shown.") if left > 0 else ""


def _project_about(project: Any) -> str:
    return "" if project is None else f"; project {_id(project)}"


# scorecard


def _scorecard_html(card: pd.DataFrame, show_labels: bool) -> str:
    from .audit import MEETS, NOT_MEASURABLE, NOT_MET, PARTLY

    verdicts = card["verdict"].astype(object)
    count = {v: int((verdicts == v).sum()) for v in (MEETS, PARTLY, NOT_MET, NOT_MEASURABLE)}
    other = len(card) - sum(count.values())
    headline = (f"{_n(count[MEETS])} of {_n(len(card))} principles met, "
                f"{_n(count[PARTLY])} partly, {_n(count[NOT_MET])} not met, "
                f"{_n(count[NOT_MEASURABLE])} not measurable"
                + (f", {_n(other)} with another verdict" if other else ""))
    about = ("the principles of National Museums Liverpool's <em>Co-production "
             "Framework</em>, each read against the network"
             + _project_about(card.attrs.get("project")) + ".")
    fills = {MEETS: _GOOD, PARTLY: _MIDDLE, NOT_MET: _BAD, NOT_MEASURABLE: _NEUTRAL}
    rows = []
    for name, row in card.iterrows():
        verdict = str(row.get("verdict"))
        measurable = verdict != NOT_MEASURABLE
        rows.append([name, _html.Cell(verdict, style=_fill(fills.get(verdict, "#fff"))),
                     row.get("value"), row.get("indicator"), row.get("evidence"),
                     row.get("threshold") if measurable else row.get("needs")])
    table = _html.table(["principle", "verdict", "value", "indicator", "evidence",
                         "rule, or what to record"], rows, css_class="cp-scorecard-table")
    return _result("cp-scorecard", "Scorecard", headline, about, [table])


# tokenism

_TOKENISM_KINDS = {
    "nominal_share": "a shared or deciding right whose vote can never change the outcome",
    "no_power": "taking part in decisions, able to change the outcome of none",
    "unpaid": "unpaid beside paid convenors of the same project",
    "influence_exceeds_power": "elicited influence well above formal decision power",
    "power_exceeds_influence": "formal decision power well above elicited influence",
}


def _tokenism_html(found: pd.DataFrame, show_labels: bool) -> str:
    n, who = len(found), found.index.nunique()
    headline = (f"{_n(n)} finding{'' if n == 1 else 's'} about {_n(who)} "
                f"stakeholder{'' if who == 1 else 's'}" if n else "no finding")
    about = ("what Traverse and Co-Production Collective's <em>Draft manifesto for "
             "coproduction in health and care research</em> asks a partnership to be honest "
             "about: people asked in without power, unpaid beside paid staff, influence and "
             "formal power far apart.")
    parts = []
    if n:
        kinds = found["kind"].astype(object)
        order = [k for k in _TOKENISM_KINDS if (kinds == k).any()] + \
            sorted({str(k) for k in kinds} - set(_TOKENISM_KINDS))
        rows = [[k, int((kinds == k).sum()), int(found.index[(kinds == k).to_numpy()].nunique()),
                 _TOKENISM_KINDS.get(k, "")] for k in order]
        parts.append(_html.table(["kind", "findings", "stakeholders", "what it means"], rows,
                                 css_class="cp-tokenism-kinds", caption="By kind"))
        # Project and decision name the decision of a nominal share only: left out when
        # no finding has one. A count shows as a whole number, a gap with its decimals.
        empty = [c for c in ("project", "decision") if c in found and found[c].isna().all()]
        parts.append(_html.frame_table(
            found.drop(columns=empty), css_class="cp-tokenism-findings", caption="Findings",
            max_rows=_MAX_ROWS, style=lambda column, value: _html.Cell(
                value, markup=text(_amount(value))) if column == "value" and
            _html.is_number(value) and not math.isnan(value) else value))
    return _result("cp-tokenism", "Tokenism", headline, about, parts)


# ladder of every project


def _ladder_types_html(table: pd.DataFrame, show_labels: bool) -> str:
    n = len(table)
    matches = table["matches_claim"]
    claimed = int(matches.notna().sum())
    agree = int((matches == True).sum())  # noqa: E712  (nullable booleans: NA is neither)
    headline = f"{_n(n)} project{'' if n == 1 else 's'}; "
    if claimed:
        headline += (f"{_n(agree)} of {_n(claimed)} claimed type{'' if claimed == 1 else 's'} "
                     f"match{'es' if claimed == 1 else ''} the computed type")
        if n - claimed:
            headline += f", {_n(n - claimed)} claim{'s' if n - claimed == 1 else ''} none"
    else:
        headline += "none claims a type"
    types = table["type"].astype(object).value_counts()
    from .ladder import TYPES
    counted = ", ".join(f"{int(types[t])} {t}" for t in TYPES if t in types.index)
    about = (f"computed types: {text(counted or 'none')}. The types of National Museums "
             f"Liverpool's <em>Co-production Framework</em>, read from who decides at which "
             f"stage and which way learning flows; cp.ladder.classify gives the evidence.")
    header = ["project"] + (["label"] if show_labels else []) + \
        ["computed type", "claimed type", "matches claim"]
    rows = []
    for pid, row in table.iloc[:_MAX_ROWS].iterrows():
        match = row["matches_claim"]
        fill = "" if pd.isna(match) else _fill(_GOOD if match else _BAD)
        rows.append([pid] + ([row.get("label")] if show_labels else [])
                    + [row["type"], row["claimed"], _html.Cell(match, style=fill)])
    return _result("cp-ladder-types", "Ladder", headline, about,
                   [_html.table(header, rows, css_class="cp-ladder-table"),
                    _more_rows(len(table))])


# power tables


def _power_matrix(frame: pd.DataFrame, css: str, held: "pd.Series[bool]") -> str:
    """The rows holding power, most first, shaded; the others named below."""
    mean = frame.mean(axis=1)
    shown = frame.loc[held.to_numpy()]
    shown = shown.iloc[np.argsort(-mean[held.to_numpy()].to_numpy(), kind="stable")]
    columns = list(shown.columns)[:_MAX_COLUMNS]
    out = _html.frame_table(shown[columns], css_class=css, max_rows=_MAX_ROWS,
                            style=lambda column, value: _shaded(value))
    if len(frame.columns) > _MAX_COLUMNS:
        out += _note(f"{len(frame.columns) - _MAX_COLUMNS} more columns not shown.")
    none = list(frame.index[~held.to_numpy()])
    if none:
        out += (f'<p class="cp-powerless" style="margin:0 0 0.8em 0;color:#555">'
                f"Hold none ({len(none)}): {_ids(none)}</p>")
    return out


def _decision_power_html(frame: pd.DataFrame, show_labels: bool) -> str:
    context = getattr(frame, "_cp_context", {})
    by = context.get("by") or "decision"
    index = context.get("index", "banzhaf")
    n, m = frame.shape
    held = (frame > 0).any(axis=1)
    k = int(held.sum())
    if by == "all" and m == 1:
        column = frame.iloc[:, 0]
        if k:
            top = int(np.argmax(column.to_numpy(dtype=float)))
            headline = (f"{_id(column.index[top])} holds the most, "
                        f"{_n(float(column.iloc[top]))}; {_n(k)} of "
                        f"{_n(n)} stakeholders hold any")
        else:
            headline = f"none of {_n(n)} stakeholders holds any"
        over = "the mean over every decision"
    else:
        unit = {"decision": "decision", "stage": "stage", "project": "project"}.get(by, "column")
        headline = (f"{_n(k)} of {_n(n)} stakeholders hold power in at least one of {_n(m)} "
                    f"{unit}{'' if m == 1 else 's'}; {_n(n - k)} hold none")
        over = "one column per decision" if unit == "decision" else \
            f"the mean over each {unit}'s decisions"
    weighting = "" if by == "decision" else \
        (", each decision counting by its weight" if context.get("weighted", True)
         else ", every decision counting once")
    about = (f"{text(_INDEX_NAMES.get(index, str(index)))} of each decision's game, "
             f"{text(over)}{text(weighting)}{_project_about(context.get('project'))}. "
             f"A stakeholder can change the outcome where the value is above 0.")
    return _result("cp-decision-power", "Decision power", headline, about,
                   [_power_matrix(frame, "cp-power-table", held)])


def _bloc_power_html(frame: pd.DataFrame, show_labels: bool) -> str:
    context = getattr(frame, "_cp_context", {})
    n, m = frame.shape
    held = (frame > 0).any(axis=1)
    k = int(held.sum())
    headline = (f"{_n(k)} of {_n(n)} stakeholders hold power in at least one of {_n(m)} "
                f"decision{'' if m == 1 else 's'} when holders vote in blocs; {_n(n - k)} "
                f"hold none")
    kind = context.get("kind", "shapley_shubik")
    name = "Owen value" if kind == "shapley_shubik" else "Banzhaf-Owen index"
    blocs = context.get("by")
    about = (f"{text(name)} of each decision's game (Owen 1977, 1981)"
             + (f", blocs by {text(blocs)}" if blocs else "")
             + _project_about(context.get("project")) + ".")
    return _result("cp-bloc-power", "Bloc power", headline, about,
                   [_power_matrix(frame, "cp-power-table", held)])


def _power_shares_html(shares: pd.DataFrame, show_labels: bool) -> str:
    context = getattr(shares, "_cp_context", {})

    def clause(group: Any, first: bool) -> str:
        row = shares.loc[group]
        return (f"{_n(float(row['power']), _percent(row['power']))}"
                f"{' of decision power' if first else ''} as "
                f"{_n(float(row['people']), _percent(row['people']))}"
                f"{' of the people' if first else ''} "
                f"(parity ratio {_n(float(row['parity']), _fixed(row['parity'], 2))})")

    groups = set(shares.index)
    if "partner" in groups and groups <= {"convenor", "partner", NOT_CODED}:
        headline = f"partners hold {clause('partner', True)}"
    elif len(shares):
        largest = shares["people"].idxmax()
        strongest = shares["power"].idxmax()
        headline = f"the largest group, {_id(largest)}, holds {clause(largest, True)}"
        if strongest != largest:
            headline += (f"; the most powerful, {_id(strongest)}, holds "
                         f"{clause(strongest, False)}")
    else:
        headline = "no group"
    by = context.get("by")
    about = ("each group's share of decision power (the "
             f"{text(_INDEX_NAMES.get(context.get('index', 'banzhaf'), 'index'))}, "
             + ("decisions counting by their weight" if context.get("weighted", True)
                else "every decision counting once")
             + ") beside its share of the people (a group stakeholder counts its size)"
             + (f", grouped by {_id(by)}" if by else "")
             + _project_about(context.get("project"))
             + ". The parity ratio divides the two: 1 is power in proportion to numbers, "
               "below 1 less say than numbers (Taagepera &amp; Shugart 1989).")

    def bar(power: float, people: float) -> str:
        def one(share: float, fill: str, what: str) -> str:
            width = 0.0 if math.isnan(share) else min(max(share, 0.0), 1.0) * 100
            return (f'<div style="height:7px;width:{width:.1f}%;background:{fill};'
                    f'margin:1px 0" title="{what} {_percent(share)}"></div>')
        return (f'<div style="width:140px">{one(power, f"rgb({_POWER_FILL})", "power")}'
                f"{one(people, _PEOPLE_FILL, 'people')}</div>")

    rows = []
    for group, row in shares.iloc[:_MAX_ROWS].iterrows():
        rows.append([group, row["power"], row["people"], row["parity"],
                     int(row["stakeholders"]),
                     _html.Cell("", markup=bar(float(row["power"]), float(row["people"])))])
    table = _html.table(["group", "power", "people", "parity", "stakeholders",
                         "power (blue) beside people (grey)"], rows,
                        css_class="cp-power-shares-table")
    return _result("cp-power-shares", "Power shares", headline, about,
                   [table, _more_rows(len(shares))])


def _veto_players_html(vetoes: pd.DataFrame, show_labels: bool) -> str:
    context = getattr(vetoes, "_cp_context", {})
    v = len(vetoes)
    if v:
        decisions = vetoes["decision"].nunique()
        holders = vetoes.index.nunique()
        flags = vetoes["convenor"].astype(bool).groupby(level=0).first()
        convenors = int(flags.sum())
        named = int(vetoes["named_in_rule"].astype(bool).sum())
        headline = (f"{_n(v)} veto{'' if v == 1 else 'es'} in {_n(decisions)} "
                    f"decision{'' if decisions == 1 else 's'}, held by {_n(holders)} "
                    f"stakeholder{'' if holders == 1 else 's'} ({_n(convenors)} "
                    f"convenor{'' if convenors == 1 else 's'}, {_n(holders - convenors)} "
                    f"partner{'' if holders - convenors == 1 else 's'}); {_n(named)} named in "
                    f"the rule, {_n(v - named)} following from it")
    else:
        headline = "no decision has a veto player"
    about = ("a veto player is in every winning coalition of a decision: nothing is decided "
             "without its consent. A veto follows from the rule for a sole decider, every "
             "holder under unanimity, or a holder whose votes the others cannot do without"
             + _project_about(context.get("project")) + ".")
    parts = [_html.frame_table(vetoes, css_class="cp-veto-table", max_rows=_MAX_ROWS)] if v else []
    return _result("cp-veto-players", "Veto players", headline, about, parts)


# relations


def _ei_html(result: Any, show_labels: bool) -> str:
    network = result.network
    ei, internal, external = (float(network["ei"]), float(network["internal"]),
                              float(network["external"]))
    expected = float(network["expected"])
    if math.isnan(ei):
        headline = "no tie to read"
    else:
        lean = "mostly" if abs(ei) >= 0.3 else "a few more"
        words = (f"{lean} inside" if ei < 0 else f"{lean} across" if ei > 0
                 else "as many inside as across")
        headline = (f"{_n(ei, _signed(ei))} ({_n(internal, _amount(internal))} ties inside "
                    f"groups, {_n(external, _amount(external))} across: {words}); "
                    f"{_n(expected, _signed(expected))} expected at random among these groups")
        if not math.isnan(expected) and ei != expected:
            headline += (", so ties cross groups " + ("more" if ei > expected else "less")
                         + " often than chance would have them")
    about = ("Krackhardt &amp; Stern (1988): (external \u2212 internal) / (external + internal), "
             "from \u22121 (every tie inside its group) to +1 (every tie across); small groups "
             "lean external even at random, so read the index against the expected one.")
    counts = _whole(["size", "internal", "external"])
    parts = [_html.frame_table(result.groups, css_class="cp-ei-groups", caption="By group",
                               style=counts),
             _html.frame_table(result.vertices, css_class="cp-ei-stakeholders",
                               caption="By stakeholder", max_rows=_MAX_ROWS, style=counts)]
    return _result("cp-ei-index", "E-I index", headline, about, parts)


def _brokerage_html(result: Any, show_labels: bool) -> str:
    network = result.network
    total = float(network.at["total", "observed"])
    roles = network.drop(index="total")
    if total > 0:
        top = roles["observed"].idxmax()
        z_total = float(network.at["total", "z"])
        headline = (f"{_n(total, _amount(total))} brokered pairs (z = "
                    f"{_n(z_total, _signed(z_total))} against a random digraph of the same "
                    f"density and groups); most as {text(top)}, "
                    f"{_n(float(roles.at[top, 'observed']), _amount(roles.at[top, 'observed']))} "
                    f"(z = {_n(float(roles.at[top, 'z']), _signed(roles.at[top, 'z']))})")
    else:
        headline = "no stakeholder brokers between two others"
    about = (f"Gould &amp; Fernandez (1989): v brokers for a and b when a \u2192 v \u2192 b "
             f"and not a \u2192 b, its role set by who shares v's group; expected counts and "
             f"z-scores as R's sna computes them, at density {_n(result.density)}; a "
             f"z-score beyond \u00b12 in bold.")
    observed = result.observed
    busy = observed["total"] > 0
    brokers = observed.loc[busy.to_numpy()].copy()
    brokers["z (total)"] = result.z.loc[busy.to_numpy(), "total"]
    brokers = brokers.iloc[np.argsort(-brokers["total"].to_numpy(), kind="stable")]
    counts = _whole(["observed", *roles.index, "total"])

    def bold_z(column: Any, value: Any) -> Any:
        if column in ("z", "z (total)") and _html.is_number(value) and abs(float(value)) >= 2:
            return _html.Cell(value, style="font-weight:bold")
        return counts(column, value)

    parts = [_html.frame_table(network, css_class="cp-brokerage-roles", caption="By role",
                               style=bold_z)]
    if len(brokers):
        parts.append(_html.frame_table(brokers, css_class="cp-brokerage-brokers",
                                       caption="Brokers", max_rows=_MAX_ROWS, style=bold_z))
    idle = list(observed.index[~busy.to_numpy()])
    if idle:
        parts.append(f'<p class="cp-idle" style="margin:0 0 0.8em 0;color:#555">'
                     f"Broker nothing ({len(idle)}): {_ids(idle)}</p>")
    sizes = ", ".join(f"{g} {int(n)}" for g, n in result.group_size.items())
    parts.append(f'<p class="cp-groups" style="margin:0 0 0.8em 0;color:#555">'
                 f"Groups (stakeholders): {text(sizes)}</p>")
    return _result("cp-brokerage", "Brokerage", headline, about, parts)


# inequality


def _decomposition_html(result: Any, show_labels: bool) -> str:
    name = {"theil": "Theil index", "mld": "Mean log deviation"}.get(result.measure,
                                                                     str(result.measure))
    total, between, within = float(result.total), float(result.between), float(result.within)
    if total > 0:
        headline = (f"{_n(total)} in all: {_n(between / total, _percent(between / total))} "
                    f"between groups ({_n(between)}), "
                    f"{_n(within / total, _percent(within / total))} within them "
                    f"({_n(within)})")
    else:
        headline = f"{_n(total)}: everybody holds the same"
    about = ("an exact decomposition: the index of the group means (between) plus the "
             "groups' own indices weighted (within) make the total (Shorrocks 1980).")
    return _result("cp-decomposition", name, headline, about,
                   [_html.frame_table(result.groups, css_class="cp-decomposition-groups",
                                      caption="By group")])


def _result_renderers() -> List[Tuple[type, Any]]:
    """Each result kind with its renderer; a later kind adds a row here."""
    from . import _results
    from .metrics._inequality import InequalityDecomposition
    from .metrics._relations import Brokerage, EIIndex

    return [
        (_results.Scorecard, _scorecard_html),
        (_results.TokenismFindings, _tokenism_html),
        (_results.LadderTypes, _ladder_types_html),
        (_results.DecisionPower, _decision_power_html),
        (_results.BlocPower, _bloc_power_html),
        (_results.PowerShares, _power_shares_html),
        (_results.VetoPlayers, _veto_players_html),
        (EIIndex, _ei_html),
        (Brokerage, _brokerage_html),
        (InequalityDecomposition, _decomposition_html),
    ]


def _result_html(obj: Any, renderer: Any, show_labels: bool) -> str:
    """A result's display; should it fail, a line saying so and the bare table (a frame) or
    the plain ``repr`` (anything else): a notebook cell never fails on display."""
    try:
        page: str = renderer(obj, show_labels)
        return page
    except Exception as error:
        note = _note(f"The summary could not be made ({type(error).__name__}).")
        try:
            if isinstance(obj, pd.DataFrame):
                plain = pd.DataFrame(obj)
                if not show_labels and "label" in plain.columns:
                    plain = plain.drop(columns=["label"])
                return note + _html.frame_table(plain, css_class="cp-plain", max_rows=_MAX_ROWS)
            return note + f"<pre>{text(repr(obj))}</pre>"
        except Exception:
            return note


def __dir__() -> List[str]:
    return list(__all__)
