"""Arguments that take several ids or names.

Every parameter of the package that takes a list of ids or names (``veto=``, ``layer=``,
``nodes=``, ``ids=``, the members of a bloc, the types and stages of a configuration) reads it
through :func:`as_items`, so a lone string is one item everywhere and never the list of its
characters: ``veto="ab"`` names the stakeholder ``"ab"``, not ``"a"`` and ``"b"``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any


def as_items(value: Any) -> Any:
    """``value`` where several items are expected.

    A lone ``str`` or ``bytes``, or any value that cannot be iterated (a number, or any other
    single label), becomes a list of that one item; any other iterable (a list, tuple, set, numpy
    array, pandas Series or Index) is returned unchanged, for the caller to read as it does.
    ``None`` is not special: a caller for which None means "none" or "all" checks it first.
    """
    if isinstance(value, (str, bytes)) or not isinstance(value, Iterable):
        return [value]
    return value
