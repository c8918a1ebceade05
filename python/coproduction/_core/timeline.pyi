"""
Timelines of waves of fieldwork, and what differs between two networks.
"""
from __future__ import annotations
import os
import typing
import numpy
import numpy.typing
from . import Network
__all__: list[str] = ['Timeline', 'diff']
class Timeline:
    """
    Named waves of fieldwork in order, each a network; stakeholders matched across waves by id (model/timeline.hpp).
    """
    __hash__: typing.ClassVar[None]  # type: ignore[assignment]
    metadata: typing.Any
    def __init__(self, waves: typing.Sequence[tuple[str, Network, list[str], str | None]], metadata: dict[str, typing.Any] | None = None) -> None:
        """
        waves: a list of (name, core Network, not_surveyed ids, date); the networks are copied. Raises InvalidValueError, DuplicateIdError or UnknownIdError naming the wave (field name or not_surveyed/<k>).
        """
    def __eq__(self, other: object) -> bool:
        ...
    def __len__(self) -> int:
        ...
    def __getstate__(self) -> tuple[int, str]:
        ...
    def __setstate__(self, state: tuple[int, str]) -> None:
        ...
    @property
    def names(self) -> list[str]:
        ...
    def wave(self, i: typing.SupportsInt | typing.SupportsIndex) -> Network:
        """
        A copy of the i-th wave's network (a negative i counts from the end).
        """
    def not_surveyed(self, i: typing.SupportsInt | typing.SupportsIndex) -> list[str]:
        ...
    def date(self, i: typing.SupportsInt | typing.SupportsIndex) -> str:
        """
        The i-th wave's date as written, '' when not given.
        """
    def find(self, name: str) -> int | None:
        """
        The position of the wave with this name, or None.
        """
    def presence(self) -> tuple[list[str], numpy.typing.NDArray[numpy.uint8]]:
        """
        (ids, codes): the timeline's stakeholders in order of first appearance, and a uint8 array of shape (waves, ids): 0 present, 1 joined, 2 left, 3 absent, 4 not surveyed.
        """
    def diff_waves(self, from_wave: typing.SupportsInt | typing.SupportsIndex, to_wave: typing.SupportsInt | typing.SupportsIndex) -> dict[str, typing.Any]:
        """
        diff() of two waves' networks, the stakeholders not surveyed in either wave left out of the tie comparison.
        """
    def dump_gexf(self) -> str:
        """
        The timeline as one dynamic GEXF 1.3 text (io/gexf_timeline.hpp).
        """
    def write_gexf(self, path: os.PathLike[str] | str | bytes) -> None:
        """
        Writes the timeline as dynamic GEXF 1.3 atomically, keeping an existing file's permissions.
        """
    @staticmethod
    def read_gexf_text(text: str | bytes, *, max_depth: typing.SupportsInt | typing.SupportsIndex = 256, max_bytes: typing.SupportsInt | typing.SupportsIndex = 1073741824) -> Timeline:
        """
        Reads a timeline from its dynamic GEXF; FormatError lists every problem at its line.
        """
    @staticmethod
    def read_gexf_file(path: os.PathLike[str] | str | bytes, *, max_depth: typing.SupportsInt | typing.SupportsIndex = 256, max_bytes: typing.SupportsInt | typing.SupportsIndex = 1073741824) -> Timeline:
        ...
    def dump_json(self, indent: typing.SupportsInt | typing.SupportsIndex = 2) -> str:
        ...
    def write_json(self, path: os.PathLike[str] | str | bytes, indent: typing.SupportsInt | typing.SupportsIndex = 2) -> None:
        """
        Writes the timeline document atomically, keeping an existing file's permissions.
        """
    @staticmethod
    def read_json_text(text: str | bytes, *, max_depth: typing.SupportsInt | typing.SupportsIndex = 256, max_bytes: typing.SupportsInt | typing.SupportsIndex = 268435456) -> Timeline:
        """
        Reads a timeline document; FormatError lists every problem at its JSON pointer from the root (/waves/1/network/relations/3/source).
        """
    @staticmethod
    def read_json_file(path: os.PathLike[str] | str | bytes, *, max_depth: typing.SupportsInt | typing.SupportsIndex = 256, max_bytes: typing.SupportsInt | typing.SupportsIndex = 268435456) -> Timeline:
        ...
def diff(a: Network, b: Network, not_surveyed: typing.Sequence[str] = ...) -> dict[str, typing.Any]:
    """
    What differs from network a to network b: {'stakeholders', 'projects', 'decisions': {'id', 'change', 'fields'}, 'rights': {'decision', 'stakeholder', 'change', 'fields'}, 'relations': {'source', 'target', 'type', 'scale', 'occurrence', 'change', 'fields', 'position_a', 'position_b'}, 'ties': {'type', 'in_a', 'in_b', 'kept', 'appeared', 'vanished', 'hamming', 'jaccard', 'dyads'}, 'left_out_dyads': int, 'totals': {...}} (model/network_diff.hpp). A dyad with an end in not_surveyed is left out of the tie comparison. InputError ('not_surveyed') for an id of neither network; ConcurrentModificationError while either network is being changed.
    """
