"""Who can be picked out without a name: equivalence classes on quasi-identifiers.

A pseudonymised network still holds each stakeholder's role, sector, kind of expertise and
place in the network. Someone who knows that the partnership had one paid carer with lived
experience who informs three others can find that row, whatever its pseudonym. This is the
check of k-anonymity (Sweeney 2002) on the quasi-identifiers an outsider could know, with the
stakeholder's degree (Hay et al. 2008: structure alone re-identifies) among them.
"""

from __future__ import annotations

import json
from typing import Any, Iterable, List, Sequence

import numpy as np
import pandas as pd

from ._errors import input_error
from ._groups import NOT_CODED
from ._items import as_items
from ._privacy_groups import DEFAULT_K, check_k
from ._reading import reads_network
from .network import Network

__all__ = ["QUASI_IDENTIFIERS", "risk"]

#: What an outsider may know of a stakeholder, by default: the coded fields a pseudonymised
#: network keeps, and the number of relations to and from it.
QUASI_IDENTIFIERS = ("kind", "role", "sector", "expertise", "under_served", "paid", "convenor",
                     "size", "in_degree", "out_degree")

_DEGREES = ("in_degree", "out_degree")
_COLUMNS = ("kind", "role", "sector", "expertise", "under_served", "paid", "convenor", "size",
            "influence")
_ATTRIBUTE = "attributes."


def _attribute(values: "pd.Series[Any]", key: str) -> "pd.Series[Any]":
    """One attribute of every stakeholder as JSON text (so that 1, 1.0, true and "1" stay
    apart), None where a stakeholder has no such attribute."""
    def one(attributes: Any) -> Any:
        if not isinstance(attributes, dict) or key not in attributes:
            return None
        return json.dumps(attributes[key], sort_keys=True, ensure_ascii=False)

    return values.map(one).astype(object)


def _names(quasi_identifiers: Iterable[str]) -> List[str]:
    names = [str(q) for q in as_items(quasi_identifiers)]
    if not names:
        raise input_error("quasi_identifiers", "names nothing; give at least one field")
    if len(set(names)) != len(names):
        raise input_error("quasi_identifiers", "names a field twice")
    for name in names:
        if name in _COLUMNS or name in _DEGREES:
            continue
        if name.startswith(_ATTRIBUTE) and len(name) > len(_ATTRIBUTE):
            continue
        raise input_error("quasi_identifiers", f"{name!r} is not one of {', '.join(_COLUMNS)}, "
                                               f"in_degree, out_degree or attributes.<key>")
    return names


@reads_network
def risk(net: Network, k: int = DEFAULT_K, *,
         quasi_identifiers: Sequence[str] = QUASI_IDENTIFIERS) -> pd.DataFrame:
    """The stakeholders that their coded fields and their place in the network single out.

    Stakeholders who share the values of every quasi-identifier form an equivalence class;
    a class of fewer than ``k`` stakeholders lets anyone who knows those values narrow a
    pseudonym down to fewer than ``k`` candidates, and a class of one names its member.

    Parameters
    ----------
    net : Network
    k : int, default 5
        The smallest class considered safe.
    quasi_identifiers : sequence of str
        What an outsider is assumed to know: columns of ``net.stakeholders`` (kind, role,
        sector, expertise, under_served, paid, convenor, size, influence), ``in_degree`` and
        ``out_degree`` (relations of every type to and from the stakeholder, parallel
        relations of different types counted each, relations with objects included: the
        degree as a published network shows it), and ``"attributes.<key>"`` for an attribute
        kept in the data. Default: :data:`QUASI_IDENTIFIERS`.

    Returns
    -------
    pandas.DataFrame
        One row per stakeholder that is not an object (the collection objects and places of
        *Co-Producing Health and Wellbeing Programmes in the Museum* are not people),
        indexed by stakeholder id (index named ``"stakeholder"``), in the network's order:
        the value of each quasi-identifier (an attribute as its JSON text), ``class_size``
        (how many stakeholders share all of them) and ``at_risk`` (``class_size < k``).
        A value not coded is a value like any other, ``"not coded"``: two stakeholders
        whose role is not coded look alike. ``attrs`` holds ``k`` and the
        ``quasi_identifiers``.

    Raises
    ------
    coproduction.InputError
        A ``k`` below 1; a quasi-identifier that is none of the above, or none at all.

    Notes
    -----
    The classes count stakeholder records, as k-anonymity does: a group stakeholder of
    twelve service users alone in its class is at risk, since whatever the data say of it
    is then known of those twelve people (attribute disclosure). ``risk`` measures only
    uniqueness on the fields given; it does not know what else an attacker holds (a
    neighbour's identity, the relation types, the timing of waves), so an empty list of
    stakeholders at risk is not a proof of anonymity (docs/data-protection.md).

    References
    ----------
    Sweeney, L. (2002). k-anonymity: a model for protecting privacy. *International Journal
    of Uncertainty, Fuzziness and Knowledge-Based Systems* 10(5), 557-570. Hay, M., Miklau,
    G., Jensen, D., Towsley, D. & Weis, P. (2008). Resisting structural re-identification in
    anonymized social networks. *Proceedings of the VLDB Endowment* 1(1), 102-114.

    Examples
    --------
    >>> import coproduction as cp
    >>> from coproduction import privacy
    >>> net = cp.examples.load("twam_partners_2013")
    >>> table = privacy.risk(net)
    >>> len(table), int(table["at_risk"].sum())
    (26, 26)
    >>> coarse = privacy.risk(net, quasi_identifiers=["role"])
    >>> row = coarse.loc["npt_womens_group"]
    >>> row["role"], int(row["class_size"]), bool(row["at_risk"])
    ('service_user', 5, False)
    """
    from .metrics import centrality  # the measures import the network layer, not this

    k = check_k(k)
    names = _names(quasi_identifiers)
    table = net.stakeholders
    people = (table["kind"] != "object").to_numpy(dtype=bool)
    columns = {}
    for name in names:
        if name in _DEGREES:
            degree = centrality(net, "degree", include_objects=True, normalized=False,
                                parallel="keep", mode="in" if name == "in_degree" else "out")
            columns[name] = degree.reindex(table.index).to_numpy(dtype=float).astype(np.int64)
        elif name.startswith(_ATTRIBUTE) and name not in _COLUMNS:
            columns[name] = _attribute(table["attributes"], name[len(_ATTRIBUTE):]).to_numpy()
        else:
            columns[name] = table[name].astype(object).to_numpy()
    values = pd.DataFrame(columns, index=pd.Index(table.index, name="stakeholder"))[people]
    # A value not coded is a value: the class of those whose role is unknown, as in every
    # grouping of the package.
    keys = values.astype(object).where(values.notna(), NOT_CODED)
    # ngroup numbers the classes (dropna=False keeps a row however its values read);
    # bincount counts each class, and taking it back by code gives each stakeholder its own.
    codes = keys.groupby(names, sort=False, dropna=False).ngroup().to_numpy(dtype=np.int64)
    sizes = np.bincount(codes)[codes] if len(codes) else np.zeros(0, dtype=np.int64)
    out = keys.copy()
    out["class_size"] = sizes.astype(np.int64)
    out["at_risk"] = out["class_size"] < k
    out.attrs = {"k": k, "quasi_identifiers": names}
    return out


def __dir__() -> List[str]:
    return list(__all__)
