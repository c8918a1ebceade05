"""Banzhaf and Shapley-Shubik speed beside the PyPI packages ``powerindex`` and ``powerindices``.

Weighted majority games of growing size (10, 50, 200 and 1,000 players; seeded random integer
weights from 1 to 199, so about 100 votes a player; quota a simple majority of the votes) are
solved here and by each peer, on the same game in the same run. This library runs in-process
(best of a few runs); each peer runs in a subprocess with a time limit, so a game it cannot
finish shows as "did not finish in N s" instead of stopping the benchmark. A peer that cannot
be installed or imported says so in its column. Every peer result is checked against ours
(largest absolute difference over the players) and the table says whether they agree.

What is compared: normalised Banzhaf and Shapley-Shubik for ``powerindex`` (``Game.calc_banzhaf``,
``Game.calc_shapley_shubik``), absolute Banzhaf (``compute_pbi``) and Shapley-Shubik
(``compute_ssi``) for ``powerindices``.

Run: ``python benchmarks/bench_power.py [--sizes 10 50 200 1000] [--timeout 60]
[--peer-python PATH]``. Install the peers with ``pip install powerindex powerindices``.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time

import numpy as np

import coproduction as cp
from coproduction import power

# The peer side: reads {"package", "index", "weights", "quota"} on stdin and prints
# {"seconds", "values"} or {"error"}. Timed inside the subprocess, so start-up and import
# are not counted.
PEER = r"""
import json, sys, time
job = json.load(sys.stdin)
try:
    if job["package"] == "powerindex":
        import powerindex as px
        def run():
            game = px.Game(job["quota"], weights=list(job["weights"]))
            if job["index"] == "banzhaf":
                game.calc_banzhaf()
                return game.banzhaf
            game.calc_shapley_shubik()
            return game.shapley_shubik
    else:
        import powerindices as pi
        def run():
            weights = list(job["weights"])  # compute_* modify their argument
            if job["index"] == "banzhaf":
                return pi.compute_pbi(job["quota"], weights)
            return pi.compute_ssi(job["quota"], weights)
except Exception as error:  # noqa: BLE001 - reported, not raised
    print(json.dumps({"error": f"cannot import: {type(error).__name__}: {error}"}))
    sys.exit(0)
try:
    start = time.perf_counter()
    values = run()
    seconds = time.perf_counter() - start
    print(json.dumps({"seconds": seconds, "values": [float(v) for v in values]}))
except Exception as error:  # noqa: BLE001
    print(json.dumps({"error": f"{type(error).__name__}: {error}"}))
"""

PEERS = {
    # package: what it returns for each index, in our terms
    "powerindex": {"banzhaf": "normalized", "shapley_shubik": "shapley_shubik"},
    "powerindices": {"banzhaf": "absolute", "shapley_shubik": "shapley_shubik"},
}


def game(n: int, seed: int) -> tuple[list[int], int]:
    rng = np.random.default_rng(seed)
    weights = rng.integers(1, 200, n)
    return [int(w) for w in weights], int(weights.sum() // 2 + 1)


def best_of(repeats: int, f):
    best, value = float("inf"), None
    for _ in range(repeats):
        start = time.perf_counter()
        value = f()
        best = min(best, time.perf_counter() - start)
    return best, value


def ours(index: str, weights: list[int], quota: int) -> dict[str, tuple[float, np.ndarray]]:
    repeats = 3 if len(weights) <= 200 else 1
    if index == "banzhaf":
        t_norm, norm = best_of(repeats, lambda: power.banzhaf(weights, quota).to_numpy())
        t_abs, absolute = best_of(repeats, lambda: power.banzhaf(
            weights, quota, normalized=False).to_numpy())
        return {"normalized": (t_norm, norm), "absolute": (t_abs, absolute)}
    t, values = best_of(repeats, lambda: power.shapley_shubik(weights, quota).to_numpy())
    return {"shapley_shubik": (t, values)}


def peer(python: str, package: str, index: str, weights: list[int], quota: int,
         timeout: float) -> dict:
    job = json.dumps({"package": package, "index": index, "weights": weights, "quota": quota})
    try:
        done = subprocess.run([python, "-c", PEER], input=job, capture_output=True, text=True,
                              timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        return {"error": f"did not finish in {timeout:g} s"}
    if done.returncode != 0 or not done.stdout.strip():
        tail = (done.stderr.strip().splitlines() or ["no output"])[-1]
        return {"error": f"failed: {tail[:60]}"}
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10, 50, 200, 1000])
    parser.add_argument("--timeout", type=float, default=60.0,
                        help="seconds a peer may take on one game (default 60)")
    parser.add_argument("--peer-python", default=sys.executable,
                        help="interpreter in which the peers are installed")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()

    print(f"coproduction {cp.__version__}; peers run by {args.peer_python}, "
          f"limit {args.timeout:g} s per call\n")
    header = (f"{'players':>7} {'votes':>7} {'index':<15} {'ours (s)':>9}   "
              + "   ".join(f"{p + ' (s)':<30} {'ratio':>7} {'agreement':<22}" for p in PEERS))
    print(header)
    print("-" * len(header))
    for n in args.sizes:
        weights, quota = game(n, args.seed + n)
        for index in ("banzhaf", "shapley_shubik"):
            mine = ours(index, weights, quota)
            row = f"{n:>7} {sum(weights):>7} {index:<15} "
            shown = mine["normalized" if index == "banzhaf" else index][0]
            row += f"{shown:>9.4f}   "
            cells = []
            for package, forms in PEERS.items():
                result = peer(args.peer_python, package, index, weights, quota, args.timeout)
                if "error" in result:
                    cells.append(f"{result['error'][:30]:<30} {'':>7} {'':<22}")
                    continue
                seconds, reference = mine[forms[index]]
                theirs = np.asarray(result["values"], dtype=float)
                if theirs.shape != reference.shape or not np.all(np.isfinite(theirs)):
                    agreement = "DISAGREE (bad output)"
                else:
                    gap = float(np.max(np.abs(theirs - reference)))
                    agreement = (f"agree (|d| {gap:.0e})" if gap <= 1e-9
                                 else f"DISAGREE (|d| {gap:.1e})")
                ratio = result["seconds"] / seconds if seconds > 0 else float("inf")
                cells.append(f"{result['seconds']:<30.4f} {ratio:>6.0f}x {agreement:<22}")
            print(row + "   ".join(cells), flush=True)
    print("\nNote: powerindices counts coalitions in numpy int64 arrays, so its counts overflow "
          "(and its values go wrong) once they pass 2^63, from about 63 players on.")
    print("ratio: the peer's time over ours (higher: this library is faster). Times exclude "
          "start-up and import; ours are the best of 3 runs below 1,000 players.")


if __name__ == "__main__":
    main()
