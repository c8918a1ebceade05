"""The notebook display of what :mod:`coproduction.ladder` returns: one project's ladder
reading, the ladder of every project, and the tokenism findings.
"""

from __future__ import annotations

import math
from typing import Any

import pandas as pd

from . import _html
from ._display_frame import (BAD as _BAD, FONT as _FONT, GOOD as _GOOD, MAX_ROWS as _MAX_ROWS,
                             amount as _amount, fill as _fill, more_rows as _more_rows, n as _n,
                             note as _note, result as _result)
from ._html import text


# -- ladder reading ----------------------------------------------------------------------


def classification_html(result: Any, *, show_labels: bool) -> str:
    match = ("\u2014 (nothing claimed)" if result.matches_claim is None
             else "yes (matches)" if result.matches_claim else "no (DIFFERS)")
    name = f"{result.label} [{result.project}]" if show_labels and result.label != result.project \
        else result.project
    head = _html.table(["project", "computed type", "claimed type", "matches claim"],
                       [[name, result.type, result.claimed, match]], css_class="cp-headline")
    parts = [f'<div class="cp-classification" style="{_FONT};font-size:13px;line-height:1.35">',
             "<div><strong>Ladder reading</strong> (National Museums Liverpool, "
             "<em>Co-production Framework</em>)</div>", head]
    for caption, frame, css, limit in (
            ("Criteria", result.criteria, "cp-criteria", None),
            ("Stages", result.stages, "cp-stages", None),
            ("Evidence", result.evidence, "cp-evidence", 200)):
        try:
            table = frame.drop(columns=[c for c in ("label",) if c in frame.columns and not show_labels])
            parts.append(_html.frame_table(table, css_class=css, caption=caption, max_rows=limit))
        except Exception as error:
            parts.append(_note(f"{caption} could not be shown ({type(error).__name__})."))
    parts.append("</div>")
    return "".join(parts)


# tokenism


_TOKENISM_KINDS = {
    "nominal_share": "a shared or deciding right whose vote can never change the outcome",
    "no_power": "taking part in decisions, able to change the outcome of none",
    "unpaid": "unpaid beside paid convenors of the same project",
    "influence_exceeds_power": "elicited influence well above formal decision power",
    "power_exceeds_influence": "formal decision power well above elicited influence",
}


def tokenism_html(found: pd.DataFrame, show_labels: bool) -> str:
    n, who = len(found), found.index.nunique()
    headline = (f"{_n(n)} finding{'' if n == 1 else 's'} about {_n(who)} "
                f"stakeholder{'' if who == 1 else 's'}" if n else "no finding")
    about = ("what Traverse and Co-Production Collective's <em>Draft manifesto for "
             "coproduction in health and care research</em> asks a partnership to be honest "
             "about: people asked in without power, unpaid beside paid staff, influence and "
             "formal power far apart.")
    parts = []
    if n:
        kinds = found["kind"].astype(object)
        order = [k for k in _TOKENISM_KINDS if (kinds == k).any()] + \
            sorted({str(k) for k in kinds} - set(_TOKENISM_KINDS))
        rows = [[k, int((kinds == k).sum()), int(found.index[(kinds == k).to_numpy()].nunique()),
                 _TOKENISM_KINDS.get(k, "")] for k in order]
        parts.append(_html.table(["kind", "findings", "stakeholders", "what it means"], rows,
                                 css_class="cp-tokenism-kinds", caption="By kind"))
        # Project and decision name the decision of a nominal share only: left out when
        # no finding has one. A count shows as a whole number, a gap with its decimals.
        empty = [c for c in ("project", "decision") if c in found and found[c].isna().all()]
        parts.append(_html.frame_table(
            found.drop(columns=empty), css_class="cp-tokenism-findings", caption="Findings",
            max_rows=_MAX_ROWS, style=lambda column, value: _html.Cell(
                value, markup=text(_amount(value))) if column == "value" and
            _html.is_number(value) and not math.isnan(value) else value))
    return _result("cp-tokenism", "Tokenism", headline, about, parts)


# ladder of every project


def ladder_types_html(table: pd.DataFrame, show_labels: bool) -> str:
    n = len(table)
    matches = table["matches_claim"]
    claimed = int(matches.notna().sum())
    agree = int((matches == True).sum())  # noqa: E712  (nullable booleans: NA is neither)
    headline = f"{_n(n)} project{'' if n == 1 else 's'}; "
    if claimed:
        headline += (f"{_n(agree)} of {_n(claimed)} claimed type{'' if claimed == 1 else 's'} "
                     f"match{'es' if claimed == 1 else ''} the computed type")
        if n - claimed:
            headline += f", {_n(n - claimed)} claim{'s' if n - claimed == 1 else ''} none"
    else:
        headline += "none claims a type"
    types = table["type"].astype(object).value_counts()
    from .ladder import TYPES
    counted = ", ".join(f"{int(types[t])} {t}" for t in TYPES if t in types.index)
    about = (f"computed types: {text(counted or 'none')}. The types of National Museums "
             f"Liverpool's <em>Co-production Framework</em>, read from who decides at which "
             f"stage and which way learning flows; cp.ladder.classify gives the evidence.")
    header = ["project"] + (["label"] if show_labels else []) + \
        ["computed type", "claimed type", "matches claim"]
    rows = []
    for pid, row in table.iloc[:_MAX_ROWS].iterrows():
        match = row["matches_claim"]
        fill = "" if pd.isna(match) else _fill(_GOOD if match else _BAD)
        rows.append([pid] + ([row.get("label")] if show_labels else [])
                    + [row["type"], row["claimed"], _html.Cell(match, style=fill)])
    return _result("cp-ladder-types", "Ladder", headline, about,
                   [_html.table(header, rows, css_class="cp-ladder-table"),
                    _more_rows(len(table))])
