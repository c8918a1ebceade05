"""The measures of ``cp.metrics`` on a layer of a :class:`~coproduction.Network`.

Each function reads a layer into edge arrays (:func:`layer_edges`) and calls its twin of the
same name in ``cp.metrics.edges``; groupings (``by=``) are read as everywhere in the package.
Per-stakeholder results are indexed by stakeholder id, in an index named ``"stakeholder"``.
"""

from __future__ import annotations

from typing import Any, Dict, Iterable, List, Mapping, Optional, Tuple, Union

import numpy as np
import pandas as pd

from .. import _core
from .._checks import network_core
from .._errors import input_error
from .._groups import GroupBy, resolve_groups
from .._items import as_items
from .._reading import reads_network
from ..network import Network
from . import _centrality, _relations
from ._vertices import INDEX_NAME, Vertices

__all__ = [
    "Layer",
    "layer_edges",
    "layer_relations",
    "centrality",
    "centralization",
    "reciprocity",
    "dyad_census",
    "vertex_reciprocity",
    "reciprocity_by_type",
    "hierarchy",
    "ei_index",
    "brokerage",
    "constraint",
    "effective_size",
    "summary",
    "SUMMARY_READINGS",
]

Layer = Optional[Union[str, Iterable[str]]]
Scale = Optional[Union[str, Iterable[str]]]


def _words(value: Union[str, Iterable[str]], where: str, what: str) -> List[str]:
    """A layer's types or scales as a list; an empty list names nothing and is refused,
    so that it is never read as "every relation"."""
    words = [str(t) for t in as_items(value)]
    if not words:
        raise input_error(where, f"names no {what}; pass None for every {what}")
    return words


@reads_network
def layer_edges(net: Network, layer: Layer = None, *, scale: Scale = None,
                include_objects: bool = False
                ) -> Tuple[pd.Index, np.ndarray[Any, Any], np.ndarray[Any, Any],
                           np.ndarray[Any, Any]]:
    """The stakeholders and relations of a layer, as arrays.

    Parameters
    ----------
    net : Network
    layer : str or iterable of str, optional
        Relation types; None takes every relation. A type with no relation in the network
        raises, so a misspelt type is not read as an empty layer.
    scale : str or iterable of str, optional
        Scales (``"session"``, ``"institution"``, ``"place"``: the three scales of the
        abstract *Co-Producing Health and Wellbeing Programmes in the Museum*); None takes
        relations at any scale or none. Given, a relation recorded without a scale is left
        out. Every function that takes ``layer=`` takes ``scale=`` too.
    include_objects : bool, default False
        Keep stakeholders of kind ``object`` (and their relations).

    Returns
    -------
    ids : pandas.Index
        The stakeholders kept, in insertion order (named ``"stakeholder"``).
    source, target : numpy.ndarray of int64
        Each relation's ends as positions in ``ids``.
    weight : numpy.ndarray of float
        Each relation's weight (1 where not given).

    Raises
    ------
    InputError
        A layer type that no relation has (``layer``), a word that is not a scale
        (``scale``), or an empty list for either.
    """
    core = network_core(net)
    types = None if layer is None else _words(layer, "layer", "relation type")
    scales = None if scale is None else _words(scale, "scale", "scale")
    ids, source, target, weight = core.layer_edges(types, scales, include_objects=include_objects)
    return (pd.Index(ids, name=INDEX_NAME, dtype=object), np.asarray(source, dtype=np.int64),
            np.asarray(target, dtype=np.int64), np.asarray(weight, dtype=float))


@reads_network
def layer_relations(net: Network, layer: Layer = None, *, scale: Scale = None,
                    include_objects: bool = False) -> pd.DataFrame:
    """The relations of a layer, as rows of ``net.relations``.

    The same relations as :func:`layer_edges`, read by the same rule, in the same order: the
    table to draw the layer from or to read its attributes.

    Parameters
    ----------
    net : Network
    layer : str or iterable of str, optional
        Relation types; None takes every relation (see :func:`layer_edges`).
    scale : str or iterable of str, optional
        Scales; given, a relation recorded without a scale is left out.
    include_objects : bool, default False
        Keep the relations of stakeholders of kind ``object``.

    Returns
    -------
    pandas.DataFrame
        The rows of ``net.relations`` in the layer, with their positions in it as the index.

    Raises
    ------
    InputError
        As :func:`layer_edges`.

    Examples
    --------
    >>> import coproduction as cp
    >>> net = cp.examples.load("twam_partners_2013")
    >>> trust = cp.metrics.layer_relations(net, "trusts")
    >>> set(trust["type"]) == {"trusts"}, len(trust) == len(cp.metrics.layer_edges(net, "trusts")[1])
    (True, True)
    """
    core = network_core(net)
    types = None if layer is None else _words(layer, "layer", "relation type")
    scales = None if scale is None else _words(scale, "scale", "scale")
    positions = core.layer_edges(types, scales, include_objects=include_objects,
                                 relations=True)[4]
    return net.relations.iloc[np.asarray(positions, dtype=np.int64)]


def _layer(net: Network, layer: Layer, include_objects: bool,
           scale: Scale = None) -> Tuple[Vertices, np.ndarray[Any, Any]]:
    """A layer read into the graph of ``cp.metrics.edges``, and its relations' weights."""
    ids, source, target, weight = layer_edges(net, layer, scale=scale,
                                              include_objects=include_objects)
    return Vertices(len(ids), source, target, ids), weight


@reads_network
def centrality(net: Network, measure: str, *, layer: Layer = None, scale: Scale = None,
               directed: bool = True,
               weighted: bool = False, include_objects: bool = False,
               **options: Any) -> pd.Series:
    """Centrality of every stakeholder on a layer.

    Parameters
    ----------
    net : Network
    measure : {"degree", "closeness", "harmonic", "betweenness", "eigenvector", "pagerank"}
    layer : str or iterable of str, optional
        Relation types (None: every relation).
    directed : bool, default True
        False reads every relation as a tie both ways.
    weighted : bool, default False
        Use relation weights as tie strengths (a path's length is the sum of 1/weight).
    include_objects : bool, default False
    **options
        Passed on: ``mode``, ``normalized``, ``wf_improved``, ``alpha``, ``max_iter``, ``tol``,
        ``weights_are``, ``parallel``, ``threads`` (see
        :func:`coproduction.metrics.edges.centrality`).

    Returns
    -------
    pandas.Series
        Indexed by stakeholder id (index named ``"stakeholder"``), named after the measure.

    Raises
    ------
    coproduction.InputError
        A layer type that no relation has, an unknown measure or an option that does not
        apply to it (``where`` names it).

    Notes
    -----
    Each measure's default matches NetworkX 3's function of the same name; the tests check
    every measure against NetworkX and igraph. Formulas and references: ``docs/metrics.md``
    and ``docs/centrality.md``.

    Examples
    --------
    >>> import coproduction as cp
    >>> net = cp.examples.load("twam_partners_2013")
    >>> deg = cp.metrics.centrality(net, "degree", layer="learns_from")
    >>> deg.idxmax()
    'twam_outreach'
    """
    graph, weight = _layer(net, layer, include_objects, scale)
    return _centrality.centrality_of(graph, weight if weighted else None, measure=measure,
                                     directed=directed, **options)


@reads_network
def centralization(net: Network, measure: str, *, layer: Layer = None, scale: Scale = None,
                   directed: bool = True,
                   include_objects: bool = False, mode: Optional[str] = None,
                   threads: int = 0, test: Optional[str] = None, given: str = "edges",
                   n: int = 1000, rng: Any = None) -> Any:
    """Freeman centralization of a layer, normalised by the star graph of the same size.

    Parameters
    ----------
    net : Network
    measure : {"degree", "closeness", "harmonic", "betweenness", "eigenvector"}
    layer, directed, include_objects
        As for :func:`centrality` (centralization is defined on the unweighted graph).
    mode : {"in", "out", "total"}, optional
        Directed degree, closeness and harmonic: which direction counts.
    threads : int, default 0
        Threads for closeness, harmonic and betweenness; 0 uses every core.
    test : {"cug"}, optional
        Also test the value against random layers: ``"cug"`` runs
        :func:`coproduction.stats.cug_test` of the same centralization with ``given``
        (``"size"``, ``"edges"``, ``"dyad_census"``; ``"degrees"`` is refused for degree
        centralization, which degrees fix), ``n`` draws and the seed ``rng``, and returns
        its result instead of the number.

    Returns
    -------
    float or coproduction.stats.CugResult
        In [0, 1]: 1 when one stakeholder holds every tie (a star), 0 when all are alike;
        NaN for a layer too small to be centralised. With ``test="cug"``, the test, whose
        ``observed`` is that number.

    Notes
    -----
    :math:`C = \\sum_v (c^* - c_v) / \\max \\sum_v (c^* - c_v)`, the maximum taken over all
    graphs with the same number of stakeholders, attained by the star (Freeman 1978/79;
    Wasserman & Faust 1994, ch. 5). ``docs/centrality.md`` lists each measure's maximum.
    """
    graph, _ = _layer(net, layer, include_objects, scale)
    value = _centrality.centralization_of(graph, measure=measure, directed=directed, mode=mode,
                                          threads=threads)
    if test is None:
        return value
    if test != "cug":
        raise input_error("test", f"\"cug\" (a conditional uniform graph test) or None, not "
                                  f"{test!r}")
    from .._stats_null_models import cug_test

    options: Dict[str, Any] = {"directed": directed, "include_objects": include_objects}
    if mode is not None:
        options["mode" if measure == "degree" else "paths"] = mode
    return cug_test(net, f"{measure}_centralization", layer=layer, scale=scale, given=given,
                    n=n, rng=rng, threads=threads, **options)


@reads_network
def reciprocity(net: Network, *, layer: Layer = None, scale: Scale = None,
                measure: str = "edgewise",
                include_objects: bool = False) -> float:
    """Reciprocity of a layer: the share of ties returned (``"edgewise"``, as NetworkX's
    ``overall_reciprocity``), of pairs that are symmetric (``"dyadic"``), of tied pairs that
    are mutual (``"dyadic_nonnull"``), or edgewise against chance on a log scale
    (``"edgewise_lrr"``); the first three in [0, 1], NaN for a layer with no tie.

    National Museums Liverpool's *Co-production Framework* makes two-way learning a test of
    co-production; "The coproduction myth" (2015) calls co-production a relationship. Formulas
    and references: :func:`coproduction.metrics.edges.reciprocity`.

    Examples
    --------
    >>> import coproduction as cp
    >>> net = cp.examples.load("twam_partners_2013")
    >>> round(cp.metrics.reciprocity(net, layer="learns_from"), 3)
    0.667
    """
    graph, _ = _layer(net, layer, include_objects, scale)
    return _relations.reciprocity_of(graph, measure)


@reads_network
def dyad_census(net: Network, *, layer: Layer = None, scale: Scale = None,
                include_objects: bool = False) -> "pd.Series[int]":
    """The Holland-Leinhardt dyad census of a layer: pairs of stakeholders tied both ways
    (``mutual``), one way (``asymmetric``) and not at all (``null``). See
    :func:`coproduction.metrics.edges.dyad_census`.

    Examples
    --------
    >>> import coproduction as cp
    >>> net = cp.examples.load("twam_partners_2013")
    >>> census = cp.metrics.dyad_census(net, layer="learns_from")
    >>> int(census["mutual"]) * 2 / (2 * int(census["mutual"]) + int(census["asymmetric"]))
    0.6666666666666666
    """
    graph, _ = _layer(net, layer, include_objects, scale)
    return _relations.dyad_census_of(graph)


@reads_network
def vertex_reciprocity(net: Network, *, layer: Layer = None, scale: Scale = None,
                       include_objects: bool = False) -> "pd.Series[float]":
    """The share of each stakeholder's ties on a layer that are returned, in [0, 1]; NaN for a
    stakeholder with no tie. See :func:`coproduction.metrics.edges.vertex_reciprocity`."""
    graph, _ = _layer(net, layer, include_objects, scale)
    return _relations.vertex_reciprocity_of(graph)


@reads_network
def reciprocity_by_type(net: Network, *, include_objects: bool = False) -> pd.DataFrame:
    """Reciprocity of each relation type, one row per type: a ``learns_from`` tie is returned
    only by a ``learns_from`` tie (see :func:`coproduction.metrics.edges.reciprocity_by_type`).

    Examples
    --------
    >>> import coproduction as cp
    >>> net = cp.examples.load("twam_partners_2013")
    >>> round(float(cp.metrics.reciprocity_by_type(net).loc["learns_from", "edgewise"]), 3)
    0.667
    """
    ids, _, _, _ = layer_edges(net, None, include_objects=include_objects)
    table = net.relations
    source = ids.get_indexer(pd.Index(table["source"]))
    target = ids.get_indexer(pd.Index(table["target"]))
    kept = (source >= 0) & (target >= 0)  # relations of objects left out
    graph = Vertices(len(ids), source[kept].astype(np.int64), target[kept].astype(np.int64), ids)
    return _relations.reciprocity_by_type_of(graph, table["type"].to_numpy(dtype=object)[kept])


@reads_network
def hierarchy(net: Network, *, layer: Layer = None, scale: Scale = None,
              include_objects: bool = False) -> pd.Series:
    """Krackhardt's (1994) four dimensions of a layer: connectedness, hierarchy, efficiency
    and least-upper-boundedness, each in [0, 1]; an out-tree (a pure chain of command)
    scores 1 on all four. See :func:`coproduction.metrics.edges.hierarchy`."""
    graph, _ = _layer(net, layer, include_objects, scale)
    return _relations.hierarchy_of(graph, True)


@reads_network
def ei_index(net: Network, by: GroupBy, *, layer: Layer = None, scale: Scale = None,
             directed: bool = True, weighted: bool = False, include_objects: bool = False,
             ties: str = "all") -> _relations.EIIndex:
    """Krackhardt & Stern's (1988) E-I index of a layer for a grouping: (external - internal)
    / (external + internal) ties, in [-1, 1]; -1 when partners only talk among themselves.

    ``by`` is a stakeholder column (``"role"``, ``"convenor"`` for convenor and partner,
    ``"expertise"``, ...), a Series indexed by stakeholder id or a dict of id to group; a
    missing value is the group ``"not coded"``. Returns
    :class:`coproduction.metrics.edges.EIIndex` with the whole network, each group and each
    stakeholder (see :func:`coproduction.metrics.edges.ei_index`).

    Examples
    --------
    >>> import coproduction as cp
    >>> net = cp.examples.load("twam_partners_2013")
    >>> result = cp.metrics.ei_index(net, "convenor", layer="learns_from")
    >>> list(result.groups.index)
    ['convenor', 'partner']
    """
    graph, weight = _layer(net, layer, include_objects, scale)
    grouping = resolve_groups(by, graph.index, net=net, name="group")
    return _relations.ei_index_of(graph, weight if weighted else None, grouping, directed, ties)


@reads_network
def brokerage(net: Network, by: GroupBy, *, layer: Layer = None, scale: Scale = None,
              include_objects: bool = False) -> _relations.Brokerage:
    """Gould & Fernandez's (1989) brokerage roles on a directed layer for a grouping:
    coordinator, itinerant broker, representative, gatekeeper, liaison, counted per
    stakeholder, with expected counts and z-scores as R's sna computes them (the front-line
    staff of *Co-Producing Health and Wellbeing Programmes in the Museum* broker between
    service users and institutions). ``by`` as for :func:`ei_index`. Returns
    :class:`coproduction.metrics.edges.Brokerage`."""
    graph, _ = _layer(net, layer, include_objects, scale)
    grouping = resolve_groups(by, graph.index, net=net, name="group")
    return _relations.brokerage_of(graph, grouping, True)


@reads_network
def constraint(net: Network, *, layer: Layer = None, scale: Scale = None, directed: bool = True,
               weighted: bool = False, include_objects: bool = False) -> pd.Series:
    """Burt's (1992) constraint of each stakeholder on a layer (low: ties to otherwise
    unconnected others, a broker's position). Matches NetworkX's ``constraint``."""
    graph, weight = _layer(net, layer, include_objects, scale)
    return _relations.burt_of("constraint", graph, weight if weighted else None, directed)


@reads_network
def effective_size(net: Network, *, layer: Layer = None, scale: Scale = None,
                   directed: bool = True,
                   weighted: bool = False, include_objects: bool = False) -> pd.Series:
    """Burt's (1992) effective size of each stakeholder's ego network on a layer (the number
    of non-redundant contacts). Matches NetworkX's ``effective_size``."""
    graph, weight = _layer(net, layer, include_objects, scale)
    return _relations.burt_of("effective_size", graph, weight if weighted else None, directed)


#: What each column of :func:`summary` says, in one line.
SUMMARY_READINGS: Dict[str, str] = {
    "stakeholders": "stakeholders in the layer (objects left out)",
    "relations": "relations of the layer's types",
    "density": "share of ordered pairs joined by at least one relation of the layer",
    "reciprocity": "share of ties returned; 1 = every relation runs both ways",
    "degree_centralization": "total degree, direction kept: 1 = a star; 0 = ties spread evenly",
    "betweenness_centralization": "1 = all paths run through one broker; 0 = no gatekeeper",
    "closeness_centralization": "1 = one stakeholder is close to all and the rest far apart",
    "connectedness": "share of pairs joined by some path, ignoring direction (Krackhardt)",
    "hierarchy": "share of reachable pairs that cannot reach back: 1 = a chain of command",
    "efficiency": "1 = no redundant ties beyond what holds the layer together",
    "lub": "least upper boundedness: 1 = every pair has a common superior",
}

# The Krackhardt dimensions under their column names in the summary.
_DIMENSIONS = (("connectedness", "connectedness"), ("hierarchy", "hierarchy"),
               ("efficiency", "efficiency"), ("least_upper_boundedness", "lub"))


@reads_network
def summary(net: Network, layers: Optional[Mapping[str, Layer]] = None, *,
            scale: Scale = None, include_objects: bool = False) -> pd.DataFrame:
    """Every graph-level measure, one row per layer.

    Parameters
    ----------
    net : Network
    layers : dict of name to layer, optional
        The layers to measure. By default: every relation together (``"all"``), then each
        relation type on its own.
    scale : str or iterable of str, optional
        Read every layer at these scales only (see :func:`layer_edges`).
    include_objects : bool, default False

    Returns
    -------
    pandas.DataFrame
        Indexed by layer name, with the columns of :data:`SUMMARY_READINGS` (directed
        measures on the simple graph of the layer, parallel relations one tie;
        centralizations of total degree, betweenness and in-closeness).

    Examples
    --------
    >>> import coproduction as cp
    >>> table = cp.metrics.summary(cp.examples.load("twam_partners_2013"))
    >>> list(table.columns) == list(cp.metrics.SUMMARY_READINGS)
    True
    """
    if layers is None:
        types = sorted(net.relations["type"].unique())
        layers = {"all": None, **{t: [t] for t in types}}  # one layer per relation type
    rows = {}
    for name, layer in layers.items():  # a handful of layers; every measure runs in the core
        graph, _ = _layer(net, layer, include_objects, scale)
        n = graph.n
        dims = _relations.hierarchy_of(graph, True) if n else None
        row: Dict[str, float] = {
            "stakeholders": n,
            "relations": len(graph.source),
            "density": float(_core.metrics.density(n, graph.source, graph.target, True)),
            "reciprocity": _relations.reciprocity_of(graph),
        }
        for measure in ("degree", "betweenness", "closeness"):
            row[f"{measure}_centralization"] = (
                _centrality.centralization_of(graph, measure=measure) if n > 2 else np.nan)
        for key, column in _DIMENSIONS:
            row[column] = float(dims[key]) if dims is not None else np.nan
        rows[name] = row
    table = pd.DataFrame.from_dict(rows, orient="index")
    table.index.name = "layer"
    return table[list(SUMMARY_READINGS)]


def __dir__() -> List[str]:
    return list(__all__)
