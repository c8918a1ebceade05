"""The notebook display of the principles scorecard (:func:`coproduction.audit.principles`).
"""

from __future__ import annotations

import pandas as pd

from . import _html
from ._display_frame import (BAD as _BAD, GOOD as _GOOD, MIDDLE as _MIDDLE, NEUTRAL as _NEUTRAL,
                             fill as _fill, n as _n, project_about as _project_about,
                             result as _result)


def scorecard_html(card: pd.DataFrame, show_labels: bool) -> str:
    from .audit import MEETS, NOT_MEASURABLE, NOT_MET, PARTLY

    verdicts = card["verdict"].astype(object)
    count = {v: int((verdicts == v).sum()) for v in (MEETS, PARTLY, NOT_MET, NOT_MEASURABLE)}
    other = len(card) - sum(count.values())
    headline = (f"{_n(count[MEETS])} of {_n(len(card))} principles met, "
                f"{_n(count[PARTLY])} partly, {_n(count[NOT_MET])} not met, "
                f"{_n(count[NOT_MEASURABLE])} not measurable"
                + (f", {_n(other)} with another verdict" if other else ""))
    about = ("the principles of National Museums Liverpool's <em>Co-production "
             "Framework</em>, each read against the network"
             + _project_about(card.attrs.get("project")) + ".")
    fills = {MEETS: _GOOD, PARTLY: _MIDDLE, NOT_MET: _BAD, NOT_MEASURABLE: _NEUTRAL}
    rows = []
    for name, row in card.iterrows():
        verdict = str(row.get("verdict"))
        measurable = verdict != NOT_MEASURABLE
        rows.append([name, _html.Cell(verdict, style=_fill(fills.get(verdict, "#fff"))),
                     row.get("value"), row.get("indicator"), row.get("evidence"),
                     row.get("threshold") if measurable else row.get("needs")])
    table = _html.table(["principle", "verdict", "value", "indicator", "evidence",
                         "rule, or what to record"], rows, css_class="cp-scorecard-table")
    return _result("cp-scorecard", "Scorecard", headline, about, [table])
