"""Uncertainty where users look: ``power_shares(interval=True)`` and
``centralization(test="cug")`` are thin calls into cp.stats, giving the same numbers."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import coproduction as cp


@pytest.fixture(scope="module")
def twam():
    return cp.examples.load("twam_partners_2013")


@pytest.mark.parametrize("by, method", [("convenor", "percentile"), ("expertise", "bca"),
                                        ("role", "basic")])
def test_power_share_intervals_are_the_bootstraps_of_each_group(twam, by, method):
    table = cp.power.power_shares(twam, by, interval=True, n=400, rng=11, method=method)
    plain = cp.power.power_shares(twam, by)
    pd.testing.assert_frame_equal(pd.DataFrame(table[plain.columns]), pd.DataFrame(plain))
    draws = []
    for group in table.index:
        one = cp.stats.bootstrap(twam, "power_share", by=by, group=group, unit="decisions",
                                 n=400, rng=11, method=method)
        assert one.estimate == pytest.approx(table.at[group, "power"], abs=1e-12)
        assert (table.at[group, "power_low"], table.at[group, "power_high"]) == \
            (one.low, one.high)
        draws.append(one.draws)
    # Every group's interval comes from the same resamples of the decisions: in each draw the
    # groups' shares add up to 1, as the shares of one network do.
    np.testing.assert_allclose(np.sum(draws, axis=0), 1.0, atol=1e-9)
    assert table.attrs["interval"] == {"n": 400, "ci": 0.95, "method": method, "seed": 11,
                                       "unit": "decisions"}


def test_power_share_intervals_are_repeatable_from_the_seed_they_report(twam):
    first = cp.power.power_shares(twam, "convenor", interval=True, n=300,
                                  rng=np.random.default_rng(5))
    again = cp.power.power_shares(twam, "convenor", interval=True, n=300,
                                  rng=first.attrs["interval"]["seed"])
    pd.testing.assert_frame_equal(pd.DataFrame(first), pd.DataFrame(again))


@pytest.mark.parametrize("bad, where", [({"interval": "yes"}, "interval"),
                                        ({"interval": True, "n": 1.5}, "n"),
                                        ({"interval": True, "method": "normal"}, "method")])
def test_bad_interval_settings_are_refused(twam, bad, where):
    with pytest.raises(cp.InputError, match=where):
        cp.power.power_shares(twam, "convenor", **bad)


@pytest.mark.parametrize("measure, layer, given", [
    ("degree", "learns_from", "edges"), ("betweenness", ["informs", "refers", "manages"], "size"),
    ("betweenness", "learns_from", "degrees")])
def test_centralization_with_a_cug_test_is_the_test_of_the_same_value(twam, measure, layer,
                                                                       given):
    result = cp.metrics.centralization(twam, measure, layer=layer, test="cug", given=given,
                                       n=200, rng=2)
    assert result.observed == cp.metrics.centralization(twam, measure, layer=layer)
    direct = cp.stats.cug_test(twam, f"{measure}_centralization", layer=layer, given=given,
                               n=200, rng=2)
    np.testing.assert_array_equal(result.null, direct.null)
    assert (result.p_greater_equal, result.p_less_equal) == \
        (direct.p_greater_equal, direct.p_less_equal)


def test_a_null_that_fixes_the_value_and_an_unknown_test_are_refused(twam):
    with pytest.raises(cp.InputError, match="given"):
        cp.metrics.centralization(twam, "degree", layer="learns_from", test="cug",
                                  given="degrees")
    with pytest.raises(cp.InputError, match="test"):
        cp.metrics.centralization(twam, "degree", layer="learns_from", test="qap")
