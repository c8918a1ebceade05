"""Resampling statistics: the bootstrap and permutation tests.

Public as ``cp.stats.bootstrap``, ``cp.stats.permutation_test`` and
``cp.stats.paired_permutation_test``. The loops run in the C++ core
(``include/coproduction/stats/``) on all cores, with the GIL released; Ctrl-C stops them
within a fraction of a second. Every draw has its own random generator, derived from the
seed and the draw's index alone, so a result is the same, bit for bit, for a seed whatever the
number of threads (``threads=``) and on every platform.

Randomness follows SPEC 7: ``rng=`` is an int seed, a :class:`numpy.random.Generator` (one
seed is drawn from it) or None (a fresh seed from the operating system's entropy). The seed
used is part of every result, so ``rng=result.seed`` repeats it.

Progress: ``progress=None`` shows a ``tqdm`` bar when a call takes more than about two
seconds (and ``tqdm`` is installed), ``True`` always, ``False`` never; a callable is called as
``progress(done)`` with the number of draws finished, from the calling thread, about every
50 ms.
"""

from __future__ import annotations

import contextlib
import importlib
import numbers
from collections.abc import Mapping
from typing import Any, Callable, Dict, Iterator, List, Optional, Tuple, Union

import numpy as np
import numpy.typing as npt
import pandas as pd

from . import _core
from ._errors import input_error
from ._groups import resolve_groups
from ._items import as_items
from ._reading import reads_network
from ._stats_result import BootstrapResult, PermutationResult
from .metrics._inequality import _aligned, float_values
from .network import Network

__all__ = [
    "BOOTSTRAP_STATISTICS",
    "GROUP_STATISTICS",
    "INTERVAL_METHODS",
    "ALTERNATIVES",
    "UNITS",
    "bootstrap",
    "permutation_test",
    "paired_permutation_test",
]

#: The statistics :func:`bootstrap` takes for a sample of values.
BOOTSTRAP_STATISTICS: Tuple[str, ...] = (
    "mean", "gini", "theil", "mld", "atkinson", "generalized_entropy", "hoover", "palma",
    "hhi", "effective_number", "entropy")
#: The statistics of :func:`permutation_test`.
GROUP_STATISTICS: Tuple[str, ...] = ("mean_gap", "gini_gap", "share_gap", "parity")
#: How :func:`bootstrap` reads its interval.
INTERVAL_METHODS: Tuple[str, ...] = ("percentile", "basic", "bca")
#: The alternative hypotheses of the permutation tests.
ALTERNATIVES: Tuple[str, ...] = ("two-sided", "greater", "less")
#: What :func:`bootstrap` can resample in a network.
UNITS: Tuple[str, ...] = ("stakeholders", "decisions", "relations")

#: What ``values`` may be: a Series indexed by stakeholder, an array, a list.
Values = Union["pd.Series[Any]", npt.ArrayLike]
#: What ``progress`` may be.
Progress = Union[None, bool, Callable[[int], Any]]

# The options of a measure of a network that bootstrap() passes on: keyword -> the core's key.
_MEASURE_OPTIONS = {
    "layer": "types", "scale": "scales", "include_objects": "include_objects",
    "directed": "directed", "weighted": "weighted", "normalized": "normalized",
    "mode": "mode", "paths": "paths", "reciprocity": "reciprocity", "index": "index",
    "decision_weights": "decision_weights", "project": "project", "by": "groups",
    "group": "group", "quantity": "quantity", "parameter": "parameter",
    "stakeholder": "stakeholder",
}
# Measures that read a grouping of the stakeholders (by=, default the convenor flag).
_GROUPED = ("power_share", "ei_index", "brokerage")


# ----------------------------------------------------------------------------------------
# Arguments


def _count(n: Any, where: str = "n") -> int:
    """``n`` as a positive whole number; a bool, a float (even 2.0) or anything else refused."""
    if isinstance(n, (bool, np.bool_)) or not isinstance(n, numbers.Integral) or int(n) < 1:
        raise input_error(where, f"must be a positive whole number, got {n!r}")
    if int(n) > 2**40:
        raise input_error(where, f"at most 2^40 draws, got {n!r}")
    return int(n)


def _seed(rng: Any) -> int:
    """The seed of the draws from ``rng=`` (SPEC 7): an int in [0, 2^64), a Generator (one
    seed drawn from it) or None (fresh entropy)."""
    if isinstance(rng, (bool, np.bool_)):
        raise input_error("rng", "must be None, an int or a numpy Generator, not a bool")
    if isinstance(rng, numbers.Integral):
        if not 0 <= int(rng) < 2**64:
            raise input_error("rng", f"an int seed must lie in [0, 2^64), got {rng!r}")
        return int(rng)
    if rng is None or isinstance(rng, np.random.Generator):
        return int(np.random.default_rng(rng).integers(0, 2**63, dtype=np.int64))
    raise input_error("rng", f"must be None, an int or a numpy Generator, got "
                             f"{type(rng).__name__}")


def _threads(threads: Any) -> int:
    if isinstance(threads, (bool, np.bool_)) or not isinstance(threads, numbers.Integral) \
            or not 0 <= int(threads) < 2**16:
        raise input_error("threads", f"must be a whole number >= 0 (0: all cores), got {threads!r}")
    return int(threads)


def _level(ci: Any) -> float:
    if isinstance(ci, (bool, np.bool_)) or not isinstance(ci, numbers.Real) \
            or not 0 < float(ci) < 1:
        raise input_error("ci", f"the level must lie strictly between 0 and 1, got {ci!r}")
    return float(ci)


def _word(value: Any, where: str, choices: Tuple[str, ...]) -> str:
    if not isinstance(value, str) or value not in choices:
        raise input_error(where, f"must be one of {', '.join(choices)}; got {value!r}")
    return value


def _numbers(data: Any, where: str) -> Tuple[np.ndarray[Any, Any], Optional[pd.Index]]:
    """``data`` as a contiguous float64 array and its index (a Series' labels, else None).
    Refuses a DataFrame, text, more than one dimension, and NaN or infinite entries, naming
    the first by its label (a Series) or its position."""
    array, labels = float_values(data, where)
    bad = ~np.isfinite(array)
    if bad.any():
        i = int(np.argmax(bad))
        what = "NaN (missing)" if np.isnan(array[i]) else "infinite"
        at = f"entry {labels[i]!r}" if labels is not None else f"entry {i}"
        raise input_error(where, f"{at} is {what}")
    return array, labels


@contextlib.contextmanager
def _progress(progress: Progress, total: int, what: str) -> Iterator[Optional[Callable[[int], Any]]]:
    """The callback the core calls with the draws done: a tqdm bar's (shown after about 2 s
    when ``progress`` is None, at once when True), the caller's own callable (called a last
    time with ``total`` when the computation ends), or none."""
    if progress is False:
        yield None
        return
    if callable(progress) and not isinstance(progress, (bool, np.bool_)):
        yield progress
        progress(total)  # the end, said once, however the polls fell on the way
        return
    if progress is not None and progress is not True:
        raise input_error("progress", f"must be None, True, False or a callable, got {progress!r}")
    try:
        tqdm = importlib.import_module("tqdm.auto").tqdm
    except ImportError:  # no bar without tqdm: the computation is the same
        yield None
        return
    bar = tqdm(total=total, delay=0 if progress else 2, desc=what, unit="draw")
    try:
        yield lambda done: bar.update(int(done) - bar.n)
        bar.update(total - bar.n)
    finally:
        bar.close()


# ----------------------------------------------------------------------------------------
# The bootstrap


@reads_network
def bootstrap(data: Union[Network, Values], measure: str, *, unit: Optional[str] = None,
              n: int = 2000, ci: float = 0.95, method: str = "percentile", rng: Any = None,
              threads: int = 0, progress: Progress = None, **options: Any) -> BootstrapResult:
    r"""Bootstrap interval of a measure of a network, or of a statistic of a sample.

    Parameters
    ----------
    data : Network, pandas.Series, array or list
        A network, whose ``measure`` (any measure of the registry) is bootstrapped by
        resampling its stakeholders, decisions or relations; or a sample of values (a Series
        indexed by stakeholder, an array, a list), resampled with replacement.
    measure : str
        For a network: the measure's registered name (``"power_share"``,
        ``"convenor_carried_share"``, ``"decision_power"``, ``"gini"`` with ``quantity=``,
        ``"density"``, ``"reciprocity"``, ``"degree_centralization"``, ``"ei_index"``, ...).
        For values: one of ``"mean"``, ``"gini"``, ``"theil"``, ``"mld"``, ``"atkinson"``,
        ``"generalized_entropy"``, ``"hoover"``, ``"palma"``, ``"hhi"``,
        ``"effective_number"``, ``"entropy"`` (the indices of :mod:`coproduction.metrics`).
    unit : {"stakeholders", "decisions", "relations"}, optional
        What is resampled in a network (see Notes). Default: ``"decisions"`` for a measure of
        decisions, ``"stakeholders"`` for a measure of a layer, ``"relations"`` for one
        stakeholder's value of a per-stakeholder measure. For values: None or ``"values"``.
    n : int, default 2000
        The number of resamples: a positive whole number.
    ci : float, default 0.95
        The level of the interval, strictly between 0 and 1.
    method : {"percentile", "basic", "bca"}, default "percentile"
        How the interval is read from the draws (see Notes).
    rng : int, numpy.random.Generator or None
        The seed (SPEC 7). The result's ``seed`` repeats the draws.
    threads : int, default 0
        Worker threads; 0 uses every core. The result does not depend on it.
    progress : None, bool or callable
        None: a progress bar when the call takes more than about 2 seconds (needs ``tqdm``);
        True: always; False: never; a callable: called as ``progress(done)``.
    **options
        For a network, the measure's options: ``layer`` (relation types), ``scale``,
        ``include_objects``, ``directed``, ``weighted`` (relation weights), ``normalized``,
        ``mode`` (degree: ``"in"``, ``"out"``, ``"total"``), ``paths`` (closeness:
        ``"in"``, ``"out"``), ``reciprocity``, ``index`` (the power index, default
        ``"banzhaf"``), ``decision_weights`` (decisions count by their weight, default
        True), ``project``, ``by`` (a grouping, as everywhere in the package; default
        ``"convenor"`` for ``power_share``, ``ei_index`` and ``brokerage``), ``group`` (the
        label of ``by`` whose share ``power_share`` reads), ``quantity`` (the per-stakeholder
        measure of an inequality index, default ``"decision_power"``), ``parameter``
        (Atkinson's epsilon, the generalized entropy's alpha), ``stakeholder`` (the id whose
        value of a per-stakeholder measure is bootstrapped). For values: ``parameter``.

    Returns
    -------
    BootstrapResult
        ``estimate``, ``low``, ``high``, ``ci``, ``method``, ``unit``, ``n``, ``seed``,
        ``draws`` (a numpy array, draw order; NaN where the measure is undefined on a
        resample), ``measure``, ``options``, ``undefined`` (the NaN draws, left out of the
        interval) and ``standard_error``; ``.plot()`` draws the distribution.

    Raises
    ------
    coproduction.InputError
        Naming the argument: ``n`` not a positive whole number (``1.5`` and ``True`` are
        refused), ``ci`` outside (0, 1), an unknown ``method``, ``unit``, statistic or option;
        a value that is NaN or infinite (named by its label or position) or, for an index,
        negative; a unit the measure cannot be resampled by (the message names those it can:
        a measure of decisions is resampled over decisions only, a measure of a layer over
        stakeholders or relations); a ladder measure that is not a share of decisions
        (``ladder_rung``, ``ladder_learning_two_way``: a
        classification of a whole project, not bootstrapped); a per-stakeholder measure
        without ``stakeholder``; no decision, relation or stakeholder to resample.
    coproduction.UnknownIdError
        An unknown project or stakeholder.

    Notes
    -----
    **Units.** *Values*: the n values drawn n times with replacement. *Decisions*: the
    measures of decisions are ratios of sums over decisions, each decision :math:`d` counting
    by its weight :math:`w_d`: a stakeholder's power
    :math:`P_s = \sum_d w_d p(s,d) / \sum_d w_d`, a group's share of power
    :math:`\sum_d w_d \sum_{s \in g} p(s,d) / \sum_d w_d \sum_s p(s,d)`, the share of
    decisions the convenors carry alone. A resample drawing decision :math:`d` :math:`c_d`
    times replaces :math:`w_d` by :math:`c_d w_d`: the power index of each decision is
    computed once and every draw is a weighted sum, so 10,000 draws take milliseconds.
    *Relations*: the layer's m relations drawn m times with replacement (a relation drawn
    twice counts twice where weights add up, once where ties are read). A resample holds
    about 63% of the distinct relations (:math:`1 - 1/e`), so a measure of distinct ties
    (density, reciprocity, the Krackhardt dimensions, centralization) is shifted down on
    every resample and its interval may miss the estimate: resample such measures by
    stakeholder (their default) and keep ``"relations"`` for measures that add weights
    (``weighted=True`` centralities and their inequality). *Stakeholders*: the
    vertex bootstrap of Snijders & Borgatti (1999): n stakeholders drawn with replacement
    keep the relations between them; two copies of the same stakeholder, between whom
    nothing was observed, take the relations of a dyad drawn at random among the observed
    pairs of distinct stakeholders (both directions from the same dyad).

    **Intervals** (level :math:`1-\alpha`, :math:`Q` the quantile of the draws as
    :func:`numpy.quantile` defines it, :math:`\hat\theta` the estimate): percentile
    :math:`[Q(\alpha/2), Q(1-\alpha/2)]`; basic
    :math:`[2\hat\theta - Q(1-\alpha/2), 2\hat\theta - Q(\alpha/2)]`; BCa
    :math:`[Q(\alpha_1), Q(\alpha_2)]` with
    :math:`\alpha_i = \Phi(z_0 + (z_0 + z_i)/(1 - a(z_0 + z_i)))`, :math:`z_i` the normal
    quantiles of :math:`\alpha/2` and :math:`1-\alpha/2`, the bias correction
    :math:`z_0 = \Phi^{-1}` of the share of draws below the estimate (ties count half, as in
    :func:`scipy.stats.bootstrap`) and the acceleration
    :math:`a = \sum (\bar\theta - \theta_{(i)})^3 / (6 (\sum (\bar\theta - \theta_{(i)})^2)^{3/2})`
    from the jackknife :math:`\theta_{(i)}`, each unit left out in turn. BCa is NaN when no
    draw (or every draw) lies below the estimate. The percentile interval is the simplest;
    BCa corrects for bias and skew (a Gini coefficient near 0 or 1, a share of power near an
    end) and is second-order accurate (Efron & Tibshirani 1993, ch. 14). A partnership with
    few decisions has few distinct resamples: read the interval of 7 decisions as a rough
    indication, not a precise statement.

    References
    ----------
    Efron, B. & Tibshirani, R. J. (1993). *An Introduction to the Bootstrap*. Chapman & Hall.
    Davison, A. C. & Hinkley, D. V. (1997). *Bootstrap Methods and their Application*.
    Cambridge University Press.
    Snijders, T. A. B. & Borgatti, S. P. (1999). Non-parametric standard errors and tests for
    network statistics. *Connections* 22(2), 61-70.

    Examples
    --------
    >>> import coproduction as cp
    >>> net = cp.examples.load("twam_partners_2013")
    >>> cp.stats.bootstrap(net, "power_share", group="partner", rng=1)
    Bootstrap of power_share over decisions: 0.492, 95% interval 0.229 to 0.704 (percentile, 2000 draws, seed 1)
    >>> cp.stats.bootstrap(net, "density", method="bca", n=500, rng=1)
    Bootstrap of density over stakeholders: 0.089, 95% interval 0.045 to 0.198 (bca, 500 draws, seed 1)
    >>> cp.stats.bootstrap([1.0, 2.0, 3.0, 10.0], "mean", n=1000, rng=2, method="bca")
    Bootstrap of mean over values: 4.000, 95% interval 1.750 to 8.250 (bca, 1000 draws, seed 2)
    """
    count = _count(n)
    seed = _seed(rng)
    level = _level(ci)
    how = _word(method, "method", INTERVAL_METHODS)
    workers = _threads(threads)
    if not isinstance(measure, str):
        raise input_error("measure", f"must be a measure's name, got {measure!r}")
    if isinstance(data, Network):
        core_options, kept = _network_options(data, measure, options)
        if unit is None:
            units = _core.stats.resampling_units(measure, core_options.get("quantity",
                                                                           "decision_power"))
            unit = units[0] if units else "decisions"  # the core says why it cannot
        chosen = _word(unit, "unit", UNITS)
        with _progress(progress, count, f"bootstrap {measure}") as callback:
            out = _core.stats.bootstrap_measure(data._core, measure, chosen, core_options,
                                                count, seed, level, how, workers, callback)
    else:
        if unit not in (None, "values"):
            raise input_error("unit", f"a sample of values is resampled by value; got {unit!r}")
        chosen = "values"
        statistic = _word(measure, "measure", BOOTSTRAP_STATISTICS)
        unknown = [k for k in options if k != "parameter"]
        if unknown:
            raise input_error(unknown[0], "is not an option of the bootstrap of values (only "
                                          "parameter)")
        parameter = options.get("parameter")
        if parameter is not None and (isinstance(parameter, bool)
                                      or not isinstance(parameter, numbers.Real)):
            raise input_error("parameter", f"must be a number, got {parameter!r}")
        values, labels = _numbers(data, "values")
        if statistic != "mean" and (values < 0).any():
            i = int(np.argmax(values < 0))
            at = f"entry {labels[i]!r}" if labels is not None else f"entry {i}"
            raise input_error("values", f"{at} is negative ({values[i]:g}): {statistic} needs "
                                        f"values >= 0")
        kept = {} if parameter is None else {"parameter": float(parameter)}
        with _progress(progress, count, f"bootstrap {statistic}") as callback:
            out = _core.stats.bootstrap_values(values, statistic,
                                               None if parameter is None else float(parameter),
                                               count, seed, level, how, workers, callback)
    return BootstrapResult(
        estimate=float(out["estimate"]), low=float(out["low"]), high=float(out["high"]),
        ci=level, method=how, unit=chosen, n=count, seed=seed,
        draws=np.asarray(out["draws"], dtype=float), measure=measure, options=kept,
        undefined=int(out["undefined"]))


def _network_options(net: Network, measure: str,
                     given: Mapping[str, Any]) -> Tuple[Dict[str, Any], Dict[str, Any]]:
    """The core's options dict from bootstrap()'s keywords, and the keywords as given (for
    the result). Groupings are read by :func:`coproduction._groups.resolve_groups`."""
    core: Dict[str, Any] = {}
    kept: Dict[str, Any] = {}
    for key, value in given.items():
        if key not in _MEASURE_OPTIONS:
            raise input_error(key, f"is not an option of a measure; the options are "
                                   f"{', '.join(_MEASURE_OPTIONS)}")
        if value is None:
            continue
        kept[key] = value
        if key in ("layer", "scale"):
            words = [str(w) for w in as_items(value)]
            if not words:
                raise input_error(key, f"names nothing; pass None for every {key}")
            core[_MEASURE_OPTIONS[key]] = words
        elif key not in ("by", "group"):
            core[_MEASURE_OPTIONS[key]] = value
    quantity = given.get("quantity") or "decision_power"
    by = given.get("by")
    grouped = measure in _GROUPED or quantity == "brokerage"
    if by is None and grouped:
        by = "convenor"
    if by is not None:
        ids = net.stakeholders.index
        grouping = resolve_groups(by, ids, net=net, sort=True)
        core["groups"] = np.ascontiguousarray(grouping.codes, dtype=np.int64)
        labels = list(grouping.labels)
        group = given.get("group")
        if measure == "power_share":
            if group is None:
                raise input_error("group", f"name the group whose share of power is "
                                           f"bootstrapped: one of {labels}")
            if group not in labels:
                raise input_error("group", f"{group!r} is not a group of by; the groups are "
                                           f"{labels}")
            core["group"] = labels.index(group)
        elif group is not None:
            raise input_error("group", f"is read by power_share only, not by {measure}")
    elif given.get("group") is not None:
        raise input_error("group", f"is read by power_share only, not by {measure}")
    return core, kept


# ----------------------------------------------------------------------------------------
# Permutation tests


def _permutation_result(out: Dict[str, Any], name: str, side: str, seed: int,
                        labels: Tuple[Any, Any], *, paired: bool) -> PermutationResult:
    """The result of a permutation test from what the core returned."""
    null = np.asarray(out["null"], dtype=float)
    return PermutationResult(
        statistic=name, observed=float(out["observed"]), p_value=float(out["p_value"]),
        standard_error=float(out["standard_error"]), alternative=side, n=int(null.size),
        null=null, seed=seed, exact=bool(out["exact"]), labels=labels, paired=paired)


def _two_groups(groups: Any, labels: Optional[pd.Index], count: int,
                group: Any) -> Tuple[np.ndarray[Any, Any], Tuple[Any, Any]]:
    """Codes 0/1 for two group labels (1 = ``group``, by default the second label in sorted
    order), refusing a missing label and any number of labels but two."""
    if isinstance(groups, pd.DataFrame):
        raise input_error("groups", "must be one label per value, not a DataFrame")
    if isinstance(groups, Mapping) and not isinstance(groups, pd.Series):
        if labels is None:
            raise input_error("groups", "a mapping labels stakeholders by id, and these values "
                                        "have none: give one label per value")
        groups = pd.Series(groups, dtype=object)
    aligned = _aligned(groups, labels, "groups")
    series = aligned if isinstance(aligned, pd.Series) else pd.Series(list(aligned), dtype=object)
    if len(series) != count:
        raise input_error("groups", f"has {len(series)} labels but values has {count}")
    missing = series.isna().to_numpy(dtype=bool)
    if missing.any():
        i = int(np.argmax(missing))
        at = f"entry {labels[i]!r}" if labels is not None else f"entry {i}"
        raise input_error("groups", f"{at} has no group: a test of two groups needs every "
                                    f"value's")
    try:
        codes, uniques = pd.factorize(series, sort=True)
    except TypeError:  # labels that do not compare: first-seen order
        codes, uniques = pd.factorize(series, sort=False)
    found = list(uniques)
    if len(found) != 2:
        raise input_error("groups", f"must hold exactly two labels, got {len(found)}: "
                                    f"{found[:5]}")
    if group is None:
        focal = 1
    elif group in found:
        focal = found.index(group)
    else:
        raise input_error("group", f"{group!r} is not one of the two groups {found}")
    codes = np.asarray(codes, dtype=np.int64)
    out = np.ascontiguousarray(codes == focal, dtype=np.int64)
    return out, (found[1 - focal], found[focal])


def permutation_test(values: Values, groups: Any, *, statistic: str = "mean_gap",
                     group: Any = None, n: int = 9999, alternative: str = "two-sided",
                     rng: Any = None, threads: int = 0,
                     progress: Progress = None) -> PermutationResult:
    r"""Permutation test of a difference between two groups of stakeholders.

    Parameters
    ----------
    values : pandas.Series, array or list
        One value per stakeholder (decision power, pay, hours, a centrality): a Series
        indexed by stakeholder id, an array or a list. NaN and infinite values are refused
        (named by label or position).
    groups : pandas.Series, mapping, array or list
        The group of each value, exactly two labels (``"convenor"`` and ``"partner"``, paid
        or unpaid). A Series or mapping is aligned to a Series of values by id.
    statistic : {"mean_gap", "gini_gap", "share_gap", "parity"}, default "mean_gap"
        What is compared (see Notes).
    group : label, optional
        The group the statistic is about ("the group"; the other label is "the others").
        Default: the second of the two labels in sorted order, so with ``"convenor"`` and
        ``"partner"`` the mean gap is the partners' mean minus the convenors'.
    n : int, default 9999
        The number of random relabellings; when there are at most ``n`` distinct
        relabellings, all are enumerated instead and the test is exact.
    alternative : {"two-sided", "greater", "less"}, default "two-sided"
        ``"greater"``: the statistic is larger than chance would make it (for ``parity``,
        the group holds more than its share of people).
    rng, threads, progress
        As in :func:`bootstrap`.

    Returns
    -------
    PermutationResult
        ``statistic``, ``observed``, ``p_value``, ``standard_error`` (Monte Carlo; 0 when
        exact), ``alternative``, ``n`` (draws, or relabellings enumerated), ``exact``,
        ``null`` (numpy array), ``seed``, ``labels`` (``(other, group)``).

    Raises
    ------
    coproduction.InputError
        Naming the argument: values NaN or infinite (or negative for ``gini_gap``,
        ``share_gap`` and ``parity``), all zero for ``share_gap`` or ``parity``; groups
        with a missing label, other than two labels, or a length other than the values';
        ``group`` not one of the labels; an unknown ``statistic`` or ``alternative``; ``n``
        not a positive whole number.

    Notes
    -----
    With :math:`T_g`, :math:`n_g` the total and size of a group (1: ``group``, 0: the
    others), :math:`T`, :math:`n` of all and :math:`G_g` a group's Gini coefficient:

    - ``mean_gap`` :math:`= T_1/n_1 - T_0/n_0`, range :math:`(-\infty, \infty)`;
    - ``gini_gap`` :math:`= G_1 - G_0`, range :math:`(-1, 1)`: is power more unequal within
      the group than among the others?
    - ``share_gap`` :math:`= T_1/T - n_1/n`: the group's share of the total minus its share
      of the people, range :math:`[-n_1/n, 1 - n_1/n]`; 0 is proportionality;
    - ``parity`` :math:`= (T_1/T)/(n_1/n)`, range :math:`[0, n/n_1]`; 1 is parity, below 1
      the group holds less than its numbers would give it (Taagepera & Shugart 1989).

    Under the null hypothesis the labels are exchangeable: every relabelling with the same
    group sizes is equally likely. With :math:`b` the relabellings at least as extreme as
    the observed (a relative tolerance of 100 machine epsilons counts rounding ties) among
    :math:`B`: random relabellings give :math:`p = (b+1)/(B+1)`, counting the observed
    labelling as one of them, so that p is never 0 and the test keeps its level (Phipson &
    Smyth 2010), with Monte Carlo standard error :math:`\sqrt{p(1-p)/B}`; enumerated ones
    give the exact :math:`p = b/B`. Two-sided: twice the smaller one-sided p, capped at 1,
    as :func:`scipy.stats.permutation_test` defines it. ``mean_gap``, ``share_gap`` and
    ``parity`` are increasing functions of :math:`T_1` at fixed sizes, so they give the same
    p-value: choose the one that reads best.

    References
    ----------
    Phipson, B. & Smyth, G. K. (2010). Permutation p-values should never be zero: calculating
    exact p-values when permutations are randomly drawn. *Statistical Applications in
    Genetics and Molecular Biology* 9(1), 39.
    Good, P. (2005). *Permutation, Parametric and Bootstrap Tests of Hypotheses*, 3rd ed.
    Springer.
    Taagepera, R. & Shugart, M. S. (1989). *Seats and Votes*. Yale University Press.

    Examples
    --------
    >>> import coproduction as cp
    >>> net = cp.examples.load("twam_partners_2013")
    >>> power = cp.power.decision_power(net, by="all")["all"]
    >>> side = net.stakeholders["convenor"].fillna(False).map({True: "convenor", False: "partner"})
    >>> cp.stats.permutation_test(power, side, statistic="share_gap", rng=1)
    Permutation test of share_gap (partner against convenor): observed -0.365, p = 0.0404 ± 0.00281 (two-sided, 9999 random relabellings, seed 1)
    """
    name = _word(statistic, "statistic", GROUP_STATISTICS)
    side = _word(alternative, "alternative", ALTERNATIVES)
    count = _count(n)
    seed = _seed(rng)
    workers = _threads(threads)
    array, labels = _numbers(values, "values")
    codes, pair = _two_groups(groups, labels, len(array), group)
    with _progress(progress, count, f"permutation test of {name}") as callback:
        out = _core.stats.permutation_test(array, codes, name, count, seed, side, workers,
                                           callback)
    return _permutation_result(out, name, side, seed, pair, paired=False)


def paired_permutation_test(first: Values, second: Values, *, statistic: str = "mean_gap",
                            n: int = 9999, alternative: str = "two-sided", rng: Any = None,
                            threads: int = 0, progress: Progress = None) -> PermutationResult:
    r"""Permutation test of the change between two waves of the same stakeholders.

    Parameters
    ----------
    first, second : pandas.Series, array or list
        Each stakeholder's value in the first and the second wave: two Series indexed by
        stakeholder id (aligned by id; both must have the same ids) or two arrays of the same
        length in the same order.
    statistic : {"mean_gap", "gini_gap"}, default "mean_gap"
        ``mean_gap``: the mean of the second wave minus that of the first (the mean of the
        per-stakeholder changes); ``gini_gap``: the Gini coefficient of the second wave minus
        that of the first.
    n, alternative, rng, threads, progress
        As in :func:`permutation_test`; the exact test enumerates all :math:`2^m` swap
        patterns of m stakeholders when there are at most ``n``.

    Returns
    -------
    PermutationResult
        As :func:`permutation_test`, with ``labels == ("first", "second")`` and
        ``paired=True``.

    Raises
    ------
    coproduction.InputError
        NaN or infinite values (negative for ``gini_gap``), named by label or position;
        Series with different ids or arrays of different lengths; ``share_gap`` or
        ``parity``; as :func:`permutation_test`.

    Notes
    -----
    Under the null hypothesis the two waves are exchangeable within each stakeholder: each
    stakeholder's two values are swapped with probability 1/2, which for the mean gap flips
    the sign of its change :math:`d_i`, giving :math:`\bar d^* = \frac1m \sum_i \pm d_i`.
    p-values as in :func:`permutation_test` (Phipson & Smyth 2010; exact when enumerated).

    References
    ----------
    Good, P. (2005). *Permutation, Parametric and Bootstrap Tests of Hypotheses*, 3rd ed.
    Springer, ch. 5.
    Phipson, B. & Smyth, G. K. (2010). *Statistical Applications in Genetics and Molecular
    Biology* 9(1), 39.

    Examples
    --------
    >>> import coproduction as cp
    >>> before = [0.10, 0.05, 0.20, 0.00, 0.15]
    >>> after = [0.18, 0.09, 0.22, 0.06, 0.15]
    >>> cp.stats.paired_permutation_test(before, after, n=1000)
    Permutation test of mean_gap (second against first): observed 0.040, p = 0.125 (two-sided, exact over all 32 sign patterns)
    """
    name = _word(statistic, "statistic", GROUP_STATISTICS)
    side = _word(alternative, "alternative", ALTERNATIVES)
    count = _count(n)
    seed = _seed(rng)
    workers = _threads(threads)
    a, labels = _numbers(first, "first")
    if isinstance(first, pd.Series) and isinstance(second, pd.Series):
        extra = second.index.difference(first.index)
        if len(extra):
            shown = ", ".join(repr(x) for x in list(extra)[:5])
            raise input_error("second", f"has {len(extra)} id(s) that first has not: {shown}")
    b, _ = _numbers(_aligned(second, labels, "second"), "second")
    if len(a) != len(b):
        raise input_error("second", f"has {len(b)} entries but first has {len(a)}")
    with _progress(progress, count, f"paired permutation test of {name}") as callback:
        out = _core.stats.paired_permutation_test(a, b, name, count, seed, side, workers,
                                                  callback)
    return _permutation_result(out, name, side, seed, ("first", "second"), paired=True)


def __dir__() -> List[str]:
    return list(__all__)
