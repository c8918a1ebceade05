"""The results of the statistics of :mod:`coproduction.stats`: a bootstrap, and a test against
a null distribution (a permutation test here; conditional uniform graph and QAP tests build on
the same base).

Each result is a frozen dataclass holding every number it reports and every setting that
made it (so that it can be reproduced from its ``seed``), with

- a plain one-line ``repr`` that reads as a sentence:
  ``Bootstrap of power_share over decisions: 0.057, 95% interval 0.000 to 0.114
  (percentile, 2000 draws, seed 1)``;
- a small HTML table for a notebook (``_repr_html_``), every text escaped;
- ``plot(ax=None)``: a histogram of the draws (or of the null distribution) with the estimate
  and its interval (or the observed value) marked, returning the matplotlib Axes.

The arrays (``draws``, ``null``) are read-only numpy arrays. Equality is identity
(``eq=False``): two results are the same result only if they are the same object, since
comparing arrays elementwise has no single truth value. The ``repr`` is each class's own
sentence (``repr=False`` keeps the dataclass from replacing it), so a subclass of
:class:`NullTest` words itself through ``_title``, ``_subject()`` and ``_settings()``.
"""

from __future__ import annotations

import math
import textwrap
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, ClassVar, List, Mapping, Optional, Tuple

import numpy as np

from . import _html

if TYPE_CHECKING:  # matplotlib is an optional dependency (the ``plot`` extra)
    from matplotlib.axes import Axes

__all__ = ["BootstrapResult", "NullTest", "PermutationResult"]


def number(x: float) -> str:
    """A number as results show it: three decimals in the usual range, else three
    significant digits (``1.2e-05``), ``nan`` and ``inf`` as such."""
    if not math.isfinite(x):
        return str(x)
    if x == 0 or 1e-3 <= abs(x) < 1e5:
        return f"{x:.3f}"
    return f"{x:.3g}"


def p_text(p: float) -> str:
    """A p-value with three significant digits."""
    return f"{p:.3g}" if math.isfinite(p) else str(p)


def _frozen(array: Any) -> np.ndarray[Any, Any]:
    out = np.array(array, dtype=float, copy=True)
    out.setflags(write=False)
    return out


def _title(ax: "Axes", text: str) -> None:
    """A plot's title, wrapped to the width of a default figure: a measure's name, a layer
    of several types and two p-values do not fit on one line."""
    ax.set_title(textwrap.fill(text, 62), fontsize="medium")


def _new_axes(ax: Optional["Axes"]) -> "Axes":
    """The given Axes, or those of a new pyplot figure (so that a notebook shows it)."""
    if ax is not None:
        return ax
    try:
        import matplotlib.pyplot as plt
    except ImportError as error:  # pragma: no cover - the extra is installed where tests run
        raise ImportError("plotting needs matplotlib: pip install 'coproduction[plot]'") from error
    _, new = plt.subplots(figsize=(6.0, 3.6), layout="constrained")
    return new


def _histogram(ax: "Axes", values: np.ndarray[Any, Any], label: str) -> None:
    finite = values[np.isfinite(values)]
    distinct = np.unique(finite)
    # Few distinct values (a statistic of a few decisions): one bar per value, not bins that
    # would split or merge them.
    bins: Any = "auto"
    if 0 < distinct.size <= 30:
        if distinct.size == 1:
            bins = [distinct[0] - 0.5, distinct[0] + 0.5]
        else:
            step = float(np.min(np.diff(distinct)))
            bins = np.concatenate([distinct - step / 2, [distinct[-1] + step / 2]])
    ax.hist(finite, bins=bins, color="#a0cbe8", edgecolor="#4e79a7", linewidth=0.6,
            label=label)
    ax.set_ylabel("draws")


@dataclass(frozen=True, eq=False, repr=False)
class BootstrapResult:
    """A bootstrap: the estimate, its interval, the draws and every setting.

    Attributes
    ----------
    estimate : float
        The statistic (or measure) of the data as given.
    low, high : float
        The ends of the interval (NaN where the method is undefined, see
        :func:`coproduction.stats.bootstrap`).
    ci : float
        The level of the interval, e.g. 0.95.
    method : str
        ``"percentile"``, ``"basic"`` or ``"bca"``.
    unit : str
        What was resampled: ``"values"``, ``"stakeholders"``, ``"decisions"`` or
        ``"relations"``.
    n : int
        The number of draws.
    seed : int
        The seed of the draws: the same call with ``rng=seed`` gives the same result, on any
        number of threads.
    draws : numpy.ndarray
        The statistic of every resample, in draw order (NaN where it is undefined).
    measure : str
        The statistic or measure bootstrapped.
    options : Mapping[str, Any]
        The measure's options as given (layer, project, grouping, ...).
    undefined : int
        How many draws are NaN (left out of the interval).
    """

    estimate: float
    low: float
    high: float
    ci: float
    method: str
    unit: str
    n: int
    seed: int
    draws: np.ndarray[Any, Any]
    measure: str
    options: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))
    undefined: int = 0

    def __post_init__(self) -> None:
        object.__setattr__(self, "draws", _frozen(self.draws))
        object.__setattr__(self, "options", MappingProxyType(dict(self.options)))

    @property
    def standard_error(self) -> float:
        """The bootstrap standard error: the standard deviation of the defined draws
        (``ddof=1``); NaN with fewer than two."""
        finite = self.draws[np.isfinite(self.draws)]
        return float(np.std(finite, ddof=1)) if finite.size >= 2 else math.nan

    def _subject(self) -> str:
        return f"{self.measure} over {self.unit}"

    def __repr__(self) -> str:
        level = f"{100 * self.ci:g}%"
        undefined = f", {self.undefined} undefined" if self.undefined else ""
        return (f"Bootstrap of {self._subject()}: {number(self.estimate)}, {level} interval "
                f"{number(self.low)} to {number(self.high)} ({self.method}, {self.n} draws"
                f"{undefined}, seed {self.seed})")

    def _repr_html_(self) -> str:
        rows: List[Tuple[str, Any]] = [
            ("estimate", float(self.estimate)),
            (f"{100 * self.ci:g}% interval, low", float(self.low)),
            (f"{100 * self.ci:g}% interval, high", float(self.high)),
            ("standard error", self.standard_error),
            ("method", self.method),
            ("unit resampled", self.unit),
            ("draws", str(self.n)),
            ("undefined draws", str(self.undefined)),
            ("seed", str(self.seed)),
        ]
        rows += [(f"option: {k}", _html.short(v, 40)) for k, v in self.options.items()]
        return _html.table(["", "value"], rows, css_class="coproduction-bootstrap",
                           caption=f"Bootstrap of {self._subject()}")

    def plot(self, ax: Optional["Axes"] = None) -> "Axes":
        """A histogram of the draws, the estimate as a solid line and the interval as a
        shaded band. Returns the matplotlib Axes drawn on (a new figure's when ``ax`` is
        None)."""
        ax = _new_axes(ax)
        _histogram(ax, self.draws, "draws")
        if math.isfinite(self.low) and math.isfinite(self.high):
            ax.axvspan(self.low, self.high, color="#f28e2b", alpha=0.18,
                       label=f"{100 * self.ci:g}% interval ({self.method})")
        ax.axvline(self.estimate, color="#e15759", linewidth=1.6,
                   label=f"estimate {number(self.estimate)}")
        ax.set_xlabel(self.measure)
        _title(ax, f"Bootstrap of {self._subject()} ({self.n} draws)")
        ax.legend(fontsize="small", frameon=False)
        return ax


@dataclass(frozen=True, eq=False, repr=False)
class NullTest:
    """A test of an observed statistic against its distribution under a null hypothesis,
    drawn by resampling: the base of the permutation test's result here, and of the
    conditional uniform graph and QAP tests. A subclass adds its own fields (after these)
    and may override ``_title``, ``_subject()`` and ``_settings()`` to word its ``repr``.

    Attributes
    ----------
    statistic : str
        What was compared (``"mean_gap"``, ``"gini_gap"``, a measure's name, ...).
    observed : float
        The statistic of the data.
    p_value : float
        The p-value for ``alternative``.
    standard_error : float
        The Monte Carlo standard error of ``p_value`` (0 when the null distribution was
        enumerated exactly).
    alternative : str
        ``"two-sided"``, ``"greater"`` or ``"less"``.
    n : int
        The number of null draws (or of enumerated relabellings).
    null : numpy.ndarray
        The statistic of every null draw, in draw order.
    seed : int
        The seed of the draws.
    """

    statistic: str
    observed: float
    p_value: float
    standard_error: float
    alternative: str
    n: int
    null: np.ndarray[Any, Any]
    seed: int

    _title: ClassVar[str] = "Test"
    _draws_word: ClassVar[str] = "draws"

    def __post_init__(self) -> None:
        object.__setattr__(self, "null", _frozen(self.null))

    def _subject(self) -> str:
        return self.statistic

    def _settings(self) -> List[str]:
        return [self.alternative, f"{self.n} {self._draws_word}", f"seed {self.seed}"]

    def _p_part(self) -> str:
        se = f" \u00b1 {p_text(self.standard_error)}" if self.standard_error > 0 else ""
        return f"p = {p_text(self.p_value)}{se}"

    def __repr__(self) -> str:
        return (f"{self._title} of {self._subject()}: observed {number(self.observed)}, "
                f"{self._p_part()} ({', '.join(self._settings())})")

    def _rows(self) -> List[Tuple[str, Any]]:
        return [
            ("observed", float(self.observed)),
            ("p-value", p_text(self.p_value)),
            ("Monte Carlo standard error", p_text(self.standard_error)),
            ("alternative", self.alternative),
            (self._draws_word, str(self.n)),
            ("seed", str(self.seed)),
        ]

    def _repr_html_(self) -> str:
        return _html.table(["", "value"], self._rows(), css_class="coproduction-null-test",
                           caption=f"{self._title} of {self._subject()}")

    def plot(self, ax: Optional["Axes"] = None) -> "Axes":
        """A histogram of the null distribution with the observed statistic as a line.
        Returns the matplotlib Axes drawn on (a new figure's when ``ax`` is None)."""
        ax = _new_axes(ax)
        _histogram(ax, self.null, "null distribution")
        ax.axvline(self.observed, color="#e15759", linewidth=1.6,
                   label=f"observed {number(self.observed)}")
        ax.set_xlabel(self.statistic)
        _title(ax, f"{self._title} of {self._subject()}: {self._p_part()}")
        ax.legend(fontsize="small", frameon=False)
        return ax


@dataclass(frozen=True, eq=False, repr=False)
class PermutationResult(NullTest):
    """A permutation test (see :class:`NullTest` for the common attributes).

    Attributes
    ----------
    exact : bool
        Every distinct relabelling (or sign pattern) was enumerated: ``p = b / n``, no Monte
        Carlo error. Otherwise ``p = (b + 1) / (n + 1)`` over random draws.
    labels : tuple
        The two groups compared, ``(other, group)``: the statistic is ``group`` against
        ``other`` (for a paired test, ``("first", "second")``).
    paired : bool
        A paired test (two waves of the same stakeholders).
    """

    exact: bool = False
    labels: Tuple[Any, Any] = ("group 0", "group 1")
    paired: bool = False

    _title: ClassVar[str] = "Permutation test"

    def _subject(self) -> str:
        other, group = self.labels
        return f"{self.statistic} ({group} against {other})"

    def _settings(self) -> List[str]:
        what = "sign patterns" if self.paired else "relabellings"
        drawn = (f"exact over all {self.n} {what}" if self.exact
                 else f"{self.n} random {what}, seed {self.seed}")
        return [self.alternative, drawn]

    def _rows(self) -> List[Tuple[str, Any]]:
        other, group = self.labels
        return super()._rows() + [("group", str(group)), ("against", str(other)),
                                  ("exact", "yes" if self.exact else "no"),
                                  ("paired", "yes" if self.paired else "no")]
