"""Relationship structure of a graph given as edge arrays: reciprocity, hierarchy, E-I index,
brokerage and Burt's structural holes.

"The coproduction myth" (2015) holds that co-production is a relationship; the abstract
*Co-Producing Health and Wellbeing Programmes in the Museum* finds front-line staff brokering
between service users and institutions. The functions here measure both on any graph given as
edge arrays, under the convention of ``cp.metrics.edges`` (``source``, ``target``, an optional
``weight`` per edge, and ``nodes=``: ids, a count, or None). They are public as
``cp.metrics.edges.<name>``; ``cp.metrics.<name>(net, ...)`` reads a layer of a network and
calls them. Measures by group take ``groups=``, one label per vertex or a Series or dict keyed
by vertex id (a missing label is the group ``"not coded"``).

Every measure works on the **simple graph** of the layer: two stakeholders are tied from u to
v when any edge runs from u to v; parallel edges (a ``consults`` and an ``informs`` relation
between the same pair) are one tie whose weight is the sum of theirs; self-loops are dropped.
In an undirected graph an edge ties both ways. The core builds that simple graph and runs every
computation (``include/coproduction/metrics/reciprocity.hpp``, ``hierarchy.hpp``,
``ei_index.hpp`` and ``brokerage.hpp``) with the GIL released; see ``docs/relations.md`` for
every formula.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, List, Optional, Tuple, cast

import numpy as np
import pandas as pd

from .. import _core
from .._groups import Grouping, resolve_groups
from ._vertices import (Nodes, Vertices, groups as _vertex_groups, require_directed, vertices,
                        weights)

__all__ = [
    "ROLES",
    "RECIPROCITY_MEASURES",
    "KRACKHARDT_DIMENSIONS",
    "Brokerage",
    "EIIndex",
    "brokerage",
    "constraint",
    "dyad_census",
    "effective_size",
    "ei_index",
    "hierarchy",
    "reciprocity",
    "reciprocity_by_type",
    "vertex_reciprocity",
]

#: The Gould-Fernandez brokerage roles, in the order of the 1989 paper, and their total.
ROLES: Tuple[str, ...] = (
    "coordinator",
    "itinerant",
    "representative",
    "gatekeeper",
    "liaison",
    "total",
)

#: The reciprocity indices :func:`reciprocity` computes (the names of R sna's ``grecip``).
RECIPROCITY_MEASURES: Tuple[str, ...] = ("edgewise", "dyadic", "dyadic_nonnull", "edgewise_lrr")

#: Krackhardt's (1994) four dimensions, as :func:`hierarchy` names them.
KRACKHARDT_DIMENSIONS: Tuple[str, ...] = (
    "connectedness",
    "hierarchy",
    "efficiency",
    "least_upper_boundedness",
)

_CENSUS = ("mutual", "asymmetric", "null")


# ---------------------------------------------------------------------------------------
# Reciprocity


def dyad_census(
    source: Any, target: Any, *, nodes: Nodes = None, directed: bool = True
) -> "pd.Series[int]":
    """The Holland-Leinhardt dyad census of a directed graph.

    Parameters
    ----------
    source, target : array-like
        The edges' endpoints (ids from ``nodes``, or vertex positions).
    nodes : sequence of ids, int or None
        The vertices (see ``cp.metrics.edges``).
    directed : bool, default True
        Must be True: in an undirected graph every tie is mutual.

    Returns
    -------
    pandas.Series of int
        ``mutual`` (pairs tied both ways), ``asymmetric`` (one way) and ``null`` (not tied);
        they add up to ``n (n - 1) / 2``.

    Raises
    ------
    coproduction.InputError
        For bad edge arrays or ``directed=False``.

    Notes
    -----
    Parallel edges are one tie and self-loops are ignored.

    References
    ----------
    Holland, P. W. & Leinhardt, S. (1970). A method for detecting structure in sociometric
    data. American Journal of Sociology 76, 492-513.

    Examples
    --------
    >>> from coproduction.metrics import edges
    >>> edges.dyad_census([0, 1, 1, 2], [1, 0, 2, 3], nodes=4)
    mutual        1
    asymmetric    2
    null          3
    Name: dyads, dtype: int64
    """
    require_directed(directed, "the dyad census")
    return dyad_census_of(vertices(source, target, nodes))


def dyad_census_of(graph: Vertices) -> "pd.Series[int]":
    census = _core.metrics.dyad_census(graph.n, graph.source, graph.target)
    return pd.Series(list(census), index=list(_CENSUS), name="dyads", dtype=np.int64)


def reciprocity(
    source: Any,
    target: Any,
    *,
    nodes: Nodes = None,
    directed: bool = True,
    measure: str = "edgewise",
) -> float:
    """Reciprocity of a directed graph: how many of its ties are returned.

    Parameters
    ----------
    source, target, nodes, directed
        The directed graph, as in :func:`dyad_census`.
    measure : {"edgewise", "dyadic", "dyadic_nonnull", "edgewise_lrr"}, default "edgewise"
        Which index (see Notes).

    Returns
    -------
    float
        The index; NaN when it is 0/0 (no tie for edgewise and dyadic_nonnull, no pair for
        dyadic).

    Raises
    ------
    coproduction.InputError
        For bad edge arrays, ``directed=False`` or an unknown measure.

    Notes
    -----
    With M mutual, A asymmetric and N null pairs (:func:`dyad_census`):

    - **edgewise** ``2M / (2M + A)``: the share of ties that are returned (Wasserman & Faust
      1994; NetworkX's ``overall_reciprocity``; sna ``grecip(measure="edgewise")``).
    - **dyadic** ``(M + N) / (M + A + N)``: the share of pairs that are symmetric, untied pairs
      included (sna's default); close to 1 in any sparse network.
    - **dyadic_nonnull** ``M / (M + A)``: the share of tied pairs tied both ways.
    - **edgewise_lrr** ``log(M (M + A + N) / (M + A/2)^2)``: edgewise reciprocity against the
      density, on a log scale; 0 is what chance gives at this density, ``-inf`` when no tie is
      returned.

    The first three lie in [0, 1]. On a ``learns_from`` layer, 1 means every learning
    relation runs both ways (the two-way learning of National Museums Liverpool's
    *Co-production Framework*); 0 means learning flows one way, as in consultation. The core
    computes every index (``coproduction::reciprocity`` of the census).

    References
    ----------
    Wasserman, S. & Faust, K. (1994). Social Network Analysis, ch. 13. Cambridge University
    Press. Butts, C. T. (2008). Social network analysis with sna. Journal of Statistical
    Software 24(6).

    Examples
    --------
    >>> from coproduction.metrics import edges
    >>> edges.reciprocity([0, 1, 1, 2], [1, 0, 2, 3], nodes=4)
    0.5
    >>> edges.reciprocity([0, 1, 1, 2], [1, 0, 2, 3], nodes=4, measure="dyadic_nonnull")
    0.3333333333333333
    """
    require_directed(directed, "reciprocity")
    return reciprocity_of(vertices(source, target, nodes), measure)


def reciprocity_of(graph: Vertices, measure: str = "edgewise") -> float:
    return float(_core.metrics.reciprocity(graph.n, graph.source, graph.target, measure))


def reciprocity_by_type(
    source: Any,
    target: Any,
    types: Any,
    *,
    nodes: Nodes = None,
    directed: bool = True,
) -> pd.DataFrame:
    """Dyad census and reciprocity of each relation type on its own.

    Parameters
    ----------
    source, target, nodes, directed
        The directed graph, as in :func:`dyad_census`.
    types : array-like
        The relation type of each edge (any labels; a missing one is the type
        ``"not coded"``).

    Returns
    -------
    pandas.DataFrame
        One row per type (sorted), columns ``mutual``, ``asymmetric``, ``null``, ``edgewise``,
        ``dyadic``, ``dyadic_nonnull``.

    Raises
    ------
    coproduction.InputError
        For bad edge arrays, ``types`` of another length, or ``directed=False``.

    Notes
    -----
    A tie of one type is returned only by a tie of the same type: ``learns_from`` answered by
    ``learns_from`` is two-way learning, whereas ``informs`` answered by ``consults`` is not
    reciprocity of either. Each type's simple graph spans all the vertices, so ``null``
    counts every untied pair. See :func:`reciprocity` for the indices.

    Examples
    --------
    >>> from coproduction.metrics import edges
    >>> edges.reciprocity_by_type([0, 1, 0, 2], [1, 0, 2, 0],
    ...                           ["learns_from", "learns_from", "informs", "consults"], nodes=3)
                 mutual  asymmetric  null  edgewise    dyadic  dyadic_nonnull
    type
    consults          0           1     2       0.0  0.666667             0.0
    informs           0           1     2       0.0  0.666667             0.0
    learns_from       1           0     2       1.0  1.000000             1.0
    """
    require_directed(directed, "reciprocity")
    graph = vertices(source, target, nodes)
    return reciprocity_by_type_of(graph, types)


def reciprocity_by_type_of(graph: Vertices, types: Any) -> pd.DataFrame:
    kinds = resolve_groups(types, len(graph.source), sort=True, name="type", where="types")
    raw = _core.metrics.reciprocity_by(graph.n, graph.source, graph.target, kinds.codes,
                                       kinds.count)
    frame = pd.DataFrame({c: np.asarray(raw[c], dtype=np.int64) for c in _CENSUS},
                         index=kinds.labels)
    for c in RECIPROCITY_MEASURES[:3]:
        frame[c] = np.asarray(raw[c], dtype=np.float64)
    return frame


def vertex_reciprocity(
    source: Any, target: Any, *, nodes: Nodes = None, directed: bool = True
) -> "pd.Series[float]":
    """The share of each stakeholder's ties that are returned.

    Parameters
    ----------
    source, target, nodes, directed
        The directed graph, as in :func:`dyad_census`; ``nodes`` is the index of the result.

    Returns
    -------
    pandas.Series of float
        ``2 |in & out| / (|in| + |out|)`` per vertex, in [0, 1]; NaN for a vertex with no tie.

    Raises
    ------
    coproduction.InputError
        For bad edge arrays or ``directed=False``.

    Notes
    -----
    ``in`` and ``out`` are the sets of the vertex's in- and out-neighbours (NetworkX's
    ``reciprocity(G, nodes)``). A stakeholder at 0 only gives or only receives on this layer:
    informed but never heard, or heard but never answering.

    Examples
    --------
    >>> from coproduction.metrics import edges
    >>> edges.vertex_reciprocity(["museum", "outreach", "outreach", "womens_group"],
    ...                          ["outreach", "museum", "womens_group", "probation"],
    ...                          nodes=["museum", "outreach", "womens_group", "probation"])
    stakeholder
    museum          1.000000
    outreach        0.666667
    womens_group    0.000000
    probation       0.000000
    Name: reciprocity, dtype: float64
    """
    require_directed(directed, "reciprocity")
    return vertex_reciprocity_of(vertices(source, target, nodes))


def vertex_reciprocity_of(graph: Vertices) -> "pd.Series[float]":
    return graph.series(
        _core.metrics.vertex_reciprocity(graph.n, graph.source, graph.target), "reciprocity")


# ---------------------------------------------------------------------------------------
# Krackhardt's dimensions


def hierarchy(
    source: Any, target: Any, *, nodes: Nodes = None, directed: bool = True
) -> "pd.Series[float]":
    """Krackhardt's four graph-theoretic dimensions of hierarchy.

    Parameters
    ----------
    source, target, nodes
        The graph, as in :func:`dyad_census`.
    directed : bool, default True
        False reads every tie both ways (hierarchy is then 0 and least upper boundedness 1).

    Returns
    -------
    pandas.Series of float
        ``connectedness``, ``hierarchy``, ``efficiency`` and ``least_upper_boundedness``, each
        in [0, 1] or NaN where undefined (0/0).

    Raises
    ------
    coproduction.InputError
        For bad edge arrays; ``where == "graph"`` for more than 100,000 strongly connected
        components (reachability needs one bit per pair of them).

    Notes
    -----
    Each is ``1 - V / max V``, V the violations of an out-tree's property; an out-tree (a
    chain of command) scores 1 on all four (Krackhardt 1994).

    - **connectedness**: the share of pairs in one weak component. Low: separate islands.
    - **hierarchy**: ``1 - M / (M + A)`` on the reachability graph, M pairs reaching each other
      both ways, A one way only. 1: influence runs down only; 0: whoever reaches someone is
      reached back.
    - **efficiency**: ``1 - (m - sum(N_i - 1)) / sum(max_i)`` over weak components of N_i
      vertices, m the ties; ``max_i = (N_i - 1)^2`` arcs in a digraph (R sna's
      ``efficiency``), ``(N_i - 1)(N_i - 2)/2`` edges undirected. 1: a tree, every tie needed;
      0: everyone tied to everyone.
    - **least upper boundedness**: ``1 - V / sum (N_i - 1)(N_i - 2)/2``, V the pairs in one
      weak component without a least upper bound: a vertex reaching both (either may be it)
      that every other such vertex reaches, the lowest common superior. 1: every dispute has
      someone to go to.

    Undefined values are NaN: connectedness with fewer than two vertices, hierarchy with no
    tie, efficiency and least upper boundedness when no component has room for a violation.

    References
    ----------
    Krackhardt, D. (1994). Graph theoretical dimensions of informal organizations. In K. M.
    Carley & M. J. Prietula (eds.), Computational Organization Theory, 89-111. Lawrence
    Erlbaum.

    Examples
    --------
    A commissioner over two providers, each over a community group (an out-tree):

    >>> from coproduction.metrics import edges
    >>> edges.hierarchy([0, 0, 1, 2], [1, 2, 3, 4])
    connectedness              1.0
    hierarchy                  1.0
    efficiency                 1.0
    least_upper_boundedness    1.0
    Name: krackhardt, dtype: float64

    The same five with every relation returned:

    >>> edges.hierarchy([0, 0, 1, 2, 1, 2, 3, 4], [1, 2, 3, 4, 0, 0, 1, 2])
    connectedness              1.00
    hierarchy                  0.00
    efficiency                 0.75
    least_upper_boundedness    1.00
    Name: krackhardt, dtype: float64
    """
    return hierarchy_of(vertices(source, target, nodes), directed)


def hierarchy_of(graph: Vertices, directed: bool = True) -> "pd.Series[float]":
    values = _core.metrics.krackhardt_dimensions(graph.n, graph.source, graph.target,
                                                 bool(directed))
    return pd.Series(list(values), index=list(KRACKHARDT_DIMENSIONS), name="krackhardt",
                     dtype=np.float64)


# ---------------------------------------------------------------------------------------
# E-I index


@dataclass(frozen=True)
class EIIndex:
    """The E-I index of a network, of each group and of each stakeholder.

    Attributes
    ----------
    network : pandas.Series
        ``internal`` and ``external`` ties (or weight), ``ei`` and ``expected``.
    groups : pandas.DataFrame
        One row per group label, in order of first appearance (``"not coded"`` last):
        ``size``, ``internal``, ``external``, ``ei``, ``expected``.
    vertices : pandas.DataFrame
        One row per vertex (indexed by stakeholder): ``group``, ``internal``, ``external``,
        ``ei``, ``expected``.
    """

    network: "pd.Series[float]"
    groups: pd.DataFrame
    vertices: pd.DataFrame

    def _repr_html_(self) -> str:
        from .. import display  # late: the display reads this class

        return display.html(self)


def ei_index(
    source: Any,
    target: Any,
    weight: Any = None,
    *,
    groups: Any,
    nodes: Nodes = None,
    directed: bool = True,
    ties: str = "all",
) -> EIIndex:
    """Krackhardt and Stern's E-I index: do ties stay inside groups or cross them?

    Parameters
    ----------
    source, target : array-like
        The edges' endpoints (ids from ``nodes``, or vertex positions).
    weight : array-like of float, optional
        Edge weights, summed instead of counting ties; None counts ties.
    groups : array-like, pandas.Series or dict
        The group of each vertex (a role, a sector, convenor or partner): one label per
        vertex in order, or a Series or dict keyed by vertex id. Required; a missing label is
        the group ``"not coded"``.
    nodes : sequence of ids, int or None
        The vertices (see ``cp.metrics.edges``): the index of ``vertices``.
    directed : bool, default True
        In a directed graph every arc is a tie (a returned pair counts twice); False reads
        each pair once.
    ties : {"all", "out", "in"}, default "all"
        Directed graphs: which ties of a group or a stakeholder count, sent and received,
        sent only or received only. The whole-network index counts every tie once.

    Returns
    -------
    EIIndex
        ``network`` (a Series), ``groups`` and ``vertices`` (DataFrames), each with the
        internal and external ties, the index ``ei`` and the ``expected`` index.

    Raises
    ------
    coproduction.InputError
        For bad edge arrays or weights, ``groups`` of another length, or an unknown ``ties``.

    Notes
    -----
    ``E-I = (E - I) / (E + I)``, E the ties that cross a group boundary, I those inside a
    group (Krackhardt & Stern 1988), in [-1, 1]; NaN for a unit with no tie. -1: every tie
    stays inside its group (silos); +1: every tie crosses (a group that works only with
    others). A group's I counts the ties between its members, E those with one end in it.

    Small groups have few possible partners inside, so even random ties lean external.
    ``expected`` is the index of the complete graph with the same groups, equal to the ratio
    of the expected counts when every pair is tied with the same probability; compare the
    observed index with it rather than with 0.

    References
    ----------
    Krackhardt, D. & Stern, R. N. (1988). Informal networks and organizational crises: an
    experimental simulation. Social Psychology Quarterly 51(2), 123-140.

    Examples
    --------
    >>> from coproduction.metrics import edges
    >>> sectors = ["museum", "museum", "health", "community"]
    >>> result = edges.ei_index([0, 1, 1, 2, 3], [1, 0, 2, 3, 0], groups=sectors)
    >>> result.network
    internal    2.000000
    external    3.000000
    ei          0.200000
    expected    0.666667
    Name: network, dtype: float64
    >>> result.groups
               size  internal  external   ei  expected
    group
    museum        2       2.0       2.0  0.0       0.6
    health        1       0.0       2.0  1.0       1.0
    community     1       0.0       2.0  1.0       1.0
    """
    graph = vertices(source, target, nodes)
    return ei_index_of(graph, weights(weight), _vertex_groups(groups, graph.index), directed,
                       ties)


def ei_index_of(graph: Vertices, weight: Optional[np.ndarray[Any, Any]], grouping: Grouping,
                directed: bool, ties: str) -> EIIndex:
    raw = _core.metrics.ei_index(graph.n, graph.source, graph.target, weight,
                                 bool(directed), grouping.codes, grouping.count, ties)
    columns = ["internal", "external", "ei", "expected"]
    network = pd.Series(list(raw["network"]), index=columns, name="network", dtype=np.float64)
    grouped = pd.DataFrame({c: raw["group"][c] for c in columns}, index=grouping.labels)
    grouped.insert(0, "size", np.asarray(raw["group_size"]).astype(np.int64))
    per_vertex = pd.DataFrame({c: raw["vertex"][c] for c in columns}, index=graph.index)
    per_vertex.insert(0, "group", grouping.of_items())
    return EIIndex(network=network, groups=grouped, vertices=per_vertex)


# ---------------------------------------------------------------------------------------
# Brokerage


@dataclass(frozen=True)
class Brokerage:
    """Gould-Fernandez brokerage: observed role counts with their moments.

    Attributes
    ----------
    observed, expected, sd, z : pandas.DataFrame
        One row per vertex (indexed by stakeholder), one column per role of :data:`ROLES`.
    network : pandas.DataFrame
        One row per role; columns ``observed``, ``expected``, ``sd``, ``z`` for the whole
        network (sums over all brokers).
    group_size : pandas.Series
        Vertices per group, in order of first appearance (``"not coded"`` last).
    group_expected, group_sd : pandas.DataFrame
        Expected score and its standard deviation for a broker in each group, by role.
    density : float
        ``m / (n (n - 1))``, m the arcs of the simple graph: the density of the random
        digraph the moments assume.
    """

    observed: pd.DataFrame
    expected: pd.DataFrame
    sd: pd.DataFrame
    z: pd.DataFrame
    network: pd.DataFrame
    group_size: "pd.Series[int]"
    group_expected: pd.DataFrame
    group_sd: pd.DataFrame
    density: float

    def _repr_html_(self) -> str:
        from .. import display  # late: the display reads this class

        return display.html(self)


def brokerage(
    source: Any,
    target: Any,
    *,
    groups: Any,
    nodes: Nodes = None,
    directed: bool = True,
) -> Brokerage:
    """Gould and Fernandez's brokerage roles of every stakeholder, with R sna's z-scores.

    Parameters
    ----------
    source, target : array-like
        The edges' endpoints (ids from ``nodes``, or vertex positions).
    groups : array-like, pandas.Series or dict
        The group of each vertex (a role, a sector): one label per vertex in order, or a
        Series or dict keyed by vertex id. Required; a missing label is the group
        ``"not coded"``.
    nodes : sequence of ids, int or None
        The vertices (see ``cp.metrics.edges``): the index of the per-vertex tables.
    directed : bool, default True
        Must be True: a broker passes something from one stakeholder to another.

    Returns
    -------
    Brokerage
        Observed counts, expectations, standard deviations and z-scores per vertex and for
        the network, and the moments per broker group.

    Raises
    ------
    coproduction.InputError
        For bad edge arrays, ``directed=False`` or ``groups`` of another length.

    Notes
    -----
    Vertex v brokers for a and b when ``a -> v -> b`` and not ``a -> b``. Its role, by who
    shares v's group (Gould & Fernandez 1989):

    ==============  ===========  ===============================================
    role            two-path     v mediates
    ==============  ===========  ===============================================
    coordinator     A -> A -> A  between members of its own group
    itinerant       A -> B -> A  between members of one other group (consultant)
    representative  A -> A -> B  from its own group out to another
    gatekeeper      B -> A -> A  from another group into its own
    liaison         A -> B -> C  between two other, different groups
    ==============  ===========  ===============================================

    A score counts the ordered pairs (a, b) v brokers in that role, in [0, (n-1)(n-2)].
    Expected values and standard deviations are R sna's ``brokerage()`` moments under a
    random digraph with the observed density d and group sizes, e.g. for a broker in a
    group of size g, ``E[coordinator] = d^2 (1 - d) (g - 1)(g - 2)``; ``z = (observed -
    expected) / sd`` is NaN where sd is 0 (a role nobody in the group can hold). These
    per-stakeholder moments are exact under that random digraph; of the whole-network
    variances, sna's formulas for coordinator, representative, gatekeeper and total differ
    slightly from the exact ones (see ``docs/relations.md``) and are kept as sna computes
    them. A front-line worker with a high gatekeeper z-score controls what reaches their
    team from outside; a high liaison score marks someone joining groups they do not belong
    to, as the front-line staff of *Co-Producing Health and Wellbeing Programmes in the
    Museum* do. Parallel edges are one tie.

    References
    ----------
    Gould, R. V. & Fernandez, R. M. (1989). Structures of mediation: a formal approach to
    brokerage in transaction networks. Sociological Methodology 19, 89-126. Butts, C. T.
    (2008). Social network analysis with sna. Journal of Statistical Software 24(6).

    Examples
    --------
    Service users refer through a support worker to a museum team:

    >>> from coproduction.metrics import edges
    >>> ids = ["service_user_a", "service_user_b", "support_worker", "curator", "outreach"]
    >>> roles = ["service_user", "service_user", "front_line_staff", "museum_staff",
    ...          "museum_staff"]
    >>> result = edges.brokerage([0, 1, 2, 3], [2, 2, 3, 4], groups=roles, nodes=5)
    >>> result.observed.set_axis(ids)[["liaison", "gatekeeper", "total"]]
    role            liaison  gatekeeper  total
    service_user_a      0.0         0.0    0.0
    service_user_b      0.0         0.0    0.0
    support_worker      2.0         0.0    2.0
    curator             0.0         1.0    1.0
    outreach            0.0         0.0    0.0

    The support worker is a liaison between service users and museum staff; the curator
    gatekeeps what reaches the outreach team.
    """
    graph = vertices(source, target, nodes)
    return brokerage_of(graph, _vertex_groups(groups, graph.index), directed)


def brokerage_of(graph: Vertices, grouping: Grouping, directed: bool = True) -> Brokerage:
    raw = _core.metrics.brokerage(graph.n, graph.source, graph.target, bool(directed),
                                  grouping.codes, grouping.count)
    roles = pd.Index(ROLES, name="role")

    def table(key: str, rows: pd.Index) -> pd.DataFrame:
        return pd.DataFrame(np.asarray(raw[key]), index=rows, columns=roles)

    network = pd.DataFrame(
        np.asarray(raw["network"]).T, index=roles, columns=["observed", "expected", "sd", "z"]
    )
    return Brokerage(
        observed=table("observed", graph.index),
        expected=table("expected", graph.index),
        sd=table("sd", graph.index),
        z=table("z", graph.index),
        network=network,
        group_size=cast("pd.Series[int]", pd.Series(
            np.asarray(raw["group_size"]).astype(np.int64), index=grouping.labels, name="size"
        )),
        group_expected=table("group_expected", grouping.labels),
        group_sd=table("group_sd", grouping.labels),
        density=float(raw["density"]),
    )


# ---------------------------------------------------------------------------------------
# Burt's structural holes


def constraint(
    source: Any,
    target: Any,
    weight: Any = None,
    *,
    nodes: Nodes = None,
    directed: bool = True,
) -> "pd.Series[float]":
    """Burt's constraint: how far a stakeholder's contacts are tied to each other.

    Parameters
    ----------
    source, target : array-like
        The edges' endpoints (ids from ``nodes``, or vertex positions).
    weight : array-like of float, optional
        Edge weights (tie strengths); None for an unweighted graph.
    nodes : sequence of ids, int or None
        The vertices (see ``cp.metrics.edges``): the index of the result.
    directed : bool, default True
        Whether the edges are directed; constraint reads ties both ways either way, but in a
        directed graph a returned tie weighs twice as much as a one-way one.

    Returns
    -------
    pandas.Series of float
        One value per vertex; NaN for a vertex with no tie.

    Raises
    ------
    coproduction.InputError
        For bad edge arrays or weights.

    Notes
    -----
    ``c_i = sum_{j in N(i)} (p_ij + sum_{q in N(i)} p_iq p_qj)^2``, N(i) the in- and
    out-neighbours of i and ``p_ij = (a_ij + a_ji) / sum_k (a_ik + a_ki)`` the share of i's
    relations (weights, both directions) invested in j (Burt 1992). It equals NetworkX's
    ``constraint`` with the same weights. One contact gives 1; two contacts tied to each other
    1.125 (unweighted); many contacts who do not know each other give a value near 0, the
    position of a broker such as the front-line staff of *Co-Producing Health and Wellbeing
    Programmes in the Museum*, who can bring together people and institutions that would not
    otherwise meet.

    References
    ----------
    Burt, R. S. (1992). Structural Holes: The Social Structure of Competition. Harvard
    University Press. Burt, R. S. (2004). Structural holes and good ideas. American Journal
    of Sociology 110, 349-399.

    Examples
    --------
    >>> from coproduction.metrics import edges
    >>> edges.constraint(["support_worker"] * 3 + ["nurse"],
    ...                  ["nurse", "carer", "service_user", "carer"], directed=False,
    ...                  nodes=["support_worker", "nurse", "carer", "service_user"])
    stakeholder
    support_worker    0.611111
    nurse             1.006944
    carer             1.006944
    service_user      1.000000
    Name: constraint, dtype: float64
    """
    return burt_of("constraint", vertices(source, target, nodes), weights(weight), directed)


def effective_size(
    source: Any,
    target: Any,
    weight: Any = None,
    *,
    nodes: Nodes = None,
    directed: bool = True,
) -> "pd.Series[float]":
    """Burt's effective size: a stakeholder's contacts less their redundancy.

    Parameters
    ----------
    source, target, weight, nodes, directed
        The graph, as in :func:`constraint`: edge endpoints, optional tie strengths, the
        vertices (the index of the result), and whether the edges are directed.

    Returns
    -------
    pandas.Series of float
        One value per vertex, in [1, number of contacts]; NaN for a vertex with no tie.

    Raises
    ------
    coproduction.InputError
        For bad edge arrays or weights.

    Notes
    -----
    ``e_i = sum_{j in N(i)} (1 - sum_{q in N(i)} p_iq m_jq)``, p as in :func:`constraint`
    and ``m_jq = (a_jq + a_qj) / max_k (a_jk + a_kj)`` (Burt 1992). In an unweighted
    undirected graph this is Borgatti's ``n - 2t/n`` (n contacts, t ties among them). It
    equals NetworkX's ``effective_size``. High: many contacts who each bring something the
    others do not; near 1: contacts who all know each other.

    References
    ----------
    Burt, R. S. (1992). Structural Holes. Harvard University Press. Borgatti, S. P. (1997).
    Structural holes: unpacking Burt's redundancy measures. Connections 20(1), 35-38.

    Examples
    --------
    >>> from coproduction.metrics import edges
    >>> edges.effective_size([0, 0, 0, 1], [1, 2, 3, 2], directed=False)
    stakeholder
    0    2.333333
    1    1.000000
    2    1.000000
    3    1.000000
    Name: effective_size, dtype: float64
    """
    return burt_of("effective_size", vertices(source, target, nodes), weights(weight),
                   directed)


def burt_of(name: str, graph: Vertices, weight: Optional[np.ndarray[Any, Any]],
            directed: bool) -> "pd.Series[float]":
    """Burt's ``constraint`` or ``effective_size`` of a graph already read."""
    values = getattr(_core.metrics, name)(graph.n, graph.source, graph.target, weight,
                                          bool(directed))
    return graph.series(values, name)


def __dir__() -> List[str]:
    return list(__all__)

