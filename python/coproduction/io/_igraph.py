"""A network as an igraph ``Graph`` and back.

Vertices are stakeholders (their ids in the ``name`` attribute, as igraph looks vertices up
by name), edges are relations in the network's order, and ``g["coproduction"]`` holds the
rest of the document: metadata, projects, and the decisions with every right.
docs/interop.md says what each attribute holds.
"""

from __future__ import annotations

from functools import partial
from typing import Any, Dict, List, Optional

from .._errors import input_error
from ..network import Network
from ._graph import (GRAPH_KEY, PROVENANCE_FIELDS, STAKEHOLDER_FIELDS, Export, Reader,
                     check_default, check_type_attr, collector_paused, export, node_ids,
                     type_name)

__all__ = ["to_igraph", "from_igraph"]

#: The edge attribute that says whether a relation's weight was given (igraph's algorithms
#: need a number in every ``weight``, so a weight not given is held there as 1.0).
WEIGHT_GIVEN = "weight_given"


def _igraph() -> Any:
    try:
        import igraph  # type: ignore[import-untyped, unused-ignore]
    except ImportError as err:  # an optional dependency
        raise ImportError("the igraph conversions need python-igraph: pip install igraph") \
            from err
    return igraph


def to_igraph(net: Network, layer: Any = None, *, scale: Any = None,
              include_objects: bool = True, type_attr: str = "type") -> Any:
    """The network as a directed igraph ``Graph``, with nothing left out.

    Parameters
    ----------
    net : Network
    layer : str or iterable of str, optional
        Keep only the relations of these types (``cp.metrics.layer_relations``' rule).
    scale : str or iterable of str, optional
        Keep only relations at these scales (a relation without a scale is left out).
    include_objects : bool, default True
        Keep the stakeholders of kind ``object`` and their relations.
    type_attr : str, default "type"
        The edge attribute that holds the relation type.

    Returns
    -------
    igraph.Graph
        Directed; igraph holds an attribute for every vertex or edge, with **None** where a
        field is not given (igraph's own convention):

        - vertex ``i`` is the ``i``-th stakeholder; ``name`` is its id (so
          ``g.vs.find("outreach")`` finds it), then label, kind, role, sector, expertise,
          under_served, paid, convenor, size, influence, attributes (a dict);
        - edge ``j`` is the ``j``-th relation (of the layer); its attributes are the type
          (under ``type_attr``), ``weight`` (a number for every edge, 1.0 where the weight
          is not given, since igraph's algorithms need numbers there), ``weight_given``
          (False where it was not given), scale, reported_by, date, method, attributes;
        - ``g["coproduction"]``: format, version, metadata (when given), projects and
          decisions as the JSON document holds them, and, for a layer, ``layer``.

    Raises
    ------
    InputError
        As :func:`to_networkx`.

    Notes
    -----
    ``from_igraph(to_igraph(net)) == net`` for every network. igraph's own file writers
    are not a way back: its GraphML writer writes a missing text as the string "None" and
    a missing true/false as false, and leaves out dict attributes; save the network with
    ``net.write_json``, or through NetworkX's GraphML writer (``docs/interop.md``).

    Examples
    --------
    >>> import coproduction as cp
    >>> net = cp.examples.load("twam_partners_2013")
    >>> g = cp.to_igraph(net)
    >>> g.vcount() == net.num_stakeholders, g.ecount() == net.num_relations
    (True, True)
    >>> g.vs.find("twam_outreach")["kind"], g.es[0]["type"], g.es[0]["weight"]
    ('group', 'member_of', 1.0)
    >>> cp.from_igraph(g) == net
    True
    """
    type_attr = check_type_attr(type_attr, reserved=(WEIGHT_GIVEN,))
    ig = _igraph()
    with collector_paused():
        return _graph_of(ig, export(net, layer, scale, include_objects, type_attr=type_attr,
                                    flat=False), type_attr)


def _graph_of(ig: Any, records: Export, type_attr: str) -> Any:
    """The igraph graph of the records: one attribute list per field, None where not given."""
    ids = [id for id, _ in records.stakeholders]
    vertex_attrs: Dict[str, List[Any]] = {"name": ids}
    for field in STAKEHOLDER_FIELDS:
        vertex_attrs[field] = [fields.get(field) for _, fields in records.stakeholders]
    position = {id: i for i, id in enumerate(ids)}
    edges = [(position[source], position[target]) for _, source, target, _ in records.relations]
    relations = [fields for _, _, _, fields in records.relations]
    edge_attrs: Dict[str, List[Any]] = {
        type_attr: [f[type_attr] for f in relations],
        "weight": [float(f.get("weight", 1.0)) for f in relations],
        WEIGHT_GIVEN: ["weight" in f for f in relations],
    }
    for field in ("scale",) + PROVENANCE_FIELDS + ("attributes",):
        edge_attrs[field] = [f.get(field) for f in relations]
    return ig.Graph(n=len(ids), edges=edges, directed=True,
                    graph_attrs={GRAPH_KEY: records.data}, vertex_attrs=vertex_attrs,
                    edge_attrs=edge_attrs)


def from_igraph(g: Any, *, type: Optional[str] = None, kind: Optional[str] = "person",
                ids: Optional[str] = None, type_attr: str = "type") -> Network:
    """A network from a directed igraph ``Graph``.

    A graph made by :func:`to_igraph` gives back the network it was made from, exactly.
    Any other directed graph gives a network of its vertices and edges.

    Parameters
    ----------
    g : igraph.Graph
        Directed. An undirected graph is refused: a relation has a direction. To read each
        undirected edge as two relations, one each way, pass ``g.as_directed("mutual")``.
    type : str, optional
        The relation type of an edge whose ``type_attr`` is missing. None: a problem.
    kind : str or None, default "person"
        The kind of a vertex whose ``kind`` is missing. None: a problem.
    ids : {None, "str"}
        The stakeholder ids are the vertices' ``name`` attribute. None: every name must be
        a str. ``"str"``: a name that is not a str is read as ``str(name)``, and a graph
        without names uses the vertex indices (``"0"``, ``"1"``, ...); two vertices with
        one id are refused.
    type_attr : str, default "type"
        The edge attribute that holds the relation type.

    Returns
    -------
    Network

    Raises
    ------
    InputError
        ``g`` is not an igraph Graph or is undirected; no ``name`` attribute, or a name
        that is not a str (without ``ids="str"``); two vertices with one id.
    FormatError
        Lists every problem at once, each at its place: ``g.vs[3]['kind']``,
        ``g.es[5]['weight']``, ``g['coproduction']['decisions'][0]``.

    Notes
    -----
    Values are read as :func:`from_networkx` reads them, with igraph's conventions for a
    missing value: None, NaN and the empty string (which the format never holds, and which
    igraph's file readers give for a missing text) mean "not given". An edge whose
    ``weight_given`` is False and whose ``weight`` is 1 has no weight given; any other
    weight is read as given. Attributes the format does not know go into ``attributes``.

    Examples
    --------
    >>> import igraph as ig
    >>> import coproduction as cp
    >>> g = ig.Graph(directed=True)
    >>> g.add_vertices(["outreach", "users"])
    >>> g.vs["kind"] = ["group", "group"]
    >>> g.add_edge("users", "outreach", type="trusts", weight=2.0)
    igraph.Edge(...)
    >>> net = cp.from_igraph(g)
    >>> r = net.relations.iloc[0]
    >>> r["source"], r["target"], r["type"], float(r["weight"])
    ('users', 'outreach', 'trusts', 2.0)
    """
    ig = _igraph()
    if not isinstance(g, ig.Graph):
        raise input_error("g", f"an igraph Graph, not {type_name(g)}")
    if not g.is_directed():
        raise input_error("g", 'an undirected graph: a relation has a direction. Pass '
                               'g.as_directed("mutual") to read each edge as two relations, '
                               'one each way')
    type_attr = check_type_attr(type_attr, reserved=(WEIGHT_GIVEN,))
    type, kind = check_default(type, "type"), check_default(kind, "kind")
    with collector_paused():
        return _read(g, type, kind, ids, type_attr)


def _read(g: Any, type: Optional[str], kind: Optional[str], ids: Optional[str],
          type_attr: str) -> Network:
    """The network of a directed igraph graph whose arguments are checked."""
    reader = Reader(type_attr=type_attr, type=type, kind=kind, empty_is_missing=True)
    data = g[GRAPH_KEY] if GRAPH_KEY in g.attributes() else None
    document = reader.set_data(data, f"g[{GRAPH_KEY!r}]")

    n = g.vcount()
    vertex_names = g.vs.attributes()
    if "name" in vertex_names:
        names: List[Any] = g.vs["name"]
    elif (isinstance(ids, str) and ids == "str") or n == 0:
        names = list(range(n))
    else:
        raise input_error("g", 'the vertices have no "name" attribute, which holds the '
                               'stakeholder ids: name them, or pass ids="str" to read the '
                               'vertex indices as ids')
    mapping = node_ids(names, ids, "g")
    stakeholder_ids = names if mapping is None else [mapping[name] for name in names]
    columns = {a: g.vs[a] for a in vertex_names if a != "name"}
    for i in range(n):
        reader.add_node(stakeholder_ids[i], {a: column[i] for a, column in columns.items()},
                        partial("g.vs[{}]".format, i))

    edge_names = g.es.attributes()
    columns = {a: g.es[a] for a in edge_names if a != WEIGHT_GIVEN}
    given = g.es[WEIGHT_GIVEN] if WEIGHT_GIVEN in edge_names else None
    for j, (u, v) in enumerate(g.get_edgelist()):
        attrs = {a: column[j] for a, column in columns.items()}
        if given is not None and given[j] is not None and not given[j] \
                and "weight" in attrs and attrs["weight"] == 1:
            del attrs["weight"]  # held as 1.0 for igraph's algorithms, never given
        reader.add_edge(stakeholder_ids[u], stakeholder_ids[v], attrs,
                        partial("g.es[{}]".format, j))
    return reader.read(document, node_where=lambda i: f"g.vs[{i}]",
                       edge_where=lambda j: f"g.es[{j}]", data_where=f"g[{GRAPH_KEY!r}]")


def __dir__() -> List[str]:
    return list(__all__)
