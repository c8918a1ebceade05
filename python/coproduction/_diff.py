"""What differs between two networks: two waves of fieldwork, or a network before and after
an edit. :func:`diff` compares them in the compiled core and returns a :class:`NetworkDiff`
of pandas tables."""

from __future__ import annotations

import math
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any, Dict, Iterable, List, Mapping, Tuple

import numpy as np
import pandas as pd

from . import _core, _html
from ._checks import network_core
from ._errors import InputError, input_error

__all__ = ["NetworkDiff", "diff"]

#: The tables of elements, in the order they are shown.
_TABLES = ("stakeholders", "projects", "decisions", "rights", "relations")
_SINGULAR = {"stakeholders": "stakeholder", "projects": "project", "decisions": "decision",
             "rights": "right", "relations": "relation"}
_CHANGES = ("appeared", "vanished", "changed")
_SCALES = ("session", "institution", "place")
_TIE_COUNTS = ("in_a", "in_b", "kept", "appeared", "vanished", "hamming")


@dataclass(frozen=True, eq=False, repr=False)
class NetworkDiff:
    """What differs from a network ``a`` to a network ``b``, as :func:`diff` finds it.

    Each table lists only what differs: the elements of ``a`` that vanished or changed, in
    ``a``'s order, then those of ``b`` that appeared, in ``b``'s order. ``change`` is
    ``"appeared"`` (in ``b`` only), ``"vanished"`` (in ``a`` only) or ``"changed"`` (in both,
    with the fields named in ``fields`` different; ``fields`` is empty for the other two).

    Attributes
    ----------
    stakeholders : pandas.DataFrame
        Indexed by stakeholder ``id``; columns ``change`` and ``fields`` (a tuple of the
        fields that differ, of ``label``, ``kind``, ``role``, ``sector``, ``expertise``,
        ``under_served``, ``paid``, ``convenor``, ``size``, ``influence``, ``attributes``).
    projects : pandas.DataFrame
        Indexed by project ``id``; fields of ``label``, ``claimed``, ``attributes``.
    decisions : pandas.DataFrame
        Indexed by decision ``id``; fields of ``label``, ``project``, ``stage``, ``rule`` (its
        kind or quota), ``weight``, ``attributes``. The votes and veto of each holder are in
        ``rights``.
    rights : pandas.DataFrame
        Indexed by (``decision``, ``stakeholder``): a decision's entry for a stakeholder, with
        fields of ``right``, ``votes`` (given by the rule to that holder) and ``veto``. The
        rights of a decision that appeared or vanished appear or vanish with it.
    relations : pandas.DataFrame
        Columns ``source``, ``target``, ``type``, ``scale``, ``occurrence``, ``change``,
        ``fields`` (of ``weight``, ``provenance``, ``attributes``), ``position_a`` and
        ``position_b`` (the relation's row in ``a.relations`` and ``b.relations``, ``<NA>``
        where it is not). Relations are matched by (source, target, type, scale) as a
        multiset: the k-th relation with a key in ``a`` is matched with the k-th in ``b``
        (``occurrence`` is k, from 0); a relation moved to another scale vanished at one and
        appeared at the other.
    ties : pandas.DataFrame
        Indexed by relation ``type`` (every type of either network, ``a``'s first); columns
        ``in_a``, ``in_b``, ``kept``, ``appeared``, ``vanished``, ``hamming``, ``jaccard``,
        ``dyads`` (see :func:`diff`).
    left_out_dyads : int
        Ordered dyads among the stakeholders of both networks left out of the tie comparison
        because an end was not surveyed.
    not_surveyed : tuple of str
        The ids given as not surveyed.
    totals : Mapping[str, int]
        How many stakeholders, projects, decisions, rights and relations the two networks
        hold together (the union, matched as above).
    """

    stakeholders: pd.DataFrame
    projects: pd.DataFrame
    decisions: pd.DataFrame
    rights: pd.DataFrame
    relations: pd.DataFrame
    ties: pd.DataFrame
    left_out_dyads: int
    not_surveyed: Tuple[str, ...]
    totals: Mapping[str, int]

    def summary(self) -> pd.DataFrame:
        """How many of each element appeared, vanished, changed and stayed as they were.

        Returns
        -------
        pandas.DataFrame
            Indexed by ``stakeholders``, ``projects``, ``decisions``, ``rights``,
            ``relations``; columns ``total`` (in either network), ``appeared``,
            ``vanished``, ``changed`` and ``unchanged`` (``total`` less the three others).

        Examples
        --------
        >>> import coproduction as cp
        >>> net = cp.examples.load("twam_partners_2013")
        >>> later = net.copy()
        >>> later.update_stakeholder("npt_womens_group", paid=True)
        >>> cp.diff(net, later).summary().loc["stakeholders"].to_dict()
        {'total': 28, 'appeared': 0, 'vanished': 0, 'changed': 1, 'unchanged': 27}
        """
        rows = []
        for name in _TABLES:
            counts = getattr(self, name)["change"].value_counts()
            row = {c: int(counts.get(c, 0)) for c in _CHANGES}
            total = int(self.totals[name])
            rows.append({"total": total, **row, "unchanged": total - sum(row.values())})
        frame = pd.DataFrame(rows, index=pd.Index(list(_TABLES), name="table"),
                             columns=["total", *_CHANGES, "unchanged"])
        return frame.astype("int64")

    def _lines(self) -> List[str]:
        lines = []
        summary = self.summary()
        for name in _TABLES:
            row = summary.loc[name]
            noun = name if row["total"] != 1 else _SINGULAR[name]
            lines.append(f"{row['total']} {noun}: {row['appeared']} appeared, "
                         f"{row['vanished']} vanished, {row['changed']} changed")
        moved = self.ties[self.ties["hamming"] > 0]
        # Row by row as dicts: a row as a Series would turn every count into a float.
        for tie in moved.reset_index().to_dict("records"):
            lines.append(f"ties of {tie['type']}: Jaccard {_jaccard(float(tie['jaccard']))}, "
                         f"Hamming {tie['hamming']} ({tie['appeared']} appeared, "
                         f"{tie['vanished']} vanished, {tie['kept']} kept) over "
                         f"{tie['dyads']} dyads")
        still = len(self.ties) - len(moved)
        if still:
            kinds = "type" if still == 1 else "types"
            lines.append(f"ties of {still} other {kinds} unchanged")
        if self.left_out_dyads:
            lines.append(f"{self.left_out_dyads} dyads left out of the tie comparison: an end "
                         f"not surveyed")
        return lines

    def __repr__(self) -> str:
        return "NetworkDiff\n" + "\n".join("  " + line for line in self._lines())

    def _repr_html_(self) -> str:
        parts = ['<div class="coproduction-diff">',
                 '<p style="margin:0 0 0.4em 0"><b>What differs between the two networks</b>'
                 "</p>",
                 _html.frame_table(self.summary(), css_class="coproduction-diff-summary",
                                   caption="Elements")]
        if len(self.ties):
            parts.append(_html.frame_table(self.ties, css_class="coproduction-diff-ties",
                                           caption="Ties per relation type"))
        if self.left_out_dyads:
            parts.append(f'<p style="margin:0 0 0.8em 0">{_html.text(self.left_out_dyads)} '
                         f"dyads left out of the tie comparison: an end not surveyed.</p>")
        for name in _TABLES:
            table = getattr(self, name)
            if len(table):
                parts.append(_html.frame_table(table, css_class=f"coproduction-diff-{name}",
                                               caption=name.capitalize(), max_rows=20))
        parts.append("</div>")
        return "".join(parts)


def _jaccard(value: float) -> str:
    return "undefined (no ties)" if math.isnan(value) else f"{value:.2f}"


def _core_of(net: Any, where: str) -> Any:
    try:
        return network_core(net)
    except InputError:
        raise input_error(where, f"a coproduction.Network, not {type(net).__name__}") from None


def _ids(values: Any) -> Tuple[str, ...]:
    if isinstance(values, (str, bytes)):
        raise input_error("not_surveyed", f"a list of stakeholder ids, not the single "
                                          f"{type(values).__name__} {values!r}")
    try:
        ids = tuple(values)
    except TypeError:
        raise input_error("not_surveyed", f"a list of stakeholder ids, not "
                                          f"{type(values).__name__}") from None
    for i, value in enumerate(ids):
        if not isinstance(value, str):
            raise input_error("not_surveyed", f"entry {i} is a {type(value).__name__}, not a "
                                              f"stakeholder id (str)")
    return ids


def _items(columns: Dict[str, Any], index: Any) -> pd.DataFrame:
    frame = pd.DataFrame({"change": pd.Series(columns["change"], dtype=object),
                          "fields": pd.Series([tuple(f) for f in columns["fields"]],
                                              dtype=object)})
    frame.index = index
    return frame


def _frames(parts: Mapping[str, Any], not_surveyed: Tuple[str, ...]) -> NetworkDiff:
    """The tables of a diff from the core's columns."""
    items = {name: _items(parts[name], pd.Index(parts[name]["id"], dtype=object, name="id"))
             for name in ("stakeholders", "projects", "decisions")}
    r = parts["rights"]
    rights = _items(r, pd.MultiIndex.from_arrays(
        [pd.Index(r["decision"], dtype=object), pd.Index(r["stakeholder"], dtype=object)],
        names=["decision", "stakeholder"]))
    rel = parts["relations"]

    def position(values: Any) -> pd.Series:
        return pd.Series(np.asarray(values, dtype=np.int64), dtype="Int64").mask(
            np.asarray(values) < 0)

    relations = pd.DataFrame({
        "source": pd.Series(rel["source"], dtype=object),
        "target": pd.Series(rel["target"], dtype=object),
        "type": pd.Series(rel["type"], dtype=object),
        "scale": pd.Categorical(rel["scale"], categories=list(_SCALES)),
        "occurrence": np.asarray(rel["occurrence"], dtype=np.int64),
        "change": pd.Series(rel["change"], dtype=object),
        "fields": pd.Series([tuple(f) for f in rel["fields"]], dtype=object),
        "position_a": position(rel["position_a"]),
        "position_b": position(rel["position_b"]),
    })
    t = parts["ties"]
    ties = pd.DataFrame({**{c: np.asarray(t[c], dtype=np.int64) for c in _TIE_COUNTS},
                         "jaccard": np.asarray(t["jaccard"], dtype=np.float64),
                         "dyads": np.asarray(t["dyads"], dtype=np.int64)},
                        index=pd.Index(t["type"], dtype=object, name="type"))
    return NetworkDiff(
        stakeholders=items["stakeholders"], projects=items["projects"],
        decisions=items["decisions"], rights=rights, relations=relations, ties=ties,
        left_out_dyads=int(parts["left_out_dyads"]), not_surveyed=not_surveyed,
        totals=MappingProxyType({k: int(v) for k, v in parts["totals"].items()}))


def diff(a: Any, b: Any, *, not_surveyed: Iterable[str] = ()) -> NetworkDiff:
    """What differs from network ``a`` to network ``b``.

    Stakeholders, projects and decisions are matched by id; a decision's entries (rights) by
    (decision, stakeholder); relations by (source, target, type, scale), as a multiset. Each
    table of the result lists what appeared (in ``b`` only), vanished (in ``a`` only) or
    changed (in both, naming the fields that differ); fields are compared as stored, so a
    weight not given differs from a weight of 1, and ``attributes`` compare as whole JSON
    values. Then, per relation type, how much the ties moved.

    Parameters
    ----------
    a, b : Network
        The two networks: two waves of fieldwork, or one network before and after an edit.
        Stakeholders are the same when their ids are.
    not_surveyed : iterable of str, optional
        Stakeholders not surveyed in either network (in a timeline, the union of the two
        waves' lists): their own ties were not recorded, so a missing tie at a dyad with
        such an end may be one nobody asked about. Such dyads are left out of the tie
        comparison, and counted in ``left_out_dyads``; the other tables are unaffected.

    Returns
    -------
    NetworkDiff
        The tables ``stakeholders``, ``projects``, ``decisions``, ``rights``, ``relations``,
        ``ties``, and ``left_out_dyads``.

    Raises
    ------
    InputError
        ``where == "a"`` or ``"b"`` when it is not a :class:`~coproduction.Network`;
        ``where == "not_surveyed"`` when it is a single string, holds a value that is not a
        string, or names an id of neither network.
    ConcurrentModificationError
        When either network is being changed by another thread meanwhile.

    Notes
    -----
    A *tie* of type t is an ordered pair (u, v), u != v, joined by at least one relation of
    type t, whatever its weight or scale. Ties are compared over the *dyads* both networks
    can speak for: the ordered pairs of distinct stakeholders present in both (objects
    included), neither of them not surveyed; for m such stakeholders there are
    ``dyads`` = m (m - 1). With A and B the ties of type t in ``a`` and in ``b`` on those
    dyads:

    - ``kept`` = ``|A ∩ B|``, ``vanished`` = ``|A − B|``, ``appeared`` = ``|B − A|``;
    - the **Hamming distance** ``hamming`` = ``|A △ B|`` = ``appeared + vanished``, the
      number of dyads whose tie changed (Hamming 1950), in [0, ``dyads``]: the structural
      distance between two labelled graphs on one vertex set (Butts & Carley 2005;
      ``hdist`` in the R package sna, Butts 2008);
    - the **Jaccard index** ``jaccard`` = ``|A ∩ B| / |A ∪ B|`` (Jaccard 1901), in
      [0, 1]: the share of the ties in either wave that are in both; 1 when nothing moved,
      0 when no tie lasted, NaN when neither network has a tie of the type. Unlike the
      Hamming distance it does not grow with the number of dyads, so it compares
      partnerships of different sizes. In stochastic actor-based models of change between
      waves, a Jaccard index below about 0.3, and certainly below 0.2, is taken as change
      too abrupt to treat as gradual (Snijders, van de Bunt & Steglich 2010).

    For a partnership, a low Jaccard index on ``trusts`` or ``learns_from`` between two
    waves says the relationships "The coproduction myth" (2015) asks for were not kept,
    whatever the procedure says; a decision whose rights moved (``rights``) shows where
    power moved.

    O((stakeholders + relations + rights) log(relations + rights)), in the compiled core
    with the GIL released.

    References
    ----------
    Butts, C. T. (2008). Social network analysis with sna. *Journal of Statistical
    Software* 24(6), 1-51.

    Butts, C. T. & Carley, K. M. (2005). Some simple algorithms for structural comparison.
    *Computational and Mathematical Organization Theory* 11(4), 291-305.

    Hamming, R. W. (1950). Error detecting and error correcting codes. *Bell System
    Technical Journal* 29(2), 147-160.

    Jaccard, P. (1901). Étude comparative de la distribution florale dans une portion des
    Alpes et du Jura. *Bulletin de la Société Vaudoise des Sciences Naturelles* 37,
    547-579.

    Snijders, T. A. B., van de Bunt, G. G. & Steglich, C. E. G. (2010). Introduction to
    stochastic actor-based models for network dynamics. *Social Networks* 32(1), 44-60.

    Examples
    --------
    A later wave of the TWAM partnership, made by editing a copy: one partner organisation
    leaves with its staff's relations, the women's group is now paid, and it comes to trust
    the outreach team.

    >>> import coproduction as cp
    >>> before = cp.examples.load("twam_partners_2013")
    >>> after = before.copy()
    >>> gone = after.remove_stakeholder("stonham", cascade=True)
    >>> after.update_stakeholder("npt_womens_group", paid=True)
    >>> after.add_relation("npt_womens_group", "twam_outreach", "trusts")
    >>> change = cp.diff(before, after)
    >>> change.stakeholders
                        change   fields
    id
    stonham           vanished       ()
    npt_womens_group   changed  (paid,)
    >>> change.ties.loc[["trusts", "informs"], ["in_a", "in_b", "kept", "hamming", "jaccard"]]
             in_a  in_b  kept  hamming   jaccard
    type
    trusts      5     6     5        1  0.833333
    informs    10    10    10        0  1.000000
    >>> change
    NetworkDiff
      28 stakeholders: 0 appeared, 1 vanished, 1 changed
      1 project: 0 appeared, 0 vanished, 0 changed
      7 decisions: 0 appeared, 0 vanished, 0 changed
      36 rights: 0 appeared, 0 vanished, 0 changed
      78 relations: 1 appeared, 4 vanished, 0 changed
      ties of trusts: Jaccard 0.83, Hamming 1 (1 appeared, 0 vanished, 5 kept) over 702 dyads
      ties of 10 other types unchanged

    The probation staff were not interviewed in the later wave: their dyads are left out.

    >>> cp.diff(before, after, not_surveyed=["npt_staff"]).left_out_dyads
    52
    """
    core_a, core_b = _core_of(a, "a"), _core_of(b, "b")
    ids = _ids(not_surveyed)
    return _frames(_core.timeline.diff(core_a, core_b, list(ids)), ids)


def __dir__() -> List[str]:
    return list(__all__)
