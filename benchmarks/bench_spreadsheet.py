"""Writing and reading a network as a folder of CSV files and as an .xlsx workbook, beside
pandas and openpyxl, in one run.

One seeded network of ``--size`` relations (default 100,000) among ``--stakeholders``
stakeholders (the generator of ``bench_formats.py``) is written by
``cp.write_spreadsheet`` and read back by ``cp.read_spreadsheet`` (C++: every cell converted
by its column, every rule of the model checked, every problem placed). The peers do less, and
are here to show what reading the same files costs at all:

- pandas: ``DataFrame.to_csv`` of the stakeholders and relations tables, and ``pd.read_csv``
  of the files this library wrote (parsing only: no checks, no network);
- openpyxl: a read-only ``load_workbook`` of the workbook this library wrote, every cell
  of every sheet visited (parsing only), and ``DataFrame.to_excel`` with the openpyxl engine
  for writing.

Prints seconds (best of ``--repeat``) and each peer's time over ours.

Run: ``python benchmarks/bench_spreadsheet.py [--size 100000] [--repeat 3]``.
"""

from __future__ import annotations

import argparse
import os
import tempfile

import pandas as pd

import coproduction as cp
from bench_formats import best, frames


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--size", type=int, default=100_000, help="relations")
    parser.add_argument("--stakeholders", type=int, default=5_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    people, frame = frames(args.size, args.stakeholders)
    net = cp.from_frames(people, frame)
    with tempfile.TemporaryDirectory() as tmp:
        folder = os.path.join(tmp, "partnership")
        book = os.path.join(tmp, "partnership.xlsx")
        ours = {
            "CSV write": best(lambda: cp.write_spreadsheet(net, folder), args.repeat),
            "CSV read": best(lambda: cp.read_spreadsheet(folder), args.repeat),
            "xlsx write": best(lambda: cp.write_spreadsheet(net, book), args.repeat),
            "xlsx read": best(lambda: cp.read_spreadsheet(book), args.repeat),
        }
        assert cp.read_spreadsheet(folder) == net and cp.read_spreadsheet(book) == net

        pandas_folder = os.path.join(tmp, "pandas")
        os.mkdir(pandas_folder)

        def pandas_write() -> None:
            people.to_csv(os.path.join(pandas_folder, "stakeholders.csv"), index=False)
            frame.to_csv(os.path.join(pandas_folder, "relations.csv"), index=False)

        def pandas_read() -> None:
            for name in ("stakeholders", "relations"):
                pd.read_csv(os.path.join(folder, f"{name}.csv"), encoding="utf-8-sig")

        peers = {"CSV write": ("pandas to_csv", best(pandas_write, args.repeat)),
                 "CSV read": ("pandas read_csv", best(pandas_read, args.repeat))}
        try:
            import openpyxl
        except ImportError:
            openpyxl = None
        if openpyxl is not None:
            pandas_book = os.path.join(tmp, "pandas.xlsx")

            def openpyxl_write() -> None:
                with pd.ExcelWriter(pandas_book, engine="openpyxl") as writer:
                    people.to_excel(writer, sheet_name="stakeholders", index=False)
                    frame.to_excel(writer, sheet_name="relations", index=False)

            def openpyxl_read() -> None:
                workbook = openpyxl.load_workbook(book, read_only=True)
                for sheet in workbook.worksheets:
                    for row in sheet.iter_rows(values_only=True):
                        for _ in row:
                            pass
                workbook.close()

            peers["xlsx write"] = ("pandas to_excel (openpyxl)", best(openpyxl_write, 1))
            peers["xlsx read"] = ("openpyxl read-only", best(openpyxl_read, 1))

    print(f"A network of {len(frame):,} relations among {len(people):,} stakeholders as a "
          f"spreadsheet ({os.cpu_count()} cores here); seconds, best of {args.repeat} "
          f"(openpyxl: one run)")
    print(f"  {'':12}{'ours':>9}  {'peer':<28}{'peer s':>9}{'peer / ours':>13}")
    for step, seconds in ours.items():
        peer, theirs = peers.get(step, ("(none)", float("nan")))
        print(f"  {step:<12}{seconds:9.3f}  {peer:<28}{theirs:9.3f}{theirs / seconds:13.1f}")


if __name__ == "__main__":
    main()
