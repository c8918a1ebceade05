"""Hostile documents and writes through the Python API: a typed error with its place, or a
network that reads back equal; never a crash, a bare RuntimeError, or a widened file."""

from __future__ import annotations

import copy
import json
import os
import pickle
import stat

import pytest

import coproduction as cp


def _network() -> cp.Network:
    net = cp.Network()
    net.add_stakeholder("service_user", kind="person", role="service_user")
    net.add_stakeholder("commissioner", kind="organisation", role="commissioner")
    net.add_relation("service_user", "commissioner", "informs", weight=2)
    return net


def _document(**parts: object) -> str:
    doc = {"format": "coproduction", "version": 1, "stakeholders": [], "relations": [],
           "projects": [], "decisions": []}
    doc.update(parts)
    return json.dumps(doc)


def _nested(depth: int) -> dict:
    value: dict = {}
    for _ in range(depth - 1):
        value = {"a": value}
    return value


def test_a_million_objects_in_one_array_are_refused_as_a_document():
    # Linear reading: the callback parser took minutes here (a CTest timeout guards the
    # same case in C++).
    with pytest.raises(cp.FormatError) as info:
        cp.read_json("[" + ",".join(["{}"] * 1_000_000) + "]")
    assert info.value.problems[0].code == "format.type"


@pytest.mark.parametrize("text", ["1e400", "-1e400", "2e308"])
def test_a_number_outside_a_double_is_a_format_error_with_its_pointer(text):
    doc = _document(stakeholders=[{"id": "a", "kind": "person"}, {"id": "b", "kind": "person"}],
                    relations=[{"source": "a", "target": "b", "type": "informs", "weight": 0}])
    doc = doc.replace('"weight": 0', f'"weight": {text}')
    with pytest.raises(cp.FormatError) as info:
        cp.read_json(doc)
    assert info.value.problems[0].pointer == "/relations/0/weight"
    assert info.value.problems[0].code == "format.number"
    with pytest.raises(cp.FormatError) as info:
        cp.read_json(_document(metadata={"x": [0]}).replace("[0]", f"[0, {text}]"))
    assert info.value.problems[0].pointer == "/metadata/x/1"


@pytest.mark.parametrize("indent", [-1, -5, cp.network.MAX_INDENT + 1, 1000, 1025, 10**6, 10**30, True, 2.0])
def test_an_indent_out_of_bounds_is_refused_before_anything_is_written(indent, tmp_path):
    net = _network()
    with pytest.raises(cp.InputError) as info:
        net.to_json(indent=indent)
    assert info.value.where == "indent"
    path = tmp_path / "net.json"
    with pytest.raises(cp.InputError):
        cp.write_json(net, path, indent=indent)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("indent", [None, 0, 1, 4, cp.network.MAX_INDENT])
def test_every_indent_in_bounds_reads_back(indent):
    net = _network()
    assert cp.read_json(net.to_json(indent=indent)) == net


@pytest.mark.parametrize("max_depth", [0, cp.network.MAX_DEPTH + 1, 10**6, 2**62])
def test_max_depth_cannot_be_raised_past_the_ceiling(max_depth):
    with pytest.raises(cp.InputError) as info:
        cp.read_json(_document(), max_depth=max_depth)
    assert info.value.where == "max_depth"


def test_the_ceiling_holds_for_a_deep_document():
    deep = "[" * 100_000 + "]" * 100_000
    with pytest.raises(cp.FormatError) as info:
        cp.read_json(deep, max_depth=cp.network.MAX_DEPTH)
    assert info.value.problems[0].code == "format.depth"


@pytest.mark.parametrize("depth", [61, 62, 63, 64, 65, 200, cp.network.MAX_DEPTH - 3])
def test_attributes_the_model_takes_are_written_read_pickled_and_copied(depth, tmp_path):
    # The model takes exactly the depths the reader reads back under its default limits, so
    # whatever is written is read.
    net = _network()
    net.add_stakeholder("deep", kind="person", attributes=_nested(depth))
    net.metadata = _nested(depth)
    assert cp.read_json(net.to_json()) == net
    path = tmp_path / "net.json"
    cp.write_json(net, path)
    assert cp.read_json(path) == net
    assert pickle.loads(pickle.dumps(net)) == net
    assert copy.deepcopy(net) == net


def test_attributes_deeper_than_a_document_holds_are_refused_on_insert():
    net = _network()
    with pytest.raises(cp.InvalidValueError) as info:
        net.add_stakeholder("deeper", kind="person", attributes=_nested(cp.network.MAX_DEPTH - 2))
    assert info.value.where == "deeper"
    assert "deep" not in net
    cycle: list = []
    cycle.append(cycle)
    with pytest.raises(cp.InputError):
        net.add_stakeholder("cycle", kind="person", attributes={"x": cycle})
    assert net.num_stakeholders == 2


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
@pytest.mark.parametrize("mode", [0o600, 0o640, 0o400, 0o660])
def test_an_atomic_write_keeps_the_mode_of_the_file_it_replaces(mode, tmp_path):
    path = tmp_path / "private.json"
    path.write_text("{}")
    path.chmod(mode)
    _network().write_json(path)
    assert stat.S_IMODE(path.stat().st_mode) == mode
    assert cp.read_json(path) == _network()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["private.json"]


@pytest.mark.skipif(os.name != "posix", reason="POSIX symbolic links")
def test_a_write_through_a_symlink_replaces_the_file_it_names(tmp_path):
    real, link = tmp_path / "real.json", tmp_path / "link.json"
    real.write_text("{}")
    real.chmod(0o600)
    link.symlink_to(real)
    _network().write_json(link)
    assert link.is_symlink()
    assert cp.read_json(real) == _network()
    assert stat.S_IMODE(real.stat().st_mode) == 0o600
    dangling = tmp_path / "dangling.json"
    dangling.symlink_to(tmp_path / "absent" / "x.json")
    with pytest.raises(OSError):
        _network().write_json(dangling)
