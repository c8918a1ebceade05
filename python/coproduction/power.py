"""Formal decision power: power indices of simple games.

Every decision of a partnership has holders who vote under a rule (``sole``, ``unanimity``,
``majority``, ``quota`` with per-holder votes, optionally with ``veto`` holders). Such a rule
is a *weighted voting game*: each holder has a whole number of votes, a coalition carries
the decision when its votes reach the quota and every veto holder is in it. The functions
here measure how much of that decision each holder controls.

Every function takes the game as ``weights`` (a list, a numpy array or a pandas Series
indexed by stakeholder id), a ``quota`` and optional ``veto`` holders, and returns a pandas
Series indexed like ``weights`` (a plain array gives a RangeIndex). The computations run in
the C++ core (``include/coproduction/power/``):

* Banzhaf and Shapley-Shubik are exact at any size the vote totals allow, by dynamic
  programming over vote totals (a thousand holders with 10^5 votes in about a second);
* Deegan-Packel, Holler and Johnston are exact by enumerating coalitions up to 25 holders
  and estimated by seeded Monte Carlo sampling, with confidence intervals, above that;
* ``owen`` gives the Owen value (and the Banzhaf-Owen index) when holders vote in blocs.

The decision power of a network's stakeholders (:func:`decision_power`,
:func:`power_by_stage`, :func:`power_by_project`, :func:`power_shares`,
:func:`convenor_carried`, :func:`convenor_carried_share`, :func:`veto_players`,
:func:`bloc_power`) is part of this module too; those functions count each decision by its
``weight`` unless ``weighted=False`` (docs/power.md, "Decision weighting").

Conventions:

* weights are whole numbers of votes, ``>= 0``; a fractional quota is rounded up (vote
  totals are whole numbers, so "more than 50.5 votes" and "at least 51" are the same rule);
* ``1 <= quota <= sum(weights)``: anything else raises :class:`coproduction.InputError`
  (a ``ValueError``) naming the argument;
* with ``method="monte_carlo"`` (or ``"auto"`` beyond the exact limits) the result carries
  ``attrs["method"] == "monte_carlo"`` and, with ``interval=True``, the confidence bounds;
* an exact computation that would take more memory or time than its limit (tables over
  more than about 33 million vote totals, more than ``max_coalitions`` minimal winning
  coalitions) raises :class:`coproduction.LimitError` before it starts, naming the estimate
  and the way out; ``method="auto"`` samples instead. Every long computation stops on
  Ctrl-C.
"""

from __future__ import annotations

import itertools
import math
import numbers
from collections.abc import Sequence
from typing import Any, NamedTuple, Tuple, Union

import numpy as np
import numpy.typing as npt
import pandas as pd

from coproduction import _core
from coproduction._checks import check_max_coalitions as _check_max_coalitions
from coproduction._errors import LimitError
from coproduction._errors import input_error as _input_error
from coproduction._items import as_items
from coproduction.decision_power import (
    INDICES,
    bloc_power,
    convenor_carried,
    convenor_carried_share,
    decision_power,
    power_by_project,
    power_by_stage,
    power_shares,
    veto_players,
)

__all__ = [
    "CoalitionCount",
    "INDICES",
    "MAX_COALITION_PLAYERS",
    "MAX_ENUMERATION_PLAYERS",
    "MAX_LISTED_COALITIONS",
    "MAX_VISITED_COALITIONS",
    "Seed",
    "Weights",
    "banzhaf",
    "deegan_packel",
    "holler",
    "johnston",
    "minimal_winning_coalitions",
    "minimal_winning_count",
    "owen",
    "shapley_shubik",
    "convenor_carried",
    "convenor_carried_share",
    "decision_power",
    "power_by_project",
    "power_by_stage",
    "power_shares",
    "veto_players",
    "bloc_power",
]

#: What ``weights`` may be.
Weights = Union["pd.Series[Any]", npt.ArrayLike, Sequence[int]]
#: What ``rng`` may be (SPEC 7).
Seed = Union[None, int, np.random.Generator]

#: Largest number of holders for exact enumeration (Deegan-Packel, Holler, Johnston).
MAX_ENUMERATION_PLAYERS = 25
#: Largest number of holders for the minimal-winning-coalition search (64-bit sets).
MAX_COALITION_PLAYERS = 64
#: Default ``max_coalitions`` of :func:`minimal_winning_coalitions`: the rows it may list
#: (64 MB as a table of 64 holders).
MAX_LISTED_COALITIONS = 1_000_000
#: Default ``max_coalitions`` of :func:`deegan_packel` and :func:`holler`: the minimal
#: winning coalitions they may visit (a few seconds; they keep no list).
MAX_VISITED_COALITIONS = 100_000_000
# ``method="auto"`` switches Banzhaf / Shapley-Shubik to sampling beyond these sizes of the
# dynamic programme: time grows with players x total votes (about 2 s and 4 s on one core at
# these products), memory with the total votes (32 bytes a vote: 640 MB at the limit).
_AUTO_BANZHAF_CELLS = 10**10
_AUTO_SHAPLEY_CELLS = 2 * 10**8
_AUTO_MAX_TOTAL = 2 * 10**7
_MAX_TOTAL = 2**62

_METHODS = ("auto", "exact", "monte_carlo")


# ----------------------------------------------------------------------------------------
# Conversion


class _Game:
    """A weighted game converted for the core: labels, int64 weights, quota, veto positions."""

    def __init__(self, weights: Weights, quota: float, veto: Any) -> None:
        self.labels, self.weights = _as_weights(weights)
        self.quota = _as_quota(quota, int(self.weights.sum()))
        self.veto = _as_positions(veto, self.labels, len(self.weights), "veto")

    @property
    def n(self) -> int:
        return len(self.weights)

    def series(self, values: np.ndarray, name: str, method: str) -> pd.Series:
        out = pd.Series(np.asarray(values, dtype=np.float64), index=self.labels, name=name)
        out.attrs["method"] = method
        return out


def _as_weights(weights: Weights) -> tuple[pd.Index, np.ndarray]:
    if isinstance(weights, pd.DataFrame):
        raise _input_error("weights", "must be one-dimensional (a Series, array or list), got a "
                                      "DataFrame")
    if isinstance(weights, pd.Series):
        labels = weights.index
        try:
            raw = weights.to_numpy(dtype=np.float64, na_value=np.nan)
        except (TypeError, ValueError) as error:
            raise _input_error("weights", f"must hold numbers ({error})") from error
    else:
        try:
            raw = np.asarray(weights, dtype=np.float64)
        except (TypeError, ValueError) as error:
            raise _input_error("weights", f"must hold numbers ({error})") from error
        if raw.ndim != 1:
            raise _input_error("weights", f"must be one-dimensional, got {raw.ndim} dimensions")
        labels = pd.RangeIndex(len(raw))
    if raw.ndim != 1:
        raise _input_error("weights", f"must be one-dimensional, got {raw.ndim} dimensions")
    if len(raw) == 0:
        raise _input_error("weights", "a game needs at least one player")
    bad = ~np.isfinite(raw) | (raw < 0) | (raw != np.floor(np.where(np.isfinite(raw), raw, 0)))
    if bad.any():
        i = int(np.argmax(bad))
        x = raw[i]
        what = ("NaN (missing)" if math.isnan(x) else "infinite" if math.isinf(x)
                else f"negative ({x:g})" if x < 0
                else f"not a whole number of votes ({x:g}); scale the weights to integers")
        raise _input_error("weights", f"entry {labels[i]!r} is {what}")
    if raw.sum() > _MAX_TOTAL:
        raise _input_error("weights", "the total of the weights exceeds 2^62")
    if isinstance(weights, pd.Series) or raw.dtype != np.int64:
        # Exact for integers up to 2^53; beyond that read the integers themselves.
        exact = np.asarray(weights.to_numpy() if isinstance(weights, pd.Series) else weights)
        if np.issubdtype(exact.dtype, np.integer):
            return labels, np.ascontiguousarray(exact, dtype=np.int64)
    return labels, np.ascontiguousarray(raw.astype(np.int64))


def _as_quota(quota: float, total: int) -> int:
    if isinstance(quota, bool) or not isinstance(quota, numbers.Real):
        raise _input_error("quota", f"must be a number of votes, got {type(quota).__name__}")
    if not math.isfinite(float(quota)):
        raise _input_error("quota", f"must be finite, got {quota}")
    q = math.ceil(quota) if not isinstance(quota, numbers.Integral) else int(quota)
    if q <= 0:
        raise _input_error("quota", f"the quota must be at least 1 (got {quota}): otherwise the "
                                    "empty coalition wins")
    if q > total:
        raise _input_error("quota", f"the quota {quota} exceeds the total of the weights {total}: "
                                    "no coalition can win")
    return q


def _label_positions(items: Sequence[Any], labels: pd.Index, where: str) -> np.ndarray:
    """The position among the players of each label in ``items``, repeats kept.

    Raises
    ------
    coproduction.InputError
        A label that is not a player, or that names several players.
    """
    try:
        # tupleize_cols=False: a tuple is one label, never the levels of a MultiIndex.
        target = pd.Index(pd.Series(items, dtype=object), tupleize_cols=False)
        if labels.is_unique:
            positions = labels.get_indexer(target)
        else:
            shared = target.isin(labels[labels.duplicated(keep=False)])
            if shared.any():
                raise _input_error(where, f"label {target[int(np.argmax(shared))]!r} is not "
                                          f"unique among the players")
            positions = labels.get_indexer_non_unique(target)[0]
    except TypeError as error:  # an unhashable entry, such as a list inside the list
        raise _input_error(where, f"holds an entry that cannot name a player ({error})") \
            from None
    missing = positions < 0
    if missing.any():
        raise _input_error(where, f"{target[int(np.argmax(missing))]!r} is not one of the "
                                  f"players")
    return np.asarray(positions, dtype=np.int64)


def _first_repeat(positions: np.ndarray) -> int:
    """The index of the first entry of ``positions`` that an earlier one already holds, or
    -1."""
    repeated = pd.Index(positions).duplicated()
    return int(np.argmax(repeated)) if repeated.any() else -1


def _as_positions(chosen: Any, labels: pd.Index, n: int, where: str) -> np.ndarray:
    """Positions of the chosen players: ``None``, a boolean mask, or a collection of labels."""
    if chosen is None:
        return np.zeros(0, dtype=np.int64)
    chosen = as_items(chosen)
    if isinstance(chosen, pd.Series) and chosen.dtype == bool:
        mask = chosen.reindex(labels)
        if mask.isna().any():
            raise _input_error(where, "the boolean mask has no entry for some players")
        return np.flatnonzero(mask.to_numpy(dtype=bool)).astype(np.int64)
    items = list(chosen)
    # skipna=False: a None among booleans makes a list of labels, not a mask.
    if items and pd.api.types.infer_dtype(items, skipna=False) == "boolean":
        if len(items) != n:
            raise _input_error(where, f"a boolean mask needs {n} entries, got {len(items)}")
        return np.flatnonzero(np.asarray(items, dtype=bool)).astype(np.int64)
    positions = _label_positions(items, labels, where)
    repeat = _first_repeat(positions)
    if repeat >= 0:
        raise _input_error(where, f"{items[repeat]!r} is named twice")
    return positions


def _seed(rng: Seed) -> int:
    if isinstance(rng, (bool, np.bool_)):
        raise _input_error("rng", "must be None, an int or a numpy Generator")
    if rng is not None and not isinstance(rng, (numbers.Integral, np.random.Generator)):
        raise _input_error("rng", f"must be None, an int or a numpy Generator, got "
                                  f"{type(rng).__name__}")
    return int(np.random.default_rng(rng).integers(0, 2**63, dtype=np.int64))


def _check_method(method: str) -> None:
    if method not in _METHODS:
        raise _input_error("method", f"must be one of {', '.join(_METHODS)}, got {method!r}")


def _check_sampling(samples: int, confidence: float) -> None:
    if isinstance(samples, bool) or not isinstance(samples, numbers.Integral) or samples < 2:
        raise _input_error("samples", f"must be an integer >= 2, got {samples!r}")
    if not isinstance(confidence, numbers.Real) or not 0 < float(confidence) < 1:
        raise _input_error("confidence", f"must lie strictly between 0 and 1, got {confidence!r}")


def _value(index: str, game: _Game, *, sample: bool, method: str, exact_args: Tuple[Any, ...],
           rng: Seed, samples: int, confidence: float, interval: bool,
           normalized: bool = True) -> Union[pd.Series, pd.DataFrame]:
    """The index ``index`` of ``game``: exact, by the core's function of that name (given
    ``exact_args`` after the game), or estimated by Monte Carlo sampling when ``sample`` or
    when ``method="auto"`` and the exact computation is refused with LimitError."""
    if not sample:
        try:
            values = getattr(_core.power, index)(game.weights, game.quota, game.veto, *exact_args)
        except LimitError:
            if method == "exact":
                raise
        else:
            if interval:
                frame = pd.DataFrame({"value": values, "lower": values, "upper": values,
                                      "standard_error": np.zeros_like(values)},
                                     index=game.labels)
                frame.attrs["method"] = "exact"
                return frame
            return game.series(values, index, "exact")
    _check_sampling(samples, confidence)
    estimate = _core.power.monte_carlo(index, game.weights, game.quota, game.veto, int(samples),
                                       _seed(rng), float(confidence), bool(normalized))
    attrs = {"method": "monte_carlo", "samples": int(estimate["samples"]),
             "confidence": float(estimate["confidence"])}
    if interval:
        frame = pd.DataFrame({key: estimate[key] for key in  # the four columns
                              ("value", "lower", "upper", "standard_error")}, index=game.labels)
        frame.attrs.update(attrs)
        return frame
    out = game.series(estimate["value"], index, "monte_carlo")
    out.attrs.update(attrs)
    return out


def _by_vote_totals(index: str, weights: Weights, quota: float, *, veto: Any, method: str,
                    cells: int, exact_args: Tuple[Any, ...] = (), normalized: bool = True,
                    **sampling: Any) -> Union[pd.Series, pd.DataFrame]:
    """Banzhaf or Shapley-Shubik: exact by dynamic programming over vote totals, sampled
    with ``method="auto"`` when players x total votes exceeds ``cells`` or the total exceeds
    ``_AUTO_MAX_TOTAL`` (time and memory of the programme)."""
    _check_method(method)
    game = _Game(weights, quota, veto)
    total = int(game.weights.sum())
    large = game.n * total > cells or total > _AUTO_MAX_TOTAL
    return _value(index, game, sample=method == "monte_carlo" or (method == "auto" and large),
                  method=method, exact_args=exact_args, normalized=normalized, **sampling)


def _enumerated(index: str, weights: Weights, quota: float, *, veto: Any, method: str, limit: int,
                max_coalitions: Union[int, None] = None,
                **sampling: Any) -> Union[pd.Series, pd.DataFrame]:
    """Deegan-Packel, Holler or Johnston: exact by enumerating coalitions up to ``limit``
    players, sampled with ``method="auto"`` above MAX_ENUMERATION_PLAYERS."""
    _check_method(method)
    extra = () if max_coalitions is None else (_check_max_coalitions(max_coalitions),)
    game = _Game(weights, quota, veto)
    sample = method == "monte_carlo" or (method == "auto" and game.n > MAX_ENUMERATION_PLAYERS)
    if not sample and game.n > limit:
        raise _input_error("method", f"exact {index} is limited to {limit} players (got "
                                     f"{game.n}); use method='monte_carlo'")
    return _value(index, game, sample=sample, method=method, exact_args=extra, **sampling)


# ----------------------------------------------------------------------------------------
# Indices


def banzhaf(weights: Weights, quota: float, *, veto: Any = None, normalized: bool = True,
            method: str = "auto", rng: Seed = None, samples: int = 100_000,
            confidence: float = 0.95, interval: bool = False) -> Union[pd.Series, pd.DataFrame]:
    r"""Banzhaf index: how often each holder is decisive.

    Parameters
    ----------
    weights : array-like or pandas.Series
        Votes of each holder (whole numbers, ``>= 0``), indexed by stakeholder id.
    quota : number
        Votes a coalition needs to carry the decision, ``1 <= quota <= sum(weights)``;
        a fractional quota is rounded up.
    veto : label, collection of labels or boolean mask, optional
        Holders whose consent is needed as well (labels of ``weights``' index, positions for
        a plain array).
    normalized : bool, default True
        True: shares of all swings, summing to 1 (Banzhaf 1965). False: the absolute measure,
        the probability that the holder is decisive when the others vote independently yes
        or no with probability 1/2 (Penrose 1946; Felsenthal & Machover 1998).
    method : {"auto", "exact", "monte_carlo"}, default "auto"
        "exact": dynamic programming over vote totals (32 bytes per total, refused with
        :class:`~coproduction.LimitError` above 1 GiB or :math:`10^{12}` table cells).
        "monte_carlo": sampling. "auto": exact unless players x total votes exceeds
        :math:`10^{10}` or the total exceeds :math:`2 \cdot 10^7` votes (memory grows with
        the total), or the exact method would be refused.
    rng : None, int or numpy.random.Generator
        Seed for sampling (SPEC 7); unused by the exact method.
    samples, confidence : int, float
        Draws and confidence level of the pointwise intervals when sampling.
    interval : bool, default False
        Return a DataFrame with columns ``value``, ``lower``, ``upper``, ``standard_error``
        (for the exact method the bounds equal the value).

    Returns
    -------
    pandas.Series
        One value per holder, indexed like ``weights``, named ``"banzhaf"``; ``attrs["method"]``
        says whether it was computed exactly or estimated. A DataFrame with ``interval=True``.

    Raises
    ------
    coproduction.InputError
        Weights that are negative, fractional or missing; a quota below 1 or above the total
        (no coalition could win); an unknown veto holder; bad sampling options.
    coproduction.LimitError
        With ``method="exact"``, when the tables over vote totals would take more than
        1 GiB (about 33 million totals) or :math:`10^{12}` cells; the message names the
        bytes or cells needed. Checked before anything is allocated.

    Notes
    -----
    Holder :math:`i` *swings* for a coalition :math:`S \not\ni i` when :math:`S \cup \{i\}`
    carries the decision and :math:`S` does not. With :math:`\eta_i` the number of such
    coalitions,

    .. math:: \beta_i = \frac{\eta_i}{\sum_j \eta_j}, \qquad
              \beta'_i = \frac{\eta_i}{2^{n-1}}.

    Range: :math:`[0, 1]`; 0 for a holder who can never change the outcome (a *dummy*:
    however many votes it has), 1 (normalised) for a dictator. For a partnership: a
    service-user group with 0 here has a seat but no say, whatever its votes; equal values
    mean the rule shares the decision equally, whatever the vote counts suggest.

    Exact computation counts, for every holder, the coalitions of the others whose votes
    fall in :math:`[q - w_i, q - 1]`, from one generating function of the vote totals and
    one removal per distinct weight (Brams & Affuso 1976; Matsui & Matsui 2000), held as
    probabilities in double precision (absolute error far below :math:`10^{-12}`). Veto
    holders are exact: a non-veto holder swings only in coalitions containing every veto
    holder. Time :math:`O(n W)` for :math:`W` total votes.

    Sampling draws uniformly random coalitions; absolute values get Wilson intervals,
    normalised values a ratio estimator with a delta-method interval.

    References
    ----------
    Penrose, L. S. (1946). The elementary statistics of majority voting. *Journal of the
    Royal Statistical Society* 109(1), 53-57.
    Banzhaf, J. F. (1965). Weighted voting doesn't work: a mathematical analysis. *Rutgers
    Law Review* 19, 317-343.
    Brams, S. J. & Affuso, P. J. (1976). Power and size: a new paradox. *Theory and Decision*
    7, 29-56.
    Felsenthal, D. S. & Machover, M. (1998). *The Measurement of Voting Power*. Edward Elgar.
    Matsui, T. & Matsui, Y. (2000). A survey of algorithms for calculating power indices of
    weighted majority games. *Journal of the Operations Research Society of Japan* 43(1),
    71-86.

    Examples
    --------
    >>> import coproduction as cp
    >>> import pandas as pd
    >>> votes = {"outreach": 4, "curators": 4, "womens_group": 4, "volunteers": 2,
    ...          "funder": 2, "researcher": 1}
    >>> cp.power.banzhaf(pd.Series(votes), 12).round(4)
    outreach        0.2381
    curators        0.2381
    womens_group    0.2381
    volunteers      0.1429
    funder          0.1429
    researcher      0.0000
    Name: banzhaf, dtype: float64
    >>> cp.power.banzhaf([1, 1, 1], 3, normalized=False).tolist()
    [0.25, 0.25, 0.25]
    """
    return _by_vote_totals("banzhaf", weights, quota, veto=veto, method=method,
                           cells=_AUTO_BANZHAF_CELLS, exact_args=(bool(normalized),),
                           normalized=bool(normalized), rng=rng, samples=samples,
                           confidence=confidence, interval=interval)


def shapley_shubik(weights: Weights, quota: float, *, veto: Any = None, method: str = "auto",
                   rng: Seed = None, samples: int = 100_000, confidence: float = 0.95,
                   interval: bool = False) -> Union[pd.Series, pd.DataFrame]:
    r"""Shapley-Shubik index: the share of voting orders in which each holder is pivotal.

    Parameters
    ----------
    weights, quota, veto
        The game, as in :func:`banzhaf`.
    method : {"auto", "exact", "monte_carlo"}, default "auto"
        "exact": over vote totals (limited as in :func:`banzhaf`, the work counted over the
        quadrature nodes). "monte_carlo": random voting orders. "auto": exact unless
        players x total votes exceeds :math:`2 \cdot 10^8` (a few seconds) or the total
        exceeds :math:`2 \cdot 10^7` votes.
    rng, samples, confidence, interval
        As in :func:`banzhaf`.

    Returns
    -------
    pandas.Series
        One value per holder, indexed like ``weights``, named ``"shapley_shubik"``, summing
        to 1. A DataFrame with ``interval=True``.

    Raises
    ------
    coproduction.InputError, coproduction.LimitError
        As :func:`banzhaf`.

    Notes
    -----
    Holders join in a random order; the one whose arrival first makes the coalition carry
    the decision is *pivotal*:

    .. math:: \phi_i = \sum_{S \not\ni i,\ i \text{ swings for } S}
              \frac{|S|!\,(n-1-|S|)!}{n!}.

    Range :math:`[0, 1]`, :math:`\sum_i \phi_i = 1`; 0 for a dummy, 1 for a dictator. For a
    partnership it reads as each holder's share of the decision itself (the Shapley value
    of the game); compare it with each holder's share of the votes.

    Exact computation integrates Owen's (1972) multilinear form
    :math:`\phi_i = \int_0^1 P_p(i \text{ swings})\,dp` with a Gauss-Legendre rule of
    :math:`\lceil n/2 \rceil` nodes, which is exact for this polynomial integrand; each
    node is the dynamic programme of :func:`banzhaf` at inclusion probability :math:`p`.
    Nodes where Hoeffding's inequality bounds the integrand below :math:`10^{-20}` are
    skipped. This replaces the :math:`O(n^2 W)` table over coalition size and vote total of
    Matsui & Matsui (2000) by :math:`O(W)` memory; the values sum to 1 within
    :math:`10^{-12}`.

    References
    ----------
    Shapley, L. S. & Shubik, M. (1954). A method for evaluating the distribution of power in
    a committee system. *American Political Science Review* 48(3), 787-792.
    Owen, G. (1972). Multilinear extensions of games. *Management Science* 18(5), P64-P79.
    Matsui, T. & Matsui, Y. (2000). A survey of algorithms for calculating power indices of
    weighted majority games. *Journal of the Operations Research Society of Japan* 43(1),
    71-86.

    Examples
    --------
    >>> import coproduction as cp
    >>> cp.power.shapley_shubik([4, 4, 4, 2, 2, 1], 12).round(4).tolist()
    [0.2333, 0.2333, 0.2333, 0.15, 0.15, 0.0]
    >>> council = cp.power.shapley_shubik([1] * 15, 9, veto=[0, 1, 2, 3, 4])
    >>> council[[0, 5]].round(4).tolist()
    [0.1963, 0.0019]
    """
    return _by_vote_totals("shapley_shubik", weights, quota, veto=veto, method=method,
                           cells=_AUTO_SHAPLEY_CELLS, rng=rng, samples=samples,
                           confidence=confidence, interval=interval)


def deegan_packel(weights: Weights, quota: float, *, veto: Any = None, method: str = "auto",
                  rng: Seed = None, samples: int = 100_000, confidence: float = 0.95,
                  interval: bool = False,
                  max_coalitions: int = MAX_VISITED_COALITIONS) -> Union[pd.Series, pd.DataFrame]:
    r"""Deegan-Packel index: equal shares of equally likely minimal winning coalitions.

    Parameters
    ----------
    weights, quota, veto
        The game, as in :func:`banzhaf`.
    method : {"auto", "exact", "monte_carlo"}, default "auto"
        "exact": enumerate the minimal winning coalitions (up to 64 holders; time grows with
        their number). "auto": exact up to 25 holders and ``max_coalitions`` minimal
        winning coalitions, sampling above.
    rng, samples, confidence, interval
        As in :func:`banzhaf`.
    max_coalitions : int, default 100_000_000
        Most minimal winning coalitions the exact method visits (about a second per 30
        million). Their number is counted first (:func:`minimal_winning_count`), so a game
        with more is refused at once.

    Returns
    -------
    pandas.Series
        One value per holder, summing to 1, named ``"deegan_packel"``.

    Raises
    ------
    coproduction.InputError
        As :func:`banzhaf`; also when sampling draws no minimal winning coalition, or
        ``max_coalitions`` is not a positive integer.
    coproduction.LimitError
        With ``method="exact"``, when the game has more than ``max_coalitions`` minimal
        winning coalitions; the message names their number (64 holders of one vote with
        quota 32 have :math:`\binom{64}{32} \approx 1.8 \cdot 10^{18}`).

    Notes
    -----
    A coalition is *minimal winning* when it carries the decision and loses it without any
    one of its members. With :math:`M` the set of them,

    .. math:: DP_i = \frac{1}{|M|} \sum_{S \in M,\ i \in S} \frac{1}{|S|}.

    Range :math:`[0, 1]`, summing to 1; 0 for a holder in no minimal winning coalition. Not
    monotone in the votes. For a partnership: the share of the decision a holder would get
    if only lean coalitions formed, each as likely as the next, and shared equally.

    Sampling: uniformly random coalitions, :math:`Y_i = [S \in M, i \in S]/|S|`,
    :math:`Z = [S \in M]`, estimate :math:`\bar Y_i / \bar Z` with a delta-method interval.
    Efficient only while minimal winning coalitions are a visible share of all coalitions;
    the interval shows it.

    References
    ----------
    Deegan, J. & Packel, E. W. (1978). A new index of power for simple n-person games.
    *International Journal of Game Theory* 7(2), 113-123.

    Examples
    --------
    >>> import coproduction as cp
    >>> cp.power.deegan_packel([4, 4, 4, 2, 2, 1], 12).round(4).tolist()
    [0.2083, 0.2083, 0.2083, 0.1875, 0.1875, 0.0]
    """
    return _enumerated("deegan_packel", weights, quota, veto=veto, method=method, rng=rng,
                       samples=samples, confidence=confidence, interval=interval,
                       limit=MAX_COALITION_PLAYERS, max_coalitions=max_coalitions)


def holler(weights: Weights, quota: float, *, veto: Any = None, method: str = "auto",
           rng: Seed = None, samples: int = 100_000, confidence: float = 0.95,
           interval: bool = False,
           max_coalitions: int = MAX_VISITED_COALITIONS) -> Union[pd.Series, pd.DataFrame]:
    r"""Holler's public good index: membership of minimal winning coalitions.

    Parameters
    ----------
    weights, quota, veto
        The game, as in :func:`banzhaf`.
    method : {"auto", "exact", "monte_carlo"}, default "auto"
        As in :func:`deegan_packel`.
    rng, samples, confidence, interval
        As in :func:`banzhaf`.
    max_coalitions : int, default 100_000_000
        As in :func:`deegan_packel`.

    Returns
    -------
    pandas.Series
        One value per holder, summing to 1, named ``"holler"``.

    Raises
    ------
    coproduction.InputError, coproduction.LimitError
        As :func:`deegan_packel`.

    Notes
    -----
    With :math:`M_i` the minimal winning coalitions that contain holder :math:`i`,

    .. math:: H_i = \frac{|M_i|}{\sum_j |M_j|}.

    Range :math:`[0, 1]`, summing to 1; 0 for a dummy. The decision is treated as a public
    good that every member of the carrying coalition enjoys, so only indispensable
    membership counts. For a partnership: how often a holder is a member whose consent a
    lean coalition cannot do without.

    Sampling: uniformly random coalitions, :math:`Y_i = [S \in M, i \in S]`,
    :math:`Z = [S \in M] |S|`, ratio estimator with a delta-method interval.

    References
    ----------
    Holler, M. J. (1982). Forming coalitions and measuring voting power. *Political Studies*
    30(2), 262-271.

    Examples
    --------
    >>> import coproduction as cp
    >>> cp.power.holler([4, 4, 4, 2, 2, 1], 12).tolist()
    [0.2, 0.2, 0.2, 0.2, 0.2, 0.0]
    """
    return _enumerated("holler", weights, quota, veto=veto, method=method, rng=rng,
                       samples=samples, confidence=confidence, interval=interval,
                       limit=MAX_COALITION_PLAYERS, max_coalitions=max_coalitions)


def johnston(weights: Weights, quota: float, *, veto: Any = None, method: str = "auto",
             rng: Seed = None, samples: int = 100_000, confidence: float = 0.95,
             interval: bool = False) -> Union[pd.Series, pd.DataFrame]:
    r"""Johnston index: decisiveness shared among the critical members of each coalition.

    Parameters
    ----------
    weights, quota, veto
        The game, as in :func:`banzhaf`.
    method : {"auto", "exact", "monte_carlo"}, default "auto"
        "exact": enumerate every coalition (up to 25 holders). "auto": exact up to 25
        holders, sampling above.
    rng, samples, confidence, interval
        As in :func:`banzhaf`.

    Returns
    -------
    pandas.Series
        One value per holder, summing to 1, named ``"johnston"``.

    Raises
    ------
    coproduction.InputError
        As :func:`banzhaf`; ``method="exact"`` above 25 holders.

    Notes
    -----
    A member :math:`i` of a winning coalition :math:`S` is *critical* when
    :math:`S \setminus \{i\}` loses; :math:`c(S)` counts them, and the *vulnerable*
    coalitions :math:`VC` are the winning ones with :math:`c(S) \ge 1`:

    .. math:: J_i = \frac{1}{|VC|} \sum_{S \in VC,\ i \text{ critical}} \frac{1}{c(S)}.

    Range :math:`[0, 1]`, summing to 1; 0 for a dummy, 1 for a dictator. Unlike Banzhaf it
    credits a swing more when few share it. For a partnership: a holder who can block alone
    (a convenor whose consent is always needed) scores far above those who only block
    together.

    Sampling: uniformly random coalitions, :math:`Y_i = [i \text{ critical in } S]/c(S)`,
    :math:`Z = [S \in VC]`, ratio estimator with a delta-method interval.

    References
    ----------
    Johnston, R. J. (1978). On the measurement of power: some reactions to Laver.
    *Environment and Planning A* 10(8), 907-914.

    Examples
    --------
    >>> import coproduction as cp
    >>> cp.power.johnston([4, 4, 4, 2, 2, 1], 12).tolist()
    [0.25, 0.25, 0.25, 0.125, 0.125, 0.0]
    """
    return _enumerated("johnston", weights, quota, veto=veto, method=method, rng=rng,
                       samples=samples, confidence=confidence, interval=interval,
                       limit=MAX_ENUMERATION_PLAYERS)


def owen(weights: Weights, quota: float, blocs: Any, *, veto: Any = None,
         kind: str = "shapley_shubik", normalized: bool = True) -> pd.Series:
    r"""Owen value: power when holders vote in blocs (a priori unions).

    Parameters
    ----------
    weights, quota, veto
        The game, as in :func:`banzhaf`.
    blocs : sequence of labels, pandas.Series, or list of groups
        Either one bloc label per holder (a Series is aligned to ``weights`` by index), or a
        list of groups, each a list of holders (labels of ``weights``' index, positions for
        a plain array) or a lone holder (``[["a", "b"], "c"]``: a lone string is one holder,
        never its characters); holders in no group form a bloc of their own.
    kind : {"shapley_shubik", "banzhaf"}, default "shapley_shubik"
        "shapley_shubik": the Owen value (Owen 1977). "banzhaf": the Banzhaf-Owen index
        (Owen 1981).
    normalized : bool, default True
        For ``kind="banzhaf"``: shares summing to 1, or the absolute form.

    Returns
    -------
    pandas.Series
        One value per holder, indexed like ``weights``, named ``"owen"`` or
        ``"banzhaf_owen"``.

    Raises
    ------
    coproduction.InputError
        As :func:`banzhaf`; a holder in two groups, a missing bloc label, an unknown kind.

    Notes
    -----
    Blocs enter in random order and the members of a bloc join one after another, in random
    order; the Owen value is the share of such orders in which a holder is pivotal:

    .. math:: Ow_i = \sum_{T \subseteq M \setminus \{k\}} \sum_{S \subseteq B_k \setminus \{i\}}
              \frac{|T|!(m-1-|T|)!}{m!} \frac{|S|!(b_k-1-|S|)!}{b_k!}
              \left[v(Q_T \cup S \cup \{i\}) - v(Q_T \cup S)\right]

    for holder :math:`i` of bloc :math:`B_k` (:math:`b_k` members, :math:`m` blocs). The
    Banzhaf-Owen index replaces both weights by :math:`2^{-(m-1)}` and :math:`2^{-(b_k-1)}`.
    Range :math:`[0, 1]`; the Owen value sums to 1 and equals the Shapley-Shubik index when
    every holder is alone or all are in one bloc. For a partnership: the power of each
    partner when the members of an organisation or group settle their position among
    themselves before the decision.

    Computed exactly through Owen's two-level multilinear form, integrated with
    Gauss-Legendre rules that are exact for its polynomial integrand, each node a dynamic
    programme over vote totals.

    References
    ----------
    Owen, G. (1977). Values of games with a priori unions. In R. Henn & O. Moeschlin (eds),
    *Mathematical Economics and Game Theory*, 76-88. Springer.
    Owen, G. (1981). Modification of the Banzhaf-Coleman index for games with a priori
    unions. In M. J. Holler (ed.), *Power, Voting and Voting Power*, 232-238. Physica.

    Examples
    --------
    >>> import coproduction as cp
    >>> cp.power.owen([2, 1, 1], 3, [0, 1, 1]).tolist()
    [0.5, 0.25, 0.25]
    >>> cp.power.owen([2, 1, 1], 3, [[1, 2]], kind="banzhaf", normalized=False).tolist()
    [0.5, 0.25, 0.25]
    """
    if kind not in ("shapley_shubik", "banzhaf"):
        raise _input_error("kind", f"must be 'shapley_shubik' or 'banzhaf', got {kind!r}")
    game = _Game(weights, quota, veto)
    codes = _bloc_codes(blocs, game.labels, game.n)
    if kind == "banzhaf":
        values = _core.power.banzhaf_owen(game.weights, game.quota, game.veto, codes,
                                          bool(normalized))
        return game.series(values, "banzhaf_owen", "exact")
    values = _core.power.owen(game.weights, game.quota, game.veto, codes)
    return game.series(values, "owen", "exact")


def _bloc_codes(blocs: Any, labels: pd.Index, n: int) -> np.ndarray:
    if isinstance(blocs, pd.DataFrame):
        raise _input_error("blocs", "must be one label per holder or a list of groups, got a "
                                    "DataFrame")
    if isinstance(blocs, pd.Series):
        if isinstance(labels, pd.RangeIndex) and not blocs.index.equals(labels) \
                and len(blocs) == n:
            series = pd.Series(blocs.to_numpy(), index=labels)
        else:
            if not blocs.index.is_unique:
                raise _input_error("blocs", "has repeated index labels")
            series = blocs.reindex(labels)
        if series.isna().any():
            missing = labels[series.isna().to_numpy()]
            raise _input_error("blocs", f"no bloc for {missing[0]!r}")
        return np.ascontiguousarray(pd.factorize(series)[0], dtype=np.int64)
    items = list(as_items(blocs))
    groups = (list, tuple, set, frozenset)
    # A list of groups may give a group of one as its lone label: [["a", "b"], "c"]. The
    # types of the entries are read in C (map), each distinct type tested once.
    if any(issubclass(kind, groups) for kind in set(map(type, items))):
        # One list per group the user named, then every member at once.
        members = [list(as_items(group)) for group in items]
        bloc = np.repeat(np.arange(len(members), dtype=np.int64),
                         np.fromiter(map(len, members), dtype=np.int64, count=len(members)))
        positions = _label_positions(list(itertools.chain.from_iterable(members)), labels,
                                     "blocs")
        repeat = _first_repeat(positions)
        if repeat >= 0:
            first = int(np.argmax(positions == positions[repeat]))
            place = "named twice in one group" if bloc[first] == bloc[repeat] \
                else "in two groups"
            raise _input_error("blocs", f"{labels[positions[repeat]]!r} is {place}")
        codes = np.full(n, -1, dtype=np.int64)
        codes[positions] = bloc
        alone = np.flatnonzero(codes < 0)
        codes[alone] = len(items) + np.arange(len(alone))
        return codes
    if len(items) != n:
        raise _input_error("blocs", f"needs one bloc label per holder ({n}), got {len(items)}")
    series = pd.Series(items, dtype=object)
    if series.isna().any():
        raise _input_error("blocs", f"no bloc for {labels[int(np.argmax(series.isna()))]!r}")
    return np.ascontiguousarray(pd.factorize(series)[0], dtype=np.int64)


def minimal_winning_coalitions(weights: Weights, quota: float, *, veto: Any = None,
                               max_coalitions: int = MAX_LISTED_COALITIONS) -> pd.DataFrame:
    r"""The minimal winning coalitions of a weighted game.

    Parameters
    ----------
    weights, quota, veto
        The game, as in :func:`banzhaf`; at most 64 holders.
    max_coalitions : int, default 1_000_000
        Most coalitions to list (a million rows of 64 holders take 64 MB). Their number is
        counted first (:func:`minimal_winning_count`), so a game with more is refused at
        once, before any is listed; raise it to list more.

    Returns
    -------
    pandas.DataFrame
        One boolean row per minimal winning coalition, one column per holder (the labels of
        ``weights``); heavier holders first within the search order.

    Raises
    ------
    coproduction.InputError
        As :func:`banzhaf`; more than 64 holders; ``max_coalitions`` not a positive integer.
    coproduction.LimitError
        More than ``max_coalitions`` minimal winning coalitions (``where ==
        "max_coalitions"``); the message and ``estimate`` give their number, or an upper
        bound when the vote total is too large to count them exactly.

    Notes
    -----
    A coalition is minimal winning when it carries the decision and no member can leave
    without it losing. Found by a depth-first search over holders in decreasing order of
    votes that stops each branch as soon as the quota is reached (its last member is then
    needed, hence every heavier one) or can no longer be reached. For a partnership: the
    smallest groups that can decide, which shows whose agreement is ever needed. The
    search stops on Ctrl-C.

    References
    ----------
    Deegan, J. & Packel, E. W. (1978). A new index of power for simple n-person games.
    *International Journal of Game Theory* 7(2), 113-123.

    Examples
    --------
    >>> import coproduction as cp
    >>> import pandas as pd
    >>> cp.power.minimal_winning_coalitions(pd.Series({"museum": 2, "group": 1, "funder": 1}), 3)
       museum  group  funder
    0    True   True   False
    1    True  False    True
    >>> cp.power.minimal_winning_coalitions([1] * 64, 32)
    Traceback (most recent call last):
    ...
    coproduction.LimitError: ... 1,832,624,140,942,590,534 minimal winning coalitions...
    """
    limit = _check_max_coalitions(max_coalitions)
    game = _Game(weights, quota, veto)
    if game.n > MAX_COALITION_PLAYERS:
        raise _input_error("weights", f"at most {MAX_COALITION_PLAYERS} holders for coalition "
                                      f"enumeration (got {game.n})")
    matrix = _core.power.minimal_winning(game.weights, game.quota, game.veto, limit)
    return pd.DataFrame(np.asarray(matrix, dtype=bool), columns=game.labels)


class CoalitionCount(NamedTuple):
    """How many minimal winning coalitions a game has: ``coalitions``, the number itself when
    ``exact``, else an upper bound on it."""

    coalitions: int
    exact: bool

    def _repr_html_(self) -> str:
        """The notebook display (:func:`coproduction.display.html`)."""
        from . import display
        return display.html(self)


def minimal_winning_count(weights: Weights, quota: float, *, veto: Any = None) -> CoalitionCount:
    r"""The number of minimal winning coalitions of a weighted game, without listing them.

    Parameters
    ----------
    weights, quota, veto
        The game, as in :func:`banzhaf`; at most 64 holders.

    Returns
    -------
    CoalitionCount
        ``coalitions`` and ``exact``: the number itself, or (``exact`` False) a sound upper
        bound on it.

    Raises
    ------
    coproduction.InputError
        As :func:`banzhaf`; more than 64 holders.

    Notes
    -----
    With veto holders :math:`V`, the other holders with votes :math:`R` in decreasing order
    of votes, and :math:`r = q - w(V)`: a coalition :math:`V \cup T` is minimal winning iff
    :math:`w(T) \ge r` and :math:`w(T) - w_k < r` for its lightest member :math:`k`.
    Counting each :math:`T` by that member,

    .. math:: |M| = \sum_k \#\{S \subseteq \{\text{holders before } k\} :
              r - w_k \le w(S) \le r - 1\},

    a dynamic programme over the subset sums below :math:`r` (after dividing the votes by
    their greatest common divisor), exact while :math:`r` is at most :math:`2^{22}` (a
    tenth of a second). Beyond that it returns the LYM bound (Lubell 1966): the minimal
    winning coalitions form an antichain whose sizes :math:`t` lie between the fewest
    heaviest holders that reach :math:`r` and the largest :math:`t` for which the
    :math:`t - 1` lightest holders stay below :math:`r`, so
    :math:`|M| \le \max_t \binom{|R|}{t}` over those sizes. This is the count that
    :func:`minimal_winning_coalitions`, :func:`deegan_packel` and :func:`holler` check
    against ``max_coalitions`` before they start.

    References
    ----------
    Lubell, D. (1966). A short proof of Sperner's lemma. *Journal of Combinatorial Theory*
    1(2), 299.

    Examples
    --------
    >>> import coproduction as cp
    >>> cp.power.minimal_winning_count([4, 4, 4, 2, 2, 1], 12)
    CoalitionCount(coalitions=4, exact=True)
    >>> cp.power.minimal_winning_count([1] * 64, 32)
    CoalitionCount(coalitions=1832624140942590534, exact=True)
    """
    game = _Game(weights, quota, veto)
    if game.n > MAX_COALITION_PLAYERS:
        raise _input_error("weights", f"at most {MAX_COALITION_PLAYERS} holders for coalition "
                                      f"counting (got {game.n})")
    count, exact = _core.power.minimal_winning_count(game.weights, game.quota, game.veto)
    return CoalitionCount(int(count), bool(exact))


def __dir__() -> list[str]:
    return list(__all__)
