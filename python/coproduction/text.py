"""Plain-text summaries of a network, for a terminal or a log: what `coproduction describe`,
`coproduction power` and `coproduction ladder` print."""

from __future__ import annotations

from typing import List, Tuple, cast

import pandas as pd

from ._groups import NOT_CODED
from ._privacy_groups import DEFAULT_K, power_shares as _shares_of_k
from ._reading import reads_network
from .network import RIGHTS, Network

__all__ = ["describe", "structure", "power", "ladder"]

# One letter per right, so a decision x stakeholder table fits a terminal.
_RIGHT_MARK = {"none": ".", "informed": "i", "consulted": "c", "involved": "v", "shared": "S",
               "decides": "D"}


def _table(counts: pd.Series, header: str) -> List[str]:
    lines = [header]
    width = max((len(str(k)) for k in counts.index), default=0)
    for key, value in counts.items():
        lines.append(f"  {str(key):<{width}}  {value:>4}")
    return lines


@reads_network
def describe(net: Network) -> str:
    """A readable summary: stakeholders by kind and role, relations by type, decisions by
    stage, and who holds which right in each decision.

    This is the data themselves, stakeholder by stakeholder, for the researcher who holds
    them; no group is pooled. What is shared beyond them is :func:`power` and
    :func:`coproduction.report`, which pool small groups.

    Parameters
    ----------
    net : Network

    Returns
    -------
    str

    Examples
    --------
    >>> import coproduction as cp
    >>> print(cp.text.describe(cp.examples.load("nml_collaboration_types")).splitlines()[0])
    ... # doctest: +ELLIPSIS
    Network: ... stakeholders, ... relations, 4 projects, ... decisions
    """
    s, r, d, rights = net.stakeholders, net.relations, net.decisions, net.rights
    def counted(n: int, noun: str) -> str:
        return f"{n} {noun}" + ("" if n == 1 else "s")

    lines = ["Network: " + ", ".join([counted(len(s), "stakeholder"),
                                      counted(len(r), "relation"),
                                      counted(net.num_projects, "project"),
                                      counted(len(d), "decision")])]
    meta = net.metadata or {}
    if meta.get("title"):
        lines.append(f"  {meta['title']}")
    lines.append("")
    lines += _table(s["kind"].value_counts(sort=False).loc[lambda c: c > 0], "Stakeholders by kind")
    lines.append("")
    lines += _table(s["role"].fillna(NOT_CODED).value_counts().sort_index(), "Stakeholders by role")
    lines.append("")
    lines += _table(r["type"].value_counts().sort_index(), "Relations by type")
    if len(d):
        lines.append("")
        by_stage = d.groupby(["project", "stage"], observed=True).size()
        lines.append("Decisions by project and stage")
        for key, count in by_stage.items():
            project, stage = cast(Tuple[str, str], key)
            lines.append(f"  {project:<24} {stage!s:<12} {count:>3}")
        lines.append("")
        lines.append("Rights (" + ", ".join(f"{m} {name}" for name, m in _RIGHT_MARK.items()) + ")")
        matrix = rights["right"].astype(str).map(_RIGHT_MARK).unstack(fill_value=".")
        matrix = matrix.reindex(index=d.index)
        matrix = matrix.reindex(columns=s.index[s.index.isin(matrix.columns)].rename("stakeholder"))
        lines.append(matrix.fillna(".").to_string())
        lines.append("")
        holders = rights[rights["right"] >= "shared"].reset_index()
        who = holders.groupby("decision", sort=False)["stakeholder"].agg(", ".join)
        lines.append("Holders per decision (shared or decides) and rule")
        # One printed line per decision.
        for did, rule, quota, names in zip(d.index, d["rule"].astype(str), d["quota"],
                                           who.reindex(d.index, fill_value="")):
            shown = rule + (f" (quota {quota:g})" if rule == "quota" else "")
            lines.append(f"  {did}: {shown}: {names}")
    assert set(_RIGHT_MARK) == set(RIGHTS)
    return "\n".join(lines)


@reads_network
def structure(net: Network) -> str:
    """Every graph-level measure per layer (:func:`coproduction.metrics.summary`), with a
    one-line reading of each column."""
    from . import metrics

    table = metrics.summary(net)
    lines = ["Structure of each layer (all relations, then each type on its own)",
             table.round(2).to_string(), "", "Reading the columns"]
    width = max(len(k) for k in metrics.SUMMARY_READINGS)
    lines += [f"  {k:<{width}}  {v}" for k, v in metrics.SUMMARY_READINGS.items()]
    return "\n".join(lines)


@reads_network
def power(net: Network, *, k: int = DEFAULT_K) -> str:
    """Who holds decision power (normalised Banzhaf, averaged over decisions), by group.

    Parameters
    ----------
    net : Network
    k : int, default 5
        The smallest group shown on its own, in people: groups of fewer than ``k`` are pooled
        as :func:`coproduction.privacy.power_shares` pools them, and the text says so.
        ``k=1`` shows every group.

    Returns
    -------
    str

    Examples
    --------
    >>> import coproduction as cp
    >>> text = cp.text.power(cp.examples.load("twam_partners_2013"))
    >>> "other (groups under 5)" in text
    True
    """
    from . import power as _power

    lines = ["Decision power (normalised Banzhaf, mean over decisions weighted by their weight)"]
    for by in ("convenor", "expertise", "role"):
        shares = _shares_of_k(net, by, k=k)
        lines.append(f"  by {by}: power share, head-count share and parity (power / people)")
        lines += ["    " + line for line in shares.round(3).to_string().splitlines()]
        if shares.attrs["small_groups"]["groups"]:
            lines.append("    " + shares.attrs["small_groups"]["note"])
    carried = _power.convenor_carried_share(net)
    lines.append(f"  decisions convenors can carry with no partner: {carried:.0%}")
    vetoes = _power.veto_players(net)
    if len(vetoes):
        held = vetoes.reset_index().groupby("stakeholder", sort=False)["decision"].agg(", ".join)
        lines.append("  veto players (in every winning coalition of a decision):")
        lines += [f"    {who}: {decisions}" for who, decisions in held.items()]  # one line each
    return "\n".join(lines)


@reads_network
def ladder(net: Network) -> str:
    """The collaboration ladder of every project, with its evidence, and tokenism."""
    from . import ladder as _ladder

    lines = ["The collaboration ladder (National Museums Liverpool, Co-production Framework), "
             "project by project"]
    for project in net.projects.index:
        lines.append("")
        lines.append(str(_ladder.classify(net, project)))
    findings = _ladder.tokenism(net)
    lines.append("")
    lines.append(f"Tokenism (Draft manifesto for coproduction in health and care research): "
                 f"{len(findings)} findings")
    for who, row in findings.iterrows():
        lines.append(f"  {who}: {row['kind']}: {row['evidence']}")
    return "\n".join(lines)


def __dir__() -> List[str]:
    return list(__all__)
