"""What the conversions to and from graph libraries share.

Out: a network (or a layer of it) as records, one per stakeholder and one per relation, each
holding the fields the JSON document gives it and no others, so that a field that was not
given stays absent; and the rest of the document (metadata, projects, decisions) as the
graph's data. The records come from the document itself (``to_json``), not from the tables,
because the tables show a weight that was not given as 1 and the document does not.

In: records of nodes and edges become one JSON document, which the core's reader reads
whole: the same checks, the same "every problem at once" as ``cp.read_json``, and a network
equal to the one the records came from. Each problem's JSON pointer is translated back into
the graph's own terms (``G.nodes['outreach']['kind']``, ``g.es[3]['weight']``), so that it
names the node or edge at fault.
"""

from __future__ import annotations

import contextlib
import gc
import json
import math
from dataclasses import dataclass
from typing import Any, Callable, Dict, Iterator, List, Mapping, Optional, Sequence, Tuple

import numpy as np
import pandas as pd

from .. import _core
from .._checks import network_core
from .._errors import FormatError, format_error, input_error
from .._items import as_items
from ..network import MAX_BYTES, MAX_DEPTH, Network

#: The key of the graph attribute that holds the document's other parts.
GRAPH_KEY = "coproduction"
#: A stakeholder's fields as node attributes, in the order of ``Network.stakeholders``.
STAKEHOLDER_FIELDS = ("label", "kind", "role", "sector", "expertise", "under_served", "paid",
                      "convenor", "size", "influence", "attributes")
#: Provenance, one edge attribute per field (as ``Network.relations`` shows it).
PROVENANCE_FIELDS = ("reported_by", "date", "method")
#: A relation's fields as edge attributes besides its type, in the order of
#: ``Network.relations``.
RELATION_FIELDS = ("weight", "scale") + PROVENANCE_FIELDS + ("attributes",)
#: The parts of the graph's data: the document's top level less its stakeholders and
#: relations, and the layer a layer export was made of.
DATA_FIELDS = ("format", "version", "metadata", "projects", "decisions", "layer")

Record = Dict[str, Any]
_NODE_FIELDS = frozenset(STAKEHOLDER_FIELDS) - {"attributes"}
_EDGE_FIELDS = frozenset(RELATION_FIELDS) - {"attributes"}


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while a conversion makes its many small dicts.

    The dicts hold no cycles, so a collection finds nothing in them; but each one walks the
    growing heap, and with a pass every few hundred new containers they take about half the
    time of converting 100,000 relations. A collector that was already off stays off.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


# -- out -----------------------------------------------------------------------------------

@dataclass
class Export:
    """A network as records: ``stakeholders`` as (id, fields), ``relations`` as (position in
    ``net.relations``, source, target, fields), and ``data``, the document's other parts."""

    stakeholders: List[Tuple[str, Record]]
    relations: List[Tuple[int, str, str, Record]]
    data: Record


def check_type_attr(type_attr: Any, reserved: Sequence[str] = ()) -> str:
    """The name of the edge attribute that holds a relation's type: a non-empty str that is
    not the name of another field of a relation."""
    if not isinstance(type_attr, str) or not type_attr:
        raise input_error("type_attr", f"the name of an edge attribute (a non-empty str), not "
                                       f"{type_attr!r}")
    taken = set(RELATION_FIELDS) | set(reserved)
    if type_attr in taken:
        raise input_error("type_attr", f"{type_attr!r} names another field of a relation "
                                       f"({', '.join(sorted(taken))})")
    return type_attr


def check_default(value: Any, where: str) -> Optional[str]:
    """A default for a node's kind or an edge's type: None, or a non-empty str."""
    if value is not None and (not isinstance(value, str) or not value):
        raise input_error(where, f"None or a non-empty str, not {value!r}")
    return value


def _flag(value: Any, where: str) -> bool:
    if not isinstance(value, (bool, np.bool_)):
        raise input_error(where, f"True or False, not {value!r}")
    return bool(value)


def text_of(value: Any) -> str:
    """JSON text of a value, as the flat forms hold dicts and lists: UTF-8 as it is (no
    ``\\u`` escapes but for control characters), keys in order."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def export(net: Network, layer: Any, scale: Any, include_objects: Any, *, type_attr: str,
           flat: bool) -> Export:
    """The records of ``net``, or of its layer when ``layer``, ``scale`` or
    ``include_objects=False`` choose one (``cp.metrics.layer_relations``' rule).

    ``flat`` writes ``attributes`` as JSON text and the data as JSON text too (a dict then
    holds only str, int, float and bool values); ``type_attr`` names the type's field.
    """
    from ..metrics import layer_edges, layer_relations

    core = network_core(net)
    include = _flag(include_objects, "include_objects")
    # One state of the network for the document and the layer's choice.
    with core.reading():
        document = json.loads(core.to_json(-1))
        chosen = layer is not None or scale is not None or not include
        if chosen:
            kept = set(layer_edges(net, layer, scale=scale, include_objects=include)[0])
            positions = layer_relations(net, layer, scale=scale,
                                        include_objects=include).index.to_numpy().tolist()
    people = document["stakeholders"]
    relations = document["relations"]
    if chosen:
        people = [s for s in people if s["id"] in kept]
        picked = [(p, relations[p]) for p in positions]
    else:
        picked = list(enumerate(relations))

    stakeholders = []
    for s in people:
        fields = {f: s[f] for f in STAKEHOLDER_FIELDS if f in s}
        if "influence" in fields:
            # The model holds a double; the document writes 5.0 as 5. One type per field,
            # as the GEXF and GraphML writers declare one.
            fields["influence"] = float(fields["influence"])
        if flat and "attributes" in fields:
            fields["attributes"] = text_of(fields["attributes"])
        stakeholders.append((s["id"], fields))
    records = []
    for position, r in picked:
        fields = {type_attr: r["type"]}
        if "weight" in r:
            fields["weight"] = float(r["weight"])
        if "scale" in r:
            fields["scale"] = r["scale"]
        provenance = r.get("provenance")
        if provenance:
            fields.update((f, provenance[f]) for f in PROVENANCE_FIELDS if f in provenance)
        if "attributes" in r:
            fields["attributes"] = text_of(r["attributes"]) if flat else r["attributes"]
        records.append((position, r["source"], r["target"], fields))

    data: Record = {"format": document["format"], "version": document["version"]}
    if "metadata" in document:
        data["metadata"] = document["metadata"]
    data["projects"] = document["projects"]
    data["decisions"] = document["decisions"]
    if chosen:
        data["layer"] = {
            "types": None if layer is None else [str(t) for t in as_items(layer)],
            "scales": None if scale is None else [str(s) for s in as_items(scale)],
            "include_objects": include}
    return Export(stakeholders, records, data)


# -- in ------------------------------------------------------------------------------------

Problem = Tuple[str, str, str]


def _drop_empty(record: Record) -> None:
    for name in [n for n, v in record.items() if isinstance(v, str) and v == ""]:
        del record[name]


def is_missing(value: Any) -> bool:
    """None, a float NaN (also numpy's), pandas' NA or NaT: a field that was not given."""
    if value is None:
        return True
    if isinstance(value, (float, np.floating)):
        return bool(math.isnan(value))
    return value is pd.NA or value is pd.NaT


def subscript(key: Any) -> str:
    return f"[{key!r}]"


class Where:
    """A place in a graph, made into text only when a problem is found there: the node's,
    edge's or data's own place (a function, so that a large graph without problems formats
    none) and the subscripts below it."""

    __slots__ = ("base", "path")

    def __init__(self, base: Callable[[], str], path: Tuple[Any, ...] = ()) -> None:
        self.base = base
        self.path = path

    def at(self, key: Any) -> "Where":
        return Where(self.base, self.path + (key,))

    @staticmethod
    def of(base: Callable[[], str], key: Any) -> "Where":
        return Where(base, (key,))

    def __str__(self) -> str:
        return self.base() + "".join(subscript(k) for k in self.path)


#: The integers the model holds: those of a signed or an unsigned 64-bit integer.
_INT_MIN, _INT_MAX = -(2 ** 63), 2 ** 64 - 1


def _plain(value: Any) -> bool:
    """A value JSON holds as it is, checked cheaply: the common case of every attribute."""
    t = type(value)
    return (t is str and value.isascii()) or t is bool or \
        (t is int and _INT_MIN <= value <= _INT_MAX) or (t is float and math.isfinite(value))


class Reader:
    """Builds one JSON document from a graph's nodes, edges and data, collecting every
    problem on the way, then reads it with the core's reader.

    Parameters
    ----------
    type_attr : str
        The edge attribute holding the relation type.
    type : str or None
        The type of an edge without that attribute.
    kind : str or None
        The kind of a node without a ``kind`` attribute.
    empty_is_missing : bool
        Read an empty string at a node's or edge's top level as "not given" (igraph's
        files hold a missing text that way; the format has no empty text, so nothing is
        lost).
    """

    def __init__(self, *, type_attr: str, type: Optional[str], kind: Optional[str],
                 empty_is_missing: bool) -> None:
        self.type_attr = type_attr
        self.type = type
        self.kind = kind
        self.empty_is_missing = empty_is_missing
        self.edge_fields = _EDGE_FIELDS | {type_attr}
        self.problems: List[Problem] = []
        self.stakeholders: List[Record] = []
        self.relations: List[Record] = []

    # values ---------------------------------------------------------------------------

    def _missing(self, value: Any) -> bool:
        return is_missing(value) or (self.empty_is_missing and isinstance(value, str)
                                     and value == "")

    def _refuse(self, where: Any, code: str, message: str) -> None:
        self.problems.append((str(where), code, message))

    def json_value(self, value: Any, where: Where, depth: int = 0) -> Tuple[bool, Any]:
        """``value`` as a JSON value: (True, value), or (False, None) with the problem noted.

        numpy scalars and arrays become their Python values and lists, tuples become lists;
        a float that is not finite, a key that is not a str, text that is not valid Unicode
        and any other type are refused, as JSON cannot hold them.
        """
        if _plain(value) or value is None:
            return True, value
        t = type(value)
        if t is str:
            try:
                value.encode("utf-8")
            except UnicodeEncodeError:
                self._refuse(where, "format.encoding",
                             "text that is not valid Unicode (it holds a lone surrogate)")
                return False, None
            return True, value
        if t is float:
            self._refuse(where, "format.number", f"{value!r} is not a number JSON holds")
            return False, None
        if t is int:
            self._refuse(where, "format.number", "an integer out of the 64-bit range (the "
                                                 "model holds it no other way)")
            return False, None
        if t is not dict and t is not list and isinstance(value, (np.generic, np.ndarray)):
            return self.json_value(value.tolist(), where, depth)
        if isinstance(value, str):  # a subclass of str
            return self.json_value(str(value), where, depth)
        if isinstance(value, bool):
            return True, bool(value)
        if isinstance(value, int):  # a subclass, such as an IntEnum
            return self.json_value(int(value), where, depth)
        if isinstance(value, float):
            return self.json_value(float(value), where, depth)
        if depth >= MAX_DEPTH:
            self._refuse(where, "format.depth", f"nested deeper than {MAX_DEPTH} levels")
            return False, None
        if t is dict or (t is not list and isinstance(value, Mapping)):
            out: Dict[str, Any] = {}
            good = True
            for key, item in value.items():
                if not isinstance(key, str):
                    self._refuse(where, "format.type",
                                 f"the key {key!r} is a {type(key).__name__}: JSON keys are "
                                 f"text")
                    good = False
                    continue
                ok, item = self.json_value(item, where.at(key), depth + 1)
                good = good and ok
                out[str(key)] = item
            return good, out if good else None
        if isinstance(value, (list, tuple)):
            items = []
            good = True
            for i, item in enumerate(value):
                ok, item = self.json_value(item, where.at(i), depth + 1)
                good = good and ok
                items.append(item)
            return good, items if good else None
        self._refuse(where, "format.type",
                     f"a {type(value).__name__} is not a value the format holds (text, a "
                     f"number, true/false, or a list or dict of them)")
        return False, None

    def json_text(self, text: str, where: Where) -> Tuple[bool, Any]:
        """JSON text (as the flat forms write dicts): strict, a repeated key or NaN refused."""
        def pairs(items: List[Tuple[str, Any]]) -> Dict[str, Any]:
            out: Dict[str, Any] = {}
            for key, item in items:
                if key in out:
                    raise ValueError(f"the key {key!r} is repeated")
                out[key] = item
            return out

        def constant(name: str) -> Any:
            raise ValueError(f"{name} is not a number JSON holds")

        try:
            return True, json.loads(text, object_pairs_hook=pairs, parse_constant=constant)
        except RecursionError:
            self._refuse(where, "format.depth", "JSON text nested too deeply")
        except ValueError as err:
            self._refuse(where, "format.syntax", f"not JSON text: {err}")
        return False, None

    def _attributes(self, value: Any, where: Where) -> Tuple[bool, Any]:
        """An ``attributes`` value: a dict, or JSON text of one (as flat output writes it)."""
        if isinstance(value, str):
            ok, value = self.json_text(value, where)
            if not ok:
                return False, None
            if not isinstance(value, dict):
                self._refuse(where, "format.type",
                             f"JSON text of an object (a dict), not of a {type(value).__name__}")
                return False, None
        elif not isinstance(value, Mapping):
            self._refuse(where, "format.type",
                         f"a dict (or JSON text of one), not a {type(value).__name__}")
            return False, None
        return self.json_value(value, where)

    def _merge(self, attributes: Optional[Record], extra: Record,
               where: Callable[[], str]) -> Optional[Record]:
        """``attributes`` with the attributes the format does not know added under their names;
        a name given both ways with two values is refused, never settled silently."""
        if not extra:
            return attributes
        merged = dict(attributes or {})
        for key, value in extra.items():
            if key in merged and merged[key] != value:
                self._refuse(Where.of(where, key), "format.duplicate_key",
                             f"given as an attribute and in attributes[{key!r}], with two "
                             f"values")
                continue
            merged[key] = value
        return merged

    def _fields(self, attrs: Mapping[Any, Any], where: Callable[[], str], known: Any,
                record: Record, extra: Record) -> Optional[Record]:
        """Reads a node's or edge's attributes: the fields in ``known`` into ``record``, the
        others into ``extra``; returns ``attributes``."""
        attributes = None
        for name, value in attrs.items():
            if _plain(value):
                if type(name) is not str:
                    self._refuse(Where.of(where, name), "format.type",
                                 f"an attribute name is text, not a {type(name).__name__}")
                elif name in known:
                    if name == "size" and type(value) is float and value.is_integer() and \
                            abs(value) < 2 ** 53:
                        # A count in a float column with gaps, as pandas holds it
                        # (from_frames reads it the same way).
                        value = int(value)
                    record[name] = value
                elif name == "attributes":
                    if not self._missing(value):
                        ok, value = self._attributes(value, Where.of(where, name))
                        if ok:
                            attributes = value
                else:
                    extra[name] = value
                continue
            if self._missing(value):
                continue
            at = Where.of(where, name)
            if not isinstance(name, str):
                self._refuse(at, "format.type", f"an attribute name is text, not a "
                                                f"{type(name).__name__}")
                continue
            if name == "attributes":
                ok, value = self._attributes(value, at)
                if ok:
                    attributes = value
                continue
            if name == "size" and name in known and isinstance(value, (float, np.floating)) \
                    and float(value).is_integer() and abs(float(value)) < 2 ** 53:
                value = int(value)  # as above, a numpy float
            ok, value = self.json_value(value, at)
            if ok:
                (record if name in known else extra)[str(name)] = value
        return attributes

    # records --------------------------------------------------------------------------

    def add_node(self, id: str, attrs: Mapping[Any, Any], where: Callable[[], str]) -> None:
        record: Record = {"id": id}
        extra: Record = {}
        attributes = self._fields(attrs, where, _NODE_FIELDS, record, extra)
        if self.empty_is_missing:
            _drop_empty(record)
            _drop_empty(extra)
        if "kind" not in record and self.kind is not None:
            record["kind"] = self.kind
        attributes = self._merge(attributes, extra, where)
        if attributes is not None:
            record["attributes"] = attributes
        self.stakeholders.append(record)

    def add_edge(self, source: str, target: str, attrs: Mapping[Any, Any],
                 where: Callable[[], str]) -> None:
        fields: Record = {}
        extra: Record = {}
        attributes = self._fields(attrs, where, self.edge_fields, fields, extra)
        if self.empty_is_missing:
            _drop_empty(fields)
            _drop_empty(extra)
        record: Record = {"source": source, "target": target}
        if self.type_attr in fields:
            record["type"] = fields.pop(self.type_attr)
        elif self.type is not None:
            record["type"] = self.type
        else:
            self._refuse(Where.of(where, self.type_attr), "format.missing",
                         f"the relation has no type: give the edge a {self.type_attr!r} "
                         f"attribute, or pass type= for edges without one")
        provenance = None
        for name in PROVENANCE_FIELDS:
            if name in fields:
                if provenance is None:
                    provenance = {}
                provenance[name] = fields.pop(name)
        record.update(fields)
        if provenance is not None:
            record["provenance"] = provenance
        attributes = self._merge(attributes, extra, where)
        if attributes is not None:
            record["attributes"] = attributes
        self.relations.append(record)

    def set_data(self, data: Any, where: str) -> Record:
        """The document's top level from the graph's data (None: a graph made by hand)."""
        document: Record = {"format": "coproduction", "version": _core.FORMAT_VERSION,
                            "projects": [], "decisions": []}
        if data is None:
            return document
        place = Where(lambda: where)
        if isinstance(data, str):
            ok, data = self.json_text(data, place)
            if not ok:
                return document
        if not isinstance(data, Mapping):
            self._refuse(place, "format.type", f"the network's other parts, a dict (or JSON "
                                               f"text of one), not a {type(data).__name__}")
            return document
        ok, data = self.json_value(data, place)
        if not ok:
            return document
        for key, value in data.items():
            if key not in DATA_FIELDS:
                self._refuse(place.at(key), "format.unknown_field",
                             f"unknown field (one of {', '.join(DATA_FIELDS)})")
            elif key != "layer":  # what a layer export was made of: nothing to read back
                document[key] = value
        return document

    # reading --------------------------------------------------------------------------

    def read(self, document: Record, *, node_where: Callable[[int], str],
             edge_where: Callable[[int], str], data_where: str) -> Network:
        """The network of the document, or a FormatError with every problem, each placed in
        the graph's terms: those found in the graph's values first (the values themselves
        left out of the document), then the reader's, less any at a place already named."""
        document["stakeholders"] = self.stakeholders
        document["relations"] = self.relations
        text = json.dumps(document, ensure_ascii=False, allow_nan=False).encode("utf-8")
        problems = list(self.problems)
        try:
            # The text is already in memory: the size limit need not stop a large graph.
            core = _core.read_json_text(text, MAX_DEPTH, max(MAX_BYTES, len(text)))
        except FormatError as err:
            named = {where for where, _, _ in problems}
            placed = [(self._place(p.pointer, document, node_where, edge_where, data_where),
                       p.code, p.message) for p in err.problems]
            problems += [p for p in placed or [(data_where, err.code, err.detail)]
                         if p[0] not in named]
        if problems:
            raise format_error(problems) from None
        return Network._wrap(core)

    def _place(self, pointer: str, document: Record, node_where: Callable[[int], str],
               edge_where: Callable[[int], str], data_where: str) -> str:
        """A JSON pointer of the document as the place in the graph it came from."""
        if not pointer.startswith("/"):
            return f"{data_where}, {pointer}" if pointer else data_where
        parts = [p.replace("~1", "/").replace("~0", "~") for p in pointer[1:].split("/")]
        head = parts[0]
        if head in ("stakeholders", "relations") and len(parts) >= 2 and parts[1].isdigit():
            index = int(parts[1])
            record = document[head][index]
            if head == "stakeholders":
                where = node_where(index)
            else:
                where = edge_where(index)
            rest = parts[2:]
            if not rest:
                return where
            field = rest[0]
            if head == "relations":
                if field in ("source", "target"):
                    return where
                if field == "type":
                    return where + subscript(self.type_attr)
                if field == "provenance" and len(rest) > 1:
                    return where + subscript(rest[1])
            return where + subscript(field) + self._subscripts(record.get(field), rest[1:])
        return data_where + self._subscripts(document, parts)

    @staticmethod
    def _subscripts(value: Any, parts: Sequence[str]) -> str:
        """Pointer parts as Python subscripts, an index where the value there is a list."""
        out = ""
        for part in parts:
            if isinstance(value, list) and part.isdigit():
                value = value[int(part)] if int(part) < len(value) else None
                out += f"[{int(part)}]"
            else:
                value = value.get(part) if isinstance(value, dict) else None
                out += subscript(part)
        return out


def type_name(value: Any) -> str:
    """The name of a value's type, with its module unless it is a builtin."""
    kind = type(value)
    return f"{kind.__module__}.{kind.__qualname__}" if kind.__module__ != "builtins" \
        else kind.__name__


def node_ids(nodes: Sequence[Any], ids: Any, argument: str) -> Optional[Dict[Any, str]]:
    """The stakeholder id of each node: None when every node is a str already (its own id),
    else the map from node to id under ``ids="str"``.

    Raises
    ------
    InputError
        A node that is not a str while ``ids`` is None; two nodes with one id under
        ``ids="str"`` (``1`` and ``"1"``); an ``ids`` that is neither.
    """
    if ids is not None and not (isinstance(ids, str) and ids == "str"):
        raise input_error("ids", f'None (every node is a str) or "str" (read each node as '
                                 f'str(node)), not {ids!r}')
    if all(type(n) is str for n in nodes):
        return None
    if ids is None:
        for n in nodes:
            if not isinstance(n, str):
                raise input_error(argument, f"the node {n!r} is a {type(n).__name__}, not a "
                                            f"str: stakeholder ids are text; pass ids=\"str\" "
                                            f"to read each node as str(node)")
    mapping: Dict[Any, str] = {}
    taken: Dict[str, Any] = {}
    for n in nodes:
        text = str(n)
        if text in taken:
            raise input_error(argument, f"the nodes {taken[text]!r} and {n!r} both read as the "
                                        f"id {text!r}: rename one of them")
        taken[text] = n
        mapping[n] = text
    return mapping
