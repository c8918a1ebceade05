"""Measures of where power sits, on any layer of a network.

- **Inequality** of any per-stakeholder quantity (decision power, a centrality, pay, seats):
  :func:`gini`, :func:`theil`, :func:`mld`, :func:`atkinson`, :func:`palma`, :func:`hhi`,
  :func:`parity_ratio` and the rest, with exact decompositions by any grouping.
- **Centrality and centralization** on a layer: :func:`centrality`, :func:`centralization`.
- **Relationship structure** on a layer: :func:`reciprocity`, :func:`dyad_census`,
  :func:`vertex_reciprocity`, :func:`reciprocity_by_type`, :func:`hierarchy` (Krackhardt's
  four dimensions), :func:`ei_index`, :func:`brokerage`, :func:`constraint`,
  :func:`effective_size`.
- **One table**: :func:`summary`, every graph-level measure per layer.
- :mod:`coproduction.metrics.edges`: every graph measure above, under the same name, on a
  graph given as edge arrays instead of a Network.

A *layer* is a set of relation types (``layer=["informs", "consults"]``; None takes every
relation). Collection objects (stakeholders of kind ``object``) are left out of a measure
unless ``include_objects=True``. Per-stakeholder results are pandas objects indexed by
stakeholder id, in an index named ``"stakeholder"``. A grouping ``by=`` is a stakeholder
column (``"role"``, ``"convenor"``, ...), a Series indexed by stakeholder id or a dict; a
missing value forms the group ``"not coded"``. ``docs/metrics.md`` gives each measure's
formula, range, reading for a partnership, normalisation and reference.

>>> import coproduction as cp
>>> net = cp.examples.load("twam_partners_2013")
>>> cp.metrics.centrality(net, "degree", layer="learns_from").index.name
'stakeholder'
"""

from __future__ import annotations

from typing import List

from . import edges
from ._inequality import (
    InequalityDecomposition,
    atkinson,
    effective_number,
    entropy,
    generalized_entropy,
    gini,
    hhi,
    hoover,
    mld,
    mld_decomposition,
    palma,
    parity_ratio,
    theil,
    theil_decomposition,
)
from ._network import (
    SUMMARY_READINGS,
    Layer,
    brokerage,
    centrality,
    centralization,
    constraint,
    dyad_census,
    effective_size,
    ei_index,
    hierarchy,
    layer_edges,
    reciprocity,
    reciprocity_by_type,
    summary,
    vertex_reciprocity,
)

__all__ = [
    # inequality of a per-stakeholder quantity
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
    # measures of a layer of a network
    "Layer",
    "layer_edges",
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
    # the same graph measures on edge arrays
    "edges",
]

# Functions and classes show this module as their home (in help(), reprs and doctest), the
# public path a user imports them from.
for _name in __all__:
    _object = globals()[_name]
    if callable(_object) and hasattr(_object, "__module__") and _name != "Layer":
        _object.__module__ = __name__
del _name, _object


def __dir__() -> List[str]:
    return list(__all__)
