"""GraphML and GEXF 1.3, read and written by the C++ core (``coproduction/io/graphml.hpp``,
``coproduction/io/gexf.hpp``; the format is described in ``docs/formats.md``).

A network written in either format reads back equal to itself, every field, attribute,
project and decision included; NetworkX, igraph and Gephi read the files with every field
and every parallel relation. The readers treat a file as hostile: no DTD, no entities beyond
XML's five, limits on size, nesting and attributes, and every problem reported with its line.
"""

from __future__ import annotations

import io
import math
import os
from typing import TYPE_CHECKING, Any, Callable, Mapping, Optional, Tuple, Union

import numpy as np
import pandas as pd

from .. import _core
from .._errors import input_error
from ..network import Network

if TYPE_CHECKING:
    from ..timeline import Timeline

__all__ = [
    "read_graphml",
    "write_graphml",
    "read_gexf",
    "write_gexf",
    "DEFAULT_RELATION_TYPE",
    "XML_MAX_DEPTH",
    "XML_MAX_BYTES",
]

#: The type of an edge that a file written elsewhere gives none (no ``type``, ``kind`` or
#: ``label``).
DEFAULT_RELATION_TYPE: str = _core.io.DEFAULT_RELATION_TYPE
#: Limits of the readers: nesting of elements (the root being level 1) and document size in
#: bytes. One attribute value may hold up to 16 MiB and one element up to 256 attributes.
XML_MAX_DEPTH: int = _core.io.XML_MAX_DEPTH
XML_MAX_BYTES: int = _core.io.XML_MAX_BYTES

PathLike = Union[str, "os.PathLike[str]"]
Source = Union[PathLike, str, bytes, io.IOBase]
Positions = Union[pd.DataFrame, Mapping[str, Tuple[float, float]]]


def _whole(value: object, where: str) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or int(value) < 1:
        raise input_error(where, f"must be a whole number of at least 1, not {value!r}")
    return int(value)


def _read(source: Source, what: str, from_text: Callable[..., Any], from_file: Callable[..., Any],
          default_type: str, max_depth: int, max_bytes: int) -> Network:
    if not isinstance(default_type, str):
        raise input_error("default_type", f"must be a relation type (a str), not {default_type!r}")
    options = {"default_type": default_type, "max_depth": _whole(max_depth, "max_depth"),
               "max_bytes": _whole(max_bytes, "max_bytes")}
    if hasattr(source, "read"):
        data = source.read()
        if isinstance(data, str):
            data = data.encode("utf-8")
        if not isinstance(data, (bytes, bytearray)):
            raise input_error("source", f"a file that reads text or bytes, not {type(data).__name__}")
        return Network._wrap(from_text(bytes(data), **options))
    if isinstance(source, (bytes, bytearray)):
        return Network._wrap(from_text(bytes(source), **options))
    if isinstance(source, str) and source.lstrip("\ufeff \t\r\n")[:1] == "<":
        return Network._wrap(from_text(source.encode("utf-8"), **options))
    if isinstance(source, (str, os.PathLike)):
        path = os.fspath(source)
        if not os.path.exists(path):
            raise FileNotFoundError(2, "No such file", path)
        return Network._wrap(from_file(path, **options))
    raise input_error("source", f"a path, {what} text, bytes or a file, not {type(source).__name__}")


def _network(net: object) -> Network:
    if not isinstance(net, Network):
        raise input_error("net", f"a coproduction.Network, not {type(net).__name__}")
    return net


def read_graphml(source: Source, *, default_type: str = DEFAULT_RELATION_TYPE,
                 max_depth: int = XML_MAX_DEPTH, max_bytes: int = XML_MAX_BYTES) -> Network:
    """Read a network from GraphML: a file, GraphML text, bytes, or an open file.

    Reads what :func:`write_graphml` writes back exactly, and GraphML written by other tools
    (NetworkX, igraph, Gephi, yEd): nodes become stakeholders (``kind`` from a key of that
    name, else ``"person"``), edges relations (the type from a ``type`` key, else ``kind``,
    else ``label``, else ``default_type``), other keys attributes with their declared types
    and the graph's other keys metadata. An undirected edge is a tie both ways: two
    relations, one each way (docs/formats.md).

    Parameters
    ----------
    source : path, str, bytes or file
        A path, GraphML text (a ``str`` whose first non-blank character is ``<``), bytes, or
        an object with ``read()``.
    default_type : str
        The type of an edge that gives none.
    max_depth : int
        Deepest nesting of elements accepted (the root is level 1; default 256).
    max_bytes : int
        Largest document accepted (default 1 GiB).

    Returns
    -------
    Network

    Raises
    ------
    FormatError
        The document is not well-formed XML, holds a document type declaration (refused, so
        no entity is ever expanded or fetched), an unknown entity, a reference to a character
        XML does not allow, text that is not UTF-8, or passes a limit: one problem, at the
        first such place. Otherwise every problem of GraphML or of the model at once (values
        not of their declared type, keys no one declared, unknown stakeholders, repeated
        relations, ...). Each problem's ``pointer`` is ``"line L, column C"``.
    OSError
        The file cannot be read.

    Examples
    --------
    >>> import coproduction as cp
    >>> text = '''<graphml xmlns="http://graphml.graphdrawing.org/xmlns">
    ...   <key id="t" for="edge" attr.name="type" attr.type="string"/>
    ...   <graph edgedefault="directed">
    ...     <node id="outreach"/><node id="womens_group"/>
    ...     <edge source="womens_group" target="outreach"><data key="t">learns_from</data></edge>
    ...   </graph>
    ... </graphml>'''
    >>> cp.read_graphml(text)
    <coproduction.Network: 2 stakeholders (2 person), 1 relation (1 learns_from), 0 projects, 0 decisions>
    """
    return _read(source, "GraphML", _core.io.read_graphml_text, _core.io.read_graphml_file,
                 default_type, max_depth, max_bytes)


def write_graphml(net: Network, path: PathLike) -> None:
    """Write a network as GraphML to ``path``, atomically.

    Stakeholders are nodes whose id is the stakeholder's id; relations directed edges with
    the ids ``r0``, ``r1``, ... in relation order, so parallel relations of different types
    stay apart. Each field is a value of a key with one declared type (``boolean``, ``int``,
    ``long``, ``double``, ``string``); a missing value is left out (never ``"None"``). A free
    attribute whose values all share a type gets a key of its own, of the widest type its
    values need; the others travel as JSON text in the key ``attributes``. The graph's
    ``coproduction`` value is the JSON document of the rest (metadata, projects, decisions).
    The text goes to a temporary file beside ``path``, then replaces it: a reader sees the old
    file or the new one, never half of one.

    Parameters
    ----------
    net : Network
    path : str or os.PathLike

    Raises
    ------
    FormatError
        An id, label, role, sector, reporter or method holds a character XML 1.0 cannot hold
        (a control character other than tab, line feed and carriage return, U+FFFE, U+FFFF;
        the JSON format holds them): every such place, as ``/stakeholders/3/label``. Nothing
        is written.
    OSError
        The file cannot be written (the old file, if any, is untouched).
    """
    _core.io.write_graphml(_network(net)._core, os.fspath(path))


def read_gexf(source: Source, *, default_type: str = DEFAULT_RELATION_TYPE,
              max_depth: int = XML_MAX_DEPTH, max_bytes: int = XML_MAX_BYTES) -> Network:
    """Read a network from GEXF (1.1, 1.2 or 1.3): a file, GEXF text, bytes, or an open file.

    Reads what :func:`write_gexf` writes back exactly, and GEXF written by other tools
    (Gephi, Gephi Lite, NetworkX), as :func:`read_graphml` does: an edge's type is its
    ``kind``, else a ``type`` value, else its ``label``, else ``default_type``; undirected and
    mutual edges are ties both ways. ``viz`` elements (positions, colours) are drawing hints
    and are skipped; dynamic GEXF (spells, start and end) and hierarchies are refused with a
    problem at their line.

    Parameters and Raises are those of :func:`read_graphml`.

    Examples
    --------
    >>> import coproduction as cp
    >>> text = '''<gexf xmlns="http://gexf.net/1.3" version="1.3">
    ...   <graph defaultedgetype="directed">
    ...     <nodes><node id="outreach" label="Outreach team"/><node id="nhs"/></nodes>
    ...     <edges>
    ...       <edge id="r0" source="nhs" target="outreach" kind="funds" weight="2"/>
    ...       <edge id="r1" source="nhs" target="outreach" kind="commissions"/>
    ...     </edges>
    ...   </graph>
    ... </gexf>'''
    >>> net = cp.read_gexf(text)
    >>> net.relations[["source", "target", "type", "weight"]]
      source    target         type  weight
    0    nhs  outreach        funds     2.0
    1    nhs  outreach  commissions     1.0
    """
    return _read(source, "GEXF", _core.io.read_gexf_text, _core.io.read_gexf_file,
                 default_type, max_depth, max_bytes)


def _positions(net: Network, positions: Optional[Positions]) -> Optional[np.ndarray]:
    """The (n, 2) array of positions in vertex order, NaN for a stakeholder not placed."""
    if positions is None:
        return None
    ids = list(net.stakeholders.index)
    where = {sid: i for i, sid in enumerate(ids)}
    xy = np.full((len(ids), 2), math.nan)
    if isinstance(positions, pd.DataFrame):
        if not {"x", "y"} <= set(positions.columns):
            raise input_error("positions", "a DataFrame needs columns x and y "
                                           "(as cp.layout.positions gives them)")
        items = zip(positions.index, zip(positions["x"], positions["y"]))
    elif isinstance(positions, Mapping):
        items = positions.items()  # type: ignore[assignment]
    else:
        raise input_error("positions", "a DataFrame with columns x and y indexed by stakeholder "
                                       f"id, or a mapping of id to (x, y), not {type(positions).__name__}")
    for sid, point in items:
        if sid not in where:
            raise input_error("positions", f"{sid!r} is not a stakeholder of the network")
        try:
            x, y = (float(v) for v in point)
        except (TypeError, ValueError):
            raise input_error("positions", f"the position of {sid!r} is not two numbers: "
                                           f"{point!r}") from None
        if math.isinf(x) or math.isinf(y):
            raise input_error("positions", f"the position of {sid!r} is infinite")
        xy[where[sid]] = (x, y)
    return xy


def write_gexf(net: Union[Network, "Timeline"], path: PathLike, *,
               positions: Optional[Positions] = None) -> None:
    """Write a network as GEXF 1.3 to ``path``, atomically.

    As :func:`write_graphml`, with GEXF's own conventions: the stakeholder's label is the
    node's ``label``; a relation's type is the edge's ``kind`` (GEXF 1.3's way of keeping
    parallel edges of different types apart, which Gephi follows) and also a ``type`` value
    (which NetworkX reads); its weight, when given, is the edge's ``weight``. Attribute ids
    are their titles, as Gephi Lite names attributes by id. The meta ``description`` holds
    the JSON document of the rest.

    Parameters
    ----------
    net : Network or Timeline
        A :class:`~coproduction.Timeline` is written as one dynamic GEXF file, as
        :meth:`Timeline.write_gexf` writes it.
    path : str or os.PathLike
    positions : DataFrame or mapping, optional
        Where to draw each stakeholder: a DataFrame with columns ``x`` and ``y`` indexed by
        stakeholder id, as :func:`coproduction.layout.positions` gives it, or a mapping of id
        to ``(x, y)``. Each stakeholder with a position gets a ``viz:position``, and every
        stakeholder a ``viz:color`` by role (the colours of the notebook drawing). A
        stakeholder left out, or at NaN, is not placed.

    Raises
    ------
    FormatError
        As :func:`write_graphml`.
    InputError
        ``positions`` of another shape, naming an unknown stakeholder, or infinite.
    OSError
        The file cannot be written (the old file, if any, is untouched).

    Examples
    --------
    >>> import os, tempfile
    >>> import coproduction as cp
    >>> net = cp.examples.load("twam_partners_2013")
    >>> folder = tempfile.TemporaryDirectory()
    >>> path = os.path.join(folder.name, "twam.gexf")
    >>> cp.write_gexf(net, path, positions=cp.layout.positions(net, seed=1))
    >>> cp.read_gexf(path) == net
    True
    >>> folder.cleanup()
    """
    from ..timeline import Timeline as _Timeline  # imported here: timeline imports the network

    if isinstance(net, _Timeline):  # one dynamic GEXF file of every wave: Timeline.write_gexf
        if positions is not None:
            raise input_error("positions", "a timeline is written without positions")
        net.write_gexf(path)
        return
    net = _network(net)
    _core.io.write_gexf(net._core, os.fspath(path), _positions(net, positions))
