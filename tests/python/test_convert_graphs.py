"""Conversions to and from NetworkX, igraph and Kumu: exact round trips (the example data and
networks with awkward text), the graph's structure checked against the network's tables and
its measures against NetworkX's and igraph's own, what NetworkX's GraphML and GEXF writers
keep, graphs made by hand, and the shape of a Kumu blueprint."""

from __future__ import annotations

import io
import json
import math
import os
from collections import Counter

import igraph as ig
import networkx as nx
import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings

import coproduction as cp
from coproduction.io._igraph import from_igraph, to_igraph
from coproduction.io._kumu import to_kumu
from coproduction.io._networkx import from_networkx, to_networkx

from _awkward import networks

EXAMPLES = ["twam_partners_2013", "nml_collaboration_types"]
PROPERTY = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def same(a: cp.Network, b: cp.Network) -> bool:
    """Equal networks and the same JSON document (a field absent in one is absent in the
    other: a weight not given is not a weight of 1)."""
    return a == b and json.loads(a.to_json()) == json.loads(b.to_json())


def parallel() -> cp.Network:
    """Two stakeholders joined by relations of three types, one of them back, and a third
    stakeholder with nothing given but its kind."""
    net = cp.Network(metadata={"title": "parallel"})
    net.add_stakeholder("museum", kind="organisation", convenor=True, influence=5)
    net.add_stakeholder("users", kind="group", size=9, paid=False,
                        attributes={"ward": "east", "codes": [1, {"a": None}]})
    net.add_stakeholder("bare")
    net.add_relation("museum", "users", "informs", weight=2)
    net.add_relation("museum", "users", "trusts", weight=1)
    net.add_relation("museum", "users", "learns_from", scale="session", date="2013-02",
                     attributes={"basis": "observed"})
    net.add_relation("users", "museum", "learns_from", reported_by="museum", method="interview")
    net.add_project("film", claimed="co-design")
    net.add_decision("theme", project="film", stage="design", rule="quota",
                     rights={"museum": "shared", "users": "shared", "bare": "informed"},
                     votes={"museum": 2, "users": 3}, quota=3, veto=["users"], weight=0.5)
    return net


def cell(value):
    """A table's cell as the graphs hold it: None where the table shows a gap."""
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return None
    return value


def flat_values(G) -> bool:
    """Every value of the graph, its nodes and edges is a str, int, float or bool."""
    def plain(d):
        return all(isinstance(v, (str, int, float, bool)) for v in d.values())
    return plain(G.graph) and all(plain(d) for _, d in G.nodes(data=True)) and \
        all(plain(d) for *_, d in G.edges(keys=True, data=True))


# -- round trips ----------------------------------------------------------------------------

@pytest.mark.parametrize("name", EXAMPLES)
def test_examples_round_trip_exactly(name):
    net = cp.examples.load(name)
    assert same(from_networkx(to_networkx(net)), net)
    assert same(from_networkx(to_networkx(net, flat=True)), net)
    assert same(from_networkx(to_networkx(net, type_attr="relation"), type_attr="relation"), net)
    assert same(from_igraph(to_igraph(net)), net)


@PROPERTY
@given(networks())
def test_awkward_networks_round_trip_exactly(net):
    assert same(from_networkx(to_networkx(net)), net)
    G = to_networkx(net, flat=True)
    assert flat_values(G)
    assert same(from_networkx(G), net)
    assert same(from_igraph(to_igraph(net)), net)


def test_parallel_relations_of_different_types_are_distinct_edges():
    net = parallel()
    G = to_networkx(net)
    assert G.number_of_edges("museum", "users") == 3
    assert {G.edges["museum", "users", k]["type"] for k in G["museum"]["users"]} == \
        {"informs", "trusts", "learns_from"}
    # The key is the relation's position in net.relations.
    for key, row in net.relations.iterrows():
        assert G.edges[row["source"], row["target"], key]["type"] == row["type"]
    g = to_igraph(net)
    assert len(g.es.select(_source=0, _target=1)) == 3
    assert same(from_networkx(G), net) and same(from_igraph(g), net)


def test_a_field_not_given_is_absent_in_networkx_and_none_in_igraph():
    net = parallel()
    G = to_networkx(net)
    assert G.nodes["bare"] == {"kind": "person"}
    assert G.nodes["museum"] == {"kind": "organisation", "convenor": True, "influence": 5.0}
    assert "weight" not in G.edges["museum", "users", 2]  # not given: NetworkX reads 1
    assert G.edges["museum", "users", 1]["weight"] == 1.0  # given as 1: kept
    assert G.edges["users", "museum", 3] == {"type": "learns_from", "reported_by": "museum",
                                             "method": "interview"}
    g = to_igraph(net)
    bare = g.vs.find("bare")
    assert bare["kind"] == "person" and bare["label"] is None and bare["size"] is None
    assert g.es["weight"] == [2.0, 1.0, 1.0, 1.0]
    assert g.es["weight_given"] == [True, True, False, False]
    assert g.es[2]["date"] == "2013-02" and g.es[3]["date"] is None


def test_decisions_rights_and_metadata_travel_in_the_graph():
    net = parallel()
    data = to_networkx(net).graph["coproduction"]
    document = json.loads(net.to_json())
    assert data == {k: document[k] for k in
                    ("format", "version", "metadata", "projects", "decisions")}
    assert data["decisions"][0]["rights"]["users"] == "shared"
    assert to_igraph(net)["coproduction"] == data
    assert json.loads(to_networkx(net, flat=True).graph["coproduction"]) == data


def test_relation_order_is_kept_though_networkx_groups_edges_by_source():
    net = cp.Network()
    for s in "abc":
        net.add_stakeholder(s)
    net.add_relation("c", "a", "informs")
    net.add_relation("a", "b", "informs")
    net.add_relation("c", "b", "informs")
    G = to_networkx(net)
    assert [k for *_, k in G.edges(keys=True)] == [1, 0, 2]  # NetworkX's order
    assert same(from_networkx(G), net)


# -- the graph's structure, checked against the network ----------------------------------

@pytest.mark.parametrize("name", EXAMPLES)
def test_structure_matches_the_tables(name):
    net = cp.examples.load(name)
    relations = net.relations
    G = to_networkx(net)
    g = to_igraph(net)
    assert list(G.nodes) == list(net.stakeholders.index) == g.vs["name"]
    out_count = relations["source"].value_counts()
    in_count = relations["target"].value_counts()
    for i, s in enumerate(net.stakeholders.index):
        assert G.out_degree(s) == out_count.get(s, 0) == g.degree(i, mode="out")
        assert G.in_degree(s) == in_count.get(s, 0) == g.degree(i, mode="in")
    triples = Counter(zip(relations["source"], relations["target"], relations["type"]))
    assert Counter((u, v, d["type"]) for u, v, d in G.edges(data=True)) == triples
    names = g.vs["name"]
    assert Counter((names[e.source], names[e.target], e["type"]) for e in g.es) == triples
    # Every value of every edge is the table's.
    for key, row in relations.iterrows():
        data = G.edges[row["source"], row["target"], key]
        assert data.get("weight", 1.0) == row["weight"] == g.es[key]["weight"]
        for field in ("scale", "reported_by", "date", "method", "attributes"):
            assert data.get(field) == cell(row[field]) == g.es[key][field]
    for s, row in net.stakeholders.iterrows():
        for field in ("label", "role", "sector", "expertise", "under_served", "paid",
                      "convenor", "size", "influence", "attributes"):
            assert G.nodes[s].get(field) == cell(row[field]) == g.vs.find(s)[field]
        assert G.nodes[s]["kind"] == row["kind"] == g.vs.find(s)["kind"]


@pytest.mark.parametrize("layer,scale", [("learns_from", None), (["informs", "refers"], None),
                                         (None, "session"), ("mediates", "session")])
def test_a_layer_is_the_layer_of_the_measures(layer, scale):
    net = cp.examples.load("twam_partners_2013")
    for objects in (True, False):
        rows = cp.metrics.layer_relations(net, layer, scale=scale, include_objects=objects)
        ids = cp.metrics.layer_edges(net, layer, scale=scale, include_objects=objects)[0]
        G = to_networkx(net, layer, scale=scale, include_objects=objects)
        g = to_igraph(net, layer, scale=scale, include_objects=objects)
        assert list(G.nodes) == list(ids) == g.vs["name"]
        assert [k for *_, k in sorted(G.edges(keys=True), key=lambda e: e[2])] == list(rows.index)
        assert [e["type"] for e in g.es] == list(rows["type"])
        assert G.graph["coproduction"]["layer"] == {
            "types": None if layer is None else list(cp._items.as_items(layer)),
            "scales": None if scale is None else [scale], "include_objects": objects}


def test_a_layer_reads_back_as_the_network_of_its_relations():
    net = cp.examples.load("twam_partners_2013")
    document = json.loads(net.to_json())
    document["relations"] = [r for r in document["relations"] if r["type"] == "trusts"]
    expected = cp.read_json(json.dumps(document))
    assert same(from_networkx(to_networkx(net, "trusts")), expected)
    assert same(from_igraph(to_igraph(net, "trusts")), expected)


def test_a_layer_without_objects_whose_decisions_list_them_is_refused_where_they_are_named():
    net = cp.examples.load("twam_partners_2013")
    with pytest.raises(cp.FormatError) as err:
        from_networkx(to_networkx(net, include_objects=False))
    problem = err.value.problems[0]
    assert problem.pointer == \
        "G.graph['coproduction']['decisions'][0]['rights']['collection_objects']"
    assert problem.code == "model.unknown_id"


def test_a_layer_that_no_relation_has_is_refused():
    net = cp.examples.load("twam_partners_2013")
    for convert in (to_networkx, to_igraph, to_kumu):
        with pytest.raises(cp.InputError) as err:
            convert(net, layer="funds_typo")
        assert err.value.where == "layer"
        with pytest.raises(cp.InputError) as err:
            convert(net, scale="regional")
        assert err.value.where == "scale"


@pytest.mark.parametrize("layer", ["learns_from", "informs", None])
def test_measures_on_the_converted_graph_equal_the_package_measures(layer):
    net = cp.examples.load("twam_partners_2013")
    G = to_networkx(net, layer, include_objects=False)
    simple = nx.DiGraph(G)
    ours = cp.metrics.centrality(net, "betweenness", layer=layer)
    theirs = pd.Series(nx.betweenness_centrality(simple))
    assert np.allclose(ours.to_numpy(), theirs[ours.index].to_numpy(), atol=1e-12)
    raw = cp.metrics.centrality(net, "betweenness", layer=layer, normalized=False)
    g = to_igraph(net, layer, include_objects=False)
    g.simplify(multiple=True, loops=False, combine_edges="first")
    assert np.allclose(raw.to_numpy(), g.betweenness(directed=True), atol=1e-9)
    degree = cp.metrics.centrality(net, "degree", layer=layer, normalized=False, mode="in")
    assert list(degree.to_numpy()) == [simple.in_degree(s) for s in degree.index]
    pagerank = cp.metrics.centrality(net, "pagerank", layer=layer)
    theirs = pd.Series(nx.pagerank(simple, weight=None))  # unweighted, as ours by default
    assert np.allclose(pagerank.to_numpy(), theirs[pagerank.index].to_numpy(), atol=1e-6)


# -- NetworkX's writers --------------------------------------------------------------------

def graphml_round_trip(G):
    buffer = io.BytesIO()
    nx.write_graphml(G, buffer)
    return nx.read_graphml(io.BytesIO(buffer.getvalue()), force_multigraph=True)


@pytest.mark.parametrize("name", EXAMPLES)
def test_graphml_of_flat_output_reads_back_exactly(name):
    net = cp.examples.load(name)
    assert same(from_networkx(graphml_round_trip(to_networkx(net, flat=True))), net)
    assert same(from_networkx(graphml_round_trip(to_networkx(parallel(), flat=True))),
                parallel())


def test_without_flat_the_graphml_writer_refuses_dict_values():
    with pytest.raises((nx.NetworkXError, TypeError, ValueError)):
        nx.write_graphml(to_networkx(parallel()), io.BytesIO())


def _carriage_returns_as_xml_reads_them(value):
    """XML's end-of-line handling: a carriage return in element text is read as a line feed."""
    if isinstance(value, str):
        return value.replace("\r\n", "\n").replace("\r", "\n")
    if isinstance(value, list):
        return [_carriage_returns_as_xml_reads_them(v) for v in value]
    if isinstance(value, dict):
        return {k: _carriage_returns_as_xml_reads_them(v) for k, v in value.items()}
    return value


@PROPERTY
@given(networks())
def test_graphml_of_awkward_networks_keeps_everything_but_carriage_returns(net):
    # A field's text is an element's text in GraphML, where XML reads "\r\n" and "\r" as
    # "\n"; ids (XML attributes, the carriage return written escaped) and the JSON text of
    # attributes and of the graph's data (where JSON escapes it) keep it.
    expected = json.loads(net.to_json())
    for record in expected["stakeholders"] + expected["relations"]:
        for field, value in record.items():
            if field not in ("id", "source", "target", "attributes"):
                record[field] = _carriage_returns_as_xml_reads_them(value)
    back = from_networkx(graphml_round_trip(to_networkx(net, flat=True)))
    assert json.loads(back.to_json()) == expected


def test_gexf_keeps_the_map_for_gephi_but_not_the_decisions():
    net = parallel()
    G = to_networkx(net, flat=True, type_attr="relation")
    buffer = io.BytesIO()
    nx.write_gexf(G, buffer)
    text = buffer.getvalue().decode("utf-8")
    assert 'type="informs"' not in text  # GEXF's own edge "type" is its direction
    H = nx.read_gexf(io.BytesIO(buffer.getvalue()))
    assert H.graph.get("coproduction") is None  # NetworkX's GEXF writer keeps no graph data
    # What comes back: every node and edge attribute, plus a label for every node (its id
    # where it had none) and each edge's GEXF id.
    for node, data in G.nodes(data=True):
        assert H.nodes[node] == {"label": node, **data}
    for u, v, key, data in G.edges(keys=True, data=True):
        assert H.edges[u, v, key] == {**data, "id": str(key)}
    for _, data in H.nodes(data=True):
        if data["label"] not in net.stakeholders["label"].dropna().tolist():
            del data["label"]
    for *_, data in H.edges(keys=True, data=True):
        del data["id"]
    back = from_networkx(H, type_attr="relation")
    for table in ("stakeholders", "relations"):
        pd.testing.assert_frame_equal(getattr(back, table), getattr(net, table))
    assert back.num_decisions == 0


# -- graphs made by hand -------------------------------------------------------------------

def test_a_plain_digraph_becomes_a_network():
    G = nx.DiGraph()
    G.add_node("museum", kind="organisation", convenor=True, colour="blue", influence=None)
    G.add_node("users", kind="group", size=np.int64(9), paid=np.bool_(False),
               influence=np.float64(2.5), pos=np.array([0.5, 1.0]))
    G.add_node("carers", kind="group", size=4.0, sector=float("nan"))  # a float column with gaps
    G.add_node("volunteer")
    G.add_edge("users", "museum", type="trusts", weight=np.float64(2), since=2012)
    G.add_edge("carers", "users", weight=None)
    net = from_networkx(G, type="informs")
    people = net.stakeholders
    assert list(people.index) == ["museum", "users", "carers", "volunteer"]
    assert people.loc["museum", "attributes"] == {"colour": "blue"}
    assert pd.isna(people.loc["museum", "influence"])
    assert people.loc["users", "attributes"] == {"pos": [0.5, 1.0]}
    assert people.loc["users", "paid"] == False and people.loc["users", "size"] == 9  # noqa: E712
    assert people.loc["carers", "size"] == 4 and people.loc["volunteer", "kind"] == "person"
    assert pd.isna(people.loc["carers", "sector"])
    assert net.relations[["source", "target", "type"]].values.tolist() == [
        ["users", "museum", "trusts"], ["carers", "users", "informs"]]
    assert net.relations.loc[0, "attributes"] == {"since": 2012}
    assert json.loads(net.to_json())["relations"][1] == \
        {"source": "carers", "target": "users", "type": "informs"}  # weight None: not given
    assert net.num_projects == net.num_decisions == 0 and net.metadata is None


def test_node_ids_must_be_text_unless_asked():
    G = nx.MultiDiGraph()
    G.add_edge(1, 2, type="informs")
    with pytest.raises(cp.InputError) as err:
        from_networkx(G)
    assert "the node 1 is a int" in str(err.value) and 'ids="str"' in str(err.value)
    net = from_networkx(G, ids="str")
    assert list(net.stakeholders.index) == ["1", "2"]
    assert net.relations.loc[0, "source"] == "1"
    G.add_edge("1", 2, type="trusts")
    with pytest.raises(cp.InputError) as err:
        from_networkx(G, ids="str")
    assert "the nodes 1 and '1' both read as the id '1'" in str(err.value)
    with pytest.raises(cp.InputError) as err:
        from_networkx(G, ids="int")
    assert err.value.where == "ids"


def test_an_undirected_graph_is_refused_and_read_both_ways_when_asked():
    G = nx.Graph()
    G.add_edge("a", "b", type="collaborates")
    with pytest.raises(cp.InputError) as err:
        from_networkx(G)
    assert "G.to_directed()" in str(err.value)
    net = from_networkx(G.to_directed())
    assert sorted(zip(net.relations["source"], net.relations["target"])) == [("a", "b"), ("b", "a")]
    g = ig.Graph(2, [(0, 1)])
    g.vs["name"] = ["a", "b"]
    g.es["type"] = ["collaborates"]
    with pytest.raises(cp.InputError) as err:
        from_igraph(g)
    assert "as_directed" in str(err.value)
    assert from_igraph(g.as_directed("mutual")).num_relations == 2


def test_every_problem_is_reported_at_once_naming_its_node_or_edge():
    G = nx.MultiDiGraph()
    G.add_node("a", kind="team")
    G.add_node("b", size=2.5, attributes={"ok": 1, "bad": float("nan")})
    G.add_node("c", ward="east", attributes={"ward": "west"})
    G.add_edge("a", "b", key=7)  # no type
    G.add_edge("b", "c", type="informs", weight=-1)
    G.add_edge("c", "c", type="informs")  # a self-relation
    G.graph["coproduction"] = {"format": "coproduction", "version": 1, "projects": [],
                               "decisions": [], "colour": "red"}
    with pytest.raises(cp.FormatError) as err:
        from_networkx(G)
    places = [(p.pointer, p.code) for p in err.value.problems]
    # Those found in the graph's values first (its data, nodes, edges), then the reader's.
    assert places == [("G.graph['coproduction']['colour']", "format.unknown_field"),
                      ("G.nodes['b']['attributes']['bad']", "format.number"),
                      ("G.nodes['c']['ward']", "format.duplicate_key"),
                      ("G.edges['a', 'b', 7]['type']", "format.missing"),
                      ("G.nodes['a']['kind']", "format.value"),
                      ("G.nodes['b']['size']", "format.type"),
                      ("G.edges['b', 'c', 0]['weight']", "model.invalid_value"),
                      ("G.edges['c', 'c', 0]", "model.invalid_value")], places


def test_the_graph_data_is_checked_where_it_is():
    net = parallel()
    G = to_networkx(net)
    G.remove_node("bare")
    with pytest.raises(cp.FormatError) as err:
        from_networkx(G)
    assert [p.pointer for p in err.value.problems] == [
        "G.graph['coproduction']['decisions'][0]['rights']['bare']"]
    G = to_networkx(net, flat=True)
    G.graph["coproduction"] = G.graph["coproduction"][:-1]
    with pytest.raises(cp.FormatError) as err:
        from_networkx(G)
    assert err.value.problems[0].pointer == "G.graph['coproduction']"
    assert err.value.problems[0].code == "format.syntax"
    G.graph["coproduction"] = '{"version": 2, "version": 1}'
    with pytest.raises(cp.FormatError, match="repeated"):
        from_networkx(G)
    G.graph["coproduction"] = {"format": "coproduction", "version": 2}
    with pytest.raises(cp.FormatError) as err:
        from_networkx(G)
    assert err.value.problems[0].code == "format.version"


def test_values_json_cannot_hold_are_refused_by_name():
    import datetime
    G = nx.DiGraph()
    G.add_node("a", met=datetime.date(2013, 2, 14), tags={"x"})
    G.add_node("b", attributes={1: "one"}, label="\udc80")
    with pytest.raises(cp.FormatError) as err:
        from_networkx(G)
    assert {(p.pointer, p.code) for p in err.value.problems} == {
        ("G.nodes['a']['met']", "format.type"), ("G.nodes['a']['tags']", "format.type"),
        ("G.nodes['b']['attributes']", "format.type"),
        ("G.nodes['b']['label']", "format.encoding")}
    G = nx.DiGraph()
    G.add_node("a", attributes='["not", "an object"]')
    with pytest.raises(cp.FormatError, match="JSON text of an object"):
        from_networkx(G)
    # What the JSON reader would bend: an integer the model cannot hold (read as a double),
    # a structure that holds itself (read forever).
    loop = {}
    loop["self"] = loop
    G = nx.DiGraph()
    G.add_node("a", count=10 ** 30, codes=loop)
    with pytest.raises(cp.FormatError) as err:
        from_networkx(G)
    count, codes = err.value.problems
    assert (count.pointer, count.code) == ("G.nodes['a']['count']", "format.number")
    assert codes.pointer.startswith("G.nodes['a']['codes']['self']['self']")
    assert codes.code == "format.depth"
    G.nodes["a"].update(count=-(2 ** 63), codes=[2 ** 64 - 1])
    assert from_networkx(G).stakeholders.loc["a", "attributes"] == {
        "count": -(2 ** 63), "codes": [2 ** 64 - 1]}


def test_kind_and_type_defaults_can_be_withheld():
    G = nx.DiGraph()
    G.add_edge("a", "b")
    with pytest.raises(cp.FormatError) as err:
        from_networkx(G, kind=None, type="informs")
    assert [(p.pointer, p.code) for p in err.value.problems] == [
        ("G.nodes['a']['kind']", "format.missing"), ("G.nodes['b']['kind']", "format.missing")]
    assert from_networkx(G, kind="group", type="informs").stakeholders["kind"].tolist() == \
        ["group", "group"]


def test_arguments_are_checked():
    net = parallel()
    with pytest.raises(cp.InputError):
        from_networkx(net)
    with pytest.raises(cp.InputError):
        from_igraph(nx.DiGraph())
    with pytest.raises(cp.InputError):
        to_networkx(nx.DiGraph())
    for bad in ("weight", "", 3):
        with pytest.raises(cp.InputError) as err:
            to_networkx(net, type_attr=bad)
        assert err.value.where == "type_attr"
    with pytest.raises(cp.InputError):
        to_igraph(net, type_attr="weight_given")
    with pytest.raises(cp.InputError):
        to_networkx(net, flat=1)
    for argument in ("type", "kind"):
        for convert, graph in ((from_networkx, to_networkx(net)), (from_igraph, to_igraph(net))):
            with pytest.raises(cp.InputError) as err:
                convert(graph, **{argument: ""})
            assert err.value.where == argument
    with pytest.raises(cp.InputError):
        to_networkx(net, include_objects="no")


# -- igraph by hand --------------------------------------------------------------------------

def test_an_igraph_graph_made_by_hand():
    g = ig.Graph(directed=True)
    g.add_vertices(3)
    with pytest.raises(cp.InputError, match='no "name" attribute'):
        from_igraph(g)
    g.add_edges([(0, 1), (1, 2)], attributes={"type": ["informs", "trusts"],
                                              "weight": [None, float("nan")]})
    g.vs["kind"] = ["group", None, ""]  # igraph's missing values
    g.vs["ward"] = ["east", None, ""]
    net = from_igraph(g, ids="str")
    assert list(net.stakeholders.index) == ["0", "1", "2"]
    assert net.stakeholders["kind"].tolist() == ["group", "person", "person"]
    assert net.stakeholders["attributes"].tolist() == [{"ward": "east"}, None, None]
    assert "weight" not in json.loads(net.to_json())["relations"][0]
    g.vs["kind"] = ["group", "team", "person"]
    g.vs["name"] = ["a", "b", "c"]
    g.es["weight"] = [1.0, -2.0]
    with pytest.raises(cp.FormatError) as err:
        from_igraph(g)
    assert {p.pointer for p in err.value.problems} == {"g.vs[1]['kind']", "g.es[1]['weight']"}


def test_igraph_weight_given_marks_only_the_ones_held_for_the_algorithms():
    net = parallel()
    g = to_igraph(net)
    g.es[2]["weight"] = 3.0  # changed by the user: read as given
    back = json.loads(from_igraph(g).to_json())["relations"]
    assert [r.get("weight") for r in back] == [2, 1, 3, None]
    del g.es["weight_given"]  # a graph without the mark: every number is given
    assert [r.get("weight") for r in json.loads(from_igraph(g).to_json())["relations"]] == \
        [2, 1, 3, 1]


# -- Kumu ------------------------------------------------------------------------------------

ELEMENT_KEYS = {"id", "label", "type", "role", "sector", "expertise", "under_served", "paid",
                "convenor", "size", "influence"}
CONNECTION_KEYS = {"id", "from", "to", "type", "direction", "weight", "scale"}


def check_blueprint(blueprint, net, show_labels):
    """The shape of Kumu's documented JSON import (docs.kumu.io, "JSON / Blueprints"):
    an object with elements and connections; connections name elements by id."""
    assert set(blueprint) == {"elements", "connections"}
    json.dumps(blueprint, allow_nan=False)
    elements, connections = blueprint["elements"], blueprint["connections"]
    people = net.stakeholders
    assert [e["id"] for e in elements] == list(people.index)
    extra = {"attributes"} if show_labels else set()
    for e in elements:
        assert {"id", "label", "type"} <= set(e) <= ELEMENT_KEYS | extra
        assert e["type"] == people.loc[e["id"], "kind"]
        label = people.loc[e["id"], "label"]
        assert e["label"] == (label if show_labels and isinstance(label, str) else e["id"])
    ids = {e["id"] for e in elements}
    relations = net.relations
    assert len(connections) == len(relations)
    assert len({c["id"] for c in connections}) == len(connections)
    extra = {"reported_by", "date", "method", "attributes"} if show_labels else set()
    for c, (_, r) in zip(connections, relations.iterrows()):
        assert {"id", "from", "to", "type", "direction", "weight"} <= set(c) <= \
            CONNECTION_KEYS | extra
        assert c["from"] in ids and c["to"] in ids
        assert (c["from"], c["to"], c["type"], c["weight"]) == \
            (r["source"], r["target"], r["type"], r["weight"])
        assert c["direction"] == "directed"
        assert json.loads(c["id"]) == [r["source"], r["type"], r["target"]]


@pytest.mark.parametrize("name", EXAMPLES)
def test_kumu_blueprint_has_the_documented_shape(name):
    net = cp.examples.load(name)
    for show in (False, True):
        check_blueprint(to_kumu(net, show_labels=show), net, show)
    # By default no free text: no label, no provenance, no attributes appear.
    text = json.dumps(to_kumu(net), ensure_ascii=False)
    for label in net.stakeholders["label"].dropna():
        if label not in net.stakeholders.index:
            assert json.dumps(label, ensure_ascii=False) not in text
    assert "reported_by" not in text and "attributes" not in text


@PROPERTY
@given(networks())
def test_kumu_blueprint_of_awkward_networks(net):
    check_blueprint(to_kumu(net), net, False)
    check_blueprint(to_kumu(net, show_labels=True), net, True)


def test_kumu_writes_atomically_and_keeps_the_mode(tmp_path):
    net = parallel()
    path = tmp_path / "map.json"
    assert to_kumu(net, path) is None
    assert json.loads(path.read_text(encoding="utf-8")) == to_kumu(net)
    os.chmod(path, 0o600)
    to_kumu(net, str(path), indent=None, show_labels=True)
    assert os.stat(path).st_mode & 0o777 == 0o600
    assert path.read_text(encoding="utf-8").count("\n") == 1
    assert json.loads(path.read_text(encoding="utf-8")) == to_kumu(net, show_labels=True)
    assert [p.name for p in tmp_path.iterdir()] == ["map.json"]
    with pytest.raises(OSError):
        to_kumu(net, tmp_path)  # a directory
    with pytest.raises(cp.InputError):
        to_kumu(net, 3)
    with pytest.raises(cp.InputError):
        to_kumu(net, path, indent=-2)
    with pytest.raises(cp.InputError):
        to_kumu(net, show_labels="yes")
    assert json.loads(path.read_text(encoding="utf-8")) == to_kumu(net, show_labels=True)


def test_kumu_parallel_relations_are_separate_connections():
    blueprint = to_kumu(parallel(), layer=["informs", "trusts"])
    assert [(c["from"], c["to"], c["type"]) for c in blueprint["connections"]] == [
        ("museum", "users", "informs"), ("museum", "users", "trusts")]
    assert [e["id"] for e in blueprint["elements"]] == ["museum", "users", "bare"]
