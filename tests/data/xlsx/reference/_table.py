"""What the CSV and workbook readers hand to the spreadsheet reader: sheets of raw cells, each
cell with the type its file stored it as, and problems placed as a person finds them (file or
workbook and sheet, row as the spreadsheet numbers it, column letter and name). Also the
escaping of cells that a spreadsheet would take for a formula (CWE-1236), shared by both
formats."""

from __future__ import annotations

from typing import Any, Dict, List, NamedTuple, Optional, Tuple

__all__ = ["SHEETS", "Cell", "Sheet", "Problem", "Budget", "SizeRefused", "column_letter",
           "neutralise", "restore", "near_miss", "FORMULA_STARTERS"]

#: The sheets of a spreadsheet, in the order they are read and written.
SHEETS = ("stakeholders", "relations", "projects", "decisions", "rights", "metadata")

#: The first characters that make a spreadsheet read a cell as a formula (OWASP, "CSV
#: Injection"; CWE-1236): such a text is written with an apostrophe before it.
FORMULA_STARTERS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(text: str) -> str:
    """The text as a cell holds it: an apostrophe before a text that starts with a formula
    starter, or with an apostrophe itself (so that reading can tell the two apart and the
    round trip is exact)."""
    if text.startswith(FORMULA_STARTERS) or text.startswith("'"):
        return "'" + text
    return text


def restore(text: str) -> str:
    """The text a cell means: one leading apostrophe removed, as a spreadsheet does for an
    apostrophe typed before a value."""
    return text[1:] if text.startswith("'") else text


def _squashed(name: str) -> str:
    return "".join(c for c in name.lower() if "a" <= c <= "z" or "0" <= c <= "9").rstrip("s")


def near_miss(name: str, known: "Tuple[str, ...] | List[str]") -> Optional[str]:
    """The known name that ``name`` is a slip for (another case, spaces or underscores, a
    singular for a plural: ``Stakeholder``, ``meta data``), or None."""
    squashed = _squashed(name)
    if not squashed:
        return None
    for candidate in known:
        if candidate != name and _squashed(candidate) == squashed:
            return candidate
    return None


def column_letter(index: int) -> str:
    """The spreadsheet letter of a column, 1 -> A, 27 -> AA."""
    letters = ""
    while index > 0:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


class Cell(NamedTuple):
    """A non-empty cell as its file stored it. ``kind`` is ``text`` (value: str), ``number``
    (int or float), ``boolean``, ``date`` (a date or time, value: its text), ``error`` (an
    error value such as ``#N/A``) or ``formula`` (value: the formula's text)."""
    value: Any
    kind: str


class Problem(NamedTuple):
    """A problem with its place: ``key`` orders problems sheet by sheet, row by row."""
    key: Tuple[int, int, int, int]
    where: str
    code: str
    message: str


class SizeRefused(Exception):
    """Reading stopped at a limit; carries the one problem that says so."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.message)
        self.problem = problem


class Budget:
    """The bytes and cells a whole read may take, shared by every file of it."""

    def __init__(self, max_bytes: int, max_cells: int) -> None:
        self.max_bytes, self.max_cells = max_bytes, max_cells
        self.bytes = self.cells = 0


class Sheet:
    """One sheet (a CSV file, or a sheet of a workbook): its non-empty cells by row and
    column (both from 1, as a spreadsheet numbers them), where each CSV row starts in the file,
    and the problems found in reading it."""

    def __init__(self, name: str, title: str, order: int) -> None:
        self.name = name  # the sheet it is: stakeholders, relations, ...
        self.title = title  # "data/stakeholders.csv" or "book.xlsx, sheet Stakeholders"
        self.order = order
        self.cells: Dict[int, Dict[int, Cell]] = {}
        self.lines: Dict[int, int] = {}  # CSV: row -> the line it starts on, where they differ
        self.names: Dict[int, str] = {}  # column -> its name in row 1
        self.problems: List[Problem] = []
        self.readable = True  # False when the file as a whole could not be read
        self._count = 0

    def where(self, row: Optional[int] = None, column: Optional[int] = None,
              byte: Optional[int] = None, line: Optional[int] = None) -> str:
        text = self.title
        if byte is not None:
            text += f", byte {byte}"
            if line is not None:
                text += f" (line {line})"
            return text
        if row is not None:
            text += f", row {row}"
            start = self.lines.get(row)
            if start is not None and start != row:
                text += f" (line {start})"
        if column is not None:
            text += f", column {column_letter(column)}"
            name = self.names.get(column)
            if name:
                text += f" ({name})"
        return text

    def problem(self, code: str, message: str, row: Optional[int] = None,
                column: Optional[int] = None, byte: Optional[int] = None,
                line: Optional[int] = None) -> Problem:
        """Records a problem at a place of this sheet and returns it."""
        self._count += 1
        found = Problem((self.order, row or 0, column or 0, self._count),
                        self.where(row, column, byte, line), code, message)
        self.problems.append(found)
        return found
