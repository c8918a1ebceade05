"""The HTML report (cp.report): every section present on the bundled examples and on networks
that record almost nothing, every number the public API's own, nothing fetched from
anywhere, free text only when asked, hostile ids escaped, the same bytes for the same data,
files written atomically, bad arguments refused by name.

Pages are read back with xml.etree (the report is well-formed XML), not searched as text:
numbers come from each cell's ``data-value`` (and its shown text), sections and tables by
their ids and classes."""

from __future__ import annotations

import inspect
import json
import math
import os
import re
import stat
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Dict, List

import pandas as pd
import pytest

import coproduction as cp
from coproduction import _report

SECTIONS = ["summary", "power", "ladder", "tokenism", "scorecard", "structure", "data",
            "sources"]
DATE = "2024-01-31"
SVG = "{http://www.w3.org/2000/svg}"
XLINK = "{http://www.w3.org/1999/xlink}"
HOSTILE = "<script>alert(1)</script>"


# -- reading a page back -------------------------------------------------------------------


def parse(page: str) -> ET.Element:
    return ET.fromstring(page)


def section(root: ET.Element, key: str) -> ET.Element:
    found = [s for s in root.iter("section") if s.get("id") == key]
    assert len(found) == 1, f"section {key!r} appears {len(found)} times"
    return found[0]


def words(element: ET.Element) -> str:
    return re.sub(r"\s+", " ", "".join(element.itertext())).strip()


def tables(root: ET.Element, css: str) -> List[ET.Element]:
    return [t for t in root.iter("table") if t.get("class") == css]


def table_rows(root: ET.Element, css: str) -> List[List[ET.Element]]:
    found = tables(root, css)
    assert len(found) == 1, f"table {css!r} appears {len(found)} times"
    return [list(tr.iter("td")) for tr in found[0].find("tbody")]


def header(root: ET.Element, css: str) -> List[str]:
    return [words(th) for th in tables(root, css)[0].iter("th")]


def number(td: ET.Element) -> float:
    """A number cell's exact value, after checking that its text shows that value."""
    assert td.get("class") == "num", words(td)
    value = float(td.get("data-value"))
    shown = words(td)
    if math.isnan(value):
        assert shown == "\u2014"
    else:
        decimals = len(shown.split(".")[1]) if "." in shown else 0
        assert shown == f"{value:.{decimals}f}"
    return value


def same(a: float, b: float) -> bool:
    """Equal, NaN equal to NaN: the report shows the API's own float, not a recomputation."""
    return (math.isnan(a) and math.isnan(b)) or a == b


@pytest.fixture(scope="module")
def twam() -> cp.Network:
    return cp.examples.load("twam_partners_2013")


@pytest.fixture(scope="module")
def pages() -> Dict[str, str]:
    return {name: cp.report(cp.examples.load(name), date=DATE) for name in cp.examples.names()}


def small_networks() -> Dict[str, cp.Network]:
    one = cp.Network()
    one.add_stakeholder("only", kind="person", role="service_user")
    no_relations = cp.Network()
    no_relations.add_stakeholder("museum", kind="group", role="museum_staff", convenor=True)
    no_relations.add_stakeholder("users", kind="group", role="service_user", size=12)
    no_relations.add_project("trail", claimed="co-design")
    no_relations.add_decision("route", project="trail", stage="design", rule="unanimity",
                              rights={"museum": "shared", "users": "shared"})
    doc = json.loads(cp.examples.text("twam_partners_2013"))
    doc["decisions"] = []
    no_decisions = cp.read_json(json.dumps(doc))
    return {"empty": cp.Network(), "one_stakeholder": one, "no_relations": no_relations,
            "no_decisions": no_decisions}


# -- structure -----------------------------------------------------------------------------


@pytest.mark.parametrize("name", cp.examples.names())
def test_every_section_is_present_in_order_and_says_something(pages, name):
    root = parse(pages[name])
    assert [s.get("id") for s in root.iter("section")] == SECTIONS
    for key in SECTIONS:
        part = section(root, key)
        assert part.find("h2") is not None
        # Each section holds prose and at least one table, list or figure of its own.
        assert len(words(part)) > 300, key
        assert any(part.iter(tag) for tag in ("table", "ul", "ol", "figure")), key
    assert root.find(".//footer[@id='settings']") is not None
    # Every id of the page (the sections, the charts, the markers of the drawing) is unique.
    ids = [e.get("id") for e in root.iter() if e.get("id") is not None]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("name", cp.examples.names())
def test_the_charts_are_inline_svg_when_matplotlib_is_there(pages, name):
    pytest.importorskip("matplotlib")
    root = parse(pages[name])
    charts = {f.get("id") for f in root.iter("figure")
              if f.find(f"{SVG}svg") is not None}
    assert charts == {"chart-power-shares", "chart-lorenz", "chart-ladder",
                      "chart-centralization"}
    drawing = [f for f in root.iter("figure") if f.get("id") == "network-drawing"]
    assert len(drawing) == 1 and drawing[0].find("svg") is not None
    for figure in root.iter("figure"):
        assert words(figure.find("figcaption"))


def test_without_matplotlib_the_report_says_how_to_get_charts_and_keeps_the_tables(
        twam, monkeypatch):
    monkeypatch.setitem(sys.modules, "matplotlib", None)  # import matplotlib now fails
    monkeypatch.delitem(sys.modules, "coproduction.plot", raising=False)
    root = parse(cp.report(twam, date=DATE))
    assert not [e for e in root.iter() if "cp-chart" in (e.get("class") or "")]
    for key in ("power", "ladder", "structure"):
        assert "pip install coproduction[plot]" in words(section(root, key))
    assert table_rows(root, "cp-power-shares")
    assert table_rows(root, "cp-structure")
    # The drawing of the network needs no matplotlib.
    assert any(f.get("id") == "network-drawing" for f in root.iter("figure"))


# -- one quantity, one number --------------------------------------------------------------


@pytest.mark.parametrize("name", cp.examples.names())
@pytest.mark.parametrize("by", ["role", "convenor", "expertise"])
@pytest.mark.parametrize("k", [None, 1, 3, 30])
def test_power_shares_are_the_apis(name, by, k):
    net = cp.examples.load(name)
    root = parse(cp.report(net, by=by, date=DATE, **({} if k is None else {"k": k})))
    # Groups of fewer than k people (5 by default) pooled as cp.privacy pools them; k=1 is
    # the analysis function's own table.
    expected = cp.privacy.power_shares(net, by, k=5 if k is None else k)
    if k == 1:
        pd.testing.assert_frame_equal(pd.DataFrame(expected), cp.power.power_shares(net, by),
                                      check_index_type=False)
    rows = table_rows(root, "cp-power-shares")
    assert [words(r[0]) for r in rows] == [str(g) for g in expected.index]
    for cells, (_, want) in zip(rows, expected.iterrows()):
        assert number(cells[1]) == want["stakeholders"]
        assert same(number(cells[2]), want["people"])
        assert same(number(cells[3]), want["power"])
        assert same(number(cells[4]), want["parity"])
    sides = cp.privacy.power_shares(net, "convenor", k=5 if k is None else k)
    note = expected.attrs["small_groups"]
    said = [words(n) for n in section(root, "power").iter("p") if "merged into" in words(n)]
    assert len(said) == (1 if note["groups"] else 0)
    if note["groups"]:
        assert note["note"] in said[0] and f"k={5 if k is None else k}" in said[0]
    if by != "convenor":
        rows = table_rows(root, "cp-power-sides")
        assert {words(r[0]): number(r[4]) for r in rows} == sides["parity"].to_dict()


@pytest.mark.parametrize("name", cp.examples.names())
def test_gini_holders_and_convenor_share_are_the_apis(name):
    net = cp.examples.load(name)
    root = parse(cp.report(net, date=DATE))
    power = cp.power.decision_power(net, by="all")["all"]
    people = power[(net.stakeholders["kind"].astype(str) != "object").to_numpy()]
    gini = next(e for e in root.iter("span") if e.get("class") == "cp-gini")
    assert float(gini.get("data-value")) == cp.metrics.gini(people.to_numpy())
    carried = next(e for e in root.iter("span") if e.get("class") == "cp-carried")
    assert float(carried.get("data-value")) == cp.power.convenor_carried_share(net)
    # Each holder's share of the power, by hand: mean power over the people's total.
    shares = people / people.sum()
    rows = table_rows(root, "cp-power-holders")
    assert rows, "somebody holds power"
    # A role held by fewer than 5 people, counted by hand (a group counts its size), is
    # shown as the pooled group, so the holders' table does not undo the pooling.
    heads = net.stakeholders.loc[people.index].assign(
        n=lambda f: f["size"].fillna(1), r=lambda f: f["role"].fillna("not coded"))
    counts = heads.groupby("r")["n"].sum().sort_values(kind="stable")
    small = set(counts.index[counts < 5])
    # A pool of fewer than 5 people is itself too small: the smallest other groups join it.
    for role, n in counts.items():
        if not small or counts[list(small)].sum() >= 5:
            break
        small.add(role)
    pooled = cp.privacy.power_shares(net, "role").attrs["small_groups"]["label"]
    for cells in rows:
        sid = words(cells[0])
        assert number(cells[2]) == pytest.approx(shares[sid], abs=1e-12)
        role = heads.at[sid, "r"]
        assert words(cells[1]) == (pooled if role in small else str(role))
    shown = [number(c[2]) for c in rows]
    assert shown == sorted(shown, reverse=True)
    holding = int((people > 0).sum())
    assert len(rows) == min(15, holding)
    assert f"{len(people) - holding} of the people hold no decision power" in \
        words(section(root, "power"))


def test_the_partners_parity_is_one_number_in_the_power_section_and_the_scorecard(twam):
    root = parse(cp.report(twam, date=DATE))
    parity = {words(r[0]): number(r[4]) for r in table_rows(root, "cp-power-sides")}
    card = {words(r[0]): r for r in table_rows(root, "cp-scorecard")}
    assert number(card["Equitable"][2]) == parity["partner"]
    assert parity["partner"] == cp.power.power_shares(twam, "convenor").at["partner", "parity"]
    assert parity["partner"] == cp.audit.principles(twam).at["Equitable", "value"]


@pytest.mark.parametrize("name", cp.examples.names())
def test_the_scorecard_is_the_apis(name):
    net = cp.examples.load(name)
    root = parse(cp.report(net, date=DATE))
    card = cp.audit.principles(net)
    rows = table_rows(root, "cp-scorecard")
    assert [words(r[0]) for r in rows] == list(cp.audit.PRINCIPLES)
    for cells, (_, want) in zip(rows, card.iterrows()):
        assert words(cells[1]) == want["verdict"]
        assert same(number(cells[2]), want["value"])
        assert words(cells[3]) == want["indicator"]
    # No path into a source tree reaches the reader.
    assert "docs/" not in words(section(root, "scorecard"))


@pytest.mark.parametrize("name", cp.examples.names())
def test_the_ladder_is_the_apis(name):
    net = cp.examples.load(name)
    root = parse(cp.report(net, date=DATE))
    every = cp.ladder.classify_all(net)
    summary = table_rows(root, "cp-projects")
    assert [[words(c) for c in r[:3]] for r in summary] == \
        [[pid, str(row["claimed"]), str(row["type"])] for pid, row in every.iterrows()]
    criteria = tables(root, "cp-ladder-criteria")
    assert len(criteria) == len(every)
    for table, project in zip(criteria, every.index):
        result = cp.ladder.classify(net, project)
        rows = [list(tr.iter("td")) for tr in table.find("tbody")]
        assert [words(r[0]) for r in rows] == list(result.criteria.index)
        for cells, (_, want) in zip(rows, result.criteria.iterrows()):
            assert words(cells[2]) == ("yes" if want["met"] else "no")
            assert same(number(cells[3]), want["value"])
            assert same(number(cells[4]), want["threshold"])
    for table, project in zip(tables(root, "cp-ladder-decisions"), every.index):
        decisions = cp.ladder.classify(net, project).decisions
        rows = [list(tr.iter("td")) for tr in table.find("tbody")]
        assert [words(r[0]) for r in rows] == list(decisions.index)
        assert [number(r[4]) for r in rows] == list(decisions["partner_power"])


@pytest.mark.parametrize("name", cp.examples.names())
def test_tokenism_is_the_apis(name):
    net = cp.examples.load(name)
    root = parse(cp.report(net, date=DATE))
    found = cp.ladder.tokenism(net)
    rows = table_rows(root, "cp-tokenism")
    assert [(words(r[0]), words(r[1])) for r in rows] == \
        [(sid, kind.replace("_", " ")) for sid, kind in zip(found.index, found["kind"])]
    values = [number(r[-2]) for r in rows]
    assert values == list(found["value"])
    assert f"{len(found)} signs of tokenism found" in words(section(root, "summary"))


@pytest.mark.parametrize("name", cp.examples.names())
def test_structure_is_the_apis(name):
    net = cp.examples.load(name)
    root = parse(cp.report(net, date=DATE))
    summary = cp.metrics.summary(net)
    rows = table_rows(root, "cp-structure")
    assert [words(r[0]) for r in rows] == list(summary.index)
    columns = ["relations", "density", "reciprocity", "degree_centralization",
               "betweenness_centralization", "closeness_centralization"]
    for cells, (_, want) in zip(rows, summary.iterrows()):
        assert all(same(number(c), float(want[k])) for c, k in zip(cells[1:], columns))
    scales = [s for s in ("session", "institution", "place")
              if (net.relations["scale"].astype(object) == s).any()]
    rows = table_rows(root, "cp-structure-scales")
    assert [words(r[0]) for r in rows] == scales
    for cells, scale in zip(rows, scales):
        want = cp.metrics.summary(net, {"all": None}, scale=scale).iloc[0]
        assert all(same(number(c), float(want[k])) for c, k in zip(cells[1:], columns))


@pytest.mark.parametrize("name", cp.examples.names())
def test_the_data_section_counts_what_is_not_coded(name):
    net = cp.examples.load(name)
    root = parse(cp.report(net, date=DATE))
    people = net.stakeholders[net.stakeholders["kind"].astype(str) != "object"]
    counts = {words(r[0]): (number(r[1]), number(r[2]))
              for r in table_rows(root, "cp-uncoded")}
    for field in ("role", "convenor", "expertise", "under_served", "paid", "influence",
                  "sector"):
        missing = sum(1 for v in people[field] if v is None or pd.isna(v))  # by hand
        assert counts[field] == (missing, len(people)), field
    groups = people[people["kind"].astype(str) == "group"]
    assert counts["size"] == (sum(1 for v in groups["size"] if pd.isna(v)), len(groups))
    provenance = {words(r[0]): number(r[1]) for r in table_rows(root, "cp-provenance")}
    rel = net.relations
    assert provenance["who reported it (reported_by)"] == rel["reported_by"].notna().sum()
    assert provenance["when (date)"] == rel["date"].notna().sum()
    assert provenance["a scale (session, institution, place)"] == rel["scale"].notna().sum()


@pytest.mark.parametrize("settings", [
    {"project": "co_design"}, {"index": "shapley_shubik"}, {"weighted": False},
    {"by": "convenor", "project": "co_production", "weighted": False}])
def test_settings_reach_every_number(settings):
    net = cp.examples.load("nml_collaboration_types")
    root = parse(cp.report(net, date=DATE, **settings))
    index = settings.get("index", "banzhaf")
    weighted = settings.get("weighted", True)
    project = settings.get("project")
    by = settings.get("by", "role")
    expected = cp.privacy.power_shares(net, by, index=index, weighted=weighted,
                                       project=project)
    rows = table_rows(root, "cp-power-shares")
    assert {words(r[0]): number(r[3]) for r in rows} == expected["power"].to_dict()
    config = cp.audit.PrinciplesConfig(index=index, weighted=weighted)
    card = cp.audit.principles(net, project, config=config)
    shown = [number(r[2]) for r in table_rows(root, "cp-scorecard")]
    assert all(same(a, b) for a, b in zip(shown, card["value"]))
    carried = next(e for e in root.iter("span") if e.get("class") == "cp-carried")
    assert float(carried.get("data-value")) == cp.power.convenor_carried_share(
        net, project=project, weighted=weighted)
    ladders = tables(root, "cp-ladder-headline")
    assert len(ladders) == (1 if project else net.num_projects)


# -- nothing fetched, nothing run ----------------------------------------------------------


def assert_self_contained(page: str) -> None:
    root = parse(page)
    names = {e.tag.split("}")[-1].lower() for e in root.iter()}
    # (SVG's <use> is allowed: it refers to a shape defined in the same drawing, checked below.)
    assert not names & {"script", "link", "iframe", "object", "embed", "img", "image", "base",
                        "audio", "video", "source", "foreignobject", "form"}
    for element in root.iter():
        for name, value in element.attrib.items():
            local = name.split("}")[-1].lower()
            assert not local.startswith("on"), (element.tag, name)  # no event handler
            if local in ("href", "src", "action", "formaction", "data", "poster"):
                assert value.startswith("#"), (element.tag, name, value)
            assert "url(" not in value.replace("url(#", ""), (element.tag, name, value)
    styles = " ".join(e.text or "" for e in root.iter("style"))
    assert "@import" not in styles and "url(" not in styles
    # The only URLs are the SVG and XLink namespace names, which nothing fetches.
    assert set(re.findall(r"\w+://[^\s\"'<>)]*", page)) <= {"http://www.w3.org/2000/svg",
                                                            "http://www.w3.org/1999/xlink"}
    assert "<!DOCTYPE svg" not in page and "<?xml" not in page and "<metadata" not in page


@pytest.mark.parametrize("name", cp.examples.names())
def test_the_page_fetches_nothing_and_runs_nothing(pages, name):
    assert_self_contained(pages[name])
    assert pages[name].startswith("<!DOCTYPE html>\n<html")


def test_the_check_of_self_containment_can_fail(pages):
    page = pages["twam_partners_2013"]
    for bad in ('<img src="https://example.org/x.png"/>', "<script>1</script>",
                '<a href="http://example.org">x</a>', '<p style="background:url(x.png)">x</p>',
                '<p onclick="x()">x</p>'):
        with pytest.raises(AssertionError):
            assert_self_contained(page.replace("<main>", "<main>" + bad, 1))


def test_print_styles_keep_figures_and_tables_whole_on_a4(pages):
    style = next(parse(pages["twam_partners_2013"]).iter("style")).text
    printing = style[style.index("@media print"):]
    assert "size:A4" in printing
    assert re.search(r"table,figure[^{]*\{[^}]*break-inside:avoid", printing)
    assert "background:#fff" in printing
    # No dark background anywhere: every background colour of the style sheet is light.
    for colour in re.findall(r"background:(#[0-9a-fA-F]{3,6})", style):
        digits = colour[1:] if len(colour) == 7 else "".join(c * 2 for c in colour[1:])
        assert min(int(digits[i:i + 2], 16) for i in (0, 2, 4)) >= 0xc0, colour


# -- free text and hostile strings ---------------------------------------------------------


def without_sources(page: str) -> str:
    """The page without its bibliography, whose titles are the library's own text (the TWAM
    example's organisation bears the name of the institution a source document is by)."""
    start = page.index('<section id="sources">')
    return page[:start] + page[page.index("</section>", start):]


def test_labels_and_free_text_only_when_asked(twam):
    plain = without_sources(cp.report(twam, date=DATE))
    labelled = cp.report(twam, date=DATE, show_labels=True)
    parse(labelled)
    labelled = without_sources(labelled)
    stakeholder_labels = [v for v in twam.stakeholders["label"] if isinstance(v, str)]
    project_labels = [v for v in twam.projects["label"] if isinstance(v, str)]
    decision_labels = [v for v in twam.decisions["label"] if isinstance(v, str)]
    title = twam.metadata["title"]
    for label in stakeholder_labels + project_labels + decision_labels + [title]:
        assert ET.fromstring(f"<p>{cp._html.text(label)}</p>").text == label
        assert cp._html.text(label) not in plain, label
    for label in stakeholder_labels + project_labels + [title]:
        assert cp._html.text(label) in labelled, label
    # Attributes are never shown, with or without labels.
    attribute_texts = [v for attrs in twam.stakeholders["attributes"] if isinstance(attrs, dict)
                       for v in attrs.values() if isinstance(v, str) and len(v) > 30]
    assert attribute_texts
    for text in attribute_texts:
        assert cp._html.text(text) not in plain and cp._html.text(text) not in labelled


def hostile_network() -> cp.Network:
    net = cp.Network()
    net.add_stakeholder(HOSTILE, kind="group", role=HOSTILE, convenor=True, size=3,
                        label="SECRET LABEL", attributes={"note": "SECRET ATTRIBUTE"})
    net.add_stakeholder("ctl\x01\x1b[2J", kind="person", role="service_user$\\frac$",
                        paid=False)
    net.add_stakeholder("c&d", kind="person", role="carer", paid=True, convenor=True)
    net.add_relation(HOSTILE, "ctl\x01\x1b[2J", "informs", reported_by="SECRET REPORTER",
                     method="secret_method", scale="session")
    net.add_relation("ctl\x01\x1b[2J", HOSTILE, "trusts")
    net.add_project(HOSTILE, claimed="co-production", label="SECRET PROJECT")
    net.add_decision("<d>", project=HOSTILE, stage="design", rule="majority",
                     rights={HOSTILE: "shared", "ctl\x01\x1b[2J": "shared", "c&d": "shared"})
    return net


def test_hostile_strings_are_escaped_and_the_page_still_parses():
    net = hostile_network()
    for labels in (False, True):
        page = cp.report(net, date=DATE, show_labels=labels)
        root = parse(page)  # control characters replaced: still well-formed
        assert not [e for e in root.iter() if e.tag.split("}")[-1].lower() == "script"]
        assert "<script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
        assert "\x01" not in page and "\x1b" not in page
        assert [words(r[0]) for r in table_rows(root, "cp-projects")] == [HOSTILE]
        assert_self_contained(page)
        assert ("SECRET LABEL" in page) == labels and ("SECRET PROJECT" in page) == labels
        assert "SECRET ATTRIBUTE" not in page and "SECRET REPORTER" not in page
        assert ("secret_method" in page) == labels


# -- determinism and files -----------------------------------------------------------------


def test_the_same_data_and_date_give_the_same_bytes(twam):
    first = cp.report(twam, date=DATE)
    assert cp.report(twam.copy(), date=DATE) == first
    # And in another interpreter, with another hash seed.
    code = ("import sys, coproduction as cp; sys.stdout.buffer.write(cp.report("
            "cp.examples.load('twam_partners_2013'), date='2024-01-31').encode())")
    root = str(Path(cp.__file__).resolve().parents[1])
    env = {**os.environ, "PYTHONHASHSEED": "12345",
           "PYTHONPATH": os.pathsep.join([root, os.environ.get("PYTHONPATH", "")])}
    other = subprocess.run([sys.executable, "-c", code], capture_output=True, env=env,
                           check=True).stdout.decode("utf-8")
    assert other == first
    assert cp.report(twam, date="2024-02-01") != first


def test_the_date_defaults_to_today_in_iso_form(twam):
    import datetime

    today = datetime.date.today().isoformat()
    root = parse(cp.report(cp.Network()))
    assert f"on {today}. Every setting" in words(root.find(".//footer"))
    assert cp.report(cp.Network(), date=datetime.date(2024, 1, 31)) == \
        cp.report(cp.Network(), date=DATE)


def test_a_path_writes_the_page_and_returns_the_path(twam, tmp_path):
    target = tmp_path / "report.html"
    written = cp.report(twam, str(target), date=DATE)
    assert isinstance(written, Path) and written == target
    assert target.read_text(encoding="utf-8") == cp.report(twam, date=DATE)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.html"]


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
@pytest.mark.parametrize("mode", [0o600, 0o640, 0o444])
def test_an_existing_file_keeps_its_permissions(mode, tmp_path):
    target = tmp_path / "private.html"
    target.write_text("old")
    target.chmod(mode)
    cp.report(cp.Network(), target, date=DATE)
    assert stat.S_IMODE(target.stat().st_mode) == mode
    assert target.read_text(encoding="utf-8") == cp.report(cp.Network(), date=DATE)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["private.html"]


@pytest.mark.skipif(os.name != "posix", reason="POSIX symbolic links")
def test_a_write_through_a_symlink_replaces_the_file_it_names(tmp_path):
    real, link = tmp_path / "real.html", tmp_path / "link.html"
    real.write_text("old")
    link.symlink_to(real)
    cp.report(cp.Network(), link, date=DATE)
    assert link.is_symlink() and real.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_a_file_that_cannot_be_written_raises_oserror_and_leaves_nothing(tmp_path):
    with pytest.raises(OSError, match="absent"):
        cp.report(cp.Network(), tmp_path / "absent" / "report.html", date=DATE)
    with pytest.raises(OSError):
        cp.report(cp.Network(), tmp_path, date=DATE)  # a directory
    assert list(tmp_path.iterdir()) == []


# -- settings in the footer ----------------------------------------------------------------


def settings_of(root: ET.Element) -> Dict[str, str]:
    return {tr.get("data-setting"): words(list(tr.iter("td"))[1])
            for tr in root.find(".//footer").iter("tr") if tr.get("data-setting")}


def test_the_footer_lists_every_setting_and_the_version(twam):
    ladder = cp.ladder.LadderConfig(regular_involvement=0.75)
    principles = cp.audit.PrinciplesConfig(index="shapley_shubik", trust_meets=0.9)
    root = parse(cp.report(twam, by="convenor", index="shapley_shubik",
                           ladder_config=ladder, principles_config=principles,
                           tokenism_influence="share", tokenism_threshold=0.2,
                           title="Board paper", date=DATE, max_drawn=50, k=7))
    listed = settings_of(root)
    assert listed["k"] == "7"
    keywords = [p for p in inspect.signature(cp.report).parameters if p not in ("net", "path")]
    for name in keywords:
        if name.endswith("_config"):
            config = {"ladder_config": ladder, "principles_config": principles}[name]
            for field in config.__dataclass_fields__:
                assert listed[f"{name}.{field}"] == repr(getattr(config, field)), field
        else:
            assert name in listed, name
    assert listed["by"] == "'convenor'" and listed["index"] == "'shapley_shubik'"
    assert listed["tokenism_threshold"] == "0.2" and listed["max_drawn"] == "50"
    assert listed["title"] == "'Board paper'" and listed["date"] == f"'{DATE}'"
    footer = words(root.find(".//footer"))
    assert f"coproduction {cp.__version__} on {DATE}" in footer
    assert words(root.find(".//h1")) == "Board paper"
    # Defaults are listed as the configurations the report used.
    listed = settings_of(parse(cp.report(twam, index="holler", weighted=False, date=DATE)))
    assert listed["principles_config.index"] == "'holler'"
    assert listed["principles_config.weighted"] == "False"
    assert listed["ladder_config.weighted"] == "False"


# -- networks that record little -----------------------------------------------------------


@pytest.mark.parametrize("name", list(small_networks()))
def test_a_network_that_records_little_gives_every_section_saying_what_is_missing(name):
    net = small_networks()[name]
    page = cp.report(net, date=DATE)
    root = parse(page)
    assert [s.get("id") for s in root.iter("section")] == SECTIONS
    assert_self_contained(page)
    for key in SECTIONS:
        assert len(words(section(root, key))) > 200, key
    power = words(section(root, "power"))
    structure = words(section(root, "structure"))
    if net.num_decisions == 0:
        assert "No decision is recorded in the data, so decision power cannot be computed" \
            in power
        assert not tables(root, "cp-power-shares")
    else:
        assert table_rows(root, "cp-power-shares")
    if net.num_relations == 0:
        assert "The data record no relation, so the structure of the partnership cannot be " \
               "read" in structure
    if net.num_projects == 0:
        assert "The data record no project" in words(section(root, "ladder"))
    if net.num_stakeholders == 0:
        assert "No stakeholder: nothing to draw." in words(section(root, "summary"))
    tokenism = words(section(root, "tokenism"))
    if len(cp.ladder.tokenism(net)) == 0:
        assert "No sign of tokenism was found in these data. Checked:" in tokenism


def test_a_project_without_decisions_says_so(twam):
    net = twam.copy()
    net.add_project("planned", claimed="co-design")
    root = parse(cp.report(net, project="planned", date=DATE))
    assert "No decision is recorded in project planned" in words(section(root, "power"))
    assert "No decision is recorded for this project" in words(section(root, "ladder"))


def test_the_drawing_is_left_out_above_max_drawn(twam):
    root = parse(cp.report(twam, max_drawn=10, date=DATE))
    assert not any(f.get("id") == "network-drawing" for f in root.iter("figure"))
    assert "left out above 10 stakeholders" in words(section(root, "summary"))


# -- bad arguments -------------------------------------------------------------------------


@pytest.mark.parametrize("arguments, where, words_", [
    ({"project": "nowhere"}, "project", "'nowhere'"),
    ({"project": 3}, "project", "3"),
    ({"by": "favourite_colour"}, "by", "favourite_colour"),
    ({"by": ["role"]}, "by", "list"),
    ({"index": "banzhaf_absolute"}, "index", "banzhaf_absolute"),
    ({"index": "votes"}, "index", "votes"),
    ({"weighted": "yes"}, "weighted", "'yes'"),
    ({"ladder_config": {"two_way_learning": 0.5}}, "ladder_config", "dict"),
    ({"ladder_config": cp.ladder.LadderConfig(weighted=False)}, "ladder_config", "weighted"),
    ({"principles_config": cp.audit.PrinciplesConfig(index="holler")}, "principles_config",
     "'holler'"),
    ({"principles_config": "strict"}, "principles_config", "str"),
    ({"tokenism_influence": "votes"}, "tokenism_influence", "'votes'"),
    ({"tokenism_threshold": 0}, "tokenism_threshold", "0"),
    ({"tokenism_threshold": True}, "tokenism_threshold", "True"),
    ({"tokenism_include_convenors": 1}, "tokenism_include_convenors", "1"),
    ({"show_labels": "no"}, "show_labels", "'no'"),
    ({"title": 3}, "title", "int"),
    ({"date": "31/01/2024"}, "date", "31/01/2024"),
    ({"date": "2024-02-30"}, "date", "2024-02-30"),
    ({"max_drawn": -1}, "max_drawn", "-1"),
    ({"max_drawn": 2.5}, "max_drawn", "2.5"),
    ({"k": 0}, "k", "0"),
    ({"k": 2.5}, "k", "2.5"),
    ({"k": True}, "k", "True"),
])
def test_bad_arguments_raise_input_error_naming_them(twam, arguments, where, words_):
    with pytest.raises(cp.InputError) as error:
        cp.report(twam, **arguments)
    assert error.value.where == where
    assert words_ in str(error.value)


def test_bad_net_and_path_raise_input_error(twam, tmp_path):
    with pytest.raises(cp.InputError) as error:
        cp.report({"stakeholders": []})
    assert error.value.where == "net"
    with pytest.raises(cp.InputError) as error:
        cp.report(twam, 3)
    assert error.value.where == "path"
    assert list(tmp_path.iterdir()) == []


def test_the_signature_is_keywords_after_path():
    parameters = inspect.signature(cp.report).parameters
    assert list(parameters)[:2] == ["net", "path"]
    assert all(p.kind is inspect.Parameter.KEYWORD_ONLY for p in list(parameters.values())[2:])
    assert cp.report is _report.report
