"""The report's settings: every argument of :func:`coproduction.report` checked before anything
is computed, each error naming its keyword, and kept in one frozen :class:`Settings` that the
footer lists in full.
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
import re
from typing import Any, List, Optional, Tuple

import numpy as np

from .. import audit as _audit, ladder as _ladder
from .._checks import check_project
from .._errors import input_error
from .._groups import resolve_groups
from .._privacy_groups import check_k
from ..decision_power import INDICES
from ..network import Network

#: The indices the report accepts: shares of one decision, so that a group's share of the
#: power means the same whichever is chosen (the absolute Banzhaf index does not sum to 1).
REPORT_INDICES: Tuple[str, ...] = tuple(i for i in INDICES if i != "banzhaf_absolute")


@dataclasses.dataclass(frozen=True)
class Settings:
    project: Optional[str]
    by: str
    k: int
    index: str
    weighted: bool
    ladder_config: _ladder.LadderConfig
    principles_config: _audit.PrinciplesConfig
    tokenism_influence: str
    tokenism_threshold: Optional[float]
    tokenism_include_convenors: bool
    show_labels: bool
    title: str
    date: str
    max_drawn: int
    ladder_default: bool

    def groups(self) -> List[Tuple[str, List[Tuple[str, str]]]]:
        """Every setting as (name, value), in three groups: the report's own keywords, then
        each configuration field by field (named ``ladder_config.<field>``)."""
        own = [("project", self.project), ("by", self.by), ("k", self.k),
               ("index", self.index),
               ("weighted", self.weighted), ("tokenism_influence", self.tokenism_influence),
               ("tokenism_threshold", self.tokenism_threshold),
               ("tokenism_include_convenors", self.tokenism_include_convenors),
               ("show_labels", self.show_labels), ("title", self.title), ("date", self.date),
               ("max_drawn", self.max_drawn)]
        out = [("report", [(name, repr(value)) for name, value in own])]
        for name, config in (("ladder_config", self.ladder_config),
                             ("principles_config", self.principles_config)):
            out.append((name, [(f"{name}.{field.name}", repr(getattr(config, field.name)))
                               for field in dataclasses.fields(config)]))
        return out


def _bool(value: Any, where: str) -> bool:
    if not isinstance(value, (bool, np.bool_)):
        raise input_error(where, f"must be True or False, got {value!r}")
    return bool(value)


_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _date(value: Any) -> str:
    """The report's date as ISO text: today, a date, or ISO text checked to be a date."""
    if value is None:
        return _dt.date.today().isoformat()
    if isinstance(value, _dt.datetime):
        return value.date().isoformat()
    if isinstance(value, _dt.date):
        return value.isoformat()
    if isinstance(value, str) and _ISO_DATE.fullmatch(value):
        try:
            return _dt.date.fromisoformat(value).isoformat()
        except ValueError:
            pass
    raise input_error("date", f"an ISO date such as '2024-05-31' or a datetime.date, got "
                              f"{value!r}")


def checked_settings(net: Network, *, project: Any, by: Any, k: Any, index: Any,
                     weighted: Any,
                     ladder_config: Any, principles_config: Any, tokenism_influence: Any,
                     tokenism_threshold: Any, tokenism_include_convenors: Any,
                     show_labels: Any, title: Any, date: Any, max_drawn: Any) -> Settings:
    """Every argument checked before anything is computed, each error naming its keyword."""
    check_project(net, project)
    if not isinstance(by, str):
        raise input_error("by", f"a stakeholder column such as 'role' or 'convenor', not "
                                f"{type(by).__name__}")
    resolve_groups(by, net.stakeholders.index, net=net)  # an unknown column raises here
    k = check_k(k)
    if index not in REPORT_INDICES:
        raise input_error("index", f"must be one of {', '.join(REPORT_INDICES)}, got {index!r}")
    weighted = _bool(weighted, "weighted")
    if ladder_config is None:
        ladder_config = _ladder.LadderConfig(weighted=weighted)
    elif not isinstance(ladder_config, _ladder.LadderConfig):
        raise input_error("ladder_config", f"a coproduction.ladder.LadderConfig, not "
                                           f"{type(ladder_config).__name__}")
    elif bool(ladder_config.weighted) != weighted:
        raise input_error("ladder_config", f"its weighted={ladder_config.weighted!r} differs "
                                           f"from weighted={weighted!r}: the report counts "
                                           f"decisions one way throughout")
    if principles_config is None:
        principles_config = _audit.PrinciplesConfig(index=index, weighted=weighted)
    elif not isinstance(principles_config, _audit.PrinciplesConfig):
        raise input_error("principles_config", f"a coproduction.audit.PrinciplesConfig, not "
                                               f"{type(principles_config).__name__}")
    elif principles_config.index != index or bool(principles_config.weighted) != weighted:
        raise input_error("principles_config",
                          f"its index={principles_config.index!r}, "
                          f"weighted={principles_config.weighted!r} differ from "
                          f"index={index!r}, weighted={weighted!r}: the report shows one "
                          f"decision power throughout")
    if tokenism_influence not in ("rank", "share"):
        raise input_error("tokenism_influence", f"must be 'rank' or 'share', got "
                                                f"{tokenism_influence!r}")
    if tokenism_threshold is not None and (
            isinstance(tokenism_threshold, bool)
            or not isinstance(tokenism_threshold, (int, float, np.integer, np.floating))
            or not 0 < float(tokenism_threshold) <= 1):
        raise input_error("tokenism_threshold", f"must lie in (0, 1], got {tokenism_threshold!r}")
    include = _bool(tokenism_include_convenors, "tokenism_include_convenors")
    labels = _bool(show_labels, "show_labels")
    if title is not None and not isinstance(title, str):
        raise input_error("title", f"a string, not {type(title).__name__}")
    if isinstance(max_drawn, bool) or not isinstance(max_drawn, (int, np.integer)) \
            or int(max_drawn) < 0:
        raise input_error("max_drawn", f"a whole number of stakeholders, 0 or more, got "
                                       f"{max_drawn!r}")
    return Settings(
        project=project, by=by, k=k, index=index, weighted=weighted,
        ladder_config=ladder_config,
        principles_config=principles_config, tokenism_influence=tokenism_influence,
        tokenism_threshold=None if tokenism_threshold is None else float(tokenism_threshold),
        tokenism_include_convenors=include, show_labels=labels,
        title=title if title is not None else "Where power sits: a co-production report",
        date=_date(date), max_drawn=int(max_drawn),
        ladder_default=ladder_config == _ladder.LadderConfig())
