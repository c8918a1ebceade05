"""Where to draw each stakeholder: positions for a picture of the partnership (Net-Map style).

:func:`positions` lays out a layer of a :class:`~coproduction.Network` by one of two
force-directed methods, computed in the C++ core (``include/coproduction/layout/``):

* ``"fruchterman_reingold"`` (Fruchterman & Reingold 1991): ties pull, every pair pushes;
  memory in proportion to stakeholders plus relations, for any size;
* ``"kamada_kawai"`` (Kamada & Kawai 1989): distances in the picture follow the number of
  ties between two stakeholders; keeps every pair's distance, so a component of more than
  5,792 stakeholders raises :class:`coproduction.LimitError`.

Both lay out each connected component (direction ignored) on its own and pack the drawings,
largest first, in rows, so that isolated stakeholders sit beside the core rather than flying
to the corners; turn each drawing to a canonical orientation (principal axis horizontal, the
first stakeholder on the left), so that a small change of the data does not mirror the
picture; and scale everything into the unit square with a margin. The same ``seed`` gives
the same positions, bit for bit, on every run.
"""

from __future__ import annotations

import numbers
from typing import List, Optional

import pandas as pd

from . import _core
from ._errors import input_error
from .metrics._network import Layer, Scale, layer_edges
from ._reading import reads_network
from .network import Network

__all__ = ["positions", "METHODS"]

#: The layout methods :func:`positions` knows.
METHODS = ("fruchterman_reingold", "kamada_kawai")


def _whole(value: object, where: str, least: int) -> int:
    """A whole number at least ``least`` (booleans refused), or InputError naming ``where``."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise input_error(where, f"must be a whole number, got {value!r}")
    if int(value) < least or int(value) >= 2 ** 64:
        raise input_error(where, f"must be a whole number in [{least}, 2**64), got {value!r}")
    return int(value)


@reads_network
def positions(net: Network, method: str = "fruchterman_reingold", *, layer: Layer = None,
              scale: Scale = None, include_objects: bool = True, seed: int = 0,
              iterations: Optional[int] = None) -> pd.DataFrame:
    """Positions of the stakeholders of a layer, for drawing the partnership.

    Parameters
    ----------
    net : Network
    method : {"fruchterman_reingold", "kamada_kawai"}, default "fruchterman_reingold"
    layer : str or iterable of str, optional
        Relation types (None: every relation), as in ``cp.metrics``.
    scale : str or iterable of str, optional
        Scales of the relations kept (None: any), as in ``cp.metrics``.
    include_objects : bool, default True
        Draw stakeholders of kind ``object`` too (a Net-Map picture shows them).
    seed : int, default 0
        Seed of the starting positions, a whole number in [0, 2**64): the same seed gives
        the same positions, bit for bit.
    iterations : int, optional
        Fruchterman-Reingold: cooling steps (default 500, igraph's). Kamada-Kawai: bound on
        the work, at most ``iterations`` moves per stakeholder (default 100).

    Returns
    -------
    pandas.DataFrame
        Columns ``x`` and ``y``, in [0, 1] (a margin of 0.05 left blank on every side),
        indexed by stakeholder id (index named ``"stakeholder"``) in insertion order.
        Direction and parallel relations are ignored.

    Raises
    ------
    coproduction.InputError
        An unknown ``method``, a ``seed`` or ``iterations`` that is not a whole number in
        range, or a ``layer``/``scale`` the network does not have (``where`` names it).
    coproduction.LimitError
        ``method="kamada_kawai"`` on a component whose all-pairs distances would take more
        than 256 MiB (``where == "n"``); use Fruchterman-Reingold.

    Notes
    -----
    Fruchterman-Reingold: attraction :math:`d^2/k` along each tie, repulsion :math:`k^2/d`
    between every pair (summed through a Barnes-Hut quadtree in components above 1,000
    stakeholders), moves bounded by a linearly cooling temperature; O(iterations (c^2 + m))
    time, or O(iterations (c log c + m)) with the tree.
    Kamada-Kawai: springs of natural length :math:`d_{ij}` (graph distance) and strength
    :math:`1/d_{ij}^2` between every pair, energy lowered one stakeholder at a time by
    Newton-Raphson; O(c^2) memory and O(c) per step for a component of c stakeholders.
    Pictures are for reading structure (who sits between whom, which groups hang together),
    not distances to measure: ``docs/layout.md``.

    References
    ----------
    T. M. J. Fruchterman and E. M. Reingold (1991), "Graph drawing by force-directed
    placement", *Software: Practice and Experience* 21(11), 1129-1164.
    T. Kamada and S. Kawai (1989), "An algorithm for drawing general undirected graphs",
    *Information Processing Letters* 31(1), 7-15.

    Examples
    --------
    >>> import coproduction as cp
    >>> net = cp.examples.load("twam_partners_2013")
    >>> pos = cp.layout.positions(net, seed=1)
    >>> list(pos.columns), pos.index.name
    (['x', 'y'], 'stakeholder')
    >>> bool(((pos >= 0) & (pos <= 1)).all().all())
    True
    """
    if not isinstance(method, str) or method not in METHODS:
        raise input_error("method", f"must be one of {', '.join(METHODS)}; got {method!r}")
    seed = _whole(seed, "seed", 0)
    if iterations is not None:
        iterations = _whole(iterations, "iterations", 1)
    ids, source, target, _ = layer_edges(net, layer, scale=scale,
                                         include_objects=include_objects)
    n = len(ids)
    if method == "fruchterman_reingold":
        xy = _core.layout.fruchterman_reingold(
            n, source, target, seed=seed,
            iterations=500 if iterations is None else iterations)
    else:
        xy = _core.layout.kamada_kawai(
            n, source, target, seed=seed,
            iterations=100 if iterations is None else iterations)
    return pd.DataFrame({"x": xy[:, 0], "y": xy[:, 1]}, index=ids)


def __dir__() -> List[str]:
    return list(__all__)
