"""Inequality of a per-stakeholder quantity: decision power, centrality, pay, seats.

The functions of this module are public as ``cp.metrics.gini`` and friends.

Every function takes the quantity as ``values`` (a numpy array, a list or a pandas Series
indexed by stakeholder id) and optional ``weights``: how many people an entry stands for,
so that a group of 12 service users with weight 12 counts as 12 people who each hold the
group's value. Values are therefore per person: a group that holds 0.05 of the decision
power together enters as ``0.05 / 12`` with weight 12. When both are Series, ``weights`` is
aligned to ``values`` by index. Group labels (``by=``) are read as everywhere in the package
(see ``by`` below): a missing label is the group ``"not coded"``.

The computations run in the C++ core (``coproduction::gini`` and friends in
``include/coproduction/metrics/inequality.hpp``); this module converts the input and makes
pandas objects of the per-group results.

Conventions (Cowell 2011, ch. 3 and appendix A):

* values must be finite and non-negative; weights finite, non-negative and not all 0.
  Anything else raises :class:`coproduction.InputError` (a ``ValueError``) naming the
  argument. An entry of weight 0 stands for nobody and is left out.
* everybody holding the same amount, including everybody holding nothing, is perfect
  equality: inequality indices are 0, Palma 0.25, HHI 1/N, effective number N, entropy 1.
  A single value is an equal distribution of one holder.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Union

import numpy as np
import numpy.typing as npt
import pandas as pd

from .. import _core
from .._errors import input_error
from .._groups import resolve_groups

__all__ = [
    "InequalityDecomposition",
    "atkinson",
    "effective_number",
    "entropy",
    "generalized_entropy",
    "gini",
    "hhi",
    "hoover",
    "mld",
    "mld_decomposition",
    "palma",
    "parity_ratio",
    "theil",
    "theil_decomposition",
]

#: What ``values`` and ``weights`` may be.
ArrayLike = Union["pd.Series[Any]", npt.ArrayLike, Sequence[float]]
#: What ``by`` may be: one hashable group label per value.
Labels = Union["pd.Series[Any]", npt.ArrayLike, Sequence[Hashable], Mapping[Any, Any]]


# ----------------------------------------------------------------------------------------
# Conversion


def _name_bad_entry(array: np.ndarray, labels: pd.Index, where: str) -> None:
    # The core names a bad entry by position; with a Series the label is what the user
    # knows (a stakeholder id), so name it here first.
    bad = ~np.isfinite(array) | (array < 0)
    if bad.any():
        i = int(np.argmax(bad))
        x = array[i]
        what = (
            "NaN (missing)" if np.isnan(x) else "infinite" if np.isinf(x) else f"negative ({x:g})"
        )
        raise input_error(where, f"entry {labels[i]!r} is {what}")


def _as_numbers(data: ArrayLike, where: str) -> tuple[np.ndarray, pd.Index | None]:
    array, labels = float_values(data, where)
    if labels is not None:
        _name_bad_entry(array, labels, where)
    return array, labels


def float_values(data: Any, where: str) -> tuple[np.ndarray, pd.Index | None]:
    """``data`` (a Series, array or list) as a contiguous float64 array and its labels (a
    Series' index, else None); no entry is judged. Refuses a DataFrame, text and more than
    one dimension, naming ``where``."""
    if isinstance(data, pd.DataFrame):
        raise input_error(
            where, "must be one-dimensional (a Series, array or list), got a DataFrame"
        )
    labels = data.index if isinstance(data, pd.Series) else None
    try:
        if isinstance(data, pd.Series):
            array = data.to_numpy(dtype=np.float64, na_value=np.nan)
        else:
            array = np.asarray(data, dtype=np.float64)
    except (TypeError, ValueError) as error:
        raise input_error(where, f"must hold numbers ({error})") from error
    if array.ndim != 1:
        raise input_error(where, f"must be one-dimensional, got {array.ndim} dimensions")
    return np.ascontiguousarray(array), labels


def _aligned(other: Any, labels: pd.Index | None, where: str) -> Any:
    """``other`` in the order of ``values``' labels when both are Series."""
    if labels is None or not isinstance(other, pd.Series) or other.index.equals(labels):
        return other
    if not other.index.is_unique:
        raise input_error(where, "has repeated index labels, so it cannot be aligned to values")
    missing = labels.difference(other.index)
    if len(missing):
        shown = ", ".join(repr(x) for x in list(missing)[:5])
        raise input_error(where, f"has no entry for {len(missing)} label(s) of values: {shown}")
    return other.reindex(labels)


def _prepare(
    values: ArrayLike, weights: ArrayLike | None
) -> tuple[np.ndarray, np.ndarray | None, pd.Index | None]:
    v, labels = _as_numbers(values, "values")
    if weights is None:
        return v, None, labels
    w, _ = _as_numbers(_aligned(weights, labels, "weights"), "weights")
    return v, w, labels


def _group_codes(by: Labels, labels: pd.Index | None, n: int) -> tuple[np.ndarray, pd.Index]:
    """Integer codes for the group labels, and the labels in code order (sorted when they
    sort), read as every ``by=`` of the package is."""
    grouping = resolve_groups(by, n if labels is None else labels, sort=True)
    return np.ascontiguousarray(grouping.codes, dtype=np.int64), grouping.labels


# ----------------------------------------------------------------------------------------
# Indices


def gini(values: ArrayLike, *, weights: ArrayLike | None = None) -> float:
    r"""Gini coefficient of a per-stakeholder quantity.

    Parameters
    ----------
    values : array-like or pandas.Series
        The quantity each stakeholder holds (decision power, pay, seats, ...); finite and
        non-negative.
    weights : array-like or pandas.Series, optional
        How many people each entry stands for (a group's head count). Any non-negative
        relative weights work; an integer weight equals repeating the value.

    Returns
    -------
    float
        The Gini coefficient, in [0, 1 - 1/n].

    Raises
    ------
    coproduction.InputError
        If values are empty, negative, NaN or infinite, or weights are negative, not
        finite, all zero or of another length.

    Notes
    -----
    Half the mean absolute difference between two people's holdings, relative to the mean:

    .. math:: G = \frac{\sum_i \sum_j p_i p_j |x_i - x_j|}{2 \mu}

    with :math:`p_i` the population shares; equivalently one minus twice the area under the
    Lorenz curve. 0 when everyone holds the same; 1 - 1/n when one of n holds everything.
    For a partnership, a Gini of decision power near 0 means the say is shared evenly;
    towards 1 it sits with few stakeholders. It reacts most to transfers in the middle of
    the distribution. Invariant to scale and to replicating the population. O(n log n).

    References
    ----------
    Gini, C. (1912). Variabilità e mutabilità. Bologna.
    Cowell, F. A. (2011). Measuring Inequality, 3rd ed. Oxford University Press, sec. 2.2.

    Examples
    --------
    >>> import coproduction as cp
    >>> cp.metrics.gini([1, 2, 3, 4])
    0.25
    >>> cp.metrics.gini([1, 3], weights=[3, 1])  # three people hold 1, one holds 3
    0.25
    """
    v, w, _ = _prepare(values, weights)
    return float(_core.metrics.gini(v, w))


def theil(values: ArrayLike, *, weights: ArrayLike | None = None) -> float:
    r"""Theil's T index, GE(1), of a per-stakeholder quantity.

    Parameters
    ----------
    values : array-like or pandas.Series
        The quantity each stakeholder holds; finite and non-negative. Zeros are allowed
        (0 ln 0 = 0).
    weights : array-like or pandas.Series, optional
        How many people each entry stands for.

    Returns
    -------
    float
        Theil's T, in [0, ln n].

    Raises
    ------
    coproduction.InputError
        On bad values or weights (see :func:`gini`).

    Notes
    -----
    .. math:: T = \sum_i p_i \frac{x_i}{\mu} \ln \frac{x_i}{\mu}

    The information-theoretic redundancy of the quantity shares against the population
    shares: ln N minus the Shannon entropy of the shares. 0 when everyone holds the same,
    ln n when one of n holds everything. Most sensitive to the top: a high T says a few
    stakeholders hold much more than the average. It splits exactly into between-group and
    within-group parts (:func:`theil_decomposition`).

    References
    ----------
    Theil, H. (1967). Economics and Information Theory. North-Holland.
    Cowell, F. A. (2011). Measuring Inequality, 3rd ed., sec. 3.3.

    Examples
    --------
    >>> import coproduction as cp
    >>> round(cp.metrics.theil([1, 2, 3, 4]), 4)
    0.1064
    >>> round(cp.metrics.theil([0, 0, 0, 7]), 4)  # ln 4: one of four holds everything
    1.3863
    """
    v, w, _ = _prepare(values, weights)
    return float(_core.metrics.theil(v, w))


def mld(values: ArrayLike, *, weights: ArrayLike | None = None) -> float:
    r"""Mean log deviation (Theil's L, GE(0)) of a per-stakeholder quantity.

    Parameters
    ----------
    values : array-like or pandas.Series
        The quantity each stakeholder holds; finite and positive (a zero is allowed only if
        every value is zero, or if its weight is zero).
    weights : array-like or pandas.Series, optional
        How many people each entry stands for.

    Returns
    -------
    float
        The mean log deviation, in [0, inf).

    Raises
    ------
    coproduction.InputError
        On bad values or weights, and when a value that counts is 0: the index takes its
        logarithm and is undefined there (use :func:`theil` or :func:`gini`).

    Notes
    -----
    .. math:: L = \sum_i p_i \ln \frac{\mu}{x_i}

    The log of the arithmetic over the geometric mean. 0 when everyone holds the same; it
    grows without bound as anyone's holding approaches 0, so it is the index to watch for
    stakeholders who hold almost nothing. Its within-group part is weighted by population
    shares (:func:`mld_decomposition`).

    References
    ----------
    Theil, H. (1967). Economics and Information Theory. North-Holland.
    Cowell, F. A. (2011). Measuring Inequality, 3rd ed., sec. 3.3.

    Examples
    --------
    >>> import coproduction as cp
    >>> round(cp.metrics.mld([1, 2, 3, 4]), 4)
    0.1218
    """
    v, w, _ = _prepare(values, weights)
    return float(_core.metrics.mld(v, w))


def generalized_entropy(
    values: ArrayLike, alpha: float, *, weights: ArrayLike | None = None
) -> float:
    r"""Generalised entropy index GE(alpha) of a per-stakeholder quantity.

    Parameters
    ----------
    values : array-like or pandas.Series
        The quantity each stakeholder holds; finite and non-negative, and positive when
        ``alpha <= 0``.
    alpha : float
        Sensitivity: small or negative alpha weighs the bottom of the distribution, large
        alpha the top. Common choices are -1, 0 (:func:`mld`), 1 (:func:`theil`) and 2
        (half the squared coefficient of variation).
    weights : array-like or pandas.Series, optional
        How many people each entry stands for.

    Returns
    -------
    float
        GE(alpha), in [0, inf).

    Raises
    ------
    coproduction.InputError
        On bad values or weights, a non-finite ``alpha``, or a zero value when
        ``alpha <= 0`` (the index takes a logarithm or a negative power of it).

    Notes
    -----
    .. math:: GE(\alpha) = \frac{1}{\alpha(\alpha - 1)} \sum_i p_i
              \left[\left(\frac{x_i}{\mu}\right)^\alpha - 1\right]

    0 only when everyone holds the same. With alpha > 0 a zero contributes its limit
    1/alpha. The whole family decomposes additively by groups (Shorrocks 1980).

    References
    ----------
    Shorrocks, A. F. (1980). The class of additively decomposable inequality measures.
    Econometrica 48, 613-625.
    Cowell, F. A. (2011). Measuring Inequality, 3rd ed., sec. 3.3.

    Examples
    --------
    >>> import coproduction as cp
    >>> round(cp.metrics.generalized_entropy([1, 2, 3, 4], 2), 4)
    0.1
    """
    v, w, _ = _prepare(values, weights)
    return float(_core.metrics.generalized_entropy(v, float(alpha), w))


def atkinson(values: ArrayLike, epsilon: float, *, weights: ArrayLike | None = None) -> float:
    r"""Atkinson index A(epsilon) of a per-stakeholder quantity.

    Parameters
    ----------
    values : array-like or pandas.Series
        The quantity each stakeholder holds; finite and non-negative.
    epsilon : float
        Aversion to inequality, >= 0: 0 is indifference, 0.5 and 1 are common, 2 and above
        weigh the worst-off heavily.
    weights : array-like or pandas.Series, optional
        How many people each entry stands for.

    Returns
    -------
    float
        A(epsilon), in [0, 1].

    Raises
    ------
    coproduction.InputError
        On bad values or weights, or ``epsilon`` negative or not finite.

    Notes
    -----
    .. math:: A = 1 - \frac{x_{ede}}{\mu}, \quad
              x_{ede} = \Big(\sum_i p_i x_i^{1-\epsilon}\Big)^{1/(1-\epsilon)}

    (the geometric mean when epsilon = 1). The share of the total that could be given up,
    the rest shared equally, without loss to a judge with aversion epsilon: an Atkinson of
    0.3 on decision power says an equal 70% would be worth as much as today's unequal
    100%. With epsilon >= 1 a stakeholder holding nothing makes the equally distributed
    equivalent 0, so the index is 1 (unless everyone holds nothing). A(1) = 1 - exp(-L).

    References
    ----------
    Atkinson, A. B. (1970). On the measurement of inequality. Journal of Economic Theory
    2, 244-263.
    Cowell, F. A. (2011). Measuring Inequality, 3rd ed., sec. 3.2.

    Examples
    --------
    >>> import coproduction as cp
    >>> round(cp.metrics.atkinson([1, 2, 3, 4], 2), 4)  # 1 - harmonic mean / mean
    0.232
    """
    v, w, _ = _prepare(values, weights)
    return float(_core.metrics.atkinson(v, float(epsilon), w))


def hoover(values: ArrayLike, *, weights: ArrayLike | None = None) -> float:
    r"""Hoover (Robin Hood) index of a per-stakeholder quantity.

    Parameters
    ----------
    values : array-like or pandas.Series
        The quantity each stakeholder holds; finite and non-negative.
    weights : array-like or pandas.Series, optional
        How many people each entry stands for.

    Returns
    -------
    float
        The Hoover index, in [0, 1 - 1/n].

    Raises
    ------
    coproduction.InputError
        On bad values or weights (see :func:`gini`).

    Notes
    -----
    .. math:: H = \tfrac{1}{2} \sum_i |q_i - p_i|

    with :math:`q_i` the share of the quantity and :math:`p_i` the share of people. It is
    the share of the quantity that would have to move from those above the mean to those
    below it for everyone to hold the same: a Hoover of 0.2 on seats means a fifth of the
    seats would have to change hands.

    References
    ----------
    Hoover, E. M. (1936). The measurement of industrial localization. Review of Economics
    and Statistics 18, 162-171.
    Cowell, F. A. (2011). Measuring Inequality, 3rd ed., sec. 2.2.

    Examples
    --------
    >>> import coproduction as cp
    >>> round(cp.metrics.hoover([1, 2, 3, 4]), 4)
    0.2
    """
    v, w, _ = _prepare(values, weights)
    return float(_core.metrics.hoover(v, w))


def palma(values: ArrayLike, *, weights: ArrayLike | None = None) -> float:
    r"""Palma ratio: the top 10%'s share over the bottom 40%'s share.

    Parameters
    ----------
    values : array-like or pandas.Series
        The quantity each stakeholder holds; finite and non-negative.
    weights : array-like or pandas.Series, optional
        How many people each entry stands for.

    Returns
    -------
    float
        The Palma ratio, in [0.25, inf]; ``inf`` when the bottom 40% hold nothing.

    Raises
    ------
    coproduction.InputError
        On bad values or weights (see :func:`gini`).

    Notes
    -----
    Cut points are taken by population share: people are ordered by value and the cuts
    fall at 0.4 N and 0.9 N people (N the number of entries, or the sum of the weights).
    An entry that straddles a cut is split in proportion, since the people it stands for
    all hold the same value (linear interpolation of the Lorenz curve L):

    .. math:: \text{Palma} = \frac{1 - L(0.9)}{L(0.4)}

    With 5 entries the bottom 40% are the 2 smallest and the top 10% is half of the
    largest. 0.25 when everyone holds the same. A Palma of 2 on decision power says the
    most powerful tenth hold twice what the least powerful four tenths hold together.

    References
    ----------
    Palma, J. G. (2011). Homogeneous middles vs. heterogeneous tails, and the end of the
    'inverted-U'. Development and Change 42, 87-153.
    Cobham, A. and Sumner, A. (2013). Is it all about the tails? The Palma measure of
    income inequality. Center for Global Development Working Paper 343.

    Examples
    --------
    >>> import coproduction as cp
    >>> cp.metrics.palma(range(1, 11))  # (10) / (1 + 2 + 3 + 4)
    1.0
    """
    v, w, _ = _prepare(values, weights)
    return float(_core.metrics.palma(v, w))


def hhi(values: ArrayLike, *, weights: ArrayLike | None = None) -> float:
    r"""Herfindahl-Hirschman index of the shares of a per-stakeholder quantity.

    Parameters
    ----------
    values : array-like or pandas.Series
        The quantity each stakeholder holds; finite and non-negative.
    weights : array-like or pandas.Series, optional
        Head counts: entry i stands for ``weights[i]`` holders who each hold
        ``values[i]``. Each weight must be 0 or at least 1.

    Returns
    -------
    float
        The HHI on the 0-1 scale, in [1/N, 1] with N the number of holders.

    Raises
    ------
    coproduction.InputError
        On bad values or weights, and on a weight between 0 and 1.

    Notes
    -----
    .. math:: HHI = \sum_i s_i^2, \quad s_i = x_i / \textstyle\sum_j x_j

    The chance that two units of the quantity drawn at random belong to the same holder;
    multiply by 10 000 for the antitrust scale. Unlike the inequality indices it counts
    holders: 1/N when everyone holds the same (also when all hold nothing), 1 when one
    holds everything, and replicating the population k times divides it by k.

    References
    ----------
    Hirschman, A. O. (1964). The paternity of an index. American Economic Review 54, 761.

    Examples
    --------
    >>> import coproduction as cp
    >>> round(cp.metrics.hhi([30, 30, 20, 20]) * 10000)  # US merger guidelines example
    2600
    """
    v, w, _ = _prepare(values, weights)
    return float(_core.metrics.hhi(v, w))


def effective_number(values: ArrayLike, *, weights: ArrayLike | None = None) -> float:
    r"""Effective number of holders of a quantity, 1 / HHI.

    Parameters
    ----------
    values : array-like or pandas.Series
        The quantity each stakeholder holds; finite and non-negative.
    weights : array-like or pandas.Series, optional
        Head counts, as for :func:`hhi` (0 or at least 1).

    Returns
    -------
    float
        The effective number, in [1, N].

    Raises
    ------
    coproduction.InputError
        As :func:`hhi`.

    Notes
    -----
    .. math:: N_{eff} = 1 / \sum_i s_i^2

    How many equal holders would give the same concentration: a partnership of twelve
    stakeholders whose decision power has an effective number of 2.5 behaves as if two or
    three parties held the say.

    References
    ----------
    Laakso, M. and Taagepera, R. (1979). "Effective" number of parties: a measure with
    application to West Europe. Comparative Political Studies 12, 3-27.

    Examples
    --------
    >>> import coproduction as cp
    >>> cp.metrics.effective_number([5, 5, 0, 0])
    2.0
    """
    v, w, _ = _prepare(values, weights)
    return float(_core.metrics.effective_number(v, w))


def entropy(values: ArrayLike, *, weights: ArrayLike | None = None) -> float:
    r"""Normalised Shannon entropy (evenness) of the shares of a quantity.

    Parameters
    ----------
    values : array-like or pandas.Series
        The quantity each stakeholder holds; finite and non-negative.
    weights : array-like or pandas.Series, optional
        Head counts, as for :func:`hhi` (0 or at least 1).

    Returns
    -------
    float
        The normalised entropy, in [0, 1].

    Raises
    ------
    coproduction.InputError
        As :func:`hhi`.

    Notes
    -----
    .. math:: E = -\frac{\sum_i s_i \ln s_i}{\ln N} = 1 - \frac{T}{\ln N}

    with T Theil's index. 1 when the quantity is spread evenly over the N holders (also
    when nobody holds any), 0 when one holds it all. A single holder, where the formula
    reads 0/0, gives 1: one holder is as even as one holder can be.

    References
    ----------
    Shannon, C. E. (1948). A mathematical theory of communication. Bell System Technical
    Journal 27, 379-423.
    Theil, H. (1967). Economics and Information Theory. North-Holland.

    Examples
    --------
    >>> import coproduction as cp
    >>> cp.metrics.entropy([2, 2, 2])
    1.0
    >>> round(cp.metrics.entropy([1, 2, 3, 4]), 4)
    0.9232
    """
    v, w, _ = _prepare(values, weights)
    return float(_core.metrics.entropy(v, w))


# ----------------------------------------------------------------------------------------
# By group


@dataclass(frozen=True)
class InequalityDecomposition:
    """An exact between/within decomposition of Theil's T or the mean log deviation.

    Attributes
    ----------
    measure : str
        ``"theil"`` or ``"mld"``.
    total : float
        The index of the whole distribution.
    between : float
        The index when everybody holds their group's mean: inequality *between* groups.
    within : float
        The weighted sum of the groups' own indices; ``between + within == total`` up to
        rounding.
    groups : pandas.DataFrame
        One row per group label, with columns ``population_share``, ``quantity_share``,
        ``mean``, the group's own index (column named after ``measure``),
        ``within_contribution`` and ``between_contribution`` (each column of
        contributions adds up to ``within`` and ``between``).
    """

    measure: str
    total: float
    between: float
    within: float
    groups: pd.DataFrame

    @property
    def between_share(self) -> float:
        """between / total: how much of the inequality lies between the groups (NaN if
        the total is 0)."""
        return self.between / self.total if self.total > 0 else math.nan

    def __repr__(self) -> str:
        return (
            f"InequalityDecomposition(measure={self.measure!r}, total={self.total:.6g}, "
            f"between={self.between:.6g}, within={self.within:.6g}, "
            f"groups={len(self.groups)})"
        )

    def _repr_html_(self) -> str:
        from .. import display  # late: the display reads this class

        return display.html(self)


def _decomposition(
    measure: str, values: ArrayLike, by: Labels, weights: ArrayLike | None
) -> InequalityDecomposition:
    v, w, labels = _prepare(values, weights)
    codes, names = _group_codes(by, labels, len(v))
    compute = (
        _core.metrics.theil_decomposition if measure == "theil" else _core.metrics.mld_decomposition
    )
    raw = compute(v, codes, w)
    frame = pd.DataFrame(
        {
            "population_share": raw["population_share"],
            "quantity_share": raw["quantity_share"],
            "mean": raw["mean"],
            measure: raw["index"],
            "within_contribution": raw["within_contribution"],
            "between_contribution": raw["between_contribution"],
        },
        index=names.take(raw["group"]),
    )
    return InequalityDecomposition(
        measure=measure,
        total=float(raw["total"]),
        between=float(raw["between"]),
        within=float(raw["within"]),
        groups=frame,
    )


# Text shared by the docstrings of the functions by group, put in their ``{name}``
# placeholders by _share_text (after each function, below).
_BY_GROUP_PARAMETERS = """Parameters
    ----------
    values : array-like or pandas.Series
        The quantity each stakeholder holds; finite and non-negative{positive}.
    by : array-like, pandas.Series or dict
        One group label per value, any hashable labels (role, sector, under_served, ...).
        When ``values`` is a Series, a Series or dict ``by`` is aligned to it by index;
        otherwise labels are taken in order. A missing label (None, NaN, ``pd.NA``, or an
        index label ``by`` lacks) forms the group ``"not coded"``.
    weights : array-like or pandas.Series, optional
        How many people each entry stands for."""

_BY_GROUP_RAISES = """Raises
    ------
    coproduction.InputError
        On bad values or weights, ``by`` of another length, a Series or dict ``by`` that
        names none of the values' labels, or weights that cannot be aligned{zeros}."""

_DECOMPOSITION_RETURNS = """Returns
    -------
    InequalityDecomposition
        ``.total``, ``.between``, ``.within``, ``.between_share`` and a ``.groups``
        DataFrame indexed by group label (sorted when the labels can be sorted). Groups
        whose members all have weight 0 are left out."""

_DECOMPOSITION_REFERENCES = """References
    ----------
    Theil, H. (1967). Economics and Information Theory. North-Holland.
    Shorrocks, A. F. (1980). The class of additively decomposable inequality measures.
    Econometrica 48, 613-625.
    Cowell, F. A. (2011). Measuring Inequality, 3rd ed., sec. 3.3 and appendix A."""


def _share_text(function: Any, **parts: str) -> None:
    """Put each text of ``parts`` in the placeholder ``{<its name>}`` of ``function``'s
    docstring (``str.replace``, so the braces of the LaTeX in the docstring stay as they are)."""
    doc = function.__doc__ or ""
    for name, text in parts.items():  # a handful of sections
        doc = doc.replace("{" + name + "}", text)
    function.__doc__ = doc


def theil_decomposition(
    values: ArrayLike, by: Labels, *, weights: ArrayLike | None = None
) -> InequalityDecomposition:
    r"""Theil's T split into inequality between and within groups.

    {parameters}

    {returns}

    {raises}

    Notes
    -----
    With :math:`p_g`, :math:`s_g`, :math:`\mu_g` and :math:`T_g` the group's share of
    people, share of the quantity, mean and own Theil index:

    .. math:: T = \underbrace{\sum_g s_g T_g}_{within} +
              \underbrace{\sum_g s_g \ln \frac{\mu_g}{\mu}}_{between}

    Each group's ``between_contribution`` is written in the equivalent non-negative form
    :math:`p_g(\rho_g \ln \rho_g - \rho_g + 1)`, :math:`\rho_g = \mu_g / \mu`: 0 when the
    group's mean is the overall mean. A large between share says the inequality in a
    partnership runs along the grouping (e.g. staff against service users) rather than
    inside each group. A group holding nothing has ``theil`` 0. When nobody holds anything
    every number is 0 and each group's quantity share is its population share.

    {references}

    Examples
    --------
    >>> import coproduction as cp
    >>> d = cp.metrics.theil_decomposition([1, 2, 3, 4], by=["user", "user", "staff", "staff"])
    >>> round(d.total, 4), round(d.between, 4), round(d.within, 4)
    (0.1064, 0.0823, 0.0242)
    >>> d.groups["quantity_share"].round(3).to_dict()
    {'staff': 0.7, 'user': 0.3}
    >>> d.groups["theil"].round(4).to_dict()
    {'staff': 0.0102, 'user': 0.0566}
    """
    return _decomposition("theil", values, by, weights)


_share_text(theil_decomposition,
            parameters=_BY_GROUP_PARAMETERS.format(positive=""),
            returns=_DECOMPOSITION_RETURNS,
            raises=_BY_GROUP_RAISES.format(zeros=""),
            references=_DECOMPOSITION_REFERENCES)


def mld_decomposition(
    values: ArrayLike, by: Labels, *, weights: ArrayLike | None = None
) -> InequalityDecomposition:
    r"""Mean log deviation split into inequality between and within groups.

    {parameters}

    {returns}

    {raises}

    Notes
    -----
    With :math:`p_g`, :math:`\mu_g` and :math:`L_g` the group's share of people, mean and
    own mean log deviation:

    .. math:: L = \underbrace{\sum_g p_g L_g}_{within} +
              \underbrace{\sum_g p_g \ln \frac{\mu}{\mu_g}}_{between}

    The within part is weighted by population shares, so it does not move when only the
    groups' means do: the cleanest split of the family (Shorrocks 1980). Each group's
    ``between_contribution`` is :math:`p_g(\rho_g - 1 - \ln \rho_g) \ge 0`,
    :math:`\rho_g = \mu_g / \mu`.

    {references}

    Examples
    --------
    >>> import coproduction as cp
    >>> d = cp.metrics.mld_decomposition([1, 2, 3, 4], by=["user", "user", "staff", "staff"])
    >>> round(d.between, 4), round(d.within, 4), round(d.between_share, 2)
    (0.0872, 0.0346, 0.72)
    """
    return _decomposition("mld", values, by, weights)


_share_text(mld_decomposition,
            parameters=_BY_GROUP_PARAMETERS.format(
                positive=", and positive (the index takes logarithms)"),
            returns=_DECOMPOSITION_RETURNS,
            raises=_BY_GROUP_RAISES.format(zeros=", or a value of 0 that counts"),
            references=_DECOMPOSITION_REFERENCES)


def parity_ratio(
    values: ArrayLike, by: Labels, *, weights: ArrayLike | None = None
) -> pd.Series[float]:
    r"""Each group's share of a quantity divided by its share of the people.

    {parameters}

    Returns
    -------
    pandas.Series
        Named ``"parity_ratio"``, indexed by group label (sorted when the labels can be
        sorted). Groups whose members all have weight 0 are left out.

    {raises}

    Notes
    -----
    .. math:: \text{parity}_g = \frac{s_g}{p_g} = \frac{\mu_g}{\mu}

    1 is parity. Below 1 the group is under-represented: service users with a ratio of
    0.5 on decision power hold half the say their numbers would give them. Above 1
    over-represented. The ratios' population-weighted mean is 1. When nobody holds any of
    the quantity every ratio is 1. Range [0, 1/p_g].

    References
    ----------
    Taagepera, R. and Shugart, M. S. (1989). Seats and Votes. Yale University Press (the
    advantage ratio of seat share to vote share).

    Examples
    --------
    >>> import coproduction as cp
    >>> cp.metrics.parity_ratio([1, 3], by=["service_user", "staff"], weights=[9, 4]).round(3)
    group
    service_user    0.619
    staff           1.857
    Name: parity_ratio, dtype: float64
    """
    v, w, labels = _prepare(values, weights)
    codes, names = _group_codes(by, labels, len(v))
    raw = _core.metrics.parity_ratio(v, codes, w)
    return pd.Series(raw["ratio"], index=names.take(raw["group"]), name="parity_ratio")


_share_text(parity_ratio, parameters=_BY_GROUP_PARAMETERS.format(positive=""),
            raises=_BY_GROUP_RAISES.format(zeros=""))


def __dir__() -> list[str]:
    return list(__all__)
