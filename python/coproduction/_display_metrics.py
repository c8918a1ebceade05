"""The notebook display of what :mod:`coproduction.metrics` returns as a result: the E-I
index, brokerage roles, and the decomposition of an inequality index between and within
groups.
"""

from __future__ import annotations

import math
from typing import Any, Optional, Sequence

import numpy as np

from . import _html
from ._display_frame import (MAX_ROWS as _MAX_ROWS, amount as _amount, data_ids as _ids,
                             fixed as _fixed, n as _n, percent as _percent, result as _result)
from ._html import text


def _signed(value: float, digits: int = 2) -> str:
    """``value`` with its sign always shown (an E-I index, a z-score)."""
    v = float(value)
    return _fixed(v, digits) if math.isnan(v) or v <= 0 else f"+{v:.{digits}f}"


def _whole(columns: Optional[Sequence[Any]] = None) -> Any:
    """A ``style`` for :func:`_html.frame_table`: counts held as floats (ties, brokered pairs)
    shown as whole numbers, zero in grey, in ``columns`` (every column when None)."""
    def style(column: Any, value: Any) -> Any:
        if (columns is None or column in columns) and _html.is_number(value) and \
                math.isfinite(value) and float(value).is_integer():
            return _html.Cell(value, style="color:#aaa" if value == 0 else "",
                              markup=text(f"{int(value):,}"))
        return value
    return style


# relations


def ei_html(result: Any, show_labels: bool) -> str:
    network = result.network
    ei, internal, external = (float(network["ei"]), float(network["internal"]),
                              float(network["external"]))
    expected = float(network["expected"])
    if math.isnan(ei):
        headline = "no tie to read"
    else:
        lean = "mostly" if abs(ei) >= 0.3 else "a few more"
        words = (f"{lean} inside" if ei < 0 else f"{lean} across" if ei > 0
                 else "as many inside as across")
        headline = (f"{_n(ei, _signed(ei))} ({_n(internal, _amount(internal))} ties inside "
                    f"groups, {_n(external, _amount(external))} across: {words}); "
                    f"{_n(expected, _signed(expected))} expected at random among these groups")
        if not math.isnan(expected) and ei != expected:
            headline += (", so ties cross groups " + ("more" if ei > expected else "less")
                         + " often than chance would have them")
    about = ("Krackhardt &amp; Stern (1988): (external \u2212 internal) / (external + internal), "
             "from \u22121 (every tie inside its group) to +1 (every tie across); small groups "
             "lean external even at random, so read the index against the expected one.")
    counts = _whole(["size", "internal", "external"])
    parts = [_html.frame_table(result.groups, css_class="cp-ei-groups", caption="By group",
                               style=counts),
             _html.frame_table(result.vertices, css_class="cp-ei-stakeholders",
                               caption="By stakeholder", max_rows=_MAX_ROWS, style=counts)]
    return _result("cp-ei-index", "E-I index", headline, about, parts)


def brokerage_html(result: Any, show_labels: bool) -> str:
    network = result.network
    total = float(network.at["total", "observed"])
    roles = network.drop(index="total")
    if total > 0:
        top = roles["observed"].idxmax()
        z_total = float(network.at["total", "z"])
        headline = (f"{_n(total, _amount(total))} brokered pairs (z = "
                    f"{_n(z_total, _signed(z_total))} against a random digraph of the same "
                    f"density and groups); most as {text(top)}, "
                    f"{_n(float(roles.at[top, 'observed']), _amount(roles.at[top, 'observed']))} "
                    f"(z = {_n(float(roles.at[top, 'z']), _signed(roles.at[top, 'z']))})")
    else:
        headline = "no stakeholder brokers between two others"
    about = (f"Gould &amp; Fernandez (1989): v brokers for a and b when a \u2192 v \u2192 b "
             f"and not a \u2192 b, its role set by who shares v's group; expected counts and "
             f"z-scores as R's sna computes them, at density {_n(result.density)}; a "
             f"z-score beyond \u00b12 in bold.")
    observed = result.observed
    busy = observed["total"] > 0
    brokers = observed.loc[busy.to_numpy()].copy()
    brokers["z (total)"] = result.z.loc[busy.to_numpy(), "total"]
    brokers = brokers.iloc[np.argsort(-brokers["total"].to_numpy(), kind="stable")]
    counts = _whole(["observed", *roles.index, "total"])

    def bold_z(column: Any, value: Any) -> Any:
        if column in ("z", "z (total)") and _html.is_number(value) and abs(float(value)) >= 2:
            return _html.Cell(value, style="font-weight:bold")
        return counts(column, value)

    parts = [_html.frame_table(network, css_class="cp-brokerage-roles", caption="By role",
                               style=bold_z)]
    if len(brokers):
        parts.append(_html.frame_table(brokers, css_class="cp-brokerage-brokers",
                                       caption="Brokers", max_rows=_MAX_ROWS, style=bold_z))
    idle = list(observed.index[~busy.to_numpy()])
    if idle:
        parts.append(f'<p class="cp-idle" style="margin:0 0 0.8em 0;color:#555">'
                     f"Broker nothing ({len(idle)}): {_ids(idle)}</p>")
    sizes = ", ".join(f"{g} {int(n)}" for g, n in result.group_size.items())
    parts.append(f'<p class="cp-groups" style="margin:0 0 0.8em 0;color:#555">'
                 f"Groups (stakeholders): {text(sizes)}</p>")
    return _result("cp-brokerage", "Brokerage", headline, about, parts)


# inequality


def decomposition_html(result: Any, show_labels: bool) -> str:
    name = {"theil": "Theil index", "mld": "Mean log deviation"}.get(result.measure,
                                                                     str(result.measure))
    total, between, within = float(result.total), float(result.between), float(result.within)
    if total > 0:
        headline = (f"{_n(total)} in all: {_n(between / total, _percent(between / total))} "
                    f"between groups ({_n(between)}), "
                    f"{_n(within / total, _percent(within / total))} within them "
                    f"({_n(within)})")
    else:
        headline = f"{_n(total)}: everybody holds the same"
    about = ("an exact decomposition: the index of the group means (between) plus the "
             "groups' own indices weighted (within) make the total (Shorrocks 1980).")
    return _result("cp-decomposition", name, headline, about,
                   [_html.frame_table(result.groups, css_class="cp-decomposition-groups",
                                      caption="By group")])
