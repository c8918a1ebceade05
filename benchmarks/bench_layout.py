"""Fruchterman-Reingold layout speed beside igraph and NetworkX.

A seeded random sparse undirected graph (average degree 4) of 1,000 and of 10,000
stakeholders, laid out in one process by this library's ``fruchterman_reingold`` (the core
function under ``cp.layout.positions``), igraph's ``Graph.layout_fruchterman_reingold`` and
NetworkX's ``spring_layout`` (also Fruchterman-Reingold), all with the same number of
iterations. igraph and this library switch to the grid variant above 1,000 vertices;
NetworkX uses a dense O(n^2) step below 500 vertices and a sparse one above. Each time is the
best of ``--repeat`` runs; NetworkX is timed at 1,000 only unless ``--networkx-large`` (at
10,000 it ran for over ten minutes without finishing).

Run: ``python benchmarks/bench_layout.py [--iterations 500] [--repeat 3]``.
"""

from __future__ import annotations

import argparse
import time

import igraph
import networkx as nx
import numpy as np

from coproduction import _core


def sparse_graph(n: int, degree: float, seed: int) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    m = int(n * degree / 2)
    s = rng.integers(0, n, m)
    t = rng.integers(0, n, m)
    keep = s != t
    return s[keep], t[keep]


def best(f, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        f()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--iterations", type=int, default=500)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--networkx-large", action="store_true")
    args = parser.parse_args()
    it = args.iterations
    print(f"Fruchterman-Reingold, {it} iterations, best of {args.repeat} (seconds)")
    print(f"{'n':>7} {'edges':>7} {'coproduction':>13} {'igraph':>9} {'networkx':>9} "
          f"{'igraph/ours':>12} {'networkx/ours':>14}")
    for n in (1_000, 10_000):
        s, t = sparse_graph(n, 4.0, seed=n)
        ours = best(lambda: _core.layout.fruchterman_reingold(n, s, t, seed=1, iterations=it),
                    args.repeat)
        g = igraph.Graph(n=n, edges=list(zip(s.tolist(), t.tolist())))
        theirs = best(lambda: g.layout_fruchterman_reingold(niter=it, seed=None),
                      args.repeat)
        nx_time = float("nan")
        if n <= 1_000 or args.networkx_large:
            h = nx.Graph()
            h.add_nodes_from(range(n))
            h.add_edges_from(zip(s.tolist(), t.tolist()))
            nx_time = best(lambda: nx.spring_layout(h, iterations=it, seed=1, threshold=0),
                           1 if n > 1_000 else args.repeat)
        print(f"{n:>7} {len(s):>7} {ours:>13.3f} {theirs:>9.3f} {nx_time:>9.3f} "
              f"{theirs / ours:>12.2f} {nx_time / ours:>14.2f}", flush=True)


if __name__ == "__main__":
    main()
