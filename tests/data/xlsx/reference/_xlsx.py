"""An ``.xlsx`` workbook as sheets of cells, and sheets as a workbook.

Reading uses openpyxl (the optional extra ``coproduction[spreadsheet]``) in read-only mode,
after the workbook has been checked as the zip archive it is: the sizes its parts declare
(which Python's zip reader then holds them to) must stay within ``max_bytes``, it may hold at
most 10,000 parts, and no part may declare an XML document type (which no workbook needs, and
which entity expansion attacks use). Cells are read as the file stores them (a number cell is a
number) and nothing is evaluated: a formula is reported, not computed.

Writing makes the workbook's XML here rather than through openpyxl, whose writer keeps 16
significant digits of a number (``"%.16g"``), which does not always read back as the same
float; this writer gives each number its shortest exact text (``repr``). Text cells are
shared strings (as Excel writes them) with the Text number format, whole columns of text are
formatted as Text (so that Excel keeps ``007``, ``2013-02`` or ``=x`` typed into them as
text), the header row is bold and frozen, and characters XML cannot hold (a carriage return,
other control characters) are written with the workbook's own escape ``_xHHHH_`` (ECMA-376
Part 1, 22.9.2.19, ST_Xstring), which the reader undoes; a literal ``_xHHHH_`` is escaped as
Excel does, ``_x005F_xHHHH_``.
"""

from __future__ import annotations

import datetime
import importlib
import io
import os
import re
import warnings
import zipfile
from typing import Any, Dict, List, Optional, Sequence, Tuple
from xml.etree import ElementTree
from xml.sax.saxutils import escape as _xml_escape

from ._table import (SHEETS, Budget, Cell, Sheet, SizeRefused, column_letter, near_miss,
                     neutralise)

__all__ = ["read_workbook", "workbook_bytes", "MAX_PARTS", "MAX_ROWS", "MAX_COLUMNS",
           "MAX_CELL_CHARACTERS", "xstring_escape", "xstring_unescape"]

#: The most parts (files inside the zip archive) a workbook may hold.
MAX_PARTS = 10000
#: Excel's limits: rows and columns of a sheet, characters of a cell.
MAX_ROWS = 1048576
MAX_COLUMNS = 16384
MAX_CELL_CHARACTERS = 32767

_ESCAPED = re.compile(r"_x([0-9A-Fa-f]{4})_")
_LITERAL_ESCAPE = re.compile(r"_(?=x[0-9A-Fa-f]{4}_)")
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0d\x0e-\x1f\ufffe\uffff]")


def xstring_escape(text: str) -> str:
    """Text as a workbook's XML holds it: ``_xHHHH_`` for a character XML cannot hold (or
    would turn into another: a carriage return becomes a line feed), ``_x005F_`` before a
    literal ``_xHHHH_``."""
    text = _LITERAL_ESCAPE.sub("_x005F_", text)
    return _NOT_XML.sub(lambda m: f"_x{ord(m.group(0)):04X}_", text)


def xstring_unescape(text: str) -> str:
    """The text a workbook's string means: every ``_xHHHH_`` is the character it codes."""
    if "_x" not in text:
        return text
    return _ESCAPED.sub(lambda m: chr(int(m.group(1), 16)), text)


# -- reading ----------------------------------------------------------------------------------

def _openpyxl() -> Any:
    try:
        return importlib.import_module("openpyxl")
    except ImportError as err:
        raise ImportError("reading an .xlsx workbook needs openpyxl: pip install "
                          "'coproduction[spreadsheet]' (a folder of CSV files needs nothing "
                          "more)") from err


def _check_archive(path: str, place: Sheet, budget: Budget) -> bool:
    """Checks the zip archive before anything parses it; False (a problem recorded) when it is
    not one, or holds a document type declaration. Raises SizeRefused for a zip bomb."""
    size = os.path.getsize(path)
    if size > budget.max_bytes:
        raise SizeRefused(place.problem(
            "format.size", f"the workbook has {size} bytes, more than the limit of "
                           f"{budget.max_bytes} (max_bytes)"))
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError):
        with open(path, "rb") as f:
            head = f.read(8)
        if head.startswith(b"\xd0\xcf\x11\xe0"):
            why = ("an Excel 97-2003 (.xls) or password-protected workbook: save it as an "
                   "Excel Workbook (.xlsx) without a password")
        else:
            why = "not an .xlsx workbook (it is not a zip archive)"
        place.problem("format.syntax", why)
        return False
    with archive:
        parts = archive.infolist()
        if len(parts) > MAX_PARTS:
            raise SizeRefused(place.problem(
                "format.size", f"the workbook holds {len(parts)} parts, more than the limit of "
                               f"{MAX_PARTS}"))
        unpacked = sum(part.file_size for part in parts)
        if unpacked > budget.max_bytes - budget.bytes:
            raise SizeRefused(place.problem(
                "format.size", f"the workbook's parts unpack to {unpacked} bytes, more than the "
                               f"limit of {budget.max_bytes} (max_bytes): refused before "
                               f"unpacking (a zip bomb?)"))
        budget.bytes += unpacked
        for part in parts:
            if not part.filename.lower().endswith((".xml", ".rels", ".vml")):
                continue
            try:
                with archive.open(part) as f:
                    head = f.read(65536)
            except Exception as err:  # a damaged or encrypted part: zipfile raises many kinds
                place.problem("format.syntax", f"the part {part.filename!r} cannot be "
                                               f"unpacked: {err}")
                return False
            if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
                place.problem("format.syntax",
                              f"the part {part.filename!r} declares an XML document type, "
                              f"which no workbook needs: refused (entity expansion)")
                return False
    return True


_SHARED_STRINGS = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]  # a tag without its namespace (transitional or strict)


def _shared_strings(path: str, place: Sheet, budget: Budget) -> List[str]:
    """The workbook's shared strings as the file holds them, escapes and all; each counts
    as a cell of the budget (openpyxl reads the whole table when it opens a workbook, so it is
    counted first).

    openpyxl's own table deletes every ``x005F_`` from a string (a literal ``ax005F_b``
    becomes ``ab``) and leaves other escapes as they are; the reader undoes the escapes
    itself, exactly (:func:`xstring_unescape`). A string is its plain text and the text of
    its runs of formatting, without phonetic guides, as openpyxl reads it.
    """
    with zipfile.ZipFile(path) as archive:
        if "[Content_Types].xml" not in archive.namelist():
            return []  # not a workbook: openpyxl says so
        types = ElementTree.fromstring(archive.read("[Content_Types].xml"))
        part = next((o.get("PartName", "") for o in types
                     if o.get("ContentType") == _SHARED_STRINGS), None)
        if not part or part.lstrip("/") not in archive.namelist():
            return []
        strings: List[str] = []
        root = None
        with archive.open(part.lstrip("/")) as source:
            for event, node in ElementTree.iterparse(source, events=("start", "end")):
                if root is None:
                    root = node
                if event != "end" or _local(node.tag) != "si":
                    continue
                text: List[str] = []
                for child in node:
                    if _local(child.tag) == "t":
                        text.append(child.text or "")
                    elif _local(child.tag) == "r":
                        text += [t.text or "" for t in child if _local(t.tag) == "t"]
                strings.append("".join(text))
                root.clear()  # the strings read so far: the table is not kept as a tree
                budget.cells += 1
                if budget.cells > budget.max_cells:
                    raise SizeRefused(place.problem(
                        "format.size", f"the workbook holds more than {budget.max_cells} "
                                       f"cells and shared strings (max_cells)"))
        return strings


def _cell(found: Dict[str, Any]) -> Optional[Cell]:
    """A cell openpyxl's sheet parser found, as a Cell; None for an empty one."""
    value, kind = found["value"], found["data_type"]
    if value is None:
        return None
    if kind == "f":
        return Cell(str(getattr(value, "text", value) or "="), "formula")
    if kind == "s":
        text = xstring_unescape(str(value))
        return Cell(text, "text") if text != "" else None
    if kind == "b":
        return Cell(bool(value), "boolean")
    if kind == "n" and isinstance(value, (int, float)) and not isinstance(value, bool):
        return Cell(value, "number")
    if kind == "d":
        if isinstance(value, datetime.datetime) and value.time() == datetime.time():
            value = value.date()  # a date typed without a time
        dated = isinstance(value, (datetime.date, datetime.time))
        return Cell(value.isoformat() if dated else str(value), "date")
    return Cell(str(value), "error")


def _read_sheet(book: Any, title: str, sheet: Sheet, budget: Budget, strings: List[str]) -> None:
    # openpyxl's read-only rows pad every row with empty cells up to its last cell (or the
    # column the file's <dimension> claims, dropping cells beyond it), so one stray cell at
    # column XFD per row would cost 16,384 cells a row. Its sheet parser, which those rows
    # come from, gives the cells the file holds and nothing else.
    from openpyxl.worksheet._reader import WorkSheetParser  # type: ignore[import-untyped]

    worksheet = book[title]
    source = worksheet._get_source()
    try:
        parser = WorkSheetParser(source, strings, data_only=False,
                                 epoch=book.epoch, date_formats=book._date_formats,
                                 timedelta_formats=book._timedelta_formats)
        for rows_seen, (index, row) in enumerate(parser.parse(), start=1):
            if rows_seen > MAX_ROWS or index > MAX_ROWS:  # empty rows cost time, not cells
                sheet.problem("format.size", f"more than the {MAX_ROWS} rows a sheet holds")
                sheet.readable = False
                return
            budget.cells += len(row)
            if budget.cells > budget.max_cells:
                raise SizeRefused(sheet.problem(
                    "format.size", f"the sheets hold more than {budget.max_cells} cells "
                                   f"(max_cells)"))
            for found in row:
                r, c = found["row"], found["column"]
                if not (1 <= r <= MAX_ROWS and 1 <= c <= MAX_COLUMNS):
                    sheet.problem("format.size",
                                  f"a cell at row {r}, column {c}: beyond the last row "
                                  f"({MAX_ROWS}) or column ({MAX_COLUMNS}) of a sheet")
                    sheet.readable = False
                    return
                cell = _cell(found)
                if cell is None:
                    continue
                cells = sheet.cells.setdefault(r, {})
                if c in cells:
                    sheet.problem("format.duplicate_key", "the file holds this cell twice",
                                  row=r, column=c)
                cells[c] = cell
    except SizeRefused:
        raise
    except Exception as err:  # openpyxl raises many kinds for a damaged sheet
        sheet.problem("format.syntax", f"the sheet cannot be read: {type(err).__name__}: {err}")
        sheet.readable = False
    finally:
        source.close()


def read_workbook(path: str, budget: Budget) -> Tuple[Dict[str, Sheet], Sheet]:
    """The sheets of a workbook by name (``Stakeholders`` is the sheet ``stakeholders``: a
    workbook's sheet names ignore case), and a sheet for the workbook itself holding the
    problems of the workbook as a whole. Other sheets are not read; one whose name looks like
    a slip for a sheet's (``relation``) is a problem."""
    place = Sheet("workbook", path, -1)
    openpyxl = _openpyxl()
    if not _check_archive(path, place, budget):
        return {}, place
    try:
        strings = _shared_strings(path, place, budget)
    except SizeRefused:
        raise
    except Exception as err:  # a damaged table: zipfile and XML raise many kinds
        place.problem("format.syntax", f"the shared strings cannot be read: "
                                       f"{type(err).__name__}: {err}")
        return {}, place
    sheets: Dict[str, Sheet] = {}
    with warnings.catch_warnings():
        # openpyxl warns of what it does not support (data validation extensions, dates out
        # of range, which it makes error cells, reported as such here).
        warnings.simplefilter("ignore")
        try:
            book = openpyxl.load_workbook(path, read_only=True, data_only=False,
                                          keep_links=False)
        except Exception as err:  # openpyxl raises many kinds for a damaged workbook
            place.problem("format.syntax", f"not a workbook openpyxl can read: "
                                           f"{type(err).__name__}: {err}")
            return {}, place
        try:
            titles: Dict[str, List[str]] = {}
            for title in book.sheetnames:
                if title.lower() in SHEETS:
                    titles.setdefault(title.lower(), []).append(title)
                    continue
                meant = near_miss(title, SHEETS)
                if meant is not None:
                    place.problem("format.unknown_field",
                                  f"the sheet {title!r} is not read: is it the {meant} sheet? "
                                  f"Name it {meant}")
            for order, name in enumerate(SHEETS):
                found = titles.get(name, [])
                if len(found) > 1:
                    place.problem("format.duplicate_key",
                                  f"{len(found)} sheets are the {name} sheet: "
                                  + ", ".join(repr(t) for t in found) + "; keep one")
                    continue
                if found:
                    sheet = Sheet(name, f"{path}, sheet {found[0]}", order)
                    _read_sheet(book, found[0], sheet, budget, strings)
                    sheets[name] = sheet
        finally:
            book.close()
    return sheets, place


# -- writing ----------------------------------------------------------------------------------

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PACKAGE_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'

#: Cell styles: 0 general, 1 the header (bold, Text format), 2 text (Text format, 49 "@").
_STYLES = (
    f'{_HEAD}<styleSheet xmlns="{_MAIN}">'
    '<fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font>'
    '<font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>'
    '<fills count="2"><fill><patternFill patternType="none"/></fill>'
    '<fill><patternFill patternType="gray125"/></fill></fills>'
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    '<cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    '<xf numFmtId="49" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1" '
    'applyNumberFormat="1"/>'
    '<xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    '</cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/>'
    '</cellStyles></styleSheet>')


def _text(text: str) -> str:
    return _xml_escape(xstring_escape(text))


class _Strings:
    """The workbook's shared strings: each text once, cells refer to it by number (as Excel
    writes them, and much faster to read than a string in every cell)."""

    def __init__(self) -> None:
        self.index: Dict[str, int] = {}
        self.count = 0

    def __call__(self, text: str) -> int:
        self.count += 1
        return self.index.setdefault(text, len(self.index))

    def xml(self) -> str:
        items = "".join(f'<si><t xml:space="preserve">{_text(t)}</t></si>' for t in self.index)
        return (f'{_HEAD}<sst xmlns="{_MAIN}" count="{self.count}" '
                f'uniqueCount="{len(self.index)}">{items}</sst>')


def _cell_xml(ref: str, value: Any, style: int, strings: _Strings) -> str:
    if isinstance(value, bool):
        return f'<c r="{ref}" t="b"><v>{int(value)}</v></c>'
    if isinstance(value, int):
        return f'<c r="{ref}"><v>{value}</v></c>'
    if isinstance(value, float):
        return f'<c r="{ref}"><v>{value!r}</v></c>'
    return f'<c r="{ref}" t="s" s="{style}"><v>{strings(neutralise(str(value)))}</v></c>'


def _sheet_xml(header: Sequence[str], rows: Sequence[Sequence[Any]],
               text_columns: Sequence[bool], selected: bool, strings: _Strings) -> str:
    width = len(header)
    letters = [column_letter(i + 1) for i in range(width)]
    out: List[str] = []
    for number, row in enumerate([list(header)] + [list(r) for r in rows], start=1):
        style = 1 if number == 1 else 2
        cells = "".join(_cell_xml(f"{letters[i]}{number}", value, style, strings)
                        for i, value in enumerate(row) if value is not None)
        out.append(f'<row r="{number}">{cells}</row>')
    widths = []
    for i in range(width):
        longest = max([len(str(header[i]))] + [len(str(r[i])) for r in rows[:1000]
                                                 if r[i] is not None])
        widths.append(min(max(longest + 2, 8), 60))
    cols = "".join(f'<col min="{i + 1}" max="{i + 1}" width="{w}" customWidth="1"'
                   + (' style="2"' if text_columns[i] else "") + "/>"
                   for i, w in enumerate(widths))
    last = f"{column_letter(max(width, 1))}{len(rows) + 1}"
    selected_attribute = ' tabSelected="1"' if selected else ""
    return (f'{_HEAD}<worksheet xmlns="{_MAIN}" xmlns:r="{_RELS}">'
            f'<dimension ref="A1:{last}"/>'
            f'<sheetViews><sheetView workbookViewId="0"{selected_attribute}>'
            '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>'
            '<selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews>'
            '<sheetFormatPr defaultRowHeight="15"/>'
            f'<cols>{cols}</cols><sheetData>{"".join(out)}</sheetData></worksheet>')


def workbook_bytes(sheets: Sequence[Tuple[str, Sequence[str], Sequence[Sequence[Any]],
                                          Sequence[bool]]]) -> bytes:
    """The bytes of a workbook of ``(name, header, rows, text_columns)`` sheets, in order.
    ``text_columns`` says which columns are formatted as Text. Cells are None (no cell),
    bool, int (at most 2**53 in size), a finite float, or str."""
    n = len(sheets)
    content_types = (
        f'{_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
        'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
        'officedocument.spreadsheetml.sheet.main+xml"/>'
        + "".join(f'<Override PartName="/xl/worksheets/sheet{i + 1}.xml" ContentType="'
                  'application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
                  for i in range(n))
        + '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-'
          'officedocument.spreadsheetml.styles+xml"/>'
          '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.'
          'openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>')
    package_rels = (f'{_HEAD}<Relationships xmlns="{_PACKAGE_RELS}"><Relationship Id="rId1" '
                    f'Type="{_RELS}/officeDocument" Target="xl/workbook.xml"/></Relationships>')
    workbook = (f'{_HEAD}<workbook xmlns="{_MAIN}" xmlns:r="{_RELS}">'
                '<bookViews><workbookView activeTab="0"/></bookViews><sheets>'
                + "".join(f'<sheet name="{_xml_escape(name)}" sheetId="{i + 1}" r:id="rId{i + 1}"/>'
                          for i, (name, _, _, _) in enumerate(sheets))  # names of SHEETS
                + "</sheets></workbook>")
    workbook_rels = (
        f'{_HEAD}<Relationships xmlns="{_PACKAGE_RELS}">'
        + "".join(f'<Relationship Id="rId{i + 1}" Type="{_RELS}/worksheet" '
                  f'Target="worksheets/sheet{i + 1}.xml"/>' for i in range(n))
        + f'<Relationship Id="rId{n + 1}" Type="{_RELS}/styles" Target="styles.xml"/>'
          f'<Relationship Id="rId{n + 2}" Type="{_RELS}/sharedStrings" '
          'Target="sharedStrings.xml"/></Relationships>')
    parts = [("[Content_Types].xml", content_types), ("_rels/.rels", package_rels),
             ("xl/workbook.xml", workbook), ("xl/_rels/workbook.xml.rels", workbook_rels),
             ("xl/styles.xml", _STYLES)]
    strings = _Strings()
    parts += [(f"xl/worksheets/sheet{i + 1}.xml", _sheet_xml(header, rows, text, i == 0, strings))
              for i, (_, header, rows, text) in enumerate(sheets)]
    parts.append(("xl/sharedStrings.xml", strings.xml()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, xml in parts:
            # A fixed time stamp: the same network gives the same bytes.
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, xml.encode("utf-8"))
    return out.getvalue()
