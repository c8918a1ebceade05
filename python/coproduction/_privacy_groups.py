"""Small groups in result tables: suppressed or merged below ``k`` people.

A table of results by group (power shares by role, counts by sector) tells a reader about
each group's members; a group of one or two people is those people. Statistical disclosure
control therefore hides the cells of groups under a threshold (suppression) or pools them
(merging); the UK Data Service's guidance on anonymising quantitative data gives both, and a
threshold of 5 is a common default in health and social care statistics. These functions
take any table indexed by group and the head count of each group, and always say what they
did in ``table.attrs["small_groups"]``.
"""

from __future__ import annotations

import numbers
from typing import Any, Dict, Iterable, List, Mapping, Optional, Union

import numpy as np
import pandas as pd

from . import _core
from ._checks import check_project, network_core
from ._errors import input_error
from ._groups import GroupBy, resolve_groups
from ._items import as_items
from ._reading import reads_network
from .network import Network

__all__ = ["DEFAULT_K", "head_counts", "suppress_small_groups", "merge_small_groups",
           "power_shares"]

#: The smallest group shown on its own, in people.
DEFAULT_K = 5

Counts = Union[str, "pd.Series[Any]"]


def check_k(k: Any) -> int:
    """``k`` as an int of at least 1."""
    if isinstance(k, bool) or not isinstance(k, numbers.Integral) or int(k) < 1:
        raise input_error("k", f"a whole number of people, at least 1, not {k!r}")
    return int(k)


def _counts(table: pd.DataFrame, counts: Counts) -> np.ndarray[Any, Any]:
    """The head count of each row of ``table``, in row order, as floats."""
    if not isinstance(table, pd.DataFrame):
        raise input_error("table", f"a pandas DataFrame indexed by group, not "
                                   f"{type(table).__name__}")
    if not table.index.is_unique:
        raise input_error("table", "names a group twice in its index")
    if isinstance(counts, str):
        if counts not in table.columns:
            raise input_error("counts", f"no column {counts!r} in the table; give the column "
                                        f"of head counts or a Series indexed by group")
        values = table[counts]
    elif isinstance(counts, pd.Series):
        if not counts.index.is_unique:
            raise input_error("counts", "names a group twice")
        missing = table.index.difference(counts.index)
        extra = counts.index.difference(table.index)
        if len(missing) or len(extra):
            raise input_error("counts", f"must give the head count of exactly the table's "
                                        f"groups ({len(missing)} missing, {len(extra)} not in "
                                        f"the table)")
        values = counts.reindex(table.index)
    else:
        raise input_error("counts", f"a column name or a Series of head counts by group, not "
                                    f"{type(counts).__name__}")
    try:
        out = pd.to_numeric(values, errors="raise").to_numpy(dtype=float, na_value=np.nan)
    except (TypeError, ValueError) as error:
        raise input_error("counts", f"head counts must be numbers ({error})") from error
    if not np.all(np.isfinite(out)) or np.any(out < 0):
        raise input_error("counts", "head counts must be finite numbers of at least 0")
    return out


def _noted(out: pd.DataFrame, source: pd.DataFrame, record: Dict[str, Any]) -> pd.DataFrame:
    out.attrs = {**source.attrs, "small_groups": record}
    return out


def suppress_small_groups(table: pd.DataFrame, counts: Counts, k: int = DEFAULT_K, *,
                          complementary: bool = True) -> pd.DataFrame:
    """The table with every value of a group of fewer than ``k`` people hidden (NaN).

    Parameters
    ----------
    table : pandas.DataFrame
        Results indexed by group, one row per group.
    counts : str or pandas.Series
        The head count of each group: a column of ``table`` or a Series indexed by group
        (:func:`head_counts` gives it for a grouping of a network).
    k : int, default 5
        The smallest group shown.
    complementary : bool, default True
        When exactly one group is hidden and others are shown, hide the smallest other group
        too, so that the hidden values cannot be worked out as the total less the rest
        (power shares sum to 1; counts to the known total).

    Returns
    -------
    pandas.DataFrame
        A plain DataFrame with the same rows and columns; a hidden row keeps its label and
        holds NaN in every column (a column of whole numbers becomes float to hold it).
        ``attrs["small_groups"]`` says what was
        done: ``k``, ``how`` (``"suppressed"``), ``groups`` (how many rows were hidden),
        ``complementary`` (how many of them only to protect another) and ``note`` (a
        sentence for a reader of the table, naming no group).

    Raises
    ------
    coproduction.InputError
        A table that is not a DataFrame or names a group twice, counts that do not cover
        exactly its groups or are not numbers of at least 0, a ``k`` below 1.

    Examples
    --------
    >>> import pandas as pd
    >>> from coproduction import privacy
    >>> table = pd.DataFrame({"people": [40, 3, 12]}, index=["service_user", "carer", "staff"])
    >>> privacy.suppress_small_groups(table, "people")
                  people
    service_user    40.0
    carer            NaN
    staff            NaN

    The carers' count is hidden, and the staff's with it: otherwise it would be the total
    less the other two.
    """
    values = _counts(table, counts)
    k = check_k(k)
    small = values < k
    primary = int(small.sum())
    extra = 0
    if complementary and primary == 1 and len(values) > 1:
        shown = np.flatnonzero(~small)
        smallest = shown[np.argmin(values[shown])]  # the first of equal counts
        small[smallest] = True
        extra = 1
    hidden = pd.DataFrame(np.repeat(small[:, None], table.shape[1], axis=1), index=table.index,
                          columns=table.columns)
    out = pd.DataFrame(table).mask(hidden)
    if primary == 0:
        note = f"No group has fewer than {k} people; nothing is hidden."
    else:
        note = (f"The values of {primary} group{'s' if primary > 1 else ''} of fewer than {k} "
                f"people are hidden")
        note += (f", and those of 1 more group so that they cannot be worked out from the "
                 f"total." if extra else ".")
    return _noted(out, table, {"k": k, "how": "suppressed", "groups": primary + extra,
                               "complementary": extra, "note": note})


def merge_small_groups(table: pd.DataFrame, counts: Counts, k: int = DEFAULT_K, *,
                       additive: Iterable[str], other: Optional[str] = None) -> pd.DataFrame:
    """The table with the groups of fewer than ``k`` people pooled into one row.

    Parameters
    ----------
    table : pandas.DataFrame
        Results indexed by group, one row per group.
    counts : str or pandas.Series
        The head count of each group: a column of ``table`` or a Series indexed by group
        (:func:`head_counts`).
    k : int, default 5
        The smallest group shown on its own.
    additive : iterable of str
        The columns whose value for the pooled row is the sum of the pooled groups' values
        (counts, shares). Required, because no rule can tell a share from a ratio or a mean:
        every other column is NaN in the pooled row; recompute it there if it can be (as
        :func:`power_shares` recomputes ``parity``).
    other : str, optional
        The label of the pooled row; default ``"other (groups under k)"`` with ``k`` spelt
        out. It must not be a label of the table.

    Returns
    -------
    pandas.DataFrame
        The groups of ``k`` people or more, in their order, then the pooled row. When the
        groups under ``k`` hold fewer than ``k`` people together, the smallest other groups
        (first of equal counts) join them until the pool holds ``k``; when even all groups
        together hold fewer than ``k``, the one pooled row is hidden (NaN).
        ``attrs["small_groups"]`` says what was done: ``k``, ``how`` (``"merged"``),
        ``groups`` (how many were pooled), ``label`` (the pooled row's) and ``note``.

    Raises
    ------
    coproduction.InputError
        As :func:`suppress_small_groups`; an ``additive`` column the table does not have or
        that is not numeric; an ``other`` label the table already has.

    Examples
    --------
    >>> import pandas as pd
    >>> from coproduction import privacy
    >>> table = pd.DataFrame({"people": [40, 3, 12, 2]},
    ...                      index=["service_user", "carer", "staff", "commissioner"])
    >>> merged = privacy.merge_small_groups(table, "people", additive=["people"])
    >>> merged
                            people
    service_user                40
    staff                       12
    other (groups under 5)       5
    >>> merged.attrs["small_groups"]["note"]
    '2 groups of fewer than 5 people are merged into "other (groups under 5)" (5 people).'
    """
    values = _counts(table, counts)
    k = check_k(k)
    summed = [str(c) for c in as_items(additive)]
    for column in summed:
        if column not in table.columns:
            raise input_error("additive", f"no column {column!r} in the table")
        if not pd.api.types.is_numeric_dtype(table[column]) \
                or pd.api.types.is_bool_dtype(table[column]):
            raise input_error("additive", f"column {column!r} is not numeric: only counts and "
                                          f"shares can be added up")
    label = f"other (groups under {k})" if other is None else other
    if label in table.index:
        raise input_error("other", f"{label!r} is already a group of the table")
    pooled = values < k
    primary = int(pooled.sum())
    if primary == 0:
        return _noted(pd.DataFrame(table).copy(), table, {
            "k": k, "how": "merged", "groups": 0, "label": None,
            "note": f"No group has fewer than {k} people; no group is merged."})
    joined = 0
    # The pool must itself hold k people; the smallest groups join it first.
    for position in np.argsort(values, kind="stable"):
        if values[pooled].sum() >= k:
            break
        if not pooled[position]:
            pooled[position] = True
            joined += 1
    kept = pd.DataFrame(table)[~pooled]
    total = float(values[pooled].sum())
    hidden = total < k
    row = pd.DataFrame({c: [np.nan if hidden or c not in summed else table[c][pooled].sum()]
                        for c in table.columns}, index=pd.Index([label], dtype=object))
    if not hidden:  # a sum of counts stays a count
        row = row.astype({c: table[c].dtype for c in summed})
    out = pd.concat([kept, row]) if len(kept) else row
    # The labels as objects, as every table of the package indexes its groups.
    out.index = pd.Index(list(kept.index) + [label], dtype=object, name=table.index.name)
    count = int(pooled.sum())
    people = f"{total:g} people"
    note = (f"{count} group{'s' if count > 1 else ''} of fewer than {k} people "
            f"{'are' if count > 1 else 'is'} merged into \"{label}\" ({people})")
    if joined and not hidden:
        note += (f"; the {primary} group{'s' if primary > 1 else ''} under {k} held fewer than "
                 f"{k} people together, so the smallest other group{'s' if joined > 1 else ''} "
                 f"joined them.")
    elif hidden:
        note = (f"All {count} groups together have fewer than {k} people: they are merged "
                f"into \"{label}\" and its values are hidden.")
    else:
        note += "."
    return _noted(out, table, {"k": k, "how": "merged", "groups": count, "label": label,
                               "note": note})


@reads_network
def head_counts(net: Network, by: GroupBy = "convenor", *,
                project: Optional[str] = None) -> "pd.Series[Any]":
    """How many people each group holds, as :func:`coproduction.power.power_shares` counts
    them.

    Parameters
    ----------
    net : Network
    by : str, pandas.Series or dict, default "convenor"
        The grouping, read as everywhere in the package (a missing value is the group
        ``"not coded"``).
    project : str, optional
        Only the people taking part in this project, as ``power_shares`` reads them.

    Returns
    -------
    pandas.Series
        Integers indexed by group (index named ``"group"``, in ``power_shares``' order),
        named ``"people"``: the stakeholders other than objects, a group or organisation
        counting its ``size`` and anyone without a size counting 1.

    Raises
    ------
    coproduction.InputError
        An unknown ``by`` or ``project``.

    Examples
    --------
    >>> import coproduction as cp
    >>> from coproduction import privacy
    >>> net = cp.examples.load("twam_partners_2013")
    >>> int(privacy.head_counts(net, "role")["service_user"])
    53
    """
    core = network_core(net)
    check_project(net, project)
    frame = net.stakeholders
    people = frame.index[np.asarray(_core.power.taking_part(core, project), dtype=bool)]
    grouping = resolve_groups(by, people, net=net, sort=True, name="group")
    heads = frame["size"].reindex(people).fillna(1).to_numpy(dtype=np.int64)
    totals = np.bincount(grouping.codes, weights=heads, minlength=grouping.count)
    return pd.Series(totals.round().astype(np.int64),
                     index=pd.Index(list(grouping.labels), name="group", dtype=object),
                     name="people")


def power_shares(net: Network, by: Union[str, "pd.Series[Any]", Mapping[str, Any]] = "convenor",
                 *, k: int = DEFAULT_K,
                 how: str = "merge", **options: Any) -> pd.DataFrame:
    """:func:`coproduction.power.power_shares` with the groups of fewer than ``k`` people
    merged or hidden.

    Parameters
    ----------
    net : Network
    by : str, pandas.Series or dict, default "convenor"
        As in ``power_shares``.
    k : int, default 5
        The smallest group shown on its own, in people (:func:`head_counts`).
    how : {"merge", "suppress"}, default "merge"
        ``"merge"``: pool the small groups (:func:`merge_small_groups`; ``power``,
        ``stakeholders`` and ``people`` add up, ``parity`` is the pool's power over its
        people). ``"suppress"``: hide their rows and, when only one is hidden, the
        smallest other (:func:`suppress_small_groups`).
    **options
        ``index``, ``weighted``, ``project``: passed to ``power_shares``.

    Returns
    -------
    pandas.DataFrame
        The columns of ``power_shares``; ``attrs["small_groups"]`` says what was done.

    Raises
    ------
    coproduction.InputError
        As ``power_shares``; an unknown ``how``; a ``k`` below 1.

    Examples
    --------
    >>> import coproduction as cp
    >>> from coproduction import privacy
    >>> net = cp.examples.load("twam_partners_2013")
    >>> shares = privacy.power_shares(net, "role")
    >>> list(shares.index)
    ['front_line_staff', 'museum_staff', 'partner_organisation', 'senior_staff', 'service_user', 'volunteer', 'other (groups under 5)']
    >>> round(float(shares["power"].sum()), 12), round(float(shares["people"].sum()), 12)
    (1.0, 1.0)
    """
    from . import decision_power  # the analysis module; imported when first used

    if how not in ("merge", "suppress"):
        raise input_error("how", f"\"merge\" or \"suppress\", not {how!r}")
    k = check_k(k)
    table = pd.DataFrame(decision_power.power_shares(net, by, **options))
    heads = head_counts(net, by, project=options.get("project"))
    if how == "suppress":
        return suppress_small_groups(table, heads, k)
    out = merge_small_groups(table, heads, k, additive=("power", "stakeholders", "people"))
    out["parity"] = out["power"] / out["people"]
    return out


def __dir__() -> List[str]:
    return list(__all__)
