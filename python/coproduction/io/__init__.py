"""The researcher's data in and out: spreadsheets (a folder of CSV files or an .xlsx
workbook), NetworkX, igraph, Kumu, GraphML and GEXF.

The package's own format, JSON, is read and written by :func:`coproduction.read_json` and
:func:`coproduction.write_json`; every reader here is held to the same standard
(docs/reliability.md): every problem at once, named by where it is, nothing coerced."""

from typing import List

from .._exports import claim_home
from ._convert import FORMATS, convert
from ._igraph import from_igraph, to_igraph
from ._kumu import to_kumu
from ._networkx import from_networkx, to_networkx
from ._spreadsheet import read_spreadsheet, write_spreadsheet
from ._xml_formats import read_gexf, read_graphml, write_gexf, write_graphml

__all__: List[str] = ["read_spreadsheet", "write_spreadsheet", "to_networkx", "from_networkx",
                      "to_igraph", "from_igraph", "to_kumu", "read_graphml", "write_graphml",
                      "read_gexf", "write_gexf", "convert", "FORMATS"]

claim_home(__name__, globals(), __all__)


def __dir__() -> List[str]:
    return list(__all__)
