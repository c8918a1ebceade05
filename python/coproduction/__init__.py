"""coproduction: where power sits in a co-production partnership.

Stakeholders, their relations and their rights in decisions, as a graph: how equally power
is shared, how decentralised decisions are, and which rung of the collaboration ladder a
project stands on.

>>> import coproduction as cp
>>> net = cp.examples.load("twam_partners_2013")
"""

from typing import TYPE_CHECKING, Any, List

from . import _core, _errors
# The exception classes: exactly _errors.__all__ (the star import also tells a type checker
# that they are exported).
from ._errors import *  # noqa: F403
from .network import Network, from_frames, read_json, write_json
from . import audit, display, examples, ladder, layout, metrics, network, power, privacy, text
from . import batch, stats, timeline
from ._report import report
from .timeline import NetworkDiff, Timeline, diff, read_timeline
from . import io
from .io import (from_igraph, from_networkx, read_gexf, read_graphml, read_spreadsheet, to_igraph,
                 to_kumu, to_networkx, write_gexf, write_graphml, write_spreadsheet)

__version__: str = _core.__version__

if TYPE_CHECKING:  # a type checker sees the module; at run time it loads on first use
    from . import plot

__all__ = [
    "Network",
    "read_json",
    "write_json",
    "from_frames",
    "read_spreadsheet",
    "write_spreadsheet",
    "to_networkx",
    "from_networkx",
    "to_igraph",
    "from_igraph",
    "to_kumu",
    "read_graphml",
    "write_graphml",
    "read_gexf",
    "write_gexf",
    "Timeline",
    "read_timeline",
    "diff",
    "NetworkDiff",
    "io",
    "network",
    "examples",
    "report",
    "text",
    "metrics",
    "power",
    "ladder",
    "audit",
    "layout",
    "display",
    "privacy",
    "stats",
    "timeline",
    "batch",
    "plot",
    *_errors.__all__,
    "__version__",
]


if not TYPE_CHECKING:  # hidden from a type checker, which would read every name as Any
    def __getattr__(name: str) -> Any:
        # cp.plot imports matplotlib (an optional extra): only when first asked for, so that
        # importing the package never needs matplotlib nor pays for importing it.
        if name == "plot":
            import importlib
            return importlib.import_module(".plot", __name__)
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> List[str]:
    return list(__all__)
