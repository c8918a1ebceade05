"""Small pieces of markup the report's sections share: cells for numbers, ids and free text,
tables, paragraphs and notes, a section, and the words for counts and shares.

Every piece escapes what it is given unless it is :class:`Raw` (markup made here, already
escaped).
"""

from __future__ import annotations

import dataclasses
import math
import re
from typing import Any, List, Optional, Sequence, Tuple

import pandas as pd

from .. import _html
from .._groups import NOT_CODED


@dataclasses.dataclass(frozen=True)
class Num:
    """A number cell: shown to a fixed number of decimals, the exact value in ``data-value``
    so that a reader (or a test) can take it back."""

    value: float
    decimals: int = 3


@dataclasses.dataclass(frozen=True)
class Id:
    """An id of the data, set in a monospace face."""

    value: Any


@dataclasses.dataclass(frozen=True)
class Raw:
    """Markup made here, already escaped."""

    html: str


@dataclasses.dataclass(frozen=True)
class Long:
    """Free-flowing text (evidence, details) in a column that wraps."""

    value: Any


def esc(value: Any) -> str:
    return _html.text(value)


def _shown_number(value: float, decimals: int) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "\u2014"
    if math.isinf(value):
        return "\u221e" if value > 0 else "\u2212\u221e"
    return f"{value:.{decimals}f}"


def count(value: Any) -> Num:
    return Num(float(value), 0)


def _cell(value: Any) -> str:
    if isinstance(value, Num):
        number = float(value.value)
        data = "nan" if math.isnan(number) else repr(number)
        return (f'<td class="num" data-value="{data}">'
                f"{esc(_shown_number(number, value.decimals))}</td>")
    if isinstance(value, Id):
        return f'<td class="id">{esc(_html.cell(value.value))}</td>'
    if isinstance(value, Raw):
        return f"<td>{value.html}</td>"
    if isinstance(value, Long):
        return f'<td class="long">{esc(_html.cell(value.value))}</td>'
    return f"<td>{esc(_html.cell(value))}</td>"


def table(header: Sequence[str], rows: Sequence[Sequence[Any]], *, css: str,
          caption: Optional[str] = None, numeric: Sequence[int] = ()) -> str:
    """A table with a class (the stable handle of tests and readers), escaped cells, numbers
    right-aligned with their exact value kept."""
    parts = [f'<table class="{esc(css)}">']
    if caption:
        parts.append(f"<caption>{esc(caption)}</caption>")
    heads = [(' class="num"' if i in numeric else "", esc(h)) for i, h in enumerate(header)]
    parts.append("<thead><tr>" + "".join(f"<th{css_class}>{h}</th>" for css_class, h in heads)
                 + "</tr></thead><tbody>")
    for row in rows:
        parts.append("<tr>" + "".join(_cell(v) for v in row) + "</tr>")
    parts.append("</tbody></table>")
    return "".join(parts)


def paragraph(text: str) -> str:
    """A paragraph of prose written here (already markup: escape data before passing it)."""
    return f"<p>{text}</p>"


def note(text: str) -> str:
    return f'<p class="note">{text}</p>'


def plural(n: int, noun: str, many: Optional[str] = None) -> str:
    """``n`` and the noun: ``noun`` for one, else ``many`` (by default ``noun`` + "s")."""
    return f"{n} {noun if n == 1 else (many or noun + 's')}"


def pct(share: float) -> str:
    """A share as a percentage for the prose (the tables give the share itself)."""
    return f"{100.0 * share:.1f}%"


def verdict_mark(verdict: str) -> Raw:
    css = {"meets": "v-meets", "partly": "v-partly", "does not meet": "v-not"}.get(verdict, "v-nm")
    return Raw(f'<span class="verdict {css}">{esc(verdict)}</span>')


def match_mark(matches: Any) -> Raw:
    if matches is None or matches is pd.NA or (isinstance(matches, float) and math.isnan(matches)):
        return Raw("\u2014 (nothing claimed)")
    if bool(matches):
        return Raw('<span class="match-yes">yes</span>')
    return Raw('<span class="match-no">no: differs</span>')


def ids(values: Sequence[Any], limit: int = 12) -> str:
    """Ids for the prose, escaped, the first ``limit`` of them."""
    shown = ", ".join(esc(v) for v in list(values)[:limit])
    more = len(values) - limit
    return shown + (f" and {more} more" if more > 0 else "")


_DOCS_PATH = re.compile(r"\s*\(?docs/([A-Za-z0-9_]+)\.md(?:, ([^)]*))?\)?")


def no_paths(text: Any) -> str:
    """Text of the API for a reader who has no source tree: a pointer into the documentation
    (``(docs/format.md, decisions)``) becomes words."""
    if not isinstance(text, str):
        return "" if text is None else str(text)

    def words(match: "re.Match[str]") -> str:
        page = match.group(1).replace("_", " ")
        part = match.group(2)
        return f" (see the {page} page of the coproduction documentation" + \
            (f", {part})" if part else ")")
    return _DOCS_PATH.sub(words, text)


def section(key: str, heading: str, body: str) -> str:
    return f'<section id="{key}"><h2>{esc(heading)}</h2>{body}</section>'


def counts(values: "pd.Series[Any]", order: Optional[Sequence[str]] = None
           ) -> List[Tuple[str, int]]:
    """(value, count) pairs, a missing value as not coded: in ``order`` when given, else most
    frequent first, ties by name."""
    coded = values.astype(object).where(values.notna(), NOT_CODED).astype(str)
    tally = coded.value_counts()
    if order is not None:
        return [(k, int(tally[k])) for k in order if k in tally.index]
    return sorted(((str(k), int(c)) for k, c in tally.items()), key=lambda kc: (-kc[1], kc[0]))
