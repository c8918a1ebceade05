"""Checks of arguments shared by the power functions of :mod:`coproduction.power` and
:mod:`coproduction.decision_power`, kept apart so that neither module imports the other."""

from __future__ import annotations

import numbers
from typing import Any, List

from ._errors import input_error

__all__ = ["check_max_coalitions"]


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


def __dir__() -> List[str]:
    return list(__all__)
