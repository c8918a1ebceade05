"""Groupings of stakeholders: the one reader of every ``by=`` argument.

A grouping says which group each stakeholder (or each value) belongs to: the role, the kind,
the sector, convenor or partner. Every function of the package that takes ``by=`` reads it
through :func:`resolve_groups`, so that the same ``by`` gives the same groups, with the same
labels, everywhere:

- a **column name** of :attr:`Network.stakeholders` (``"role"``, ``"kind"``, ``"sector"``,
  ``"expertise"``, ``"under_served"``, ``"paid"``, ...). ``"convenor"`` is read as the two
  sides of a partnership: ``"convenor"`` where the flag is true, ``"partner"`` everywhere else
  (the flag marks the side that initiated the work and holds its resources; a stakeholder not
  marked is a partner, not an unknown);
- a **pandas Series** indexed by stakeholder id, or a **mapping** from id to label;
- for functions of values rather than of a network (``cp.metrics.parity_ratio``): one label
  per value, as a list or array, or a Series aligned to the values by index.

A **missing** value (None, NaN, ``pd.NA``, ``NaT``; in a Series, a mapping or a column alike),
or a stakeholder that a Series or mapping does not mention, forms the group
:data:`NOT_CODED`, ``"not coded"``: data not coded are reported, never refused and never
silently dropped. Anything else that is wrong raises :class:`~coproduction.InputError` naming
the argument (``where == "by"`` unless the caller names another): an unknown column, ids that
are not stakeholders of the network, repeated ids, a length that does not match, a label that
cannot be a dictionary key.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, List, Optional, Tuple, Union

import numpy as np
import pandas as pd

from ._errors import input_error
from ._items import as_items

if TYPE_CHECKING:  # the network imports nothing from here; only the annotation needs it
    from .network import Network

__all__ = ["NOT_CODED", "GroupBy", "Grouping", "resolve_groups"]

#: The label of the group of stakeholders (or values) whose group is missing.
NOT_CODED = "not coded"

#: What ``by=`` may be.
GroupBy = Union[str, "pd.Series[Any]", Mapping[Any, Any], "np.ndarray[Any, Any]", List[Any],
                Tuple[Any, ...]]

# Columns of Network.stakeholders that cannot group: free text per stakeholder and free
# attributes (a dict per stakeholder).
_NOT_GROUPS = ("label", "attributes")


@dataclass(frozen=True)
class Grouping:
    """The groups of a list of items (stakeholders or values).

    Attributes
    ----------
    codes : numpy.ndarray of int64
        One code per item, in ``0 .. len(labels) - 1``.
    labels : pandas.Index
        The group of each code, in code order; named after the grouping.
    """

    codes: np.ndarray[Any, Any]
    labels: pd.Index

    @property
    def count(self) -> int:
        """How many groups."""
        return len(self.labels)

    def of_items(self) -> np.ndarray[Any, Any]:
        """The group label of each item, in item order (an object array)."""
        return np.asarray(self.labels.take(self.codes), dtype=object)


def _display(ids: Any) -> str:
    shown = ", ".join(repr(x) for x in list(ids)[:5])
    return shown + (f" and {len(ids) - 5} more" if len(ids) > 5 else "")


def _column(net: "Network", name: str, where: str) -> "pd.Series[Any]":
    table = net.stakeholders
    if name == "convenor":
        flags = table["convenor"].fillna(False).astype(bool)
        return pd.Series(np.where(flags.to_numpy(), "convenor", "partner"), index=table.index,
                         dtype=object, name="convenor")
    if name not in table.columns or name in _NOT_GROUPS:
        usable = [c for c in table.columns if c not in _NOT_GROUPS]
        raise input_error(where, f"no stakeholder column {name!r} to group by; the columns are "
                                 f"{', '.join(usable)} (or give a Series or a dict of id to "
                                 f"group)")
    return table[name]


def _keyed(by: Any, where: str) -> "pd.Series[Any]":
    """A Series or a mapping as a Series keyed by id, refusing repeated keys."""
    if isinstance(by, pd.Series):
        series = by
    else:
        series = pd.Series(list(by.values()), index=pd.Index(list(by.keys()), dtype=object),
                           dtype=object)
    if not series.index.is_unique:
        repeated = series.index[series.index.duplicated()].unique()
        raise input_error(where, f"names some stakeholders twice: {_display(repeated)}")
    return series


def _labels_in_order(values: "pd.Series[Any]", sort: bool, where: str) -> Grouping:
    """Codes and labels of ``values``; a missing value is :data:`NOT_CODED`, numbered last."""
    missing = values.isna().to_numpy(dtype=bool)
    present = values[~missing]
    try:
        try:
            # A categorical keeps its own order of categories when sorted.
            codes, uniques = pd.factorize(present, sort=sort)
        except TypeError:  # labels of types that do not compare: first-seen order
            codes, uniques = pd.factorize(present, sort=False)
    except TypeError as error:
        raise input_error(where, f"holds a label that cannot name a group ({error})") from error
    # tupleize_cols=False: tuple labels stay labels, not the levels of a MultiIndex.
    labels = pd.Index(uniques, tupleize_cols=False)
    out = np.empty(len(values), dtype=np.int64)
    out[~missing] = np.asarray(codes, dtype=np.int64)
    if missing.any():
        spelt = np.flatnonzero(np.asarray(labels.astype(object) == NOT_CODED, dtype=bool))
        if spelt.size:  # a label spelt "not coded" is the same group
            out[missing] = int(spelt[0])
        else:
            out[missing] = len(labels)
            labels = labels.append(pd.Index([NOT_CODED], dtype=object))
    return Grouping(out, labels)


def resolve_groups(by: Any, items: Union[pd.Index, int], *, net: Optional["Network"] = None,
                   sort: bool = False, name: Optional[str] = None,
                   where: str = "by") -> Grouping:
    """The group of each of ``items``, from any ``by=`` the package accepts.

    Parameters
    ----------
    by : str, pandas.Series, mapping, list or array
        A column of ``net.stakeholders`` (``"convenor"`` gives ``"convenor"`` and
        ``"partner"``); a Series indexed by stakeholder id or a mapping from id to label; or,
        for ``items`` given as a count, one label per item.
    items : pandas.Index or int
        The stakeholder ids to label, in the order of the result (a Series or mapping is
        aligned to them by id, a list must have one label per id); or a count of items that
        carry no id, which a list, an array or a Series labels by position.
    net : Network, optional
        The network the ids belong to: needed for a column name; a Series or mapping that
        names a stakeholder it does not have raises (a misspelt id would otherwise leave its
        stakeholder silently ``"not coded"``).
    sort : bool, default False
        Number the groups in sorted order of their labels (a categorical column: in the
        order of its categories; labels that do not compare: first seen). False numbers them
        in order of first appearance among ``items``, as the C++ core and R's ``unique`` do.
        :data:`NOT_CODED` comes last either way.
    name : str, optional
        The name of ``Grouping.labels``; by default a column's name or a Series' name, else
        ``"group"``.
    where : str, default "by"
        The argument named by errors.

    Returns
    -------
    Grouping
        ``codes`` (one per item) and ``labels`` (one per group).

    Raises
    ------
    coproduction.InputError
        ``where`` names the argument: an unknown column, a column name without a network, ids
        not in the network, repeated ids, a list whose length is not the number of items, a
        DataFrame, or a label that cannot be hashed.
    """
    ids: Optional[pd.Index] = items if isinstance(items, pd.Index) else None
    count = len(items) if isinstance(items, pd.Index) else int(items)
    if isinstance(by, pd.DataFrame):
        raise input_error(where, "one group per stakeholder (a column name, a Series or a "
                                 "dict), not a DataFrame")
    label_name = name
    if isinstance(by, str):
        if net is None:
            raise input_error(where, f"{by!r} names a stakeholder column, but there is no "
                                     f"network here: give one label per value")
        series = _column(net, by, where)
        label_name = label_name or by
        if ids is None:
            raise input_error(where, "a column name labels stakeholders by id")
        values = series.reindex(ids)
    elif isinstance(by, (pd.Series, Mapping)) and not (ids is None and isinstance(by, pd.Series)):
        if ids is None:
            raise input_error(where, "a mapping labels stakeholders by id, and these values "
                                     "have none: give one label per value")
        series = _keyed(by, where)
        if isinstance(by, pd.Series) and by.name is not None and label_name is None:
            label_name = str(by.name)
        if net is not None:
            unknown = series.index.difference(net.stakeholders.index)
            if len(unknown):
                raise input_error(where, f"names {len(unknown)} id(s) that are not stakeholders "
                                         f"of the network: {_display(unknown)}")
        if net is None and len(series) and count and not series.index.isin(ids).any():
            raise input_error(where, f"names none of the ids it should label (it names "
                                     f"{_display(series.index)}; the ids are "
                                     f"{_display(ids)})")
        values = series.reindex(ids)
    else:
        if net is not None:
            raise input_error(where, f"a stakeholder column name, a Series indexed by "
                                     f"stakeholder id or a dict of id to group, not "
                                     f"{type(by).__name__}")
        if isinstance(by, pd.Series):
            if by.name is not None and label_name is None:
                label_name = str(by.name)
            values = pd.Series(by.to_numpy(), dtype=by.dtype)
        else:
            try:
                # A lone label is one label, never the list of its characters; a Categorical
                # keeps its order of categories.
                values = pd.Series(as_items(by))
            except (TypeError, ValueError) as error:
                raise input_error(where, f"one group label per value ({error})") from error
        if len(values) != count:
            raise input_error(where, f"has {len(values)} labels but there are {count} values")
    values = values.reset_index(drop=True)
    grouping = _labels_in_order(values, sort, where)
    return Grouping(grouping.codes, grouping.labels.rename(label_name or "group"))


def __dir__() -> List[str]:
    return list(__all__)
