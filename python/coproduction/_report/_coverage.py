"""The section ``data``: what the data do and do not say: the stakeholder fields not coded,
the provenance of the relations, and what each project records.
"""

from __future__ import annotations

from typing import Any, List, Tuple

from ..network import Network
from ._markup import (Id as _Id, Long as _Long, count as _count, counts as _counts, ids as _ids,
                      note as _note, paragraph as _p, plural as _plural, section as _section,
                      table as _table)
from ._readings import Readings as _Readings
from ._settings import Settings as _Settings

#: The stakeholder fields whose coding the data section reports, and what each one feeds.
_FIELDS: Tuple[Tuple[str, str], ...] = (
    ("role", "the grouping by role in the power section"),
    ("convenor", "who counts as convenor; a stakeholder not coded is read as a partner"),
    ("expertise", "the Expert and Human principles (lived or learnt expertise)"),
    ("under_served", "the Active and Protect principles; not coded counts as not under-served"),
    ("paid", "the \u201cunpaid\u201d sign of tokenism; not coded is never read as unpaid"),
    ("influence", "the comparison of rated influence with formal decision power"),
    ("sector", "nothing computed here; it groups stakeholders when asked"),
)


def data_section(net: Network, s: _Settings, r: _Readings) -> str:
    parts = [_p(
        "Every number in this report rests on what was recorded. A field that was not coded "
        "is reported as <em>not coded</em>, never guessed; this section says what the data "
        "leave out, and so what the report cannot see.")]
    stakeholders = net.stakeholders
    people = stakeholders[stakeholders["kind"].astype(object) != "object"]
    n = len(people)
    if n:
        rows: List[List[Any]] = [[_Id(field), _count(people[field].isna().sum()), _count(n),
                                  words] for field, words in _FIELDS]
        groups = people[people["kind"].astype(object) == "group"]
        rows.append([_Id("size"), _count(groups["size"].isna().sum()), _count(len(groups)),
                     "head counts of groups; a group without one counts as one person"])
        parts.append(_table(["field", "not coded", "of", "what it affects"], rows,
                            css="cp-uncoded",
                            caption="Stakeholder fields not coded (people, groups and "
                                    "organisations; objects left out)", numeric=[1, 2]))
        listed = people.index.isin(net.rights.index.get_level_values("stakeholder"))
        outside = people.index[~listed]
        parts.append(_p(
            f"{_plural(len(outside), 'of the people holds', 'of the people hold')} no recorded "
            f"right (not even <em>none</em>) in any decision"
            + (f": {_ids(list(outside))}." if len(outside) else ".")
            + " Rights not recorded cannot be told from rights not held."))
    else:
        parts.append(_note("No person, group or organisation is recorded."))
    relations = net.relations
    m = len(relations)
    if m:
        said = {name: int(relations[name].notna().sum())
                for name in ("reported_by", "date", "method")}
        every = int(relations[["reported_by", "date", "method"]].notna().all(axis=1).sum())
        nothing = int(relations[["reported_by", "date", "method"]].isna().all(axis=1).sum())
        rows = [["who reported it (reported_by)", _count(said["reported_by"]), _count(m)],
                ["when (date)", _count(said["date"]), _count(m)],
                ["how it was found (method)", _count(said["method"]), _count(m)],
                ["all three", _count(every), _count(m)],
                ["none of them", _count(nothing), _count(m)],
                ["a scale (session, institution, place)",
                 _count(relations["scale"].notna().sum()), _count(m)]]
        parts.append(_table(["relations recording", "relations", "of"], rows,
                            css="cp-provenance", caption="Where the relations come from",
                            numeric=[1, 2]))
        if s.show_labels and said["method"]:
            methods = _counts(relations["method"])
            parts.append(_table(["method", "relations"], [(k, _count(c)) for k, c in methods],
                                css="cp-provenance-methods",
                                caption="Relations by method of finding"))
        parts.append(_p(
            "The provenance itself (who reported what, and how) is free text and is not shown"
            + (" beyond the methods above." if s.show_labels else
               "; make the report with show_labels=True to count relations by method.")))
    else:
        parts.append(_note("No relation is recorded, so nothing is known about ties between "
                           "stakeholders."))
    with_attributes = int(stakeholders["attributes"].notna().sum())
    parts.append(_p(
        f"Stakeholders carry no provenance fields in the data format; "
        f"{with_attributes} of {len(stakeholders)} carry free attributes, which the report "
        f"never shows."))
    projects = net.projects
    if len(projects):
        unclaimed = projects.index[projects["claimed"].isna()]
        with_decisions = set(net.decisions["project"])
        idle = [pid for pid in projects.index if pid not in with_decisions]
        rows = [[_Id(c.project), c.claimed if c.claimed is not None else "not coded",
                 _count(len(c.decisions)),
                 ", ".join(str(st) for st, row in c.stages.iterrows() if row["decisions"] == 0)
                 or "\u2014"] for c in r.projects]
        parts.append(_table(["project", "claimed type", "decisions", "stages with no decision"],
                            rows, css="cp-project-coverage",
                            caption="What each project records", numeric=[2]))
        if len(unclaimed):
            parts.append(_p(f"No type is claimed for {_ids(list(unclaimed))}: the ladder "
                            f"cannot say whether the claim holds."))
        if idle:
            parts.append(_p(f"No decision is recorded for {_ids(idle)}."))
    else:
        parts.append(_note("No project is recorded."))
    if s.show_labels and isinstance(net.metadata, dict):
        meta = net.metadata
        shown = [(k, meta[k]) for k in ("title", "source", "description") if meta.get(k)]
        if shown:
            parts.append(_table(["about the data set", ""],
                                [[k, _Long("; ".join(map(str, v)) if isinstance(v, list) else v)]
                                 for k, v in shown], css="cp-metadata"))
    return _section("data", "7. What the data do and do not say", "".join(parts))
