"""A CUG test of betweenness centralization under degree-preserving rewiring, beside NetworkX
and graph-tool.

One seeded random directed layer of 1,000 stakeholders and 5,000 relations (no self-loops,
no repeated ties). The test draws 1,000 graphs with the layer's in- and out-degrees, each by
a chain of 10 proposed double-edge swaps per tie (one in eight a triangle reversal), and
computes Freeman betweenness centralization on each: the whole test is timed here with one
thread and with two.

Peers, doing the same loop (rewire the observed graph, then betweenness and its
centralization):

- NetworkX: ``nx.directed_edge_swap`` (10 successful swaps per edge) on a copy of the graph
  and ``nx.betweenness_centralization``'s ingredients (``nx.betweenness_centrality``, then
  Freeman's sum), timed on a few draws and scaled to 1,000 (a full run would take hours).
- graph-tool: ``random_rewire(model="configuration", n_iter=10, edge_sweep=True)`` (in- and
  out-degrees kept, no self-loops or parallel edges) and ``betweenness``, in a subprocess of
  Debian's /usr/bin/python3 (python3-graph-tool) when ``import graph_tool`` works there,
  with OpenMP on one thread and on two (its betweenness runs its sources in parallel);
  otherwise the benchmark says it is absent.

The observed centralization is checked against NetworkX's before any time is printed.

Run: ``python benchmarks/bench_cug.py [--quick]``.
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

import coproduction as cp
from coproduction import _stats_null_models as null_models


def random_digraph(n: int, m: int, seed: int) -> tuple:
    rng = np.random.default_rng(seed)
    s = rng.integers(0, n, 3 * m)
    t = rng.integers(0, n, 3 * m)
    keep = s != t
    pairs = np.unique(np.stack([s[keep], t[keep]], axis=1), axis=0)
    pairs = pairs[rng.permutation(len(pairs))[:m]]
    return pairs[:, 0].copy(), pairs[:, 1].copy()


def network_of(n: int, s: np.ndarray, t: np.ndarray) -> cp.Network:
    net = cp.Network()
    for v in range(n):
        net.add_stakeholder(f"s{v}")
    for u, v in zip(s.tolist(), t.tolist()):
        net.add_relation(f"s{u}", f"s{v}", "informs")
    return net


def freeman_betweenness(scores: np.ndarray) -> float:
    """Freeman centralization of normalized directed betweenness: the star's sum is n - 1."""
    return float(np.sum(scores.max() - scores) / (len(scores) - 1))


def networkx_draw_seconds(n: int, s: np.ndarray, t: np.ndarray, draws: int) -> tuple:
    import networkx as nx

    g = nx.DiGraph()
    g.add_nodes_from(range(n))
    g.add_edges_from(zip(s.tolist(), t.tolist()))
    observed = freeman_betweenness(np.array(list(nx.betweenness_centrality(g).values())))
    start = time.perf_counter()
    for k in range(draws):
        h = g.copy()
        nx.directed_edge_swap(h, nswap=10 * h.number_of_edges(), max_tries=10**8, seed=k)
        freeman_betweenness(np.array(list(nx.betweenness_centrality(h).values())))
    return (time.perf_counter() - start) / draws, observed


GRAPH_TOOL_SCRIPT = r"""
import json, sys, time
import numpy as np
import graph_tool.all as gt
data = np.load(sys.argv[1])
n, s, t, draws = int(data["n"]), data["s"], data["t"], int(sys.argv[2])
g = gt.Graph(directed=True)
g.add_vertex(n)
g.add_edge_list(np.stack([s, t], axis=1))
gt.openmp_set_num_threads(int(sys.argv[3]))
start = time.perf_counter()
for k in range(draws):
    h = g.copy()
    gt.random_rewire(h, model="configuration", n_iter=10, edge_sweep=True)
    b = gt.betweenness(h)[0].a
    (b.max() - b).sum() / (n - 1)
print(json.dumps({"seconds_per_draw": (time.perf_counter() - start) / draws}))
"""


def graph_tool_draw_seconds(n: int, s: np.ndarray, t: np.ndarray, draws: int,
                            threads: int) -> tuple:
    python = "/usr/bin/python3"
    probe = subprocess.run([python, "-c", "import graph_tool"], capture_output=True)
    if probe.returncode != 0:
        return None, "graph-tool is not installed (apt-get install python3-graph-tool)"
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "edges.npz")
        np.savez(path, n=n, s=s, t=t)
        run = subprocess.run([python, "-c", GRAPH_TOOL_SCRIPT, path, str(draws), str(threads)],
                             capture_output=True, text=True)
    if run.returncode != 0:
        return None, "graph-tool failed: " + run.stderr.strip().splitlines()[-1]
    return json.loads(run.stdout)["seconds_per_draw"], ""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="100 draws, 1 NetworkX draw")
    args = parser.parse_args()
    n, m = 1000, 5000
    draws = 100 if args.quick else 1000
    nx_draws = 1 if args.quick else 3
    s, t = random_digraph(n, m, seed=2024)
    net = network_of(n, s, t)

    times = {}
    results = {}
    for threads in (1, 2):
        start = time.perf_counter()
        cpu = time.process_time()
        results[threads] = null_models.cug_test(
            net, "betweenness_centralization", layer="informs", given="degrees", n=draws,
            rng=7, threads=threads, progress=False)
        times[threads] = (time.perf_counter() - start, time.process_time() - cpu)
    assert np.array_equal(results[1].null, results[2].null), "threads changed the draws"

    nx_seconds, nx_observed = networkx_draw_seconds(n, s, t, nx_draws)
    observed = results[1].observed
    assert abs(nx_observed - observed) < 1e-9, (nx_observed, observed)
    gt = {k: graph_tool_draw_seconds(n, s, t, 3 if args.quick else 20, k) for k in (1, 2)}

    print(f"CUG test of betweenness centralization, given degrees: {n} stakeholders, {m} "
          f"relations, {draws} draws of {10 * m} proposed swaps each "
          f"({os.cpu_count()} cores here)")
    print(f"  observed {observed:.4f}, P(X >= obs) = {results[1].p_greater_equal:.3f}, "
          f"P(X <= obs) = {results[1].p_less_equal:.3f}; mean share of ties rewired "
          f"{results[1].mixing[0]:.3f} (at half the chain {results[1].mixing[1]:.3f})")
    for threads in (1, 2):
        wall, cpu = times[threads]
        print(f"  coproduction, {threads} thread{'s' if threads > 1 else ''}: {wall:8.2f} s "
              f"wall ({1000 * wall / draws:.1f} ms per draw), {cpu:.2f} s CPU")
    print(f"  1 -> 2 threads: {times[1][0] / times[2][0]:.2f}x faster (wall clock; the "
          f"machine is shared, so read it as a lower bound)")
    nx_total = nx_seconds * draws
    print(f"  NetworkX (directed_edge_swap + betweenness_centrality), timed on {nx_draws} "
          f"draw{'s' if nx_draws > 1 else ''} and scaled to {draws}: {nx_total:8.1f} s "
          f"({nx_seconds:.2f} s per draw)")
    print(f"  coproduction (1 thread) is {nx_total / times[1][0]:.0f}x faster than NetworkX; "
          f"(2 threads) {nx_total / times[2][0]:.0f}x")
    if gt[1][0] is None:
        print(f"  graph-tool: {gt[1][1]}")
        return
    for threads in (1, 2):
        seconds = gt[threads][0]
        print(f"  graph-tool (random_rewire + betweenness, OpenMP on {threads} "
              f"thread{'s' if threads > 1 else ''}): {seconds * draws:8.2f} s scaled to {draws} "
              f"draws ({1000 * seconds:.1f} ms per draw)")
    for ours, theirs in ((1, 1), (2, 2), (2, 1)):
        print(f"  coproduction on {ours} thread{'s' if ours > 1 else ''} over graph-tool on "
              f"{theirs}: {times[ours][0] / (gt[theirs][0] * draws):.2f}x "
              f"(the target is at most 0.2x)")

if __name__ == "__main__":
    sys.exit(main())
