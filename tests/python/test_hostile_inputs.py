"""The table of hostile inputs in docs/reliability.md, checked case by case.

Each case is an input a hostile or careless user might give, the error the library must raise
and the place the error must name. The table in the docs is made from this list (run this file
with ``python tests/python/test_hostile_inputs.py`` to print it) and a test checks that the
page shows exactly this table.
"""

from __future__ import annotations

import contextlib
import json
import math
import os
import sys
import zipfile
from pathlib import Path
from typing import Any, Callable, Iterator, List, NamedTuple, Optional, Type

import pandas as pd
import pytest

import coproduction as cp

DOCS = Path(__file__).resolve().parents[2] / "docs" / "reliability.md"


class Case(NamedTuple):
    name: str
    what: str                      # the input, for the table (Markdown)
    run: Callable[[Any], Any]      # given a temporary folder, does the hostile thing
    error: Type[BaseException]
    where: Optional[str]           # the place the error must name (None: not checked)


def _doc(**parts: Any) -> str:
    doc = {"format": "coproduction", "version": 1, "stakeholders": [], "relations": [],
           "projects": [], "decisions": []}
    doc.update(parts)
    return json.dumps(doc)


TWO = [{"id": "service_user", "kind": "person"}, {"id": "commissioner", "kind": "organisation"}]
REL = {"source": "service_user", "target": "commissioner", "type": "informs"}
PROJECT = [{"id": "review", "claimed": "co-production"}]


def _decision(**rule: Any) -> dict:
    return {"id": "budget", "project": "review", "stage": "governance",
            "rights": {"service_user": "shared", "commissioner": "shared"},
            "rule": {"kind": "majority", **rule}}


def _net() -> cp.Network:
    net = cp.Network()
    net.add_stakeholder("service_user", kind="person", role="service_user")
    net.add_stakeholder("commissioner", kind="organisation", role="commissioner")
    net.add_relation("service_user", "commissioner", "informs")
    net.add_project("review", claimed="co-production")
    return net


def _nested(depth: int) -> dict:
    value: dict = {}
    for _ in range(depth - 1):
        value = {"a": value}
    return value


def _cycle() -> list:
    loop: list = []
    loop.append(loop)
    return loop


def _people(**columns: Any) -> pd.DataFrame:
    frame = pd.DataFrame({"id": ["service_user", "commissioner"], "kind": ["person", "organisation"]})
    for name, values in columns.items():
        frame[name] = pd.Series(values, dtype=object)
    return frame


def _rights(**columns: Any) -> pd.DataFrame:
    frame = pd.DataFrame({"decision": ["budget", "budget"], "stakeholder": ["service_user", "commissioner"],
                          "right": ["shared", "shared"]})
    for name, values in columns.items():
        frame[name] = pd.Series(values, dtype=object)
    return frame


DECISIONS = pd.DataFrame({"id": ["budget"], "project": ["review"], "stage": ["governance"],
                          "rule": ["majority"]})
PROJECTS = pd.DataFrame({"id": ["review"]})


def _frames(people: Optional[pd.DataFrame] = None, links: Optional[pd.DataFrame] = None,
            projects: Optional[pd.DataFrame] = None, decisions: Optional[pd.DataFrame] = None,
            rights: Optional[pd.DataFrame] = None) -> Callable[[Any], Any]:
    return lambda tmp: cp.from_frames(_people() if people is None else people, links, projects,
                                      decisions, rights)


def _pickle_state(state: Any) -> Callable[[Any], Any]:
    reducer, _ = _net().__reduce__()
    return lambda tmp: reducer(state)


def _concurrent_write(tmp: Path) -> None:
    net = _net()
    with net._core.reading():
        net.add_stakeholder("front_line_staff", kind="person")


@contextlib.contextmanager
def _inside(folder: Path) -> Iterator[None]:
    """Work in ``folder``, so that errors name files by the short paths given."""
    before = os.getcwd()
    os.chdir(folder)
    try:
        yield
    finally:
        os.chdir(before)


def _xml(text: str, reader: Callable[[str], Any]) -> Callable[[Any], Any]:
    return lambda tmp: reader(text)


_LAUGHS = ('<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 '
           '"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]><graphml xmlns='
           '"http://graphml.graphdrawing.org/xmlns"><graph edgedefault="directed">'
           '<node id="&lol2;"/></graph></graphml>')
_EXTERNAL = ('<?xml version="1.0"?><!DOCTYPE g SYSTEM "file:///etc/passwd"><gexf xmlns='
             '"http://gexf.net/1.3" version="1.3"><graph/></gexf>')
_DEEP = '<graphml>' + '<x>' * 10_000 + '</x>' * 10_000 + '</graphml>'


def _latin1_sheet(tmp: Path) -> None:
    (tmp / "sheets").mkdir()
    (tmp / "sheets" / "stakeholders.csv").write_bytes(
        "id,kind,label\nservice_user,person,Caf\xe9\n".encode("latin-1"))
    with _inside(tmp):
        cp.read_spreadsheet("sheets")


def _formula_cell(tmp: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "stakeholders"
    sheet.append(["id", "kind"])
    sheet.append(["service_user", "=1+1"])
    book.save(tmp / "book.xlsx")
    with _inside(tmp):
        cp.read_spreadsheet("book.xlsx")


def _zip_bomb(tmp: Path) -> None:
    with zipfile.ZipFile(tmp / "bomb.xlsx", "w", zipfile.ZIP_DEFLATED) as book:
        book.writestr("[Content_Types].xml", "<Types/>")
        book.writestr("xl/worksheets/sheet1.xml", b"<a>" + b" " * (300 << 20) + b"</a>")
    with _inside(tmp):
        cp.read_spreadsheet("bomb.xlsx")


CASES: List[Case] = [
    # -- JSON text -----------------------------------------------------------------------
    Case("not_json", "text that is not JSON: `{\"format\": ,}`",
         lambda tmp: cp.read_json(b'{"format": ,}'), cp.FormatError, "byte 12"),
    Case("empty_bytes", "empty bytes", lambda tmp: cp.read_json(b""), cp.FormatError, "byte 1"),
    Case("trailing_text", "a document followed by more text",
         lambda tmp: cp.read_json((_doc() + " {}").encode()), cp.FormatError, None),
    Case("bad_utf8", "a string that is not UTF-8 (`\\xc3\\x28`)",
         lambda tmp: cp.read_json(b'{"a": "\xc3\x28"}'), cp.FormatError, None),
    Case("lone_surrogate_escape", "a JSON escape of a lone surrogate (`\"\\ud800\"`)",
         lambda tmp: cp.read_json(b'{"a": "\\ud800"}'), cp.FormatError, None),
    Case("million_objects", "an array of 1,000,000 empty objects (3 MB)",
         lambda tmp: cp.read_json(("[" + ",".join(["{}"] * 1_000_000) + "]").encode()),
         cp.FormatError, ""),
    Case("deep_arrays", "100,000 nested arrays",
         lambda tmp: cp.read_json(b"[" * 100_000 + b"]" * 100_000), cp.FormatError, "/0" * 256),
    Case("duplicate_key", "a key repeated in a stakeholder",
         lambda tmp: cp.read_json('{"format": "coproduction", "version": 1, "stakeholders": '
                                  '[{"id": "a", "kind": "person", "kind": "group"}], "relations": [], '
                                  '"projects": [], "decisions": []}'),
         cp.FormatError, "/stakeholders/0/kind"),
    Case("duplicate_key_in_attributes", "a key repeated deep in attributes",
         lambda tmp: cp.read_json(_doc(stakeholders=[{"id": "a", "kind": "person",
                                                      "attributes": {"x": {"y": 1}}}])
                                  .replace('"y": 1', '"y": 1, "y": 2')),
         cp.FormatError, "/stakeholders/0/attributes/x/y"),
    Case("huge_weight", "`1e400` as a weight",
         lambda tmp: cp.read_json(_doc(stakeholders=TWO, relations=[dict(REL, weight=1)])
                                  .replace('"weight": 1', '"weight": 1e400')),
         cp.FormatError, "/relations/0/weight"),
    Case("huge_metadata_number", "`-1e400` in metadata",
         lambda tmp: cp.read_json(_doc(metadata={"x": 1}).replace('"x": 1', '"x": -1e400')),
         cp.FormatError, "/metadata/x"),
    Case("other_format", "a document of another format (`\"format\": \"graphml\"`)",
         lambda tmp: cp.read_json(_doc(format="graphml")), cp.FormatError, "/format"),
    Case("newer_version", "a newer version of the format",
         lambda tmp: cp.read_json(_doc(version=2)), cp.FormatError, "/version"),
    Case("not_an_object", "a document that is an array", lambda tmp: cp.read_json("[]"),
         cp.FormatError, ""),
    Case("missing_list", "a document without `stakeholders`",
         lambda tmp: cp.read_json(json.dumps({"format": "coproduction", "version": 1, "relations": [],
                                              "projects": [], "decisions": []})),
         cp.FormatError, "/stakeholders"),
    Case("unknown_field", "an unknown field in a stakeholder",
         lambda tmp: cp.read_json(_doc(stakeholders=[{"id": "a", "kind": "person", "shoe_size": 9}])),
         cp.FormatError, "/stakeholders/0/shoe_size"),
    Case("unknown_kind", "a kind outside the vocabulary (`\"robot\"`)",
         lambda tmp: cp.read_json(_doc(stakeholders=[{"id": "a", "kind": "robot"}])),
         cp.FormatError, "/stakeholders/0/kind"),
    Case("string_boolean", "`\"paid\": \"false\"` (a string, not a boolean)",
         lambda tmp: cp.read_json(_doc(stakeholders=[{"id": "a", "kind": "person", "paid": "false"}])),
         cp.FormatError, "/stakeholders/0/paid"),
    Case("fractional_size", "`\"size\": 2.5`",
         lambda tmp: cp.read_json(_doc(stakeholders=[{"id": "a", "kind": "group", "size": 2.5}])),
         cp.FormatError, "/stakeholders/0/size"),
    Case("empty_id", "an empty id",
         lambda tmp: cp.read_json(_doc(stakeholders=[{"id": "", "kind": "person"}])),
         cp.FormatError, "/stakeholders/0/id"),
    Case("repeated_id", "two stakeholders with one id",
         lambda tmp: cp.read_json(_doc(stakeholders=[TWO[0], TWO[0]])),
         cp.FormatError, "/stakeholders/1/id"),
    Case("unknown_target", "a relation to an unknown stakeholder",
         lambda tmp: cp.read_json(_doc(stakeholders=TWO, relations=[dict(REL, target="nhs")])),
         cp.FormatError, "/relations/0/target"),
    Case("negative_weight", "a negative weight",
         lambda tmp: cp.read_json(_doc(stakeholders=TWO, relations=[dict(REL, weight=-1)])),
         cp.FormatError, "/relations/0/weight"),
    Case("string_weight", "a weight given as text (`\"2\"`)",
         lambda tmp: cp.read_json(_doc(stakeholders=TWO, relations=[dict(REL, weight="2")])),
         cp.FormatError, "/relations/0/weight"),
    Case("fractional_votes", "1.5 votes",
         lambda tmp: cp.read_json(_doc(stakeholders=TWO, projects=PROJECT, decisions=[
             _decision(votes={"service_user": 1.5, "commissioner": 1})])),
         cp.FormatError, "/decisions/0/rule/votes/service_user"),
    Case("quota_too_large", "a quota above the holders' votes",
         lambda tmp: cp.read_json(_doc(stakeholders=TWO, projects=PROJECT, decisions=[
             dict(_decision(), rule={"kind": "quota", "quota": 5})])),
         cp.FormatError, "/decisions/0/rule/quota"),
    Case("too_large", "a document over `max_bytes`",
         lambda tmp: cp.read_json(_doc(), max_bytes=10), cp.FormatError, ""),
    Case("max_depth_raised", "`max_depth=10**6`",
         lambda tmp: cp.read_json(_doc(), max_depth=10**6), cp.InputError, "max_depth"),
    Case("not_a_source", "`read_json(42)`", lambda tmp: cp.read_json(42), cp.InputError, "source"),
    Case("missing_file", "a path to no file",
         lambda tmp: cp.read_json(tmp / "absent.json"), FileNotFoundError, None),
    Case("directory", "a path to a directory", lambda tmp: cp.read_json(tmp), OSError, None),
    # -- writing ---------------------------------------------------------------------------
    Case("huge_indent", "`to_json(indent=10**6)`",
         lambda tmp: _net().to_json(indent=10**6), cp.InputError, "indent"),
    Case("negative_indent", "`write_json(net, path, indent=-1)`",
         lambda tmp: cp.write_json(_net(), tmp / "x.json", indent=-1), cp.InputError, "indent"),
    Case("write_into_missing_folder", "a path in a folder that does not exist",
         lambda tmp: cp.write_json(_net(), tmp / "absent" / "x.json"), OSError, None),
    Case("write_to_directory", "a path that is a directory",
         lambda tmp: cp.write_json(_net(), tmp), OSError, None),
    Case("write_dangling_symlink", "a symbolic link to nothing",
         lambda tmp: (os.symlink(tmp / "absent.json", tmp / "link.json"),
                      cp.write_json(_net(), tmp / "link.json")), OSError, None),
    # -- values from Python ------------------------------------------------------------------
    Case("deep_attributes", "attributes nested 254 levels deep (a document 257 deep)",
         lambda tmp: _net().add_stakeholder("x", kind="person", attributes=_nested(254)),
         cp.InvalidValueError, "x"),
    Case("deeper_attributes", "attributes nested 300 levels deep",
         lambda tmp: _net().add_stakeholder("x", kind="person", attributes=_nested(300)),
         cp.InputError, "x/attributes"),
    Case("self_containing_list", "a list that contains itself, in attributes",
         lambda tmp: _net().add_stakeholder("x", kind="person", attributes={"loop": _cycle()}),
         cp.InputError, "x/attributes"),
    Case("nan_attribute", "NaN in attributes",
         lambda tmp: _net().add_stakeholder("x", kind="person", attributes={"score": math.nan}),
         cp.InputError, "x/attributes/score"),
    Case("set_attribute", "a Python set in attributes",
         lambda tmp: _net().add_stakeholder("x", kind="person", attributes={"tags": {1, 2}}),
         cp.InputError, "x/attributes/tags"),
    Case("huge_int_attribute", "an integer beyond 64 bits in attributes",
         lambda tmp: _net().add_stakeholder("x", kind="person", attributes={"n": 2**70}),
         cp.InputError, "x/attributes/n"),
    Case("surrogate_attribute", "a lone surrogate (`\"\\udc80\"`) in attributes",
         lambda tmp: _net().add_stakeholder("x", kind="person", attributes={"t": "\udc80"}),
         cp.InputError, "x/attributes/t"),
    Case("surrogate_id", "a lone surrogate in a stakeholder id",
         lambda tmp: _net().add_stakeholder("\udc80", kind="person"), cp.InputError, "id"),
    Case("surrogate_relation_type", "a lone surrogate in a relation type",
         lambda tmp: _net().add_relation("commissioner", "service_user", "x\udc80"),
         cp.InputError, "type"),
    Case("deep_metadata", "metadata nested 256 levels deep (a document 257 deep)",
         lambda tmp: setattr(_net(), "metadata", _nested(256)), cp.InvalidValueError, "metadata"),
    # -- the model -------------------------------------------------------------------------------
    Case("relation_to_unknown", "`add_relation` to an unknown stakeholder",
         lambda tmp: _net().add_relation("service_user", "nhs", "refers"), cp.UnknownIdError, None),
    Case("repeated_stakeholder", "`add_stakeholder` with a taken id",
         lambda tmp: _net().add_stakeholder("service_user", kind="person"), cp.DuplicateIdError,
         "service_user"),
    Case("nan_weight", "`weight=nan`",
         lambda tmp: _net().add_relation("commissioner", "service_user", "refers", weight=math.nan),
         cp.InvalidValueError, None),
    Case("veto_as_string", "`veto=\"ab\"` (one id, not the ids `a` and `b`)",
         lambda tmp: _net().add_decision("budget", project="review", stage="governance",
                                         rights={"service_user": "shared", "commissioner": "shared"},
                                         rule="majority", veto="ab"),
         cp.UnknownIdError, "budget"),
    Case("sole_without_decider", "a sole rule with no `decides` holder",
         lambda tmp: _net().add_decision("budget", project="review", stage="governance",
                                         rights={"service_user": "shared"}, rule="sole"),
         cp.InvalidValueError, "budget"),
    # -- frames ----------------------------------------------------------------------------------
    Case("frame_nan_project_id", "a project id cell left empty (NaN)",
         _frames(projects=pd.DataFrame({"id": [math.nan]})), cp.FormatError, "/projects/0/id"),
    Case("frame_missing_stakeholder_id", "a stakeholder id cell that is None",
         _frames(people=pd.DataFrame({"id": ["service_user", None], "kind": ["person", "person"]})),
         cp.FormatError, "/stakeholders/1/id"),
    Case("frame_fractional_votes", "votes of 1.5 in the rights frame",
         _frames(projects=PROJECTS, decisions=DECISIONS, rights=_rights(votes=[1.5, 1])),
         cp.FormatError, "/rights/0/votes"),
    Case("frame_veto_word", "a veto cell `\"maybe\"`",
         _frames(projects=PROJECTS, decisions=DECISIONS, rights=_rights(veto=["maybe", "no"])),
         cp.FormatError, "/rights/0/veto"),
    Case("frame_boolean_weight", "`weight=True` in a relation frame",
         _frames(links=pd.DataFrame({"source": ["service_user"], "target": ["commissioner"],
                                     "type": ["informs"], "weight": pd.Series([True], dtype=object),
                                     "method": ["interview"]})),
         cp.FormatError, "/relations/0/weight"),
    Case("frame_boolean_size", "`size=True`", _frames(people=_people(size=[True, None])),
         cp.FormatError, "/stakeholders/0/size"),
    Case("frame_half_convenor", "`convenor=0.5`", _frames(people=_people(convenor=[0.5, None])),
         cp.FormatError, "/stakeholders/0/convenor"),
    Case("frame_false_text_paid", "`paid=\"Falsch\"` (outside the vocabulary)",
         _frames(people=_people(paid=["Falsch", None])), cp.FormatError, "/stakeholders/0/paid"),
    Case("frame_empty_label", "`label=\"\"`", _frames(people=_people(label=["", None])),
         cp.FormatError, "/stakeholders/0/label"),
    Case("frame_not_a_frame", "a list where a frame is expected",
         lambda tmp: cp.from_frames([{"id": "a"}]), cp.Error, None),
    # -- power -------------------------------------------------------------------------------------
    Case("coalitions_64_players", "minimal winning coalitions of 64 one-vote players, quota 32",
         lambda tmp: cp.power.minimal_winning_coalitions([1] * 64, 32), cp.LimitError, None),
    Case("exact_banzhaf_1e12_votes", "exact Banzhaf with 10^12 votes in all",
         lambda tmp: cp.power.banzhaf([10**12 - 3, 1, 1, 1], 10**12 // 2, method="exact"),
         cp.LimitError, None),
    Case("exact_shapley_1e9_votes", "exact Shapley-Shubik with 10^9 votes in all",
         lambda tmp: cp.power.shapley_shubik([10**9 - 3, 1, 1, 1], 10**9 // 2, method="exact"),
         cp.LimitError, None),
    # -- pickle and threads --------------------------------------------------------------------------
    Case("pickle_path", "a pickle whose `json` is a path to a local file",
         _pickle_state({"format_version": 1, "json": "/etc/passwd"}), cp.FormatError, None),
    Case("pickle_list", "a pickle state that is a list", _pickle_state([1, 2]), cp.FormatError, "state"),
    Case("pickle_missing_field", "a pickle state without `json`",
         _pickle_state({"format_version": 1}), cp.FormatError, None),
    Case("write_while_reading", "adding a stakeholder while another thread reads the network",
         _concurrent_write, cp.ConcurrentModificationError, None),
    # -- spreadsheets, GraphML and GEXF --------------------------------------------------------------
    Case("xml_billion_laughs", "a GraphML file declaring nested entities (billion laughs)",
         _xml(_LAUGHS, cp.read_graphml), cp.FormatError, "line 1, column 22"),
    Case("xml_external_entity", "a GEXF file whose DOCTYPE names `file:///etc/passwd`",
         _xml(_EXTERNAL, cp.read_gexf), cp.FormatError, "line 1, column 22"),
    Case("xml_deep_nesting", "GraphML with 10,000 nested elements",
         _xml(_DEEP, cp.read_graphml), cp.FormatError, "line 1, column 775"),
    Case("csv_not_utf8", "a CSV sheet saved as Windows-1252 (`Café`)", _latin1_sheet,
         cp.FormatError, "sheets/stakeholders.csv, byte 38 (line 2)"),
    Case("xlsx_formula", "a workbook cell holding the formula `=1+1`", _formula_cell,
         cp.FormatError, "book.xlsx, sheet stakeholders, row 2, column B (kind)"),
    Case("xlsx_zip_bomb", "a 300 MB sheet compressed into a small workbook (zip bomb)",
         _zip_bomb, cp.FormatError, "bomb.xlsx"),
]


def _places(err: BaseException) -> List[str]:
    if isinstance(err, cp.FormatError):
        return [p.pointer for p in err.problems] + [getattr(err, "where", "")]
    return [getattr(err, "where", "")]


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_hostile_input(case, tmp_path):
    with pytest.raises(case.error) as info:
        case.run(tmp_path)
    if case.where is not None:
        places = _places(info.value)
        assert any(p == case.where or p.startswith(case.where + "/") for p in places), places


def test_the_cases_have_distinct_names():
    assert len({c.name for c in CASES}) == len(CASES) >= 60


def table() -> str:
    lines = ["| # | Input | Error | Where | Test |", "|---|---|---|---|---|"]
    for i, c in enumerate(CASES, 1):
        where = "" if c.where is None else ("the document" if c.where == "" else f"`{c.where}`")
        where = where if len(where) < 40 else where[:30] + "…`"
        lines.append(f"| {i} | {c.what} | `{c.error.__name__}` | {where} | "
                     f"`test_hostile_inputs.py::test_hostile_input[{c.name}]` |")
    return "\n".join(lines)


def test_the_docs_show_this_table():
    text = DOCS.read_text(encoding="utf-8")
    assert table() in text, "docs/reliability.md: paste `python tests/python/test_hostile_inputs.py`"


if __name__ == "__main__":
    sys.stdout.write(table() + "\n")
