"""One network from one format to another: what ``coproduction convert IN OUT`` does."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Dict, List, Optional, Tuple, Union

from .._errors import FormatError, input_error
from ..network import Network, read_json, write_json
from ._kumu import to_kumu
from ._spreadsheet import read_spreadsheet, write_spreadsheet
from ._xml_formats import read_gexf, read_graphml, write_gexf, write_graphml

if TYPE_CHECKING:
    from ..timeline import Timeline

__all__ = ["FORMATS", "convert", "format_of"]

PathLike = Union[str, "os.PathLike[str]"]

#: The formats :func:`convert` reads and writes, by name: ``json`` (the package's own),
#: ``csv`` (a folder of CSV files), ``xlsx`` (a workbook), ``graphml``, ``gexf``, and
#: ``kumu`` (Kumu's JSON: written only, as it holds no decisions).
FORMATS: Tuple[str, ...] = ("json", "csv", "xlsx", "graphml", "gexf", "kumu")

_SUFFIXES = {".json": "json", ".xlsx": "xlsx", ".graphml": "graphml", ".gexf": "gexf"}

_READERS: Dict[str, Callable[[PathLike], Network]] = {
    "json": read_json,
    "csv": read_spreadsheet,
    "xlsx": read_spreadsheet,
    "graphml": read_graphml,
    "gexf": read_gexf,
}


def _write_kumu(net: Network, path: PathLike) -> None:
    to_kumu(net, path)


_WRITERS: Dict[str, Callable[[Network, PathLike], None]] = {
    "json": write_json,
    "csv": write_spreadsheet,
    "xlsx": write_spreadsheet,
    "graphml": write_graphml,
    "gexf": write_gexf,
    "kumu": _write_kumu,
}


def format_of(path: PathLike, given: Optional[str] = None, *, where: str = "path") -> str:
    """The format of ``path``: ``given`` when named, else by the file's suffix (``.json``,
    ``.xlsx``, ``.graphml``, ``.gexf``), a folder or a name without a suffix being ``csv``.

    Raises
    ------
    coproduction.InputError
        An unknown format name, or a suffix that names no format (``where`` names the
        argument).
    """
    if given is not None:
        if given not in FORMATS:
            raise input_error(where, f"{given!r} is not a format; formats are "
                                     + ", ".join(FORMATS))
        return given
    suffix = Path(os.fspath(path)).suffix.lower()
    if suffix in _SUFFIXES:
        return _SUFFIXES[suffix]
    if suffix == "" or Path(os.fspath(path)).is_dir():
        return "csv"
    raise input_error(where, f"the suffix {suffix!r} of {os.fspath(path)!r} names no format; "
                             "use .json, .xlsx, .graphml, .gexf, a folder for CSV files, or "
                             "name the format (" + ", ".join(FORMATS) + ")")


def convert(source: PathLike, target: PathLike, *, to: Optional[str] = None,
            read_as: Optional[str] = None) -> Tuple[str, str]:
    """Read the network in ``source`` and write it to ``target`` in another format.

    Each side's format is named (``read_as=``, ``to=``) or read from the path's suffix, as
    :func:`format_of` does. The network is read whole and checked before anything is written,
    and the target is written atomically, so a failed conversion leaves no file behind.
    Every format but ``kumu`` holds the whole network, so converting from one to another
    and back gives an equal network. A timeline (its JSON document, or the dynamic GEXF
    that :meth:`Timeline.write_gexf` writes) converts between ``json`` and ``gexf``.

    Parameters
    ----------
    source, target : str or path
    to : str, optional
        The format to write; needed for ``kumu``, whose files end in ``.json`` too.
    read_as : str, optional
        The format of ``source``.

    Returns
    -------
    (str, str)
        The formats read and written.

    Raises
    ------
    coproduction.FormatError
        ``source`` is not a valid file of its format (every problem, with its place).
    coproduction.InputError
        A format that is unknown, cannot be read (``kumu``), or a target that is the source.

    Examples
    --------
    >>> import tempfile, pathlib, coproduction as cp
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> cp.write_json(cp.examples.load("twam_partners_2013"), folder / "twam.json")
    >>> cp.io.convert(folder / "twam.json", folder / "twam.xlsx")
    ('json', 'xlsx')
    >>> cp.read_spreadsheet(folder / "twam.xlsx") == cp.examples.load("twam_partners_2013")
    True
    """
    read_format = format_of(source, read_as, where="read_as")
    write_format = format_of(target, to, where="to")
    if read_format == "kumu":
        raise input_error("read_as", "kumu files are written, not read: they hold no decisions")
    if os.path.abspath(os.fspath(source)) == os.path.abspath(os.fspath(target)):
        raise input_error("target", "is the source; write to another path")
    try:
        net = _READERS[read_format](source)
    except FormatError:
        # A timeline's JSON document or dynamic GEXF is no network: written as a timeline.
        timeline = _timeline_or_none(source, read_format)
        if timeline is None:
            raise
        if write_format not in ("json", "gexf"):
            raise input_error("to", f"{os.fspath(source)!r} holds a timeline, which is written "
                                    f"as json or gexf, not {write_format}") from None
        if write_format == "json":
            timeline.write_json(target)
        else:
            timeline.write_gexf(target)
        return read_format, write_format
    _WRITERS[write_format](net, target)
    return read_format, write_format


def _timeline_or_none(source: PathLike, read_format: str) -> Optional["Timeline"]:
    """The timeline in ``source`` (its JSON document, or the dynamic GEXF that
    ``Timeline.write_gexf`` writes), or None when it holds none."""
    from .. import _core
    from ..timeline import Timeline, read_timeline

    if read_format not in ("json", "gexf"):
        return None
    try:
        if read_format == "gexf":
            return Timeline._wrap(_core.timeline.Timeline.read_gexf_file(os.fspath(source)))
        return read_timeline(os.fspath(source))
    except (FormatError, OSError):
        return None


def __dir__() -> List[str]:
    return list(__all__)
