"""Tests of the inequality indices (``cp.metrics.gini`` and friends).

Every expected number is computed by hand in a comment, taken from a named published
source, or compared with an independent implementation written below in plain numpy from
the textbook formulas (the pairwise mean-absolute-difference Gini, the Lorenz curve
interpolated with ``np.interp`` for Palma, group sums with pandas for the decompositions).
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import coproduction
from coproduction import metrics as ineq

# ----------------------------------------------------------------------------------------
# Independent reference implementations (direct formulas, O(n^2) where that is simplest).


def _p(w: np.ndarray) -> np.ndarray:
    return w / w.sum()


def ref_gini(x: np.ndarray, w: np.ndarray) -> float:
    # G = sum_i sum_j p_i p_j |x_i - x_j| / (2 mu): the mean absolute difference form.
    p = _p(w)
    mu = p @ x
    return float((np.outer(p, p) * np.abs(x[:, None] - x[None, :])).sum() / (2 * mu))


def ref_ge(x: np.ndarray, w: np.ndarray, alpha: float) -> float:
    p = _p(w)
    r = x / (p @ x)
    if alpha == 1:
        safe = np.where(r > 0, r, 1.0)
        return float(p @ np.where(r > 0, r * np.log(safe), 0.0))  # 0 ln 0 = 0
    if alpha == 0:
        return float(-(p @ np.log(r)))
    return float((p @ r**alpha - 1) / (alpha * (alpha - 1)))


def ref_atkinson(x: np.ndarray, w: np.ndarray, epsilon: float) -> float:
    p = _p(w)
    mu = p @ x
    if epsilon == 1:
        ede = math.exp(p @ np.log(x))
    else:
        ede = (p @ x ** (1 - epsilon)) ** (1 / (1 - epsilon))
    return float(1 - ede / mu)


def ref_hoover(x: np.ndarray, w: np.ndarray) -> float:
    return float(0.5 * np.abs(w * x / (w @ x) - _p(w)).sum())


def ref_palma(x: np.ndarray, w: np.ndarray) -> float:
    order = np.argsort(x, kind="stable")
    people = np.concatenate([[0.0], np.cumsum(w[order]) / w.sum()])
    held = np.concatenate([[0.0], np.cumsum((w * x)[order]) / (w @ x)])
    lorenz = lambda q: float(np.interp(q, people, held))  # noqa: E731
    return (1 - lorenz(0.9)) / lorenz(0.4)


def ref_hhi(x: np.ndarray, w: np.ndarray) -> float:
    s = x / (w @ x)  # each of the w_i holders of entry i holds share s_i
    return float(w @ s**2)


def ref_entropy(x: np.ndarray, w: np.ndarray) -> float:
    s = x / (w @ x)
    pos = s > 0
    return float(-(w[pos] * s[pos] * np.log(s[pos])).sum() / math.log(w.sum()))


def ref_decomposition(
    x: np.ndarray, w: np.ndarray, g: np.ndarray, measure: str
) -> tuple[float, float]:
    frame = pd.DataFrame({"x": x, "w": w, "g": g})
    mu = (w @ x) / w.sum()
    between = within = 0.0
    for _, part in frame.groupby("g"):
        xg, wg = part["x"].to_numpy(), part["w"].to_numpy()
        pg = wg.sum() / w.sum()
        mug = (wg @ xg) / wg.sum()
        if measure == "theil":
            sg = pg * mug / mu
            within += sg * ref_ge(xg, wg, 1)
            between += sg * math.log(mug / mu)
        else:
            within += pg * ref_ge(xg, wg, 0)
            between += pg * math.log(mu / mug)
    return between, within


def close(a: float, b: float, rel: float = 1e-9, abs_: float = 1e-12) -> bool:
    return math.isclose(a, b, rel_tol=rel, abs_tol=abs_)


# ----------------------------------------------------------------------------------------
# Strategies

positive = st.floats(min_value=1e-3, max_value=1e3, allow_nan=False, allow_infinity=False)
non_negative = st.one_of(st.just(0.0), positive)
relative_weight = st.floats(min_value=0.1, max_value=50.0)
head_count = st.integers(min_value=1, max_value=12).map(float)


@st.composite
def weighted_samples(draw, element=positive, weight=relative_weight, min_size=1, max_size=30):
    n = draw(st.integers(min_value=min_size, max_value=max_size))
    x = np.array(draw(st.lists(element, min_size=n, max_size=n)))
    w = np.array(draw(st.lists(weight, min_size=n, max_size=n)))
    return x, w


@st.composite
def grouped_samples(draw):
    x, w = draw(weighted_samples(max_size=40))
    k = draw(st.integers(min_value=1, max_value=6))
    g = np.array(draw(st.lists(st.sampled_from("abcdef"[:k]), min_size=len(x), max_size=len(x))))
    return x, w, g


PROPERTY = settings(max_examples=60, deadline=None)

# ----------------------------------------------------------------------------------------
# Hand-computed values: x = (1, 2, 3, 4), mu = 2.5, shares (.1, .2, .3, .4),
# r = x / mu = (.4, .8, 1.2, 1.6).

ONE_TO_FOUR = [1, 2, 3, 4]


def test_gini_by_hand():
    # Ordered pairs: sum |x_i - x_j| = 2 * (1 + 2 + 3 + 1 + 2 + 1) = 20; G = 20 / (2 * 16 * 2.5).
    assert ineq.gini(ONE_TO_FOUR) == pytest.approx(0.25, abs=1e-15)
    # Three people hold 1 and one holds 3: pairs (1, 3) differ by 2, 2 * 3 * 1 ordered pairs
    # of 16: G = (6 * 2 / 16) / (2 * 1.5) = 0.25.
    assert ineq.gini([1, 3], weights=[3, 1]) == pytest.approx(0.25, abs=1e-15)


def test_entropy_family_by_hand():
    # T = (1/4) sum r ln r
    t = (0.4 * math.log(0.4) + 0.8 * math.log(0.8) + 1.2 * math.log(1.2) + 1.6 * math.log(1.6)) / 4
    assert ineq.theil(ONE_TO_FOUR) == pytest.approx(t, abs=1e-15)
    # L = -(1/4) ln(0.4 * 0.8 * 1.2 * 1.6) = -(1/4) ln 0.6144
    assert ineq.mld(ONE_TO_FOUR) == pytest.approx(-math.log(0.6144) / 4, abs=1e-15)
    # GE(2) = (1/2)(mean r^2 - 1) = (1/2)(4.8 / 4 - 1) = 0.1
    assert ineq.generalized_entropy(ONE_TO_FOUR, 2) == pytest.approx(0.1, abs=1e-15)
    # GE(-1) = (1/2)(mean 1/r - 1) = (1/2)(125/96 - 1) = 29/192
    assert ineq.generalized_entropy(ONE_TO_FOUR, -1) == pytest.approx(29 / 192, abs=1e-15)


def test_atkinson_hoover_palma_by_hand():
    # Harmonic mean 4 / (1 + 1/2 + 1/3 + 1/4) = 1.92; A(2) = 1 - 1.92 / 2.5 = 0.232.
    assert ineq.atkinson(ONE_TO_FOUR, 2) == pytest.approx(0.232, abs=1e-15)
    # A(1) = 1 - 24^(1/4) / 2.5 (geometric mean over mean).
    assert ineq.atkinson(ONE_TO_FOUR, 1) == pytest.approx(1 - 24**0.25 / 2.5, abs=1e-15)
    # Hoover: (1/2)(.15 + .05 + .05 + .15) = 0.2.
    assert ineq.hoover(ONE_TO_FOUR) == pytest.approx(0.2, abs=1e-15)
    # Palma 1..10: top 10 over bottom 1 + 2 + 3 + 4 = 10.
    assert ineq.palma(range(1, 11)) == pytest.approx(1.0, abs=1e-15)
    # Palma 1..5: bottom 2 people hold 3, top half a person holds 2.5.
    assert ineq.palma([1, 2, 3, 4, 5]) == pytest.approx(2.5 / 3, abs=1e-15)


def test_concentration_by_hand():
    # HHI = .01 + .04 + .09 + .16 = 0.3; effective number 1/0.3.
    assert ineq.hhi(ONE_TO_FOUR) == pytest.approx(0.3, abs=1e-15)
    assert ineq.effective_number(ONE_TO_FOUR) == pytest.approx(1 / 0.3, abs=1e-14)
    h = -sum(s * math.log(s) for s in (0.1, 0.2, 0.3, 0.4))
    assert ineq.entropy(ONE_TO_FOUR) == pytest.approx(h / math.log(4), abs=1e-15)


def test_merger_guidelines_hhi():
    # US DoJ and FTC, Horizontal Merger Guidelines (2010), sec. 5.3: shares of 30, 30, 20
    # and 20 percent give an HHI of 2,600.
    assert ineq.hhi([30, 30, 20, 20]) * 10_000 == pytest.approx(2600, abs=1e-9)


def test_inequality_jl_documented_examples():
    # Inequality.jl (Julia) documentation examples: v = [8,5,1,3,5,6,7,6,3], w = 0.1:0.1:0.9.
    v = [8, 5, 1, 3, 5, 6, 7, 6, 3]
    w = np.arange(1, 10) / 10
    assert ineq.gini(v) == pytest.approx(0.2373737373737374, abs=1e-14)
    assert ineq.gini(v, weights=w) == pytest.approx(0.20652395514780775, abs=1e-14)
    assert ineq.theil(v) == pytest.approx(0.10494562214323544, abs=1e-14)
    assert ineq.theil(v, weights=w) == pytest.approx(0.08120013911680612, abs=1e-14)
    assert ineq.mld(v) == pytest.approx(0.1397460530936332, abs=1e-14)
    assert ineq.mld(v, weights=w) == pytest.approx(0.10375545537468206, abs=1e-14)
    assert ineq.generalized_entropy(v, 2) == pytest.approx(0.09039256198347094, abs=1e-14)
    assert ineq.generalized_entropy(v, 2, weights=w) == pytest.approx(0.0709746654322026, abs=1e-14)
    assert ineq.atkinson(v, 1.2) == pytest.approx(0.1631765870035865, abs=1e-14)
    assert ineq.atkinson([8, 5, 1, 3], 1.2, weights=[0.1, 0.5, 0.3, 0.8]) == pytest.approx(
        0.1681319821792493, abs=1e-14
    )


def test_decomposition_by_hand():
    # Groups user = {1, 2} (mean 1.5) and staff = {3, 4} (mean 3.5); mu = 2.5; p = (.5, .5);
    # s = (.3, .7). Theil between = .3 ln .6 + .7 ln 1.4.
    d = ineq.theil_decomposition(ONE_TO_FOUR, by=["user", "user", "staff", "staff"])
    assert d.measure == "theil"
    assert d.between == pytest.approx(0.3 * math.log(0.6) + 0.7 * math.log(1.4), abs=1e-15)
    assert d.between + d.within == pytest.approx(d.total, abs=1e-15)
    assert list(d.groups.index) == ["staff", "user"]
    assert d.groups.index.name == "group"
    assert d.groups.loc["user", "quantity_share"] == pytest.approx(0.3, abs=1e-15)
    assert d.groups.loc["staff", "mean"] == pytest.approx(3.5, abs=1e-15)
    # T_user = (1/2)((2/3) ln(2/3) + (4/3) ln(4/3))
    t_user = 0.5 * (2 / 3 * math.log(2 / 3) + 4 / 3 * math.log(4 / 3))
    assert d.groups.loc["user", "theil"] == pytest.approx(t_user, abs=1e-15)
    assert d.between_share == pytest.approx(d.between / d.total)
    # MLD between = .5 ln(2.5/1.5) + .5 ln(2.5/3.5); L_user = -(1/2) ln(8/9).
    m = ineq.mld_decomposition(ONE_TO_FOUR, by=["user", "user", "staff", "staff"])
    assert m.between == pytest.approx(
        0.5 * math.log(2.5 / 1.5) + 0.5 * math.log(2.5 / 3.5), abs=1e-15
    )
    assert m.groups.loc["user", "mld"] == pytest.approx(-0.5 * math.log(8 / 9), abs=1e-15)
    assert list(m.groups.columns) == [
        "population_share",
        "quantity_share",
        "mean",
        "mld",
        "within_contribution",
        "between_contribution",
    ]


def test_parity_by_hand():
    # 9 service users hold 1 each, 4 staff hold 3 each: total 21 over 13 people. Users hold
    # 9/21 with 9/13 of the people: 13/21; staff (12/21) / (4/13) = 13/7.
    r = ineq.parity_ratio([1, 3], by=["service_user", "staff"], weights=[9, 4])
    assert isinstance(r, pd.Series)
    assert r.name == "parity_ratio"
    assert r["service_user"] == pytest.approx(13 / 21, abs=1e-15)
    assert r["staff"] == pytest.approx(13 / 7, abs=1e-15)


# ----------------------------------------------------------------------------------------
# Edge cases


def test_equal_and_empty_holdings():
    for values in ([0, 0, 0], [4, 4, 4]):
        assert ineq.gini(values) == 0
        assert ineq.theil(values) == 0
        assert ineq.mld(values) == 0
        assert ineq.atkinson(values, 2) == 0
        assert ineq.hoover(values) == 0
        assert ineq.palma(values) == 0.25
        assert ineq.hhi(values) == pytest.approx(1 / 3)
        assert ineq.effective_number(values) == pytest.approx(3)
        assert ineq.entropy(values) == 1
    assert ineq.gini([7]) == 0
    assert ineq.entropy([7]) == 1
    assert ineq.parity_ratio([0, 0, 0], by=["a", "b", "b"]).tolist() == [1.0, 1.0]


def test_one_holds_everything():
    # One of four holds all: Gini = Hoover = 3/4, T = ln 4, Palma infinite, HHI 1, E = 0.
    top = [0, 0, 0, 7]
    assert ineq.gini(top) == pytest.approx(0.75, abs=1e-15)
    assert ineq.hoover(top) == pytest.approx(0.75, abs=1e-15)
    assert ineq.theil(top) == pytest.approx(math.log(4), abs=1e-15)
    assert ineq.palma(top) == math.inf
    assert ineq.hhi(top) == pytest.approx(1.0)
    assert ineq.entropy(top) == pytest.approx(0.0, abs=1e-15)
    assert ineq.atkinson(top, 1) == 1.0


@pytest.mark.parametrize(
    ("call", "where"),
    [
        (lambda: ineq.gini([]), "values"),
        (lambda: ineq.gini([1, float("nan")]), "values"),
        (lambda: ineq.gini([1, float("inf")]), "values"),
        (lambda: ineq.theil([1, -2]), "values"),
        (lambda: ineq.hoover([[1, 2], [3, 4]]), "values"),
        (lambda: ineq.palma(["a", "b"]), "values"),
        (lambda: ineq.gini([1, 2], weights=[1]), "weights"),
        (lambda: ineq.gini([1, 2], weights=[1, -1]), "weights"),
        (lambda: ineq.gini([1, 2], weights=[0, 0]), "weights"),
        (lambda: ineq.gini([1, 2], weights=[1, float("nan")]), "weights"),
        (lambda: ineq.hhi([1, 2], weights=[0.5, 1]), "weights"),
        (lambda: ineq.mld([0, 1, 2]), "values"),
        (lambda: ineq.generalized_entropy([0, 1], -1), "values"),
        (lambda: ineq.generalized_entropy([1, 2], float("nan")), "alpha"),
        (lambda: ineq.atkinson([1, 2], -0.5), "epsilon"),
        (lambda: ineq.theil_decomposition([1, 2], by=["a"]), "by"),
        (lambda: ineq.mld_decomposition(pd.Series([1, 2], index=["s1", "s2"]),
                                        by=pd.Series({"x": "a"})), "by"),
        (lambda: ineq.parity_ratio([1, 2], by={"s1": "a", "s2": "b"}), "by"),
        (lambda: ineq.parity_ratio([1, 2], by="role"), "by"),
        (lambda: ineq.mld_decomposition([0, 2], by=["a", "b"]), "values"),
        (lambda: ineq.parity_ratio([1, 2], by=np.zeros((2, 2))), "by"),
    ],
)
def test_bad_input_raises_input_error(call, where):
    with pytest.raises(
        coproduction.InputError, match=rf"\[coproduction\.input\.{where}\] {where}:"
    ):
        call()


def test_input_error_is_a_value_error():
    with pytest.raises(ValueError):
        ineq.gini([])


def test_series_entry_is_named_by_label():
    values = pd.Series([3.0, float("nan")], index=["outreach_team", "womens_group"])
    with pytest.raises(coproduction.InputError, match="entry 'womens_group' is NaN"):
        ineq.gini(values)


def test_zeros_and_logarithms():
    # T uses 0 ln 0 = 0: r = (0, 1, 2): (1/3)(2 ln 2).
    assert ineq.theil([0, 1, 2]) == pytest.approx(2 * math.log(2) / 3, abs=1e-15)
    # A zero of weight 0 stands for nobody.
    assert ineq.mld([0, 1, 2], weights=[0, 1, 1]) == pytest.approx(ineq.mld([1, 2]), abs=1e-15)


# ----------------------------------------------------------------------------------------
# pandas behaviour


def test_series_weights_align_by_index():
    values = pd.Series([1.0, 2.0, 3.0], index=["a", "b", "c"])
    weights = pd.Series({"c": 1.0, "a": 3.0, "b": 2.0, "unused": 99.0})
    aligned = [3.0, 2.0, 1.0]
    assert ineq.gini(values, weights=weights) == pytest.approx(
        ineq.gini([1, 2, 3], weights=aligned)
    )
    with pytest.raises(coproduction.InputError, match="weights: has no entry for 1 label"):
        ineq.gini(values, weights=pd.Series({"a": 1.0, "b": 1.0}))


def test_group_series_align_by_index():
    values = pd.Series([1.0, 2.0, 3.0, 4.0], index=["s1", "s2", "s3", "s4"])
    roles = pd.Series(
        {"s4": "senior_staff", "s3": "senior_staff", "s2": "service_user", "s1": "service_user"},
        name="role",
    )
    d = ineq.theil_decomposition(values, by=roles)
    assert d.groups.index.name == "role"
    assert d.groups.loc["service_user", "mean"] == pytest.approx(1.5)
    r = ineq.parity_ratio(values, by=roles)
    # (1 + 2) / 2 over 2.5 = 0.6
    assert r["service_user"] == pytest.approx(0.6)


def test_labels_of_any_hashable_kind():
    r = ineq.parity_ratio([1, 2, 3], by=[("museum", 1), ("probation", 2), ("museum", 1)])
    assert list(r.index) == [("museum", 1), ("probation", 2)]
    mixed = ineq.parity_ratio([1, 2, 3], by=[1, "a", 1])  # not sortable: first-seen order
    assert list(mixed.index) == [1, "a"]
    cat = pd.Categorical(["lo", "hi", "lo"], categories=["lo", "hi"])
    assert list(ineq.parity_ratio([1, 5, 3], by=cat).index) == ["lo", "hi"]


def test_a_missing_label_is_the_group_not_coded():
    # None, NaN and pd.NA mean "no group recorded" alike: one group, "not coded", after the
    # coded ones, never an error.
    for missing in (None, math.nan, pd.NA):
        r = ineq.parity_ratio([1, 2, 3, 6], by=["a", missing, "b", missing])
        assert list(r.index) == ["a", "b", "not coded"]
        # The mean is 3: a holds 1 / 3, b 3 / 3, the uncoded (2 + 6) / 2 / 3 = 4 / 3.
        assert r.tolist() == pytest.approx([1 / 3, 1.0, 4 / 3])
    # A Series aligned by index that lacks a label leaves that value not coded too.
    values = pd.Series([1.0, 2.0, 4.0], index=["s1", "s2", "s3"])
    d = ineq.theil_decomposition(values, by=pd.Series({"s1": "staff", "s3": "staff"}))
    assert list(d.groups.index) == ["staff", "not coded"]
    assert d.groups.loc["not coded", "mean"] == 2.0
    assert d.groups.loc["staff", "mean"] == 2.5


def test_zero_weight_group_is_left_out():
    r = ineq.parity_ratio([1, 2, 3], by=["a", "b", "c"], weights=[1, 0, 1])
    assert list(r.index) == ["a", "c"]
    assert r.tolist() == pytest.approx([0.5, 1.5])


def test_returns_python_floats():
    assert type(ineq.gini(np.array([1, 2], dtype=np.int32))) is float
    assert type(ineq.atkinson(pd.Series([1, 2]), 0.5)) is float


# ----------------------------------------------------------------------------------------
# Properties (Hypothesis)


@PROPERTY
@given(st.lists(non_negative, min_size=1, max_size=40))
def test_gini_range(xs):
    n = len(xs)
    g = ineq.gini(xs)
    assert -1e-15 <= g <= 1 - 1 / n + 1e-12


# The textbook formula divides by alpha (alpha - 1): as a reference it is only accurate away
# from 0 and 1 (those two are tested as mld and theil).
away_from_0_and_1 = st.floats(min_value=-3, max_value=4).filter(
    lambda a: abs(a) > 0.05 and abs(a - 1) > 0.05
)


@PROPERTY
@given(weighted_samples(), st.floats(min_value=-3, max_value=4))
def test_generalized_entropy_is_non_negative(sample, alpha):
    x, w = sample
    assert ineq.generalized_entropy(x, alpha, weights=w) >= 0


@PROPERTY
@given(weighted_samples(), away_from_0_and_1)
def test_generalized_entropy_matches_formula(sample, alpha):
    x, w = sample
    assert close(
        ineq.generalized_entropy(x, alpha, weights=w), ref_ge(x, w, alpha), rel=1e-8, abs_=1e-11
    )


@PROPERTY
@given(weighted_samples(), st.sampled_from([1e-12, -1e-12, 1e-9, -1e-9]))
def test_generalized_entropy_is_continuous_at_0_and_1(sample, h):
    x, w = sample
    assert close(
        ineq.generalized_entropy(x, h, weights=w), ineq.mld(x, weights=w), rel=1e-5, abs_=1e-12
    )
    assert close(
        ineq.generalized_entropy(x, 1 + h, weights=w),
        ineq.theil(x, weights=w),
        rel=1e-5,
        abs_=1e-12,
    )


@PROPERTY
@given(weighted_samples(element=non_negative), st.floats(min_value=0, max_value=5))
def test_atkinson_range(sample, epsilon):
    x, w = sample
    assert 0 <= ineq.atkinson(x, epsilon, weights=w) <= 1


@PROPERTY
@given(weighted_samples(element=non_negative))
def test_gini_matches_mean_absolute_difference(sample):
    x, w = sample
    if x.sum() == 0:
        assert ineq.gini(x, weights=w) == 0
    else:
        assert close(ineq.gini(x, weights=w), ref_gini(x, w))


@PROPERTY
@given(weighted_samples(element=non_negative))
def test_theil_and_hoover_match_formulas(sample):
    x, w = sample
    if x.sum() > 0:
        assert close(ineq.theil(x, weights=w), ref_ge(x, w, 1))
        assert close(ineq.hoover(x, weights=w), ref_hoover(x, w))


@PROPERTY
@given(weighted_samples())
def test_mld_atkinson_palma_match_formulas(sample):
    x, w = sample
    assert close(ineq.mld(x, weights=w), ref_ge(x, w, 0))
    for epsilon in (0.5, 1.0, 2.0):
        assert close(ineq.atkinson(x, epsilon, weights=w), ref_atkinson(x, w, epsilon))
    assert close(ineq.palma(x, weights=w), ref_palma(x, w), rel=1e-8)


@PROPERTY
@given(weighted_samples(element=non_negative, weight=head_count))
def test_concentration_matches_formulas(sample):
    x, w = sample
    if x.sum() == 0:
        return
    assert close(ineq.hhi(x, weights=w), ref_hhi(x, w))
    assert close(ineq.effective_number(x, weights=w), 1 / ref_hhi(x, w))
    if w.sum() > 1:
        assert close(ineq.entropy(x, weights=w), ref_entropy(x, w), abs_=1e-11)
        assert -1e-15 <= ineq.entropy(x, weights=w) <= 1


@PROPERTY
@given(weighted_samples(element=non_negative, weight=head_count, max_size=15))
def test_integer_weights_equal_repeats(sample):
    x, w = sample
    repeated = np.repeat(x, w.astype(int))
    for f in (
        ineq.gini,
        ineq.theil,
        ineq.hoover,
        ineq.palma,
        ineq.hhi,
        ineq.effective_number,
        ineq.entropy,
    ):
        a, b = f(x, weights=w), f(repeated)
        assert a == b or close(a, b, rel=1e-10), f.__name__
    assert close(ineq.atkinson(x, 0.5, weights=w), ineq.atkinson(repeated, 0.5), rel=1e-10)


@PROPERTY
@given(weighted_samples(), st.floats(min_value=1e-6, max_value=1e6), st.integers(2, 4))
def test_scale_and_replication_invariance(sample, c, k):
    x, w = sample
    for f in (ineq.gini, ineq.theil, ineq.mld, ineq.hoover, ineq.palma):
        base = f(x, weights=w)
        assert close(f(x * c, weights=w), base, rel=1e-10, abs_=1e-13), f.__name__
        assert close(
            f(np.tile(x, k), weights=np.tile(w, k)), base, rel=1e-10, abs_=1e-13
        ), f.__name__


@PROPERTY
@given(grouped_samples())
def test_decompositions_add_up_and_match_group_sums(sample):
    x, w, g = sample
    for measure, decompose in (
        ("theil", ineq.theil_decomposition),
        ("mld", ineq.mld_decomposition),
    ):
        d = decompose(x, by=g, weights=w)
        assert d.between >= 0 and d.within >= 0
        assert close(d.between + d.within, d.total, rel=1e-12, abs_=1e-14)
        between, within = ref_decomposition(x, w, g, measure)
        assert close(d.between, between, abs_=1e-11)
        assert close(d.within, within, abs_=1e-11)
        assert close(d.groups["within_contribution"].sum(), d.within, abs_=1e-14)
        assert close(d.groups["between_contribution"].sum(), d.between, abs_=1e-14)
        assert close(d.groups["population_share"].sum(), 1.0)
        assert close(d.groups["quantity_share"].sum(), 1.0)


@PROPERTY
@given(grouped_samples())
def test_parity_ratios_average_to_one(sample):
    x, w, g = sample
    r = ineq.parity_ratio(x, by=g, weights=w)
    people = pd.Series(w).groupby(g).sum() / w.sum()
    held = pd.Series(w * x).groupby(g).sum() / (w @ x)
    assert close(float((people * r).sum()), 1.0)
    pd.testing.assert_series_equal(
        r, (held / people).rename("parity_ratio"), check_names=False, rtol=1e-10
    )
