"""What the network null models give: the results of a conditional uniform graph test, a QAP
test, an MRQAP regression and a degree-preserving rewiring, each with a plain text, an HTML
display and a plot (:mod:`coproduction.stats`)."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, ClassVar, Dict, List, Mapping, Optional, Tuple

import numpy as np
import pandas as pd

from . import _html
from ._errors import input_error
from ._stats_result import NullTest, _histogram, _new_axes, _title, number, p_text

if TYPE_CHECKING:  # matplotlib is an optional dependency (the ``plot`` extra)
    from matplotlib.axes import Axes

__all__ = ["CugResult", "QapResult", "MrqapResult", "RewiringResult"]

# ----------------------------------------------------------------------------------------
# Results


@dataclass(frozen=True, eq=False, repr=False)
class CugResult(NullTest):
    """A conditional uniform graph test (see :class:`~coproduction.stats.NullTest` for the
    common attributes: ``statistic`` is the measure, ``null`` its value on every drawn
    graph).

    Attributes
    ----------
    p_greater_equal : float
        :math:`P(X \\ge x_{obs})`: the share of the draws at or above the observed value
        (sna's ``Pr(X>=Obs)``), small when the layer's value is unusually large.
    p_less_equal : float
        :math:`P(X \\le x_{obs})` (sna's ``Pr(X<=Obs)``), small when it is unusually small.
    given : str
        What the null held fixed: ``"size"``, ``"edges"``, ``"dyad_census"`` or
        ``"degrees"``.
    layer : str
        The layer tested (its relation types joined by ``+``).
    directed : bool
        Whether the layer was read as directed.
    vertices : int
        The stakeholders of the layer: the order of every drawn graph.
    ties : int
        The ties of the layer's simple graph.
    census : tuple of int
        Its dyad census (mutual, asymmetric, null); undirected, every tie is mutual.
    valid : int
        The draws whose value is a number: the p-values' denominator.
    options : Mapping[str, Any]
        The measure's options as given.
    rewiring : pandas.DataFrame or None
        Under ``given="degrees"``, one row per draw: the chain's ``steps`` (proposals),
        ``accepted`` swaps and triangle ``reversals``, the share of the observed ties
        ``changed`` at the end and ``changed_half`` after half the steps.
    """

    p_greater_equal: float = math.nan
    p_less_equal: float = math.nan
    given: str = "size"
    layer: str = "every relation"
    directed: bool = True
    vertices: int = 0
    ties: int = 0
    census: Tuple[int, int, int] = (0, 0, 0)
    valid: int = 0
    options: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))
    rewiring: Optional[pd.DataFrame] = None

    _title: ClassVar[str] = "CUG test"

    def __post_init__(self) -> None:
        super().__post_init__()
        object.__setattr__(self, "options", MappingProxyType(dict(self.options)))

    @property
    def mixing(self) -> Optional[Tuple[float, float]]:
        """Under ``given="degrees"``: the mean share of the observed ties changed by a draw's
        chain at its end and after half its steps (close values: the chain has forgotten its
        start); None for the other nulls."""
        if self.rewiring is None or self.rewiring.empty:
            return None
        return (float(self.rewiring["changed"].mean()),
                float(self.rewiring["changed_half"].mean()))

    def _subject(self) -> str:
        return f"{self.statistic} on {self.layer} given {self.given}"

    def _p_part(self) -> str:
        return (f"P(X >= obs) = {p_text(self.p_greater_equal)}, "
                f"P(X <= obs) = {p_text(self.p_less_equal)}")

    def _settings(self) -> List[str]:
        out = [f"{self.n} draws", f"seed {self.seed}"]
        if self.valid < self.n:
            out.append(f"{self.n - self.valid} undefined")
        mixing = self.mixing
        if mixing is not None:
            out.append(f"{100 * mixing[0]:.0f}% of ties rewired")
        return out

    def _rows(self) -> List[Tuple[str, Any]]:
        rows: List[Tuple[str, Any]] = [
            ("observed", float(self.observed)),
            ("P(X >= observed)", p_text(self.p_greater_equal)),
            ("P(X <= observed)", p_text(self.p_less_equal)),
            (f"p-value ({self.alternative})", p_text(self.p_value)),
            ("null: given", self.given),
            ("layer", self.layer),
            ("directed", "yes" if self.directed else "no"),
            ("stakeholders", str(self.vertices)),
            ("ties", str(self.ties)),
            ("dyad census (M, A, N)", ", ".join(str(c) for c in self.census)),
            ("draws", str(self.n)),
            ("valid draws", str(self.valid)),
            ("seed", str(self.seed)),
        ]
        mixing = self.mixing
        if mixing is not None:
            rows.append(("ties changed (mean, end of chain)", f"{mixing[0]:.3f}"))
            rows.append(("ties changed (mean, half of chain)", f"{mixing[1]:.3f}"))
        rows += [(f"option: {k}", _html.short(v, 40)) for k, v in self.options.items()]
        return rows


@dataclass(frozen=True, eq=False, repr=False)
class QapResult(NullTest):
    """A QAP test of the correlation of two layers (see
    :class:`~coproduction.stats.NullTest`: ``statistic`` is ``"correlation"``, ``null`` the
    correlation under every permutation drawn).

    Attributes
    ----------
    p_greater_equal, p_less_equal : float
        The shares of the permuted correlations at or above, at or below the observed one
        (sna's ``qaptest`` ``pgreq`` and ``pleeq``).
    p_absolute : float
        The share at or beyond it in absolute value: the two-sided p-value.
    exact : bool
        Every one of the n! relabellings was taken once (n! at most the draws asked).
    layers : tuple of str
        The two layers, as compared.
    directed, weighted : bool
        How the matrices were read.
    vertices : int
        The stakeholders of the matrices (n).
    dyads : int
        The off-diagonal entries compared: n(n - 1), or n(n - 1)/2 undirected.
    valid : int
        The draws whose correlation is a number.
    """

    p_greater_equal: float = math.nan
    p_less_equal: float = math.nan
    p_absolute: float = math.nan
    exact: bool = False
    layers: Tuple[str, str] = ("", "")
    directed: bool = True
    weighted: bool = False
    vertices: int = 0
    dyads: int = 0
    valid: int = 0

    _title: ClassVar[str] = "QAP test"
    _draws_word: ClassVar[str] = "permutations"

    def _subject(self) -> str:
        return f"the correlation of {self.layers[0]} and {self.layers[1]}"

    def _settings(self) -> List[str]:
        drawn = (f"exact over all {self.n} permutations" if self.exact
                 else f"{self.n} permutations, seed {self.seed}")
        return [self.alternative, drawn, f"{self.vertices} stakeholders"]

    def _rows(self) -> List[Tuple[str, Any]]:
        return super()._rows() + [
            ("P(r >= observed)", p_text(self.p_greater_equal)),
            ("P(r <= observed)", p_text(self.p_less_equal)),
            ("P(|r| >= |observed|)", p_text(self.p_absolute)),
            ("exact", "yes" if self.exact else "no"),
            ("layers", f"{self.layers[0]}, {self.layers[1]}"),
            ("directed", "yes" if self.directed else "no"),
            ("weighted", "yes" if self.weighted else "no"),
            ("stakeholders", str(self.vertices)),
            ("dyads", str(self.dyads)),
        ]


@dataclass(frozen=True, eq=False, repr=False)
class MrqapResult:
    """A multiple regression QAP with double semi-partialling.

    Attributes
    ----------
    coefficients : pandas.DataFrame
        One row per term (``"(intercept)"`` first when fitted, then the predictor layers):
        ``estimate``, ``std_error``, ``t_value``, and the permutation p-values as netlm
        reports them, ``p_less_equal`` (``Pr(<=b)``), ``p_greater_equal`` (``Pr(>=b)``) and
        ``p_absolute`` (``Pr(>=|b|)``, the two-sided one) of the ``statistic``.
    null : pandas.DataFrame
        The statistic of every draw (rows) for every term (columns).
    r_squared, adjusted_r_squared : float
        As ``summary.netlm`` gives them.
    residual_standard_error : float
        :math:`\\sqrt{RSS / (N - p)}`.
    response : str
        The response layer.
    statistic : str
        ``"t"`` (the t-value, netlm's default) or ``"beta"`` (the coefficient).
    n : int
        The draws (n! when exact).
    seed : int
        The seed of the permutations.
    exact : bool
        Every permutation taken once.
    directed, weighted, intercept : bool
        How the matrices were read and whether an intercept was fitted.
    vertices : int
        The stakeholders of the matrices.
    dyads : int
        N, the off-diagonal entries regressed.
    residual_df : int
        N - p.
    """

    coefficients: pd.DataFrame
    null: pd.DataFrame
    r_squared: float
    adjusted_r_squared: float
    residual_standard_error: float
    response: str
    statistic: str
    n: int
    seed: int
    exact: bool
    directed: bool
    weighted: bool
    intercept: bool
    vertices: int
    dyads: int
    residual_df: int

    def __repr__(self) -> str:
        drawn = (f"exact over all {self.n} permutations" if self.exact
                 else f"{self.n} permutations, seed {self.seed}")
        lines = [f"MRQAP of {self.response} (double semi-partialling, {drawn}): "
                 f"R^2 = {number(self.r_squared)}, {self.dyads} dyads"]
        width = max(len(str(t)) for t in self.coefficients.index)
        lines.append(f"  {'term':<{width}}  {'estimate':>9}  {self.statistic + '-stat':>9}  "
                     f"{'Pr(<=b)':>7}  {'Pr(>=b)':>7}  {'Pr(>=|b|)':>9}")
        stat = "t_value" if self.statistic == "t" else "estimate"
        for term, row in self.coefficients.iterrows():
            lines.append(f"  {str(term):<{width}}  {number(row['estimate']):>9}  "
                         f"{number(row[stat]):>9}  {p_text(row['p_less_equal']):>7}  "
                         f"{p_text(row['p_greater_equal']):>7}  "
                         f"{p_text(row['p_absolute']):>9}")
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        caption = (f"MRQAP of {self.response}: R\u00b2 = {number(self.r_squared)} "
                   f"(adjusted {number(self.adjusted_r_squared)}), {self.dyads} dyads, "
                   + (f"exact over all {self.n} permutations" if self.exact
                      else f"{self.n} permutations, seed {self.seed}"))
        return _html.frame_table(self.coefficients, css_class="coproduction-mrqap",
                                 caption=caption)

    def plot(self, ax: Optional["Axes"] = None, term: Optional[str] = None) -> "Axes":
        """A histogram of one term's null distribution (by default the first predictor's)
        with its observed statistic as a line. Returns the matplotlib Axes drawn on (a new
        figure's when ``ax`` is None).

        Raises
        ------
        coproduction.InputError
            ``term`` is not one of the terms.
        """
        terms = list(self.coefficients.index)
        if term is None:
            term = terms[1] if self.intercept and len(terms) > 1 else terms[0]
        if term not in terms:
            raise input_error("term", f"{term!r} is not a term; the terms are {terms}")
        ax = _new_axes(ax)
        stat = "t_value" if self.statistic == "t" else "estimate"
        row = terms.index(term)
        observed = float(self.coefficients[stat].to_numpy(dtype=float)[row])
        _histogram(ax, self.null[term].to_numpy(dtype=float), "null distribution")
        ax.axvline(observed, color="#e15759", linewidth=1.6,
                   label=f"observed {number(observed)}")
        ax.set_xlabel(f"{self.statistic} of {term}")
        p = float(self.coefficients["p_absolute"].to_numpy(dtype=float)[row])
        _title(ax, f"MRQAP of {self.response}, {term}: Pr(>=|b|) = {p_text(p)}")
        ax.legend(fontsize="small", frameon=False)
        return ax


@dataclass(frozen=True, eq=False, repr=False)
class RewiringResult:
    """A degree-preserving rewiring of a layer.

    Attributes
    ----------
    relations : pandas.DataFrame
        The rewired ties: columns ``source`` and ``target`` (stakeholder ids; undirected,
        each tie once).
    original : pandas.DataFrame
        The layer's simple graph before rewiring, in the same form.
    layer : str
        The layer rewired.
    directed : bool
        Whether in- and out-degrees were kept (True) or degrees (False).
    steps, accepted, reversals : int
        The proposals of the chain, those carried out, and the triangle reversals among them.
    changed, changed_half : float
        The share of the original ties absent at the end and after half the steps.
    seed : int
        The seed: ``rng=seed`` repeats the rewiring.
    """

    relations: pd.DataFrame
    original: pd.DataFrame
    layer: str
    directed: bool
    steps: int
    accepted: int
    reversals: int
    changed: float
    changed_half: float
    seed: int

    def __repr__(self) -> str:
        share = self.accepted / self.steps if self.steps else 0.0
        return (f"Degree-preserving rewiring of {self.layer}: {len(self.relations)} ties, "
                f"{self.steps} proposals, {self.accepted} accepted ({100 * share:.0f}%), "
                f"{100 * self.changed:.0f}% of the ties changed "
                f"({100 * self.changed_half:.0f}% at half the chain), seed {self.seed}")

    def _repr_html_(self) -> str:
        rows: List[Tuple[str, Any]] = [
            ("layer", self.layer), ("directed", "yes" if self.directed else "no"),
            ("ties", str(len(self.relations))), ("proposals", str(self.steps)),
            ("accepted", str(self.accepted)), ("triangle reversals", str(self.reversals)),
            ("ties changed", f"{self.changed:.3f}"),
            ("ties changed at half the chain", f"{self.changed_half:.3f}"),
            ("seed", str(self.seed))]
        return _html.table(["", "value"], rows, css_class="coproduction-rewiring",
                           caption=f"Degree-preserving rewiring of {self.layer}")

    def plot(self, ax: Optional["Axes"] = None) -> "Axes":
        """The degree of every stakeholder before (x) and after (y) the rewiring: every
        point on the diagonal, as the rewiring keeps them. Returns the matplotlib Axes."""
        ax = _new_axes(ax)

        def degrees(frame: pd.DataFrame) -> Dict[Any, int]:
            counts: Dict[Any, int] = {}
            for end in [*frame["source"].tolist(), *frame["target"].tolist()]:
                counts[end] = counts.get(end, 0) + 1
            return counts

        before, after = degrees(self.original), degrees(self.relations)
        ids = sorted(set(before) | set(after), key=str)
        x = np.array([before.get(i, 0) for i in ids], dtype=float)
        y = np.array([after.get(i, 0) for i in ids], dtype=float)
        ax.scatter(x, y, color="#4e79a7", s=18)
        top = float(max(x.max(initial=0), y.max(initial=0))) + 1
        ax.plot([0, top], [0, top], color="#bbbbbb", linewidth=0.8)
        ax.set_xlabel("degree before")
        ax.set_ylabel("degree after")
        _title(ax, f"Rewiring of {self.layer}: {100 * self.changed:.0f}% of ties changed")
        return ax
