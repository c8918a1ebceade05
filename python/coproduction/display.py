"""Notebook display: a network as a summary and a drawing, every result as its headline
and its evidence.

Jupyter shows an object through its ``_repr_html_``; :class:`~coproduction.Network`,
:class:`~coproduction.ladder.Classification`, :class:`~coproduction.power.CoalitionCount`,
the tables the package returns (the principles scorecard, the tokenism findings, the ladder of
every project, decision power, bloc power, power shares, veto players: DataFrames of the
private ``_results`` module) and the E-I index, brokerage and inequality decompositions
delegate to :func:`html`. A result shows one sentence saying what it finds, a line on the
measure, and the tables behind the sentence. The markup is static HTML with inline styles
and, for a network, an inline SVG: no JavaScript, no style sheet, no request to any server,
so it shows the same in an untrusted notebook, on GitHub and through nbconvert.

What a researcher typed as free text (labels, attributes, provenance, descriptions) may name
people; the display shows ids, kinds, roles and the package's own words only, unless
``show_labels=True``. Every string is escaped, so an id such as ``<script>`` shows as text.

A new kind of result gets a display with a class (a ``_results.ResultFrame`` subclass, or a
``_repr_html_`` calling :func:`html`), a renderer in the private module of its area
(``_display_ladder``, ``_display_audit``, ``_display_power``, ``_display_metrics``) and a row
in ``_result_renderers``.

docs/display.md shows the display and what each part means.
"""

from __future__ import annotations

from typing import Any, List, Tuple

import pandas as pd

from . import _html
from . import layout as _layout
from ._display_audit import scorecard_html as _scorecard_html
from ._display_frame import FONT as _FONT, MAX_ROWS as _MAX_ROWS, note as _note
from ._display_ladder import (classification_html as _classification_html,
                              ladder_types_html as _ladder_types_html,
                              tokenism_html as _tokenism_html)
from ._display_metrics import (brokerage_html as _brokerage_html,
                               decomposition_html as _decomposition_html, ei_html as _ei_html)
from ._display_network import drawing as _drawing, summary as _summary
from ._display_power import (bloc_power_html as _bloc_power_html,
                             coalition_count_html as _coalition_count_html,
                             decision_power_html as _decision_power_html,
                             power_shares_html as _power_shares_html,
                             veto_players_html as _veto_players_html)
from ._html import text

# The renderers live in private modules, one for the network and one for what each area of
# the package returns (ladder, audit, power, metrics), over the frame of _display_frame.
# Each is bound here under a name of its own and looked up here when called, as the layout
# (_positions) is: a test replaces one part (monkeypatch.setattr(display, "_positions", ...))
# and sees the display leave out that part only. The drawing's geometry and the size limits
# of the tables are bound here for the tests to read.
from ._display_network import MARGIN as _MARGIN, SIDE as _SIDE  # noqa: F401
from ._display_power import MAX_COLUMNS as _MAX_COLUMNS  # noqa: F401

__all__ = ["html", "svg", "MAX_DRAWN"]

#: Above this many stakeholders the network display gives the summary without the drawing:
#: an SVG of thousands of elements makes a notebook slow to open and to scroll.
MAX_DRAWN = 300


def html(obj: Any, *, show_labels: bool = False, max_drawn: int = MAX_DRAWN) -> str:
    """The notebook display of a network, a ladder reading, a coalition count or a result.

    Parameters
    ----------
    obj : Network, Classification, CoalitionCount or a result
        A result is what ``cp.audit.principles``, ``cp.ladder.tokenism``,
        ``cp.ladder.classify_all``, ``cp.power.decision_power`` (and ``power_by_stage``,
        ``power_by_project``), ``cp.power.bloc_power``, ``cp.power.power_shares``,
        ``cp.power.veto_players``, ``cp.metrics.ei_index``, ``cp.metrics.brokerage`` and the
        inequality decompositions return; a frame derived from one (a slice, a copy) is a
        plain DataFrame and is refused.
    show_labels : bool, default False
        Show free text as well: stakeholder and project labels, the data set's title.
        By default only ids, kinds, roles, types and the package's own words are shown.
    max_drawn : int, default MAX_DRAWN
        A network with more stakeholders is summarised without the drawing.

    Returns
    -------
    str
        Static HTML with inline styles (and, for a network, an inline SVG).

    Raises
    ------
    TypeError
        ``obj`` is none of these (a plain DataFrame, for one).

    Notes
    -----
    The display of a network or a result never raises: a part that cannot be made (the
    ladder reading, the layout, a result's headline) is left out with a line saying so, and
    the plain ``repr`` or the bare table is shown instead.

    Examples
    --------
    >>> import coproduction as cp
    >>> page = cp.display.html(cp.examples.load("twam_partners_2013"))
    >>> "<svg" in page, "<script" in page
    (True, False)
    """
    from .ladder import Classification
    from .network import Network
    from .power import CoalitionCount

    if isinstance(obj, Network):
        return _network_html(obj, show_labels=show_labels, max_drawn=max_drawn)
    if isinstance(obj, Classification):
        return _classification_html(obj, show_labels=show_labels)
    if isinstance(obj, CoalitionCount):
        return _coalition_count_html(obj)
    # By type, not isinstance: a plain DataFrame passes isinstance against the result
    # frames (see _results), and is not one.
    for kind, renderer in _result_renderers():
        if issubclass(type(obj), kind):
            return _result_html(obj, renderer, show_labels)
    raise TypeError(f"cp.display.html shows a Network, a Classification, a CoalitionCount or "
                    f"a result of the package, not {type(obj).__name__}")




# -- network -----------------------------------------------------------------------------


def _network_html(net: Any, *, show_labels: bool, max_drawn: int) -> str:
    try:
        body = _summary(net, show_labels)
    except Exception:  # never let a notebook cell fail on display: the plain repr instead
        try:
            return f"<pre>{text(repr(net))}</pre>"
        except Exception:
            return "<pre>coproduction.Network</pre>"
    try:
        n = net.num_stakeholders
        if n == 0:
            drawing = _note("No stakeholders: nothing to draw.")
        elif n > max_drawn:
            drawing = _note(f"The drawing is left out above {max_drawn} stakeholders to keep "
                            f"the notebook light; cp.display.svg(net) draws it.")
        else:
            drawing = svg(net, show_labels=show_labels)
    except Exception as error:
        drawing = _note(f"The drawing could not be made ({type(error).__name__}).")
    return (f'<div class="cp-network" style="{_FONT};font-size:13px;line-height:1.35">'
            f"{body}{drawing}</div>")



def _positions(net: Any) -> pd.DataFrame:
    frame = _layout.positions(net, method="fruchterman_reingold", include_objects=True, seed=0)
    xy: pd.DataFrame = frame[["x", "y"]]
    return xy


def svg(net: Any, *, show_labels: bool = False) -> str:
    """A static SVG drawing of a network, whatever its size.

    One circle per stakeholder (a square for an object), filled by role; one arrow per
    relation, coloured by type; legends for both; each stakeholder's id as its tooltip
    (``<title>``) and, up to 80 stakeholders, as a short text label. Positions come from
    ``cp.layout.positions(net, method="fruchterman_reingold", include_objects=True,
    seed=0)``, so the same network is always drawn the same way.

    Parameters
    ----------
    net : Network
    show_labels : bool, default False
        Label nodes (and tooltips) with the stakeholders' labels instead of their ids.

    Returns
    -------
    str
        An ``<svg>`` element, with no script and no external reference.

    Raises
    ------
    Exception
        Whatever the layout raises; :func:`html` catches it and shows the summary alone.
    """
    return _drawing(net, _positions, show_labels=show_labels)


# -- results -----------------------------------------------------------------------------


def _result_renderers() -> List[Tuple[type, Any]]:
    """Each result kind with its renderer; a later kind adds a row here."""
    from . import _results
    from .metrics._inequality import InequalityDecomposition
    from .metrics._relations import Brokerage, EIIndex

    return [
        (_results.Scorecard, _scorecard_html),
        (_results.TokenismFindings, _tokenism_html),
        (_results.LadderTypes, _ladder_types_html),
        (_results.DecisionPower, _decision_power_html),
        (_results.BlocPower, _bloc_power_html),
        (_results.PowerShares, _power_shares_html),
        (_results.VetoPlayers, _veto_players_html),
        (EIIndex, _ei_html),
        (Brokerage, _brokerage_html),
        (InequalityDecomposition, _decomposition_html),
    ]


def _result_html(obj: Any, renderer: Any, show_labels: bool) -> str:
    """A result's display; should it fail, a line saying so and the bare table (a frame) or
    the plain ``repr`` (anything else): a notebook cell never fails on display."""
    try:
        page: str = renderer(obj, show_labels)
        return page
    except Exception as error:
        note = _note(f"The summary could not be made ({type(error).__name__}).")
        try:
            if isinstance(obj, pd.DataFrame):
                plain = pd.DataFrame(obj)
                if not show_labels and "label" in plain.columns:
                    plain = plain.drop(columns=["label"])
                return note + _html.frame_table(plain, css_class="cp-plain", max_rows=_MAX_ROWS)
            return note + f"<pre>{text(repr(obj))}</pre>"
        except Exception:
            return note


def __dir__() -> List[str]:
    return list(__all__)
