"""Fruchterman-Reingold layout speed beside igraph and NetworkX, and what each one draws.

A seeded random sparse undirected graph (average degree 4) of 1,000 and of 10,000
stakeholders, laid out in one process by this library's ``fruchterman_reingold`` (the core
function under ``cp.layout.positions``), igraph's ``Graph.layout_fruchterman_reingold`` and
NetworkX's ``spring_layout`` (also Fruchterman-Reingold), all with the same number of
iterations. Above 1,000 vertices this library sums the repulsion through a Barnes-Hut quadtree
and igraph through its grid (repulsion cut off at two edge lengths, the grid filled once from
the starting positions); NetworkX uses a dense O(n^2) step below 500 vertices and a sparse one
above. Each time is the best of ``--repeat`` runs, wall clock and CPU time (the CPU time is
the steadier on a shared machine); NetworkX is timed at 1,000 only unless
``--networkx-large`` (at 10,000 it ran for over ten minutes without finishing).

The second table reads each drawing of the largest component: the mean length of a tie over
the mean distance between two random vertices (1 for points thrown at random; lower: ties
drawn short), the 5th percentile of the distance from a vertex to its nearest neighbour over
the median (about 0.25 for points thrown at random; near 0: vertices piled on one another),
and the median distance of the component's vertices from their centroid over the width of the
whole picture (near 0: the component a dot in the picture).

Run: ``python benchmarks/bench_layout.py [--iterations 500] [--repeat 3]``.
"""

from __future__ import annotations

import argparse
import time

import igraph
import networkx as nx
import numpy as np
from scipy.spatial import cKDTree

from coproduction import _core


def sparse_graph(n: int, degree: float, seed: int) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    m = int(n * degree / 2)
    s = rng.integers(0, n, m)
    t = rng.integers(0, n, m)
    keep = s != t
    return s[keep], t[keep]


def best(f, repeat: int) -> tuple[float, float, object]:
    """Best wall-clock and best CPU seconds of `repeat` runs, and the last result."""
    wall, cpu = [], []
    out = None
    for _ in range(repeat):
        start, start_cpu = time.perf_counter(), time.process_time()
        out = f()
        wall.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    return min(wall), min(cpu), out


def drawing(xy: np.ndarray, s: np.ndarray, t: np.ndarray) -> tuple[float, float, float]:
    """(tie / random pair, nearest-neighbour 5th percentile / median, core radius / width)."""
    n = len(xy)
    g = igraph.Graph(n=n, edges=list(zip(s.tolist(), t.tolist())))
    membership = np.array(g.connected_components().membership)
    largest = np.bincount(membership).argmax()
    vertices = np.flatnonzero(membership == largest)
    p = xy[vertices]
    inside = membership[s] == largest
    tie = np.hypot(*(xy[s[inside]] - xy[t[inside]]).T).mean()
    rng = np.random.default_rng(0)
    a, b = rng.integers(0, len(p), 100_000), rng.integers(0, len(p), 100_000)
    pair = np.hypot(*(p[a] - p[b]).T).mean()
    nearest = cKDTree(p).query(p, 2)[0][:, 1]
    radius = np.median(np.hypot(*(p - p.mean(axis=0)).T))
    width = max(np.ptp(xy[:, 0]), np.ptp(xy[:, 1]))
    return tie / pair, np.percentile(nearest, 5) / np.median(nearest), radius / width


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--iterations", type=int, default=500)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--networkx-large", action="store_true")
    args = parser.parse_args()
    it = args.iterations
    print(f"Fruchterman-Reingold, {it} iterations, best of {args.repeat} "
          f"(seconds, wall clock / CPU)")
    print(f"{'n':>7} {'edges':>7} {'coproduction':>14} {'igraph':>14} {'networkx':>14} "
          f"{'igraph/ours':>12} {'networkx/ours':>14}")
    quality = []
    for n in (1_000, 10_000):
        s, t = sparse_graph(n, 4.0, seed=n)
        ours, ours_cpu, ours_xy = best(
            lambda: _core.layout.fruchterman_reingold(n, s, t, seed=1, iterations=it),
            args.repeat)
        g = igraph.Graph(n=n, edges=list(zip(s.tolist(), t.tolist())))
        theirs, theirs_cpu, layout = best(
            lambda: g.layout_fruchterman_reingold(niter=it, seed=None), args.repeat)
        rows = [("coproduction", drawing(np.asarray(ours_xy), s, t)),
                ("igraph", drawing(np.array(layout.coords), s, t))]
        nx_time = nx_cpu = float("nan")
        if n <= 1_000 or args.networkx_large:
            h = nx.Graph()
            h.add_nodes_from(range(n))
            h.add_edges_from(zip(s.tolist(), t.tolist()))
            nx_time, nx_cpu, pos = best(
                lambda: nx.spring_layout(h, iterations=it, seed=1, threshold=0),
                1 if n > 1_000 else args.repeat)
            rows.append(("networkx", drawing(np.array([pos[v] for v in range(n)]), s, t)))
        quality.append((n, rows))
        print(f"{n:>7} {len(s):>7} {ours:>6.3f} / {ours_cpu:<5.3f} {theirs:>6.3f} / "
              f"{theirs_cpu:<5.3f} {nx_time:>6.3f} / {nx_cpu:<5.3f} "
              f"{theirs / ours:>12.2f} {nx_time / ours:>14.2f}", flush=True)
    print()
    print("Drawing of the largest component")
    print(f"{'n':>7} {'library':>13} {'tie / pair':>11} {'NN p5 / p50':>12} "
          f"{'core / width':>13}")
    for n, rows in quality:
        for name, (tie, nearest, core) in rows:
            print(f"{n:>7} {name:>13} {tie:>11.3f} {nearest:>12.3f} {core:>13.3f}")


if __name__ == "__main__":
    main()
