# Type stubs of the compiled core, made with pybind11-stubgen and then tightened by hand.
"""
The compiled core of coproduction; use the `coproduction` package instead.
"""
from __future__ import annotations
import collections.abc
import numpy
import numpy.typing
import os
import typing
from . import metrics
from . import power
from . import ladder
from . import layout
from . import stats
from . import io
from . import timeline
__all__: list[str] = ['ConcurrentModificationError', 'DuplicateIdError', 'Error', 'FormatError', 'InputError', 'InvalidValueError', 'LimitError', 'ModelError', 'Problem', 'UnknownIdError', 'FORMAT_VERSION', 'MAX_INDENT', 'MAX_NESTING', 'Network', 'NetworkReading', 'add_frames', 'io', 'ladder', 'layout', 'metrics', 'power', 'read_json_file', 'read_json_text', 'stats', 'timeline', 'write_text']
class Problem(typing.NamedTuple):
    """One problem of a document: its JSON pointer, its code and what is wrong."""
    pointer: str
    code: str
    message: str
class Error(ValueError):
    code: str
    where: str
    detail: str
    def __init__(self, text: str, code: str = ..., where: str = ..., detail: str = ...,
                 **extra: typing.Any) -> None: ...
class FormatError(Error):
    problems: list[Problem]
    def __init__(self, text: str, code: str = ..., where: str = ..., detail: str = ...,
                 problems: typing.Iterable[tuple[str, str, str]] = ...,
                 **extra: typing.Any) -> None: ...
    @property
    def pointer(self) -> str: ...
class ModelError(Error):
    field: str
    message: str
    def __init__(self, text: str, code: str = ..., where: str = ..., detail: str = ...,
                 field: str = ..., message: str = ..., **extra: typing.Any) -> None: ...
class DuplicateIdError(ModelError): ...
class UnknownIdError(ModelError): ...
class InvalidValueError(ModelError): ...
class InputError(Error): ...
class LimitError(InputError):
    estimate: int
    limit: int
    unit: str
    def __init__(self, text: str, code: str = ..., where: str = ..., detail: str = ...,
                 estimate: int = ..., limit: int = ..., unit: str = ...,
                 **extra: typing.Any) -> None: ...
class ConcurrentModificationError(Error, RuntimeError): ...
class Network:
    """
    A co-production partnership as a graph.
    """
    __hash__: typing.ClassVar[None]  # type: ignore[assignment]
    metadata: typing.Any
    def __contains__(self, arg0: str) -> bool:
        ...
    def __eq__(self, arg0: object) -> bool:
        ...
    def __init__(self) -> None:
        ...
    def add_decision(self, id: str, *, project: str, stage: str, rights: collections.abc.Mapping[str, str], rule: str, label: str | None = None, votes: collections.abc.Mapping[str, typing.SupportsInt | typing.SupportsIndex] = {}, quota: typing.SupportsFloat | typing.SupportsIndex | None = None, veto: collections.abc.Sequence[str] = [], weight: typing.SupportsFloat | typing.SupportsIndex | None = None, attributes: typing.Any = None) -> None:
        ...
    def add_project(self, id: str, *, label: str | None = None, claimed: str | None = None, attributes: typing.Any = None) -> None:
        ...
    def add_relation(self, source: str, target: str, type: str, *, weight: typing.SupportsFloat | typing.SupportsIndex | None = None, scale: str | None = None, reported_by: str | None = None, date: str | None = None, method: str | None = None, attributes: typing.Any = None) -> None:
        ...
    def add_stakeholder(self, id: str, *, label: str | None = None, kind: str, role: str | None = None, sector: str | None = None, expertise: str | None = None, under_served: bool | None = None, paid: bool | None = None, convenor: bool | None = None, size: typing.SupportsInt | typing.SupportsIndex | None = None, influence: typing.SupportsFloat | typing.SupportsIndex | None = None, attributes: typing.Any = None) -> None:
        ...
    def copy(self) -> Network:
        ...
    def decision_columns(self) -> dict[str, typing.Any]:
        ...
    @typing.overload
    def layer_edges(self, types: collections.abc.Sequence[str] | None = None, scales: collections.abc.Sequence[str] | None = None, include_objects: bool = False, relations: typing.Literal[False] = False) -> tuple[list[typing.Any], numpy.ndarray, numpy.ndarray, numpy.ndarray]:
        ...
    @typing.overload
    def layer_edges(self, types: collections.abc.Sequence[str] | None = None, scales: collections.abc.Sequence[str] | None = None, include_objects: bool = False, *, relations: typing.Literal[True]) -> tuple[list[typing.Any], numpy.ndarray, numpy.ndarray, numpy.ndarray, numpy.ndarray]:
        """
        The stakeholders and relations of a layer: (ids, source, target, weight) with source and target as positions in ids; with relations=True, a fifth array gives each edge's relation as its position in the network's relations. A layer is a set of relation types (None: every type) at a set of scales (None: every relation; given, a relation without a scale is left out). Raises InputError for a type no relation has and for a word that is not a scale.
        """
    def memory_bytes(self) -> int:
        """
        The bytes the network holds in C++: its object, vectors, strings, maps and JSON values (Network.__sizeof__ adds the Python objects). O(size of the network).
        """
    def project_columns(self) -> dict[str, typing.Any]:
        ...
    def reading(self) -> NetworkReading:
        """
        A context manager holding the network for reading: inside the block every change raises ConcurrentModificationError; entering it while a change runs raises it too.
        """
    def relation_columns(self) -> dict[str, typing.Any]:
        ...
    def remove_decision(self, id: str) -> dict[str, typing.Any]:
        ...
    def remove_decisions(self, ids: collections.abc.Sequence[str]) -> dict[str, typing.Any]:
        ...
    def remove_project(self, id: str, *, cascade: bool = False) -> dict[str, typing.Any]:
        ...
    def remove_projects(self, ids: collections.abc.Sequence[str], *, cascade: bool = False) -> dict[str, typing.Any]:
        ...
    @typing.overload
    def remove_relation(self, position: typing.SupportsInt | typing.SupportsIndex) -> dict[str, typing.Any]:
        ...
    @typing.overload
    def remove_relation(self, source: str, target: str, type: str) -> dict[str, typing.Any]:
        ...
    def remove_relations(self, positions: collections.abc.Sequence[typing.SupportsInt | typing.SupportsIndex], keys: collections.abc.Sequence[tuple[str, str, str]] = []) -> dict[str, typing.Any]:
        ...
    def remove_stakeholder(self, id: str, *, cascade: bool = False) -> dict[str, typing.Any]:
        ...
    def remove_stakeholders(self, ids: collections.abc.Sequence[str], *, cascade: bool = False) -> dict[str, typing.Any]:
        ...
    def right_columns(self) -> dict[str, typing.Any]:
        ...
    def stakeholder_columns(self) -> dict[str, typing.Any]:
        ...
    def to_json(self, indent: typing.SupportsInt | typing.SupportsIndex = 2) -> str:
        ...
    def update_decision(self, id: str, changes: dict[str, typing.Any]) -> None:
        ...
    def update_project(self, id: str, changes: dict[str, typing.Any]) -> None:
        ...
    @typing.overload
    def update_relation(self, position: typing.SupportsInt | typing.SupportsIndex, changes: dict[str, typing.Any]) -> None:
        ...
    @typing.overload
    def update_relation(self, source: str, target: str, type: str, changes: dict[str, typing.Any]) -> None:
        ...
    def update_stakeholder(self, id: str, changes: dict[str, typing.Any]) -> None:
        ...
    def vertex(self, arg0: str) -> int:
        ...
    def write(self, path: os.PathLike[str] | str | bytes, indent: typing.SupportsInt | typing.SupportsIndex = 2) -> None:
        ...
    @property
    def num_decisions(self) -> int:
        ...
    @property
    def num_projects(self) -> int:
        ...
    @property
    def num_relations(self) -> int:
        ...
    @property
    def num_stakeholders(self) -> int:
        ...
class NetworkReading:
    def __enter__(self) -> NetworkReading:
        ...
    def __exit__(self, *args: typing.Any) -> None:
        ...
def add_frames(net: Network, *, stakeholders: collections.abc.Sequence[tuple[str, numpy.typing.NDArray[typing.Any]]] | None = None, relations: collections.abc.Sequence[tuple[str, numpy.typing.NDArray[typing.Any]]] | None = None, projects: collections.abc.Sequence[tuple[str, numpy.typing.NDArray[typing.Any]]] | None = None, decisions: collections.abc.Sequence[tuple[str, numpy.typing.NDArray[typing.Any]]] | None = None, rights: collections.abc.Sequence[tuple[str, numpy.typing.NDArray[typing.Any]]] | None = None, missing: tuple[typing.Any, ...] = ()) -> None:
    """
    Adds the frames (each a list of (name, 1-d array) columns, or None) to the network, all or nothing; raises FormatError listing every problem at /<frame>/<row>/<column>.
    """
def read_json_file(path: os.PathLike[str] | str | bytes, max_depth: typing.SupportsInt | typing.SupportsIndex = 64, max_bytes: typing.SupportsInt | typing.SupportsIndex = 268435456) -> Network:
    ...
def read_json_text(text: bytes, max_depth: typing.SupportsInt | typing.SupportsIndex = 64, max_bytes: typing.SupportsInt | typing.SupportsIndex = 268435456) -> Network:
    ...
def write_text(path: os.PathLike[str] | str | bytes, text: str) -> None:
    """
    Writes UTF-8 text to a file atomically, keeping an existing file's permissions (io/file.hpp, write_text_file); raises OSError naming the path.
    """
FORMAT_VERSION: int = 1
MAX_INDENT: int = 32
MAX_NESTING: int = 256
__version__: str = '0.1.0'
