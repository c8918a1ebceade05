"""The principles scorecard: the twelve principles of National Museums Liverpool's
*Co-production Framework* read against a network.

The Framework lays twelve principles under all its co-production: Active; Critical,
reflective, adaptive; Equitable; Inclusive; Expert; Visible; Impactful; Transparent; Human;
Trust; Protect; Decentralise. :func:`principles` gives each one row: the indicator the data can
support, its value, a verdict against a documented threshold, the stakeholders, decisions and
relations behind the value, and, where one snapshot of relations and decision rights cannot
say anything about the principle or a field it needs was never coded, the verdict "not
measurable from these data" with what would have to be recorded to measure it. Nothing is
filled in to complete a row.

The rows are computed in the C++ core (``include/coproduction/ladder/principles.hpp``) with the
library's own measures (decision power and power shares, the Herfindahl-Hirschman index,
Freeman degree centralization and reciprocity); this module checks the arguments, converts
:class:`PrinciplesConfig` and lays the rows out as a DataFrame. Decisions count by their
``weight`` unless told otherwise (``weighted=False``): the package's one default, docs/power.md,
"Decision weighting". docs/audit.md sets every indicator beside the Framework's wording.
"""

from __future__ import annotations

import dataclasses
import textwrap
from typing import Any, List, Optional, Tuple

import numpy as np
import pandas as pd

from . import _core, _results
from ._checks import check_project, network_core
from ._errors import input_error
from ._items import as_items
from ._reading import reads_network
from .decision_power import INDICES
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

#: The twelve principles, in the order the *Co-production Framework* lists them.
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

_NORMALISED_INDICES = tuple(i for i in INDICES if i != "banzhaf_absolute")
_THRESHOLDS = ("equitable", "inclusive", "expert", "human", "transparent", "trust", "protect",
               "decentralise_power", "decentralise_centralization")
_TYPE_LISTS = ("centralization_layer", "informs_types", "trust_types", "care_types")


@dataclasses.dataclass(frozen=True)
class PrinciplesConfig:
    """The thresholds of the principles scorecard (docs/audit.md).

    For a share where more is better the verdict is "meets" at or above ``*_meets`` and
    "partly" at or above ``*_partly`` when the share is above 0; where less is better
    (Inclusive, Decentralise) "meets" at or below ``*_meets`` and "partly" at or below
    ``*_partly`` when the share is below 1. The *Co-production Framework* names no number;
    each default is argued from its wording in docs/audit.md. The checks are the core's
    (``principles_config`` in ``include/coproduction/ladder/principles.hpp``).

    Parameters
    ----------
    index : str, default "banzhaf"
        The normalised power index read from each decision's game (any of
        :data:`coproduction.power.INDICES` but ``banzhaf_absolute``).
    weighted : bool, default True
        Decisions count by their ``weight`` (absent: 1) in every share over decisions and
        rights, the package's one default (docs/power.md, "Decision weighting"); False counts
        every decision once.
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
        # Types are checked here, where a wrong one can be named; the ranges, the order of
        # each meets/partly pair and the index by the core's own check (principles_config),
        # which gives the C++ and the Python user the same message.
        if not isinstance(self.index, str):
            raise input_error("index", f"must be one of {', '.join(_NORMALISED_INDICES)}, "
                                       f"got {self.index!r}")
        if not isinstance(self.weighted, (bool, np.bool_)):
            raise input_error("weighted", f"must be True or False, got {self.weighted!r}")
        numbers = [f"{stem}_{level}" for stem in _THRESHOLDS for level in ("meets", "partly")]
        if self.active_share is not None:
            numbers.insert(0, "active_share")
        for name in numbers:
            x = getattr(self, name)
            if isinstance(x, (bool, np.bool_)) or not isinstance(x, (int, float, np.integer,
                                                                     np.floating)):
                raise input_error(name, f"must be a number, got {type(x).__name__}")
        for name in _TYPE_LISTS:
            value = getattr(self, name)
            if value is None and name == "centralization_layer":
                continue
            value = () if value is None else tuple(as_items(value))
            if not all(isinstance(t, str) and t for t in value) or len(value) == 0:
                raise input_error(name, f"must be a non-empty list of relation types, "
                                        f"got {getattr(self, name)!r}")
            object.__setattr__(self, name, tuple(value))
        _core_config(self).check()


def _core_config(config: PrinciplesConfig) -> Any:
    """The core's principles_config, field for field (raises InputError for a bad index)."""
    core = _core.ladder.PrinciplesConfig()
    for field in dataclasses.fields(config):
        value = getattr(config, field.name)
        setattr(core, field.name, value)
    return core


@reads_network
def principles(net: Network, project: Optional[str] = None, *,
               config: Optional[PrinciplesConfig] = None,
               previous: Optional[Network] = None) -> pd.DataFrame:
    r"""The twelve principles of the *Co-production Framework*, each read against the network.

    Parameters
    ----------
    net : Network
    project : str, optional
        Read only this project's decisions, and where an indicator counts stakeholders only
        those taking part in it: a right above ``none`` in one of its decisions, or in no
        decision of the network at all (such a stakeholder belongs to the partnership as a
        whole, so to each of its projects). A network of one project reads the same with
        and without it.
    config : PrinciplesConfig, optional
        The thresholds; the defaults of :class:`PrinciplesConfig` otherwise.
    previous : Network, optional
        The same partnership in the wave of fieldwork before (``Timeline.scorecard`` passes
        it): Critical, reflective, adaptive is then measured from the change between the
        two, instead of "not measurable".

    Returns
    -------
    pandas.DataFrame
        Twelve rows, indexed by principle name (``principle``) in the Framework's order, with
        the columns ``indicator`` (what is measured), ``value`` (float, NaN where not
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
    taking part (not objects; with ``project``, as above):

    * Active: :math:`\sum_{(d,s): r \ge shared, s \in U} w_d / \sum_{(d,s): r \ge shared} w_d`
      for the under-served :math:`U`, with :math:`\sum_{s \in U} P_s > 0` required.
    * Equitable: the partners' parity ratio :math:`S_{partner} / N_{partner}` (power share over
      head-count share, :func:`coproduction.power.power_shares`).
    * Inclusive: the share of partners (the non-convenors taking part; with ``project``,
      also those listed in its decisions with the right ``none``) whose highest right is
      ``informed`` or ``none``.
    * Expert: :math:`\sum_d w_d [\text{lived and learnt among } s: p(s,d) > 0] / \sum_d w_d`.
    * Transparent: the weighted share of rights above ``none`` held by a holder of the
      decision or by someone a path of ``informs`` relations reaches from one (breadth-first
      search).
    * Human: :math:`\sum_{s \text{ lived or both}} P_s / \sum_s P_s`.
    * Trust: edgewise reciprocity of the ``trusts`` relations, :math:`2M / (2M + A)`.
    * Protect: the share of under-served or service-user stakeholders that a ``cares_for``
      relation points at.
    * Decentralise: :math:`HHI^* = (HHI - 1/n) / (1 - 1/n)` of :math:`P_s` over the
      :math:`n` stakeholders taking part, with Freeman's degree centralization of all
      relations (direction ignored) among them.
    * Critical, reflective, adaptive, with ``previous``: :math:`C = S_{partner}(now) -
      S_{partner}(before)`, the change in the partners' share of decision power; it meets
      when the partners also held ``involved`` or more in an evaluation decision of the
      wave before (the reflection was shared with them) and :math:`C > 0` (practice adapted
      in their favour), partly with one of the two. Without ``previous`` not measurable:
      one snapshot cannot show change.
    * Visible; Impactful: not measurable from relations and rights.

    Shares lie in [0, 1]; the parity ratio in [0, 1 / head-count share]. docs/audit.md gives
    each principle's wording, the verdict rules and why a principle cannot be measured.
    Uncoded ``under_served`` and ``expertise`` count as not under-served and not lived (the
    values are lower bounds, and the evidence says how many are uncoded); where no
    stakeholder concerned is coded at all the row is not measurable.

    References
    ----------
    National Museums Liverpool, *Co-production Framework*.
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
    core = network_core(net)
    if config is None:
        config = PrinciplesConfig()
    elif not isinstance(config, PrinciplesConfig):
        raise input_error("config", f"a PrinciplesConfig, not {type(config).__name__}")
    # The core refuses an unknown project with the same words; asking here spares it the
    # copy of the network, and says so for a project that is not even a string.
    check_project(net, project)
    if previous is not None and not isinstance(previous, Network):
        raise input_error("previous", f"a coproduction.Network (the wave before), not "
                                      f"{type(previous).__name__}")
    before = None if previous is None else previous._core
    rows = _core.ladder.principles(core, project, _core_config(config), before)
    table = pd.DataFrame({
        "indicator": pd.Series(rows["indicator"], dtype=object),
        "value": np.asarray(rows["value"], dtype=float),
        "verdict": pd.Series(rows["verdict"], dtype=object),
        "threshold": pd.Series(rows["threshold"], dtype=object),
        "evidence": pd.Series(rows["evidence"], dtype=object),
        "needs": pd.Series(rows["needs"], dtype=object).str.join("; "),
    })
    table.index = pd.Index(rows["principle"], name="principle", dtype=object)
    table.attrs["project"] = project
    return _results.wrap(_results.Scorecard, table)


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
    Principles of co-production (National Museums Liverpool, Co-production Framework), project 'co_production'
    """
    if not isinstance(table, pd.DataFrame) or not set(COLUMNS) <= set(table.columns):
        raise input_error("table", f"the DataFrame of principles() with columns {list(COLUMNS)}")
    project = table.attrs.get("project")
    head = "Principles of co-production (National Museums Liverpool, Co-production Framework)"
    if project is not None:
        head += f", project {project!r}"
    lines = [head]
    name_width = int(table.index.astype(str).str.len().max()) if len(table) else 0
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
        lines += wrapped(f"evidence: {row['evidence']}")
        if row["verdict"] == NOT_MEASURABLE:
            lines += wrapped(f"needs: {row['needs']}")
        else:
            lines += wrapped(f"rule: {row['threshold']}")
    return "\n".join(lines)
