"""Holding a network for reading across a whole analysis.

An analysis reads its network many times (the stakeholder table, then the decisions, then one
core call per project...). Between two of those reads another thread may run, and a change it
made there would give a result that mixes two states of the network, or a bare pandas error
when two tables no longer line up. :func:`reads_network` holds the core's read guard for the
whole call instead: a change from another thread meanwhile raises
:class:`~coproduction.ConcurrentModificationError` and changes nothing, while any number of
readers still run side by side.
"""

from __future__ import annotations

import functools
from typing import Any, Callable, TypeVar, cast

from .network import Network

__all__ = ["reads_network"]

F = TypeVar("F", bound=Callable[..., Any])


def reads_network(function: F) -> F:
    """Make ``function(net, ...)`` hold ``net`` for reading while it runs.

    Parameters
    ----------
    function : callable
        A public analysis function whose first argument (``net``, positional or keyword)
        is a :class:`~coproduction.Network`.

    Returns
    -------
    callable
        The same function, with the same signature and docstring. A first argument that is
        not a Network is passed on untouched, for the function's own check to refuse.

    Raises
    ------
    ConcurrentModificationError
        On entry, when a change of the network is running in another thread (a change that
        started while the guard is held raises it in that thread instead).
    """

    @functools.wraps(function)
    def held(*args: Any, **kwargs: Any) -> Any:
        net = args[0] if args else kwargs.get("net")
        if not isinstance(net, Network):
            return function(*args, **kwargs)
        with net._core.reading():
            return function(*args, **kwargs)

    return cast(F, held)
