"""The collaboration ladder: which type of collaboration a project's data support.

National Museums Liverpool's *Co-production Framework* defines four types of
collaboration by who decides at which stage and which way learning flows: consultation,
engagement, co-design and co-production. :func:`classify` reads a project's decisions (the
power each right carries in its rule, not the name of the right) and its ``learns_from``
relations against explicit criteria, sets the institution's ``claimed`` type beside the
result, gives the evidence for every criterion, and places each stage on the IAP2 spectrum,
Arnstein's ladder and the Think Local Act Personal ladder of co-production.
:func:`tokenism` lists what Traverse and Co-Production Collective's *Draft manifesto for
coproduction in health and care research* asks partnerships to be honest about: people asked
in without power, unpaid beside paid staff, or with influence and formal power far apart.

docs/ladder.md sets every criterion beside the Framework's own lines. Shares of decisions
count each decision by its ``weight`` unless told otherwise (``weighted=False``): the
package's one default, docs/power.md, "Decision weighting".
"""

from __future__ import annotations

import dataclasses
import math
from typing import Any, List, Optional, Sequence, Tuple, Union

import numpy as np
import pandas as pd

from . import _core, _results
from ._checks import check_project, network_core
from ._errors import input_error
from ._items import as_items
from ._reading import reads_network
from .network import COLLABORATION_TYPES, RIGHTS, STAGES, Network

__all__ = [
    "LadderConfig",
    "Classification",
    "TYPES",
    "classify",
    "classify_all",
    "share_at_or_above",
    "tokenism",
]

#: The computed types, lowest first: "none" is below consultation.
TYPES = ("none",) + tuple(COLLABORATION_TYPES)
_IAP2 = ("inform", "consult", "involve", "collaborate", "empower")
_TLAP = ("coercion", "educating", "informing", "consultation", "engagement", "co-design",
         "co-production")
_BANDS = ("doing to", "doing for", "doing with")


@dataclasses.dataclass(frozen=True)
class LadderConfig:
    """The thresholds of the ladder's criteria (docs/ladder.md).

    Parameters
    ----------
    regular_involvement : float, default 0.5
        Engagement ("regularly engaging with co-production partners" while designing): the
        share of design decisions in which a partner is at least ``involved``; in (0, 1].
    two_way_learning : float, default 0.5
        Co-design and co-production ("Learning is a two-way process"): the share of the
        partners taking part (``consulted`` or more somewhere) who learn from a convenor and
        are learnt from by one; in [0, 1], 0 switches the criterion off. Half, because the
        Framework calls the other types' learning "primarily a one-way process".
    min_partner_power : float, default 0.0
        Co-design ("all design decisions are made jointly"): partners' combined normalised
        Banzhaf power a design decision needs besides a partner vote that can change the
        outcome; in [0, 1).
    delivery_guidance : bool, default True
        Co-design ("staff are guided by the input of co-production partners"): a partner at
        least ``involved`` in every delivery decision the project records.
    equal_power_ratio : float, default 0.8
        Co-production ("Decision making is shared equally throughout"): the partners' share
        of a decision's power, divided by their share of its holders, must reach this; in
        (0, 1]. 1 asks for power at least in proportion to seats.
    convenors_may_carry_alone : bool, default False
        Co-production: whether a decision the convenors can carry without any partner may
        count as shared equally.
    co_production_stages : tuple of str, default (conception, design, delivery, evaluation)
        Stages that must record a decision for co-production ("from conception, through
        design to delivery and evaluation"); every recorded stage must be shared equally.
    weighted : bool, default True
        Decisions count by their ``weight`` (1 when absent) in the shares above; False counts
        each once. The package's one default (docs/power.md, "Decision weighting").

    Raises
    ------
    coproduction.InputError
        A value outside its range or an unknown stage, naming the field.
    """

    regular_involvement: float = 0.5
    two_way_learning: float = 0.5
    min_partner_power: float = 0.0
    delivery_guidance: bool = True
    equal_power_ratio: float = 0.8
    convenors_may_carry_alone: bool = False
    co_production_stages: Tuple[str, ...] = ("conception", "design", "delivery", "evaluation")
    weighted: bool = True

    def __post_init__(self) -> None:
        def number(name: str, lo: float, lo_open: bool, hi: float, hi_open: bool) -> None:
            x = getattr(self, name)
            if isinstance(x, bool) or not isinstance(x, (int, float, np.integer, np.floating)):
                raise input_error(name, f"must be a number, got {type(x).__name__}")
            x = float(x)
            ok = math.isfinite(x) and (x > lo if lo_open else x >= lo) and \
                (x < hi if hi_open else x <= hi)
            if not ok:
                interval = f"{'(' if lo_open else '['}{lo:g}, {hi:g}{')' if hi_open else ']'}"
                raise input_error(name, f"must lie in {interval}, got {x!r}")

        number("regular_involvement", 0, True, 1, False)
        number("two_way_learning", 0, False, 1, False)
        number("min_partner_power", 0, False, 1, True)
        number("equal_power_ratio", 0, True, 1, False)
        for name in ("delivery_guidance", "convenors_may_carry_alone", "weighted"):
            if not isinstance(getattr(self, name), (bool, np.bool_)):
                raise input_error(name, f"must be True or False, got {getattr(self, name)!r}")
        stages = tuple(as_items(self.co_production_stages))
        for s in stages:
            if s not in STAGES:
                raise input_error("co_production_stages",
                                  f"{s!r} is not one of {', '.join(STAGES)}")
        if len(set(stages)) != len(stages):
            raise input_error("co_production_stages", "a stage is named twice")
        object.__setattr__(self, "co_production_stages", stages)


def _categorical(values: Union[Sequence[Any], np.ndarray], categories: Sequence[str]
                 ) -> pd.Categorical:
    return pd.Categorical(list(values), categories=list(categories), ordered=True)


# eq=False: the fields include DataFrames, whose == is elementwise.
@dataclasses.dataclass(frozen=True, eq=False)
class Classification:
    """The reading of one project on the ladder.

    Attributes
    ----------
    project, label : str
        The project's id and label (the id when no label is given).
    type : str
        The computed type: "consultation", "engagement", "co-design", "co-production", or
        "none" below consultation.
    claimed : str or None
        What the institution calls the project.
    matches_claim : bool or None
        Whether the computed type is the claimed one; None when nothing is claimed.
    convenors, partners : list of str
        The project's stakeholders (a right above ``none`` in one of its decisions), by side.
    criteria : pandas.DataFrame
        One row per criterion, indexed by name: ``rung``, ``met``, ``value`` (the measured
        share), ``threshold``, ``detail`` (the reading in words).
    evidence : pandas.DataFrame
        The evidence for every criterion: for each decision judged, a summary row (no
        stakeholder; ``power`` is the partners' combined power) and a row per stakeholder
        listed with its ``right``, ``effective_right`` (a right whose vote can never change
        the outcome counts as ``involved``) and ``power``; for learning, a row per
        ``learns_from`` relation between a partner and a convenor. ``met`` says whether the
        decision (or, for learning, the partner) meets the criterion.
    decisions : pandas.DataFrame
        One row per decision of the project, indexed by id: what it shows about sharing.
    stages : pandas.DataFrame
        One row per stage: ``decisions``, ``type`` (read from that stage's decisions alone;
        NaN with no decision), ``partner_right``, ``partner_power``, ``convenors_carry``,
        ``iap2``, ``arnstein`` and ``arnstein_rung``, ``tlap`` and ``tlap_band``.
    config : LadderConfig
    """

    project: str
    label: str
    type: str
    claimed: Optional[str]
    matches_claim: Optional[bool]
    convenors: Tuple[str, ...]
    partners: Tuple[str, ...]
    criteria: pd.DataFrame = dataclasses.field(repr=False)
    evidence: pd.DataFrame = dataclasses.field(repr=False)
    decisions: pd.DataFrame = dataclasses.field(repr=False)
    stages: pd.DataFrame = dataclasses.field(repr=False)
    config: LadderConfig = dataclasses.field(repr=False)

    def _claim_text(self) -> str:
        if self.claimed is None:
            return "nothing claimed"
        if self.matches_claim:
            return f"claimed {self.claimed} (matches)"
        return f"claimed {self.claimed} (DIFFERS)"

    def _stage_lines(self) -> list[str]:
        lines = []
        for stage, row in self.stages.iterrows():
            if row["decisions"] == 0:
                lines.append(f"  {stage:<11} no decision recorded")
                continue
            rung = "-" if pd.isna(row["arnstein_rung"]) else \
                f"{int(row['arnstein_rung'])} {row['arnstein']}"
            tlap = "-" if pd.isna(row["tlap"]) else f"{row['tlap']} ({row['tlap_band']})"
            iap2 = "-" if pd.isna(row["iap2"]) else row["iap2"]
            lines.append(f"  {stage:<11} {row['type']:<13} IAP2 {iap2}; Arnstein {rung}; "
                         f"TLAP {tlap}")
        return lines

    def __str__(self) -> str:
        head = f"{self.project}: {self.type} ({self._claim_text()})"
        if self.label != self.project:
            head = f"{self.label} [{self.project}]: {self.type} ({self._claim_text()})"
        lines = [head, "criteria:"]
        for name, row in self.criteria.iterrows():
            mark = "met    " if row["met"] else "not met"
            lines.append(f"  {mark} {row['rung']:<13} {name}: {row['detail']}")
        lines.append("stages:")
        lines.extend(self._stage_lines())
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        """The notebook display: headline, criteria, stages and evidence as tables
        (:func:`coproduction.display.html`)."""
        from . import display
        return display.html(self)


def _config(config: Optional[LadderConfig]) -> LadderConfig:
    if config is None:
        return LadderConfig()
    if not isinstance(config, LadderConfig):
        raise input_error("config", f"a LadderConfig, not {type(config).__name__}")
    return config


def _missing(label: Any) -> bool:
    """Whether a project's label is absent (the id stands in for it)."""
    return label is None or (isinstance(label, float) and math.isnan(label))


def _core_config(config: LadderConfig) -> dict[str, Any]:
    """The keyword arguments of the core's classify and classify_all."""
    return dict(regular_involvement=float(config.regular_involvement),
                two_way_learning=float(config.two_way_learning),
                min_partner_power=float(config.min_partner_power),
                delivery_guidance=bool(config.delivery_guidance),
                equal_power_ratio=float(config.equal_power_ratio),
                convenors_may_carry_alone=bool(config.convenors_may_carry_alone),
                co_production_stages=list(config.co_production_stages),
                weighted=bool(config.weighted))


def _optional_text(values: Sequence[Any]) -> np.ndarray:
    # An array rather than a Series: a Series would be aligned on its own RangeIndex.
    out = np.empty(len(values), dtype=object)
    out[:] = list(values)
    return out


def _types(values: Sequence[Any]) -> np.ndarray:
    """Computed types as the core gives them, None (below consultation) read as "none"."""
    out = _optional_text(values)
    out[pd.isna(out)] = "none"
    return out


#: The criteria that are weighted shares of a project's decisions, resampled over decisions.
_DECISION_CRITERIA = ("partners_consulted", "design_involvement", "design_joint",
                      "delivery_guided", "shared_equally")


def _with_intervals(net: Network, project: str, config: LadderConfig, criteria: pd.DataFrame,
                    **settings: Any) -> pd.DataFrame:
    """``criteria`` with ``low`` and ``high`` from a bootstrap over the decisions."""
    from ._stats_resampling import _seed, bootstrap

    if settings.pop("interval") is not True:
        raise input_error("interval", "True or False")
    reading = {f: getattr(config, f) for f in ("min_partner_power", "equal_power_ratio",
                                                "convenors_may_carry_alone")}
    if reading != {f: getattr(LadderConfig(), f) for f in reading}:
        raise input_error("config", "intervals read each decision as the default "
                                    "configuration does (min_partner_power, equal_power_ratio, "
                                    "convenors_may_carry_alone at their defaults); these "
                                    f"differ: {reading}")
    seed = _seed(settings.pop("rng"))
    low, high = [], []
    for name in criteria.index:
        if name not in _DECISION_CRITERIA:
            low.append(np.nan)
            high.append(np.nan)
            continue
        result = bootstrap(net, f"ladder_{name}", unit="decisions", project=project,
                           decision_weights=bool(config.weighted), rng=seed, **settings)
        low.append(result.low)
        high.append(result.high)
    out = criteria.copy()
    out["low"] = np.asarray(low, dtype=float)
    out["high"] = np.asarray(high, dtype=float)
    out.attrs["interval"] = {"n": settings["n"], "ci": settings["ci"],
                             "method": settings["method"], "seed": seed, "unit": "decisions"}
    return out


@reads_network
def classify(net: Network, project: str, config: Optional[LadderConfig] = None, *,
             interval: bool = False, n: int = 2000, ci: float = 0.95,
             method: str = "percentile", rng: Any = None) -> Classification:
    r"""Classify a project as consultation, engagement, co-design or co-production.

    Parameters
    ----------
    net : Network
    project : str
        The project's id.
    config : LadderConfig, optional
        The thresholds; the defaults of :class:`LadderConfig` otherwise.
    interval : bool, default False
        Add a bootstrap interval over the project's decisions
        (:func:`coproduction.stats.bootstrap`, ``unit="decisions"``) to every criterion that
        is a weighted share of decisions (all but ``learning_two_way``, a share of
        partners): the columns ``low`` and ``high`` of ``.criteria`` (NaN for the others),
        and ``criteria.attrs["interval"]`` the settings. Each decision keeps the reading it
        has in the whole project; every criterion reads the same resamples. Needs the
        default readings of a decision (``min_partner_power``, ``equal_power_ratio``,
        ``convenors_may_carry_alone``), which the thresholds on the criteria do not change.
    n, ci, method, rng
        The bootstrap's resamples, level, interval method and seed; read only with
        ``interval=True``.

    Returns
    -------
    Classification
        ``.type``, ``.claimed``, ``.matches_claim``, the ``.criteria`` with the measured
        values, the ``.evidence`` behind them, the ``.decisions`` and the ``.stages`` with
        their IAP2, Arnstein and TLAP readings. ``print()`` it for a summary.

    Raises
    ------
    coproduction.InputError
        An unknown project or a bad configuration.

    Notes
    -----
    The project's stakeholders are those with a right above ``none`` in one of its
    decisions; convenors (``convenor: true``) on one side, partners on the other. A right
    counts as a share in a decision only where it carries power: a holder whose Banzhaf
    swing count is zero (its vote can never change the outcome) counts as ``involved``,
    whatever the right is called. Each rung requires its own criteria and every lower
    rung's:

    * consultation: a partner is at least ``consulted`` in some decision;
    * engagement: a partner is at least ``involved`` in ``regular_involvement`` of the design
      decisions;
    * co-design: in every design decision a partner's vote can change the outcome (and the
      partners hold at least ``min_partner_power``); a partner at least ``involved`` in every
      delivery decision; ``two_way_learning`` of the partners taking part learn both ways
      with the convenors (``learns_from`` in both directions);
    * co-production: every decision, at every stage (the ``co_production_stages`` at least),
      is shared equally: partners' share of the power at least ``equal_power_ratio`` times
      their share of the holders, and the convenors cannot carry it without a partner.

    The type is the highest rung whose criteria and all lower ones are met, "none" when not
    even consultation's are. Each stage is read from its own decisions the same way and
    mapped onto IAP2 (inform ... empower), Arnstein's rungs (3 informing, 4 consultation,
    5 placation, 6 partnership, 7 delegated power when the partners can carry every decision
    of the stage and the convenors none, 8 citizen control when no convenor vote counts)
    and the TLAP ladder (informing, consultation, engagement: doing for; co-design,
    co-production: doing with). docs/ladder.md sets each criterion beside the Framework's
    lines and explains the mappings.

    References
    ----------
    National Museums Liverpool, *Co-production Framework*.
    Arnstein, S. R. (1969). A ladder of citizen participation. *Journal of the American
    Institute of Planners* 35(4), 216-224.
    International Association for Public Participation (2018). *IAP2 Spectrum of Public
    Participation*.
    Think Local Act Personal and the National Co-production Advisory Group (2020). *Ladder of
    co-production*.

    Examples
    --------
    >>> import coproduction as cp
    >>> net = cp.examples.load("nml_collaboration_types")
    >>> result = cp.ladder.classify(net, "co_design")
    >>> result.type, result.claimed, result.matches_claim
    ('co-design', 'co-design', True)
    >>> result.criteria["met"].to_dict()
    {'partners_consulted': True, 'design_involvement': True, 'design_joint': True, 'delivery_guided': True, 'learning_two_way': True, 'shared_equally': False}
    >>> result.stages[["type", "iap2", "arnstein", "tlap"]].loc["design"].tolist()
    ['co-design', 'collaborate', 'partnership', 'co-design']
    """
    core = network_core(net)
    config = _config(config)
    check_project(net, project, required=True)
    raw = _core.ladder.classify(core, project, **_core_config(config))
    label = net.projects.at[project, "label"]

    c = raw["criteria"]
    criteria = pd.DataFrame({
        "rung": _categorical(c["rung"], COLLABORATION_TYPES),
        "met": np.asarray(c["met"], dtype=bool),
        # numpy reads a None (nothing measured, no threshold) as NaN in a float array.
        "value": np.asarray(c["value"], dtype=float),
        "threshold": np.asarray(c["threshold"], dtype=float),
        "detail": _optional_text(c["detail"]),
    }, index=pd.Index(c["criterion"], name="criterion", dtype=object))
    if interval is not False:
        criteria = _with_intervals(net, project, config, criteria, interval=interval, n=n, ci=ci,
                                   method=method, rng=rng)

    e = raw["evidence"]
    evidence = pd.DataFrame({
        "rung": _categorical(e["rung"], COLLABORATION_TYPES),
        "criterion": _optional_text(e["criterion"]),
        "met": np.asarray(e["met"], dtype=bool),
        "stage": _categorical(e["stage"], STAGES),
        "decision": _optional_text(e["decision"]),
        "stakeholder": _optional_text(e["stakeholder"]),
        "side": _optional_text(e["side"]),
        "right": _categorical(e["right"], RIGHTS),
        "effective_right": _categorical(e["effective_right"], RIGHTS),
        "power": np.asarray(e["power"], dtype=float),
        "relation": _optional_text(e["relation"]),
        "note": _optional_text(e["note"]),
    })

    d = raw["decisions"]
    decisions = pd.DataFrame({
        "stage": _categorical(d["stage"], STAGES),
        "weight": np.asarray(d["weight"], dtype=float),
        "holders": np.asarray(d["holders"], dtype=np.int64),
        "partner_holders": np.asarray(d["partner_holders"], dtype=np.int64),
        "partner_right": _categorical(d["partner_right"], RIGHTS),
        "partner_power": np.asarray(d["partner_power"], dtype=float),
        "partner_swings": np.asarray(d["partner_swings"], dtype=bool),
        "convenor_swings": np.asarray(d["convenor_swings"], dtype=bool),
        "convenors_carry": np.asarray(d["convenors_carry"], dtype=bool),
        "partners_carry": np.asarray(d["partners_carry"], dtype=bool),
        "joint": np.asarray(d["joint"], dtype=bool),
        "shared_equally": np.asarray(d["shared_equally"], dtype=bool),
        "type": _categorical(_types(d["type"]), TYPES),
    }, index=pd.Index(d["decision"], name="decision", dtype=object))

    s = raw["stages"]
    counts = np.asarray(s["decisions"], dtype=np.int64)
    stage_types = _types(s["type"])
    stage_types[counts == 0] = None  # a stage with no decision has no type
    stages = pd.DataFrame({
        "decisions": counts,
        "type": _categorical(stage_types, TYPES),
        "partner_right": _categorical(s["partner_right"], RIGHTS),
        "partner_power": np.asarray(s["partner_power"], dtype=float),
        "convenors_carry": np.asarray(s["convenors_carry"], dtype=float),
        "iap2": _categorical(s["iap2"], _IAP2),
        "arnstein_rung": pd.array(s["arnstein_rung"], dtype="Int64"),
        "arnstein": _optional_text(s["arnstein"]),
        "tlap": _categorical(s["tlap"], _TLAP),
        "tlap_band": _categorical(s["tlap_band"], _BANDS),
    }, index=pd.CategoricalIndex(s["stage"], categories=list(STAGES), ordered=True,
                                 name="stage"))

    return Classification(
        project=project,
        label=project if _missing(label) else str(label),
        type=raw["type"] or "none",
        claimed=raw["claimed"],
        matches_claim=raw["matches_claim"],
        convenors=tuple(raw["convenors"]),
        partners=tuple(raw["partners"]),
        criteria=criteria,
        evidence=evidence,
        decisions=decisions,
        stages=stages,
        config=config,
    )


@reads_network
def classify_all(net: Network, config: Optional[LadderConfig] = None) -> pd.DataFrame:
    """Classify every project of a network.

    One call of the C++ core (``classify_all`` in ``include/coproduction/ladder/classify.hpp``)
    classifies the projects in turn, as :func:`classify` does one, on the network where it
    is (held for reading, never copied).

    Parameters
    ----------
    net : Network
    config : LadderConfig, optional
        The thresholds; the defaults of :class:`LadderConfig` otherwise.

    Returns
    -------
    pandas.DataFrame
        Indexed by project id: ``label``, ``type`` and ``claimed`` (ordered categoricals
        over ``TYPES``, so ``>=`` compares rungs), ``matches_claim`` (nullable boolean, NA
        where nothing is claimed).

    Raises
    ------
    coproduction.InputError
        A bad configuration.

    Examples
    --------
    >>> import coproduction as cp
    >>> cp.ladder.classify_all(cp.examples.load("twam_partners_2013"))[["type", "claimed", "matches_claim"]]
                        type        claimed  matches_claim
    project                                               
    reminiscence  engagement  co-production          False
    """
    core = network_core(net)
    raw = _core.ladder.classify_all(core, **_core_config(_config(config)))
    ids = pd.Index(raw["project"], name="project", dtype=object)
    labels = net.projects["label"].reindex(ids)
    return _results.wrap(_results.LadderTypes, pd.DataFrame({
        "label": np.where(labels.isna().to_numpy(), ids.to_numpy(),  # no label: the id
                          labels.to_numpy(dtype=object)),
        "type": _categorical(_types(raw["type"]), TYPES),
        "claimed": _categorical(raw["claimed"], TYPES),
        "matches_claim": pd.array(list(raw["matches_claim"]), dtype="boolean"),
    }, index=ids))


@reads_network
def share_at_or_above(net: Network, rung: str, config: Optional[LadderConfig] = None) -> float:
    """The share of a network's projects whose computed type is ``rung`` or higher.

    Parameters
    ----------
    net : Network
    rung : {"consultation", "engagement", "co-design", "co-production"}
    config : LadderConfig, optional

    Returns
    -------
    float
        In [0, 1]; every project counts once (a project without decisions is "none").

    Raises
    ------
    coproduction.InputError
        An unknown rung, or a network without projects.

    Examples
    --------
    >>> import coproduction as cp
    >>> cp.ladder.share_at_or_above(cp.examples.load("nml_collaboration_types"), "co-design")
    0.5
    """
    if rung not in COLLABORATION_TYPES:
        raise input_error("rung", f"must be one of {', '.join(COLLABORATION_TYPES)}, got {rung!r}")
    table = classify_all(net, config)
    if len(table) == 0:
        raise input_error("net", "the network has no project")
    return float((table["type"] >= rung).mean())


@reads_network
def tokenism(net: Network, *, influence: str = "rank", threshold: Optional[float] = None,
             include_convenors: bool = False, weighted: bool = True) -> pd.DataFrame:
    r"""Tokenistic practice the data show (the *Draft manifesto for coproduction in health
    and care research*: "Be honest ... when you're involved in tokenistic practice").

    Parameters
    ----------
    net : Network
    influence : {"rank", "share"}, default "rank"
        How elicited ``influence`` is compared with formal decision power: percentile ranks
        or shares (see Notes).
    threshold : float, optional
        The gap that makes a finding, in (0, 1]; 0.5 for ranks, 0.1 for shares by default.
    include_convenors : bool, default False
        Report convenors too (they are compared for influence either way).
    weighted : bool, default True
        Decisions count by their weight in the formal power compared with influence, as in
        :func:`coproduction.power.decision_power` (docs/power.md, "Decision weighting").

    Returns
    -------
    pandas.DataFrame
        One row per finding, indexed by stakeholder id: ``kind``, ``project`` and
        ``decision`` (for a finding about one decision), ``value`` (see Notes), ``evidence``
        (in words). Kinds, in this order: ``nominal_share``, ``no_power``, ``unpaid``,
        ``influence_exceeds_power``, ``power_exceeds_influence``.

    Raises
    ------
    coproduction.InputError
        An unknown comparison or a threshold outside (0, 1].

    Notes
    -----
    * ``nominal_share``: a ``shared`` or ``decides`` right in a decision whose Banzhaf swing
      count is zero: the vote can never change the outcome (value: its votes).
    * ``no_power``: ``consulted``, ``involved`` or nominally sharing in decisions, able to
      change the outcome of none of them (value: how many decisions). Arnstein (1969) calls
      informing, consultation and placation the degrees of tokenism.
    * ``unpaid``: a partner coded ``paid: false`` (absent is not coded, never false) taking
      part (``consulted`` or more) in a project whose convenors include one coded
      ``paid: true`` (value: how many decisions). The manifesto: "Pay people to help equalise
      power differentials and recognise all contributions as valuable".
    * ``influence_exceeds_power`` / ``power_exceeds_influence``: among the stakeholders (not
      objects) whose Net-Map ``influence`` is coded, with power :math:`P_s` the mean
      normalised Banzhaf power over all decisions, the gap :math:`g_s = a_s - b_s` between
      influence and power, each as a percentile rank :math:`r(x_s) =` (average rank, 1 =
      lowest) / n, or as a share :math:`x_s / \sum x`. :math:`|g_s| \ge` threshold is a
      finding (value: :math:`g_s`). High influence without formal power points at power the
      rules do not show (a funder, a commissioner); formal power without influence at a
      seat on paper. Ranks ignore the influence scale, which differs between studies.

    References
    ----------
    Arnstein, S. R. (1969). A ladder of citizen participation. *Journal of the American
    Institute of Planners* 35(4), 216-224.
    Schiffer, E. & Hauck, J. (2010). Net-Map: collecting social network data and facilitating
    network learning through participatory influence network mapping. *Field Methods*
    22(3), 231-249.

    Examples
    --------
    >>> import coproduction as cp
    >>> found = cp.ladder.tokenism(cp.examples.load("twam_partners_2013"))
    >>> found[["kind", "value"]].round(3)
                                                     kind  value
    stakeholder                                                 
    twam_volunteers                              no_power  1.000
    public_health_specialist                     no_power  1.000
    twam_volunteers                                unpaid  1.000
    housing21_reminiscence_group                   unpaid  5.000
    local_authority_funders       influence_exceeds_power  0.596
    housing21_ot                  power_exceeds_influence -0.558
    housing21_reminiscence_group  power_exceeds_influence -0.654
    """
    core = network_core(net)
    if influence not in ("rank", "share"):
        raise input_error("influence", f"must be 'rank' or 'share', got {influence!r}")
    rank_threshold, share_threshold = 0.5, 0.1
    if threshold is not None:
        if isinstance(threshold, bool) or not isinstance(threshold, (int, float, np.floating)) \
                or not 0 < float(threshold) <= 1:
            raise input_error("threshold", f"must lie in (0, 1], got {threshold!r}")
        if influence == "rank":
            rank_threshold = float(threshold)
        else:
            share_threshold = float(threshold)
    raw = _core.ladder.tokenism(core, comparison=influence, rank_threshold=rank_threshold,
                                share_threshold=share_threshold,
                                include_convenors=bool(include_convenors),
                                weighted=bool(weighted))
    return _results.wrap(_results.TokenismFindings, pd.DataFrame({
        "kind": _optional_text(raw["kind"]),
        "project": _optional_text(raw["project"]),
        "decision": _optional_text(raw["decision"]),
        "value": np.asarray(raw["value"], dtype=float),
        "evidence": _optional_text(raw["evidence"]),
    }, index=pd.Index(list(raw["stakeholder"]), name="stakeholder", dtype=object)))


def __dir__() -> List[str]:
    return list(__all__)
