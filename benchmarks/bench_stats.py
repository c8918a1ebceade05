"""Permutation tests and the bootstrap beside numpy and scipy.

Two jobs, each run by this library and by its peers on the same data in the same run:

1. A permutation test of the Gini gap between two groups of 5,000 values each (10,000
   values, lognormal, the second group slightly more unequal, so that the p-value is not at
   its floor and the answers can be compared): 10,000 random relabellings. Peers: a
   vectorised numpy version (relabellings in batches of 100 as a matrix of permuted indices,
   each group's Gini coefficient from its sorted rows) and ``scipy.stats.permutation_test``
   (``vectorized=True``, the same Gini function, batches of 100).
2. The bootstrap of the Gini coefficient of 10,000 values: 10,000 resamples and the 95%
   percentile interval. Peer: ``scipy.stats.bootstrap`` (``vectorized=True``,
   ``method="percentile"``, batches of 100 resamples so that memory stays bounded).

This library runs on every core (``threads=0``, the default) and takes the best of
``--repeats`` runs; each peer runs once. The table gives each time and the ratio of the
peer's time to ours (higher: this library is faster), and checks that the answers agree: the
p-values within four Monte Carlo standard errors, the interval ends within a tenth of the
bootstrap standard error (their Monte Carlo error with 10,000 draws is about a twentieth).

Run: ``python benchmarks/bench_stats.py [--values 10000] [--draws 10000] [--repeats 2]``.
"""

from __future__ import annotations

import argparse
import os
import time
from typing import Callable, Tuple

import numpy as np

import coproduction as cp
from coproduction import _stats_resampling as rs


def gini_rows(x: np.ndarray, axis: int = -1) -> np.ndarray:
    """The Gini coefficient along ``axis``: G = (2 sum_i i x_(i) - (n + 1) T) / (n T)."""
    x = np.sort(x, axis=axis)
    n = x.shape[axis]
    ranks = np.arange(1, n + 1, dtype=float)
    total = np.sum(x, axis=axis)
    return (2 * np.sum(ranks * x, axis=axis) - (n + 1) * total) / (n * total)


def gini_gap(x: np.ndarray, y: np.ndarray, axis: int = -1) -> np.ndarray:
    return gini_rows(y, axis) - gini_rows(x, axis)


def timed(f: Callable[[], object], repeats: int = 1) -> Tuple[float, object]:
    best, value = float("inf"), None
    for _ in range(repeats):
        start = time.perf_counter()
        value = f()
        best = min(best, time.perf_counter() - start)
    return best, value


def numpy_permutation(a: np.ndarray, b: np.ndarray, draws: int, seed: int) -> float:
    """Two-sided p-value of the Gini gap, relabellings as rows of permuted indices."""
    rng = np.random.default_rng(seed)
    pooled = np.concatenate([a, b])
    observed = gini_gap(a, b)
    extreme_high = extreme_low = 0
    done = 0
    while done < draws:
        batch = min(100, draws - done)
        order = rng.permuted(np.tile(np.arange(pooled.size), (batch, 1)), axis=1)
        shuffled = pooled[order]
        null = gini_gap(shuffled[:, : a.size], shuffled[:, a.size:])
        extreme_high += int(np.sum(null >= observed))
        extreme_low += int(np.sum(null <= observed))
        done += batch
    return min(1.0, 2 * min(extreme_high + 1, extreme_low + 1) / (draws + 1))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--values", type=int, default=10_000)
    parser.add_argument("--draws", type=int, default=10_000)
    parser.add_argument("--repeats", type=int, default=2)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    from scipy import stats

    rng = np.random.default_rng(args.seed)
    half = args.values // 2
    a = rng.lognormal(0.0, 0.8, half)
    b = rng.lognormal(0.0, 0.82, args.values - half)
    values = np.concatenate([a, b])
    groups = np.repeat([0, 1], [a.size, b.size])

    print(f"coproduction {cp.__version__}; {os.cpu_count()} cores; {args.values:,} values, "
          f"{args.draws:,} draws; ours best of {args.repeats}\n")
    header = f"{'job':<44} {'seconds':>9} {'ratio':>8}   answer"
    print(header)
    print("-" * (len(header) + 30))

    # 1. The permutation test of the Gini gap.
    t_ours, ours = timed(lambda: rs.permutation_test(
        values, groups, statistic="gini_gap", n=args.draws, rng=args.seed, progress=False),
        args.repeats)
    se = max(ours.standard_error, 1 / args.draws)
    print(f"{'permutation test, Gini gap: coproduction':<44} {t_ours:>9.3f} {'':>8}   "
          f"p = {ours.p_value:.4f} +- {ours.standard_error:.4f}", flush=True)
    t_np, p_np = timed(lambda: numpy_permutation(a, b, args.draws, args.seed))
    agree = "agree" if abs(p_np - ours.p_value) <= 4 * se + 2 / args.draws else "DISAGREE"
    print(f"{'  vectorised numpy':<44} {t_np:>9.3f} {t_np / t_ours:>7.1f}x   "
          f"p = {p_np:.4f} ({agree})", flush=True)
    t_sp, theirs = timed(lambda: stats.permutation_test(
        (a, b), gini_gap, permutation_type="independent", vectorized=True,
        n_resamples=args.draws, batch=100, rng=np.random.default_rng(args.seed)))
    agree = ("agree" if abs(theirs.pvalue - ours.p_value) <= 4 * se + 2 / args.draws
             else "DISAGREE")
    print(f"{'  scipy.stats.permutation_test':<44} {t_sp:>9.3f} {t_sp / t_ours:>7.1f}x   "
          f"p = {theirs.pvalue:.4f} ({agree})", flush=True)

    # 2. The bootstrap of the Gini coefficient.
    t_ours, boot = timed(lambda: rs.bootstrap(values, "gini", n=args.draws, rng=args.seed,
                                              progress=False), args.repeats)
    print(f"{'bootstrap, Gini coefficient: coproduction':<44} {t_ours:>9.3f} {'':>8}   "
          f"{boot.estimate:.4f}, 95% {boot.low:.4f} to {boot.high:.4f}", flush=True)
    t_sp, theirs = timed(lambda: stats.bootstrap(
        (values,), gini_rows, vectorized=True, n_resamples=args.draws, batch=100,
        method="percentile", rng=np.random.default_rng(args.seed)))
    low, high = theirs.confidence_interval
    tolerance = 0.1 * boot.standard_error  # Monte Carlo error of a 2.5% quantile, generously
    agree = ("agree" if abs(low - boot.low) <= tolerance and abs(high - boot.high) <= tolerance
             else "DISAGREE")
    print(f"{'  scipy.stats.bootstrap':<44} {t_sp:>9.3f} {t_sp / t_ours:>7.1f}x   "
          f"95% {low:.4f} to {high:.4f} ({agree})", flush=True)
    print("\nratio: the peer's time over ours (higher: this library is faster). Answers come "
          "from different random draws, so they agree within Monte Carlo error, not exactly.")


if __name__ == "__main__":
    main()
