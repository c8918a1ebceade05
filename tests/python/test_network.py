"""The network from Python: building, validation errors, DataFrames, the JSON format, pickling,
the example data, the command line and the README quickstart."""

from __future__ import annotations

import doctest
import json
import os
import pickle
import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import coproduction as cp

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data"


def small() -> cp.Network:
    net = cp.Network()
    net.add_stakeholder("outreach", kind="group", role="museum_staff", convenor=True, size=4)
    net.add_stakeholder("womens_group", kind="group", role="service_user", size=9)
    net.add_stakeholder("probation", kind="organisation")
    net.add_stakeholder("handling_box", kind="object")
    net.add_relation("womens_group", "outreach", "learns_from")
    net.add_project("film")
    return net


def theme(**changes):
    spec = dict(project="film", stage="design", rule="majority",
                rights={"outreach": "shared", "womens_group": "shared"})
    spec.update(changes)
    return spec


# -- validation: every error class, its type and its location --------------------------------

ERRORS = [
    # (description, call, exception type, where, field, text in message)
    ("duplicate stakeholder", lambda n: n.add_stakeholder("outreach"),
     cp.DuplicateIdError, "outreach", "id", "already exists"),
    ("unknown kind", lambda n: n.add_stakeholder("r2", kind="robot"),
     cp.InvalidValueError, "r2", "kind", "not one of person, group, organisation, object"),
    ("person size", lambda n: n.add_stakeholder("p", kind="person", size=2),
     cp.InvalidValueError, "p", "size", "a person's size is 1"),
    ("negative influence", lambda n: n.add_stakeholder("p", influence=-0.5),
     cp.InvalidValueError, "p", "influence", ">= 0"),
    ("unknown target", lambda n: n.add_relation("outreach", "nhs", "informs"),
     cp.UnknownIdError, "outreach->nhs (informs)", "target", 'unknown stakeholder "nhs"'),
    ("zero weight", lambda n: n.add_relation("outreach", "probation", "informs", weight=0),
     cp.InvalidValueError, "outreach->probation (informs)", "weight", "finite number > 0"),
    ("nan weight", lambda n: n.add_relation("outreach", "probation", "informs", weight=float("nan")),
     cp.InvalidValueError, "outreach->probation (informs)", "weight", "NaN"),
    ("inf weight", lambda n: n.add_relation("outreach", "probation", "informs", weight=float("inf")),
     cp.InvalidValueError, "outreach->probation (informs)", "weight", "inf"),
    ("duplicate relation", lambda n: n.add_relation("womens_group", "outreach", "learns_from"),
     cp.DuplicateIdError, "womens_group->outreach (learns_from)", "", "already exists"),
    ("bad scale", lambda n: n.add_relation("outreach", "probation", "informs", scale="city"),
     cp.InvalidValueError, "outreach->probation (informs)", "scale", "session, institution, place"),
    ("duplicate project", lambda n: n.add_project("film"),
     cp.DuplicateIdError, "film", "id", "already exists"),
    ("unknown claimed", lambda n: n.add_project("p2", claimed="partnership"),
     cp.InvalidValueError, "p2", "claimed", "co-design"),
    ("unknown project", lambda n: n.add_decision("d", **theme(project="exhibition")),
     cp.UnknownIdError, "d", "project", 'unknown project "exhibition"'),
    ("unknown stage", lambda n: n.add_decision("d", **theme(stage="launch")),
     cp.InvalidValueError, "d", "stage", "conception, design, delivery, evaluation, governance"),
    ("unknown right", lambda n: n.add_decision("d", **theme(rights={"outreach": "owns"})),
     cp.InvalidValueError, "d", "rights/outreach", "none, informed, consulted"),
    ("right of unknown", lambda n: n.add_decision("d", **theme(rights={"outreach": "shared", "nhs": "informed"})),
     cp.UnknownIdError, "d", "rights/nhs", 'unknown stakeholder "nhs"'),
    ("object right", lambda n: n.add_decision("d", **theme(rights={"outreach": "shared", "handling_box": "consulted"})),
     cp.InvalidValueError, "d", "rights/handling_box", "cannot hold a right"),
    ("no holder", lambda n: n.add_decision("d", **theme(rights={"outreach": "involved"})),
     cp.InvalidValueError, "d", "rights", "no stakeholder holds"),
    ("sole without decider", lambda n: n.add_decision("d", **theme(rule="sole")),
     cp.InvalidValueError, "d", "rule/kind", 'exactly one "decides" holder, not 0'),
    ("quota larger than votes", lambda n: n.add_decision("d", **theme(rule="quota", votes={"outreach": 2}, quota=4)),
     cp.InvalidValueError, "d", "rule/quota", "larger than the 3 votes"),
    ("quota missing", lambda n: n.add_decision("d", **theme(rule="quota")),
     cp.InvalidValueError, "d", "rule/quota", "needs a quota"),
    ("votes of non-holder", lambda n: n.add_decision("d", **theme(votes={"probation": 1})),
     cp.InvalidValueError, "d", "rule/votes/probation", "does not hold"),
    ("veto of non-holder", lambda n: n.add_decision("d", **theme(veto=["probation"])),
     cp.InvalidValueError, "d", "rule/veto/0", "does not hold"),
    ("unknown rule", lambda n: n.add_decision("d", **theme(rule="consensus")),
     cp.InvalidValueError, "d", "rule/kind", "sole, unanimity, majority, quota"),
]


@pytest.mark.parametrize("case", ERRORS, ids=[e[0] for e in ERRORS])
def test_each_model_error_names_its_place(case):
    _, call, kind, where, field, text = case
    net = small()
    before = net.to_json()
    with pytest.raises(kind) as info:
        call(net)
    err = info.value
    assert isinstance(err, cp.ModelError) and isinstance(err, ValueError)
    assert err.where == where
    assert err.field == field
    assert text in str(err)
    assert str(err).startswith("[coproduction.model.")
    assert net.to_json() == before, "a refused insert changed the network"


def test_attributes_must_be_json():
    net = small()
    with pytest.raises(cp.InputError, match="cannot be stored in JSON"):
        net.add_stakeholder("x", attributes={"when": object()})
    with pytest.raises(cp.InputError, match="no NaN"):
        net.add_stakeholder("x", attributes={"score": float("nan")})
    loop: list = []
    loop.append(loop)
    with pytest.raises(cp.InputError, match="deeper than 256") as info:
        net.add_stakeholder("x", attributes={"loop": loop})
    assert info.value.where == "x/attributes"
    assert "x" not in net
    net.add_stakeholder("x", attributes={"codes": [1, 2.5, "a", None, True, {"k": np.int64(3)}]})
    assert net.stakeholders.loc["x", "attributes"] == {"codes": [1, 2.5, "a", None, True, {"k": 3}]}


def test_rule_given_as_json_object():
    net = small()
    net.add_decision("d", project="film", stage="governance",
                     rights={"outreach": "decides", "womens_group": "shared"},
                     rule={"kind": "quota", "votes": {"outreach": 3}, "quota": 3, "veto": ["womens_group"]})
    row = net.rights.loc["d"]
    assert row.loc["outreach", "votes"] == 3 and pd.isna(row.loc["womens_group", "votes"])
    assert bool(row.loc["womens_group", "veto"]) and not bool(row.loc["outreach", "veto"])
    with pytest.raises(cp.InputError, match="unknown keys"):
        net.add_decision("e", project="film", stage="design", rights={"outreach": "decides"},
                         rule={"kind": "sole", "seats": 2})


# -- DataFrames ----------------------------------------------------------------------------

def test_frames_have_the_documented_shape():
    net = cp.examples.load("twam_partners_2013")
    s = net.stakeholders
    assert s.index.name == "id" and s.index.is_unique
    assert list(s.columns) == ["label", "kind", "role", "sector", "expertise", "under_served",
                               "paid", "convenor", "size", "influence", "attributes"]
    assert str(s["paid"].dtype) == "boolean" and str(s["size"].dtype) == "Int64"
    assert list(s["kind"].cat.categories) == ["person", "group", "organisation", "object"]
    r = net.relations
    assert len(r) == net.num_relations and (r["weight"] > 0).all()
    assert r["scale"].cat.ordered
    rights = net.rights
    assert rights.index.names == ["decision", "stakeholder"]
    assert rights["right"].cat.ordered
    assert (rights["right"] >= "shared").groupby(level="decision").any().all()
    assert set(net.decisions["stage"]) == set(cp.network.STAGES)


def test_dataframes_round_trip_on_examples():
    for name in cp.examples.names():
        net = cp.examples.load(name)
        back = cp.from_frames(net.stakeholders, net.relations, net.projects, net.decisions,
                              net.rights, metadata=net.metadata)
        pd.testing.assert_frame_equal(back.stakeholders, net.stakeholders)
        pd.testing.assert_frame_equal(back.relations, net.relations)
        pd.testing.assert_frame_equal(back.projects, net.projects)
        pd.testing.assert_frame_equal(back.decisions, net.decisions)
        pd.testing.assert_frame_equal(back.rights, net.rights)


def test_from_frames_reads_a_spreadsheet():
    people = pd.DataFrame({
        "id": ["museum", "users", "staff"],
        "kind": ["organisation", "group", "group"],
        "convenor": [True, None, np.nan],
        "size": [np.nan, 12.0, 5.0],          # a float column with gaps, as spreadsheets give
        "ward": [None, "east", None],        # a column of the researcher's own
    })
    links = pd.DataFrame({"source": ["users", "staff"], "target": ["museum", "users"],
                          "type": ["trusts", "cares_for"], "weight": [2.0, np.nan]})
    net = cp.from_frames(people, links)
    s = net.stakeholders
    assert s.loc["users", "size"] == 12 and pd.isna(s.loc["museum", "size"])
    assert s.loc["museum", "convenor"] and pd.isna(s.loc["users", "convenor"])
    assert s.loc["users", "attributes"] == {"ward": "east"}
    assert net.relations["weight"].tolist() == [2.0, 1.0]
    # The id may also be the index.
    assert cp.from_frames(people.set_index("id"), links) == net


def _row_by_row(people: pd.DataFrame, links: pd.DataFrame) -> cp.Network:
    """The reference: one add_relation per row, no batch path."""
    net = cp.from_frames(people)
    for row in links.itertuples(index=False):
        weight = getattr(row, "weight", None)
        net.add_relation(str(row.source), str(row.target), str(row.type),
                         weight=None if weight is None or pd.isna(weight) else float(weight))
    return net


EDGE_ROWS = st.lists(st.tuples(st.integers(0, 5), st.integers(0, 5),
                               st.sampled_from(["informs", "trusts", "refers"]),
                               st.one_of(st.none(), st.floats(0.1, 10))),
                     max_size=40)


@settings(max_examples=60, deadline=None)
@given(EDGE_ROWS, st.sampled_from(["object", "str", "category"]))
def test_edge_list_batch_matches_rows_one_by_one(rows, dtype):
    people = pd.DataFrame({"id": [f"member_{i}" for i in range(6)], "kind": "person"})
    rows = [r for r in rows if r[0] != r[1]]
    rows = list({(s, t, k): (s, t, k, w) for s, t, k, w in rows}.values())  # unique triples
    links = pd.DataFrame({"source": [f"member_{s}" for s, _, _, _ in rows],
                          "target": [f"member_{t}" for _, t, _, _ in rows],
                          "type": [k for _, _, k, _ in rows],
                          "weight": [np.nan if w is None else w for _, _, _, w in rows]},
                         columns=["source", "target", "type", "weight"])
    links = links.astype({"source": dtype, "target": dtype, "type": dtype})
    net = cp.from_frames(people, links)
    assert net == _row_by_row(people, links)
    assert net.relations["weight"].tolist() == [1.0 if np.isnan(w) else w for w in links["weight"]]


def test_edge_list_takes_any_id_column():
    # Numeric ids are matched by their text, as astype(str) gives it.
    people = pd.DataFrame({"id": ["1", "2", "3"], "kind": "group"})
    links = pd.DataFrame({"source": [1, 2], "target": [2, 3], "type": ["informs", "informs"]})
    net = cp.from_frames(people, links)
    assert net.relations[["source", "target"]].values.tolist() == [["1", "2"], ["2", "3"]]
    # A sliced frame hands over strided columns.
    wide = pd.DataFrame({"source": ["1", "x", "2", "x"], "target": ["2", "x", "3", "x"],
                         "type": ["trusts", "x", "trusts", "x"]})
    assert cp.from_frames(people, wide.iloc[::2]).relations["target"].tolist() == ["2", "3"]


@pytest.mark.parametrize("missing", [None, np.nan, pd.NA])
def test_edge_list_missing_cells_name_the_row(missing):
    people = pd.DataFrame({"id": ["a", "b"], "kind": "person"})
    links = pd.DataFrame({"source": ["a", "b", missing], "target": ["b", "a", "a"],
                          "type": ["informs", "informs", "informs"]}, dtype=object)
    for dtype in (object, "str", "category"):
        with pytest.raises(cp.FormatError) as info:
            cp.from_frames(people, links.astype(dtype))
        assert info.value.problems == [("/relations/2/source", "format.missing",
                                        "the source is missing")], dtype
    links = pd.DataFrame({"source": ["a", "b"], "target": ["b", "a"], "type": ["trusts", missing]},
                         dtype=object)
    with pytest.raises(cp.FormatError) as info:
        cp.from_frames(people, links)
    assert [p.pointer for p in info.value.problems] == ["/relations/1/type"]


def test_edge_list_errors_name_the_row_and_leave_the_network_unchanged():
    people = pd.DataFrame({"id": ["a", "b", "c"], "kind": "person"})
    net = cp.from_frames(people, pd.DataFrame({"source": ["a"], "target": ["b"], "type": ["trusts"]}))
    before = net.copy()
    bad = {
        "unknown target": (["b", "c"], ["c", "nhs"], ["informs"] * 2, cp.UnknownIdError,
                           'unknown stakeholder "nhs"'),
        "self relation": (["b", "c"], ["c", "c"], ["informs"] * 2, cp.InvalidValueError, "c->c"),
        "bad type": (["b", "c"], ["c", "a"], ["informs", "Informs"], cp.InvalidValueError,
                     "c->a (Informs)"),
        "repeat in batch": (["b", "b"], ["c", "c"], ["informs"] * 2, cp.DuplicateIdError,
                            "b->c (informs)"),
        "repeat of existing": (["b", "a"], ["c", "b"], ["informs", "trusts"], cp.DuplicateIdError,
                               "a->b (trusts)"),
    }

    def add_edge_list(links: pd.DataFrame) -> None:
        cp._core.add_frames(net._core, relations=cp.network._columns(links),
                            missing=cp.network._MISSING)

    codes = {cp.UnknownIdError: "model.unknown_id", cp.InvalidValueError: "model.invalid_value",
             cp.DuplicateIdError: "model.duplicate_id"}
    for what, (source, target, kind, error, where) in bad.items():
        links = pd.DataFrame({"source": source, "target": target, "type": kind})
        with pytest.raises(cp.FormatError) as info:
            add_edge_list(links)
        [problem] = info.value.problems
        assert problem.pointer.startswith("/relations/1"), what
        assert problem.code == codes[error] and where in problem.message, what
        assert net == before, what
        assert net.relations["type"].unique().tolist() == ["trusts"], what
    with pytest.raises(cp.FormatError) as info:
        add_edge_list(pd.DataFrame({"source": ["b"], "target": ["c"], "type": ["informs"],
                                    "weight": [-1.0]}))
    assert info.value.problems[0].pointer == "/relations/0/weight"
    assert net == before


def test_stakeholder_frame_cells_are_checked_by_column():
    def frame(**columns):
        return pd.DataFrame({"id": ["outreach", "carers"], "kind": ["group", "group"], **columns})

    def problem(**columns):
        with pytest.raises(cp.FormatError) as info:
            cp.from_frames(frame(**columns))
        [found] = info.value.problems
        return found

    found = problem(size=[4.0, 2.5])
    assert found.pointer == "/stakeholders/1/size" and "whole number" in found.message
    assert found.message.startswith('stakeholder "carers": ')
    assert problem(influence=[1.0, "high"]).pointer == "/stakeholders/1/influence"
    assert problem(kind=["group", "committee"]).pointer == "/stakeholders/1/kind"
    with pytest.raises(cp.FormatError) as info:
        cp.from_frames(pd.DataFrame({"id": ["outreach", None]}))
    assert info.value.problems == [("/stakeholders/1/id", "format.missing", "the id is missing")]
    found = problem(ward=["east", None], attributes=[{"ward": "west"}, None])
    assert (found.pointer, found.code) == ("/stakeholders/0/ward", "format.duplicate_key")
    # The frame is read whole before anything is added: a refusal in the last row leaves no
    # stakeholder behind.
    net = cp.Network()
    with pytest.raises(cp.FormatError, match="already exists"):
        cp._core.add_frames(net._core, stakeholders=[("id", np.array(["a", "b", "a"], dtype=object))])
    assert len(net.stakeholders) == 0
    # Whole floats, numpy scalars and dict attributes come through as the model's types.
    ok = cp.from_frames(frame(size=[4.0, np.nan], paid=[np.True_, None],
                              attributes=[{"ward": "west"}, None], ward2=[None, "east"]))
    assert ok.stakeholders.loc["outreach", "size"] == 4
    assert ok.stakeholders.loc["outreach", "paid"] == True  # noqa: E712 (a numpy bool went in)
    assert pd.isna(ok.stakeholders.loc["carers", "paid"])
    assert ok.stakeholders["attributes"].tolist() == [{"ward": "west"}, {"ward2": "east"}]


def test_relation_frame_with_every_field_is_one_call():
    people = pd.DataFrame({"id": ["outreach", "carers", "probation"], "kind": "group"})
    links = pd.DataFrame({
        "source": ["carers", "outreach", "probation"],
        "target": ["outreach", "probation", "carers"],
        "type": ["trusts", "informs", "refers"],
        "weight": [2.0, np.nan, 1.5],
        "scale": ["session", None, "place"],
        "reported_by": ["front_line_staff", None, None],
        "date": ["2013-05", "2014", None],
        "method": ["interview", None, "report"],
        "ward": ["east", None, "west"],          # the researcher's own column
    })
    net = cp.from_frames(people, links)
    reference = cp.from_frames(people)
    reference.add_relation("carers", "outreach", "trusts", weight=2.0, scale="session",
                           reported_by="front_line_staff", date="2013-05", method="interview",
                           attributes={"ward": "east"})
    reference.add_relation("outreach", "probation", "informs", date="2014")
    reference.add_relation("probation", "carers", "refers", weight=1.5, scale="place",
                           method="report", attributes={"ward": "west"})
    assert net == reference
    # A bad cell names its row, column and relation, and nothing of the frame is kept.
    for column, value, code in [("date", "May 2013", "model.invalid_value"),
                                ("scale", "ward", "format.value"),
                                ("weight", "heavy", "format.type"),
                                ("target", "nhs", "model.unknown_id")]:
        bad = links.astype({column: object}).copy()
        bad.loc[2, column] = value
        with pytest.raises(cp.FormatError) as info:
            cp.from_frames(people, bad)
        [found] = info.value.problems
        assert (found.pointer, found.code) == (f"/relations/2/{column}", code), column
        assert found.message.startswith("relation probation->"), column
        target = cp.from_frames(people)
        with pytest.raises(cp.FormatError):
            cp._core.add_frames(target._core, relations=cp.network._columns(bad))
        assert target.num_relations == 0
    with pytest.raises(cp.FormatError) as info:
        cp.from_frames(people, links.assign(target=["outreach", None, "carers"]))
    assert info.value.problems == [("/relations/1/target", "format.missing", "the target is missing")]
    with pytest.raises(cp.FormatError) as info:
        cp.from_frames(people, links.assign(attributes=[{"ward": "north"}, None, None]))
    assert [(p.pointer, p.code) for p in info.value.problems] == [
        ("/relations/0/ward", "format.duplicate_key")]


def test_from_frames_errors_name_the_row():
    people = pd.DataFrame({"id": ["a", "b"], "kind": ["person", "person"]})

    def problems(*frames: pd.DataFrame, **named: pd.DataFrame) -> list:
        with pytest.raises(cp.FormatError) as info:
            cp.from_frames(*frames, **named)
        return [(p.pointer, p.code) for p in info.value.problems]

    assert problems(people, pd.DataFrame({"source": ["a"], "target": ["nhs"], "type": ["informs"]})) \
        == [("/relations/0/target", "model.unknown_id")]
    assert problems(people, pd.DataFrame({"source": ["a"], "target": ["b"], "type": [None]})) \
        == [("/relations/0/type", "format.missing")]
    assert problems(pd.DataFrame({"id": ["a", "a"], "kind": ["person", "group"]})) \
        == [("/stakeholders/1/id", "model.duplicate_id")]
    with pytest.raises(cp.InputError, match="DataFrame"):
        cp.from_frames([{"id": "a"}])  # type: ignore[arg-type]
    assert problems(people, projects=pd.DataFrame({"id": ["p"]}),
                    decisions=pd.DataFrame({"id": ["d"], "project": ["p"], "stage": ["design"],
                                            "rule": ["sole"]}),
                    rights=pd.DataFrame({"decision": ["d", "x"], "stakeholder": ["a", "a"],
                                         "right": ["decides", "shared"]})) \
        == [("/rights/1/decision", "model.unknown_id")]


# -- the JSON format -------------------------------------------------------------------------

def test_json_round_trip_on_examples(tmp_path):
    for name in cp.examples.names():
        text = cp.examples.text(name)
        net = cp.read_json(text)
        assert json.loads(net.to_json()) == json.loads(text)
        path = tmp_path / f"{name}.json"
        cp.write_json(net, path)
        assert cp.read_json(path) == net
        assert cp.read_json(str(path)) == net
        assert cp.read_json(path.read_bytes()) == net
        with open(path, "rb") as handle:
            assert cp.read_json(handle) == net


def test_format_error_lists_every_problem_with_pointers():
    doc = json.loads(cp.examples.text("twam_partners_2013"))
    doc["relations"][3]["target"] = "nhs"
    doc["stakeholders"][0]["kind"] = "robot"
    doc["stakeholders"][1]["shoe_size"] = 9
    with pytest.raises(cp.FormatError) as info:
        cp.read_json(json.dumps(doc))
    err = info.value
    pointers = [p.pointer for p in err.problems]
    assert pointers == ["/stakeholders/0/kind", "/stakeholders/1/shoe_size", "/relations/3/target"]
    assert err.problems[2] == cp.Problem("/relations/3/target", "model.unknown_id",
                                         'unknown stakeholder "nhs"')
    assert err.pointer == "/stakeholders/0/kind"
    assert "/relations/3/target: unknown stakeholder \"nhs\"" in str(err)
    assert isinstance(err, ValueError)


@pytest.mark.parametrize("text, where, code", [
    ('{"format": "coproduction",, }', "byte 27", "format.syntax"),
    ("not json at all", "byte 2", "format.syntax"),  # counted from 1: the "o" of "no"
    ('{"format": "coproduction", "format": "x"}', "/format", "format.duplicate_key"),
    ("[" * 257 + "]" * 257, "/0" * 256, "format.depth"),
    ('{"format": "coproduction", "version": 2}', "/version", "format.version"),
])
def test_unreadable_documents(text, where, code):
    with pytest.raises(cp.FormatError) as info:
        cp.read_json(text.encode())
    assert info.value.where == where and info.value.code == code


def test_hostile_documents_do_not_crash():
    with pytest.raises(cp.FormatError):
        cp.read_json(("[" * 1_000_000).encode())
    with pytest.raises(cp.FormatError, match="limit"):
        cp.read_json(cp.examples.text("twam_partners_2013"), max_bytes=1000)
    with pytest.raises(cp.FormatError):
        cp.read_json(b'{"a": "\xc3\x28"}')


def test_missing_file():
    with pytest.raises(FileNotFoundError):
        cp.read_json(DATA / "no_such_file.json")


def test_writes_are_atomic(tmp_path):
    net = small()
    path = tmp_path / "net.json"
    net.write_json(path)
    first = path.read_text()
    net.add_stakeholder("commissioner")
    with pytest.raises(OSError):
        cp.write_json(net, tmp_path / "missing" / "net.json")
    assert sorted(os.listdir(tmp_path)) == ["net.json"]
    assert path.read_text() == first
    cp.write_json(net, path, indent=None)
    assert sorted(os.listdir(tmp_path)) == ["net.json"]
    assert cp.read_json(path) == net and "\n" not in path.read_text().strip()


def test_fixtures_read_as_documented():
    for path in sorted(DATA.glob("*.json")):
        if path.name.startswith("invalid_"):
            with pytest.raises(cp.FormatError):
                cp.read_json(path)
        else:
            net = cp.read_json(path)
            assert json.loads(net.to_json()) == json.loads(path.read_text())


# -- generated networks ----------------------------------------------------------------------

ids = st.text(alphabet="abcdefghij_/~é", min_size=1, max_size=6)
maybe = lambda s: st.one_of(st.none(), s)  # noqa: E731
attrs = maybe(st.dictionaries(st.text(max_size=4), st.one_of(
    st.integers(-5, 5), st.floats(allow_nan=False, allow_infinity=False, width=32),
    st.text(max_size=4), st.booleans(), st.none()), max_size=3))


@st.composite
def networks(draw):
    net = cp.Network(metadata=draw(maybe(st.fixed_dictionaries({"title": st.text(max_size=10)}))))
    names = draw(st.lists(ids, min_size=2, max_size=10, unique=True))
    for name in names:
        kind = draw(st.sampled_from(["person", "group", "organisation"]))
        net.add_stakeholder(
            name, kind=kind, label=draw(maybe(st.text(min_size=1, max_size=8))),
            role=draw(maybe(st.sampled_from(["service_user", "commissioner", "front_line_staff"]))),
            expertise=draw(maybe(st.sampled_from(["lived", "learnt", "both"]))),
            paid=draw(maybe(st.booleans())), convenor=draw(maybe(st.booleans())),
            under_served=draw(maybe(st.booleans())),
            size=None if kind == "person" else draw(maybe(st.integers(1, 500))),
            influence=draw(maybe(st.floats(0, 10))), attributes=draw(attrs))
    pairs = draw(st.lists(st.tuples(st.sampled_from(names), st.sampled_from(names),
                                    st.sampled_from(["informs", "trusts", "learns_from"])),
                          max_size=20, unique=True))
    for source, target, kind in pairs:
        if source != target:
            net.add_relation(source, target, kind, weight=draw(maybe(st.floats(0.01, 100))),
                             scale=draw(maybe(st.sampled_from(["session", "institution", "place"]))),
                             date=draw(maybe(st.sampled_from(["2013", "2013-02", "2013-02-14"]))),
                             reported_by=draw(maybe(st.sampled_from(names))))
    net.add_project("p", claimed=draw(maybe(st.sampled_from(list(cp.network.COLLABORATION_TYPES)))))
    holders = draw(st.lists(st.sampled_from(names), min_size=1, max_size=len(names), unique=True))
    rule = draw(st.sampled_from(["unanimity", "majority", "quota"]))
    votes = {h: draw(st.integers(1, 5)) for h in holders} if rule != "unanimity" else {}
    total = sum(votes.values())
    net.add_decision("d", project="p", stage=draw(st.sampled_from(list(cp.network.STAGES))),
                     rights={h: "shared" for h in holders}, rule=rule, votes=votes,
                     quota=draw(st.integers(1, total)) if rule == "quota" else None,
                     veto=holders[:1] if draw(st.booleans()) else [],
                     weight=draw(maybe(st.floats(0.1, 5))))
    return net


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(networks())
def test_generated_networks_round_trip(net):
    text = net.to_json()
    back = cp.read_json(text)
    assert back == net
    assert json.loads(back.to_json()) == json.loads(text)
    frames = cp.from_frames(net.stakeholders, net.relations, net.projects, net.decisions,
                            net.rights, metadata=net.metadata)
    pd.testing.assert_frame_equal(frames.stakeholders, net.stakeholders)
    pd.testing.assert_frame_equal(frames.relations, net.relations)
    pd.testing.assert_frame_equal(frames.rights, net.rights)
    assert pickle.loads(pickle.dumps(net)) == net


# -- pickling, repr, copies ------------------------------------------------------------------

def test_pickle_and_copy():
    net = cp.examples.load("twam_partners_2013")
    assert pickle.loads(pickle.dumps(net, protocol=pickle.HIGHEST_PROTOCOL)) == net
    other = net.copy()
    other.add_stakeholder("commissioner_2")
    assert other != net and "commissioner_2" not in net


def test_pickle_of_format_version_1_still_loads():
    # Written by coproduction 0.1.0; kept so later versions keep reading it.
    with open(DATA / "pickle_v1.pkl", "rb") as handle:
        net = pickle.load(handle)
    assert net.num_stakeholders == 2 and net.num_decisions == 1
    assert net.rights.loc[("film_theme", "womens_group"), "right"] == "shared"


def test_repr_says_what_is_in_it():
    assert repr(small()) == ("<coproduction.Network: 4 stakeholders (2 group, 1 organisation, "
                             "1 object), 1 relation (1 learns_from), 1 project, 0 decisions>")
    assert len(small()) == 4 and "outreach" in small() and 3 not in small()


# -- examples, command line, docs ------------------------------------------------------------

def test_examples():
    assert cp.examples.names() == ["nml_collaboration_types", "twam_partners_2013"]
    twam = cp.examples.load("twam_partners_2013")
    assert set(twam.decisions["stage"]) == set(cp.network.STAGES)  # all five stages
    assert twam.stakeholders["convenor"].fillna(False).any()
    nml = cp.examples.load("nml_collaboration_types")
    assert sorted(nml.projects["claimed"].astype(str)) == sorted(cp.network.COLLABORATION_TYPES)
    with pytest.raises(cp.InputError, match="no example named"):
        cp.examples.load("twam")


def test_command_line(tmp_path):
    run = lambda *args: subprocess.run([sys.executable, "-m", "coproduction", *args],  # noqa: E731
                                       capture_output=True, text=True, cwd=tmp_path)
    demo = run("demo", "--out", str(tmp_path / "out"))
    assert demo.returncode == 0, demo.stderr
    for section in ("Stakeholders by kind", "Decisions by project and stage", "Structure of each layer",
                    "Reading the columns", "Decision power", "The collaboration ladder",
                    "Tokenism", "claimed co-production", "Principles scorecard",
                    "not measurable from these data"):
        assert section in demo.stdout, section
    written = tmp_path / "out" / "twam_partners_2013.json"
    assert cp.read_json(written) == cp.examples.load("twam_partners_2013")
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "coproduction", "version": 1, "stakeholders": [], "relations": '
                   '[{"source": "a", "target": "b", "type": "refers"}], "projects": [], "decisions": []}')
    check = run("validate", str(bad))
    assert check.returncode == 1
    assert '/relations/0/source: unknown stakeholder "a"' in check.stderr
    assert run("validate", str(written)).returncode == 0


def test_readme_quickstart_runs(tmp_path, monkeypatch):
    readme = (ROOT / "README.md").read_text()
    monkeypatch.chdir(tmp_path)  # the README writes its report to the working directory
    code = re.search(r"## Python quickstart\s+```python\n(.*?)```", readme, re.S).group(1)
    assert len(code.strip().splitlines()) <= 12
    namespace: dict = {}
    exec(compile(code, "README.md", "exec"), namespace)
    assert namespace["net"].num_decisions == 1
    measuring = re.search(r"## Where power sits\s+```python\n(.*?)```", readme, re.S).group(1)
    namespace = {}
    exec(compile(measuring, "README.md", "exec"), namespace)
    assert namespace["result"].type == "engagement"
    assert "<section" in (tmp_path / "report.html").read_text(encoding="utf-8")
    sure = re.search(r"## How sure, and what changed\s+```python\n(.*?)```", readme,
                     re.S).group(1)
    namespace = {}
    exec(compile(sure, "README.md", "exec"), namespace)
    share = namespace["share"]
    assert (round(share.estimate, 3), round(share.low, 3), round(share.high, 3)) == \
        (0.05, 0.0, 0.125)
    assert namespace["tl"].names == ["2013", "2014"]
    import matplotlib.pyplot as plt
    plt.close("all")


@pytest.mark.parametrize("module", ["network", "examples", "text", "_report", "metrics", "metrics.edges"])
def test_docstring_examples(module):
    mod = __import__(f"coproduction.{module}", fromlist=["_"])
    result = doctest.testmod(mod, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.attempted > 0 and result.failed == 0
