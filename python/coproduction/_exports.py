"""The public face of a module that offers what private modules define."""

from __future__ import annotations

import inspect
from typing import Any, Iterable, List, Mapping

__all__ = ["claim_home"]


def claim_home(module: str, namespace: Mapping[str, Any], names: Iterable[str]) -> None:
    """Make every function and class among ``names`` in ``namespace`` show ``module`` as its
    home, in ``help()``, reprs and doctest collection: the public path a user imports it from,
    not the private module that defines it. Constants and type aliases are left as they are.
    """
    for name in names:  # the handful of names a module exports
        value = namespace[name]
        if inspect.isfunction(value) or inspect.isclass(value):
            value.__module__ = module


def __dir__() -> List[str]:
    return list(__all__)
