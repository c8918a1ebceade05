"""A partnership as a spreadsheet: a folder of CSV files or one ``.xlsx`` workbook, with the
sheets ``stakeholders``, ``relations``, ``projects``, ``decisions``, ``rights`` and
``metadata``, laid out for a researcher to fill in by hand (``docs/spreadsheet.md``).

Reading goes through the frame reader of the core (:func:`coproduction.from_frames`), which
checks every cell and every rule of the model; this module turns files into its columns and
its problems back into the places a person finds them: the file or the workbook and sheet,
the row as the spreadsheet numbers it (the header is row 1) and the column's letter and name.
"""

from __future__ import annotations

import errno
import json
import math
import os
import re
import stat
from typing import Any, Dict, List, Mapping, NamedTuple, Optional, Sequence, Set, Tuple, Union

import numpy as np

from .. import _core
from .._errors import FormatError, LimitError, format_error, input_error, message
from ..network import MAX_BYTES, Network
from . import _atomic, _csv, _xlsx
from ._table import (SHEETS, Budget, Cell, Problem, Sheet, SizeRefused, column_letter,
                     near_miss, restore)

__all__ = ["read_spreadsheet", "write_spreadsheet", "COLUMNS", "MAX_CELLS", "MAX_BYTES"]

PathLike = Union[str, "os.PathLike[str]"]

#: The most cells (counted over every sheet, empty ones between filled ones included) a read
#: takes; with ``MAX_BYTES`` it bounds the memory a hostile file can make the reader use.
MAX_CELLS = 10_000_000

# How a column's cells are read. ID: an id (text, or in a workbook a whole number); TEXT,
# WORD (a word of a vocabulary), BOOL: text the frame reader judges; INT, NUM: a number (in
# a CSV file, text written as a number); OBJECT: JSON text of an object; JSON: JSON text of
# any value; VOTES: JSON text of an object of ids and votes; IDS: JSON text of an array of
# ids; ANY: text, or in a workbook a number or TRUE/FALSE.
ID, TEXT, WORD, BOOL, INT, NUM, OBJECT, JSON, VOTES, IDS, ANY = (
    "id", "text", "word", "boolean", "integer", "number", "object", "json", "votes", "ids",
    "any")
_TEXTUAL = (ID, TEXT, WORD, OBJECT, JSON, VOTES, IDS, ANY)

#: The columns of each sheet, in the order the writer writes them, with how each is read.
COLUMNS: Dict[str, Tuple[Tuple[str, str], ...]] = {
    "stakeholders": (("id", ID), ("label", TEXT), ("kind", WORD), ("role", TEXT),
                     ("sector", TEXT), ("expertise", WORD), ("under_served", BOOL),
                     ("paid", BOOL), ("convenor", BOOL), ("size", INT), ("influence", NUM),
                     ("attributes", OBJECT)),
    "relations": (("source", ID), ("target", ID), ("type", TEXT), ("weight", NUM),
                  ("scale", WORD), ("reported_by", TEXT), ("date", TEXT), ("method", TEXT),
                  ("attributes", OBJECT)),
    "projects": (("id", ID), ("label", TEXT), ("claimed", WORD), ("attributes", OBJECT)),
    "decisions": (("id", ID), ("label", TEXT), ("project", ID), ("stage", WORD),
                  ("rule", WORD), ("quota", NUM), ("weight", NUM), ("attributes", OBJECT)),
    "rights": (("decision", ID), ("stakeholder", ID), ("right", WORD), ("votes", INT),
               ("veto", BOOL)),
    "metadata": (("key", TEXT), ("value", ANY), ("json", JSON)),
}
#: The decisions sheet's columns for the votes and vetoes of a wide rights sheet.
_WIDE_DECISION_COLUMNS = (("votes", VOTES), ("veto", IDS))
#: Sheets whose other columns go into each row's attributes.
_OPEN = ("stakeholders", "relations", "projects", "decisions")
#: File name endings that are not a folder of CSV files nor a workbook this module writes.
_NOT_A_FOLDER = (".csv", ".tsv", ".txt", ".json", ".xls", ".xlsm", ".xlsb", ".ods")

_INTEGER = re.compile(r"[+-]?[0-9]+\Z")
_DECIMAL = re.compile(r"[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?\Z")
_EXACT_INTEGER = 2 ** 53

_EXAMPLE = {
    OBJECT: 'JSON text of an object, such as {"ward": "east", "sessions": 12}',
    VOTES: 'JSON text of an object of holders and their votes, such as {"outreach": 2, '
           '"womens_group": 1}',
    IDS: 'JSON text of a list of stakeholder ids, such as ["womens_group"]',
    JSON: 'JSON text, such as 12, true, ["a", "b"] or "text"',
}


# -- reading ----------------------------------------------------------------------------------

class _Bad:
    """A cell already reported as a problem: passed on as missing, and its place noted so that
    the frame reader's view of the same cell is not reported a second time."""


_BAD = _Bad()


def _id_text(value: Any) -> Optional[str]:
    """An id as the frame reader reads it: text, or a whole number's digits."""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float) and value.is_integer() and abs(value) < _EXACT_INTEGER:
        return str(int(value))
    return None


class _Refused(ValueError):
    pass


def _json(text: str) -> Any:
    """Strict JSON: no repeated key, no NaN or Infinity, no number beyond a double."""
    def pairs(items: List[Tuple[str, Any]]) -> Dict[str, Any]:
        out: Dict[str, Any] = {}
        for key, value in items:
            if key in out:
                raise _Refused(f"the key {key!r} appears twice")
            out[key] = value
        return out

    def constant(name: str) -> Any:
        raise _Refused(f"{name} is not a JSON number")

    def number(text: str) -> float:
        value = float(text)
        if not math.isfinite(value):
            raise _Refused(f"the number {text} is beyond the range of a double")
        return value

    return json.loads(text, object_pairs_hook=pairs, parse_constant=constant,
                      parse_float=number)


class _Origin:
    """Where the rows of one frame came from: each frame row's sheet row, and its columns'
    letters; a row made from several cells (the wide rights sheet) names each of its cells."""

    def __init__(self, sheet: Sheet, columns: Mapping[str, int]) -> None:
        self.sheet = sheet
        self.columns = dict(columns)
        self.rows: List[int] = []
        self.cells: List[Dict[str, Tuple[Sheet, int, int]]] = []  # wide rights only
        self.holders: List[str] = []  # wide rights: each row's stakeholder, for messages

    def locate(self, row: int, column: str) -> Tuple[Sheet, Optional[int], Optional[int]]:
        if self.cells:
            if 0 <= row < len(self.cells):
                place = self.cells[row].get(column) or self.cells[row]["right"]
                return place
            return self.sheet, None, None
        if not 0 <= row < len(self.rows):
            return self.sheet, None, None
        return self.sheet, self.rows[row], self.columns.get(column)


class _Frame(NamedTuple):
    columns: List[Tuple[str, np.ndarray]]
    origin: _Origin


def _column_array(values: Sequence[Any]) -> np.ndarray:
    out = np.empty(len(values), dtype=object)
    for i, value in enumerate(values):  # element by element: a list value stays one cell
        out[i] = value
    return out


class _Reader:
    """Turns sheets into the frame reader's columns, and its problems into sheet places."""

    def __init__(self, sheets: Dict[str, Sheet], place: Sheet, workbook: bool) -> None:
        self.sheets, self.place, self.workbook = sheets, place, workbook
        # A sheet that cannot be read leaves the others' references dangling: the frame
        # reader is not asked, as it would report each of them. Metadata refer to nothing.
        self.fatal = bool(place.problems) or any(
            not s.readable for name, s in sheets.items() if name != "metadata")
        self.reported: Set[Tuple[int, int, int]] = set()  # cells with a problem of their own

    # -- problems ------------------------------------------------------------------------

    def cell_problem(self, sheet: Sheet, row: int, column: int, code: str, text: str) -> None:
        self.reported.add((sheet.order, row, column))
        sheet.problem(code, text, row=row, column=column)

    def problems(self) -> List[Problem]:
        found = list(self.place.problems)
        for sheet in self.sheets.values():
            found += sheet.problems
        return sorted(found, key=lambda p: p.key)

    def refuse(self) -> FormatError:
        return format_error([(p.where, p.code, p.message) for p in self.problems()])

    # -- cells ---------------------------------------------------------------------------

    def convert(self, sheet: Sheet, row: int, column: int, cell: Cell, kind: str) -> Any:
        """A cell as the frame reader's value for a column of ``kind``, or _BAD with the
        problem recorded."""
        def bad(code: str, text: str) -> _Bad:
            self.cell_problem(sheet, row, column, code, text)
            return _BAD

        if cell.kind == "formula":
            return bad("format.value", f"a formula ({cell.value}): the reader does not "
                                       f"compute formulas; paste the values instead")
        if cell.kind == "error":
            return bad("format.value", f"an error value ({cell.value})")
        if cell.kind == "date":
            return bad("format.type", f"a date or time ({cell.value}): Excel turned what was "
                                      f"typed into a date; format the column as Text and type "
                                      f"it again (a date of a relation is text: YYYY, YYYY-MM "
                                      f"or YYYY-MM-DD)")
        if cell.kind != "text":
            if kind in (OBJECT, JSON, VOTES, IDS):
                return bad("format.type", f"must be {_EXAMPLE[kind]}, not "
                                          f"{'a boolean' if cell.kind == 'boolean' else 'a number'}"
                                          f" ({cell.value})")
            return cell.value
        text = restore(cell.value)
        if kind in (OBJECT, JSON, VOTES, IDS):
            try:
                value = _json(text)
            except RecursionError:
                return bad("format.value", "JSON nested too deeply")
            except (ValueError, _Refused) as err:
                hint = ""
                if text.lstrip().startswith(("{'", "['")) or "': " in text:
                    hint = (" (it looks like Python's text of a dict, as DataFrame.to_csv "
                            "writes it; write the sheet with cp.write_spreadsheet, or each "
                            "cell with json.dumps)")
                return bad("format.value", f"not JSON: {err}{hint}; must be {_EXAMPLE[kind]}")
            expected = {OBJECT: dict, VOTES: dict, IDS: list}.get(kind)
            if expected is not None and not isinstance(value, expected):
                return bad("format.type", f"must be {_EXAMPLE[kind]}")
            if kind == IDS and not all(isinstance(v, str) for v in value):
                return bad("format.type", f"must be {_EXAMPLE[kind]}: each id in quotes")
            return value
        if kind in (INT, NUM) and not self.workbook:
            if _INTEGER.match(text):
                try:
                    return int(text)
                except ValueError:  # more digits than Python converts
                    return text
            if _DECIMAL.match(text):
                return float(text)
        return text

    # -- sheets --------------------------------------------------------------------------

    def header(self, sheet: Sheet, known: Sequence[Tuple[str, str]], open_sheet: bool,
               ids: bool = False) -> Optional[Dict[int, str]]:
        """The sheet's columns to read (column number -> name), with problems of its header
        recorded; None when the sheet holds no cell at all (read as no rows)."""
        if not sheet.cells:
            return None
        first = sheet.cells.get(1, {})
        names: Dict[int, str] = {}
        for column, cell in sorted(first.items()):
            name = restore(cell.value) if cell.kind == "text" else (
                _id_text(cell.value) if ids and cell.kind == "number" else None)
            if name == "":
                continue  # a lone apostrophe: no name
            if name is None:
                self.cell_problem(sheet, 1, column, "format.type",
                                  f"a column's name must be text, not {cell.kind} "
                                  f"({cell.value})")
                continue
            sheet.names[column] = name
            names[column] = name
        if not names:
            sheet.problem("format.missing", "row 1 is empty: it must name the columns", row=1)
            self.fatal = True
            return {}
        kept: Dict[int, str] = {}
        seen: Dict[str, int] = {}
        known_names = [n for n, _ in known]
        for column, name in names.items():
            if ids and column == 1:  # the decision column, apart from the stakeholders'
                kept[column] = name
                continue
            if name in seen:
                self.cell_problem(sheet, 1, column, "format.duplicate_key",
                                  f"the column {name!r} is also column "
                                  f"{column_letter(seen[name])}")
                continue
            seen[name] = column
            if ids or name in known_names:
                kept[column] = name
                continue
            meant = near_miss(name, known_names)
            if meant is not None:
                self.cell_problem(sheet, 1, column, "format.unknown_field",
                                  f"the column {name!r} is not one of the sheet's: is it "
                                  f"{meant!r}? (column names are written as documented, in "
                                  f"lower case)")
            elif open_sheet:
                kept[column] = name
            else:
                self.cell_problem(sheet, 1, column, "format.unknown_field",
                                  f"the column {name!r} is not one of "
                                  + ", ".join(known_names)
                                  + " (this sheet has no attributes)")
        unnamed: Dict[int, int] = {}
        for row in sorted(sheet.cells):
            if row == 1:
                continue
            for column in sheet.cells[row]:
                if column not in names and column not in unnamed:
                    unnamed[column] = row
        for column, row in sorted(unnamed.items()):
            self.cell_problem(sheet, row, column, "format.value",
                              f"a value in column {column_letter(column)}, which has no name "
                              f"in row 1")
        return kept

    def data_rows(self, sheet: Sheet, columns: Mapping[int, str]) -> List[int]:
        """The rows below the header with a cell in a column read (empty rows are skipped)."""
        return [row for row in sorted(sheet.cells)
                if row > 1 and any(c in columns for c in sheet.cells[row])]

    def frame(self, name: str, extra_kinds: Sequence[Tuple[str, str]] = (),
              exclude: Sequence[str] = ()) -> Optional[_Frame]:
        """One sheet as the frame reader's columns, its cells converted by column."""
        sheet = self.sheets.get(name)
        if sheet is None:
            return None
        known = COLUMNS[name] + tuple(extra_kinds)
        columns = self.header(sheet, known, open_sheet=name in _OPEN)
        if columns is None:
            return None
        kinds = dict(known)
        kept = {c: n for c, n in columns.items() if n not in exclude}
        origin = _Origin(sheet, {n: c for c, n in kept.items()})
        rows = self.data_rows(sheet, kept)
        origin.rows = rows
        out: List[Tuple[str, np.ndarray]] = []
        for column, column_name in kept.items():
            kind = kinds.get(column_name, ANY if self.workbook else TEXT)
            values: List[Any] = []
            for row in rows:
                cell = sheet.cells[row].get(column)
                value = None if cell is None else self.convert(sheet, row, column, cell, kind)
                values.append(None if value is _BAD else value)
            out.append((column_name, _column_array(values)))
        return _Frame(out, origin)

    def extra_columns(self, name: str, wanted: Sequence[Tuple[str, str]]
                      ) -> Dict[str, Tuple[int, Dict[int, Any]]]:
        """Columns of a sheet read apart from its frame: name -> (column, row -> value)."""
        sheet = self.sheets[name]
        out: Dict[str, Tuple[int, Dict[int, Any]]] = {}
        for column, column_name in sheet.names.items():
            kind = dict(wanted).get(column_name)
            if kind is None:
                continue
            values: Dict[int, Any] = {}
            for row in sorted(sheet.cells):
                cell = sheet.cells[row].get(column) if row > 1 else None
                if cell is not None:
                    value = self.convert(sheet, row, column, cell, kind)
                    if value is not _BAD:
                        values[row] = value
            out[column_name] = (column, values)
        return out

    def rights(self, decisions: Optional[_Frame]) -> Optional[_Frame]:
        sheet = self.sheets.get("rights")
        wide_columns = [n for n, _ in _WIDE_DECISION_COLUMNS]
        decision_sheet = self.sheets.get("decisions")
        given = [] if decision_sheet is None else [
            (c, n) for c, n in decision_sheet.names.items() if n in wide_columns]
        if sheet is None or not sheet.cells:
            self.misplaced(decision_sheet, given, "there is no rights sheet")
            return None
        first = sheet.cells.get(1, {})
        names = [restore(c.value) if c.kind == "text" else None for _, c in sorted(first.items())]
        if _looks_long(names) or (names and names[0] != "decision" and any(
                near_miss(str(n), ["stakeholder", "right"]) for n in names if n)):
            self.misplaced(decision_sheet, given, "the rights sheet is long")
            return self.frame("rights")
        first_cell = first.get(1)
        if (first_cell is None or first_cell.kind != "text"
                or restore(first_cell.value) != "decision"):
            sheet.problem("format.missing",
                          "the sheet is neither long (columns decision, stakeholder, right, "
                          "votes, veto: one row per decision and stakeholder) nor wide (column "
                          "A decision, then one column per stakeholder id)", row=1)
            self.fatal = True
            return None
        return self.wide(sheet, decisions)

    def misplaced(self, sheet: Optional[Sheet], given: Sequence[Tuple[int, str]],
                  why: str) -> None:
        for column, name in given:
            assert sheet is not None
            self.cell_problem(sheet, 1, column, "format.unknown_field",
                              f"the decisions sheet has a {name} column only beside a wide "
                              f"rights sheet, and {why}: give each holder's {name} in the "
                              f"rights sheet's {name} column")

    def wide(self, sheet: Sheet, decisions: Optional[_Frame]) -> Optional[_Frame]:
        """A wide rights sheet (decisions x stakeholders) as the long frame, with the votes
        and vetoes of the decisions sheet's votes and veto columns."""
        header = self.header(sheet, (("decision", ID),), open_sheet=False, ids=True)
        if not header:
            return None
        stakeholders = {c: n for c, n in header.items() if c != 1}
        origin = _Origin(sheet, {})
        rows: List[List[Any]] = []  # decision, stakeholder, right, votes, veto
        for row in self.data_rows(sheet, header):
            cells = sheet.cells[row]
            decision_cell = cells.get(1)
            decision = None if decision_cell is None else self.convert(
                sheet, row, 1, decision_cell, ID)
            for column, stakeholder in stakeholders.items():
                cell = cells.get(column)
                if cell is None:
                    continue
                right = self.convert(sheet, row, column, cell, WORD)
                rows.append([None if decision is _BAD else decision, stakeholder,
                             None if right is _BAD else right, None, None])
                origin.holders.append(stakeholder)
                origin.cells.append({"decision": (sheet, row, 1),
                                     "stakeholder": (sheet, row, column),
                                     "right": (sheet, row, column)})
        if decisions is not None and self.sheets.get("decisions") is not None:
            self.wide_votes(rows, origin)
        names = ("decision", "stakeholder", "right", "votes", "veto")
        columns = [(n, _column_array([r[i] for r in rows])) for i, n in enumerate(names)]
        return _Frame(columns, origin)

    def wide_votes(self, rows: List[List[Any]], origin: _Origin) -> None:
        """Puts the decisions sheet's votes and vetoes on the rows of the wide rights."""
        sheet = self.sheets["decisions"]
        extra = self.extra_columns("decisions", _WIDE_DECISION_COLUMNS)
        id_column = next((c for c, n in sheet.names.items() if n == "id"), None)
        if id_column is None:
            return
        at: Dict[Tuple[str, str], int] = {}
        for index, made in enumerate(rows):
            d, s = _id_text(made[0]), _id_text(made[1])
            if d is not None and s is not None:
                at.setdefault((d, s), index)
        ids: Dict[int, str] = {}
        for number, cells in sheet.cells.items():
            cell = cells.get(id_column)
            if number > 1 and cell is not None and cell.kind in ("text", "number"):
                text = _id_text(restore(cell.value) if cell.kind == "text" else cell.value)
                if text is not None:
                    ids[number] = text
        if "votes" in extra:
            column, given = extra["votes"]
            for number, votes in given.items():
                decision = ids.get(number)
                if decision is None:
                    continue
                for holder, count in votes.items():
                    at_row = at.get((decision, holder))
                    if at_row is None:
                        self.cell_problem(sheet, number, column, "model.invalid_value",
                                          f'decision "{decision}": votes for "{holder}", who '
                                          f"has no right in the decision's row of the rights "
                                          f"sheet")
                        continue
                    rows[at_row][3] = count
                    origin.cells[at_row]["votes"] = (sheet, number, column)
        if "veto" in extra:
            column, given = extra["veto"]
            for number, holders in given.items():
                decision = ids.get(number)
                if decision is None:
                    continue
                found: List[int] = []
                for holder in holders:
                    at_row = at.get((decision, holder))
                    if at_row is None or at_row in found:
                        self.cell_problem(
                            sheet, number, column, "model.invalid_value",
                            f'decision "{decision}": "{holder}" '
                            + ("is named twice" if at_row is not None else
                               "has no right in the decision's row of the rights sheet"))
                        continue
                    found.append(at_row)
                    rows[at_row][4] = True
                    origin.cells[at_row]["veto"] = (sheet, number, column)
                # The frame reader lists veto holders in the order of their rows: the rows of
                # the holders swap places so that they come in the order of the list.
                moved = [(rows[i], origin.cells[i]) for i in found]
                for slot, (made, places) in zip(sorted(found), moved):
                    rows[slot], origin.cells[slot], origin.holders[slot] = made, places, made[1]
                    at[(decision, str(_id_text(made[1])))] = slot

    def metadata(self) -> Optional[Dict[str, Any]]:
        sheet = self.sheets.get("metadata")
        if sheet is None:
            return None
        columns = self.header(sheet, COLUMNS["metadata"], open_sheet=False)
        if columns is None:
            return {}
        by_name = {n: c for c, n in columns.items()}
        out: Dict[str, Any] = {}
        rows_of: Dict[str, int] = {}
        if "key" not in by_name:
            sheet.problem("format.missing", 'the sheet has no "key" column', row=1)
            return out
        kinds = dict(COLUMNS["metadata"])
        for row in self.data_rows(sheet, columns):
            cells = sheet.cells[row]
            got: Dict[str, Any] = {}
            for name, column in by_name.items():
                cell = cells.get(column)
                if cell is not None:
                    got[name] = self.convert(sheet, row, column, cell, kinds[name])
            key = got.get("key")
            if key is _BAD:
                continue
            if not isinstance(key, str) or key == "":
                self.cell_problem(sheet, row, by_name["key"], "format.missing" if key is None
                                  else "format.type", "the key is missing" if key is None
                                  else f"a key is text, not {key!r}")
                continue
            if key in rows_of:
                self.cell_problem(sheet, row, by_name["key"], "format.duplicate_key",
                                  f"the key {key!r} is also in row {rows_of[key]}")
                continue
            rows_of[key] = row
            given = [n for n in ("value", "json") if n in got]
            if len(given) != 1:
                text = ("no value: fill the value column (text) or the json column (any JSON, "
                        "\"\" for an empty text)" if not given else
                        "both a value and a json cell: fill one")
                self.cell_problem(sheet, row, by_name["key"], "format.value", text)
                continue
            if got[given[0]] is not _BAD:
                out[key] = got[given[0]]
        try:
            Network(metadata=out)
        except (ValueError, TypeError) as err:
            sheet.problem("format.value", f"the metadata cannot be kept: "
                                          f"{getattr(err, 'detail', None) or err}")
        return out

    # -- the network ---------------------------------------------------------------------

    def network(self) -> Network:
        if "stakeholders" not in self.sheets and not self.fatal:
            self.place.problem("format.missing", "there is no stakeholders sheet "
                               + ("(a file stakeholders.csv)" if not self.workbook else ""))
            self.fatal = True
        metadata = self.metadata()
        wide_columns = _WIDE_DECISION_COLUMNS
        frames = {name: self.frame(name, extra_kinds=wide_columns if name == "decisions" else (),
                                   exclude=[n for n, _ in wide_columns]
                                   if name == "decisions" else ())
                  for name in ("stakeholders", "relations", "projects", "decisions")}
        frames["rights"] = self.rights(frames["decisions"])
        if self.fatal:
            raise self.refuse()
        net = Network()
        try:
            _core.add_frames(net._core, missing=(),
                             **{name: None if frame is None else frame.columns
                                for name, frame in frames.items()})
        except FormatError as err:
            for problem in err.problems:
                self.place_problem(problem, frames)
        if self.problems():
            raise self.refuse()
        if metadata is not None:
            net.metadata = metadata
        return net

    def place_problem(self, problem: Any, frames: Mapping[str, Optional[_Frame]]) -> None:
        """Records one of the frame reader's problems at the cell it came from."""
        parts = problem.pointer.split("/")
        frame = frames.get(parts[1]) if len(parts) > 1 else None
        text = _sheet_words(problem.message)
        if frame is None:
            self.place.problem(problem.code, f"{problem.pointer}: {text}")
            return
        origin = frame.origin
        if len(parts) < 4:
            origin.sheet.problem(problem.code, text, row=1)
            return
        column = parts[3].replace("~1", "/").replace("~0", "~")
        sheet, row, letter = origin.locate(int(parts[2]), column)
        if row is not None and letter is not None and (sheet.order, row, letter) in self.reported:
            return  # the cell's own problem says it already
        text = re.sub(r"\(rows (\d+) and (\d+)\)",
                      lambda m: f"(rows {origin.locate(int(m.group(1)), 'right')[1]} and "
                                f"{origin.locate(int(m.group(2)), 'right')[1]})", text)
        if origin.holders and column in ("votes", "veto"):
            text += f' (for "{origin.holders[int(parts[2])]}")'  # one cell holds every holder's
        if row is not None and letter is not None:
            text += self.hint(sheet, row, letter, column, problem.code)
        sheet.problem(problem.code, text, row=row, column=letter)

    def hint(self, sheet: Sheet, row: int, column: int, name: str, code: str) -> str:
        """A word on how a cell came to be of the wrong type, where the file type explains it."""
        cell = sheet.cells.get(row, {}).get(column)
        kind = dict(COLUMNS.get(sheet.name, ())).get(name)
        if cell is None or code != "format.type" or kind is None:
            return ""
        if cell.kind == "number" and kind in (TEXT, WORD):
            return (" (Excel stored the cell as a number: format the column as Text, or type "
                    "an apostrophe before the value)")
        if cell.kind == "text" and kind in (INT, NUM):
            if self.workbook:
                return " (a number stored as text: in Excel, convert it to a number)"
            return " (a number is written as 2, 0.5 or 1e-3: a point for decimals, no spaces)"
        return ""


def _sheet_words(text: str) -> str:
    """The frame reader's message in a spreadsheet's words."""
    return (text.replace("the frame has no", "the sheet has no")
            .replace("in the decisions frame", "in the decisions sheet")
            .replace("without a decisions frame", "without a decisions sheet"))


def _looks_long(names: Sequence[Optional[str]]) -> bool:
    """Whether a rights sheet's header is the long form's: it names a stakeholder and a right
    column (a wide sheet names decision, then stakeholder ids)."""
    return "stakeholder" in names and "right" in names


def _checked_limit(value: Any, name: str) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < 0:
        raise input_error(name, f"a whole number >= 0, not {value!r}")
    return int(value)


def read_spreadsheet(path: PathLike, *, max_bytes: int = MAX_BYTES,
                     max_cells: int = MAX_CELLS) -> Network:
    """Read a network from a folder of CSV files or an ``.xlsx`` workbook.

    The sheets (a file ``<sheet>.csv`` each, or a sheet of the workbook) are
    ``stakeholders`` (required), ``relations``, ``projects``, ``decisions``, ``rights``
    (long: one row per decision and stakeholder; or wide: decisions x stakeholders) and
    ``metadata``; the header is row 1, and the columns and how each cell is read are in
    ``docs/spreadsheet.md``. Every cell is read for what it is, never coerced: an empty cell
    is "not given"; a CSV cell is text, converted by its column (``007`` stays the id
    ``007``); a workbook cell is what the file stores (a number cell is a number), and a
    formula is refused, never computed. A leading apostrophe, which the writer puts before a
    text that a spreadsheet would take for a formula, is removed.

    Parameters
    ----------
    path : str or os.PathLike
        A folder of CSV files, or a file whose name ends in ``.xlsx`` (reading one needs
        openpyxl: ``pip install coproduction[spreadsheet]``).
    max_bytes : int
        The most bytes the files may hold (for a workbook: its parts unpacked, refused before
        unpacking). Default 256 MiB.
    max_cells : int
        The most cells the sheets may hold in all. Default 10,000,000.

    Returns
    -------
    Network

    Raises
    ------
    FormatError
        Lists every problem of every sheet at once, each at its place, as
        ``partnership.xlsx, sheet stakeholders, row 4, column H (paid)`` or
        ``data/relations.csv, row 7, column B (target)``, with the frame reader's code and
        message; ``err.problems`` holds them as (where, code, message). A file that is not
        UTF-8 is named with the byte (from 1) and line where it stops being so. A workbook
        or files over the limits are refused before they are read whole.
    InputError
        A path that is neither a folder nor an ``.xlsx`` file, or a bad limit.
    OSError
        The path does not exist or cannot be read.
    ImportError
        A workbook, without openpyxl installed.

    Examples
    --------
    >>> import os, tempfile
    >>> import coproduction as cp
    >>> net = cp.examples.load("nml_collaboration_types")
    >>> folder = os.path.join(tempfile.mkdtemp(), "partnership")
    >>> cp.write_spreadsheet(net, folder)
    >>> sorted(os.listdir(folder))
    ['decisions.csv', 'metadata.csv', 'projects.csv', 'relations.csv', 'rights.csv', 'stakeholders.csv']
    >>> cp.read_spreadsheet(folder) == net
    True
    """
    if not isinstance(path, (str, os.PathLike)):
        raise input_error("path", f"a folder or .xlsx file path, not {type(path).__name__}")
    budget = Budget(_checked_limit(max_bytes, "max_bytes"), _checked_limit(max_cells, "max_cells"))
    given = os.fspath(path)
    if not os.path.exists(given):
        raise FileNotFoundError(errno.ENOENT, "No such file or folder", given)
    try:
        if os.path.isdir(given):
            sheets, place = _csv.read_folder(given, budget)
            workbook = False
        elif given.lower().endswith(".xlsx"):
            if not stat.S_ISREG(os.stat(given).st_mode):
                raise OSError(errno.EINVAL, "not a regular file", given)
            sheets, place = _xlsx.read_workbook(given, budget)
            workbook = True
        else:
            raise input_error("path", f"a folder of CSV files or an .xlsx workbook, not the "
                                      f"file {given!r} (for one CSV file, give its folder)")
    except SizeRefused as refused:
        raise format_error([refused.problem[1:]]) from None
    return _Reader(sheets, place, workbook).network()


# -- writing ----------------------------------------------------------------------------------

def _number(value: Any) -> Any:
    """A number of the document as a cell: an integer as one while it is exact as a double,
    else a float (a double's integer beyond 2**53 is kept as the double it is)."""
    if value is None or isinstance(value, float):
        return value
    return value if abs(value) < _EXACT_INTEGER else float(value)


def _json_text(value: Any) -> Optional[str]:
    if value is None:
        return None
    return json.dumps(value, ensure_ascii=False, allow_nan=False, separators=(", ", ": "))


def _ordered_rights(rights: Mapping[str, str], veto: Sequence[str]) -> List[str]:
    """The holders of rights in the document's order, with the veto holders among them in
    the order of the veto list (the frame reader lists them in the order of their rows)."""
    holders = list(rights)
    slots = [i for i, h in enumerate(holders) if h in set(veto)]
    for slot, holder in zip(slots, veto):
        holders[slot] = holder
    return holders


_SheetRows = Tuple[str, List[str], List[List[Any]], List[bool]]


def _sheets(document: Mapping[str, Any], rights: str) -> List[_SheetRows]:
    """The network's document as sheets: (name, header, rows, which columns are text)."""
    def textual(columns: Sequence[Tuple[str, str]]) -> List[bool]:
        return [kind in _TEXTUAL for _, kind in columns]

    out: List[_SheetRows] = []
    columns = COLUMNS["stakeholders"]
    out.append(("stakeholders", [n for n, _ in columns], [
        [s["id"], s.get("label"), s["kind"], s.get("role"), s.get("sector"),
         s.get("expertise"), s.get("under_served"), s.get("paid"), s.get("convenor"),
         s.get("size"), _number(s.get("influence")), _json_text(s.get("attributes"))]
        for s in document["stakeholders"]], textual(columns)))
    columns = COLUMNS["relations"]
    out.append(("relations", [n for n, _ in columns], [
        [r["source"], r["target"], r["type"], _number(r.get("weight")), r.get("scale"),
         r.get("provenance", {}).get("reported_by"), r.get("provenance", {}).get("date"),
         r.get("provenance", {}).get("method"), _json_text(r.get("attributes"))]
        for r in document["relations"]], textual(columns)))
    columns = COLUMNS["projects"]
    out.append(("projects", [n for n, _ in columns], [
        [p["id"], p.get("label"), p.get("claimed"), _json_text(p.get("attributes"))]
        for p in document["projects"]], textual(columns)))
    columns = COLUMNS["decisions"] + (_WIDE_DECISION_COLUMNS if rights == "wide" else ())
    out.append(("decisions", [n for n, _ in columns], [
        [d["id"], d.get("label"), d["project"], d["stage"], d["rule"]["kind"],
         _number(d["rule"].get("quota")), _number(d.get("weight")),
         _json_text(d.get("attributes"))]
        + ([_json_text(d["rule"].get("votes")), _json_text(d["rule"].get("veto"))]
           if rights == "wide" else [])
        for d in document["decisions"]], textual(columns)))
    if rights == "long":
        columns = COLUMNS["rights"]
        rows: List[List[Any]] = []
        for d in document["decisions"]:
            votes, veto = d["rule"].get("votes", {}), d["rule"].get("veto", [])
            for holder in _ordered_rights(d["rights"], veto):
                rows.append([d["id"], holder, d["rights"][holder], votes.get(holder),
                             True if holder in veto else None])
        out.append(("rights", [n for n, _ in columns], rows, textual(columns)))
    else:
        ids = [s["id"] for s in document["stakeholders"]]
        header = ["decision"] + ids
        if _looks_long(header):
            raise input_error("rights", 'a wide rights sheet whose stakeholder columns include '
                                        '"stakeholder" and "right" would read as a long one: '
                                        'write rights="long"')
        out.append(("rights", header, [[d["id"]] + [d["rights"].get(i) for i in ids]
                                       for d in document["decisions"]], [True] * len(header)))
    if "metadata" in document:
        columns = COLUMNS["metadata"]
        rows = []
        for key, value in document["metadata"].items():
            if key == "":
                raise input_error("net", "the metadata have an empty key, which a spreadsheet "
                                         "cell cannot hold (an empty cell is no key)")
            plain = isinstance(value, str) and value != ""
            rows.append([key, value if plain else None,
                         None if plain else json.dumps(value, ensure_ascii=False,
                                                       allow_nan=False)])
        out.append(("metadata", [n for n, _ in columns], rows, textual(columns)))
    return out


def _check_cells(sheets: Sequence[_SheetRows], target: str, workbook: bool) -> None:
    """Refuses, before anything is written, what the file could not hold or read back."""
    longest = _xlsx.MAX_CELL_CHARACTERS if workbook else _csv.MAX_CELL_CHARACTERS
    what = "a workbook cell (Excel's limit)" if workbook else "a CSV cell the reader takes"

    def refuse(detail: str, estimate: int, limit: int, unit: str) -> LimitError:
        return LimitError(message("input.path", "path", detail), "input.path", "path", detail,
                          estimate=estimate, limit=limit, unit=unit)

    for name, header, rows, _ in sheets:
        if workbook and len(rows) + 1 > _xlsx.MAX_ROWS:
            raise refuse(f"the {name} sheet has {len(rows) + 1} rows, more than a workbook "
                         f"holds ({_xlsx.MAX_ROWS}): write a folder of CSV files",
                         len(rows) + 1, _xlsx.MAX_ROWS, "rows")
        if workbook and len(header) > _xlsx.MAX_COLUMNS:
            raise refuse(f"the {name} sheet has {len(header)} columns, more than a workbook "
                         f"holds ({_xlsx.MAX_COLUMNS}): write rights=\"long\" or a folder of "
                         f"CSV files", len(header), _xlsx.MAX_COLUMNS, "columns")
        for number, row in enumerate([header] + rows, start=1):
            for i, value in enumerate(row):
                place = f"{name}, row {number}, column {column_letter(i + 1)} ({header[i]})"
                if isinstance(value, str) and len(value) + 1 > longest:
                    raise refuse(f"{place}: a text of {len(value)} characters, more than "
                                 f"{what} holds ({longest})", len(value), longest, "characters")
                if (workbook and isinstance(value, int) and not isinstance(value, bool)
                        and abs(value) > _EXACT_INTEGER):
                    raise refuse(f"{place}: {value} is beyond 2**53, which a workbook (whose "
                                 f"numbers are doubles) cannot hold exactly: write a folder of "
                                 f"CSV files", abs(value), _EXACT_INTEGER, "")


def write_spreadsheet(net: Network, path: PathLike, *, rights: str = "long") -> None:
    """Write a network as a folder of CSV files or an ``.xlsx`` workbook, atomically.

    The sheets are those :func:`read_spreadsheet` reads, with every column of each (empty
    where a value is not given), so that the files are a template to fill in; reading them
    back gives a network equal to ``net``. A text cell that a spreadsheet would take for a
    formula (starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return) is written
    with an apostrophe before it, as is one that starts with an apostrophe (CWE-1236); the
    reader removes it. In a workbook, text cells are typed as text and never evaluated.

    Parameters
    ----------
    net : Network
    path : str or os.PathLike
        A name ending in ``.xlsx`` writes a workbook; anything else is a folder (made if
        missing; its parent must exist) of ``stakeholders.csv``, ``relations.csv``,
        ``projects.csv``, ``decisions.csv``, ``rights.csv`` and, when the network has
        metadata, ``metadata.csv``: UTF-8 with a byte-order mark (so that Excel reads the
        text right), comma-separated, quoted as RFC 4180 says.
    rights : {"long", "wide"}
        ``"long"``: one row per decision and stakeholder (columns decision, stakeholder,
        right, votes, veto). ``"wide"``: one row per decision and one column per stakeholder,
        each cell a right (empty: not listed), with the votes and veto of each decision as
        JSON text in the decisions sheet's ``votes`` and ``veto`` columns.

    Raises
    ------
    InputError
        Not a network, an unknown ``rights`` form, a path ending as another file type
        (``.csv``, ``.xls``, ``.ods`` ...), metadata with an empty key.
    LimitError
        A value the file cannot hold or the reader would not take back: a cell over 32,767
        characters in a workbook (131,072 in a CSV file), more rows or columns than a
        workbook has, an integer beyond 2**53 in a workbook.
    OSError
        The file or folder cannot be written; an existing folder holding files other than
        the sheets is not replaced. Nothing is left half-written.

    Notes
    -----
    The file, or the folder as a whole, is written to a temporary name beside the target,
    flushed to disk and renamed over it: a reader sees the old one or the new one, never half
    of one (on Linux an existing folder is swapped in one step; elsewhere it is renamed aside
    first, so for a moment there is none). An existing file or folder keeps its mode and
    group, and each CSV file the mode of the one it replaces; on failure nothing is left
    behind.

    Examples
    --------
    >>> import os, tempfile
    >>> import coproduction as cp
    >>> net = cp.examples.load("twam_partners_2013")
    >>> book = os.path.join(tempfile.mkdtemp(), "partnership.xlsx")
    >>> cp.write_spreadsheet(net, book, rights="wide")
    >>> cp.read_spreadsheet(book) == net
    True
    """
    if not isinstance(net, Network):
        raise input_error("net", f"a coproduction.Network, not {type(net).__name__}")
    if rights not in ("long", "wide"):
        raise input_error("rights", f'"long" or "wide", not {rights!r}')
    if not isinstance(path, (str, os.PathLike)):
        raise input_error("path", f"a folder or .xlsx file path, not {type(path).__name__}")
    target = os.fspath(path)
    workbook = target.lower().endswith(".xlsx")
    if not workbook and target.lower().rstrip("/\\").endswith(_NOT_A_FOLDER):
        raise input_error("path", f"a name ending in .xlsx for a workbook, or a folder for CSV "
                                  f"files, not {target!r}")
    document = json.loads(net.to_json(indent=None))
    sheets = _sheets(document, rights)
    _check_cells(sheets, target, workbook)
    if workbook:
        _atomic.write_bytes(target, _xlsx.workbook_bytes(sheets))
    else:
        _atomic.write_folder(target, {f"{name}.csv": _csv.csv_bytes(header, rows)
                                      for name, header, rows, _ in sheets},
                             replaceable=frozenset(f"{name}.csv" for name in SHEETS))


def __dir__() -> List[str]:
    return list(__all__)
