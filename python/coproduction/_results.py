"""The tables the package returns, as DataFrames that show themselves in a notebook.

A scorecard, the tokenism findings, the ladder of every project and the power tables are
pandas DataFrames, and stay so: every pandas method, ``isinstance(x, pd.DataFrame)``, pickle,
``to_csv`` and ``pd.testing.assert_frame_equal`` against a plain frame of the same data work as
before. Typed last in a notebook cell, each shows a headline (what the table says, in one
sentence) above the table as evidence, through ``coproduction.display.html``.

Why a subclass per kind of result, and why this one:

- The display needs to know what a table *is* (a scorecard reads differently from a power
  table) and a few arguments of the call that made it (the power index, the grouping), which
  the data alone do not say. A class per kind carries the first, ``_metadata`` the second,
  as pandas' documented subclassing rules ask ("Subclassing pandas data structures").
  ``DataFrame.attrs`` was the alternative; pandas copies attrs into every derived frame, so
  a ``head()`` or a column selection would still claim to be the whole scorecard.
- ``_constructor`` returns a plain ``pd.DataFrame`` (``_constructor_sliced`` a plain
  ``pd.Series``): whatever is derived from a result (a slice, a sort, arithmetic, a copy)
  is an ordinary frame with pandas' own display, because its headline would no longer be
  true of it.
- Only ``_repr_html_`` is overridden: the plain ``repr`` (a terminal, a log, a doctest) is
  pandas' own, and the class adds no public attribute that could shadow a column.
- ``pd.testing.assert_frame_equal(left, right)`` checks ``isinstance(left, type(right))``, so
  a user's test comparing an expected plain frame with a result would fail with no message.
  The classes' metaclass counts a plain ``pd.DataFrame`` as an instance of each of them, for
  that check alone: the package never asks ``isinstance`` of these classes (the display
  dispatches on ``type(obj)``), and ``issubclass`` is left as it is.
- The rendering lives in :mod:`coproduction.display` beside the network's, so that
  ``cp.display.html(result)`` and the notebook show the same thing, and so that a new kind
  of result needs a class here, a renderer there and one ``wrap`` at its ``return``.

The functions keep their annotations (``-> pd.DataFrame``): the classes are not part of the
API, only the display is.
"""

from __future__ import annotations

from typing import Any, Callable, Dict, List, Type, TypeVar

import pandas as pd

__all__ = [
    "ResultFrame",
    "Scorecard",
    "TokenismFindings",
    "LadderTypes",
    "DecisionPower",
    "BlocPower",
    "PowerShares",
    "VetoPlayers",
    "wrap",
]


class _ComparesWithPlainFrames(type):
    """The metaclass of the result classes: a plain DataFrame passes ``isinstance`` against
    them, so ``assert_frame_equal(plain, result)`` compares the data (module docstring)."""

    def __instancecheck__(cls, obj: object) -> bool:
        return type(obj) is pd.DataFrame or super().__instancecheck__(obj)


class ResultFrame(pd.DataFrame, metaclass=_ComparesWithPlainFrames):
    """A DataFrame returned by the package, shown in a notebook with a headline.

    ``_cp_context`` holds the arguments of the call that made it (the display reads them);
    it pickles with the frame (pandas keeps every name of ``_metadata`` in the state)."""

    _metadata: List[str] = ["_cp_context"]
    _cp_context: Dict[str, Any] = {}  # replaced per instance by wrap(); never mutated

    @property
    def _constructor(self) -> Callable[..., pd.DataFrame]:
        return pd.DataFrame

    @property
    def _constructor_sliced(self) -> Callable[..., "pd.Series[Any]"]:
        return pd.Series

    def _repr_html_(self) -> str:
        from . import display  # display imports the classes below: a late import

        return display.html(self)


class Scorecard(ResultFrame):
    """``cp.audit.principles``: the twelve principles of the *Co-production Framework*."""


class TokenismFindings(ResultFrame):
    """``cp.ladder.tokenism``: one row per finding."""


class LadderTypes(ResultFrame):
    """``cp.ladder.classify_all``: the computed and claimed type of every project."""


class DecisionPower(ResultFrame):
    """``cp.power.decision_power`` (and ``power_by_stage``, ``power_by_project``)."""


class BlocPower(ResultFrame):
    """``cp.power.bloc_power``: the Owen value of every decision."""


class PowerShares(ResultFrame):
    """``cp.power.power_shares``: each group's share of power beside its share of people."""


class VetoPlayers(ResultFrame):
    """``cp.power.veto_players``: one row per (decision, veto player)."""


R = TypeVar("R", bound=ResultFrame)


def wrap(cls: Type[R], frame: pd.DataFrame, /, **context: Any) -> R:
    """``frame`` as a ``cls`` (its data shared, not copied), with ``frame.attrs`` and the
    call's arguments ``context`` for the display."""
    out = cls(frame)
    out.attrs = dict(frame.attrs)
    object.__setattr__(out, "_cp_context", dict(context))
    return out


def __dir__() -> List[str]:
    return list(__all__)
