"""Measures of where power sits, on any layer of a network.

- **Inequality** of any per-stakeholder quantity (decision power, a centrality, pay, seats):
  :func:`gini`, :func:`theil`, :func:`mld`, :func:`atkinson`, :func:`palma`, :func:`hhi`,
  :func:`parity_ratio` and the rest, with exact decompositions by any grouping.
- **Centrality and centralization** on a layer: :func:`centrality`, :func:`centralization`.
- **Relationship structure** on a layer: :func:`reciprocity`, :func:`reciprocity_by_type`,
  :func:`hierarchy` (Krackhardt's four dimensions), :func:`ei_index`, :func:`brokerage`,
  :func:`constraint`, :func:`effective_size`.
- **One table**: :func:`summary`, every graph-level measure per layer.

A *layer* is a set of relation types (``layer=["informs", "consults"]``; None takes every
relation). Collection objects (stakeholders of kind ``object``) are left out of a measure
unless ``include_objects=True``. Per-stakeholder results are pandas objects indexed by
stakeholder id. ``docs/metrics.md`` gives each measure's formula, range, reading for a
partnership, normalisation and reference.
"""

from __future__ import annotations

from typing import Any, Dict, Iterable, List, Mapping, Optional, Sequence, Tuple, Union

import numpy as np
import pandas as pd

from . import centrality as _centrality
from . import relations as _relations
from ._errors import input_error
from ._items import as_items
from ._reading import reads_network
from .inequality import *  # noqa: F401,F403
from .inequality import __all__ as _inequality_all
from .network import Network

__all__ = list(_inequality_all) + [
    "Layer",
    "layer_edges",
    "centrality",
    "centralization",
    "reciprocity",
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


@reads_network
def layer_edges(net: Network, layer: Layer = None, *,
                include_objects: bool = False) -> Tuple[pd.Index, np.ndarray, np.ndarray, np.ndarray]:
    """The stakeholders and relations of a layer, as arrays.

    Parameters
    ----------
    net : Network
    layer : str or iterable of str, optional
        Relation types; None takes every relation. A type with no relation in the network
        raises, so a misspelt type is not read as an empty layer.
    include_objects : bool, default False
        Keep stakeholders of kind ``object`` (and their relations).

    Returns
    -------
    ids : pandas.Index
        The stakeholders kept, in insertion order.
    source, target : numpy.ndarray of int64
        Each relation's ends as positions in ``ids``.
    weight : numpy.ndarray of float
        Each relation's weight (1 where not given).

    Raises
    ------
    InputError
        A layer type that no relation has.
    """
    if not isinstance(net, Network):
        raise input_error("net", f"a coproduction.Network, not {type(net).__name__}")
    types: Optional[List[str]]
    if layer is None:
        types = None
    else:
        types = [str(t) for t in as_items(layer)]
    ids, source, target, weight = net._core.layer_edges(types, include_objects)
    return (pd.Index(ids, name="id", dtype=object), np.asarray(source, dtype=np.int64),
            np.asarray(target, dtype=np.int64), np.asarray(weight, dtype=float))


def _grouping(net: Network, by: Union[str, pd.Series], ids: pd.Index) -> np.ndarray:
    """Group labels for the stakeholders ``ids``: a column of ``net.stakeholders`` or a Series
    indexed by stakeholder id. An uncoded value becomes the group ``"(not coded)"``."""
    if isinstance(by, str):
        table = net.stakeholders
        if by not in table.columns:
            raise input_error("by", f"no stakeholder column {by!r}; columns are {list(table.columns)}")
        labels = table[by]
    elif isinstance(by, pd.Series):
        labels = by
    else:
        raise input_error("by", f"a column name or a Series indexed by id, not {type(by).__name__}")
    missing = ids.difference(labels.index)
    if len(missing):
        raise input_error("by", f"no group for stakeholders {list(missing)[:5]}")
    out = labels.reindex(ids).astype(object)
    return np.asarray(out.where(out.notna(), "(not coded)"), dtype=object)


@reads_network
def centrality(net: Network, measure: str, *, layer: Layer = None, directed: bool = True,
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
        ``threads`` (see :func:`coproduction.centrality.centrality_from_edges`).

    Returns
    -------
    pandas.Series
        Indexed by stakeholder id.

    Notes
    -----
    Each measure's default matches NetworkX 3's function of the same name; the tests check
    every measure against NetworkX and igraph. Formulas and references: ``docs/metrics.md``.

    Examples
    --------
    >>> import coproduction as cp
    >>> net = cp.examples.load("twam_partners_2013")
    >>> deg = cp.metrics.centrality(net, "degree", layer="learns_from")
    >>> deg.idxmax()
    'twam_outreach'
    """
    ids, source, target, weight = layer_edges(net, layer, include_objects=include_objects)
    scores = _centrality.centrality_from_edges(
        source, target, weight if weighted else None, measure=measure, nodes=len(ids),
        directed=directed, **options)
    return pd.Series(np.asarray(scores, dtype=float), index=ids, name=measure)


@reads_network
def centralization(net: Network, measure: str, *, layer: Layer = None, directed: bool = True,
                   include_objects: bool = False, mode: Optional[str] = None,
                   threads: int = 0) -> float:
    """Freeman centralization of a layer, normalised by the star graph of the same size.

    Parameters
    ----------
    net : Network
    measure : {"degree", "closeness", "harmonic", "betweenness", "eigenvector"}
    layer, directed, include_objects
        As for :func:`centrality` (centralization is defined on the unweighted graph).
    mode : {"in", "out", "total"}, optional
        Directed degree, closeness and harmonic: which direction counts.

    Returns
    -------
    float
        In [0, 1]: 1 when one stakeholder holds every tie (a star), 0 when all are alike.

    Notes
    -----
    :math:`C = \\sum_v (c^* - c_v) / \\max \\sum_v (c^* - c_v)`, the maximum taken over all
    graphs with the same number of stakeholders, attained by the star (Freeman 1978/79;
    Wasserman & Faust 1994, ch. 5). ``docs/metrics.md`` lists each measure's maximum.
    """
    ids, source, target, _ = layer_edges(net, layer, include_objects=include_objects)
    return float(_centrality.centralization_from_edges(
        source, target, measure=measure, nodes=len(ids), directed=directed, mode=mode,
        threads=threads))


@reads_network
def reciprocity(net: Network, *, layer: Layer = None, measure: str = "edgewise",
                include_objects: bool = False) -> float:
    """Reciprocity of a layer: the share of ties returned (``"edgewise"``, as NetworkX's
    ``overall_reciprocity``) or of tied pairs that are mutual (``"dyadic"``); in [0, 1].

    Seed 002 makes two-way relations a test of co-production; seed 003 calls co-production a
    relationship. See :func:`coproduction.relations.reciprocity`.
    """
    ids, source, target, _ = layer_edges(net, layer, include_objects=include_objects)
    return float(_relations.reciprocity(len(ids), source, target, True, measure=measure))


@reads_network
def reciprocity_by_type(net: Network, *, include_objects: bool = False) -> pd.DataFrame:
    """Reciprocity of each relation type, one row per type (see
    :func:`coproduction.relations.reciprocity_by_type`)."""
    ids, _, _, _ = layer_edges(net, None, include_objects=include_objects)
    table = net.relations
    keep = table["source"].isin(ids) & table["target"].isin(ids)
    table = table[keep]
    position = pd.Series(np.arange(len(ids)), index=ids)
    return _relations.reciprocity_by_type(
        len(ids), position[table["source"]].to_numpy(), position[table["target"]].to_numpy(),
        table["type"].to_numpy(dtype=object), True)


@reads_network
def hierarchy(net: Network, *, layer: Layer = None, include_objects: bool = False) -> pd.Series:
    """Krackhardt's (1994) four dimensions of a layer: connectedness, hierarchy, efficiency
    and least-upper-boundedness, each in [0, 1]; an out-tree (a pure chain of command)
    scores 1 on all four. See :func:`coproduction.relations.krackhardt_dimensions`."""
    ids, source, target, _ = layer_edges(net, layer, include_objects=include_objects)
    return _relations.krackhardt_dimensions(len(ids), source, target, True)


@reads_network
def ei_index(net: Network, by: Union[str, pd.Series], *, layer: Layer = None,
             directed: bool = True, weighted: bool = False, include_objects: bool = False,
             ties: str = "all") -> Any:
    """Krackhardt & Stern's (1988) E-I index of a layer for a grouping: (external - internal)
    / (external + internal) ties, in [-1, 1]; -1 when partners only talk among themselves.

    ``by`` is a stakeholder column (``"role"``, ``"convenor"``, ``"expertise"``, ...) or a
    Series indexed by stakeholder id. Returns :class:`coproduction.relations.EIIndex` with
    the whole network, each group and each stakeholder.
    """
    ids, source, target, weight = layer_edges(net, layer, include_objects=include_objects)
    return _relations.ei_index(len(ids), source, target, weight if weighted else None, directed,
                               groups=_grouping(net, by, ids), ties=ties, ids=ids)


@reads_network
def brokerage(net: Network, by: Union[str, pd.Series], *, layer: Layer = None,
              include_objects: bool = False) -> Any:
    """Gould & Fernandez's (1989) brokerage roles on a directed layer for a grouping:
    coordinator, itinerant broker, representative, gatekeeper, liaison, counted per
    stakeholder, with expected counts and z-scores as R's sna computes them (seed 000:
    front-line staff as brokers). Returns :class:`coproduction.relations.Brokerage`."""
    ids, source, target, _ = layer_edges(net, layer, include_objects=include_objects)
    return _relations.brokerage(len(ids), source, target, True,
                                groups=_grouping(net, by, ids), ids=ids)


@reads_network
def constraint(net: Network, *, layer: Layer = None, directed: bool = True,
               weighted: bool = False, include_objects: bool = False) -> pd.Series:
    """Burt's (1992) constraint of each stakeholder on a layer (low: ties to otherwise
    unconnected others, a broker's position). Matches NetworkX's ``constraint``."""
    ids, source, target, weight = layer_edges(net, layer, include_objects=include_objects)
    return _relations.constraint(len(ids), source, target, weight if weighted else None,
                                 directed, ids=ids)


@reads_network
def effective_size(net: Network, *, layer: Layer = None, directed: bool = True,
                   weighted: bool = False, include_objects: bool = False) -> pd.Series:
    """Burt's (1992) effective size of each stakeholder's ego network on a layer (the number
    of non-redundant contacts). Matches NetworkX's ``effective_size``."""
    ids, source, target, weight = layer_edges(net, layer, include_objects=include_objects)
    return _relations.effective_size(len(ids), source, target, weight if weighted else None,
                                     directed, ids=ids)


#: What each column of :func:`summary` says, in one line.
SUMMARY_READINGS: Dict[str, str] = {
    "stakeholders": "stakeholders in the layer (objects left out)",
    "relations": "relations of the layer's types",
    "density": "share of possible directed ties present",
    "reciprocity": "share of ties returned; 1 = every relation runs both ways",
    "degree_centralization": "1 = one stakeholder holds every tie (a star); 0 = ties spread evenly",
    "betweenness_centralization": "1 = all paths run through one broker; 0 = no gatekeeper",
    "closeness_centralization": "1 = one stakeholder is close to all and the rest far apart",
    "connectedness": "share of pairs joined by some path, ignoring direction (Krackhardt)",
    "hierarchy": "share of reachable pairs that cannot reach back: 1 = a chain of command",
    "efficiency": "1 = no redundant ties beyond what holds the layer together",
    "lub": "least upper boundedness: 1 = every pair has a common superior",
}


@reads_network
def summary(net: Network, layers: Optional[Mapping[str, Layer]] = None, *,
            include_objects: bool = False) -> pd.DataFrame:
    """Every graph-level measure, one row per layer.

    Parameters
    ----------
    net : Network
    layers : dict of name to layer, optional
        The layers to measure. By default: every relation together (``"all"``), then each
        relation type on its own.
    include_objects : bool, default False

    Returns
    -------
    pandas.DataFrame
        Indexed by layer name, with the columns of :data:`SUMMARY_READINGS` (directed
        measures; centralizations of total degree, betweenness and in-closeness).

    Examples
    --------
    >>> import coproduction as cp
    >>> table = cp.metrics.summary(cp.examples.load("twam_partners_2013"))
    >>> list(table.columns) == list(cp.metrics.SUMMARY_READINGS)
    True
    """
    if layers is None:
        types = sorted(set(net.relations["type"]))
        layers = {"all": None, **{t: [t] for t in types}}
    rows = {}
    for name, layer in layers.items():
        ids, source, target, _ = layer_edges(net, layer, include_objects=include_objects)
        n, m = len(ids), len(source)
        dims = _relations.krackhardt_dimensions(n, source, target, True) if n else None
        row: Dict[str, float] = {
            "stakeholders": n,
            "relations": m,
            "density": m / (n * (n - 1)) if n > 1 else np.nan,
            "reciprocity": (float(_relations.reciprocity(n, source, target, True)) if m else np.nan),
        }
        for measure, column in (("degree", "degree_centralization"),
                                ("betweenness", "betweenness_centralization"),
                                ("closeness", "closeness_centralization")):
            row[column] = (float(_centrality.centralization_from_edges(
                source, target, measure=measure, nodes=n, directed=True)) if n > 2 else np.nan)
        for key, column in (("connectedness", "connectedness"), ("hierarchy", "hierarchy"),
                            ("efficiency", "efficiency"), ("least_upper_boundedness", "lub")):
            row[column] = float(dims[key]) if dims is not None else np.nan
        rows[name] = row
    table = pd.DataFrame.from_dict(rows, orient="index")
    table.index.name = "layer"
    return table[list(SUMMARY_READINGS)]
