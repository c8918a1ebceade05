"""What the report reads: every number it shows, each from one call of the public API with
the report's settings, read once before any section is written.
"""

from __future__ import annotations

import dataclasses
from typing import Any, Dict, List, Optional

import pandas as pd

from .. import audit as _audit, ladder as _ladder, metrics as _metrics, power as _power
from .._privacy_groups import power_shares as _shares_of_k
from ..network import SCALES, Network
from ._settings import Settings as _Settings


@dataclasses.dataclass
class Power:
    """The decision power of the people, as the public functions give it."""

    shares: pd.DataFrame            # privacy.power_shares(by=settings.by, k=settings.k)
    sides: pd.DataFrame             # privacy.power_shares(by="convenor", k=settings.k)
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


def _read_power(net: Network, s: _Settings) -> Optional[Power]:
    if _decisions_of(net, s.project) == 0:
        return None
    common: Dict[str, Any] = {"index": s.index, "weighted": s.weighted, "project": s.project}
    # Groups of fewer than k people pooled, as the privacy module's rule has it: a group of
    # one or two people is those people.
    shares = _shares_of_k(net, s.by, k=s.k, **common)
    sides = _shares_of_k(net, "convenor", k=s.k, **common)
    ids = net.stakeholders.index
    # One group per stakeholder: the people power_shares counts, each with their own share.
    each = _power.power_shares(net, pd.Series(list(ids), index=ids, dtype=object), **common)
    people = each.index
    values = _power.decision_power(net, s.index, by="all", weighted=s.weighted,
                                   project=s.project)["all"].reindex(people)
    values.name = f"decision power ({s.index})"
    return Power(shares=shares, sides=sides, each=each, values=values,
                 gini=float(_metrics.gini(values.to_numpy(dtype=float))),
                 carried=float(_power.convenor_carried_share(net, project=s.project,
                                                              weighted=s.weighted)),
                 vetoes=_power.veto_players(net, project=s.project))


@dataclasses.dataclass
class Readings:
    power: Optional[Power]
    classified: pd.DataFrame
    projects: List[_ladder.Classification]
    tokenism: pd.DataFrame
    card: pd.DataFrame
    structure: pd.DataFrame
    scales: pd.DataFrame


def read(net: Network, s: _Settings) -> Readings:
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
    return Readings(power=_read_power(net, s), classified=classified, projects=projects,
                    tokenism=tokens, card=card, structure=structure, scales=scales)
