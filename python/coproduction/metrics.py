"""Measures of where power sits: inequality of any per-stakeholder quantity.

Every function here is documented in ``docs/metrics.md`` with its formula, its range, what a
high and a low value mean for a partnership, and its reference.
"""

from __future__ import annotations

from .inequality import *  # noqa: F401,F403
from .inequality import __all__ as _inequality_all

__all__ = list(_inequality_all)
