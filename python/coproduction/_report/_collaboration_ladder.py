"""The section ``ladder``: each project on the collaboration ladder of National Museums
Liverpool's *Co-production Framework*, with the criteria, the stages and the evidence.
"""

from __future__ import annotations

import re
from types import ModuleType
from typing import Optional, Tuple

from ..network import Network
from ._charts import chart as _chart, charts as _charts, no_charts_note as _no_charts_note
from ._markup import (Id as _Id, Long as _Long, Num as _Num, count as _count, esc as _esc,
                      match_mark as _match, note as _note, paragraph as _p, plural as _plural,
                      section as _section, table as _table)
from ._readings import Readings as _Readings
from ._settings import Settings as _Settings

#: The rungs of the ladder (National Museums Liverpool, *Co-production Framework*).
_RUNG_WORDS: Tuple[Tuple[str, str], ...] = (
    ("consultation", "done for partners: the museum decides, after gathering partners' views "
                     "through surveys or meetings."),
    ("engagement", "done for partners: partners are engaged regularly while the project is "
                   "designed, but the museum chooses whether their views change its "
                   "decisions."),
    ("co-design", "done with partners: design decisions are made jointly and learning flows "
                  "both ways; delivery rests with staff, guided by the partners."),
    ("co-production", "done with partners: every decision, from conception through design and "
                      "delivery to evaluation, is made together and shared equally."),
)


def ladder_section(net: Network, s: _Settings, r: _Readings, plot: Optional[ModuleType]
                    ) -> str:
    parts = [_p(
        "National Museums Liverpool\u2019s <em>Co-production Framework</em> describes four "
        "types of collaboration, the rungs of a <dfn>collaboration ladder</dfn> from the least "
        "to the most shared:")]
    parts.append("<ul>" + "".join(f"<li><strong>{_esc(name)}</strong>: {_esc(words)}</li>"
                                  for name, words in _RUNG_WORDS) + "</ul>")
    parts.append(_p(
        "The report reads each project\u2019s recorded decisions and learning relations against "
        "explicit criteria for each rung and sets the type the data support (computed) beside "
        "the type the institution claims; a project is on the highest rung whose criteria, and "
        "every lower rung\u2019s, are met, and <em>none</em> means that not even "
        "consultation\u2019s are. A right counts only where it carries power: a vote that can "
        "never change the outcome counts as being involved. Each stage is also placed on the "
        "IAP2 spectrum of public participation (inform, consult, involve, collaborate, "
        "empower), on Arnstein\u2019s ladder of citizen participation (1969) and on the Think "
        "Local Act Personal ladder of co-production."))
    if not r.projects:
        parts.append(_note("The data record no project, so no project can be placed on the "
                           "ladder. Record each project with the type the institution claims "
                           "for it, and its decisions."))
        return _section("ladder", "3. The collaboration ladder", "".join(parts))
    for c in r.projects:
        block = [f'<div class="project" id="ladder-{_esc(_anchor(c.project))}">',
                 f"<h3>Project {_esc(c.project)}"
                 + (f": {_esc(c.label)}" if s.show_labels and c.label != c.project else "")
                 + "</h3>"]
        block.append(_table(["project", "claimed type", "computed type", "as claimed"],
                            [[_Id(c.project), c.claimed, c.type, _match(c.matches_claim)]],
                            css="cp-ladder-headline"))
        if len(c.decisions) == 0:
            block.append(_note("No decision is recorded for this project, so no criterion "
                               "can be met: record its decisions to place it on the ladder."))
        block.append(_table(
            ["criterion", "rung", "met", "measured", "needed", "reading"],
            [[_Id(name), row["rung"], row["met"], _Num(row["value"]), _Num(row["threshold"]),
              _Long(row["detail"])] for name, row in c.criteria.iterrows()],
            css="cp-ladder-criteria", caption="Criteria", numeric=[3, 4]))
        stages = c.stages
        block.append(_table(
            ["stage", "decisions", "type", "partners\u2019 share of the power", "IAP2",
             "Arnstein", "TLAP"],
            [[stage, _count(row["decisions"]),
              row["type"] if row["decisions"] else "no decision recorded",
              _Num(row["partner_power"]) if row["decisions"] else None,
              row["iap2"], row["arnstein"], row["tlap"]]
             for stage, row in stages.iterrows()],
            css="cp-ladder-stages", caption="Stages", numeric=[1, 3]))
        if len(c.decisions):
            block.append(_table(
                ["decision", "stage", "weight", "holders", "partners\u2019 share of the power",
                 "convenors carry it alone", "shared equally", "type"],
                [[_Id(did), row["stage"], _Num(row["weight"], 1), _count(row["holders"]),
                  _Num(row["partner_power"]), row["convenors_carry"], row["shared_equally"],
                  row["type"]] for did, row in c.decisions.iterrows()],
                css="cp-ladder-decisions", caption="Evidence: each decision",
                numeric=[2, 3, 4]))
        learning = c.evidence[c.evidence["relation"].notna()]
        if len(learning):
            block.append(_table(
                ["partner", "relation", "learns both ways", "reading"],
                [[_Id(row["stakeholder"]), _Id(row["relation"]), row["met"], _Long(row["note"])]
                 for _, row in learning.iterrows()],
                css="cp-ladder-learning",
                caption="Evidence: learning between partners and convenors"))
        block.append(_p(
            f"The full evidence ({_plural(len(c.evidence), 'row')}: every stakeholder\u2019s "
            f"right and effective right in every decision judged) is in "
            f"<code>cp.ladder.classify(net, {_esc(repr(c.project))}).evidence</code>."))
        block.append("</div>")
        parts.append("".join(block))
    if plot is None:
        parts.append(_no_charts_note())
    elif not s.ladder_default:
        parts.append(_note("The ladder chart draws the default criteria; it is left out because "
                           "this report uses other settings (see the settings at the end). The "
                           "tables above give every reading."))
    else:
        parts.append(_charts([_chart(
            lambda ax: plot.ladder(net, ax=ax), key="chart-ladder",
            size=(max(6.5, 1.9 * len(r.classified) + 3.5), 4.6),
            description="Claimed and computed rung of every project and the rung of each stage",
            caption="Every project of the data on the rungs of the ladder: the open red circle "
                    "is the type claimed, the filled blue circle the type computed (an arrow "
                    "joins them when they differ), the grey squares the type read from each "
                    "stage\u2019s decisions alone.")]))
    return _section("ladder", "3. The collaboration ladder", "".join(parts))


def _anchor(value: str) -> str:
    """An id fragment made of safe characters (the project id itself is shown escaped)."""
    return re.sub(r"[^A-Za-z0-9_-]", "_", value)[:60]
