"""cp.Timeline: waves of one partnership, presence by hand, any measure over the waves as one
table (checked against calling the measure on each wave), the scorecard read with the wave
before, the JSON document round trip, the example timeline and the timeline plot."""

from __future__ import annotations

import pickle

import numpy as np
import pandas as pd
import pytest

import coproduction as cp


@pytest.fixture(scope="module")
def waves():
    return cp.examples.load_timeline("twam_partners_waves")


def _three_waves():
    first = cp.examples.load("nml_collaboration_types")
    second = first.copy()
    removed = second.stakeholders.index[-1]
    second.remove_stakeholder(removed, cascade=True)
    second.add_stakeholder("newcomer", kind="person", role="volunteer")
    third = second.copy()
    third.add_stakeholder(removed, kind="person", role="volunteer")
    return first, second, third, removed


def test_presence_is_computed_by_hand_wave_by_wave():
    first, second, third, removed = _three_waves()
    tl = cp.Timeline([("w1", first), ("w2", second), ("w3", third)],
                     not_surveyed={"w3": ["newcomer"]})
    table = tl.presence
    assert list(table.columns) == ["w1", "w2", "w3"]
    ids = list(first.stakeholders.index) + ["newcomer"]
    assert list(table.index) == ids
    members = [set(n.stakeholders.index) for n in (first, second, third)]
    for sid in ids:
        for w, wave in enumerate(["w1", "w2", "w3"]):
            here = sid in members[w]
            before = w > 0 and sid in members[w - 1]
            if wave == "w3" and sid == "newcomer":
                want = "not surveyed"
            elif here and (w == 0 or before):
                want = "present"
            elif here:
                want = "joined"
            elif before:
                want = "left"
            else:
                want = "absent"
            assert table.at[sid, wave] == want, (sid, wave)
    assert table.at[removed, "w2"] == "left" and table.at[removed, "w3"] == "joined"
    assert table.at["newcomer", "w1"] == "absent"
    assert list(table["w1"].cat.categories) == list(cp.timeline.PRESENCE)


def test_waves_are_copies_by_name_or_position():
    first, second, _, _ = _three_waves()
    tl = cp.Timeline({"a": first, "b": second}, dates={"b": "2014-03"})
    assert tl.names == ["a", "b"] and len(tl) == 2
    assert tl["a"] == first and tl[1] == second and tl[-1] == second
    first.add_stakeholder("later", kind="person")
    assert "later" not in tl["a"].stakeholders.index  # copied when made
    got = tl["a"]
    got.add_stakeholder("edited", kind="person")
    assert "edited" not in tl["a"].stakeholders.index  # a copy each time
    assert [name for name, _ in tl] == ["a", "b"]
    assert tl.date("b") == "2014-03" and tl.date("a") is None
    with pytest.raises(cp.InputError, match="wave"):
        tl["c"]
    with pytest.raises(cp.InputError, match="wave"):
        tl[2]


@pytest.mark.parametrize("waves, options, where", [
    ({}, {}, "waves"),
    ([("a", 1)], {}, "waves"),
    ([("a",)], {}, "waves[0]"),
    ([("", None)], {}, "waves[0]"),
    ("a", {}, "waves"),
    (None, {"not_surveyed": {"zz": ["x"]}}, "not_surveyed"),
    (None, {"dates": {"a": 2014}}, "dates"),
    (None, {"not_surveyed": {"a": "volunteer"}}, "not_surveyed"),
    (None, {"metadata": ["x"]}, "metadata"),
])
def test_bad_timelines_are_refused_naming_the_argument(waves, options, where):
    net = cp.examples.load("nml_collaboration_types")
    if waves is None:
        waves = {"a": net}
    with pytest.raises(cp.Error) as error:
        cp.Timeline(waves, **options)
    assert where.split("[")[0] in str(error.value)


def test_a_name_twice_and_an_unknown_not_surveyed_id_are_refused():
    net = cp.examples.load("nml_collaboration_types")
    with pytest.raises(cp.Error, match="twice|duplicate|unique"):
        cp.Timeline([("a", net), ("a", net)])
    with pytest.raises(cp.Error, match="nobody_here"):
        cp.Timeline({"a": net}, not_surveyed={"a": ["nobody_here"]})


def test_a_measure_over_the_waves_is_the_measure_of_each_wave(waves):
    # A number per wave: one column.
    got = waves.measure(cp.metrics.reciprocity, layer="learns_from")
    assert list(got.index) == waves.names and got.index.name == "wave"
    for name, net in waves:
        assert got.at[name, "reciprocity"] == cp.metrics.reciprocity(net, layer="learns_from")
    # A table per wave: its rows under each wave.
    shares = waves.measure(cp.power.power_shares, "expertise")
    for name, net in waves:
        pd.testing.assert_frame_equal(pd.DataFrame(shares.loc[name]),
                                      pd.DataFrame(cp.power.power_shares(net, "expertise")))
    # A Series per wave: one column per entry, NaN where a wave lacks it.
    power = waves.measure(lambda n: cp.power.decision_power(n, by="all")["all"])
    assert set(power.columns) <= set(waves.presence.index)
    assert {"stonham", "peer_researchers"} <= set(power.columns)
    assert np.isnan(power.at["2014", "stonham"]) and not np.isnan(power.at["2013", "stonham"])
    assert np.isnan(power.at["2013", "peer_researchers"])
    # A bootstrap per wave: estimate and interval.
    boot = waves.measure(cp.stats.bootstrap, "power_share", by="convenor", group="partner",
                         n=200, rng=3)
    assert list(boot.columns) == ["estimate", "low", "high"]
    for name, net in waves:
        one = cp.stats.bootstrap(net, "power_share", by="convenor", group="partner", n=200,
                                 rng=3)
        assert (boot.at[name, "estimate"], boot.at[name, "low"], boot.at[name, "high"]) == \
            (one.estimate, one.low, one.high)


def test_a_measure_that_fails_names_the_wave(waves):
    def broken(net):
        if "peer_researchers" in net.stakeholders.index:
            raise cp.InputError("[coproduction.input] x: broken")
        return 1.0

    with pytest.raises(cp.InputError) as error:
        waves.measure(broken)
    assert any("2014" in note for note in getattr(error.value, "__notes__", []))
    with pytest.raises(cp.InputError, match="measure"):
        waves.measure("power_shares")
    with pytest.raises(cp.InputError, match="measure"):
        waves.measure(lambda n: "text")


def test_the_scorecard_reads_each_wave_with_the_wave_before(waves):
    card = waves.scorecard()
    assert list(card.index.get_level_values("wave").unique()) == waves.names
    first = cp.audit.principles(waves["2013"])
    second = cp.audit.principles(waves["2014"], previous=waves["2013"])
    pd.testing.assert_frame_equal(pd.DataFrame(card.loc["2013"]), pd.DataFrame(first))
    pd.testing.assert_frame_equal(pd.DataFrame(card.loc["2014"]), pd.DataFrame(second))
    row = card.loc[("2014", "Critical, reflective, adaptive")]
    partners = [float(cp.power.power_shares(n, "convenor").at["partner", "power"])
                for _, n in waves]
    assert row["value"] == pytest.approx(partners[1] - partners[0], abs=1e-12)
    assert row["verdict"] == "meets"
    assert card.loc[("2013", "Critical, reflective, adaptive"), "verdict"] == \
        "not measurable from these data"


def test_the_ladder_over_the_waves(waves):
    table = waves.ladder()
    for name, net in waves:
        pd.testing.assert_frame_equal(pd.DataFrame(table.loc[name]),
                                      pd.DataFrame(cp.ladder.classify_all(net)))


def test_diff_of_a_timeline_leaves_out_the_not_surveyed(waves):
    change = waves.diff()
    direct = cp.diff(waves["2013"], waves["2014"], not_surveyed=["neca_participants"])
    pd.testing.assert_frame_equal(change.ties, direct.ties)
    assert change.left_out_dyads == direct.left_out_dyads > 0
    plain = cp.diff(waves["2013"], waves["2014"])
    assert plain.left_out_dyads == 0
    assert (plain.ties["dyads"] >= change.ties["dyads"]).all()
    changes = waves.changes()
    assert list(changes.index.names) == ["from", "to", "type"]
    pd.testing.assert_frame_equal(changes.loc[("2013", "2014")], change.ties,
                                  check_names=False)
    with pytest.raises(cp.InputError, match="wave"):
        cp.Timeline({"a": waves["2013"]}).diff()


def test_the_json_document_round_trips_and_pickles(waves, tmp_path):
    text = waves.to_json()
    again = cp.read_timeline(text)
    assert again == waves
    assert again.names == waves.names
    assert again.not_surveyed("2014") == ["neca_participants"]
    assert again.metadata == waves.metadata
    path = tmp_path / "waves.json"
    waves.write_json(path)
    assert cp.read_timeline(path) == waves
    assert cp.read_timeline(path.read_bytes()) == waves
    with open(path, "rb") as handle:
        assert cp.read_timeline(handle) == waves
    assert pickle.loads(pickle.dumps(waves)) == waves
    assert cp.read_timeline(waves.to_json(indent=None)) == waves


def test_a_network_document_is_not_a_timeline():
    with pytest.raises(cp.FormatError) as error:
        cp.read_timeline(cp.examples.text("twam_partners_2013"))
    assert "read_json" in str(error.value) or "network" in str(error.value)


def test_display(waves):
    assert repr(waves) == "<coproduction.Timeline: 2 waves (2013, 2014), 29 stakeholders>"
    html = waves._repr_html_()
    assert "<table>" in html and "not surveyed" in html and "joined" in html


def test_the_example_timeline_is_the_2013_example_and_a_second_wave(waves):
    assert cp.examples.timelines() == ["twam_partners_waves"]
    assert waves["2013"] == cp.examples.load("twam_partners_2013")
    presence = waves.presence
    assert set(presence.index[presence["2014"] == "left"]) == {
        "stonham", "stonham_staff", "stonham_young_people"}
    assert list(presence.index[presence["2014"] == "joined"]) == ["peer_researchers"]
    with pytest.raises(cp.InputError, match="twam_partners_waves"):
        cp.examples.load_timeline("nope")


def test_the_timeline_plot_draws_each_wave(waves):
    ax = cp.plot.timeline(waves, cp.metrics.reciprocity, layer="learns_from")
    (line,) = ax.get_lines()
    values = [cp.metrics.reciprocity(n, layer="learns_from") for _, n in waves]
    np.testing.assert_allclose(line.get_ydata(), values)
    assert [t.get_text() for t in ax.get_xticklabels()] == waves.names
    table = waves.measure(cp.power.power_shares, "expertise").xs("lived", level="group")
    ax = cp.plot.timeline(table[["power", "people"]])
    assert [l.get_label() for l in ax.get_lines()] == ["power", "people"]
    boot = waves.measure(cp.stats.bootstrap, "power_share", by="convenor", group="partner",
                         n=200, rng=1)
    ax = cp.plot.timeline(boot)
    (bars,) = ax.containers
    np.testing.assert_allclose(bars.lines[0].get_ydata(), boot["estimate"])
    with pytest.raises(cp.InputError, match="measure"):
        cp.plot.timeline(waves)
    with pytest.raises(cp.InputError, match="level"):
        cp.plot.timeline(waves.measure(cp.power.power_shares, "expertise"))
