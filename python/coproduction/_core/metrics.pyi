# Type stubs of the compiled core, made with pybind11-stubgen and then tightened by hand.
"""
Inequality, centrality and centralization.
"""
from __future__ import annotations
import numpy
import numpy.typing
import typing
__all__: list[str] = ['atkinson', 'betweenness_centrality', 'brokerage', 'centralization_maximum', 'closeness_centrality', 'constraint', 'degree_centrality', 'density', 'dyad_census', 'effective_number', 'effective_size', 'ei_index', 'eigenvector_centrality', 'entropy', 'freeman_centralization', 'generalized_entropy', 'gini', 'harmonic_centrality', 'hhi', 'hoover', 'krackhardt_dimensions', 'mld', 'mld_decomposition', 'pagerank', 'palma', 'parity_ratio', 'reciprocity', 'reciprocity_by', 'theil', 'theil_decomposition', 'vertex_reciprocity']
def atkinson(values: typing.Annotated[numpy.typing.ArrayLike, numpy.float64], epsilon: typing.SupportsFloat | typing.SupportsIndex, weights: typing.Annotated[numpy.typing.ArrayLike, numpy.float64] | None = None) -> float:
    """
    Atkinson index A(epsilon); see coproduction.metrics.atkinson.
    """
def betweenness_centrality(n: typing.SupportsInt | typing.SupportsIndex, source: typing.Annotated[numpy.typing.ArrayLike, numpy.int64], target: typing.Annotated[numpy.typing.ArrayLike, numpy.int64], weight: typing.Annotated[numpy.typing.ArrayLike, numpy.float64] | None = None, directed: bool = True, normalized: bool = True, weights_are: str = 'strength', parallel: str = 'merge', threads: typing.SupportsInt | typing.SupportsIndex = 0) -> numpy.typing.NDArray[numpy.float64]:
    """
    Brandes betweenness, normalized as NetworkX.
    
    n : int
        Number of vertices; vertices are 0 .. n-1.
    source, target : 1-D integer arrays
        Edge endpoints, one entry per edge.
    weight : 1-D float array or None
        One finite positive weight per edge, or None for an unweighted graph.
    directed : bool
        False reads every edge both ways.
    weights_are : {"strength", "distance"}
        A strength (bigger = closer) has length 1/weight; a distance has strength 1/weight.
    parallel : {"merge", "keep"}
        Merge repeated edges (strengths add up) or count each.
    """
def brokerage(n: typing.SupportsInt | typing.SupportsIndex, source: typing.Annotated[numpy.typing.ArrayLike, numpy.int64], target: typing.Annotated[numpy.typing.ArrayLike, numpy.int64], directed: bool, groups: typing.Annotated[numpy.typing.ArrayLike, numpy.int64], group_count: typing.SupportsInt | typing.SupportsIndex) -> dict[str, typing.Any]:
    """
    Gould-Fernandez brokerage roles with sna's moments; columns coordinator, itinerant, representative, gatekeeper, liaison, total.
    n : int
        Number of vertices; vertices are 0 .. n-1.
    source, target : 1-D integer arrays
        Edge endpoints, one entry per edge. Self-loops are dropped and parallel edges merged.
    """
def centralization_maximum(measure: str, n: typing.SupportsInt | typing.SupportsIndex, directed: bool, mode: str = 'total', normalized: bool = True) -> float:
    """
    Largest sum of (max - c(v)) over graphs on n vertices (Freeman 1979).
    """
def closeness_centrality(n: typing.SupportsInt | typing.SupportsIndex, source: typing.Annotated[numpy.typing.ArrayLike, numpy.int64], target: typing.Annotated[numpy.typing.ArrayLike, numpy.int64], weight: typing.Annotated[numpy.typing.ArrayLike, numpy.float64] | None = None, directed: bool = True, mode: str = 'in', wf_improved: bool = True, weights_are: str = 'strength', parallel: str = 'merge', threads: typing.SupportsInt | typing.SupportsIndex = 0) -> numpy.typing.NDArray[numpy.float64]:
    """
    Closeness on reachable vertices (NetworkX's closeness_centrality).
    
    n : int
        Number of vertices; vertices are 0 .. n-1.
    source, target : 1-D integer arrays
        Edge endpoints, one entry per edge.
    weight : 1-D float array or None
        One finite positive weight per edge, or None for an unweighted graph.
    directed : bool
        False reads every edge both ways.
    weights_are : {"strength", "distance"}
        A strength (bigger = closer) has length 1/weight; a distance has strength 1/weight.
    parallel : {"merge", "keep"}
        Merge repeated edges (strengths add up) or count each.
    """
def constraint(n: typing.SupportsInt | typing.SupportsIndex, source: typing.Annotated[numpy.typing.ArrayLike, numpy.int64], target: typing.Annotated[numpy.typing.ArrayLike, numpy.int64], weight: typing.Annotated[numpy.typing.ArrayLike, numpy.float64] | None = None, directed: bool = True) -> numpy.typing.NDArray[numpy.float64]:
    """
    Burt's constraint per vertex (NetworkX's constraint); NaN for isolates.
    n : int
        Number of vertices; vertices are 0 .. n-1.
    source, target : 1-D integer arrays
        Edge endpoints, one entry per edge. Self-loops are dropped and parallel edges merged.
    weight : 1-D float array or None
    directed : bool
    """
def degree_centrality(n: typing.SupportsInt | typing.SupportsIndex, source: typing.Annotated[numpy.typing.ArrayLike, numpy.int64], target: typing.Annotated[numpy.typing.ArrayLike, numpy.int64], weight: typing.Annotated[numpy.typing.ArrayLike, numpy.float64] | None = None, directed: bool = True, mode: str = 'total', normalized: bool = True, weights_are: str = 'strength', parallel: str = 'merge') -> numpy.typing.NDArray[numpy.float64]:
    """
    Degree (or strength) of each vertex; mode in/out/total; / (n-1) when normalized.
    
    n : int
        Number of vertices; vertices are 0 .. n-1.
    source, target : 1-D integer arrays
        Edge endpoints, one entry per edge.
    weight : 1-D float array or None
        One finite positive weight per edge, or None for an unweighted graph.
    directed : bool
        False reads every edge both ways.
    weights_are : {"strength", "distance"}
        A strength (bigger = closer) has length 1/weight; a distance has strength 1/weight.
    parallel : {"merge", "keep"}
        Merge repeated edges (strengths add up) or count each.
    """
def density(n: typing.SupportsInt | typing.SupportsIndex, source: typing.Annotated[numpy.typing.ArrayLike, numpy.int64], target: typing.Annotated[numpy.typing.ArrayLike, numpy.int64], directed: bool = True) -> float:
    """
    Share of possible ties present: distinct ordered (directed) or unordered pairs of distinct vertices joined by some edge; NaN below 2 vertices.
    n : int
        Number of vertices; vertices are 0 .. n-1.
    source, target : 1-D integer arrays
        Edge endpoints, one entry per edge. Self-loops are dropped and parallel edges merged.
    directed : bool
        False reads every edge both ways.
    """
def dyad_census(n: typing.SupportsInt | typing.SupportsIndex, source: typing.Annotated[numpy.typing.ArrayLike, numpy.int64], target: typing.Annotated[numpy.typing.ArrayLike, numpy.int64]) -> tuple[int, int, int]:
    """
    Holland-Leinhardt dyad census (mutual, asymmetric, null) of a digraph.
    n : int
        Number of vertices; vertices are 0 .. n-1.
    source, target : 1-D integer arrays
        Edge endpoints, one entry per edge. Self-loops are dropped and parallel edges merged.
    """
def effective_number(values: typing.Annotated[numpy.typing.ArrayLike, numpy.float64], weights: typing.Annotated[numpy.typing.ArrayLike, numpy.float64] | None = None) -> float:
    """
    Effective number of holders, 1/HHI; see coproduction.metrics.effective_number.
    """
def effective_size(n: typing.SupportsInt | typing.SupportsIndex, source: typing.Annotated[numpy.typing.ArrayLike, numpy.int64], target: typing.Annotated[numpy.typing.ArrayLike, numpy.int64], weight: typing.Annotated[numpy.typing.ArrayLike, numpy.float64] | None = None, directed: bool = True) -> numpy.typing.NDArray[numpy.float64]:
    """
    Burt's effective size per vertex (NetworkX's effective_size); NaN for isolates.
    n : int
        Number of vertices; vertices are 0 .. n-1.
    source, target : 1-D integer arrays
        Edge endpoints, one entry per edge. Self-loops are dropped and parallel edges merged.
    weight : 1-D float array or None
    directed : bool
    """
def ei_index(n: typing.SupportsInt | typing.SupportsIndex, source: typing.Annotated[numpy.typing.ArrayLike, numpy.int64], target: typing.Annotated[numpy.typing.ArrayLike, numpy.int64], weight: typing.Annotated[numpy.typing.ArrayLike, numpy.float64] | None, directed: bool, groups: typing.Annotated[numpy.typing.ArrayLike, numpy.int64], group_count: typing.SupportsInt | typing.SupportsIndex, ties: str = 'all') -> dict[str, typing.Any]:
    """
    Krackhardt-Stern E-I index: network, per group and per vertex.
    n : int
        Number of vertices; vertices are 0 .. n-1.
    source, target : 1-D integer arrays
        Edge endpoints, one entry per edge. Self-loops are dropped and parallel edges merged.
    weight : 1-D float array or None
        One finite positive weight per edge (summed over ties), or None to count ties.
    directed : bool
    groups : 1-D integer array
        A group code in [0, group_count) per vertex.
    ties : {"all", "out", "in"}
        Which ties of a group or vertex count in a directed graph.
    """
def eigenvector_centrality(n: typing.SupportsInt | typing.SupportsIndex, source: typing.Annotated[numpy.typing.ArrayLike, numpy.int64], target: typing.Annotated[numpy.typing.ArrayLike, numpy.int64], weight: typing.Annotated[numpy.typing.ArrayLike, numpy.float64] | None = None, directed: bool = True, max_iter: typing.SupportsInt | typing.SupportsIndex = 100, tol: typing.SupportsFloat | typing.SupportsIndex = 1e-06, weights_are: str = 'strength', parallel: str = 'merge') -> numpy.typing.NDArray[numpy.float64]:
    """
    Eigenvector centrality (in-edges, unit L2 norm), NetworkX's iteration.
    
    n : int
        Number of vertices; vertices are 0 .. n-1.
    source, target : 1-D integer arrays
        Edge endpoints, one entry per edge.
    weight : 1-D float array or None
        One finite positive weight per edge, or None for an unweighted graph.
    directed : bool
        False reads every edge both ways.
    weights_are : {"strength", "distance"}
        A strength (bigger = closer) has length 1/weight; a distance has strength 1/weight.
    parallel : {"merge", "keep"}
        Merge repeated edges (strengths add up) or count each.
    """
def entropy(values: typing.Annotated[numpy.typing.ArrayLike, numpy.float64], weights: typing.Annotated[numpy.typing.ArrayLike, numpy.float64] | None = None) -> float:
    """
    Normalised Shannon entropy of shares; see coproduction.metrics.entropy.
    """
def freeman_centralization(scores: typing.Annotated[numpy.typing.ArrayLike, numpy.float64], maximum: typing.SupportsFloat | typing.SupportsIndex) -> float:
    """
    sum(max - c(v)) / maximum; NaN when maximum is 0.
    """
def generalized_entropy(values: typing.Annotated[numpy.typing.ArrayLike, numpy.float64], alpha: typing.SupportsFloat | typing.SupportsIndex, weights: typing.Annotated[numpy.typing.ArrayLike, numpy.float64] | None = None) -> float:
    """
    Generalised entropy index GE(alpha); see coproduction.metrics.generalized_entropy.
    """
def gini(values: typing.Annotated[numpy.typing.ArrayLike, numpy.float64], weights: typing.Annotated[numpy.typing.ArrayLike, numpy.float64] | None = None) -> float:
    """
    Gini coefficient; see coproduction.metrics.gini.
    """
def harmonic_centrality(n: typing.SupportsInt | typing.SupportsIndex, source: typing.Annotated[numpy.typing.ArrayLike, numpy.int64], target: typing.Annotated[numpy.typing.ArrayLike, numpy.int64], weight: typing.Annotated[numpy.typing.ArrayLike, numpy.float64] | None = None, directed: bool = True, mode: str = 'in', normalized: bool = False, weights_are: str = 'strength', parallel: str = 'merge', threads: typing.SupportsInt | typing.SupportsIndex = 0) -> numpy.typing.NDArray[numpy.float64]:
    """
    Harmonic closeness, sum of 1/d (NetworkX's harmonic_centrality).
    
    n : int
        Number of vertices; vertices are 0 .. n-1.
    source, target : 1-D integer arrays
        Edge endpoints, one entry per edge.
    weight : 1-D float array or None
        One finite positive weight per edge, or None for an unweighted graph.
    directed : bool
        False reads every edge both ways.
    weights_are : {"strength", "distance"}
        A strength (bigger = closer) has length 1/weight; a distance has strength 1/weight.
    parallel : {"merge", "keep"}
        Merge repeated edges (strengths add up) or count each.
    """
def hhi(values: typing.Annotated[numpy.typing.ArrayLike, numpy.float64], weights: typing.Annotated[numpy.typing.ArrayLike, numpy.float64] | None = None) -> float:
    """
    Herfindahl-Hirschman index of shares; see coproduction.metrics.hhi.
    """
def hoover(values: typing.Annotated[numpy.typing.ArrayLike, numpy.float64], weights: typing.Annotated[numpy.typing.ArrayLike, numpy.float64] | None = None) -> float:
    """
    Hoover (Robin Hood) index; see coproduction.metrics.hoover.
    """
def krackhardt_dimensions(n: typing.SupportsInt | typing.SupportsIndex, source: typing.Annotated[numpy.typing.ArrayLike, numpy.int64], target: typing.Annotated[numpy.typing.ArrayLike, numpy.int64], directed: bool = True) -> tuple[float, float, float, float]:
    """
    Krackhardt (1994) connectedness, hierarchy, efficiency and least upper boundedness.
    n : int
        Number of vertices; vertices are 0 .. n-1.
    source, target : 1-D integer arrays
        Edge endpoints, one entry per edge. Self-loops are dropped and parallel edges merged.
    directed : bool
        False reads every edge both ways.
    """
def mld(values: typing.Annotated[numpy.typing.ArrayLike, numpy.float64], weights: typing.Annotated[numpy.typing.ArrayLike, numpy.float64] | None = None) -> float:
    """
    Mean log deviation, Theil L, GE(0); see coproduction.metrics.mld.
    """
def mld_decomposition(values: typing.Annotated[numpy.typing.ArrayLike, numpy.float64], groups: typing.Annotated[numpy.typing.ArrayLike, numpy.int64], weights: typing.Annotated[numpy.typing.ArrayLike, numpy.float64] | None = None) -> dict[str, typing.Any]:
    """
    Mean log deviation decomposed by groups (codes >= 0): dict[str, typing.Any] of total, between, within and per-group arrays; see coproduction.metrics.mld_decomposition.
    """
def pagerank(n: typing.SupportsInt | typing.SupportsIndex, source: typing.Annotated[numpy.typing.ArrayLike, numpy.int64], target: typing.Annotated[numpy.typing.ArrayLike, numpy.int64], weight: typing.Annotated[numpy.typing.ArrayLike, numpy.float64] | None = None, directed: bool = True, alpha: typing.SupportsFloat | typing.SupportsIndex = 0.85, max_iter: typing.SupportsInt | typing.SupportsIndex = 100, tol: typing.SupportsFloat | typing.SupportsIndex = 1e-06, weights_are: str = 'strength', parallel: str = 'merge') -> numpy.typing.NDArray[numpy.float64]:
    """
    PageRank, dangling vertices spread uniformly, NetworkX's iteration.
    
    n : int
        Number of vertices; vertices are 0 .. n-1.
    source, target : 1-D integer arrays
        Edge endpoints, one entry per edge.
    weight : 1-D float array or None
        One finite positive weight per edge, or None for an unweighted graph.
    directed : bool
        False reads every edge both ways.
    weights_are : {"strength", "distance"}
        A strength (bigger = closer) has length 1/weight; a distance has strength 1/weight.
    parallel : {"merge", "keep"}
        Merge repeated edges (strengths add up) or count each.
    """
def palma(values: typing.Annotated[numpy.typing.ArrayLike, numpy.float64], weights: typing.Annotated[numpy.typing.ArrayLike, numpy.float64] | None = None) -> float:
    """
    Palma ratio (top 10% / bottom 40%); see coproduction.metrics.palma.
    """
def parity_ratio(values: typing.Annotated[numpy.typing.ArrayLike, numpy.float64], groups: typing.Annotated[numpy.typing.ArrayLike, numpy.int64], weights: typing.Annotated[numpy.typing.ArrayLike, numpy.float64] | None = None) -> dict[str, typing.Any]:
    """
    Each group's share of the quantity over its share of people (codes >= 0): dict[str, typing.Any] of group, population_share, quantity_share, ratio arrays; see coproduction.metrics.parity_ratio.
    """
def reciprocity(n: typing.SupportsInt | typing.SupportsIndex, source: typing.Annotated[numpy.typing.ArrayLike, numpy.int64], target: typing.Annotated[numpy.typing.ArrayLike, numpy.int64], measure: str = 'edgewise') -> float:
    """
    Reciprocity of a digraph from its dyad census: edgewise 2M/(2M+A), dyadic (M+N)/(M+A+N), dyadic_nonnull M/(M+A), edgewise_lrr; NaN when 0/0.
    n : int
        Number of vertices; vertices are 0 .. n-1.
    source, target : 1-D integer arrays
        Edge endpoints, one entry per edge. Self-loops are dropped and parallel edges merged.
    """
def reciprocity_by(n: typing.SupportsInt | typing.SupportsIndex, source: typing.Annotated[numpy.typing.ArrayLike, numpy.int64], target: typing.Annotated[numpy.typing.ArrayLike, numpy.int64], types: typing.Annotated[numpy.typing.ArrayLike, numpy.int64], type_count: typing.SupportsInt | typing.SupportsIndex) -> dict[str, typing.Any]:
    """
    Dyad census and reciprocity of each type of edge: the edges of type code k make the simple digraph of type k over all n vertices.
    n : int
        Number of vertices; vertices are 0 .. n-1.
    source, target : 1-D integer arrays
        Edge endpoints, one entry per edge. Self-loops are dropped and parallel edges merged.
    types : 1-D integer array
        A type code in [0, type_count) per edge.
    """
def theil(values: typing.Annotated[numpy.typing.ArrayLike, numpy.float64], weights: typing.Annotated[numpy.typing.ArrayLike, numpy.float64] | None = None) -> float:
    """
    Theil T index, GE(1); see coproduction.metrics.theil.
    """
def theil_decomposition(values: typing.Annotated[numpy.typing.ArrayLike, numpy.float64], groups: typing.Annotated[numpy.typing.ArrayLike, numpy.int64], weights: typing.Annotated[numpy.typing.ArrayLike, numpy.float64] | None = None) -> dict[str, typing.Any]:
    """
    Theil T decomposed by groups (codes >= 0): dict[str, typing.Any] of total, between, within and per-group arrays; see coproduction.metrics.theil_decomposition.
    """
def vertex_reciprocity(n: typing.SupportsInt | typing.SupportsIndex, source: typing.Annotated[numpy.typing.ArrayLike, numpy.int64], target: typing.Annotated[numpy.typing.ArrayLike, numpy.int64]) -> numpy.typing.NDArray[numpy.float64]:
    """
    2 |in & out| / (|in| + |out|) per vertex; NaN without ties.
    n : int
        Number of vertices; vertices are 0 .. n-1.
    source, target : 1-D integer arrays
        Edge endpoints, one entry per edge. Self-loops are dropped and parallel edges merged.
    """
