"""The notebook display of what :mod:`coproduction.power` returns: decision power, bloc
power, power shares, veto players, and the count of minimal winning coalitions.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pandas as pd

from . import _html
from ._display_frame import (FONT as _FONT, MAX_ROWS as _MAX_ROWS, data_id as _id,
                             data_ids as _ids, fixed as _fixed, more_rows as _more_rows, n as _n,
                             note as _note, percent as _percent, project_about as _project_about,
                             result as _result)
from ._groups import NOT_CODED
from ._html import text

#: Columns of a power table shown (decisions can number in the hundreds).
MAX_COLUMNS = 30
_POWER_FILL = "78,121,167"  # the first role colour, as RGB for a translucent fill
_PEOPLE_FILL = "#bab0ac"

_INDEX_NAMES = {
    "banzhaf": "normalised Banzhaf index",
    "banzhaf_absolute": "absolute Banzhaf index",
    "shapley_shubik": "Shapley-Shubik index",
    "deegan_packel": "Deegan-Packel index",
    "holler": "Holler index",
    "johnston": "Johnston index",
}


def coalition_count_html(count: Any) -> str:
    what = "minimal winning coalitions" if count.exact else \
        "minimal winning coalitions at most (an upper bound)"
    return (f'<div class="cp-coalition-count" style="{_FONT}"><strong>{count.coalitions:,}</strong>'
            f" {text(what)}</div>")


# power tables


def _shaded(value: Any) -> Any:
    """A power value with a fill as deep as the value (0 to 1), zero in grey."""
    v = float(value)
    if math.isnan(v):
        return value
    if v == 0:
        return _html.Cell(value, style="color:#aaa")
    alpha = 0.12 + 0.6 * min(max(v, 0.0), 1.0)
    return _html.Cell(value, style=f"background:rgba({_POWER_FILL},{alpha:.2f})")


def _power_matrix(frame: pd.DataFrame, css: str, held: "pd.Series[bool]") -> str:
    """The rows holding power, most first, shaded; the others named below."""
    mean = frame.mean(axis=1)
    shown = frame.loc[held.to_numpy()]
    shown = shown.iloc[np.argsort(-mean[held.to_numpy()].to_numpy(), kind="stable")]
    columns = list(shown.columns)[:MAX_COLUMNS]
    out = _html.frame_table(shown[columns], css_class=css, max_rows=_MAX_ROWS,
                            style=lambda column, value: _shaded(value))
    if len(frame.columns) > MAX_COLUMNS:
        out += _note(f"{len(frame.columns) - MAX_COLUMNS} more columns not shown.")
    none = list(frame.index[~held.to_numpy()])
    if none:
        out += (f'<p class="cp-powerless" style="margin:0 0 0.8em 0;color:#555">'
                f"Hold none ({len(none)}): {_ids(none)}</p>")
    return out


def decision_power_html(frame: pd.DataFrame, show_labels: bool) -> str:
    context = getattr(frame, "_cp_context", {})
    by = context.get("by") or "decision"
    index = context.get("index", "banzhaf")
    n, m = frame.shape
    held = (frame > 0).any(axis=1)
    k = int(held.sum())
    if by == "all" and m == 1:
        column = frame.iloc[:, 0]
        if k:
            top = int(np.argmax(column.to_numpy(dtype=float)))
            headline = (f"{_id(column.index[top])} holds the most, "
                        f"{_n(float(column.iloc[top]))}; {_n(k)} of "
                        f"{_n(n)} stakeholders hold any")
        else:
            headline = f"none of {_n(n)} stakeholders holds any"
        over = "the mean over every decision"
    else:
        unit = {"decision": "decision", "stage": "stage", "project": "project"}.get(by, "column")
        headline = (f"{_n(k)} of {_n(n)} stakeholders hold power in at least one of {_n(m)} "
                    f"{unit}{'' if m == 1 else 's'}; {_n(n - k)} hold none")
        over = "one column per decision" if unit == "decision" else \
            f"the mean over each {unit}'s decisions"
    weighting = "" if by == "decision" else \
        (", each decision counting by its weight" if context.get("weighted", True)
         else ", every decision counting once")
    about = (f"{text(_INDEX_NAMES.get(index, str(index)))} of each decision's game, "
             f"{text(over)}{text(weighting)}{_project_about(context.get('project'))}. "
             f"A stakeholder can change the outcome where the value is above 0.")
    return _result("cp-decision-power", "Decision power", headline, about,
                   [_power_matrix(frame, "cp-power-table", held)])


def bloc_power_html(frame: pd.DataFrame, show_labels: bool) -> str:
    context = getattr(frame, "_cp_context", {})
    n, m = frame.shape
    held = (frame > 0).any(axis=1)
    k = int(held.sum())
    headline = (f"{_n(k)} of {_n(n)} stakeholders hold power in at least one of {_n(m)} "
                f"decision{'' if m == 1 else 's'} when holders vote in blocs; {_n(n - k)} "
                f"hold none")
    kind = context.get("kind", "shapley_shubik")
    name = "Owen value" if kind == "shapley_shubik" else "Banzhaf-Owen index"
    blocs = context.get("by")
    about = (f"{text(name)} of each decision's game (Owen 1977, 1981)"
             + (f", blocs by {text(blocs)}" if blocs else "")
             + _project_about(context.get("project")) + ".")
    return _result("cp-bloc-power", "Bloc power", headline, about,
                   [_power_matrix(frame, "cp-power-table", held)])


def power_shares_html(shares: pd.DataFrame, show_labels: bool) -> str:
    context = getattr(shares, "_cp_context", {})

    def clause(group: Any, first: bool) -> str:
        row = shares.loc[group]
        return (f"{_n(float(row['power']), _percent(row['power']))}"
                f"{' of decision power' if first else ''} as "
                f"{_n(float(row['people']), _percent(row['people']))}"
                f"{' of the people' if first else ''} "
                f"(parity ratio {_n(float(row['parity']), _fixed(row['parity'], 2))})")

    groups = set(shares.index)
    if "partner" in groups and groups <= {"convenor", "partner", NOT_CODED}:
        headline = f"partners hold {clause('partner', True)}"
    elif len(shares):
        largest = shares["people"].idxmax()
        strongest = shares["power"].idxmax()
        headline = f"the largest group, {_id(largest)}, holds {clause(largest, True)}"
        if strongest != largest:
            headline += (f"; the most powerful, {_id(strongest)}, holds "
                         f"{clause(strongest, False)}")
    else:
        headline = "no group"
    by = context.get("by")
    about = ("each group's share of decision power (the "
             f"{text(_INDEX_NAMES.get(context.get('index', 'banzhaf'), 'index'))}, "
             + ("decisions counting by their weight" if context.get("weighted", True)
                else "every decision counting once")
             + ") beside its share of the people (a group stakeholder counts its size)"
             + (f", grouped by {_id(by)}" if by else "")
             + _project_about(context.get("project"))
             + ". The parity ratio divides the two: 1 is power in proportion to numbers, "
               "below 1 less say than numbers (Taagepera &amp; Shugart 1989).")

    def bar(power: float, people: float) -> str:
        def one(share: float, fill: str, what: str) -> str:
            width = 0.0 if math.isnan(share) else min(max(share, 0.0), 1.0) * 100
            return (f'<div style="height:7px;width:{width:.1f}%;background:{fill};'
                    f'margin:1px 0" title="{what} {_percent(share)}"></div>')
        return (f'<div style="width:140px">{one(power, f"rgb({_POWER_FILL})", "power")}'
                f"{one(people, _PEOPLE_FILL, 'people')}</div>")

    rows = []
    for group, row in shares.iloc[:_MAX_ROWS].iterrows():
        rows.append([group, row["power"], row["people"], row["parity"],
                     int(row["stakeholders"]),
                     _html.Cell("", markup=bar(float(row["power"]), float(row["people"])))])
    table = _html.table(["group", "power", "people", "parity", "stakeholders",
                         "power (blue) beside people (grey)"], rows,
                        css_class="cp-power-shares-table")
    return _result("cp-power-shares", "Power shares", headline, about,
                   [table, _more_rows(len(shares))])


def veto_players_html(vetoes: pd.DataFrame, show_labels: bool) -> str:
    context = getattr(vetoes, "_cp_context", {})
    v = len(vetoes)
    if v:
        decisions = vetoes["decision"].nunique()
        holders = vetoes.index.nunique()
        flags = vetoes["convenor"].astype(bool).groupby(level=0).first()
        convenors = int(flags.sum())
        named = int(vetoes["named_in_rule"].astype(bool).sum())
        headline = (f"{_n(v)} veto{'' if v == 1 else 'es'} in {_n(decisions)} "
                    f"decision{'' if decisions == 1 else 's'}, held by {_n(holders)} "
                    f"stakeholder{'' if holders == 1 else 's'} ({_n(convenors)} "
                    f"convenor{'' if convenors == 1 else 's'}, {_n(holders - convenors)} "
                    f"partner{'' if holders - convenors == 1 else 's'}); {_n(named)} named in "
                    f"the rule, {_n(v - named)} following from it")
    else:
        headline = "no decision has a veto player"
    about = ("a veto player is in every winning coalition of a decision: nothing is decided "
             "without its consent. A veto follows from the rule for a sole decider, every "
             "holder under unanimity, or a holder whose votes the others cannot do without"
             + _project_about(context.get("project")) + ".")
    parts = [_html.frame_table(vetoes, css_class="cp-veto-table", max_rows=_MAX_ROWS)] if v else []
    return _result("cp-veto-players", "Veto players", headline, about, parts)
