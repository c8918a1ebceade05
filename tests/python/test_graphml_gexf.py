"""GraphML and GEXF 1.3: every network round-trips exactly (both example data sets, and
Hypothesis networks with awkward text in ids, labels, attributes and provenance); NetworkX and
igraph read our files with every field, every attribute and every parallel relation; Gephi
Lite's conventions hold in the text; hostile files (billion laughs, an external entity, 10,000
levels of nesting, a huge attribute, truncation, bad UTF-8, bad character references) are
refused with a FormatError naming their line, quickly."""

from __future__ import annotations

import io
import json
import math
import os
import re
import time
from collections import Counter
from pathlib import Path
from typing import Any, Dict, List

import pytest

hypothesis = pytest.importorskip("hypothesis")
from hypothesis import HealthCheck, given, settings  # noqa: E402

import coproduction as cp  # noqa: E402
from _awkward import networks  # noqa: E402

nx = pytest.importorskip("networkx")
igraph = pytest.importorskip("igraph")

EXAMPLES = ["twam_partners_2013", "nml_collaboration_types"]
NODE_FIELDS = ["label", "kind", "role", "sector", "expertise", "under_served", "paid",
               "convenor", "size", "influence"]
PROVENANCE = ["reported_by", "date", "method"]


def document(net: cp.Network) -> Dict[str, Any]:
    return json.loads(net.to_json(indent=None))  # type: ignore[no-any-return]


def write(kind: str, net: cp.Network, path: Path, **options: Any) -> Path:
    (cp.write_graphml if kind == "graphml" else cp.write_gexf)(net, path, **options)
    return path


def read(kind: str, source: Any) -> cp.Network:
    return (cp.read_graphml if kind == "graphml" else cp.read_gexf)(source)


# -- what another reader holds, as the JSON format's objects --------------------------------


def as_stakeholder(node_id: str, data: Dict[str, Any]) -> Dict[str, Any]:
    """A reader's node back as a stakeholder of the JSON format: the fields by name, the
    attributes from the ``attributes`` JSON text and from every other key."""
    data = {k: v for k, v in data.items() if k not in ("viz",) and v is not None}
    attributes = json.loads(data.pop("attributes")) if "attributes" in data else None
    out: Dict[str, Any] = {"id": node_id}
    out.update({k: data.pop(k) for k in NODE_FIELDS if k in data})
    if data:
        attributes = {**(attributes or {}), **data}
    if attributes is not None:
        out["attributes"] = attributes
    return out


def as_relation(source: str, target: str, data: Dict[str, Any]) -> Dict[str, Any]:
    data = {k: v for k, v in data.items() if k != "id"}
    attributes = json.loads(data.pop("attributes")) if "attributes" in data else None
    out: Dict[str, Any] = {"source": source, "target": target, "type": data.pop("type")}
    for k in ("weight", "scale"):
        if k in data:
            out[k] = data.pop(k)
    provenance = {k: data.pop(k) for k in PROVENANCE if k in data}
    if provenance:
        out["provenance"] = provenance
    if data:
        attributes = {**(attributes or {}), **data}
    if attributes is not None:
        out["attributes"] = attributes
    return out


def check_networkx(net: cp.Network, graph: Any) -> None:
    """NetworkX holds every stakeholder with every field and attribute, and every relation,
    parallel ones included, under its edge id r<i>."""
    doc = document(net)
    assert graph.is_directed()
    assert list(graph.nodes) == [s["id"] for s in doc["stakeholders"]]
    for s in doc["stakeholders"]:
        assert as_stakeholder(s["id"], graph.nodes[s["id"]]) == s
    assert graph.number_of_edges() == len(doc["relations"])
    for i, r in enumerate(doc["relations"]):
        if graph.is_multigraph():
            data = graph.edges[r["source"], r["target"], f"r{i}"]
        else:  # NetworkX makes a DiGraph of a file without parallel edges
            data = graph.edges[r["source"], r["target"]]
            assert data["id"] == f"r{i}"
        assert as_relation(r["source"], r["target"], data) == r
    pairs = Counter((r["source"], r["target"]) for r in doc["relations"])
    assert {p: graph.number_of_edges(*p) for p in pairs} == dict(pairs)


def check_igraph(net: cp.Network, g: Any) -> None:
    """igraph holds every stakeholder with every field and attribute given, and every
    relation in order with its type (igraph fills what is missing: "", NaN or False)."""
    doc = document(net)
    assert g.is_directed()
    # igraph's reader (libxml2 with entities left unreplaced) gives "&" in an XML attribute,
    # and only there, as "&#38;": node ids. Its values read from data are exact.
    assert [i.replace("&#38;", "&") for i in g.vs["id"]] == [s["id"] for s in doc["stakeholders"]]
    names = {n.replace("&#38;", "&") for n in g.vs.attributes()}
    for v, s in zip(g.vs, doc["stakeholders"]):
        got = {k.replace("&#38;", "&"): x for k, x in v.attributes().items()}
        for field in NODE_FIELDS:
            if field in s:
                assert got[field] == s[field], (s["id"], field)
        attributes = json.loads(got["attributes"]) if got.get("attributes") else {}
        for key, value in (s.get("attributes") or {}).items():
            assert attributes.get(key, got.get(key)) == value, (s["id"], key)
            assert key in attributes or key in names
    assert g.ecount() == len(doc["relations"])
    for e, r in zip(g.es, doc["relations"]):
        ends = (g.vs[e.source]["id"].replace("&#38;", "&"), g.vs[e.target]["id"].replace("&#38;", "&"))
        assert ends == (r["source"], r["target"])
        got = {k.replace("&#38;", "&"): x for k, x in e.attributes().items()}
        assert got["type"] == r["type"]
        if "weight" in r:
            assert got["weight"] == r["weight"]
        for k, v in r.get("provenance", {}).items():
            assert got[k] == v
        attributes = json.loads(got["attributes"]) if got.get("attributes") else {}
        for key, value in (r.get("attributes") or {}).items():
            assert attributes.get(key, got.get(key)) == value
    assert json.loads(g["coproduction"])["decisions"] == doc["decisions"]


# -- round trips ----------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["graphml", "gexf"])
@pytest.mark.parametrize("name", EXAMPLES)
def test_examples_round_trip_exactly(tmp_path: Path, kind: str, name: str) -> None:
    net = cp.examples.load(name)
    path = write(kind, net, tmp_path / f"{name}.{kind}")
    back = read(kind, path)
    assert back == net
    assert back.to_json() == net.to_json()
    text = path.read_bytes()
    assert read(kind, text) == net                                 # bytes
    assert read(kind, text.decode("utf-8")) == net                 # text
    assert read(kind, io.BytesIO(text)) == net                     # a file
    assert read(kind, os.fspath(path)) == net and read(kind, str(path)) == net
    write(kind, back, tmp_path / f"again.{kind}")
    assert (tmp_path / f"again.{kind}").read_bytes() == text         # a second write, the same


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                  HealthCheck.function_scoped_fixture])
@given(networks())
def test_awkward_networks_round_trip_exactly(tmp_path: Path, net: cp.Network) -> None:
    for kind in ("graphml", "gexf"):
        path = write(kind, net, tmp_path / f"net.{kind}")
        back = read(kind, path)
        assert back == net, kind
        assert back.to_json() == net.to_json(), kind
    # And with a drawing: positions are not data.
    path = write("gexf", net, tmp_path / "drawn.gexf", positions=cp.layout.positions(net, seed=3))
    assert read("gexf", path) == net


# -- other readers ------------------------------------------------------------------------


@pytest.mark.parametrize("name", EXAMPLES)
def test_networkx_and_igraph_read_every_attribute_and_parallel_relation(tmp_path: Path,
                                                                        name: str) -> None:
    net = cp.examples.load(name)
    graphml = write("graphml", net, tmp_path / "net.graphml")
    gexf = write("gexf", net, tmp_path / "net.gexf")
    check_networkx(net, nx.read_graphml(graphml))
    check_networkx(net, nx.read_gexf(gexf))
    check_igraph(net, igraph.Graph.Read_GraphML(str(graphml)))
    # The examples hold parallel relations of different types between one pair.
    doc = document(net)
    assert max(Counter((r["source"], r["target"]) for r in doc["relations"]).values()) >= 2


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                 HealthCheck.function_scoped_fixture])
@given(networks())
def test_networkx_and_igraph_read_awkward_networks(tmp_path: Path, net: cp.Network) -> None:
    graphml = write("graphml", net, tmp_path / "net.graphml")
    gexf = write("gexf", net, tmp_path / "net.gexf")
    check_networkx(net, nx.read_graphml(graphml))
    check_networkx(net, nx.read_gexf(gexf))
    try:
        g = igraph.Graph.Read_GraphML(str(graphml))
    except igraph.InternalError:
        # igraph refuses a file holding a subnormal double such as 5e-324 ("double overflow":
        # C's strtod reports the underflow), whoever wrote it; nothing else may stop it.
        assert re.search(r">-?[0-9.]+e-3(0[89]|[12][0-9])</data>", graphml.read_text("utf-8"))
        return
    check_igraph(net, g)


def triples(net: cp.Network) -> List[Any]:
    return sorted(net.relations[["source", "target", "type"]].itertuples(index=False))


def test_we_read_what_networkx_and_igraph_write(tmp_path: Path) -> None:
    net = cp.examples.load("twam_partners_2013")
    # NetworkX reads ours and writes its own: every field and relation comes back.
    for kind, reader, writer in (("graphml", nx.read_graphml, nx.write_graphml),
                                 ("gexf", nx.read_gexf, nx.write_gexf)):
        path = tmp_path / f"nx.{kind}"
        writer(reader(write(kind, net, tmp_path / f"ours.{kind}")), path)
        back = read(kind, path)
        assert list(back.stakeholders.index) == list(net.stakeholders.index)
        assert triples(back) == triples(net)  # NetworkX writes edges node by node
        if kind == "graphml":  # NetworkX keeps the graph's values, so projects and decisions too
            assert back.num_decisions == net.num_decisions
    # igraph too: its node ids come back from the "id" values it writes.
    g = igraph.Graph.Read_GraphML(str(write("graphml", net, tmp_path / "ours.graphml")))
    g.write_graphml(str(tmp_path / "ig.graphml"))
    back = cp.read_graphml(tmp_path / "ig.graphml")
    assert list(back.stakeholders.index) == list(net.stakeholders.index)
    assert list(back.relations["type"]) == list(net.relations["type"])
    assert back.num_decisions == net.num_decisions


def test_gephi_lite_conventions_hold(tmp_path: Path) -> None:
    net = cp.examples.load("twam_partners_2013")
    pos = cp.layout.positions(net, seed=1)
    text = write("gexf", net, tmp_path / "net.gexf", positions=pos).read_text("utf-8")
    # Attribute ids are their titles (Gephi Lite names attributes by a non-numeric id).
    for ident, title in re.findall(r'<attribute id="([^"]*)" title="([^"]*)"', text):
        assert ident == title
    # Edge ids are unique, types are edge kinds (GEXF 1.3 parallel edges), booleans as XML
    # Schema spells them, the viz prefix as Gephi Lite looks it up, colours as r, g, b.
    ids = re.findall(r'<edge id="([^"]*)"', text)
    assert ids == [f"r{i}" for i in range(net.num_relations)]
    assert len(re.findall(r'<edge [^>]* kind="', text)) == net.num_relations
    assert 'value="True"' not in text and 'value="true"' in text
    assert len(re.findall(r"<viz:position ", text)) == net.num_stakeholders
    assert len(re.findall(r'<viz:color r="\d+" g="\d+" b="\d+"/>', text)) == net.num_stakeholders
    # The positions NetworkX reads are the layout's, bit for bit.
    graph = nx.read_gexf(tmp_path / "net.gexf")
    for sid, row in pos.iterrows():
        p = graph.nodes[sid]["viz"]["position"]
        assert (p["x"], p["y"]) == (row["x"], row["y"])
    # Graph values first in GraphML: Gephi Lite reads only the values before the first node.
    graphml = write("graphml", net, tmp_path / "net.graphml").read_text("utf-8")
    assert graphml.index('<data key="g_coproduction">') < graphml.index("<node ")


def test_positions_may_leave_stakeholders_out_and_are_checked(tmp_path: Path) -> None:
    net = cp.examples.load("twam_partners_2013")
    pos = cp.layout.positions(net, include_objects=False)
    text = write("gexf", net, tmp_path / "a.gexf", positions=pos).read_text("utf-8")
    assert text.count("<viz:position ") == len(pos) < net.num_stakeholders
    write("gexf", net, tmp_path / "b.gexf", positions={"twam": (0.5, 0.25)})
    assert (tmp_path / "b.gexf").read_text("utf-8").count("<viz:position ") == 1
    for bad in ({"nobody": (0, 0)}, {"twam": (math.inf, 0)}, {"twam": "xy?"}, [1, 2],
                pos.rename(columns={"x": "left"})):
        with pytest.raises(cp.InputError) as info:
            write("gexf", net, tmp_path / "c.gexf", positions=bad)
        assert info.value.where == "positions"
    assert not (tmp_path / "c.gexf").exists()


def test_declared_types_are_one_per_attribute_and_the_widest_needed(tmp_path: Path) -> None:
    net = cp.Network()
    net.add_stakeholder("a", kind="group", size=3, attributes={"n": 1, "ratio": 1, "flag": True,
                                                               "mix": 1, "deep": {"k": [1]}})
    net.add_stakeholder("b", kind="group", size=2**40, attributes={"n": 2**40, "ratio": 0.5,
                                                                   "flag": False, "mix": "one"})
    net.add_stakeholder("c", attributes={"n": None})
    text = write("graphml", net, tmp_path / "t.graphml").read_text("utf-8")
    types = dict(re.findall(r'for="node" attr.name="([^"]*)" attr.type="([^"]*)"', text))
    assert types == {"kind": "string", "size": "long", "ratio": "double", "flag": "boolean",
                     "attributes": "string"}
    # n holds a null, mix mixes kinds, deep nests: all three travel as JSON text, read back.
    assert cp.read_graphml(text) == net
    graph = nx.read_graphml(tmp_path / "t.graphml")
    assert graph.nodes["a"]["ratio"] == 1 and graph.nodes["b"]["size"] == 2**40
    assert json.loads(graph.nodes["a"]["attributes"]) == {"n": 1, "mix": 1, "deep": {"k": [1]}}
    assert "None" not in text and "True" not in text


# -- what XML cannot hold, and hostile files ---------------------------------------------------


def test_text_xml_cannot_hold_is_refused_on_write_naming_the_place(tmp_path: Path) -> None:
    net = cp.Network()
    net.add_stakeholder("a", label="bell\x07")
    net.add_stakeholder("b", attributes={"note": "escape \x1b in attributes is fine"})
    for kind in ("graphml", "gexf"):
        path = tmp_path / f"x.{kind}"
        with pytest.raises(cp.FormatError) as info:
            write(kind, net, path)
        assert info.value.problems == [("/stakeholders/0/label", "format.xml_char",
                                        'stakeholder "a": label: character U+0007 cannot be '
                                        "written in XML 1.0 (the JSON format holds it)")]
        assert not path.exists()
    ok = cp.Network()
    ok.add_stakeholder("b", attributes={"note": "escape \x1b in attributes is fine"})
    assert cp.read_graphml(write("graphml", ok, tmp_path / "ok.graphml")) == ok


def billion_laughs() -> str:
    entities = ['<!ENTITY lol "lol">'] + [
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'
        for i in range(1, 10)]
    return ('<?xml version="1.0"?>\n<!DOCTYPE lolz [\n' + "\n".join(entities) + "\n]>\n"
            '<graphml><graph edgedefault="directed"><node id="&lol9;"/></graph></graphml>\n')


HOSTILE: Dict[str, Any] = {
    "billion_laughs": (billion_laughs(), "format.doctype", "line 2, column 1"),
    "external_entity": ('<?xml version="1.0"?>\n<!DOCTYPE g [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n'
                        '<graphml><graph><node id="&x;"/></graph></graphml>',
                        "format.doctype", "line 2, column 1"),
    "deep_10000": ("<graphml>\n" + "<graph>" * 10000 + "</graph>" * 10000 + "</graphml>",
                   "format.depth", "line 2, column "),
    "huge_attribute": ('<graphml>\n<graph>\n<node id="' + "x" * (17 << 20) + '"/></graph></graphml>',
                       "format.limit", "line 3, column 11"),
    "truncated": ('<graphml>\n<graph edgedefault="directed">\n<node id="a"><data key="k">xy',
                  "format.syntax", "line 3, column 30"),
    "invalid_utf8": (b'<graphml>\n<graph>\n<node id="\xc3\x28"/></graph></graphml>',
                     "format.encoding", "line 3, column 11"),
    "bad_character_reference": ('<graphml>\n<graph>\n<node id="&#1;"/></graph></graphml>',
                                "format.entity", "line 3, column 11"),
    "surrogate_reference": ('<graphml>\n<graph><node id="&#xDFFF;"/></graph></graphml>',
                            "format.entity", "line 2, column 18"),
    "undefined_entity": ('<graphml>\n<graph><node id="&nbsp;"/></graph></graphml>',
                         "format.entity", "line 2, column 18"),
}


@pytest.mark.parametrize("kind", ["graphml", "gexf"])
@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_hostile_files_are_refused_quickly_with_their_line(tmp_path: Path, kind: str,
                                                           case: str) -> None:
    text, code, where = HOSTILE[case]
    if kind == "gexf":
        swap = {"<graphml>": "<gexf>", "</graphml>": "</gexf>", "<graph>": "<nodes>",
                "</graph>": "</nodes>", '<graph edgedefault="directed">': "<nodes>"}
        pattern = re.compile("|".join(re.escape(k) for k in sorted(swap, key=len, reverse=True)))
        if isinstance(text, bytes):
            text = pattern.sub(lambda m: swap[m.group(0)], text.decode("latin-1")).encode("latin-1")
        else:
            text = pattern.sub(lambda m: swap[m.group(0)], text)
        if case in ("surrogate_reference", "undefined_entity"):
            where = "line 2, column 18"
    path = tmp_path / f"hostile.{kind}"
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    start = time.perf_counter()
    with pytest.raises(cp.FormatError) as info:
        read(kind, path)
    assert time.perf_counter() - start < 2.0
    assert info.value.code == code, str(info.value)
    assert info.value.pointer.startswith(where), info.value.pointer
    assert len(info.value.problems) == 1


def test_every_problem_of_a_file_is_reported_with_its_line() -> None:
    text = ('<graphml xmlns="http://graphml.graphdrawing.org/xmlns">\n'
            '<key id="p" for="node" attr.name="paid" attr.type="boolean"/>\n'
            '<key id="w" for="edge" attr.name="weight" attr.type="double"/>\n'
            '<graph edgedefault="directed">\n'
            '<node id="a"><data key="p">maybe</data></node>\n'
            '<node id="b"/>\n'
            '<edge source="a" target="b"><data key="w">0</data></edge>\n'
            '<edge source="a" target="nhs"/>\n'
            '</graph></graphml>\n')
    with pytest.raises(cp.FormatError) as info:
        cp.read_graphml(text)
    assert [(p.pointer, p.code) for p in info.value.problems] == [
        ("line 5, column 14", "format.value"),
        ("line 7, column 29", "model.invalid_value"),
        ("line 8, column 1", "model.unknown_id")]
    assert "paid" in info.value.problems[0].message and '"maybe"' in info.value.problems[0].message


def test_arguments_are_checked(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        cp.read_graphml(tmp_path / "absent.graphml")
    with pytest.raises(cp.InputError):
        cp.read_gexf(42)  # type: ignore[arg-type]
    with pytest.raises(cp.InputError):
        cp.read_graphml("<graphml/>", max_depth=0)
    with pytest.raises(cp.InputError):
        cp.write_graphml("not a network", tmp_path / "x.graphml")  # type: ignore[arg-type]
    with pytest.raises(cp.FormatError) as info:
        cp.read_graphml(cp.examples.load("twam_partners_2013").to_json().encode("utf-8"))
    assert info.value.pointer == "line 1, column 1"
    # A lowered limit is the caller's to choose.
    path = write("graphml", cp.examples.load("twam_partners_2013"), tmp_path / "n.graphml")
    with pytest.raises(cp.FormatError) as info:
        cp.read_graphml(path, max_bytes=1000)
    assert info.value.code == "format.size"
    net = cp.read_graphml('<graphml><graph edgedefault="directed"><node id="a"/><node id="b"/>'
                          '<edge source="a" target="b"/></graph></graphml>', default_type="knows")
    assert list(net.relations["type"]) == ["knows"]
