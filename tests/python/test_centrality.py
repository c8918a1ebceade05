"""Centralities and centralization from edge arrays (``cp.metrics.edges``), checked against
NetworkX and igraph."""

from __future__ import annotations

import _thread
import math
import signal
import threading

import numpy as np
import pandas as pd
import pytest

nx = pytest.importorskip("networkx")
ig = pytest.importorskip("igraph")
hypothesis = pytest.importorskip("hypothesis")
from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

import coproduction  # noqa: E402
from coproduction.metrics.edges import (  # noqa: E402
    centrality,
    centralization,
    centralization_from_scores,
    centralization_maximum,
)

TOL = 1e-9


# ---------------------------------------------------------------------------------------
# Test graphs: NetworkX graphs with a positive "weight" on every edge and a "length" of
# 1 / weight (the library's reading of a weight as a strength).


def _with_lengths(g):
    for _, _, data in g.edges(data=True):
        data["length"] = 1.0 / data["weight"]
    return g


def _random_weights(g, seed):
    rng = np.random.default_rng(seed)
    for _, _, data in g.edges(data=True):
        data["weight"] = float(rng.uniform(0.5, 3.0))
    return _with_lengths(g)


def karate():
    g = nx.karate_club_graph()  # weights are interaction counts, 1 to 7
    return _with_lengths(nx.Graph(g.edges(data=True)))


def random_directed():
    return _random_weights(nx.gnp_random_graph(60, 0.06, seed=1, directed=True), 11)


def random_undirected_disconnected():
    g = nx.gnp_random_graph(50, 0.035, seed=2)
    g.add_nodes_from([50, 51])  # two isolated stakeholders
    return _random_weights(g, 12)


def random_directed_disconnected():
    a = nx.gnp_random_graph(25, 0.12, seed=3, directed=True)
    b = nx.gnp_random_graph(15, 0.2, seed=4, directed=True)
    g = nx.disjoint_union(a, b)
    g.add_node(40)
    return _random_weights(g, 13)


def random_directed_large():
    # 200 vertices: several 64-source batches of the word-parallel search.
    return _random_weights(nx.gnp_random_graph(200, 0.02, seed=5, directed=True), 14)


GRAPHS = {
    "karate": karate,
    "random_directed_large": random_directed_large,
    "random_directed": random_directed,
    "random_undirected_disconnected": random_undirected_disconnected,
    "random_directed_disconnected": random_directed_disconnected,
}


def edge_arrays(g):
    nodes = list(g.nodes)
    src = [u for u, _ in g.edges]
    dst = [v for _, v in g.edges]
    w = np.array([d["weight"] for _, _, d in g.edges(data=True)])
    return nodes, src, dst, w


def ours(g, measure, weighted=False, **kwargs):
    nodes, src, dst, w = edge_arrays(g)
    result = centrality(
        src, dst, w if weighted else None, measure=measure, nodes=nodes,
        directed=g.is_directed(), **kwargs
    )
    assert list(result.index) == nodes
    return result


def assert_matches(result, expected, tol=TOL):
    expected = pd.Series(expected).reindex(result.index)
    np.testing.assert_allclose(result.to_numpy(), expected.to_numpy(), rtol=0, atol=tol)


def to_igraph(g):
    nodes = list(g.nodes)
    pos = {v: i for i, v in enumerate(nodes)}
    h = ig.Graph(n=len(nodes), edges=[(pos[u], pos[v]) for u, v in g.edges],
                 directed=g.is_directed())
    h.es["weight"] = [d["weight"] for _, _, d in g.edges(data=True)]
    h.es["length"] = [d["length"] for _, _, d in g.edges(data=True)]
    return h


graph_names = pytest.mark.parametrize("name", sorted(GRAPHS))
weightings = pytest.mark.parametrize("weighted", [False, True], ids=["unweighted", "weighted"])


# ---------------------------------------------------------------------------------------
# Against NetworkX.


@graph_names
@weightings
def test_degree_matches_networkx(name, weighted):
    g = GRAPHS[name]()
    n = g.number_of_nodes()
    if not weighted:
        assert_matches(ours(g, "degree"), nx.degree_centrality(g))
        if g.is_directed():
            assert_matches(ours(g, "degree", mode="in"), nx.in_degree_centrality(g))
            assert_matches(ours(g, "degree", mode="out"), nx.out_degree_centrality(g))
    else:
        strength = {v: d / (n - 1) for v, d in g.degree(weight="weight")}
        assert_matches(ours(g, "degree", weighted=True), strength)


@graph_names
@weightings
def test_closeness_matches_networkx(name, weighted):
    g = GRAPHS[name]()
    distance = "length" if weighted else None
    assert_matches(ours(g, "closeness", weighted), nx.closeness_centrality(g, distance=distance))
    assert_matches(
        ours(g, "closeness", weighted, wf_improved=False),
        nx.closeness_centrality(g, distance=distance, wf_improved=False),
    )
    if g.is_directed():  # out-closeness is in-closeness on the reversed graph
        assert_matches(
            ours(g, "closeness", weighted, mode="out"),
            nx.closeness_centrality(g.reverse(), distance=distance),
        )


@graph_names
@weightings
def test_harmonic_matches_networkx(name, weighted):
    g = GRAPHS[name]()
    distance = "length" if weighted else None
    assert_matches(ours(g, "harmonic", weighted), nx.harmonic_centrality(g, distance=distance))
    if g.is_directed():
        assert_matches(
            ours(g, "harmonic", weighted, mode="out"),
            nx.harmonic_centrality(g.reverse(), distance=distance),
        )


@graph_names
@weightings
@pytest.mark.parametrize("normalized", [True, False])
def test_betweenness_matches_networkx(name, weighted, normalized):
    g = GRAPHS[name]()
    if weighted and name == "karate":
        # Integer strengths give lengths 1/2, 1/3, 1/6, ... whose sums NetworkX compares for
        # exact floating-point equality, so it splits true ties by rounding error (see
        # test_ties_within_rounding_count_as_ties); igraph compares within a relative 1e-10,
        # as this library does, and is the reference here.
        h = to_igraph(g)
        expected = np.array(h.betweenness(directed=False, weights="length"))
        if normalized:
            n = h.vcount()
            expected = expected / ((n - 1) * (n - 2) / 2)
        got = ours(g, "betweenness", weighted, normalized=normalized)
        np.testing.assert_allclose(got, expected, rtol=0, atol=TOL)
        return
    expected = nx.betweenness_centrality(
        g, weight="length" if weighted else None, normalized=normalized
    )
    assert_matches(ours(g, "betweenness", weighted, normalized=normalized), expected)


def test_ties_within_rounding_count_as_ties():
    # Strengths 2, 3, 6 along 0-1-2-3 give lengths 1/2 + 1/3 + 1/6 = 1, which floating point
    # sums to 0.9999999999999999, against the direct edge 0-3 of strength 1 (length 1).
    # Raw betweenness by hand: pair 0-3 has two shortest paths, one through 1 and 2 (1/2
    # each); 0-2 goes only through 1 (5/6 < 7/6); 1-3 only through 2 (1/2 < 3/2).
    # So 1 and 2 get 1 + 1/2 each.
    src, dst, w = [0, 1, 2, 0], [1, 2, 3, 3], [2.0, 3.0, 6.0, 1.0]
    got = centrality(src, dst, w, measure="betweenness", directed=False,
                     normalized=False)
    np.testing.assert_allclose(got, [0, 1.5, 1.5, 0], rtol=0, atol=TOL)
    h = ig.Graph(n=4, edges=list(zip(src, dst)))
    np.testing.assert_allclose(got, h.betweenness(weights=[1 / x for x in w]), rtol=0, atol=TOL)
    g = nx.Graph()
    g.add_weighted_edges_from([(a, b, 1 / x) for a, b, x in zip(src, dst, w)], weight="length")
    # NetworkX sums 1/2 + 1/3 + 1/6 to 0.9999999999999999 from vertex 0 (no tie: 0-3 goes
    # through 1 and 2) but 1/6 + 1/3 + 1/2 to exactly 1.0 from vertex 3 (a tie):
    # (1 + (1 + 1/2)) / 2 = 1.75 for vertex 1.
    assert nx.betweenness_centrality(g, weight="length", normalized=False)[1] == 1.75


@graph_names
@weightings
def test_eigenvector_matches_networkx(name, weighted):
    g = GRAPHS[name]()
    weight = "weight" if weighted else None
    try:
        expected = nx.eigenvector_centrality(g, weight=weight, max_iter=1000)
    except nx.PowerIterationFailedConvergence:
        with pytest.raises(coproduction.InputError) as info:
            ours(g, "eigenvector", weighted, max_iter=1000)
        assert info.value.where == "max_iter"
        return
    assert_matches(ours(g, "eigenvector", weighted, max_iter=1000), expected)


@graph_names
@weightings
def test_pagerank_matches_networkx(name, weighted):
    g = GRAPHS[name]()
    weight = "weight" if weighted else None
    # Default tolerance: the same iteration, so the same answer.
    assert_matches(ours(g, "pagerank", weighted), _nx_pagerank(g, weight=weight))
    tight = dict(max_iter=10000, tol=1e-14)
    assert_matches(ours(g, "pagerank", weighted, **tight),
                   _nx_pagerank(g, weight=weight, **tight))


def _nx_pagerank(g, **kwargs):
    # nx.pagerank needs SciPy; without it, NetworkX's pure-Python version of the same power
    # iteration (same start, update and stopping rule).
    try:
        import scipy  # noqa: F401
    except ImportError:
        from networkx.algorithms.link_analysis.pagerank_alg import _pagerank_python

        return _pagerank_python(g, **kwargs)
    return nx.pagerank(g, **kwargs)


def test_weights_as_distances_match_networkx_lengths():
    g = random_directed()
    nodes, src, dst, _ = edge_arrays(g)
    lengths = np.array([d["length"] for _, _, d in g.edges(data=True)])
    result = centrality(
        src, dst, lengths, measure="betweenness", nodes=nodes, weights_are="distance"
    )
    assert_matches(result, nx.betweenness_centrality(g, weight="length"))


# ---------------------------------------------------------------------------------------
# Against igraph.


@graph_names
@weightings
def test_matches_igraph(name, weighted):
    g = GRAPHS[name]()
    h = to_igraph(g)
    directed = g.is_directed()
    length = "length" if weighted else None
    strength = "weight" if weighted else None

    # Degree and strength, raw.
    for mode in (["in", "out", "all"] if directed else ["all"]):
        expected = h.strength(mode=mode, weights=strength, loops=False)
        got = ours(g, "degree", weighted, mode="total" if mode == "all" else mode,
                   normalized=False)
        np.testing.assert_allclose(got, expected, rtol=0, atol=TOL)

    # Closeness on reachable vertices only: igraph's closeness is ours without the
    # Wasserman-Faust factor; igraph gives NaN where nothing is reachable, we give 0.
    for mode in (["in", "out"] if directed else ["in"]):
        expected = np.nan_to_num(
            np.array(h.closeness(mode=mode if directed else "all", weights=length), dtype=float)
        )
        got = ours(g, "closeness", weighted, mode=mode, wf_improved=False)
        np.testing.assert_allclose(got, expected, rtol=0, atol=TOL)
        expected = h.harmonic_centrality(
            mode=mode if directed else "all", weights=length, normalized=True
        )
        got = ours(g, "harmonic", weighted, mode=mode, normalized=True)
        np.testing.assert_allclose(got, expected, rtol=0, atol=TOL)

    # Betweenness, raw.
    expected = h.betweenness(directed=directed, weights=length)
    got = ours(g, "betweenness", weighted, normalized=False)
    np.testing.assert_allclose(got, expected, rtol=0, atol=TOL)

    # PageRank: igraph solves exactly (PRPACK); iterate tightly.
    expected = h.pagerank(directed=directed, weights=strength, damping=0.85)
    got = ours(g, "pagerank", weighted, max_iter=10000, tol=1e-14)
    np.testing.assert_allclose(got, expected, rtol=0, atol=TOL)


@weightings
def test_eigenvector_matches_igraph_on_a_connected_graph(weighted):
    g = karate()
    h = to_igraph(g)
    expected = np.array(h.eigenvector_centrality(weights="weight" if weighted else None))
    got = ours(g, "eigenvector", weighted, max_iter=10000, tol=1e-15).to_numpy()
    np.testing.assert_allclose(got / got.max(), expected / expected.max(), rtol=0, atol=TOL)


def test_parallel_edges_kept_match_igraph_multigraph():
    src = [0, 0, 1, 0, 3, 2]
    dst = [1, 1, 2, 3, 2, 4]
    h = ig.Graph(n=5, edges=list(zip(src, dst)), directed=False)
    got = centrality(src, dst, measure="betweenness", directed=False,
                     normalized=False, parallel="keep")
    np.testing.assert_allclose(got, h.betweenness(directed=False), rtol=0, atol=TOL)
    merged = centrality(src, dst, measure="betweenness", directed=False,
                        normalized=False)
    np.testing.assert_allclose(merged, h.copy().simplify().betweenness(directed=False),
                               rtol=0, atol=TOL)


# ---------------------------------------------------------------------------------------
# Centralization against igraph's definition (its theoretical maxima,
# igraph_centralization_*_tmax, applied to igraph's own scores) and NetworkX's scores.


def _freeman(scores, tmax):
    scores = np.asarray(scores, dtype=float)
    return float((scores.max() - scores).sum() / tmax)


@pytest.mark.parametrize("name", ["karate", "random_directed", "random_undirected_disconnected"])
def test_centralization_matches_igraph(name):
    g = GRAPHS[name]()
    h = to_igraph(g)
    n = h.vcount()
    directed = g.is_directed()
    nodes, src, dst, _ = edge_arrays(g)

    def cz(measure, **kw):
        return centralization(src, dst, measure=measure, nodes=nodes,
                              directed=directed, **kw)

    if directed:
        for mode in ("in", "out"):
            expected = _freeman(h.degree(mode=mode, loops=False), (n - 1) ** 2)
            assert cz("degree", mode=mode) == pytest.approx(expected, abs=TOL)
        expected = _freeman(h.degree(mode="all", loops=False), 2 * (n - 1) * (n - 2))
        assert cz("degree") == pytest.approx(expected, abs=TOL)
        expected = _freeman(h.betweenness(directed=True), (n - 1) ** 2 * (n - 2))
    else:
        expected = _freeman(h.degree(loops=False), (n - 1) * (n - 2))
        assert cz("degree") == pytest.approx(expected, abs=TOL)
        expected = _freeman(h.betweenness(directed=False), (n - 1) ** 2 * (n - 2) / 2)
    assert cz("betweenness") == pytest.approx(expected, abs=TOL)
    if not directed and nx.is_connected(g):
        expected = _freeman(h.closeness(), (n - 1) * (n - 2) / (2 * n - 3))
        assert cz("closeness") == pytest.approx(expected, abs=TOL)
        # igraph's unscaled (unit-length) eigenvector maximum (n - 2) / sqrt(2).
        nx_scores = nx.eigenvector_centrality(g, max_iter=10000, tol=1e-15)
        x = np.array([nx_scores[v] for v in nodes])
        scores = ours(g, "eigenvector", max_iter=10000, tol=1e-15)
        np.testing.assert_allclose(scores, x, atol=TOL)
        assert centralization_from_scores(scores, measure="eigenvector", directed=False) == (
            pytest.approx(_freeman(x, (n - 2) / math.sqrt(2)), abs=TOL)
        )


@graph_names
def test_centralization_from_networkx_scores(name):
    g = GRAPHS[name]()
    n = g.number_of_nodes()
    directed = g.is_directed()
    nodes, src, dst, _ = edge_arrays(g)
    cases = [
        ("betweenness", nx.betweenness_centrality(g), n - 1),
        ("closeness", nx.closeness_centrality(g),
         n - 1 if directed else (n - 1) * (n - 2) / (2 * n - 3)),
        ("harmonic", nx.harmonic_centrality(g),
         (n - 1) ** 2 if directed else (n - 1) * (n - 2) / 2),
    ]
    for measure, scores, tmax in cases:
        expected = _freeman([scores[v] for v in nodes], tmax)
        got = centralization(src, dst, measure=measure, nodes=nodes, directed=directed)
        assert got == pytest.approx(expected, abs=TOL), measure
        assert 0.0 <= got <= 1.0


# ---------------------------------------------------------------------------------------
# Properties.

sizes = st.integers(min_value=3, max_value=25)


@st.composite
def random_graphs(draw):
    n = draw(st.integers(min_value=3, max_value=9))
    pairs = [(u, v) for u in range(n) for v in range(n) if u != v]
    chosen = draw(st.lists(st.sampled_from(pairs), max_size=len(pairs), unique=True))
    return n, [u for u, _ in chosen], [v for _, v in chosen], draw(st.booleans())


@settings(max_examples=150, deadline=None)
@given(random_graphs())
def test_centralization_lies_in_unit_interval(graph):
    n, src, dst, directed = graph
    cases = [("degree", None), ("closeness", None), ("harmonic", None), ("betweenness", None)]
    if directed:
        cases += [("degree", "in"), ("degree", "out"), ("closeness", "out"), ("harmonic", "out")]
    for measure, mode in cases:
        c = centralization(src, dst, measure=measure, nodes=n, directed=directed,
                           mode=mode)
        assert -1e-12 <= c <= 1 + 1e-12, (measure, mode, c)
    try:
        c = centralization(src, dst, measure="eigenvector", nodes=n,
                           directed=directed)
    except coproduction.InputError:  # no convergence (e.g. an acyclic directed graph)
        return
    assert -1e-9 <= c <= 1 + 1e-9


@settings(max_examples=40, deadline=None)
@given(sizes, st.randoms(use_true_random=False))
def test_star_gives_one(n, rnd):
    centre = rnd.randrange(n)
    leaves = [v for v in range(n) if v != centre]
    src, dst = [centre] * len(leaves), leaves
    for measure in ("degree", "closeness", "harmonic", "betweenness"):
        assert centralization(src, dst, measure=measure, nodes=n,
                              directed=False) == pytest.approx(1.0, abs=1e-12)
    # Directed: the in-star for in-degree and in-closeness, the two-way star for betweenness
    # and total degree.
    assert centralization(dst, src, measure="degree", nodes=n, mode="in") == (
        pytest.approx(1.0, abs=1e-12))
    assert centralization(dst, src, measure="closeness", nodes=n) == (
        pytest.approx(1.0, abs=1e-12))
    both_src, both_dst = src + dst, dst + src
    for measure in ("degree", "betweenness"):
        assert centralization(both_src, both_dst, measure=measure, nodes=n) == (
            pytest.approx(1.0, abs=1e-12))
    # Eigenvector: the star reaches (n - 1 - sqrt(n - 1)) / (n - 2) of the maximum.
    star = pd.Series(math.sqrt(0.5 / (n - 1)), index=range(n))
    star[centre] = math.sqrt(0.5)
    assert centralization_from_scores(star, measure="eigenvector", directed=False) == (
        pytest.approx((n - 1 - math.sqrt(n - 1)) / (n - 2), abs=1e-12))


@settings(max_examples=40, deadline=None)
@given(sizes, st.booleans())
def test_cycle_and_complete_give_zero(n, directed):
    cycle = (list(range(n)), [(v + 1) % n for v in range(n)])
    complete = ([u for u in range(n) for v in range(n) if u != v],
                [v for u in range(n) for v in range(n) if u != v])
    for src, dst in (cycle, complete):
        for measure in ("degree", "closeness", "harmonic", "betweenness", "eigenvector"):
            c = centralization(src, dst, measure=measure, nodes=n, directed=directed)
            assert c == pytest.approx(0.0, abs=1e-9), (measure, c)


# ---------------------------------------------------------------------------------------
# The array interface.


def test_result_is_indexed_by_ids_and_keeps_isolated_vertices():
    result = centrality(["a", "b"], ["b", "c"], measure="degree",
                        nodes=["a", "b", "c", "d"], directed=False, normalized=False)
    assert result.name == "degree"
    assert list(result.index) == ["a", "b", "c", "d"]
    assert result.index.name == "stakeholder"  # as every per-stakeholder result
    assert result.tolist() == [1.0, 2.0, 1.0, 0.0]


def test_accepts_lists_arrays_and_series():
    src = pd.Series([0, 1, 2])
    dst = np.array([1, 2, 0])
    result = centrality(src, dst, measure="closeness")
    assert isinstance(result.index, pd.RangeIndex) and result.index.name == "stakeholder"
    np.testing.assert_allclose(result, [2 / 3] * 3)  # directed 3-cycle: 2 / (1 + 2)


@pytest.mark.parametrize(
    "kwargs, where",
    [
        (dict(measure="influence"), "measure"),
        (dict(measure="pagerank", normalized=True), "normalized"),
        (dict(measure="betweenness", mode="in"), "mode"),
        (dict(measure="degree", mode="sideways"), "mode"),
        (dict(measure="closeness", weights_are="cost"), "weights_are"),
        (dict(measure="closeness", parallel="drop"), "parallel"),
        (dict(measure="pagerank", alpha=2.0), "alpha"),
        (dict(measure="betweenness", threads=-1), "threads"),
        (dict(measure="eigenvector", max_iter=-5), "max_iter"),
        (dict(measure="eigenvector", max_iter=0), "max_iter"),
        (dict(measure="pagerank", tol=-1.0), "tol"),
    ],
)
def test_bad_options_raise_input_error(kwargs, where):
    with pytest.raises(coproduction.InputError) as info:
        centrality([0, 1], [1, 2], **kwargs)
    assert info.value.where == where


def test_bad_edges_raise_input_error():
    with pytest.raises(coproduction.InputError) as info:
        centrality(["a"], ["zz"], measure="degree", nodes=["a", "b"])
    assert info.value.where == "target"
    with pytest.raises(coproduction.InputError) as info:
        centrality([0, 5], [1, 2], measure="degree", nodes=3)
    assert info.value.where == "source"
    with pytest.raises(coproduction.InputError) as info:
        centrality([0, 1], [1, 2], [1.0, -2.0], measure="closeness")
    assert info.value.where == "weight"
    with pytest.raises(coproduction.InputError) as info:
        centrality([0, 1], [1, 2], [1.0], measure="closeness")
    assert info.value.where == "weight"
    with pytest.raises(coproduction.InputError) as info:
        centrality([0.5], [1.0], measure="degree")
    assert info.value.where == "source"
    with pytest.raises(coproduction.InputError) as info:
        centralization_from_scores([1.0, float("nan"), 0.0], measure="degree", directed=False)
    assert info.value.where == "scores"
    with pytest.raises(coproduction.InputError) as info:
        centralization_from_scores([0.3, 0.3, 0.4], measure="pagerank", directed=True)
    assert info.value.where == "measure"


def test_too_small_to_centralise_is_nan():
    assert math.isnan(centralization([0], [1], measure="betweenness", directed=False))
    assert centralization_maximum("degree", 2, directed=False) == 0.0


def test_threads_agree():
    g = random_directed()
    one = ours(g, "betweenness", True, threads=1)
    two = ours(g, "betweenness", True, threads=2)
    np.testing.assert_allclose(one, two, rtol=0, atol=1e-14)


@pytest.fixture
def sigint_raises():
    """SIGINT raising KeyboardInterrupt, whatever the test process inherited.

    A process started in the background by a non-interactive shell (``make test &`` in a
    script, as some CI runners do) inherits SIGINT as ignored; Python then keeps it ignored and
    ``_thread.interrupt_main`` does nothing, so the interrupt under test would never be sent.
    """
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    yield
    signal.signal(signal.SIGINT, previous)


def test_ctrl_c_interrupts_a_long_computation(sigint_raises):
    # Betweenness on 200,000 vertices takes minutes, so the interrupt sent after 0.3 s arrives
    # while the core computes whatever the machine's speed; the core polls every 50 ms.
    rng = np.random.default_rng(5)
    n, m = 200_000, 1_000_000
    src, dst = rng.integers(0, n, m), rng.integers(0, n, m)
    timer = threading.Timer(0.3, _thread.interrupt_main)
    timer.start()
    try:
        with pytest.raises(KeyboardInterrupt):
            centrality(src, dst, measure="betweenness", nodes=n)
    finally:
        timer.cancel()
        timer.join()