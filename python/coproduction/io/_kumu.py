"""A network as a Kumu blueprint: the JSON that Kumu (kumu.io) imports as a map.

Kumu's documented import format (docs.kumu.io, "JSON / Blueprints") is an object with
``elements`` and ``connections``; an element has a ``label``, optionally an ``id`` (which
connections then name in ``from`` and ``to``), a ``type`` and any fields of its own; a
connection has ``from``, ``to``, a ``type``, a ``direction`` (``directed``, ``undirected``
or ``mutual``) and fields. A Kumu map is shared, so free text stays out unless asked for.
"""

from __future__ import annotations

import json
import os
from typing import Any, Dict, List, Optional, overload

from .. import _core
from .._errors import input_error
from ..network import Network, PathLike, _indent
from ._graph import PROVENANCE_FIELDS, Export, collector_paused, export, text_of

__all__ = ["to_kumu"]

#: The stakeholder fields every element carries: the package's categories and numbers, no
#: free text.
ELEMENT_FIELDS = ("role", "sector", "expertise", "under_served", "paid", "convenor", "size",
                  "influence")


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
    with collector_paused():
        blueprint = _blueprint(export(net, layer, scale, include_objects, type_attr="type",
                                      flat=False), show_labels)
    if path is None:
        return blueprint
    text = json.dumps(blueprint, ensure_ascii=False, indent=None if spaces < 0 else spaces)
    _core.write_text(os.fspath(path), text + "\n")
    return None


def _blueprint(records: Export, show_labels: bool) -> Dict[str, Any]:
    """The elements and connections of the records."""
    elements = []
    for id, fields in records.stakeholders:
        element: Dict[str, Any] = {
            "id": id, "label": fields.get("label", id) if show_labels else id,
            "type": fields["kind"]}
        element.update((f, fields[f]) for f in ELEMENT_FIELDS if f in fields)
        if show_labels and "attributes" in fields:
            element["attributes"] = text_of(fields["attributes"])
        elements.append(element)
    connections = []
    for _, source, target, fields in records.relations:
        connection: Dict[str, Any] = {
            "id": json.dumps([source, fields["type"], target], ensure_ascii=False,
                             separators=(",", ":")),
            "from": source, "to": target, "type": fields["type"], "direction": "directed",
            "weight": float(fields.get("weight", 1.0))}
        if "scale" in fields:
            connection["scale"] = fields["scale"]
        if show_labels:
            connection.update((f, fields[f]) for f in PROVENANCE_FIELDS if f in fields)
            if "attributes" in fields:
                connection["attributes"] = text_of(fields["attributes"])
        connections.append(connection)
    return {"elements": elements, "connections": connections}


def __dir__() -> List[str]:
    return list(__all__)
