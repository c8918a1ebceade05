"""Pickles of a network: a pickle made by the library loads back equal, copies are
independent, and a tampered pickle is refused as a FormatError naming the part of the state at
fault, having read nothing but the state it was given."""

from __future__ import annotations

import copy
import pickle
from pathlib import Path

import pytest

import coproduction as cp
from coproduction import _core
from coproduction.network import _from_pickle

DATA = Path(__file__).resolve().parents[1] / "data"


class Tampered:
    """Pickles as a network whose state is ``state``, as an edited pickle file would."""

    def __init__(self, state):
        self.state = state

    def __reduce__(self):
        return (_from_pickle, (self.state,))


def load_tampered(state):
    return pickle.loads(pickle.dumps(Tampered(state)))


def good_state(net: cp.Network) -> dict:
    return {"format_version": _core.FORMAT_VERSION, "json": net.to_json(indent=None)}


def refused(state, where: str, code: str) -> cp.FormatError:
    with pytest.raises(cp.FormatError) as caught:
        load_tampered(state)
    err = caught.value
    assert err.where == where, str(err)
    assert err.code == code, str(err)
    assert err.problems[0] == (where, code, err.detail)
    assert str(err).startswith(f"[coproduction.{code}] {where}: ")
    return err


def test_pickles_load_back_equal_at_every_protocol():
    net = cp.examples.load("twam_partners_2013")
    for protocol in range(pickle.HIGHEST_PROTOCOL + 1):
        assert pickle.loads(pickle.dumps(net, protocol=protocol)) == net


def test_the_state_keeps_its_shape():
    # Pickles already written hold exactly this; the fixture below is one of them.
    net = cp.examples.load("nml_collaboration_types")
    function, (state,) = net.__reduce__()
    assert function is _from_pickle
    assert state == good_state(net)
    with open(DATA / "pickle_v1.pkl", "rb") as handle:
        assert pickle.load(handle).num_stakeholders == 2


def test_copies_and_deep_copies_are_independent():
    net = cp.examples.load("twam_partners_2013")
    for other in (copy.copy(net), copy.deepcopy(net), copy.deepcopy({"net": net})["net"]):
        assert other == net and other is not net
        other.add_stakeholder("commissioner_2")
        assert "commissioner_2" not in net


def test_a_path_in_the_json_field_is_not_read(tmp_path):
    # The file is a valid document: reading it would give a network back.
    local = tmp_path / "local.json"
    cp.examples.load("twam_partners_2013").write_json(local)
    err = refused({"format_version": 1, "json": str(local)}, "state/json, byte 1",
                  "format.syntax")
    assert "not JSON" in err.detail


@pytest.mark.parametrize("state, kind", [
    ([1, "{}"], "list"),
    (("format_version", 1), "tuple"),
    ("{}", "str"),
    (None, "NoneType"),
])
def test_a_state_that_is_not_a_dict_is_refused(state, kind):
    err = refused(state, "state", "format.type")
    assert err.detail == f"the state of a pickled network is a dict, not {kind}"


def test_missing_and_unknown_fields_are_each_named():
    net = cp.examples.load("nml_collaboration_types")
    refused({"format_version": 1}, "state/json", "format.missing")
    refused({"json": net.to_json()}, "state/format_version", "format.missing")
    with pytest.raises(cp.FormatError) as caught:
        load_tampered({**good_state(net), "path": "/etc/passwd", 3: None})
    assert [(p.pointer, p.code) for p in caught.value.problems] == [
        ("state/path", "format.unknown_field"), ("state/3", "format.unknown_field")]
    with pytest.raises(cp.FormatError) as caught:
        load_tampered({})
    assert [p.pointer for p in caught.value.problems] == ["state/format_version", "state/json"]


@pytest.mark.parametrize("version, code", [
    (2, "format.version"), (0, "format.version"), ("1", "format.type"), (1.0, "format.type"),
    (True, "format.type"), (None, "format.type"),
])
def test_a_wrong_version_is_refused(version, code):
    state = good_state(cp.examples.load("nml_collaboration_types"))
    refused({**state, "format_version": version}, "state/format_version", code)


@pytest.mark.parametrize("text", [b"{}", ["{}"], 7, None])
def test_json_that_is_not_a_string_is_refused(text):
    refused({"format_version": 1, "json": text}, "state/json", "format.type")


def test_json_that_is_not_a_valid_document_names_the_place():
    state = good_state(cp.examples.load("nml_collaboration_types"))
    with pytest.raises(cp.FormatError) as caught:
        text = state["json"].replace('"kind":"group"', '"kind":"team"', 1)
        load_tampered({**state, "json": text})
    problem = caught.value.problems[0]
    assert problem.pointer.startswith("state/json/stakeholders/")
    assert problem.pointer.endswith("/kind") and problem.code == "format.value"
    refused({**state, "json": "\ud800"}, "state/json", "format.encoding")
    refused({**state, "json": ""}, "state/json, byte 1", "format.syntax")
