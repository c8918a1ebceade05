"""The exceptions of coproduction.

Every exception raised for bad data or bad arguments derives from :class:`Error`, itself a
:class:`ValueError`, and names the place it is about: a JSON pointer for a document, an id for
the model, an argument name for a computation. The message reads
``[coproduction.<code>] <where>: <detail>``.
"""

from __future__ import annotations

from typing import Any, List, NamedTuple

__all__ = [
    "Error",
    "FormatError",
    "Problem",
    "ModelError",
    "DuplicateIdError",
    "UnknownIdError",
    "InvalidValueError",
    "InputError",
]


class Error(ValueError):
    """Base of the library's exceptions.

    Attributes
    ----------
    code : str
        Dotted code, e.g. ``"model.unknown_id"`` or ``"format.syntax"``.
    where : str
        The place: a JSON pointer, an id, or an argument name.
    detail : str
        What is wrong there.
    """

    def __init__(self, text: str, code: str = "", where: str = "", detail: str = "",
                 **extra: Any) -> None:
        super().__init__(text)
        self.code = code
        self.where = where
        self.detail = detail or text
        for key, value in extra.items():
            setattr(self, key, value)


class Problem(NamedTuple):
    """One problem of a document: its JSON pointer, its code and what is wrong."""

    pointer: str
    code: str
    message: str


class FormatError(Error):
    """A document could not be read.

    Attributes
    ----------
    problems : list of Problem
        Every problem found, in document order, each with its RFC 6901 JSON pointer (or
        ``"byte <n>"`` when the text is not JSON).
    pointer : str
        The first problem's pointer.
    """

    problems: List[Problem]

    def __init__(self, text: str, code: str = "", where: str = "", detail: str = "",
                 problems: Any = (), **extra: Any) -> None:
        super().__init__(text, code, where, detail, **extra)
        self.problems = [Problem(*p) for p in problems]

    @property
    def pointer(self) -> str:
        return self.where


class ModelError(Error):
    """The model refused an insert or a lookup.

    Attributes
    ----------
    where : str
        The offending object: a stakeholder, project or decision id, or a relation as
        ``source->target (type)``.
    field : str
        The field at fault, as a relative JSON pointer (``target``, ``rule/quota``); empty when
        the object as a whole is at fault.
    message : str
        What is wrong with it.
    """

    field: str
    message: str

    def __init__(self, text: str, code: str = "", where: str = "", detail: str = "",
                 field: str = "", message: str = "", **extra: Any) -> None:
        super().__init__(text, code, where, detail, field=field, message=message or detail,
                         **extra)


class DuplicateIdError(ModelError):
    """An id that is already taken, or a relation repeating source, target and type."""


class UnknownIdError(ModelError):
    """A reference to a stakeholder, project or decision that does not exist."""


class InvalidValueError(ModelError):
    """A field whose value is outside its domain."""


class InputError(Error):
    """Bad input to a computation: ``where`` names the argument."""


def input_error(where: str, detail: str) -> InputError:
    """An :class:`InputError` raised by the Python layer, worded as the core words its own."""
    return InputError(f"[coproduction.input.{where}] {where}: {detail}", f"input.{where}", where,
                      detail)
