"""Generated hostile documents and frames: awkward text in every field (quotes, commas,
newlines, NUL, right-to-left marks, emoji, non-Latin scripts), wrong types, broken bytes.
Each one either raises the library's typed error with a location for every problem, or
gives a network that round-trips exactly through JSON, pickle and the frames."""

from __future__ import annotations

import json
import math
import pickle
from typing import Any, Dict, List

import numpy as np
import pandas as pd
import pytest

hypothesis = pytest.importorskip("hypothesis")
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

import coproduction as cp  # noqa: E402

AWKWARD = ['"', "'", ",", ";", "\n", "\r\n", "\t", "\x00", "\x1b[31m", "\u200f", "\u202e",
           "\u2066", "\U0001f600", "\U0001f469\u200d\U0001f467", "\u0645\u0631\u0643\u0632",
           "\u05e9\u05dc\u05d5\u05dd", "\u4e2d\u5fc3", "\u0928\u092e\u0938\u094d\u0924\u0947",
           "\u00e9", "e\u0301", "~1", "/", "~0", "\\", "\ufeff", "\ufffd", " ", "=SUM(A1)",
           "None", "nan", "False", "null"]

awkward_text = st.lists(st.one_of(st.sampled_from(AWKWARD), st.text(min_size=1, max_size=3)),
                        min_size=1, max_size=4).map("".join)
any_text = st.one_of(awkward_text, st.just(""))
json_scalar = st.one_of(st.none(), st.booleans(), st.integers(-2**63, 2**63 - 1),
                        st.floats(allow_nan=False, allow_infinity=False), any_text)
json_value = st.recursive(json_scalar, lambda inner: st.one_of(
    st.lists(inner, max_size=3), st.dictionaries(any_text, inner, max_size=3)), max_leaves=8)
# Now and then a field holds a value of the wrong type.
field = st.one_of(any_text, any_text, any_text, json_value)

KINDS = ["person", "group", "organisation", "object"]


@st.composite
def documents(draw: Any) -> Dict[str, Any]:
    ids = draw(st.lists(awkward_text, min_size=1, max_size=6))
    stakeholders: List[Dict[str, Any]] = []
    for i in ids:
        s: Dict[str, Any] = {"id": i, "kind": draw(st.one_of(st.sampled_from(KINDS), field))}
        for key in ("label", "role", "sector"):
            if draw(st.booleans()):
                s[key] = draw(field)
        if draw(st.booleans()):
            s["attributes"] = draw(st.dictionaries(any_text, json_value, max_size=3))
        if draw(st.booleans()):
            s[draw(awkward_text)] = draw(json_value)  # an unknown field
        stakeholders.append(s)
    relations = []
    for _ in range(draw(st.integers(0, 6))):
        r: Dict[str, Any] = {"source": draw(st.sampled_from(ids + [draw(awkward_text)])),
                             "target": draw(st.sampled_from(ids)), "type": draw(field)}
        if draw(st.booleans()):
            r["weight"] = draw(st.one_of(st.floats(0.01, 1e6), json_value))
        if draw(st.booleans()):
            r["provenance"] = {"reported_by": draw(field), "method": draw(field)}
        relations.append(r)
    doc: Dict[str, Any] = {"format": "coproduction", "version": 1, "stakeholders": stakeholders,
                           "relations": relations, "projects": [], "decisions": []}
    if draw(st.booleans()):
        doc["metadata"] = draw(st.dictionaries(any_text, json_value, max_size=3))
    if draw(st.booleans()):
        doc["projects"] = [{"id": draw(awkward_text), "label": draw(field)}]
    return doc


def _located(err: cp.Error) -> None:
    """Every problem of a FormatError has its place; other errors name theirs."""
    if isinstance(err, cp.FormatError):
        assert err.problems
        for problem in err.problems:
            assert problem.code
            assert problem.pointer.startswith("/") or problem.pointer.startswith("byte ") \
                or problem.pointer == ""
    else:
        assert err.where


def _round_trips(net: cp.Network) -> None:
    text = net.to_json()
    back = cp.read_json(text)
    assert back == net
    assert back.to_json() == text
    assert cp.read_json(net.to_json(indent=None)) == net
    assert pickle.loads(pickle.dumps(net)) == net


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents())
def test_a_generated_document_is_refused_with_places_or_round_trips(doc):
    text = json.dumps(doc, ensure_ascii=False)
    try:
        net = cp.read_json(text)
    except cp.FormatError as err:
        _located(err)
        return
    _round_trips(net)
    # What was read keeps every awkward string exactly.
    assert list(net.stakeholders.index) == [s["id"] for s in doc["stakeholders"]]


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=200))
def test_any_bytes_are_refused_with_a_place_or_read(data):
    try:
        net = cp.read_json(data)
    except cp.FormatError as err:
        _located(err)
        return
    _round_trips(net)


cell = st.one_of(st.none(), st.just(math.nan), st.booleans(), st.integers(-5, 5),
                 st.floats(allow_nan=False, allow_infinity=False), any_text)


@st.composite
def stakeholder_frames(draw: Any) -> pd.DataFrame:
    ids = draw(st.lists(st.one_of(awkward_text, awkward_text, cell), min_size=1, max_size=6))
    n = len(ids)
    columns: Dict[str, Any] = {"id": ids}
    columns["kind"] = draw(st.lists(st.one_of(st.sampled_from(KINDS), cell), min_size=n, max_size=n))
    for name in draw(st.lists(st.sampled_from(["label", "role", "paid", "convenor", "size",
                                               "influence", "expertise"]), unique=True, max_size=4)):
        columns[name] = draw(st.lists(cell, min_size=n, max_size=n))
    if draw(st.booleans()):
        columns[draw(awkward_text)] = draw(st.lists(cell, min_size=n, max_size=n))
    return pd.DataFrame(columns)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(stakeholder_frames(), st.data())
def test_a_generated_frame_is_refused_with_places_or_round_trips(people, data):
    ids = [i for i in people["id"] if isinstance(i, str)]
    links = None
    if ids and data.draw(st.booleans()):
        rows = data.draw(st.lists(st.tuples(st.sampled_from(ids), st.sampled_from(ids), any_text),
                                  max_size=5))
        links = pd.DataFrame(rows, columns=["source", "target", "type"])
        if data.draw(st.booleans()):
            links["weight"] = data.draw(st.lists(cell, min_size=len(links), max_size=len(links)))
    try:
        net = cp.from_frames(people, links)
    except cp.Error as err:
        _located(err)
        return
    _round_trips(net)
    assert cp.from_frames(net.stakeholders, net.relations) == net
    # No cell was read as something else: every given id is there as it was given (a whole
    # number, a participant number, as its decimal digits).
    expected = [i if isinstance(i, str) else str(int(i)) for i in people["id"]]
    assert list(net.stakeholders.index) == expected
    for column in ("paid", "convenor"):
        if column in people:
            for given_cell, read in zip(people[column], net.stakeholders[column]):
                if isinstance(given_cell, (bool, np.bool_)):
                    assert read == given_cell
