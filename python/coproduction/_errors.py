"""The exceptions of coproduction.

Every exception raised for bad data or bad arguments derives from :class:`Error`, itself a
:class:`ValueError`, and names the place it is about: a JSON pointer for a document, an id for
the model, an argument name for a computation. The message reads
``[coproduction.<code>] <where>: <detail>``.
"""

from __future__ import annotations

from typing import List, Sequence, Tuple

from . import _core

__all__ = [
    "Error",
    "FormatError",
    "Problem",
    "ModelError",
    "DuplicateIdError",
    "UnknownIdError",
    "InvalidValueError",
    "InputError",
    "LimitError",
    "ConcurrentModificationError",
]


# The classes are made by the compiled core, which raises them, so that it needs nothing from
# this package; their documentation is in ``help(cp.Error)`` and docs/format.md.
Error = _core.Error
FormatError = _core.FormatError
Problem = _core.Problem
ModelError = _core.ModelError
DuplicateIdError = _core.DuplicateIdError
UnknownIdError = _core.UnknownIdError
InvalidValueError = _core.InvalidValueError
InputError = _core.InputError
LimitError = _core.LimitError
ConcurrentModificationError = _core.ConcurrentModificationError


def message(code: str, where: str, detail: str) -> str:
    """The text of an exception, worded as the core words its own:
    ``[coproduction.<code>] <where>: <detail>`` (``<where>: `` left out when ``where`` is empty).

    The one place in the Python layer that composes it (``coproduction::error::compose`` is the
    one in C++), so that an error raised in Python cannot be told from one raised in the core.
    """
    return f"[coproduction.{code}] " + (f"{where}: " if where else "") + detail


def format_error(problems: Sequence[Tuple[str, str, str]]) -> FormatError:
    """A :class:`FormatError` raised by the Python layer for ``(pointer, code, message)``
    problems, worded as the core words its own (the first problem, then one line per other)."""
    pointer, code, detail = problems[0]
    text = message(code, pointer, detail) + "".join(
        "\n  " + message(c, p, m) for p, c, m in problems[1:])
    return FormatError(text, code, pointer, detail, problems=list(problems))


def input_error(where: str, detail: str) -> InputError:
    """An :class:`InputError` about the argument ``where``, worded as the core words its own
    (code ``input.<where>``, as ``coproduction::input_error``)."""
    code = f"input.{where}"
    return InputError(message(code, where, detail), code, where, detail)


def __dir__() -> List[str]:
    return list(__all__)
