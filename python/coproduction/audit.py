"""The principles scorecard: seed 002's twelve principles read against a network.

National Museums Liverpool's Co-production Framework (seed 002) lays twelve principles under
all its co-production: Active; Critical, reflective, adaptive; Equitable; Inclusive; Expert;
Visible; Impactful; Transparent; Human; Trust; Protect; Decentralise. :func:`principles`
gives each one row: the indicator the data can support, its value, a verdict against a
documented threshold, the stakeholders, decisions and relations behind the value, and, where
one snapshot of relations and decision rights cannot say anything about the principle or a
field it needs was never coded, the verdict "not measurable from these data" with what would
have to be recorded to measure it. Nothing is filled in to complete a row.

The indicators are read with the library's own measures (decision power and power shares of
:mod:`coproduction.decision_power`, the Herfindahl-Hirschman index of
:mod:`coproduction.inequality`, Freeman centralization and reciprocity); the thresholds sit
in :class:`PrinciplesConfig`. docs/audit.md sets every indicator beside the seed's wording.
"""

from __future__ import annotations

import collections
import dataclasses
import math
import textwrap
from typing import Callable, Dict, FrozenSet, Iterable, List, Optional, Sequence, Set, Tuple, cast

import numpy as np
import pandas as pd

from . import centrality as _centrality
from . import relations as _relations
from ._errors import input_error
from ._items import as_items
from ._reading import reads_network
from .decision_power import INDICES, decision_power, power_shares
from .inequality import hhi
from .network import Network

__all__ = [
    "PRINCIPLES",
    "VERDICTS",
    "COLUMNS",
    "MEETS",
    "PARTLY",
    "NOT_MET",
    "NOT_MEASURABLE",
    "PrinciplesConfig",
    "principles",
    "scorecard_text",
]

#: The twelve principles, in the order seed 002 lists them.
PRINCIPLES: Tuple[str, ...] = (
    "Active",
    "Critical, reflective, adaptive",
    "Equitable",
    "Inclusive",
    "Expert",
    "Visible",
    "Impactful",
    "Transparent",
    "Human",
    "Trust",
    "Protect",
    "Decentralise",
)

MEETS = "meets"
PARTLY = "partly"
NOT_MET = "does not meet"
NOT_MEASURABLE = "not measurable from these data"
#: The verdicts, best first.
VERDICTS: Tuple[str, ...] = (MEETS, PARTLY, NOT_MET, NOT_MEASURABLE)
#: The columns of the scorecard.
COLUMNS: Tuple[str, ...] = ("indicator", "value", "verdict", "threshold", "evidence", "needs")

# Shares computed as sums of floats may land a rounding error below a threshold they meet.
_EPS = 1e-9
_NORMALISED_INDICES = tuple(i for i in INDICES if i != "banzhaf_absolute")
_NEEDS_DECISIONS = ("decisions with each stakeholder's right in them and their rule "
                    "(docs/format.md, decisions)")


@dataclasses.dataclass(frozen=True)
class PrinciplesConfig:
    """The thresholds of the principles scorecard (docs/audit.md).

    For a share where more is better the verdict is "meets" at or above ``*_meets`` and
    "partly" at or above ``*_partly`` when the share is above 0; where less is better
    (Inclusive, Decentralise) "meets" at or below ``*_meets`` and "partly" at or below
    ``*_partly`` when the share is below 1. The seed names no number; each default is
    argued from the seed's wording in docs/audit.md.

    Parameters
    ----------
    index : str, default "banzhaf"
        The normalised power index read from each decision's game (any of
        :data:`coproduction.decision_power.INDICES` but ``banzhaf_absolute``).
    weighted : bool, default True
        Decisions count by their ``weight`` in every share over decisions and rights, as in
        :class:`coproduction.ladder.LadderConfig`.
    active_share : float or None, default None
        Active: the share of the rights at ``shared`` or above that under-served stakeholders
        must hold; None asks for their share of the stakeholders taking part ("prioritise":
        at least in proportion to their number). In [0, 1].
    equitable_meets, equitable_partly : float, default 0.8 and 0.5
        Equitable: the partners' parity ratio (power share / head-count share); >= 0.
    inclusive_meets, inclusive_partly : float, default 0.0 and 0.5
        Inclusive: the largest share of partners left at ``informed`` or below; in [0, 1].
    expert_meets, expert_partly : float, default 1.0 and 0.0
        Expert: the share of decisions whose holders with power bring lived and learnt
        expertise; in [0, 1].
    human_meets, human_partly : float, default 0.5 and 0.0
        Human: the share of decision power held with lived expertise; in [0, 1].
    transparent_meets, transparent_partly : float, default 1.0 and 0.5
        Transparent: the share of rights reached from the decision's holders; in [0, 1].
    trust_meets, trust_partly : float, default 0.5 and 0.0
        Trust: the reciprocity of trust relations; in [0, 1].
    protect_meets, protect_partly : float, default 1.0 and 0.5
        Protect: the share of under-served or service-user stakeholders cared for; in [0, 1].
    decentralise_power_meets, decentralise_power_partly : float, default 0.25 and 0.5
        Decentralise: the largest normalised Herfindahl-Hirschman index of decision power;
        in [0, 1].
    decentralise_centralization_meets, decentralise_centralization_partly : float, \
default 0.5 and 0.75
        Decentralise: the largest Freeman degree centralization of ``centralization_layer``;
        in [0, 1].
    centralization_layer : tuple of str or None, default None
        The relation types whose degree centralization Decentralise reads; None takes every
        relation.
    informs_types, trust_types, care_types : tuple of str
        The relation types read as information flow (Transparent, default ``informs``),
        trust (Trust, default ``trusts``) and care (Protect, default ``cares_for``).

    Raises
    ------
    coproduction.InputError
        A value outside its range, a ``partly`` threshold stricter than its ``meets``
        threshold, an unknown index or an empty type list, naming the field.
    """

    index: str = "banzhaf"
    weighted: bool = True
    active_share: Optional[float] = None
    equitable_meets: float = 0.8
    equitable_partly: float = 0.5
    inclusive_meets: float = 0.0
    inclusive_partly: float = 0.5
    expert_meets: float = 1.0
    expert_partly: float = 0.0
    human_meets: float = 0.5
    human_partly: float = 0.0
    transparent_meets: float = 1.0
    transparent_partly: float = 0.5
    trust_meets: float = 0.5
    trust_partly: float = 0.0
    protect_meets: float = 1.0
    protect_partly: float = 0.5
    decentralise_power_meets: float = 0.25
    decentralise_power_partly: float = 0.5
    decentralise_centralization_meets: float = 0.5
    decentralise_centralization_partly: float = 0.75
    centralization_layer: Optional[Tuple[str, ...]] = None
    informs_types: Tuple[str, ...] = ("informs",)
    trust_types: Tuple[str, ...] = ("trusts",)
    care_types: Tuple[str, ...] = ("cares_for",)

    def __post_init__(self) -> None:
        def number(name: str, hi: float = 1.0) -> float:
            x = getattr(self, name)
            if isinstance(x, (bool, np.bool_)) or not isinstance(x, (int, float, np.integer,
                                                                     np.floating)):
                raise input_error(name, f"must be a number, got {type(x).__name__}")
            x = float(x)
            if not (math.isfinite(x) and 0.0 <= x <= hi):
                raise input_error(name, f"must lie in [0, {hi:g}], got {x!r}")
            return x

        if self.index not in _NORMALISED_INDICES:
            raise input_error("index", f"must be one of {', '.join(_NORMALISED_INDICES)}, "
                                       f"got {self.index!r}")
        if not isinstance(self.weighted, (bool, np.bool_)):
            raise input_error("weighted", f"must be True or False, got {self.weighted!r}")
        if self.active_share is not None:
            number("active_share")
        for stem, higher, hi in (("equitable", True, math.inf), ("inclusive", False, 1.0),
                                 ("expert", True, 1.0), ("human", True, 1.0),
                                 ("transparent", True, 1.0), ("trust", True, 1.0),
                                 ("protect", True, 1.0), ("decentralise_power", False, 1.0),
                                 ("decentralise_centralization", False, 1.0)):
            meets, partly = number(f"{stem}_meets", hi), number(f"{stem}_partly", hi)
            if (higher and partly > meets) or (not higher and partly < meets):
                raise input_error(f"{stem}_partly",
                                  f"must be {'at most' if higher else 'at least'} "
                                  f"{stem}_meets ({meets:g}), got {partly:g}")
        for name in ("centralization_layer", "informs_types", "trust_types", "care_types"):
            value = getattr(self, name)
            if value is None and name == "centralization_layer":
                continue
            value = () if value is None else tuple(as_items(value))
            if not all(isinstance(t, str) and t for t in value) or len(value) == 0:
                raise input_error(name, f"must be a non-empty list of relation types, "
                                        f"got {getattr(self, name)!r}")
            object.__setattr__(self, name, tuple(value))


# ----------------------------------------------------------------------------------------
# What every indicator reads: the decisions, rights and stakeholders in scope


@dataclasses.dataclass
class _Scope:
    net: Network
    config: PrinciplesConfig
    project: Optional[str]
    stakeholders: pd.DataFrame
    relations: pd.DataFrame
    decisions: pd.DataFrame
    rights: pd.DataFrame          # one row per (decision, stakeholder) listed, in scope
    weight: pd.Series             # w_d of each decision in scope
    people: pd.Index              # stakeholders taking part (never objects)
    power: pd.Series              # P_s over people; empty without decisions
    per_decision: pd.DataFrame    # p(s, d): stakeholders x decisions in scope
    convenor: pd.Series           # bool over every stakeholder (absent = partner)

    @property
    def has_decisions(self) -> bool:
        return len(self.decisions) > 0


def _scope(net: Network, project: Optional[str], config: PrinciplesConfig) -> _Scope:
    stakeholders = net.stakeholders
    decisions = net.decisions
    if project is not None:
        decisions = decisions[(decisions["project"] == project).to_numpy()]
    rights = net.rights.reset_index()
    rights = rights[rights["decision"].isin(set(decisions.index))].reset_index(drop=True)
    if config.weighted:
        weight = decisions["weight"].astype(float).fillna(1.0)
    else:
        weight = pd.Series(1.0, index=decisions.index, dtype=float)
    not_object = stakeholders.index[(stakeholders["kind"].astype(str) != "object").to_numpy()]
    if project is None:
        people = pd.Index(list(not_object), dtype=object)
    else:
        # As power_shares counts them: a right above none in one of the project's decisions.
        taking = set(rights.loc[rights["right"] > "none", "stakeholder"])
        people = pd.Index([s for s in not_object if s in taking], dtype=object)
    if len(decisions):
        mean = decision_power(net, config.index, by="all", weighted=config.weighted,
                              project=project)
        power = mean.iloc[:, 0].reindex(people).fillna(0.0).astype(float)
        per_decision = decision_power(net, config.index, project=project)
    else:
        power = pd.Series(dtype=float)
        per_decision = pd.DataFrame(index=stakeholders.index)
    convenor = stakeholders["convenor"].fillna(False).astype(bool)
    return _Scope(net, config, project, stakeholders, net.relations, decisions, rights, weight,
                  people, power, per_decision, convenor)


# ----------------------------------------------------------------------------------------
# Verdicts and readable evidence


def _grade(value: float, meets: float, partly: float, higher_is_better: bool) -> str:
    if higher_is_better:
        if value >= meets - _EPS:
            return MEETS
        if value >= partly - _EPS and value > _EPS:
            return PARTLY
        return NOT_MET
    if value <= meets + _EPS:
        return MEETS
    if value <= partly + _EPS and value < 1.0 - _EPS:
        return PARTLY
    return NOT_MET


def _rule(meets: float, partly: float, higher_is_better: bool, what: str = "") -> str:
    what = f"{what} " if what else ""
    if higher_is_better:
        low = "above 0" if partly <= 0 else f">= {partly:g} and above 0"
        return f"meets: {what}>= {meets:g}; partly: {low}; else does not meet"
    high = "below 1" if partly >= 1 else f"<= {partly:g} and below 1"
    return f"meets: {what}<= {meets:g}; partly: {high}; else does not meet"


def _names(items: Sequence[str], limit: int = 6) -> str:
    items = list(items)
    if not items:
        return "none"
    if len(items) <= limit:
        return ", ".join(items)
    return ", ".join(items[:limit]) + f" and {len(items) - limit} more"


@dataclasses.dataclass
class _Row:
    indicator: str
    value: float = math.nan
    verdict: str = NOT_MEASURABLE
    threshold: str = ""
    evidence: str = ""
    needs: str = ""


def _unmeasurable(indicator: str, threshold: str, evidence: str, needs: Iterable[str]) -> _Row:
    return _Row(indicator, math.nan, NOT_MEASURABLE, threshold, evidence, "; ".join(needs))


def _in_scope(s: _Scope) -> str:
    return f"the decisions of project {s.project!r}" if s.project is not None else \
        "all decisions"


# ----------------------------------------------------------------------------------------
# The twelve principles


def _active(s: _Scope) -> _Row:
    indicator = ("share of the rights at shared or above held by under-served stakeholders, "
                 "who must also hold decision power")
    c = s.config
    share_rule = ("their share of the stakeholders taking part" if c.active_share is None
                  else f"{c.active_share:g}")
    threshold = (f"meets: share >= {share_rule} and their decision power above 0; partly: "
                 f"decision power above 0; else does not meet")
    if not s.has_decisions:
        return _unmeasurable(indicator, threshold, f"no decision in {_in_scope(s)}",
                             [_NEEDS_DECISIONS])
    coded = s.stakeholders["under_served"].reindex(s.people)
    if not coded.notna().any():
        return _unmeasurable(indicator, threshold,
                             "no stakeholder taking part is coded under_served",
                             ["under_served coded (true or false) for the stakeholders taking "
                              "part"])
    flags = coded.fillna(False).astype(bool)
    under = [p for p in s.people if flags[p]]
    seats = s.rights[s.rights["right"] >= "shared"]
    w = s.weight.reindex(seats["decision"]).to_numpy(dtype=float)
    held = seats["stakeholder"].isin(set(under)).to_numpy()
    value = float(w[held].sum() / w.sum())
    power = s.power.reindex(under).fillna(0.0)
    total_power = float(power.sum())
    need = float(c.active_share) if c.active_share is not None else len(under) / len(s.people)
    if total_power <= _EPS:
        verdict = NOT_MET
    elif value >= need - _EPS:
        verdict = MEETS
    else:
        verdict = PARTLY
    counts = seats.loc[held, "stakeholder"].value_counts()
    holders = [f"{who} ({n})" for who, n in counts.items()]
    uncoded = int(coded.isna().sum())
    parts = [f"{len(under)} of {len(s.people)} stakeholders taking part are under-served"
             + (f" ({uncoded} not coded, counted as not under-served)" if uncoded else ""),
             f"under-served holders (rights at shared or above): {_names(holders)}",
             f"their decision power {total_power:.3f}"
             + (": " + _names([f"{k} {v:.3f}" for k, v in power[power > _EPS]
                               .sort_values(ascending=False).items()]) if total_power > _EPS
                else "")]
    if c.active_share is None:
        parts.append(f"proportional share {need:.3f}")
    return _Row(indicator, value, verdict, threshold, "; ".join(parts))


def _critical(s: _Scope) -> _Row:
    return _unmeasurable(
        "change in practice between waves of fieldwork (adaptation after reflection)",
        "none: a single snapshot cannot show change",
        "one snapshot of relations and decision rights shows where power sits, not whether "
        "practice is adapting",
        ["repeated waves of the network (a timeline) to see adaptation, with what the "
         "partnership reflected on and changed between them"])


def _equitable(s: _Scope) -> _Row:
    c = s.config
    indicator = "partners' parity ratio of decision power: their power share / head-count share"
    threshold = _rule(c.equitable_meets, c.equitable_partly, True, "parity")
    if not s.has_decisions:
        return _unmeasurable(indicator, threshold, f"no decision in {_in_scope(s)}",
                             [_NEEDS_DECISIONS])
    table = power_shares(s.net, "convenor", index=c.index, weighted=c.weighted,
                         project=s.project)
    missing = []
    if "convenor" not in table.index:
        missing.append("convenor: true on the stakeholders of the convening side (the side "
                       "that initiated the work and holds its resources)")
    if "partner" not in table.index:
        missing.append("the partners' rights in the decisions (no partner takes part)")
    if missing:
        return _unmeasurable(indicator, threshold,
                             "the power cannot be split between convenors and partners",
                             missing)
    partner, convenor = table.loc["partner"], table.loc["convenor"]
    value = float(cast(float, partner["parity"]))
    evidence = (f"partners ({int(cast(int, partner['stakeholders']))} stakeholders) hold "
                f"{partner['power']:.3f} of the decision power and are {partner['people']:.3f} "
                f"of the people (head counts); convenors "
                f"({int(cast(int, convenor['stakeholders']))}) hold "
                f"{convenor['power']:.3f} and are {convenor['people']:.3f} (parity "
                f"{convenor['parity']:.2f})")
    return _Row(indicator, value, _grade(value, c.equitable_meets, c.equitable_partly, True),
                threshold, evidence)


def _partners_listed(s: _Scope) -> pd.Index:
    if s.project is None:
        pool = s.stakeholders.index
    else:
        listed = set(s.rights["stakeholder"])
        pool = pd.Index([x for x in s.stakeholders.index if x in listed], dtype=object)
    kind = s.stakeholders["kind"].astype(str)
    kept: pd.Index = pd.Index([x for x in pool if kind[x] != "object" and not s.convenor[x]],
                              dtype=object)
    return kept


def _inclusive(s: _Scope) -> _Row:
    c = s.config
    indicator = ("share of partner stakeholders with no right above informed in any decision "
                 "(barriers to participation)")
    threshold = _rule(c.inclusive_meets, c.inclusive_partly, False, "share")
    if not s.has_decisions:
        return _unmeasurable(indicator, threshold, f"no decision in {_in_scope(s)}",
                             [_NEEDS_DECISIONS])
    if not s.convenor.any():
        return _unmeasurable(indicator, threshold,
                             "no stakeholder is coded convenor, so partners cannot be told "
                             "from the convening side",
                             ["convenor: true on the stakeholders of the convening side"])
    partners = _partners_listed(s)
    if len(partners) == 0:
        return _unmeasurable(indicator, threshold, f"no partner is listed in {_in_scope(s)}",
                             ["the partners' rights in the decisions"])
    best = s.rights.groupby("stakeholder", observed=True)["right"].max()
    highest = {p: (str(best[p]) if p in best.index else "none") for p in partners}
    kept_out = [p for p in partners if highest[p] in ("none", "informed")]
    value = len(kept_out) / len(partners)
    evidence = (f"{len(kept_out)} of {len(partners)} partners at informed or below: "
                + _names([f"{p} ({highest[p]})" for p in kept_out]))
    return _Row(indicator, value, _grade(value, c.inclusive_meets, c.inclusive_partly, False),
                threshold, evidence)


def _expertise_sets(s: _Scope) -> Tuple[Set[str], Set[str], Set[str]]:
    e = s.stakeholders["expertise"].astype(object)
    lived = set(e.index[e.isin(["lived", "both"]).to_numpy()])
    learnt = set(e.index[e.isin(["learnt", "both"]).to_numpy()])
    coded = set(e.index[e.notna().to_numpy()])
    return lived, learnt, coded


def _expert(s: _Scope) -> _Row:
    c = s.config
    indicator = ("share of decisions whose holders with power include both lived and learnt "
                 "expertise")
    threshold = _rule(c.expert_meets, c.expert_partly, True, "share")
    if not s.has_decisions:
        return _unmeasurable(indicator, threshold, f"no decision in {_in_scope(s)}",
                             [_NEEDS_DECISIONS])
    lived, learnt, coded = _expertise_sets(s)
    with_say = {d: set(s.per_decision.index[(s.per_decision[d] > _EPS).to_numpy()])
                for d in s.decisions.index}
    everyone = set().union(*with_say.values())
    if not everyone & coded:
        return _unmeasurable(indicator, threshold,
                             "no stakeholder holding decision power has its expertise coded",
                             ["expertise (lived, learnt or both) coded for the stakeholders "
                              "who hold decisions"])
    both = [d for d, who in with_say.items() if who & lived and who & learnt]
    w = s.weight
    value = float(w[both].sum() / w.sum())
    without = [d for d in s.decisions.index if d not in both]
    parts = [f"both forms among the holders of {len(both)} of {len(s.decisions)} decisions"
             + (f" ({_names(both)})" if both else ""),
             f"one form or none: {_names(without)}",
             f"holders with lived expertise: {_names(sorted(everyone & lived))}",
             f"with learnt: {_names(sorted(everyone & learnt))}"]
    uncoded = sorted(everyone - coded)
    if uncoded:
        parts.append(f"expertise not coded: {_names(uncoded)}")
    return _Row(indicator, value, _grade(value, c.expert_meets, c.expert_partly, True),
                threshold, "; ".join(parts))


def _visible(s: _Scope) -> _Row:
    return _unmeasurable(
        "partners' work shown to visitors, stakeholders and funders",
        "none: the network records no visitor-facing output",
        "relations and decision rights say who shaped the work, not whom it was shown to",
        ["visitor-facing outputs or credits: which partners are named in displays, labels, "
         "programmes, reports and funders' returns"])


def _impactful(s: _Scope) -> _Row:
    return _unmeasurable(
        "positive difference made for partners and wider society",
        "none: the network records no outcome",
        "who holds power in a partnership does not say what difference its work made",
        ["outcome measures: what changed for the partners and for wider society, ideally "
         "before and after, on the questions that matter most to the stakeholders"])


def _reach(sources: Set[str], edges: Dict[str, List[str]]) -> Set[str]:
    """Everyone a path of the edges leads to from the sources (the sources included)."""
    seen = set(sources)
    queue = collections.deque(sources)
    while queue:
        u = queue.popleft()
        for v in edges.get(u, ()):
            if v not in seen:
                seen.add(v)
                queue.append(v)
    return seen


def _transparent(s: _Scope) -> _Row:
    c = s.config
    types = c.informs_types
    indicator = (f"share of the rights in decisions (above none) whose holder is reached from "
                 f"the decision's holders by a path of {'/'.join(types)} relations")
    threshold = _rule(c.transparent_meets, c.transparent_partly, True, "share")
    if not s.has_decisions:
        return _unmeasurable(indicator, threshold, f"no decision in {_in_scope(s)}",
                             [_NEEDS_DECISIONS])
    rights = s.rights[s.rights["right"] > "none"]
    holders = {d: set(g.loc[g["right"] >= "shared", "stakeholder"])
               for d, g in rights.groupby("decision", sort=False)}
    outside = rights[rights["right"] < "shared"]
    flows = s.relations[s.relations["type"].isin(types).to_numpy()]
    if len(flows) == 0 and len(outside):
        return _unmeasurable(indicator, threshold,
                             f"{len(outside)} rights below shared, and no {'/'.join(types)} "
                             f"relation recorded",
                             [f"{'/'.join(types)} relations: who passes information to whom"])
    edges: Dict[str, List[str]] = {}
    for a, b in zip(flows["source"], flows["target"]):
        edges.setdefault(a, []).append(b)
    cache: Dict[FrozenSet[str], Set[str]] = {}
    reached = np.zeros(len(rights), dtype=bool)
    for i, (d, who) in enumerate(zip(rights["decision"], rights["stakeholder"])):
        key = frozenset(holders[d])
        if key not in cache:
            cache[key] = _reach(set(key), edges)
        reached[i] = who in cache[key]
    w = s.weight.reindex(rights["decision"]).to_numpy(dtype=float)
    value = float(w[reached].sum() / w.sum())
    missed = rights[~reached]
    parts = [f"{int(reached.sum())} of {len(rights)} rights reached (holders count as "
             f"reached: they take part in the decision)",
             "not reached: " + _names([f"{d}: {p} ({r})" for d, p, r in
                                       zip(missed["decision"], missed["stakeholder"],
                                           missed["right"].astype(str))])]
    return _Row(indicator, value, _grade(value, c.transparent_meets, c.transparent_partly, True),
                threshold, "; ".join(parts))


def _human(s: _Scope) -> _Row:
    c = s.config
    indicator = "share of decision power held by stakeholders with lived expertise (lived or both)"
    threshold = _rule(c.human_meets, c.human_partly, True, "share")
    if not s.has_decisions:
        return _unmeasurable(indicator, threshold, f"no decision in {_in_scope(s)}",
                             [_NEEDS_DECISIONS])
    lived, learnt, coded = _expertise_sets(s)
    power = s.power
    holding = power[power > _EPS]
    if not set(holding.index) & coded:
        return _unmeasurable(indicator, threshold,
                             "no stakeholder holding decision power has its expertise coded",
                             ["expertise (lived, learnt or both) coded for the stakeholders "
                              "who hold decisions"])
    total = float(power.sum())
    in_lived = holding[[x in lived for x in holding.index]].sort_values(ascending=False)
    value = float(in_lived.sum() / total)
    uncoded = float(holding[[x not in coded for x in holding.index]].sum() / total)
    learnt_only = float(holding[[x in learnt and x not in lived
                                 for x in holding.index]].sum() / total)
    parts = [f"lived expertise holds {value:.3f}: "
             + _names([f"{k} {v / total:.3f}" for k, v in in_lived.items()]),
             f"learnt only {learnt_only:.3f}"]
    if uncoded > _EPS:
        parts.append(f"expertise not coded {uncoded:.3f} (counted as not lived)")
    return _Row(indicator, value, _grade(value, c.human_meets, c.human_partly, True), threshold,
                "; ".join(parts))


def _edges_among(s: _Scope, types: Optional[Sequence[str]],
                 among: Sequence[str]) -> Tuple[np.ndarray, np.ndarray, pd.DataFrame]:
    """Relations of the types (all when None) with both ends among ``among``, as positions."""
    table = s.relations
    if types is not None:
        table = table[table["type"].isin(list(types)).to_numpy()]
    keep = set(among)
    table = table[(table["source"].isin(keep) & table["target"].isin(keep)).to_numpy()]
    position = {x: i for i, x in enumerate(among)}
    source = np.asarray([position[x] for x in table["source"]], dtype=np.int64)
    target = np.asarray([position[x] for x in table["target"]], dtype=np.int64)
    return source, target, table


def _trust(s: _Scope) -> _Row:
    c = s.config
    types = c.trust_types
    indicator = (f"reciprocity of the {'/'.join(types)} relations: the share of trust ties "
                 f"returned")
    threshold = _rule(c.trust_meets, c.trust_partly, True, "reciprocity")
    people = list(s.people)
    source, target, table = _edges_among(s, types, people)
    if len(table) == 0:
        where = "among the project's stakeholders" if s.project is not None else ""
        return _unmeasurable(indicator, threshold,
                             f"no {'/'.join(types)} relation recorded {where}".strip(),
                             [f"{'/'.join(types)} relations, asked in both directions (who "
                              f"trusts whom)"])
    value = float(_relations.reciprocity(len(people), source, target, True))
    pairs = set(zip(table["source"], table["target"]))
    one_way = sorted({f"{a} -> {b}" for a, b in pairs if (b, a) not in pairs})
    evidence = (f"{len(pairs) - len(one_way)} of {len(pairs)} trust ties returned; one way: "
                f"{_names(one_way)}")
    return _Row(indicator, value, _grade(value, c.trust_meets, c.trust_partly, True), threshold,
                evidence)


def _protect(s: _Scope) -> _Row:
    c = s.config
    types = c.care_types
    indicator = (f"share of the under-served or service-user stakeholders taking part who are "
                 f"the target of a {'/'.join(types)} relation")
    threshold = _rule(c.protect_meets, c.protect_partly, True, "share")
    frame = s.stakeholders.reindex(s.people)
    flagged = frame["under_served"].fillna(False).astype(bool) | (frame["role"] == "service_user")
    population = [p for p in s.people if flagged[p]]
    care = s.relations[s.relations["type"].isin(types).to_numpy()]
    missing = []
    if not population:
        missing.append("under_served or role service_user coded for the stakeholders the "
                       "partnership has a duty of care to")
    if len(care) == 0:
        missing.append(f"{'/'.join(types)} relations: who looks after whose safety and "
                       f"wellbeing")
    if missing:
        found = "no under-served or service-user stakeholder taking part" if not population \
            else f"no {'/'.join(types)} relation recorded"
        return _unmeasurable(indicator, threshold, found, missing)
    carers: Dict[str, List[str]] = {}
    for a, b in zip(care["source"], care["target"]):
        carers.setdefault(b, []).append(a)
    cared = [p for p in population if p in carers]
    value = len(cared) / len(population)
    evidence = (f"{len(cared)} of {len(population)} cared for: "
                + _names([f"{p} (by {', '.join(carers[p])})" for p in cared])
                + f"; not reached: {_names([p for p in population if p not in carers])}")
    return _Row(indicator, value, _grade(value, c.protect_meets, c.protect_partly, True),
                threshold, evidence)


_ORDER = {MEETS: 0, PARTLY: 1, NOT_MET: 2}


def _decentralise(s: _Scope) -> _Row:
    c = s.config
    layer = "all relations" if c.centralization_layer is None else \
        "/".join(c.centralization_layer) + " relations"
    indicator = (f"concentration of decision power (normalised HHI over the stakeholders "
                 f"taking part), with the degree centralization of {layer}")
    threshold = (f"power HHI* {_rule(c.decentralise_power_meets, c.decentralise_power_partly, False)}"
                 f"; degree centralization "
                 f"{_rule(c.decentralise_centralization_meets, c.decentralise_centralization_partly, False)}"
                 f"; the verdict is the worse of the two (power alone when the layer has no "
                 f"relation)")
    if not s.has_decisions:
        return _unmeasurable(indicator, threshold, f"no decision in {_in_scope(s)}",
                             [_NEEDS_DECISIONS])
    n = len(s.people)
    if n < 2:
        return _unmeasurable(indicator, threshold,
                             f"{n} stakeholder takes part: concentration needs two or more",
                             ["the rights of the other stakeholders in the decisions"])
    h = hhi(s.power.to_numpy(dtype=float))
    value = (h - 1.0 / n) / (1.0 - 1.0 / n)
    top = s.power.sort_values(ascending=False)
    top = top[top > _EPS]
    verdict = _grade(value, c.decentralise_power_meets, c.decentralise_power_partly, False)
    parts = [f"power as if held equally by {1.0 / h:.1f} of {n} stakeholders (HHI {h:.3f}); "
             f"largest: " + _names([f"{k} {v:.3f}" for k, v in top.items()], 4)]
    people = list(s.people)
    source, target, table = _edges_among(s, c.centralization_layer, people)
    if len(table) and n >= 3:
        cent = float(_centralization(source, target, n))
        # Distinct neighbours, as the centralization counts them.
        ties = {(min(a, b), max(a, b)) for a, b in zip(source.tolist(), target.tolist())}
        ends = [i for pair in ties for i in pair]
        degree = pd.Series(np.bincount(np.asarray(ends, dtype=np.int64), minlength=n),
                           index=people)
        parts.append(f"degree centralization of {layer} {cent:.3f} (most tied: "
                     f"{degree.idxmax()}, to {int(degree.max())} of {n - 1} others)")
        second = _grade(cent, c.decentralise_centralization_meets,
                        c.decentralise_centralization_partly, False)
        verdict = max(verdict, second, key=_ORDER.__getitem__)
    else:
        parts.append(f"degree centralization not read: no {layer} among the stakeholders "
                     f"taking part" if len(table) == 0 else
                     "degree centralization not read: fewer than three stakeholders")
    return _Row(indicator, float(value), verdict, threshold, "; ".join(parts))


def _centralization(source: np.ndarray, target: np.ndarray, n: int) -> float:
    # Direction ignored: "sharing power" asks who is tied to whom, whichever way a relation
    # was recorded; repeated ties between a pair (several types) count once.
    return float(_centrality.centralization_from_edges(source, target, measure="degree",
                                                       nodes=n, directed=False))


_READERS: Dict[str, Callable[[_Scope], _Row]] = {
    "Active": _active,
    "Critical, reflective, adaptive": _critical,
    "Equitable": _equitable,
    "Inclusive": _inclusive,
    "Expert": _expert,
    "Visible": _visible,
    "Impactful": _impactful,
    "Transparent": _transparent,
    "Human": _human,
    "Trust": _trust,
    "Protect": _protect,
    "Decentralise": _decentralise,
}
assert tuple(_READERS) == PRINCIPLES


@reads_network
def principles(net: Network, project: Optional[str] = None, *,
               config: Optional[PrinciplesConfig] = None) -> pd.DataFrame:
    r"""Seed 002's twelve principles, each read against the network.

    Parameters
    ----------
    net : Network
    project : str, optional
        Read only this project's decisions, and only its stakeholders (a right above
        ``none`` in one of its decisions) where an indicator counts stakeholders.
    config : PrinciplesConfig, optional
        The thresholds; the defaults of :class:`PrinciplesConfig` otherwise.

    Returns
    -------
    pandas.DataFrame
        Twelve rows, indexed by principle name (``principle``) in the seed's order, with the
        columns ``indicator`` (what is measured), ``value`` (float, NaN where not
        measurable), ``verdict`` (one of :data:`VERDICTS`), ``threshold`` (the rule used),
        ``evidence`` (the stakeholders, decisions and relations behind the value) and
        ``needs`` (for a principle not measurable: what to record to measure it; empty
        otherwise). ``attrs["project"]`` holds ``project``. :func:`scorecard_text` prints it.

    Raises
    ------
    coproduction.InputError
        ``net`` is not a Network, an unknown project, a bad configuration.

    Notes
    -----
    With :math:`P_s` the mean normalised Banzhaf power of stakeholder :math:`s` over the
    decisions (weighted by decision weight), :math:`w_d` the weights, and the stakeholders
    taking part (not objects; with ``project``, those with a right above ``none``):

    * Active: :math:`\sum_{(d,s): r \ge shared, s \in U} w_d / \sum_{(d,s): r \ge shared} w_d`
      for the under-served :math:`U`, with :math:`\sum_{s \in U} P_s > 0` required.
    * Equitable: the partners' parity ratio :math:`S_{partner} / N_{partner}` (power share over
      head-count share, :func:`coproduction.decision_power.power_shares`).
    * Inclusive: the share of partners whose highest right is ``informed`` or ``none``.
    * Expert: :math:`\sum_d w_d [\text{lived and learnt among } s: p(s,d) > 0] / \sum_d w_d`.
    * Transparent: the weighted share of rights above ``none`` held by a holder of the
      decision or by someone a path of ``informs`` relations reaches from one.
    * Human: :math:`\sum_{s \text{ lived or both}} P_s / \sum_s P_s`.
    * Trust: edgewise reciprocity of the ``trusts`` relations, :math:`2M / (2M + A)`.
    * Protect: the share of under-served or service-user stakeholders that a ``cares_for``
      relation points at.
    * Decentralise: :math:`HHI^* = (HHI - 1/n) / (1 - 1/n)` of :math:`P_s` over the
      :math:`n` stakeholders taking part, with Freeman's degree centralization of all
      relations (direction ignored) among them.
    * Critical, reflective, adaptive; Visible; Impactful: not measurable from one snapshot.

    Shares lie in [0, 1]; the parity ratio in [0, 1 / head-count share]. docs/audit.md gives
    each principle's wording, the verdict rules and why a principle cannot be measured.
    Uncoded ``under_served`` and ``expertise`` count as not under-served and not lived (the
    values are lower bounds, and the evidence says how many are uncoded); where no
    stakeholder concerned is coded at all the row is not measurable.

    References
    ----------
    National Museums Liverpool, *Co-production Framework* (seed 002).
    Banzhaf, J. F. (1965). Weighted voting doesn't work. *Rutgers Law Review* 19, 317-343.
    Freeman, L. C. (1979). Centrality in social networks: conceptual clarification. *Social
    Networks* 1, 215-239.
    Hirschman, A. O. (1964). The paternity of an index. *American Economic Review* 54, 761.
    Taagepera, R. & Shugart, M. S. (1989). *Seats and Votes*. Yale University Press.

    Examples
    --------
    >>> import coproduction as cp
    >>> from coproduction import audit
    >>> card = audit.principles(cp.examples.load("twam_partners_2013"))
    >>> card[["value", "verdict"]].round(3)
                                    value                         verdict
    principle                                                            
    Active                          0.100                          partly
    Critical, reflective, adaptive    NaN  not measurable from these data
    Equitable                       0.549                          partly
    Inclusive                       0.727                   does not meet
    Expert                          0.250                          partly
    Visible                           NaN  not measurable from these data
    Impactful                         NaN  not measurable from these data
    Transparent                     0.564                          partly
    Human                           0.050                          partly
    Trust                           0.000                   does not meet
    Protect                         0.833                          partly
    Decentralise                    0.164                          partly
    >>> card.loc["Trust", "evidence"].split(";")[0]
    '0 of 5 trust ties returned'
    """
    if not isinstance(net, Network):
        raise input_error("net", f"a coproduction.Network, not {type(net).__name__}")
    if config is None:
        config = PrinciplesConfig()
    elif not isinstance(config, PrinciplesConfig):
        raise input_error("config", f"a PrinciplesConfig, not {type(config).__name__}")
    if project is not None and (not isinstance(project, str)
                                or project not in set(net.projects.index)):
        raise input_error("project", f"unknown project {project!r}; the projects are "
                                     f"{list(net.projects.index)}")
    scope = _scope(net, project, config)
    rows = [_READERS[name](scope) for name in PRINCIPLES]
    table = pd.DataFrame({
        "indicator": pd.Series([r.indicator for r in rows], dtype=object),
        "value": np.asarray([r.value for r in rows], dtype=float),
        "verdict": pd.Series([r.verdict for r in rows], dtype=object),
        "threshold": pd.Series([r.threshold for r in rows], dtype=object),
        "evidence": pd.Series([r.evidence for r in rows], dtype=object),
        "needs": pd.Series([r.needs for r in rows], dtype=object),
    })
    table.index = pd.Index(list(PRINCIPLES), name="principle", dtype=object)
    table.attrs["project"] = project
    return table


def scorecard_text(table: pd.DataFrame, *, width: int = 100) -> str:
    """The scorecard as text for a terminal: one line per principle with its verdict and
    value, then the indicator and the evidence, or what data it needs.

    Parameters
    ----------
    table : pandas.DataFrame
        The result of :func:`principles`.
    width : int, default 100
        Line width the text is wrapped to.

    Returns
    -------
    str

    Raises
    ------
    coproduction.InputError
        ``table`` lacks a column of :data:`COLUMNS`.

    Examples
    --------
    >>> import coproduction as cp
    >>> from coproduction import audit
    >>> card = audit.principles(cp.examples.load("nml_collaboration_types"), "co_production")
    >>> print(audit.scorecard_text(card).splitlines()[0])
    Principles of co-production (seed 002), project 'co_production'
    """
    if not isinstance(table, pd.DataFrame) or not set(COLUMNS) <= set(table.columns):
        raise input_error("table", f"the DataFrame of principles() with columns {list(COLUMNS)}")
    project = table.attrs.get("project")
    head = "Principles of co-production (seed 002)"
    if project is not None:
        head += f", project {project!r}"
    lines = [head]
    name_width = max((len(str(n)) for n in table.index), default=0)
    counts = table["verdict"].value_counts()
    lines.append("  " + "; ".join(f"{v}: {int(counts.get(v, 0))}" for v in VERDICTS))
    indent = " " * 6

    def wrapped(text: str) -> List[str]:
        # Ids and verdicts hold hyphens and underscores: break lines at spaces only.
        return textwrap.wrap(text, width, initial_indent=indent, subsequent_indent=indent + "  ",
                             break_on_hyphens=False, break_long_words=False)

    for name, row in table.iterrows():
        value = "-" if pd.isna(row["value"]) else f"{row['value']:.2f}"
        lines.append(f"  {str(name):<{name_width}}  {value:>5}  {row['verdict']}")
        lines += wrapped(f"indicator: {row['indicator']}")
        if row["verdict"] == NOT_MEASURABLE:
            lines += wrapped(f"evidence: {row['evidence']}")
            lines += wrapped(f"needs: {row['needs']}")
        else:
            lines += wrapped(f"evidence: {row['evidence']}")
            lines += wrapped(f"rule: {row['threshold']}")
    return "\n".join(lines)
