"""A network as a folder of CSV files, one per sheet.

Files are RFC 4180: comma-separated, cells with a comma, a quote or a line break in double
quotes, a quote inside doubled, lines ending CR LF (any line ending is read). Text is UTF-8,
with or without a byte-order mark; the writer puts one, so that Excel opens non-Latin text
correctly. Every cell is text: nothing is guessed from how a cell looks (``007`` stays
``007``, ``NA`` stays ``NA``); the spreadsheet reader converts each by its column.

Both directions are the core's (``include/coproduction/io/csv_folder.hpp``), which parses as
Python's ``csv`` module does in strict mode and reports the same problems.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Dict

from .. import _core

if TYPE_CHECKING:
    from ..network import Network

__all__ = ["csv_files", "MAX_CELL_CHARACTERS"]

#: The longest cell the reader takes: the limit of Python's csv module (131,072 characters),
#: which the writer respects too.
MAX_CELL_CHARACTERS: int = _core.io.MAX_CSV_CELL_CHARACTERS


def csv_files(net: "Network", rights: str) -> Dict[str, bytes]:
    """The files of ``net`` by name (``stakeholders.csv`` ...), each a BOM, the header and one
    line per row, with the rights ``"long"`` or ``"wide"``. Raises LimitError for a cell over
    ``MAX_CELL_CHARACTERS``, InputError as ``write_spreadsheet`` says."""
    return dict(_core.io.spreadsheet_csv_files(net._core, rights=rights))
