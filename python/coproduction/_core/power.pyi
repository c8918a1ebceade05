# Type stubs of the compiled core, made with pybind11-stubgen and then tightened by hand.
"""
Power indices of weighted voting games; see coproduction.power.
"""
from __future__ import annotations
import numpy
import numpy.typing
import typing
__all__: list[str] = ['banzhaf', 'banzhaf_owen', 'deegan_packel', 'default_max_listed_coalitions', 'default_max_visited_coalitions', 'holler', 'johnston', 'max_coalition_players', 'max_enumeration_players', 'max_exact_table_bytes', 'max_exact_table_cells', 'minimal_winning', 'minimal_winning_count', 'monte_carlo', 'owen', 'shapley_shubik']
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
default_max_listed_coalitions: int = 1000000
default_max_visited_coalitions: int = 100000000
max_coalition_players: int = 64
max_enumeration_players: int = 25
max_exact_table_bytes: int = 1073741824
max_exact_table_cells: int = 1000000000000
