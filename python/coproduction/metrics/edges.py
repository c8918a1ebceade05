"""The graph measures of ``cp.metrics`` on a graph given as edge arrays instead of a Network.

Every function here has a twin of the same name in ``cp.metrics`` that takes a
:class:`~coproduction.Network` and a layer (``cp.metrics.centrality(net, "degree",
layer="informs")``) and reads that layer into these arrays. Use this module for a graph that
is not a Network: one read from another tool, a null model, a simulation.

One convention for every function:

- ``source``, ``target``: the edges' endpoints, one entry per edge; then ``weight`` (one finite
  positive number per edge, or None) for the measures that use weights.
- ``nodes=``: the vertices. A sequence of ids: the endpoints are ids from it and per-vertex
  results are indexed by it (a vertex with no edge still counts). An int ``n``: the endpoints
  are integer positions ``0 .. n-1``. None (the default): integer positions and
  ``max(source, target) + 1`` vertices.
- ``directed=True``; False reads every edge as a tie both ways.
- Per-vertex results are pandas objects whose index is named ``"stakeholder"``.
- Measures by group take ``groups=``: one label per vertex in order, or a Series or dict
  keyed by vertex id; a missing label is the group ``"not coded"``.
- The computations run in the compiled core with the GIL released; the core checks every
  array and raises :class:`~coproduction.InputError` naming the argument (``source``,
  ``target``, ``weight``, ``nodes``, ``groups``, ...).

>>> from coproduction.metrics import edges
>>> edges.reciprocity(["museum", "outreach"], ["outreach", "museum"],
...                   nodes=["museum", "outreach", "womens_group"])
1.0
"""

from __future__ import annotations

from typing import List

from ._centrality import (
    CENTRALIZATION_MEASURES,
    MEASURES,
    centrality,
    centralization,
    centralization_from_scores,
    centralization_maximum,
)
from ._relations import (
    KRACKHARDT_DIMENSIONS,
    RECIPROCITY_MEASURES,
    ROLES,
    Brokerage,
    EIIndex,
    brokerage,
    constraint,
    dyad_census,
    effective_size,
    ei_index,
    hierarchy,
    reciprocity,
    reciprocity_by_type,
    vertex_reciprocity,
)

__all__ = [
    "MEASURES",
    "CENTRALIZATION_MEASURES",
    "RECIPROCITY_MEASURES",
    "KRACKHARDT_DIMENSIONS",
    "ROLES",
    "EIIndex",
    "Brokerage",
    "centrality",
    "centralization",
    "centralization_from_scores",
    "centralization_maximum",
    "reciprocity",
    "dyad_census",
    "vertex_reciprocity",
    "reciprocity_by_type",
    "hierarchy",
    "ei_index",
    "brokerage",
    "constraint",
    "effective_size",
]

# Functions and classes show this module as their home (in help(), reprs and doctest), the
# public path a user imports them from.
for _name in __all__:
    _object = globals()[_name]
    if hasattr(_object, "__module__") and callable(_object):
        _object.__module__ = __name__
del _name, _object


def __dir__() -> List[str]:
    return list(__all__)
