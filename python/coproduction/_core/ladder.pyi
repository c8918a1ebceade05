# Type stubs of the compiled core, made with pybind11-stubgen and then tightened by hand.
"""
Decision power in a network and the collaboration ladder; see coproduction.power and coproduction.ladder.
"""
from __future__ import annotations
import collections.abc
import coproduction._core
import numpy
import numpy.typing
import typing
__all__: list[str] = ['can_swing', 'classify', 'convenor_carried', 'decision_power', 'max_swing_test_votes', 'power_by', 'power_shares', 'tokenism', 'veto_players']
def can_swing(net: coproduction._core.Network) -> numpy.typing.NDArray[numpy.bool]:
    """
    Stakeholders x decisions booleans: the holder's Banzhaf swing count is positive (exact).
    """
def classify(net: coproduction._core.Network, project: str, *, regular_involvement: typing.SupportsFloat | typing.SupportsIndex, two_way_learning: typing.SupportsFloat | typing.SupportsIndex, min_partner_power: typing.SupportsFloat | typing.SupportsIndex, delivery_guidance: bool, equal_power_ratio: typing.SupportsFloat | typing.SupportsIndex, convenors_may_carry_alone: bool, co_production_stages: collections.abc.Sequence[str], weighted: bool) -> dict[str, typing.Any]:
    """
    Classifies a project on seed 002's ladder; returns a dict[str, typing.Any] of the type, the claim, and column dicts decisions, stages, criteria and evidence.
    """
def convenor_carried(net: coproduction._core.Network) -> numpy.typing.NDArray[numpy.bool]:
    """
    Per decision (insertion order): whether the convenor holders carry it alone.
    """
def decision_power(net: coproduction._core.Network, index: str = 'banzhaf', max_coalitions: typing.SupportsInt | typing.SupportsIndex = 100000000) -> dict[str, typing.Any]:
    """
    Stakeholders x decisions matrix of a power index: dict[str, typing.Any] of stakeholders, columns (decision ids) and values (2-D float array); 0 for non-holders.
    """
def power_by(net: coproduction._core.Network, index: str, by: str, weighted: bool, project: str | None, max_coalitions: typing.SupportsInt | typing.SupportsIndex = 100000000) -> dict[str, typing.Any]:
    """
    Weighted mean of decision power over the decisions of each stage, each project, or all (`by` = "stage", "project", "all"); optionally only one project's decisions.
    """
def power_shares(power: typing.Annotated[numpy.typing.ArrayLike, numpy.float64], groups: typing.Annotated[numpy.typing.ArrayLike, numpy.int64], count: typing.SupportsInt | typing.SupportsIndex) -> numpy.typing.NDArray[numpy.float64]:
    """
    Each group's share of the total: groups are codes 0..count-1, one per value.
    """
def tokenism(net: coproduction._core.Network, *, comparison: str, rank_threshold: typing.SupportsFloat | typing.SupportsIndex, share_threshold: typing.SupportsFloat | typing.SupportsIndex, include_convenors: bool, weighted: bool) -> dict[str, typing.Any]:
    """
    Tokenism findings as columns: stakeholder, kind, project, decision, value, evidence.
    """
def veto_players(net: coproduction._core.Network) -> dict[str, typing.Any]:
    """
    Every holder in every winning coalition of a decision, as columns.
    """
max_swing_test_votes: int = 268435456
