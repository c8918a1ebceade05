"""A folder of CSV files as sheets of text cells, and sheets as CSV text.

Files are RFC 4180: comma-separated, cells with a comma, a quote or a line break in double
quotes, a quote inside doubled, lines ending CR LF (any line ending is read). Text is UTF-8,
with or without a byte-order mark; the writer puts one, so that Excel opens non-Latin text
correctly. Every cell is text: nothing is guessed from how a cell looks (``007`` stays
``007``, ``NA`` stays ``NA``); the spreadsheet reader converts each by its column.
"""

from __future__ import annotations

import csv
import io
import math
import os
import stat
from typing import Any, Dict, List, Optional, Sequence, Tuple

from ._table import SHEETS, Budget, Cell, Sheet, SizeRefused, near_miss, neutralise

__all__ = ["read_folder", "csv_bytes", "csv_cell", "MAX_CELL_CHARACTERS"]

#: The longest cell the reader takes: the limit of Python's csv module (131,072 characters),
#: which the writer respects too.
MAX_CELL_CHARACTERS = 131072

_BOM = b"\xef\xbb\xbf"


def read_folder(folder: str, budget: Budget) -> Tuple[Dict[str, Sheet], Sheet]:
    """The sheets of a folder of CSV files by name (``stakeholders.csv`` is the sheet
    ``stakeholders``; the name's case does not matter), and a sheet for the folder itself
    that holds the problems of the folder as a whole. Other files are not read; a file whose
    name looks like a slip for a sheet's (``relation.csv``, ``Stake holders.csv``) is a
    problem, not ignored."""
    place = Sheet("folder", folder, -1)
    found: Dict[str, List[str]] = {}
    with os.scandir(folder) as entries:
        names = sorted(entry.name for entry in entries)
    for name in names:
        stem, dot, extension = name.rpartition(".")
        if not dot or extension.lower() != "csv":
            continue
        if stem.lower() in SHEETS:
            found.setdefault(stem.lower(), []).append(name)
            continue
        meant = near_miss(stem, SHEETS)
        if meant is not None:
            place.problem("format.unknown_field",
                          f"the file {name!r} is not read: is it the {meant} sheet? "
                          f"Name it {meant}.csv")
    sheets: Dict[str, Sheet] = {}
    for order, sheet_name in enumerate(SHEETS):
        files = found.get(sheet_name, [])
        if len(files) > 1:
            place.problem("format.duplicate_key",
                          f"{len(files)} files are the {sheet_name} sheet: "
                          + ", ".join(repr(f) for f in files) + "; keep one")
            continue
        if files:
            sheet = Sheet(sheet_name, os.path.join(folder, files[0]), order)
            _read_file(sheet, budget)
            sheets[sheet_name] = sheet
    return sheets, place


def _refuse_size(sheet: Sheet, budget: Budget, size: int) -> None:
    raise SizeRefused(sheet.problem(
        "format.size", f"the CSV files hold {budget.bytes + size} bytes or more, more than "
                       f"the limit of {budget.max_bytes} (max_bytes)"))


def _read_file(sheet: Sheet, budget: Budget) -> None:
    path = sheet.title
    info = os.stat(path)
    if not stat.S_ISREG(info.st_mode):
        sheet.problem("format.value", "not a regular file")
        sheet.readable = False
        return
    allowed = budget.max_bytes - budget.bytes
    if info.st_size > allowed:
        _refuse_size(sheet, budget, info.st_size)
    with open(path, "rb") as f:
        data = f.read(allowed + 1)
    if len(data) > allowed:  # it grew while being read
        _refuse_size(sheet, budget, len(data))
    budget.bytes += len(data)
    text = _decode(sheet, data)
    if text is None:
        sheet.readable = False
        return
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    row = 0
    last_line = 0
    try:
        for record in reader:
            row += 1
            if last_line + 1 != row:  # a cell with a line break moved rows off lines
                sheet.lines[row] = last_line + 1
            last_line = reader.line_num
            if row == 1 and len(record) == 1 and (";" in record[0] or "\t" in record[0]):
                separator = "semicolons" if ";" in record[0] else "tabs"
                sheet.problem("format.syntax",
                              f"the columns are separated by {separator}, not commas: save "
                              f"the file as CSV UTF-8 (comma delimited)", row=1)
                sheet.readable = False
                return
            budget.cells += len(record)
            if budget.cells > budget.max_cells:
                raise SizeRefused(sheet.problem(
                    "format.size", f"the sheets hold more than {budget.max_cells} cells "
                                   f"(max_cells)", row=row))
            cells = {column: Cell(value, "text")
                     for column, value in enumerate(record, start=1) if value != ""}
            if cells:
                sheet.cells[row] = cells
    except csv.Error as err:
        line = reader.line_num
        why = str(err)
        if "field larger than field limit" in why:
            why = (f"a cell longer than {MAX_CELL_CHARACTERS} characters (or a quote that is "
                   f"never closed)")
        elif why == "unexpected end of data":
            why = "a quoted cell is not closed: a \" without its closing \""
        elif "expected after" in why:
            why = ("a quoted cell goes on after its closing quote: a quote inside a quoted "
                   "cell is written twice (\"\")")
        sheet.problem("format.syntax", f"not CSV from here on: {why}", row=row + 1,
                      line=line)
        sheet.lines.setdefault(row + 1, last_line + 1)
        sheet.readable = False


def _decode(sheet: Sheet, data: bytes) -> Optional[str]:
    """The file's text, or None with the problem recorded: UTF-8, a BOM allowed."""
    start = 0
    if data.startswith(_BOM):
        start = len(_BOM)
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        sheet.problem("format.encoding",
                      "UTF-16 text, not UTF-8: save the file as CSV UTF-8", byte=1)
        return None
    try:
        return data[start:].decode("utf-8")
    except UnicodeDecodeError as err:
        offset = start + err.start
        line = data[:offset].count(b"\n") + 1
        guess = ""
        try:
            data[start:].decode("cp1252")
            guess = " (it reads as Windows-1252, which Excel's plain \"CSV\" format writes)"
        except UnicodeDecodeError:
            pass
        sheet.problem("format.encoding",
                      f"not UTF-8 text: the byte 0x{data[offset]:02x} does not fit here"
                      f"{guess}; save the file as CSV UTF-8", byte=offset + 1, line=line)
        return None


def csv_cell(value: Any) -> str:
    """A value as a CSV cell: empty for None, ``true``/``false``, an integer's digits, a
    float's shortest text that reads back as the same float (``repr``), a text neutralised
    against formula injection."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(f"{value!r} has no CSV form")  # the model holds finite numbers only
        return repr(value)
    return neutralise(str(value))


def csv_bytes(header: Sequence[str], rows: Sequence[Sequence[Any]]) -> bytes:
    """A sheet as the bytes of a CSV file: a BOM, the header, one line per row."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow([csv_cell(name) for name in header])
    for row in rows:
        writer.writerow([csv_cell(value) for value in row])
    return _BOM + out.getvalue().encode("utf-8")
