"""Every argument that takes several ids or names reads a lone string as one of them, never as
the list of its characters."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import coproduction as cp
from coproduction.metrics import edges


def partnership(*ids: str) -> cp.Network:
    net = cp.Network()
    for stakeholder in ids:
        net.add_stakeholder(stakeholder, kind="group")
    net.add_project("film")
    return net


def test_a_lone_veto_is_one_holder_not_its_letters():
    # veto="ab" used to give both "a" and "b" a veto.
    net = partnership("a", "b")
    for veto, rule in (("ab", "majority"), (None, {"kind": "majority", "veto": "ab"})):
        with pytest.raises(cp.UnknownIdError) as info:
            net.add_decision("theme", project="film", stage="design", rule=rule, veto=veto,
                             rights={"a": "shared", "b": "shared"})
        assert info.value.field == "rule/veto/0"
        assert 'unknown stakeholder "ab"' in str(info.value)
    assert net.num_decisions == 0
    named = partnership("a", "b", "ab")
    named.add_decision("theme", project="film", stage="design", rule="majority", veto="ab",
                       rights={"a": "shared", "b": "shared", "ab": "shared"})
    assert named.rights["veto"].to_dict() == {("theme", "a"): False, ("theme", "ab"): True,
                                              ("theme", "b"): False}


def test_a_bloc_may_be_one_lone_holder():
    weights = pd.Series([2, 1, 1], index=["ab", "a", "b"])
    mixed = cp.power.owen(weights, 3, [["a", "b"], "ab"])
    listed = cp.power.owen(weights, 3, [["a", "b"], ["ab"]])
    pd.testing.assert_series_equal(mixed, listed)
    # A lone string for all the blocs is one label, not one per letter.
    with pytest.raises(cp.InputError, match="needs one bloc label per holder"):
        cp.power.owen(pd.Series([1, 1], index=["a", "b"]), 2, "ab")


def test_a_lone_node_id_is_one_vertex():
    empty = np.zeros(0, dtype=object)
    scores = edges.centrality(empty, empty, measure="degree", nodes="ab")
    assert scores.index.tolist() == ["ab"]
    share = edges.vertex_reciprocity(empty, empty, nodes="ab")
    assert share.index.tolist() == ["ab"]


def test_lone_layers_stages_and_types_are_one_name():
    net = cp.examples.load("twam_partners_2013")
    ids, source, _, _ = cp.metrics.layer_edges(net, "informs")
    assert len(source) == (net.relations["type"] == "informs").sum()
    assert cp.ladder.LadderConfig(co_production_stages="design").co_production_stages == ("design",)
    assert cp.audit.PrinciplesConfig(trust_types="trusts").trust_types == ("trusts",)
    weights = pd.Series([2, 1, 1], index=["ab", "a", "b"])
    vetoed = cp.power.banzhaf(weights, 3, veto="ab")
    assert vetoed.index.tolist() == ["ab", "a", "b"] and vetoed["ab"] > vetoed["a"]
