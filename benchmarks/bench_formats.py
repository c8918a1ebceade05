"""Writing and reading GraphML and GEXF, beside NetworkX and igraph, in one run.

One seeded network of ``--size`` relations (default 1,000,000; four relation types, weights)
among ``--stakeholders`` stakeholders (kind, role and paid coded) is written and read back by
this library (``cp.write_graphml`` / ``cp.read_graphml``, ``cp.write_gexf`` /
``cp.read_gexf``: C++, one buffer, every value checked on reading and every relation
validated into a network), by igraph (``Graph.write_graphml`` / ``Graph.Read_GraphML``; igraph
has no GEXF) and by NetworkX (``write_graphml`` / ``read_graphml``, ``write_gexf`` /
``read_gexf``) holding the same data (a ``MultiDiGraph`` with edge keys ``r0``, ``r1``, ...).
Each library reads the file it wrote. Prints seconds (best of ``--repeat`` for this library and
igraph, one run for NetworkX), file sizes and each peer's time over ours at the same size.

NetworkX takes minutes at a million relations; ``--peer-size`` runs the peers on a smaller
network of that many relations (drawn the same way). Ratios are then taken against this
library's own times on that smaller network, which the script also measures, so no time is
extrapolated; the output says which size each row ran at.

Targets: at least 10 times NetworkX and no slower than igraph, writing and reading.

Run: ``python benchmarks/bench_formats.py [--size 1000000] [--peer-size N] [--repeat 3]``.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from typing import Callable, Dict, List, Tuple

import numpy as np
import pandas as pd

import coproduction as cp


def frames(relations: int, stakeholders: int, seed: int = 2013) -> Tuple[pd.DataFrame, pd.DataFrame]:
    """Stakeholders and a relation list with one relation per (source, target, type)."""
    rng = np.random.default_rng(seed)
    ids = np.array([f"s{i}" for i in range(stakeholders)], dtype=object)
    # A few percent more rows than asked, so that `relations` are left once repeats go.
    rows = int(relations * 1.02) + 16
    source = rng.integers(0, stakeholders, rows)
    target = (source + rng.integers(1, stakeholders, rows)) % stakeholders
    types = np.array(["informs", "trusts", "refers", "learns_from"], dtype=object)
    frame = pd.DataFrame({"source": ids[source], "target": ids[target],
                          "type": types[rng.integers(0, 4, rows)],
                          "weight": np.round(rng.random(rows) + 0.1, 6)})
    frame = frame.drop_duplicates(["source", "target", "type"], ignore_index=True).iloc[:relations]
    roles = np.array(["service_user", "front_line_staff", "commissioner", "volunteer"], dtype=object)
    people = pd.DataFrame({"id": ids, "kind": "person", "role": roles[rng.integers(0, 4, stakeholders)],
                           "paid": rng.random(stakeholders) < 0.5})
    return people, frame


def best(run: Callable[[], object], repeat: int) -> float:
    times: List[float] = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times)


def ours(people: pd.DataFrame, frame: pd.DataFrame, folder: str, repeat: int) -> Dict[str, float]:
    net = cp.from_frames(people, frame)
    out: Dict[str, float] = {}
    for kind, write, read in (("GraphML", cp.write_graphml, cp.read_graphml),
                              ("GEXF", cp.write_gexf, cp.read_gexf)):
        path = os.path.join(folder, f"ours.{kind.lower()}")
        out[f"{kind} write"] = best(lambda: write(net, path), repeat)
        out[f"{kind} read"] = best(lambda: read(path), repeat)
        assert read(path) == net
        out[f"{kind} MB"] = os.path.getsize(path) / 1e6
    return out


def with_igraph(people: pd.DataFrame, frame: pd.DataFrame, folder: str, repeat: int) -> Dict[str, float]:
    import igraph as ig

    g = ig.Graph.DataFrame(frame, directed=True, vertices=people, use_vids=False)
    path = os.path.join(folder, "igraph.graphml")
    out = {"GraphML write": best(lambda: g.write_graphml(path), repeat),
           "GraphML read": best(lambda: ig.Graph.Read_GraphML(path), repeat),
           "GraphML MB": os.path.getsize(path) / 1e6}
    assert ig.Graph.Read_GraphML(path).ecount() == len(frame)
    return out


def with_networkx(people: pd.DataFrame, frame: pd.DataFrame, folder: str) -> Dict[str, float]:
    import networkx as nx

    g = nx.from_pandas_edgelist(frame.assign(key=[f"r{i}" for i in range(len(frame))]),
                                edge_attr=["type", "weight"], edge_key="key",
                                create_using=nx.MultiDiGraph)
    g.add_nodes_from((row.id, {"kind": row.kind, "role": row.role, "paid": bool(row.paid)})
                     for row in people.itertuples())
    out: Dict[str, float] = {}
    for kind, write, read in (("GraphML", nx.write_graphml, nx.read_graphml),
                              ("GEXF", nx.write_gexf, nx.read_gexf)):
        path = os.path.join(folder, f"networkx.{kind.lower()}")
        out[f"{kind} write"] = best(lambda: write(g, path), 1)
        start = time.perf_counter()
        back = read(path)
        out[f"{kind} read"] = time.perf_counter() - start
        assert back.number_of_edges() == len(frame)
        out[f"{kind} MB"] = os.path.getsize(path) / 1e6
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--size", type=int, default=1_000_000, help="relations (this library)")
    parser.add_argument("--peer-size", type=int, default=None,
                        help="relations for NetworkX and igraph (default: --size)")
    parser.add_argument("--stakeholders", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--skip-networkx", action="store_true")
    args = parser.parse_args()
    peer_size = args.size if args.peer_size is None else args.peer_size
    results: Dict[Tuple[str, int], Dict[str, float]] = {}
    with tempfile.TemporaryDirectory() as folder:
        for size in sorted({args.size, peer_size}, reverse=True):
            people, frame = frames(size, args.stakeholders)
            print(f"network: {len(frame):,} relations among {len(people):,} stakeholders")
            results[("coproduction", size)] = ours(people, frame, folder, args.repeat)
            if size == peer_size:
                try:
                    results[("igraph", size)] = with_igraph(people, frame, folder, args.repeat)
                except ImportError as error:
                    print(f"igraph: not installed ({error})")
                if not args.skip_networkx:
                    try:
                        results[("networkx", size)] = with_networkx(people, frame, folder)
                    except ImportError as error:
                        print(f"networkx: not installed ({error})")
    if peer_size != args.size:
        print(f"\nThe peers ran on {peer_size:,} relations, this library on {args.size:,} and on "
              f"{peer_size:,}; ratios compare equal sizes (nothing is extrapolated).")
    print(f"\n{'library':<14}{'relations':>11}{'operation':>16}{'seconds':>10}{'MB':>8}"
          f"{'peer / ours':>13}")
    verdicts: List[str] = []
    for (library, size), times in results.items():
        mine = results[("coproduction", size)]
        for op in ("GraphML write", "GraphML read", "GEXF write", "GEXF read"):
            if op not in times:
                continue
            kind = op.split()[0]
            ratio = "" if library == "coproduction" else f"{times[op] / mine[op]:.1f}"
            print(f"{library:<14}{size:>11,}{op:>16}{times[op]:>10.2f}{times[f'{kind} MB']:>8.0f}"
                  f"{ratio:>13}")
            if library == "networkx":
                verdicts.append(f"{op} vs NetworkX: {times[op] / mine[op]:.1f}x (target >= 10x): "
                                f"{'met' if times[op] >= 10 * mine[op] else 'not met'}")
            if library == "igraph":
                verdicts.append(f"{op} vs igraph: {times[op] / mine[op]:.2f}x (target >= 1x): "
                                f"{'met' if times[op] >= mine[op] else 'not met'}")
    print()
    for line in verdicts:
        print(line)


if __name__ == "__main__":
    main()
