"""Makes the workbooks of tests/cpp/test_xlsx.cpp, and what the Python package reads from each.

Run from the repository's root with the development environment's Python (it needs openpyxl):

    .venv/bin/python tests/data/xlsx/make_fixtures.py

- ``openpyxl_types.xlsx``: written by openpyxl as another program would write it: numbers
  (integers, floats that need 17 digits, the least subnormal), booleans, dates, times and a
  duration under openpyxl's own number formats, a number under a custom date format,
  formulas, error values, shared strings with text that looks like the workbook's escapes,
  markup characters and non-Latin scripts; a sheet whose name is a slip (``Relation``) and
  one that is not read (``Notes``).
- ``hand_made.xlsx``: XML written here, for what openpyxl does not write: inline strings
  with runs of formatting, a formula's cached string (``t="str"``), ISO 8601 date cells
  (``t="d"``), rich shared strings with a phonetic guide, cells and rows without a place, the
  1904 date system, custom formats that look like dates and are not, a cell given twice,
  two sheets of one name, a shared string index out of range (the sheet cannot be read) and
  a cell beyond the last column.
- ``mistakes.expected.json``: what the reference reader (openpyxl) reads from
  ``tests/data/spreadsheets/mistakes.xlsx`` (the workbook of tests/python/test_spreadsheet.py).
- ``python_written.xlsx``: the Python package's own writer (``_xlsx.workbook_bytes``) on the
  sheets in ``python_written.json``, which the C++ writer must reproduce byte for byte.

For each workbook ``<name>.xlsx``, ``<name>.expected.json`` holds what the reference reader
``_xlsx.read_workbook`` (kept in ``reference/``) reads from it (the path shown as ``<book>``): the problems of the
workbook, and each sheet's title, readability, problems and cells (row, column, kind and the
value as Python's ``str`` shows it).
"""

from __future__ import annotations

import datetime
import importlib
import json
import pathlib
import sys
import types
import zipfile

import openpyxl

HERE = pathlib.Path(__file__).resolve().parent

# The reference: the Python package's reader and writer, kept in reference/ (importing it
# as a package of its own, whatever the folder this runs from).
_package = types.ModuleType("_xlsx_reference")
_package.__path__ = [str(HERE / "reference")]  # type: ignore[attr-defined]
sys.modules["_xlsx_reference"] = _package
_table = importlib.import_module("_xlsx_reference._table")
_xlsx = importlib.import_module("_xlsx_reference._xlsx")

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'


def shown(cell) -> str:
    value = cell.value
    if isinstance(value, float):
        return repr(value)
    return str(value)


def expected(path: pathlib.Path) -> dict:
    budget = _table.Budget(256 << 20, 10_000_000)
    sheets, place = _xlsx.read_workbook(str(path), budget)

    def problems(sheet):
        return [[p.where.replace(str(path), "<book>"), p.code, p.message] for p in sheet.problems]

    return {
        "place": problems(place),
        "bytes": budget.bytes,
        "cells": budget.cells,
        "sheets": [{"name": s.name, "title": s.title.replace(str(path), "<book>"),
                    "readable": s.readable, "problems": problems(s),
                    "cells": [[r, c, cell.kind, shown(cell)]
                              for r in sorted(s.cells) for c, cell in sorted(s.cells[r].items())]}
                   for s in sheets.values()],
    }


def openpyxl_types(path: pathlib.Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Stakeholders"
    sheet.append(["id", "int", "float", "bool", "date", "formula", "text"])
    sheet.append(["a", 1, 0.1 + 0.2, True, datetime.date(2013, 2, 14), "=2+3", "_x000D_ and _x005F_x0041_"])
    sheet.append(["b", -3, 1e20, False, datetime.datetime(2013, 2, 14, 10, 30), "=A1", "a & b < c > d"])
    sheet.append(["c", 2 ** 40, 5e-324, None, datetime.time(10, 30, 15), "#N/A", "é 中文 😀 \u200f"])
    sheet.append(["d", 0, -1.5, True, datetime.timedelta(days=1, hours=2), "#DIV/0!", "'=1"])
    sheet.append(["e", 12, 2.0, None, datetime.datetime(1900, 1, 1), "=SUM(B2:B5)", "a"])
    sheet["B7"] = 41319
    sheet["B7"].number_format = "yyyy-mm"
    sheet["C7"] = 41319.75
    sheet["C7"].number_format = "dd/mm/yyyy hh:mm"
    sheet["D7"] = 0.5
    sheet["D7"].number_format = "0.00%"
    relations = book.create_sheet("relations")
    relations.append(["source", "target", "weight"])
    relations.append(["a", "b", 0.5])
    relations.append(["b", "a", 1e-7])
    book.create_sheet("Relation").append(["slip"])
    book.create_sheet("Notes").append(["not read"])
    book.save(path)


def sheet_part(rows: str, extra: str = "") -> str:
    return (f'{HEAD}<worksheet xmlns="{MAIN}" xmlns:r="{RELS}">{extra}<sheetData>{rows}'
            f'</sheetData></worksheet>')


def hand_made(path: pathlib.Path) -> None:
    titles = ["stakeholders", "Relations", "Stake holders", "decisions", "Decisions", "projects",
              "rights", "metadata"]
    sheets = [
        # stakeholders: inline strings, cached formula strings, ISO dates, rich shared
        # strings, cells and rows without a place, 1904 dates, formats that are not dates.
        sheet_part(
            '<row r="1"><c r="A1" t="inlineStr"><is><t>id</t></is></c>'
            '<c r="B1" t="inlineStr"><is><r><t>la</t></r><r><rPr><b/></rPr><t>bel</t></r></is></c>'
            '<c r="C1" t="s"><v>0</v></c><c r="D1" t="s"><v>1</v></c></row>'
            '<row r="2"><c r="A2" t="str"><v>cached</v></c><c r="B2" t="d"><v>2013-02-14</v></c>'
            '<c r="C2" t="d"><v>2013-02-14T10:30:00</v></c><c r="D2" t="d"><v>10:30</v></c>'
            '<c r="E2" t="d"><v>2013-02-14T00:00:00Z</v></c></row>'
            '<row><c t="inlineStr"><is><t xml:space="preserve"> x_x000A_y </t></is></c>'
            '<c s="1"><v>0</v></c><c s="1"><v>1.5</v></c><c s="2"><v>3</v></c>'
            '<c s="3"><v>44000</v></c><c s="4"><v>1.25</v></c><c s="5"><v>2</v></c></row>'
            '<row r="5"><c r="A5" t="s"><v>-1</v></c><c r="B5" t="b"><v>2</v></c>'
            '<c r="C5" t="e"><v>#REF!</v></c><c r="D5"><v>1e400</v></c><c r="E5"><v> 7 </v></c>'
            '<c r="F5" t="s"><v>2</v></c><c r="G5" t="inlineStr"/><c r="H5"/>'
            '<c r="I5" s="6"><v>45000.5</v></c><c r="J5" s="1"><v>-1</v></c></row>'
            '<row r="6"><c r="A6" t="inlineStr"><is><t>twice</t></is></c>'
            '<c r="A6" t="inlineStr"><is><t>again</t></is></c></row>'
            # A formula filled down (a shared formula) and an array formula.
            '<row r="7"><c r="C7"><f t="shared" ref="C7:D9" si="0">a7*2+$B$1+SUM(A1:A2)+Sheet2!B3'
            "+'My Sheet'!C1&amp;\"x\"\"A1\"&amp;\" A1 \"  +  1.5E+3+MyName+A:A+$C:D+1:1+$2:3+#REF!"
            '+Sheet2!#REF!+TRUE+{1,2;3,4}+IF(A1&gt;=1,-A1,A1%)+[1]Sheet!A1+A1:B2:C3</f><v>1</v></c>'
            '<c r="E7"><f t="array" ref="E7">SUM(A1:A2*2)</f><v>3</v></c></row>'
            '<row r="8"><c r="C8"><f t="shared" si="0"/><v>2</v></c></row>'
            '<row r="9"><c r="D9"><f t="shared" si="0"/><v>2</v></c>'
            '<c r="E9"><f t="shared" si="7"/></c></row>'),
        # relations: a shared formula moved left of column A.
        sheet_part('<row r="1"><c r="A1" t="inlineStr"><is><t>source</t></is></c></row>'
                   '<row r="2"><c r="B2"><f t="shared" si="0">A1</f></c></row>'
                   '<row r="3"><c r="A3"><f t="shared" si="0"/></c></row>'),
        sheet_part('<row r="1"><c r="A1" t="inlineStr"><is><t>x</t></is></c></row>'),
        sheet_part('<row r="1"><c r="A1" t="inlineStr"><is><t>id</t></is></c></row>'),
        sheet_part('<row r="1"><c r="A1" t="inlineStr"><is><t>id</t></is></c></row>'),
        sheet_part('<row r="1"><c r="A1" t="inlineStr"><is><t>id</t></is></c></row>'
                   '<row r="2"><c r="A2" t="s"><v>99</v></c></row>'),
        sheet_part('<row r="1"><c r="A1" t="inlineStr"><is><t>decision</t></is></c></row>'
                   '<row r="2"><c r="XFE2"><v>1</v></c></row>'),
        # metadata: a shared formula that cannot be tokenised.
        sheet_part('<row r="1"><c r="A1" t="inlineStr"><is><t>key</t></is></c></row>'
                   '<row r="2"><c r="B2"><f t="shared" si="0">1)</f></c></row>'),
    ]
    shared = (f'{HEAD}<sst xmlns="{MAIN}" count="3" uniqueCount="3">'
              '<si><t>kind</t></si>'
              '<si><r><t>ro</t></r><r><t>le</t></r><rPh sb="0" eb="1"><t>phonetic</t></rPh></si>'
              '<si><t>a_x005F_x0041_b_x0041_</t></si></sst>')
    styles = (f'{HEAD}<styleSheet xmlns="{MAIN}"><numFmts count="4">'
              '<numFmt numFmtId="164" formatCode="&quot;d&quot;0.00"/>'
              '<numFmt numFmtId="165" formatCode="[Red]0.00;[Blue]yyyy"/>'
              '<numFmt numFmtId="166" formatCode="[h]:mm"/>'
              '<numFmt numFmtId="14" formatCode="0.000"/></numFmts>'
              '<cellXfs count="7"><xf numFmtId="0"/><xf numFmtId="15"/><xf numFmtId="164"/>'
              '<xf numFmtId="165"/><xf numFmtId="166"/><xf numFmtId="14"/>'
              '<xf numFmtId="22"/></cellXfs></styleSheet>')
    n = len(titles)
    content = (f'{HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
               '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
               'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
               '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.'
               'openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
               '<Override PartName="/xl/strings.xml" ContentType="application/vnd.openxmlformats-'
               'officedocument.spreadsheetml.sharedStrings+xml"/></Types>')
    workbook = (f'{HEAD}<workbook xmlns="{MAIN}" xmlns:r="{RELS}"><workbookPr date1904="1"/>'
                '<sheets>' + "".join(f'<sheet name="{t}" sheetId="{i + 1}" r:id="rId{i + 1}"/>'
                                     for i, t in enumerate(titles)) + '</sheets></workbook>')
    rels = ('<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            + "".join(f'<Relationship Id="rId{i + 1}" Type="{RELS}/worksheet" '
                      f'Target="sheets/../worksheets/s{i + 1}.xml"/>' for i in range(n))
            + f'<Relationship Id="rId{n + 1}" Type="{RELS}/sharedStrings" Target="/xl/strings.xml"/>'
            '</Relationships>')
    package = ('<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
               f'<Relationship Id="rId1" Type="{RELS}/officeDocument" Target="xl/workbook.xml"/>'
               '</Relationships>')
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in [("[Content_Types].xml", content), ("_rels/.rels", package),
                           ("xl/workbook.xml", workbook), ("xl/_rels/workbook.xml.rels", rels),
                           ("xl/styles.xml", styles), ("xl/strings.xml", shared)] + [
                (f"xl/worksheets/s{i + 1}.xml", s) for i, s in enumerate(sheets)]:
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, text.encode("utf-8"))


#: The sheets the Python writer writes for python_written.xlsx: each value null, a boolean,
#: {"i": int}, {"f": repr of a float} or {"s": text}.
WRITTEN = [
    {"name": "stakeholders", "header": ["id", "label", "paid", "size", "influence", "attributes"],
     "textual": [True, True, False, False, False, True],
     "rows": [
         [{"s": "=a"}, {"s": "\x00\x1b\r\n_x000D_ _x005F_\uffff ax005F_b _x0041_"}, False,
          {"i": 3}, {"f": repr(0.1 + 0.2)}, {"s": '{"k": "v\\u0001"}'}],
         [{"s": "'b"}, {"s": "'=1"}, True, None, {"f": "1e+20"}, None],
         [{"s": "007"}, {"s": "NA"}, None, {"i": -9007199254740992}, {"f": "5e-324"}, None],
         [{"s": "é中文😀"}, {"s": "x" * 80}, None, {"i": 0}, {"f": "-0.0"}, {"s": "a & <b>"}],
         [{"s": "+1"}, {"s": "-2"}, None, None, {"f": "123456789012345.67"}, {"s": "@x"}],
     ]},
    {"name": "relations", "header": ["source", "target", "type", "weight"],
     "textual": [True, True, True, False], "rows": []},
    {"name": "metadata", "header": ["key", "value", "json"], "textual": [True, True, True],
     "rows": [[{"s": "title"}, {"s": "=x"}, None], [{"s": "ratio"}, None, {"s": "0.30000000000000004"}]]},
]


def value(v):
    if v is None or isinstance(v, bool):
        return v
    if "i" in v:
        return v["i"]
    if "f" in v:
        return float(v["f"])
    return v["s"]


def python_written(path: pathlib.Path) -> None:
    sheets = [(s["name"], s["header"], [[value(v) for v in row] for row in s["rows"]], s["textual"])
              for s in WRITTEN]
    path.write_bytes(_xlsx.workbook_bytes(sheets))
    path.with_suffix(".json").write_text(json.dumps(WRITTEN, ensure_ascii=False, indent=1) + "\n",
                                         encoding="utf-8")


FORMATS = ["General", "0", "0.00", "mm-dd-yy", "d-mmm-yy", "h:mm AM/PM", "[h]:mm:ss", "mm:ss",
           "mmss.0", "yyyy-mm-dd", "yyyy-mm-dd;@", '"d"0.00', "[Red]0.00", "[Red]0.00;[Blue]yyyy",
           "[$-409]mmmm d, yyyy", "[hh]:mm", "[MM]:ss", "[s].00", "0.00_d", "0\\d", "#,##0 \"days\"",
           '"unterminated d', "[h", "0;yyyy", "@", "[DBNum1]0", "dd/mm/yyyy hh:mm", "S", "[H]:MM"]
SERIALS = [0, 0.25, 0.5, 0.999999, 0.9999999999, 1, 1.5, 59, 59.999, 60, 60.5, 61, 41319, 41319.75,
           41319.123456789, 2958465, 2958466, -1, -693593, -693594, 45000.5, 1e-9, 1 / 3,
           0.1 + 0.2, 1e15, float("inf"), float("nan"), 2 / 3, 123.456789, 2.5e-6]


def conversions() -> dict:
    """openpyxl's date format tests and serial conversions, as the reader turns them into a
    date cell's text (or the error value #VALUE!)."""
    from openpyxl.styles.numbers import is_date_format, is_timedelta_format
    from openpyxl.utils.datetime import MAC_EPOCH, WINDOWS_EPOCH, from_excel

    def text(value, epoch, elapsed):
        try:
            found = from_excel(value, epoch, timedelta=elapsed)
        except (OverflowError, ValueError):
            return "#VALUE!"
        cell = _xlsx._cell({"value": found, "data_type": "d"})
        return cell.value

    return {
        "formats": [[f, is_date_format(f), is_timedelta_format(f)] for f in FORMATS],
        "serials": [[repr(v), text(v, WINDOWS_EPOCH, False), text(v, MAC_EPOCH, False),
                     text(v, WINDOWS_EPOCH, True)] for v in SERIALS],
        "escapes": [[t, _xlsx.xstring_escape(t), _xlsx.xstring_unescape(t)] for t in [
            "plain", "\x00\x1b\r\n_x000D_ _x005F_\uffff ax005F_b _x0041_", "_x005F_x000D_",
            "_x00e9_ _X0041_ _x41_ __x0041__", "\ufffe\t\x7f"]],
        # Python's repr, as messages quote a sheet or part name.
        "reprs": [[t, repr(t)] for t in [
            "plain", "it's", "it's \"q\"", "a\\b", "tab\there\n", "Stake\u00a0holders", "rtl\u200f",
            "é中😀", "\x7f\x01", "\ue000", "\U000f0000", "\u2028", "\u00ad\u3000\ufeff"]],
    }


def main() -> None:
    (HERE / "conversions.expected.json").write_text(
        json.dumps(conversions(), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    for name, make in [("openpyxl_types", openpyxl_types), ("hand_made", hand_made),
                       ("python_written", python_written)]:
        path = HERE / f"{name}.xlsx"
        make(path)
        (HERE / f"{name}.expected.json").write_text(
            json.dumps(expected(path), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    # The workbook of tests/python/test_spreadsheet.py, as the Python package reads it.
    (HERE / "mistakes.expected.json").write_text(
        json.dumps(expected(HERE.parent / "spreadsheets" / "mistakes.xlsx"), ensure_ascii=False,
                   indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
