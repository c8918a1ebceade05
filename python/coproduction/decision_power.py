"""Formal decision power in a network: who can change the outcome of which decision.

Every decision of a :class:`~coproduction.Network` is a simple game over its holders (the
stakeholders whose right is ``shared`` or ``decides``), with the winning coalitions its rule
names (docs/format.md). The functions here read a power index of every decision's game and
lay the values out by stakeholder, decision, stage, project or any grouping of
stakeholders; they find the decisions the convenors can carry without any partner and the
holders without whom nothing is decided. Seed 004: "Know where power sits and who holds it".

The computations run in the C++ core (``include/coproduction/power/decision_power.hpp``);
results are pandas objects indexed by stakeholder id.
"""

from __future__ import annotations

import numbers
from collections.abc import Mapping
from typing import Any, List, Optional, Tuple, Union, cast

import numpy as np
import pandas as pd

from . import _core
from ._errors import input_error
from ._reading import reads_network
from .network import STAGES, Network

__all__ = [
    "INDICES",
    "decision_power",
    "power_by_stage",
    "power_by_project",
    "power_shares",
    "convenor_carried",
    "convenor_carried_share",
    "veto_players",
]

#: The power indices a decision's game can be read with.
INDICES = ("banzhaf", "banzhaf_absolute", "shapley_shubik", "deegan_packel", "holler", "johnston")

_BY = (None, "decision", "stage", "project", "all")


def _core_of(net: Any) -> Any:
    if not isinstance(net, Network):
        raise input_error("net", f"a coproduction.Network, not {type(net).__name__}")
    return net._core


def _check_index(index: str) -> None:
    if index not in INDICES:
        raise input_error("index", f"must be one of {', '.join(INDICES)}, got {index!r}")


def _check_max_coalitions(max_coalitions: Any) -> int:
    """``max_coalitions`` as an int the core takes (a 64-bit unsigned count, at least 1)."""
    if isinstance(max_coalitions, bool) or not isinstance(max_coalitions, numbers.Integral) \
            or not 1 <= int(max_coalitions) < 2**64:
        raise input_error("max_coalitions", f"must be an integer from 1 to 2^64 - 1, got "
                                            f"{max_coalitions!r}")
    return int(max_coalitions)


def _check_project(net: Network, project: Optional[str]) -> None:
    if project is not None and project not in set(net.projects.index):
        raise input_error("project", f"unknown project {project!r}; the projects are "
                                     f"{list(net.projects.index)}")


def _frame(table: Mapping[str, Any], columns_name: str) -> pd.DataFrame:
    return pd.DataFrame(np.asarray(table["values"], dtype=float),
                        index=pd.Index(table["stakeholders"], name="stakeholder", dtype=object),
                        columns=pd.Index(table["columns"], name=columns_name, dtype=object))


@reads_network
def decision_power(net: Network, index: str = "banzhaf", by: Optional[str] = None, *,
                   weighted: bool = False, project: Optional[str] = None,
                   max_coalitions: int = 100_000_000) -> pd.DataFrame:
    r"""Formal decision power of every stakeholder in every decision.

    Parameters
    ----------
    net : Network
    index : {"banzhaf", "banzhaf_absolute", "shapley_shubik", "deegan_packel", "holler", \
"johnston"}
        The power index read from each decision's game; normalised Banzhaf by default.
    by : {None, "decision", "stage", "project", "all"}
        None or "decision": one column per decision. "stage", "project": one column per
        stage or project that has a decision, the mean over its decisions. "all": one
        column, the mean over every decision.
    weighted : bool, default False
        Average with each decision counting by its ``weight`` rather than once.
    project : str, optional
        Only the decisions of this project (not with ``by="project"``).
    max_coalitions : int, default 100_000_000
        For Deegan-Packel and Holler: most minimal winning coalitions visited per decision
        (as in :func:`coproduction.power.deegan_packel`).

    Returns
    -------
    pandas.DataFrame
        One row per stakeholder (every stakeholder of the network, indexed by id), one column
        per decision, stage or project. A stakeholder who holds no right in a decision (or
        is only informed, consulted or involved) has 0 there.

    Raises
    ------
    coproduction.InputError
        An unknown index or ``by``; a project with no decision; a decision with more holders
        than the index can enumerate (Deegan-Packel and Holler 64, Johnston 25).
    coproduction.LimitError
        A decision whose exact index would take too much memory or time: Banzhaf or
        Shapley-Shubik tables over more than about 33 million vote totals, or more than
        ``max_coalitions`` minimal winning coalitions. The message names the decision and
        the estimate; the indices of :mod:`coproduction.power` can sample such a game
        (``method="monte_carlo"``).
    coproduction.UnknownIdError
        An unknown project.

    Notes
    -----
    Decision :math:`d` with holders :math:`H_d` is the weighted game of its rule (sole,
    unanimity, majority, quota, votes and veto holders). The value of stakeholder
    :math:`s` is the index of that game, :math:`p(s, d)`, or 0 when :math:`s \notin H_d`.
    Aggregates are weighted means over a set :math:`D` of decisions,

    .. math:: P(s, D) = \frac{\sum_{d \in D} w_d\, p(s, d)}{\sum_{d \in D} w_d},

    with :math:`w_d = 1`, or the decision's weight when ``weighted``. Every index but
    ``banzhaf_absolute`` sums to 1 over the holders of a decision, so every column sums to 1
    over stakeholders: a share of the say over those decisions. Range :math:`[0, 1]`; 1 for a
    stakeholder who decides alone. For a partnership: a partner with a right called
    ``shared`` but 0 here has a seat without a say (the vote can never change the outcome).

    References
    ----------
    Banzhaf, J. F. (1965). Weighted voting doesn't work: a mathematical analysis. *Rutgers
    Law Review* 19, 317-343.
    Shapley, L. S. & Shubik, M. (1954). A method for evaluating the distribution of power in a
    committee system. *American Political Science Review* 48(3), 787-792.
    Taylor, A. D. & Zwicker, W. S. (1999). *Simple Games*. Princeton University Press.

    Examples
    --------
    >>> import coproduction as cp
    >>> net = cp.examples.load("nml_collaboration_types")
    >>> cp.power.decision_power(net, project="co_design").loc[
    ...     ["co_design_curators", "co_design_young_people"], ["co_design_route", "co_design_objects"]]
    decision                co_design_route  co_design_objects
    stakeholder                                               
    co_design_curators             0.333333                0.6
    co_design_young_people         0.333333                0.2
    """
    core = _core_of(net)
    _check_index(index)
    most = _check_max_coalitions(max_coalitions)
    if by not in _BY:
        raise input_error("by", f"must be None, 'decision', 'stage', 'project' or 'all', got {by!r}")
    _check_project(net, project)
    if by is None or by == "decision":
        frame = _frame(_core.ladder.decision_power(core, index, most), "decision")
        if project is not None:
            chosen = net.decisions.index[net.decisions["project"] == project]
            frame = frame.loc[:, list(chosen)]
        return frame
    table = _core.ladder.power_by(core, index, by, bool(weighted), project, most)
    return _frame(table, {"stage": "stage", "project": "project", "all": "decisions"}[by])


@reads_network
def power_by_stage(net: Network, index: str = "banzhaf", *, weighted: bool = False,
                   project: Optional[str] = None) -> pd.DataFrame:
    """Decision power by stage: :func:`decision_power` with ``by="stage"``.

    One column per stage that has a decision (conception, design, delivery, evaluation,
    governance, in that order), each the mean of the stakeholders' power over the decisions
    of that stage; each column sums to 1 with a normalised index.

    Examples
    --------
    >>> import coproduction as cp
    >>> net = cp.examples.load("twam_partners_2013")
    >>> cp.power.power_by_stage(net).loc["housing21_reminiscence_group"].round(3)
    stage
    conception    0.0
    design        0.2
    delivery      0.0
    evaluation    0.0
    governance    0.0
    Name: housing21_reminiscence_group, dtype: float64
    """
    return decision_power(net, index, by="stage", weighted=weighted, project=project)


@reads_network
def power_by_project(net: Network, index: str = "banzhaf", *,
                     weighted: bool = False) -> pd.DataFrame:
    """Decision power by project: :func:`decision_power` with ``by="project"``.

    One column per project that has a decision, each the mean of the stakeholders' power
    over its decisions.

    Examples
    --------
    >>> import coproduction as cp
    >>> net = cp.examples.load("nml_collaboration_types")
    >>> cp.power.power_by_project(net).loc["co_production_advisory_panel"].round(3)
    project
    consultation     0.0
    engagement       0.0
    co_design        0.0
    co_production    0.2
    Name: co_production_advisory_panel, dtype: float64
    """
    return decision_power(net, index, by="project", weighted=weighted)


def _groups(net: Network, by: Union[str, pd.Series, Mapping[str, Any]],
            ids: pd.Index) -> pd.Series:
    frame = net.stakeholders
    if isinstance(by, str):
        if by == "convenor":
            flags = frame["convenor"].fillna(False).astype(bool)
            labels = pd.Series(np.where(flags, "convenor", "partner"), index=frame.index,
                               dtype=object)
        elif by in frame.columns and by != "attributes":
            labels = frame[by].astype(object).where(frame[by].notna(), "not coded")
        else:
            raise input_error("by", f"must be 'convenor', a stakeholder column (kind, role, "
                                    f"sector, expertise, under_served, paid, ...) or a Series; "
                                    f"got {by!r}")
    elif isinstance(by, (pd.Series, Mapping)):
        labels = pd.Series(dict(by) if not isinstance(by, pd.Series) else by, dtype=object)
        if not labels.index.is_unique:
            raise input_error("by", "has repeated stakeholder ids")
        missing = [s for s in ids if s not in labels.index or pd.isna(labels.get(s))]
        if missing:
            raise input_error("by", f"no group for stakeholder {missing[0]!r}")
    else:
        raise input_error("by", f"must be a column name or a Series, not {type(by).__name__}")
    return labels.reindex(ids)


@reads_network
def power_shares(net: Network, by: Union[str, pd.Series, Mapping[str, Any]] = "convenor", *,
                 index: str = "banzhaf", weighted: bool = False,
                 project: Optional[str] = None) -> pd.DataFrame:
    r"""Each group's share of decision power beside its share of the people.

    Parameters
    ----------
    net : Network
    by : str, pandas.Series or dict, default "convenor"
        ``"convenor"`` (convenor or partner), a column of :attr:`Network.stakeholders`
        (``"expertise"``, ``"role"``, ``"sector"``, ``"under_served"``, ``"paid"``, ...;
        an uncoded value is its own group, ``"not coded"``), or a group label for every
        stakeholder id.
    index : str, default "banzhaf"
        As in :func:`decision_power`.
    weighted : bool, default False
        Decisions count by their weight.
    project : str, optional
        Only this project's decisions, and only its stakeholders (a right above ``none`` in
        one of them) among the people.

    Returns
    -------
    pandas.DataFrame
        Indexed by group: ``power`` (share of the power, summing to 1), ``stakeholders``
        (how many), ``people`` (share of the head count: a group stakeholder counts its
        ``size``), ``parity`` (power / people).

    Raises
    ------
    coproduction.InputError
        An unknown ``by``, a stakeholder without a group, no decision.

    Notes
    -----
    With :math:`P_s` the stakeholder's mean power over the decisions
    (:func:`decision_power` with ``by="all"``), group :math:`g` holds
    :math:`S_g = \sum_{s \in g} P_s / \sum_s P_s` of the power. The people are the
    stakeholders other than objects (seed 000's collection objects hold no rights), counted
    by head count; ``parity`` is the parity ratio of Taagepera & Shugart (1989): 1 is power in
    proportion to numbers, below 1 less say than numbers. For a partnership: service users
    with a parity of 0.1 are a tenth as powerful per head as an even share would make them.

    Examples
    --------
    >>> import coproduction as cp
    >>> net = cp.examples.load("nml_collaboration_types")
    >>> cp.power.power_shares(net, project="co_production").round(3)
              power  stakeholders  people  parity
    group                                        
    convenor    0.4             2   0.294    1.36
    partner     0.6             3   0.706    0.85
    """
    core = _core_of(net)
    _check_index(index)
    _check_project(net, project)
    table = _core.ladder.power_by(core, index, "all", bool(weighted), project)
    power = pd.Series(np.asarray(table["values"], dtype=float)[:, 0],
                      index=pd.Index(table["stakeholders"], dtype=object))
    frame = net.stakeholders
    people = frame.index[frame["kind"].astype(str) != "object"]
    if project is not None:
        rights = net.rights.reset_index()
        chosen = set(net.decisions.index[net.decisions["project"] == project])
        taking = rights[rights["decision"].isin(chosen) & (rights["right"] != "none")]
        keep = set(taking["stakeholder"])
        people = pd.Index([s for s in people if s in keep], dtype=object)
    labels = _groups(net, by, people)
    order = list(dict.fromkeys(["convenor", "partner"])) if isinstance(by, str) and \
        by == "convenor" else None
    codes, names = pd.factorize(labels, sort=order is None and _sortable(labels))
    if order is not None:
        names = pd.Index([n for n in order if n in set(labels)], dtype=object)
        codes = np.asarray([list(names).index(x) for x in labels], dtype=np.int64)
    shares = _core.ladder.power_shares(power.reindex(people).to_numpy(dtype=float),
                                       np.asarray(codes, dtype=np.int64), len(names))
    heads = frame["size"].reindex(people).fillna(1).to_numpy(dtype=float)
    head_share = np.bincount(codes, weights=heads, minlength=len(names)) / heads.sum()
    out = pd.DataFrame({
        "power": np.asarray(shares, dtype=float),
        "stakeholders": np.bincount(codes, minlength=len(names)).astype(np.int64),
        "people": head_share,
        "parity": np.asarray(shares, dtype=float) / head_share,
    }, index=pd.Index(list(names), name="group", dtype=object))
    return out


def _sortable(labels: pd.Series) -> bool:
    try:
        sorted(set(labels))
    except TypeError:
        return False
    return True


@reads_network
def convenor_carried(net: Network, *, project: Optional[str] = None) -> pd.Series:
    """For each decision, whether the convenors can carry it with no partner.

    Returns
    -------
    pandas.Series
        Booleans indexed by decision id (only ``project``'s decisions when given), named
        ``"convenor_carried"``.

    Notes
    -----
    True when the coalition of every convenor holding the decision wins under its rule: the
    decision can then be made without any partner's consent. The games are monotone, so this
    is the case exactly when some coalition without partners wins.

    Examples
    --------
    >>> import coproduction as cp
    >>> net = cp.examples.load("nml_collaboration_types")
    >>> cp.power.convenor_carried(net, project="co_design").tolist()
    [True, False, False, True, True, True]
    """
    core = _core_of(net)
    _check_project(net, project)
    flags = pd.Series(np.asarray(_core.ladder.convenor_carried(core), dtype=bool),
                      index=pd.Index(net.decisions.index, name="decision", dtype=object),
                      name="convenor_carried")
    if project is not None:
        flags = flags[(net.decisions["project"] == project).to_numpy()]
    return flags


@reads_network
def convenor_carried_share(net: Network, *, project: Optional[str] = None,
                           weighted: bool = False) -> float:
    r"""The share of decisions the convenors can carry with no partner in the coalition.

    Parameters
    ----------
    net : Network
    project : str, optional
        Only this project's decisions.
    weighted : bool, default False
        Decisions count by their weight.

    Returns
    -------
    float
        In :math:`[0, 1]`.

    Raises
    ------
    coproduction.InputError
        No decision to count.

    Notes
    -----
    .. math:: C = \frac{\sum_d w_d\, [\text{the convenors carry } d]}{\sum_d w_d}

    1: the convenors never need a partner's consent (seed 002: "Decision making is not
    shared"); 0: nothing is decided without a partner. A decentralisation measure of
    DESIGN section 2.

    Examples
    --------
    >>> import coproduction as cp
    >>> net = cp.examples.load("nml_collaboration_types")
    >>> cp.power.convenor_carried_share(net, project="co_design")
    0.6666666666666666
    """
    flags = convenor_carried(net, project=project)
    if len(flags) == 0:
        raise input_error("project", "there is no decision to count")
    w = net.decisions["weight"].reindex(flags.index).to_numpy(dtype=float) if weighted \
        else np.ones(len(flags))
    return float(np.sum(w * flags.to_numpy(dtype=float)) / np.sum(w))


@reads_network
def veto_players(net: Network, *, project: Optional[str] = None) -> pd.DataFrame:
    """The holders in every winning coalition of each decision.

    Returns
    -------
    pandas.DataFrame
        One row per (decision, veto player), indexed by stakeholder id: ``decision``,
        ``project``, ``stage``, ``named_in_rule`` (listed in the rule's ``veto``; otherwise
        the veto follows from the rule: the sole decider, every holder under unanimity, or a
        holder whose votes the others cannot do without), ``convenor``.

    Notes
    -----
    Holder :math:`i` is a veto player when every winning coalition contains it, that is
    when the other holders together lose. Nothing is decided without its consent.

    Examples
    --------
    >>> import coproduction as cp
    >>> net = cp.examples.load("twam_partners_2013")
    >>> cp.power.veto_players(net).loc[lambda f: f["stage"] == "design", ["decision", "named_in_rule"]]
                              decision  named_in_rule
    stakeholder                                      
    twam_outreach  reminiscence_themes          False
    housing21_ot   reminiscence_format           True
    """
    core = _core_of(net)
    _check_project(net, project)
    found = _core.ladder.veto_players(core)
    decisions = net.decisions
    convenor = net.stakeholders["convenor"].fillna(False).astype(bool)
    ids = list(found["stakeholder"])
    out = pd.DataFrame({
        "decision": np.asarray(list(found["decision"]), dtype=object),
        "project": np.asarray([decisions.at[d, "project"] for d in found["decision"]],
                              dtype=object),
        "stage": pd.Categorical([decisions.at[d, "stage"] for d in found["decision"]],
                                categories=list(STAGES), ordered=True),
        "named_in_rule": np.asarray(found["named_in_rule"], dtype=bool),
        "convenor": np.asarray([bool(convenor[s]) for s in ids], dtype=bool),
    }, index=pd.Index(ids, name="stakeholder", dtype=object))
    if project is not None:
        out = out[out["project"] == project]
    return out


def _decision_game(decision: str, rows: pd.DataFrame, rule: str,
                   quota: float) -> Tuple[pd.Series, float, List[str]]:
    """The weighted game of one decision, as docs/format.md defines its winning coalitions:
    the holders' votes, the quota and the veto holders."""
    holders = rows[rows["right"] >= "shared"]
    votes = holders["votes"].fillna(1).astype(float)
    veto = [str(s) for s in holders.index[holders["veto"].to_numpy(dtype=bool)]]
    if rule == "sole":
        # Only the one `decides` holder's consent counts: a dictator game.
        votes = (holders["right"] == "decides").astype(float)
        need = 1.0
    elif rule == "unanimity":
        votes = pd.Series(1.0, index=holders.index)
        need = float(len(holders))
    elif rule == "majority":
        need = float(np.floor(votes.sum() / 2) + 1)  # more than half of whole votes
    else:
        need = float(np.ceil(quota))
    return votes, need, veto


@reads_network
def bloc_power(net: Network, by: Union[str, pd.Series, Mapping[str, Any]] = "role", *,
               kind: str = "shapley_shubik", project: Optional[str] = None) -> pd.DataFrame:
    """Decision power when holders vote in blocs: the Owen value of every decision.

    Holders who share a group (their role, expertise, convenor side, or any grouping) agree
    among themselves first and then vote as a bloc, as service users, front-line staff or
    commissioners often do.

    Parameters
    ----------
    net : Network
    by : str, Series or mapping, default "role"
        The blocs: ``"convenor"`` (convenors vs partners), a stakeholder column, or a Series
        indexed by stakeholder id. An uncoded value forms the bloc ``"not coded"``.
    kind : {"shapley_shubik", "banzhaf"}, default "shapley_shubik"
        The Owen value (Owen 1977) or the Banzhaf-Owen index (Owen 1981).
    project : str, optional
        Only the decisions of this project.

    Returns
    -------
    pandas.DataFrame
        One row per stakeholder (indexed by id), one column per decision; 0 for a
        stakeholder who does not hold the decision. Each column sums to 1 over the holders.

    Raises
    ------
    coproduction.InputError
        A grouping that misses a stakeholder, or an unknown ``kind``.

    Notes
    -----
    With every holder in a bloc of their own, or all holders in one bloc, the Owen value is
    the Shapley-Shubik index (Owen 1977); between the two, a bloc's members share what the
    bloc as a whole can swing. Range [0, 1].

    References
    ----------
    Owen, G. (1977). Values of games with a priori unions. In *Mathematical Economics and Game
    Theory*, Springer, 76-88. Owen, G. (1981). Modification of the Banzhaf-Coleman index for
    games with a priori unions. In *Power, Voting and Voting Power*, Physica, 232-238.

    Examples
    --------
    >>> import coproduction as cp
    >>> net = cp.examples.load("twam_partners_2013")
    >>> cp.power.bloc_power(net, by="convenor")["reminiscence_themes"].loc[lambda p: p > 0].round(3)
    stakeholder
    twam_outreach                   0.50
    housing21_ot                    0.25
    housing21_reminiscence_group    0.25
    Name: reminiscence_themes, dtype: float64
    """
    from . import power as _power

    _check_project(net, project)
    ids = net.stakeholders.index
    groups = _groups(net, by, ids)
    decisions = net.decisions
    if project is not None:
        decisions = decisions[decisions["project"] == project]
    rights = net.rights
    table = pd.DataFrame(0.0, index=pd.Index(ids, name="stakeholder"),
                         columns=pd.Index(decisions.index, name="decision"))
    for did, row in decisions.iterrows():
        rows = cast(pd.DataFrame, rights.xs(did, level="decision"))
        votes, need, veto = _decision_game(str(did), rows, str(row["rule"]),
                                           float(cast(float, row["quota"])))
        values = _power.owen(votes, need, groups.reindex(votes.index), veto=veto or None,
                             kind=kind)
        table.loc[values.index, did] = values.to_numpy(dtype=float)
    return table
