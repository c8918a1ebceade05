"""Tests of coproduction.power: published values, hand computations, and brute force from the
definitions (every coalition, every voting order) on random small games."""

from __future__ import annotations

import doctest
import itertools
import math
from fractions import Fraction

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import coproduction as cp
from coproduction import power

# ----------------------------------------------------------------------------------------
# Brute force from the definitions, in exact rational arithmetic


def _wins(weights, quota, veto, coalition) -> bool:
    return all(v in coalition for v in veto) and sum(weights[i] for i in coalition) >= quota


def _brute(weights, quota, veto=()):
    """Swing counts and Shapley-Shubik values by enumerating every coalition."""
    n = len(weights)
    swings = [0] * n
    ss = [Fraction(0)] * n
    for i in range(n):
        others = [j for j in range(n) if j != i]
        for r in range(n):
            for s in itertools.combinations(others, r):
                if _wins(weights, quota, veto, s + (i,)) and not _wins(weights, quota, veto, s):
                    swings[i] += 1
                    ss[i] += Fraction(math.factorial(r) * math.factorial(n - 1 - r),
                                      math.factorial(n))
    return swings, ss


def _brute_orders(weights, quota, veto=(), blocs=None):
    """Shapley-Shubik (or Owen, with blocs kept contiguous) by enumerating voting orders."""
    n = len(weights)
    counts = [0] * n
    total = 0
    for order in itertools.permutations(range(n)):
        if blocs is not None:
            seen, ok = [], True
            for k, i in enumerate(order):
                if k and blocs[i] != blocs[order[k - 1]]:
                    if blocs[i] in seen:
                        ok = False
                        break
                    seen.append(blocs[order[k - 1]])
            if not ok:
                continue
        total += 1
        for k in range(n):
            if _wins(weights, quota, veto, order[: k + 1]):
                counts[order[k]] += 1
                break
    return [Fraction(c, total) for c in counts]


def _minimal_winning(weights, quota, veto=()):
    n = len(weights)
    out = []
    for r in range(n + 1):
        for s in itertools.combinations(range(n), r):
            if _wins(weights, quota, veto, s) and all(
                    not _wins(weights, quota, veto, tuple(j for j in s if j != i)) for i in s):
                out.append(s)
    return out


@st.composite
def games(draw, max_players=7, max_weight=9):
    n = draw(st.integers(1, max_players))
    weights = draw(st.lists(st.integers(0, max_weight), min_size=n, max_size=n))
    if sum(weights) == 0:
        weights[0] = 1
    quota = draw(st.integers(1, sum(weights)))
    veto = draw(st.lists(st.integers(0, n - 1), unique=True, max_size=n))
    return weights, quota, sorted(veto)


# ----------------------------------------------------------------------------------------
# Published games

EEC_1958 = pd.Series({"France": 4, "Germany": 4, "Italy": 4, "Belgium": 2, "Netherlands": 2,
                      "Luxembourg": 1})


def test_eec_council_1958():
    # Felsenthal & Machover (1998), The Measurement of Voting Power: Shapley-Shubik 0.2333
    # for the big three, 0.15 for Belgium and the Netherlands, 0 for Luxembourg; Banzhaf
    # swings 10, 6, 0 (absolute 0.3125 and 0.1875; normalised 10/42 and 6/42).
    ss = power.shapley_shubik(EEC_1958, 12)
    assert list(ss.index) == list(EEC_1958.index)
    assert ss.name == "shapley_shubik"
    np.testing.assert_allclose(ss, [0.2333, 0.2333, 0.2333, 0.15, 0.15, 0], atol=5e-5)
    np.testing.assert_allclose(power.banzhaf(EEC_1958, 12, normalized=False),
                               [0.3125, 0.3125, 0.3125, 0.1875, 0.1875, 0], atol=1e-14)
    np.testing.assert_allclose(power.banzhaf(EEC_1958, 12),
                               [10 / 42, 10 / 42, 10 / 42, 6 / 42, 6 / 42, 0], atol=1e-14)


def test_eec_council_1958_minimal_winning_indices():
    # By hand: the minimal winning coalitions are FGI, FGBN, FIBN, GIBN.
    # Holler 3/15 for the five who are in three of them; Deegan-Packel (1/3+1/4+1/4)/4 = 5/24
    # for a big country, (3/4)/4 = 3/16 for a medium one; Johnston 1/4 and 1/8 (12 vulnerable
    # coalitions: six with F, G, I critical, six with four critical members).
    mwc = power.minimal_winning_coalitions(EEC_1958, 12)
    assert sorted(tuple(EEC_1958.index[row.to_numpy()]) for _, row in mwc.iterrows()) == sorted([
        ("France", "Germany", "Italy"), ("France", "Germany", "Belgium", "Netherlands"),
        ("France", "Italy", "Belgium", "Netherlands"),
        ("Germany", "Italy", "Belgium", "Netherlands")])
    np.testing.assert_allclose(power.holler(EEC_1958, 12), [0.2] * 5 + [0], atol=1e-15)
    np.testing.assert_allclose(power.deegan_packel(EEC_1958, 12),
                               [5 / 24] * 3 + [3 / 16] * 2 + [0], atol=1e-15)
    np.testing.assert_allclose(power.johnston(EEC_1958, 12), [0.25] * 3 + [0.125] * 2 + [0],
                               atol=1e-15)


def test_un_security_council():
    # Five permanent members with a veto and ten others, nine votes carry. Published values
    # (e.g. Felsenthal & Machover 1998): Shapley-Shubik 0.1963, Banzhaf 0.1669 for a permanent
    # member. By hand: 421/2145 and 848/5080.
    members = [f"permanent_{k}" for k in range(5)] + [f"elected_{k}" for k in range(10)]
    weights = pd.Series(1, index=members)
    ss = power.shapley_shubik(weights, 9, veto=members[:5])
    bz = power.banzhaf(weights, 9, veto=members[:5])
    assert ss["permanent_0"] == pytest.approx(0.1963, abs=5e-5)
    assert bz["permanent_0"] == pytest.approx(0.1669, abs=5e-5)
    assert ss["permanent_3"] == pytest.approx(421 / 2145, abs=1e-14)
    assert bz["elected_7"] == pytest.approx(84 / 5080, abs=1e-14)
    # A boolean mask names the same veto holders.
    mask = pd.Series([True] * 5 + [False] * 10, index=members)
    pd.testing.assert_series_equal(power.shapley_shubik(weights, 9, veto=mask), ss)


def test_nassau_county_board():
    # Banzhaf (1965): weights 9, 9, 7, 3, 1, 1 with quota 16 leave the last three without
    # any power: any two of the first three carry it and nobody else ever swings.
    bz = power.banzhaf([9, 9, 7, 3, 1, 1], 16)
    assert isinstance(bz.index, pd.RangeIndex)
    np.testing.assert_allclose(bz, [1 / 3] * 3 + [0] * 3, atol=1e-14)


# ----------------------------------------------------------------------------------------
# Properties on random small games


@settings(max_examples=80, deadline=None)
@given(games())
def test_exact_indices_match_brute_force(game):
    weights, quota, veto = game
    swings, ss = _brute(weights, quota, veto)
    n = len(weights)
    np.testing.assert_allclose(power.banzhaf(weights, quota, veto=veto, normalized=False),
                               [s / 2 ** (n - 1) for s in swings], atol=1e-13)
    np.testing.assert_allclose(power.banzhaf(weights, quota, veto=veto),
                               [s / sum(swings) for s in swings], atol=1e-13)
    np.testing.assert_allclose(power.shapley_shubik(weights, quota, veto=veto),
                               [float(x) for x in ss], atol=1e-13)
    mwc = _minimal_winning(weights, quota, veto)
    holler = [sum(i in s for s in mwc) for i in range(n)]
    np.testing.assert_allclose(power.holler(weights, quota, veto=veto),
                               [h / sum(holler) for h in holler], atol=1e-14)
    dp = [sum(Fraction(1, len(s)) for s in mwc if i in s) / len(mwc) for i in range(n)]
    np.testing.assert_allclose(power.deegan_packel(weights, quota, veto=veto),
                               [float(x) for x in dp], atol=1e-14)


@settings(max_examples=40, deadline=None)
@given(games(max_players=6))
def test_shapley_shubik_is_the_share_of_pivotal_orders(game):
    weights, quota, veto = game
    np.testing.assert_allclose(power.shapley_shubik(weights, quota, veto=veto),
                               [float(x) for x in _brute_orders(weights, quota, veto)],
                               atol=1e-13)


@settings(max_examples=40, deadline=None)
@given(games(max_players=6), st.data())
def test_owen_value_is_the_share_of_pivotal_bloc_orders(game, data):
    weights, quota, veto = game
    blocs = data.draw(st.lists(st.integers(0, 2), min_size=len(weights), max_size=len(weights)))
    expected = [float(x) for x in _brute_orders(weights, quota, veto, blocs)]
    np.testing.assert_allclose(power.owen(weights, quota, blocs, veto=veto), expected, atol=1e-13)


@settings(max_examples=60, deadline=None)
@given(games(max_players=12, max_weight=30))
def test_normalised_indices_sum_to_one_and_dummies_get_nothing(game):
    weights, quota, veto = game
    weights = weights + [0]  # a holder with no votes and no veto is a dummy
    for index in (power.banzhaf, power.shapley_shubik, power.deegan_packel, power.holler,
                  power.johnston):
        values = index(weights, quota, veto=veto)
        assert values.sum() == pytest.approx(1.0, abs=1e-12)
        assert values.iloc[-1] == 0
        assert ((values >= 0) & (values <= 1)).all()


@settings(max_examples=40, deadline=None)
@given(st.integers(2, 40), st.integers(1, 9), st.data())
def test_symmetric_holders_get_equal_power(n, weight, data):
    weights = [weight] * n
    quota = data.draw(st.integers(1, weight * n))
    for index in (power.banzhaf, power.shapley_shubik):
        np.testing.assert_allclose(index(weights, quota), [1 / n] * n, atol=1e-12)


def test_dictator_gets_everything():
    for index in (power.banzhaf, power.shapley_shubik, power.deegan_packel, power.holler,
                  power.johnston):
        np.testing.assert_allclose(index([10, 3, 3, 3], 10), [1, 0, 0, 0], atol=1e-14)
    np.testing.assert_allclose(power.owen([10, 3, 3, 3], 10, [0, 1, 1, 0]), [1, 0, 0, 0],
                               atol=1e-14)


# ----------------------------------------------------------------------------------------
# Owen value


def test_owen_by_hand_and_its_group_form():
    # Weights 2, 1, 1, quota 3, blocs {0} and {1, 2}: of the four orders that keep blocs
    # together, 0 is pivotal in the two where bloc {1, 2} comes first, 1 and 2 in one each.
    by_label = power.owen(pd.Series({"museum": 2, "group_a": 1, "group_b": 1}), 3,
                          [["group_a", "group_b"]])
    assert by_label.to_dict() == pytest.approx({"museum": 0.5, "group_a": 0.25, "group_b": 0.25},
                                               abs=1e-14)
    assert by_label.name == "owen"
    # Banzhaf-Owen, absolute, by hand: 0 swings with bloc {1, 2} present (1 of 2); 1 swings
    # only with bloc {0} present and 2 absent (1 of 4).
    bo = power.owen([2, 1, 1], 3, [0, 1, 1], kind="banzhaf", normalized=False)
    np.testing.assert_allclose(bo, [0.5, 0.25, 0.25], atol=1e-15)
    # One bloc, or every holder alone: the Shapley-Shubik index.
    ss = power.shapley_shubik(EEC_1958, 12)
    np.testing.assert_allclose(power.owen(EEC_1958, 12, ["all"] * 6), ss, atol=1e-14)
    np.testing.assert_allclose(power.owen(EEC_1958, 12, list(range(6))), ss, atol=1e-14)


def test_owen_bloc_errors():
    with pytest.raises(cp.InputError, match="blocs"):
        power.owen([1, 1, 1], 2, [0, 1])
    with pytest.raises(cp.InputError, match="1 is in two groups"):
        power.owen([1, 1, 1], 2, [[0, 1], [1, 2]])
    with pytest.raises(cp.InputError, match="0 is named twice in one group"):
        power.owen([1, 1, 1], 2, [[0, 0], [1]])
    with pytest.raises(cp.InputError, match="5 is not one of the players"):
        power.owen([1, 1, 1], 2, [[0, 5]])
    with pytest.raises(cp.InputError, match="kind"):
        power.owen([1, 1, 1], 2, [0, 0, 1], kind="johnston")
    # Holders in no group are each a bloc of their own: [[0, 1]] is {0, 1}, {2}.
    np.testing.assert_allclose(power.owen([1, 1, 1], 2, [[0, 1]]),
                               power.owen([1, 1, 1], 2, [0, 0, 1]), atol=1e-15)


def test_veto_holders_named_by_label_or_mask_and_refused_with_the_label():
    weights = pd.Series([1, 1, 1], index=["museum", "group", "funder"])
    by_label = power.banzhaf(weights, 2, veto=["museum", "funder"])
    by_mask = power.banzhaf(weights, 2, veto=[True, False, True])
    pd.testing.assert_series_equal(by_label, by_mask)
    # Both vetoes are needed and enough: they share every swing, the group has none.
    assert by_label.tolist() == [0.5, 0.0, 0.5]
    for veto, message in ((["museum", "museum"], "'museum' is named twice"),
                          (["nhs"], "'nhs' is not one of the players"),
                          ([True, False], "a boolean mask needs 3 entries, got 2"),
                          ([["museum"]], "holds an entry that cannot name a player")):
        with pytest.raises(cp.InputError, match=message) as info:
            power.banzhaf(weights, 2, veto=veto)
        assert info.value.where == "veto"
    # A None among booleans is no mask: the entries are read as labels, and no player has
    # the label True.
    with pytest.raises(cp.InputError, match="True is not one of the players"):
        power.banzhaf(weights, 2, veto=[True, None, True])
    # A label that two players share cannot name one of them; an unshared one still can.
    shared = pd.Series([1, 1, 1], index=["staff", "staff", "funder"])
    with pytest.raises(cp.InputError, match="'staff' is not unique among the players"):
        power.banzhaf(shared, 2, veto=["staff"])
    assert power.banzhaf(shared, 2, veto=["funder"]).tolist() == [0.2, 0.2, 0.6]


# ----------------------------------------------------------------------------------------
# Monte Carlo


def test_monte_carlo_interval_covers_the_exact_value():
    rng = np.random.default_rng(2024)
    weights = pd.Series(rng.integers(1, 13, 20), index=[f"partner_{k}" for k in range(20)])
    quota = int(weights.sum() * 2 // 3)
    # 100 intervals (5 indices x 20 holders) at pointwise level 1 - 0.001/100 (Bonferroni):
    # a correct estimator fails this test for at most 1 seed in 1000.
    level = 1 - 0.001 / 100
    for index in (power.banzhaf, power.shapley_shubik, power.deegan_packel, power.holler,
                  power.johnston):
        exact = index(weights, quota, method="exact")
        estimate = index(weights, quota, method="monte_carlo", rng=7, samples=100_000,
                         confidence=level, interval=True)
        assert estimate.attrs["method"] == "monte_carlo"
        assert list(estimate.index) == list(weights.index)
        assert ((estimate["lower"] <= exact) & (exact <= estimate["upper"])).all(), index
        assert (estimate["upper"] - estimate["lower"]).max() < 0.03


@pytest.mark.parametrize("index", [power.shapley_shubik, power.johnston])
def test_monte_carlo_intervals_cover_at_their_level(index):
    # Over 100 seeds, 95% intervals for 8 holders should miss about 5% of 800 times. Were the
    # 800 intervals independent, the count would lie in [20, 62] with probability above
    # 0.999 (binomial(800, 0.05)); misses of equally weighted holders are correlated, which
    # widens the spread a little.
    weights, quota = [5, 4, 3, 3, 2, 2, 1, 1], 12
    exact = index(weights, quota, method="exact")
    misses = 0
    for seed in range(100):
        e = index(weights, quota, method="monte_carlo", rng=seed, samples=2000, interval=True)
        misses += int(((e["lower"] > exact) | (exact > e["upper"])).sum())
    assert 20 <= misses <= 62


def test_monte_carlo_is_reproducible_and_auto_samples_above_25():
    weights = list(range(1, 31))
    a = power.johnston(weights, 250, rng=3, samples=20_000)
    b = power.johnston(weights, 250, rng=np.random.default_rng(3), samples=20_000)
    assert a.attrs["method"] == "monte_carlo"
    pd.testing.assert_series_equal(a, power.johnston(weights, 250, rng=3, samples=20_000))
    assert a.sum() == pytest.approx(1.0)
    assert not np.array_equal(a, power.johnston(weights, 250, rng=4, samples=20_000))
    assert b.attrs["method"] == "monte_carlo"
    with pytest.raises(cp.InputError, match="method"):
        power.johnston(weights, 250, method="exact")
    # Holler stays exact beyond 25 holders when asked (minimal winning coalition search).
    exact = power.holler(weights, 250, method="exact")
    assert exact.attrs["method"] == "exact"
    assert exact.sum() == pytest.approx(1.0, abs=1e-12)


def test_exact_interval_frame():
    frame = power.banzhaf([2, 1, 1], 3, interval=True)
    assert list(frame.columns) == ["value", "lower", "upper", "standard_error"]
    np.testing.assert_array_equal(frame["lower"], frame["value"])
    assert frame.attrs["method"] == "exact"


# ----------------------------------------------------------------------------------------
# Large games


def test_thousand_holders():
    # 1,000 holders, weights 1..199 (about 100,000 votes), simple majority.
    rng = np.random.default_rng(1)
    weights = rng.integers(1, 200, 1000)
    quota = int(weights.sum() // 2 + 1)
    bz = power.banzhaf(weights, quota)
    ss = power.shapley_shubik(weights, quota)
    assert bz.sum() == pytest.approx(1.0, abs=1e-12)
    assert ss.sum() == pytest.approx(1.0, abs=1e-12)
    # Equal weights, equal power; more votes, more power.
    order = np.argsort(weights, kind="stable")
    assert np.all(np.diff(ss.to_numpy()[order]) >= -1e-15)
    heaviest = weights == weights.max()
    assert np.ptp(bz[heaviest]) < 1e-15
    # With many small holders the Shapley-Shubik index approaches the vote share (Neyman
    # 1982), and the absolute Banzhaf value Penrose's normal approximation
    # w * sqrt(2 / (pi * sum w^2)).
    np.testing.assert_allclose(ss, weights / weights.sum(), rtol=0.05)
    absolute = power.banzhaf(weights, quota, normalized=False)
    penrose = weights * math.sqrt(2 / (math.pi * float(np.sum(weights.astype(float) ** 2))))
    np.testing.assert_allclose(absolute, penrose, rtol=0.05)


# ----------------------------------------------------------------------------------------
# Input


def test_fractional_quota_rounds_up():
    pd.testing.assert_series_equal(power.banzhaf([3, 2, 2], 4.5), power.banzhaf([3, 2, 2], 5))


@pytest.mark.parametrize("weights, quota, where", [
    ([1, 2], 4, "quota"),
    ([1, 2], 0, "quota"),
    ([1, 2], -1, "quota"),
    ([1, -2], 1, "weights"),
    ([1.5, 2], 1, "weights"),
    ([1, float("nan")], 1, "weights"),
    ([], 1, "weights"),
    ([[1, 2], [3, 4]], 1, "weights"),
])
def test_bad_games_raise(weights, quota, where):
    for index in (power.banzhaf, power.shapley_shubik, power.holler):
        with pytest.raises(cp.InputError, match=where) as info:
            index(weights, quota)
        assert info.value.where == where
        assert isinstance(info.value, ValueError)


def test_bad_options_raise():
    with pytest.raises(cp.InputError, match="veto"):
        power.banzhaf(EEC_1958, 12, veto=["Spain"])
    with pytest.raises(cp.InputError, match="veto"):
        power.banzhaf([1, 1], 1, veto=[5])
    with pytest.raises(cp.InputError, match="method"):
        power.banzhaf([1, 1], 1, method="fast")
    with pytest.raises(cp.InputError, match="rng"):
        power.banzhaf([1, 1], 1, method="monte_carlo", rng="seed")
    with pytest.raises(cp.InputError, match="samples"):
        power.shapley_shubik([1, 1], 1, method="monte_carlo", samples=1)
    with pytest.raises(cp.InputError, match="confidence"):
        power.holler([1, 1], 1, method="monte_carlo", confidence=1.5)


def test_all_names_exported():
    assert set(power.__all__) == {"banzhaf", "deegan_packel", "holler", "johnston",
                                  "minimal_winning_coalitions", "minimal_winning_count",
                                  "owen", "shapley_shubik", "CoalitionCount", "Weights", "Seed",
                                  "MAX_COALITION_PLAYERS", "MAX_ENUMERATION_PLAYERS",
                                  "MAX_LISTED_COALITIONS", "MAX_VISITED_COALITIONS",
                                  # decision power in a network
                                  "INDICES", "convenor_carried", "convenor_carried_share",
                                  "decision_power", "power_by_project", "power_by_stage",
                                  "power_shares", "veto_players", "bloc_power"}


@pytest.mark.parametrize("module", ["power", "decision_power", "ladder"])
def test_tab_completion_offers_the_public_names_only(module):
    # PEP 562: dir() of the module, which tab completion reads, is its __all__; the
    # helpers it imports (typing's Any, numpy, pandas, numpy.typing) stay out of sight.
    import importlib

    m = importlib.import_module(f"coproduction.{module}")
    assert dir(m) == sorted(m.__all__)
    for hidden in ("Any", "np", "pd", "npt", "Optional", "Union", "annotations", "math",
                   "numbers", "input_error", "_core"):
        assert hidden not in dir(m)
    for name in m.__all__:
        assert hasattr(m, name), name


def test_power_and_decision_power_do_not_import_each_other_back():
    # power re-exports decision_power's functions; decision_power needs nothing from power
    # (the shared check lives in _checks), so neither import can find the other half-made.
    import ast
    import inspect

    from coproduction import decision_power

    def imported(module) -> set:
        names = set()
        for node in ast.walk(ast.parse(inspect.getsource(module))):
            if isinstance(node, ast.ImportFrom):
                names.add((node.module or "").split(".")[-1])
                names.update(a.name for a in node.names)
            elif isinstance(node, ast.Import):
                names.update(a.name.split(".")[-1] for a in node.names)
        return names

    assert "power" not in imported(decision_power)
    assert "decision_power" in imported(power)
    assert power._check_max_coalitions is cp._checks.check_max_coalitions


# ----------------------------------------------------------------------------------------
# Limits of work and memory: refused before they start, with the estimate and the way out


def test_sixty_four_one_vote_holders_are_refused_with_their_count():
    # Every 32 of 64 one-vote holders carry quota 32: C(64, 32) minimal winning coalitions.
    # `cp.LimitError` is looked up before the call, so this cannot start the enumeration on a
    # version without the limit.
    with pytest.raises(cp.LimitError) as info:
        power.minimal_winning_coalitions([1] * 64, 32)
    error = info.value
    assert isinstance(error, cp.InputError) and isinstance(error, ValueError)
    assert error.where == "max_coalitions"
    assert error.estimate == math.comb(64, 32)
    assert error.limit == power.MAX_LISTED_COALITIONS == 1_000_000
    assert error.unit == "minimal winning coalitions"
    assert "1,832,624,140,942,590,534" in str(error)
    assert "max_coalitions" in str(error) and "monte_carlo" in str(error)
    for index in (power.deegan_packel, power.holler):
        with pytest.raises(cp.LimitError) as info:
            index([1] * 64, 32, method="exact")
        assert info.value.estimate == math.comb(64, 32)
        assert info.value.limit == power.MAX_VISITED_COALITIONS


def test_the_limits_are_the_cores():
    from coproduction import _core
    assert power.MAX_LISTED_COALITIONS == _core.power.default_max_listed_coalitions
    assert power.MAX_VISITED_COALITIONS == _core.power.default_max_visited_coalitions
    assert _core.power.max_exact_table_bytes == 2**30
    assert _core.power.max_exact_table_cells == 10**12


@settings(max_examples=150, deadline=None)
@given(games(max_players=9, max_weight=12))
def test_minimal_winning_count_matches_brute_force(game):
    weights, quota, veto = game
    assert power.minimal_winning_count(weights, quota, veto=veto) == \
        (len(_minimal_winning(weights, quota, veto)), True)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(0, 2**40), min_size=1, max_size=9), st.data())
def test_minimal_winning_count_of_large_votes_is_a_bound(weights, data):
    # Beyond 2^22 vote totals (after the common divisor) the count is the LYM bound.
    if sum(weights) == 0:
        weights[0] = 1
    quota = data.draw(st.integers(1, sum(weights)))
    veto = data.draw(st.lists(st.integers(0, len(weights) - 1), unique=True))
    count, exact = power.minimal_winning_count(weights, quota, veto=veto)
    truth = len(_minimal_winning(weights, quota, veto))
    assert count == truth if exact else count >= truth


def test_minimal_winning_count_divides_by_the_common_divisor():
    # Votes in millions: the same game as 4, 4, 4, 2, 2, 1 with quota 12.
    assert power.minimal_winning_count(np.array([4, 4, 4, 2, 2, 1]) * 10**9, 12 * 10**9) == \
        power.CoalitionCount(4, True)


def test_a_raised_limit_lists_a_moderate_game():
    # 23 one-vote holders, quota 12: C(23, 12) = 1,352,078 coalitions, above the default.
    with pytest.raises(cp.LimitError) as info:
        power.minimal_winning_coalitions([1] * 23, 12)
    assert info.value.estimate == 1_352_078
    with pytest.raises(cp.LimitError):
        power.minimal_winning_coalitions([1] * 23, 12, max_coalitions=1_352_077)
    table = power.minimal_winning_coalitions([1] * 23, 12, max_coalitions=1_352_078)
    assert table.shape == (1_352_078, 23)
    assert (table.sum(axis=1) == 12).all()
    codes = table.to_numpy() @ (1 << np.arange(23))
    assert len(np.unique(codes)) == len(codes)


def test_auto_samples_what_exact_enumeration_would_refuse():
    # 25 one-vote holders, quota 13: 5,200,300 minimal winning coalitions.
    with pytest.raises(cp.LimitError) as info:
        power.holler([1] * 25, 13, method="exact", max_coalitions=10**6)
    assert info.value.estimate == math.comb(25, 13)
    sampled = power.holler([1] * 25, 13, max_coalitions=10**6, rng=1, samples=20_000)
    assert sampled.attrs["method"] == "monte_carlo"
    assert sampled.sum() == pytest.approx(1.0)
    exact = power.deegan_packel([1] * 25, 13, method="exact")
    assert exact.attrs["method"] == "exact"
    np.testing.assert_allclose(exact, [1 / 25] * 25, atol=1e-12)


@pytest.mark.parametrize("bad", [0, -1, 2**64, 1.5, True, "many"])
def test_bad_max_coalitions_raise(bad):
    with pytest.raises(cp.InputError, match="max_coalitions") as info:
        power.minimal_winning_coalitions([1, 1, 1], 2, max_coalitions=bad)
    assert info.value.where == "max_coalitions"
    with pytest.raises(cp.InputError, match="max_coalitions"):
        power.holler([1, 1, 1], 2, max_coalitions=bad)


# Three holders with 10^9 votes in all, and two with 10^12, bare majorities: the exact tables
# would hold half the votes as totals, 32 bytes each (16 GB and 16 TB), far above 1 GiB.
HUGE = [([400_000_001, 300_000_000, 299_999_999], 500_000_001, 500_000_001 * 32 + 4 * 8),
        ([600_000_000_001, 399_999_999_999], 500_000_000_001, 500_000_000_001 * 32 + 3 * 8)]


@pytest.mark.parametrize("weights, quota, needed", HUGE)
def test_exact_indices_of_huge_vote_totals_are_refused_naming_the_bytes(weights, quota, needed):
    for index in (power.banzhaf, power.shapley_shubik):
        with pytest.raises(cp.LimitError) as info:
            index(weights, quota, method="exact")
        error = info.value
        assert not isinstance(error, MemoryError)
        assert error.where == "weights" and error.unit == "bytes"
        assert error.estimate == needed and error.limit == 2**30
        assert f"{needed:,}" in str(error) and 'method="monte_carlo"' in str(error)
        # "auto" samples such games instead.
        assert index(weights, quota, rng=1, samples=1000).attrs["method"] == "monte_carlo"
    for kind in ("shapley_shubik", "banzhaf"):
        with pytest.raises(cp.LimitError) as info:
            power.owen(weights, quota, list(range(len(weights))), kind=kind)
        assert info.value.unit == "bytes"


def test_exact_work_is_refused_naming_the_cells():
    # 60,000 holders of 1,000 votes, bare majority: 916 MiB of tables, within 1 GiB, but
    # about 1.8·10^12 cells (a convolution over 3·10^7 totals per holder).
    with pytest.raises(cp.LimitError) as info:
        power.banzhaf(np.full(60_000, 1000), 30_000_001, method="exact")
    assert info.value.unit == "table cells"
    assert info.value.estimate == 30_000_001 * 60_002


def test_docstring_examples_run_including_the_refusals():
    # The examples of the count and of a refused listing run and print what they say; then
    # every other example of the module.
    flags = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE
    runner = doctest.DocTestRunner(optionflags=flags)
    for function in (power.minimal_winning_coalitions, power.minimal_winning_count):
        for test in doctest.DocTestFinder().find(function, globs={}):
            runner.run(test)
    assert runner.failures == 0 and runner.tries >= 7
    result = doctest.testmod(power, optionflags=flags)
    assert result.attempted > 0 and result.failed == 0
