"""Data protection: keyed pseudonyms, redaction, small groups and re-identification risk.

Co-production data describe people who use health, social care, probation, addiction and
dementia services. This module helps share and publish them with less risk:

- :func:`pseudonymise` replaces every id by a keyed pseudonym (HMAC-SHA256 under a secret
  :class:`Key`), removes labels and free text, and returns the new network with the mapping
  table, which is the key to re-identification and is stored apart from the data;
- :func:`redact` removes (or marks) labels, attributes, provenance and the title, ids kept;
- :func:`suppress_small_groups`, :func:`merge_small_groups` and :func:`power_shares` hide
  or pool groups of fewer than ``k`` people in result tables, and say so;
- :func:`risk` lists the stakeholders whom their role, coded fields and degree single out;
- :func:`manifest` and :func:`write_manifest` record what was done, with the key's
  fingerprint, never the key or the mapping.

Pseudonymised data are still personal data (UK GDPR and GDPR Art. 4(5), Recital 26): the
holder of the key or the mapping can re-identify, and the structure of a network can
re-identify on its own. docs/data-protection.md says what each function protects against and
what it does not, after the UK Data Service's guidance on anonymisation.
"""

from __future__ import annotations

import base64
import datetime
import json
from typing import Any, Dict, Iterable, List, Mapping, Optional, Sequence, Tuple

import pandas as pd

from . import _core
from ._errors import input_error
from ._exports import claim_home
from ._items import as_items
from ._privacy_groups import (DEFAULT_K, head_counts, merge_small_groups, power_shares,
                              suppress_small_groups)
from ._privacy_key import Key, pseudonym_hmac
from ._privacy_manifest import manifest, write_manifest
from ._privacy_risk import QUASI_IDENTIFIERS, risk
from ._reading import reads_network
from .network import MAX_BYTES, MAX_DEPTH, Network

__all__ = [
    "Key",
    "pseudonymise",
    "redact",
    "manifest",
    "write_manifest",
    "risk",
    "head_counts",
    "suppress_small_groups",
    "merge_small_groups",
    "power_shares",
    "PREFIXES",
    "PSEUDONYM_BITS",
    "REDACTABLE",
    "DROPPABLE",
    "QUASI_IDENTIFIERS",
    "DEFAULT_K",
]

#: The start of a pseudonym, by what it names: a stakeholder's kind, a project, a decision.
PREFIXES = {"person": "person_", "group": "group_", "organisation": "org_",
            "object": "object_", "project": "project_", "decision": "decision_"}
#: Bytes of the HMAC kept in a pseudonym: 10 bytes, 80 bits, 16 base32 characters.
_PSEUDONYM_BYTES = 10
PSEUDONYM_BITS = 8 * _PSEUDONYM_BYTES
#: What :func:`redact` can remove.
REDACTABLE = ("labels", "attributes", "provenance", "title", "metadata")
#: The coded fields :func:`pseudonymise` keeps unless ``drop`` names them.
DROPPABLE = ("role", "sector", "expertise", "under_served", "paid", "convenor", "size",
             "influence", "scale")
_STAKEHOLDER_CODED = ("role", "sector", "expertise", "under_served", "paid", "convenor",
                      "size", "influence")
_DATES = ("year", "keep", "drop")
#: The roles docs/format.md lists as common values: a ``reported_by`` naming one of them (or
#: a role some stakeholder has) is a role, not a person, and is kept.
_COMMON_ROLES = frozenset({"service_user", "carer", "front_line_staff", "museum_staff",
                           "senior_staff", "commissioner", "funder", "researcher",
                           "volunteer", "partner_organisation"})

# The messages pseudonyms are made of: a versioned label, the namespace, then the id, with a
# NUL after each of the first two (neither holds one), so that (namespace, id) reads back
# from the message one way only and a stakeholder, a project and a decision of the same id
# get unrelated pseudonyms.
_SCHEME = "coproduction.privacy.pseudonym.v1"
_PSEUDONYM_LABEL = _SCHEME.encode("ascii") + b"\0"


def _document(net: Network) -> Dict[str, Any]:
    if not isinstance(net, Network):
        raise input_error("net", f"a coproduction.Network, not {type(net).__name__}")
    document: Dict[str, Any] = json.loads(net.to_json(indent=None))
    return document


def _network(document: Mapping[str, Any]) -> Network:
    data = json.dumps(document, ensure_ascii=False, allow_nan=False).encode("utf-8")
    # The network came from a valid one; the size limit need not stop a large one.
    return Network._wrap(_core.read_json_text(data, MAX_DEPTH, max(MAX_BYTES, len(data))))


def _pseudonyms(key: Key, namespace: str, ids: Sequence[str],
                prefixes: Sequence[str]) -> List[str]:
    """The pseudonym of each id: its prefix and the first bytes of HMAC-SHA256(key, label,
    namespace, id) in lowercase base32. Two ids of one namespace never share a pseudonym:
    a collision is refused, never merged."""
    base = pseudonym_hmac(key)
    base.update(_PSEUDONYM_LABEL + namespace.encode("ascii") + b"\0")
    out = []
    for id, prefix in zip(ids, prefixes):
        mac = base.copy()
        mac.update(id.encode("utf-8"))
        tail = base64.b32encode(mac.digest()[:_PSEUDONYM_BYTES]).decode("ascii")
        out.append(prefix + tail.rstrip("=").lower())
    seen: Dict[str, int] = {}
    for position, pseudonym in enumerate(out):
        if pseudonym in seen:
            raise input_error("key", f"the {namespace}s at positions {seen[pseudonym]} and "
                                     f"{position} get the same pseudonym under this key "
                                     f"(a chance of about n^2 / 2^{PSEUDONYM_BITS + 1} for n "
                                     f"ids); two are never merged: make another key")
        seen[pseudonym] = position
    return out


def _kept(attributes: Any, keys: Sequence[str]) -> Optional[Dict[str, Any]]:
    if not isinstance(attributes, dict):
        return None
    kept = {k: v for k, v in attributes.items() if k in keys}
    return kept or None  # nothing kept: not even an empty object, which says one was there


def _words(value: Iterable[str], where: str, allowed: Sequence[str]) -> List[str]:
    words = [str(w) for w in as_items(value)]
    unknown = [w for w in words if w not in allowed]
    if unknown:
        raise input_error(where, f"{unknown[0]!r} is not one of {', '.join(allowed)}")
    return words


@reads_network
def pseudonymise(net: Network, key: Key, *, keep_attributes: Iterable[str] = (),
                 keep_methods: bool = False, dates: str = "year", drop: Iterable[str] = (),
                 order: str = "pseudonym") -> Tuple[Network, pd.DataFrame]:
    """The network with keyed pseudonyms for every id and no free text.

    Parameters
    ----------
    net : Network
    key : Key
        The secret key (:meth:`Key.from_file`, :meth:`Key.from_env`); never bytes.
    keep_attributes : iterable of str, default ()
        Attribute keys to keep (in stakeholders, relations, projects and decisions), values
        as they are; every other attribute is removed. Keep only coded values: a kept value
        is not checked for names.
    keep_methods : bool, default False
        Keep each relation's provenance ``method`` (free text: removed by default).
    dates : {"year", "keep", "drop"}, default "year"
        A relation's provenance ``date``: cut to its year, kept, or removed.
    drop : iterable of str, default ()
        Coded fields to remove as well: any of :data:`DROPPABLE` (the stakeholders' role,
        sector, expertise, under_served, paid, convenor, size, influence; the relations'
        scale), when one of them could single someone out (:func:`risk`).
    order : {"pseudonym", "original"}, default "pseudonym"
        Order the stakeholders, relations, projects and decisions by pseudonym (the order of
        a list can betray how it was made, such as alphabetically by name), or keep the
        original order.

    Returns
    -------
    network : Network
        The pseudonymised network: the same structure, every measure the same (up to order).
        ``metadata`` is replaced by ``{"pseudonymised": record}``, the record of
        :func:`manifest` (key fingerprint, date, library version, what was removed).
    mapping : pandas.DataFrame
        The re-identification table: ``id`` (original), ``kind`` (the stakeholder's kind,
        or ``project`` or ``decision``) and ``pseudonym``, one row per stakeholder, project
        and decision in the original order; ``attrs["key_fingerprint"]``. Store it apart
        from the data, with the access rules of the original data, or destroy it.

    Raises
    ------
    coproduction.InputError
        ``key`` is not a :class:`Key` (``where == "key"``), two ids would share a pseudonym
        (astronomically unlikely; refused, never merged), an unknown option value, or a
        network already pseudonymised (``where == "net"``: pseudonymise the original).

    Notes
    -----
    A stakeholder's pseudonym is ``PREFIXES[kind]`` followed by the first 80 bits of
    HMAC-SHA256(key, ``"coproduction.privacy.pseudonym.v1" NUL "stakeholder" NUL id``) in
    lowercase base32 (16 characters); projects and decisions are made the same way in
    namespaces of their own. It depends only on the key and the id: the same key gives
    the same pseudonyms in every file and every wave, another key unrelated ones, and
    without the key a pseudonym cannot be computed from an id or reversed.

    Kept: kind, the coded fields not in ``drop``, every relation's ends, type and weight,
    every project's claimed type, every decision's stage, rights, rule, votes, quota, veto
    and weight. Removed: labels, the metadata (title and all), attributes not kept,
    provenance methods (unless kept), dates beyond the year (by default), and a
    ``reported_by`` that is neither a stakeholder (mapped to its pseudonym) nor a role (a
    role a stakeholder has, or one of the common roles of docs/format.md).

    Examples
    --------
    >>> import os, tempfile
    >>> import coproduction as cp
    >>> from coproduction import privacy
    >>> key = privacy.Key.generate(os.path.join(tempfile.mkdtemp(), "project.key"))
    >>> net = cp.examples.load("twam_partners_2013")
    >>> shared, mapping = privacy.pseudonymise(net, key)
    >>> shared.num_stakeholders, shared.num_relations, len(mapping)
    (28, 77, 36)
    >>> "twam" in shared.to_json()
    False
    """
    document = _document(net)
    pseudonym_hmac(key)  # refuses anything but a Key, before any work
    metadata = document.get("metadata")
    if isinstance(metadata, dict) and "pseudonymised" in metadata:
        raise input_error("net", "is already pseudonymised; pseudonymise the original network "
                                 "(a second key over the first would tie both to the data)")
    kept_keys = [str(k) for k in as_items(keep_attributes)]
    dropped = _words(drop, "drop", DROPPABLE)
    if dates not in _DATES:
        raise input_error("dates", f"one of {', '.join(_DATES)}, not {dates!r}")
    if order not in ("pseudonym", "original"):
        raise input_error("order", f"\"pseudonym\" or \"original\", not {order!r}")

    people = document["stakeholders"]
    ids = [s["id"] for s in people]
    kinds = [s["kind"] for s in people]
    stakeholder = dict(zip(ids, _pseudonyms(key, "stakeholder", ids,
                                            [PREFIXES[k] for k in kinds])))
    project_ids = [p["id"] for p in document["projects"]]
    project = dict(zip(project_ids, _pseudonyms(key, "project", project_ids,
                                                [PREFIXES["project"]] * len(project_ids))))
    decision_ids = [d["id"] for d in document["decisions"]]
    decision = dict(zip(decision_ids, _pseudonyms(key, "decision", decision_ids,
                                                  [PREFIXES["decision"]] * len(decision_ids))))
    roles = set() if "role" in dropped else \
        _COMMON_ROLES | {s["role"] for s in people if "role" in s}

    def attributes_of(element: Mapping[str, Any], out: Dict[str, Any]) -> Dict[str, Any]:
        kept = _kept(element.get("attributes"), kept_keys)
        if kept is not None:
            out["attributes"] = kept
        return out

    new_people = []
    for s in people:
        out = {"id": stakeholder[s["id"]], "kind": s["kind"]}
        out.update({f: s[f] for f in _STAKEHOLDER_CODED if f in s and f not in dropped})
        new_people.append(attributes_of(s, out))
    new_relations = []
    for r in document["relations"]:
        out = {"source": stakeholder[r["source"]], "target": stakeholder[r["target"]],
               "type": r["type"]}
        if "weight" in r:
            out["weight"] = r["weight"]
        if "scale" in r and "scale" not in dropped:
            out["scale"] = r["scale"]
        given = r.get("provenance", {})
        provenance = {}
        reporter = given.get("reported_by")
        if reporter in stakeholder:
            provenance["reported_by"] = stakeholder[reporter]
        elif reporter in roles:
            provenance["reported_by"] = reporter
        if "date" in given and dates != "drop":
            provenance["date"] = given["date"][:4] if dates == "year" else given["date"]
        if "method" in given and keep_methods:
            provenance["method"] = given["method"]
        if provenance:
            out["provenance"] = provenance
        new_relations.append(attributes_of(r, out))
    new_projects = []
    for p in document["projects"]:
        out = {"id": project[p["id"]]}
        if "claimed" in p:
            out["claimed"] = p["claimed"]
        new_projects.append(attributes_of(p, out))
    new_decisions = []
    for d in document["decisions"]:
        rule = {"kind": d["rule"]["kind"]}
        if "votes" in d["rule"]:
            rule["votes"] = {stakeholder[h]: v for h, v in d["rule"]["votes"].items()}
        if "quota" in d["rule"]:
            rule["quota"] = d["rule"]["quota"]
        if "veto" in d["rule"]:
            rule["veto"] = sorted(stakeholder[h] for h in d["rule"]["veto"])
        out = {"id": decision[d["id"]], "project": project[d["project"]], "stage": d["stage"],
               "rights": {stakeholder[h]: right for h, right in d["rights"].items()},
               "rule": rule}
        if "weight" in d:
            out["weight"] = d["weight"]
        new_decisions.append(attributes_of(d, out))
    if order == "pseudonym":
        new_people.sort(key=lambda s: s["id"])
        new_relations.sort(key=lambda r: (r["source"], r["target"], r["type"]))
        new_projects.sort(key=lambda p: p["id"])
        new_decisions.sort(key=lambda d: d["id"])

    removed = ["labels of stakeholders, projects and decisions", "metadata (title and all)",
               "attributes" + (f" except {', '.join(sorted(set(kept_keys)))}"
                               if kept_keys else ""),
               "provenance reported_by naming neither a stakeholder nor a role"]
    if not keep_methods:
        removed.append("provenance method")
    if dates != "keep":
        removed.append("provenance date" + (" beyond the year" if dates == "year" else ""))
    removed += [f"coded field {f}" for f in dropped]
    record = {
        "key_fingerprint": key.fingerprint,
        "scheme": f"HMAC-SHA256, first {PSEUDONYM_BITS} bits in lowercase base32, prefixed "
                  f"by kind ({_SCHEME})",
        "date": datetime.date.today().isoformat(),
        "library": f"coproduction {_core.__version__}",
        "removed": removed,
        "kept_attributes": sorted(set(kept_keys)),
        "order": order,
    }
    result = _network({"format": "coproduction", "version": 1,
                       "metadata": {"pseudonymised": record}, "stakeholders": new_people,
                       "relations": new_relations, "projects": new_projects,
                       "decisions": new_decisions})
    mapping = pd.DataFrame({
        "id": pd.Series(ids + project_ids + decision_ids, dtype=object),
        "kind": pd.Series(kinds + ["project"] * len(project_ids)
                          + ["decision"] * len(decision_ids), dtype=object),
        "pseudonym": pd.Series([stakeholder[i] for i in ids] + [project[i] for i in project_ids]
                               + [decision[i] for i in decision_ids], dtype=object),
    })
    mapping.attrs = {"key_fingerprint": key.fingerprint}
    return result, mapping


@reads_network
def redact(net: Network, fields: Iterable[str] = ("labels", "attributes", "provenance", "title"),
           *, mark: Optional[str] = None) -> Network:
    """The network without (or with a mark in place of) its free text; ids kept.

    Parameters
    ----------
    net : Network
    fields : iterable of str, default ("labels", "attributes", "provenance", "title")
        Any of :data:`REDACTABLE`: ``"labels"`` of stakeholders, projects and decisions;
        ``"attributes"`` of all four; relation ``"provenance"`` (reported_by, date,
        method); the metadata's ``"title"``; the whole ``"metadata"``.
    mark : str, optional
        None removes the fields. A non-empty text replaces each removed value instead: a
        label, each attribute's value (its key stays), reported_by and method, the title,
        each metadata value; a provenance date, which must be a date, is removed.

    Returns
    -------
    Network
        A new network; ``net`` is not changed. Ids, coded fields, relations and decisions are
        as they were, so every measure is unchanged.

    Raises
    ------
    coproduction.InputError
        A field that is not one of :data:`REDACTABLE`, no field at all, or a ``mark`` that
        is not a non-empty string.

    Notes
    -----
    Redaction leaves the ids, which may themselves be names or say who someone is: use
    :func:`pseudonymise` to replace them.

    Examples
    --------
    >>> import coproduction as cp
    >>> from coproduction import privacy
    >>> net = cp.examples.load("twam_partners_2013")
    >>> plain = privacy.redact(net)
    >>> bool(plain.stakeholders["label"].isna().all()), "title" in plain.metadata
    (True, False)
    >>> marked = privacy.redact(net, ["labels"], mark="[redacted]")
    >>> marked.stakeholders.at["twam", "label"]
    '[redacted]'
    """
    document = _document(net)
    chosen = set(_words(fields, "fields", REDACTABLE))
    if not chosen:
        raise input_error("fields", f"names no field; give any of {', '.join(REDACTABLE)}")
    if mark is not None and (not isinstance(mark, str) or not mark):
        raise input_error("mark", f"None (remove) or a non-empty text, not {mark!r}")
    elements = [*document["stakeholders"], *document["projects"], *document["decisions"]]

    if "labels" in chosen:
        for element in elements:
            if "label" in element:
                if mark is None:
                    del element["label"]
                else:
                    element["label"] = mark
    if "attributes" in chosen:
        for element in [*elements, *document["relations"]]:
            if "attributes" in element:
                if mark is None:
                    del element["attributes"]
                else:
                    element["attributes"] = {k: mark for k in element["attributes"]}
    if "provenance" in chosen:
        for relation in document["relations"]:
            if "provenance" not in relation:
                continue
            if mark is None:
                del relation["provenance"]
                continue
            provenance = relation["provenance"]
            provenance.pop("date", None)
            for field in ("reported_by", "method"):
                if field in provenance:
                    provenance[field] = mark
            if not provenance:
                del relation["provenance"]
    metadata = document.get("metadata")
    if isinstance(metadata, dict):
        if "metadata" in chosen:
            if mark is None:
                del document["metadata"]
            else:
                document["metadata"] = {k: mark for k in metadata}
        elif "title" in chosen and "title" in metadata:
            if mark is None:
                del metadata["title"]
            else:
                metadata["title"] = mark
    return _network(document)


claim_home(__name__, globals(), __all__)


def __dir__() -> List[str]:
    return list(__all__)
