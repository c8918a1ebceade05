"""The report of a network: one self-contained HTML page for the people who commission,
fund or run a partnership.

:func:`report` reads a network with the package's public functions (decision power and power
shares, the collaboration ladder, tokenism, the principles scorecard, the structure of the
relations) and lays the results out in plain language, each technical term explained where
it first appears, every source cited by its title. The page holds inline CSS and inline SVG
only: no script, no link, no image, font or style sheet to fetch, so it opens the same from a
disk, an e-mail or a shared drive, and prints on A4.

The report computes nothing itself: every number comes from one call of the public API with
the report's settings, and is shown as that call returns it (to three decimals; the exact
value is in the cell's ``data-value`` attribute). What a researcher typed as free text
(labels, attributes, provenance, descriptions) is left out unless ``show_labels=True``, as in
:mod:`coproduction.display`; every string of the data is escaped.

docs/report.md describes the sections and the settings.

The page is made in ``_page`` (the document, its style sheet and footer) from one module per
section: ``_summary``, ``_decision_power``, ``_collaboration_ladder``, ``_tokenism``,
``_scorecard``, ``_structure``, ``_coverage`` (what the data do and do not say) and
``_sources``. Each section writes what ``_readings`` read once with the checked
``_settings``, with the cells and tables of ``_markup`` and the charts of ``_charts``.
"""

from __future__ import annotations

import datetime as _dt
import os
from pathlib import Path
from typing import List, Optional, Union, overload

from .. import _core, audit as _audit, display as _display, ladder as _ladder
from .._checks import network_core
from .._errors import input_error
from .._privacy_groups import DEFAULT_K
from .._reading import reads_network
from ..network import Network
from ._page import render as _render
from ._settings import checked_settings as _checked_settings

__all__ = ["report"]

PathLike = Union[str, "os.PathLike[str]"]


@overload
def report(net: Network, path: None = None, *, project: Optional[str] = ...,
           by: str = ..., k: int = ..., index: str = ..., weighted: bool = ...,
           ladder_config: Optional[_ladder.LadderConfig] = ...,
           principles_config: Optional[_audit.PrinciplesConfig] = ...,
           tokenism_influence: str = ..., tokenism_threshold: Optional[float] = ...,
           tokenism_include_convenors: bool = ..., show_labels: bool = ...,
           title: Optional[str] = ..., date: Union[str, _dt.date, None] = ...,
           max_drawn: int = ...) -> str: ...


@overload
def report(net: Network, path: PathLike, *, project: Optional[str] = ...,
           by: str = ..., k: int = ..., index: str = ..., weighted: bool = ...,
           ladder_config: Optional[_ladder.LadderConfig] = ...,
           principles_config: Optional[_audit.PrinciplesConfig] = ...,
           tokenism_influence: str = ..., tokenism_threshold: Optional[float] = ...,
           tokenism_include_convenors: bool = ..., show_labels: bool = ...,
           title: Optional[str] = ..., date: Union[str, _dt.date, None] = ...,
           max_drawn: int = ...) -> Path: ...


@reads_network
def report(net: Network, path: Optional[PathLike] = None, *, project: Optional[str] = None,
           by: str = "role", k: int = DEFAULT_K, index: str = "banzhaf",
           weighted: bool = True,
           ladder_config: Optional[_ladder.LadderConfig] = None,
           principles_config: Optional[_audit.PrinciplesConfig] = None,
           tokenism_influence: str = "rank", tokenism_threshold: Optional[float] = None,
           tokenism_include_convenors: bool = False, show_labels: bool = False,
           title: Optional[str] = None, date: Union[str, _dt.date, None] = None,
           max_drawn: int = _display.MAX_DRAWN) -> Union[str, Path]:
    """The report of a network: one self-contained HTML page, written for the people who
    commission, fund or run a partnership.

    Eight sections, each a ``<section>`` with a stable id: ``summary`` (who and what the data
    record, the projects' claimed and computed types, a drawing), ``power`` (decision power by
    group, parity, Gini, veto players), ``ladder`` (each project on the collaboration ladder
    with its evidence), ``tokenism``, ``scorecard`` (the twelve principles), ``structure``
    (density, reciprocity and centralization of each relation type and scale), ``data``
    (what was not coded, provenance) and ``sources``; then a footer with the library's
    version, the date and every setting.

    Parameters
    ----------
    net : Network
    path : str or os.PathLike, optional
        Write the page to this file, atomically (a temporary file renamed over it; an
        existing file keeps its permissions), and return the path. None returns the HTML.
    project : str, optional
        Read only this project: its decisions and the people taking part in it for decision
        power and the scorecard, and only it on the ladder.
    by : str, default "role"
        The grouping of decision power: a stakeholder column (``"role"``, ``"kind"``,
        ``"sector"``, ``"expertise"``, ``"under_served"``, ``"paid"``) or ``"convenor"``.
    k : int, default 5
        The smallest group shown on its own, in people: groups of fewer than ``k`` are pooled
        into one row, as :func:`coproduction.privacy.power_shares` pools them, in every table
        and chart of groups, and the report says so; in the table of individual holders a
        role held by fewer than ``k`` people is shown as that pooled group. ``k=1`` shows
        every group.
    index : str, default "banzhaf"
        The power index of each decision: ``"banzhaf"``, ``"shapley_shubik"``,
        ``"deegan_packel"``, ``"holler"`` or ``"johnston"``.
    weighted : bool, default True
        Count each decision by its ``weight`` (the package's one default); False counts each
        once.
    ladder_config : coproduction.ladder.LadderConfig, optional
        The ladder's thresholds; by default ``LadderConfig(weighted=weighted)``. Its
        ``weighted`` must equal ``weighted``.
    principles_config : coproduction.audit.PrinciplesConfig, optional
        The scorecard's thresholds; by default ``PrinciplesConfig(index=index,
        weighted=weighted)``. Its ``index`` and ``weighted`` must equal the report's.
    tokenism_influence : {"rank", "share"}, default "rank"
    tokenism_threshold : float, optional
    tokenism_include_convenors : bool, default False
        The ``influence``, ``threshold`` and ``include_convenors`` of
        :func:`coproduction.ladder.tokenism`.
    show_labels : bool, default False
        Show free text as well: the stakeholders' and projects' labels, the data set's title,
        source and description, and relations counted by method. By default only ids, kinds,
        roles and types are shown.
    title : str, optional
        The page's title; "Where power sits: a co-production report" by default.
    date : str or datetime.date, optional
        The date printed on the report, ISO format (``"2024-05-31"``); today by default.
        With the same network, settings and date the page is the same, byte for byte.
    max_drawn : int, default 300
        Above this many stakeholders the drawing of the network is left out.

    Returns
    -------
    str or pathlib.Path
        The HTML text, or the path written.

    Raises
    ------
    coproduction.InputError
        A bad argument, naming it: ``net`` not a Network, an unknown ``project`` or ``by``
        column, an unknown ``index``, a configuration that disagrees with ``index`` or
        ``weighted``, a bad ``date``, ``path`` neither a path nor None.
    OSError
        The file cannot be written (an existing file is left untouched).
    coproduction.LimitError
        A decision too large for the exact index (as :func:`coproduction.power.decision_power`).

    Notes
    -----
    Every number is one that a public function returns with the same settings:
    :func:`coproduction.privacy.power_shares` (the groups, with ``k``),
    :func:`coproduction.power.power_shares`, :func:`coproduction.power.decision_power`,
    :func:`coproduction.power.convenor_carried_share`, :func:`coproduction.power.veto_players`,
    :func:`coproduction.metrics.gini`, :func:`coproduction.ladder.classify`,
    :func:`coproduction.ladder.tokenism`, :func:`coproduction.audit.principles` and
    :func:`coproduction.metrics.summary`. Tables show three decimals; each number cell keeps
    the exact value in its ``data-value`` attribute. Charts (:mod:`coproduction.plot`) need
    matplotlib (``pip install coproduction[plot]``); without it the report says so and gives
    the tables.

    Examples
    --------
    >>> import coproduction as cp
    >>> page = cp.report(cp.examples.load("twam_partners_2013"), date="2024-01-31")
    >>> page.startswith("<!DOCTYPE html>"), "<script" in page
    (True, False)
    """
    network_core(net)
    if path is not None and not isinstance(path, (str, os.PathLike)):
        raise input_error("path", f"a file path or None, not {type(path).__name__}")
    settings = _checked_settings(
        net, project=project, by=by, k=k, index=index, weighted=weighted,
        ladder_config=ladder_config, principles_config=principles_config,
        tokenism_influence=tokenism_influence, tokenism_threshold=tokenism_threshold,
        tokenism_include_convenors=tokenism_include_convenors, show_labels=show_labels,
        title=title, date=date, max_drawn=max_drawn)
    page = _render(net, settings)
    if path is None:
        return page
    target = Path(os.fspath(path))
    _core.write_text(os.fspath(target), page)  # the core's atomic writer (io/file.hpp)
    return target


def __dir__() -> List[str]:
    return list(__all__)
