"""The one reading of a graph given as edge arrays, shared by every function of
``cp.metrics.edges``.

``source`` and ``target`` hold one entry per edge. ``nodes`` says what the vertices are:

- a sequence of ids: the endpoints are ids from it, and the result is indexed by it (a
  vertex with no edge still counts);
- an int ``n``: the endpoints are integer positions ``0 .. n-1``;
- None: integer positions, and ``max(source, target) + 1`` vertices.

Per-vertex results are indexed by the ids (or by position), and the index is named
``"stakeholder"``, as every per-stakeholder result of the package is. The checks that need
the data (positions in range, weights finite and positive, arrays of one length) are the core's
own; this module turns ids into positions and refuses what the core would read wrongly (float
positions, which numpy would truncate, and text weights).
"""

from __future__ import annotations

from typing import Any, List, Optional, Sequence, Union, cast

import numpy as np
import pandas as pd

from .._errors import input_error
from .._groups import Grouping, resolve_groups
from .._items import as_items

__all__ = ["INDEX_NAME", "Nodes", "Vertices", "vertices", "weights", "groups", "require_directed",
           "one_dimensional"]

#: The name of the index of every per-stakeholder result.
INDEX_NAME = "stakeholder"

#: What ``nodes=`` may be.
Nodes = Union[int, Sequence[Any], pd.Index, None]

_Array = np.ndarray[Any, Any]


class Vertices:
    """A graph's vertex count, its edges as positions and the index of per-vertex results."""

    __slots__ = ("n", "source", "target", "index")

    def __init__(self, n: int, source: _Array, target: _Array, index: pd.Index) -> None:
        self.n = n
        self.source = source
        self.target = target
        self.index = index

    def series(self, values: Any, name: str) -> "pd.Series[float]":
        """One float per vertex, indexed by the vertices."""
        return pd.Series(np.asarray(values, dtype=np.float64), index=self.index, name=name)


def one_dimensional(values: Any, where: str) -> _Array:
    """``values`` as a numpy array, refused (naming ``where``) unless it is one-dimensional."""
    array = np.asarray(values)
    if array.ndim != 1:
        raise input_error(where, f"must be one-dimensional, got shape {array.shape}")
    return array


def _positions(values: _Array, where: str) -> _Array:
    if values.size == 0:
        return np.zeros(0, dtype=np.int64)
    if values.dtype.kind not in "iu":
        raise input_error(where, "must hold integer vertex positions when nodes is not a list "
                                 f"of ids (got dtype {values.dtype})")
    return np.ascontiguousarray(values, dtype=np.int64)


def vertices(source: Any, target: Any, nodes: Nodes) -> Vertices:
    """The vertices and the edges as positions, under the module's convention.

    Raises
    ------
    coproduction.InputError
        ``where`` is ``source`` or ``target`` (not one-dimensional, not integers without ids,
        an id not in ``nodes``, arrays of different lengths) or ``nodes`` (a negative count,
        repeated ids).
    """
    src = one_dimensional(source, "source")
    tgt = one_dimensional(target, "target")
    if len(src) != len(tgt):
        raise input_error("target", f"has {len(tgt)} entries but source has {len(src)}")
    if nodes is None or (isinstance(nodes, (int, np.integer)) and not isinstance(nodes, bool)):
        s = _positions(src, "source")
        t = _positions(tgt, "target")
        if nodes is None:
            n = int(max(s.max(initial=-1), t.max(initial=-1))) + 1
        else:
            n = int(nodes)
            if n < 0:
                raise input_error("nodes", f"a vertex count must be >= 0, got {n}")
        return Vertices(n, s, t, pd.RangeIndex(n, name=INDEX_NAME))
    index = pd.Index(cast(Any, as_items(nodes)), name=INDEX_NAME)  # a lone str is one vertex
    if not index.is_unique:
        repeated = index[index.duplicated()].unique()
        raise input_error("nodes", f"ids must be unique; repeated: {list(repeated)[:5]}")
    s = index.get_indexer(pd.Index(src))
    t = index.get_indexer(pd.Index(tgt))
    for where, raw, pos in (("source", src, s), ("target", tgt, t)):
        missing = np.flatnonzero(pos < 0)
        if missing.size:
            raise input_error(
                where, f"edge {int(missing[0])} names {raw[missing[0]]!r}, which is not in nodes"
            )
    return Vertices(len(index), s.astype(np.int64), t.astype(np.int64), index)


def weights(weight: Any) -> Optional[_Array]:
    """Edge weights as float64 (None stays None); the core checks their values and length."""
    if weight is None:
        return None
    w = one_dimensional(weight, "weight")
    if w.size and w.dtype.kind not in "iuf":
        raise input_error("weight", f"must be numbers, got dtype {w.dtype}")
    return np.ascontiguousarray(w, dtype=np.float64)


def groups(labels: Any, index: pd.Index) -> Grouping:
    """Group codes of the vertices, numbered in order of first appearance (as the core numbers
    groups): one label per vertex, or a Series or dict keyed by vertex id."""
    return resolve_groups(labels, index, sort=False, name="group", where="groups")


def require_directed(directed: bool, what: str) -> None:
    if not directed:
        raise input_error(
            "directed", f"{what} needs a directed graph: in an undirected one every tie is mutual"
        )


def __dir__() -> List[str]:
    return list(__all__)

