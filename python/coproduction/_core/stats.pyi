# Type stubs of the compiled core, made with pybind11-stubgen and then tightened by hand.
"""
Resampling, permutation tests and network null models.
"""
from __future__ import annotations
import collections.abc
import coproduction._core
import numpy
import numpy.typing
import typing
__all__: list[str] = ['bootstrap_measure', 'bootstrap_values', 'cug_test', 'generator_below', 'generator_words', 'layer_matrices', 'mrqap', 'null_graph', 'paired_permutation_test', 'permutation_test', 'qap_permutation', 'qap_test', 'resample_indices', 'resampling_units']
def bootstrap_measure(net: coproduction._core.Network, measure: str, unit: str, options: dict[str, typing.Any], n: typing.SupportsInt | typing.SupportsIndex = 2000, seed: typing.SupportsInt | typing.SupportsIndex = 0, ci: typing.SupportsFloat | typing.SupportsIndex = 0.95, method: str = 'percentile', threads: typing.SupportsInt | typing.SupportsIndex = 0, progress: collections.abc.Callable[[int], typing.Any] | None = None) -> dict[str, typing.Any]:
    """
    Bootstrap of a registered measure of a network; see coproduction.stats.bootstrap.
    """
def bootstrap_values(values: typing.Annotated[numpy.typing.ArrayLike, numpy.float64], statistic: str, parameter: typing.SupportsFloat | typing.SupportsIndex | None = None, n: typing.SupportsInt | typing.SupportsIndex = 2000, seed: typing.SupportsInt | typing.SupportsIndex = 0, ci: typing.SupportsFloat | typing.SupportsIndex = 0.95, method: str = 'percentile', threads: typing.SupportsInt | typing.SupportsIndex = 0, progress: collections.abc.Callable[[int], typing.Any] | None = None) -> dict[str, typing.Any]:
    """
    Bootstrap of a statistic of a sample; see coproduction.stats.bootstrap.
    """
def generator_below(seed: typing.SupportsInt | typing.SupportsIndex, draw: typing.SupportsInt | typing.SupportsIndex, bound: typing.SupportsInt | typing.SupportsIndex, count: typing.SupportsInt | typing.SupportsIndex) -> numpy.typing.NDArray[numpy.uint64]:
    """
    `count` whole numbers below `bound` from the generator of draw `draw` under `seed`.
    """
def generator_words(seed: typing.SupportsInt | typing.SupportsIndex, draw: typing.SupportsInt | typing.SupportsIndex, count: typing.SupportsInt | typing.SupportsIndex) -> numpy.typing.NDArray[numpy.uint64]:
    """
    The first `count` 64-bit words of the generator of draw `draw` under `seed`.
    """
def paired_permutation_test(first: typing.Annotated[numpy.typing.ArrayLike, numpy.float64], second: typing.Annotated[numpy.typing.ArrayLike, numpy.float64], statistic: str = 'mean_gap', n: typing.SupportsInt | typing.SupportsIndex = 9999, seed: typing.SupportsInt | typing.SupportsIndex = 0, alternative: str = 'two-sided', threads: typing.SupportsInt | typing.SupportsIndex = 0, progress: collections.abc.Callable[[int], typing.Any] | None = None) -> dict[str, typing.Any]:
    """
    Paired permutation test of the change from first to second; see coproduction.stats.paired_permutation_test.
    """
def permutation_test(values: typing.Annotated[numpy.typing.ArrayLike, numpy.float64], groups: typing.Annotated[numpy.typing.ArrayLike, numpy.int64], statistic: str = 'mean_gap', n: typing.SupportsInt | typing.SupportsIndex = 9999, seed: typing.SupportsInt | typing.SupportsIndex = 0, alternative: str = 'two-sided', threads: typing.SupportsInt | typing.SupportsIndex = 0, progress: collections.abc.Callable[[int], typing.Any] | None = None) -> dict[str, typing.Any]:
    """
    Permutation test of a difference between groups 1 and 0; see coproduction.stats.permutation_test.
    """
def resample_indices(units: typing.SupportsInt | typing.SupportsIndex, draws: typing.SupportsInt | typing.SupportsIndex, seed: typing.SupportsInt | typing.SupportsIndex) -> numpy.typing.NDArray[numpy.int64]:
    """
    The units every bootstrap draws, one row per draw: row d is draw d's resample of units 0 .. units-1 (the indices `draw_indices` gives its generator).
    """
def resampling_units(measure: str, quantity: str = 'decision_power') -> list[str]:
    """
    The units a registered measure can be bootstrapped over (empty: none).
    """
def cug_test(net: coproduction._core.Network, measure: str, options: dict[str, typing.Any], given: str = 'size', n: typing.SupportsInt | typing.SupportsIndex = 1000, seed: typing.SupportsInt | typing.SupportsIndex = 0, threads: typing.SupportsInt | typing.SupportsIndex = 0, swaps: typing.SupportsFloat | typing.SupportsIndex = 10.0, triangle_reversals: bool = True, progress: collections.abc.Callable[[int], typing.Any] | None = None) -> dict[str, typing.Any]:
    """
    Conditional uniform graph test of a registered network-level measure of a layer; see coproduction.stats.cug_test.
    """
def null_graph(n: typing.SupportsInt | typing.SupportsIndex, source: typing.Annotated[numpy.typing.ArrayLike, numpy.int64], target: typing.Annotated[numpy.typing.ArrayLike, numpy.int64], directed: bool = True, given: str = 'degrees', seed: typing.SupportsInt | typing.SupportsIndex = 0, draw: typing.SupportsInt | typing.SupportsIndex = 0, swaps: typing.SupportsFloat | typing.SupportsIndex = 10.0, triangle_reversals: bool = True) -> dict[str, typing.Any]:
    """
    Draw `draw` of the null `given` of the simple graph of the edges (vertices 0 .. n-1) under `seed`: the graph on which a CUG test computes that draw. A dict of source and target (undirected ties smaller end first) and, for given='degrees', the chain's diagnostics (steps, accepted, reversals, changed, changed_half).
    """
def layer_matrices(net: coproduction._core.Network, types: collections.abc.Sequence[collections.abc.Sequence[str] | None], scales: collections.abc.Sequence[str] | None = None, directed: bool = True, weighted: bool = False, include_objects: bool = False, vertices: str = 'all') -> tuple[list[str], list[numpy.typing.NDArray[numpy.float64]]]:
    """
    The matrices of layers (one list of types, or None for every relation, per layer) over one set of stakeholders: (ids, [n x n float arrays]); entry (i, j) is 1 when a relation runs from i to j (the sum of their weights when weighted), the diagonal 0.
    """
def qap_test(a: typing.Annotated[numpy.typing.ArrayLike, numpy.float64], b: typing.Annotated[numpy.typing.ArrayLike, numpy.float64], directed: bool = True, n: typing.SupportsInt | typing.SupportsIndex = 1000, seed: typing.SupportsInt | typing.SupportsIndex = 0, threads: typing.SupportsInt | typing.SupportsIndex = 0, progress: collections.abc.Callable[[int], typing.Any] | None = None) -> dict[str, typing.Any]:
    """
    QAP test of the correlation of two square matrices' off-diagonal entries, permuting b's rows and columns together (every permutation once when n! <= n draws).
    """
def mrqap(y: typing.Annotated[numpy.typing.ArrayLike, numpy.float64], x: collections.abc.Sequence[typing.Annotated[numpy.typing.ArrayLike, numpy.float64]], directed: bool = True, intercept: bool = True, statistic: str = 't', names: collections.abc.Sequence[str] = [], n: typing.SupportsInt | typing.SupportsIndex = 1000, seed: typing.SupportsInt | typing.SupportsIndex = 0, threads: typing.SupportsInt | typing.SupportsIndex = 0, progress: collections.abc.Callable[[int], typing.Any] | None = None) -> dict[str, typing.Any]:
    """
    MRQAP of y on the matrices x with double semi-partialling (netlm's qapspp); every permutation once when n! <= n draws.
    """
def qap_permutation(n: typing.SupportsInt | typing.SupportsIndex, seed: typing.SupportsInt | typing.SupportsIndex, draw: typing.SupportsInt | typing.SupportsIndex) -> numpy.typing.NDArray[numpy.int64]:
    """
    The permutation of draw `draw` of a QAP or MRQAP run seeded `seed` (not exact): entry i is the row of the original matrix that becomes row i.
    """
