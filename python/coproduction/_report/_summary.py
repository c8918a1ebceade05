"""The first section, ``summary``: who and what the data record, at a glance and in tables,
the projects' claimed and computed types, and a drawing of the network.
"""

from __future__ import annotations

from typing import Any, List

from .. import audit as _audit, display as _display
from ..network import Network
from ._markup import (Id as _Id, count as _count, counts as _counts, esc as _esc, ids as _ids,
                      match_mark as _match, note as _note, paragraph as _p, pct as _pct,
                      plural as _plural, section as _section, table as _table)
from ._readings import Readings as _Readings
from ._settings import Settings as _Settings


def _glance(net: Network, s: _Settings, r: _Readings) -> str:
    items: List[str] = []
    people = int((net.stakeholders["kind"].astype(object) != "object").sum())
    items.append(
        f"{_plural(net.num_stakeholders, 'stakeholder')} "
        f"({net.num_stakeholders - people} of them objects), "
        f"{_plural(net.num_relations, 'relation')}, {_plural(net.num_projects, 'project')} "
        f"and {_plural(net.num_decisions, 'decision')} recorded.")
    p = r.power
    if p is None:
        items.append("No decision is recorded" + (f" in project {_esc(s.project)}"
                                                  if s.project else "")
                     + ", so the report cannot say who holds decision power.")
    else:
        shares = p.shares[p.shares["people"] > 0]
        below = shares[shares["parity"] < 1]
        picked: List[Any] = []
        if len(below):  # the largest group with less say than its numbers
            picked.append(below["people"].idxmax())
        if len(shares):  # the group with the most say for its numbers
            picked.append(shares["parity"].idxmax())
        for group in dict.fromkeys(picked):
            row = shares.loc[group]
            items.append(
                f"<strong>{_esc(group)}</strong> ({_esc(s.by)}) are "
                f"{_pct(float(row['people']))} of the people and hold "
                f"{_pct(float(row['power']))} of the decision power: a parity "
                f"ratio of {row['parity']:.3f}.")
        powerless = list(shares.index[shares["power"] == 0])
        if powerless:
            items.append(f"No decision power at all for {_ids(powerless)} ({_esc(s.by)}).")
        if "partner" in p.sides.index and "convenor" in p.sides.index:
            partner = p.sides.loc[["partner"]]
            side = {c: float(partner[c].iloc[0]) for c in ("people", "power", "parity")}
            items.append(f"Partners are {_pct(side['people'])} of the people and hold "
                         f"{_pct(side['power'])} of the decision power (parity "
                         f"{side['parity']:.3f}); the convenors can carry "
                         f"{_pct(p.carried)} of the decisions without any partner.")
    for c in r.projects[:8]:
        claim = "claimed as " + _esc(c.claimed) if c.claimed is not None else "claims no type"
        verdict = "" if c.matches_claim is None else (
            " (as claimed)" if c.matches_claim else " (<strong>not as claimed</strong>)")
        items.append(f"Project <strong>{_esc(c.project)}</strong> {claim}; the data support "
                     f"<strong>{_esc(c.type)}</strong>{verdict}.")
    if len(r.projects) > 8:
        items.append(f"{len(r.projects) - 8} more projects in the ladder section.")
    items.append(f"{_plural(len(r.tokenism), 'sign')} of tokenism found.")
    counts = r.card["verdict"].value_counts()
    items.append("Principles scorecard: " + "; ".join(
        f"{int(counts.get(v, 0))} {v}" for v in _audit.VERDICTS) + ".")
    terms = _p(
        "In short (each term is explained in its section): a stakeholder\u2019s "
        "<dfn>decision power</dfn> is how much their vote can change what is decided; a "
        "group\u2019s "
        "<dfn>parity ratio</dfn> is its share of the power over its share of the people, 1 "
        "meaning a say in proportion to its numbers; the <dfn>convenors</dfn> are the side "
        "that initiated the work and holds its resources, everyone else a partner; "
        "<dfn>tokenism</dfn> is involving people without sharing power with them.")
    return ('<div class="glance"><h3>At a glance</h3>' + terms + "<ul>"
            + "".join(f"<li>{i}</li>" for i in items) + "</ul></div>")


def summary_section(net: Network, s: _Settings, r: _Readings) -> str:
    from ..network import KINDS

    parts = [_glance(net, s, r)]
    parts.append(_p(
        "This section lists who and what the data record. A <dfn>stakeholder</dfn> is anyone "
        "or anything the researcher recorded: a person, a group (counted by its head count), "
        "an organisation, or an object such as a collection object or a venue, which can "
        "carry relations but holds no decision rights (the abstract <em>Co-Producing Health "
        "and Wellbeing Programmes in the Museum</em> speaks of objects as actors in care). "
        "Stakeholders are named by their ids and roles: the stakeholder groups follow the "
        "<em>Partners\u2019 Together Day follow-up report</em> (2013). A <dfn>relation</dfn> is "
        "a tie of a named type from one stakeholder to another, such as who informs, funds or "
        "learns from whom."))
    stakeholders = net.stakeholders
    relations = net.relations
    tables: List[str] = []
    if len(stakeholders):
        tables.append(_table(["kind", "stakeholders"],
                             [(k, _count(c)) for k, c in _counts(stakeholders["kind"], KINDS)],
                             css="cp-kinds", caption="Stakeholders by kind", numeric=[1]))
        tables.append(_table(["role", "stakeholders"],
                             [(k, _count(c)) for k, c in _counts(stakeholders["role"])],
                             css="cp-roles", caption="Stakeholders by role", numeric=[1]))
    else:
        parts.append(_note("The data record no stakeholder."))
    if len(relations):
        tables.append(_table(["type", "relations"],
                             [(k, _count(c)) for k, c in _counts(relations["type"])],
                             css="cp-relation-types", caption="Relations by type",
                             numeric=[1]))
    else:
        parts.append(_note("The data record no relation between stakeholders."))
    if tables:
        parts.append(f'<div class="tables">{"".join(tables)}</div>')
    if len(r.classified):
        header = ["project"] + (["label"] if s.show_labels else []) + \
            ["claimed type", "computed type", "as claimed"]
        rows = []
        for pid, row in r.classified.iterrows():
            cells: List[Any] = [_Id(pid)] + ([row["label"]] if s.show_labels else [])
            cells += [row["claimed"], row["type"], _match(row["matches_claim"])]
            rows.append(cells)
        parts.append(_table(header, rows, css="cp-projects",
                            caption="Projects: the type claimed and the type the data support"))
    else:
        parts.append(_note("The data record no project."))
    n = net.num_stakeholders
    if n == 0:
        parts.append(_note("No stakeholder: nothing to draw."))
    elif n > s.max_drawn:
        parts.append(_note(f"The drawing of the network is left out above {s.max_drawn} "
                           f"stakeholders (max_drawn), where it would be too dense to read."))
    else:
        drawing = _display.svg(net, show_labels=s.show_labels)
        parts.append(
            f'<figure id="network-drawing">{drawing}<figcaption>The network: one circle per '
            f"stakeholder (a square for an object), coloured by role; one arrow per relation, "
            f"coloured by type. Where two stakeholders relate both ways the arrows show as two "
            f"arcs. The positions come from a force-directed layout with a fixed seed: the "
            f"same data give the same picture.</figcaption></figure>")
    return _section("summary", "1. Who and what the data record", "".join(parts))
