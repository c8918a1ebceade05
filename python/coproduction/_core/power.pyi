# Type stubs of the compiled core, made with pybind11-stubgen and then tightened by hand.
"""
Power indices of weighted voting games and decision power in a network; see coproduction.power.
"""
from __future__ import annotations
import collections.abc
import coproduction._core
import numpy
import numpy.typing
import typing
__all__: list[str] = ['banzhaf', 'banzhaf_owen', 'bloc_power', 'can_swing', 'convenor_carried', 'convenor_carried_share', 'decision_power', 'deegan_packel', 'default_max_listed_coalitions', 'default_max_visited_coalitions', 'holler', 'johnston', 'max_coalition_players', 'max_enumeration_players', 'max_exact_table_bytes', 'max_exact_table_cells', 'max_swing_test_votes', 'minimal_winning', 'minimal_winning_count', 'monte_carlo', 'owen', 'power_by', 'power_shares', 'shapley_shubik', 'veto_players']
def banzhaf(weights: typing.Annotated[numpy.typing.ArrayLike, numpy.int64], quota: typing.SupportsInt | typing.SupportsIndex, veto: typing.Annotated[numpy.typing.ArrayLike, numpy.int64], normalized: bool) -> numpy.typing.NDArray[numpy.float64]:
    """
    Banzhaf index by dynamic programming over vote totals.
    
    weights : 1-D int64 array
        Votes of each player (>= 0).
    quota : int
        Votes a coalition needs (1 <= quota <= sum of weights).
    veto : 1-D int64 array
        Positions of the veto holders (may be empty).
    """
def banzhaf_owen(weights: typing.Annotated[numpy.typing.ArrayLike, numpy.int64], quota: typing.SupportsInt | typing.SupportsIndex, veto: typing.Annotated[numpy.typing.ArrayLike, numpy.int64], blocs: typing.Annotated[numpy.typing.ArrayLike, numpy.int64], normalized: bool) -> numpy.typing.NDArray[numpy.float64]:
    """
    Banzhaf-Owen index with a priori unions; blocs: one code per player.
    """
def bloc_power(net: coproduction._core.Network, blocs: typing.Annotated[numpy.typing.ArrayLike, numpy.int64], kind: str, project: str | None) -> dict[str, typing.Any]:
    """
    Stakeholders x decisions matrix of the Owen value (kind "shapley_shubik") or the normalised Banzhaf-Owen index (kind "banzhaf") of each decision's game, the holders grouped by blocs (one code per stakeholder, in vertex order); 0 for non-holders.
    """
def can_swing(net: coproduction._core.Network) -> numpy.typing.NDArray[numpy.bool]:
    """
    Stakeholders x decisions booleans: the holder's Banzhaf swing count is positive (exact).
    """
def convenor_carried(net: coproduction._core.Network) -> numpy.typing.NDArray[numpy.bool]:
    """
    Per decision (insertion order): whether the convenor holders carry it alone.
    """
def taking_part(net: coproduction._core.Network, project: str | None) -> numpy.typing.NDArray[numpy.bool]:
    """Per stakeholder (vertex order): whether it takes part in the project (or the partnership)."""
def convenor_carried_share(net: coproduction._core.Network, weighted: bool, project: str | None) -> float:
    """
    The share of the decisions (of one project, or all) that the convenors carry alone, each counting once or by its weight.
    """
def decision_power(net: coproduction._core.Network, index: str = 'banzhaf', max_coalitions: typing.SupportsInt | typing.SupportsIndex = 100000000) -> dict[str, typing.Any]:
    """
    Stakeholders x decisions matrix of a power index: dict[str, typing.Any] of stakeholders, columns (decision ids) and values (2-D float array); 0 for non-holders.
    """
def deegan_packel(weights: typing.Annotated[numpy.typing.ArrayLike, numpy.int64], quota: typing.SupportsInt | typing.SupportsIndex, veto: typing.Annotated[numpy.typing.ArrayLike, numpy.int64], max_coalitions: typing.SupportsInt | typing.SupportsIndex = 100000000) -> numpy.typing.NDArray[numpy.float64]:
    """
    Deegan-Packel index from the minimal winning coalitions (<= 64 players, at most max_coalitions of them).
    """
def holler(weights: typing.Annotated[numpy.typing.ArrayLike, numpy.int64], quota: typing.SupportsInt | typing.SupportsIndex, veto: typing.Annotated[numpy.typing.ArrayLike, numpy.int64], max_coalitions: typing.SupportsInt | typing.SupportsIndex = 100000000) -> numpy.typing.NDArray[numpy.float64]:
    """
    Holler public good index from the minimal winning coalitions (<= 64 players, at most max_coalitions of them).
    """
def johnston(weights: typing.Annotated[numpy.typing.ArrayLike, numpy.int64], quota: typing.SupportsInt | typing.SupportsIndex, veto: typing.Annotated[numpy.typing.ArrayLike, numpy.int64]) -> numpy.typing.NDArray[numpy.float64]:
    """
    Johnston index by enumerating the coalitions (<= 25 players).
    """
def minimal_winning(weights: typing.Annotated[numpy.typing.ArrayLike, numpy.int64], quota: typing.SupportsInt | typing.SupportsIndex, veto: typing.Annotated[numpy.typing.ArrayLike, numpy.int64], max_coalitions: typing.SupportsInt | typing.SupportsIndex = 1000000) -> numpy.typing.NDArray[numpy.bool]:
    """
    Minimal winning coalitions as a boolean matrix (one row per coalition, <= 64 players, at most max_coalitions rows).
    """
def minimal_winning_count(weights: typing.Annotated[numpy.typing.ArrayLike, numpy.int64], quota: typing.SupportsInt | typing.SupportsIndex, veto: typing.Annotated[numpy.typing.ArrayLike, numpy.int64]) -> tuple[int, bool]:
    """
    Number of minimal winning coalitions (<= 64 players) as (count, exact); when exact is False, count is an upper bound.
    """
def monte_carlo(index: str, weights: typing.Annotated[numpy.typing.ArrayLike, numpy.int64], quota: typing.SupportsInt | typing.SupportsIndex, veto: typing.Annotated[numpy.typing.ArrayLike, numpy.int64], samples: typing.SupportsInt | typing.SupportsIndex, seed: typing.SupportsInt | typing.SupportsIndex, confidence: typing.SupportsFloat | typing.SupportsIndex, normalized: bool = True) -> dict[str, typing.Any]:
    """
    Seeded Monte Carlo estimate with pointwise confidence intervals; returns a dict[str, typing.Any] of arrays value, standard_error, lower, upper and the scalars samples, confidence.
    """
def owen(weights: typing.Annotated[numpy.typing.ArrayLike, numpy.int64], quota: typing.SupportsInt | typing.SupportsIndex, veto: typing.Annotated[numpy.typing.ArrayLike, numpy.int64], blocs: typing.Annotated[numpy.typing.ArrayLike, numpy.int64]) -> numpy.typing.NDArray[numpy.float64]:
    """
    Owen value with a priori unions; blocs: one code per player.
    """
def power_by(net: coproduction._core.Network, index: str, by: str, weighted: bool, project: str | None, max_coalitions: typing.SupportsInt | typing.SupportsIndex = 100000000) -> dict[str, typing.Any]:
    """
    Weighted mean of decision power over the decisions of each stage, each project, or all (`by` = "stage", "project", "all"); optionally only one project's decisions.
    """
def power_shares(power: typing.Annotated[numpy.typing.ArrayLike, numpy.float64], groups: typing.Annotated[numpy.typing.ArrayLike, numpy.int64], count: typing.SupportsInt | typing.SupportsIndex) -> numpy.typing.NDArray[numpy.float64]:
    """
    Each group's share of the total: groups are codes 0..count-1, one per value.
    """
def shapley_shubik(weights: typing.Annotated[numpy.typing.ArrayLike, numpy.int64], quota: typing.SupportsInt | typing.SupportsIndex, veto: typing.Annotated[numpy.typing.ArrayLike, numpy.int64]) -> numpy.typing.NDArray[numpy.float64]:
    """
    Shapley-Shubik index, exact, over vote totals.
    
    weights : 1-D int64 array
        Votes of each player (>= 0).
    quota : int
        Votes a coalition needs (1 <= quota <= sum of weights).
    veto : 1-D int64 array
        Positions of the veto holders (may be empty).
    """
def veto_players(net: coproduction._core.Network) -> dict[str, typing.Any]:
    """
    Every holder in every winning coalition of a decision, as columns.
    """
default_max_listed_coalitions: int = 1000000
default_max_visited_coalitions: int = 100000000
max_coalition_players: int = 64
max_enumeration_players: int = 25
max_exact_table_bytes: int = 1073741824
max_exact_table_cells: int = 1000000000000
max_swing_test_votes: int = 268435456
