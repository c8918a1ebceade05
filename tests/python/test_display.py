"""The notebook display: what it draws is what the network holds, what a result's headline
says is what the result holds, it carries no script or request, it escapes every string, hides
free text unless asked, and never raises."""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from typing import Dict, List, Tuple

import numpy as np
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


# -- results: a headline, then the evidence ----------------------------------------------

TWAM = cp.examples.load("twam_partners_2013")
NML = cp.examples.load("nml_collaboration_types")


def results_of(net: cp.Network) -> Dict[str, object]:
    """Every kind of result with a display, computed on ``net``."""
    values = cp.power.decision_power(net, by="all")["all"]
    return {
        "scorecard": cp.audit.principles(net),
        "tokenism": cp.ladder.tokenism(net),
        "ladder": cp.ladder.classify_all(net),
        "decision_power": cp.power.decision_power(net),
        "power_by_stage": cp.power.power_by_stage(net),
        "power_all": cp.power.decision_power(net, by="all"),
        "bloc_power": cp.power.bloc_power(net, by="convenor"),
        "power_shares": cp.power.power_shares(net),
        "power_shares_role": cp.power.power_shares(net, by="role"),
        "veto_players": cp.power.veto_players(net),
        "ei_index": cp.metrics.ei_index(net, "role"),
        "brokerage": cp.metrics.brokerage(net, "role"),
        "theil": cp.metrics.theil_decomposition(values, by=net.stakeholders["role"]),
        "mld": cp.metrics.mld_decomposition(values + 0.01, by=net.stakeholders["convenor"]),
    }


FRAMES = ["scorecard", "tokenism", "ladder", "decision_power", "power_by_stage", "power_all",
          "bloc_power", "power_shares", "power_shares_role", "veto_players"]
KINDS = FRAMES + ["ei_index", "brokerage", "theil", "mld"]
RESULTS = {name: results_of(net) for name, net in (("twam", TWAM), ("nml", NML))}


def summary(page: str) -> Tuple[str, List[Tuple[str, float]]]:
    """The headline's text, and each of its numbers as shown with its exact value (the
    tooltip)."""
    found = by_class(parse(page), "div", "cp-summary")
    assert len(found) == 1
    spans = by_class(found[0], "span", "cp-n")
    return "".join(found[0].itertext()), [(s.text, float(s.get("title"))) for s in spans]


def shown(text: str) -> float:
    """A number as the headline shows it: a percentage, a true minus sign, thousands commas."""
    text = text.replace("\u2212", "-").replace(",", "")
    return float(text[:-1]) / 100 if text.endswith("%") else float(text)


def assert_numbers_consistent(numbers: List[Tuple[str, float]]) -> None:
    """Each number shown is its exact value rounded as shown."""
    for text, exact in numbers:
        decimals = len(text.rstrip("%").split(".")[1]) if "." in text else 0
        scale = 100 if text.endswith("%") else 1
        assert shown(text) == pytest.approx(round(exact * scale, decimals) / scale, abs=1e-12), \
            (text, exact)


@pytest.mark.parametrize("net_name", ["twam", "nml"])
@pytest.mark.parametrize("kind", KINDS)
def test_every_result_shows_a_headline_and_evidence(kind, net_name):
    result = RESULTS[net_name][kind]
    page = result._repr_html_()
    assert page == cp.display.html(result)
    assert_inert(page)
    root = parse(page)
    assert len(by_class(root, "div", "cp-result")) == 1
    text, numbers = summary(page)
    assert numbers and len(text) > 20
    assert_numbers_consistent(numbers)
    assert list(root.iter("table")), "the evidence"
    if kind in FRAMES:
        assert isinstance(result, pd.DataFrame)
        assert repr(result) == repr(pd.DataFrame(result))  # the plain repr is pandas' own


def test_scorecard_headline():
    for net in (TWAM, NML):
        card = cp.audit.principles(net)
        text, numbers = summary(card._repr_html_())
        # Counted here from the verdicts, independently of the display.
        tally = {v: 0 for v in cp.audit.VERDICTS}
        for verdict in card["verdict"]:
            tally[verdict] += 1
        assert [exact for _, exact in numbers] == [
            tally["meets"], len(cp.audit.PRINCIPLES), tally["partly"], tally["does not meet"],
            tally["not measurable from these data"]]
        assert text == (f"Scorecard: {tally['meets']} of 12 principles met, {tally['partly']} "
                        f"partly, {tally['does not meet']} not met, "
                        f"{tally['not measurable from these data']} not measurable")
    # The documented reading of the TWAM partnership (audit.principles' own example).
    assert summary(cp.audit.principles(TWAM)._repr_html_())[0] == \
        "Scorecard: 0 of 12 principles met, 7 partly, 2 not met, 3 not measurable"


def test_scorecard_evidence_table():
    card = cp.audit.principles(NML, "co_production")
    root = parse(card._repr_html_())
    rows = table_rows(root, "cp-scorecard-table")
    assert [r[0] for r in rows] == list(cp.audit.PRINCIPLES)
    for row, (name, expected) in zip(rows, card.iterrows()):
        assert row[1] == expected["verdict"]
        assert row[2] == ("\u2014" if pd.isna(expected["value"]) else f"{expected['value']:.3f}")
        assert row[4] == expected["evidence"]
        last = expected["needs"] if expected["verdict"] == cp.audit.NOT_MEASURABLE \
            else expected["threshold"]
        assert row[5] == last
    about = "".join(by_class(root, "div", "cp-about")[0].itertext())
    assert "project co_production" in about


def test_tokenism_headline_and_findings():
    for net in (TWAM, NML):
        found = cp.ladder.tokenism(net)
        page = found._repr_html_()
        text, numbers = summary(page)
        assert [exact for _, exact in numbers] == [len(found), len(set(found.index))]
        assert text == f"Tokenism: {len(found)} findings about {len(set(found.index))} stakeholders"
        root = parse(page)
        by_kind = {r[0]: (int(r[1]), int(r[2])) for r in table_rows(root, "cp-tokenism-kinds")}
        for kind, (count, people) in by_kind.items():
            rows = [sid for sid, k in zip(found.index, found["kind"]) if k == kind]
            assert (count, people) == (len(rows), len(set(rows)))
        assert sum(c for c, _ in by_kind.values()) == len(found)
        findings = table_rows(root, "cp-tokenism-findings")
        assert [r[0] for r in findings] == list(found.index)
        assert [r[-1] for r in findings] == list(found["evidence"])
        # A count shows whole, a gap with its decimals.
        for row, value in zip(findings, found["value"]):
            assert shown(row[-2]) == pytest.approx(value, abs=5e-4)


def test_empty_results_say_so():
    net = cp.Network()
    net.add_stakeholder("curator", convenor=True)
    net.add_stakeholder("panel")
    net.add_project("show")
    net.add_decision("d", project="show", stage="design", rights={"curator": "decides"})
    assert summary(cp.ladder.tokenism(net)._repr_html_())[0] == "Tokenism: no finding"
    assert summary(cp.power.veto_players(net)._repr_html_())[0].startswith(
        "Veto players: 1 veto in 1 decision, held by 1 stakeholder (1 convenor, 0 partners)")
    net.add_stakeholder("guest")
    net.add_project("open")
    net.add_decision("e", project="open", stage="delivery", rule="majority",
                     rights={"curator": "shared", "panel": "shared", "guest": "shared"})
    nobody = cp.power.veto_players(net, project="open")
    assert len(nobody) == 0
    assert summary(nobody._repr_html_())[0] == "Veto players: no decision has a veto player"
    ei = cp.metrics.ei_index(net, "role")
    assert summary(ei._repr_html_())[0] == "E-I index: no tie to read"
    broker = cp.metrics.brokerage(net, "role")
    assert summary(broker._repr_html_())[0] == \
        "Brokerage: no stakeholder brokers between two others"
    flat = cp.metrics.theil_decomposition([2, 2, 2], by=["a", "b", "b"])
    assert summary(flat._repr_html_())[0] == "Theil index: 0.000: everybody holds the same"
    for page in (ei._repr_html_(), broker._repr_html_(), flat._repr_html_(),
                 nobody._repr_html_()):
        assert_inert(page)


def test_ladder_headline_against_each_project_classified():
    for net in (TWAM, NML):
        table = cp.ladder.classify_all(net)
        # Independently: classify each project on its own.
        readings = [cp.ladder.classify(net, p) for p in net.projects.index]
        claimed = [r for r in readings if r.matches_claim is not None]
        agree = sum(bool(r.matches_claim) for r in claimed)
        text, numbers = summary(table._repr_html_())
        assert [exact for _, exact in numbers][:3] == [len(readings), agree, len(claimed)]
        rows = table_rows(parse(table._repr_html_()), "cp-ladder-table")
        assert [(r[0], r[1], r[2]) for r in rows] == [(r.project, r.type, r.claimed)
                                                      for r in readings]
        assert [r[3] for r in rows] == ["yes" if r.matches_claim else "no" for r in readings]
    assert summary(cp.ladder.classify_all(TWAM)._repr_html_())[0] == \
        "Ladder: 1 project; 0 of 1 claimed type matches the computed type"


def test_decision_power_headline_and_matrix():
    for net in (TWAM, NML):
        frame = cp.power.decision_power(net)
        page = frame._repr_html_()
        text, numbers = summary(page)
        # Independently: a stakeholder holds power somewhere exactly when its mean over all
        # decisions (computed by the core's aggregation, weights > 0) is above 0.
        mean = cp.power.decision_power(net, by="all")["all"]
        holders = [s for s in net.stakeholders.index if mean[s] > 0]
        n, m = frame.shape
        assert [exact for _, exact in numbers] == [len(holders), n, m, n - len(holders)]
        root = parse(page)
        rows = table_rows(root, "cp-power-table")
        assert sorted(r[0] for r in rows) == sorted(holders)
        for row in rows:  # every cell as the frame holds it, to the digits shown
            for column, cell in zip(frame.columns[:30], row[1:]):
                assert float(cell) == pytest.approx(frame.at[row[0], column], abs=5e-4)
        # Most power first.
        means = [frame.loc[r[0]].mean() for r in rows]
        assert means == sorted(means, reverse=True)
        none = "".join(by_class(root, "p", "cp-powerless")[0].itertext())
        assert none.startswith(f"Hold none ({n - len(holders)}): ")
        assert set(none.split(": ", 1)[1].split(", ")) == set(frame.index) - set(holders)
    overall = cp.power.decision_power(TWAM, by="all")
    text, numbers = summary(overall._repr_html_())
    column = overall["all"].to_numpy()
    top = overall.index[column.argmax()]
    assert text.startswith(f"Decision power: {top} holds the most, {column.max():.3f}; ")
    assert numbers[0][1] == column.max()
    stages = cp.power.power_by_stage(TWAM, weighted=False)
    about = "".join(by_class(parse(stages._repr_html_()), "div", "cp-about")[0].itertext())
    assert "mean over each stage's decisions, every decision counting once" in about
    assert "of 5 stages" in summary(stages._repr_html_())[0]


def test_wide_power_table_is_cut_and_says_so():
    from coproduction import _results
    wide = pd.DataFrame(np.eye(40)[:35], index=pd.Index([f"s{i}" for i in range(35)],
                                                         name="stakeholder"),
                        columns=pd.Index([f"d{i}" for i in range(40)], name="decision"))
    page = _results.wrap(_results.DecisionPower, wide, index="banzhaf", by="decision")._repr_html_()
    tables = by_class(parse(page), "table", "cp-power-table")
    assert len(list(tables[0].iter("th"))) == 1 + display._MAX_COLUMNS
    assert "10 more columns not shown" in page
    assert summary(page)[0].startswith("Decision power: 35 of 35 stakeholders hold power")


def partner_shares(net: cp.Network) -> Tuple[float, float]:
    """The partners' share of the power and of the people, computed here from the mean power
    by stakeholder and the stakeholders' columns."""
    st = net.stakeholders
    people = st.index[st["kind"] != "object"]
    power = cp.power.decision_power(net, by="all")["all"][people]
    partner = ~st["convenor"].fillna(False).astype(bool)[people]
    heads = st["size"].fillna(1)[people].astype(float)
    return float(power[partner].sum() / power.sum()), float(heads[partner].sum() / heads.sum())


def test_power_shares_headline():
    for net in (TWAM, NML):
        shares = cp.power.power_shares(net)
        power, people = partner_shares(net)
        text, numbers = summary(shares._repr_html_())
        assert [exact for _, exact in numbers] == pytest.approx([power, people, power / people],
                                                                abs=1e-12)
        assert text == (f"Power shares: partners hold {100 * power:.0f}% of decision power as "
                        f"{100 * people:.0f}% of the people (parity ratio {power / people:.2f})")
    # The numbers the scorecard's Equitable row reads for TWAM.
    assert summary(cp.power.power_shares(TWAM)._repr_html_())[0] == \
        "Power shares: partners hold 49% of decision power as 90% of the people (parity ratio 0.55)"
    by_role = cp.power.power_shares(TWAM, by="role")
    text, numbers = summary(by_role._repr_html_())
    largest, strongest = by_role["people"].idxmax(), by_role["power"].idxmax()
    assert text.startswith(f"Power shares: the largest group, {largest}, holds ")
    assert f"the most powerful, {strongest}, holds" in text
    assert [exact for _, exact in numbers] == pytest.approx(
        [*by_role.loc[largest, ["power", "people", "parity"]],
         *by_role.loc[strongest, ["power", "people", "parity"]]], abs=1e-15)
    rows = table_rows(parse(by_role._repr_html_()), "cp-power-shares-table")
    assert [r[0] for r in rows] == list(by_role.index)
    assert [int(r[4]) for r in rows] == list(by_role["stakeholders"])


def test_veto_players_headline():
    for net in (TWAM, NML):
        vetoes = cp.power.veto_players(net)
        text, numbers = summary(vetoes._repr_html_())
        holders = set(vetoes.index)
        # The convenor flag from the network itself, not from the table.
        flags = net.stakeholders["convenor"]
        convenors = {s for s in holders if pd.notna(flags[s]) and bool(flags[s])}
        named = sum(1 for flag in vetoes["named_in_rule"] if flag)
        assert [exact for _, exact in numbers] == [
            len(vetoes), len(set(vetoes["decision"])), len(holders), len(convenors),
            len(holders) - len(convenors), named, len(vetoes) - named]
        rows = table_rows(parse(vetoes._repr_html_()), "cp-veto-table")
        assert [(r[0], r[1]) for r in rows] == list(zip(vetoes.index, vetoes["decision"]))
    assert summary(cp.power.veto_players(TWAM)._repr_html_())[0] == (
        "Veto players: 10 vetoes in 7 decisions, held by 6 stakeholders (3 convenors, "
        "3 partners); 2 named in the rule, 8 following from it")


def simple_arcs(net: cp.Network) -> set:
    """The arcs of the simple graph of every relation, objects and self-loops left out."""
    people = set(net.stakeholders.index[net.stakeholders["kind"] != "object"])
    return {(s, t) for s, t in zip(net.relations["source"], net.relations["target"])
            if s != t and s in people and t in people}


def test_ei_headline_by_hand():
    for net in (TWAM, NML):
        group = net.stakeholders["convenor"].fillna(False).astype(bool).to_dict()
        arcs = simple_arcs(net)
        inside = sum(group[s] == group[t] for s, t in arcs)
        across = len(arcs) - inside
        result = cp.metrics.ei_index(net, "convenor")
        text, numbers = summary(result._repr_html_())
        assert [exact for _, exact in numbers][:3] == pytest.approx(
            [(across - inside) / (across + inside), inside, across], abs=1e-12)
        assert numbers[3][1] == pytest.approx(result.network["expected"], abs=1e-12)
        sign = "\u2212" if across < inside else "+"
        assert text.startswith(f"E-I index: {sign}{abs(across - inside) / len(arcs):.2f} "
                               f"({inside} ties inside groups, {across} across: ")
    assert summary(cp.metrics.ei_index(TWAM, "convenor")._repr_html_())[0] == (
        "E-I index: \u22120.07 (31 ties inside groups, 27 across: a few more inside); "
        "\u22120.46 expected at random among these groups, so ties cross groups more often "
        "than chance would have them")


def brokerage_by_hand(net: cp.Network, by: str) -> Dict[str, int]:
    """Gould-Fernandez role counts over the whole network, from the two-paths a -> v -> b
    with a != b and no arc a -> b."""
    arcs = simple_arcs(net)
    group = net.stakeholders[by].fillna("not coded").to_dict()
    out = {r: 0 for r in ("coordinator", "itinerant", "representative", "gatekeeper", "liaison")}
    successors: Dict[str, List[str]] = {}
    for s, t in arcs:
        successors.setdefault(s, []).append(t)
    for a, v in arcs:
        for b in successors.get(v, []):
            if b == a or (a, b) in arcs:
                continue
            ga, gv, gb = group[a], group[v], group[b]
            role = ("coordinator" if ga == gv == gb else "itinerant" if ga == gb != gv
                    else "representative" if ga == gv != gb else "gatekeeper" if gv == gb != ga
                    else "liaison")
            out[role] += 1
    return out


def test_brokerage_headline_by_hand():
    for net in (TWAM, NML):
        counts = brokerage_by_hand(net, "role")
        result = cp.metrics.brokerage(net, "role")
        text, numbers = summary(result._repr_html_())
        top = max(counts, key=lambda r: counts[r])
        assert numbers[0][1] == sum(counts.values())
        assert numbers[1][1] == pytest.approx(result.network.at["total", "z"], abs=1e-12)
        assert f"most as {top}, {counts[top]} (z = " in text
        assert numbers[2][1] == counts[top]
        brokers = table_rows(parse(result._repr_html_()), "cp-brokerage-brokers")
        totals = [int(r[6]) for r in brokers]
        assert totals == sorted(totals, reverse=True) and sum(totals) == sum(counts.values())


def test_decomposition_headline_by_hand():
    values, groups = [1.0, 2.0, 3.0, 4.0], ["user", "user", "staff", "staff"]
    mean = sum(values) / 4
    total = sum(x / mean * math.log(x / mean) for x in values) / 4
    # Between: everybody holds their group's mean.
    means = {"user": 1.5, "staff": 3.5}
    between = sum(means[g] / mean * math.log(means[g] / mean) for g in groups) / 4
    result = cp.metrics.theil_decomposition(values, by=groups)
    text, numbers = summary(result._repr_html_())
    assert [exact for _, exact in numbers] == pytest.approx(
        [total, between / total, between, (total - between) / total, total - between],
        abs=1e-12)
    assert text == "Theil index: 0.106 in all: 77% between groups (0.082), 23% within them (0.024)"
    rows = table_rows(parse(result._repr_html_()), "cp-decomposition-groups")
    assert [r[0] for r in rows] == list(result.groups.index)


def hostile_network() -> cp.Network:
    """Ids, roles, projects and decisions that are markup, with power, vetoes, findings and
    labels (free text that must not show)."""
    net = cp.Network(metadata={"title": HOSTILE})
    net.add_stakeholder(HOSTILE, kind="group", role="<b>role</b>", label="<i>secret one</i>",
                        convenor=True, paid=True, size=3, influence=1.0, expertise="lived",
                        under_served=True)
    net.add_stakeholder("a&b", role='"quoted"', label="<i>secret two</i>", paid=False,
                        influence=5.0)
    net.add_stakeholder("c'd", role="<b>role</b>", paid=False, influence=2.0)
    net.add_project("<i>p</i>", claimed="co-production", label="<u>secret project</u>")
    net.add_decision("<d1>", project="<i>p</i>", stage="design", rule="sole",
                     rights={HOSTILE: "decides", "c'd": "consulted"}, label="<u>secret d</u>")
    net.add_decision("<d2>", project="<i>p</i>", stage="delivery", rule="majority",
                     rights={HOSTILE: "shared", "a&b": "shared"})
    net.add_relation(HOSTILE, "a&b", "informs")
    net.add_relation("a&b", "c'd", "trusts")
    net.add_relation("c'd", HOSTILE, "learns_from")
    net.add_relation("a&b", HOSTILE, "informs")
    return net


SECRETS = ["<i>secret one</i>", "<i>secret two</i>", "<u>secret project</u>", "<u>secret d</u>"]


@pytest.mark.parametrize("kind", KINDS)
def test_results_escape_hostile_strings_and_hide_labels(kind):
    import html as std_html
    net = hostile_network()
    result = results_of(net)[kind]
    for show in (False, True):
        page = cp.display.html(result, show_labels=show)
        assert_inert(page)
        assert "<script>" not in page and "<b>" not in page and "<d1>" not in page
        text = "".join(parse(page).itertext())
        shown_labels = [s for s in SECRETS if s in text or std_html.escape(s) in page]
        if show and kind == "ladder":
            assert shown_labels == ["<u>secret project</u>"]  # asked for: the project's label
        else:
            assert shown_labels == []
    text = "".join(parse(result._repr_html_()).itertext())
    hostile_ids = {"scorecard": ["<d1>"], "tokenism": ["c'd", "<d1>"], "ladder": ["<i>p</i>"],
                   "ei_index": [HOSTILE, "<b>role</b>"], "brokerage": [HOSTILE, "<b>role</b>"],
                   "theil": ["<b>role</b>"], "mld": [], "power_shares": [],
                   "power_shares_role": ["<b>role</b>", '"quoted"']}.get(kind, [HOSTILE])
    for value in hostile_ids:  # read back as the data's own characters
        assert value in text, value


def test_results_hide_the_labels_of_the_examples():
    import html as std_html
    secrets = [lab for frame in (TWAM.stakeholders, TWAM.projects, TWAM.decisions)
               for lab in frame["label"].dropna() if lab not in TWAM]
    assert len(secrets) > 30
    for kind, result in RESULTS["twam"].items():
        page = result._repr_html_()
        for lab in secrets:
            assert lab not in page and std_html.escape(lab) not in page, (kind, lab)
    ladder = RESULTS["twam"]["ladder"]
    label = TWAM.projects.at["reminiscence", "label"]
    assert std_html.escape(label) in cp.display.html(ladder, show_labels=True)
    assert table_rows(parse(cp.display.html(ladder, show_labels=True)),
                      "cp-ladder-table")[0][:2] == ["reminiscence", label]


@pytest.mark.parametrize("kind", FRAMES)
def test_result_frames_are_dataframes_in_every_other_way(kind):
    import pickle
    result = RESULTS["twam"][kind]
    plain = pd.DataFrame(result, copy=True)
    assert type(plain) is pd.DataFrame
    # Compared with a plain frame of the same data, in either order; a change is caught.
    pd.testing.assert_frame_equal(result, plain)
    pd.testing.assert_frame_equal(plain, result)
    assert result.equals(plain) and plain.equals(result)
    if len(result):
        changed = plain.copy()
        column = next(c for c in changed.columns if pd.api.types.is_float_dtype(changed[c])
                      or pd.api.types.is_string_dtype(changed[c]))
        changed.loc[changed.index[0], column] = \
            99.5 if pd.api.types.is_float_dtype(changed[column]) else "changed"
        with pytest.raises(AssertionError):
            pd.testing.assert_frame_equal(result, changed)
        with pytest.raises(AssertionError):
            pd.testing.assert_frame_equal(changed, result)
    # Pickled and read back: the same class, data, attrs and display.
    back = pickle.loads(pickle.dumps(result))
    assert type(back) is type(result)
    pd.testing.assert_frame_equal(back, result)
    assert back.attrs == result.attrs and back._cp_context == result._cp_context
    assert back._repr_html_() == result._repr_html_()
    # Whatever is derived from a result is a plain frame with pandas' own display.
    for derived in (result.head(), result.copy(), result.iloc[:1], result[result.columns[:1]],
                    result.sort_index(), result.reset_index()):
        assert type(derived) is pd.DataFrame
        page = derived._repr_html_()
        assert page == pd.DataFrame._repr_html_(derived)
        assert 'class="dataframe"' in page and "cp-summary" not in page
        with pytest.raises(TypeError, match="DataFrame"):
            cp.display.html(derived)
    assert type(result.iloc[:, 0]) is pd.Series
    # The functions' other users see the same frame as before.
    assert result.attrs == ({"project": None} if kind == "scorecard" else {})


def test_other_results_keep_their_classes():
    from coproduction.metrics import InequalityDecomposition
    from coproduction.metrics.edges import Brokerage, EIIndex
    assert type(RESULTS["twam"]["ei_index"]) is EIIndex
    assert type(RESULTS["twam"]["brokerage"]) is Brokerage
    assert type(RESULTS["twam"]["theil"]) is InequalityDecomposition


def test_a_result_whose_summary_fails_shows_its_table(monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("broken")

    monkeypatch.setattr(display, "_scorecard_html", broken)
    monkeypatch.setattr(display, "_ladder_types_html", broken)
    monkeypatch.setattr(display, "_ei_html", broken)
    card = RESULTS["twam"]["scorecard"]
    page = card._repr_html_()
    assert "summary could not be made (RuntimeError)" in page
    assert [r[0] for r in table_rows(parse(page), "cp-plain")] == list(card.index)
    assert_inert(page)
    ladder = RESULTS["twam"]["ladder"]
    label = TWAM.projects.at["reminiscence", "label"]
    assert label not in ladder._repr_html_()  # the bare table hides the labels as well
    page = RESULTS["twam"]["ei_index"]._repr_html_()
    assert page.endswith("</pre>") and "EIIndex(" in page


def test_long_results_are_cut_and_say_so():
    from coproduction import _results
    groups = pd.Index([f"g{i:03d}" for i in range(250)], name="group")
    shares = pd.DataFrame({"power": np.full(250, 1 / 250), "stakeholders": np.ones(250, int),
                           "people": np.full(250, 1 / 250), "parity": np.ones(250)},
                          index=groups)
    page = _results.wrap(_results.PowerShares, shares, by=None)._repr_html_()
    assert len(table_rows(parse(page), "cp-power-shares-table")) == display._MAX_ROWS
    assert "50 more rows not shown" in page
    vetoes = cp.power.veto_players(TWAM)
    many = pd.concat([vetoes] * 30)
    page = _results.wrap(_results.VetoPlayers, many)._repr_html_()
    assert len(table_rows(parse(page), "cp-veto-table")) == display._MAX_ROWS
    assert f"{len(many) - display._MAX_ROWS} more rows not shown" in page
    assert summary(page)[1][0][1] == len(many)  # the headline counts every row
