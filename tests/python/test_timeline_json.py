"""The compiled timeline (``_core.timeline.Timeline``) and its JSON document: presence codes
against a computation of our own, the waves' rules as typed errors, the round trip, pickling,
the published schema, and hostile documents (deep, huge, repeated names, unknown ids, a bad
relation in a later wave), each refused with a ``FormatError`` naming the pointer."""

from __future__ import annotations

import json
import os
import pickle
from pathlib import Path
from typing import Any, Dict, List

import jsonschema
import numpy as np
import pytest

import coproduction as cp
from coproduction import _core

Timeline = _core.timeline.Timeline
ROOT = Path(__file__).resolve().parents[2]
FIXTURE = ROOT / "tests" / "data" / "timelines" / "two_waves.json"
SCHEMA = ROOT / "docs" / "schema" / "coproduction-1.schema.json"
PRESENT, JOINED, LEFT, ABSENT, NOT_SURVEYED = range(5)


def network(*ids: str) -> Any:
    net = cp.Network()
    for id in ids:
        net.add_stakeholder(id, kind="group")
    return net._core


def problems(text: str, **limits: int) -> List[str]:
    with pytest.raises(cp.FormatError) as err:
        Timeline.read_json_text(text, **limits)
    return [f"{p.pointer} {p.code}" for p in err.value.problems]


def fixture() -> Dict[str, Any]:
    return json.loads(FIXTURE.read_text(encoding="utf-8"))


# ---- presence --------------------------------------------------------------------------


def expected_presence(waves: List[List[str]], not_surveyed: List[List[str]]) -> tuple:
    ids: List[str] = []
    for wave in waves:
        ids += [i for i in wave if i not in ids]
    codes = np.zeros((len(waves), len(ids)), dtype=np.uint8)
    for w, wave in enumerate(waves):
        for k, id in enumerate(ids):
            here, before = id in wave, w > 0 and id in waves[w - 1]
            if id in not_surveyed[w]:
                codes[w, k] = NOT_SURVEYED
            elif w == 0:
                codes[w, k] = PRESENT if here else ABSENT
            else:
                codes[w, k] = {(True, True): PRESENT, (True, False): JOINED,
                               (False, True): LEFT, (False, False): ABSENT}[(here, before)]
    return ids, codes


def test_presence_by_hand():
    t = Timeline([("2013", network("a", "b", "c"), [], "2013-02-14"),
                  ("2014", network("a", "c", "d"), ["c"], ""),
                  ("2015", network("a", "b", "d"), [], None)])
    ids, codes = t.presence()
    assert ids == ["a", "b", "c", "d"]
    assert codes.dtype == np.uint8 and codes.shape == (3, 4)
    assert codes.tolist() == [[PRESENT, PRESENT, PRESENT, ABSENT],
                              [PRESENT, LEFT, NOT_SURVEYED, JOINED],
                              [PRESENT, JOINED, LEFT, PRESENT]]


@pytest.mark.parametrize("seed", range(20))
def test_presence_of_random_timelines(seed):
    rng = np.random.default_rng(seed)
    pool = [f"s{i}" for i in range(12)]
    waves, lists = [], []
    for _ in range(int(rng.integers(1, 6))):
        members = [p for p in pool if rng.random() < 0.6]
        waves.append(members)
        lists.append([m for m in members if rng.random() < 0.2])
    t = Timeline([(f"w{i}", network(*m), ns, "") for i, (m, ns) in enumerate(zip(waves, lists))])
    ids, codes = t.presence()
    want_ids, want = expected_presence(waves, lists)
    assert ids == want_ids
    np.testing.assert_array_equal(codes, want)


# ---- the waves' rules ---------------------------------------------------------------------


def test_the_waves_rules_are_typed_errors():
    with pytest.raises(cp.DuplicateIdError) as err:
        Timeline([("2013", network("a"), [], ""), ("2013", network("a"), [], "")])
    assert (err.value.where, err.value.field) == ("2013", "name")
    with pytest.raises(cp.UnknownIdError) as err:
        Timeline([("2013", network("a"), ["a", "nhs"], "")])
    assert (err.value.where, err.value.field) == ("2013", "not_surveyed/1")
    with pytest.raises(cp.InvalidValueError) as err:
        Timeline([("", network("a"), [], "")])
    assert (err.value.where, err.value.field) == ("wave 0", "name")
    with pytest.raises(cp.InvalidValueError):
        Timeline([("2013", network("a"), [], "")], metadata=["not", "a", "dict"])  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=r"waves\[0\]: the network must be a coproduction._core"
                                        r".Network, not coproduction.network.Network"):
        Timeline([("2013", cp.Network(), [], "")])  # the public wrapper, not its core
    with pytest.raises(TypeError, match="a tuple of 4"):
        Timeline([("2013", network("a"))])  # type: ignore[list-item]
    with pytest.raises(TypeError):
        Timeline([("2013", network("a"), "a", "")])  # a str is not a list of ids
    with pytest.raises(cp.InputError):
        Timeline([]).dump_json()  # nothing to write


def test_accessors_copy_and_compare():
    net = cp.examples.load("twam_partners_2013")
    t = Timeline([("2013", net._core, ["npt_staff"], "2013-02-14")], {"study": "outreach"})
    assert len(t) == 1 and t.names == ["2013"] and t.metadata == {"study": "outreach"}
    assert t.date(0) == "2013-02-14" and t.not_surveyed(-1) == ["npt_staff"]
    assert t.find("2013") == 0 and t.find("2014") is None
    wave = t.wave(0)
    assert wave == net._core
    wave.add_stakeholder("late", kind="group")  # a copy: the timeline keeps its own
    assert t.wave(0) == net._core
    net.add_stakeholder("later", kind="group")  # and it was copied in
    assert "later" not in t.wave(0)
    with pytest.raises(IndexError):
        t.wave(1)
    with pytest.raises(IndexError):
        t.date(-2)
    assert (t == 3) is False and t != "2013"
    with pytest.raises(TypeError):
        hash(t)


# ---- the document ------------------------------------------------------------------------


def test_the_fixture_round_trips_exactly(tmp_path):
    text = FIXTURE.read_text(encoding="utf-8")
    t = Timeline.read_json_file(str(FIXTURE))
    assert json.loads(t.dump_json()) == json.loads(text)
    assert json.loads(t.dump_json(-1)) == json.loads(text)
    assert Timeline.read_json_text(t.dump_json()) == t
    assert Timeline.read_json_text(text.encode("utf-8")) == t  # bytes too
    path = tmp_path / "waves.json"
    t.write_json(str(path), 0)
    assert Timeline.read_json_file(str(path)) == t
    assert pickle.loads(pickle.dumps(t)) == t
    ids, codes = t.presence()
    assert ids == ["outreach", "womens_group", "probation", "volunteers"]
    assert codes.tolist() == [[PRESENT, PRESENT, NOT_SURVEYED, ABSENT],
                              [PRESENT, PRESENT, LEFT, JOINED]]


def test_the_fixture_passes_the_schema_and_broken_waves_fail_it():
    validator = jsonschema.Draft202012Validator(json.loads(SCHEMA.read_text(encoding="utf-8")))
    doc = fixture()
    assert list(validator.iter_errors(doc)) == []

    def paths(d: Any) -> List[str]:
        return ["/" + "/".join(map(str, e.absolute_path)) for e in validator.iter_errors(d)]

    broken = [
        (lambda d: d["waves"].clear(), "/waves"),
        (lambda d: d["waves"][0].pop("name"), "/waves/0"),
        (lambda d: d["waves"][0].update(not_surveyed=[]), "/waves/0/not_surveyed"),
        (lambda d: d["waves"][0].update(colour="red"), "/waves/0"),
        (lambda d: d["waves"][1]["network"].update(version=2), "/waves/1/network/version"),
        (lambda d: d["waves"][1]["network"]["relations"][0].update(weight=0),
         "/waves/1/network/relations/0/weight"),
        (lambda d: d.update(stakeholders=[]), "/"),  # a timeline holds no network at the top
    ]
    for edit, where in broken:
        d = fixture()
        edit(d)
        assert where in paths(d), (where, paths(d))
    # Both kinds of document at once are neither.
    d = fixture()
    d.update(stakeholders=[], relations=[], projects=[], decisions=[])
    assert paths(d)


def test_a_bad_relation_in_the_second_wave_is_reported_from_the_root():
    doc = fixture()
    doc["waves"][1]["network"]["relations"][2]["target"] = "nhs"
    doc["waves"][1]["network"]["relations"][0]["weight"] = -1
    doc["waves"][0]["network"]["stakeholders"][1]["kind"] = "team"
    found = problems(json.dumps(doc))
    assert found == ["/waves/0/network/stakeholders/1/kind format.value",
                     "/waves/1/network/relations/0/weight model.invalid_value",
                     "/waves/1/network/relations/2/target model.unknown_id"]
    with pytest.raises(cp.FormatError) as err:
        Timeline.read_json_text(json.dumps(doc))
    assert err.value.pointer == "/waves/0/network/stakeholders/1/kind"
    assert '"nhs"' in str(err.value)


def test_repeated_wave_names_and_unknown_not_surveyed_ids():
    doc = fixture()
    doc["waves"][1]["name"] = "2013"
    doc["waves"][0]["not_surveyed"] = ["probation", "visitors", "probation"]
    assert problems(json.dumps(doc)) == ["/waves/0/not_surveyed/1 model.unknown_id",
                                         "/waves/0/not_surveyed/2 model.duplicate_id",
                                         "/waves/1/name model.duplicate_id"]


def test_deep_nesting_is_refused_at_its_pointer():
    doc = fixture()
    deep: Any = 1
    for _ in range(300):
        deep = {"x": deep}
    doc["waves"][1]["network"]["metadata"] = deep
    found = problems(json.dumps(doc))
    assert len(found) == 1 and found[0].endswith(" format.depth")
    assert found[0].startswith("/waves/1/network/metadata/x/x/")
    # Lowered limits hold for the whole document, from its root.
    shallow = problems(FIXTURE.read_text(encoding="utf-8"), max_depth=4)
    assert shallow == ["/waves/0/network/metadata format.depth"]
    # Brackets alone, far past the ceiling, stop at the ceiling.
    assert problems("[" * 100_000 + "]" * 100_000)[0].endswith("format.depth")


def test_a_huge_document_is_refused_before_it_is_parsed(tmp_path):
    text = FIXTURE.read_text(encoding="utf-8")
    assert problems(text, max_bytes=len(text.encode()) - 1) == [" format.size"]
    path = tmp_path / "big.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(cp.FormatError) as err:
        Timeline.read_json_file(str(path), max_bytes=100)
    assert err.value.code == "format.size"
    # Many waves are read in time proportional to them.
    wave = fixture()["waves"][1]
    many = {"format": "coproduction", "version": 1,
            "waves": [{**wave, "name": f"w{i}"} for i in range(2000)]}
    assert len(Timeline.read_json_text(json.dumps(many))) == 2000


@pytest.mark.parametrize(("text", "where", "code"), [
    ('{"format": "coproduction", "version": 1, "waves": [{"name": "a", "name": "b", '
     '"network": {"stakeholders": [], "relations": [], "projects": [], "decisions": []}}]}',
     "/waves/0/name", "format.duplicate_key"),
    ('{"format": "coproduction", "version": 1, "waves": [{"name": "a", "network": '
     '{"stakeholders": [{"id": "x", "kind": "group", "influence": 1e400}]}}]}',
     "/waves/0/network/stakeholders/0/influence", "format.number"),
    ('{"format": "coproduction", "version": 1, "waves": [{"name": "a", "network": []}]}',
     "/waves/0/network", "format.type"),
    ('{"format": "coproduction", "version": 1, "waves": [{"name": "a", "network": '
     '{"stakeholders": [], "relations": [], "projects": [], "decisions": [], "waves": []}}]}',
     "/waves/0/network/waves", "format.unknown_field"),
    ('{"format": "coproduction", "version": 1, "waves": "2013"}', "/waves", "format.type"),
    ('{"format": "coproduction", "version": 1, "waves": []}', "/waves", "format.value"),
    ('{"format": "coproduction", "version": 1}', "/waves", "format.missing"),
    ('{"format": "coproduction", "version": 1, "waves": [7]}', "/waves/0", "format.type"),
    ('{"format": "coproduction", "version": 1, "waves": [{"name": 2013, "network": '
     '{"stakeholders": [], "relations": [], "projects": [], "decisions": []}}]}',
     "/waves/0/name", "format.type"),
    ('[{"waves": []}]', "", "format.type"),
    ('{"format": "coproduction", "version": 1, "waves": [', "byte 52", "format.syntax"),
])
def test_hostile_documents_name_the_pointer(text, where, code):
    assert f"{where} {code}" in problems(text)


def test_text_that_is_not_utf8_is_refused():
    with pytest.raises(cp.FormatError) as err:
        Timeline.read_json_text(b'{"format": "coproduction", "version": 1, "waves": ["\xff"]}')
    assert err.value.code == "format.syntax"


def test_a_network_is_not_a_timeline_and_a_timeline_is_not_a_network(tmp_path):
    net = cp.examples.load("twam_partners_2013")
    with pytest.raises(cp.FormatError) as err:
        Timeline.read_json_text(net.to_json())
    assert (err.value.pointer, err.value.code) == ("/waves", "format.document_kind")
    assert "this document is a network" in str(err.value)
    with pytest.raises(cp.FormatError) as err:
        cp.read_json(FIXTURE)
    assert (err.value.pointer, err.value.code) == ("/waves", "format.document_kind")
    assert len(err.value.problems) == 1 and "this document is a timeline" in str(err.value)


def test_a_failed_write_leaves_the_old_file(tmp_path):
    t = Timeline.read_json_file(str(FIXTURE))
    path = tmp_path / "waves.json"
    t.write_json(str(path))
    before = path.read_bytes()
    with pytest.raises(cp.InputError):
        t.write_json(str(path), indent=99)
    assert path.read_bytes() == before and os.listdir(tmp_path) == ["waves.json"]


def test_diff_between_waves_leaves_the_not_surveyed_out():
    t = Timeline.read_json_file(str(FIXTURE))
    parts = t.diff_waves(0, 1)
    # Both waves hold outreach, womens_group; probation (not surveyed in 2013) left, so no
    # dyad of both is left out.
    assert parts["left_out_dyads"] == 0
    assert parts["stakeholders"]["id"] == ["womens_group", "probation", "volunteers"]
    assert parts["stakeholders"]["fields"][0] == ["paid", "size"]
    direct = _core.timeline.diff(t.wave(0), t.wave(1), t.not_surveyed(0))
    assert parts["relations"]["change"] == direct["relations"]["change"]
    np.testing.assert_array_equal(parts["ties"]["jaccard"], direct["ties"]["jaccard"])
