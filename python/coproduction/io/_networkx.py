"""A network as a NetworkX ``MultiDiGraph`` and back.

Nodes are stakeholders (keyed by id), edges are relations (keyed by their position in
``net.relations``), and ``G.graph["coproduction"]`` holds the rest of the document: metadata,
projects, and the decisions with every right. docs/interop.md says what each attribute
holds and what survives NetworkX's GraphML and GEXF writers.
"""

from __future__ import annotations

from functools import partial
from typing import Any, List, Optional

from .._errors import input_error
from ..network import Network
from ._graph import (GRAPH_KEY, Reader, check_default, check_type_attr, collector_paused,
                     export, node_ids, text_of, type_name)

__all__ = ["to_networkx", "from_networkx"]


def _networkx() -> Any:
    try:
        import networkx  # type: ignore[import-untyped, unused-ignore]
    except ImportError as err:  # an optional dependency
        raise ImportError("the NetworkX conversions need NetworkX: pip install networkx") \
            from err
    return networkx


def to_networkx(net: Network, layer: Any = None, *, scale: Any = None,
                include_objects: bool = True, flat: bool = False,
                type_attr: str = "type") -> Any:
    """The network as a NetworkX ``MultiDiGraph``, with nothing left out.

    Parameters
    ----------
    net : Network
    layer : str or iterable of str, optional
        Keep only the relations of these types (``cp.metrics.layer_relations``' rule: a
        type no relation has is refused). None keeps every relation.
    scale : str or iterable of str, optional
        Keep only relations at these scales (a relation without a scale is left out).
    include_objects : bool, default True
        Keep the stakeholders of kind ``object`` and their relations. ``False`` gives the
        graph the measures of ``cp.metrics`` read by default.
    flat : bool, default False
        Hold every value as a str, int, float or bool, as the GraphML and GEXF writers
        need: ``attributes`` and ``G.graph["coproduction"]`` become JSON text, which
        :func:`from_networkx` reads back.
    type_attr : str, default "type"
        The edge attribute that holds the relation type. GEXF reserves ``type`` for an
        edge's direction: write ``type_attr="relation"`` for ``nx.write_gexf``.

    Returns
    -------
    networkx.MultiDiGraph
        - a node per stakeholder, keyed by its id, in the network's order; its attributes
          are the stakeholder's fields that are given (label, kind, role, sector,
          expertise, under_served, paid, convenor, size, influence, attributes). A field
          that is not given is **absent**, never None;
        - an edge per relation, from source to target, keyed by the relation's position in
          ``net.relations`` (so parallel relations of two types are two edges, and an edge
          of a layer keeps the key it has in the whole network); its attributes are the
          type (under ``type_attr``) and the fields given: weight (absent when not given,
          which NetworkX's algorithms read as 1), scale, reported_by, date, method,
          attributes;
        - ``G.graph["coproduction"]``: format, version, metadata (when given), projects and
          decisions as the JSON document holds them, and, for a layer, ``layer`` (its
          types, scales and include_objects).

    Raises
    ------
    InputError
        ``net`` is not a Network; a layer type that no relation has, a word that is not a
        scale; a ``type_attr`` that names another field.

    Notes
    -----
    ``from_networkx(to_networkx(net)) == net`` for every network, with or without ``flat``.
    A layer is not the whole network: read back, it gives the network of its stakeholders
    and relations, with every decision. Time and memory are linear in the size of the
    network; the loop that makes the attribute dicts is Python's, and 100,000 relations
    take about a second (``docs/interop.md``).

    Examples
    --------
    >>> import coproduction as cp
    >>> net = cp.examples.load("twam_partners_2013")
    >>> G = cp.to_networkx(net)
    >>> G.number_of_nodes() == net.num_stakeholders, G.number_of_edges() == net.num_relations
    (True, True)
    >>> G.nodes["twam_outreach"]["kind"], G.edges["twam_outreach", "twam", 0]["type"]
    ('group', 'member_of')
    >>> cp.from_networkx(G) == net
    True
    """
    type_attr = check_type_attr(type_attr)
    if not isinstance(flat, bool):
        raise input_error("flat", f"True or False, not {flat!r}")
    nx = _networkx()
    with collector_paused():
        records = export(net, layer, scale, include_objects, type_attr=type_attr, flat=flat)
        G = nx.MultiDiGraph()
        G.graph[GRAPH_KEY] = text_of(records.data) if flat else records.data
        G.add_nodes_from(records.stakeholders)
        G.add_edges_from((source, target, key, fields)
                         for key, source, target, fields in records.relations)
    return G


def from_networkx(G: Any, *, type: Optional[str] = None, kind: Optional[str] = "person",
                  ids: Optional[str] = None, type_attr: str = "type") -> Network:
    """A network from a NetworkX directed graph.

    A graph made by :func:`to_networkx` gives back the network it was made from, exactly.
    Any other directed graph gives a network of its nodes and edges: each node a
    stakeholder, each edge a relation.

    Parameters
    ----------
    G : networkx.DiGraph or networkx.MultiDiGraph
        Directed. An undirected graph is refused: a relation has a direction. To read
        each undirected edge as two relations, one each way, pass ``G.to_directed()``.
    type : str, optional
        The relation type of an edge without a ``type_attr`` attribute. None: such an edge
        is a problem.
    kind : str or None, default "person"
        The kind of a node without a ``kind`` attribute (as :func:`cp.from_frames` reads a
        missing kind). None: such a node is a problem.
    ids : {None, "str"}
        None: every node must be a str, its stakeholder id. ``"str"``: a node that is not
        a str is read as ``str(node)``; two nodes with one id (``1`` and ``"1"``) are
        refused.
    type_attr : str, default "type"
        The edge attribute that holds the relation type.

    Returns
    -------
    Network

    Raises
    ------
    InputError
        ``G`` is not a NetworkX graph or is undirected; a node that is not a str (without
        ``ids="str"``); two nodes with one id.
    FormatError
        Lists every problem at once, each at its place in the graph:
        ``G.nodes['outreach']['kind']``, ``G.edges['a', 'b', 0]['weight']``,
        ``G.graph['coproduction']['decisions'][0]['rule']``. A value JSON cannot hold
        (NaN inside attributes, a set, a datetime, a non-str key) is refused; so is
        anything the JSON reader refuses.

    Notes
    -----
    Reading a node's attributes:

    - the stakeholder fields are read as the JSON format holds them: a label is a str,
      ``paid`` is True or False, ``size`` an int (a whole float, as a pandas column with
      gaps holds it, is read as that int), ``influence`` a number. None, NaN, ``pd.NA``
      and ``pd.NaT`` mean "not given". numpy values are read as their Python values;
    - ``attributes`` is a dict, or JSON text of one (as ``flat=True`` writes it);
    - every other attribute goes into ``attributes`` under its name (a name also in
      ``attributes`` with another value is a problem). Edges alike, with the relation
      fields type (under ``type_attr``), weight, scale, reported_by, date, method.

    The graph's ``G.graph["coproduction"]`` (a dict or JSON text) gives the metadata,
    projects and decisions; other graph attributes are not read. Without it the network
    has no projects, decisions or metadata. The relations are read in key order when the
    graph carries that data and every key is an int (the positions :func:`to_networkx`
    gives), else in the order of ``G.edges``.

    Examples
    --------
    >>> import networkx as nx
    >>> import coproduction as cp
    >>> G = nx.DiGraph()
    >>> G.add_node("outreach", kind="group", convenor=True)
    >>> G.add_node("users", kind="group", ward="east")
    >>> G.add_edge("users", "outreach", weight=2.0)
    >>> net = cp.from_networkx(G, type="trusts")
    >>> net.stakeholders.loc["users", "attributes"], net.relations.loc[0, "type"]
    ({'ward': 'east'}, 'trusts')
    """
    nx = _networkx()
    if not isinstance(G, nx.Graph):
        raise input_error("G", f"a NetworkX graph, not {type_name(G)}")
    if not G.is_directed():
        raise input_error("G", "an undirected graph: a relation has a direction. Pass "
                               "G.to_directed() to read each edge as two relations, one each "
                               "way")
    type_attr = check_type_attr(type_attr)
    type, kind = check_default(type, "type"), check_default(kind, "kind")
    with collector_paused():
        return _read(G, type, kind, ids, type_attr)


def _read(G: Any, type: Optional[str], kind: Optional[str], ids: Optional[str],
          type_attr: str) -> Network:
    """The network of a directed NetworkX graph whose arguments are checked."""
    reader = Reader(type_attr=type_attr, type=type, kind=kind, empty_is_missing=False)
    document = reader.set_data(G.graph.get(GRAPH_KEY), f"G.graph[{GRAPH_KEY!r}]")

    nodes: List[Any] = list(G.nodes)
    mapping = node_ids(nodes, ids, "G")
    for node, attrs in G.nodes(data=True):
        reader.add_node(node if mapping is None else mapping[node], attrs,
                        partial("G.nodes[{!r}]".format, node))

    multigraph = G.is_multigraph()
    edges: List[Any] = list(G.edges(keys=True, data=True) if multigraph else G.edges(data=True))
    if multigraph and GRAPH_KEY in G.graph and all(
            isinstance(e[2], int) and not isinstance(e[2], bool) for e in edges):
        edges.sort(key=lambda e: e[2])  # the relations' positions: their order in the network

    def edge_where(index: int) -> str:
        e = edges[index]
        return f"G.edges[{e[0]!r}, {e[1]!r}, {e[2]!r}]" if multigraph \
            else f"G.edges[{e[0]!r}, {e[1]!r}]"

    for index, edge in enumerate(edges):
        u, v, attrs = edge[0], edge[1], edge[-1]
        if mapping is not None:
            u, v = mapping[u], mapping[v]
        reader.add_edge(u, v, attrs, partial(edge_where, index))

    return reader.read(document, node_where=lambda i: f"G.nodes[{nodes[i]!r}]",
                       edge_where=edge_where, data_where=f"G.graph[{GRAPH_KEY!r}]")


def __dir__() -> List[str]:
    return list(__all__)
