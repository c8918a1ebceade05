"""coproduction: where power sits in a co-production partnership.

Stakeholders, their relations and their rights in decisions, as a graph: how equally power
is shared, how decentralised decisions are, and which rung of the collaboration ladder a
project stands on.

>>> import coproduction as cp
>>> net = cp.examples.load("twam_partners_2013")
"""

from . import _core
from ._errors import (
    ConcurrentModificationError,
    DuplicateIdError,
    Error,
    FormatError,
    InputError,
    InvalidValueError,
    LimitError,
    ModelError,
    Problem,
    UnknownIdError,
)
from .network import Network, from_frames, read_json, write_json
from . import audit, examples, ladder, metrics, power, report

__version__: str = _core.__version__

__all__ = [
    "Network",
    "read_json",
    "write_json",
    "from_frames",
    "examples",
    "report",
    "metrics",
    "power",
    "ladder",
    "audit",
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
    "__version__",
]
