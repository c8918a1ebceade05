"""Building blocks of the notebook display: escaping, tables and colours.

Everything here writes static markup that is also well-formed XML (every tag closed, every
attribute quoted, only the five XML entities), so the display survives an untrusted notebook,
GitHub's renderer and nbconvert, and a test can read it back with ``xml.etree``.
"""

from __future__ import annotations

import html
import math
import re
from typing import Any, Callable, Iterable, List, NamedTuple, Optional, Sequence

import numpy as np
import pandas as pd

# Characters that XML 1.0 forbids even as character references (C0 controls other than tab,
# newline and carriage return, and the two non-characters U+FFFE and U+FFFF).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")

#: Fills for stakeholder roles: Tableau 10, then ten lighter tones (cycled beyond twenty).
ROLE_COLOURS = (
    "#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7",
    "#9c755f", "#bab0ac", "#a0cbe8", "#ffbe7d", "#8cd17d", "#b6992d", "#f1ce63", "#86bcb6",
    "#d37295", "#fabfd2", "#d4a6c8", "#79706e",
)
#: Strokes for relation types: darker tones that stay visible on a white page.
RELATION_COLOURS = (
    "#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22",
    "#17becf", "#ff7f0e", "#393b79", "#637939", "#8c6d31", "#843c39", "#7b4173", "#3182bd",
)


def text(value: Any) -> str:
    """``value`` as escaped text for an element or a quoted attribute.

    ``html.escape`` with ``quote=True`` covers ``& < > " '``; characters XML cannot hold
    are replaced by U+FFFD so that the markup stays parseable."""
    return html.escape(_NOT_XML.sub("\ufffd", str(value)), quote=True)


def short(value: Any, limit: int = 16) -> str:
    """``value`` cut to ``limit`` characters (an ellipsis marks the cut), not yet escaped."""
    s = str(value)
    return s if len(s) <= limit else s[: limit - 1] + "\u2026"


def cell(value: Any) -> str:
    """One table cell's text: missing values as an em dash, floats to three decimals."""
    if value is None:
        return "\u2014"
    if isinstance(value, (list, tuple)):
        return ", ".join(cell(v) for v in value) if value else "\u2014"
    try:
        if pd.isna(value):
            return "\u2014"
    except (TypeError, ValueError):  # an array-like cell: pd.isna answers elementwise
        pass
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        if math.isinf(value):
            return "\u221e" if value > 0 else "\u2212\u221e"
        return f"{value:.3f}"
    if hasattr(value, "item") and not isinstance(value, str):  # a numpy scalar
        try:
            return cell(value.item())
        except (TypeError, ValueError):
            pass
    return str(value)


TABLE_STYLE = ("border-collapse:collapse;margin:0.3em 0 0.8em 0;font-size:0.9em;"
               "border-color:#ccc")  # the colour of the rules between rows
_TH = "text-align:left;padding:2px 8px;border-bottom:1px solid #999;vertical-align:bottom"
# Cells take their padding and rules from the table's attributes rather than a style each:
# a long evidence table stays a third of the size. Alignment is inline all the same: a
# notebook's own style sheet right-aligns every cell, text included.
_TABLE_ATTRIBUTES = 'cellpadding="3" rules="rows" frame="void"'
_TH_NUMBER = _TH.replace("text-align:left", "text-align:right")
_TD_TEXT = "text-align:left;vertical-align:top"
_TD_NUMBER = "text-align:right;vertical-align:top"


class Cell(NamedTuple):
    """A table cell with a style of its own (a fill, a colour) or a tooltip.

    ``markup``, when given, is shown instead of ``value``: markup the package builds from
    numbers only (a bar), never from the data's strings."""

    value: Any
    style: str = ""
    title: Optional[str] = None
    markup: Optional[str] = None


def is_number(value: Any) -> bool:
    return isinstance(value, (int, float, np.integer, np.floating)) and \
        not isinstance(value, (bool, np.bool_))


def _value(value: Any) -> Any:
    return value.value if isinstance(value, Cell) else value


def _missing(value: Any) -> bool:
    if value is None:
        return True
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def _td(value: Any, right: bool) -> str:
    align = _TD_NUMBER if right else _TD_TEXT
    if isinstance(value, Cell):
        style = align + (f";{value.style}" if value.style else "")
        title = "" if value.title is None else f' title="{text(value.title)}"'
        body = value.markup if value.markup is not None else text(cell(value.value))
        return f'<td style="{text(style)}"{title}>{body}</td>'
    return f'<td style="{align}">{text(cell(value))}</td>'


def _breakable(value: Any) -> str:
    """A header, escaped, that may wrap after an underscore: the ids of decisions and
    stakeholders have no space, and a table of them would otherwise run off the page."""
    return text(value).replace("_", "_<wbr/>")


def table(header: Sequence[Any], rows: Iterable[Sequence[Any]], *, css_class: str,
          caption: Optional[str] = None) -> str:
    """An HTML table with inline styles; every header and cell escaped. A cell may be a
    :class:`Cell` to carry a style or a tooltip; numbers are right-aligned."""
    rows = [list(row) for row in rows]
    # A column of numbers (missing values aside) is right-aligned, its header too; any
    # other column, and a column with nothing in it, on the left.
    numeric = [any(is_number(_value(row[i])) and not _missing(_value(row[i]))
                   for row in rows if i < len(row))
               and all(is_number(_value(row[i])) or _missing(_value(row[i]))
                       for row in rows if i < len(row))
               for i in range(max([len(header)] + [len(row) for row in rows]))]
    parts: List[str] = [f'<table class="{text(css_class)}" {_TABLE_ATTRIBUTES} '
                        f'style="{TABLE_STYLE}">']
    if caption is not None:
        parts.append(f'<caption style="text-align:left;font-weight:bold">{text(caption)}'
                     f"</caption>")
    parts.append("<thead><tr>" + "".join(
        f'<th style="{_TH_NUMBER if right else _TH}">{_breakable(h)}</th>'
        for h, right in zip(header, numeric)) + "</tr></thead><tbody>")
    for row in rows:
        parts.append("<tr>" + "".join(_td(v, right) for v, right in zip(row, numeric))
                     + "</tr>")
    parts.append("</tbody></table>")
    return "".join(parts)


def frame_table(frame: pd.DataFrame, *, css_class: str, caption: Optional[str] = None,
                max_rows: Optional[int] = None,
                style: Optional[Callable[[Any, Any], Any]] = None) -> str:
    """A DataFrame as :func:`table`, its index as the first column(s); at most ``max_rows``
    rows, with a line saying how many were left out. ``style(column, value)``, when given,
    returns each data cell as shown (the value or a :class:`Cell`)."""
    names = [n if n is not None else "" for n in frame.index.names]
    shown = frame if max_rows is None else frame.iloc[:max_rows]
    rows = []
    columns = list(frame.columns)
    for key, values in zip(shown.index, shown.itertuples(index=False, name=None)):
        keys = key if isinstance(key, tuple) else (key,)
        if style is not None:
            values = tuple(style(c, v) for c, v in zip(columns, values))
        rows.append([*keys, *values])
    out = table([*names, *columns], rows, css_class=css_class, caption=caption)
    left = len(frame) - len(shown)
    if left > 0:
        out += f'<p style="margin:0 0 0.8em 0;color:#555">{left} more rows not shown.</p>'
    return out
