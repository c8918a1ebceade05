"""Network-level metrics on layers: each checked against NetworkX on a graph built
independently from the network's relation table; the layout of the public API; groupings."""

from __future__ import annotations

import doctest
import math

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


def test_ei_index_by_convenor_counts_ties(twam):
    result = cp.metrics.ei_index(twam, "convenor", layer="learns_from")
    g = nx_layer(twam, ["learns_from"])
    side = twam.stakeholders["convenor"].fillna(False).astype(bool)
    internal = sum(side[u] == side[v] for u, v in g.edges)
    external = g.number_of_edges() - internal
    assert result.network["ei"] == pytest.approx((external - internal) / (external + internal))
    # "convenor" reads as the two sides of the partnership, as cp.power reads it.
    assert set(result.groups.index) == {"convenor", "partner"}
    assert result.groups.loc["convenor", "size"] == int(side.loc[result.vertices.index].sum())


def test_layer_errors(twam):
    with pytest.raises(cp.InputError, match="no relation of type \"learn_from\""):
        cp.metrics.centrality(twam, "degree", layer="learn_from")
    with pytest.raises(cp.InputError, match="no stakeholder column 'ward'") as info:
        cp.metrics.ei_index(twam, "ward")
    assert info.value.where == "by"
    # An option is named in the error whether it belongs to another measure or to none.
    for option in ("alpha", "dampening"):
        with pytest.raises(cp.InputError, match="does not apply to degree centrality") as info:
            cp.metrics.centrality(twam, "degree", **{option: 0.5})
        assert info.value.where == option


# ---------------------------------------------------------------------------------------
# Groupings: one reading of by= everywhere


def small_partnership() -> cp.Network:
    net = cp.Network()
    for sid, role in (("outreach", "museum_staff"), ("curator", "museum_staff"),
                      ("womens_group", "service_user"), ("carer", None)):
        net.add_stakeholder(sid, kind="group", role=role)
    for s, t in (("outreach", "curator"), ("curator", "womens_group"),
                 ("womens_group", "carer"), ("carer", "outreach")):
        net.add_relation(s, t, "informs")
    return net


def test_missing_group_is_not_coded_in_a_column_a_series_and_a_dict():
    net = small_partnership()
    ids = ["outreach", "curator", "womens_group", "carer"]
    column = cp.metrics.ei_index(net, "role")
    as_series = cp.metrics.ei_index(net, pd.Series(["museum_staff", "museum_staff",
                                                    "service_user", None], index=ids))
    with_nan = cp.metrics.ei_index(net, pd.Series({"outreach": "museum_staff",
                                                   "curator": "museum_staff",
                                                   "womens_group": "service_user",
                                                   "carer": np.nan}))
    as_dict = cp.metrics.ei_index(net, {"outreach": "museum_staff", "curator": "museum_staff",
                                        "womens_group": "service_user"})  # carer left out
    for result in (column, as_series, with_nan, as_dict):
        assert list(result.groups.index) == ["museum_staff", "service_user", "not coded"]
        assert result.vertices.loc["carer", "group"] == "not coded"
        # By hand: outreach -> curator is the one tie inside a group, three cross: 2/4.
        assert result.network["ei"] == pytest.approx(0.5)
        pd.testing.assert_frame_equal(result.vertices, column.vertices)
    b = cp.metrics.brokerage(net, pd.Series({"outreach": "staff", "curator": None}))
    assert list(b.group_size.index) == ["staff", "not coded"]
    assert b.group_size.tolist() == [1, 3]


def test_bad_groupings_name_the_argument():
    net = small_partnership()
    cases = [
        ("ward", "no stakeholder column 'ward'"),
        ("attributes", "no stakeholder column 'attributes'"),
        (pd.Series({"outreach": "a", "nhs_trust": "b"}),
         "not stakeholders of the network: 'nhs_trust'"),
        (["a", "b", "c", "d"], "a stakeholder column name, a Series"),
        (pd.DataFrame({"role": ["a"]}), "not a DataFrame"),
    ]
    for by, message in cases:
        with pytest.raises(cp.InputError, match=message) as info:
            cp.metrics.ei_index(net, by)
        assert info.value.where == "by"
        assert str(info.value).startswith("[coproduction.input.by] by: ")
    repeated = pd.Series(["a", "b"], index=["outreach", "outreach"])
    with pytest.raises(cp.InputError, match="twice: 'outreach'"):
        cp.metrics.brokerage(net, repeated)


def test_resolver_orders_and_codes_groups():
    from coproduction._groups import NOT_CODED, resolve_groups

    net = small_partnership()
    ids = pd.Index(["carer", "womens_group", "outreach", "curator"])
    first_seen = resolve_groups("role", ids, net=net)
    assert list(first_seen.labels) == ["service_user", "museum_staff", NOT_CODED]
    assert first_seen.codes.tolist() == [2, 0, 1, 1]
    ordered = resolve_groups("role", ids, net=net, sort=True)
    assert list(ordered.labels) == ["museum_staff", "service_user", NOT_CODED]
    assert ordered.of_items().tolist() == ["not coded", "service_user", "museum_staff",
                                           "museum_staff"]
    convenor = resolve_groups("convenor", ids, net=net)  # nobody marked: all partners
    assert list(convenor.labels) == ["partner"] and convenor.codes.tolist() == [0, 0, 0, 0]


# ---------------------------------------------------------------------------------------
# The public API: one place per concept, every per-stakeholder result indexed alike


def test_dir_shows_the_public_api_only():
    for module in (cp, cp.network, cp.metrics, cp.metrics.edges):
        names = dir(module)
        assert set(names) == set(module.__all__)
        assert len(set(module.__all__)) == len(module.__all__), module.__name__  # no repeats
        for private in ("np", "pd", "Any", "Optional", "annotations", "reads_network",
                        "input_error", "resolve_groups", "List", "_core", "_errors", "io",
                        "os", "claim_home", "as_items"):
            if module is cp and private == "io":  # the package's own formats, not the stdlib's
                assert cp.io.__name__ == "coproduction.io" and "io" in names
                continue
            assert private not in names, (module.__name__, private)
        for name in module.__all__:
            assert hasattr(module, name), name
    # The package offers every exception class, the same objects the core raises.
    for name in ("Error", "FormatError", "Problem", "ModelError", "DuplicateIdError",
                 "UnknownIdError", "InvalidValueError", "InputError", "LimitError",
                 "ConcurrentModificationError"):
        assert name in cp.__all__ and getattr(cp, name) is getattr(cp._core, name)
    assert {"Network", "read_json", "from_frames", "network", "metrics", "power"} <= set(dir(cp))
    assert {"Network", "STAGES", "MAX_DEPTH"} <= set(dir(cp.network))
    # Functions and classes name the public module they are offered from as their home.
    assert cp.metrics.gini.__module__ == "coproduction.metrics"
    assert cp.metrics.centrality.__module__ == "coproduction.metrics"
    assert cp.metrics.InequalityDecomposition.__module__ == "coproduction.metrics"
    assert cp.metrics.edges.centrality.__module__ == "coproduction.metrics.edges"
    assert cp.metrics.edges.EIIndex.__module__ == "coproduction.metrics.edges"
    assert {"gini", "centrality", "reciprocity", "ei_index", "summary", "edges"} <= set(
        dir(cp.metrics))
    # The edge-array layer has a twin of every graph measure, under the same name.
    graph_measures = {"centrality", "centralization", "reciprocity", "dyad_census",
                      "vertex_reciprocity", "reciprocity_by_type", "hierarchy", "ei_index",
                      "brokerage", "constraint", "effective_size"}
    assert graph_measures <= set(cp.metrics.__all__) & set(cp.metrics.edges.__all__)
    # The former top-level modules are gone.
    for gone in ("centrality", "relations", "inequality"):
        assert not hasattr(cp, gone)
        with pytest.raises(ImportError):
            __import__(f"coproduction.{gone}")


def test_every_per_stakeholder_result_is_indexed_by_stakeholder(twam):
    results = [
        cp.metrics.centrality(twam, "degree"),
        cp.metrics.constraint(twam),
        cp.metrics.effective_size(twam),
        cp.metrics.vertex_reciprocity(twam),
        cp.metrics.ei_index(twam, "role").vertices,
        cp.metrics.brokerage(twam, "role").observed,
        cp.metrics.layer_edges(twam)[0],
    ]
    for result in results:
        index = result if isinstance(result, pd.Index) else result.index
        assert index.name == "stakeholder"
        assert set(index) <= set(twam.stakeholders.index)


def test_network_and_edge_twins_agree(twam):
    ids, source, target, weight = cp.metrics.layer_edges(twam, "learns_from")
    edges = cp.metrics.edges
    pd.testing.assert_series_equal(
        cp.metrics.vertex_reciprocity(twam, layer="learns_from"),
        edges.vertex_reciprocity(ids[source], ids[target], nodes=ids))
    assert cp.metrics.dyad_census(twam, layer="learns_from").equals(
        edges.dyad_census(ids[source], ids[target], nodes=ids))
    census = cp.metrics.dyad_census(twam, layer="learns_from")
    m, a = census["mutual"], census["asymmetric"]
    assert cp.metrics.reciprocity(twam, layer="learns_from") == pytest.approx(2 * m / (2 * m + a))
    pd.testing.assert_series_equal(cp.metrics.hierarchy(twam, layer="learns_from"),
                                   edges.hierarchy(source, target, nodes=len(ids)))


def test_docstring_examples():
    result = doctest.testmod(cp.metrics,
                             optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.attempted >= 10 and result.failed == 0


def test_error_messages_are_composed_in_one_place():
    from coproduction import _errors

    error = _errors.input_error("layer", "no relation of type \"x\"")
    assert str(error) == "[coproduction.input.layer] layer: no relation of type \"x\""
    assert (error.code, error.where, error.detail) == ("input.layer", "layer",
                                                       "no relation of type \"x\"")
    assert (_errors.message("format.syntax", "", "not JSON")
            == "[coproduction.format.syntax] not JSON")
    problems = [("/a", "format.type", "a string"), ("/b", "format.missing", "required")]
    text = str(_errors.format_error(problems))
    assert text == ("[coproduction.format.type] /a: a string\n"
                    "  [coproduction.format.missing] /b: required")
    # The core words its own errors the same way.
    with pytest.raises(cp.InputError) as info:
        cp.metrics.edges.reciprocity([0], [1], measure="mutual")
    assert str(info.value) == _errors.message(info.value.code, info.value.where, info.value.detail)


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
