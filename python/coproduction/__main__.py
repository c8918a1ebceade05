"""Command line: ``python -m coproduction demo | describe FILE | validate FILE``."""

from __future__ import annotations

import argparse
import os
import sys
from typing import List, Optional

from . import audit, examples
from ._errors import FormatError
from .network import read_json
from .report import describe, ladder, power, structure


def _demo(out: str) -> int:
    net = examples.load("twam_partners_2013")
    rule = "\n" + "=" * 100 + "\n"
    print(describe(net))
    print(rule + structure(net))
    print(rule + power(net))
    print(rule + ladder(net))
    print(rule + "Principles scorecard (seed 002's twelve principles)\n")
    print(audit.scorecard_text(audit.principles(net)))
    types = examples.load("nml_collaboration_types")
    print(rule + "The four collaboration types of seed 002 (nml_collaboration_types)\n")
    print(ladder(types))
    os.makedirs(out, exist_ok=True)
    path = os.path.join(out, "twam_partners_2013.json")
    net.write_json(path)
    print(f"\nWritten back out as JSON: {path}")
    if read_json(path) != net:
        print("error: the file written does not read back equal", file=sys.stderr)
        return 1
    return 0


def _validate(path: str) -> int:
    try:
        net = read_json(path)
    except FormatError as err:
        for problem in err.problems:
            print(f"{path}: {problem.pointer or '/'}: {problem.message} [{problem.code}]")
        return 1
    print(f"{path}: valid ({net!r})")
    return 0


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(prog="coproduction", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    demo = commands.add_parser("demo", help="summarise the embedded example data")
    demo.add_argument("--out", default=os.path.join("build", "demo"),
                      help="folder for the JSON written back out (default build/demo)")
    for name, text in (("describe", "summarise a data file"), ("validate", "check a data file")):
        sub = commands.add_parser(name, help=text)
        sub.add_argument("file")
    args = parser.parse_args(argv)
    if args.command == "demo":
        return _demo(args.out)
    if args.command == "validate":
        return _validate(args.file)
    try:
        print(describe(read_json(args.file)))
    except FormatError as err:
        print(err, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BrokenPipeError:
        # The reader of the output went away (`| head`): stop quietly, as Unix tools do.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(1)
