"""The manifest of a pseudonymised export: what was done, with which key (by its
fingerprint), never the key, an id or a pseudonym."""

from __future__ import annotations

import hashlib
import json
import os
from typing import Any, Dict, Iterable, List, Union

from . import _core
from ._errors import input_error
from ._items import as_items
from .network import Network

__all__ = ["manifest", "write_manifest"]

PathLike = Union[str, "os.PathLike[str]"]

_MANIFEST_FORMAT = "coproduction-privacy-manifest"


def manifest(net: Network) -> Dict[str, Any]:
    """The record of how a network was pseudonymised, for the files exported from it.

    Parameters
    ----------
    net : Network
        A network returned by :func:`pseudonymise` (its metadata holds the record).

    Returns
    -------
    dict
        ``format`` (``"coproduction-privacy-manifest"``), ``version`` (1), the record
        (``key_fingerprint``, ``scheme``, ``date``, ``library``, ``removed``,
        ``kept_attributes``, ``order``) and ``counts`` of stakeholders, relations, projects
        and decisions. Never the key, never an id or a pseudonym.

    Raises
    ------
    coproduction.InputError
        ``net`` is not a network made by :func:`pseudonymise`.
    """
    if not isinstance(net, Network):
        raise input_error("net", f"a coproduction.Network, not {type(net).__name__}")
    metadata = net.metadata or {}
    record = metadata.get("pseudonymised")
    if not isinstance(record, dict) or not isinstance(record.get("key_fingerprint"), str):
        raise input_error("net", "holds no record of pseudonymisation: give the network "
                                 "cp.privacy.pseudonymise returned")
    return {"format": _MANIFEST_FORMAT, "version": 1, **record,
            "counts": {"stakeholders": net.num_stakeholders, "relations": net.num_relations,
                       "projects": net.num_projects, "decisions": net.num_decisions}}


def write_manifest(path: PathLike, net: Network, *, files: Iterable[PathLike] = ()
                   ) -> Dict[str, Any]:
    """Write :func:`manifest` as a JSON file beside an export, atomically.

    Parameters
    ----------
    path : str or os.PathLike
        The manifest file (written through a temporary file and renamed, keeping an existing
        file's permissions, as every writer of the package).
    net : Network
        The pseudonymised network.
    files : iterable of paths, default ()
        The exported files the manifest describes: each is listed by its file name (not its
        folder, which may name a person or a place) with its size and SHA-256, so a recipient
        can check that what arrived is what was made.

    Returns
    -------
    dict
        What was written.

    Raises
    ------
    coproduction.InputError
        As :func:`manifest`.
    OSError
        A listed file cannot be read, or the manifest cannot be written.
    """
    record = manifest(net)
    listed = []
    for name in as_items(files):
        digest = hashlib.sha256()
        size = 0
        with open(os.fspath(name), "rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
                size += len(block)
        listed.append({"name": os.path.basename(os.fspath(name)), "bytes": size,
                       "sha256": digest.hexdigest()})
    if listed:
        record["files"] = listed
    _core.write_text(os.fspath(path), json.dumps(record, indent=2, ensure_ascii=False) + "\n")
    return record


def __dir__() -> List[str]:
    return list(__all__)
