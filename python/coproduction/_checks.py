"""Checks of arguments shared by the analysis modules (:mod:`coproduction.power`,
:mod:`coproduction.decision_power`, :mod:`coproduction.ladder`, :mod:`coproduction.audit`,
:mod:`coproduction.metrics`), kept apart so that none of them imports another for a check."""

from __future__ import annotations

import numbers
from typing import Any, List

from ._errors import input_error
from .network import Network

__all__ = ["check_max_coalitions", "check_project", "network_core"]


def check_max_coalitions(max_coalitions: Any) -> int:
    """``max_coalitions`` as an int the core takes (a 64-bit unsigned count, at least 1).

    Raises
    ------
    coproduction.InputError
        ``where == "max_coalitions"`` for a bool, a non-integer or a value outside
        ``[1, 2^64 - 1]``.
    """
    if isinstance(max_coalitions, bool) or not isinstance(max_coalitions, numbers.Integral) \
            or not 1 <= int(max_coalitions) < 2**64:
        raise input_error("max_coalitions", f"must be an integer from 1 to 2^64 - 1, got "
                                            f"{max_coalitions!r}")
    return int(max_coalitions)


def network_core(net: Any) -> Any:
    """The compiled network inside ``net``.

    Raises
    ------
    coproduction.InputError
        ``where == "net"`` when ``net`` is not a :class:`~coproduction.Network`.
    """
    if not isinstance(net, Network):
        raise input_error("net", f"a coproduction.Network, not {type(net).__name__}")
    return net._core


def check_project(net: Network, project: Any, *, required: bool = False) -> None:
    """Refuse a ``project`` that is not the id of one of ``net``'s projects; None (every
    project) passes unless ``required``.

    Raises
    ------
    coproduction.InputError
        ``where == "project"``, listing the projects.
    """
    if project is None and not required:
        return
    projects = net.projects.index
    if not isinstance(project, str) or project not in projects:
        raise input_error("project", f"unknown project {project!r}; the projects are "
                                     f"{list(projects)}")


def __dir__() -> List[str]:
    return list(__all__)
