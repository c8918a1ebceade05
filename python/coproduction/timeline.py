"""Waves of fieldwork: the same partnership observed more than once.

A :class:`Timeline` holds named, ordered waves, each a :class:`~coproduction.Network` whose
stakeholder ids mean the same stakeholder in every wave. It knows who is present in each wave
(present, joined, left, absent) and who was *not surveyed* there: someone others named, but
whose own ties in that wave were not recorded, so that a missing tie of theirs is unknown
rather than absent. Any measure runs over the waves into one table
(:meth:`Timeline.measure`); :func:`coproduction.diff` says what appeared, vanished or changed
between two of them. A timeline is read and written as one JSON document (``docs/format.md``,
"Timelines").
"""

from __future__ import annotations

import io as _io
import os
from typing import (Any, Callable, Dict, Iterable, Iterator, List, Mapping, Optional, Sequence,
                    Tuple, Union)

import numpy as np
import pandas as pd

from . import _core
from ._diff import NetworkDiff, diff
from ._errors import input_error
from ._html import text as _esc
from .network import Network

__all__ = ["Timeline", "PRESENCE", "read_timeline", "diff", "NetworkDiff"]

PathLike = Union[str, "os.PathLike[str]"]

#: The presence of a stakeholder in a wave, in the order of the core's codes.
PRESENCE: Tuple[str, ...] = ("present", "joined", "left", "absent", "not surveyed")

WaveSpec = Union[Network, Tuple[Network, Iterable[str]]]


def _network(value: Any, where: str) -> Network:
    if not isinstance(value, Network):
        raise input_error(where, f"a coproduction.Network, not {type(value).__name__}")
    return value


def _ids(value: Any, where: str) -> List[str]:
    if isinstance(value, (str, bytes)) or not isinstance(value, Iterable):
        raise input_error(where, f"a list of stakeholder ids, not {type(value).__name__}")
    out = list(value)
    for i, sid in enumerate(out):
        if not isinstance(sid, str):
            raise input_error(f"{where}[{i}]", f"a stakeholder id (text), not {sid!r}")
    return out


class Timeline:
    """Named, ordered waves of one partnership.

    Parameters
    ----------
    waves : mapping or sequence
        The waves in order: a mapping of name to :class:`~coproduction.Network` (a dict keeps
        its order), or a sequence of ``(name, network)`` pairs. Each network is copied, so
        later changes to it do not reach the timeline.
    not_surveyed : mapping of str to list of str, optional
        For a wave's name, the ids of its stakeholders whose own ties were not recorded in
        that wave (they are in the wave because others named them). Their dyads are left out
        when ties are compared, instead of counting as "no tie".
    dates : mapping of str to str, optional
        A date (ISO text such as ``"2014-03"``) or period for a wave.
    metadata : dict, optional
        Free description of the timeline.

    Raises
    ------
    coproduction.InputError
        No wave, a name that is empty or given twice, a value that is not a Network, a
        ``not_surveyed`` id that is not a stakeholder of its wave, a ``not_surveyed`` or
        ``dates`` entry for a wave the timeline does not have.

    Examples
    --------
    >>> import coproduction as cp
    >>> first = cp.examples.load("twam_partners_2013")
    >>> second = first.copy()
    >>> second.update_stakeholder("housing21_reminiscence_group", paid=True)
    >>> tl = cp.Timeline({"2013": first, "2014": second})
    >>> tl
    <coproduction.Timeline: 2 waves (2013, 2014), 28 stakeholders>
    >>> tl.diff().stakeholders["change"].to_dict()
    {'housing21_reminiscence_group': 'changed'}
    """

    __slots__ = ("_core",)

    def __init__(self, waves: Union[Mapping[str, Network], Sequence[Tuple[str, Network]]], *,
                 not_surveyed: Optional[Mapping[str, Iterable[str]]] = None,
                 dates: Optional[Mapping[str, str]] = None,
                 metadata: Optional[Mapping[str, Any]] = None) -> None:
        if isinstance(waves, Mapping):
            pairs = list(waves.items())
        elif isinstance(waves, (list, tuple)):
            pairs = []
            for i, pair in enumerate(waves):
                if not isinstance(pair, tuple) or len(pair) != 2:
                    raise input_error(f"waves[{i}]", f"a (name, network) pair, not {pair!r}")
                pairs.append(pair)
        else:
            raise input_error("waves", f"a dict of name to Network or a list of (name, "
                                       f"network) pairs, not {type(waves).__name__}")
        if not pairs:
            raise input_error("waves", "a timeline needs at least one wave")
        names = []
        for i, (name, _) in enumerate(pairs):
            if not isinstance(name, str) or not name:
                raise input_error(f"waves[{i}]", f"a wave's name is non-empty text, not {name!r}")
            names.append(name)
        extra: Dict[str, Mapping[str, Any]] = {"not_surveyed": not_surveyed or {},
                                               "dates": dates or {}}
        for what, given in extra.items():
            if not isinstance(given, Mapping):
                raise input_error(what, f"a dict keyed by wave name, not {type(given).__name__}")
            unknown = [w for w in given if w not in names]
            if unknown:
                raise input_error(what, f"names no wave of the timeline: {unknown[0]!r} (the "
                                        f"waves are {names})")
        specs = []
        for name, net in pairs:
            core = _network(net, f"waves[{name!r}]")._core.copy()
            missing = _ids(extra["not_surveyed"].get(name, ()), f"not_surveyed[{name!r}]")
            date = extra["dates"].get(name, "")
            if not isinstance(date, str):
                raise input_error(f"dates[{name!r}]", f"text, not {date!r}")
            specs.append((name, core, missing, date))
        if metadata is not None and not isinstance(metadata, Mapping):
            raise input_error("metadata", f"a dict, not {type(metadata).__name__}")
        self._core = _core.timeline.Timeline(specs, None if metadata is None else dict(metadata))

    @classmethod
    def _wrap(cls, core: Any) -> "Timeline":
        out = cls.__new__(cls)
        out._core = core
        return out

    # -- the waves ------------------------------------------------------------------------

    @property
    def names(self) -> List[str]:
        """The waves' names, in order."""
        return list(self._core.names)

    @property
    def metadata(self) -> Dict[str, Any]:
        """The timeline's free description (a copy)."""
        return dict(self._core.metadata)

    def _position(self, wave: Union[str, int]) -> int:
        names = self.names
        if isinstance(wave, str):
            if wave not in names:
                raise input_error("wave", f"no wave named {wave!r}; the waves are {names}")
            return names.index(wave)
        if isinstance(wave, (int, np.integer)) and not isinstance(wave, bool):
            i = int(wave)
            if -len(names) <= i < len(names):
                return i % len(names)
            raise input_error("wave", f"position {i} is outside the {len(names)} waves")
        raise input_error("wave", f"a wave's name or position, not {wave!r}")

    def __len__(self) -> int:
        return len(self._core)

    def __getitem__(self, wave: Union[str, int]) -> Network:
        """The network of a wave, by name or position (a copy: changing it changes nothing
        here)."""
        return Network._wrap(self._core.wave(self._position(wave)))

    def __iter__(self) -> Iterator[Tuple[str, Network]]:
        """``(name, network)`` for every wave, in order."""
        for i, name in enumerate(self.names):
            yield name, Network._wrap(self._core.wave(i))

    def not_surveyed(self, wave: Union[str, int]) -> List[str]:
        """The ids of the wave's stakeholders whose own ties were not recorded in it."""
        return list(self._core.not_surveyed(self._position(wave)))

    def date(self, wave: Union[str, int]) -> Optional[str]:
        """The wave's date or period, or None."""
        return self._core.date(self._position(wave)) or None

    @property
    def presence(self) -> pd.DataFrame:
        """Each stakeholder's presence in each wave.

        Returns
        -------
        pandas.DataFrame
            Indexed by stakeholder (every id of every wave, in order of first appearance),
            one column per wave, each value one of :data:`PRESENCE`: ``present`` (in the wave
            and the one before, or the first wave), ``joined`` (in the wave, not the one
            before), ``left`` (not in the wave, in the one before), ``absent`` (in neither),
            ``not surveyed`` (in the wave, but their own ties not recorded). The columns are
            categorical with the categories of :data:`PRESENCE`.
        """
        ids, codes = self._core.presence()
        codes = np.asarray(codes, dtype=np.int64)
        categories = pd.Index(list(PRESENCE), dtype=object)
        table = pd.DataFrame(
            {name: pd.Categorical.from_codes(codes[i], categories=categories)
             for i, name in enumerate(self.names)},
            index=pd.Index(list(ids), name="stakeholder", dtype=object))
        table.columns = pd.Index(self.names, name="wave", dtype=object)
        return table

    # -- measures over the waves -----------------------------------------------------------

    def measure(self, measure: Callable[..., Any], *args: Any, **kwargs: Any) -> pd.DataFrame:
        """Any measure of a network, over the waves, as one table.

        Parameters
        ----------
        measure : callable
            A function of a network, called as ``measure(network, *args, **kwargs)`` for
            every wave: any function of the package (``cp.power.power_shares``,
            ``cp.metrics.density``, ``cp.stats.bootstrap`` ...) or the user's own.
        *args, **kwargs
            Passed on to ``measure``.

        Returns
        -------
        pandas.DataFrame
            Indexed by wave (``"wave"``, in order). A measure giving one number per wave gives
            one column named for it; a Series gives one column per entry of the Series (a
            group, a stakeholder; an entry missing from a wave is NaN); a DataFrame gives its
            rows under each wave (a MultiIndex of wave and the table's own index); a result
            with ``estimate``, ``low`` and ``high`` (a bootstrap) gives those three columns.

        Raises
        ------
        coproduction.InputError
            ``measure`` is not callable, or gives something that is none of the above.
        Whatever ``measure`` raises, with a note naming the wave.

        Examples
        --------
        >>> import coproduction as cp
        >>> tl = cp.examples.load_timeline("twam_partners_waves")
        >>> shares = tl.measure(cp.power.power_shares, "convenor")
        >>> round(float(shares.loc[("2013", "partner"), "power"]), 3)
        0.492
        """
        if not callable(measure):
            raise input_error("measure", f"a function of a network, not {type(measure).__name__}")
        name = getattr(measure, "__name__", "measure")
        results = []
        for wave, net in self:
            try:
                results.append(measure(net, *args, **kwargs))
            except Exception as error:
                error.add_note(f"in wave {wave!r} of the timeline")
                raise
        waves = pd.Index(self.names, name="wave", dtype=object)
        first = results[0]
        if all(_is_number(r) for r in results):
            return pd.DataFrame({name: [float(r) for r in results]}, index=waves)
        if all(hasattr(r, "estimate") and hasattr(r, "low") and hasattr(r, "high")
               for r in results):
            return pd.DataFrame({"estimate": [float(r.estimate) for r in results],
                                 "low": [float(r.low) for r in results],
                                 "high": [float(r.high) for r in results]}, index=waves)
        if all(isinstance(r, pd.Series) for r in results):
            table = pd.DataFrame([pd.Series(r) for r in results], index=waves)
            table.columns.name = first.index.name
            return table
        if all(isinstance(r, pd.DataFrame) for r in results):
            return pd.concat([pd.DataFrame(r) for r in results], keys=list(waves),
                             names=["wave"])
        raise input_error("measure", f"{name} gave {type(first).__name__}: a measure over waves "
                                     f"gives a number, a Series or a DataFrame in every wave")

    def ladder(self, config: Any = None) -> pd.DataFrame:
        """Every project of every wave on the collaboration ladder.

        Returns
        -------
        pandas.DataFrame
            :func:`coproduction.ladder.classify_all` of each wave, under the wave's name (a
            MultiIndex of wave and project).
        """
        from . import ladder as _ladder

        return self.measure(_ladder.classify_all, config)

    def scorecard(self, project: Optional[str] = None, *, config: Any = None) -> pd.DataFrame:
        """The principles scorecard of every wave, each read with the wave before it, so that
        "Critical, reflective, adaptive" is measured from the change between them
        (:func:`coproduction.audit.principles` with ``previous``); the first wave has no wave
        before, and says so.

        Returns
        -------
        pandas.DataFrame
            The scorecards under each wave's name (a MultiIndex of wave and principle).

        Examples
        --------
        >>> import coproduction as cp
        >>> tl = cp.examples.load_timeline("twam_partners_waves")
        >>> tl.scorecard().loc[("2014", "Critical, reflective, adaptive"), "verdict"]
        'meets'
        """
        from . import audit as _audit

        tables = []
        previous: Optional[Network] = None
        for wave, net in self:
            try:
                tables.append(pd.DataFrame(_audit.principles(net, project, config=config,
                                                             previous=previous)))
            except Exception as error:
                error.add_note(f"in wave {wave!r} of the timeline")
                raise
            previous = net
        return pd.concat(tables, keys=self.names, names=["wave"])

    def diff(self, a: Union[str, int, None] = None,
             b: Union[str, int, None] = None) -> NetworkDiff:
        """What appeared, vanished or changed from wave ``a`` to wave ``b`` (by default the
        last two waves), leaving out the dyads of anyone not surveyed in either wave
        (:func:`coproduction.diff`)."""
        if len(self) < 2 and (a is None or b is None):
            raise input_error("wave", "a timeline of one wave has nothing to compare")
        i = self._position(-2 if a is None else a)
        j = self._position(-1 if b is None else b)
        missing = sorted(set(self.not_surveyed(i)) | set(self.not_surveyed(j)))
        return diff(self[i], self[j], not_surveyed=missing)

    def changes(self) -> pd.DataFrame:
        """The ties of every relation type compared between each pair of consecutive waves.

        Returns
        -------
        pandas.DataFrame
            Indexed by (``from``, ``to``, relation ``type``): the columns of
            :attr:`coproduction.NetworkDiff.ties` (ties in each wave, kept, appeared,
            vanished, Hamming distance, Jaccard index, dyads compared).
        """
        names = self.names
        tables = [self.diff(names[i], names[i + 1]).ties for i in range(len(names) - 1)]
        if not tables:
            raise input_error("wave", "a timeline of one wave has nothing to compare")
        return pd.concat(tables, keys=list(zip(names[:-1], names[1:])),
                         names=["from", "to"])

    # -- files ----------------------------------------------------------------------------

    def to_json(self, *, indent: Optional[int] = 2) -> str:
        """The timeline as JSON text (``docs/format.md``, "Timelines")."""
        return str(self._core.dump_json(-1 if indent is None else _indent(indent)))

    def write_json(self, path: PathLike, *, indent: Optional[int] = 2) -> None:
        """Write the timeline to ``path`` atomically: a reader sees the old file or the new
        one, never half of one, and an existing file keeps its permissions."""
        if not isinstance(path, (str, os.PathLike)):
            raise input_error("path", f"a file path, not {type(path).__name__}")
        self._core.write_json(os.fspath(path), -1 if indent is None else _indent(indent))

    def write_gexf(self, path: PathLike) -> None:
        """Write the timeline as one dynamic GEXF 1.3 file, which Gephi's timeline plays wave
        by wave (``docs/waves.md``, "A timeline in Gephi"); atomically, as :meth:`write_json`.

        Every stakeholder of any wave is one node and every relation (source, target and
        type) one edge, each with ``<spells>`` for the waves it is in. When every wave has an
        ISO date (``2013-02-14``) and the dates increase, the graph's ``timeformat`` is
        ``date`` and a wave stands at its date; otherwise ``timeformat`` is ``integer`` and
        wave i stands at i (1 for the first). A field that changes between waves is a
        dynamic attribute whose values carry GEXF 1.3's ``start`` and ``end``; the node
        attribute ``not_surveyed`` is true in the waves that list the stakeholder as not
        surveyed. The meta ``description`` holds the wave names, dates and the rest of the
        timeline document, so :func:`read_timeline` reads the file back as an equal timeline.

        Parameters
        ----------
        path : str or os.PathLike

        Raises
        ------
        FormatError
            Text that XML 1.0 cannot hold (a control character in an id, label, role, sector
            or provenance), at ``/waves/<i>/network/...``.
        OSError
            The file cannot be written (the old file, if any, is untouched).

        Examples
        --------
        >>> import os, tempfile
        >>> import coproduction as cp
        >>> tl = cp.examples.load_timeline("twam_partners_waves")
        >>> folder = tempfile.TemporaryDirectory()
        >>> path = os.path.join(folder.name, "waves.gexf")
        >>> tl.write_gexf(path)
        >>> cp.read_timeline(path) == tl
        True
        >>> folder.cleanup()
        """
        if not isinstance(path, (str, os.PathLike)):
            raise input_error("path", f"a file path, not {type(path).__name__}")
        self._core.write_gexf(os.fspath(path))

    # -- comparing and showing --------------------------------------------------------------

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Timeline):
            return NotImplemented
        return bool(self._core == other._core)

    __hash__ = None  # type: ignore[assignment]

    def __reduce__(self) -> Any:
        return (read_timeline, (self.to_json(indent=None),))

    def __repr__(self) -> str:
        ids, _ = self._core.presence()
        names = self.names
        shown = ", ".join(names[:6]) + (", ..." if len(names) > 6 else "")
        return (f"<coproduction.Timeline: {len(names)} wave{'s' if len(names) != 1 else ''} "
                f"({shown}), {len(ids)} stakeholders>")

    def _repr_html_(self) -> str:
        table = self.presence
        counts = pd.DataFrame({wave: table[wave].value_counts().reindex(PRESENCE, fill_value=0)
                               for wave in table.columns})
        head = "".join(f"<th>{_esc(w)}</th>" for w in counts.columns)
        body = "".join(
            f"<tr><th>{_esc(state)}</th>"
            + "".join(f"<td>{int(v)}</td>" for v in row) + "</tr>"
            for state, row in counts.iterrows() if row.sum() > 0)
        return (f"<div><p><strong>Timeline</strong>: {len(self)} waves, "
                f"{len(table)} stakeholders</p><table><thead><tr><th>presence</th>{head}</tr>"
                f"</thead><tbody>{body}</tbody></table></div>")


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float, np.integer, np.floating)) and not isinstance(value, bool)


def _indent(indent: Any) -> int:
    if isinstance(indent, bool) or not isinstance(indent, (int, np.integer)):
        raise input_error("indent", f"a whole number of spaces or None, not {indent!r}")
    return int(indent)


def read_timeline(source: Union[PathLike, str, bytes, _io.IOBase]) -> Timeline:
    """Read a timeline from a file, JSON text, bytes or an open file.

    Parameters
    ----------
    source : path, str, bytes or file
        As :func:`coproduction.read_json` takes them: the JSON document of a timeline, or
        the dynamic GEXF that :meth:`Timeline.write_gexf` writes (a path ending in
        ``.gexf``, or text or bytes beginning with ``<``).

    Returns
    -------
    Timeline

    Raises
    ------
    coproduction.FormatError
        Every problem of every wave at once, each with its JSON pointer from the document's
        root (``/waves/1/network/relations/3/target: unknown stakeholder ...``). A network
        document (without ``waves``) is refused with a note saying to read it with
        :func:`coproduction.read_json`. In GEXF, every problem at its line: a spell or value
        at a time that is no wave's, spells out of order or overlapping, a spell that ends
        before it starts.
    OSError
        The file cannot be read.

    Examples
    --------
    >>> import coproduction as cp
    >>> tl = cp.examples.load_timeline("twam_partners_waves")
    >>> cp.read_timeline(tl.to_json()) == tl
    True
    """
    reader = _core.timeline.Timeline
    if hasattr(source, "read"):
        data = source.read()
        return read_timeline(bytes(data) if isinstance(data, (bytes, bytearray)) else str(data))
    # Bytes go to the core as they are: it judges UTF-8 and names the byte that is not.
    if isinstance(source, (bytes, bytearray)):
        if _is_xml(bytes(source[:64]).decode("utf-8", "replace")):
            return Timeline._wrap(reader.read_gexf_text(bytes(source)))
        return Timeline._wrap(reader.read_json_text(bytes(source)))
    if isinstance(source, str) and source.lstrip()[:1] in ("{", "["):
        return Timeline._wrap(reader.read_json_text(source))
    if isinstance(source, str) and _is_xml(source):
        return Timeline._wrap(reader.read_gexf_text(source.encode("utf-8", "surrogateescape")))
    if isinstance(source, (str, os.PathLike)):
        path = os.fspath(source)
        if str(path).lower().endswith(".gexf"):
            return Timeline._wrap(reader.read_gexf_file(path))
        return Timeline._wrap(reader.read_json_file(path))
    raise input_error("source", f"a path, JSON text, bytes or a file, not {type(source).__name__}")


def _is_xml(text: str) -> bool:
    """Text that begins as XML does (after a byte order mark or white space): GEXF."""
    return text.lstrip("\ufeff \t\r\n")[:1] == "<"


def __dir__() -> List[str]:
    return list(__all__)
