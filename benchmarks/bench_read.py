"""Reading JSON documents from 1 MB to 200 MB, beside Python's ``json`` and nlohmann/json.

Two shapes of document, each at several sizes:

- ``objects``: many small objects (``metadata.rows`` holds ``{"row": i, "code": "c"}``
  objects), the shape that made the callback parser quadratic;
- ``partnership``: the realistic shape, stakeholders with attributes and relations between
  them, read whole into a network (every field and model rule checked).

For each document it times, best of ``--repeat``, in one process:

- ``read``: ``cp.read_json`` (parse with the reader's checks, then build and validate the
  network);
- ``parse``: the reader's checked parse alone (depth, duplicate keys, numbers);
- ``plain``: nlohmann/json's own ``parse`` of the same bytes, without checks;
- ``python``: ``json.loads`` of the same bytes.

It prints MB/s for each, the ratio ``parse / plain`` (the cost of the checks; target at most
1.5) and, per shape, seconds per MB at each size (flat when time grows linearly). It also
times an array of 1,000,000 empty objects, which the reader refuses as a document (target:
under one second).

Run: ``python benchmarks/bench_read.py [--sizes 1 10 50 100 200] [--repeat 3]``.
"""

from __future__ import annotations

import argparse
import json
import time
from typing import Callable, List

import coproduction as cp
from coproduction import _core


def objects_document(megabytes: float) -> bytes:
    row = '{"row": %d, "code": "c"}'
    rows: List[str] = []
    size, i = 0, 0
    while size < megabytes * 1e6:
        text = row % i
        rows.append(text)
        size += len(text) + 2
        i += 1
    return ('{"format": "coproduction", "version": 1, "metadata": {"rows": [' + ", ".join(rows)
            + ']}, "stakeholders": [], "relations": [], "projects": [], "decisions": []}').encode()


def partnership_document(megabytes: float) -> bytes:
    # About 100 bytes per stakeholder and 75 per relation; four relations per stakeholder.
    n = max(10, int(megabytes * 1e6 / 400))
    stakeholders = [{"id": f"s{i}", "kind": "person", "role": "service_user" if i % 3 else "front_line_staff",
                     "expertise": "lived", "attributes": {"ward": f"w{i % 17}"}} for i in range(n)]
    relations = [{"source": f"s{i}", "target": f"s{(i + k) % n}", "type": "informs" if k % 2 else "trusts",
                  "weight": 1 + k} for i in range(n) for k in (1, 2, 3, 5)]
    return json.dumps({"format": "coproduction", "version": 1, "stakeholders": stakeholders,
                       "relations": relations, "projects": [], "decisions": []}).encode()


def best(run: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=float, nargs="+", default=[1, 10, 50, 100, 200])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    text = ("[" + ",".join(["{}"] * 1_000_000) + "]").encode()

    def refuse() -> None:
        try:
            cp.read_json(text)
        except cp.FormatError:
            return
        raise AssertionError("an array is not a document")

    print(f"array of 1,000,000 empty objects ({len(text) / 1e6:.1f} MB) refused in "
          f"{best(refuse, args.repeat):.3f} s (target < 1 s)\n")

    header = (f"{'shape':<12} {'MB':>7} {'read MB/s':>10} {'parse MB/s':>11} {'plain MB/s':>11} "
              f"{'python MB/s':>12} {'parse/plain':>12} {'read s/MB':>10}")
    print(header)
    print("-" * len(header))
    for shape, make in (("objects", objects_document), ("partnership", partnership_document)):
        for megabytes in args.sizes:
            doc = make(megabytes)
            mb = len(doc) / 1e6
            read = best(lambda: cp.read_json(doc), args.repeat)
            parse = best(lambda: _core._parse_json(doc, True), args.repeat)
            plain = best(lambda: _core._parse_json(doc, False), args.repeat)
            python = best(lambda: json.loads(doc), args.repeat)
            print(f"{shape:<12} {mb:>7.1f} {mb / read:>10.1f} {mb / parse:>11.1f} {mb / plain:>11.1f} "
                  f"{mb / python:>12.1f} {parse / plain:>12.2f} {read / mb:>10.4f}", flush=True)
            del doc


if __name__ == "__main__":
    main()
