"""Node centralities and Freeman centralization of a graph given as edge arrays.

Public as ``cp.metrics.edges.centrality``, ``centralization``, ``centralization_from_scores``
and ``centralization_maximum``; ``cp.metrics.centrality(net, ...)`` reads a layer of a network
and calls them. Vertices follow the convention of ``cp.metrics.edges`` (``nodes=``: ids, a
count, or None). The computation runs in the compiled core on a compact copy of the graph, in
parallel over source vertices for the path-based measures, with the GIL released; Ctrl-C
interrupts it.

Conventions, the same for every measure:

- A weight is a tie **strength**: bigger means closer. A path's length is the sum of
  ``1 / weight`` over its edges (Newman 2001; Opsahl, Agneessens & Skvoretz 2010). Pass
  ``weights_are="distance"`` for weights that are lengths already; degree, eigenvector and
  PageRank then use ``1 / weight`` as the strength.
- Self-loops are ignored. Repeated edges between the same pair are merged, their strengths
  added (``parallel="keep"`` counts each one, as igraph does).
- Each measure's default matches NetworkX 3's function of the same name.
"""

from __future__ import annotations

from typing import Any, Dict, List, Optional, Tuple

import numpy as np
import pandas as pd

from .. import _core
from .._errors import input_error
from ._vertices import Nodes, Vertices, one_dimensional, vertices, weights

__all__ = [
    "MEASURES",
    "CENTRALIZATION_MEASURES",
    "centrality",
    "centralization",
    "centralization_from_scores",
    "centralization_maximum",
]

#: Every measure :func:`centrality` computes.
MEASURES: Tuple[str, ...] = (
    "degree",
    "closeness",
    "harmonic",
    "betweenness",
    "eigenvector",
    "pagerank",
)

#: The measures with a known most centralised graph, hence a Freeman centralization.
CENTRALIZATION_MEASURES: Tuple[str, ...] = (
    "degree",
    "closeness",
    "harmonic",
    "betweenness",
    "eigenvector",
)

# Which keyword options each measure takes, with its default.
_OPTIONS: Dict[str, Dict[str, Any]] = {
    "degree": {"mode": "total", "normalized": True},
    "closeness": {"mode": "in", "wf_improved": True},
    "harmonic": {"mode": "in", "normalized": False},
    "betweenness": {"normalized": True},
    "eigenvector": {"max_iter": 100, "tol": 1e-6},
    "pagerank": {"alpha": 0.85, "max_iter": 100, "tol": 1e-6},
}

def _measure_options(measure: str, given: Dict[str, Any]) -> Dict[str, Any]:
    if measure not in _OPTIONS:
        raise input_error("measure", f"must be one of {', '.join(MEASURES)}; got {measure!r}")
    allowed = _OPTIONS[measure]
    options = dict(allowed)
    for name, value in given.items():
        if value is None:
            continue
        if name not in allowed:
            raise input_error(name, f"does not apply to {measure} centrality")
        options[name] = value
    return options


def centrality(
    source: Any,
    target: Any,
    weight: Any = None,
    *,
    measure: str,
    nodes: Nodes = None,
    directed: bool = True,
    mode: Optional[str] = None,
    normalized: Optional[bool] = None,
    wf_improved: Optional[bool] = None,
    alpha: Optional[float] = None,
    max_iter: Optional[int] = None,
    tol: Optional[float] = None,
    weights_are: str = "strength",
    parallel: str = "merge",
    threads: int = 0,
) -> pd.Series:
    """Centrality of every vertex of a graph given by its edges.

    Parameters
    ----------
    source, target : array-like
        The edges' endpoints, one entry per edge: ids from ``nodes`` when ``nodes`` is a list
        of ids, otherwise integer vertex positions ``0 .. n-1``.
    weight : array-like of float, optional
        One finite positive weight per edge; None (the default) for an unweighted graph.
    measure : {"degree", "closeness", "harmonic", "betweenness", "eigenvector", "pagerank"}
        What to compute (see Notes).
    nodes : int or sequence of ids, optional
        The vertices: their ids (the result's index; a vertex with no edge still counts), a
        vertex count ``n``, or None for ``max(source, target) + 1`` vertices.
    directed : bool, default True
        False reads every edge both ways (a relation as a tie, whoever reported it).
    mode : {"in", "out", "total"}, optional
        Directed graphs only. Degree: which edges to count (default ``"total"`` = in + out).
        Closeness and harmonic: ``"in"`` (default, NetworkX) uses distances *to* the vertex,
        how easily it is reached; ``"out"`` (igraph's default) distances *from* it.
    normalized : bool, optional
        Degree (default True): divide by ``n - 1``. Harmonic (default False): divide by
        ``n - 1``. Betweenness (default True): divide by the number of pairs of other
        vertices, ``(n-1)(n-2)`` directed, ``(n-1)(n-2)/2`` undirected.
    wf_improved : bool, optional
        Closeness only (default True): scale by the share of other vertices within reach,
        Wasserman and Faust's correction for disconnected graphs.
    alpha : float, optional
        PageRank only: damping factor, default 0.85.
    max_iter, tol : int, float, optional
        Eigenvector and PageRank: power-iteration limits, default 100 and 1e-6; the
        iteration stops when the L1 change is below ``n * tol``.
    weights_are : {"strength", "distance"}, default "strength"
        How a weight reads; see the module's conventions.
    parallel : {"merge", "keep"}, default "merge"
        Merge repeated edges between one pair (strengths add up) or count each.
    threads : int, default 0
        Threads for closeness, harmonic and betweenness; 0 uses every core.

    Returns
    -------
    pandas.Series
        One float per vertex, indexed by ``nodes`` (or by position; the index is named
        ``"stakeholder"``), named after the measure.

    Raises
    ------
    coproduction.InputError
        For an unknown measure or option value, an option that does not apply to the
        measure, ids not in ``nodes``, positions outside ``0 .. n-1``, a weight that is not
        finite and positive, or an eigenvector or PageRank iteration that does not converge
        within ``max_iter`` (``where == "max_iter"``).
    KeyboardInterrupt
        When interrupted (Ctrl-C) during a long computation.

    Notes
    -----
    With ``d(u, v)`` the shortest-path length, ``n`` the number of vertices:

    - **degree**: ``deg(v) / (n - 1)``; weighted, the strength (sum of weights). A high
      in-degree on a ``manages`` layer marks someone managed by many; a high out-degree on
      ``informs`` someone who informs many.
    - **closeness**: ``(r - 1) / sum_u d(u, v) * (r - 1) / (n - 1)``, with ``r`` the number
      of vertices that reach ``v`` (itself included), 0 when none does (NetworkX's
      ``closeness_centrality``; Freeman 1979; Wasserman & Faust 1994, p. 201). In [0, 1]:
      high when the stakeholder is few steps from everyone.
    - **harmonic**: ``sum_{u != v} 1 / d(u, v)`` (Marchiori & Latora 2000); copes with
      unreachable pairs without a correction.
    - **betweenness**: ``sum_{s != v != t} sigma_st(v) / sigma_st``, the share of shortest
      paths through ``v`` (Freeman 1977; Brandes 2001). High for brokers, such as front-line
      staff who connect service users to an institution.
    - **eigenvector**: the leading eigenvector of the (in-edge) adjacency matrix, unit
      Euclidean norm (Bonacich 1987): central when pointed at by the central.
    - **pagerank**: the stationary distribution of a walk that follows an edge with
      probability ``alpha`` and otherwise jumps anywhere; sums to 1 (Brin & Page 1998).

    Each default equals NetworkX's function of the same name on the same graph (with the
    weight turned into a length ``1 / weight`` for path measures), to about 1e-12.

    References
    ----------
    Freeman, L. C. (1979). Centrality in social networks: conceptual clarification. Social
    Networks 1, 215-239. Brandes, U. (2001). A faster algorithm for betweenness centrality.
    Journal of Mathematical Sociology 25, 163-177. Opsahl, T., Agneessens, F. & Skvoretz, J.
    (2010). Node centrality in weighted networks. Social Networks 32, 245-251. Wasserman, S.
    & Faust, K. (1994). Social Network Analysis, ch. 5.

    Examples
    --------
    A commissioner funds two providers, each of which refers to a community group:

    >>> from coproduction.metrics import edges
    >>> nodes = ["commissioner", "provider_a", "provider_b", "community_group"]
    >>> src = ["commissioner", "commissioner", "provider_a", "provider_b"]
    >>> dst = ["provider_a", "provider_b", "community_group", "community_group"]
    >>> edges.centrality(src, dst, nodes=nodes, measure="betweenness")
    stakeholder
    commissioner       0.000000
    provider_a         0.083333
    provider_b         0.083333
    community_group    0.000000
    Name: betweenness, dtype: float64
    >>> edges.centrality(src, dst, nodes=nodes, measure="degree", mode="out", normalized=False)
    stakeholder
    commissioner       2.0
    provider_a         1.0
    provider_b         1.0
    community_group    0.0
    Name: degree, dtype: float64
    """
    return centrality_of(
        vertices(source, target, nodes), weights(weight), measure=measure, directed=directed,
        mode=mode, normalized=normalized, wf_improved=wf_improved, alpha=alpha,
        max_iter=max_iter, tol=tol, weights_are=weights_are, parallel=parallel, threads=threads,
    )


def centrality_of(graph: Vertices, w: Optional[np.ndarray[Any, Any]], *, measure: str,
                  directed: bool = True, weights_are: str = "strength", parallel: str = "merge",
                  threads: int = 0, **given: Any) -> pd.Series:
    """:func:`centrality` of a graph already read (``w``: float64 weights or None); ``given``
    holds the measure's options (``mode``, ``normalized``, ...; None for the default)."""
    n, s, t = graph.n, graph.source, graph.target
    options = _measure_options(measure, given)
    for name, value in (("threads", threads), ("max_iter", options.get("max_iter", 0))):
        if not isinstance(value, (int, np.integer)) or isinstance(value, bool) or value < 0:
            raise input_error(name, f"must be an integer >= 0, got {value!r}")
    metrics = _core.metrics
    common: Dict[str, Any] = dict(directed=bool(directed), weights_are=weights_are, parallel=parallel)
    if measure == "degree":
        values = metrics.degree_centrality(n, s, t, w, **common, **options)
    elif measure == "closeness":
        values = metrics.closeness_centrality(n, s, t, w, **common, **options, threads=threads)
    elif measure == "harmonic":
        values = metrics.harmonic_centrality(n, s, t, w, **common, **options, threads=threads)
    elif measure == "betweenness":
        values = metrics.betweenness_centrality(n, s, t, w, **common, **options, threads=threads)
    elif measure == "eigenvector":
        values = metrics.eigenvector_centrality(n, s, t, w, **common, **options)
    else:
        values = metrics.pagerank(n, s, t, w, **common, **options)
    return graph.series(values, measure)


def centralization_maximum(
    measure: str, n: int, *, directed: bool, mode: str = "total", normalized: bool = True
) -> float:
    """Largest possible ``sum_v (max_u c(u) - c(v))`` over all graphs on ``n`` vertices.

    Parameters
    ----------
    measure : {"degree", "closeness", "harmonic", "betweenness", "eigenvector"}
    n : int
        Number of vertices.
    directed : bool
        Whether the scores come from a directed reading of the graph.
    mode : {"in", "out", "total"}, default "total"
        Directed degree only: in- or out-degree against total degree.
    normalized : bool, default True
        Whether the scores are on the normalized scale (:func:`centrality`'s
        default) or raw; closeness and eigenvector have one scale and ignore it.

    Returns
    -------
    float
        The maximum; 0 where no graph on ``n`` vertices can be centralised.

    Raises
    ------
    coproduction.InputError
        For an unknown measure or mode, including ``"pagerank"`` (no established maximum).

    Notes
    -----
    =============  ==========  =================  ==================  ====================
    measure        graph       normalized scores  raw scores          attained by
    =============  ==========  =================  ==================  ====================
    degree         undirected  n-2                (n-1)(n-2)          star
    degree in/out  directed    n-1                (n-1)^2             in-/out-star
    degree total   directed    2(n-2)             2(n-1)(n-2)         two-way star
    closeness      undirected  (n-1)(n-2)/(2n-3)  same                star
    closeness      directed    n-1                same                in-/out-star
    harmonic       undirected  (n-2)/2            (n-1)(n-2)/2        star
    harmonic       directed    n-1                (n-1)^2             in-/out-star
    betweenness    undirected  n-1                (n-1)^2(n-2)/2      star
    betweenness    directed    n-1                (n-1)^2(n-2)        two-way star
    eigenvector    undirected  (n-2)/sqrt(2)      same                one edge + isolates
    eigenvector    directed    n-1                same                (in-star, a bound)
    =============  ==========  =================  ==================  ====================

    References
    ----------
    Freeman, L. C. (1979). Social Networks 1, 215-239. Wasserman, S. & Faust, K. (1994).
    Social Network Analysis, ch. 5. igraph's ``igraph_centralization_*_tmax``.

    Examples
    --------
    >>> from coproduction.metrics.edges import centralization_maximum
    >>> centralization_maximum("betweenness", 5, directed=False, normalized=False)
    24.0
    """
    if measure not in CENTRALIZATION_MEASURES:
        raise input_error(
            "measure",
            f"must be one of {', '.join(CENTRALIZATION_MEASURES)}; got {measure!r}"
            + (" (PageRank has no established maximum)" if measure == "pagerank" else ""),
        )
    if not isinstance(n, (int, np.integer)) or isinstance(n, bool) or n < 0:
        raise input_error("n", f"must be an integer >= 0, got {n!r}")
    return float(
        _core.metrics.centralization_maximum(measure, int(n), bool(directed), mode, normalized)
    )


def centralization_from_scores(
    scores: Any,
    *,
    measure: str,
    directed: bool,
    mode: str = "total",
    normalized: bool = True,
) -> float:
    """Freeman centralization of a set of centrality scores.

    Parameters
    ----------
    scores : array-like or pandas.Series
        One score per vertex of the graph, all of them, from an unweighted graph, on the scale
        :func:`centrality` returns (see ``normalized``).
    measure : {"degree", "closeness", "harmonic", "betweenness", "eigenvector"}
        The measure the scores are of; it fixes the theoretical maximum.
    directed : bool
        Whether the scores come from a directed reading of the graph.
    mode : {"in", "out", "total"}, default "total"
        Directed degree only: the degree mode the scores were computed with.
    normalized : bool, default True
        Whether degree, harmonic or betweenness scores were normalized.

    Returns
    -------
    float
        ``sum_v (max_u c(u) - c(v)) / maximum`` in [0, 1]; NaN for a graph too small to be
        centralised (fewer than 3 vertices for most measures) or for no scores.

    Raises
    ------
    coproduction.InputError
        For a score that is not finite, an unknown measure (PageRank has no maximum) or mode.

    Notes
    -----
    Freeman's index: 0 when every stakeholder is equally central (a cycle, a complete graph;
    power evenly spread), 1 for the most centralised graph on as many vertices (the star for
    degree, closeness, harmonic and betweenness: one stakeholder through whom everything
    passes). The maxima are listed in :func:`centralization_maximum`; they hold for
    unweighted graphs, so weighted scores give a number that is not bounded by 1. For
    eigenvector centrality the most centralised graph is a lone edge, and a star scores
    ``(n - 1 - sqrt(n - 1)) / (n - 2)``. Degree and betweenness agree with igraph's
    ``centralization_degree(loops=False)`` and ``centralization_betweenness``; closeness with
    igraph on undirected graphs (igraph's directed maximum assumes its former convention for
    unreachable vertices).

    References
    ----------
    Freeman, L. C. (1979). Centrality in social networks: conceptual clarification. Social
    Networks 1, 215-239. Wasserman, S. & Faust, K. (1994). Social Network Analysis, ch. 5.

    Examples
    --------
    >>> from coproduction.metrics.edges import centralization_from_scores
    >>> centralization_from_scores([1.0, 0.25, 0.25, 0.25, 0.25], measure="degree",
    ...                            directed=False)
    1.0
    """
    values = one_dimensional(scores, "scores")
    if values.dtype.kind not in "iuf":
        raise input_error("scores", f"must be numbers, got dtype {values.dtype}")
    maximum = centralization_maximum(
        measure, len(values), directed=directed, mode=mode, normalized=normalized
    )
    return float(_core.metrics.freeman_centralization(values.astype(np.float64), maximum))


def centralization(
    source: Any,
    target: Any,
    *,
    measure: str,
    nodes: Nodes = None,
    directed: bool = True,
    mode: Optional[str] = None,
    threads: int = 0,
) -> float:
    """Freeman centralization of an unweighted graph given by its edges.

    Computes :func:`centrality` with the measure's defaults (repeated edges merged,
    weights ignored: the maxima are those of simple unweighted graphs) and then
    :func:`centralization_from_scores`.

    Parameters
    ----------
    source, target, nodes, directed, threads
        As in :func:`centrality`.
    measure : {"degree", "closeness", "harmonic", "betweenness", "eigenvector"}
    mode : {"in", "out", "total"}, optional
        As in :func:`centrality`.

    Returns
    -------
    float
        The index in [0, 1]; NaN for a graph too small to be centralised.

    Raises
    ------
    coproduction.InputError
        As :func:`centrality` and :func:`centralization_from_scores`.

    Notes
    -----
    See :func:`centralization_from_scores`. On a ``manages`` layer, 1 means one stakeholder
    manages everyone else directly; on ``informs``, a betweenness centralization near 1 means
    information passes through one gatekeeper.

    References
    ----------
    Freeman, L. C. (1979). Social Networks 1, 215-239.

    Examples
    --------
    >>> from coproduction.metrics import edges
    >>> edges.centralization([0, 0, 0, 0], [1, 2, 3, 4], measure="betweenness", directed=False)
    1.0
    >>> round(edges.centralization([0, 1, 2, 3], [1, 2, 3, 0], measure="degree",
    ...                            directed=False), 12)
    0.0
    """
    return centralization_of(vertices(source, target, nodes), measure=measure,
                             directed=directed, mode=mode, threads=threads)


def centralization_of(graph: Vertices, *, measure: str, directed: bool = True,
                      mode: Optional[str] = None, threads: int = 0) -> float:
    """:func:`centralization` of a graph already read."""
    if measure not in CENTRALIZATION_MEASURES:
        raise input_error(
            "measure",
            f"must be one of {', '.join(CENTRALIZATION_MEASURES)}; got {measure!r}",
        )
    scores = centrality_of(graph, None, measure=measure, directed=directed, mode=mode,
                           parallel="merge", threads=threads)
    used_mode = mode if (measure == "degree" and mode is not None) else "total"
    return centralization_from_scores(
        scores.to_numpy(), measure=measure, directed=directed, mode=used_mode,
        normalized=bool(_OPTIONS[measure].get("normalized", True)),
    )


def __dir__() -> List[str]:
    return list(__all__)
