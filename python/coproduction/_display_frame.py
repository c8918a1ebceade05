"""What every notebook display shares: the font, a note line, and the frame of a result (a
headline with its numbers, a line about the measure, the evidence).

:mod:`coproduction.display` dispatches; the renderers of ``_display_network``,
``_display_ladder``, ``_display_audit``, ``_display_power`` and ``_display_metrics`` build on
the pieces here and on the tables of ``_html``.
"""

from __future__ import annotations

import math
from typing import Any, Optional, Sequence

import numpy as np

from ._html import text

FONT = "font-family:-apple-system,'Segoe UI',Helvetica,Arial,sans-serif"


def note(message: str) -> str:
    return f'<p class="cp-note" style="margin:0.3em 0;color:#555">{text(message)}</p>'


# -- results: a headline, then the evidence ----------------------------------------------
#
# Every result shows as one sentence that says what it finds (the headline, class
# ``cp-summary``), a line on where the measure comes from and how it was called
# (``cp-about``), and the table or tables behind the sentence. Each number of the headline is
# a ``<span class="cp-n">`` whose tooltip holds the exact value: a reader can hover for it,
# and the tests read both back. The numbers are computed from the table itself, so a
# result edited in place shows what it now holds.

_RESULT_STYLE = f"{FONT};font-size:13px;line-height:1.35"
#: Rows of an evidence table shown before "N more rows not shown".
MAX_ROWS = 200
#: Ids listed in a line such as "hold none: a, b, c".
_MAX_LISTED = 40
_MINUS = "\u2212"
GOOD, MIDDLE, BAD, NEUTRAL = "#d9ead3", "#fff2cc", "#f4cccc", "#eeeeee"


def _exact(value: Any) -> str:
    """The exact value of a headline number, for its tooltip."""
    if isinstance(value, (bool, np.bool_)):
        return str(bool(value))
    if isinstance(value, (int, np.integer)):
        return str(int(value))
    return repr(float(value))


def n(value: Any, shown: Optional[str] = None) -> str:
    """A number of a headline: ``shown`` (by default the value itself), the exact value as
    its tooltip."""
    if shown is None:
        shown = f"{int(value):,}" if isinstance(value, (int, np.integer)) else fixed(value, 3)
    return f'<span class="cp-n" title="{text(_exact(value))}">{text(shown)}</span>'


def fixed(value: float, digits: int) -> str:
    """``value`` to ``digits`` decimals, with a true minus sign; NaN as an em dash."""
    v = float(value)
    if math.isnan(v):
        return "\u2014"
    if math.isinf(v):
        return "\u221e" if v > 0 else _MINUS + "\u221e"
    return f"{v:.{digits}f}".replace("-", _MINUS)


def percent(value: float) -> str:
    return "\u2014" if math.isnan(float(value)) else f"{100 * float(value):.0f}%"


def amount(value: float) -> str:
    """A count, or a sum of weights: whole numbers without decimals."""
    v = float(value)
    return f"{int(v):,}" if v.is_integer() else fixed(v, 3)


def data_id(value: Any) -> str:
    """An id of the data, escaped, in the headline's code style."""
    return f'<code class="cp-id">{text(value)}</code>'


def data_ids(values: Sequence[Any]) -> str:
    """Ids as an escaped list, the first ``_MAX_LISTED`` of them."""
    shown = ", ".join(str(v) for v in list(values)[:_MAX_LISTED])
    more = len(values) - _MAX_LISTED
    return text(shown + (f" and {more} more" if more > 0 else ""))


def result(css: str, title: str, headline: str, about: str, parts: Sequence[str]) -> str:
    """The frame of every result: title and headline, the line about the measure, the
    evidence. ``headline`` and ``about`` are markup already escaped."""
    about_part = (f'<div class="cp-about" style="margin:0 0 0.4em 0;color:#555">{about}</div>'
                  if about else "")
    return (f'<div class="cp-result {css}" style="{_RESULT_STYLE}">'
            f'<div class="cp-summary" style="margin-bottom:0.2em">'
            f"<strong>{text(title)}</strong>: {headline}</div>{about_part}"
            + "".join(parts) + "</div>")


def fill(colour: str) -> str:
    return f"background:{colour}"


def more_rows(rows: int) -> str:
    """The line under a table cut at ``MAX_ROWS`` rows, as :func:`_html.frame_table`
    writes it; nothing for a table shown whole."""
    left = rows - MAX_ROWS
    return note(f"{left} more rows not shown.") if left > 0 else ""


def project_about(project: Any) -> str:
    return "" if project is None else f"; project {data_id(project)}"
