"""Centrality speed beside igraph, graph-tool and NetworkX.

One seeded random directed graph of 10,000 vertices and 50,000 edges (no self-loops, no
repeated edges); degree, closeness, betweenness and PageRank are timed here with one thread
and with every core, in python-igraph, and in graph-tool (Debian's python3-graph-tool, which
runs under the system /usr/bin/python3: it is timed in a subprocess that reads the same edge
list from a temporary file). NetworkX, far slower, is timed on a 2,000-vertex graph of the same
density, and this library on that graph too for the ratio. Each time is the best of a few runs
and includes Freeman centralization where the measure has one (PageRank has none). The scores
are checked against igraph's before any time is printed.

Run: ``python benchmarks/bench_centrality.py [--quick]``.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time

import numpy as np

from coproduction.metrics.edges import centrality as centrality_from_edges, centralization_from_scores

MEASURES = ("degree", "closeness", "betweenness", "pagerank")


def random_digraph(n: int, m: int, seed: int) -> tuple:
    rng = np.random.default_rng(seed)
    s = rng.integers(0, n, 3 * m)
    t = rng.integers(0, n, 3 * m)
    keep = s != t
    pairs = np.unique(np.stack([s[keep], t[keep]], axis=1), axis=0)
    pairs = pairs[rng.permutation(len(pairs))[:m]]
    return pairs[:, 0].copy(), pairs[:, 1].copy()


def best_of(repeats: int, f):
    best, value = float("inf"), None
    for _ in range(repeats):
        start = time.perf_counter()
        value = f()
        best = min(best, time.perf_counter() - start)
    return best, value


def cpu_of(repeats: int, f) -> float:
    """Best process CPU time (all threads): on a shared machine, less disturbed by other work
    than the wall clock."""
    best = float("inf")
    for _ in range(repeats):
        start = time.process_time()
        f()
        best = min(best, time.process_time() - start)
    return best


def ours(n, s, t, measure, threads):
    kwargs = {"threads": threads} if measure in ("closeness", "betweenness") else {}
    if measure == "closeness":
        # Closeness on reachable vertices without the Wasserman-Faust factor, as igraph
        # computes it, so that the scores can be compared; the work is the same.
        kwargs["wf_improved"] = False
    scores = centrality_from_edges(s, t, measure=measure, nodes=n, **kwargs)
    if measure != "pagerank":
        centralization_from_scores(scores, measure=measure, directed=True)
    return scores.to_numpy()


def igraph_scores(graph, measure):
    n = graph.vcount()
    if measure == "degree":
        x = np.array(graph.degree(mode="all"), dtype=float) / (n - 1)
    elif measure == "closeness":
        x = np.nan_to_num(np.array(graph.closeness(mode="in"), dtype=float))
    elif measure == "betweenness":
        x = np.array(graph.betweenness(directed=True)) / ((n - 1) * (n - 2))
    else:
        return np.array(graph.pagerank(directed=True, damping=0.85))
    (x.max() - x).sum()  # the centralization sum, as ours includes it
    return x


GRAPH_TOOL_SCRIPT = r"""
import json, os, sys, time
import numpy as np
import graph_tool.all as gt
data = np.load(sys.argv[1])
n, s, t = int(data["n"]), data["s"], data["t"]
g = gt.Graph(directed=True)
g.add_vertex(n)
g.add_edge_list(np.stack([s, t], axis=1))
def best_of(repeats, f):
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter(); f(); best = min(best, time.perf_counter() - start)
    return best
repeats = json.loads(sys.argv[2])
out = {}
for key, threads in (("1", 1), ("all", os.cpu_count() or 1)):
    gt.openmp_set_num_threads(threads)
    out[key] = {
        "degree": best_of(repeats["degree"], lambda: g.get_total_degrees(g.get_vertices())),
        "closeness": best_of(repeats["closeness"], lambda: gt.closeness(g)),
        "betweenness": best_of(repeats["betweenness"], lambda: gt.betweenness(g)),
        "pagerank": best_of(repeats["pagerank"], lambda: gt.pagerank(g)),
    }
print(json.dumps(out))
"""


def graph_tool_times(n, s, t, repeats):
    python = "/usr/bin/python3"
    probe = subprocess.run([python, "-c", "import graph_tool"], capture_output=True)
    if probe.returncode != 0:
        return None, "graph-tool is not installed (apt-get install python3-graph-tool)"
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "edges.npz")
        np.savez(path, n=n, s=s, t=t)
        run = subprocess.run([python, "-c", GRAPH_TOOL_SCRIPT, path, json.dumps(repeats)],
                             capture_output=True, text=True)
    if run.returncode != 0:
        return None, "graph-tool failed: " + run.stderr.strip().splitlines()[-1]
    return json.loads(run.stdout), ""


def networkx_times(n, s, t, repeats):
    import networkx as nx

    g = nx.DiGraph()
    g.add_nodes_from(range(n))
    g.add_edges_from(zip(s.tolist(), t.tolist()))
    try:
        import scipy  # noqa: F401

        pagerank = nx.pagerank
    except ImportError:
        from networkx.algorithms.link_analysis.pagerank_alg import _pagerank_python as pagerank
    f = {
        "degree": lambda: nx.degree_centrality(g),
        "closeness": lambda: nx.closeness_centrality(g),
        "betweenness": lambda: nx.betweenness_centrality(g),
        "pagerank": lambda: pagerank(g),
    }
    return {m: best_of(repeats[m], f[m])[0] for m in MEASURES}


def fmt(x):
    if x is None:
        return "n/a"
    return f"{x * 1000:9.1f} ms" if x < 1 else f"{x:9.2f} s "


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="1,000 and 400 vertices")
    args = parser.parse_args()
    n, m, n_small = (1000, 5000, 400) if args.quick else (10_000, 50_000, 2000)
    repeats = {"degree": 5, "closeness": 2, "betweenness": 1, "pagerank": 3}

    import igraph as ig

    s, t = random_digraph(n, m, seed=2024)
    graph = ig.Graph(n=n, edges=np.stack([s, t], axis=1).tolist(), directed=True)
    cores = os.cpu_count() or 1
    print(f"graph: {n} vertices, {len(s)} directed edges, seed 2024; {cores} cores")

    rows = {}
    for measure in MEASURES:
        t1, x1 = best_of(repeats[measure], lambda: ours(n, s, t, measure, 1))
        ta, xa = best_of(repeats[measure], lambda: ours(n, s, t, measure, 0))
        ti, xi = best_of(repeats[measure], lambda: igraph_scores(graph, measure))
        assert np.allclose(xa, x1, rtol=0, atol=1e-12), measure
        if measure == "pagerank":  # igraph solves exactly: compare a tight iteration
            x1 = centrality_from_edges(s, t, measure="pagerank", nodes=n, tol=1e-13,
                                       max_iter=10_000).to_numpy()
        assert np.allclose(x1, xi, rtol=0, atol=1e-9), measure
        rows[measure] = {"ours_1": t1, "ours_all": ta, "igraph": ti,
                         "ours_1_cpu": cpu_of(repeats[measure], lambda: ours(n, s, t, measure, 1)),
                         "igraph_cpu": cpu_of(repeats[measure],
                                              lambda: igraph_scores(graph, measure))}

    gt_times, gt_note = graph_tool_times(n, s, t, repeats)

    print()
    header = (f"{'measure':<12}{'ours 1 thr':>13}{'ours all':>13}{'igraph':>13}"
              f"{'gt 1 thr':>13}{'gt all':>13}{'igraph/ours1':>14}{'igraph/ours_all':>17}")
    print(header)
    print("-" * len(header))
    for measure in MEASURES:
        r = rows[measure]
        g1 = gt_times["1"][measure] if gt_times else None
        ga = gt_times["all"][measure] if gt_times else None
        print(f"{measure:<12}{fmt(r['ours_1']):>13}{fmt(r['ours_all']):>13}{fmt(r['igraph']):>13}"
              f"{fmt(g1):>13}{fmt(ga):>13}{r['igraph'] / r['ours_1']:>13.2f}x"
              f"{r['igraph'] / r['ours_all']:>16.2f}x")
    if gt_note:
        print(gt_note)
    print()
    print("CPU time with one thread (less disturbed by other work on a shared machine)")
    print(f"{'measure':<12}{'ours':>13}{'igraph':>13}{'igraph/ours':>13}")
    for measure in MEASURES:
        r = rows[measure]
        print(f"{measure:<12}{fmt(r['ours_1_cpu']):>13}{fmt(r['igraph_cpu']):>13}"
              f"{r['igraph_cpu'] / r['ours_1_cpu']:>12.2f}x")

    s2, t2 = random_digraph(n_small, n_small * m // n, seed=2025)
    nx_times = networkx_times(n_small, s2, t2, {k: 1 for k in MEASURES})
    print()
    print(f"NetworkX, {n_small} vertices, {len(s2)} edges")
    print(f"{'measure':<12}{'ours 1 thr':>13}{'ours all':>13}{'networkx':>13}"
          f"{'nx/ours1':>11}{'nx/ours_all':>13}")
    for measure in MEASURES:
        t1, _ = best_of(3, lambda: ours(n_small, s2, t2, measure, 1))
        ta, _ = best_of(3, lambda: ours(n_small, s2, t2, measure, 0))
        print(f"{measure:<12}{fmt(t1):>13}{fmt(ta):>13}{fmt(nx_times[measure]):>13}"
              f"{nx_times[measure] / t1:>10.0f}x{nx_times[measure] / ta:>12.0f}x")


if __name__ == "__main__":
    sys.exit(main())
