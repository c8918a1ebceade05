"""The bootstrap and the permutation tests, checked against independent implementations:
scipy.stats.permutation_test in the exact case, the uniformity of p-values under the null, the
coverage of percentile intervals, intervals recomputed from the draws with numpy and scipy, a
bootstrap over decisions rebuilt network by network through the public power functions, and
the generator rebuilt in pure Python from its documented definition."""

from __future__ import annotations

import json
import math
import signal
import xml.etree.ElementTree as ET

import matplotlib
import numpy as np
import pandas as pd
import pytest
from scipy import special, stats

import coproduction as cp
from coproduction import _core
from coproduction import _stats_resampling as rs
from coproduction._stats_result import BootstrapResult, NullTest, PermutationResult
from coproduction.network import read_json

matplotlib.use("Agg")

M64 = (1 << 64) - 1


# ---- the generator, rebuilt from its definition ---------------------------------------------


def _mix(z: int) -> int:
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & M64
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & M64
    return z ^ (z >> 31)


class _Generator:
    """xoshiro256** seeded by SplitMix64 from mix(seed + mix(draw)), as stats/rng.hpp says."""

    def __init__(self, seed: int, draw: int) -> None:
        x = _mix((seed + _mix(draw)) & M64)
        self.s = []
        for _ in range(4):
            x = (x + 0x9E3779B97F4A7C15) & M64
            self.s.append(_mix(x))

    def __call__(self) -> int:
        s = self.s
        rotl = lambda v, k: ((v << k) | (v >> (64 - k))) & M64  # noqa: E731
        out = (rotl((s[1] * 5) & M64, 7) * 9) & M64
        t = (s[1] << 17) & M64
        s[2] ^= s[0]
        s[3] ^= s[1]
        s[1] ^= s[2]
        s[0] ^= s[3]
        s[2] ^= t
        s[3] = rotl(s[3], 45)
        return out

    half = None

    def next32(self) -> int:  # the low half of a word, then its high half
        if self.half is not None:
            out, self.half = self.half, None
            return out
        word = self()
        self.half = word >> 32
        return word & 0xFFFFFFFF

    def below32(self, bound: int) -> int:  # Lemire (2019) on 32-bit numbers
        m = self.next32() * bound
        low = m & 0xFFFFFFFF
        if low < bound:
            threshold = ((1 << 32) - bound) % bound
            while low < threshold:
                m = self.next32() * bound
                low = m & 0xFFFFFFFF
        return m >> 32

    def below(self, bound: int) -> int:  # Lemire (2019)
        m = self() * bound
        low = m & M64
        if low < bound:
            threshold = ((1 << 64) - bound) % bound
            while low < threshold:
                m = self() * bound
                low = m & M64
        return m >> 64


def test_generator_follows_its_definition():
    for seed, draw in [(0, 0), (1, 0), (1, 1), (2**64 - 1, 12345), (42, 2**40)]:
        g = _Generator(seed, draw)
        assert list(_core.stats.generator_words(seed, draw, 6)) == [g() for _ in range(6)]
        g = _Generator(seed, draw)
        got = _core.stats.generator_below(seed, draw, 7, 50)
        assert list(got) == [g.below(7) for _ in range(50)]


def test_resample_indices_are_the_documented_draws():
    got = _core.stats.resample_indices(9, 4, 123)
    assert got.shape == (4, 9)
    for d in range(4):
        g = _Generator(123, d)
        assert list(got[d]) == [g.below32(9) for _ in range(9)]


# ---- permutation tests against scipy, exact case --------------------------------------------


def _mean_gap(x, y, axis=-1):
    return np.mean(y, axis=axis) - np.mean(x, axis=axis)


def _gini(x, axis=-1):
    x = np.sort(x, axis=axis)
    n = x.shape[axis]
    ranks = np.arange(1, n + 1)
    total = np.sum(x, axis=axis)
    return (2 * np.sum(ranks * x, axis=axis) - (n + 1) * total) / (n * total)


def _gini_gap(x, y, axis=-1):
    return _gini(y, axis) - _gini(x, axis)


@pytest.mark.parametrize("alternative", ["two-sided", "greater", "less"])
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_exact_mean_gap_equals_scipy(alternative, seed):
    rng = np.random.default_rng(seed)
    a = rng.exponential(1.0, 5)
    b = rng.exponential(1.6, 4)
    values = np.concatenate([a, b])
    groups = ["convenor"] * 5 + ["partner"] * 4  # sorted: partner is the group
    ours = rs.permutation_test(values, groups, n=1000, alternative=alternative, rng=seed)
    theirs = stats.permutation_test((a, b), _mean_gap, permutation_type="independent",
                                    vectorized=True, n_resamples=np.inf,
                                    alternative=alternative)
    assert ours.exact and ours.n == math.comb(9, 4)
    assert ours.p_value == theirs.pvalue
    assert ours.standard_error == 0.0
    assert ours.observed == pytest.approx(theirs.statistic, rel=1e-12)
    np.testing.assert_allclose(np.sort(ours.null), np.sort(theirs.null_distribution),
                               rtol=1e-12, atol=1e-14)


@pytest.mark.parametrize("alternative", ["two-sided", "greater", "less"])
def test_exact_gini_gap_equals_scipy(alternative):
    rng = np.random.default_rng(7)
    a = rng.lognormal(0, 1, 6)
    b = rng.lognormal(0, 0.5, 5)
    ours = rs.permutation_test(np.concatenate([a, b]), [0] * 6 + [1] * 5,
                               statistic="gini_gap", n=500, alternative=alternative)
    theirs = stats.permutation_test((a, b), _gini_gap, permutation_type="independent",
                                    vectorized=True, n_resamples=np.inf,
                                    alternative=alternative)
    assert ours.exact and ours.n == math.comb(11, 5)
    assert ours.p_value == theirs.pvalue
    assert ours.observed == pytest.approx(theirs.statistic, rel=1e-12)


@pytest.mark.parametrize("alternative", ["two-sided", "greater", "less"])
def test_exact_paired_test_equals_scipy(alternative):
    rng = np.random.default_rng(3)
    first = rng.normal(1, 1, 7)
    second = first + rng.normal(0.4, 1, 7)
    ours = rs.paired_permutation_test(first, second, n=200, alternative=alternative)
    theirs = stats.permutation_test((first, second), _mean_gap, permutation_type="samples",
                                    vectorized=True, n_resamples=np.inf,
                                    alternative=alternative)
    assert ours.exact and ours.n == 2**7
    assert ours.p_value == theirs.pvalue
    assert ours.observed == pytest.approx(theirs.statistic, rel=1e-12)


def test_share_gap_and_parity_by_hand():
    values = pd.Series([4.0, 1.0, 1.0, 2.0], index=["convenor_staff", "partner_a", "partner_b",
                                                      "partner_c"])
    side = pd.Series({"partner_c": "partner", "convenor_staff": "convenor",
                      "partner_a": "partner", "partner_b": "partner"})  # aligned by id
    share = rs.permutation_test(values, side, statistic="share_gap", n=100)
    parity = rs.permutation_test(values, side, statistic="parity", n=100)
    assert share.labels == ("convenor", "partner")
    assert share.observed == pytest.approx(4 / 8 - 3 / 4)  # partners hold half, are 3 of 4
    assert parity.observed == pytest.approx((4 / 8) / (3 / 4))
    assert share.exact and share.n == 4  # C(4, 1)
    # Exactly one of the four relabellings (the convenor holding 4) is as low as observed.
    assert share.p_value == pytest.approx(2 * 1 / 4)
    flipped = rs.permutation_test(values, side, statistic="share_gap", group="convenor", n=100)
    assert flipped.observed == pytest.approx(4 / 8 - 1 / 4)


# ---- p-values under the null, coverage -------------------------------------------------------


def test_null_p_values_are_uniform():
    rng = np.random.default_rng(2024)
    p = []
    for k in range(500):
        values = rng.exponential(1.0, 20)
        groups = rng.permutation([0] * 10 + [1] * 10)
        p.append(rs.permutation_test(values, groups, n=199, rng=k, threads=1).p_value)
    p = np.asarray(p)
    assert stats.kstest(p, "uniform").pvalue > 0.01
    # And a shifted group is found: the test can fail the other way.
    values = np.concatenate([rng.exponential(1.0, 20), rng.exponential(3.0, 20)])
    shifted = rs.permutation_test(values, [0] * 20 + [1] * 20, n=199, rng=1, threads=1)
    assert shifted.p_value < 0.05


def test_percentile_intervals_cover_the_mean():
    # The mean of exponential samples (true value 1): 95% percentile intervals of 2,000
    # samples of 200 values, 999 draws each.
    rng = np.random.default_rng(11)
    covered = 0
    for k in range(2000):
        sample = rng.exponential(1.0, 200)
        result = rs.bootstrap(sample, "mean", n=999, rng=k, threads=1, progress=False)
        covered += result.low <= 1.0 <= result.high
    assert 0.93 <= covered / 2000 <= 0.97


# ---- intervals from the draws ---------------------------------------------------------------


def test_intervals_recomputed_from_the_draws():
    rng = np.random.default_rng(5)
    values = rng.lognormal(0, 1, 120)
    alpha = 1 - 0.9  # as the core reads the level: quantiles at alpha/2 and 1 - alpha/2
    for method in ("percentile", "basic", "bca"):
        r = rs.bootstrap(values, "gini", n=1500, ci=0.9, method=method, rng=8)
        draws = r.draws
        assert r.estimate == pytest.approx(cp.metrics.gini(values), rel=1e-12)
        if method == "percentile":
            low, high = np.quantile(draws, [alpha / 2, 1 - alpha / 2])
            assert (r.low, r.high) == (low, high)
        elif method == "basic":
            low, high = np.quantile(draws, [alpha / 2, 1 - alpha / 2])
            assert (r.low, r.high) == (2 * r.estimate - high, 2 * r.estimate - low)
        else:
            # Efron & Tibshirani (1993), eqs. 14.14-14.15, ties counted half as in scipy.
            z0 = special.ndtri((np.sum(draws < r.estimate) + np.sum(draws <= r.estimate))
                               / (2 * draws.size))
            jackknife = np.array([cp.metrics.gini(np.delete(values, i))
                                  for i in range(values.size)])
            u = jackknife.mean() - jackknife
            a = np.sum(u**3) / (6 * np.sum(u**2) ** 1.5)
            ends = []
            for z in (special.ndtri(alpha / 2), special.ndtri(1 - alpha / 2)):
                ends.append(np.quantile(draws, special.ndtr(z0 + (z0 + z) / (1 - a * (z0 + z)))))
            assert r.low == pytest.approx(ends[0], rel=1e-9)
            assert r.high == pytest.approx(ends[1], rel=1e-9)


def test_bootstrap_draws_are_statistics_of_the_documented_resamples():
    values = np.array([3.0, 0.0, 7.5, 1.25, 4.0, 9.0, 2.0])
    r = rs.bootstrap(values, "theil", n=6, rng=77)
    indices = _core.stats.resample_indices(values.size, 6, 77)
    ascending = np.sort(values, kind="stable")  # a resample draws ranks of the sorted values
    for d in range(6):
        assert r.draws[d] == pytest.approx(cp.metrics.theil(ascending[indices[d]]), rel=1e-12)


# ---- threads ----------------------------------------------------------------------------------


def test_results_do_not_depend_on_threads():
    rng = np.random.default_rng(9)
    values = rng.exponential(1.0, 400)
    groups = rng.integers(0, 2, 400)
    net = cp.examples.load("twam_partners_2013")
    runs = []
    for threads in (1, 2):
        runs.append([
            rs.bootstrap(values, "gini", n=300, method="bca", rng=4, threads=threads).draws,
            rs.permutation_test(values, groups, statistic="gini_gap", n=300, rng=4,
                                threads=threads).null,
            rs.paired_permutation_test(values[:200], values[200:], n=300, rng=4,
                                       threads=threads).null,
            rs.bootstrap(net, "power_share", group="partner", n=300, rng=4,
                         threads=threads).draws,
            rs.bootstrap(net, "degree_centralization", n=100, rng=4, threads=threads).draws,
        ])
    for one, two in zip(*runs):
        assert np.array_equal(one, two, equal_nan=True)


# ---- decisions, network by network ------------------------------------------------------------


def test_decision_bootstrap_of_power_share_equals_rebuilt_networks():
    net = cp.examples.load("twam_partners_2013")
    doc = json.loads(net.to_json())
    decisions = doc["decisions"]
    result = rs.bootstrap(net, "power_share", group="partner", n=12, rng=31)
    assert result.unit == "decisions"
    assert result.estimate == pytest.approx(
        cp.power.power_shares(net, by="convenor").loc["partner", "power"], rel=1e-12)
    drawn = _core.stats.resample_indices(len(decisions), 12, 31)
    for d in range(12):
        boot = dict(doc)
        boot["decisions"] = []
        for k, i in enumerate(drawn[d]):
            copy = dict(decisions[i])
            copy["id"] = f"{copy['id']}_copy_{k}"
            boot["decisions"].append(copy)
        rebuilt = read_json(json.dumps(boot))
        share = cp.power.power_shares(rebuilt, by="convenor").loc["partner", "power"]
        assert result.draws[d] == pytest.approx(share, rel=1e-12), d


def test_decision_power_of_one_stakeholder_and_default_units():
    net = cp.examples.load("twam_partners_2013")
    holder = cp.power.decision_power(net, by="all")["all"].idxmax()
    r = rs.bootstrap(net, "decision_power", stakeholder=holder, n=50, rng=1)
    assert r.unit == "decisions"
    assert r.estimate == pytest.approx(cp.power.decision_power(net, by="all").loc[holder, "all"])
    assert rs.bootstrap(net, "density", n=20, rng=1).unit == "stakeholders"
    assert rs.bootstrap(net, "degree", stakeholder=holder, n=20, rng=1).unit == "relations"


# ---- display ----------------------------------------------------------------------------------


def test_results_show_themselves():
    net = cp.examples.load("twam_partners_2013")
    boot = rs.bootstrap(net, "power_share", group="partner", n=200, rng=1, layer=None)
    assert repr(boot).startswith("Bootstrap of power_share over decisions: ")
    assert "(percentile, 200 draws, seed 1)" in repr(boot)
    html = boot._repr_html_()
    ET.fromstring(html)  # well-formed
    test = rs.permutation_test([1.0, 2.0, 3.0, 4.0], ["<b>", "<b>", "a&b", "a&b"], n=10)
    assert isinstance(test, NullTest) and isinstance(test, PermutationResult)
    assert "exact over all 6 relabellings" in repr(test)
    html = test._repr_html_()
    assert "<b>" not in html and "&lt;b&gt;" in html
    ET.fromstring(html)
    assert isinstance(boot, BootstrapResult)
    with pytest.raises(AttributeError):
        boot.estimate = 2.0  # frozen
    with pytest.raises(ValueError):
        boot.draws[0] = 1.0  # read-only
    for result in (boot, test):
        ax = result.plot()
        assert isinstance(ax, matplotlib.axes.Axes)
        assert len(ax.patches) > 0
        matplotlib.pyplot.close(ax.figure)


def test_progress_callable_is_called_with_the_draws_done():
    seen = []
    values = np.random.default_rng(1).exponential(1.0, 20000)
    rs.permutation_test(values, np.arange(20000) % 2, statistic="gini_gap", n=20000, rng=1,
                        threads=1, progress=seen.append)
    # The polls fall every 50 ms, as many as the call lasts; the last call says the end.
    assert seen[-1] == 20000
    assert all(0 <= x <= 20000 for x in seen) and seen == sorted(seen)


def test_ctrl_c_stops_a_long_call():
    # The signal is raised at the first poll of the stop check; the next poll (50 ms later)
    # stops the workers. Nothing here is timed: the call would take about a minute and reach
    # the end (a last progress call with every draw) if it were not stopped.
    values = np.random.default_rng(1).exponential(1.0, 20000)
    seen = []

    def interrupt(done):
        seen.append(done)
        if len(seen) == 1:
            signal.raise_signal(signal.SIGINT)

    with pytest.raises(KeyboardInterrupt):
        rs.permutation_test(values, np.arange(20000) % 2, statistic="gini_gap", n=2 * 10**6,
                            progress=interrupt)
    assert seen and max(seen) < 2 * 10**6


def test_a_raising_progress_callable_stops_the_call():
    def stop(done):
        raise RuntimeError("enough")

    values = np.random.default_rng(1).exponential(1.0, 20000)
    with pytest.raises(RuntimeError, match="enough"):
        rs.permutation_test(values, np.arange(20000) % 2, statistic="gini_gap", n=100000,
                            threads=1, progress=stop)


# ---- refusals ----------------------------------------------------------------------------------


@pytest.mark.parametrize("n", [1.5, True, 0, -3, 2.0, "10"])
def test_n_must_be_a_positive_whole_number(n):
    with pytest.raises(cp.InputError, match=r"input\.n\] n: must be a positive whole number"):
        rs.bootstrap([1.0, 2.0], "mean", n=n)
    with pytest.raises(cp.InputError) as caught:
        rs.permutation_test([1.0, 2.0], [0, 1], n=n)
    assert caught.value.where == "n"


def test_bad_inputs_raise_typed_errors():
    net = cp.examples.load("twam_partners_2013")
    cases = [
        (lambda: rs.bootstrap([1.0, np.nan, 2.0], "mean"), "values", "entry 1 is NaN"),
        (lambda: rs.bootstrap(pd.Series([1.0, np.nan], index=["a", "b"]), "gini"), "values",
         "entry 'b' is NaN"),
        (lambda: rs.bootstrap([1.0, -1.0], "gini"), "values", "negative"),
        (lambda: rs.bootstrap([1.0, 2.0], "median"), "measure", "mean, gini"),
        (lambda: rs.bootstrap([1.0, 2.0], "mean", ci=1.0), "ci", "strictly between"),
        (lambda: rs.bootstrap([1.0, 2.0], "mean", method="normal"), "method", "percentile"),
        (lambda: rs.bootstrap([1.0, 2.0], "mean", rng=True), "rng", "bool"),
        (lambda: rs.bootstrap([1.0, 2.0], "mean", rng=1.5), "rng", "float"),
        (lambda: rs.bootstrap([1.0, 2.0], "mean", progress="yes"), "progress", "callable"),
        (lambda: rs.bootstrap([1.0, 2.0], "mean", layer="informs"), "layer", "only parameter"),
        (lambda: rs.bootstrap(net, "power_share"), "group", "name the group"),
        (lambda: rs.bootstrap(net, "power_share", group="nobody"), "group", "not a group"),
        (lambda: rs.bootstrap(net, "power_share", group="partner", unit="relations"), "unit",
         "decisions only"),
        (lambda: rs.bootstrap(net, "density", unit="decisions"), "unit",
         "stakeholders or relations"),
        (lambda: rs.bootstrap(net, "ladder_rung", project="reminiscence"), "measure",
         "not bootstrapped"),
        (lambda: rs.bootstrap(net, "degree"), "stakeholder", "name the stakeholder"),
        (lambda: rs.bootstrap(net, "degree", unit="stakeholders",
                                  stakeholder=net.stakeholders.index[0]), "unit",
         "one value per stakeholder"),
        (lambda: rs.bootstrap(net, "no_such_measure"), "measure", "not a registered measure"),
        (lambda: rs.bootstrap(net, "density", colour="red"), "colour", "not an option"),
        (lambda: rs.bootstrap(net, "density", unit="edges"), "unit", "stakeholders"),
        (lambda: rs.permutation_test([1.0, 2.0, 3.0], ["a", "b", "c"]), "groups",
         "exactly two labels"),
        (lambda: rs.permutation_test([1.0, 2.0, 3.0], ["a", None, "b"]), "groups",
         "entry 1 has no group"),
        (lambda: rs.permutation_test([1.0, 2.0], ["a", "b", "b"]), "groups", "3 labels"),
        (lambda: rs.permutation_test([1.0, 2.0], ["a", "b"], group="c"), "group", "not one of"),
        (lambda: rs.permutation_test([1.0, 2.0], ["a", "b"], statistic="median_gap"),
         "statistic", "mean_gap"),
        (lambda: rs.permutation_test([1.0, 2.0], ["a", "b"], alternative="two_sided"),
         "alternative", "two-sided"),
        (lambda: rs.permutation_test([0.0, 0.0], ["a", "b"], statistic="parity"), "values",
         "add up to 0"),
        (lambda: rs.paired_permutation_test([1.0, 2.0], [1.0]), "second", "has 1 entries"),
        (lambda: rs.paired_permutation_test([1.0], [2.0], statistic="share_gap"), "statistic",
         "mean_gap or gini_gap"),
    ]
    for call, where, text in cases:
        with pytest.raises(cp.InputError) as caught:
            call()
        assert caught.value.where == where, (where, str(caught.value))
        assert text in str(caught.value), (text, str(caught.value))
    with pytest.raises(cp.UnknownIdError):
        rs.bootstrap(net, "degree", unit="relations", stakeholder="nobody_at_all")
