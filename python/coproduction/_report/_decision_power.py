"""The section ``power``: who holds decision power, by group and by stakeholder, with the
parity ratio, the convenors' carried share, the Gini coefficient and the veto players.
"""

from __future__ import annotations

from types import ModuleType
from typing import Any, Dict, List, Optional

import pandas as pd

from ..network import Network
from ._charts import chart as _chart, charts as _charts, no_charts_note as _no_charts_note
from ._markup import (Id as _Id, Num as _Num, count as _count, esc as _esc, note as _note,
                      paragraph as _p, pct as _pct, plural as _plural, section as _section,
                      table as _table)
from ._readings import Readings as _Readings
from ._settings import Settings as _Settings

#: How each index is explained in one sentence, with its source.
_INDEX_WORDS: Dict[str, str] = {
    "banzhaf": "the normalised Banzhaf index (Banzhaf 1965): for each holder, the number of "
               "combinations of the others' votes in which that holder's vote turns a losing "
               "side into a winning one, as a share of all such cases in the decision",
    "shapley_shubik": "the Shapley-Shubik index (Shapley &amp; Shubik 1954): the share of the "
                      "orders in which the holders could come to agree in which that holder's "
                      "vote is the one that carries the decision",
    "deegan_packel": "the Deegan-Packel index (Deegan &amp; Packel 1978): each smallest winning "
                     "group of holders is equally likely and shares the decision equally",
    "holler": "the Holler index (Holler 1982): how often the holder is an indispensable member "
              "of a smallest winning group",
    "johnston": "the Johnston index (Johnston 1978): how often the holder's vote is decisive, "
                "counting more when few others are",
}


def _pooled_note(shares: pd.DataFrame, k: int, by: str) -> str:
    """What the small-group rule did to the table of groups, in words naming no group."""
    record = shares.attrs.get("small_groups", {})
    if not record.get("groups"):
        return ""
    return (f"A group of one or two people is those people, so no group of fewer than {k} "
            f"people is shown on its own here: {_esc(record['note'])} The setting is "
            f"<code>k={k}</code>.")


def _roles_shown(net: Network, ids: pd.Index, s: _Settings) -> List[Any]:
    """Each holder's role, or the pooled group's label for a role held by fewer than k
    people (pooled as the table of groups by role pools them), so that the table of holders
    does not undo the pooling."""
    from .._privacy_groups import head_counts, merge_small_groups

    heads = head_counts(net, "role", project=s.project)
    pooled = merge_small_groups(heads.to_frame(), "people", s.k, additive=["people"])
    label = pooled.attrs["small_groups"]["label"]
    kept = set(pooled.index) - {label}
    return [("not coded" if pd.isna(role) else role)
            if ("not coded" if pd.isna(role) else role) in kept else label
            for role in net.stakeholders["role"].reindex(ids).to_numpy(dtype=object)]


def power_section(net: Network, s: _Settings, r: _Readings, plot: Optional[ModuleType]) -> str:
    scope = (f" Only the decisions of project <strong>{_esc(s.project)}</strong> are read, and "
             f"only the people taking part in it." if s.project else "")
    parts = [_p(
        "Traverse and Co-Production Collective\u2019s <em>Draft manifesto for coproduction in "
        "health and care research</em> asks a partnership to \u201cKnow where power sits and "
        "who holds it\u201d. Every decision in the data has a rule: one stakeholder decides "
        "alone, everyone must agree, a majority, or a quota of votes, sometimes with a veto. "
        "A stakeholder\u2019s <dfn>decision power</dfn> in a decision is how much their vote "
        "can change the outcome under that rule, read here with "
        f"{_INDEX_WORDS[s.index]}. A seat whose vote never changes anything counts 0, "
        "whatever the right is called. Each stakeholder\u2019s power is the mean over the "
        "decisions, "
        + ("each decision counted by its weight" if s.weighted else "each decision counted once")
        + ", so the power of everyone adds up to 1. Shares are given as fractions of 1: 0.250 "
        "is a quarter." + scope)]
    p = r.power
    if p is None:
        where = f"project {_esc(s.project)}" if s.project else "the data"
        parts.append(_note(
            f"No decision is recorded in {where}, so decision power cannot be computed. To "
            f"measure it, record the decisions with each stakeholder\u2019s right in them "
            f"(none, informed, consulted, involved, shared, decides) and the rule by which "
            f"they are made."))
        return _section("power", "2. Who holds decision power", "".join(parts))
    parts.append(_p(
        "The <dfn>people</dfn> are the stakeholders that are not objects; a group counts its "
        "head count. A group\u2019s <dfn>parity ratio</dfn> is its share of the power divided "
        "by its share of the people (Taagepera &amp; Shugart 1989): 1 means a say in proportion "
        "to numbers, 0.5 half of that, 2 twice."))
    header = ["group", "stakeholders", "share of the people", "share of the power",
              "parity ratio"]

    def rows(table: pd.DataFrame) -> List[List[Any]]:
        return [[group, _count(row["stakeholders"]), _Num(row["people"]), _Num(row["power"]),
                 _Num(row["parity"])] for group, row in table.iterrows()]

    tables = [_table(header, rows(p.shares), css="cp-power-shares",
                     caption=f"Decision power by {s.by}", numeric=[1, 2, 3, 4])]
    if s.by != "convenor":
        tables.append(_table(header, rows(p.sides), css="cp-power-sides",
                             caption="Decision power of convenors and partners",
                             numeric=[1, 2, 3, 4]))
    parts.append(f'<div class="tables">{"".join(tables)}</div>')
    pooled = _pooled_note(p.shares, s.k, s.by)
    if pooled:
        parts.append(_note(pooled))
    parts.append(_p(
        "<dfn>Convenors</dfn> are the side that initiated the work and holds its resources "
        "(coded <code>convenor</code> in the data); everyone else is a partner. The convenors "
        f"can carry <strong>{_pct(p.carried)}</strong> of the decisions "
        f"({'by weight' if s.weighted else 'each counted once'}) without any partner "
        f'agreeing (share <span class="cp-carried" data-value="{p.carried!r}">'
        f"{p.carried:.3f}</span>). In those decisions, in the words of National "
        f"Museums Liverpool\u2019s <em>Co-production Framework</em>, \u201cDecision making is "
        f"not shared\u201d."))
    parts.append(_p(
        f"The <dfn>Gini coefficient</dfn> sums up how unequally something is held: 0 when "
        f"everyone holds the same, close to 1 when one holds everything (Gini 1912). The Gini "
        f"of decision power among the {len(p.values)} people is "
        f'<strong><span class="cp-gini" data-value="{p.gini!r}">{p.gini:.3f}</span></strong>.'))
    holders = p.each.sort_values("power", ascending=False, kind="stable")
    holding = holders[holders["power"] > 0]
    top = holding.iloc[:15]
    roles = _roles_shown(net, top.index, s)
    parts.append(_table(
        ["stakeholder", "role", "share of the power", "parity ratio"],
        [[_Id(sid), role, _Num(row["power"]), _Num(row["parity"])]
         for (sid, row), role in zip(top.iterrows(), roles)],
        css="cp-power-holders", caption="Who holds decision power", numeric=[2, 3]))
    none = len(holders) - len(holding)
    more = len(holding) - len(top)
    parts.append(_p(
        (f"{len(holding) - len(top)} more stakeholders hold some power. " if more > 0 else "")
        + f"{_plural(none, 'of the people holds', 'of the people hold')} no decision power at "
        f"all: they are not among those who share in or make any decision."))
    if len(p.vetoes):
        parts.append(_p("A <dfn>veto player</dfn> is a stakeholder without whose agreement a "
                        "decision cannot be made: named as such in the rule, the one who "
                        "decides alone, or one whose votes the others cannot do without."))
        parts.append(_table(
            ["stakeholder", "decision", "stage", "named in the rule", "convenor"],
            [[_Id(sid), _Id(row["decision"]), row["stage"], row["named_in_rule"],
              row["convenor"]] for sid, row in p.vetoes.iterrows()],
            css="cp-vetoes", caption="Veto players"))
    if plot is None:
        parts.append(_no_charts_note())
        return _section("power", "2. Who holds decision power", "".join(parts))
    charts: List[str] = []
    if s.weighted:
        charts.append(_chart(
            lambda ax: plot.power_shares(net, s.by, index=s.index, project=s.project, k=s.k,
                                         ax=ax),
            key="chart-power-shares", size=(6.8, 6.2), constrained=False,
            description=f"Share of decision power against share of the people, by {s.by}",
            caption=f"Each group\u2019s share of the power (up) against its share of the "
                    f"people (across), by {_esc(s.by)}. On the dashed line power is in "
                    f"proportion to numbers; groups above it (red) hold more say than their "
                    f"numbers, below it (blue) less."))
    charts.append(_chart(
        lambda ax: plot.lorenz(p.values, ax=ax), key="chart-lorenz", size=(5.6, 5.4),
        description="Lorenz curve of decision power among the people",
        caption="The <dfn>Lorenz curve</dfn> lines the people up from least to most power and "
                "shows the share of the power the first of them hold together (Lorenz 1905). "
                "On the dashed diagonal everyone would hold the same; the further the curve "
                "sags below it, the more unequal. The legend gives the Gini coefficient "
                "above."))
    parts.append(_charts(charts))
    if not s.weighted:
        parts.append(_note("The chart of power against numbers counts decisions by weight; "
                           "it is left out because this report counts each decision once. "
                           "The tables above give the shares."))
    return _section("power", "2. Who holds decision power", "".join(parts))
