"""The principles scorecard: every indicator on a small hand-built partnership against a hand
computation written out beside it and, for reachability, reciprocity and centralization,
against NetworkX, for concentration against numpy; missing data giving "not measurable from
these data" rather than a number; the twelve rows always present in the order of the
*Co-production Framework*; a network of one project read the same with and without it; both
example data sets; Hypothesis properties (shares in [0, 1], NaN exactly where not measurable,
agreement with NetworkX)."""

from __future__ import annotations

import doctest
import math

import networkx as nx
import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import coproduction as cp
from coproduction import audit

FRAMEWORK_ORDER = ["Active", "Critical, reflective, adaptive", "Equitable", "Inclusive", "Expert",
              "Visible", "Impactful", "Transparent", "Human", "Trust", "Protect",
              "Decentralise"]
NM = "not measurable from these data"
# Every row but Equitable (a parity ratio) is a share.
SHARES = [p for p in FRAMEWORK_ORDER if p != "Equitable"]


def small(*, second_project: bool = False, weight_d1: float = 1.0) -> cp.Network:
    """A museum convening service users, front-line staff, a carer and a funder.

    Decisions of project p (Banzhaf worked out below):
      d1 design, majority of museum and users (1 vote each, 2 needed): 1/2 each;
         staff involved, funder informed.
      d2 delivery, sole: museum decides: 1; users consulted, carer informed.
      d3 evaluation, quota 3, museum 2 votes, staff 1, users 1. Winning: {m, s}, {m, u},
         {m, s, u}. Swings: museum for {s}, {u}, {s, u} (3); staff for {m} (1); users for
         {m} (1). Banzhaf 3/5, 1/5, 1/5.
    Mean power over d1..d3 (weights 1): museum (1/2 + 1 + 3/5)/3 = 0.7, users
    (1/2 + 0 + 1/5)/3 = 7/30, staff (1/5)/3 = 1/15, carer 0, funder 0.
    """
    net = cp.Network()
    net.add_stakeholder("museum", kind="group", role="museum_staff", expertise="learnt",
                        convenor=True, paid=True, size=2)
    net.add_stakeholder("staff", kind="group", role="front_line_staff", expertise="learnt",
                        size=2)
    net.add_stakeholder("users", kind="group", role="service_user", expertise="lived",
                        under_served=True, size=4)
    net.add_stakeholder("carer", kind="person", role="carer", expertise="both",
                        under_served=False)
    net.add_stakeholder("funder", kind="organisation", role="funder")
    net.add_stakeholder("objects", kind="object")
    net.add_relation("museum", "staff", "informs")
    net.add_relation("staff", "carer", "informs")
    net.add_relation("users", "staff", "trusts")
    net.add_relation("staff", "users", "trusts")
    net.add_relation("users", "museum", "trusts")
    net.add_relation("staff", "users", "cares_for")
    # An object's ties are left out of the people-level measures.
    net.add_relation("objects", "users", "mediates")
    net.add_relation("objects", "funder", "mediates")
    net.add_project("p", claimed="co-production")
    net.add_decision("d1", project="p", stage="design", rule="majority", weight=weight_d1,
                     rights={"museum": "shared", "users": "shared", "staff": "involved",
                             "funder": "informed", "objects": "none"})
    net.add_decision("d2", project="p", stage="delivery", rule="sole",
                     rights={"museum": "decides", "users": "consulted", "carer": "informed"})
    net.add_decision("d3", project="p", stage="evaluation", rule="quota", quota=3,
                     votes={"museum": 2, "staff": 1, "users": 1},
                     rights={"museum": "shared", "staff": "shared", "users": "shared"})
    if second_project:
        net.add_project("q")
        net.add_decision("d4", project="q", stage="governance", rule="sole",
                         rights={"carer": "decides", "funder": "consulted"})
    return net


SMALL = small()
CARD = audit.principles(SMALL)
POWER = {"museum": 0.7, "staff": 1 / 15, "users": 7 / 30, "carer": 0.0, "funder": 0.0}


def test_power_behind_the_card_is_the_hand_computed_one():
    got = cp.power.decision_power(SMALL, by="all").iloc[:, 0]
    for who, p in POWER.items():
        assert got[who] == pytest.approx(p)


# ----------------------------------------------------------------------------------------
# The shape of the card


def test_twelve_rows_in_the_frameworks_order_with_the_columns():
    assert list(CARD.index) == FRAMEWORK_ORDER
    assert CARD.index.name == "principle"
    assert list(CARD.columns) == ["indicator", "value", "verdict", "threshold", "evidence",
                                  "needs"]
    assert CARD["value"].dtype == np.float64
    assert set(CARD["verdict"]) <= set(audit.VERDICTS)
    assert list(audit.PRINCIPLES) == FRAMEWORK_ORDER


def test_rows_not_measurable_have_nan_and_needs_and_the_others_a_value_and_no_needs():
    for _, row in CARD.iterrows():
        if row["verdict"] == NM:
            assert math.isnan(row["value"]) and row["needs"]
        else:
            assert math.isfinite(row["value"]) and row["needs"] == ""
        assert row["indicator"] and row["threshold"]


@pytest.mark.parametrize("principle,needs", [
    ("Critical, reflective, adaptive", "repeated waves of the network (a timeline)"),
    ("Visible", "visitor-facing outputs or credits"),
    ("Impactful", "outcome measures"),
])
def test_a_snapshot_cannot_measure_adaptation_visibility_or_impact(principle, needs):
    for net in (SMALL, cp.examples.load("twam_partners_2013"), cp.Network()):
        row = audit.principles(net).loc[principle]
        assert row["verdict"] == NM
        assert math.isnan(row["value"])
        assert needs in row["needs"]


# ----------------------------------------------------------------------------------------
# Each indicator by hand on the small network


def test_active():
    # Rights at shared or above: d1 museum, users; d2 museum; d3 museum, staff, users: 6.
    # The users (under-served) hold 2: 2/6. Their power 7/30 > 0. Proportional share: one
    # of the five people taking part (objects are not people) is under-served: 1/5.
    # 1/3 >= 1/5 with power: meets.
    row = CARD.loc["Active"]
    assert row["value"] == pytest.approx(2 / 6)
    assert row["verdict"] == "meets"
    assert "users (2)" in row["evidence"]
    # Asking for half of the seats instead: power but too few seats: partly.
    half = audit.principles(SMALL, config=audit.PrinciplesConfig(active_share=0.5))
    assert half.loc["Active", "verdict"] == "partly"


def test_active_without_power_does_not_meet():
    # Users hold a seat only where it counts for nothing: a shared right under a sole rule.
    net = cp.Network()
    net.add_stakeholder("museum", kind="group", convenor=True, expertise="learnt")
    net.add_stakeholder("users", kind="group", under_served=True, expertise="lived")
    net.add_project("p")
    net.add_decision("d", project="p", stage="design", rule="sole",
                     rights={"museum": "decides", "users": "shared"})
    row = audit.principles(net).loc["Active"]
    # Seats: museum, users: 1/2 held by the under-served, but Banzhaf power 0.
    assert row["value"] == pytest.approx(0.5)
    assert row["verdict"] == "does not meet"


def test_equitable():
    # Head counts: museum 2 (convenor); partners staff 2, users 4, carer 1, funder 1 (size
    # absent counts 1): 8 of 10 = 0.8. Partners' power 1/15 + 7/30 = 0.3.
    # Parity 0.3 / 0.8 = 0.375 < 0.5: does not meet.
    row = CARD.loc["Equitable"]
    assert row["value"] == pytest.approx(0.375)
    assert row["verdict"] == "does not meet"
    # The same number through the library's parity_ratio, per head.
    power = pd.Series(POWER)
    heads = pd.Series({"museum": 2, "staff": 2, "users": 4, "carer": 1, "funder": 1})
    side = pd.Series({"museum": "convenor", "staff": "partner", "users": "partner",
                      "carer": "partner", "funder": "partner"})
    ratio = cp.metrics.parity_ratio(power / heads, by=side, weights=heads)
    assert row["value"] == pytest.approx(ratio["partner"])
    lenient = audit.principles(SMALL, config=audit.PrinciplesConfig(equitable_partly=0.3))
    assert lenient.loc["Equitable", "verdict"] == "partly"


def test_inclusive():
    # Partners: staff (highest right shared), users (shared), carer (informed), funder
    # (informed); the object is not a partner. Two of four at informed or below: 0.5,
    # at most 0.5 and below 1: partly.
    row = CARD.loc["Inclusive"]
    assert row["value"] == pytest.approx(0.5)
    assert row["verdict"] == "partly"
    assert "carer (informed)" in row["evidence"] and "funder (informed)" in row["evidence"]


def test_expert():
    # Holders with power: d1 museum (learnt), users (lived): both; d2 museum only: learnt;
    # d3 museum, staff, users: both. 2 of 3 decisions: partly.
    row = CARD.loc["Expert"]
    assert row["value"] == pytest.approx(2 / 3)
    assert row["verdict"] == "partly"


def test_decision_weights_count_in_the_shares():
    # d1 weighs 2: Expert (2 + 1) / (2 + 1 + 1) = 0.75; with weighted=False, 2/3 again.
    net = small(weight_d1=2.0)
    assert audit.principles(net).loc["Expert", "value"] == pytest.approx(0.75)
    flat = audit.principles(net, config=audit.PrinciplesConfig(weighted=False))
    assert flat.loc["Expert", "value"] == pytest.approx(2 / 3)


def test_human():
    # Lived or both: users 7/30 and carer 0, of a total of 1: 7/30 < 0.5: partly.
    row = CARD.loc["Human"]
    assert row["value"] == pytest.approx(7 / 30)
    assert row["verdict"] == "partly"


def _informs_graph(net: cp.Network) -> nx.DiGraph:
    g = nx.DiGraph()
    g.add_nodes_from(net.stakeholders.index)
    r = net.relations
    g.add_edges_from(zip(r.loc[r["type"] == "informs", "source"],
                         r.loc[r["type"] == "informs", "target"]))
    return g


def _transparent_by_networkx(net: cp.Network, project=None, weighted=True) -> float:
    g = _informs_graph(net)
    rights = net.rights.reset_index()
    decisions = net.decisions
    if project is not None:
        rights = rights[rights["decision"].isin(decisions.index[decisions["project"] == project])]
    rights = rights[rights["right"] > "none"]
    num = den = 0.0
    for d, group in rights.groupby("decision"):
        holders = set(group.loc[group["right"] >= "shared", "stakeholder"])
        reach = set(holders).union(*(nx.descendants(g, h) for h in holders))
        w = float(decisions.at[d, "weight"]) if weighted else 1.0
        for who in group["stakeholder"]:
            den += w
            num += w * (who in reach)
    return num / den


def test_transparent():
    # Rights above none: d1 museum, users (holders), staff, funder; d2 museum (holder),
    # users, carer; d3 museum, staff, users (holders): 10. Informs: museum -> staff ->
    # carer. d1: staff reached from museum, funder not; d2: carer reached (museum -> staff
    # -> carer), users not. 6 holders + staff + carer = 8 of 10: partly.
    row = CARD.loc["Transparent"]
    assert row["value"] == pytest.approx(0.8)
    assert row["value"] == pytest.approx(_transparent_by_networkx(SMALL))
    assert row["verdict"] == "partly"
    assert "d1: funder (informed)" in row["evidence"]
    assert "d2: users (consulted)" in row["evidence"]


def test_trust():
    # trusts: users <-> staff, users -> museum: 3 ties, 2 of them returned: 2/3 >= 0.5.
    row = CARD.loc["Trust"]
    assert row["value"] == pytest.approx(2 / 3)
    g = nx.DiGraph([("users", "staff"), ("staff", "users"), ("users", "museum")])
    assert row["value"] == pytest.approx(nx.overall_reciprocity(g))
    assert row["verdict"] == "meets"
    assert "users -> museum" in row["evidence"]


def test_protect():
    # Under-served or service users: users only (the carer is coded not under-served).
    # staff cares_for users: 1 of 1: meets.
    row = CARD.loc["Protect"]
    assert row["value"] == pytest.approx(1.0)
    assert row["verdict"] == "meets"
    assert "users (by staff)" in row["evidence"]


def _degree_centralization_by_networkx(net: cp.Network) -> float:
    people = [s for s, k in net.stakeholders["kind"].astype(str).items() if k != "object"]
    g = nx.Graph()
    g.add_nodes_from(people)
    r = net.relations
    for a, b in zip(r["source"], r["target"]):
        if a in people and b in people:
            g.add_edge(a, b)
    n = len(people)
    degree = dict(g.degree())
    top = max(degree.values())
    return sum(top - d for d in degree.values()) / ((n - 1) * (n - 2))


def test_decentralise():
    # HHI of (0.7, 1/15, 7/30, 0, 0) = 0.49 + 1/225 + 49/900 = 0.548889; normalised over
    # n = 5: (0.548889 - 0.2) / 0.8 = 0.436111: at most 0.5, partly.
    # Undirected ties among the people (the object's left out): museum-staff, staff-carer,
    # users-staff, users-museum; degrees museum 2, staff 3, carer 1, users 2, funder 0;
    # Freeman (1 + 0 + 2 + 1 + 3) / (4 * 3) = 7/12: at most 0.75, partly. Worse of two: partly.
    row = CARD.loc["Decentralise"]
    hhi = 0.49 + 1 / 225 + 49 / 900
    assert hhi == pytest.approx(cp.metrics.hhi(list(POWER.values())))
    assert row["value"] == pytest.approx((hhi - 0.2) / 0.8)
    assert _degree_centralization_by_networkx(SMALL) == pytest.approx(7 / 12)
    assert "0.583" in row["evidence"]
    assert row["verdict"] == "partly"
    # A stricter centralization rule makes the verdict the worse of the two.
    strict = audit.PrinciplesConfig(decentralise_power_partly=0.5,
                                    decentralise_centralization_meets=0.2,
                                    decentralise_centralization_partly=0.5)
    assert audit.principles(SMALL, config=strict).loc["Decentralise", "verdict"] == \
        "does not meet"


def test_a_project_restricts_the_decisions_and_the_stakeholders():
    # Project q's decision changes nothing read for p: p's people are the same five.
    both = small(second_project=True)
    card_p = audit.principles(both, "p")
    pd.testing.assert_series_equal(card_p["value"], CARD["value"])
    assert card_p.attrs["project"] == "p"
    # Project q: carer decides alone, funder consulted; no convenor takes part.
    card_q = audit.principles(both, "q")
    assert card_q.loc["Equitable", "verdict"] == NM
    assert "convenor" in card_q.loc["Equitable", "needs"]
    # Both partners listed in q hold a right above informed.
    assert card_q.loc["Inclusive", "value"] == 0.0
    # n = 2, power (1, 0): HHI 1, normalised (1 - 1/2) / (1 - 1/2) = 1: does not meet.
    assert card_q.loc["Decentralise", "value"] == pytest.approx(1.0)
    assert card_q.loc["Decentralise", "verdict"] == "does not meet"
    # The whole network, four decisions: users (1/2 + 0 + 1/5 + 0)/4 = 0.175 and the carer
    # (lived and learnt) (0 + 0 + 0 + 1)/4 = 0.25 hold 0.425 of the power with lived expertise.
    whole = audit.principles(both)
    assert whole.loc["Human", "value"] == pytest.approx(0.425)


RIGHTS = ["none", "informed", "consulted", "involved", "shared", "decides"]


def _taking_part(net: cp.Network, project=None) -> list:
    """The stakeholders taking part, read with pandas alone: not objects; with a project, a
    right above none in one of its decisions or in no decision at all."""
    st = net.stakeholders
    people = [s for s in st.index if str(st.at[s, "kind"]) != "object"]
    if project is None:
        return people
    rights = net.rights.reset_index()
    rights = rights[rights["right"].astype(str) != "none"]
    mine = net.decisions.index[net.decisions["project"] == project]
    here = set(rights.loc[rights["decision"].isin(mine), "stakeholder"])
    anywhere = set(rights["stakeholder"])
    return [s for s in people if s in here or s not in anywhere]


def _assert_same_card(a: pd.DataFrame, b: pd.DataFrame) -> None:
    assert list(a.index) == list(b.index)
    np.testing.assert_array_equal(a["value"].to_numpy(), b["value"].to_numpy())
    for column in ("indicator", "verdict", "threshold", "evidence", "needs"):
        assert list(a[column]) == list(b[column]), column


def test_a_network_of_one_project_reads_the_same_with_and_without_it():
    # TWAM has one project. Seventeen of its stakeholders (the partner organisations, their
    # staff and members, the funders) hold a right above none in no decision: no decision
    # ties them to a project, so they belong to the partnership as a whole and count for
    # its one project as for the network. Read without them, the project's card said
    # Inclusive 0.000 "meets" while the network's said 0.727 "does not meet".
    net = cp.examples.load("twam_partners_2013")
    assert list(net.projects.index) == ["reminiscence"]
    whole, project = audit.principles(net), audit.principles(net, "reminiscence")
    _assert_same_card(whole, project)
    assert len(_taking_part(net, "reminiscence")) == len(_taking_part(net)) == 26
    # Inclusive by hand with pandas: the partners are the non-convenors taking part; kept
    # out are those whose highest right anywhere is informed or none.
    convenor = net.stakeholders["convenor"].fillna(False).astype(bool)
    partners = [s for s in _taking_part(net) if not convenor[s]]
    best = net.rights.reset_index().astype({"right": str}).groupby("stakeholder")["right"].agg(
        lambda r: max(r, key=RIGHTS.index))
    kept_out = [s for s in partners if RIGHTS.index(best.get(s, "none")) <= 1]
    assert (len(kept_out), len(partners)) == (16, 22)
    assert project.loc["Inclusive", "value"] == pytest.approx(16 / 22)
    assert project.loc["Inclusive", "verdict"] == "does not meet"


def test_a_stakeholder_tied_to_no_decision_counts_in_every_project():
    # An organisation in the partnership with no right anywhere. Project q: carer (decides),
    # funder (consulted), the organisation (none): 1 of 3 partners kept out.
    net = small(second_project=True)
    net.add_stakeholder("org", kind="organisation")
    assert audit.principles(net, "q").loc["Inclusive", "value"] == pytest.approx(1 / 3)
    # Project p: staff, users (shared), carer, funder (informed), org (none): 3 of 5.
    assert audit.principles(net, "p").loc["Inclusive", "value"] == pytest.approx(3 / 5)


@pytest.mark.parametrize("name", cp.examples.names())
def test_decentralise_against_numpy(name):
    # HHI* of the stakeholders' mean power by decision weight, over the stakeholders taking
    # part, computed with numpy from cp.power.decision_power.
    net = cp.examples.load(name)
    for project in [None] + list(net.projects.index):
        card = audit.principles(net, project)
        people = _taking_part(net, project)
        mean = cp.power.decision_power(net, by="all", weighted=True, project=project)
        power = mean.iloc[:, 0].reindex(people).fillna(0.0).to_numpy(dtype=float)
        shares = power / power.sum()
        h, n = float(np.sum(shares ** 2)), len(people)
        assert card.loc["Decentralise", "value"] == pytest.approx((h - 1 / n) / (1 - 1 / n))
        assert f"(HHI {h:.3f})" in card.loc["Decentralise", "evidence"]


# ----------------------------------------------------------------------------------------
# Missing data: not measurable, never a number


def _bare(**stakeholder) -> cp.Network:
    """Two stakeholders, one shared majority decision, nothing else coded."""
    net = cp.Network()
    net.add_stakeholder("a", kind="group", **stakeholder)
    net.add_stakeholder("b", kind="group")
    net.add_project("p")
    net.add_decision("d", project="p", stage="design", rule="majority",
                     rights={"a": "shared", "b": "shared"})
    return net


def test_nothing_coded_is_not_measurable_and_says_which_field():
    card = audit.principles(_bare())
    for principle, field in [("Active", "under_served"), ("Equitable", "convenor"),
                             ("Inclusive", "convenor"), ("Expert", "expertise"),
                             ("Human", "expertise"), ("Trust", "trusts"),
                             ("Protect", "cares_for"), ("Protect", "under_served")]:
        row = card.loc[principle]
        assert row["verdict"] == NM, principle
        assert math.isnan(row["value"])
        assert field in row["needs"], (principle, row["needs"])
    # Both hold the decision, so no right waits on information: Transparent 2 of 2.
    assert card.loc["Transparent", "value"] == 1.0
    # Two equal holders: HHI 1/2, normalised 0; no relation: power alone decides, meets.
    assert card.loc["Decentralise", "value"] == pytest.approx(0.0)
    assert card.loc["Decentralise", "verdict"] == "meets"


def test_transparent_needs_informs_relations_when_someone_must_be_told():
    net = cp.Network()
    net.add_stakeholder("a", kind="group")
    net.add_stakeholder("b", kind="group")
    net.add_project("p")
    net.add_decision("d", project="p", stage="design", rule="sole",
                     rights={"a": "decides", "b": "informed"})
    row = audit.principles(net).loc["Transparent"]
    assert row["verdict"] == NM and "informs" in row["needs"]
    # One informs relation the other way does not reach b: 1 of 2 (a holds it): partly.
    net.add_relation("b", "a", "informs")
    row = audit.principles(net).loc["Transparent"]
    assert row["value"] == pytest.approx(0.5) and row["verdict"] == "partly"


def test_no_decision_leaves_every_decision_row_not_measurable():
    net = cp.Network()
    net.add_stakeholder("a", kind="group", convenor=True, under_served=False)
    net.add_stakeholder("b", kind="group", role="service_user")
    net.add_relation("a", "b", "trusts")
    net.add_relation("a", "b", "cares_for")
    card = audit.principles(net)
    for principle in ("Active", "Equitable", "Inclusive", "Expert", "Transparent", "Human",
                      "Decentralise"):
        assert card.loc[principle, "verdict"] == NM
        assert "decisions" in card.loc[principle, "needs"]
    # Relations alone still speak to Trust (1 tie, not returned: 0) and Protect (1 of 1).
    assert card.loc["Trust", "value"] == 0.0 and card.loc["Trust", "verdict"] == "does not meet"
    assert card.loc["Protect", "value"] == 1.0


def test_uncoded_under_served_counts_as_not_under_served_once_someone_is_coded():
    # a is coded false, b not coded: measurable, with nobody under-served: no power, 0 seats.
    row = audit.principles(_bare(under_served=False)).loc["Active"]
    assert row["value"] == 0.0 and row["verdict"] == "does not meet"
    assert "1 not coded" in row["evidence"]


# ----------------------------------------------------------------------------------------
# Example data


@pytest.mark.parametrize("name", cp.examples.names())
def test_every_example_gives_a_scorecard(name):
    net = cp.examples.load(name)
    for project in [None] + list(net.projects.index):
        card = audit.principles(net, project)
        assert list(card.index) == FRAMEWORK_ORDER
        assert set(card["verdict"]) <= set(audit.VERDICTS)
        values = card.loc[SHARES, "value"].dropna()
        assert ((values >= 0) & (values <= 1 + 1e-12)).all()
        text = audit.scorecard_text(card)
        for principle in FRAMEWORK_ORDER:
            assert principle in text
        assert card.loc["Transparent", "value"] == pytest.approx(
            _transparent_by_networkx(net, project))


def test_twam_by_hand():
    net = cp.examples.load("twam_partners_2013")
    card = audit.principles(net)
    # Five trusts relations, all towards the outreach team, none returned.
    assert card.loc["Trust", "value"] == 0.0
    r = net.relations[net.relations["type"] == "trusts"]
    assert nx.overall_reciprocity(nx.DiGraph(list(zip(r["source"], r["target"])))) == 0.0
    # Six under-served stakeholders (five service-user groups and the volunteers); each
    # service-user group is cared for by its front-line staff, the volunteers by nobody: 5/6.
    assert card.loc["Protect", "value"] == pytest.approx(5 / 6)
    assert "not reached: twam_volunteers" in card.loc["Protect", "evidence"]
    # Equitable agrees with power_shares weighted by decision weight.
    shares = cp.power.power_shares(net, weighted=True)
    assert card.loc["Equitable", "value"] == pytest.approx(shares.at["partner", "parity"])


def test_nml_co_production_project():
    net = cp.examples.load("nml_collaboration_types")
    card = audit.principles(net, "co_production")
    # Five holders sharing every decision equally: HHI 1/5, normalised 0.
    assert card.loc["Decentralise", "value"] == pytest.approx(0.0)
    # Every stakeholder taking part holds every decision: all rights reached.
    assert card.loc["Transparent", "value"] == 1.0
    # Curators and community researchers trust each other both ways.
    assert card.loc["Trust", "value"] == 1.0
    # Holders with lived and learnt expertise in all five decisions.
    assert card.loc["Expert", "value"] == 1.0 and card.loc["Expert", "verdict"] == "meets"


# ----------------------------------------------------------------------------------------
# Arguments and configuration


def test_bad_arguments_raise_input_error():
    with pytest.raises(cp.InputError, match="project"):
        audit.principles(SMALL, "nowhere")
    with pytest.raises(cp.InputError, match="net"):
        audit.principles("not a network")  # type: ignore[arg-type]
    with pytest.raises(cp.InputError, match="config"):
        audit.principles(SMALL, config={"trust_meets": 0.5})  # type: ignore[arg-type]
    with pytest.raises(cp.InputError, match="table"):
        audit.scorecard_text(pd.DataFrame({"value": [1.0]}))


@pytest.mark.parametrize("fields,where", [
    ({"trust_meets": 1.5}, "trust_meets"),
    ({"trust_meets": 0.3, "trust_partly": 0.4}, "trust_partly"),
    ({"inclusive_meets": 0.5, "inclusive_partly": 0.2}, "inclusive_partly"),
    ({"equitable_meets": -1.0}, "equitable_meets"),
    ({"active_share": float("nan")}, "active_share"),
    ({"index": "banzhaf_absolute"}, "index"),
    ({"weighted": 1}, "weighted"),
    ({"informs_types": ()}, "informs_types"),
    ({"human_meets": True}, "human_meets"),
])
def test_config_refuses_bad_values(fields, where):
    with pytest.raises(cp.InputError, match=where):
        audit.PrinciplesConfig(**fields)


def test_config_relation_types_and_layer():
    # Reading "collaborates" as trust: no such relation: not measurable, naming the type.
    config = audit.PrinciplesConfig(trust_types=("collaborates",),
                                    centralization_layer=("informs",))
    card = audit.principles(SMALL, config=config)
    assert card.loc["Trust", "verdict"] == NM and "collaborates" in card.loc["Trust", "needs"]
    # Informs ties among the people: museum-staff, staff-carer; degrees 1, 2, 1, 0, 0;
    # Freeman (1 + 0 + 1 + 2 + 2) / 12 = 0.5.
    assert "informs relations, direction ignored, 0.500" in card.loc["Decentralise", "evidence"]


def test_scorecard_text_shows_verdicts_evidence_and_needs():
    text = audit.scorecard_text(CARD)
    lines = text.splitlines()
    assert lines[0] == ("Principles of co-production (National Museums Liverpool, "
                        "Co-production Framework)")
    # Meets: Active, Trust, Protect; partly: Inclusive, Expert, Transparent, Human,
    # Decentralise; does not meet: Equitable; the three a snapshot cannot measure.
    assert lines[1] == "  meets: 3; partly: 5; does not meet: 1; not measurable from these data: 3"
    assert "needs: outcome measures" in text
    assert "evidence: 2 of 3 trust ties returned" in text


def test_doctests():
    failures, tried = doctest.testmod(audit, optionflags=doctest.NORMALIZE_WHITESPACE)
    assert tried > 0 and failures == 0


# ----------------------------------------------------------------------------------------
# Properties


RIGHTS_BELOW_DECIDES = ["none", "informed", "consulted", "involved", "shared"]


@st.composite
def networks(draw):
    n = draw(st.integers(2, 6))
    net = cp.Network()
    ids = [f"s{i}" for i in range(n)]
    for sid in ids:
        kind = draw(st.sampled_from(["person", "group", "organisation"]))
        net.add_stakeholder(
            sid, kind=kind,
            role=draw(st.sampled_from([None, "service_user", "museum_staff"])),
            expertise=draw(st.sampled_from([None, "lived", "learnt", "both"])),
            under_served=draw(st.sampled_from([None, True, False])),
            convenor=draw(st.sampled_from([None, True, False])),
            size=draw(st.sampled_from([None, 1] if kind == "person" else [None, 1, 3, 12])))
    types = ["informs", "trusts", "cares_for", "collaborates"]
    pairs = draw(st.lists(st.tuples(st.sampled_from(ids), st.sampled_from(ids),
                                    st.sampled_from(types)), max_size=12, unique=True))
    for a, b, t in pairs:
        if a != b:
            net.add_relation(a, b, t)
    for p in range(draw(st.integers(0, 2))):
        net.add_project(f"p{p}")
        for k in range(draw(st.integers(1, 3))):
            rule = draw(st.sampled_from(["sole", "majority", "unanimity"]))
            rights = {s: draw(st.sampled_from(RIGHTS_BELOW_DECIDES)) for s in ids}
            lead = draw(st.sampled_from(ids))
            rights[lead] = "decides" if rule == "sole" else "shared"
            net.add_decision(f"p{p}d{k}", project=f"p{p}",
                             stage=draw(st.sampled_from(["design", "delivery"])), rule=rule,
                             rights=rights, weight=draw(st.sampled_from([None, 0.5, 2.0])))
    return net


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(networks(), st.data())
def test_properties(net, data):
    projects = [None] + list(net.projects.index)
    project = data.draw(st.sampled_from(projects))
    card = audit.principles(net, project)
    assert list(card.index) == FRAMEWORK_ORDER
    values = card["value"]
    for principle in SHARES:
        x = values[principle]
        assert math.isnan(x) or -1e-12 <= x <= 1 + 1e-12, (principle, x)
    assert math.isnan(values["Equitable"]) or values["Equitable"] >= 0
    not_measurable = card["verdict"] == NM
    assert (not_measurable == values.isna()).all()
    assert (not_measurable == (card["needs"] != "")).all()
    # Independent readings where measurable.
    if not math.isnan(values["Transparent"]):
        assert values["Transparent"] == pytest.approx(_transparent_by_networkx(net, project))
    # A network of one project reads the same with and without it.
    if project is not None and len(net.projects) == 1:
        _assert_same_card(card, audit.principles(net))
    if project is None and not math.isnan(values["Trust"]):
        r = net.relations[net.relations["type"] == "trusts"]
        g = nx.DiGraph(list(zip(r["source"], r["target"])))
        assert values["Trust"] == pytest.approx(nx.overall_reciprocity(g))


def test_a_project_without_decisions_is_read_as_such():
    net = small()
    net.add_project("empty")
    card = audit.principles(net, "empty")
    for principle in ("Active", "Equitable", "Inclusive", "Expert", "Transparent", "Human",
                      "Decentralise"):
        assert card.loc[principle, "verdict"] == NM
        assert "no decision in the decisions of project 'empty'" in card.loc[principle, "evidence"]
    # Nobody takes part in it, so there is no trust or care to read either.
    assert card.loc["Trust", "verdict"] == NM and card.loc["Protect", "verdict"] == NM


# -- Critical, reflective, adaptive from the wave before --------------------------------------


def _partners_share(net):
    return float(cp.power.power_shares(net, "convenor").at["partner", "power"])


@pytest.mark.parametrize("seed", range(6))
def test_adaptation_is_the_change_in_the_partners_share_and_reflection_the_evaluation(seed):
    rng = np.random.default_rng(seed)
    before = cp.examples.load("twam_partners_2013")
    after = before.copy()
    # Random edits of the rights of the decisions: each listed holder's right redrawn.
    rights = after.rights
    for decision in after.decisions.index:
        held = rights.loc[decision]
        if held["votes"].notna().any() or held["veto"].any():
            continue  # quota rules tie votes to rights; left as they are
        new = {sid: str(rng.choice(["consulted", "involved", "shared"]))
               for sid in held.index if str(held.at[sid, "right"]) != "none"}
        if after.decisions.at[decision, "rule"] == "sole":
            continue
        new[next(iter(new))] = "shared"  # a decision needs a holder
        after.update_decision(decision, rights=new)
    card = audit.principles(after, previous=before)
    row = card.loc["Critical, reflective, adaptive"]
    change = _partners_share(after) - _partners_share(before)
    assert row["value"] == pytest.approx(change, abs=1e-12)
    # Reflection by hand: a non-convenor taking part with involved or more in an evaluation
    # decision of the wave before.
    stakeholders = before.stakeholders
    evaluation = before.decisions.index[before.decisions["stage"] == "evaluation"]
    held = before.rights.reset_index()
    held = held[held["decision"].isin(evaluation)]
    partners = ~stakeholders["convenor"].fillna(False).astype(bool)
    order = list(cp.network.RIGHTS)
    reflective = any(partners[s] and order.index(str(r)) >= order.index("involved")
                     for s, r in zip(held["stakeholder"], held["right"]))
    adapted = change > 1e-9
    want = ("meets" if reflective and adapted else
            "partly" if reflective or adapted else "does not meet")
    assert row["verdict"] == want
    assert row["needs"] == ""
    # Every other row is the snapshot's own.
    alone = audit.principles(after)
    others = card.index != "Critical, reflective, adaptive"
    pd.testing.assert_frame_equal(pd.DataFrame(card[others]), pd.DataFrame(alone[others]))


def test_without_the_wave_before_adaptation_is_not_measurable_and_a_bad_one_is_refused():
    net = cp.examples.load("twam_partners_2013")
    assert audit.principles(net).loc["Critical, reflective, adaptive", "verdict"] == \
        "not measurable from these data"
    with pytest.raises(cp.InputError, match="previous"):
        audit.principles(net, previous="2013")
    with pytest.raises(cp.InputError, match="previous"):
        audit.principles(net, "reminiscence", previous=cp.examples.load("nml_collaboration_types"))
