"""The exceptions of coproduction.

Every exception raised for bad data or bad arguments derives from :class:`Error`, itself a
:class:`ValueError`, and names the place it is about: a JSON pointer for a document, an id for
the model, an argument name for a computation. The message reads
``[coproduction.<code>] <where>: <detail>``.
"""

from __future__ import annotations

from typing import Any, List, NamedTuple, Sequence, Tuple

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


class LimitError(InputError):
    """A computation refused because it would take more memory or time than its limit.

    Raised before anything large is allocated (the work and memory are estimated first),
    when an enumeration reaches its limit, or when an allocation within the limits still
    fails (never :class:`MemoryError`). ``where`` names what to change: ``max_coalitions``
    for an enumeration of minimal winning coalitions, ``weights`` for the tables of an exact
    power index, ``votes`` for the exact swing test of a decision. The message gives the
    estimate, the limit and the way out: a larger ``max_coalitions=``, or
    ``method="monte_carlo"``.

    Attributes
    ----------
    estimate : int
        What the computation would take, in ``unit``: an exact count of minimal winning
        coalitions when one is known (else an upper bound), or the bytes or table cells
        an exact index needs.
    limit : int
        The limit it exceeds, in the same unit.
    unit : str
        ``"minimal winning coalitions"``, ``"bytes"`` or ``"table cells"``.
    """

    estimate: int
    limit: int
    unit: str

    def __init__(self, text: str, code: str = "", where: str = "", detail: str = "",
                 estimate: int = 0, limit: int = 0, unit: str = "", **extra: Any) -> None:
        super().__init__(text, code, where, detail, estimate=estimate, limit=limit, unit=unit,
                         **extra)


class ConcurrentModificationError(Error, RuntimeError):
    """A network was changed while another thread read it, or read while a change ran.

    ``where`` names the refused operation (``add_relation``, ``metadata``, ``read``);
    nothing was changed. The analysis functions (``cp.ladder``, ``cp.power``,
    ``cp.metrics``, ``cp.audit``, ``cp.report``) hold a network for reading for the whole
    call, so a change from another thread meanwhile raises this instead of mixing two states
    of the network in one result. Retry once the reader is done, or change a copy. Also a
    :class:`RuntimeError`: the data are fine, the timing is not.
    """


def format_error(problems: Sequence[Tuple[str, str, str]]) -> FormatError:
    """A :class:`FormatError` raised by the Python layer for ``(pointer, code, message)``
    problems, worded as the core words its own (the first problem, then one line per other)."""
    pointer, code, message = problems[0]
    text = f"[coproduction.{code}] " + (f"{pointer}: " if pointer else "") + message + "".join(
        f"\n  [coproduction.{c}] {p}: {m}" for p, c, m in problems[1:])
    return FormatError(text, code, pointer, message, problems=list(problems))


def input_error(where: str, detail: str) -> InputError:
    """An :class:`InputError` raised by the Python layer, worded as the core words its own."""
    return InputError(f"[coproduction.input.{where}] {where}: {detail}", f"input.{where}", where,
                      detail)
