"""Relationship-structure measures from edge arrays (``cp.metrics.edges``).

Checked against NetworkX (overall_reciprocity, reciprocity, constraint, effective_size),
igraph (dyad census), plain-Python brute-force implementations of the definitions written
here (Krackhardt's dimensions, the E-I index, Gould-Fernandez role counts), the exact moments
of brokerage counts under a Bernoulli digraph found by enumerating pairs of two-paths, and
Hypothesis properties.
"""

from __future__ import annotations

import doctest
import itertools
import math
from typing import Dict, List, Optional, Sequence, Tuple

import numpy as np
import pandas as pd
import pytest

nx = pytest.importorskip("networkx")
ig = pytest.importorskip("igraph")
pytest.importorskip("hypothesis")
from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

import coproduction  # noqa: E402
from coproduction.metrics import edges as edge_api  # noqa: E402
from coproduction.metrics.edges import (  # noqa: E402
    ROLES,
    brokerage,
    constraint,
    dyad_census,
    effective_size,
    ei_index,
    hierarchy,
    reciprocity,
    reciprocity_by_type,
    vertex_reciprocity,
)

TOL = 1e-9
Edges = List[Tuple[int, int]]


def _arrays(edges: Sequence[Tuple[int, int]]) -> Tuple[np.ndarray, np.ndarray]:
    s = np.array([e[0] for e in edges], dtype=np.int64)
    t = np.array([e[1] for e in edges], dtype=np.int64)
    return s, t


def random_digraph(n: int, p: float, seed: int) -> Edges:
    g = nx.gnp_random_graph(n, p, seed=seed, directed=True)
    return list(g.edges())


def with_duplicates(edges: Edges, seed: int) -> Edges:
    """The edges with some repeated and a few self-loops: the same simple graph."""
    rng = np.random.default_rng(seed)
    out = list(edges)
    for e in edges:
        if rng.random() < 0.3:
            out.append(e)
    for v in {e[0] for e in edges[:3]}:
        out.append((v, v))
    order = rng.permutation(len(out))
    return [out[i] for i in order]


DIGRAPHS = {
    "sparse": (30, 0.08, 1),
    "medium": (25, 0.2, 2),
    "dense": (12, 0.6, 3),
    "tiny": (5, 0.3, 4),
}


def same(a: float, b: float, tol: float = TOL) -> bool:
    if math.isnan(a) or math.isnan(b):
        return math.isnan(a) and math.isnan(b)
    return abs(a - b) <= tol


# ---------------------------------------------------------------------------------------
# The simple graph


def test_parallel_edges_are_one_tie_whose_weight_is_their_sum() -> None:
    # 0->1 twice (weights 1 and 2), 1->0, a self-loop at 2: the simple graph is 0->1 of
    # weight 3 and 1->0 of weight 1, whatever order the edges come in.
    s, t, w = [0, 0, 1, 2], [1, 1, 0, 2], [1.0, 2.0, 1.0, 5.0]
    groups = ["a", "b", "a"]
    merged = ei_index([0, 1], [1, 0], [3.0, 1.0], nodes=3, groups=groups)
    noisy = ei_index(s, t, w, nodes=3, groups=groups)
    pd.testing.assert_series_equal(noisy.network, merged.network)
    assert noisy.network["external"] == 4.0  # 3 + 1, both ties cross the groups
    # Undirected: 0-1 three times is one edge of weight 4; Burt's measures read it so.
    pd.testing.assert_series_equal(constraint(s, t, w, nodes=3, directed=False),
                                   constraint([0], [1], [4.0], nodes=3, directed=False))
    assert dyad_census(s, t, nodes=3).tolist() == [1, 0, 2]


@pytest.mark.parametrize("name", sorted(DIGRAPHS))
def test_duplicates_and_self_loops_do_not_change_any_measure(name: str) -> None:
    n, p, seed = DIGRAPHS[name]
    edges = random_digraph(n, p, seed)
    noisy = with_duplicates(edges, seed)
    s, t = _arrays(edges)
    s2, t2 = _arrays(noisy)
    groups = [v % 3 for v in range(n)]
    assert dyad_census(s, t, nodes=n).equals(dyad_census(s2, t2, nodes=n))
    pd.testing.assert_series_equal(hierarchy(s, t, nodes=n), hierarchy(s2, t2, nodes=n))
    pd.testing.assert_frame_equal(
        brokerage(s, t, nodes=n, groups=groups).observed,
        brokerage(s2, t2, nodes=n, groups=groups).observed,
    )
    pd.testing.assert_frame_equal(
        ei_index(s, t, nodes=n, groups=groups).vertices,
        ei_index(s2, t2, nodes=n, groups=groups).vertices,
    )
    pd.testing.assert_series_equal(constraint(s, t, nodes=n), constraint(s2, t2, nodes=n))


# ---------------------------------------------------------------------------------------
# Reciprocity


@pytest.mark.parametrize("name", sorted(DIGRAPHS))
def test_reciprocity_matches_networkx(name: str) -> None:
    n, p, seed = DIGRAPHS[name]
    edges = with_duplicates(random_digraph(n, p, seed), seed)
    s, t = _arrays(edges)
    g = nx.DiGraph()
    g.add_nodes_from(range(n))
    g.add_edges_from((u, v) for u, v in edges if u != v)  # a DiGraph keeps one edge per pair
    assert abs(reciprocity(s, t, nodes=n) - nx.overall_reciprocity(g)) <= TOL
    expected = nx.reciprocity(g, list(g.nodes()))
    got = vertex_reciprocity(s, t, nodes=n)
    for v in range(n):
        want = math.nan if expected[v] is None else expected[v]
        assert same(got[v], want), (v, got[v], want)


@pytest.mark.parametrize("name", sorted(DIGRAPHS))
def test_dyad_census_matches_igraph(name: str) -> None:
    n, p, seed = DIGRAPHS[name]
    edges = random_digraph(n, p, seed)
    s, t = _arrays(edges)
    census = dyad_census(s, t, nodes=n)
    mutual, asymmetric, null = ig.Graph(n=n, edges=edges, directed=True).dyad_census()
    assert (census["mutual"], census["asymmetric"], census["null"]) == (mutual, asymmetric, null)
    # sna's grecip measures from the census (Butts 2008).
    m, a, z = float(mutual), float(asymmetric), float(null)
    assert same(reciprocity(s, t, nodes=n, measure="dyadic"), (m + z) / (m + a + z))
    assert same(reciprocity(s, t, nodes=n, measure="dyadic_nonnull"), m / (m + a))
    lrr = math.log(m * (m + a + z) / (m + a / 2) ** 2) if m else -math.inf
    assert reciprocity(s, t, nodes=n, measure="edgewise_lrr") == pytest.approx(lrr, abs=TOL)


def test_reciprocity_by_hand() -> None:
    # 0 <-> 1, 1 -> 2, 2 -> 3: M = 1, A = 2, N = 3.
    s, t = [0, 1, 1, 2], [1, 0, 2, 3]
    assert dyad_census(s, t, nodes=4).tolist() == [1, 2, 3]
    assert reciprocity(s, t, nodes=4) == pytest.approx(2 / 4)
    assert reciprocity(s, t, nodes=4, measure="dyadic") == pytest.approx(4 / 6)
    assert math.isnan(reciprocity([], [], nodes=3))
    assert reciprocity([0], [1], nodes=3, measure="edgewise_lrr") == -math.inf


def test_reciprocity_by_type_matches_networkx_per_layer() -> None:
    rng = np.random.default_rng(7)
    n = 20
    kinds = np.array(["informs", "consults", "learns_from", "trusts"])
    edges = random_digraph(n, 0.25, 7)
    types = kinds[rng.integers(0, len(kinds), len(edges))]
    s, t = _arrays(edges)
    table = reciprocity_by_type(s, t, types, nodes=n)
    assert sorted(table.index) == sorted(set(types.tolist()))
    for kind in table.index:
        g = nx.DiGraph()
        g.add_nodes_from(range(n))
        g.add_edges_from(e for e, k in zip(edges, types) if k == kind)
        assert abs(table.loc[kind, "edgewise"] - nx.overall_reciprocity(g)) <= TOL
        assert table.loc[kind, ["mutual", "asymmetric", "null"]].sum() == n * (n - 1) // 2


# ---------------------------------------------------------------------------------------
# Krackhardt's dimensions: brute force from the definitions


def brute_krackhardt(n: int, edges: Edges, directed: bool = True) -> Dict[str, float]:
    g = nx.DiGraph()
    g.add_nodes_from(range(n))
    for u, v in edges:
        if u != v:
            g.add_edge(u, v)
            if not directed:
                g.add_edge(v, u)
    reach = {u: set(nx.descendants(g, u)) | {u} for u in g}  # reflexive reachability
    weak = list(nx.weakly_connected_components(g))
    pairs = n * (n - 1) / 2
    joined = sum(len(c) * (len(c) - 1) / 2 for c in weak)
    connectedness = joined / pairs if pairs else math.nan

    mutual = one_way = 0
    for i, j in itertools.combinations(range(n), 2):
        if j in reach[i] and i in reach[j]:
            mutual += 1
        elif j in reach[i] or i in reach[j]:
            one_way += 1
    hierarchy = one_way / (mutual + one_way) if mutual + one_way else math.nan

    ties = g.number_of_edges() if directed else g.number_of_edges() // 2
    needed = sum(len(c) - 1 for c in weak)
    if directed:
        room = sum((len(c) - 1) ** 2 for c in weak)
    else:
        room = sum((len(c) - 1) * (len(c) - 2) / 2 for c in weak)
    efficiency = 1 - (ties - needed) / room if room else math.nan

    violations = 0
    lub_room = 0.0
    for c in weak:
        if len(c) < 3:
            continue
        lub_room += (len(c) - 1) * (len(c) - 2) / 2
        for i, j in itertools.combinations(sorted(c), 2):
            bounds = [k for k in range(n) if i in reach[k] and j in reach[k]]
            least = any(all(l in reach[k] for k in bounds) for l in bounds)
            violations += not least
    lub = 1 - violations / lub_room if lub_room else math.nan
    return {
        "connectedness": connectedness,
        "hierarchy": hierarchy,
        "efficiency": efficiency,
        "least_upper_boundedness": lub,
    }


@pytest.mark.parametrize("directed", [True, False])
@pytest.mark.parametrize("seed", range(12))
def test_krackhardt_matches_the_definitions(seed: int, directed: bool) -> None:
    rng = np.random.default_rng(seed)
    n = int(rng.integers(2, 14))
    p = float(rng.uniform(0.05, 0.35))
    edges = random_digraph(n, p, seed)
    s, t = _arrays(edges)
    got = hierarchy(s, t, nodes=n, directed=directed)
    want = brute_krackhardt(n, edges, directed)
    for key, value in want.items():
        assert same(got[key], value), (key, got[key], value)


def test_krackhardt_published_and_extreme_cases() -> None:
    # Krackhardt (1994): an out-tree scores 1 on all four dimensions.
    tree = nx.balanced_tree(2, 3, create_using=nx.DiGraph)  # edges point away from the root
    s, t = _arrays(list(tree.edges()))
    assert hierarchy(s, t, nodes=tree.number_of_nodes()).tolist() == [1.0, 1.0, 1.0, 1.0]
    # Every relation returned on five vertices: hierarchy 0, efficiency 1 - (20 - 4) / 16 = 0.
    full = [(u, v) for u in range(5) for v in range(5) if u != v]
    s, t = _arrays(full)
    assert hierarchy(s, t, nodes=5).tolist() == [1.0, 0.0, 0.0, 1.0]


# ---------------------------------------------------------------------------------------
# E-I index: brute force


def brute_ei(
    n: int,
    edges: Edges,
    weights: Optional[Sequence[float]],
    groups: Sequence[int],
    directed: bool,
    ties: str,
) -> Tuple[Tuple[float, float], Dict[int, Tuple[float, float]], List[Tuple[float, float]]]:
    """(I, E) of the network, of each group and of each vertex, from the definitions."""
    tie: Dict[Tuple[int, int], float] = {}
    for k, (u, v) in enumerate(edges):
        if u == v:
            continue
        key = (u, v) if directed else (min(u, v), max(u, v))
        tie[key] = tie.get(key, 0.0) + (1.0 if weights is None else weights[k])
    if weights is None:
        tie = {k: 1.0 for k in tie}
    if not directed:
        ties = "all"
    net = [0.0, 0.0]
    grp = {g: [0.0, 0.0] for g in set(groups)}
    vert = [[0.0, 0.0] for _ in range(n)]
    for (u, v), w in tie.items():
        inside = groups[u] == groups[v]
        net[0 if inside else 1] += w
        if inside:
            grp[groups[u]][0] += w
        else:
            if ties != "in":
                grp[groups[u]][1] += w
            if ties != "out":
                grp[groups[v]][1] += w
        ends = []
        if not directed:
            ends = [u, v]
        else:
            if ties != "in":
                ends.append(u)
            if ties != "out":
                ends.append(v)
        for x in ends:
            vert[x][0 if inside else 1] += w
    return (
        (net[0], net[1]),
        {g: (a, b) for g, (a, b) in grp.items()},
        [(a, b) for a, b in vert],
    )


def _ei(i: float, e: float) -> float:
    return (e - i) / (e + i) if e + i else math.nan


@pytest.mark.parametrize("ties", ["all", "out", "in"])
@pytest.mark.parametrize("directed", [True, False])
@pytest.mark.parametrize("weighted", [False, True])
@pytest.mark.parametrize("seed", range(4))
def test_ei_index_matches_the_definition(
    seed: int, weighted: bool, directed: bool, ties: str
) -> None:
    rng = np.random.default_rng(100 + seed)
    n = int(rng.integers(3, 20))
    edges = with_duplicates(random_digraph(n, 0.2, seed), seed)
    weights = rng.uniform(0.5, 3.0, len(edges)).tolist() if weighted else None
    labels = np.array(["convenor", "partner", "service_user"])[rng.integers(0, 3, n)]
    s, t = _arrays(edges)
    result = ei_index(s, t, weights, nodes=n, directed=directed, groups=labels, ties=ties)
    codes = {g: k for k, g in enumerate(dict.fromkeys(labels.tolist()))}
    net, grp, vert = brute_ei(n, edges, weights, [codes[x] for x in labels], directed, ties)
    assert same(result.network["internal"], net[0]) and same(result.network["external"], net[1])
    assert same(result.network["ei"], _ei(*net))
    assert list(result.groups.index) == list(codes)  # first appearance
    for label, code in codes.items():
        i, e = grp[code]
        row = result.groups.loc[label]
        assert same(row["internal"], i) and same(row["external"], e)
        assert same(row["ei"], _ei(i, e))
        size = int((labels == label).sum())
        assert row["size"] == size
        # Expected: the complete graph's index, pairs counted as arcs.
        both = 2 if ties == "all" or not directed else 1
        assert same(row["expected"], _ei(size * (size - 1), both * size * (n - size)))
    for v in range(n):
        i, e = vert[v]
        assert same(result.vertices["ei"].iloc[v], _ei(i, e))
    within = sum(c * (c - 1) for c in pd.Series(labels).value_counts())
    assert same(result.network["expected"], _ei(within, n * (n - 1) - within))


# ---------------------------------------------------------------------------------------
# Gould-Fernandez brokerage


def brute_roles(n: int, edges: Edges, groups: Sequence[int]) -> List[List[int]]:
    """Role counts per broker from the definition, in ROLES order."""
    arcs = {(u, v) for u, v in edges if u != v}
    counts = [[0] * 6 for _ in range(n)]
    for a in range(n):
        for v in range(n):
            for b in range(n):
                if len({a, v, b}) < 3 or (a, v) not in arcs or (v, b) not in arcs:
                    continue
                if (a, b) in arcs:
                    continue
                ga, gv, gb = groups[a], groups[v], groups[b]
                if ga == gv == gb:
                    role = 0  # coordinator
                elif ga == gb:
                    role = 1  # itinerant
                elif ga == gv:
                    role = 2  # representative
                elif gb == gv:
                    role = 3  # gatekeeper
                else:
                    role = 4  # liaison
                counts[v][role] += 1
                counts[v][5] += 1
    return counts


def role_of(groups: Sequence[int], a: int, v: int, b: int) -> int:
    ga, gv, gb = groups[a], groups[v], groups[b]
    if ga == gv == gb:
        return 0
    if ga == gb:
        return 1
    if ga == gv:
        return 2
    if gb == gv:
        return 3
    return 4


def exact_moments(d: float, triples: List[Tuple[int, int, int]]) -> Tuple[float, float]:
    """Mean and variance of the number of open two-paths among `triples` when every arc is
    present independently with probability d, by enumerating every pair of two-paths."""
    p = d * d * (1 - d)
    variance = 0.0
    for x in triples:
        px = {(x[0], x[1]), (x[1], x[2])}
        for y in triples:
            present = px | {(y[0], y[1]), (y[1], y[2])}
            absent = {(x[0], x[2]), (y[0], y[2])}
            both = 0.0 if present & absent else d ** len(present) * (1 - d) ** len(absent)
            variance += both - p * p
    return len(triples) * p, variance


def test_brokerage_counts_match_brute_force() -> None:
    for seed in range(6):
        rng = np.random.default_rng(200 + seed)
        n = int(rng.integers(4, 18))
        edges = with_duplicates(random_digraph(n, float(rng.uniform(0.1, 0.4)), seed), seed)
        groups = rng.integers(0, int(rng.integers(1, 5)), n).tolist()
        s, t = _arrays(edges)
        result = brokerage(s, t, nodes=n, groups=groups)
        want = brute_roles(n, edges, groups)
        assert result.observed.to_numpy().tolist() == [[float(x) for x in row] for row in want]
        assert result.network["observed"].tolist() == [float(sum(c)) for c in zip(*want)]
        arcs = len({(u, v) for u, v in edges if u != v})
        assert result.density == pytest.approx(arcs / (n * (n - 1)))


def test_brokerage_moments_are_exact_per_broker() -> None:
    # sna's per-broker moments equal the exact mean and variance of each count when every
    # arc is present with probability d independently.
    groups = [0, 0, 0, 1, 1, 2, 0]
    n = len(groups)
    edges = random_digraph(n, 0.3, 11)
    s, t = _arrays(edges)
    result = brokerage(s, t, nodes=n, groups=groups)
    d = result.density
    triples = [(a, v, b) for v in range(n) for a in range(n) for b in range(n)
               if len({a, v, b}) == 3]
    for v in range(n):
        for k, role in enumerate(ROLES):
            chosen = [x for x in triples if x[1] == v and (k == 5 or role_of(groups, *x) == k)]
            mean, variance = exact_moments(d, chosen)
            assert result.expected.loc[v, role] == pytest.approx(mean, abs=1e-12)
            assert result.sd.loc[v, role] == pytest.approx(math.sqrt(variance), abs=1e-12)
            sd = result.sd.loc[v, role]
            if sd > 0:
                z = (result.observed.loc[v, role] - mean) / sd
                assert result.z.loc[v, role] == pytest.approx(z, abs=1e-9)
            else:
                assert math.isnan(result.z.loc[v, role])


def sna_network_variance(n: Sequence[float], d: float) -> List[float]:
    """The whole-network variances of R sna's brokerage() (models.R), transcribed here."""
    N = float(sum(n))
    p = d * d * (1 - d)
    q3, q4, q5 = d**3 * (1 - d) ** 3, d**4 * (1 - d) ** 2, d**5 * (1 - d)
    e1 = p * sum(x * (x - 1) * (x - 2) for x in n)
    v1 = e1 * (1 - p) + sum(
        x * (x - 1) * (x - 2) * ((4 * x - 10) * q3 - 4 * (x - 3) * q4 + (x - 3) * q5) for x in n
    )
    e2 = p * sum(x * (N - x) * (x - 1) for x in n)
    outer = sum(
        x * y * (x - 1) * ((2 * x + 2 * y - 6) * q3 + (N - x - 1) * q5) for x in n for y in n
    )
    diag = sum(x * x * (x - 1) * ((4 * x - 6) * q3 + (N - x - 1) * q5) for x in n)
    v2 = e2 * (1 - p) + outer - diag
    e3 = p * sum(x * (N - x) * (x - 1) for x in n)
    v3 = e3 * (1 - p) + sum(x * (N - x) * (x - 1) * ((N - 3) * q3 + (x - 2) * q5) for x in n)
    e5 = p * (sum(x * y * (N - x - y) for x in n for y in n) - sum(x * x * (N - 2 * x) for x in n))
    v5 = e5 * (1 - p)
    for i, j, k in itertools.permutations(range(len(n)), 3):
        v5 += n[i] * n[j] * n[k] * (
            (4 * (N - n[j]) - 2 * (n[i] + n[k] + 1)) * q3
            - (4 * (N - n[k]) - 2 * (n[i] + n[j] + 1)) * q4
            + (N - (n[i] + n[k] + 1)) * q5
        )
    e6 = p * N * (N - 1) * (N - 2)
    v6 = e6 * (1 - p) + N * (N - 1) * (N - 2) * (
        (4 * N - 10) * q3 - 4 * (N - 3) * q4 + (N - 3) * q5
    )
    return [v1, v2, v3, v3, v5, v6]


def test_brokerage_network_moments() -> None:
    groups = [0, 0, 0, 1, 1, 2, 0]
    n = len(groups)
    edges = random_digraph(n, 0.3, 11)
    s, t = _arrays(edges)
    result = brokerage(s, t, nodes=n, groups=groups)
    d = result.density
    triples = [(a, v, b) for v in range(n) for a in range(n) for b in range(n)
               if len({a, v, b}) == 3]
    sizes = [4, 2, 1]  # groups 0, 1, 2 of [0, 0, 0, 1, 1, 2, 0]
    sna = sna_network_variance(sizes, d)
    for k, role in enumerate(ROLES):
        chosen = [x for x in triples if k == 5 or role_of(groups, *x) == k]
        mean, variance = exact_moments(d, chosen)
        assert result.network.loc[role, "expected"] == pytest.approx(mean, abs=1e-12)
        assert result.network.loc[role, "sd"] ** 2 == pytest.approx(sna[k], abs=1e-12)
        if role in ("itinerant", "liaison"):
            # sna's network variance is exact for these two roles...
            assert sna[k] == pytest.approx(variance, abs=1e-9)
    # ...but not for the total: per two-path a->v->b, 4N - 10 others cannot be open with it
    # (each needs a->b, or lacks a->v or v->b: a->v'->v, v->v'->b, a->b->b', a'->a->b, with
    # a->b->v and v->a->b in two of those lists), each adding -p^2 to the variance; sna
    # subtracts 4(N - 3) of them, so its variance exceeds the exact one by
    # 2 N(N-1)(N-2) p^2, p = d^2 (1 - d).
    mean, variance = exact_moments(d, triples)
    p = d * d * (1 - d)
    assert sna[5] - variance == pytest.approx(2 * n * (n - 1) * (n - 2) * p * p, abs=1e-9)


def test_brokerage_needs_direction() -> None:
    with pytest.raises(coproduction.InputError) as info:
        brokerage([0, 1], [1, 2], nodes=3, directed=False, groups=[0, 0, 1])
    assert info.value.where == "directed"


# ---------------------------------------------------------------------------------------
# Burt's constraint and effective size


def _nx_graph(
    n: int, edges: Edges, weights: Optional[Sequence[float]], directed: bool
) -> "nx.Graph":
    g = nx.DiGraph() if directed else nx.Graph()
    g.add_nodes_from(range(n))
    for k, (u, v) in enumerate(edges):
        if u == v:
            continue
        w = 1.0 if weights is None else weights[k]
        if g.has_edge(u, v):
            g[u][v]["weight"] += w
        else:
            g.add_edge(u, v, weight=w)
    return g


@pytest.mark.parametrize("weighted", [False, True])
def test_burt_matches_networkx_undirected(weighted: bool) -> None:
    karate = nx.karate_club_graph()
    edges = list(karate.edges())
    weights = [float(karate[u][v]["weight"]) for u, v in edges] if weighted else None
    n = karate.number_of_nodes()
    s, t = _arrays(edges)
    g = _nx_graph(n, edges, weights, directed=False)
    key = "weight" if weighted else None
    c = constraint(s, t, weights, nodes=n, directed=False)
    e = effective_size(s, t, weights, nodes=n, directed=False)
    # nodes= selects NetworkX's direct implementation of Burt's formulas; its sparse-matrix
    # path (taken when scipy is installed and nodes is None) gives other values on weighted
    # and directed graphs, so it is not the reference here.
    want_c = nx.constraint(g, nodes=list(g), weight=key)
    want_e = nx.effective_size(g, nodes=list(g), weight=key)
    for v in range(n):
        assert same(c[v], want_c[v]), (v, c[v], want_c[v])
        assert same(e[v], want_e[v]), (v, e[v], want_e[v])


@pytest.mark.parametrize("weighted", [False, True])
@pytest.mark.parametrize("seed", range(3))
def test_burt_matches_networkx_directed(seed: int, weighted: bool) -> None:
    rng = np.random.default_rng(300 + seed)
    n = 25
    edges = with_duplicates(random_digraph(n, 0.12, seed), seed)
    edges.append((n - 1, 0))  # make sure some vertex has in-ties only below
    weights = rng.uniform(0.5, 4.0, len(edges)).tolist() if weighted else None
    s, t = _arrays(edges)
    g = _nx_graph(n, edges, weights, directed=True)
    key = "weight" if weighted else None
    c = constraint(s, t, weights, nodes=n, directed=True)
    e = effective_size(s, t, weights, nodes=n, directed=True)
    # nodes= selects NetworkX's direct implementation of Burt's formulas; its sparse-matrix
    # path (taken when scipy is installed and nodes is None) gives other values on weighted
    # and directed graphs, so it is not the reference here.
    want_c = nx.constraint(g, nodes=list(g), weight=key)
    want_e = nx.effective_size(g, nodes=list(g), weight=key)
    # NetworkX's loop (without scipy) marks a vertex with no successor as isolated even when
    # it has predecessors; compare where it does not.
    for v in range(n):
        if g.out_degree(v) > 0:
            assert same(c[v], want_c[v]), (v, c[v], want_c[v])
            assert same(e[v], want_e[v]), (v, e[v], want_e[v])
    # Every vertex: the measures read mutual weights a_uv + a_vu only, so they equal
    # NetworkX's on the undirected graph weighted by those sums.
    mutual = nx.Graph()
    mutual.add_nodes_from(range(n))
    for u, v, data in g.edges(data=True):
        w = data["weight"] if weighted else 1.0
        if mutual.has_edge(u, v):
            mutual[u][v]["weight"] += w
        else:
            mutual.add_edge(u, v, weight=w)
    want_c = nx.constraint(mutual, nodes=list(mutual), weight="weight")
    want_e = nx.effective_size(mutual, nodes=list(mutual), weight="weight")
    for v in range(n):
        assert same(c[v], want_c[v]), (v, c[v], want_c[v])
        assert same(e[v], want_e[v]), (v, e[v], want_e[v])


def test_burt_by_hand() -> None:
    # Star 0 - {1, 2, 3} with 1 - 2 and an isolate 4: c_0 = 1/4 + 1/4 + 1/9 = 11/18 and
    # effective size 3 - 2 * 1 / 3 (Borgatti's n - 2t/n).
    c = constraint([0, 0, 0, 1], [1, 2, 3, 2], nodes=5, directed=False)
    e = effective_size([0, 0, 0, 1], [1, 2, 3, 2], nodes=5, directed=False)
    assert c[0] == pytest.approx(11 / 18) and c[3] == pytest.approx(1.0)
    assert e[0] == pytest.approx(7 / 3) and e[1] == pytest.approx(1.0)
    assert math.isnan(c[4]) and math.isnan(e[4])


# ---------------------------------------------------------------------------------------
# Properties


@st.composite
def digraphs(draw: st.DrawFn, max_n: int = 9) -> Tuple[int, Edges]:
    n = draw(st.integers(min_value=0, max_value=max_n))
    if n == 0:
        return 0, []
    pair = st.tuples(st.integers(0, n - 1), st.integers(0, n - 1))
    return n, draw(st.lists(pair, max_size=3 * n))


@settings(max_examples=80, deadline=None)
@given(digraphs(), st.booleans())
def test_every_index_stays_in_range(graph: Tuple[int, Edges], directed: bool) -> None:
    n, edges = graph
    s, t = _arrays(edges)
    for value in hierarchy(s, t, nodes=n, directed=directed):
        assert math.isnan(value) or 0.0 <= value <= 1.0
    if n == 0:
        return
    groups = [v % 3 for v in range(n)]
    result = ei_index(s, t, nodes=n, directed=directed, groups=groups)
    for value in [result.network["ei"], *result.groups["ei"], *result.vertices["ei"]]:
        assert math.isnan(value) or -1.0 - 1e-12 <= value <= 1.0 + 1e-12
    if directed:
        for measure in ("edgewise", "dyadic", "dyadic_nonnull"):
            value = reciprocity(s, t, nodes=n, measure=measure)
            assert math.isnan(value) or 0.0 <= value <= 1.0
        values = vertex_reciprocity(s, t, nodes=n)
        assert ((values >= 0) & (values <= 1) | values.isna()).all()


@settings(max_examples=30, deadline=None)
@given(st.integers(min_value=2, max_value=12))
def test_complete_mutual_digraph(n: int) -> None:
    full = [(u, v) for u in range(n) for v in range(n) if u != v]
    s, t = _arrays(full)
    dims = hierarchy(s, t, nodes=n)
    assert dims["hierarchy"] == 0.0
    assert dims["connectedness"] == 1.0
    assert reciprocity(s, t, nodes=n) == 1.0
    assert (vertex_reciprocity(s, t, nodes=n) == 1.0).all()


@settings(max_examples=40, deadline=None)
@given(digraphs(max_n=8))
def test_brokerage_roles_add_up(graph: Tuple[int, Edges]) -> None:
    n, edges = graph
    if n == 0:
        return
    s, t = _arrays(edges)
    groups = [v % 2 for v in range(n)]
    result = brokerage(s, t, nodes=n, groups=groups)
    observed = result.observed.to_numpy()
    assert np.array_equal(observed[:, :5].sum(axis=1), observed[:, 5])
    assert (observed >= 0).all() and (observed[:, 5] <= (n - 1) * (n - 2)).all()
    assert result.observed.to_numpy().tolist() == [
        [float(x) for x in row] for row in brute_roles(n, edges, groups)
    ]


# ---------------------------------------------------------------------------------------
# Results and errors


def test_results_are_indexed_by_ids_and_labels() -> None:
    ids = ["curator", "outreach", "support_worker", "womens_group"]
    sectors = pd.Series(["museum", "museum", "health", "community"], index=ids)
    s, t = [0, 1, 1, 2, 3], [1, 0, 2, 3, 0]
    src, dst = [ids[i] for i in s], [ids[i] for i in t]
    result = ei_index(src, dst, groups=sectors, nodes=ids)
    assert list(result.vertices.index) == ids and result.vertices.index.name == "stakeholder"
    assert result.vertices["group"].tolist() == sectors.tolist()
    assert list(result.groups.index) == ["museum", "health", "community"]
    # Positions and ids give the same numbers; a Series of groups is aligned by id, so its
    # order does not matter.
    by_position = ei_index(s, t, groups=sectors.tolist(), nodes=4)
    shuffled = ei_index(src, dst, groups=sectors.iloc[::-1], nodes=ids)
    np.testing.assert_array_equal(by_position.vertices["ei"], result.vertices["ei"])
    pd.testing.assert_frame_equal(shuffled.vertices, result.vertices)
    b = brokerage(src, dst, groups=dict(sectors), nodes=ids)
    assert list(b.observed.index) == ids and list(b.observed.columns) == list(ROLES)
    assert list(b.group_size.index) == ["museum", "health", "community"]
    assert list(constraint(src, dst, nodes=ids).index) == ids
    assert constraint(s, t).index.name == "stakeholder"  # positions: a RangeIndex of 4


def test_a_missing_group_is_not_coded_and_comes_last() -> None:
    # None, NaN and pd.NA all mean "no group recorded": one group, "not coded", never an
    # error, numbered after every coded group.
    s, t = [0, 1, 2, 3], [1, 2, 3, 0]
    for missing in (None, math.nan, pd.NA):
        result = ei_index(s, t, groups=["a", missing, "b", missing], nodes=4)
        assert list(result.groups.index) == ["a", "b", "not coded"]
        assert result.groups.loc["not coded", "size"] == 2
        assert result.vertices["group"].tolist() == ["a", "not coded", "b", "not coded"]
        # Every tie joins two different groups: 0-1, 1-2, 2-3 and 3-0.
        assert result.network["ei"] == 1.0
    # A Series keyed by id that leaves a stakeholder out leaves it not coded too.
    ids = ["w", "x", "y", "z"]
    partial = pd.Series({"w": "a", "y": "b"})
    b = brokerage([ids[i] for i in s], [ids[i] for i in t], groups=partial, nodes=ids)
    assert b.group_size.to_dict() == {"a": 1, "b": 1, "not coded": 2}


@pytest.mark.parametrize(
    "call, where",
    [
        (lambda: reciprocity([0, 1], [1], nodes=3), "target"),
        (lambda: reciprocity([0, 1], [1, 3], nodes=3), "target"),
        (lambda: reciprocity([0.5], [1]), "source"),
        (lambda: reciprocity([], [], nodes=-1), "nodes"),
        (lambda: reciprocity([0], [1], measure="mutual"), "measure"),
        (lambda: reciprocity([0], [1], directed=False), "directed"),
        (lambda: vertex_reciprocity([0], [1], directed=False), "directed"),
        (lambda: constraint([0, 1], [1, 2], [1.0, -2.0]), "weight"),
        (lambda: constraint([0, 1], [1, 2], [1.0, math.nan]), "weight"),
        (lambda: constraint([0, 1], [1, 2], [1.0]), "weight"),
        (lambda: constraint([0, 1], [1, 2], ["heavy", "light"]), "weight"),
        (lambda: constraint(["a"], ["zz"], nodes=["a", "b"]), "target"),
        (lambda: constraint(["a"], ["b"], nodes=["a", "b", "a"]), "nodes"),
        (lambda: ei_index([0], [1], nodes=3, groups=["a", "b"]), "groups"),
        (lambda: ei_index([0], [1], nodes=2, groups=pd.Series({"x": "a"})), "groups"),
        (lambda: ei_index([0], [1], nodes=3, groups=["a", "a", "b"], ties="both"), "ties"),
        (lambda: brokerage([0], [1], nodes=2, groups=[["a"], ["b"]]), "groups"),
        (lambda: reciprocity_by_type([0, 1], [1, 2], ["a"]), "types"),
    ],
)
def test_bad_input_raises_input_error(call, where: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(coproduction.InputError) as info:
        call()
    assert info.value.where == where
    assert isinstance(info.value, ValueError)
    assert str(info.value).startswith(f"[coproduction.input.{where}] {where}: ")


def test_core_checks_its_own_input() -> None:
    # The compiled functions validate what they are given, whoever calls them.
    core = coproduction._core.metrics
    with pytest.raises(coproduction.InputError) as info:
        core.constraint(3, np.array([0, 1]), np.array([1, 7]), None, True)
    assert info.value.where == "target"
    with pytest.raises(coproduction.InputError) as info:
        core.brokerage(3, np.array([0]), np.array([1]), True, np.array([0, 1, 2]), 2)
    assert info.value.where == "groups"
    with pytest.raises(coproduction.InputError) as info:
        core.reciprocity(3, np.array([0]), np.array([1]), "mutual")
    assert info.value.where == "measure"
    with pytest.raises(coproduction.InputError) as info:
        core.reciprocity_by(3, np.array([0, 1]), np.array([1, 2]), np.array([0, 2]), 2)
    assert info.value.where == "types"


def test_docstring_examples() -> None:
    result = doctest.testmod(edge_api, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.attempted > 0 and result.failed == 0
