"""The notebook display: what it draws is what the network holds, it carries no script or
request, it escapes every string, hides free text unless asked, and never raises."""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from typing import Dict, List, Tuple

import pandas as pd
import pytest

import coproduction as cp
from coproduction import display

EXAMPLES = ["twam_partners_2013", "nml_collaboration_types"]
HOSTILE = "<script>alert(1)</script>"


def parse(markup: str) -> ET.Element:
    """The display read as XML: it must be well formed (every tag closed, every string
    escaped), which also shows that no string broke out of its element."""
    return ET.fromstring(f"<root>{markup}</root>")


def by_class(root: ET.Element, tag: str, css: str) -> List[ET.Element]:
    return [e for e in root.iter(tag) if css in e.get("class", "").split()]


def table_rows(root: ET.Element, css: str) -> List[List[str]]:
    tables = by_class(root, "table", css)
    assert len(tables) == 1, f"one table {css}"
    return [["".join(td.itertext()) for td in tr.iter("td")] for tr in tables[0].iter("tr")
            if list(tr.iter("td"))]


def ring_positions(net: cp.Network) -> pd.DataFrame:
    """Stakeholders evenly on a circle: a layout computed here, independent of cp.layout."""
    ids = list(net.stakeholders.index)
    n = max(len(ids), 1)
    angle = [2 * math.pi * i / n for i in range(len(ids))]
    return pd.DataFrame({"x": [0.5 + 0.5 * math.cos(a) for a in angle],
                         "y": [0.5 + 0.5 * math.sin(a) for a in angle]},
                        index=pd.Index(ids, name="id"))


@pytest.fixture
def ring(monkeypatch):
    monkeypatch.setattr(display, "_positions", ring_positions)


class Tags(HTMLParser):
    """Every start tag and attribute, as a browser's tokenizer sees them."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: List[Tuple[str, Dict[str, str]]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, {k: v or "" for k, v in attrs}))

    handle_startendtag = handle_starttag


def assert_inert(markup: str) -> None:
    """No script, style sheet, frame, event handler or reference outside the page."""
    parser = Tags()
    parser.feed(markup)
    parser.close()
    assert parser.tags, "parsed nothing"
    for tag, attrs in parser.tags:
        assert tag not in {"script", "link", "iframe", "object", "embed", "img", "style",
                           "foreignobject", "image", "use", "a"}, tag
        for name, value in attrs.items():
            assert not name.startswith("on"), (tag, name)
            if name in {"href", "src", "xlink:href"}:
                raise AssertionError(f"{tag} has {name}={value!r}")
            assert "url(" not in value or value.startswith("url(#"), (tag, name, value)
    low = markup.lower()
    assert "<script" not in low and "<link" not in low and "http" not in low
    assert "javascript:" not in low and "@import" not in low


def drawing_checks(net: cp.Network, markup: str) -> ET.Element:
    """The drawing holds one shape per stakeholder, one arrow per relation, one legend entry
    per role and per relation type, each coloured as its legend says."""
    root = parse(markup)
    svgs = list(root.iter("svg"))
    assert len(svgs) == 1
    svg = svgs[0]
    st = net.stakeholders
    rel = net.relations
    circles = by_class(svg, "circle", "stakeholder")
    squares = by_class(svg, "rect", "stakeholder")
    assert len(circles) + len(squares) == len(st)
    assert len(squares) == int((st["kind"] == "object").sum())
    paths = by_class(svg, "path", "relation")
    assert len(paths) == len(rel)  # every relation of every type is drawn

    roles = {"not coded" if pd.isna(r) else r for r in st["role"]}
    role_legend = {g.find("text").find("title").text: g.find("circle").get("fill")
                   for g in by_class(svg, "g", "legend-role")}
    assert len(by_class(svg, "g", "legend-role")) == len(roles)
    assert set(role_legend) == roles
    type_legend = {g.find("text").find("title").text: g.find("line").get("stroke")
                   for g in by_class(svg, "g", "legend-relation")}
    assert len(by_class(svg, "g", "legend-relation")) == rel["type"].nunique()
    assert set(type_legend) == set(rel["type"])

    # Each shape's tooltip names its stakeholder and carries its role's colour.
    shapes = {s.find("title").text.split(" (")[0]: s for s in circles + squares}
    assert set(shapes) == set(st.index)
    for sid, shape in shapes.items():
        role = st.at[sid, "role"]
        assert shape.get("fill") == role_legend["not coded" if pd.isna(role) else role]
    # Each arrow's tooltip names its relation, in order, and carries its type's colour and
    # an arrow head defined in the same drawing.
    markers = {m.get("id") for m in svg.iter("marker")}
    for path, (_, row) in zip(paths, rel.iterrows()):
        assert path.find("title").text == f"{row['source']} \u2192 {row['target']}: {row['type']}"
        assert path.get("stroke") == type_legend[row["type"]]
        assert path.get("marker-end")[len("url(#"):-1] in markers
    # Nodes lie inside the drawing area.
    width = float(svg.get("width"))
    for c in circles:
        assert 0 <= float(c.get("cx")) <= width
    return svg


@pytest.mark.parametrize("name", EXAMPLES)
def test_drawing_matches_the_data(name, ring):
    net = cp.examples.load(name)
    page = net._repr_html_()
    drawing_checks(net, page)
    assert_inert(page)


@pytest.mark.parametrize("name", EXAMPLES)
def test_drawing_with_the_package_layout(name):
    net = cp.examples.load(name)
    page = cp.display.html(net)
    svg = drawing_checks(net, page)
    pos = cp.layout.positions(net, method="fruchterman_reingold", include_objects=True, seed=0)
    # The drawing places each stakeholder where the layout puts it (x to the right, y up).
    circle = next(c for c in by_class(svg, "circle", "stakeholder")
                  if c.find("title").text.startswith(pos.index[0] + " ("))
    side, margin = display._SIDE, display._MARGIN
    assert float(circle.get("cx")) == pytest.approx(margin + pos.iloc[0]["x"] * side, abs=0.06)
    assert float(circle.get("cy")) == pytest.approx(margin + (1 - pos.iloc[0]["y"]) * side, abs=0.06)
    assert page == cp.display.html(net)  # seeded: the same network draws the same


@pytest.mark.parametrize("name", EXAMPLES)
def test_summary_counts(name, ring):
    net = cp.examples.load(name)
    root = parse(cp.display.html(net))
    st, rel = net.stakeholders, net.relations
    kinds = {k: int(c) for k, c in st["kind"].value_counts().items() if c}
    assert {k: int(c) for k, c in table_rows(root, "cp-kinds")} == kinds
    roles = st["role"].fillna("not coded").value_counts()
    assert {k: int(c) for k, c in table_rows(root, "cp-roles")} == roles.to_dict()
    assert {k: int(c) for k, c in table_rows(root, "cp-relation-types")} == \
        rel["type"].value_counts().to_dict()
    computed = cp.ladder.classify_all(net)
    rows = table_rows(root, "cp-projects")
    assert [r[0] for r in rows] == list(net.projects.index)
    for pid, claimed, kind, matches in rows:
        assert claimed == net.projects.at[pid, "claimed"]
        assert kind == computed.at[pid, "type"]
        assert matches == ("yes" if computed.at[pid, "matches_claim"] else "no")
    head = "".join(root.find("div").find("div").itertext())
    assert f"{len(st)} stakeholders, {len(rel)} relations" in head


def test_twam_reading_in_the_summary(ring):
    # The ladder's own doctest: reminiscence claims co-production, reads as engagement.
    root = parse(cp.display.html(cp.examples.load("twam_partners_2013")))
    assert table_rows(root, "cp-projects") == [["reminiscence", "co-production", "engagement", "no"]]


def test_hostile_strings_are_escaped(ring):
    net = cp.Network(metadata={"title": HOSTILE})
    net.add_stakeholder(HOSTILE, kind="group", role="<b>role</b>", label=HOSTILE)
    net.add_stakeholder("a&b", kind="object", role='"quoted"')
    net.add_relation(HOSTILE, "a&b", "informs", reported_by="<img src=x onerror=alert(1)>")
    net.add_project("<i>p</i>", claimed="consultation")
    net.add_decision("d", project="<i>p</i>", stage="design", rule="sole",
                     rights={HOSTILE: "decides"})
    for show in (False, True):
        page = cp.display.html(net, show_labels=show)
        assert_inert(page)
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
        root = parse(page)
        drawing_checks(net, page)
        # Read back, the strings are the data's own, as text.
        titles = [t.text for t in root.iter("title")]
        assert f"{HOSTILE} (<b>role</b>, group)" + (f": {HOSTILE}" if show else "") in titles
        assert "<i>p</i>" in [r[0] for r in table_rows(root, "cp-projects")]
    result = cp.ladder.classify(net, "<i>p</i>")
    page = result._repr_html_()
    assert_inert(page)
    assert table_rows(parse(page), "cp-headline")[0][0] == "<i>p</i>"


def test_characters_xml_cannot_hold_do_not_break_the_markup(ring):
    net = cp.Network()
    net.add_stakeholder("bell\x07", role="tab\there")
    page = cp.display.html(net)
    assert "<svg" in page
    parse(page)


def test_free_text_only_when_asked(ring):
    net = cp.examples.load("twam_partners_2013")
    labels = [lab for lab in net.stakeholders["label"].dropna() if lab not in net]
    assert labels
    hidden = cp.display.html(net)
    shown = cp.display.html(net, show_labels=True)
    import html as std_html
    for lab in labels:
        assert std_html.escape(lab) not in hidden and lab not in hidden
    # Shown: in full in the tooltips.
    assert all(std_html.escape(lab) in shown for lab in labels)
    assert std_html.escape(net.metadata["title"]) in shown
    assert std_html.escape(net.metadata["title"]) not in hidden
    # Attributes, provenance and descriptions are never shown.
    for text in (net.stakeholders.at["twam", "attributes"]["description"],
                 "2013-02-14", "inferred"):
        assert std_html.escape(text) not in shown and std_html.escape(text) not in hidden
    project = cp.ladder.classify(net, "reminiscence")
    label = net.projects.at["reminiscence", "label"]
    assert isinstance(label, str)
    assert std_html.escape(label) not in project._repr_html_()
    assert std_html.escape(label) in cp.display.html(project, show_labels=True)


def test_large_network_shows_summary_without_drawing(monkeypatch):
    called = []
    monkeypatch.setattr(display, "_positions", lambda net: called.append(1) or ring_positions(net))
    net = cp.Network()
    for i in range(400):
        net.add_stakeholder(f"s{i}", kind="group", role=("a", "b")[i % 2])
    for i in range(399):
        net.add_relation(f"s{i}", f"s{i + 1}", "informs")
    page = net._repr_html_()
    assert "<svg" not in page and "left out above 300 stakeholders" in page
    assert called == []  # no layout computed for a drawing not shown
    assert {k: int(c) for k, c in table_rows(parse(page), "cp-roles")} == {"a": 200, "b": 200}
    assert "<svg" in cp.display.html(net, max_drawn=400)


def test_drawing_of_a_thousand_stakeholders_stays_bounded(ring):
    net = cp.Network()
    for i in range(1000):
        net.add_stakeholder(f"stakeholder_{i:04d}", role=f"role{i % 12}")
    for i in range(2000):
        net.add_relation(f"stakeholder_{i % 1000:04d}", f"stakeholder_{(i + 1 + (i * 7 + i // 1000) % 999) % 1000:04d}",
                         f"type{i % 5}")
    drawing = cp.display.svg(net)
    svg = drawing_checks(net, drawing)
    assert len(list(svg.iter("text"))) == 12 + 5 + 1 + 1  # legends only: no node labels
    assert len(drawing) < 1_000_000
    assert float(by_class(svg, "circle", "stakeholder")[0].get("r")) == pytest.approx(3.8, abs=0.05)


def test_parallel_and_reciprocal_relations_are_separate_arrows(ring):
    net = cp.Network()
    net.add_stakeholder("a")
    net.add_stakeholder("b")
    net.add_relation("a", "b", "informs")
    net.add_relation("a", "b", "trusts")
    net.add_relation("b", "a", "informs")
    paths = by_class(parse(cp.display.svg(net)), "path", "relation")
    assert len(paths) == 3 and len({p.get("d") for p in paths}) == 3


@pytest.mark.parametrize("name", EXAMPLES)
def test_classification_display(name):
    net = cp.examples.load(name)
    for project in net.projects.index:
        result = cp.ladder.classify(net, project)
        page = result._repr_html_()
        assert_inert(page)
        root = parse(page)
        matches = {None: "\u2014 (nothing claimed)", True: "yes (matches)", False: "no (DIFFERS)"}
        assert table_rows(root, "cp-headline") == [
            [project, result.type, result.claimed or "\u2014", matches[result.matches_claim]]]
        criteria = table_rows(root, "cp-criteria")
        assert [r[0] for r in criteria] == list(result.criteria.index)
        met = list(result.criteria.columns).index("met") + 1
        assert [r[met] for r in criteria] == ["yes" if m else "no" for m in result.criteria["met"]]
        assert len(table_rows(root, "cp-stages")) == len(result.stages)
        assert len(table_rows(root, "cp-evidence")) == min(len(result.evidence), 200)


def test_empty_network_never_raises():
    net = cp.Network()
    page = net._repr_html_()
    assert "0 stakeholders, 0 relations, 0 projects, 0 decisions" in page
    assert "<svg" not in page and "nothing to draw" in page
    assert_inert(page)
    parse(page)
    svg = parse(cp.display.svg(net))
    assert not by_class(svg, "circle", "stakeholder")


def test_failures_leave_out_their_part_only(monkeypatch):
    net = cp.examples.load("twam_partners_2013")

    def broken(*args, **kwargs):
        raise RuntimeError("broken")

    monkeypatch.setattr(display, "_positions", broken)
    monkeypatch.setattr(cp.ladder, "classify_all", broken)
    page = net._repr_html_()
    assert "<svg" not in page and "drawing could not be made (RuntimeError)" in page
    assert "computed type could not be read (RuntimeError)" in page
    assert table_rows(parse(page), "cp-projects") == [["reminiscence", "co-production"]]
    # Even a summary that fails shows the plain repr, escaped.
    monkeypatch.setattr(display, "_summary", broken)
    assert net._repr_html_() == f"<pre>{cp.display._html.text(repr(net))}</pre>"


def test_a_layout_missing_a_stakeholder_is_caught(monkeypatch):
    net = cp.examples.load("nml_collaboration_types")
    monkeypatch.setattr(display, "_positions", lambda n: ring_positions(n).iloc[1:])
    page = net._repr_html_()
    assert "<svg" not in page and "(ValueError)" in page
    with pytest.raises(ValueError, match=net.stakeholders.index[0]):
        cp.display.svg(net)


def test_markers_of_two_networks_do_not_collide(ring):
    a = cp.display.svg(cp.examples.load("twam_partners_2013"))
    b = cp.display.svg(cp.examples.load("nml_collaboration_types"))
    ids_a = {m.get("id") for m in parse(a).iter("marker")}
    ids_b = {m.get("id") for m in parse(b).iter("marker")}
    assert ids_a and ids_b and not ids_a & ids_b


def test_coalition_count_display():
    page = cp.power.minimal_winning_count([4, 4, 4, 2, 2, 1], 12)._repr_html_()
    assert "".join(parse(page).itertext()) == "4 minimal winning coalitions"
    bound = cp.power.CoalitionCount(1234567, False)._repr_html_()
    assert "1,234,567" in bound and "upper bound" in bound


def test_other_objects_are_refused():
    with pytest.raises(TypeError, match="DataFrame"):
        cp.display.html(pd.DataFrame())
