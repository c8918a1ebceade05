"""Decision power in a network: every decision's game rebuilt here from docs/format.md and
checked against cp.power on the same game and against brute force over every coalition;
hand-checked values of the TWAM example; aggregation, shares, convenor-carried decisions and
veto players against independent pandas computations; Hypothesis properties."""

from __future__ import annotations

import doctest
import itertools
import json
import math
from fractions import Fraction

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import coproduction as cp
from coproduction import decision_power as dp
from coproduction import power

TWAM = cp.examples.load("twam_partners_2013")
NML = cp.examples.load("nml_collaboration_types")


# ----------------------------------------------------------------------------------------
# Each decision's game, written out from docs/format.md


def _game(net: cp.Network, decision: str):
    """Holders (id order), votes, quota and veto holders of a decision, by the format's rule."""
    frame = net.rights.loc[decision]
    holders = sorted(frame.index[frame["right"].isin(["shared", "decides"])])
    row = net.decisions.loc[decision]
    rule = row["rule"]
    doc = next(d for d in json.loads(net.to_json())["decisions"] if d["id"] == decision)
    veto = list(doc["rule"].get("veto", []))
    votes = {h: int(doc["rule"].get("votes", {}).get(h, 1)) for h in holders}
    if rule == "sole":
        weights = pd.Series({h: int(frame.at[h, "right"] == "decides") for h in holders})
        quota = 1
    elif rule == "unanimity":
        weights = pd.Series(1, index=holders)
        quota = len(holders)
    elif rule == "majority":
        weights = pd.Series(votes)
        quota = sum(votes.values()) // 2 + 1
    else:
        weights = pd.Series(votes)
        quota = math.ceil(row["quota"])
    return weights.astype(np.int64), quota, veto


def _wins(weights: pd.Series, quota: int, veto, coalition) -> bool:
    return all(v in coalition for v in veto) and sum(weights[h] for h in coalition) >= quota


def _swings(weights: pd.Series, quota: int, veto) -> dict:
    """Swing counts by enumerating every coalition of the others."""
    out = {}
    for h in weights.index:
        others = [o for o in weights.index if o != h]
        out[h] = sum(
            1 for r in range(len(others) + 1) for s in itertools.combinations(others, r)
            if _wins(weights, quota, veto, s + (h,)) and not _wins(weights, quota, veto, s))
    return out


ALL_DECISIONS = [(name, d) for name, net in (("twam", TWAM), ("nml", NML))
                 for d in net.decisions.index]


@pytest.mark.parametrize("which,decision", ALL_DECISIONS)
@pytest.mark.parametrize("index", ["banzhaf", "shapley_shubik", "deegan_packel", "holler",
                                   "johnston"])
def test_decision_power_equals_the_index_of_the_same_game(which, decision, index):
    net = TWAM if which == "twam" else NML
    weights, quota, veto = _game(net, decision)
    direct = getattr(power, index)(weights, quota, veto=veto or None)
    matrix = dp.decision_power(net, index)
    column = matrix[decision]
    np.testing.assert_allclose(column[weights.index].to_numpy(), direct.to_numpy(), atol=1e-13)
    others = column.drop(weights.index)
    assert (others == 0).all()
    assert column.sum() == pytest.approx(1.0, abs=1e-12)


@pytest.mark.parametrize("which,decision", ALL_DECISIONS)
def test_banzhaf_equals_brute_force_swings(which, decision):
    net = TWAM if which == "twam" else NML
    weights, quota, veto = _game(net, decision)
    eta = _swings(weights, quota, veto)
    total = sum(eta.values())
    column = dp.decision_power(net)[decision]
    absolute = dp.decision_power(net, "banzhaf_absolute")[decision]
    for h, count in eta.items():
        assert column[h] == pytest.approx(count / total, abs=1e-13)
        assert absolute[h] == pytest.approx(count / 2 ** (len(weights) - 1), abs=1e-13)


def test_twam_values_by_hand():
    b = dp.decision_power(TWAM)
    # reminiscence_themes: majority of outreach 2, OT 1, participants 1 (3 of 4 votes needed):
    # outreach swings for {OT}, {group}, {OT, group}; the others for {outreach}: 3/5, 1/5, 1/5.
    assert b.at["twam_outreach", "reminiscence_themes"] == pytest.approx(0.6)
    assert b.at["housing21_reminiscence_group", "reminiscence_themes"] == pytest.approx(0.2)
    # reminiscence_outcomes: quota 3, commissioners 2 votes and a veto, three others 1 each:
    # the commissioners swing for the 7 non-empty sets of the others, each other holder for
    # the commissioners alone: 7/10 and 1/10.
    assert b.at["commissioners", "reminiscence_outcomes"] == pytest.approx(0.7)
    assert b.at["housing21_ot", "reminiscence_outcomes"] == pytest.approx(0.1)
    # reminiscence_conception: unanimity of three: 1/3 each; consulted participants 0.
    assert b.at["housing21_regional_manager", "reminiscence_conception"] == pytest.approx(1 / 3)
    assert b.at["housing21_reminiscence_group", "reminiscence_conception"] == 0
    # Shapley-Shubik of reminiscence_format (quota 3; outreach 2, OT 2 with a veto, group 1):
    # of the 6 orders OT is pivotal in the 4 where it is not first, outreach and the group
    # in one each.
    ss = dp.decision_power(TWAM, "shapley_shubik")["reminiscence_format"]
    assert ss["housing21_ot"] == pytest.approx(4 / 6, abs=1e-13)
    assert ss["twam_outreach"] == pytest.approx(1 / 6, abs=1e-13)
    # The frame: every stakeholder, every decision, labelled axes.
    assert b.shape == (TWAM.num_stakeholders, TWAM.num_decisions)
    assert b.index.name == "stakeholder" and b.columns.name == "decision"
    assert list(b.index) == list(TWAM.stakeholders.index)


def test_aggregates_are_weighted_means_of_the_matrix():
    b = dp.decision_power(TWAM)
    stages = TWAM.decisions["stage"].astype(str)
    weights = TWAM.decisions["weight"]
    for weighted in (False, True):
        w = weights if weighted else pd.Series(1.0, index=weights.index)
        by_stage = dp.power_by_stage(TWAM, weighted=weighted)
        for stage in by_stage.columns:
            chosen = stages.index[stages == stage]
            expected = (b[chosen] * w[chosen]).sum(axis=1) / w[chosen].sum()
            np.testing.assert_allclose(by_stage[stage], expected, atol=1e-13)
        np.testing.assert_allclose(by_stage.sum(), 1.0, atol=1e-12)
        overall = dp.decision_power(TWAM, by="all", weighted=weighted)
        np.testing.assert_allclose(overall["all"], (b * w).sum(axis=1) / w.sum(), atol=1e-13)
    # Design: outreach (0.6 + 0.2) / 2; the participants (0.2 + 0.2) / 2.
    by_stage = dp.power_by_stage(TWAM)
    assert by_stage.at["twam_outreach", "design"] == pytest.approx(0.4)
    assert by_stage.at["housing21_reminiscence_group", "design"] == pytest.approx(0.2)
    assert list(by_stage.columns) == list(cp.network.STAGES)


def test_by_project_and_project_filter():
    b = dp.decision_power(NML)
    by_project = dp.power_by_project(NML)
    assert list(by_project.columns) == list(NML.projects.index)
    for project in NML.projects.index:
        chosen = NML.decisions.index[NML.decisions["project"] == project]
        np.testing.assert_allclose(by_project[project], b[chosen].mean(axis=1), atol=1e-13)
        only = dp.decision_power(NML, project=project)
        assert list(only.columns) == list(chosen)
        stage_cols = dp.power_by_stage(NML, project=project)
        assert stage_cols.sum().round(12).eq(1).all()
    assert by_project.at["co_production_advisory_panel", "co_production"] == pytest.approx(0.2)
    with pytest.raises(cp.InputError):
        dp.decision_power(NML, by="project", project="co_design")


def test_power_shares_by_side_expertise_and_a_series():
    shares = dp.power_shares(NML, "convenor", project="co_production")
    # Unanimity, majority, quota and unanimity with five equal holders: 1/5 each, so the
    # two convenors hold 2/5. Head counts 3 + 2 against 6 + 1 (no size) + 5.
    assert list(shares.index) == ["convenor", "partner"]
    assert shares.at["convenor", "power"] == pytest.approx(0.4)
    assert shares.at["convenor", "people"] == pytest.approx(5 / 17)
    assert shares.at["partner", "parity"] == pytest.approx(0.6 / (12 / 17))
    assert shares["stakeholders"].tolist() == [2, 3]
    # Whole network by expertise against a pandas groupby of the mean power.
    mean = dp.decision_power(NML, by="all")["all"]
    people = NML.stakeholders[NML.stakeholders["kind"] != "object"]
    labels = people["expertise"].astype(object).where(people["expertise"].notna(), "not coded")
    expected = mean[people.index].groupby(labels).sum() / mean[people.index].sum()
    got = dp.power_shares(NML, "expertise")
    pd.testing.assert_series_equal(got["power"], expected.reindex(got.index), check_names=False,
                                   atol=1e-13)
    assert got["power"].sum() == pytest.approx(1.0)
    # Any grouping as a Series.
    groups = pd.Series({s: s.split("_")[0] for s in NML.stakeholders.index})
    by_series = dp.power_shares(NML, groups)
    assert by_series["power"].sum() == pytest.approx(1.0)
    # A stakeholder the Series leaves out is "not coded", as in every grouping of the package.
    partial = dp.power_shares(NML, groups.drop("co_design_curators"))
    assert partial.loc["not coded", "stakeholders"] == 1
    assert partial.index[-1] == "not coded"
    assert partial["power"].sum() == pytest.approx(1.0)
    with pytest.raises(cp.InputError):
        dp.power_shares(NML, pd.Series({"nobody_here": "x"}))  # an id not in the network
    with pytest.raises(cp.InputError):
        dp.power_shares(NML, "colour")


def _convenors_carry(net: cp.Network, decision: str) -> bool:
    weights, quota, veto = _game(net, decision)
    convenor = net.stakeholders["convenor"].fillna(False).astype(bool)
    side = tuple(h for h in weights.index if convenor[h])
    return _wins(weights, quota, veto, side)


def test_convenor_carried_against_the_definition():
    for net in (TWAM, NML):
        flags = dp.convenor_carried(net)
        expected = [_convenors_carry(net, d) for d in net.decisions.index]
        assert flags.tolist() == expected
    # TWAM: only the two sole delivery decisions: 2 of 8 by weight (the conception counts 2,
    # the default), 2 of 7 once each.
    assert dp.convenor_carried_share(TWAM) == pytest.approx(0.25)
    assert dp.convenor_carried_share(TWAM, weighted=False) == pytest.approx(2 / 7)
    assert dp.convenor_carried_share(NML, project="consultation") == 1.0
    assert dp.convenor_carried_share(NML, project="co_production") == 0.0
    with pytest.raises(cp.InputError):
        dp.convenor_carried_share(NML, project="absent")


def test_one_default_weighting_counts_decisions_by_weight():
    # docs/power.md, "Decision weighting": every aggregate counts a decision by its weight
    # unless weighted=False. In TWAM the conception weighs 2, the six other decisions 1.
    b = dp.decision_power(TWAM)
    w = TWAM.decisions["weight"].to_numpy(dtype=float)
    assert w.tolist() == [2.0, 1, 1, 1, 1, 1, 1]
    by_weight = pd.Series(b.to_numpy() @ w / w.sum(), index=b.index)
    once = b.mean(axis=1)
    overall = dp.decision_power(TWAM, by="all")["all"]
    np.testing.assert_allclose(overall, by_weight, atol=1e-13)
    assert not np.allclose(overall, once)
    np.testing.assert_allclose(dp.decision_power(TWAM, by="all", weighted=False)["all"], once,
                               atol=1e-13)
    # The partners' share is the same wherever it is read: by weight, 0.49 (0.47 once each).
    people = TWAM.stakeholders.index[TWAM.stakeholders["kind"] != "object"]
    partner = ~TWAM.stakeholders["convenor"].fillna(False).astype(bool)[people]
    expected = by_weight[people][partner].sum() / by_weight[people].sum()
    shares = dp.power_shares(TWAM)
    assert shares.at["partner", "power"] == pytest.approx(expected, abs=1e-13)
    assert shares.at["partner", "power"] == pytest.approx(0.4917, abs=1e-4)
    assert dp.power_shares(TWAM, weighted=False).at["partner", "power"] == pytest.approx(
        once[people][partner].sum() / once[people].sum(), abs=1e-13)
    stages = dp.power_by_stage(TWAM)
    pd.testing.assert_frame_equal(stages, dp.power_by_stage(TWAM, weighted=True))
    pd.testing.assert_frame_equal(dp.power_by_project(TWAM),
                                  dp.power_by_project(TWAM, weighted=True))
    # Every public function that aggregates over decisions says weighted=True by default.
    import inspect
    for module in (cp.power, cp.ladder):
        for name in module.__all__:
            function = getattr(module, name)
            if callable(function) and "weighted" in inspect.signature(function).parameters:
                assert inspect.signature(function).parameters["weighted"].default is True, name
    assert cp.ladder.LadderConfig().weighted is True


def test_stakeholder_indexed_results_name_their_index_stakeholder():
    # One index name for every result indexed by stakeholder id.
    frames = {
        "decision_power": dp.decision_power(TWAM),
        "by stage": dp.power_by_stage(TWAM),
        "by project": dp.power_by_project(TWAM),
        "by all": dp.decision_power(TWAM, by="all"),
        "bloc_power": dp.bloc_power(TWAM, by="convenor"),
        "veto_players": dp.veto_players(TWAM),
        "tokenism": cp.ladder.tokenism(TWAM),
    }
    for what, frame in frames.items():
        assert frame.index.name == "stakeholder", what
    assert dp.power_shares(TWAM).index.name == "group"
    assert dp.convenor_carried(TWAM).index.name == "decision"


def test_veto_players_against_every_coalition():
    found = dp.veto_players(TWAM)
    for decision in TWAM.decisions.index:
        weights, quota, veto = _game(TWAM, decision)
        winning = [s for r in range(len(weights) + 1)
                   for s in itertools.combinations(weights.index, r)
                   if _wins(weights, quota, veto, s)]
        expected = sorted(h for h in weights.index if all(h in s for s in winning))
        got = sorted(found.index[found["decision"] == decision])
        assert got == expected, decision
    row = found[found["decision"] == "reminiscence_outcomes"]
    assert row.index.tolist() == ["commissioners"] and row["named_in_rule"].all()
    themes = found[found["decision"] == "reminiscence_themes"]
    assert themes.index.tolist() == ["twam_outreach"] and not themes["named_in_rule"].any()
    assert set(found.columns) == {"decision", "project", "stage", "named_in_rule", "convenor"}


def test_bad_arguments():
    with pytest.raises(cp.InputError, match="index"):
        dp.decision_power(NML, "penrose")
    with pytest.raises(cp.InputError, match="by"):
        dp.decision_power(NML, by="role")
    with pytest.raises(cp.InputError, match="project"):
        dp.decision_power(NML, project="absent")
    with pytest.raises(cp.InputError, match="net"):
        dp.decision_power({"not": "a network"})
    empty = cp.Network()
    with pytest.raises(cp.InputError):
        dp.power_by_project(empty)


# ----------------------------------------------------------------------------------------
# Properties


@st.composite
def networks(draw):
    """A small network with random decisions under every rule kind."""
    n = draw(st.integers(2, 6))
    net = cp.Network()
    ids = [f"s{i}" for i in range(n)]
    for i, s in enumerate(ids):
        net.add_stakeholder(s, kind="group", convenor=draw(st.booleans()) if i else True)
    net.add_stakeholder("outsider", kind="group")
    net.add_project("p")
    for k in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["sole", "unanimity", "majority", "quota"]))
        rights = {s: draw(st.sampled_from(["none", "informed", "consulted", "involved",
                                           "shared"])) for s in ids}
        holders = [s for s in ids if rights[s] == "shared"]
        if not holders:
            rights[ids[0]] = "shared"
            holders = [ids[0]]
        votes, quota = None, None
        if kind == "sole":
            rights[draw(st.sampled_from(holders))] = "decides"
        if kind in ("majority", "quota"):
            votes = {h: draw(st.integers(1, 5)) for h in holders}
        if kind == "quota":
            quota = draw(st.integers(1, sum(votes.values())))
        veto = draw(st.lists(st.sampled_from(holders), unique=True, max_size=2))
        net.add_decision(f"d{k}", project="p", stage=draw(st.sampled_from(cp.network.STAGES)),
                         rights=rights, rule=kind, votes=votes, quota=quota, veto=veto,
                         weight=draw(st.sampled_from([None, 0.5, 2.0])))
    return net


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(networks())
def test_properties_of_decision_power(net):
    b = dp.decision_power(net)
    rights = net.rights["right"].unstack().reindex(index=b.columns, columns=b.index)
    for decision in b.columns:
        held = rights.loc[decision].isin(["shared", "decides"])
        # Normalised power sums to 1 over the holders; non-holders (and the outsider) get 0.
        assert b.loc[held[held].index, decision].sum() == pytest.approx(1.0, abs=1e-12)
        assert (b.loc[held[~held].index, decision] == 0).all()
        # A sole decider without veto holders beside it holds everything.
        if net.decisions.at[decision, "rule"] == "sole":
            decider = rights.loc[decision][rights.loc[decision] == "decides"].index[0]
            doc = next(d for d in json.loads(net.to_json())["decisions"] if d["id"] == decision)
            if not [v for v in doc["rule"].get("veto", []) if v != decider]:
                assert b.at[decider, decision] == 1.0
    # Aggregates stay shares.
    np.testing.assert_allclose(dp.power_by_stage(net, weighted=True).sum(), 1.0, atol=1e-12)
    assert dp.power_shares(net)["power"].sum() == pytest.approx(1.0)
    # Brute force on every decision: swings and convenor-carried.
    for decision in b.columns:
        weights, quota, veto = _game(net, decision)
        eta = _swings(weights, quota, veto)
        total = sum(eta.values())
        for h, count in eta.items():
            assert b.at[h, decision] == pytest.approx(count / total, abs=1e-12)
        assert dp.convenor_carried(net)[decision] == _convenors_carry(net, decision)


def test_reexported_through_cp_power_and_doctests():
    # The public names live in cp.power (docs/ladder.md); the examples in the docstrings run.
    for name in ("decision_power", "power_by_stage", "power_by_project", "power_shares",
                 "convenor_carried", "convenor_carried_share", "veto_players", "bloc_power",
                 "INDICES"):
        assert getattr(power, name) is getattr(dp, name)
        assert name in power.__all__ and name in dp.__all__
    result = doctest.testmod(dp, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.attempted > 0 and result.failed == 0


def test_fraction_check_of_a_published_style_game():
    # A decision with the EEC 1958 Council's votes as a quota rule (Felsenthal & Machover
    # 1998: normalised Banzhaf 10/42 for each of the big three, 6/42 for Belgium and the
    # Netherlands, 0 for Luxembourg).
    net = cp.Network()
    votes = {"france": 4, "germany": 4, "italy": 4, "belgium": 2, "netherlands": 2,
             "luxembourg": 1}
    for s in votes:
        net.add_stakeholder(s, kind="organisation")
    net.add_project("council")
    net.add_decision("vote", project="council", stage="governance",
                     rights={s: "shared" for s in votes}, rule="quota", votes=votes, quota=12)
    b = dp.decision_power(net)["vote"]
    expected = [Fraction(10, 42)] * 3 + [Fraction(6, 42)] * 2 + [Fraction(0)]
    np.testing.assert_allclose(b[list(votes)].to_numpy(), [float(x) for x in expected],
                               atol=1e-14)


# -- blocs: the Owen value of each decision ----------------------------------------------------

@pytest.mark.parametrize("name", ["twam_partners_2013", "nml_collaboration_types"])
def test_bloc_power_with_singleton_or_single_blocs_is_shapley_shubik(name):
    # Owen (1977): with every holder alone, or all in one bloc, the Owen value is the
    # Shapley-Shubik index; decision_power computes that index by another route.
    net = cp.examples.load(name)
    shapley = cp.power.decision_power(net, "shapley_shubik")
    alone = pd.Series(net.stakeholders.index, index=net.stakeholders.index)
    together = pd.Series("all", index=net.stakeholders.index)
    for blocs in (alone, together):
        got = cp.power.bloc_power(net, by=blocs)
        pd.testing.assert_frame_equal(got, shapley.loc[got.index, got.columns], atol=1e-12,
                                      check_names=False)


@pytest.mark.parametrize("name", ["twam_partners_2013", "nml_collaboration_types"])
@pytest.mark.parametrize("by", ["convenor", "role", "expertise"])
@pytest.mark.parametrize("kind", ["shapley_shubik", "banzhaf"])
def test_bloc_power_is_the_owen_value_of_each_game_from_the_format(name, by, kind):
    # Each decision's game written out here from docs/format.md, the blocs from the column,
    # and cp.power.owen on that game: the core's bloc_power must give the same.
    net = cp.examples.load(name)
    got = cp.power.bloc_power(net, by=by, kind=kind)
    labels = net.stakeholders[by].astype(object).where(net.stakeholders[by].notna(), "not coded")
    if by == "convenor":
        labels = np.where(net.stakeholders["convenor"].fillna(False).astype(bool), "convenor",
                          "partner")
        labels = pd.Series(labels, index=net.stakeholders.index)
    assert got.index.name == "stakeholder" and got.columns.name == "decision"
    assert list(got.index) == list(net.stakeholders.index)
    assert list(got.columns) == list(net.decisions.index)
    for decision in net.decisions.index:
        weights, quota, veto = _game(net, decision)
        direct = power.owen(weights, quota, labels[weights.index].tolist(), veto=veto or None,
                            kind=kind)
        np.testing.assert_allclose(got.loc[weights.index, decision], direct, atol=1e-13)
        assert (got[decision].drop(weights.index) == 0).all()
        assert got[decision].sum() == pytest.approx(1.0, abs=1e-12)


def test_bloc_power_of_one_project_and_its_errors():
    only = cp.power.bloc_power(NML, by="convenor", project="co_design")
    assert list(only.columns) == list(NML.decisions.index[NML.decisions["project"] == "co_design"])
    pd.testing.assert_frame_equal(only, cp.power.bloc_power(NML, by="convenor")[only.columns])
    with pytest.raises(cp.InputError, match="kind"):
        cp.power.bloc_power(NML, kind="penrose")
    with pytest.raises(cp.InputError, match="project"):
        cp.power.bloc_power(NML, project="absent")
    with pytest.raises(cp.InputError, match="by"):
        cp.power.bloc_power(NML, by=pd.Series({"nobody_here": "museum"}))
    # A stakeholder with no bloc coded votes alone: the same as a bloc of its own.
    partial = pd.Series({"co_design_curators": "museum", "co_design_learning_staff": "museum"})
    alone = pd.Series({s: ("museum" if s in partial.index else f"own_{s}")
                       for s in NML.stakeholders.index})
    pd.testing.assert_frame_equal(cp.power.bloc_power(NML, by=partial),
                                  cp.power.bloc_power(NML, by=alone))


def test_bloc_power_by_hand():
    # Majority of three single votes (2 of 3 win): the museum alone, users and carers a bloc
    # of partners. Between blocs the partners' bloc has 2 votes and wins alone (2 >= 2), the
    # museum's 1 never swings: the museum gets 0 and the bloc 1. Within the bloc users and
    # carers are symmetric, so they split it: 1/2 each (Owen 1977).
    net = cp.Network()
    net.add_stakeholder("museum", kind="group", convenor=True)
    net.add_stakeholder("users", kind="group")
    net.add_stakeholder("carers", kind="group")
    net.add_project("p")
    net.add_decision("d", project="p", stage="design", rule="majority",
                     rights={"museum": "shared", "users": "shared", "carers": "shared"})
    got = cp.power.bloc_power(net, by="convenor")["d"]
    assert got["museum"] == pytest.approx(0.0)
    assert got["users"] == pytest.approx(0.5) and got["carers"] == pytest.approx(0.5)
    # Without blocs each has 1/3 (symmetric players).
    plain = cp.power.decision_power(net, "shapley_shubik")["d"]
    assert plain.to_numpy() == pytest.approx([1 / 3] * 3)


# ----------------------------------------------------------------------------------------
# Limits


def _one_decision(holders: int, **rule) -> cp.Network:
    net = cp.Network()
    ids = [f"member_{i}" for i in range(holders)]
    for s in ids:
        net.add_stakeholder(s, kind="group")
    net.add_project("p")
    net.add_decision("assembly", project="p", stage="governance",
                     rights={s: "shared" for s in ids}, **rule)
    return net


def test_limits_are_refused_naming_the_decision():
    # 64 one-vote holders under a majority: C(64, 33) minimal winning coalitions.
    # `cp.LimitError` is looked up before each call, so a version without the limit fails
    # here instead of starting the enumeration.
    crowd = _one_decision(64, rule="majority")
    for index in ("deegan_packel", "holler"):
        with pytest.raises(cp.LimitError) as info:
            dp.decision_power(crowd, index)
        assert info.value.estimate == math.comb(64, 33)
        assert info.value.where == "max_coalitions"
        assert 'decision "assembly"' in str(info.value)
    with pytest.raises(cp.LimitError) as info:
        dp.decision_power(crowd, "holler", by="all")
    assert info.value.estimate == math.comb(64, 33)
    # Banzhaf of the same decision is cheap (64 votes).
    assert dp.decision_power(crowd)["assembly"].sum() == pytest.approx(1.0)
    heavy = _one_decision(2, rule="quota", votes={"member_0": 600_000_000_001,
                                                  "member_1": 399_999_999_999},
                          quota=500_000_000_001)
    with pytest.raises(cp.LimitError) as info:
        dp.decision_power(heavy)
    assert info.value.where == "weights" and info.value.unit == "bytes"
    assert 'decision "assembly"' in str(info.value)


def test_max_coalitions_is_passed_on_and_checked():
    # 12 one-vote holders under a majority (7 of 12): C(12, 7) = 792 coalitions.
    net = _one_decision(12, rule="majority")
    with pytest.raises(cp.LimitError) as info:
        dp.decision_power(net, "deegan_packel", max_coalitions=791)
    assert info.value.estimate == 792 and info.value.limit == 791
    values = dp.decision_power(net, "deegan_packel", max_coalitions=792)["assembly"]
    np.testing.assert_allclose(values, [1 / 12] * 12, atol=1e-12)
    with pytest.raises(cp.InputError, match="max_coalitions"):
        dp.decision_power(net, "holler", max_coalitions=0)
