"""Layers by relation type and scale, and density on distinct ties, at the ``_core`` boundary.

Density is checked against NetworkX's ``density`` of the simple (Di)Graph made of the same
edges (parallel edges collapse, self-loops are dropped first, as the library reads a layer).
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

nx = pytest.importorskip("networkx")

import coproduction as cp  # noqa: E402
from coproduction import _core  # noqa: E402


def simple_nx(n: int, source: np.ndarray, target: np.ndarray, directed: bool) -> "nx.Graph":
    g = nx.DiGraph() if directed else nx.Graph()
    g.add_nodes_from(range(n))
    g.add_edges_from((int(s), int(t)) for s, t in zip(source, target) if s != t)
    return g


def test_density_of_the_three_stakeholder_example():
    # a -> b informs, a -> b trusts, b -> c informs: 2 of the 6 ordered pairs are tied.
    source, target = np.array([0, 0, 1]), np.array([1, 1, 2])
    assert _core.metrics.density(3, source, target) == pytest.approx(2 / 6)
    assert _core.metrics.density(3, source, target) == pytest.approx(
        nx.density(simple_nx(3, source, target, True)))
    assert _core.metrics.density(3, source, target, directed=False) == pytest.approx(2 / 3)


@pytest.mark.parametrize("directed", [True, False])
@pytest.mark.parametrize("seed", range(8))
def test_density_matches_networkx_on_multigraphs_with_self_loops(seed, directed):
    rng = np.random.default_rng(seed)
    n = int(rng.integers(2, 30))
    m = int(rng.integers(0, 3 * n))
    # Many repeats and some self-loops: a raw count m / (n (n - 1)) would be wrong here.
    source = rng.integers(0, n, m)
    target = rng.integers(0, n, m)
    got = _core.metrics.density(n, source, target, directed=directed)
    assert got == pytest.approx(nx.density(simple_nx(n, source, target, directed)), abs=1e-15)
    assert 0.0 <= got <= 1.0


def test_density_is_undefined_below_two_vertices():
    empty = np.array([], dtype=np.int64)
    assert math.isnan(_core.metrics.density(0, empty, empty))
    assert math.isnan(_core.metrics.density(1, empty, empty))
    with pytest.raises(cp.InputError, match="outside"):
        _core.metrics.density(2, np.array([0]), np.array([2]))


def scaled() -> cp.Network:
    net = cp.Network()
    for who in ("outreach", "womens_group", "probation"):
        net.add_stakeholder(who, kind="group")
    net.add_stakeholder("handling_box", kind="object")
    net.add_relation("outreach", "womens_group", "informs", scale="session", weight=2.0)
    net.add_relation("outreach", "probation", "informs", scale="institution")
    net.add_relation("probation", "womens_group", "refers", scale="place")
    net.add_relation("womens_group", "outreach", "learns_from")  # no scale
    net.add_relation("handling_box", "womens_group", "mediates", scale="session")
    return net


def pairs(core: object, *args: object, **kwargs: object) -> list:
    ids, source, target, _ = core.layer_edges(*args, **kwargs)  # type: ignore[attr-defined]
    return [(ids[s], ids[t]) for s, t in zip(source, target)]


def test_layer_edges_by_type_and_scale():
    core = scaled()._core
    assert pairs(core) == [("outreach", "womens_group"), ("outreach", "probation"),
                           ("probation", "womens_group"), ("womens_group", "outreach")]
    assert pairs(core, ["informs"], ["institution"]) == [("outreach", "probation")]
    assert pairs(core, None, ["session", "place"]) == [("outreach", "womens_group"),
                                                       ("probation", "womens_group")]
    # A relation with no scale is outside every layer that names scales.
    assert pairs(core, ["learns_from"], ["session", "institution", "place"]) == []
    assert pairs(core, scales=["session"], include_objects=True) == [
        ("outreach", "womens_group"), ("handling_box", "womens_group")]
    _, _, _, weight = core.layer_edges(["informs"], ["session"])
    assert weight.tolist() == [2.0]


def test_layer_edges_refuses_unknown_scales_and_types():
    core = scaled()._core
    with pytest.raises(cp.InputError, match="\"city\" is not a scale") as info:
        core.layer_edges(None, ["city"])
    assert info.value.where == "scale"
    with pytest.raises(cp.InputError, match="no relation of type \"inform\"") as info:
        core.layer_edges(["inform"])
    assert info.value.where == "layer"


def filtered(net: cp.Network, types: object, scales: object, include_objects: bool) -> pd.DataFrame:
    """The relations of a layer, chosen with pandas from the relations table."""
    rel = net.relations
    keep = pd.Series(True, index=rel.index)
    if types is not None:
        keep &= rel["type"].isin(types)
    if scales is not None:
        keep &= rel["scale"].astype(object).isin(scales)
    if not include_objects:
        objects = net.stakeholders.index[net.stakeholders["kind"] == "object"]
        keep &= ~rel["source"].isin(objects) & ~rel["target"].isin(objects)
    return rel[keep]


LAYERS = [(None, None), (["informs"], None), (None, ["session"]), (["informs", "refers"], ["place", "institution"]),
          (["mediates"], ["session"])]


@pytest.mark.parametrize("include_objects", [False, True])
@pytest.mark.parametrize("types,scales", LAYERS, ids=str)
def test_layer_relations_are_the_rows_of_the_layer(types, scales, include_objects):
    for net in (scaled(), cp.examples.load("twam_partners_2013")):
        if types is not None and not set(types) <= set(net.relations["type"]):
            continue
        got = cp.metrics.layer_relations(net, types, scale=scales, include_objects=include_objects)
        pd.testing.assert_frame_equal(got, filtered(net, types, scales, include_objects))
        ids, source, target, weight = cp.metrics.layer_edges(net, types, scale=scales,
                                                             include_objects=include_objects)
        assert list(ids[source]) == list(got["source"]) and list(ids[target]) == list(got["target"])
        np.testing.assert_array_equal(weight, got["weight"].fillna(1.0).to_numpy(dtype=float))


SCALES = ["session", "institution", "place", ["session", "place"]]


@pytest.mark.parametrize("scale", SCALES, ids=str)
def test_every_metric_reads_a_layer_by_scale(scale):
    # The public functions at a scale equal NetworkX on the relations kept by hand.
    net = cp.examples.load("twam_partners_2013")
    wanted = {scale} if isinstance(scale, str) else set(scale)
    rel = net.relations.reset_index()
    objects = set(net.stakeholders.index[net.stakeholders["kind"] == "object"])
    kept = rel[rel["scale"].isin(wanted) & ~rel["source"].isin(objects)
               & ~rel["target"].isin(objects)]
    g = nx.DiGraph()
    g.add_nodes_from(s for s in net.stakeholders.index if s not in objects)
    g.add_edges_from(zip(kept["source"], kept["target"]))
    degree = cp.metrics.centrality(net, "degree", scale=scale)
    want = pd.Series(nx.degree_centrality(g)).reindex(degree.index)
    np.testing.assert_allclose(degree.to_numpy(), want.to_numpy(), rtol=1e-12)
    between = cp.metrics.centrality(net, "betweenness", scale=scale)
    want_b = pd.Series(nx.betweenness_centrality(g)).reindex(between.index)
    np.testing.assert_allclose(between.to_numpy(), want_b.to_numpy(), rtol=1e-9, atol=1e-15)
    row = cp.metrics.summary(net, scale=scale).loc["all"]
    assert row["density"] == pytest.approx(nx.density(g))
    assert row["relations"] == len(kept)
    # A scale narrows the layer: never more relations than with no scale.
    assert row["relations"] <= cp.metrics.summary(net).loc["all", "relations"]


def test_scale_words_and_empty_lists_are_refused_by_name():
    net = cp.examples.load("twam_partners_2013")
    with pytest.raises(cp.InputError) as err:
        cp.metrics.centrality(net, "degree", scale="ward")
    assert err.value.where == "scale"
    with pytest.raises(cp.InputError) as err:
        cp.metrics.reciprocity(net, scale=[])
    assert err.value.where == "scale"
    with pytest.raises(cp.InputError) as err:
        cp.metrics.reciprocity(net, layer=[])
    assert err.value.where == "layer"
