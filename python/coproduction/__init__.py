"""coproduction: where power sits in a co-production partnership.

Stakeholders, their relations and their rights in decisions, as a graph: how equally power
is shared, how decentralised decisions are, and which rung of the collaboration ladder a
project stands on.

>>> import coproduction as cp
>>> net = cp.examples.load("twam_partners_2013")
"""

from typing import List

from . import _core, _errors
# The exception classes: exactly _errors.__all__ (the star import also tells a type checker
# that they are exported).
from ._errors import *  # noqa: F403
from .network import Network, from_frames, read_json, write_json
from . import audit, examples, ladder, metrics, network, power, report

__version__: str = _core.__version__

__all__ = [
    "Network",
    "read_json",
    "write_json",
    "from_frames",
    "network",
    "examples",
    "report",
    "metrics",
    "power",
    "ladder",
    "audit",
    *_errors.__all__,
    "__version__",
]


def __dir__() -> List[str]:
    return list(__all__)
