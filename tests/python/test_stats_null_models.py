"""Network null models: CUG tests, degree-preserving rewiring, QAP and MRQAP.

Cross-checked against independent implementations written here or taken from other
libraries: numpy's correlation and least squares, brute-force permutation loops in Python
(over the very permutations the core drew, or over all n! of a tiny case with itertools), a
Python double semi-partialling, the exact null distributions of CUG tests enumerated over
every graph of a tiny case, and NetworkX's ``double_edge_swap`` / ``directed_edge_swap``.
"""

from __future__ import annotations

import doctest
import itertools
import math
import types
from typing import Any, Dict, List, Sequence, Tuple

import numpy as np
import pandas as pd
import pytest

nx = pytest.importorskip("networkx")

import coproduction as cp  # noqa: E402
from coproduction import _core  # noqa: E402
from coproduction import _stats_null_models as nm  # noqa: E402
from coproduction._stats_result import NullTest  # noqa: E402

TIE = 1e-9  # "equal up to rounding", as the core counts ties with the observed value


def network(n: int, edges: Sequence[Tuple[int, int]], type: str = "informs") -> cp.Network:
    net = cp.Network()
    for v in range(n):
        net.add_stakeholder(f"s{v}")
    for u, v in edges:
        net.add_relation(f"s{u}", f"s{v}", type)
    return net


def two_layers(n: int, seed: int, p: Tuple[float, float] = (0.3, 0.3),
               weighted: bool = False) -> cp.Network:
    rng = np.random.default_rng(seed)
    net = cp.Network()
    for v in range(n):
        net.add_stakeholder(f"s{v}")
    for kind, prob in zip(("trusts", "informs", "manages"), (*p, 0.25)):
        for u in range(n):
            for v in range(n):
                if u != v and rng.random() < prob:
                    w = float(rng.uniform(0.5, 3.0)) if weighted else None
                    net.add_relation(f"s{u}", f"s{v}", kind, weight=w)
    return net


def off_diagonal(m: np.ndarray, directed: bool) -> np.ndarray:
    n = m.shape[0]
    mask = ~np.eye(n, dtype=bool) if directed else np.tril(np.ones((n, n), dtype=bool), -1)
    return m[mask]


def p_values(observed: float, draws: np.ndarray) -> Tuple[float, float, float]:
    """sna's shares of the draws at or above, at or below, beyond in absolute value."""
    tol = TIE * max(1.0, abs(observed))
    d = draws[np.isfinite(draws)]
    return (float(np.mean(d >= observed - tol)), float(np.mean(d <= observed + tol)),
            float(np.mean(np.abs(d) >= abs(observed) - tol)))


# ----------------------------------------------------------------------------------------
# QAP


@pytest.mark.parametrize("directed", [True, False])
@pytest.mark.parametrize("weighted", [False, True])
def test_qap_correlation_is_numpys_of_the_off_diagonal_entries(directed, weighted):
    net = two_layers(12, 1, weighted=weighted)
    a, b = nm.layer_matrices(net, ["trusts", "informs"], directed=directed, weighted=weighted)
    # The matrices rebuilt here from the relations table.
    rel = net.relations
    ids = list(a.index)
    for frame, kind in ((a, "trusts"), (b, "informs")):
        expect = np.zeros((12, 12))
        sub = rel[rel["type"] == kind]
        for s, t, w in zip(sub["source"], sub["target"], sub["weight"]):
            value = (1.0 if pd.isna(w) else float(w)) if weighted else 1.0
            i, j = ids.index(s), ids.index(t)
            if weighted:
                expect[i, j] += value
                if not directed:
                    expect[j, i] += value
            else:
                expect[i, j] = 1.0
                if not directed:
                    expect[j, i] = 1.0
        np.testing.assert_allclose(frame.to_numpy(), expect)
    r = nm.qap_test(net, "trusts", "informs", directed=directed, weighted=weighted, n=50, rng=1)
    x, y = off_diagonal(a.to_numpy(), directed), off_diagonal(b.to_numpy(), directed)
    assert r.observed == pytest.approx(np.corrcoef(x, y)[0, 1], abs=1e-12)
    assert r.dyads == x.size


@pytest.mark.parametrize("directed", [True, False])
def test_qap_draws_are_the_brute_force_loop_over_the_same_permutations(directed):
    net = two_layers(9, 2, weighted=True)
    a, b = (m.to_numpy() for m in nm.layer_matrices(net, ["trusts", "informs"],
                                                    directed=directed, weighted=True))
    r = nm.qap_test(net, "trusts", "informs", directed=directed, weighted=True, n=400, rng=77)
    assert not r.exact
    x = off_diagonal(a, directed)
    draws = []
    for k in range(400):
        p = _core.stats.qap_permutation(9, 77, k)
        assert sorted(p) == list(range(9))
        draws.append(np.corrcoef(x, off_diagonal(b[np.ix_(p, p)], directed))[0, 1])
    draws_np = np.array(draws)
    np.testing.assert_allclose(r.null, draws_np, atol=1e-12)
    ge, le, ab = p_values(r.observed, draws_np)
    assert (r.p_greater_equal, r.p_less_equal, r.p_absolute) == (ge, le, ab)
    assert r.p_value == ab  # two-sided by default


@pytest.mark.parametrize("directed", [True, False])
def test_qap_is_exact_over_all_permutations_when_they_fit_in_the_draws(directed):
    net = two_layers(5, 3, p=(0.5, 0.5))
    a, b = (m.to_numpy() for m in nm.layer_matrices(net, ["trusts", "informs"],
                                                    directed=directed))
    r = nm.qap_test(net, "trusts", "informs", directed=directed, n=120, rng=1,
                    alternative="greater")
    assert r.exact and r.n == 120 and r.standard_error == 0.0
    x = off_diagonal(a, directed)
    # itertools.permutations of 0..n-1 runs in lexicographic order, the core's order.
    exact = np.array([np.corrcoef(x, off_diagonal(b[np.ix_(p, p)], directed))[0, 1]
                      for p in itertools.permutations(range(5))])
    np.testing.assert_allclose(r.null, exact, atol=1e-12)
    ge, le, ab = p_values(r.observed, exact)
    assert (r.p_greater_equal, r.p_less_equal, r.p_absolute) == (ge, le, ab)
    assert r.p_value == ge
    # 119 draws asked: 5! does not fit, so the draws are random.
    assert not nm.qap_test(net, "trusts", "informs", n=119, rng=1).exact


def test_qap_vertices_tied_keeps_the_union_of_the_stakeholders_with_ties():
    net = network(6, [(0, 1), (1, 0)], "trusts")
    net.add_relation("s2", "s3", "informs")
    net.add_relation("s1", "s3", "informs")
    a, b = nm.layer_matrices(net, ["trusts", "informs"], vertices="tied")
    assert list(a.index) == ["s0", "s1", "s2", "s3"]  # s4 and s5 have no tie
    full = nm.layer_matrices(net, ["trusts", "informs"])[0]
    assert list(full.index) == [f"s{v}" for v in range(6)]
    r = nm.qap_test(net, "trusts", "informs", vertices="tied", n=24, rng=0)
    assert r.exact and r.vertices == 4
    x, y = off_diagonal(a.to_numpy(), True), off_diagonal(b.to_numpy(), True)
    assert r.observed == pytest.approx(np.corrcoef(x, y)[0, 1], abs=1e-12)


# ----------------------------------------------------------------------------------------
# MRQAP


def ols_t(X: np.ndarray, y: np.ndarray) -> Tuple[np.ndarray, np.ndarray]:
    """Coefficients by numpy's lstsq and their t-values, as netlm computes them."""
    b, *_ = np.linalg.lstsq(X, y, rcond=None)
    resid = y - X @ b
    df = X.shape[0] - X.shape[1]
    se = np.sqrt(np.diag(np.linalg.inv(X.T @ X)) * (resid @ resid) / df)
    return b, b / se


def design(matrices: List[np.ndarray], directed: bool, intercept: bool = True) -> np.ndarray:
    cols = [off_diagonal(m, directed) for m in matrices]
    if intercept:
        cols.insert(0, np.ones_like(cols[0]))
    return np.column_stack(cols)


@pytest.mark.parametrize("directed", [True, False])
def test_mrqap_coefficients_are_least_squares_on_the_vectorised_matrices(directed):
    net = two_layers(11, 4, weighted=True)
    r = nm.mrqap(net, "informs", ["trusts", "manages"], directed=directed, weighted=True,
                 n=30, rng=2)
    y, x1, x2 = (m.to_numpy() for m in nm.layer_matrices(
        net, ["informs", "trusts", "manages"], directed=directed, weighted=True))
    X = design([x1, x2], directed)
    yv = off_diagonal(y, directed)
    b, t = ols_t(X, yv)
    np.testing.assert_allclose(r.coefficients["estimate"], b, rtol=1e-10, atol=1e-12)
    np.testing.assert_allclose(r.coefficients["t_value"], t, rtol=1e-9)
    fitted = X @ b
    mss = np.sum((fitted - fitted.mean()) ** 2)
    rss = np.sum((yv - fitted) ** 2)
    assert r.r_squared == pytest.approx(mss / (mss + rss), abs=1e-12)
    n, p = X.shape
    assert r.adjusted_r_squared == pytest.approx(1 - (1 - r.r_squared) * (n - 1) / (n - p))
    assert r.dyads == n and r.residual_df == n - p
    assert list(r.coefficients.index) == ["(intercept)", "trusts", "manages"]
    # Without an intercept, R^2 reads the fitted values about 0.
    r0 = nm.mrqap(net, "informs", ["trusts", "manages"], directed=directed, weighted=True,
                  intercept=False, n=30, rng=2)
    b0, _ = ols_t(design([x1, x2], directed, intercept=False), yv)
    np.testing.assert_allclose(r0.coefficients["estimate"], b0, rtol=1e-10, atol=1e-12)
    f0 = design([x1, x2], directed, intercept=False) @ b0
    assert r0.r_squared == pytest.approx(np.sum(f0 ** 2) / (np.sum(f0 ** 2)
                                                            + np.sum((yv - f0) ** 2)))


def dsp_draws(y: np.ndarray, xs: List[np.ndarray], directed: bool, statistic: str,
              permutations: Sequence[Sequence[int]]) -> np.ndarray:
    """Double semi-partialling written out (Dekker, Krackhardt & Snijders 2007; netlm's
    qapspp): for each term, the residual of the term on the others is permuted as a matrix
    and y regressed on the others and the permuted residual by numpy's lstsq."""
    n = y.shape[0]
    terms = [np.ones((n, n))] + xs
    yv = off_diagonal(y, directed)
    out = np.empty((len(permutations), len(terms)))
    mask = ~np.eye(n, dtype=bool) if directed else np.tril(np.ones((n, n), dtype=bool), -1)
    for j, term in enumerate(terms):
        others = [off_diagonal(t, directed) for i, t in enumerate(terms) if i != j]
        O = np.column_stack(others)
        xj = off_diagonal(term, directed)
        coef, *_ = np.linalg.lstsq(O, xj, rcond=None)
        e = np.zeros((n, n))
        e[mask] = xj - O @ coef
        if not directed:
            e = e + e.T
        for k, p in enumerate(permutations):
            z = off_diagonal(e[np.ix_(p, p)], directed)
            b, t = ols_t(np.column_stack([O, z]), yv)
            out[k, j] = t[-1] if statistic == "t" else b[-1]
    return out


@pytest.mark.parametrize("directed", [True, False])
@pytest.mark.parametrize("statistic", ["t", "beta"])
def test_mrqap_dsp_p_values_equal_a_python_dsp_over_all_permutations(directed, statistic):
    net = two_layers(5, 5, p=(0.5, 0.5), weighted=True)
    r = nm.mrqap(net, "informs", ["trusts", "manages"], directed=directed, weighted=True,
                 statistic=statistic, n=200, rng=1)
    assert r.exact and r.n == 120
    y, x1, x2 = (m.to_numpy() for m in nm.layer_matrices(
        net, ["informs", "trusts", "manages"], directed=directed, weighted=True))
    perms = list(itertools.permutations(range(5)))
    expect = dsp_draws(y, [x1, x2], directed, statistic, perms)
    np.testing.assert_allclose(r.null.to_numpy(), expect, rtol=1e-8, atol=1e-10)
    for j, term in enumerate(r.coefficients.index):
        observed = expect[0, j]  # the identity permutation: the observed fit
        ge, le, ab = p_values(observed, expect[:, j])
        row = r.coefficients.loc[term]
        assert (row["p_greater_equal"], row["p_less_equal"], row["p_absolute"]) == (ge, le, ab)


def test_mrqap_random_draws_are_the_dsp_of_their_seeds_permutations():
    net = two_layers(8, 6, weighted=True)
    r = nm.mrqap(net, "informs", ["trusts", "manages"], weighted=True, n=60, rng=9)
    assert not r.exact
    y, x1, x2 = (m.to_numpy() for m in nm.layer_matrices(
        net, ["informs", "trusts", "manages"], weighted=True))
    perms = [list(_core.stats.qap_permutation(8, 9, k)) for k in range(60)]
    np.testing.assert_allclose(r.null.to_numpy(), dsp_draws(y, [x1, x2], True, "t", perms),
                               rtol=1e-8, atol=1e-10)


def test_mrqap_refuses_collinear_and_repeated_layers():
    net = two_layers(8, 7)
    with pytest.raises(cp.InputError) as err:
        nm.mrqap(net, "informs", ["trusts", "trusts"], n=10, rng=1)
    assert err.value.where == "predictor_layers"
    for u, v in [(int(a[1:]), int(b[1:])) for a, b, t in
                 zip(net.relations["source"], net.relations["target"], net.relations["type"])
                 if t == "trusts"]:
        net.add_relation(f"s{u}", f"s{v}", "echoes")
    # "echoes" is "trusts" again under another name: collinear.
    with pytest.raises(cp.InputError) as err:
        nm.mrqap(net, "informs", ["trusts", "echoes"], n=10, rng=1)
    assert err.value.where == "predictor_layers"
    with pytest.raises(cp.InputError) as err:
        nm.mrqap(net, "informs", [], n=10, rng=1)
    assert err.value.where == "predictor_layers"


# ----------------------------------------------------------------------------------------
# CUG tests


def degree_centralization(n: int, edges: Sequence[Tuple[int, int]]) -> float:
    """Freeman degree centralization of an undirected graph, on normalized degrees:
    sum(max - c) / (n - 2), c = degree / (n - 1) (Freeman 1979)."""
    g = nx.Graph()
    g.add_nodes_from(range(n))
    g.add_edges_from(edges)
    c = np.array([d for _, d in sorted(g.degree())], dtype=float) / (n - 1)
    return float(np.sum(c.max() - c) / (n - 2))


def edgewise_reciprocity(edges: Sequence[Tuple[int, int]]) -> float:
    s = set(edges)
    return sum((v, u) in s for u, v in s) / len(s) if s else math.nan


def all_graphs(n: int, directed: bool) -> List[List[Tuple[int, int]]]:
    pairs = list(itertools.permutations(range(n), 2) if directed
                 else itertools.combinations(range(n), 2))
    return [[p for p, bit in zip(pairs, mask) if bit]
            for mask in itertools.product([0, 1], repeat=len(pairs))]


@pytest.mark.parametrize("given", ["size", "edges"])
def test_cug_p_values_match_the_exact_null_over_every_graph_of_four_stakeholders(given):
    observed_edges = [(0, 1), (0, 2), (1, 2)]  # a triangle and an isolate
    net = network(4, observed_edges)
    obs = degree_centralization(4, observed_edges)
    values = [degree_centralization(4, g) for g in all_graphs(4, False)
              if given == "size" or len(g) == 3]
    exact_ge, exact_le, _ = p_values(obs, np.array(values))
    r = nm.cug_test(net, "degree_centralization", layer="informs", directed=False,
                    given=given, n=20000, rng=3)
    assert r.observed == pytest.approx(obs, abs=1e-12)
    for estimate, exact in ((r.p_greater_equal, exact_ge), (r.p_less_equal, exact_le)):
        se = math.sqrt(exact * (1 - exact) / r.valid)
        assert abs(estimate - exact) <= 4.5 * se + 1e-12
    # The null distribution as a whole: a loose chi-square over the distinct values.
    distinct, counts = np.unique(np.round(values, 9), return_counts=True)
    drawn = np.array([np.sum(np.isclose(r.null, v, atol=1e-9)) for v in distinct])
    assert drawn.sum() == r.n
    expected = counts / counts.sum() * r.n
    chi2 = float(np.sum((drawn - expected) ** 2 / expected))
    df = len(distinct) - 1
    assert chi2 < df + 6 * math.sqrt(2 * df)


@pytest.mark.parametrize("given", ["size", "edges"])
def test_cug_reciprocity_matches_the_exact_null_over_every_digraph_of_four(given):
    observed_edges = [(0, 1), (1, 0), (1, 2), (2, 3)]
    net = network(4, observed_edges)
    obs = edgewise_reciprocity(observed_edges)
    values = np.array([edgewise_reciprocity(g) for g in all_graphs(4, True)
                       if given == "size" or len(g) == 4])
    exact_ge, exact_le, _ = p_values(obs, values)
    r = nm.cug_test(net, "reciprocity", layer="informs", given=given, n=20000, rng=4)
    assert r.observed == pytest.approx(obs)
    # Under "size" the empty graph (1 in 4096) has no reciprocity: left out.
    assert r.valid <= r.n and (given == "edges") == (r.valid == r.n)
    for estimate, exact in ((r.p_greater_equal, exact_ge), (r.p_less_equal, exact_le)):
        se = math.sqrt(exact * (1 - exact) / r.valid)
        assert abs(estimate - exact) <= 4.5 * se + 1e-12


def test_cug_given_edges_and_dyad_census_keep_them_in_every_draw():
    rng = np.random.default_rng(8)
    edges = [(u, v) for u in range(15) for v in range(15) if u != v and rng.random() < 0.15]
    n = 15
    census = _core.metrics.dyad_census(n, *map(np.asarray, zip(*edges)))
    for k in range(30):
        g = _core.stats.null_graph(n, *map(np.asarray, zip(*edges)), True, "edges", 5, k)
        assert len(set(zip(g["source"], g["target"]))) == len(edges)
        d = _core.stats.null_graph(n, *map(np.asarray, zip(*edges)), True, "dyad_census", 5, k)
        assert _core.metrics.dyad_census(n, d["source"], d["target"]) == census
        assert np.all(d["source"] != d["target"])


def test_cug_draws_are_the_measure_on_their_null_graphs():
    rng = np.random.default_rng(9)
    edges = [(u, v) for u in range(20) for v in range(20) if u != v and rng.random() < 0.12]
    net = network(20, edges)
    r = nm.cug_test(net, "betweenness_centralization", layer="informs", given="degrees",
                    n=40, rng=11)
    for k in (0, 7, 39):
        g = _core.stats.null_graph(20, *map(np.asarray, zip(*edges)), True, "degrees", 11, k)
        value = cp.metrics.edges.centralization(g["source"], g["target"], nodes=20,
                                                measure="betweenness")
        assert r.null[k] == pytest.approx(value, abs=1e-12)
        assert g["rewiring"]["changed"][0] == r.rewiring["changed"].iloc[k]


@pytest.mark.parametrize("given", ["size", "edges", "dyad_census", "degrees"])
def test_cug_draws_are_identical_for_one_two_and_four_threads(given):
    rng = np.random.default_rng(10)
    edges = [(u, v) for u in range(30) for v in range(30) if u != v and rng.random() < 0.1]
    net = network(30, edges)
    runs = [nm.cug_test(net, "betweenness_centralization", layer="informs", given=given,
                        n=50, rng=5, threads=t) for t in (1, 2, 4)]
    for r in runs[1:]:
        assert np.array_equal(r.null, runs[0].null, equal_nan=True)
        assert r.p_value == runs[0].p_value
    q = [nm.qap_test(two_layers(9, 1), "trusts", "informs", n=300, rng=5, threads=t)
         for t in (1, 2, 4)]
    assert all(np.array_equal(x.null, q[0].null) for x in q)
    m = [nm.mrqap(two_layers(9, 1), "informs", ["trusts"], n=100, rng=5, threads=t)
         for t in (1, 2, 4)]
    assert all(np.array_equal(x.null.to_numpy(), m[0].null.to_numpy()) for x in m)


@pytest.mark.parametrize("measure, given, options, where", [
    ("density", "edges", {}, "given"),
    ("density", "dyad_census", {}, "given"),
    ("density", "degrees", {}, "given"),
    ("reciprocity", "dyad_census", {}, "given"),
    ("degree_centralization", "degrees", {}, "given"),
    ("gini", "degrees", {"quantity": "degree"}, "given"),
    ("reciprocity", "size", {"directed": False}, "directed"),
    ("betweenness", "size", {}, "measure"),
    ("decision_power", "size", {}, "measure"),
    ("betweenness_centralization", "size", {"weighted": True}, "weighted"),
])
def test_cug_refuses_nulls_that_fix_the_statistic(measure, given, options, where):
    net = two_layers(8, 11)
    with pytest.raises(cp.InputError) as err:
        nm.cug_test(net, measure, layer="informs", given=given, n=10, rng=1, **options)
    assert err.value.where == where
    if where == "given":
        assert "fixed" in str(err.value)


def test_cug_accepts_what_its_null_does_not_fix():
    net = two_layers(8, 11)
    for measure, given in (("density", "size"), ("reciprocity", "edges"),
                           ("reciprocity", "degrees"), ("degree_centralization", "edges")):
        r = nm.cug_test(net, measure, layer="informs", given=given, n=20, rng=1)
        assert 0 <= r.p_greater_equal <= 1 and r.p_greater_equal + r.p_less_equal >= 1


def test_cug_progress_is_told_the_draws_and_its_error_is_raised():
    net = two_layers(30, 12, p=(0.1, 0.1))
    told: List[int] = []
    # The polls fall 50 ms apart, as many as the call lasts (none on a fast machine); the
    # last call says the end.
    nm.cug_test(net, "betweenness_centralization", layer="informs", given="edges", n=20000,
                rng=1, progress=told.append)
    assert told[-1] == 20000 and told == sorted(told) and told[0] >= 0

    class Stop(Exception):
        pass

    def stop(done: int) -> None:
        raise Stop()

    with pytest.raises(Stop):
        nm.cug_test(net, "betweenness_centralization", layer="informs", given="edges",
                    n=10**6, rng=1, progress=stop)


# ----------------------------------------------------------------------------------------
# Rewiring


def simple_graph(n: int, m: int, seed: int, directed: bool) -> List[Tuple[int, int]]:
    g = nx.gnm_random_graph(n, m, seed=seed, directed=directed)
    return list(g.edges())


def degrees_of(edges: Sequence[Tuple[int, int]], n: int, directed: bool) -> Any:
    g = (nx.DiGraph if directed else nx.Graph)()
    g.add_nodes_from(range(n))
    g.add_edges_from(edges)
    if directed:
        return sorted(g.in_degree()), sorted(g.out_degree())
    return sorted(g.degree())


def changed_share(before: Sequence[Tuple[int, int]], after: Sequence[Tuple[int, int]],
                  directed: bool) -> float:
    key = (lambda e: e) if directed else (lambda e: tuple(sorted(e)))
    b = {key(e) for e in before}
    return 1 - len(b & {key(e) for e in after}) / len(b)


@pytest.mark.parametrize("directed", [False, True])
def test_rewiring_keeps_degrees_and_mixes_as_networkx_swaps_do(directed):
    n, m = 60, 150
    ours, theirs, plateau = [], [], []
    for seed in range(8):
        edges = simple_graph(n, m, seed, directed)
        s, t = map(np.asarray, zip(*edges))
        g = _core.stats.null_graph(n, s, t, directed, "degrees", seed, 0, 10.0)
        out = list(zip(g["source"].tolist(), g["target"].tolist()))
        assert all(u != v for u, v in out)
        key = (lambda e: e) if directed else (lambda e: tuple(sorted(e)))
        assert len({key(e) for e in out}) == len(out) == m  # no tie twice
        assert degrees_of(out, n, directed) == degrees_of(edges, n, directed)
        d = g["rewiring"]
        assert d["steps"][0] == 10 * m
        assert d["changed"][0] == pytest.approx(changed_share(edges, out, directed))
        ours.append(d["changed"][0])
        long = _core.stats.null_graph(n, s, t, directed, "degrees", seed, 0, 100.0)
        plateau.append(long["rewiring"]["changed"][0])
        # The same graph through NetworkX's swaps, 10 successful swaps per edge.
        G = (nx.DiGraph if directed else nx.Graph)(edges)
        G.add_nodes_from(range(n))
        if directed:
            nx.directed_edge_swap(G, nswap=10 * m, max_tries=10**6, seed=seed)
        else:
            nx.double_edge_swap(G, nswap=10 * m, max_tries=10**6, seed=seed)
        assert degrees_of(list(G.edges()), n, directed) == degrees_of(edges, n, directed)
        theirs.append(changed_share(edges, list(G.edges()), directed))
    # Both chains have forgotten their start: the same share of ties changed as NetworkX's,
    # and as a chain ten times longer (about 0.88 here: a graph with these degrees drawn
    # afresh still shares about 12% of its ties with the original).
    assert abs(np.mean(ours) - np.mean(theirs)) < 0.03
    assert abs(np.mean(ours) - np.mean(plateau)) < 0.02


def test_rewire_returns_the_ties_with_the_layers_degrees_and_repeats_with_its_seed():
    net = cp.examples.load("twam_partners_2013")
    layer = ["informs", "refers"]
    r = nm.rewire(net, layer, rng=3)
    again = nm.rewire(net, layer, rng=r.seed)
    pd.testing.assert_frame_equal(r.relations, again.relations)
    ids, s, t, _ = cp.metrics.layer_edges(net, layer)
    before = list(zip(ids[s], ids[t]))
    after = list(zip(r.relations["source"], r.relations["target"]))
    assert sorted(set(before)) == sorted(zip(r.original["source"], r.original["target"]))
    nodes = list(ids)
    index = {v: i for i, v in enumerate(nodes)}
    assert degrees_of([(index[u], index[v]) for u, v in after], len(nodes), True) == \
        degrees_of([(index[u], index[v]) for u, v in set(before)], len(nodes), True)
    assert r.changed == pytest.approx(changed_share(list(set(before)), after, True))
    assert 0 < r.accepted <= r.steps == 10 * len(set(before))


# ----------------------------------------------------------------------------------------
# Results and docs


def test_results_show_themselves_and_plot(tmp_path):
    pytest.importorskip("matplotlib")
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    net = cp.examples.load("twam_partners_2013")
    layers = ["informs", "refers", "trusts", "learns_from", "manages"]
    c = nm.cug_test(net, "betweenness_centralization", layer=layers, given="degrees", n=50,
                    rng=1)
    q = nm.qap_test(net, "trusts", "refers", n=50, rng=1)
    m = nm.mrqap(net, "refers", ["trusts", "learns_from"], n=50, rng=1)
    w = nm.rewire(net, layers, rng=1)
    for result in (c, q, m, w):
        assert repr(result) and "<table" in result._repr_html_()
        fig, ax = plt.subplots()
        assert result.plot(ax=ax) is ax
        plt.close(fig)
    assert "P(X &gt;= observed)" in c._repr_html_()
    assert c.mixing is not None and 0 <= c.mixing[0] <= 1
    with pytest.raises(cp.InputError):
        m.plot(term="no such term")
    assert isinstance(c, NullTest) and isinstance(q, NullTest)


def test_docstring_examples_run(monkeypatch):
    stats = getattr(cp, "stats", None)
    if stats is None or not hasattr(stats, "cug_test"):
        monkeypatch.setattr(cp, "stats", types.SimpleNamespace(
            **{name: getattr(nm, name) for name in nm.__all__}), raising=False)
    failures, tried = doctest.testmod(nm, optionflags=doctest.ELLIPSIS
                                      | doctest.NORMALIZE_WHITESPACE)
    assert tried > 0 and failures == 0
