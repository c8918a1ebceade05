"""Plots of a partnership: the pictures a researcher would otherwise draw by hand.

Every plot reads the network only through the public API (:mod:`coproduction.power`,
:mod:`coproduction.metrics`, :mod:`coproduction.ladder`, the tables of
:class:`~coproduction.Network`), takes ``ax=None`` (a new figure when None), returns the
:class:`matplotlib.axes.Axes` it drew on and never calls ``plt.show()``: the caller decides
where the picture goes.

- :func:`lorenz`: how unequally a quantity (decision power by default) is held, one Lorenz
  curve per group, each with its Gini;
- :func:`power_shares`: each group's share of power against its share of the people, with
  the line of parity;
- :func:`rights_matrix`: who holds which right in which decision, by stage, with the rule
  and the veto holders;
- :func:`ladder`: the claimed and the computed rung of every project, and of every stage;
- :func:`centralization`: degree, betweenness and closeness centralization of each layer;
- :func:`network`: the Net-Map picture, stakeholders coloured by group and sized by power.

matplotlib is an optional dependency (``pip install coproduction[plot]``); ``import
coproduction`` never imports it, ``cp.plot`` does on first use.
"""

from __future__ import annotations

import math
from typing import Any, Dict, List, Literal, Optional, Sequence, Tuple, Union

import numpy as np
import pandas as pd

try:
    import matplotlib.pyplot as plt
    from matplotlib.axes import Axes
    from matplotlib.lines import Line2D
    from matplotlib.patches import FancyArrowPatch, Patch, Rectangle
    from matplotlib.text import Annotation
    from matplotlib.transforms import Bbox
except ImportError as error:  # pragma: no cover - the extra is installed where tests run
    raise ImportError("coproduction.plot needs matplotlib: pip install 'coproduction[plot]'"
                      ) from error

from . import ladder as _ladder
from . import metrics as _metrics
from . import power as _power
from ._errors import input_error
from ._groups import NOT_CODED, resolve_groups
from .network import COLLABORATION_TYPES, RIGHTS, STAGES, Network

__all__ = [
    "RIGHT_COLOURS",
    "RUNGS",
    "centralization",
    "ladder",
    "lorenz",
    "network",
    "power_shares",
    "rights_matrix",
    "timeline",
]

#: One colour per right of :data:`coproduction.network.RIGHTS`, light to dark as the right
#: grows (``none`` is a listed stakeholder without a say, pale grey).
RIGHT_COLOURS: Dict[str, str] = {
    "none": "#e6e6e6",
    "informed": "#c7e9b4",
    "consulted": "#7fcdbb",
    "involved": "#41b6c4",
    "shared": "#2c7fb8",
    "decides": "#253494",
}

#: The rungs of the ladder from the bottom: ``none`` (below consultation), then
#: :data:`coproduction.network.COLLABORATION_TYPES`.
RUNGS: Tuple[str, ...] = ("none",) + tuple(COLLABORATION_TYPES)

# Qualitative colours for groups and relation types (tab10 then tab20's light shades): the
# same group gets the same colour in every plot that colours by the same grouping.
_PALETTE = ("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2",
            "#bcbd22", "#17becf", "#aec7e8", "#ffbb78", "#98df8a", "#ff9896", "#c5b0d5",
            "#c49c94", "#f7b6d2", "#dbdb8d", "#9edae5")
_EDGE_PALETTE = ("#1b9e77", "#d95f02", "#7570b3", "#e7298a", "#66a61e", "#e6ab02",
                 "#a6761d", "#666666", "#8dd3c7", "#fb8072", "#80b1d3", "#b3de69")
_NOT_CODED_COLOUR = "#999999"
_OBJECT = "object"
_HA = Literal["left", "center", "right"]
_VA = Literal["bottom", "center", "top"]


def _axes(ax: Optional[Axes], figsize: Tuple[float, float], *, constrained: bool = True) -> Axes:
    """The given axes, or the axes of a new figure (pyplot's, so that a notebook shows it)."""
    if ax is not None:
        return ax
    _, new = plt.subplots(figsize=figsize, layout="constrained" if constrained else None)
    return new


def _group_colours(labels: Sequence[Any]) -> Dict[Any, str]:
    colours: Dict[Any, str] = {}
    for i, label in enumerate(labels):
        colours[label] = (_NOT_CODED_COLOUR if label == NOT_CODED
                          else _PALETTE[i % len(_PALETTE)])
    return colours


def _overlap(a: Bbox, b: Bbox) -> float:
    """Area shared by two boxes (display units)."""
    w = min(a.x1, b.x1) - max(a.x0, b.x0)
    h = min(a.y1, b.y1) - max(a.y0, b.y0)
    return w * h if w > 0 and h > 0 else 0.0


# Distances tried between a point and its label, in marker radii; from _LEADER_FROM on, a
# leader line joins them.
_LABEL_STEPS = (1.0, 2.0, 3.5, 5.0, 7.0, 10.0, 14.0)
_LEADER_FROM = 4.0


def _place_labels(ax: Axes, xs: Sequence[float], ys: Sequence[float], texts: Sequence[str], *,
                  radii: Sequence[float], fontsize: float = 8.0,
                  order: Optional[Sequence[int]] = None) -> List[Annotation]:
    """Label points so that no two labels overlap and every label stays inside the axes.

    Greedy: each label (in ``order``) tries offsets around its point, nearest first, and
    takes the first whose box is inside the axes and overlaps neither a label already placed
    nor another point's marker (``radii``: marker radius in points); when none is free, the
    inside offset with the least overlap. The labels are clipped to the axes besides, so
    that a figure resized later cannot draw them outside it.
    """
    fig = ax.get_figure()
    assert fig is not None
    ax.apply_aspect()  # an equal aspect moves the axes box at draw time: settle it first
    scale = fig.dpi / 72.0
    frame = ax.get_window_extent()
    # The markers as boxes in display units: labels avoid covering other points.
    centres = ax.transData.transform(np.column_stack([np.asarray(xs, dtype=float),
                                                      np.asarray(ys, dtype=float)]))
    markers = [Bbox.from_extents(cx - r * scale, cy - r * scale, cx + r * scale, cy + r * scale)
               for (cx, cy), r in zip(centres, radii)]
    directions = [(1, 0), (-1, 0), (0, 1), (0, -1), (1, 1), (-1, 1), (1, -1), (-1, -1)]
    # A legend already drawn is a box no label may cover.
    legend = ax.get_legend()
    placed: List[Bbox] = [] if legend is None else [legend.get_window_extent()]
    out: List[Optional[Annotation]] = [None] * len(texts)
    for i in (order if order is not None else range(len(texts))):
        note = ax.annotate(texts[i], (xs[i], ys[i]), xytext=(0, 0), textcoords="offset points",
                           fontsize=fontsize, clip_on=True, annotation_clip=True, zorder=5,
                           arrowprops={"arrowstyle": "-", "color": "#999999", "linewidth": 0.5,
                                       "shrinkA": 1, "shrinkB": radii[i] + 1})
        best: Optional[Tuple[float, Tuple[float, float, _HA, _VA]]] = None
        # Far offsets (a crowd of points) are joined to their point by a leader line.
        for step in _LABEL_STEPS:
            for dx, dy in directions:
                gap = radii[i] * step + 2.0
                norm = math.hypot(dx, dy)
                off = (dx / norm * gap, dy / norm * gap)
                ha: _HA = "left" if dx > 0 else "right" if dx < 0 else "center"
                va: _VA = "bottom" if dy > 0 else "top" if dy < 0 else "center"
                note.set_position(off)
                note.set_horizontalalignment(ha)
                note.set_verticalalignment(va)
                box = note.get_window_extent()
                if not (box.x0 >= frame.x0 and box.x1 <= frame.x1 and box.y0 >= frame.y0
                        and box.y1 <= frame.y1):
                    continue
                cost = sum(_overlap(box, p) for p in placed) + sum(
                    _overlap(box, m) for j, m in enumerate(markers) if j != i)
                if best is None or cost < best[0]:
                    best = (cost, (off[0], off[1], ha, va))
                if cost == 0.0:
                    break
            if best is not None and best[0] == 0.0:
                break
        if best is None:  # no offset fits inside: centre the label on its point, clipped
            note.set_position((0.0, 0.0))
            note.set_horizontalalignment("center")
            note.set_verticalalignment("center")
        else:
            note.set_position(best[1][:2])
            note.set_horizontalalignment(best[1][2])
            note.set_verticalalignment(best[1][3])
        if note.arrow_patch is not None:
            near = math.hypot(*note.get_position()) <= radii[i] * _LEADER_FROM + 2.0
            note.arrow_patch.set_visible(not near)
        placed.append(note.get_window_extent())
        out[i] = note
    return [n for n in out if n is not None]


# --- Lorenz curves -----------------------------------------------------------------------

def _lorenz_points(values: np.ndarray[Any, Any]) -> Tuple[np.ndarray[Any, Any],
                                                           np.ndarray[Any, Any]]:
    """Cumulative share of the population (x) and of the quantity (y), poorest first."""
    ordered = np.sort(values)
    x = np.arange(len(ordered) + 1, dtype=float) / len(ordered)
    y = np.concatenate([[0.0], np.cumsum(ordered)]) / ordered.sum()
    return x, y


def lorenz(values_or_net: Union[Network, "pd.Series[Any]", Sequence[float],
                                np.ndarray[Any, Any]],
           by: Any = None, *, index: str = "banzhaf", ax: Optional[Axes] = None,
           decimals: int = 3) -> Axes:
    r"""Lorenz curve of a quantity held by stakeholders, one curve per group.

    Parameters
    ----------
    values_or_net : Network, pandas.Series, list or array
        A network: its people's decision power, the mean over every decision
        (``cp.power.decision_power(net, index, by="all")["all"]``, objects left out, as
        ``cp.power.power_shares`` counts people). Otherwise one
        non-negative value per stakeholder (a Series indexed by stakeholder id, or values).
    by : str, pandas.Series or dict, optional
        Groups, read as everywhere in the package (a stakeholder column such as ``"role"``
        or ``"convenor"``, a Series or a dict of id to group; for plain values, one label per
        value). None draws one curve of everyone.
    index : str, default "banzhaf"
        The power index, when ``values_or_net`` is a network.
    ax : matplotlib.axes.Axes, optional
    decimals : int, default 3
        Decimals of the Gini in the legend.

    Returns
    -------
    matplotlib.axes.Axes
        With the line of equality (``y = x``, first line, labelled ``"equality"``) and one
        line per group (or one, ``"all"``), labelled ``"<group> (Gini <g>)"`` with ``g``
        from :func:`coproduction.metrics.gini`. A group holding nothing has no curve (its
        Lorenz curve is not defined); its legend entry says so.

    Raises
    ------
    coproduction.InputError
        Bad values (negative, missing) or a bad ``by``, from the package's readers.

    Notes
    -----
    The curve joins :math:`(i/n, L_i)` where :math:`L_i` is the share of the total held by
    the :math:`i` stakeholders holding least (Lorenz 1905); the Gini is twice the area between
    the curve and the diagonal: 0 when everyone holds the same, :math:`1 - 1/n` when one
    holds all.
    """
    if isinstance(values_or_net, Network):
        net: Optional[Network] = values_or_net
        values = _power.decision_power(values_or_net, index, by="all")["all"]
        # The people, as power_shares counts them: objects hold no power and are nobody.
        people = values_or_net.stakeholders["kind"].astype(str) != "object"
        values = values[people.reindex(values.index).to_numpy(dtype=bool)]
        quantity = f"decision power ({index})"
    else:
        net = None
        values = (values_or_net if isinstance(values_or_net, pd.Series)
                  else pd.Series(np.asarray(values_or_net, dtype=float)))
        quantity = str(values.name) if values.name is not None else "value"
    numbers = values.to_numpy(dtype=float)
    if by is None:
        groups: List[Tuple[str, np.ndarray[Any, Any]]] = [("all", numbers)]
    else:
        items: Union[pd.Index, int] = (values.index if net is not None
                                       or isinstance(by, (str, dict, pd.Series))
                                       and not isinstance(values_or_net, (list, np.ndarray))
                                       else len(numbers))
        grouping = resolve_groups(by, items, net=net, sort=True)
        groups = [(str(label), numbers[grouping.codes == code])
                  for code, label in enumerate(grouping.labels)]
    ax = _axes(ax, (6.0, 5.5))
    ax.plot([0, 1], [0, 1], color="#555555", linestyle="--", linewidth=1, label="equality")
    colours = _group_colours([name for name, _ in groups])
    for name, group in groups:
        gini = _metrics.gini(group)
        if group.sum() <= 0:
            ax.plot([], [], color=colours[name], label=f"{name}: holds none, no curve")
            continue
        x, y = _lorenz_points(group)
        ax.plot(x, y, color=colours[name], marker="o" if len(group) <= 30 else None,
                markersize=3, linewidth=1.5, label=f"{name} (Gini {gini:.{decimals}f})")
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    ax.set_aspect("equal")
    ax.set_xlabel("share of stakeholders, holding least first")
    ax.set_ylabel(f"share of {quantity}")
    ax.set_title(f"Lorenz curve of {quantity}")
    ax.legend(loc="upper left", fontsize=8, title=None if by is None else _by_name(by))
    return ax


def _by_name(by: Any) -> str:
    if isinstance(by, str):
        return by
    if isinstance(by, pd.Series) and by.name is not None:
        return str(by.name)
    return "group"


# --- Power against people ----------------------------------------------------------------

def power_shares(net: Network, by: Any = "convenor", *, index: str = "banzhaf",
                 project: Optional[str] = None, k: Optional[int] = None,
                 ax: Optional[Axes] = None) -> Axes:
    """Each group's share of decision power against its share of the people.

    Parameters
    ----------
    net : Network
    by : str, pandas.Series or dict, default "convenor"
        The groups, as in :func:`coproduction.power.power_shares`.
    index : str, default "banzhaf"
    project : str, optional
        Only this project's decisions and people.
    k : int, optional
        Pool the groups of fewer than ``k`` people into one point, as
        :func:`coproduction.privacy.power_shares` does (for a picture that leaves the
        researcher's hands); by default every group is drawn.
    ax : matplotlib.axes.Axes, optional

    Returns
    -------
    matplotlib.axes.Axes
        The parity line ``y = x`` (first line, labelled ``"parity"``: power in proportion to
        numbers), one point per group (a single scatter collection, in the row order of
        :func:`coproduction.power.power_shares`) at (``people``, ``power``), each labelled
        with its group; points above the line hold more power than their numbers, below less.

    Raises
    ------
    coproduction.InputError
        As :func:`coproduction.power.power_shares`.
    """
    if k is None:
        table = _power.power_shares(net, by, index=index, project=project)
    else:
        from ._privacy_groups import power_shares as shares_of_k

        table = shares_of_k(net, by, k=k, index=index, project=project)
    x = table["people"].to_numpy(dtype=float)
    y = table["power"].to_numpy(dtype=float)
    created = ax is None
    ax = _axes(ax, (6.5, 6.0), constrained=False)
    if created:
        fig = ax.get_figure()
        assert fig is not None
        fig.subplots_adjust(left=0.12, right=0.95, bottom=0.1, top=0.92)
    top = min(1.0, max(float(np.max(x)), float(np.max(y))) * 1.15 + 0.03)
    ax.plot([0, top], [0, top], color="#555555", linestyle="--", linewidth=1,
            label="parity (power in proportion to numbers)")
    above = y > x
    colours = np.where(above, "#b2182b", "#2166ac")
    ax.scatter(x, y, c=list(colours), s=45, zorder=3, edgecolors="white", linewidths=0.5)
    # Legend entries for the two sides of the line (the points are one collection).
    ax.plot([], [], linestyle="none", marker="o", color="#b2182b",
            label="more power than numbers")
    ax.plot([], [], linestyle="none", marker="o", color="#2166ac",
            label="less (or equal) power than numbers")
    # Room below 0: a group with no power shows its whole point, and the labels of several
    # such groups can stand apart beneath them.
    ax.set_xlim(-0.02 * top, top)
    ax.set_ylim(-0.12 * top, top)
    ax.set_aspect("equal")
    ax.set_xlabel("share of the people")
    ax.set_ylabel(f"share of decision power ({index})")
    ax.set_title(f"Power against numbers, by {_by_name(by)}")
    ax.legend(loc="upper left", fontsize=8)
    _place_labels(ax, list(x), list(y), [str(g) for g in table.index],
                  radii=[4.0] * len(x), fontsize=8)
    return ax


# --- Rights ------------------------------------------------------------------------------

def _rule_text(rule: Any, quota: float) -> str:
    if pd.isna(rule):
        return "no rule"
    if str(rule) == "quota" and not math.isnan(quota):
        return f"quota {quota:g}"
    return str(rule)


def rights_matrix(net: Network, *, project: Optional[str] = None, names: str = "id",
                  ax: Optional[Axes] = None) -> Axes:
    """Stakeholders by decisions, each cell coloured by the right held.

    Parameters
    ----------
    net : Network
    project : str, optional
        Only this project's decisions.
    names : {"id", "label"}, default "id"
        Name stakeholders and decisions by id or by label.
    ax : matplotlib.axes.Axes, optional

    Returns
    -------
    matplotlib.axes.Axes
        One row per stakeholder listed in a shown decision (convenors first, then in the
        network's order), one column per decision, grouped by stage (stage names on the top
        axis, a line between stages); one :class:`~matplotlib.patches.Rectangle` per listed
        right coloured by :data:`RIGHT_COLOURS` (a stakeholder not listed leaves the cell
        blank); each column's tick names the decision and its rule; the votes of a holder
        with more than one vote are written in the cell; veto holders are marked by a
        triangle (one line labelled ``"veto"``). The legend has every right of
        :data:`coproduction.network.RIGHTS`, in order, and the veto mark.

    Raises
    ------
    coproduction.InputError
        An unknown project, a project without decisions, or ``names`` not id or label.
    """
    if names not in ("id", "label"):
        raise input_error("names", f"'id' or 'label', not {names!r}")
    decisions = net.decisions
    if project is not None:
        if project not in net.projects.index:
            raise input_error("project", f"{project!r} is not a project of the network")
        decisions = decisions[decisions["project"] == project]
    if decisions.empty:
        raise input_error("project" if project is not None else "net",
                          "no decision to show")
    decisions = decisions.sort_values("stage", kind="stable", na_position="last")
    rights = net.rights.reset_index()
    rights = rights[rights["decision"].isin(decisions.index)]
    people = net.stakeholders
    listed = people[people.index.isin(rights["stakeholder"])]
    convenor = listed["convenor"].fillna(False).astype(bool)
    listed = pd.concat([listed[convenor], listed[~convenor]])
    rows = listed.index.get_indexer(pd.Index(rights["stakeholder"])).tolist()
    cols = decisions.index.get_indexer(pd.Index(rights["decision"])).tolist()
    ax = _axes(ax, (max(6.0, 0.5 * len(decisions) + 5.0), max(4.0, 0.32 * len(listed) + 3.0)))
    # One patch per listed right: drawing, not computing.
    for i, j, rec in zip(rows, cols, rights.itertuples(index=False)):
        right = str(rec.right)
        ax.add_patch(Rectangle((j - 0.5, i - 0.5), 1.0, 1.0, facecolor=RIGHT_COLOURS[right],
                               edgecolor="white", linewidth=1.0))
        votes: Any = rec.votes  # Int64: a whole number, or NA where the rule gives none
        if not pd.isna(votes) and int(votes) > 1:
            dark = RIGHTS.index(right) >= RIGHTS.index("shared")
            ax.text(j, i, str(int(votes)), ha="center", va="center", fontsize=7,
                    color="white" if dark else "black")
    veto = rights[rights["veto"].to_numpy(dtype=bool)]
    ax.plot(decisions.index.get_indexer(pd.Index(veto["decision"])) + 0.3,
            listed.index.get_indexer(pd.Index(veto["stakeholder"])) - 0.3,
            linestyle="none", marker="v", markersize=6, color="#d73027",
            markeredgecolor="black", markeredgewidth=0.5, label="veto")
    ax.set_xlim(-0.5, len(decisions) - 0.5)
    ax.set_ylim(len(listed) - 0.5, -0.5)  # first stakeholder on top
    ax.set_xticks(range(len(decisions)))
    decision_names = decisions.index if names == "id" else decisions["label"].fillna(
        pd.Series(decisions.index, index=decisions.index))
    ax.set_xticklabels([f"{name} ({_rule_text(r, q)})" for name, r, q in
                        zip(decision_names, decisions["rule"], decisions["quota"])],
                       rotation=90, fontsize=8)
    ax.set_yticks(range(len(listed)))
    people_names = listed.index if names == "id" else listed["label"].fillna(
        pd.Series(listed.index, index=listed.index))
    ax.set_yticklabels([str(n) for n in people_names], fontsize=8)
    ax.tick_params(length=0)
    # Stages: a line between consecutive stages, their names on the top axis.
    stages = decisions["stage"].astype(object).fillna("no stage").astype(str).tolist()
    starts = [j for j in range(len(stages)) if j == 0 or stages[j] != stages[j - 1]]
    ends = starts[1:] + [len(stages)]
    for j in starts[1:]:
        ax.axvline(j - 0.5, color="black", linewidth=1.2)
    top = ax.secondary_xaxis("top")
    top.set_xticks([(a + b - 1) / 2 for a, b in zip(starts, ends)],
                   labels=[stages[a] for a in starts], fontsize=8)
    top.tick_params(length=0)
    if len(convenor) and convenor.any() and not convenor.all():
        ax.axhline(int(convenor.sum()) - 0.5, color="#555555", linewidth=0.8, linestyle=":")
    handles: List[Any] = [Patch(facecolor=RIGHT_COLOURS[r], edgecolor="#999999", label=r)
                          for r in RIGHTS]
    handles.append(Line2D([], [], linestyle="none", marker="v", color="#d73027",
                          markeredgecolor="black", markeredgewidth=0.5, label="veto"))
    ax.legend(handles=handles, title="right", loc="upper left", bbox_to_anchor=(1.01, 1.0),
              fontsize=8, title_fontsize=8, borderaxespad=0.0)
    ax.set_title("Rights in decisions" + (f": {project}" if project else ""), pad=18)
    return ax


# --- Ladder ------------------------------------------------------------------------------

def ladder(net: Network, *, ax: Optional[Axes] = None) -> Axes:
    """The claimed and the computed rung of every project, and the rung of each stage.

    Parameters
    ----------
    net : Network
    ax : matplotlib.axes.Axes, optional

    Returns
    -------
    matplotlib.axes.Axes
        The rungs :data:`RUNGS` on the y axis (0 = none, below consultation, to 4 =
        co-production). Each project has a slot on the x axis: its stages (those with a
        decision) as small squares at the type read from that stage's decisions alone, then
        its overall reading, an open circle at the claimed rung and a filled circle at the
        computed one, joined by an arrow when they differ. Three lines carry the marks, in
        this order and labelled ``"stage"``, ``"claimed"``, ``"computed"``; their data are
        the rung numbers. Project names on the top axis, stage names on the bottom.

    Raises
    ------
    coproduction.InputError
        A network without projects.
    """
    table = _ladder.classify_all(net)
    if table.empty:
        raise input_error("net", "no project to place on the ladder")
    rung = {name: i for i, name in enumerate(RUNGS)}
    slot = len(STAGES) + 2  # the stages, a gap, the overall reading
    sx: List[float] = []
    sy: List[float] = []
    ticks: List[float] = []
    tick_names: List[str] = []
    cx: List[float] = []
    cy: List[float] = []
    tx: List[float] = []
    ty: List[float] = []
    centres: List[float] = []
    for p, (project, rec) in enumerate(table.iterrows()):
        base = p * (slot + 1)
        stages = _ladder.classify(net, str(project)).stages
        for k, (stage, srow) in enumerate(stages.iterrows()):
            ticks.append(base + k)
            tick_names.append(str(stage))
            if not pd.isna(srow["type"]):
                sx.append(base + k)
                sy.append(rung[str(srow["type"])])
        overall = base + len(STAGES) + 1
        ticks.append(overall)
        tick_names.append("project")
        centres.append(base + (len(STAGES) + 1) / 2)
        if not pd.isna(rec["claimed"]):
            cx.append(overall)
            cy.append(rung[str(rec["claimed"])])
        tx.append(overall)
        ty.append(rung[str(rec["type"])])
    ax = _axes(ax, (max(6.0, 1.6 * len(table) + 3.0), 4.8))
    ax.plot(sx, sy, linestyle="none", marker="s", markersize=6, color="#7f7f7f",
            label="stage (its decisions alone)")
    ax.plot(cx, cy, linestyle="none", marker="o", markersize=11, markerfacecolor="none",
            markeredgecolor="#d62728", markeredgewidth=2, label="claimed")
    ax.plot(tx, ty, linestyle="none", marker="o", markersize=8, color="#1f77b4",
            label="computed")
    claimed_at = dict(zip(cx, cy))
    for x, y in zip(tx, ty):
        if x in claimed_at and claimed_at[x] != y:
            ax.annotate("", xy=(x, y), xytext=(x, claimed_at[x]),
                        arrowprops={"arrowstyle": "->", "color": "#d62728", "lw": 1.2,
                                    "shrinkA": 7, "shrinkB": 5})
    for p in range(1, len(table)):
        ax.axvline(p * (slot + 1) - 1, color="#cccccc", linewidth=0.8)
    ax.set_yticks(range(len(RUNGS)))
    ax.set_yticklabels(list(RUNGS))
    ax.set_ylim(-0.5, len(RUNGS) - 0.5)
    ax.set_xlim(-0.8, len(table) * (slot + 1) - 1.2)
    ax.set_xticks(ticks)
    ax.set_xticklabels(tick_names, rotation=90, fontsize=8)
    ax.grid(axis="y", color="#eeeeee")
    ax.set_axisbelow(True)
    top = ax.secondary_xaxis("top")
    top.set_xticks(centres, labels=[str(pid) for pid in table.index], fontsize=9)
    top.tick_params(length=0)
    ax.set_ylabel("rung")
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8, borderaxespad=0.0)
    return ax


# --- Centralization ----------------------------------------------------------------------

#: The centralizations :func:`centralization` draws, columns of
#: :func:`coproduction.metrics.summary`.
_CENTRALIZATIONS = ("degree", "betweenness", "closeness")
_CENTRALIZATION_COLOURS = ("#4477aa", "#ee6677", "#228833")


def centralization(net: Network, *, layers: Optional[Dict[str, Any]] = None,
                   scale: Any = None, ax: Optional[Axes] = None) -> Axes:
    """Degree, betweenness and closeness centralization of each layer, side by side.

    Parameters
    ----------
    net : Network
    layers : dict of name to layer, optional
        As in :func:`coproduction.metrics.summary`: by default every relation together
        (``"all"``) and each relation type on its own.
    scale : str or iterable of str, optional
        Read every layer at these scales only.
    ax : matplotlib.axes.Axes, optional

    Returns
    -------
    matplotlib.axes.Axes
        One group of three bars per layer (in the order of the summary), one bar container
        per measure labelled ``"degree"``, ``"betweenness"``, ``"closeness"``; the bar
        heights are the summary's ``<measure>_centralization`` (a layer of two stakeholders
        or fewer has none: a zero-height bar, marked ``n/a``). The y axis runs from 0 (every
        stakeholder alike) to 1 (a star).

    Raises
    ------
    coproduction.InputError
        As :func:`coproduction.metrics.summary`.
    """
    table = _metrics.summary(net, layers, scale=scale)
    ax = _axes(ax, (max(6.0, 0.8 * len(table) + 2.5), 4.5))
    x = np.arange(len(table), dtype=float)
    width = 0.8 / len(_CENTRALIZATIONS)
    for k, (measure, colour) in enumerate(zip(_CENTRALIZATIONS, _CENTRALIZATION_COLOURS)):
        heights = table[f"{measure}_centralization"].to_numpy(dtype=float)
        where = x + (k - (len(_CENTRALIZATIONS) - 1) / 2) * width
        ax.bar(where, np.nan_to_num(heights, nan=0.0), width, color=colour, label=measure)
        for xi, h in zip(where, heights):
            if math.isnan(h):
                ax.text(xi, 0.01, "n/a", rotation=90, ha="center", va="bottom", fontsize=7)
    ax.set_xticks(x)
    ax.set_xticklabels([str(name) for name in table.index], rotation=45, ha="right",
                       fontsize=8)
    ax.set_ylim(0, 1)
    ax.set_ylabel("centralization (0 = all alike, 1 = a star)")
    ax.set_xlabel("layer")
    ax.set_title("Centralization by layer")
    ax.legend(title="centralization of", fontsize=8, title_fontsize=8, loc="upper right")
    return ax


# --- The Net-Map picture -----------------------------------------------------------------

def _node_sizes(net: Network, ids: pd.Index, size: Optional[str]) -> np.ndarray[Any, Any]:
    """Marker areas (points squared): 40 to 800 in proportion to the quantity."""
    if size is None:
        return np.full(len(ids), 200.0)
    if size == "decision_power":
        values = _power.decision_power(net, by="all")["all"].reindex(ids)
    elif size in net.stakeholders.columns:
        try:
            values = net.stakeholders[size].reindex(ids).astype(float)
        except (TypeError, ValueError) as error:
            raise input_error("size", f"column {size!r} is not numeric") from error
    else:
        raise input_error("size", f"'decision_power', a numeric stakeholder column such as "
                                  f"'influence', or None; not {size!r}")
    v = values.to_numpy(dtype=float)
    top = np.nanmax(v) if np.isfinite(v).any() else 0.0
    scaled = np.where(np.isfinite(v) & (top > 0), v / (top if top > 0 else 1.0), 0.0)
    return np.asarray(40.0 + 760.0 * scaled, dtype=float)


def network(net: Network, *, layer: Any = None, scale: Any = None, color: Any = "role",
            size: Optional[str] = "decision_power", layout: str = "fruchterman_reingold",
            seed: int = 0, labels: Union[bool, str] = True,
            ax: Optional[Axes] = None) -> Axes:
    """The Net-Map picture: stakeholders as nodes, relations as arrows.

    Parameters
    ----------
    net : Network
    layer : str or iterable of str, optional
        Relation types to draw (all by default), as in :func:`coproduction.metrics.layer_edges`.
    scale : str or iterable of str, optional
        Only relations at these scales.
    color : str, pandas.Series or dict, default "role"
        Node colour by group: a stakeholder column (``"role"``, ``"kind"``, ``"convenor"``,
        ...), a Series or a dict of id to group, read as every ``by=`` of the package.
    size : {"decision_power", "influence", None} or a numeric column, default "decision_power"
        Node area in proportion to the stakeholder's decision power (mean over decisions) or
        to a numeric column such as the Net-Map ``influence`` tower; a missing value gives
        the smallest node. None: every node the same.
    layout : str, default "fruchterman_reingold"
        The method of :func:`coproduction.layout.positions`.
    seed : int, default 0
        The layout's seed: the same seed, the same picture.
    labels : bool or {"id", "label"}, default True
        Name the nodes (True: by id), placed so that they neither overlap nor leave the axes.
    ax : matplotlib.axes.Axes, optional

    Returns
    -------
    matplotlib.axes.Axes
        One :class:`~matplotlib.patches.FancyArrowPatch` per relation drawn, coloured by
        relation type; nodes as scatter collections (one per group and shape), objects
        (kind ``object``) as squares and everyone else as circles; two legends, groups and
        relation types (the first added as an artist); one annotation per node when labelled.

    Raises
    ------
    coproduction.InputError
        A bad ``layer``, ``scale``, ``color`` or ``size``.
    """
    from . import layout as _layout  # the layout module is imported only when drawing a map

    positions = _layout.positions(net, method=layout, layer=layer, scale=scale,
                                  include_objects=True, seed=seed)
    ids = pd.Index(positions.index)
    xs = positions["x"].to_numpy(dtype=float)
    ys = positions["y"].to_numpy(dtype=float)
    people = net.stakeholders.reindex(ids)
    grouping = resolve_groups(color, ids, net=net, sort=True, where="color")
    group_of = grouping.of_items()
    colours = _group_colours(list(grouping.labels))
    areas = _node_sizes(net, ids, size)
    is_object = (people["kind"].astype(object) == _OBJECT).to_numpy(dtype=bool)

    created = ax is None
    ax = _axes(ax, (10.0, 7.5), constrained=False)
    fig = ax.get_figure()
    assert fig is not None
    if created:
        fig.subplots_adjust(left=0.02, right=0.74, bottom=0.02, top=0.95)

    # Relations: the layer's, read by the core's one rule for a layer.
    rel = _metrics.layer_relations(net, layer, scale=scale, include_objects=True)
    types = sorted(rel["type"].unique())
    edge_colours = {t: _EDGE_PALETTE[i % len(_EDGE_PALETTE)] for i, t in enumerate(types)}
    radius = np.sqrt(areas) / 2.0  # marker radius in points
    # One arrow per relation: drawing, not computing.
    ends = zip(ids.get_indexer(pd.Index(rel["source"])).tolist(),
               ids.get_indexer(pd.Index(rel["target"])).tolist())
    for (a, b), rec in zip(ends, rel.itertuples(index=False)):
        if a == b:
            continue
        ax.add_patch(FancyArrowPatch((xs[a], ys[a]), (xs[b], ys[b]),
                                     arrowstyle="-|>", mutation_scale=8,
                                     connectionstyle="arc3,rad=0.08",
                                     shrinkA=float(radius[a]) + 1, shrinkB=float(radius[b]) + 1,
                                     color=edge_colours[rec.type], alpha=0.7, linewidth=0.9,
                                     zorder=1))

    for code, label in enumerate(grouping.labels):
        for obj, marker in ((False, "o"), (True, "s")):
            chosen = (grouping.codes == code) & (is_object == obj)
            if chosen.any():
                ax.scatter(xs[chosen], ys[chosen], s=areas[chosen], c=colours[label],
                           marker=marker, edgecolors="black", linewidths=0.6, zorder=3,
                           label=f"{label}{' (object)' if obj else ''}")
    pad_x = (xs.max() - xs.min()) * 0.08 + 1e-9 if len(xs) else 1.0
    pad_y = (ys.max() - ys.min()) * 0.08 + 1e-9 if len(ys) else 1.0
    if len(xs):
        ax.set_xlim(xs.min() - pad_x, xs.max() + pad_x)
        ax.set_ylim(ys.min() - pad_y, ys.max() + pad_y)
    ax.set_xticks([])
    ax.set_yticks([])
    for spine in ax.spines.values():
        spine.set_color("#dddddd")

    group_handles: List[Any] = [
        Line2D([], [], linestyle="none", marker="o", markersize=8, color=colours[label],
               markeredgecolor="black", markeredgewidth=0.6, label=str(label))
        for label in grouping.labels]
    if is_object.any():
        group_handles.append(Line2D([], [], linestyle="none", marker="s", markersize=8,
                                    color="white", markeredgecolor="black", label="object"))
    first = ax.legend(handles=group_handles, title=_by_name(color), loc="upper left",
                      bbox_to_anchor=(1.01, 1.0), fontsize=8, title_fontsize=8,
                      borderaxespad=0.0)
    # A legend added as an artist is clipped to the axes box when a tight bounding box is
    # measured (a notebook's inline figures), which cut it off at the figure's edge.
    first.set_clip_on(False)
    ax.add_artist(first)
    edge_handles = [Line2D([], [], color=edge_colours[t], linewidth=2, label=str(t))
                    for t in types]
    ax.legend(handles=edge_handles, title="relation", loc="lower left",
              bbox_to_anchor=(1.01, 0.0), fontsize=8, title_fontsize=8, borderaxespad=0.0)
    if labels:
        names = (ids.astype(str).tolist() if labels is True or labels == "id"
                 else [str(v) if isinstance(v, str) else str(k)
                       for k, v in zip(ids, people["label"])])
        _place_labels(ax, list(xs), list(ys), names, radii=list(radius), fontsize=7,
                      order=list(np.argsort(-areas, kind="stable")))
    title = "Relations" if layer is None else f"Relations: {layer if isinstance(layer, str) else ', '.join(layer)}"
    ax.set_title(title + (f" (size: {size})" if size else ""), fontsize=10)
    return ax



# --- Waves -------------------------------------------------------------------------------

def timeline(data: Any, measure: Optional[Any] = None, *args: Any, ax: Optional[Axes] = None,
             **kwargs: Any) -> Axes:
    """A measure over the waves of a timeline: one line per column, one point per wave.

    Parameters
    ----------
    data : Timeline or pandas.DataFrame
        A :class:`~coproduction.Timeline` with ``measure``, or a table that
        :meth:`Timeline.measure` gave (indexed by wave, numeric columns).
    measure : callable, optional
        With a Timeline: the measure, called as ``tl.measure(measure, *args, **kwargs)``.
    ax : matplotlib.axes.Axes, optional

    Returns
    -------
    matplotlib.axes.Axes
        The waves along the x axis in their order (tick labels the waves' names); one line
        with markers per numeric column, labelled with the column's name, in column order. A
        table with ``estimate``, ``low`` and ``high`` (a bootstrap over the waves) draws the
        estimate as one line with each wave's interval as an error bar (one
        :class:`~matplotlib.container.ErrorbarContainer`, labelled with the interval).

    Raises
    ------
    coproduction.InputError
        A Timeline without ``measure``, a table without numeric columns or with more than
        one level of rows (select one group first: ``table.xs("partner", level=1)``).

    Examples
    --------
    >>> import coproduction as cp
    >>> tl = cp.examples.load_timeline("twam_partners_waves")
    >>> ax = cp.plot.timeline(tl, cp.metrics.reciprocity, layer="learns_from")
    >>> [t.get_text() for t in ax.get_xticklabels()]
    ['2013', '2014']
    """
    from .timeline import Timeline

    if isinstance(data, Timeline):
        if measure is None:
            raise input_error("measure", "a function of a network, to draw over the waves")
        table = data.measure(measure, *args, **kwargs)
    elif isinstance(data, pd.DataFrame):
        table = data
    else:
        raise input_error("data", f"a Timeline or a table of Timeline.measure, not "
                                  f"{type(data).__name__}")
    if table.index.nlevels != 1:
        raise input_error("data", "has more than one level of rows: select one group first, "
                                  "such as table.xs(\"partner\", level=1)")
    numeric = [c for c in table.columns if pd.api.types.is_numeric_dtype(table[c])
               and not pd.api.types.is_bool_dtype(table[c])]
    if not numeric:
        raise input_error("data", "has no numeric column to draw")
    ax = _axes(ax, (6.5, 4.0))
    x = np.arange(len(table))
    if {"estimate", "low", "high"} <= set(numeric):
        est = table["estimate"].to_numpy(dtype=float)
        below = est - table["low"].to_numpy(dtype=float)
        above = table["high"].to_numpy(dtype=float) - est
        ax.errorbar(x, est, yerr=np.vstack([below, above]), marker="o", capsize=4,
                    color=_PALETTE[0], label="estimate with its interval")
    else:
        for i, column in enumerate(numeric):
            ax.plot(x, table[column].to_numpy(dtype=float), marker="o",
                    color=_PALETTE[i % len(_PALETTE)], label=str(column))
    ax.set_xticks(x, [str(w) for w in table.index])
    ax.set_xlim(-0.3, len(table) - 0.7 if len(table) > 1 else 0.3)
    ax.set_xlabel(str(table.index.name or "wave"))
    if len(numeric) == 1 and "estimate" not in numeric:
        ax.set_ylabel(str(numeric[0]))
    ax.legend(loc="best", fontsize=8)
    ax.grid(axis="y", color="#dddddd", linewidth=0.6)
    return ax


def __dir__() -> List[str]:
    return list(__all__)
