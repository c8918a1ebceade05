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

from .._exports import claim_home
from . import _inequality, _network, edges
# The star imports bring in exactly each module's __all__ (and tell a type checker that the
# names are exported); __all__ below is built from the same lists.
from ._inequality import *  # noqa: F403  inequality of a per-stakeholder quantity
from ._network import *  # noqa: F403  measures of a layer of a network

__all__ = [*_inequality.__all__, *_network.__all__, "edges"]

claim_home(__name__, globals(), __all__)


def __dir__() -> List[str]:
    return list(__all__)
