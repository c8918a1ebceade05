"""The notebook display of a network: a summary (counts by kind, role and relation type, the
projects with their claimed and computed types) and a static SVG drawing.
"""

from __future__ import annotations

import hashlib
import math
from typing import Any, Callable, Dict, List, Optional, Sequence, Tuple

import pandas as pd

from . import _html
from ._display_frame import FONT as _FONT, note as _note
from ._groups import NOT_CODED
from ._html import text

#: Side of the square drawing area and the margin around it, in SVG user units (pixels).
SIDE = 560.0
MARGIN = 28.0
_LEGEND_WIDTH = 230.0
_LEGEND_ROW = 16.0
#: Above this many stakeholders the nodes carry tooltips but no text label.
_MAX_LABELLED = 80
_NO_ROLE = NOT_CODED  # the one label of a missing group, as every grouping of the package
#: A stand-in for the marker id prefix while the drawing is written: NUL cannot come from
#: escaped data (``_html.text`` replaces it), so it marks only the places to fill in.
_PREFIX = "\x00p\x00"


# -- summary -----------------------------------------------------------------------------


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


def summary(net: Any, show_labels: bool) -> str:
    """The summary above the drawing: counts by kind, role and relation type, and the
    projects (a part that cannot be made is left out with a line saying so)."""
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


# -- drawing -----------------------------------------------------------------------------


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


def drawing(net: Any, positions: Callable[[Any], pd.DataFrame], *, show_labels: bool) -> str:
    """The drawing :func:`coproduction.display.svg` documents, its stakeholders placed by
    ``positions(net)``: x and y in [0, 1] for each stakeholder id."""
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
        pos = positions(net).reindex(ids)
        if pos.isna().to_numpy().any():
            missing = pos.index[pos.isna().any(axis=1)][0]
            raise ValueError(f"the layout gave no position for stakeholder {missing!r}")
        span = SIDE
        for pid, x, y in zip(ids, pos["x"].to_numpy(float), pos["y"].to_numpy(float)):
            where[pid] = (MARGIN + min(max(x, 0.0), 1.0) * span,
                          MARGIN + (1.0 - min(max(y, 0.0), 1.0)) * span)
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
    lx = 2 * MARGIN + SIDE + 10
    ly = MARGIN
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

    width = 2 * MARGIN + SIDE + _LEGEND_WIDTH
    height = max(2 * MARGIN + SIDE, ly + MARGIN)
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
