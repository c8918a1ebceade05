"""A timeline as one dynamic GEXF 1.3 file: exact round trips through a file, text and bytes;
NetworkX's own GEXF reader sees every node and edge with the spells of the waves it is in
(worked out from the timeline's presence table and its networks, not from the file) and the
values that change as dynamic values; hostile files refused at their line."""

from __future__ import annotations

import os

import hypothesis.strategies as st
import networkx as nx
import pytest
from hypothesis import HealthCheck, given, settings

import coproduction as cp

from _awkward import networks, text

EXAMPLE = "twam_partners_waves"


def three_waves(dated: bool) -> cp.Timeline:
    """museum throughout, its role changing in the third wave; users away in the second;
    carers joining in the second, not surveyed then; informs in waves 1 and 3 with weights
    2 and 3."""
    a, b, c = cp.Network(), cp.Network(), cp.Network()
    a.add_stakeholder("museum", kind="organisation", role="museum_staff", convenor=True)
    a.add_stakeholder("users", label="Users", kind="group", size=9)
    a.add_relation("museum", "users", "informs", weight=2)
    a.add_relation("users", "museum", "learns_from", reported_by="museum")
    b.add_stakeholder("museum", kind="organisation", role="museum_staff", convenor=True)
    b.add_stakeholder("carers", kind="group", influence=2.5)
    b.add_relation("carers", "museum", "trusts")
    c.add_stakeholder("users", label="Users' panel", kind="group", size=9)
    c.add_stakeholder("museum", kind="organisation", role="senior_staff", convenor=True)
    c.add_stakeholder("carers", kind="group", influence=2.5)
    c.add_relation("carers", "museum", "trusts")
    c.add_relation("museum", "users", "informs", weight=3)
    dates = {"first": "2013-02-14", "second": "2013-09-01", "third": "2014-03-20"} if dated \
        else {"first": "spring", "third": "2014"}
    return cp.Timeline({"first": a, "second": b, "third": c}, not_surveyed={"second": ["carers"]},
                       dates=dates, metadata={"title": "three waves"})


def runs(waves):
    """Consecutive wave positions as (first, last) pairs."""
    out = []
    for w in waves:
        if out and out[-1][1] == w - 1:
            out[-1] = (out[-1][0], w)
        else:
            out.append((w, w))
    return out


def expected_spells(tl: cp.Timeline, at):
    """Each stakeholder's and each relation's spells, from the timeline itself: the waves
    whose network holds it, as runs, each end at its wave's time."""
    names = tl.names
    nodes, edges = {}, {}
    for w, name in enumerate(names):
        net = tl[name]
        for sid in net.stakeholders.index:
            nodes.setdefault(sid, []).append(w)
        for _, r in net.relations.iterrows():
            edges.setdefault((r["source"], r["target"], r["type"]), []).append(w)
    return ({k: [(at(a), at(b)) for a, b in runs(v)] for k, v in nodes.items()},
            {k: [(at(a), at(b)) for a, b in runs(v)] for k, v in edges.items()})


def test_example_round_trip_through_a_file_text_and_bytes(tmp_path):
    tl = cp.examples.load_timeline(EXAMPLE)
    path = tmp_path / "waves.gexf"
    tl.write_gexf(path)
    assert cp.read_timeline(path) == tl
    assert cp.read_timeline(str(path)) == tl
    text = path.read_text(encoding="utf-8")
    assert cp.read_timeline(text) == tl
    assert cp.read_timeline(text.encode("utf-8")) == tl
    with open(path, "rb") as f:
        assert cp.read_timeline(f) == tl
    # The JSON reader is untouched.
    assert cp.read_timeline(tl.to_json()) == tl
    # The presence table, not-surveyed stakeholders included, reads back as it was.
    assert cp.read_timeline(path).presence.equals(tl.presence)


def test_write_gexf_takes_a_timeline_too(tmp_path):
    tl = three_waves(dated=True)
    path = tmp_path / "three.gexf"
    cp.write_gexf(tl, path)
    assert cp.read_timeline(path) == tl
    with pytest.raises(cp.InputError):
        cp.write_gexf(tl, path, positions={"museum": (0.0, 0.0)})
    with pytest.raises(cp.InputError):
        tl.write_gexf(3)


def test_read_gexf_points_a_timeline_file_to_read_timeline(tmp_path):
    path = tmp_path / "three.gexf"
    three_waves(dated=False).write_gexf(path)
    with pytest.raises(cp.FormatError) as refused:
        cp.read_gexf(path)
    where, code, message = refused.value.problems[0]
    assert code == "format.unsupported" and "line" in where
    assert message.endswith("waves written as dynamic GEXF read as a timeline "
                            "(cp.read_timeline; C++ read_gexf_timeline)")


@pytest.mark.parametrize("dated", [False, True])
def test_networkx_reads_the_spells_of_every_node_and_edge(tmp_path, dated):
    tl = three_waves(dated)
    path = tmp_path / "three.gexf"
    tl.write_gexf(path)
    assert cp.read_timeline(path) == tl
    G = nx.read_gexf(path)
    assert G.graph["mode"] == "dynamic"
    dates = ["2013-02-14", "2013-09-01", "2014-03-20"]
    at = (lambda w: dates[w]) if dated else (lambda w: w + 1)
    nodes, edges = expected_spells(tl, at)
    assert {n: d["spells"] for n, d in G.nodes(data=True)} == nodes
    seen = {(u, v, d["type"]): d["spells"] for u, v, d in G.edges(data=True)}
    assert seen == edges
    # Hand-worked: users is in waves 1 and 3; carers joins in 2 and is not surveyed then.
    assert G.nodes["users"]["spells"] == [(at(0), at(0)), (at(2), at(2))]
    assert G.nodes["carers"]["not_surveyed"] == [(True, at(1), at(1))]
    # Values that change are NetworkX's dynamic (value, start, end) triples; others plain.
    assert G.nodes["museum"]["role"] == [("museum_staff", at(0), at(1)),
                                         ("senior_staff", at(2), at(2))]
    assert G.nodes["museum"]["kind"] == "organisation"
    # NetworkX keeps GEXF's own label, which shows the first; our reader reads the changes.
    assert G.nodes["users"]["label"] == "Users"
    assert [tl[w].stakeholders.loc["users", "label"] for w in ("first", "third")] == \
        [cp.read_timeline(path)[w].stakeholders.loc["users", "label"] for w in ("first", "third")]
    informs = [d for u, v, d in G.edges(data=True) if d.get("type") == "informs"]
    assert [d["weight"] for d in informs] == [[(2.0, at(0), at(0)), (3.0, at(2), at(2))]]


def test_networkx_sees_every_node_and_edge_of_the_example(tmp_path):
    tl = cp.examples.load_timeline(EXAMPLE)
    path = tmp_path / "waves.gexf"
    tl.write_gexf(path)
    G = nx.read_gexf(path)
    nodes, edges = expected_spells(tl, lambda w: w + 1)
    assert G.graph["mode"] == "dynamic"
    assert set(G.nodes) == set(tl.presence.index) == set(nodes)
    assert {n: d["spells"] for n, d in G.nodes(data=True)} == nodes
    assert G.number_of_edges() == len(edges)
    assert {(u, v, d["type"]): d["spells"] for u, v, d in G.edges(data=True)} == edges
    # The one stakeholder not surveyed in the second wave.
    missing = tl.not_surveyed("2014")
    assert [n for n, d in G.nodes(data=True) if "not_surveyed" in d] == missing
    for n in missing:
        assert G.nodes[n]["not_surveyed"] == [(True, 2, 2)]


def test_hostile_files_are_refused_at_their_line(tmp_path):
    tl = three_waves(dated=False)
    path = tmp_path / "three.gexf"
    tl.write_gexf(path)
    text = path.read_text(encoding="utf-8")
    spell = '<spell start="1" end="3"/>'
    line = text[:text.index(spell)].count("\n") + 1
    cases = {
        '<spell start="3" end="3"/><spell start="1" end="2"/>': ("format.spell", "comes before"),
        '<spell start="1" end="2"/><spell start="2" end="3"/>': ("format.spell", "overlaps"),
        '<spell start="1" end="9"/>': ("format.time", '"9"'),
        '<spell start="3" end="1"/>': ("format.spell", "after its end"),
    }
    for bad, (code, words) in cases.items():
        with pytest.raises(cp.FormatError) as err:
            cp.read_timeline(text.replace(spell, bad, 1))
        problem = [p for p in err.value.problems if p.code == code][0]
        assert problem.pointer.startswith(f"line {line},"), problem
        assert words in problem.message
    # A network's GEXF is not a timeline's.
    net_path = tmp_path / "net.gexf"
    cp.write_gexf(cp.examples.load("twam_partners_2013"), net_path)
    with pytest.raises(cp.FormatError) as err:
        cp.read_timeline(net_path)
    assert "read_gexf" in str(err.value)
    with pytest.raises(OSError):
        cp.read_timeline(tmp_path / "missing.gexf")
    # A failed write leaves the old file as it was.
    before = path.read_bytes()
    with pytest.raises(OSError):
        tl.write_gexf(tmp_path)
    assert path.read_bytes() == before
    assert sorted(os.listdir(tmp_path)) == ["net.gexf", "three.gexf"]


def test_convert_takes_a_timeline_between_json_and_gexf(tmp_path):
    tl = cp.examples.load_timeline(EXAMPLE)
    source = tmp_path / "waves.json"
    tl.write_json(source)
    assert cp.io.convert(source, tmp_path / "waves.gexf") == ("json", "gexf")
    assert cp.read_timeline(tmp_path / "waves.gexf") == tl
    assert cp.io.convert(tmp_path / "waves.gexf", tmp_path / "back.json") == ("gexf", "json")
    assert cp.read_timeline(tmp_path / "back.json") == tl
    with pytest.raises(cp.InputError) as err:
        cp.io.convert(source, tmp_path / "waves.xlsx")
    assert err.value.where == "to"
    assert not (tmp_path / "waves.xlsx").exists()
    # A network's file that is broken still says what is wrong with it as a network.
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "coproduction", "version": 1, "stakeholders": [{"id": 3}]}',
                   encoding="utf-8")
    with pytest.raises(cp.FormatError) as broken:
        cp.io.convert(bad, tmp_path / "bad.gexf")
    assert broken.value.problems[0].pointer.startswith("/stakeholders/0")
    assert not (tmp_path / "bad.gexf").exists()


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(networks(), networks(), st.data())
def test_awkward_timelines_round_trip(first, other, data):
    """Waves of awkward text: the first network, another, and the first again with one
    stakeholder gone and one changed, so stakeholders leave, come back and change."""
    third = first.copy()
    ids = list(third.stakeholders.index)
    if len(ids) >= 2:
        third.remove_stakeholder(data.draw(st.sampled_from(ids)), cascade=True)
        kept = list(third.stakeholders.index)
        third.update_stakeholder(data.draw(st.sampled_from(kept)), role=data.draw(text(1, 3)))
    names = data.draw(st.lists(text(1, 4), min_size=3, max_size=3, unique=True))
    dated = data.draw(st.booleans())
    dates = dict(zip(names, ["2013-02-14", "2013-09-01", "2014-03-20"] if dated
                     else [data.draw(text(0, 3)) for _ in names]))
    surveyed = list(other.stakeholders.index)
    missing = data.draw(st.lists(st.sampled_from(surveyed), unique=True)) if surveyed else []
    tl = cp.Timeline(list(zip(names, [first, other, third])), dates=dates,
                     not_surveyed={names[1]: missing}, metadata={"t": data.draw(text())})
    gexf = tl._core.dump_gexf()
    back = cp.read_timeline(gexf)
    assert back == tl
    assert back.presence.equals(tl.presence)
