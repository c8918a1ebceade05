"""The collaboration ladder from Python: the four example projects of National Museums
Liverpool's *Co-production Framework* classify as their claimed type, variations that move
one criterion move the type as the Framework says, the result
objects read well, and tokenism findings are checked against independent computations."""

from __future__ import annotations

import doctest
import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import coproduction as cp
from coproduction import decision_power as dp
from coproduction import ladder

NML_TEXT = cp.examples.text("nml_collaboration_types")
TWAM = cp.examples.load("twam_partners_2013")


def nml(change=None) -> cp.Network:
    doc = json.loads(NML_TEXT)
    if change is not None:
        change(doc)
    return cp.read_json(json.dumps(doc))


def decision(doc: dict, id: str) -> dict:
    return next(d for d in doc["decisions"] if d["id"] == id)


@pytest.mark.parametrize("project", ["consultation", "engagement", "co_design", "co_production"])
def test_the_four_projects_classify_as_claimed(project):
    result = ladder.classify(nml(), project)
    assert result.type == result.claimed
    assert result.matches_claim is True
    assert result.type == {"consultation": "consultation", "engagement": "engagement",
                           "co_design": "co-design", "co_production": "co-production"}[project]
    # A type is reached only when its criteria and all lower ones are met.
    rank = ladder.TYPES.index(result.type)
    for name, row in result.criteria.iterrows():
        if ladder.TYPES.index(row["rung"]) <= rank:
            assert row["met"], name


def test_classify_all_and_share_at_or_above():
    net = nml()
    table = ladder.classify_all(net)
    assert table["matches_claim"].all()
    assert list(table["type"].astype(str)) == ["consultation", "engagement", "co-design",
                                               "co-production"]
    # 4 projects: consultation or higher all 4, engagement 3, co-design 2, co-production 1.
    assert ladder.share_at_or_above(net, "consultation") == 1.0
    assert ladder.share_at_or_above(net, "engagement") == 0.75
    assert ladder.share_at_or_above(net, "co-design") == 0.5
    assert ladder.share_at_or_above(net, "co-production") == 0.25
    with pytest.raises(cp.InputError):
        ladder.share_at_or_above(net, "partnership")
    with pytest.raises(cp.InputError):
        ladder.share_at_or_above(cp.Network(), "co-design")


@pytest.mark.parametrize("name", ["nml_collaboration_types", "twam_partners_2013"])
@pytest.mark.parametrize("config", [None, ladder.LadderConfig(two_way_learning=0.0),
                                    ladder.LadderConfig(weighted=False, equal_power_ratio=1.0)])
def test_classify_all_agrees_with_classify_project_by_project(name, config):
    # classify_all is one core call over every project; classify reads one project at a time.
    net = cp.examples.load(name)
    table = ladder.classify_all(net, config)
    assert list(table.index) == list(net.projects.index) and table.index.name == "project"
    for project in net.projects.index:
        one = ladder.classify(net, project, config)
        assert table.at[project, "type"] == one.type
        assert table.at[project, "label"] == one.label
        claimed = table.at[project, "claimed"]
        assert (one.claimed is None and pd.isna(claimed)) or claimed == one.claimed
        matches = table.at[project, "matches_claim"]
        assert (one.matches_claim is None and pd.isna(matches)) or matches == one.matches_claim
    with pytest.raises(cp.InputError, match="config"):
        ladder.classify_all(net, {"weighted": False})


def test_classify_all_of_a_project_without_label_claim_or_decision():
    net = cp.Network()
    net.add_project("quiet")
    table = ladder.classify_all(net)
    assert table.at["quiet", "label"] == "quiet" and table.at["quiet", "type"] == "none"
    assert pd.isna(table.at["quiet", "claimed"]) and pd.isna(table.at["quiet", "matches_claim"])
    assert ladder.classify_all(cp.Network()).empty


# ----------------------------------------------------------------------------------------
# One criterion moved at a time


def test_one_way_learning_turns_co_design_into_engagement():
    # The Framework, engagement: "Learning is a primarily a one-way process, with museum staff
    # primarily asking the questions".
    def one_way(doc):
        doc["relations"] = [r for r in doc["relations"] if not (
            r["type"] == "learns_from"
            and r["source"] in ("co_design_young_people", "co_design_families"))]
    result = ladder.classify(nml(one_way), "co_design")
    assert result.type == "engagement"
    assert result.matches_claim is False
    assert result.criteria.at["learning_two_way", "value"] == 0
    assert not result.criteria.at["learning_two_way", "met"]
    rows = result.evidence[result.evidence["criterion"] == "learning_two_way"]
    assert not rows["met"].any()
    assert set(rows["relation"].dropna()) == {
        "co_design_curators learns_from co_design_young_people",
        "co_design_curators learns_from co_design_families",
        "co_design_learning_staff learns_from co_design_young_people"}


def test_convenor_votes_that_carry_a_design_decision_turn_co_design_into_engagement():
    # The Framework, co-design: "all design decisions are made jointly". With 3 of 5 votes and a
    # quota of 3 the curators carry the objects alone; the groups' votes never swing.
    def dominate(doc):
        decision(doc, "co_design_objects")["rule"]["votes"]["co_design_curators"] = 3
    result = ladder.classify(nml(dominate), "co_design")
    assert result.type == "engagement"
    assert result.criteria.at["design_joint", "value"] == pytest.approx(0.5)
    rows = result.evidence[(result.evidence["criterion"] == "design_joint")
                           & (result.evidence["decision"] == "co_design_objects")]
    group = rows[rows["stakeholder"] == "co_design_young_people"].iloc[0]
    assert group["right"] == "shared" and group["effective_right"] == "involved"
    assert group["power"] == 0 and not group["met"]
    summary = rows[rows["stakeholder"].isna()].iloc[0]
    assert "carry it without a partner" in summary["note"]
    assert result.decisions.at["co_design_objects", "convenors_carry"]
    assert result.stages.at["design", "type"] == "engagement"
    # The tokenism report says the same: a nominal share for each group.
    found = ladder.tokenism(nml(dominate))
    nominal = found[found["kind"] == "nominal_share"]
    assert set(nominal.index) == {"co_design_young_people", "co_design_families"}
    assert set(nominal["decision"]) == {"co_design_objects"}


def test_shared_rights_at_every_stage_turn_co_design_into_co_production():
    # The Framework, co-production: "All decisions made together"; "involved throughout from
    # conception, through design to delivery and evaluation".
    everyone = ["co_design_curators", "co_design_learning_staff", "co_design_young_people",
                "co_design_families", "co_design_youth_organisation"]

    def share_all(doc, but=()):
        for d in doc["decisions"]:
            if d["project"] == "co_design" and d["stage"] not in but:
                d["rights"] = {s: "shared" for s in everyone}
                d["rule"] = {"kind": "unanimity"}
    assert ladder.classify(nml(share_all), "co_design").type == "co-production"
    # All but the evaluation: not "throughout".
    partly = ladder.classify(nml(lambda doc: share_all(doc, but=("evaluation",))), "co_design")
    assert partly.type == "co-design"
    assert partly.criteria.at["shared_equally", "value"] == pytest.approx(5 / 6)
    assert partly.stages.at["evaluation", "type"] == "engagement"


def test_dropping_the_partners_from_design_turns_engagement_into_consultation():
    def consult_only(doc):
        for d in ("engagement_content", "engagement_layout"):
            for who in ("engagement_lived_experience_panel", "engagement_community_organisation"):
                decision(doc, d)["rights"][who] = "consulted"
    assert ladder.classify(nml(consult_only), "engagement").type == "consultation"


def test_informing_only_is_below_consultation():
    def inform(doc):
        for who in ("consultation_survey_respondents", "consultation_community_organisation"):
            decision(doc, "consultation_proposal")["rights"][who] = "informed"
    result = ladder.classify(nml(inform), "consultation")
    assert result.type == "none"
    assert result.matches_claim is False
    assert result.stages.at["design", "iap2"] == "inform"
    assert result.stages.at["design", "arnstein"] == "informing"
    assert result.stages.at["design", "tlap_band"] == "doing for"


def test_convenors_carrying_delivery_turn_co_production_into_co_design():
    def carry(doc):
        decision(doc, "co_production_delivery")["rule"]["votes"] = {"co_production_curators": 3}
    net = nml(carry)
    result = ladder.classify(net, "co_production")
    assert result.type == "co-design"
    # Partners' power in the delivery (weights 3, 1, 1, 1, 1; quota 4) by cp.power directly.
    weights = pd.Series({"co_production_advisory_panel": 1, "co_production_community_organisation": 1,
                         "co_production_community_researchers": 1, "co_production_curators": 3,
                         "co_production_learning_staff": 1})
    direct = cp.power.banzhaf(weights, 4)
    partners = ["co_production_advisory_panel", "co_production_community_organisation",
                "co_production_community_researchers"]
    assert result.decisions.at["co_production_delivery", "partner_power"] == \
        pytest.approx(direct[partners].sum(), abs=1e-13)
    ratio = direct[partners].sum() / 0.6
    lenient = ladder.LadderConfig(convenors_may_carry_alone=True, equal_power_ratio=ratio - 1e-6)
    assert ladder.classify(net, "co_production", lenient).type == "co-production"
    strict = ladder.LadderConfig(convenors_may_carry_alone=True, equal_power_ratio=ratio + 1e-3)
    assert ladder.classify(net, "co_production", strict).type == "co-design"


def test_delivery_guidance_can_be_switched_off():
    def joint_design(doc):
        for d in ("engagement_content", "engagement_layout"):
            decision(doc, d)["rights"].update({"engagement_curators": "shared",
                                               "engagement_lived_experience_panel": "shared"})
            decision(doc, d)["rule"] = {"kind": "unanimity"}
        for who in ("engagement_lived_experience_panel", "engagement_community_organisation"):
            doc["relations"].append({"source": who, "target": "engagement_engagement_staff",
                                     "type": "learns_from"})
    net = nml(joint_design)
    result = ladder.classify(net, "engagement")
    assert result.type == "engagement"
    assert not result.criteria.at["delivery_guided", "met"]
    assert result.criteria.at["design_joint", "met"] and result.criteria.at["learning_two_way", "met"]
    off = ladder.classify(net, "engagement", ladder.LadderConfig(delivery_guidance=False))
    assert off.type == "co-design"
    assert "delivery_guided" not in off.criteria.index


# ----------------------------------------------------------------------------------------
# The TWAM programme, read by hand


def test_twam_reminiscence_programme():
    result = ladder.classify(TWAM, "reminiscence")
    assert (result.type, result.claimed, result.matches_claim) == ("engagement", "co-production",
                                                                   False)
    c = result.criteria
    # Six partners take part (OT staff, regional manager, participants, commissioners,
    # volunteers, public health specialist); only the OT staff learn both ways with outreach.
    assert c.at["learning_two_way", "value"] == pytest.approx(1 / 6)
    # The sessions have partners involved; the volunteer roles only consulted.
    assert c.at["delivery_guided", "value"] == pytest.approx(0.5)
    # Shared equally by weight: conception (2), format, outcomes, agreement of 8.
    assert c.at["shared_equally", "value"] == pytest.approx(5 / 8)
    assert c.at["design_joint", "met"]
    assert set(result.convenors) == {"twam_outreach", "twam_senior_staff",
                                     "twam_volunteer_programmes"}
    assert len(result.partners) == 6
    stages = result.stages
    assert stages["type"].astype(str).tolist() == ["co-production", "co-design", "engagement",
                                                   "co-production", "co-production"]
    # Evaluation: commissioners, OT and regional manager (partners) carry the outcomes
    # without outreach, who cannot carry it without them: delegated power.
    assert stages.at["evaluation", "arnstein_rung"] == 7
    assert stages.at["evaluation", "iap2"] == "empower"
    assert stages.at["delivery", "arnstein"] == "placation"
    assert stages.at["delivery", "tlap"] == "engagement"
    # Partner power by stage against the decision power matrix.
    b = dp.decision_power(TWAM)
    partners = list(result.partners)
    design = b.loc[partners, ["reminiscence_themes", "reminiscence_format"]].sum().mean()
    assert stages.at["design", "partner_power"] == pytest.approx(design)
    text = str(result)
    assert "engagement" in text and "claimed co-production (DIFFERS)" in text
    assert "learning_two_way" in text and "Arnstein 7 delegated power" in text
    html = result._repr_html_()
    assert "<table" in html and "DIFFERS" in html


def test_config_validation():
    with pytest.raises(cp.InputError, match="equal_power_ratio"):
        ladder.LadderConfig(equal_power_ratio=0)
    with pytest.raises(cp.InputError, match="regular_involvement"):
        ladder.LadderConfig(regular_involvement=1.5)
    with pytest.raises(cp.InputError, match="co_production_stages"):
        ladder.LadderConfig(co_production_stages=("design", "launch"))
    with pytest.raises(cp.InputError, match="weighted"):
        ladder.LadderConfig(weighted="yes")
    with pytest.raises(cp.InputError, match="project"):
        ladder.classify(TWAM, "absent")
    with pytest.raises(cp.InputError, match="config"):
        ladder.classify(TWAM, "reminiscence", {"equal_power_ratio": 0.5})
    only_design = ladder.LadderConfig(co_production_stages=["design"])
    assert only_design.co_production_stages == ("design",)


def test_project_without_decisions_or_claim():
    net = cp.Network()
    net.add_stakeholder("museum", kind="group", convenor=True)
    net.add_stakeholder("users", kind="group")
    net.add_project("quiet", claimed="co-design")
    net.add_project("open")
    net.add_decision("d", project="open", stage="design", rule="unanimity",
                     rights={"museum": "shared", "users": "shared"})
    quiet = ladder.classify(net, "quiet")
    assert quiet.type == "none" and quiet.matches_claim is False
    assert quiet.stages["type"].isna().all()
    opened = ladder.classify(net, "open")
    assert opened.claimed is None and opened.matches_claim is None
    # Design shared, but no learning relation: engagement.
    assert opened.type == "engagement"
    assert "nothing claimed" in str(opened)


# ----------------------------------------------------------------------------------------
# Tokenism


def test_tokenism_on_the_twam_partnership():
    found = ladder.tokenism(TWAM)
    assert list(found.columns) == ["kind", "project", "decision", "value", "evidence"]
    kinds = found.groupby("kind", sort=False).apply(lambda f: sorted(f.index)).to_dict()
    assert kinds["no_power"] == ["public_health_specialist", "twam_volunteers"]
    # Paid false while the museum's paid staff convene the programme.
    assert kinds["unpaid"] == ["housing21_reminiscence_group", "twam_volunteers"]

    # Influence against power, recomputed with pandas: percentile ranks (average ties) of
    # the coded influence and of the mean normalised Banzhaf power, among the stakeholders
    # other than objects with influence coded.
    people = TWAM.stakeholders
    coded = people[people["influence"].notna() & (people["kind"] != "object")]
    mean_power = dp.decision_power(TWAM, by="all")["all"][coded.index]
    gap = coded["influence"].rank(pct=True) - mean_power.rank(pct=True)
    convenor = coded["convenor"].fillna(False).astype(bool)
    flagged = gap[(gap.abs() >= 0.5) & ~convenor]
    got = found[found["kind"].isin(["influence_exceeds_power", "power_exceeds_influence"])]
    assert sorted(got.index) == sorted(flagged.index)
    for who, value in got["value"].items():
        assert value == pytest.approx(gap[who], abs=1e-12)
        assert (value > 0) == (got.at[who, "kind"] == "influence_exceeds_power")
    # The local authority funders: influence 7, the joint highest of 26 (ranks 25 and 26),
    # and no decision power, shared with 18 others (ranks 1 to 19): (25.5 - 10) / 26.
    assert got.at["local_authority_funders", "kind"] == "influence_exceeds_power"
    assert got.at["local_authority_funders", "value"] == pytest.approx(15.5 / 26, abs=1e-12)

    # Shares instead of ranks, with convenors reported.
    shares = ladder.tokenism(TWAM, influence="share", threshold=0.1, include_convenors=True)
    share_gap = coded["influence"] / coded["influence"].sum() - mean_power / mean_power.sum()
    got = shares[shares["kind"].isin(["influence_exceeds_power", "power_exceeds_influence"])]
    assert sorted(got.index) == sorted(share_gap.index[share_gap.abs() >= 0.1])
    with pytest.raises(cp.InputError):
        ladder.tokenism(TWAM, influence="votes")
    with pytest.raises(cp.InputError):
        ladder.tokenism(TWAM, threshold=0)


def test_tokenism_nominal_share_and_power_never_held():
    net = cp.Network()
    net.add_stakeholder("museum", kind="group", convenor=True, paid=True)
    net.add_stakeholder("panel", kind="group", paid=False)
    net.add_stakeholder("carers", kind="group")
    net.add_project("p")
    # A shared right under a sole rule carries no vote.
    net.add_decision("d1", project="p", stage="design", rule="sole",
                     rights={"museum": "decides", "panel": "shared"})
    net.add_decision("d2", project="p", stage="evaluation", rule="sole",
                     rights={"museum": "decides", "panel": "involved", "carers": "consulted"})
    found = ladder.tokenism(net)
    assert found.loc[found["kind"] == "nominal_share"].index.tolist() == ["panel"]
    assert found.loc[found["kind"] == "nominal_share", "decision"].tolist() == ["d1"]
    assert sorted(found.index[found["kind"] == "no_power"]) == ["carers", "panel"]
    # carers' pay is not coded: no unpaid finding for them.
    assert found.index[found["kind"] == "unpaid"].tolist() == ["panel"]
    assert dp.decision_power(net).loc["panel"].eq(0).all()


def test_public_api_and_doctests():
    assert cp.ladder is ladder
    assert set(ladder.__all__) >= {"classify", "LadderConfig", "tokenism", "share_at_or_above"}
    result = doctest.testmod(ladder, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.attempted > 0 and result.failed == 0


def test_examples_on_the_documentation_page_run():
    page = Path(__file__).resolve().parents[2] / "docs" / "ladder.md"
    result = doctest.testfile(str(page), module_relative=False,
                              optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.attempted > 0 and result.failed == 0


def test_stage_frame_types():
    stages = ladder.classify(nml(), "co_production").stages
    assert list(stages.index.astype(str)) == list(cp.network.STAGES)
    assert (stages["type"] >= "co-design").all()
    assert stages["tlap_band"].astype(str).eq("doing with").all()
    assert np.allclose(stages["partner_power"], 0.6)


# -- intervals of the criteria ------------------------------------------------------------------


@pytest.mark.parametrize("name, project, weighted", [
    ("twam_partners_2013", "reminiscence", True),
    ("nml_collaboration_types", "co_design", True),
    ("nml_collaboration_types", "engagement", False)])
def test_criteria_intervals_are_the_bootstrap_of_weighted_shares_of_decisions(name, project,
                                                                             weighted):
    from coproduction import _core

    net = cp.examples.load(name)
    config = cp.ladder.LadderConfig(weighted=weighted)
    result = cp.ladder.classify(net, project, config, interval=True, n=500, rng=9)
    plain = cp.ladder.classify(net, project, config)
    criteria = result.criteria
    pd.testing.assert_frame_equal(criteria[plain.criteria.columns], plain.criteria)
    # By hand: every decision keeps its reading; draw d takes the decisions of row d of the
    # documented resamples, and a criterion is the weighted share of the drawn decisions (of
    # its stage) that show its property.
    d = plain.decisions
    draws = _core.stats.resample_indices(len(d), 500, 9)
    order = list(cp.network.RIGHTS)
    rank = d["partner_right"].astype(str).map(order.index).to_numpy()
    shows = {
        "partners_consulted": (None, rank >= order.index("consulted")),
        "design_involvement": ("design", rank >= order.index("involved")),
        "design_joint": ("design", d["joint"].to_numpy()),
        "delivery_guided": ("delivery", rank >= order.index("involved")),
        "shared_equally": (None, d["shared_equally"].to_numpy()),
    }
    weight = d["weight"].to_numpy()
    for criterion, (stage, flag) in shows.items():
        inside = np.ones(len(d), bool) if stage is None else (d["stage"] == stage).to_numpy()
        den = (weight * inside)[draws].sum(axis=1)
        num = (weight * inside * flag)[draws].sum(axis=1)
        with np.errstate(invalid="ignore", divide="ignore"):
            values = num / den
        values = values[den > 0]
        if not inside.any():
            assert np.isnan(criteria.at[criterion, "low"])
            continue
        full = (weight * inside * flag).sum() / (weight * inside).sum()
        assert full == pytest.approx(criteria.at[criterion, "value"], abs=1e-12)
        low, high = np.quantile(values, [0.025, 0.975])
        assert criteria.at[criterion, "low"] == pytest.approx(low, abs=1e-12), criterion
        assert criteria.at[criterion, "high"] == pytest.approx(high, abs=1e-12), criterion
    assert np.isnan(criteria.at["learning_two_way", "low"])
    assert criteria.attrs["interval"]["seed"] == 9


def test_criteria_intervals_refuse_a_configuration_that_changes_the_readings():
    net = cp.examples.load("twam_partners_2013")
    with pytest.raises(cp.InputError, match="config"):
        cp.ladder.classify(net, "reminiscence", cp.ladder.LadderConfig(equal_power_ratio=0.5),
                           interval=True, n=100, rng=1)
    with pytest.raises(cp.InputError, match="interval"):
        cp.ladder.classify(net, "reminiscence", interval="yes")
    with pytest.raises(cp.InputError, match="measure"):
        cp.stats.bootstrap(net, "ladder_learning_two_way", unit="decisions",
                           project="reminiscence")
