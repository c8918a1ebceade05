"""The section ``tokenism``: the signs of tokenism :func:`coproduction.ladder.tokenism` finds,
what was checked to find them, and each finding with its evidence.
"""

from __future__ import annotations

from typing import Tuple

from ..network import Network
from ._markup import (Id as _Id, Long as _Long, Num as _Num, esc as _esc, note as _note,
                      paragraph as _p, plural as _plural, section as _section, table as _table)
from ._readings import Readings as _Readings
from ._settings import Settings as _Settings

#: The signs of tokenism :func:`coproduction.ladder.tokenism` looks for, in plain words.
_TOKENISM_WORDS: Tuple[Tuple[str, str], ...] = (
    ("nominal_share", "a seat on paper: a right to share in or make a decision whose vote can "
                      "never change the outcome under the decision's rule"),
    ("no_power", "asked in without power: consulted, involved or nominally sharing in "
                 "decisions, but able to change the outcome of none of them (Arnstein 1969 "
                 "calls informing, consultation and placation degrees of tokenism)"),
    ("unpaid", "unpaid beside paid staff: a partner recorded as unpaid taking part in a project "
               "whose convenors include paid staff (the manifesto: \u201cPay people to help "
               "equalise power differentials\u201d)"),
    ("influence_exceeds_power", "influence without formal power: much more influence, as "
                                "stakeholders rated it, than the rules of the decisions give: "
                                "power the rules do not show"),
    ("power_exceeds_influence", "formal power without influence: a say under the rules that "
                                "others do not see them exercise"),
)


def tokenism_section(net: Network, s: _Settings, r: _Readings) -> str:
    parts = [_p(
        "<dfn>Tokenism</dfn> is involving people in a way that looks like sharing power "
        "without sharing it. The <em>Draft manifesto for coproduction in health and care "
        "research</em> asks partnerships to \u201cBe honest with yourself and others when "
        "you\u2019re involved in tokenistic practice\u201d. The report looks for five signs in "
        "the data:")]
    parts.append("<ul>" + "".join(f"<li><strong>{_esc(kind.replace('_', ' '))}</strong>: "
                                  f"{_esc(words)}</li>" for kind, words in _TOKENISM_WORDS)
                 + "</ul>")
    people = net.stakeholders[net.stakeholders["kind"].astype(object) != "object"]
    rated = int(people["influence"].notna().sum())
    paid = int(people["paid"].notna().sum())
    gap = s.tokenism_threshold if s.tokenism_threshold is not None else (
        0.5 if s.tokenism_influence == "rank" else 0.1)
    compared = ("percentile ranks" if s.tokenism_influence == "rank" else "shares")
    checked = (f"Checked: the rights of {_plural(net.num_decisions, 'decision')}; pay, coded "
               f"for {paid} of {len(people)} people; rated influence (as in a Net-Map "
               f"interview, Schiffer &amp; Hauck 2010), coded for {rated} of {len(people)} "
               f"people, compared with decision power as {compared}, a gap of {gap:g} or more "
               f"being a finding. "
               + ("Convenors are reported too." if s.tokenism_include_convenors
                  else "Only partners are reported."))
    if s.project:
        checked += (" Tokenism is read over the whole network, every project, as the rated "
                    "influence of a stakeholder belongs to no one project.")
    if rated == 0:
        checked += (" Without rated influence, influence and formal power cannot be compared: "
                    "ask stakeholders to rate each other\u2019s influence to check it.")
    found = r.tokenism
    if len(found) == 0:
        parts.append(_note("No sign of tokenism was found in these data. " + checked))
        return _section("tokenism", "4. Tokenism", "".join(parts))
    parts.append(_p(checked))
    # The project and decision columns only when some finding is about one decision.
    where = [c for c in ("project", "decision") if found[c].notna().any()]
    parts.append(_table(
        ["stakeholder", "sign", *where, "value", "evidence"],
        [[_Id(sid), str(row["kind"]).replace("_", " "), *[_Id(row[c]) for c in where],
          _Num(row["value"]), _Long(row["evidence"])] for sid, row in found.iterrows()],
        css="cp-tokenism", caption=f"Signs of tokenism ({len(found)})",
        numeric=[2 + len(where)]))
    parts.append(_p(
        "The value is the number of decisions for \u201cno power\u201d and \u201cunpaid\u201d, "
        "the votes for \u201cnominal share\u201d, and the gap between influence and power "
        "(positive: more influence than power) for the last two signs. A sign is a question "
        "to ask of the partnership, not a verdict on it."))
    return _section("tokenism", "4. Tokenism", "".join(parts))
