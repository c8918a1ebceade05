"""Formal decision power in a network: who can change the outcome of which decision.

Every decision of a :class:`~coproduction.Network` is a simple game over its holders (the
stakeholders whose right is ``shared`` or ``decides``), with the winning coalitions its rule
names (docs/format.md). The functions here read a power index of every decision's game and
lay the values out by stakeholder, decision, stage, project or any grouping of
stakeholders; they find the decisions the convenors can carry without any partner and the
holders without whom nothing is decided. Traverse and Co-Production Collective, *Draft
manifesto for coproduction in health and care research*: "Know where power sits and who
holds it".

Every function that aggregates over decisions counts each decision by its ``weight`` (1 when
absent) unless ``weighted=False``: one default for the whole package, documented in
docs/power.md, "Decision weighting".

The computations run in the C++ core (``include/coproduction/power/decision_power.hpp``,
``bloc_power.hpp``); results are pandas objects indexed by stakeholder id (an index named
``stakeholder``).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, List, Optional, Union

import numpy as np
import pandas as pd

from . import _core, _results
from ._checks import check_max_coalitions, check_project, network_core
from ._errors import input_error
from ._groups import NOT_CODED, resolve_groups
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
    "bloc_power",
]

#: The power indices a decision's game can be read with.
INDICES = ("banzhaf", "banzhaf_absolute", "shapley_shubik", "deegan_packel", "holler", "johnston")

_BY = (None, "decision", "stage", "project", "all")


def _check_index(index: str) -> None:
    if index not in INDICES:
        raise input_error("index", f"must be one of {', '.join(INDICES)}, got {index!r}")


def _frame(table: Mapping[str, Any], columns_name: str) -> pd.DataFrame:
    return pd.DataFrame(np.asarray(table["values"], dtype=float),
                        index=pd.Index(table["stakeholders"], name="stakeholder", dtype=object),
                        columns=pd.Index(table["columns"], name=columns_name, dtype=object))


@reads_network
def decision_power(net: Network, index: str = "banzhaf", by: Optional[str] = None, *,
                   weighted: bool = True, project: Optional[str] = None,
                   max_coalitions: int = 100_000_000) -> pd.DataFrame:
    r"""Formal decision power of every stakeholder in every decision.

    Parameters
    ----------
    net : Network
    index : {"banzhaf", "banzhaf_absolute", "shapley_shubik", "deegan_packel", "holler", "johnston"}
        The power index read from each decision's game; normalised Banzhaf by default.
    by : {None, "decision", "stage", "project", "all"}
        None or "decision": one column per decision. "stage", "project": one column per
        stage or project that has a decision, the mean over its decisions. "all": one
        column, the mean over every decision.
    weighted : bool, default True
        Average with each decision counting by its ``weight`` (1 when absent); False counts
        every decision once. The package's one default (docs/power.md, "Decision
        weighting").
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

    with :math:`w_d` the decision's weight (1 when absent) when ``weighted``, else 1. Every
    index but ``banzhaf_absolute`` sums to 1 over the holders of a decision, so every column
    sums to 1 over stakeholders: a share of the say over those decisions. Range :math:`[0, 1]`; 1 for a
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
    core = network_core(net)
    _check_index(index)
    most = check_max_coalitions(max_coalitions)
    if by not in _BY:
        raise input_error("by", f"must be None, 'decision', 'stage', 'project' or 'all', got {by!r}")
    check_project(net, project)
    if by is None or by == "decision":
        frame = _frame(_core.power.decision_power(core, index, most), "decision")
        if project is not None:
            chosen = net.decisions.index[net.decisions["project"] == project]
            frame = frame.loc[:, list(chosen)]
        return _results.wrap(_results.DecisionPower, frame, index=index, by="decision",
                             weighted=bool(weighted), project=project)
    table = _core.power.power_by(core, index, by, bool(weighted), project, most)
    frame = _frame(table, {"stage": "stage", "project": "project", "all": "decisions"}[by])
    return _results.wrap(_results.DecisionPower, frame, index=index, by=by,
                         weighted=bool(weighted), project=project)


@reads_network
def power_by_stage(net: Network, index: str = "banzhaf", *, weighted: bool = True,
                   project: Optional[str] = None) -> pd.DataFrame:
    """Decision power by stage: :func:`decision_power` with ``by="stage"``.

    One column per stage that has a decision (conception, design, delivery, evaluation,
    governance, in that order), each the mean of the stakeholders' power over the decisions
    of that stage, weighted by the decisions' weights unless ``weighted=False``; each column
    sums to 1 with a normalised index.

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
                     weighted: bool = True) -> pd.DataFrame:
    """Decision power by project: :func:`decision_power` with ``by="project"``.

    One column per project that has a decision, each the mean of the stakeholders' power
    over its decisions, weighted by the decisions' weights unless ``weighted=False``.

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


@reads_network
def power_shares(net: Network, by: Union[str, pd.Series, Mapping[str, Any]] = "convenor", *,
                 index: str = "banzhaf", weighted: bool = True,
                 project: Optional[str] = None, interval: bool = False, n: int = 2000,
                 ci: float = 0.95, method: str = "percentile", rng: Any = None) -> pd.DataFrame:
    r"""Each group's share of decision power beside its share of the people.

    Parameters
    ----------
    net : Network
    by : str, pandas.Series or dict, default "convenor"
        ``"convenor"`` (convenor or partner), a column of :attr:`~coproduction.Network.stakeholders`
        (``"expertise"``, ``"role"``, ``"sector"``, ``"under_served"``, ``"paid"``, ...;
        an uncoded value is its own group, ``"not coded"``), or a group label for every
        stakeholder id.
    index : str, default "banzhaf"
        As in :func:`decision_power`.
    weighted : bool, default True
        Decisions count by their weight, as in :func:`decision_power`.
    project : str, optional
        Only this project's decisions, and only the people taking part in it among the
        people: a right above ``none`` in one of its decisions, or in no decision at all (no
        decision ties such a stakeholder to one project; the principles scorecard reads the
        same people).
    interval : bool, default False
        Add a bootstrap interval of each group's share, over the decisions
        (:func:`coproduction.stats.bootstrap` with ``unit="decisions"``): the columns
        ``power_low`` and ``power_high``. Every group's interval comes from the same
        resamples of the decisions.
    n, ci, method, rng
        The bootstrap's resamples, level, interval method and seed, as in
        :func:`coproduction.stats.bootstrap`; read only with ``interval=True``.

    Returns
    -------
    pandas.DataFrame
        Indexed by group: ``power`` (share of the power, summing to 1), ``stakeholders``
        (how many), ``people`` (share of the head count: a group stakeholder counts its
        ``size``), ``parity`` (power / people); with ``interval``, ``power_low`` and
        ``power_high``, and ``attrs["interval"]`` the bootstrap's settings (``n``, ``ci``,
        ``method``, ``seed``, ``unit``).

    Raises
    ------
    coproduction.InputError
        An unknown ``by``, a stakeholder without a group, no decision.

    Notes
    -----
    With :math:`P_s` the stakeholder's mean power over the decisions
    (:func:`decision_power` with ``by="all"``), group :math:`g` holds
    :math:`S_g = \sum_{s \in g} P_s / \sum_s P_s` of the power. The people are the
    stakeholders other than objects (the collection objects of *Co-Producing Health and
    Wellbeing Programmes in the Museum* hold no rights), counted
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
    core = network_core(net)
    _check_index(index)
    check_project(net, project)
    table = _core.power.power_by(core, index, "all", bool(weighted), project)
    power = pd.Series(np.asarray(table["values"], dtype=float)[:, 0],
                      index=pd.Index(table["stakeholders"], dtype=object))
    frame = net.stakeholders
    people = frame.index[np.asarray(_core.power.taking_part(core, project), dtype=bool)]
    grouping = resolve_groups(by, people, net=net, sort=True, name="group")
    codes, names = grouping.codes, grouping.labels
    shares = _core.power.power_shares(power.reindex(people).to_numpy(dtype=float),
                                       np.asarray(codes, dtype=np.int64), len(names))
    heads = frame["size"].reindex(people).fillna(1).to_numpy(dtype=float)
    head_share = np.bincount(codes, weights=heads, minlength=len(names)) / heads.sum()
    out = pd.DataFrame({
        "power": np.asarray(shares, dtype=float),
        "stakeholders": np.bincount(codes, minlength=len(names)).astype(np.int64),
        "people": head_share,
        "parity": np.asarray(shares, dtype=float) / head_share,
    }, index=pd.Index(list(names), name="group", dtype=object))
    if interval is not False:
        if interval is not True:
            raise input_error("interval", f"True or False, not {interval!r}")
        out = _with_intervals(net, out, by, index=index, weighted=weighted, project=project,
                              n=n, ci=ci, method=method, rng=rng)
    return _results.wrap(_results.PowerShares, out, by=by if isinstance(by, str) else None,
                         index=index, weighted=bool(weighted), project=project)


def _with_intervals(net: Network, table: pd.DataFrame, by: Any, **settings: Any) -> pd.DataFrame:
    """``table`` with ``power_low`` and ``power_high``: one bootstrap over the decisions per
    group, every group with the same seed, so all read the same resamples."""
    from ._stats_resampling import _seed as resolve_seed, bootstrap

    seed = resolve_seed(settings.pop("rng"))
    common = dict(unit="decisions", n=settings.pop("n"), ci=settings.pop("ci"),
                  method=settings.pop("method"), rng=seed, index=settings["index"],
                  decision_weights=bool(settings["weighted"]), project=settings["project"])
    low, high = [], []
    result = None
    for group in table.index:
        result = bootstrap(net, "power_share", by=by, group=group, **common)
        low.append(result.low)
        high.append(result.high)
    out = table.copy()
    out["power_low"] = np.asarray(low, dtype=float)
    out["power_high"] = np.asarray(high, dtype=float)
    assert result is not None
    out.attrs["interval"] = {"n": result.n, "ci": result.ci, "method": result.method,
                             "seed": seed, "unit": "decisions"}
    return out


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
    core = network_core(net)
    check_project(net, project)
    flags = pd.Series(np.asarray(_core.power.convenor_carried(core), dtype=bool),
                      index=pd.Index(net.decisions.index, name="decision", dtype=object),
                      name="convenor_carried")
    if project is not None:
        flags = flags[(net.decisions["project"] == project).to_numpy()]
    return flags


@reads_network
def convenor_carried_share(net: Network, *, project: Optional[str] = None,
                           weighted: bool = True) -> float:
    r"""The share of decisions the convenors can carry with no partner in the coalition.

    Parameters
    ----------
    net : Network
    project : str, optional
        Only this project's decisions.
    weighted : bool, default True
        Decisions count by their weight, as in :func:`decision_power`.

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

    1: the convenors never need a partner's consent (National Museums Liverpool,
    *Co-production Framework*, of consultation and engagement: "Decision making is not
    shared"); 0: nothing is decided without a partner. A decentralisation measure of
    DESIGN section 2.

    Examples
    --------
    >>> import coproduction as cp
    >>> net = cp.examples.load("nml_collaboration_types")
    >>> cp.power.convenor_carried_share(net, project="co_design")
    0.6666666666666666
    """
    core = network_core(net)
    check_project(net, project)
    return float(_core.power.convenor_carried_share(core, bool(weighted), project))


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
    core = network_core(net)
    check_project(net, project)
    found = _core.power.veto_players(core)
    ids = pd.Index(found["stakeholder"], name="stakeholder", dtype=object)
    decision = pd.Index(found["decision"], dtype=object)
    # One row per veto player: its decision's row (a decision repeats for each of its veto
    # players), and its own convenor flag (not coded: a partner).
    of_decision = net.decisions.reindex(decision)
    convenor = net.stakeholders["convenor"].fillna(False).astype(bool).reindex(ids)
    out = pd.DataFrame({
        "decision": decision.to_numpy(),
        "project": of_decision["project"].to_numpy(dtype=object),
        "stage": pd.Categorical(of_decision["stage"].to_numpy(dtype=object),
                                categories=list(STAGES), ordered=True),
        "named_in_rule": np.asarray(found["named_in_rule"], dtype=bool),
        "convenor": convenor.to_numpy(dtype=bool),
    }, index=ids)
    if project is not None:
        out = out[out["project"] == project]
    return _results.wrap(_results.VetoPlayers, out, project=project)


@reads_network
def bloc_power(net: Network, by: Union[str, pd.Series, Mapping[str, Any]] = "role", *,
               kind: str = "shapley_shubik", project: Optional[str] = None) -> pd.DataFrame:
    r"""Decision power when holders vote in blocs: the Owen value of every decision.

    Holders who share a group (their role, expertise, convenor side, or any grouping) agree
    among themselves first and then vote as a bloc, as service users, front-line staff or
    commissioners often do.

    Parameters
    ----------
    net : Network
    by : str, Series or mapping, default "role"
        The blocs: ``"convenor"`` (convenors vs partners), a stakeholder column, or a Series
        indexed by stakeholder id. A stakeholder whose bloc is not coded (a missing value,
        or an id the Series leaves out) is a bloc of its own: nothing says with whom it votes.
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
        A grouping that misses a stakeholder, an unknown ``kind`` or project.
    coproduction.LimitError
        A decision whose exact value would take too much memory or time (as
        :func:`coproduction.power.owen`); the message names the decision.

    Notes
    -----
    For holder :math:`i` of bloc :math:`B_k` (:math:`b_k` of the decision's holders,
    :math:`m` blocs among them), blocs enter in random order and the members of a bloc one
    after another:

    .. math:: Ow_i = \sum_{T \subseteq M \setminus \{k\}} \sum_{S \subseteq B_k \setminus \{i\}}
              \frac{|T|!(m-1-|T|)!}{m!} \frac{|S|!(b_k-1-|S|)!}{b_k!}
              \left[v(Q_T \cup S \cup \{i\}) - v(Q_T \cup S)\right].

    With every holder in a bloc of their own, or all holders in one bloc, the Owen value is
    the Shapley-Shubik index (Owen 1977); between the two, a bloc's members share what the
    bloc as a whole can swing. Range [0, 1]. Each decision's game is the one
    :func:`decision_power` reads; the values are computed in the C++ core
    (``include/coproduction/power/bloc_power.hpp``), one exact Owen computation per decision.

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
    core = network_core(net)
    check_project(net, project)
    grouping = resolve_groups(by, net.stakeholders.index, net=net)
    codes = grouping.codes.copy()
    alone = grouping.of_items() == NOT_CODED
    codes[alone] = grouping.count + np.arange(int(alone.sum()))
    return _results.wrap(_results.BlocPower,
                         _frame(_core.power.bloc_power(core, codes, kind, project), "decision"),
                         kind=kind, by=by if isinstance(by, str) else None, project=project)


def __dir__() -> List[str]:
    return list(__all__)
