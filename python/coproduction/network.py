"""The network of a co-production partnership and its JSON format.

A :class:`Network` holds stakeholders (vertices), typed and weighted relations (directed
edges), projects and decisions with each stakeholder's right in them: the stakeholder groups
of Tyne & Wear Archives & Museums' *Partners' Together Day follow-up report* (2013), the
decision stages and collaboration types of National Museums Liverpool's *Co-production
Framework*. The C++ core validates every insert and every edit; this module converts between
it and pandas.
"""

from __future__ import annotations

import dataclasses
import enum
import io
import os
from typing import (Any, Dict, Iterable, List, Mapping, NamedTuple, Optional, Sequence, Tuple,
                    Union)

import numpy as np
import pandas as pd

from . import _core
from ._errors import input_error
from ._items import as_items

__all__ = [
    "Network",
    "Removal",
    "RemovedRight",
    "RelationKey",
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


class _Unchanged(enum.Enum):
    """The default of every field of the ``update_*`` methods: the field stays as it is."""

    UNCHANGED = "unchanged"

    def __repr__(self) -> str:
        return "<unchanged>"


_UNCHANGED = _Unchanged.UNCHANGED

#: How the editing methods name a relation (relations have no id): its position in
#: :attr:`Network.relations` (the frame's index, from 0) or its ``(source, target, type)``,
#: which no other relation shares.
RelationKey = Union[int, Tuple[str, str, str]]


class RemovedRight(NamedTuple):
    """An entry taken out of a decision that stays: the columns of a row of
    :attr:`Network.rights` (``votes`` None where the rule gave the holder no votes of its
    own)."""

    decision: str
    stakeholder: str
    right: str
    votes: Optional[int]
    veto: bool


@dataclasses.dataclass(frozen=True)
class Removal:
    """What a removal took out of a network, each part in the order the network held it.

    Every ``remove_*`` method of :class:`Network` returns one; ``str()`` counts its parts.

    Attributes
    ----------
    stakeholders : tuple of str
        Ids of the stakeholders removed.
    relations : tuple of (source, target, type)
        The relations removed: asked for, or of a stakeholder removed.
    projects : tuple of str
        Ids of the projects removed.
    decisions : tuple of str
        Ids of the decisions removed: asked for, of a project removed, or (with
        ``cascade=True``) left by a stakeholder's removal with a rule that no longer holds.
    rights : tuple of RemovedRight
        Entries removed from decisions that stay, with their votes and veto.
    """

    stakeholders: Tuple[str, ...] = ()
    relations: Tuple[Tuple[str, str, str], ...] = ()
    projects: Tuple[str, ...] = ()
    decisions: Tuple[str, ...] = ()
    rights: Tuple[RemovedRight, ...] = ()

    @classmethod
    def _from_core(cls, parts: Dict[str, Any]) -> "Removal":
        return cls(stakeholders=tuple(parts["stakeholders"]),
                   relations=tuple((str(s), str(t), str(k)) for s, t, k in parts["relations"]),
                   projects=tuple(parts["projects"]), decisions=tuple(parts["decisions"]),
                   rights=tuple(RemovedRight(*r) for r in parts["rights"]))

    def __str__(self) -> str:
        parts = [f"{len(items)} {noun}{'' if len(items) == 1 else 's'}"
                 for items, noun in ((self.stakeholders, "stakeholder"),
                                     (self.relations, "relation"), (self.projects, "project"),
                                     (self.decisions, "decision"), (self.rights, "right"))
                 if items]
        if not parts:
            return "removed nothing"
        return "removed " + (parts[0] if len(parts) == 1
                             else ", ".join(parts[:-1]) + " and " + parts[-1])


def _relation_key(key: Any) -> RelationKey:
    """A relation's key as the core takes it; anything else is an InputError."""
    if isinstance(key, (int, np.integer)) and not isinstance(key, (bool, np.bool_)):
        if key < 0:
            raise input_error("key", f"a position in net.relations counts from 0, not {key}")
        return int(key)
    if isinstance(key, tuple) and len(key) == 3 and all(isinstance(k, str) for k in key):
        _check_text(source=key[0], target=key[1], type=key[2])
        return (key[0], key[1], key[2])
    raise input_error("key", "a position in net.relations or a (source, target, type) tuple, "
                             f"not {key!r}")


def _is_one_relation_key(keys: Any) -> bool:
    return (isinstance(keys, (int, np.integer)) and not isinstance(keys, (bool, np.bool_))) or (
        isinstance(keys, tuple) and len(keys) == 3 and all(isinstance(k, str) for k in keys))


def _changes(**fields: Any) -> Dict[str, Any]:
    """The fields given to an ``update_*`` method (those not left unchanged), as the core
    takes them: text checked for Unicode, attributes as a dict."""
    given = {name: value for name, value in fields.items() if value is not _UNCHANGED}
    _check_text(**{name: value for name, value in given.items() if isinstance(value, str)})
    if given.get("attributes") is not None:
        given["attributes"] = dict(given["attributes"])
    return given


class Network:
    """A co-production partnership as a graph.

    Build one in code with the ``add_*`` methods, read one with :func:`read_json`, or make one
    from a researcher's spreadsheet with :func:`from_frames`; change one with the
    ``remove_*`` and ``update_*`` methods. Every insert and edit is validated and either
    succeeds whole or raises and changes nothing.

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

    # -- editing -------------------------------------------------------------------------

    def remove_stakeholder(self, id: str, *, cascade: bool = False) -> Removal:
        """Remove a stakeholder.

        A relation with it as an end, or a decision that lists it in its rights (whatever
        the right, ``"none"`` too, and so in its votes or veto), refers to it. Without
        ``cascade`` such references refuse the removal; with ``cascade=True`` they go too:
        its relations, and its entries in decisions' rights, votes and veto. A decision whose
        rule then no longer holds (no holder left, a ``sole`` rule's decider gone, a quota
        above the votes left: the checks of :meth:`add_decision`) is removed as well, since
        only its holders could say how it is carried now. A relation's ``reported_by`` is
        free text and is left as it is.

        Parameters
        ----------
        id : str
        cascade : bool
            Remove what refers to the stakeholder too.

        Returns
        -------
        Removal
            What went: the stakeholder, relations, decisions and decisions' entries.

        Raises
        ------
        ModelError
            Code ``model.in_use``: something refers to it and ``cascade`` is False; the
            message counts the relations and decisions and names the first few. Nothing
            changed.
        UnknownIdError
            No stakeholder has this id.
        ConcurrentModificationError
            The network is being read.

        Notes
        -----
        Positions close up: every later stakeholder (and relation, decision) moves up one
        row of its frame. O(stakeholders + relations + rights); to remove many, use
        :meth:`remove_stakeholders`, one pass for all. Copies and pickles taken before are
        unaffected.

        Examples
        --------
        >>> import coproduction as cp
        >>> net = cp.Network()
        >>> for id in ("outreach", "users", "visitor"):
        ...     net.add_stakeholder(id, kind="group")
        >>> net.add_relation("users", "outreach", "trusts")
        >>> net.add_project("film")
        >>> net.add_decision("theme", project="film", stage="design", rule="unanimity",
        ...                  rights={"outreach": "shared", "users": "shared"})
        >>> net.remove_stakeholder("visitor")
        Removal(stakeholders=('visitor',), relations=(), projects=(), decisions=(), rights=())
        >>> net.remove_stakeholder("users")
        Traceback (most recent call last):
        ...
        coproduction.ModelError: [coproduction.model.in_use] users: referred to by 1 relation (users->outreach (trusts)) and by the rights of 1 decision ("theme"); remove or change those first, or remove with cascade, which removes them
        >>> gone = net.remove_stakeholder("users", cascade=True)
        >>> print(gone)
        removed 1 stakeholder, 1 relation and 1 right
        >>> gone.rights
        (RemovedRight(decision='theme', stakeholder='users', right='shared', votes=None, veto=False),)
        """
        _check_text(id=id)
        return Removal._from_core(self._core.remove_stakeholder(id, cascade=bool(cascade)))

    def remove_stakeholders(self, ids: Iterable[str], *, cascade: bool = False) -> Removal:
        """Remove several stakeholders in one pass, all or none.

        As :meth:`remove_stakeholder`, for each id (a repeated id counts once; a lone
        ``str`` is one id). A reference from one of them to another counts as a reference;
        a refusal names the first stakeholder, in the order given, that something refers
        to. O(stakeholders + relations + rights) however many go.

        Examples
        --------
        >>> import coproduction as cp
        >>> net = cp.examples.load("twam_partners_2013")
        >>> staff = net.stakeholders.index[net.stakeholders["role"] == "front_line_staff"]
        >>> print(net.remove_stakeholders(staff, cascade=True))
        removed 5 stakeholders, 36 relations and 6 rights
        """
        names = list(as_items(ids))
        for name in names:
            if not isinstance(name, str):
                raise input_error("ids", f"stakeholder ids (str), not {type(name).__name__}")
            _check_text(ids=name)
        return Removal._from_core(self._core.remove_stakeholders(names, cascade=bool(cascade)))

    def remove_relation(self, key: RelationKey) -> Removal:
        """Remove one relation, named by its position in :attr:`relations` or its
        ``(source, target, type)``.

        Later relations move up one position. A relation type that no relation has any
        more leaves the network (layers naming it raise as for any unknown type).

        Raises
        ------
        UnknownIdError
            No relation at that position (where ``relation <i>``), or none with that
            source, target and type (where ``source->target (type)``).
        InputError
            A key that is neither.

        Examples
        --------
        >>> import coproduction as cp
        >>> net = cp.Network()
        >>> for id in ("outreach", "users"):
        ...     net.add_stakeholder(id, kind="group")
        >>> net.add_relation("users", "outreach", "trusts")
        >>> net.add_relation("outreach", "users", "learns_from")
        >>> net.remove_relation(("users", "outreach", "trusts")).relations
        (('users', 'outreach', 'trusts'),)
        >>> net.remove_relation(0).relations
        (('outreach', 'users', 'learns_from'),)
        """
        k = _relation_key(key)
        if isinstance(k, int):
            return Removal._from_core(self._core.remove_relation(k))
        return Removal._from_core(self._core.remove_relation(*k))

    def remove_relations(self, keys: Iterable[RelationKey]) -> Removal:
        """Remove several relations in one pass, all or none.

        ``keys`` are positions in :attr:`relations` or ``(source, target, type)`` tuples,
        mixed as you like (a repeated one counts once), e.g. the index of a selection of the
        relations frame. O(stakeholders + relations).

        Examples
        --------
        >>> import coproduction as cp
        >>> net = cp.examples.load("twam_partners_2013")
        >>> trust = net.relations.index[net.relations["type"] == "trusts"]
        >>> print(net.remove_relations(trust))
        removed 5 relations
        >>> "trusts" in set(net.relations["type"])
        False
        """
        items = [keys] if _is_one_relation_key(keys) else list(as_items(keys))
        positions: List[int] = []
        triples: List[Tuple[str, str, str]] = []
        for key in items:
            k = _relation_key(key)
            if isinstance(k, int):
                positions.append(k)
            else:
                triples.append(k)
        return Removal._from_core(self._core.remove_relations(positions, triples))

    def remove_project(self, id: str, *, cascade: bool = False) -> Removal:
        """Remove a project.

        Its decisions refer to it: without ``cascade`` they refuse the removal (a
        ``ModelError`` of code ``model.in_use`` naming them); with ``cascade=True`` they go
        too. O(projects + decisions).

        Examples
        --------
        >>> import coproduction as cp
        >>> net = cp.examples.load("twam_partners_2013")
        >>> print(net.remove_project("reminiscence", cascade=True))
        removed 1 project and 7 decisions
        """
        _check_text(id=id)
        return Removal._from_core(self._core.remove_project(id, cascade=bool(cascade)))

    def remove_projects(self, ids: Iterable[str], *, cascade: bool = False) -> Removal:
        """Remove several projects in one pass, all or none, as :meth:`remove_project`."""
        names = list(as_items(ids))
        _check_text(**{f"ids[{i}]": name for i, name in enumerate(names)})
        return Removal._from_core(self._core.remove_projects(names, cascade=bool(cascade)))

    def remove_decision(self, id: str) -> Removal:
        """Remove a decision (nothing refers to one). O(decisions).

        Raises
        ------
        UnknownIdError
            No decision has this id.

        Examples
        --------
        >>> import coproduction as cp
        >>> net = cp.examples.load("twam_partners_2013")
        >>> net.remove_decision("reminiscence_agreement").decisions
        ('reminiscence_agreement',)
        >>> net.num_decisions
        6
        """
        _check_text(id=id)
        return Removal._from_core(self._core.remove_decision(id))

    def remove_decisions(self, ids: Iterable[str]) -> Removal:
        """Remove several decisions in one pass, all or none."""
        names = list(as_items(ids))
        _check_text(**{f"ids[{i}]": name for i, name in enumerate(names)})
        return Removal._from_core(self._core.remove_decisions(names))

    def update_stakeholder(
        self,
        stakeholder: str,
        /,
        *,
        id: Union[str, _Unchanged] = _UNCHANGED,
        kind: Union[str, _Unchanged] = _UNCHANGED,
        label: Union[str, None, _Unchanged] = _UNCHANGED,
        role: Union[str, None, _Unchanged] = _UNCHANGED,
        sector: Union[str, None, _Unchanged] = _UNCHANGED,
        expertise: Union[str, None, _Unchanged] = _UNCHANGED,
        under_served: Union[bool, None, _Unchanged] = _UNCHANGED,
        paid: Union[bool, None, _Unchanged] = _UNCHANGED,
        convenor: Union[bool, None, _Unchanged] = _UNCHANGED,
        size: Union[int, None, _Unchanged] = _UNCHANGED,
        influence: Union[float, None, _Unchanged] = _UNCHANGED,
        attributes: Union[Mapping[str, Any], None, _Unchanged] = _UNCHANGED,
    ) -> None:
        """Change fields of a stakeholder, in place.

        The fields are those of :meth:`add_stakeholder`; a field not given stays as it is,
        and None clears an optional one (not coded). The stakeholder as changed is checked
        as :meth:`add_stakeholder` checks a new one, and against the decisions: an object
        holds no rights, so ``kind="object"`` is refused while it holds a right other than
        ``"none"``. All or nothing.

        Parameters
        ----------
        stakeholder : str
            The id of the stakeholder to change (positional).
        id : str, optional
            A new id: renames it. The decisions' rights, votes and veto follow, and so does
            each relation's ``reported_by`` equal to the old id; relations keep their ends.
        kind, label, role, sector, expertise, under_served, paid, convenor, size, influence, attributes
            As in :meth:`add_stakeholder`.

        Raises
        ------
        UnknownIdError
            No stakeholder has the id ``stakeholder``.
        DuplicateIdError
            The new id is taken.
        InvalidValueError
            A value :meth:`add_stakeholder` refuses; ``kind="object"`` for a stakeholder
            holding a right (field ``kind``, naming the decision).
        TypeError
            A value of the wrong type, or None for ``id`` or ``kind``.

        Notes
        -----
        O(1), or O(stakeholders + relations + rights) for a new id or ``kind="object"``.

        Examples
        --------
        >>> import coproduction as cp
        >>> net = cp.Network()
        >>> net.add_stakeholder("users", kind="group", size=9)
        >>> net.update_stakeholder("users", paid=True, size=None, label="Women's group")
        >>> row = net.stakeholders.loc["users"]
        >>> print(row["label"], row["paid"], row["size"])
        Women's group True <NA>
        >>> net.update_stakeholder("users", id="womens_group")
        >>> list(net.stakeholders.index)
        ['womens_group']
        """
        _check_text(stakeholder=stakeholder)
        self._core.update_stakeholder(stakeholder, _changes(
            id=id, kind=kind, label=label, role=role, sector=sector, expertise=expertise,
            under_served=under_served, paid=paid, convenor=convenor, size=size,
            influence=influence, attributes=attributes))

    def update_relation(
        self,
        key: RelationKey,
        /,
        *,
        source: Union[str, _Unchanged] = _UNCHANGED,
        target: Union[str, _Unchanged] = _UNCHANGED,
        type: Union[str, _Unchanged] = _UNCHANGED,
        weight: Union[float, None, _Unchanged] = _UNCHANGED,
        scale: Union[str, None, _Unchanged] = _UNCHANGED,
        reported_by: Union[str, None, _Unchanged] = _UNCHANGED,
        date: Union[str, None, _Unchanged] = _UNCHANGED,
        method: Union[str, None, _Unchanged] = _UNCHANGED,
        attributes: Union[Mapping[str, Any], None, _Unchanged] = _UNCHANGED,
    ) -> None:
        """Change fields of a relation, in place (it keeps its position).

        The relation is named by its position in :attr:`relations` or its
        ``(source, target, type)``; the fields are those of :meth:`add_relation`, a field not
        given stays as it is, and None clears an optional one. The relation as changed is
        checked as :meth:`add_relation` checks a new one (another relation with the same
        source, target and type is a :class:`DuplicateIdError`). All or nothing.

        Notes
        -----
        O(1), or O(relations) when source, target or type change.

        Examples
        --------
        >>> import coproduction as cp
        >>> net = cp.Network()
        >>> for id in ("outreach", "users"):
        ...     net.add_stakeholder(id, kind="group")
        >>> net.add_relation("users", "outreach", "trusts")
        >>> net.update_relation(("users", "outreach", "trusts"), weight=2, reported_by="users")
        >>> net.update_relation(0, type="learns_from")
        >>> net.relations[["source", "target", "type", "weight", "reported_by"]]
          source    target         type  weight reported_by
        0  users  outreach  learns_from     2.0       users
        """
        k = _relation_key(key)
        changes = _changes(source=source, target=target, type=type, weight=weight, scale=scale,
                           reported_by=reported_by, date=date, method=method,
                           attributes=attributes)
        if isinstance(k, int):
            self._core.update_relation(k, changes)
        else:
            self._core.update_relation(k[0], k[1], k[2], changes)

    def update_project(
        self,
        project: str,
        /,
        *,
        id: Union[str, _Unchanged] = _UNCHANGED,
        label: Union[str, None, _Unchanged] = _UNCHANGED,
        claimed: Union[str, None, _Unchanged] = _UNCHANGED,
        attributes: Union[Mapping[str, Any], None, _Unchanged] = _UNCHANGED,
    ) -> None:
        """Change fields of a project, in place, as :meth:`add_project` takes them; a new
        ``id`` renames it and its decisions follow. All or nothing.

        Examples
        --------
        >>> import coproduction as cp
        >>> net = cp.examples.load("twam_partners_2013")
        >>> net.update_project("reminiscence", id="memories", claimed="co-design")
        >>> set(net.decisions["project"])
        {'memories'}
        """
        _check_text(project=project)
        self._core.update_project(project, _changes(id=id, label=label, claimed=claimed,
                                                    attributes=attributes))

    def update_decision(
        self,
        decision: str,
        /,
        *,
        id: Union[str, _Unchanged] = _UNCHANGED,
        project: Union[str, _Unchanged] = _UNCHANGED,
        stage: Union[str, _Unchanged] = _UNCHANGED,
        rights: Union[Mapping[str, str], _Unchanged] = _UNCHANGED,
        rule: Union[str, Mapping[str, Any], _Unchanged] = _UNCHANGED,
        label: Union[str, None, _Unchanged] = _UNCHANGED,
        votes: Union[Mapping[str, int], None, _Unchanged] = _UNCHANGED,
        quota: Union[float, None, _Unchanged] = _UNCHANGED,
        veto: Union[Iterable[str], None, _Unchanged] = _UNCHANGED,
        weight: Union[float, None, _Unchanged] = _UNCHANGED,
        attributes: Union[Mapping[str, Any], None, _Unchanged] = _UNCHANGED,
    ) -> None:
        """Change fields of a decision, in place.

        The fields are those of :meth:`add_decision`; a field not given stays as it is, and
        None clears an optional one. ``rights`` replaces all the rights; ``rule`` as a word
        changes the rule's kind only, as a dict (``{"kind": ..., "votes": ..., "quota": ...,
        "veto": [...]}``) replaces the whole rule; ``votes``, ``quota`` and ``veto`` replace
        those parts. The decision as changed is checked as :meth:`add_decision` checks a new
        one, rights and rule together: taking a holder's right away while a vote or a veto
        is still given to it is refused, so change those in the same call. A new ``id``
        renames it. All or nothing.

        Raises
        ------
        UnknownIdError, DuplicateIdError, InvalidValueError
            As :meth:`add_decision`, naming the decision and the field.

        Examples
        --------
        >>> import coproduction as cp
        >>> net = cp.Network()
        >>> for id in ("outreach", "users"):
        ...     net.add_stakeholder(id, kind="group")
        >>> net.add_project("film")
        >>> net.add_decision("theme", project="film", stage="design", rule="sole",
        ...                  rights={"outreach": "decides", "users": "consulted"})
        >>> net.update_decision("theme", rule="unanimity",
        ...                     rights={"outreach": "shared", "users": "shared"})
        >>> net.rights["right"].tolist()
        ['shared', 'shared']
        >>> net.update_decision("theme", rule="quota", quota=3)
        Traceback (most recent call last):
        ...
        coproduction.InvalidValueError: [coproduction.model.invalid_value] theme: rule/quota: the quota 3 is larger than the 2 votes of the holders
        """
        _check_text(decision=decision)
        parts: Dict[str, Any] = {"votes": votes, "quota": quota, "veto": veto}
        if isinstance(rule, Mapping):
            spec = dict(rule)
            unknown = set(spec) - {"kind", "votes", "quota", "veto"}
            if unknown:
                raise input_error("rule", f"unknown keys {sorted(unknown)} (kind, votes, quota, veto)")
            if "kind" not in spec:
                raise input_error("rule", "a rule needs a kind")
            # A rule given whole: the parts it leaves out are cleared, unless given apart.
            for part in ("votes", "quota", "veto"):
                if part in spec:
                    parts[part] = spec[part]
                elif parts[part] is _UNCHANGED:
                    parts[part] = None
            rule = spec["kind"]
        if parts["votes"] is not None and parts["votes"] is not _UNCHANGED:
            parts["votes"] = dict(parts["votes"])
        if parts["veto"] is not None and parts["veto"] is not _UNCHANGED:
            parts["veto"] = list(as_items(parts["veto"]))
        self._core.update_decision(decision, _changes(
            id=id, project=project, stage=stage,
            rights=rights if rights is _UNCHANGED else dict(rights), rule=rule, label=label,
            weight=weight, attributes=attributes, **parts))

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

    def __sizeof__(self) -> int:
        """The bytes the network holds: this object and the core's, and everything the core
        keeps in C++ (its vectors, strings, maps and JSON values). ``sys.getsizeof`` reads it,
        and so does dask's memory accounting of a worker holding networks."""
        return object.__sizeof__(self) + object.__sizeof__(self._core) + int(self._core.memory_bytes())

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
