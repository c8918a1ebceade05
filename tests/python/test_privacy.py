"""cp.privacy: keyed pseudonyms, redaction, small groups, re-identification risk.

The promise checked here: pseudonyms are stable for a key and different across keys, every
measure of a pseudonymised network equals the original's, and no id, label, free text or key
reaches an export of a pseudonymised network; the tests search the bytes written."""

from __future__ import annotations

import base64
import collections
import copy
import hashlib
import hmac
import json
import os
import pickle
import re
import stat
from pathlib import Path
from typing import Any, Dict, Iterator, List, Set

import numpy as np
import pandas as pd
import pytest

hypothesis = pytest.importorskip("hypothesis")
from hypothesis import HealthCheck, given, settings  # noqa: E402

import coproduction as cp  # noqa: E402
import coproduction.privacy as privacy  # noqa: E402
from coproduction.privacy import Key  # noqa: E402

from _awkward import networks  # noqa: E402

EXAMPLES = ["twam_partners_2013", "nml_collaboration_types"]
PSEUDONYM = re.compile(r"^(person|group|org|object|project|decision)_[a-z2-7]{16}$")
POSIX = os.name == "posix"


# -- keys -------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def key_path(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("keys") / "project.key"
    Key.generate(path)
    return path


@pytest.fixture(scope="module")
def key(key_path) -> Key:
    return Key.from_file(key_path)


@pytest.fixture(scope="module")
def other_key(tmp_path_factory) -> Key:
    return Key.generate(tmp_path_factory.mktemp("other") / "other.key")


def secret_forms(path: Path) -> List[bytes]:
    """Every spelling of a key file's secret that an export must not hold: the text of the
    file, the 32 bytes it encodes, and the hex and base64 of each."""
    text = path.read_bytes()
    raw = bytes.fromhex(text.decode("ascii"))
    forms = [text, raw]
    for value in (text, raw):
        forms += [value.hex().encode(), value.hex().upper().encode(), base64.b64encode(value),
                  base64.urlsafe_b64encode(value), base64.b32encode(value)]
    return forms


def write_key(path: Path, data: bytes, mode: int = 0o600) -> Path:
    path.write_bytes(data)
    os.chmod(path, mode)
    return path


def test_generate_writes_64_hex_characters_readable_by_the_owner_only(tmp_path):
    path = tmp_path / "k"
    made = Key.generate(path)
    data = path.read_bytes()
    assert re.fullmatch(rb"[0-9a-f]{64}", data)  # 32 random bytes, no line end
    if POSIX:
        assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert Key.from_file(path).fingerprint == made.fingerprint
    assert sorted(p.name for p in tmp_path.iterdir()) == ["k"]  # no temporary file left
    assert Key.generate(tmp_path / "k2").fingerprint != made.fingerprint


def test_generate_never_overwrites(tmp_path):
    path = tmp_path / "k"
    path.write_bytes(b"precious")
    with pytest.raises(FileExistsError):
        Key.generate(path)
    assert path.read_bytes() == b"precious"
    link = tmp_path / "dangling"
    link.symlink_to(tmp_path / "nowhere")
    with pytest.raises(FileExistsError):
        Key.generate(link)
    assert not (tmp_path / "nowhere").exists()


def test_fingerprint_is_the_documented_hmac_and_reveals_nothing_of_the_key(key, key_path):
    secret = key_path.read_bytes()
    expected = hmac.new(secret, b"coproduction.privacy.key-fingerprint.v1",
                        hashlib.sha256).hexdigest()[:16]
    assert key.fingerprint == expected
    assert re.fullmatch("[0-9a-f]{16}", key.fingerprint)
    assert key.fingerprint not in secret.decode() and key.fingerprint not in secret.hex()


def test_a_key_file_and_an_environment_variable_holding_the_same_key_agree(
        key, key_path, monkeypatch, tmp_path):
    monkeypatch.setenv("CP_TEST_KEY", key_path.read_text())
    from_env = Key.from_env("CP_TEST_KEY")
    assert from_env.fingerprint == key.fingerprint
    assert from_env.source == "environment variable CP_TEST_KEY"
    # A line end added by an editor or by `echo` is not part of the key.
    with_newline = write_key(tmp_path / "echoed", key_path.read_bytes() + b"\n")
    assert Key.from_file(with_newline).fingerprint == key.fingerprint
    monkeypatch.setenv("CP_TEST_KEY", key_path.read_text() + "\r\n")
    assert Key.from_env("CP_TEST_KEY").fingerprint == key.fingerprint


@pytest.mark.parametrize("data", [b"", b"\n", b"fifteen bytes!!", b"x" * 1025])
def test_a_key_too_short_or_too_long_is_refused_without_showing_it(tmp_path, monkeypatch, data):
    path = write_key(tmp_path / "k", data)
    with pytest.raises(cp.InputError) as err:
        Key.from_file(path)
    assert err.value.where == "key_file"
    if data.strip():
        assert data.decode()[:15] not in str(err.value)
    monkeypatch.setenv("CP_SHORT", data.decode())
    with pytest.raises(cp.InputError) as err:
        Key.from_env("CP_SHORT")
    assert err.value.where == "key_env"
    assert Key.from_file(write_key(tmp_path / "ok", b"s" * 16 + b"\n")).fingerprint


@pytest.mark.skipif(not POSIX, reason="POSIX permissions")
@pytest.mark.parametrize("mode", [0o640, 0o604, 0o620, 0o660, 0o644, 0o666, 0o700 | 0o004])
def test_a_key_file_others_can_read_or_write_is_refused(tmp_path, key_path, mode):
    path = write_key(tmp_path / "k", key_path.read_bytes(), mode)
    with pytest.raises(cp.InputError, match="chmod 600") as err:
        Key.from_file(path)
    assert err.value.where == "key_file"
    os.chmod(path, 0o400)  # read-only for its owner: fine
    assert Key.from_file(path).fingerprint == Key.from_file(key_path).fingerprint


@pytest.mark.skipif(not POSIX, reason="named pipes and POSIX permissions")
def test_a_key_file_must_be_a_regular_file(tmp_path):
    with pytest.raises(cp.InputError, match="not a regular file"):
        Key.from_file(tmp_path)
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe, 0o600)
    with pytest.raises(cp.InputError, match="not a regular file"):  # and does not hang
        Key.from_file(pipe)
    with pytest.raises(FileNotFoundError):
        Key.from_file(tmp_path / "missing")


def test_a_missing_or_misnamed_environment_variable_is_refused(monkeypatch):
    monkeypatch.delenv("CP_NOT_SET", raising=False)
    with pytest.raises(cp.InputError, match="no environment variable CP_NOT_SET"):
        Key.from_env("CP_NOT_SET")
    for name in ["", "A=B", 3, None]:
        with pytest.raises(cp.InputError):
            Key.from_env(name)


def test_a_key_never_shows_itself_and_cannot_be_pickled(key, key_path):
    shown = [repr(key), str(key), f"{key}", f"{key!r}", repr([key]), repr({"k": key})]
    for text in shown:
        assert key.fingerprint in text
        for form in secret_forms(key_path):
            assert form not in text.encode("utf-8", "surrogateescape")
    for protocol in range(pickle.HIGHEST_PROTOCOL + 1):
        with pytest.raises(TypeError, match="cannot be pickled"):
            pickle.dumps(key, protocol=protocol)
    assert copy.copy(key) is key and copy.deepcopy({"k": key})["k"] is key
    with pytest.raises(TypeError):
        Key()
    with pytest.raises(AttributeError):
        key._secret = b"changed"
    with pytest.raises(AttributeError):
        key.fingerprint = "0" * 16


@pytest.mark.parametrize("wrong", [b"0123456789abcdef0123", "0123456789abcdef0123", None])
def test_pseudonymise_takes_a_key_object_only(wrong):
    with pytest.raises(cp.InputError, match="never given as bytes") as err:
        privacy.pseudonymise(cp.examples.load("nml_collaboration_types"), wrong)
    assert err.value.where == "key"


# -- pseudonyms -------------------------------------------------------------------------------

def expected_pseudonym(secret: bytes, namespace: str, id: str, prefix: str) -> str:
    """The documented construction, written out independently of the module."""
    message = b"coproduction.privacy.pseudonym.v1\0" + namespace.encode() + b"\0" + id.encode()
    digest = hmac.new(secret, message, hashlib.sha256).digest()
    return prefix + base64.b32encode(digest[:10]).decode().lower()


@pytest.mark.parametrize("name", EXAMPLES)
def test_pseudonyms_are_the_documented_hmac_prefixed_by_kind(key, key_path, name):
    net = cp.examples.load(name)
    shared, mapping = privacy.pseudonymise(net, key)
    secret = key_path.read_bytes()
    prefixes = {"person": "person_", "group": "group_", "organisation": "org_",
                "object": "object_", "project": "project_", "decision": "decision_"}
    kinds = net.stakeholders["kind"].astype(str).tolist()
    assert mapping.columns.tolist() == ["id", "kind", "pseudonym"]
    assert mapping["id"].tolist() == (net.stakeholders.index.tolist() + net.projects.index.tolist()
                                      + net.decisions.index.tolist())
    assert mapping["kind"].tolist() == (kinds + ["project"] * net.num_projects
                                        + ["decision"] * net.num_decisions)
    for id, kind, pseudonym in mapping.itertuples(index=False):
        namespace = kind if kind in ("project", "decision") else "stakeholder"
        assert pseudonym == expected_pseudonym(secret, namespace, id, prefixes[kind])
        assert PSEUDONYM.match(pseudonym)
        assert len(pseudonym.split("_", 1)[1]) * 5 >= 64  # base32: 5 bits a character
    assert mapping["pseudonym"].is_unique
    assert mapping.attrs == {"key_fingerprint": key.fingerprint}
    assert privacy.PSEUDONYM_BITS == 80
    assert set(shared.stakeholders.index) == set(mapping["pseudonym"][: net.num_stakeholders])


def test_the_same_key_gives_the_same_pseudonyms_in_every_wave(key):
    first = cp.examples.load("twam_partners_2013")
    document = json.loads(first.to_json())
    # The next wave: two stakeholders gone, one new, a kind recoded, labels rewritten.
    gone = {"stonham_young_people", "commissioners"}
    document["stakeholders"] = [s for s in document["stakeholders"] if s["id"] not in gone]
    document["relations"] = [r for r in document["relations"]
                             if r["source"] not in gone and r["target"] not in gone
                             and r.get("provenance", {}).get("reported_by") not in gone]
    document["decisions"] = []
    for s in document["stakeholders"]:
        s["label"] = "wave 2: " + s["id"]
        if s["id"] == "housing21_regional_manager":
            s["kind"] = "group"
    document["stakeholders"].append({"id": "carers_forum", "kind": "group", "role": "carer"})
    second = cp.read_json(json.dumps(document))
    _, one = privacy.pseudonymise(first, key)
    _, two = privacy.pseudonymise(second, key)
    one, two = one.set_index("id"), two.set_index("id")
    both = one.index.intersection(two.index)
    assert len(both) == 26 + 1  # the stakeholders in both waves and the project
    for id in both:
        if id == "housing21_regional_manager":  # the prefix follows the kind, the rest stays
            assert one.at[id, "pseudonym"] == "person_" + two.at[id, "pseudonym"][len("group_"):]
        else:
            assert one.at[id, "pseudonym"] == two.at[id, "pseudonym"]
    # Run again: the same network, byte for byte but for the date of the record.
    def undated(net: cp.Network) -> Dict[str, Any]:
        document = json.loads(net.to_json())
        del document["metadata"]["pseudonymised"]["date"]
        return document

    assert undated(privacy.pseudonymise(first, key)[0]) == \
        undated(privacy.pseudonymise(first, key)[0])


@pytest.mark.parametrize("name", EXAMPLES)
def test_another_key_gives_unrelated_pseudonyms(key, other_key, name):
    net = cp.examples.load(name)
    _, one = privacy.pseudonymise(net, key)
    shared, two = privacy.pseudonymise(net, other_key)
    tails = lambda m: {p.split("_", 1)[1] for p in m["pseudonym"]}  # noqa: E731
    assert not tails(one) & tails(two)
    assert shared.metadata["pseudonymised"]["key_fingerprint"] == other_key.fingerprint
    assert key.fingerprint != other_key.fingerprint


def test_a_stakeholder_a_project_and_a_decision_of_one_id_get_unrelated_pseudonyms(key):
    net = cp.Network()
    net.add_stakeholder("film", kind="group")
    net.add_project("film")
    net.add_decision("film", project="film", stage="design", rights={"film": "decides"})
    _, mapping = privacy.pseudonymise(net, key)
    assert len({p.split("_", 1)[1] for p in mapping["pseudonym"]}) == 3


def test_a_collision_is_refused_never_merged(key, monkeypatch):
    net = cp.Network()
    for i in range(200):  # 200 ids in 256 pseudonyms: a collision is all but certain
        net.add_stakeholder(f"s{i}")
    monkeypatch.setattr(privacy, "_PSEUDONYM_BYTES", 1)
    with pytest.raises(cp.InputError, match="same pseudonym") as err:
        privacy.pseudonymise(net, key)
    assert err.value.where == "key" and "s1" not in str(err.value)


def test_a_pseudonymised_network_is_not_pseudonymised_again(key):
    shared, _ = privacy.pseudonymise(cp.examples.load("nml_collaboration_types"), key)
    with pytest.raises(cp.InputError, match="already pseudonymised"):
        privacy.pseudonymise(shared, key)


def test_pseudonymise_leaves_its_input_alone_and_checks_its_options(key):
    net = cp.examples.load("twam_partners_2013")
    before = net.to_json()
    privacy.pseudonymise(net, key, keep_attributes=["basis"], dates="keep")
    assert net.to_json() == before
    for option, value in [("dates", "month"), ("order", "random"), ("drop", ["label"]),
                          ("drop", "kind")]:
        with pytest.raises(cp.InputError) as err:
            privacy.pseudonymise(net, key, **{option: value})
        assert err.value.where == option
    with pytest.raises(cp.InputError):
        privacy.pseudonymise(net.to_json(), key)


# -- what reaches an export -------------------------------------------------------------------

FORMAT_WORDS = {
    # The format's own keys and vocabularies: an id spelt like one of them is not found by
    # looking for it among the strings.
    "format", "version", "metadata", "stakeholders", "relations", "projects", "decisions", "id",
    "label", "kind", "role", "sector", "expertise", "under_served", "paid", "convenor", "size",
    "influence", "attributes", "source", "target", "type", "weight", "scale", "provenance",
    "reported_by", "date", "method", "claimed", "project", "stage", "rights", "rule", "votes",
    "quota", "veto", "coproduction", *cp.network.KINDS, *cp.network.EXPERTISE,
    *cp.network.SCALES, *cp.network.STAGES, *cp.network.RIGHTS, *cp.network.RULES,
    *cp.network.COLLABORATION_TYPES, "pseudonymised", "service_user", "carer",
    "front_line_staff", "museum_staff", "senior_staff", "commissioner", "funder", "researcher",
    "volunteer", "partner_organisation",
}


def strings_in(value: Any) -> Iterator[str]:
    """Every string of a JSON value: object keys and string values, at any depth."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for k, v in value.items():
            yield k
            yield from strings_in(v)
    elif isinstance(value, list):
        for v in value:
            yield from strings_in(v)


def private_strings(net: cp.Network) -> Set[str]:
    """What the original holds that a pseudonymised export must not: ids, labels, every
    string of the metadata and of attributes (keys and values), methods, reporters, dates."""
    s, r = net.stakeholders, net.relations
    found = set(s.index) | set(net.projects.index) | set(net.decisions.index)
    for table in (s, net.projects, net.decisions):
        found |= set(table["label"].dropna())
        for attributes in table["attributes"].dropna():
            found |= set(strings_in(attributes))
    for attributes in r["attributes"].dropna():
        found |= set(strings_in(attributes))
    found |= set(strings_in(net.metadata or {}))
    found |= set(r["method"].dropna()) | set(r["reported_by"].dropna()) | set(r["date"].dropna())
    return found


def kept_strings(net: cp.Network, record: Dict[str, Any]) -> Set[str]:
    """What a pseudonymised export may hold in clear: the coded vocabularies kept, the years
    of dates, the reporters that are roles, and the record of what was done."""
    s, r = net.stakeholders, net.relations
    kept = set(FORMAT_WORDS) | set(strings_in(record))
    kept |= set(s["role"].dropna()) | set(s["sector"].dropna()) | set(r["type"])
    kept |= {d[:4] for d in r["date"].dropna()}
    return kept


def escaped_forms(text: str) -> List[bytes]:
    return [text.encode("utf-8"), json.dumps(text, ensure_ascii=True)[1:-1].encode(),
            json.dumps(text, ensure_ascii=False)[1:-1].encode("utf-8")]


def assert_nothing_private(original: cp.Network, data: bytes, key_path: Path) -> None:
    """No private string of ``original`` is a string of the JSON ``data`` (the exact check,
    for short ids that could turn up inside other text by chance), no private string of 8
    characters or more is anywhere in the bytes, and no spelling of the key is."""
    for form in secret_forms(key_path):
        assert form not in data, "the key reached the export"
    document = json.loads(data)
    written = set(strings_in(document))
    record = document.get("metadata", {}).get("pseudonymised", {})
    kept = kept_strings(original, record)
    for text in private_strings(original) - kept:
        assert text not in written, f"{text!r} reached the export"
        if len(text) >= 8 and not any(text in k for k in kept):
            for form in escaped_forms(text):
                assert form not in data, f"{text!r} reached the export's bytes"


@pytest.mark.parametrize("name", EXAMPLES)
def test_no_id_label_free_text_or_key_reaches_an_export(key, key_path, tmp_path, name):
    net = cp.examples.load(name)
    assert private_strings(net) - kept_strings(net, {})  # there is something to find
    shared, _ = privacy.pseudonymise(net, key)
    path = tmp_path / "shared.json"
    cp.write_json(shared, path)
    shared.write_json(tmp_path / "one_line.json", indent=None)
    exports = [path.read_bytes(), (tmp_path / "one_line.json").read_bytes(),
               shared.to_json().encode("utf-8"), pickle.dumps(shared)]
    for data in exports[:3]:
        assert_nothing_private(net, data, key_path)
    for form in secret_forms(key_path):
        assert form not in exports[3]
    # The export still says what it is, and which key made it.
    assert json.loads(exports[0])["metadata"]["pseudonymised"]["key_fingerprint"] == \
        key.fingerprint
    # The check itself finds what it looks for: the original fails it.
    with pytest.raises(AssertionError, match="reached the export"):
        assert_nothing_private(net, net.to_json().encode(), key_path)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(net=networks())
def test_no_id_label_free_text_or_key_reaches_an_export_of_awkward_networks(key, key_path, net):
    shared, mapping = privacy.pseudonymise(net, key)
    assert_nothing_private(net, shared.to_json(indent=None).encode("utf-8"), key_path)
    assert shared.num_stakeholders == net.num_stakeholders
    assert shared.num_relations == net.num_relations
    assert shared.num_decisions == net.num_decisions
    assert len(mapping) == net.num_stakeholders + net.num_projects + net.num_decisions
    assert all(PSEUDONYM.match(p) for p in mapping["pseudonym"])
    assert_same_structure(net, shared, mapping)


def test_manifest_records_the_fingerprint_never_the_key_nor_an_id(key, key_path, tmp_path):
    net = cp.examples.load("twam_partners_2013")
    shared, mapping = privacy.pseudonymise(net, key, keep_attributes=["basis"])
    export = tmp_path / "shared.json"
    shared.write_json(export)
    written = privacy.write_manifest(tmp_path / "manifest.json", shared, files=[export])
    data = (tmp_path / "manifest.json").read_bytes()
    assert json.loads(data) == written
    assert written["format"] == "coproduction-privacy-manifest" and written["version"] == 1
    assert written["key_fingerprint"] == key.fingerprint
    assert written["kept_attributes"] == ["basis"]
    assert written["library"] == f"coproduction {cp.__version__}"
    assert written["counts"] == {"stakeholders": 28, "relations": 77, "projects": 1,
                                 "decisions": 7}
    assert written["files"] == [{"name": "shared.json", "bytes": export.stat().st_size,
                                 "sha256": hashlib.sha256(export.read_bytes()).hexdigest()}]
    assert str(tmp_path).encode() not in data  # a file's name only, not its folder
    assert "labels of stakeholders, projects and decisions" in written["removed"]
    for form in secret_forms(key_path):
        assert form not in data
    for value in list(mapping["id"]) + list(mapping["pseudonym"]):
        assert json.dumps(value).encode() not in data
    assert privacy.manifest(shared) == {k: v for k, v in written.items() if k != "files"}
    with pytest.raises(cp.InputError, match="no record of pseudonymisation"):
        privacy.manifest(net)
    with pytest.raises(cp.InputError):
        privacy.manifest("shared.json")


def test_the_mapping_holds_ids_so_it_is_the_one_table_to_keep_apart(key, key_path):
    net = cp.examples.load("nml_collaboration_types")
    _, mapping = privacy.pseudonymise(net, key)
    data = mapping.to_csv(index=False).encode()
    assert b"consultation_curators" in data  # the re-identification key, by design
    for form in secret_forms(key_path):
        assert form not in data


# -- what is kept, what is removed ------------------------------------------------------------

def test_free_text_options(key):
    net = cp.Network(metadata={"title": "Ward 7 memory cafe"})
    net.add_stakeholder("ann", kind="person", label="Ann", role="carer", sector="social_care",
                        attributes={"ward": "7", "diagnosis": "dementia"})
    net.add_stakeholder("team", kind="group", role="front_line_staff", size=4,
                        attributes={"ward": "7"})
    net.add_stakeholder("home", kind="organisation", role="partner_organisation")
    net.add_relation("ann", "team", "trusts", reported_by="team", date="2023-05-17",
                     method="interview with Ann", attributes={"ward": "7"})
    net.add_relation("team", "ann", "cares_for", reported_by="carer", date="2023-05")
    net.add_relation("home", "team", "funds", reported_by="researcher")
    net.add_relation("team", "home", "informs", reported_by="Dr Jones", scale="place")
    shared, mapping = privacy.pseudonymise(net, key, order="original")
    p = pseudonyms_of(mapping)["stakeholder"]
    s, r = shared.stakeholders, shared.relations
    assert s.index.tolist() == [p["ann"], p["team"], p["home"]]
    assert s["label"].isna().all() and s["attributes"].isna().all()
    assert s["role"].tolist() == ["carer", "front_line_staff", "partner_organisation"]
    assert s["sector"].tolist()[0] == "social_care" and s["size"].tolist()[1] == 4
    # reported_by: a stakeholder becomes its pseudonym; a role stays; a name goes.
    assert r["reported_by"].tolist() == [p["team"], "carer", "researcher", None]
    assert r["date"].tolist() == ["2023", "2023", None, None]
    assert r["method"].isna().all() and r["attributes"].isna().all()
    record = privacy.manifest(shared)
    assert shared.metadata == {"pseudonymised": {
        k: v for k, v in record.items() if k not in ("format", "version", "counts")}}
    assert record["date"] == __import__("datetime").date.today().isoformat()

    kept, _ = privacy.pseudonymise(net, key, order="original", keep_attributes=["ward"],
                                   keep_methods=True, dates="keep")
    assert kept.stakeholders["attributes"].tolist() == [{"ward": "7"}, {"ward": "7"}, None]
    assert kept.relations["attributes"].tolist()[0] == {"ward": "7"}
    assert kept.relations["method"].tolist()[0] == "interview with Ann"
    assert kept.relations["date"].tolist()[:2] == ["2023-05-17", "2023-05"]
    assert "diagnosis" not in kept.to_json()

    bare, _ = privacy.pseudonymise(net, key, order="original", dates="drop",
                                   drop=["role", "sector", "size", "scale"])
    b = bare.stakeholders
    assert b["role"].isna().all() and b["sector"].isna().all() and b["size"].isna().all()
    assert bare.relations["scale"].isna().all() and bare.relations["date"].isna().all()
    # With roles dropped, a reporter that is a role goes too; a stakeholder still maps.
    assert bare.relations["reported_by"].tolist() == [p["team"], None, None, None]
    record = bare.metadata["pseudonymised"]
    assert "coded field role" in record["removed"] and "provenance date" in record["removed"]


def test_order_by_pseudonym_hides_the_original_order(key):
    net = cp.examples.load("twam_partners_2013")
    shared, mapping = privacy.pseudonymise(net, key)
    assert shared.stakeholders.index.tolist() == sorted(shared.stakeholders.index)
    assert shared.decisions.index.tolist() == sorted(shared.decisions.index)
    rel = shared.relations
    assert list(zip(rel["source"], rel["target"], rel["type"])) == sorted(
        zip(rel["source"], rel["target"], rel["type"]))
    kept, mapping = privacy.pseudonymise(net, key, order="original")
    assert kept.stakeholders.index.tolist() == mapping["pseudonym"][:28].tolist()


# -- the structure is the same ----------------------------------------------------------------

def pseudonyms_of(mapping: pd.DataFrame) -> Dict[str, Dict[str, str]]:
    """The mapping as one dict per namespace: a stakeholder, a project and a decision may
    share an id."""
    namespace = mapping["kind"].where(mapping["kind"].isin(["project", "decision"]),
                                      "stakeholder")
    return {name: dict(zip(rows["id"], rows["pseudonym"]))
            for name, rows in mapping.groupby(namespace)}


def renamed(obj: Any, *maps: Dict[str, str]) -> Any:
    """``obj`` with each level of its index mapped by the matching dict, as an object index
    (pandas' ``rename`` may infer another dtype), sorted."""
    out = obj.copy()
    levels = [pd.Index([m[v] for v in obj.index.get_level_values(i)], dtype=object)
              for i, m in enumerate(maps)]
    out.index = pd.MultiIndex.from_arrays(levels, names=obj.index.names) if len(maps) > 1 \
        else levels[0].rename(obj.index.name)
    return out.sort_index()


def assert_same_structure(net: cp.Network, shared: cp.Network, mapping: pd.DataFrame) -> None:
    """Every coded field, relation and right of ``shared`` is ``net``'s under the mapping."""
    maps = pseudonyms_of(mapping)
    p, projects, decisions_map = maps["stakeholder"], maps.get("project", {}), \
        maps.get("decision", {})
    coded = ["kind", "role", "sector", "expertise", "under_served", "paid", "convenor", "size",
             "influence"]
    pd.testing.assert_frame_equal(renamed(net.stakeholders[coded], p),
                                  shared.stakeholders[coded].sort_index())
    columns = ["source", "target", "type", "weight", "scale"]
    mapped = net.relations[columns].assign(
        source=net.relations["source"].map(p).astype(object),
        target=net.relations["target"].map(p).astype(object))
    ordered = lambda f: f.sort_values(["source", "target", "type"]).reset_index(drop=True)  # noqa: E731
    pd.testing.assert_frame_equal(ordered(mapped), ordered(shared.relations[columns]))
    pd.testing.assert_frame_equal(renamed(net.rights, decisions_map, p),
                                  shared.rights.sort_index())
    decisions = renamed(net.decisions.drop(columns=["label", "attributes"]), decisions_map)
    decisions["project"] = decisions["project"].map(projects).astype(object)
    pd.testing.assert_frame_equal(decisions,
                                  shared.decisions.drop(columns=["label", "attributes"])
                                  .sort_index())


@pytest.mark.parametrize("name", EXAMPLES)
def test_every_measure_of_a_pseudonymised_network_is_the_original_s(key, name):
    net = cp.examples.load(name)
    shared, mapping = privacy.pseudonymise(net, key)
    maps = pseudonyms_of(mapping)
    p, projects = maps["stakeholder"], maps["project"]
    assert_same_structure(net, shared, mapping)
    power = renamed(cp.power.decision_power(net, by="all"), p)
    pd.testing.assert_frame_equal(power, cp.power.decision_power(shared, by="all").sort_index(),
                                  check_exact=False, rtol=1e-12, atol=1e-15)
    for by in ["role", "convenor", "expertise"]:
        pd.testing.assert_frame_equal(cp.power.power_shares(net, by),
                                      cp.power.power_shares(shared, by), rtol=1e-12)
    ladder = renamed(cp.ladder.classify_all(net), projects).drop(columns="label")
    pd.testing.assert_frame_equal(ladder, cp.ladder.classify_all(shared).drop(columns="label")
                                  .sort_index())
    for project in net.projects.index:
        left = cp.audit.principles(net, project)[["value", "verdict"]]
        right = cp.audit.principles(shared, projects[project])[["value", "verdict"]]
        pd.testing.assert_frame_equal(left, right, rtol=1e-12)
    for layer in [None, "learns_from"]:
        for measure in ["degree", "betweenness", "closeness"]:
            assert cp.metrics.centralization(net, measure, layer=layer) == pytest.approx(
                cp.metrics.centralization(shared, measure, layer=layer), abs=1e-12)
        assert cp.metrics.reciprocity(net, layer=layer) == pytest.approx(
            cp.metrics.reciprocity(shared, layer=layer), abs=1e-12)
    between = renamed(cp.metrics.centrality(net, "betweenness"), p)
    pd.testing.assert_series_equal(between, cp.metrics.centrality(shared, "betweenness")
                                   .sort_index(), rtol=1e-12)
    assert cp.power.convenor_carried_share(net) == cp.power.convenor_carried_share(shared)


# -- redaction --------------------------------------------------------------------------------

def test_redact_removes_labels_attributes_provenance_and_title(key_path):
    net = cp.examples.load("twam_partners_2013")
    plain = privacy.redact(net)
    for table in (plain.stakeholders, plain.projects, plain.decisions):
        assert table["label"].isna().all() and table["attributes"].isna().all()
    r = plain.relations
    assert r[["reported_by", "date", "method"]].isna().all().all()
    assert r["attributes"].isna().all()
    assert "title" not in plain.metadata
    assert set(plain.metadata) == set(net.metadata) - {"title"}
    # Ids and structure stay: the same network but for the free text.
    pd.testing.assert_frame_equal(net.rights, plain.rights)
    pd.testing.assert_frame_equal(net.relations[["source", "target", "type", "weight", "scale"]],
                                  plain.relations[["source", "target", "type", "weight",
                                                   "scale"]])
    pd.testing.assert_frame_equal(cp.power.decision_power(net), cp.power.decision_power(plain))
    data = plain.to_json().encode()
    written = set(strings_in(json.loads(data)))
    for label in net.stakeholders["label"].dropna():
        assert json.dumps(label).encode() not in data
    assert not {"2013-02-14", "report", "inferred"} & written  # a date, a method, an attribute
    assert net.stakeholders["label"].notna().all()  # the input is untouched


def test_redact_with_a_mark_replaces_instead(key_path):
    net = cp.examples.load("twam_partners_2013")
    marked = privacy.redact(net, mark="[redacted]")
    s = marked.stakeholders
    assert (s["label"] == "[redacted]").all()
    with_attributes = net.stakeholders["attributes"].dropna()
    for id, attributes in with_attributes.items():
        assert s.at[id, "attributes"] == {k: "[redacted]" for k in attributes}
    r = marked.relations
    given = net.relations["reported_by"].notna()
    assert (r.loc[given, "reported_by"] == "[redacted]").all()
    assert (r.loc[net.relations["method"].notna(), "method"] == "[redacted]").all()
    assert r["date"].isna().all()  # a date must be a date: removed
    assert marked.metadata["title"] == "[redacted]"
    assert marked.metadata["source"] == net.metadata["source"]
    whole = privacy.redact(net, ["metadata"], mark="[redacted]")
    assert set(whole.metadata.values()) == {"[redacted]"}
    assert privacy.redact(net, "metadata").metadata is None
    only_labels = privacy.redact(net, "labels")
    assert only_labels.stakeholders["attributes"].equals(net.stakeholders["attributes"])


@pytest.mark.parametrize("fields, mark, where", [
    (["names"], None, "fields"), ([], None, "fields"), (["labels"], "", "mark"),
    (["labels"], 3, "mark")])
def test_redact_checks_its_arguments(fields, mark, where):
    with pytest.raises(cp.InputError) as err:
        privacy.redact(cp.examples.load("nml_collaboration_types"), fields, mark=mark)
    assert err.value.where == where


# -- small groups -----------------------------------------------------------------------------

def test_suppression_by_hand():
    table = pd.DataFrame({"people": [40, 3, 12, 7], "share": [0.5, 0.1, 0.25, 0.15]},
                         index=pd.Index(["service_user", "carer", "staff", "managers"],
                                        name="group"))
    out = privacy.suppress_small_groups(table, "people")
    # carer (3) is under 5; managers (7), the smallest other, is hidden too, or the carers'
    # share would be 1 less the rest.
    assert out.index.equals(table.index)
    assert out["people"].isna().tolist() == [False, True, False, True]
    assert out["share"].isna().tolist() == [False, True, False, True]
    assert out.loc["staff", "share"] == 0.25
    assert out.attrs["small_groups"] == {
        "k": 5, "how": "suppressed", "groups": 2, "complementary": 1,
        "note": "The values of 1 group of fewer than 5 people are hidden, and those of 1 more "
                "group so that they cannot be worked out from the total."}
    alone = privacy.suppress_small_groups(table, "people", complementary=False)
    assert alone["people"].isna().tolist() == [False, True, False, False]
    two = privacy.suppress_small_groups(table, "people", k=8)  # carer and managers: no extra
    assert two["people"].isna().tolist() == [False, True, False, True]
    assert two.attrs["small_groups"]["complementary"] == 0
    none = privacy.suppress_small_groups(table, "people", k=1)
    pd.testing.assert_frame_equal(none, table)
    assert none.attrs["small_groups"]["groups"] == 0
    # Counts from a Series: the table need not show them.
    heads = pd.Series({"staff": 12, "carer": 3, "service_user": 40, "managers": 7})
    by_series = privacy.suppress_small_groups(table[["share"]], heads)
    assert by_series["share"].isna().tolist() == [False, True, False, True]
    assert table.notna().all().all()  # the input is untouched


def test_merging_by_hand():
    table = pd.DataFrame({"people": [40, 3, 12, 2], "rate": [0.1, 0.2, 0.3, 0.4]},
                         index=pd.Index(["service_user", "carer", "staff", "commissioner"],
                                        name="group"))
    out = privacy.merge_small_groups(table, "people", additive=["people"])
    assert out.index.tolist() == ["service_user", "staff", "other (groups under 5)"]
    assert out.index.name == "group"
    assert out["people"].tolist() == [40, 12, 5]
    assert np.isnan(out.loc["other (groups under 5)", "rate"])  # a rate does not add up
    assert out.attrs["small_groups"]["groups"] == 2
    # 3 + 1 < 5: the smallest other group (staff, 12) joins the pool.
    table.loc["commissioner", "people"] = 1
    joined = privacy.merge_small_groups(table, "people", additive=["people", "rate"],
                                        other="other")
    assert joined.index.tolist() == ["service_user", "other"]
    assert joined["people"].tolist() == [40, 16]
    assert joined.loc["other", "rate"] == pytest.approx(0.2 + 0.3 + 0.4)
    assert "joined them" in joined.attrs["small_groups"]["note"]
    assert "carer" not in joined.attrs["small_groups"]["note"]  # the note names no group
    # Fewer than k people in all: the one pooled row is hidden.
    tiny = pd.DataFrame({"people": [1, 2]}, index=["a", "b"])
    hidden = privacy.merge_small_groups(tiny, "people", additive=["people"])
    assert hidden.index.tolist() == ["other (groups under 5)"]
    assert hidden["people"].isna().all()
    unchanged = privacy.merge_small_groups(tiny, "people", k=1, additive=["people"])
    pd.testing.assert_frame_equal(unchanged, tiny)


@pytest.mark.parametrize("call, where", [
    (lambda t: privacy.suppress_small_groups(t, "missing"), "counts"),
    (lambda t: privacy.suppress_small_groups(t, pd.Series({"a": 1})), "counts"),
    (lambda t: privacy.suppress_small_groups(t, pd.Series({"a": 1, "b": 2, "c": 3})), "counts"),
    (lambda t: privacy.suppress_small_groups(t, pd.Series({"a": -1, "b": 2})), "counts"),
    (lambda t: privacy.suppress_small_groups(t, "people", k=0), "k"),
    (lambda t: privacy.suppress_small_groups(t, "people", k=True), "k"),
    (lambda t: privacy.suppress_small_groups(t, "people", k=2.5), "k"),
    (lambda t: privacy.suppress_small_groups(t["people"], "people"), "table"),
    (lambda t: privacy.merge_small_groups(t, "people", additive=["nope"]), "additive"),
    (lambda t: privacy.merge_small_groups(t, "people", additive=["name"]), "additive"),
    (lambda t: privacy.merge_small_groups(t, "people", additive=["people"], other="a"), "other"),
])
def test_small_group_functions_check_their_arguments(call, where):
    table = pd.DataFrame({"people": [1, 9], "name": ["x", "y"]}, index=["a", "b"])
    with pytest.raises(cp.InputError) as err:
        call(table)
    assert err.value.where == where


@pytest.mark.parametrize("name", EXAMPLES)
def test_head_counts_count_people_as_power_shares_does(name):
    net = cp.examples.load(name)
    s = net.stakeholders
    people = s[s["kind"] != "object"]
    expected = people["size"].fillna(1).astype(int).groupby(
        people["role"].fillna("not coded")).sum()
    counts = privacy.head_counts(net, "role")
    assert counts.sort_index().to_dict() == expected.sort_index().to_dict()
    shares = cp.power.power_shares(net, "role")
    assert counts.index.tolist() == shares.index.tolist()
    assert np.allclose(counts / counts.sum(), shares["people"], rtol=1e-12)


def test_protected_power_shares_by_hand():
    net = cp.examples.load("twam_partners_2013")
    shares = cp.power.power_shares(net, "role")
    heads = privacy.head_counts(net, "role")
    small = heads[heads < 5].index.tolist()
    assert sorted(small) == ["commissioner", "funder", "not coded", "public_health_specialist"]
    merged = privacy.power_shares(net, "role")
    other = "other (groups under 5)"
    assert merged.index.tolist() == [g for g in shares.index if g not in small] + [other]
    assert merged.loc[other, "power"] == pytest.approx(shares.loc[small, "power"].sum())
    assert merged.loc[other, "people"] == pytest.approx(heads[small].sum() / heads.sum())
    assert merged.loc[other, "stakeholders"] == shares.loc[small, "stakeholders"].sum() == 4
    assert merged.loc[other, "parity"] == pytest.approx(
        merged.loc[other, "power"] / merged.loc[other, "people"])
    assert merged[["power", "people"]].sum().tolist() == pytest.approx([1, 1])
    pd.testing.assert_frame_equal(merged.drop(index=other),
                                  pd.DataFrame(shares).drop(index=small))
    suppressed = privacy.power_shares(net, "role", how="suppress")
    assert suppressed.index.tolist() == shares.index.tolist()
    assert set(suppressed.index[suppressed["power"].isna()]) == set(small)  # 4 hidden: no extra
    with pytest.raises(cp.InputError):
        privacy.power_shares(net, "role", how="drop")


# -- risk -------------------------------------------------------------------------------------

def hand_built() -> cp.Network:
    net = cp.Network()
    for id in ["a", "b", "c"]:
        net.add_stakeholder(id, role="service_user", sector="health", expertise="lived",
                            paid=False, attributes={"ward": 1 if id == "c" else "1"})
    net.add_stakeholder("d", role="carer")
    net.add_stakeholder("e", kind="group", role="service_user", size=6)
    net.add_stakeholder("f", kind="group", role="service_user", size=6)
    net.add_stakeholder("objects", kind="object")
    for id in ["a", "b", "c"]:
        net.add_relation(id, "d", "informs")
    net.add_relation("objects", "a", "mediates")  # a is now the one with a relation in
    return net


def test_risk_by_hand():
    net = hand_built()
    table = privacy.risk(net, k=2)
    assert table.index.tolist() == ["a", "b", "c", "d", "e", "f"]  # no object
    assert table.index.name == "stakeholder"
    assert table.columns.tolist() == list(privacy.QUASI_IDENTIFIERS) + ["class_size", "at_risk"]
    # b and c: service users, health, lived, unpaid, 0 in, 1 out. a: 1 in (the object).
    # d: the one carer, 3 in. e and f: groups of 6, nothing else coded, no relation.
    assert table["class_size"].tolist() == [1, 2, 2, 1, 2, 2]
    assert table["at_risk"].tolist() == [True, False, False, True, False, False]
    assert table.loc["d", ["in_degree", "out_degree"]].tolist() == [3, 0]
    assert table.loc["e", "paid"] == "not coded"
    assert table.attrs == {"k": 2, "quasi_identifiers": list(privacy.QUASI_IDENTIFIERS)}
    assert privacy.risk(net)["at_risk"].all()  # no class reaches 5
    roles = privacy.risk(net, k=3, quasi_identifiers=["role"])
    assert roles["class_size"].tolist() == [5, 5, 5, 1, 5, 5]
    assert roles["at_risk"].tolist() == [False, False, False, True, False, False]
    # An attribute reads as JSON: the number 1 and the text "1" are not the same.
    ward = privacy.risk(net, k=2, quasi_identifiers=["attributes.ward"])
    assert ward["attributes.ward"].tolist() == ['"1"', '"1"', "1", "not coded", "not coded",
                                                "not coded"]
    assert ward["class_size"].tolist() == [2, 2, 1, 3, 3, 3]


def independent_risk(net: cp.Network, names: List[str]) -> pd.Series:
    """Class sizes counted row by row with plain Python: degrees from the relation table,
    classes as tuples in a Counter."""
    s, r = net.stakeholders, net.relations
    in_degree = collections.Counter(r["target"])
    out_degree = collections.Counter(r["source"])
    rows = {}
    for id, row in s.iterrows():
        if row["kind"] == "object":
            continue
        values = []
        for name in names:
            value = {"in_degree": in_degree[id], "out_degree": out_degree[id]}.get(name) \
                if name in ("in_degree", "out_degree") else row[name]
            values.append("not coded" if value is None or value is pd.NA
                          or (isinstance(value, float) and np.isnan(value)) else value)
        rows[id] = tuple(values)
    counts = collections.Counter(rows.values())
    return pd.Series({id: counts[key] for id, key in rows.items()}, dtype=np.int64)


@pytest.mark.parametrize("name", EXAMPLES)
@pytest.mark.parametrize("names", [list(privacy.QUASI_IDENTIFIERS), ["role"],
                                   ["role", "sector", "expertise"], ["in_degree", "kind"]])
def test_risk_matches_an_independent_count(name, names):
    net = cp.examples.load(name)
    table = privacy.risk(net, quasi_identifiers=names)
    expected = independent_risk(net, names)
    assert table["class_size"].to_dict() == expected.to_dict()
    assert table["at_risk"].tolist() == (expected < 5).tolist()


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(net=networks())
def test_risk_matches_an_independent_count_on_awkward_networks(net):
    names = list(privacy.QUASI_IDENTIFIERS)
    assert privacy.risk(net)["class_size"].to_dict() == independent_risk(net, names).to_dict()


def test_risk_is_the_same_after_pseudonymising(key):
    net = cp.examples.load("nml_collaboration_types")
    shared, mapping = privacy.pseudonymise(net, key)
    p = pseudonyms_of(mapping)["stakeholder"]
    pd.testing.assert_frame_equal(renamed(privacy.risk(net), p),
                                  privacy.risk(shared).sort_index())


@pytest.mark.parametrize("names", [[], ["label"], ["attributes"], ["attributes."], ["role", "role"],
                                   ["degree"]])
def test_risk_checks_its_quasi_identifiers(names):
    with pytest.raises(cp.InputError) as err:
        privacy.risk(hand_built(), quasi_identifiers=names)
    assert err.value.where == "quasi_identifiers"
    with pytest.raises(cp.InputError) as err:
        privacy.risk(hand_built(), k=0)
    assert err.value.where == "k"


def test_risk_of_an_empty_network():
    table = privacy.risk(cp.Network())
    assert len(table) == 0 and "class_size" in table.columns


def test_the_module_exports_what_it_documents():
    assert set(privacy.__all__) <= set(dir(privacy))
    for name in ["pseudonymise", "redact", "risk", "Key", "suppress_small_groups",
                 "merge_small_groups", "head_counts", "power_shares", "manifest",
                 "write_manifest"]:
        assert getattr(privacy, name).__module__ == "coproduction.privacy"
