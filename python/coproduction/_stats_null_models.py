"""Network null models: conditional uniform graph (CUG) tests, degree-preserving rewiring,
QAP and MRQAP.

Public as ``cp.stats.cug_test``, ``cp.stats.rewire``, ``cp.stats.layer_matrices``,
``cp.stats.qap_test`` and ``cp.stats.mrqap``. The loops run in the C++ core
(``include/coproduction/stats/``: ``cug_test.hpp``, ``uniform_graphs.hpp``,
``rewiring.hpp``, ``qap.hpp``, ``mrqap.hpp``) on all cores with the GIL released; Ctrl-C stops
them within a fraction of a second. Draw k uses its own generator, derived from the seed and
k alone, so a result is the same, bit for bit, for a seed whatever the number of threads.

Randomness (``rng=``), progress (``progress=``) and threads (``threads=``) are read as by the
bootstrap and the permutation tests of :mod:`coproduction.stats`.

The p-values are those R's sna reports (``cug.test``, ``qaptest``, ``netlm``): the share of
the null draws at or above (at or below, at or beyond in absolute value) the observed
statistic, the observed not counted among the draws, so a p-value can be 0 (then read it as
"below 1/n"). Two refinements: a draw within ``1e-9 * max(1, |observed|)`` of the observed
value counts as equal to it (a relabelling that maps a graph onto itself gives the observed
statistic up to rounding, and sna would count it on one side only); a draw whose statistic
is not a number (a centralization of a graph with no tie) is left out of numerator and
denominator, and ``valid`` says how many count.
"""

from __future__ import annotations

import math
from typing import Any, Iterable, List, Mapping, Optional, Sequence, Tuple, Union

import numpy as np
import pandas as pd

from . import _core
from ._checks import network_core
from ._errors import input_error
from ._items import as_items
from ._reading import reads_network
from ._stats_resampling import Progress, _count, _network_options, _progress, _seed, _threads
from ._stats_null_results import CugResult, MrqapResult, QapResult, RewiringResult
from .network import Network

__all__ = [
    "CUG_GIVEN",
    "CugResult",
    "MrqapResult",
    "QapResult",
    "RewiringResult",
    "cug_test",
    "layer_matrices",
    "mrqap",
    "qap_test",
    "rewire",
]

#: What a conditional uniform graph test can hold fixed.
CUG_GIVEN: Tuple[str, ...] = ("size", "edges", "dyad_census", "degrees")
_ALTERNATIVES: Tuple[str, ...] = ("two-sided", "greater", "less")
_VERTICES: Tuple[str, ...] = ("all", "tied")
_STATISTICS: Tuple[str, ...] = ("t", "beta")

#: A layer as the functions here take it: a relation type, several (read together), or None
#: for every relation.
LayerSpec = Optional[Union[str, Iterable[str]]]


# ----------------------------------------------------------------------------------------
# Arguments


def _word(value: Any, where: str, choices: Tuple[str, ...]) -> str:
    if not isinstance(value, str) or value not in choices:
        raise input_error(where, f"must be one of {', '.join(choices)}; got {value!r}")
    return value


def _flag(value: Any, where: str) -> bool:
    if not isinstance(value, (bool, np.bool_)):
        raise input_error(where, f"must be True or False, got {value!r}")
    return bool(value)


def _types(layer: LayerSpec, where: str) -> Optional[List[str]]:
    """A layer's relation types as the core takes them (None: every relation); an empty
    list is refused so that it is never read as every relation."""
    if layer is None:
        return None
    words = [str(t) for t in as_items(layer)]
    if not words:
        raise input_error(where, "names no relation type; pass None for every relation")
    return words


def _scales(scale: LayerSpec) -> Optional[List[str]]:
    if scale is None:
        return None
    words = [str(s) for s in as_items(scale)]
    if not words:
        raise input_error("scale", "names no scale; pass None for every scale")
    return words


def _layer_name(types: Optional[List[str]]) -> str:
    return "every relation" if types is None else "+".join(types)


def _swaps(swaps: Any) -> float:
    if isinstance(swaps, (bool, np.bool_)) or not isinstance(swaps, (int, float, np.number)) \
            or not math.isfinite(float(swaps)) or float(swaps) < 0:
        raise input_error("swaps", f"must be a finite number of swaps per tie >= 0, got "
                                   f"{swaps!r}")
    return float(swaps)


def _p_value(alternative: str, greater: float, less: float, absolute: float) -> float:
    if alternative == "greater":
        return greater
    if alternative == "less":
        return less
    return absolute


def _monte_carlo_error(p: float, valid: int, exact: bool) -> float:
    """The binomial standard error of a p-value read from ``valid`` random draws; 0 when the
    draws enumerate the null exactly."""
    if exact or not math.isfinite(p) or valid < 1:
        return 0.0 if exact else math.nan
    return math.sqrt(p * (1.0 - p) / valid)


# ----------------------------------------------------------------------------------------
# CUG tests


@reads_network
def cug_test(net: Network, measure: str, *, layer: LayerSpec = None, scale: LayerSpec = None,
             given: str = "size", n: int = 1000, rng: Any = None, threads: int = 0,
             progress: Progress = None, swaps: float = 10.0, triangle_reversals: bool = True,
             alternative: str = "two-sided", **options: Any) -> CugResult:
    r"""Conditional uniform graph test of a measure of a layer: is the layer's value unusual
    among all graphs that share its size, its number of ties, its dyad census or its degrees?

    Parameters
    ----------
    net : Network
    measure : str
        A network-level measure of the registry that reads the layer:
        ``"betweenness_centralization"``, ``"degree_centralization"``, ``"density"``,
        ``"reciprocity"``, ``"hierarchy"``, ``"connectedness"``, ``"efficiency"``,
        ``"ei_index"``, an inequality index (``"gini"``, ...) of a per-stakeholder measure of
        the layer (``quantity="betweenness"``), ...
    layer : str or iterable of str, optional
        The relation types tested together; None takes every relation.
    scale : str or iterable of str, optional
        Scales (``"session"``, ``"institution"``, ``"place"``); None takes every relation.
    given : {"size", "edges", "dyad_census", "degrees"}, default "size"
        What the null holds fixed (see Notes).
    n : int, default 1000
        Draws from the null (sna's ``reps``).
    rng : int, numpy.random.Generator or None
        The seed (SPEC 7); the result's ``seed`` repeats the draws.
    threads : int, default 0
        Worker threads; 0 uses every core. The result does not depend on it.
    progress : None, bool or callable
        None: a progress bar after about 2 seconds (needs ``tqdm``); True: always; False:
        never; a callable: called as ``progress(done)`` about every 50 ms.
    swaps : float, default 10
        Under ``given="degrees"``: proposed swaps per tie in each draw's chain.
    triangle_reversals : bool, default True
        Under ``given="degrees"`` for a directed layer: also propose reversals of directed
        triangles, without which some graphs with the degrees are never reached (Notes).
    alternative : {"two-sided", "greater", "less"}, default "two-sided"
        Which p-value ``p_value`` holds: ``p_greater_equal``, ``p_less_equal``, or twice
        the smaller of them (at most 1). Both one-sided values are always reported.
    **options
        The measure's options, as for :func:`coproduction.stats.bootstrap`: ``directed``
        (default True; False reads the layer undirected), ``include_objects``,
        ``normalized``, ``mode``, ``paths``, ``reciprocity``, ``by``, ``quantity``,
        ``parameter``. ``weighted=True`` is refused: the draws carry no values.

    Returns
    -------
    CugResult
        ``observed``, ``null`` (the measure on every drawn graph), ``p_greater_equal``,
        ``p_less_equal``, ``p_value``, ``valid``, the settings, and under ``"degrees"`` the
        chain's diagnostics per draw (``rewiring``, ``mixing``); ``.plot()`` draws the null
        distribution with the observed value marked.

    Raises
    ------
    coproduction.InputError
        ``given``: a null that holds the statistic fixed (density under ``"edges"``,
        ``"dyad_census"`` or ``"degrees"``; reciprocity under ``"dyad_census"``; degree
        centralization and inequality of degrees under ``"degrees"``: every draw would give
        the observed value). ``directed``: reciprocity or hierarchy of an undirected layer.
        ``measure``: an unknown measure, one per stakeholder, or one that does not read the
        layer (decision power, the ladder). ``weighted``: weighted options. ``n``, ``rng``,
        ``threads``, ``swaps``, ``alternative``, ``layer``, ``scale``: a bad value.

    Notes
    -----
    The layer is read as its simple graph over the layer's stakeholders (every stakeholder
    but objects, isolates included): i and j are tied when some relation of the layer
    joins them, values and repeats ignored (sna's ``ignore.eval = TRUE``). The observed
    value is the measure on that graph; each draw is the measure on a graph drawn
    uniformly from those on the same stakeholders with

    - ``"size"``: nothing more: each possible tie present with probability 1/2 (sna
      ``cmode = "size"``);
    - ``"edges"``: the same number of ties (sna ``"edges"``);
    - ``"dyad_census"``: the same numbers of mutual, asymmetric and null dyads (sna
      ``"dyad.census"``; for an undirected layer the same as ``"edges"``);
    - ``"degrees"``: every stakeholder's degree (in- and out-degree when directed), by a
      Markov chain of double-edge swaps (Maslov & Sneppen 2002) started from the layer,
      ``swaps`` proposals per tie, refused proposals counted as steps so that every graph
      with the degrees is equally likely in the limit. Directed swaps alone cannot turn a
      directed triangle into its reverse (Erdős, Miklós & Toroczkai 2010): one proposal in
      eight is a triangle reversal, which makes every digraph with the degrees reachable.
      ``rewiring.changed`` (the share of the observed ties gone) against
      ``rewiring.changed_half`` (after half the chain) shows whether the chain mixed.

    :math:`P(X \ge x_{obs}) = \#\{k : x_k \ge x_{obs}\} / K` and
    :math:`P(X \le x_{obs}) = \#\{k : x_k \le x_{obs}\} / K` over the K valid draws, the
    observed value not among them, as sna's ``cug.test`` reports them (ties up to rounding
    count as equal; see the module's notes). Both lie in [0, 1] and sum to at least 1.
    A small :math:`P(X \ge x_{obs})` says the partnership's layer has more of the property
    than chance would give a graph with the same plain features: an ``informs`` layer more
    centralised than any graph with its ties has information flowing through few hands.

    References
    ----------
    Butts, C. T. (2008). Social network analysis with sna. *Journal of Statistical Software*
    24(6). Anderson, B. S., Butts, C. & Carley, K. (1999). The interaction of size and
    density with graph-level indices. *Social Networks* 21, 239-267. Maslov, S. & Sneppen,
    K. (2002). Specificity and stability in topology of protein networks. *Science* 296,
    910-913. Erdős, P. L., Miklós, I. & Toroczkai, Z. (2010). A simple Havel-Hakimi type
    algorithm to realize graphical degree sequences of directed graphs. *Electronic Journal
    of Combinatorics* 17, R66.

    Examples
    --------
    >>> import coproduction as cp
    >>> net = cp.examples.load("twam_partners_2013")
    >>> cp.stats.cug_test(net, "degree_centralization", layer="informs", given="edges", rng=1)
    CUG test of degree_centralization on informs given edges: observed 0.110, P(X >= obs) = 0.001, P(X <= obs) = 1 (1000 draws, seed 1)
    >>> layers = ["informs", "refers", "trusts", "learns_from", "manages"]
    >>> cp.stats.cug_test(net, "betweenness_centralization", layer=layers, given="edges", rng=1)
    CUG test of betweenness_centralization on informs+refers+trusts+learns_from+manages given edges: observed 0.270, P(X >= obs) = 0.007, P(X <= obs) = 0.993 (1000 draws, seed 1)
    >>> cp.stats.cug_test(net, "betweenness_centralization", layer=layers, given="degrees", rng=1)
    CUG test of betweenness_centralization on informs+refers+trusts+learns_from+manages given degrees: observed 0.270, P(X >= obs) = 0.514, P(X <= obs) = 0.487 (1000 draws, seed 1, 49% of ties rewired)
    """
    count = _count(n)
    seed = _seed(rng)
    workers = _threads(threads)
    chosen = _word(given, "given", CUG_GIVEN)
    side = _word(alternative, "alternative", _ALTERNATIVES)
    reversals = _flag(triangle_reversals, "triangle_reversals")
    per_tie = _swaps(swaps)
    if not isinstance(measure, str):
        raise input_error("measure", f"must be a measure's name, got {measure!r}")
    types = _types(layer, "layer")
    core_options, kept = _network_options(net, measure, {"layer": layer, "scale": scale,
                                                         **options})
    with _progress(progress, count, f"CUG test of {measure}") as callback:
        out = _core.stats.cug_test(network_core(net), measure, core_options, chosen, count,
                                   seed, workers, per_tie, reversals, callback)
    greater, less = float(out["p_greater_equal"]), float(out["p_less_equal"])
    two_sided = min(1.0, 2.0 * min(greater, less)) if math.isfinite(greater) else math.nan
    p = _p_value(side, greater, less, two_sided)
    valid = int(out["valid"])
    rewiring = None
    if out["rewiring"] is not None:
        rewiring = pd.DataFrame({k: np.asarray(v) for k, v in out["rewiring"].items()})
        rewiring.index.name = "draw"
    census = tuple(int(c) for c in out["census"])
    return CugResult(
        statistic=measure, observed=float(out["observed"]), p_value=p,
        standard_error=_monte_carlo_error(p, valid, False), alternative=side, n=count,
        null=np.asarray(out["draws"], dtype=float), seed=seed, p_greater_equal=greater,
        p_less_equal=less, given=chosen, layer=_layer_name(types),
        directed=bool(out["directed"]), vertices=int(out["vertices"]), ties=int(out["ties"]),
        census=(census[0], census[1], census[2]), valid=valid, options=kept,
        rewiring=rewiring)


# ----------------------------------------------------------------------------------------
# Rewiring


@reads_network
def rewire(net: Network, layer: LayerSpec = None, *, scale: LayerSpec = None,
           directed: bool = True, include_objects: bool = False, swaps: float = 10.0,
           triangle_reversals: bool = True, rng: Any = None) -> RewiringResult:
    r"""A random graph with the same degrees as a layer, by degree-preserving rewiring.

    Parameters
    ----------
    net : Network
    layer : str or iterable of str, optional
        The relation types rewired together; None takes every relation.
    scale : str or iterable of str, optional
        Scales; None takes every relation.
    directed : bool, default True
        Keep every stakeholder's in- and out-degree (True) or its degree (False, the layer
        read undirected).
    include_objects : bool, default False
        Keep stakeholders of kind ``object`` and their relations.
    swaps : float, default 10
        Proposed swaps per tie: the chain takes ``round(swaps * ties)`` steps.
    triangle_reversals : bool, default True
        Directed: one proposal in eight reverses a directed triangle (see Notes).
    rng : int, numpy.random.Generator or None
        The seed (SPEC 7); ``rng=result.seed`` repeats the rewiring. The rewiring with seed
        s is draw 0 of ``cug_test(..., given="degrees", rng=s)``.

    Returns
    -------
    RewiringResult
        The rewired ties (``relations``), the original simple graph (``original``) and the
        chain's diagnostics: ``steps``, ``accepted``, ``reversals``, ``changed`` (share of
        the original ties absent at the end, in [0, 1]) and ``changed_half`` (the same after
        half the steps; close to ``changed`` once the chain has mixed).

    Raises
    ------
    coproduction.InputError
        A layer type no relation has (``layer``), a bad ``scale``, ``swaps`` or ``rng``.

    Notes
    -----
    The layer is read as its simple graph (one tie per pair tied by some relation of the
    layer, no self-tie). Each step proposes a double-edge swap (Maslov & Sneppen 2002):
    undirected, two ties {a, b}, {c, d} and one of the two pairings at random become
    {a, d}, {c, b}; directed, a -> b and c -> d become a -> d and c -> b. A swap that would
    make a self-tie or repeat a tie is refused, and the refusal counts as a step: the
    proposals are symmetric, so every simple graph with the degrees is equally likely in
    the limit (counting only successful swaps, as NetworkX's ``double_edge_swap`` does,
    favours graphs with many possible swaps; Fosdick et al. 2018). Directed swaps alone do
    not reach every digraph with the degrees: a directed triangle and its reverse have the
    same degrees but no swap joins them (Erdős, Miklós & Toroczkai 2010 show that swaps and
    triangle reversals together do), so one step in eight proposes a reversal of a
    triangle a -> b -> c -> a. A graph whose degrees have a single realisation (a star, a
    complete graph) refuses every proposal: ``accepted`` is 0 and the graph comes back as
    it was, after the same number of steps.

    References
    ----------
    Maslov, S. & Sneppen, K. (2002). Specificity and stability in topology of protein
    networks. *Science* 296, 910-913. Erdős, P. L., Miklós, I. & Toroczkai, Z. (2010). A
    simple Havel-Hakimi type algorithm to realize graphical degree sequences of directed
    graphs. *Electronic Journal of Combinatorics* 17, R66. Fosdick, B. K., Larremore, D. B.,
    Nishimura, J. & Ugander, J. (2018). Configuring random graph models with fixed degree
    sequences. *SIAM Review* 60(2), 315-355.

    Examples
    --------
    >>> import coproduction as cp
    >>> net = cp.examples.load("twam_partners_2013")
    >>> cp.stats.rewire(net, ["informs", "refers"], rng=3)
    Degree-preserving rewiring of informs+refers: 19 ties, 190 proposals, 61 accepted (32%), 63% of the ties changed (47% at half the chain), seed 3
    """
    seed = _seed(rng)
    per_tie = _swaps(swaps)
    reversals = _flag(triangle_reversals, "triangle_reversals")
    directed_flag = _flag(directed, "directed")
    types = _types(layer, "layer")
    core = network_core(net)
    ids, source, target, _ = core.layer_edges(types, _scales(scale),
                                              include_objects=_flag(include_objects,
                                                                    "include_objects"))
    out = _core.stats.null_graph(len(ids), np.asarray(source, dtype=np.int64),
                                 np.asarray(target, dtype=np.int64), directed_flag, "degrees",
                                 seed, 0, per_tie, reversals)
    original = _core.stats.null_graph(len(ids), np.asarray(source, dtype=np.int64),
                                      np.asarray(target, dtype=np.int64), directed_flag,
                                      "degrees", seed, 0, 0.0, reversals)
    names = np.asarray(ids, dtype=object)

    def frame(result: Mapping[str, Any]) -> pd.DataFrame:
        return pd.DataFrame({"source": names[np.asarray(result["source"], dtype=np.int64)],
                             "target": names[np.asarray(result["target"], dtype=np.int64)]})

    d = out["rewiring"]
    return RewiringResult(
        relations=frame(out), original=frame(original), layer=_layer_name(types),
        directed=directed_flag, steps=int(d["steps"][0]), accepted=int(d["accepted"][0]),
        reversals=int(d["reversals"][0]), changed=float(d["changed"][0]),
        changed_half=float(d["changed_half"][0]), seed=seed)


# ----------------------------------------------------------------------------------------
# Matrices, QAP, MRQAP


@reads_network
def layer_matrices(net: Network, layers: Sequence[LayerSpec], *, scale: LayerSpec = None,
                   directed: bool = True, weighted: bool = False,
                   include_objects: bool = False, vertices: str = "all") -> List[pd.DataFrame]:
    """The adjacency matrices of layers over one set of stakeholders, as QAP and MRQAP read
    them.

    Parameters
    ----------
    net : Network
    layers : sequence of (str, iterable of str or None)
        One layer per matrix: a relation type, several read together, or None for every
        relation.
    scale : str or iterable of str, optional
        Scales, for every layer; None takes every relation.
    directed : bool, default True
        False: entries (i, j) and (j, i) both hold the ties either way (a symmetric matrix).
    weighted : bool, default False
        Entry (i, j) is the sum of the weights of the layer's relations from i to j instead
        of 1 when any runs.
    include_objects : bool, default False
        Objects (kind ``object``) are stakeholders of the matrices.
    vertices : {"all", "tied"}, default "all"
        ``"all"``: every stakeholder of the layers (all but objects), a row of zeros where a
        stakeholder has no tie in a layer; ``"tied"``: the union of the stakeholders with a
        tie in at least one of the layers, in the network's order.

    Returns
    -------
    list of pandas.DataFrame
        One square float matrix per layer, rows and columns indexed by stakeholder id (in
        the network's order), the diagonal 0 (a relation of a stakeholder with itself is
        dropped).

    Raises
    ------
    coproduction.InputError
        A type no relation has (``layer``), no layer (``layers``), a bad ``vertices``.
    coproduction.LimitError
        More than 2^27 matrix cells in all (``vertices``).

    Examples
    --------
    >>> import coproduction as cp
    >>> net = cp.examples.load("twam_partners_2013")
    >>> trusts, refers = cp.stats.layer_matrices(net, ["trusts", "refers"], vertices="tied")
    >>> trusts.shape, int(trusts.to_numpy().sum()), int(refers.to_numpy().sum())
    ((7, 7), 5, 7)
    """
    ids, matrices = _matrices(net, layers, scale, directed, weighted, include_objects, vertices)
    index = pd.Index(ids, name="stakeholder", dtype=object)
    return [pd.DataFrame(np.asarray(m, dtype=float), index=index, columns=index.copy())
            for m in matrices]


def _matrices(net: Network, layers: Sequence[LayerSpec], scale: LayerSpec, directed: Any,
              weighted: Any, include_objects: Any, vertices: Any,
              where: str = "layers") -> Tuple[List[str], List[np.ndarray[Any, Any]]]:
    if isinstance(layers, str) or not isinstance(layers, Sequence) or len(layers) == 0:
        raise input_error(where, "must be a non-empty list of layers (a relation type, a "
                                 "list of types, or None for every relation)")
    types = [_types(layer, where) for layer in layers]
    ids, matrices = _core.stats.layer_matrices(
        network_core(net), types, _scales(scale), _flag(directed, "directed"),
        _flag(weighted, "weighted"), _flag(include_objects, "include_objects"),
        _word(vertices, "vertices", _VERTICES))
    return list(ids), [np.asarray(m, dtype=float) for m in matrices]


@reads_network
def qap_test(net: Network, layer_a: LayerSpec, layer_b: LayerSpec, *, scale: LayerSpec = None,
             n: int = 1000, rng: Any = None, directed: bool = True, weighted: bool = False,
             include_objects: bool = False, vertices: str = "all",
             alternative: str = "two-sided", threads: int = 0,
             progress: Progress = None) -> QapResult:
    r"""QAP test of the correlation of two layers: do those who trust each other also inform
    each other, beyond what each relation's own structure would give?

    Parameters
    ----------
    net : Network
    layer_a, layer_b : str, iterable of str or None
        The two layers (a relation type, several read together, None for every relation).
    scale : str or iterable of str, optional
        Scales, for both layers.
    n : int, default 1000
        Permutations drawn; when n! (n the stakeholders) is at most this, every permutation
        is taken once instead and the test is exact.
    rng : int, numpy.random.Generator or None
        The seed (SPEC 7).
    directed, weighted, include_objects, vertices
        How the layers become matrices (:func:`layer_matrices`): binary by default, over
        every stakeholder of the layers.
    alternative : {"two-sided", "greater", "less"}, default "two-sided"
        Which p-value ``p_value`` holds: ``p_absolute``, ``p_greater_equal`` or
        ``p_less_equal``. All three are reported.
    threads : int, default 0
        Worker threads; 0 uses every core. The result does not depend on it.
    progress : None, bool or callable
        As for :func:`cug_test`.

    Returns
    -------
    QapResult
        ``observed`` (the correlation), ``null`` (the correlation under every permutation
        drawn), ``p_greater_equal``, ``p_less_equal``, ``p_absolute``, ``p_value``,
        ``exact`` and the settings; ``.plot()`` draws the null distribution.

    Raises
    ------
    coproduction.InputError
        A type no relation has (``layer``), a bad ``n``, ``rng``, ``vertices``,
        ``alternative``, ``threads``.
    coproduction.LimitError
        More than 2^27 matrix cells (``vertices``).

    Notes
    -----
    The statistic is sna's ``gcor``: Pearson's correlation of the two matrices' off-diagonal
    entries, all n(n - 1) ordered pairs (the n(n - 1)/2 pairs i > j when undirected),

    .. math:: r = \frac{\sum (a_{ij} - \bar a)(b_{ij} - \bar b)}
                       {\sqrt{\sum (a_{ij} - \bar a)^2 \sum (b_{ij} - \bar b)^2}},

    in [-1, 1], NaN when a matrix is constant off the diagonal (an empty layer). The null
    (Krackhardt 1987; sna's ``qaptest``) permutes the rows and columns of ``layer_b``'s
    matrix together, :math:`b'_{ij} = b_{p(i)p(j)}`: the permutation keeps everything about
    each relation (density, degrees, reciprocity) and breaks only their alignment over the
    stakeholders. ``p_greater_equal`` is the share of the permuted correlations at or above
    the observed one, ``p_less_equal`` at or below, ``p_absolute`` at or beyond it in
    absolute value; with exact enumeration the observed arrangement is one of the n!.

    References
    ----------
    Krackhardt, D. (1987). QAP partialling as a test of spuriousness. *Social Networks* 9,
    171-186. Hubert, L. J. (1987). *Assignment Methods in Combinatorial Data Analysis*.
    Dekker. Butts, C. T. (2008). Social network analysis with sna. *Journal of Statistical
    Software* 24(6).

    Examples
    --------
    >>> import coproduction as cp
    >>> net = cp.examples.load("twam_partners_2013")
    >>> cp.stats.qap_test(net, "trusts", "refers", rng=1)
    QAP test of the correlation of trusts and refers: observed 0.844, p = 0 (two-sided, 1000 permutations, seed 1, 26 stakeholders)
    """
    count = _count(n)
    seed = _seed(rng)
    workers = _threads(threads)
    side = _word(alternative, "alternative", _ALTERNATIVES)
    ids, (a, b) = _matrices(net, [layer_a, layer_b], scale, directed, weighted,
                            include_objects, vertices, where="layer")
    with _progress(progress, count, "QAP test") as callback:
        out = _core.stats.qap_test(a, b, bool(directed), count, seed, workers, callback)
    greater, less = float(out["p_greater_equal"]), float(out["p_less_equal"])
    absolute = float(out["p_absolute"])
    p = _p_value(side, greater, less, absolute)
    exact = bool(out["exact"])
    draws = np.asarray(out["draws"], dtype=float)
    valid = int(out["valid"])
    return QapResult(
        statistic="correlation", observed=float(out["observed"]), p_value=p,
        standard_error=_monte_carlo_error(p, valid, exact), alternative=side,
        n=int(draws.size), null=draws, seed=seed, p_greater_equal=greater, p_less_equal=less,
        p_absolute=absolute, exact=exact,
        layers=(_layer_name(_types(layer_a, "layer_a")), _layer_name(_types(layer_b, "layer_b"))),
        directed=bool(directed), weighted=bool(weighted), vertices=len(ids),
        dyads=int(out["dyads"]), valid=valid)


@reads_network
def mrqap(net: Network, response_layer: LayerSpec, predictor_layers: Sequence[LayerSpec], *,
          scale: LayerSpec = None, n: int = 1000, rng: Any = None, directed: bool = True,
          weighted: bool = False, include_objects: bool = False, vertices: str = "all",
          intercept: bool = True, statistic: str = "t", threads: int = 0,
          progress: Progress = None) -> MrqapResult:
    r"""Multiple regression QAP with double semi-partialling: does one relation follow others
    once each is accounted for?

    Parameters
    ----------
    net : Network
    response_layer : str, iterable of str or None
        The layer regressed (y).
    predictor_layers : sequence of (str, iterable of str or None)
        The predictor layers (x), at least one.
    scale : str or iterable of str, optional
        Scales, for every layer.
    n : int, default 1000
        Permutations drawn for every term; when n! is at most this, every permutation is
        taken once (exact).
    rng : int, numpy.random.Generator or None
        The seed (SPEC 7).
    directed, weighted, include_objects, vertices
        How the layers become matrices (:func:`layer_matrices`).
    intercept : bool, default True
        Fit a constant term (netlm's ``intercept``).
    statistic : {"t", "beta"}, default "t"
        The statistic permuted: the t-value (netlm's default ``"t-value"``) or the
        coefficient.
    threads : int, default 0
        Worker threads; 0 uses every core. The result does not depend on it.
    progress : None, bool or callable
        As for :func:`cug_test`.

    Returns
    -------
    MrqapResult
        ``coefficients`` (per term: ``estimate``, ``std_error``, ``t_value``,
        ``p_less_equal``, ``p_greater_equal``, ``p_absolute``), ``null`` (the statistic of
        every draw per term), ``r_squared``, ``adjusted_r_squared`` and the settings.

    Raises
    ------
    coproduction.InputError
        ``predictor_layers``: none given, or a term 0 at every pair or a linear combination of
        the terms before it (a constant layer with an intercept, a layer given twice); a type
        no relation has (``layer``); a bad ``n``, ``rng``, ``statistic``, ``vertices``.
    coproduction.LimitError
        More than 2^27 matrix cells (``vertices``).

    Notes
    -----
    The model (R sna's ``netlm``): the N off-diagonal entries of the response matrix
    (n(n - 1), or n(n - 1)/2 undirected) regressed by ordinary least squares on an
    intercept and the predictor matrices' entries at the same pairs, :math:`y = Xb + e`
    with p terms; standard errors :math:`\sqrt{RSS/(N-p)\,[(X'X)^{-1}]_{jj}}`;
    :math:`R^2 = MSS/(MSS + RSS)`, :math:`MSS = \sum (\hat y - \bar{\hat y})^2`
    (:math:`\sum \hat y^2` without an intercept); adjusted
    :math:`1 - (1 - R^2)(N - 1)/(N - p)`.

    Double semi-partialling (Dekker, Krackhardt & Snijders 2007; netlm's
    ``nullhyp = "qapspp"``): for each term j, the residual :math:`e_j` of :math:`x_j`
    regressed on the other terms is permuted (rows and columns together), y is regressed on
    the other terms and the permuted residual, and the residual's statistic is a draw. The
    identity permutation gives back the observed fit, so the draws are the statistic's
    distribution when x_j's own part is unrelated to y: robust to collinear predictors and
    to network autocorrelation, where permuting y (``qapy``) or x alone is not. One
    permutation serves every term in a draw (netlm draws one per term: the same
    distribution). ``p_less_equal``, ``p_greater_equal`` and ``p_absolute`` are netlm's
    ``Pr(<=b)``, ``Pr(>=b)`` and ``Pr(>=|b|)``: the shares of the draws at or below, at or
    above, and at or beyond in absolute value the observed statistic.

    References
    ----------
    Dekker, D., Krackhardt, D. & Snijders, T. A. B. (2007). Sensitivity of MRQAP tests to
    collinearity and autocorrelation conditions. *Psychometrika* 72(4), 563-581.
    Krackhardt, D. (1988). Predicting with networks: nonparametric multiple regression
    analysis of dyadic data. *Social Networks* 10, 359-381. Butts, C. T. (2008). Social
    network analysis with sna. *Journal of Statistical Software* 24(6).

    Examples
    --------
    >>> import coproduction as cp
    >>> net = cp.examples.load("twam_partners_2013")
    >>> cp.stats.mrqap(net, "refers", ["trusts", "learns_from"], rng=1)
    MRQAP of refers (double semi-partialling, 1000 permutations, seed 1): R^2 = 0.712, 650 dyads
      term          estimate     t-stat  Pr(<=b)  Pr(>=b)  Pr(>=|b|)
      (intercept)      0.003      1.430    0.044    0.956      0.956
      trusts           1.000     32.890        1        0          0
      learns_from     -0.003     -0.178    0.877    0.123      0.912
    """
    count = _count(n)
    seed = _seed(rng)
    workers = _threads(threads)
    stat = _word(statistic, "statistic", _STATISTICS)
    with_intercept = _flag(intercept, "intercept")
    if isinstance(predictor_layers, str) or not isinstance(predictor_layers, Sequence) \
            or len(predictor_layers) == 0:
        raise input_error("predictor_layers", "must be a non-empty list of layers")
    ids, matrices = _matrices(net, [response_layer, *predictor_layers], scale, directed,
                              weighted, include_objects, vertices, where="layer")
    names = [_layer_name(_types(layer, "predictor_layers")) for layer in predictor_layers]
    if len(set(names)) < len(names):
        raise input_error("predictor_layers", f"a layer is given twice: {names}")
    with _progress(progress, count, "MRQAP") as callback:
        out = _core.stats.mrqap(matrices[0], matrices[1:], bool(directed), with_intercept,
                                stat, names, count, seed, workers, callback)
    terms = (["(intercept)"] if with_intercept else []) + names
    nulls = out["null"]
    index = pd.Index(terms, name="term")
    coefficients = pd.DataFrame({
        "estimate": np.asarray(out["coefficients"], dtype=float),
        "std_error": np.asarray(out["standard_errors"], dtype=float),
        "t_value": np.asarray(out["t_values"], dtype=float),
        "p_less_equal": [float(d["p_less_equal"]) for d in nulls],
        "p_greater_equal": [float(d["p_greater_equal"]) for d in nulls],
        "p_absolute": [float(d["p_absolute"]) for d in nulls],
    }, index=index)
    null = pd.DataFrame({t: np.asarray(d["draws"], dtype=float) for t, d in zip(terms, nulls)})
    null.index.name = "draw"
    null.columns.name = "term"
    return MrqapResult(
        coefficients=coefficients, null=null, r_squared=float(out["r_squared"]),
        adjusted_r_squared=float(out["adjusted_r_squared"]),
        residual_standard_error=float(out["residual_standard_error"]),
        response=_layer_name(_types(response_layer, "response_layer")), statistic=stat,
        n=int(len(null)), seed=seed, exact=bool(out["exact"]), directed=bool(directed),
        weighted=bool(weighted), intercept=with_intercept, vertices=len(ids),
        dyads=int(out["dyads"]), residual_df=int(out["residual_df"]))


def __dir__() -> List[str]:
    return list(__all__)
