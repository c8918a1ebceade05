"""A network as a Kumu blueprint: the JSON that Kumu (kumu.io) imports as a map.

Kumu's documented import format (docs.kumu.io, "JSON / Blueprints") is an object with
``elements`` and ``connections``; an element has a ``label``, optionally an ``id`` (which
connections then name in ``from`` and ``to``), a ``type`` and any fields of its own; a
connection has ``from``, ``to``, a ``type``, a ``direction`` (``directed``, ``undirected``
or ``mutual``) and fields. A Kumu map is shared, so free text stays out unless asked for.
"""

from __future__ import annotations

import os
from typing import Any, Dict, List, Optional, overload

from .. import _core
from .._checks import network_core
from .._errors import input_error
from ..network import Network, PathLike, _indent
from ._graph import _flag

__all__ = ["to_kumu"]


@overload
def to_kumu(net: Network, path: None = ..., *, layer: Any = ..., scale: Any = ...,
            include_objects: bool = ..., show_labels: bool = ...,
            indent: Optional[int] = ...) -> Dict[str, Any]: ...


@overload
def to_kumu(net: Network, path: PathLike, *, layer: Any = ..., scale: Any = ...,
            include_objects: bool = ..., show_labels: bool = ...,
            indent: Optional[int] = ...) -> None: ...


def to_kumu(net: Network, path: Optional[PathLike] = None, *, layer: Any = None,
            scale: Any = None, include_objects: bool = True, show_labels: bool = False,
            indent: Optional[int] = 2) -> Optional[Dict[str, Any]]:
    """The network as a Kumu blueprint, to show the map in Kumu.

    Parameters
    ----------
    net : Network
    path : str or os.PathLike, optional
        Write the blueprint there (UTF-8 JSON, atomically: the old file or the new one,
        never half of one) and return None. None: return it as a dict.
    layer, scale, include_objects
        Show only a layer, as :func:`to_networkx` chooses one.
    show_labels : bool, default False
        Show free text as well: each element's label (its id when it has none), the
        relations' provenance (reported_by, date, method), and the ``attributes`` of both,
        as JSON text. By default an element is labelled with its id, and only ids, kinds,
        roles, the package's categories and numbers are written: a map on Kumu is shared,
        and free text may name people.
    indent : int or None, default 2
        Spaces per level of the file; None writes one line.

    Returns
    -------
    dict or None
        ``{"elements": [...], "connections": [...]}``:

        - an element per stakeholder: ``id`` (the stakeholder id), ``label``, ``type`` (its
          kind: person, group, organisation, object) and the fields that are given among
          role, sector, expertise, under_served, paid, convenor, size, influence;
        - a connection per relation: ``id`` (the JSON text ``[source, type, target]``,
          unique and stable, so that importing again updates the map rather than
          duplicating it), ``from`` and ``to`` (stakeholder ids), ``type`` (the relation
          type), ``direction`` ``"directed"``, ``weight`` (1 where not given, as the
          measures read it) and ``scale`` when given.

        Decisions, rights and projects have no place in a Kumu map and are left out.

    Raises
    ------
    InputError
        ``net`` is not a Network; a bad layer or scale; ``path`` is not a path; a bad
        ``indent``.
    OSError
        The file cannot be written (an old file is left untouched).

    Examples
    --------
    >>> import coproduction as cp
    >>> net = cp.examples.load("twam_partners_2013")
    >>> blueprint = cp.to_kumu(net)
    >>> blueprint["elements"][1]
    {'id': 'twam_outreach', 'label': 'twam_outreach', 'type': 'group', 'role': 'museum_staff',
     'sector': 'museum', 'expertise': 'learnt', 'paid': True, 'convenor': True, 'size': 4,
     'influence': 5.0}
    >>> blueprint["connections"][0]
    {'id': '["twam_outreach","member_of","twam"]', 'from': 'twam_outreach', 'to': 'twam',
     'type': 'member_of', 'direction': 'directed', 'weight': 1.0, 'scale': 'institution'}
    """
    if not isinstance(show_labels, bool):
        raise input_error("show_labels", f"True or False, not {show_labels!r}")
    spaces = _indent(indent)
    if path is not None and not isinstance(path, (str, os.PathLike)):
        raise input_error("path", f"a path (str or os.PathLike) or None, not "
                                  f"{type(path).__name__}")
    from ..metrics._network import _words  # the metrics import the io package: not at the top

    core = network_core(net)
    types = None if layer is None else _words(layer, "layer", "relation type")
    scales = None if scale is None else _words(scale, "scale", "scale")
    include = _flag(include_objects, "include_objects")
    # The core makes the blueprint (io/kumu.hpp): its loops over stakeholders and relations
    # are the C++ library's, and a C++ program gets the same map.
    if path is None:
        return _core.io.kumu_blueprint(core, types=types, scales=scales,
                                       include_objects=include, show_labels=show_labels)
    _core.io.write_kumu(core, os.fspath(path), types=types, scales=scales,
                        include_objects=include, show_labels=show_labels, indent=spaces)
    return None


def __dir__() -> List[str]:
    return list(__all__)
