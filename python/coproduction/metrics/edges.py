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

from .._exports import claim_home
from . import _centrality, _relations
# The star imports bring in exactly each module's __all__ (and tell a type checker that the
# names are exported); __all__ below is built from the same lists.
from ._centrality import *  # noqa: F403  centrality and Freeman centralization
from ._relations import *  # noqa: F403  reciprocity, hierarchy, E-I index, brokerage, Burt

__all__ = [*_centrality.__all__, *_relations.__all__]

claim_home(__name__, globals(), __all__)


def __dir__() -> List[str]:
    return list(__all__)
