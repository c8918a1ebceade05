"""The network of a co-production partnership and its JSON format.

A :class:`Network` holds stakeholders (vertices), typed and weighted relations (directed
edges), projects and decisions with each stakeholder's right in them: the stakeholder groups
of Tyne & Wear Archives & Museums' *Partners' Together Day follow-up report* (2013), the
decision stages and collaboration types of National Museums Liverpool's *Co-production
Framework*. The C++ core validates every insert; this module converts between it and pandas.
"""

from __future__ import annotations

import io
import os
from typing import Any, Dict, Iterable, List, Mapping, Optional, Sequence, Tuple, Union

import numpy as np
import pandas as pd

from . import _core
from ._errors import input_error
from ._items import as_items

__all__ = [
    "Network",
    "read_json",
    "write_json",
    "from_frames",
    "KINDS",
    "EXPERTISE",
    "SCALES",
    "STAGES",
    "RIGHTS",
    "RULES",
    "COLLABORATION_TYPES",
    "MAX_DEPTH",
    "MAX_BYTES",
    "MAX_INDENT",
]

KINDS = ("person", "group", "organisation", "object")
EXPERTISE = ("lived", "learnt", "both")
SCALES = ("session", "institution", "place")
STAGES = ("conception", "design", "delivery", "evaluation", "governance")
RIGHTS = ("none", "informed", "consulted", "involved", "shared", "decides")
RULES = ("sole", "unanimity", "majority", "quota")
COLLABORATION_TYPES = ("consultation", "engagement", "co-design", "co-production")

#: Limits of the reader: nesting depth (the document itself is level 1; also the ceiling
#: that no option can raise, as every recursion over a value is bounded by it) and document
#: size in bytes.
MAX_DEPTH: int = _core.MAX_NESTING
MAX_BYTES = 256 << 20
#: The largest ``indent`` the writers accept.
MAX_INDENT: int = _core.MAX_INDENT


def _indent(indent: Optional[int]) -> int:
    """The core's indent: -1 for one line (None), else 0 to MAX_INDENT spaces."""
    if indent is None:
        return -1
    if isinstance(indent, bool) or not isinstance(indent, (int, np.integer)) or not 0 <= indent <= MAX_INDENT:
        raise input_error("indent", f"None (one line) or an integer from 0 to {MAX_INDENT}, not {indent!r}")
    return int(indent)

PathLike = Union[str, "os.PathLike[str]"]


def _categorical(values: Sequence[Any], categories: Sequence[str], ordered: bool) -> pd.Categorical:
    return pd.Categorical(values, categories=list(categories), ordered=ordered)


def _check_text(**fields: Any) -> None:
    """Refuses a str that has no UTF-8 form (a lone surrogate such as ``"\\udc80"``, which a
    file read with ``errors="surrogateescape"`` leaves), naming the argument."""
    for name, value in fields.items():
        if isinstance(value, str):
            try:
                value.encode("utf-8")
            except UnicodeEncodeError:
                raise input_error(name, "text that is not valid Unicode (it holds a lone "
                                        "surrogate)") from None


class Network:
    """A co-production partnership as a graph.

    Build one in code with the ``add_*`` methods, read one with :func:`read_json`, or make one
    from a researcher's spreadsheet with :func:`from_frames`. Every insert is validated and
    either succeeds whole or raises and changes nothing.

    Parameters
    ----------
    metadata : dict, optional
        Free description of the data set (title, source, notes).

    Examples
    --------
    >>> import coproduction as cp
    >>> net = cp.Network()
    >>> net.add_stakeholder("outreach", kind="group", role="museum_staff", convenor=True, size=4)
    >>> net.add_stakeholder("womens_group", kind="group", role="service_user", size=9)
    >>> net.add_relation("womens_group", "outreach", "learns_from", scale="session")
    >>> net.add_project("film", claimed="co-production")
    >>> net.add_decision("film_theme", project="film", stage="design", rule="majority",
    ...                  rights={"outreach": "shared", "womens_group": "shared"})
    >>> net
    <coproduction.Network: 2 stakeholders (2 group), 1 relation (1 learns_from), 1 project, 1 decision>
    """

    __slots__ = ("_core",)

    def __init__(self, *, metadata: Optional[Mapping[str, Any]] = None) -> None:
        self._core = _core.Network()
        if metadata is not None:
            self._core.metadata = dict(metadata)

    @classmethod
    def _wrap(cls, core: Any) -> "Network":
        net = cls.__new__(cls)
        net._core = core
        return net

    # -- building ------------------------------------------------------------------------

    def add_stakeholder(
        self,
        id: str,
        *,
        kind: str = "person",
        label: Optional[str] = None,
        role: Optional[str] = None,
        sector: Optional[str] = None,
        expertise: Optional[str] = None,
        under_served: Optional[bool] = None,
        paid: Optional[bool] = None,
        convenor: Optional[bool] = None,
        size: Optional[int] = None,
        influence: Optional[float] = None,
        attributes: Optional[Mapping[str, Any]] = None,
    ) -> None:
        """Add a stakeholder.

        Parameters
        ----------
        id : str
            Stable, unique, non-empty id.
        kind : {"person", "group", "organisation", "object"}
            An ``object`` is a collection object or place that mediates relations (the
            objects in care of *Co-Producing Health and Wellbeing Programmes in the
            Museum*); objects hold no decision rights.
        label, role, sector : str, optional
            Display name; role (open vocabulary: ``service_user``, ``carer``,
            ``front_line_staff``, ``museum_staff``, ``senior_staff``, ``commissioner``,
            ``funder``, ``researcher``, ``volunteer``, ``partner_organisation``); sector.
        expertise : {"lived", "learnt", "both"}, optional
            The two forms of knowledge of the NML *Co-production Framework*.
        under_served, paid, convenor : bool, optional
            Left as None when not coded (unknown is not false). ``paid``: paying people
            rebalances power (*Draft manifesto for coproduction in health and care
            research*, 2020). ``convenor``: the side that initiated and holds the
            resources; None counts as a partner.
        size : int, optional
            Head count of a group or organisation (>= 1; a person's is 1).
        influence : float, optional
            Elicited influence (>= 0), as in Net-Map influence towers (Schiffer 2007).
        attributes : dict, optional
            The researcher's own codes (any JSON values).

        Raises
        ------
        DuplicateIdError
            The id is taken.
        InvalidValueError
            An empty id, an unknown kind or expertise, a bad size or influence.
        """
        _check_text(id=id, kind=kind, label=label, role=role, sector=sector, expertise=expertise)
        self._core.add_stakeholder(
            id, kind=kind, label=label, role=role, sector=sector, expertise=expertise,
            under_served=under_served, paid=paid, convenor=convenor, size=size,
            influence=influence, attributes=None if attributes is None else dict(attributes))

    def add_relation(
        self,
        source: str,
        target: str,
        type: str,
        *,
        weight: Optional[float] = None,
        scale: Optional[str] = None,
        reported_by: Optional[str] = None,
        date: Optional[str] = None,
        method: Optional[str] = None,
        attributes: Optional[Mapping[str, Any]] = None,
    ) -> None:
        """Add a directed relation ``source -> target`` of one type.

        Parameters
        ----------
        source, target : str
            Stakeholder ids (different).
        type : str
            ``^[a-z][a-z0-9_]*$``. Known types: manages, funds, commissions, pays, informs,
            consults, learns_from (source learns from target), trusts, collaborates, refers,
            represents, member_of, cares_for, mediates; others are allowed.
        weight : float, optional
            Finite and > 0; None means 1.
        scale : {"session", "institution", "place"}, optional
            The three scales of co-production of *Co-Producing Health and Wellbeing
            Programmes in the Museum*.
        reported_by, date, method : str, optional
            Provenance: who reported the relation, when (``YYYY``, ``YYYY-MM`` or
            ``YYYY-MM-DD``) and how (interview, observation, report, ...).
        attributes : dict, optional
            The researcher's own codes.

        Raises
        ------
        UnknownIdError
            An unknown source or target.
        DuplicateIdError
            The same (source, target, type) exists.
        InvalidValueError
            A self-relation, a bad type name, weight, scale or date.
        """
        _check_text(source=source, target=target, type=type, scale=scale,
                    reported_by=reported_by, date=date, method=method)
        self._core.add_relation(
            source, target, type, weight=weight, scale=scale, reported_by=reported_by,
            date=date, method=method,
            attributes=None if attributes is None else dict(attributes))

    def add_project(
        self,
        id: str,
        *,
        label: Optional[str] = None,
        claimed: Optional[str] = None,
        attributes: Optional[Mapping[str, Any]] = None,
    ) -> None:
        """Add a project.

        Parameters
        ----------
        id : str
            Unique among projects.
        label : str, optional
        claimed : {"consultation", "engagement", "co-design", "co-production"}, optional
            What the institution calls it (the four types of collaboration of the NML
            *Co-production Framework*).
        attributes : dict, optional

        Raises
        ------
        DuplicateIdError, InvalidValueError
        """
        _check_text(id=id, label=label, claimed=claimed)
        self._core.add_project(id, label=label, claimed=claimed,
                               attributes=None if attributes is None else dict(attributes))

    def add_decision(
        self,
        id: str,
        *,
        project: str,
        stage: str,
        rights: Mapping[str, str],
        rule: Union[str, Mapping[str, Any]] = "sole",
        label: Optional[str] = None,
        votes: Optional[Mapping[str, int]] = None,
        quota: Optional[float] = None,
        veto: Optional[Iterable[str]] = None,
        weight: Optional[float] = None,
        attributes: Optional[Mapping[str, Any]] = None,
    ) -> None:
        """Add a decision of a project.

        Parameters
        ----------
        id : str
            Unique among decisions.
        project : str
            The project's id.
        stage : {"conception", "design", "delivery", "evaluation", "governance"}
            The NML *Co-production Framework*: "from conception right through to
            governance, delivery and evaluation".
        rights : dict of str to str
            Stakeholder id to right, one of (ordered) ``none < informed < consulted <
            involved < shared < decides`` (the IAP2 spectrum). Holders are those with
            ``shared`` or ``decides``; there must be at least one.
        rule : str or dict
            ``"sole"``, ``"unanimity"``, ``"majority"`` or ``"quota"``, or the JSON form
            ``{"kind": ..., "votes": ..., "quota": ..., "veto": [...]}``.
        votes : dict of str to int, optional
            Votes per holder (default 1 each); majority and quota rules only.
        quota : float, optional
            Votes a coalition needs under a quota rule (required there, <= the holders' votes).
        veto : list of str, optional
            Holders whose consent is always needed; a lone ``str`` is one holder.
        weight : float, optional
            Importance of the decision for aggregation (> 0; None means 1).
        label : str, optional
        attributes : dict, optional

        Raises
        ------
        DuplicateIdError
            The id is taken.
        UnknownIdError
            An unknown project, or a right, vote or veto naming an unknown stakeholder.
        InvalidValueError
            A bad stage, right or rule; an object holding a right; no holder; a sole rule
            without exactly one ``decides`` holder; votes for a non-holder or a rule without
            votes; a missing or too large quota; a veto holder that does not hold the decision.
        """
        if isinstance(rule, Mapping):
            spec = dict(rule)
            unknown = set(spec) - {"kind", "votes", "quota", "veto"}
            if unknown:
                raise input_error("rule", f"unknown keys {sorted(unknown)} (kind, votes, quota, veto)")
            if "kind" not in spec:
                raise input_error("rule", "a rule needs a kind")
            rule_kind = spec["kind"]
            votes = spec.get("votes", votes)
            quota = spec.get("quota", quota)
            veto = spec.get("veto", veto)
        else:
            rule_kind = rule
        _check_text(id=id, project=project, stage=stage, label=label, rule=rule_kind)
        self._core.add_decision(
            id, project=project, stage=stage, rights=dict(rights), rule=rule_kind, label=label,
            votes=dict(votes or {}), quota=quota,
            veto=[] if veto is None else list(as_items(veto)), weight=weight,
            attributes=None if attributes is None else dict(attributes))

    # -- reading -------------------------------------------------------------------------

    @property
    def metadata(self) -> Optional[Dict[str, Any]]:
        """Free description of the data set, or None."""
        return self._core.metadata  # type: ignore[no-any-return]

    @metadata.setter
    def metadata(self, value: Optional[Mapping[str, Any]]) -> None:
        self._core.metadata = None if value is None else dict(value)

    @property
    def stakeholders(self) -> pd.DataFrame:
        """One row per stakeholder, indexed by id, in insertion order.

        Columns: label, kind (categorical), role, sector, expertise (categorical),
        under_served, paid, convenor (nullable boolean: NA means not coded), size (Int64),
        influence (float, NaN when not given), attributes (dict or None).
        """
        cols = self._core.stakeholder_columns()
        frame = pd.DataFrame({
            "label": pd.Series(cols["label"], dtype=object),
            "kind": _categorical(cols["kind"], KINDS, ordered=False),
            "role": pd.Series(cols["role"], dtype=object),
            "sector": pd.Series(cols["sector"], dtype=object),
            "expertise": _categorical(cols["expertise"], EXPERTISE, ordered=False),
            "under_served": pd.array(cols["under_served"], dtype="boolean"),
            "paid": pd.array(cols["paid"], dtype="boolean"),
            "convenor": pd.array(cols["convenor"], dtype="boolean"),
            "size": pd.array(cols["size"], dtype="Int64"),
            # numpy reads a None as NaN in a float array: influence not given.
            "influence": np.asarray(cols["influence"], dtype=float),
            "attributes": pd.Series(cols["attributes"], dtype=object),
        })
        frame.index = pd.Index(cols["id"], name="id", dtype=object)
        return frame

    @property
    def relations(self) -> pd.DataFrame:
        """One row per relation, in insertion order.

        Columns: source, target, type, weight (1.0 where not given), scale (ordered
        categorical), reported_by, date, method (provenance), attributes.
        """
        cols = self._core.relation_columns()
        return pd.DataFrame({
            "source": pd.Series(cols["source"], dtype=object),
            "target": pd.Series(cols["target"], dtype=object),
            "type": pd.Series(cols["type"], dtype=object),
            "weight": np.asarray(cols["weight"], dtype=float),
            "scale": _categorical(cols["scale"], SCALES, ordered=True),
            "reported_by": pd.Series(cols["reported_by"], dtype=object),
            "date": pd.Series(cols["date"], dtype=object),
            "method": pd.Series(cols["method"], dtype=object),
            "attributes": pd.Series(cols["attributes"], dtype=object),
        })

    @property
    def projects(self) -> pd.DataFrame:
        """One row per project, indexed by id: label, claimed (ordered categorical), attributes."""
        cols = self._core.project_columns()
        frame = pd.DataFrame({
            "label": pd.Series(cols["label"], dtype=object),
            "claimed": _categorical(cols["claimed"], COLLABORATION_TYPES, ordered=True),
            "attributes": pd.Series(cols["attributes"], dtype=object),
        })
        frame.index = pd.Index(cols["id"], name="id", dtype=object)
        return frame

    @property
    def decisions(self) -> pd.DataFrame:
        """One row per decision, indexed by id.

        Columns: label, project, stage (ordered categorical), rule (sole, unanimity,
        majority, quota), quota (NaN unless a quota rule), weight (1.0 where not given),
        attributes.
        """
        cols = self._core.decision_columns()
        frame = pd.DataFrame({
            "label": pd.Series(cols["label"], dtype=object),
            "project": pd.Series(cols["project"], dtype=object),
            "stage": _categorical(cols["stage"], STAGES, ordered=True),
            "rule": _categorical(cols["rule"], RULES, ordered=False),
            "quota": np.asarray(cols["quota"], dtype=float),  # None (no quota) reads as NaN
            "weight": np.asarray(cols["weight"], dtype=float),
            "attributes": pd.Series(cols["attributes"], dtype=object),
        })
        frame.index = pd.Index(cols["id"], name="id", dtype=object)
        return frame

    @property
    def rights(self) -> pd.DataFrame:
        """One row per decision and listed stakeholder, indexed by (decision, stakeholder).

        Columns: right (ordered categorical ``none < informed < consulted < involved <
        shared < decides``), votes (Int64, NA where the rule gives none: 1 vote), veto (bool).
        ``net.rights["right"].unstack()`` gives the decision x stakeholder matrix.
        """
        cols = self._core.right_columns()
        index = pd.MultiIndex.from_arrays(
            [pd.Index(cols["decision"], dtype=object), pd.Index(cols["stakeholder"], dtype=object)],
            names=["decision", "stakeholder"])
        return pd.DataFrame({
            "right": _categorical(cols["right"], RIGHTS, ordered=True),
            "votes": pd.array(cols["votes"], dtype="Int64"),
            "veto": np.asarray(cols["veto"], dtype=bool),
        }, index=index)

    @property
    def num_stakeholders(self) -> int:
        return int(self._core.num_stakeholders)

    @property
    def num_relations(self) -> int:
        return int(self._core.num_relations)

    @property
    def num_projects(self) -> int:
        return int(self._core.num_projects)

    @property
    def num_decisions(self) -> int:
        return int(self._core.num_decisions)

    def __contains__(self, id: object) -> bool:
        return isinstance(id, str) and id in self._core

    def __len__(self) -> int:
        """The number of stakeholders (as ``len`` of a NetworkX graph counts nodes)."""
        return self.num_stakeholders

    # -- format --------------------------------------------------------------------------

    def to_json(self, *, indent: Optional[int] = 2) -> str:
        """The JSON text of the network (format version 1); ``indent=None`` gives one line."""
        return str(self._core.to_json(_indent(indent)))

    def write_json(self, path: PathLike, *, indent: Optional[int] = 2) -> None:
        """Write the network to ``path`` atomically (see :func:`write_json`)."""
        write_json(self, path, indent=indent)

    def copy(self) -> "Network":
        """An independent copy."""
        return Network._wrap(self._core.copy())

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Network):
            return NotImplemented
        return bool(self._core == other._core)

    __hash__ = None  # type: ignore[assignment]  # mutable

    def __reduce__(self) -> Any:
        # Pickles through the JSON format, with its version in the state.
        return (_from_pickle, ({"format_version": _core.FORMAT_VERSION, "json": self.to_json(indent=None)},))

    def __repr__(self) -> str:
        def counted(n: int, noun: str, parts: Dict[str, int]) -> str:
            text = f"{n} {noun}{'' if n == 1 else 's'}"
            if parts:
                text += " (" + ", ".join(f"{c} {k}" for k, c in parts.items()) + ")"
            return text

        with self._core.reading():  # both columns from one state of the network
            kinds = self._core.stakeholder_columns()["kind"]
            types = self._core.relation_columns()["type"]
        kind_counts = {k: kinds.count(k) for k in KINDS if kinds.count(k)}
        type_counts = {str(k): int(v) for k, v in pd.Series(types, dtype=object).value_counts().items()}
        return (f"<coproduction.Network: {counted(self.num_stakeholders, 'stakeholder', kind_counts)}, "
                f"{counted(self.num_relations, 'relation', type_counts)}, "
                f"{counted(self.num_projects, 'project', {})}, "
                f"{counted(self.num_decisions, 'decision', {})}>")

    def _repr_html_(self) -> str:
        """The notebook display: a summary and a static SVG drawing, ids and roles only
        (:func:`coproduction.display.html`; never raises)."""
        from . import display
        return display.html(self)


def _from_pickle(state: Any) -> Network:
    """The network of a pickle's state, ``{"format_version": 1, "json": <JSON text>}``.

    Only the state given is read: the text is parsed as a document and never taken for a
    path, so a tampered pickle cannot make this read a local file. Anything else raises
    FormatError, naming ``state`` (not a dict, a key missing or unknown),
    ``state/format_version`` (not the integer ``FORMAT_VERSION``) or ``state/json`` (not a
    string, or not a valid document: each problem's pointer follows, as in
    ``state/json/stakeholders/0/kind``).
    """
    from ._errors import FormatError, format_error

    def refused(where: str, code: str, message: str) -> FormatError:
        return format_error([(where, code, message)])

    if not isinstance(state, dict):
        raise refused("state", "format.type",
                      f"the state of a pickled network is a dict, not {type(state).__name__}")
    expected = ("format_version", "json")
    problems = [(f"state/{key}", "format.missing", "required field is missing")
                for key in expected if key not in state]
    problems += [(f"state/{key!r}" if not isinstance(key, str) else f"state/{key}",
                  "format.unknown_field", "unknown field") for key in state if key not in expected]
    if problems:
        raise format_error(problems)
    version, text = state["format_version"], state["json"]
    if isinstance(version, bool) or not isinstance(version, int):
        raise refused("state/format_version", "format.type",
                      f"an integer, not {type(version).__name__}")
    if version != _core.FORMAT_VERSION:
        raise refused("state/format_version", "format.version",
                      f"a pickle of format version {version}; this library reads version "
                      f"{_core.FORMAT_VERSION}")
    if not isinstance(text, str):
        raise refused("state/json", "format.type", f"JSON text (a str), not {type(text).__name__}")
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError as err:
        raise refused("state/json", "format.encoding",
                      f"not valid Unicode text at character {err.start}") from err
    try:
        # The document is already in memory, so the size limit need not stop a large one;
        # the depth limit still applies.
        core = _core.read_json_text(data, MAX_DEPTH, max(MAX_BYTES, len(data)))
    except FormatError as err:
        def placed(pointer: str) -> str:
            if pointer == "" or pointer.startswith("/"):
                return "state/json" + pointer
            return "state/json, " + pointer  # "byte <n>" of a text that is not JSON

        problems = [(placed(p.pointer), p.code, p.message) for p in err.problems]
        raise format_error(problems or [("state/json", err.code, err.detail)]) from err
    return Network._wrap(core)


def read_json(source: Union[PathLike, str, bytes, io.IOBase], *, max_depth: int = MAX_DEPTH,
              max_bytes: int = MAX_BYTES) -> Network:
    """Read a network from a file, JSON text, bytes, or an open file.

    Parameters
    ----------
    source : path, str, bytes or file
        A path (``str`` or ``os.PathLike``), JSON text (a ``str`` whose first non-blank
        character is ``{`` or ``[``), bytes, or an object with ``read()``.
    max_depth : int
        Deepest nesting of objects and arrays accepted, the document itself being level 1
        (default and ceiling: ``MAX_DEPTH``, 256; a larger value is refused, as every
        recursion of the library is bounded by it).
    max_bytes : int
        Largest document accepted (default 256 MiB).

    Returns
    -------
    Network

    Raises
    ------
    FormatError
        Lists every problem found, each with its JSON pointer
        (``/relations/3/target: unknown stakeholder "nhs"``); a text that is not JSON reports
        its byte offset. Duplicate keys, documents nested too deeply or too large are refused.
    OSError
        The file cannot be read.

    Examples
    --------
    >>> import coproduction as cp
    >>> cp.read_json('{"format": "coproduction", "version": 1, "stakeholders": [],'
    ...              ' "relations": [], "projects": [], "decisions": []}')
    <coproduction.Network: 0 stakeholders, 0 relations, 0 projects, 0 decisions>
    """
    if hasattr(source, "read"):
        data = source.read()
        text: Union[str, bytes] = bytes(data) if isinstance(data, (bytes, bytearray)) else str(data)
        return read_json(text, max_depth=max_depth, max_bytes=max_bytes)
    if isinstance(source, (bytes, bytearray)):
        return Network._wrap(_core.read_json_text(bytes(source), max_depth, max_bytes))
    if isinstance(source, str) and source.lstrip()[:1] in ("{", "["):
        return Network._wrap(_core.read_json_text(source.encode("utf-8"), max_depth, max_bytes))
    if isinstance(source, (str, os.PathLike)):
        path = os.fspath(source)
        if not os.path.exists(path):
            raise FileNotFoundError(2, "No such file", path)
        return Network._wrap(_core.read_json_file(path, max_depth, max_bytes))
    raise input_error("source", f"a path, JSON text, bytes or a file, not {type(source).__name__}")


def write_json(net: Network, path: PathLike, *, indent: Optional[int] = 2) -> None:
    """Write a network to a file atomically.

    The text goes to a temporary file beside ``path``, is flushed to disk, then renamed over
    ``path``: a reader sees the old file or the new one, never half of one, and a failure
    leaves nothing behind.

    Parameters
    ----------
    net : Network
    path : str or os.PathLike
    indent : int or None
        Spaces per level; None writes one line.

    Raises
    ------
    OSError
        The file cannot be written (the old file, if any, is untouched).
    """
    if not isinstance(net, Network):
        raise input_error("net", f"a coproduction.Network, not {type(net).__name__}")
    net._core.write(os.fspath(path), _indent(indent))


# -- DataFrames -----------------------------------------------------------------------------

#: Cells the core reads as missing besides None and NaN: pandas' NA and NaT.
_MISSING = (pd.NA, pd.NaT)


def _frame(frame: Any, what: str) -> pd.DataFrame:
    if not isinstance(frame, pd.DataFrame):
        raise input_error(what, f"a pandas DataFrame, not {type(frame).__name__}")
    return frame


def _with_id_column(frame: pd.DataFrame, what: str, id_column: str) -> pd.DataFrame:
    """The frame with its ids in `id_column`: that column, else the index, else the first."""
    frame = _frame(frame, what)
    if id_column not in frame.columns:
        frame = frame.reset_index()
        if id_column not in frame.columns:
            frame = frame.rename(columns={frame.columns[0]: id_column})
    return frame


def _cells(values: pd.Series) -> np.ndarray:
    """A column as the core reads it: a numpy column of numbers or booleans as it is, a
    nullable float column as float64 (NaN for a gap), any other as its Python objects. The
    core takes each cell for what its type says, so nothing is converted here."""
    dtype = values.dtype
    if isinstance(dtype, np.dtype) and dtype.kind in "biuf":
        return values.to_numpy()
    if dtype.kind == "f":
        return values.to_numpy(dtype=float, na_value=np.nan)
    return values.to_numpy(dtype=object)


def _columns(frame: pd.DataFrame) -> List[Tuple[str, np.ndarray]]:
    """A frame as (name, column) pairs in column order; a repeated name stays repeated, for
    the core to refuse."""
    return [(str(name), _cells(frame.iloc[:, i])) for i, name in enumerate(frame.columns)]


def _right_columns(rights: pd.DataFrame) -> List[Tuple[str, np.ndarray]]:
    """The rights frame as columns, decision and stakeholder taken from the index when they
    are not columns (as :attr:`Network.rights` gives them)."""
    frame = _frame(rights, "rights")
    if not {"decision", "stakeholder"} <= set(frame.columns):
        frame = frame.reset_index()
    return _columns(frame)


def from_frames(
    stakeholders: pd.DataFrame,
    relations: Optional[pd.DataFrame] = None,
    projects: Optional[pd.DataFrame] = None,
    decisions: Optional[pd.DataFrame] = None,
    rights: Optional[pd.DataFrame] = None,
    *,
    metadata: Optional[Mapping[str, Any]] = None,
) -> Network:
    """Build a network from DataFrames, such as a researcher's spreadsheet.

    The frames have the shape of :attr:`Network.stakeholders`, :attr:`Network.relations`,
    :attr:`Network.projects`, :attr:`Network.decisions` and :attr:`Network.rights`, so
    ``from_frames(net.stakeholders, net.relations, net.projects, net.decisions, net.rights)``
    rebuilds ``net`` (a weight left out comes back as 1, which these frames show for it).
    Only the id columns and ``kind`` are needed; a column the format does not know goes into
    that row's ``attributes``. Ids come from an ``id`` column or else the index.

    Every cell is read for what it is, never coerced:

    - an empty cell (None, NaN, ``pd.NA``, ``pd.NaT``) means "not given", never the text
      ``"None"``; an empty id, source, target, type, project, stage, rule, decision,
      stakeholder or right is a problem;
    - a boolean (under_served, paid, convenor, veto) is True or False, the text true/false,
      yes/no or 1/0 in any case, or the number 1 or 0; anything else (``"maybe"``, 0.5) is
      refused;
    - an integer (size, votes) is an integer or a whole float (2.0, as a column with gaps
      holds it), never 1.5 or True;
    - a number (influence, weight, quota) is an int or a float, never True or a string;
    - a text (label, role, kind, stage, ...) is a non-empty ``str``; a number is not text;
    - an id is a non-empty ``str`` or a whole number, read as its digits (``3`` is ``"3"``).

    Parameters
    ----------
    stakeholders : DataFrame
        ``id`` (column or index), ``kind`` (default ``"person"``) and any of label, role,
        sector, expertise, under_served, paid, convenor, size, influence, attributes.
    relations : DataFrame, optional
        source, target, type, and any of weight, scale, reported_by, date, method, attributes.
    projects : DataFrame, optional
        ``id`` (column or index), and any of label, claimed, attributes.
    decisions : DataFrame, optional
        ``id`` (column or index), project, stage, rule, and any of label, quota, weight,
        attributes.
    rights : DataFrame, optional
        decision, stakeholder (columns or a two-level index), right, and any of votes
        (per-holder votes), veto (boolean). Other columns are refused: rights have no
        attributes.
    metadata : dict, optional

    Returns
    -------
    Network

    Raises
    ------
    FormatError
        Lists **every** problem of every frame at once (cells that do not fit their field,
        and every rule of the model: unknown or repeated ids, bad weights, quotas, rules),
        each with its place ``/<frame>/<row>/<column>`` (row: the position in the frame, from
        0) and the stakeholder, relation or decision it concerns, e.g.
        ``/stakeholders/3/size: stakeholder "carers": must be a whole number, not a number
        (2.5)``. ``err.problems`` holds them as (pointer, code, message); no network is
        returned.
    InputError
        An argument that is not a DataFrame.

    Notes
    -----
    Each frame crosses to the core in one call, with no Python loop per row; the core checks
    every cell and the model's rules. An edge list of only source, target, type and weight
    is the fastest case: the core reads its id columns in place, and a million rows take
    about a third of a second (``docs/performance.md``). The format of the frames and its
    rules are in ``docs/format.md``.

    Examples
    --------
    >>> import pandas as pd, coproduction as cp
    >>> people = pd.DataFrame({"id": ["outreach", "users"], "kind": ["group", "group"],
    ...                        "convenor": [True, None], "ward": [None, "east"]})
    >>> links = pd.DataFrame({"source": ["users"], "target": ["outreach"], "type": ["trusts"]})
    >>> net = cp.from_frames(people, links)
    >>> net.stakeholders.loc["users", "attributes"]
    {'ward': 'east'}
    >>> people["size"] = [4, 1.5]
    >>> people["paid"] = ["yes", "sometimes"]
    >>> cp.from_frames(people, links)
    Traceback (most recent call last):
    ...
    coproduction.FormatError: [coproduction.format.value] /stakeholders/1/paid: stakeholder "users": must be true or false (or yes/no, 1/0, in any case), not a string ("sometimes")
      [coproduction.format.value] /stakeholders/1/size: stakeholder "users": must be a whole number, not a number (1.5)
    """
    net = Network(metadata=metadata)
    _core.add_frames(
        net._core,
        stakeholders=_columns(_with_id_column(stakeholders, "stakeholders", "id")),
        relations=None if relations is None else _columns(_frame(relations, "relations")),
        projects=None if projects is None else _columns(_with_id_column(projects, "projects", "id")),
        decisions=None if decisions is None else _columns(
            _with_id_column(decisions, "decisions", "id")),
        rights=None if rights is None else _right_columns(rights),
        missing=_MISSING)
    return net


def __dir__() -> List[str]:
    return list(__all__)
