"""Network-level metrics on layers: each checked against NetworkX on a graph built
independently from the network's relation table."""

from __future__ import annotations

import networkx as nx
import numpy as np
import pandas as pd
import pytest

import coproduction as cp


@pytest.fixture(scope="module")
def twam() -> cp.Network:
    return cp.examples.load("twam_partners_2013")


def nx_layer(net: cp.Network, types=None, objects=False, directed=True) -> nx.Graph:
    """The layer as NetworkX sees it, built from the public tables only."""
    people = net.stakeholders
    if not objects:
        people = people[people["kind"] != "object"]
    g = nx.DiGraph() if directed else nx.Graph()
    g.add_nodes_from(people.index)
    for row in net.relations.itertuples():
        if (types is None or row.type in types) and row.source in g and row.target in g:
            if g.has_edge(row.source, row.target):
                g[row.source][row.target]["weight"] += row.weight
            else:
                g.add_edge(row.source, row.target, weight=row.weight)
    return g


LAYERS = [None, ["learns_from"], ["informs", "refers"], ["trusts"]]


@pytest.mark.parametrize("layer", LAYERS, ids=str)
def test_centrality_on_a_layer_matches_networkx(twam, layer):
    g = nx_layer(twam, layer)
    expected = {
        "degree": nx.degree_centrality(g),
        "betweenness": nx.betweenness_centrality(g),
        "closeness": nx.closeness_centrality(g),
        "pagerank": nx.pagerank(g, weight=None, tol=1e-12, max_iter=1000),
    }
    for measure, values in expected.items():
        options = {"tol": 1e-12, "max_iter": 1000} if measure == "pagerank" else {}
        got = cp.metrics.centrality(twam, measure, layer=layer, **options)
        assert list(got.index) == list(g.nodes)
        np.testing.assert_allclose(got.to_numpy(), [values[v] for v in got.index], atol=1e-9,
                                   err_msg=measure)


def test_weighted_and_undirected_centrality(twam):
    g = nx_layer(twam, None, directed=False)
    for u, v, d in g.edges(data=True):
        d["distance"] = 1.0 / d["weight"]
    got = cp.metrics.centrality(twam, "betweenness", directed=False, weighted=True)
    want = nx.betweenness_centrality(g, weight="distance")
    np.testing.assert_allclose(got.to_numpy(), [want[v] for v in got.index], atol=1e-9)


def test_objects_are_left_out_unless_asked(twam):
    objects = twam.stakeholders.index[twam.stakeholders["kind"] == "object"]
    assert len(objects) > 0
    assert not set(objects) & set(cp.metrics.centrality(twam, "degree").index)
    assert set(objects) <= set(cp.metrics.centrality(twam, "degree", include_objects=True).index)


def test_centralization_matches_freeman_by_hand():
    # A directed out-star of 5: out-degree centralization 1 (the maximum, Freeman 1978).
    # Total degree: centre 4, leaves 1 each, sum of differences 4 * 3 = 12; the maximum is
    # the mutual star, centre 2 * 4 = 8 and leaves 2, sum 4 * 6 = 24: 12 / 24 = 0.5.
    net = cp.Network()
    for s in "abcde":
        net.add_stakeholder(s)
    for s in "bcde":
        net.add_relation("a", s, "informs")
    assert cp.metrics.centralization(net, "degree", mode="out") == pytest.approx(1.0)
    assert cp.metrics.centralization(net, "degree") == pytest.approx(0.5)
    for s in "bcde":
        net.add_relation(s, "a", "informs")
    assert cp.metrics.centralization(net, "degree") == pytest.approx(1.0)
    # A directed cycle: everyone alike, centralization 0.
    ring = cp.Network()
    for s in "abcde":
        ring.add_stakeholder(s)
    for s, t in zip("abcde", "bcdea"):
        ring.add_relation(s, t, "informs")
    assert cp.metrics.centralization(ring, "degree") == pytest.approx(0.0)
    assert cp.metrics.centralization(ring, "betweenness") == pytest.approx(0.0)


def test_reciprocity_and_structure_match_networkx(twam):
    g = nx_layer(twam, ["learns_from"])
    assert cp.metrics.reciprocity(twam, layer="learns_from") == pytest.approx(nx.overall_reciprocity(g))
    constraint = cp.metrics.constraint(twam, layer="learns_from", directed=False)
    layer = nx_layer(twam, ["learns_from"], directed=False)
    want = nx.constraint(layer, nodes=list(layer))  # the direct implementation (see test_relations)
    for v, value in constraint.items():
        if not np.isnan(want[v]):
            assert value == pytest.approx(want[v], abs=1e-9)
    by_type = cp.metrics.reciprocity_by_type(twam)
    assert "learns_from" in by_type.index


def test_ei_index_by_role_counts_ties(twam):
    result = cp.metrics.ei_index(twam, "convenor", layer="learns_from")
    g = nx_layer(twam, ["learns_from"])
    side = twam.stakeholders["convenor"].fillna(False).astype(bool)
    internal = sum(side[u] == side[v] for u, v in g.edges)
    external = g.number_of_edges() - internal
    assert result.network["ei"] == pytest.approx((external - internal) / (external + internal))


def test_layer_errors(twam):
    with pytest.raises(cp.InputError, match="no relation of type \"learn_from\""):
        cp.metrics.centrality(twam, "degree", layer="learn_from")
    with pytest.raises(cp.InputError, match="no stakeholder column"):
        cp.metrics.ei_index(twam, "ward")


def test_summary_has_every_layer_and_measure(twam):
    table = cp.metrics.summary(twam)
    assert list(table.columns) == list(cp.metrics.SUMMARY_READINGS)
    assert table.index[0] == "all"
    assert set(table.index[1:]) == set(twam.relations["type"])
    g = nx_layer(twam, ["learns_from"])
    row = table.loc["learns_from"]
    assert row["relations"] == g.number_of_edges()
    assert row["density"] == pytest.approx(nx.density(g))
    assert row["reciprocity"] == pytest.approx(nx.overall_reciprocity(g))
    bounded = table.drop(columns=["stakeholders", "relations"])
    assert ((bounded >= -1e-12) & (bounded <= 1 + 1e-12) | bounded.isna()).all().all()
    custom = cp.metrics.summary(twam, {"knowledge": ["learns_from", "informs"]})
    assert list(custom.index) == ["knowledge"]
