"""The summary of many partnerships: serially, on two threads and on a two-worker dask cluster.

1,000 generated partnerships of 200 stakeholders each (seeded; stakeholders named by role and
position): about 600 typed relations, one project and 30 decisions at every stage, each held
by 3 to 12 stakeholders under a sole, unanimity, majority (with votes) or quota rule, with
rights from ``informed`` to ``decides`` for the others, so that decision power, the ladder
and the scorecard all have something to read. ``cp.batch.summary`` reads every network
(power shares by convenor, degree centralization, the ladder of the project, the principles
scorecard) three ways:

- serially (``executor="serial"``), the reference;
- on two threads (``executor="threads", workers=2``): the core runs without the GIL;
- on a ``dask.distributed.LocalCluster`` of two worker processes of one thread each, the
  networks sent to the workers as their pickles (compact JSON); the cluster's start is not
  timed.

Each run is checked to give the serial frame exactly. The table gives networks per second
and each run's speed over the serial one. Building the networks is not timed.

Run: ``python benchmarks/bench_batch.py [--networks 1000] [--stakeholders 200]
[--decisions 30] [--quick]``; ``--quick`` is 20 networks of 30 stakeholders and 8
decisions, to check that the script works.
"""

from __future__ import annotations

import argparse
import os
import time
from typing import Callable, Dict, List, Tuple

import numpy as np
import pandas as pd

import coproduction as cp

ROLES = ("museum_staff", "senior_staff", "commissioner", "funder", "researcher",
         "service_user", "carer", "volunteer", "front_line_staff", "partner_organisation")
CONVENING = ("museum_staff", "senior_staff", "commissioner", "funder")
TYPES = ("informs", "consults", "learns_from", "trusts", "collaborates", "manages", "funds",
         "cares_for", "refers")


def partnership(rng: np.random.Generator, n: int, decisions: int) -> cp.Network:
    """A partnership of ``n`` stakeholders, ~3n relations, one project, ``decisions``
    decisions."""
    net = cp.Network()
    ids: List[str] = []
    for i in range(n):
        role = ("museum_staff" if i == 0 else "service_user" if i == 1
                else ROLES[int(rng.integers(len(ROLES)))])
        group = role in ("service_user", "carer", "volunteer") and rng.random() < 0.4
        ids.append(f"{role}_{i}")
        net.add_stakeholder(ids[-1], kind="group" if group else "person", role=role,
                            size=int(rng.integers(2, 20)) if group else None,
                            convenor=role in CONVENING,
                            expertise=("lived", "learnt", "both")[int(rng.integers(3))],
                            under_served=bool(rng.random() < 0.3),
                            paid=bool(rng.random() < 0.5))
    seen = set()
    for _ in range(3 * n):
        s, t = (int(v) for v in rng.choice(n, size=2, replace=False))
        kind = TYPES[int(rng.integers(len(TYPES)))]
        if (s, t, kind) not in seen:
            seen.add((s, t, kind))
            net.add_relation(ids[s], ids[t], kind, weight=float(rng.integers(1, 5)))
    net.add_project("programme",
                    claimed=cp.network.COLLABORATION_TYPES[int(rng.integers(4))])
    for d in range(decisions):
        size = int(rng.integers(3, min(n, 12) + 1))
        holders = [ids[int(v)] for v in rng.choice(n, size=size, replace=False)]
        rights: Dict[str, str] = {h: "shared" for h in holders}
        for other in rng.choice(n, size=min(n, 20), replace=False):
            if ids[int(other)] not in rights:
                rights[ids[int(other)]] = ("informed", "consulted", "involved")[
                    int(rng.integers(3))]
        rule = ("sole", "unanimity", "majority", "quota")[d % 4]
        votes: Dict[str, int] = {}
        quota = None
        if rule == "sole":
            for h in holders[1:]:
                rights[h] = "involved"
            rights[holders[0]] = "decides"
        elif rule in ("majority", "quota"):
            votes = {h: int(rng.integers(1, 6)) for h in holders}
            if rule == "quota":
                quota = float(int(0.6 * sum(votes.values())) + 1)
        net.add_decision(f"decision_{d}", project="programme",
                         stage=cp.network.STAGES[d % 5], rights=rights, rule=rule,
                         votes=votes, quota=quota, weight=float(rng.integers(1, 4)))
    return net


def timed(run: Callable[[], pd.DataFrame]) -> Tuple[float, pd.DataFrame]:
    start = time.perf_counter()
    table = run()
    return time.perf_counter() - start, table


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--networks", type=int, default=1000)
    parser.add_argument("--stakeholders", type=int, default=200)
    parser.add_argument("--decisions", type=int, default=30)
    parser.add_argument("--seed", type=int, default=2013)
    parser.add_argument("--quick", action="store_true",
                        help="20 networks of 30 stakeholders and 8 decisions")
    args = parser.parse_args()
    if args.quick:
        args.networks, args.stakeholders, args.decisions = 20, 30, 8

    rng = np.random.default_rng(args.seed)
    start = time.perf_counter()
    nets = {f"partnership_{i:04d}": partnership(rng, args.stakeholders, args.decisions)
            for i in range(args.networks)}
    built = time.perf_counter() - start
    sample = next(iter(nets.values()))
    print(f"coproduction {cp.__version__}; {os.cpu_count()} cores; {args.networks} networks "
          f"of {args.stakeholders} stakeholders, ~{sample.num_relations} relations and "
          f"{args.decisions} decisions each (built in {built:.1f} s, not timed)")
    print(f"one network: {len(sample.to_json(indent=None)):,} bytes of JSON, pickled "
          f"{len(__import__('pickle').dumps(sample)):,} bytes, "
          f"{__import__('sys').getsizeof(sample):,} bytes in memory\n")

    rows: List[Tuple[str, float]] = []
    serial_s, reference = timed(lambda: cp.batch.summary(nets, executor="serial"))
    rows.append(("serial", serial_s))
    threads_s, threaded = timed(lambda: cp.batch.summary(nets, executor="threads", workers=2))
    pd.testing.assert_frame_equal(threaded, reference)
    rows.append(("2 threads", threads_s))

    from dask.distributed import Client, LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                      dashboard_address=None) as cluster, Client(cluster) as client:
        client.run(lambda: __import__("coproduction") and None)  # import before the clock
        cluster_s, clustered = timed(lambda: cp.batch.summary(nets, executor=client))
    pd.testing.assert_frame_equal(clustered, reference)
    rows.append(("LocalCluster, 2 processes", cluster_s))

    print(f"{'run':<28} {'seconds':>9} {'networks/s':>11} {'speed-up':>9}")
    print("-" * 60)
    for name, seconds in rows:
        print(f"{name:<28} {seconds:>9.2f} {args.networks / seconds:>11.1f} "
              f"{serial_s / seconds:>8.2f}x")
    print("\nEvery run gave the serial frame exactly. speed-up: serial time over the run's.")


if __name__ == "__main__":
    main()
