"""Relationship structure of a layer: reciprocity, hierarchy, E-I index and brokerage.

Seed 003 holds that co-production is a relationship; seed 000 finds front-line staff
brokering between service users and institutions. The functions here measure both on any
graph given as arrays: a vertex count ``n``, parallel arrays ``source`` and ``target`` of
vertex positions ``0 .. n-1``, optionally a ``weight`` per edge, and whether the graph is
``directed``. Measures by group take ``groups``, one label per vertex (a role, a sector,
convenor or partner). Results are pandas objects indexed by position, or by ``ids`` when
given (the stakeholder ids of the vertices, in order).

Every measure works on the **simple graph** of the layer: two stakeholders are tied from u
to v when any edge runs from u to v; parallel edges (a ``consults`` and an ``informs``
relation between the same pair) are one tie whose weight is the sum of theirs; self-loops
are dropped. :func:`simple_edges` performs that collapse and every function here calls it
first. In an undirected graph an edge ties both ways.

The computations run in the C++ core (``include/coproduction/metrics/reciprocity.hpp``,
``hierarchy.hpp``, ``ei_index.hpp`` and ``brokerage.hpp``) with the GIL released; see
``docs/relations.md`` for every formula.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Dict, Optional, Tuple, Union, cast

import numpy as np
import numpy.typing as npt
import pandas as pd

from . import _core
from ._errors import InputError
from ._items import as_items

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
    "krackhardt_dimensions",
    "reciprocity",
    "reciprocity_by_type",
    "simple_edges",
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

#: Krackhardt's (1994) four dimensions, as :func:`krackhardt_dimensions` names them.
KRACKHARDT_DIMENSIONS: Tuple[str, ...] = (
    "connectedness",
    "hierarchy",
    "efficiency",
    "least_upper_boundedness",
)

#: What an array argument may be.
ArrayLike = Union["pd.Series[Any]", npt.ArrayLike, Sequence[Any]]
_Array = np.ndarray[Any, Any]


def _input_error(where: str, detail: str) -> InputError:
    """The library's InputError, worded as the C++ core words it."""
    code = f"input.{where}"
    return InputError(f"[coproduction.{code}] {where}: {detail}", code, where, detail)


def _count(n: Any) -> int:
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or n < 0:
        raise _input_error("n", f"must be an integer >= 0, got {n!r}")
    return int(n)


def _flat(values: ArrayLike, where: str) -> _Array:
    array = np.asarray(values)
    if array.ndim != 1:
        raise _input_error(where, f"must be one-dimensional, got shape {array.shape}")
    return array


def _positions(values: ArrayLike, where: str, n: int) -> _Array:
    array = _flat(values, where)
    if array.size == 0:
        return np.zeros(0, dtype=np.int64)
    if array.dtype.kind not in "iu":
        raise _input_error(where, f"must hold integer vertex positions, got dtype {array.dtype}")
    array = array.astype(np.int64, copy=False)
    bad = np.flatnonzero((array < 0) | (array >= n))
    if bad.size:
        e = int(bad[0])
        raise _input_error(
            where, f"edge {e} has vertex {int(array[e])}, outside [0, {n})"
        )
    return array


def _weights(weight: Optional[ArrayLike], edges: int) -> Optional[_Array]:
    if weight is None:
        return None
    w = _flat(weight, "weight")
    if w.size and w.dtype.kind not in "iuf":
        raise _input_error("weight", f"must be numbers, got dtype {w.dtype}")
    w = w.astype(np.float64, copy=False)
    if len(w) != edges:
        raise _input_error("weight", f"has {len(w)} entries but there are {edges} edges")
    bad = np.flatnonzero(~(np.isfinite(w) & (w > 0)))
    if bad.size:
        e = int(bad[0])
        raise _input_error(
            "weight", f"edge {e} has weight {w[e]!r}; weights must be finite and positive"
        )
    return w


def _index(ids: Optional[ArrayLike], n: int) -> pd.Index:
    if ids is None:
        return pd.RangeIndex(n)
    index: pd.Index = pd.Index(cast(Any, as_items(ids)))  # a lone str id is one vertex
    if len(index) != n:
        raise _input_error("ids", f"has {len(index)} entries but there are {n} vertices")
    if not index.is_unique:
        raise _input_error("ids", "ids must be unique")
    return index


def _require_directed(directed: bool, what: str) -> None:
    if not directed:
        raise _input_error(
            "directed", f"{what} needs a directed graph: in an undirected one every tie is mutual"
        )


def _groups(groups: ArrayLike, n: int) -> Tuple[_Array, pd.Index]:
    """Dense codes in order of first appearance (as the C++ core numbers groups) and labels."""
    if isinstance(groups, pd.Series):
        values = groups.to_numpy()
    else:
        values = np.asarray(as_items(groups), dtype=object)
    if values.ndim != 1:
        raise _input_error("groups", f"must be one-dimensional, got shape {values.shape}")
    if len(values) != n:
        raise _input_error("groups", f"has {len(values)} entries but there are {n} vertices")
    codes, labels = pd.factorize(values, sort=False, use_na_sentinel=True)
    missing = np.flatnonzero(codes < 0)
    if missing.size:
        raise _input_error("groups", f"vertex {int(missing[0])} has no group (a missing label)")
    return codes.astype(np.int64), pd.Index(labels, name="group")


def simple_edges(
    n: int,
    source: ArrayLike,
    target: ArrayLike,
    weight: Optional[ArrayLike] = None,
    directed: bool = True,
) -> Tuple[_Array, _Array, Optional[_Array]]:
    """The simple graph of a layer: parallel edges merged, self-loops dropped.

    Parameters
    ----------
    n : int
        Number of vertices; edges name them by position ``0 .. n-1``.
    source, target : array-like of int
        The edges' endpoints, one entry per edge.
    weight : array-like of float, optional
        One finite positive weight per edge; None for an unweighted graph.
    directed : bool, default True
        False reads an edge as a tie between two stakeholders whichever way it was recorded.

    Returns
    -------
    source, target : numpy.ndarray of int64
        One entry per tie, sorted by (source, target); in an undirected graph each tie once
        with ``source < target``.
    weight : numpy.ndarray of float64 or None
        The summed weight of the edges each tie stands for; None when ``weight`` was None.

    Raises
    ------
    coproduction.InputError
        For a negative ``n``, endpoints that are not integers in ``0 .. n-1`` or differ in
        length, or a weight that is not a finite number > 0.

    Notes
    -----
    The network model allows several relations of different types between one pair (a
    stakeholder both ``informs`` and ``consults`` another). Structural measures ask whether
    the pair is tied, not how many relations tie them, so they read one tie; its weight adds
    up the relations' weights, so that a pair tied by two relations of weight 1 weighs 2.

    Examples
    --------
    >>> from coproduction.relations import simple_edges
    >>> simple_edges(3, [0, 0, 1, 2], [1, 1, 0, 2], [1.0, 2.0, 1.0, 5.0])
    (array([0, 1]), array([1, 0]), array([3., 1.]))
    >>> simple_edges(3, [0, 0, 1, 2], [1, 1, 0, 2], directed=False)
    (array([0]), array([1]), None)
    """
    count = _count(n)
    s = _positions(source, "source", count)
    t = _positions(target, "target", count)
    if len(s) != len(t):
        raise _input_error("target", f"has {len(t)} entries but source has {len(s)}")
    w = _weights(weight, len(s))
    keep = s != t
    s, t = s[keep], t[keep]
    if w is not None:
        w = w[keep]
    if not directed:
        s, t = np.minimum(s, t), np.maximum(s, t)
    if len(s) == 0:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty.copy(), (None if w is None else np.zeros(0, dtype=np.float64))
    pairs, inverse = np.unique(np.stack([s, t], axis=1), axis=0, return_inverse=True)
    inverse = np.asarray(inverse).reshape(-1)
    merged = None if w is None else np.bincount(inverse, weights=w, minlength=len(pairs))
    return (
        np.ascontiguousarray(pairs[:, 0], dtype=np.int64),
        np.ascontiguousarray(pairs[:, 1], dtype=np.int64),
        merged,
    )


# ---------------------------------------------------------------------------------------
# Reciprocity


def dyad_census(
    n: int, source: ArrayLike, target: ArrayLike, directed: bool = True
) -> "pd.Series[int]":
    """The Holland-Leinhardt dyad census of a directed graph.

    Parameters
    ----------
    n : int
        Number of vertices.
    source, target : array-like of int
        The edges' endpoints (vertex positions).
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
        For bad edge arrays (see :func:`simple_edges`) or ``directed=False``.

    Notes
    -----
    Parallel edges are one tie and self-loops are ignored (see :func:`simple_edges`).

    References
    ----------
    Holland, P. W. & Leinhardt, S. (1970). A method for detecting structure in sociometric
    data. American Journal of Sociology 76, 492-513.

    Examples
    --------
    >>> from coproduction.relations import dyad_census
    >>> dyad_census(4, [0, 1, 1, 2], [1, 0, 2, 3])
    mutual        1
    asymmetric    2
    null          3
    Name: dyads, dtype: int64
    """
    _require_directed(directed, "the dyad census")
    s, t, _ = simple_edges(n, source, target)
    mutual, asymmetric, null = _core.metrics.dyad_census(int(n), s, t)
    return pd.Series(
        [mutual, asymmetric, null], index=["mutual", "asymmetric", "null"], name="dyads",
        dtype=np.int64,
    )


def _reciprocity_of(mutual: float, asymmetric: float, null: float, measure: str) -> float:
    def ratio(a: float, b: float) -> float:
        return a / b if b != 0 else math.nan

    if measure == "edgewise":
        return ratio(2 * mutual, 2 * mutual + asymmetric)
    if measure == "dyadic":
        return ratio(mutual + null, mutual + asymmetric + null)
    if measure == "dyadic_nonnull":
        return ratio(mutual, mutual + asymmetric)
    if measure == "edgewise_lrr":
        d = (mutual + asymmetric / 2) ** 2
        if d == 0:
            return math.nan
        if mutual == 0:
            return -math.inf
        return math.log(mutual * (mutual + asymmetric + null) / d)
    raise _input_error(
        "measure", f"must be one of {', '.join(RECIPROCITY_MEASURES)}; got {measure!r}"
    )


def reciprocity(
    n: int,
    source: ArrayLike,
    target: ArrayLike,
    directed: bool = True,
    *,
    measure: str = "edgewise",
) -> float:
    """Reciprocity of a directed graph: how many of its ties are returned.

    Parameters
    ----------
    n : int
        Number of vertices.
    source, target : array-like of int
        The edges' endpoints (vertex positions).
    directed : bool, default True
        Must be True.
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
    relation runs both ways (seed 002's two-way learning); 0 means learning flows one way,
    as in consultation.

    References
    ----------
    Wasserman, S. & Faust, K. (1994). Social Network Analysis, ch. 13. Cambridge University
    Press. Butts, C. T. (2008). Social network analysis with sna. Journal of Statistical
    Software 24(6).

    Examples
    --------
    >>> from coproduction.relations import reciprocity
    >>> reciprocity(4, [0, 1, 1, 2], [1, 0, 2, 3])
    0.5
    >>> reciprocity(4, [0, 1, 1, 2], [1, 0, 2, 3], measure="dyadic_nonnull")
    0.3333333333333333
    """
    if measure not in RECIPROCITY_MEASURES:
        raise _input_error(
            "measure", f"must be one of {', '.join(RECIPROCITY_MEASURES)}; got {measure!r}"
        )
    census = dyad_census(n, source, target, directed)
    return _reciprocity_of(
        float(census["mutual"]), float(census["asymmetric"]), float(census["null"]), measure
    )


def reciprocity_by_type(
    n: int,
    source: ArrayLike,
    target: ArrayLike,
    types: ArrayLike,
    directed: bool = True,
) -> pd.DataFrame:
    """Dyad census and reciprocity of each relation type on its own.

    Parameters
    ----------
    n : int
        Number of vertices.
    source, target : array-like of int
        The edges' endpoints (vertex positions).
    types : array-like
        The relation type of each edge (any labels).
    directed : bool, default True
        Must be True.

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
    reciprocity of either. Each type's simple graph spans all ``n`` vertices, so ``null``
    counts every untied pair. See :func:`reciprocity` for the indices.

    Examples
    --------
    >>> from coproduction.relations import reciprocity_by_type
    >>> reciprocity_by_type(3, [0, 1, 0, 2], [1, 0, 2, 0],
    ...                     ["learns_from", "learns_from", "informs", "consults"])
                 mutual  asymmetric  null  edgewise    dyadic  dyadic_nonnull
    type
    consults          0           1     2       0.0  0.666667             0.0
    informs           0           1     2       0.0  0.666667             0.0
    learns_from       1           0     2       1.0  1.000000             1.0
    """
    _require_directed(directed, "reciprocity")
    count = _count(n)
    s = _positions(source, "source", count)
    t = _positions(target, "target", count)
    kinds = _flat(np.asarray(types, dtype=object), "types")
    if len(s) != len(t):
        raise _input_error("target", f"has {len(t)} entries but source has {len(s)}")
    if len(kinds) != len(s):
        raise _input_error("types", f"has {len(kinds)} entries but there are {len(s)} edges")
    rows: Dict[Any, Dict[str, float]] = {}
    for kind in sorted(set(kinds.tolist()), key=lambda k: (str(type(k)), k)):
        chosen = kinds == kind
        census = dyad_census(count, s[chosen], t[chosen])
        m, a, z = (float(census[k]) for k in ("mutual", "asymmetric", "null"))
        rows[kind] = {
            "mutual": census["mutual"],
            "asymmetric": census["asymmetric"],
            "null": census["null"],
            "edgewise": _reciprocity_of(m, a, z, "edgewise"),
            "dyadic": _reciprocity_of(m, a, z, "dyadic"),
            "dyadic_nonnull": _reciprocity_of(m, a, z, "dyadic_nonnull"),
        }
    columns = ["mutual", "asymmetric", "null", "edgewise", "dyadic", "dyadic_nonnull"]
    frame = pd.DataFrame.from_dict(rows, orient="index", columns=columns)
    frame.index.name = "type"
    return frame.astype({"mutual": np.int64, "asymmetric": np.int64, "null": np.int64})


def vertex_reciprocity(
    n: int,
    source: ArrayLike,
    target: ArrayLike,
    directed: bool = True,
    *,
    ids: Optional[ArrayLike] = None,
) -> "pd.Series[float]":
    """The share of each stakeholder's ties that are returned.

    Parameters
    ----------
    n : int
        Number of vertices.
    source, target : array-like of int
        The edges' endpoints (vertex positions).
    directed : bool, default True
        Must be True.
    ids : sequence, optional
        The vertices' ids, in order: the index of the result.

    Returns
    -------
    pandas.Series of float
        ``2 |in & out| / (|in| + |out|)`` per vertex, in [0, 1]; NaN for a vertex with no tie.

    Raises
    ------
    coproduction.InputError
        For bad edge arrays, ``ids`` of another length, or ``directed=False``.

    Notes
    -----
    ``in`` and ``out`` are the sets of the vertex's in- and out-neighbours (NetworkX's
    ``reciprocity(G, nodes)``). A stakeholder at 0 only gives or only receives on this layer:
    informed but never heard, or heard but never answering.

    Examples
    --------
    >>> from coproduction.relations import vertex_reciprocity
    >>> vertex_reciprocity(4, [0, 1, 1, 2], [1, 0, 2, 3],
    ...                    ids=["museum", "outreach", "womens_group", "probation"])
    museum          1.000000
    outreach        0.666667
    womens_group    0.000000
    probation       0.000000
    Name: reciprocity, dtype: float64
    """
    _require_directed(directed, "reciprocity")
    index = _index(ids, _count(n))
    s, t, _ = simple_edges(n, source, target)
    values = _core.metrics.vertex_reciprocity(int(n), s, t)
    return pd.Series(values, index=index, name="reciprocity")


# ---------------------------------------------------------------------------------------
# Krackhardt's dimensions


def krackhardt_dimensions(
    n: int, source: ArrayLike, target: ArrayLike, directed: bool = True
) -> "pd.Series[float]":
    """Krackhardt's four graph-theoretic dimensions of hierarchy.

    Parameters
    ----------
    n : int
        Number of vertices.
    source, target : array-like of int
        The edges' endpoints (vertex positions).
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

    >>> from coproduction.relations import krackhardt_dimensions
    >>> krackhardt_dimensions(5, [0, 0, 1, 2], [1, 2, 3, 4])
    connectedness              1.0
    hierarchy                  1.0
    efficiency                 1.0
    least_upper_boundedness    1.0
    Name: krackhardt, dtype: float64

    The same five with every relation returned:

    >>> krackhardt_dimensions(5, [0, 0, 1, 2, 1, 2, 3, 4], [1, 2, 3, 4, 0, 0, 1, 2])
    connectedness              1.00
    hierarchy                  0.00
    efficiency                 0.75
    least_upper_boundedness    1.00
    Name: krackhardt, dtype: float64
    """
    s, t, _ = simple_edges(n, source, target, directed=directed)
    values = _core.metrics.krackhardt_dimensions(int(n), s, t, bool(directed))
    return pd.Series(list(values), index=list(KRACKHARDT_DIMENSIONS), name="krackhardt")


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
        One row per group label, in order of first appearance: ``size``, ``internal``,
        ``external``, ``ei``, ``expected``.
    vertices : pandas.DataFrame
        One row per vertex (indexed by ``ids``): ``group``, ``internal``, ``external``,
        ``ei``, ``expected``.
    """

    network: "pd.Series[float]"
    groups: pd.DataFrame
    vertices: pd.DataFrame


def ei_index(
    n: int,
    source: ArrayLike,
    target: ArrayLike,
    weight: Optional[ArrayLike] = None,
    directed: bool = True,
    *,
    groups: ArrayLike,
    ties: str = "all",
    ids: Optional[ArrayLike] = None,
) -> EIIndex:
    """Krackhardt and Stern's E-I index: do ties stay inside groups or cross them?

    Parameters
    ----------
    n : int
        Number of vertices.
    source, target : array-like of int
        The edges' endpoints (vertex positions).
    weight : array-like of float, optional
        Edge weights, summed instead of counting ties; None counts ties.
    directed : bool, default True
        In a directed graph every arc is a tie (a returned pair counts twice); False reads
        each pair once.
    groups : array-like
        One group label per vertex (a role, a sector, convenor or partner). Required.
    ties : {"all", "out", "in"}, default "all"
        Directed graphs: which ties of a group or a stakeholder count, sent and received,
        sent only or received only. The whole-network index counts every tie once.
    ids : sequence, optional
        The vertices' ids, in order: the index of ``vertices``.

    Returns
    -------
    EIIndex
        ``network`` (a Series), ``groups`` and ``vertices`` (DataFrames), each with the
        internal and external ties, the index ``ei`` and the ``expected`` index.

    Raises
    ------
    coproduction.InputError
        For bad edge arrays or weights, ``groups`` or ``ids`` of another length, a missing
        group label, or an unknown ``ties``.

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
    >>> from coproduction.relations import ei_index
    >>> sectors = ["museum", "museum", "health", "community"]
    >>> result = ei_index(4, [0, 1, 1, 2, 3], [1, 0, 2, 3, 0], groups=sectors)
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
    count = _count(n)
    codes, labels = _groups(groups, count)
    index = _index(ids, count)
    if ties not in ("all", "out", "in"):
        raise _input_error("ties", f'must be "all", "out" or "in", got {ties!r}')
    s, t, w = simple_edges(count, source, target, weight, directed)
    raw = _core.metrics.ei_index(
        count, s, t, w, bool(directed), codes, len(labels), ties
    )
    columns = ["internal", "external", "ei", "expected"]
    network = pd.Series(list(raw["network"]), index=columns, name="network", dtype=np.float64)
    grouped = pd.DataFrame({c: raw["group"][c] for c in columns}, index=labels)
    grouped.insert(0, "size", np.asarray(raw["group_size"]).astype(np.int64))
    vertices = pd.DataFrame({c: raw["vertex"][c] for c in columns}, index=index)
    vertices.insert(0, "group", labels.take(codes).to_numpy())
    return EIIndex(network=network, groups=grouped, vertices=vertices)


# ---------------------------------------------------------------------------------------
# Brokerage


@dataclass(frozen=True)
class Brokerage:
    """Gould-Fernandez brokerage: observed role counts with their moments.

    Attributes
    ----------
    observed, expected, sd, z : pandas.DataFrame
        One row per vertex (indexed by ``ids``), one column per role of :data:`ROLES`.
    network : pandas.DataFrame
        One row per role; columns ``observed``, ``expected``, ``sd``, ``z`` for the whole
        network (sums over all brokers).
    group_size : pandas.Series
        Vertices per group, in order of first appearance.
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


def brokerage(
    n: int,
    source: ArrayLike,
    target: ArrayLike,
    directed: bool = True,
    *,
    groups: ArrayLike,
    ids: Optional[ArrayLike] = None,
) -> Brokerage:
    """Gould and Fernandez's brokerage roles of every stakeholder, with R sna's z-scores.

    Parameters
    ----------
    n : int
        Number of vertices.
    source, target : array-like of int
        The edges' endpoints (vertex positions).
    directed : bool, default True
        Must be True: a broker passes something from one stakeholder to another.
    groups : array-like
        One group label per vertex (a role, a sector). Required.
    ids : sequence, optional
        The vertices' ids, in order: the index of the per-vertex tables.

    Returns
    -------
    Brokerage
        Observed counts, expectations, standard deviations and z-scores per vertex and for
        the network, and the moments per broker group.

    Raises
    ------
    coproduction.InputError
        For bad edge arrays, ``directed=False``, ``groups`` or ``ids`` of another length or
        a missing group label.

    Notes
    -----
    Vertex v brokers for a and b when ``a -> v -> b`` and not ``a -> b``. Its role, by who
    shares v's group (Gould & Fernandez 1989):

    ==============  ==========  ===============================================
    role            two-path    v mediates
    ==============  ==========  ===============================================
    coordinator     A -> A -> A between members of its own group
    itinerant       A -> B -> A between members of one other group (consultant)
    representative  A -> A -> B from its own group out to another
    gatekeeper      B -> A -> A from another group into its own
    liaison         A -> B -> C between two other, different groups
    ==============  ==========  ===============================================

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
    to (seed 000). Parallel edges are one tie (see :func:`simple_edges`).

    References
    ----------
    Gould, R. V. & Fernandez, R. M. (1989). Structures of mediation: a formal approach to
    brokerage in transaction networks. Sociological Methodology 19, 89-126. Butts, C. T.
    (2008). Social network analysis with sna. Journal of Statistical Software 24(6).

    Examples
    --------
    Service users refer through a support worker to a museum team:

    >>> from coproduction.relations import brokerage
    >>> ids = ["service_user_a", "service_user_b", "support_worker", "curator", "outreach"]
    >>> roles = ["service_user", "service_user", "front_line_staff", "museum_staff",
    ...          "museum_staff"]
    >>> result = brokerage(5, [0, 1, 2, 3], [2, 2, 3, 4], groups=roles, ids=ids)
    >>> result.observed[["liaison", "gatekeeper", "total"]]
    role            liaison  gatekeeper  total
    service_user_a      0.0         0.0    0.0
    service_user_b      0.0         0.0    0.0
    support_worker      2.0         0.0    2.0
    curator             0.0         1.0    1.0
    outreach            0.0         0.0    0.0

    The support worker is a liaison between service users and museum staff; the curator
    gatekeeps what reaches the outreach team.
    """
    _require_directed(directed, "brokerage")
    count = _count(n)
    codes, labels = _groups(groups, count)
    index = _index(ids, count)
    s, t, _ = simple_edges(count, source, target)
    raw = _core.metrics.brokerage(count, s, t, True, codes, len(labels))
    roles = pd.Index(ROLES, name="role")

    def table(key: str, rows: pd.Index) -> pd.DataFrame:
        return pd.DataFrame(np.asarray(raw[key]), index=rows, columns=roles)

    network = pd.DataFrame(
        np.asarray(raw["network"]).T, index=roles, columns=["observed", "expected", "sd", "z"]
    )
    return Brokerage(
        observed=table("observed", index),
        expected=table("expected", index),
        sd=table("sd", index),
        z=table("z", index),
        network=network,
        group_size=cast("pd.Series[int]", pd.Series(
            np.asarray(raw["group_size"]).astype(np.int64), index=labels, name="size"
        )),
        group_expected=table("group_expected", labels),
        group_sd=table("group_sd", labels),
        density=float(raw["density"]),
    )


# ---------------------------------------------------------------------------------------
# Burt's structural holes


def constraint(
    n: int,
    source: ArrayLike,
    target: ArrayLike,
    weight: Optional[ArrayLike] = None,
    directed: bool = True,
    *,
    ids: Optional[ArrayLike] = None,
) -> "pd.Series[float]":
    """Burt's constraint: how far a stakeholder's contacts are tied to each other.

    Parameters
    ----------
    n : int
        Number of vertices.
    source, target : array-like of int
        The edges' endpoints (vertex positions).
    weight : array-like of float, optional
        Edge weights (tie strengths); None for an unweighted graph.
    directed : bool, default True
        Whether the edges are directed; constraint reads ties both ways either way, but in a
        directed graph a returned tie weighs twice as much as a one-way one.
    ids : sequence, optional
        The vertices' ids, in order: the index of the result.

    Returns
    -------
    pandas.Series of float
        One value per vertex; NaN for a vertex with no tie.

    Raises
    ------
    coproduction.InputError
        For bad edge arrays or weights, or ``ids`` of another length.

    Notes
    -----
    ``c_i = sum_{j in N(i)} (p_ij + sum_{q in N(i)} p_iq p_qj)^2``, N(i) the in- and
    out-neighbours of i and ``p_ij = (a_ij + a_ji) / sum_k (a_ik + a_ki)`` the share of i's
    relations (weights, both directions) invested in j (Burt 1992). It equals NetworkX's
    ``constraint`` with the same weights. One contact gives 1; two contacts tied to each other
    1.125 (unweighted); many contacts who do not know each other give a value near 0, the
    position of a broker such as seed 000's front-line staff, who can bring together people
    and institutions that would not otherwise meet.

    References
    ----------
    Burt, R. S. (1992). Structural Holes: The Social Structure of Competition. Harvard
    University Press. Burt, R. S. (2004). Structural holes and good ideas. American Journal
    of Sociology 110, 349-399.

    Examples
    --------
    >>> from coproduction.relations import constraint
    >>> constraint(4, [0, 0, 0, 1], [1, 2, 3, 2], directed=False,
    ...            ids=["support_worker", "nurse", "carer", "service_user"])
    support_worker    0.611111
    nurse             1.006944
    carer             1.006944
    service_user      1.000000
    Name: constraint, dtype: float64
    """
    return _burt("constraint", n, source, target, weight, directed, ids)


def effective_size(
    n: int,
    source: ArrayLike,
    target: ArrayLike,
    weight: Optional[ArrayLike] = None,
    directed: bool = True,
    *,
    ids: Optional[ArrayLike] = None,
) -> "pd.Series[float]":
    """Burt's effective size: a stakeholder's contacts less their redundancy.

    Parameters
    ----------
    n : int
        Number of vertices.
    source, target : array-like of int
        The edges' endpoints (vertex positions).
    weight : array-like of float, optional
        Edge weights (tie strengths); None for an unweighted graph.
    directed : bool, default True
        Whether the edges are directed (see :func:`constraint`).
    ids : sequence, optional
        The vertices' ids, in order: the index of the result.

    Returns
    -------
    pandas.Series of float
        One value per vertex, in [1, number of contacts]; NaN for a vertex with no tie.

    Raises
    ------
    coproduction.InputError
        For bad edge arrays or weights, or ``ids`` of another length.

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
    >>> from coproduction.relations import effective_size
    >>> effective_size(4, [0, 0, 0, 1], [1, 2, 3, 2], directed=False)
    0    2.333333
    1    1.000000
    2    1.000000
    3    1.000000
    Name: effective_size, dtype: float64
    """
    return _burt("effective_size", n, source, target, weight, directed, ids)


def _burt(
    name: str,
    n: int,
    source: ArrayLike,
    target: ArrayLike,
    weight: Optional[ArrayLike],
    directed: bool,
    ids: Optional[ArrayLike],
) -> "pd.Series[float]":
    count = _count(n)
    index = _index(ids, count)
    s, t, w = simple_edges(count, source, target, weight, directed)
    values = getattr(_core.metrics, name)(count, s, t, w, bool(directed))
    return pd.Series(values, index=index, name=name)
