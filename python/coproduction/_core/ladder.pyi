# Type stubs of the compiled core, made with pybind11-stubgen and then tightened by hand.
"""
The collaboration ladder and tokenism; see coproduction.ladder.
"""
from __future__ import annotations
import collections.abc
import coproduction._core
import numpy
import numpy.typing
import typing
__all__: list[str] = ['PrinciplesConfig', 'classify', 'classify_all', 'principles', 'tokenism']
def classify(net: coproduction._core.Network, project: str, *, regular_involvement: typing.SupportsFloat | typing.SupportsIndex, two_way_learning: typing.SupportsFloat | typing.SupportsIndex, min_partner_power: typing.SupportsFloat | typing.SupportsIndex, delivery_guidance: bool, equal_power_ratio: typing.SupportsFloat | typing.SupportsIndex, convenors_may_carry_alone: bool, co_production_stages: collections.abc.Sequence[str], weighted: bool) -> dict[str, typing.Any]:
    """
    Classifies a project on the ladder of the Co-production Framework; returns a dict[str, typing.Any] of the type, the claim, and column dicts decisions, stages, criteria and evidence.
    """
def classify_all(net: coproduction._core.Network, *, regular_involvement: typing.SupportsFloat | typing.SupportsIndex, two_way_learning: typing.SupportsFloat | typing.SupportsIndex, min_partner_power: typing.SupportsFloat | typing.SupportsIndex, delivery_guidance: bool, equal_power_ratio: typing.SupportsFloat | typing.SupportsIndex, convenors_may_carry_alone: bool, co_production_stages: collections.abc.Sequence[str], weighted: bool) -> dict[str, typing.Any]:
    """
    Classifies every project (insertion order); returns columns project, type (None below consultation), claimed and matches_claim (None where nothing is claimed).
    """
def tokenism(net: coproduction._core.Network, *, comparison: str, rank_threshold: typing.SupportsFloat | typing.SupportsIndex, share_threshold: typing.SupportsFloat | typing.SupportsIndex, include_convenors: bool, weighted: bool) -> dict[str, typing.Any]:
    """
    Tokenism findings as columns: stakeholder, kind, project, decision, value, evidence.
    """
class PrinciplesConfig:
    """
    The thresholds and options of the principles scorecard, field for field those of coproduction.audit.PrinciplesConfig; index is spelt as there and weighted is a bool.
    """
    index: str
    weighted: bool
    active_share: float | None
    equitable_meets: float
    equitable_partly: float
    inclusive_meets: float
    inclusive_partly: float
    expert_meets: float
    expert_partly: float
    human_meets: float
    human_partly: float
    transparent_meets: float
    transparent_partly: float
    trust_meets: float
    trust_partly: float
    protect_meets: float
    protect_partly: float
    decentralise_power_meets: float
    decentralise_power_partly: float
    decentralise_centralization_meets: float
    decentralise_centralization_partly: float
    centralization_layer: list[str] | None
    informs_types: list[str]
    trust_types: list[str]
    care_types: list[str]
    def __init__(self) -> None:
        ...
    def check(self) -> None:
        """
        Raises InputError naming the first field out of its range.
        """
def principles(net: coproduction._core.Network, project: str | None, config: PrinciplesConfig, previous: coproduction._core.Network | None = None) -> dict[str, typing.Any]:
    """
    The twelve principles of the Co-production Framework read against the network: a dict[str, typing.Any] of columns principle, indicator, value (float array, NaN where not measurable), verdict, threshold, evidence and needs (a list per row).
    """
