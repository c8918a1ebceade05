"""A partnership as a spreadsheet: a folder of CSV files or one ``.xlsx`` workbook, with the
sheets ``stakeholders``, ``relations``, ``projects``, ``decisions``, ``rights`` and
``metadata``, laid out for a researcher to fill in by hand (``docs/spreadsheet.md``).

The reading and the making of the files are the core's (``include/coproduction/io/
spreadsheet.hpp``): it turns files into the columns of its frame reader, which checks every
cell and every rule of the model, and the frame reader's problems back into the places a
person finds them: the file or the workbook and sheet, the row as the spreadsheet numbers it
(the header is row 1) and the column's letter and name. This module checks the arguments,
handles the path and writes the files atomically (``_atomic``).
"""

from __future__ import annotations

import errno
import os
import stat
from typing import Any, Dict, List, Tuple, Union

import numpy as np

from .. import _core
from .._errors import input_error
from ..network import MAX_BYTES, Network
from . import _atomic, _csv

__all__ = ["read_spreadsheet", "write_spreadsheet", "COLUMNS", "MAX_CELLS", "MAX_BYTES"]

PathLike = Union[str, "os.PathLike[str]"]

#: The most cells (counted over every sheet, empty ones between filled ones included) a read
#: takes; with ``MAX_BYTES`` it bounds the memory a hostile file can make the reader use.
MAX_CELLS = 10_000_000

# How a column's cells are read (the core's reader, include/coproduction/detail/
# spreadsheet_reader.hpp, holds the same table). ID: an id (text, or in a workbook a whole number); TEXT,
# WORD (a word of a vocabulary), BOOL: text the frame reader judges; INT, NUM: a number (in
# a CSV file, text written as a number); OBJECT: JSON text of an object; JSON: JSON text of
# any value; VOTES: JSON text of an object of ids and votes; IDS: JSON text of an array of
# ids; ANY: text, or in a workbook a number or TRUE/FALSE.
ID, TEXT, WORD, BOOL, INT, NUM, OBJECT, JSON, VOTES, IDS, ANY = (
    "id", "text", "word", "boolean", "integer", "number", "object", "json", "votes", "ids",
    "any")

#: The columns of each sheet, in the order the writer writes them, with how each is read.
COLUMNS: Dict[str, Tuple[Tuple[str, str], ...]] = {
    "stakeholders": (("id", ID), ("label", TEXT), ("kind", WORD), ("role", TEXT),
                     ("sector", TEXT), ("expertise", WORD), ("under_served", BOOL),
                     ("paid", BOOL), ("convenor", BOOL), ("size", INT), ("influence", NUM),
                     ("attributes", OBJECT)),
    "relations": (("source", ID), ("target", ID), ("type", TEXT), ("weight", NUM),
                  ("scale", WORD), ("reported_by", TEXT), ("date", TEXT), ("method", TEXT),
                  ("attributes", OBJECT)),
    "projects": (("id", ID), ("label", TEXT), ("claimed", WORD), ("attributes", OBJECT)),
    "decisions": (("id", ID), ("label", TEXT), ("project", ID), ("stage", WORD),
                  ("rule", WORD), ("quota", NUM), ("weight", NUM), ("attributes", OBJECT)),
    "rights": (("decision", ID), ("stakeholder", ID), ("right", WORD), ("votes", INT),
               ("veto", BOOL)),
    "metadata": (("key", TEXT), ("value", ANY), ("json", JSON)),
}

#: The sheets of a spreadsheet, in the order they are read and written.
SHEETS = ("stakeholders", "relations", "projects", "decisions", "rights", "metadata")

#: File name endings that are not a folder of CSV files nor a workbook this module writes.
_NOT_A_FOLDER = (".csv", ".tsv", ".txt", ".json", ".xls", ".xlsm", ".xlsb", ".ods")

#: The core takes limits as unsigned 64-bit numbers; a larger one is no limit at all.
_NO_LIMIT = 2 ** 64 - 1


def _checked_limit(value: Any, name: str) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < 0:
        raise input_error(name, f"a whole number >= 0, not {value!r}")
    return min(int(value), _NO_LIMIT)


def read_spreadsheet(path: PathLike, *, max_bytes: int = MAX_BYTES,
                     max_cells: int = MAX_CELLS) -> Network:
    """Read a network from a folder of CSV files or an ``.xlsx`` workbook.

    The sheets (a file ``<sheet>.csv`` each, or a sheet of the workbook) are
    ``stakeholders`` (required), ``relations``, ``projects``, ``decisions``, ``rights``
    (long: one row per decision and stakeholder; or wide: decisions x stakeholders) and
    ``metadata``; the header is row 1, and the columns and how each cell is read are in
    ``docs/spreadsheet.md``. Every cell is read for what it is, never coerced: an empty cell
    is "not given"; a CSV cell is text, converted by its column (``007`` stays the id
    ``007``); a workbook cell is what the file stores (a number cell is a number), and a
    formula is refused, never computed. A leading apostrophe, which the writer puts before a
    text that a spreadsheet would take for a formula, is removed.

    Parameters
    ----------
    path : str or os.PathLike
        A folder of CSV files, or a file whose name ends in ``.xlsx``.
    max_bytes : int
        The most bytes the files may hold (for a workbook: its parts unpacked, refused before
        unpacking). Default 256 MiB.
    max_cells : int
        The most cells the sheets may hold in all. Default 10,000,000.

    Returns
    -------
    Network

    Raises
    ------
    FormatError
        Lists every problem of every sheet at once, each at its place, as
        ``partnership.xlsx, sheet stakeholders, row 4, column H (paid)`` or
        ``data/relations.csv, row 7, column B (target)``, with the frame reader's code and
        message; ``err.problems`` holds them as (where, code, message). A file that is not
        UTF-8 is named with the byte (from 1) and line where it stops being so. A workbook
        or files over the limits are refused before they are read whole.
    InputError
        A path that is neither a folder nor an ``.xlsx`` file, or a bad limit.
    OSError
        The path does not exist or cannot be read.

    Examples
    --------
    >>> import os, tempfile
    >>> import coproduction as cp
    >>> net = cp.examples.load("nml_collaboration_types")
    >>> folder = os.path.join(tempfile.mkdtemp(), "partnership")
    >>> cp.write_spreadsheet(net, folder)
    >>> sorted(os.listdir(folder))
    ['decisions.csv', 'metadata.csv', 'projects.csv', 'relations.csv', 'rights.csv', 'stakeholders.csv']
    >>> cp.read_spreadsheet(folder) == net
    True
    """
    if not isinstance(path, (str, os.PathLike)):
        raise input_error("path", f"a folder or .xlsx file path, not {type(path).__name__}")
    max_bytes = _checked_limit(max_bytes, "max_bytes")
    max_cells = _checked_limit(max_cells, "max_cells")
    given = os.fspath(path)
    if not os.path.exists(given):
        raise FileNotFoundError(errno.ENOENT, "No such file or folder", given)
    if os.path.isdir(given):
        return Network._wrap(_core.io.read_spreadsheet(given, max_bytes=max_bytes,
                                                       max_cells=max_cells))
    if not given.lower().endswith(".xlsx"):
        raise input_error("path", f"a folder of CSV files or an .xlsx workbook, not the "
                                  f"file {given!r} (for one CSV file, give its folder)")
    if not stat.S_ISREG(os.stat(given).st_mode):
        raise OSError(errno.EINVAL, "not a regular file", given)
    return Network._wrap(_core.io.read_spreadsheet(given, max_bytes=max_bytes,
                                                   max_cells=max_cells))


def write_spreadsheet(net: Network, path: PathLike, *, rights: str = "long") -> None:
    """Write a network as a folder of CSV files or an ``.xlsx`` workbook, atomically.

    The sheets are those :func:`read_spreadsheet` reads, with every column of each (empty
    where a value is not given), so that the files are a template to fill in; reading them
    back gives a network equal to ``net``. A text cell that a spreadsheet would take for a
    formula (starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return) is written
    with an apostrophe before it, as is one that starts with an apostrophe (CWE-1236); the
    reader removes it. In a workbook, text cells are typed as text and never evaluated.

    Parameters
    ----------
    net : Network
    path : str or os.PathLike
        A name ending in ``.xlsx`` writes a workbook; anything else is a folder (made if
        missing; its parent must exist) of ``stakeholders.csv``, ``relations.csv``,
        ``projects.csv``, ``decisions.csv``, ``rights.csv`` and, when the network has
        metadata, ``metadata.csv``: UTF-8 with a byte-order mark (so that Excel reads the
        text right), comma-separated, quoted as RFC 4180 says.
    rights : {"long", "wide"}
        ``"long"``: one row per decision and stakeholder (columns decision, stakeholder,
        right, votes, veto). ``"wide"``: one row per decision and one column per stakeholder,
        each cell a right (empty: not listed), with the votes and veto of each decision as
        JSON text in the decisions sheet's ``votes`` and ``veto`` columns.

    Raises
    ------
    InputError
        Not a network, an unknown ``rights`` form, a path ending as another file type
        (``.csv``, ``.xls``, ``.ods`` ...), metadata with an empty key.
    LimitError
        A value the file cannot hold or the reader would not take back: a cell over 32,767
        characters in a workbook (131,072 in a CSV file), more rows or columns than a
        workbook has, an integer beyond 2**53 in a workbook.
    OSError
        The file or folder cannot be written; an existing folder holding files other than
        the sheets is not replaced. Nothing is left half-written.

    Notes
    -----
    The file, or the folder as a whole, is written to a temporary name beside the target,
    flushed to disk and renamed over it: a reader sees the old one or the new one, never half
    of one (on Linux an existing folder is swapped in one step; elsewhere it is renamed aside
    first, so for a moment there is none). An existing file or folder keeps its mode and
    group, and each CSV file the mode of the one it replaces; on failure nothing is left
    behind.

    Examples
    --------
    >>> import os, tempfile
    >>> import coproduction as cp
    >>> net = cp.examples.load("twam_partners_2013")
    >>> book = os.path.join(tempfile.mkdtemp(), "partnership.xlsx")
    >>> cp.write_spreadsheet(net, book, rights="wide")
    >>> cp.read_spreadsheet(book) == net
    True
    """
    if not isinstance(net, Network):
        raise input_error("net", f"a coproduction.Network, not {type(net).__name__}")
    if rights not in ("long", "wide"):
        raise input_error("rights", f'"long" or "wide", not {rights!r}')
    if not isinstance(path, (str, os.PathLike)):
        raise input_error("path", f"a folder or .xlsx file path, not {type(path).__name__}")
    target = os.fspath(path)
    workbook = target.lower().endswith(".xlsx")
    if not workbook and target.lower().rstrip("/\\").endswith(_NOT_A_FOLDER):
        raise input_error("path", f"a name ending in .xlsx for a workbook, or a folder for CSV "
                                  f"files, not {target!r}")
    # The core makes the bytes (and refuses, before anything is written, what the file could
    # not hold or read back: LimitError); the write is atomic, by _atomic's rules.
    if workbook:
        _atomic.write_bytes(target, _core.io.spreadsheet_workbook(net._core, rights=rights))
    else:
        _atomic.write_folder(target, _csv.csv_files(net, rights),
                             replaceable=frozenset(f"{name}.csv" for name in SHEETS))


def __dir__() -> List[str]:
    return list(__all__)
