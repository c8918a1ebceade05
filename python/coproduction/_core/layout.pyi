"""
Positions of the stakeholders for drawing a partnership.
"""
from __future__ import annotations
import typing
import numpy
import numpy.typing
__all__: list[str] = ['KAMADA_KAWAI_MAX_BYTES', 'fruchterman_reingold', 'kamada_kawai']
KAMADA_KAWAI_MAX_BYTES: int
def fruchterman_reingold(n: typing.SupportsInt | typing.SupportsIndex, source: typing.Annotated[numpy.typing.ArrayLike, numpy.int64], target: typing.Annotated[numpy.typing.ArrayLike, numpy.int64], weight: typing.Annotated[numpy.typing.ArrayLike, numpy.float64] | None = None, *, seed: typing.SupportsInt | typing.SupportsIndex = 0, iterations: typing.SupportsInt | typing.SupportsIndex = 500, margin: typing.SupportsFloat | typing.SupportsIndex = 0.05) -> numpy.typing.NDArray[numpy.float64]:
    """
    Fruchterman-Reingold positions (n x 2, in the unit square) of an undirected graph; components laid out apart and packed, canonical orientation.
    """
def kamada_kawai(n: typing.SupportsInt | typing.SupportsIndex, source: typing.Annotated[numpy.typing.ArrayLike, numpy.int64], target: typing.Annotated[numpy.typing.ArrayLike, numpy.int64], weight: typing.Annotated[numpy.typing.ArrayLike, numpy.float64] | None = None, *, seed: typing.SupportsInt | typing.SupportsIndex = 0, iterations: typing.SupportsInt | typing.SupportsIndex = 100, tolerance: typing.SupportsFloat | typing.SupportsIndex = 0.0001, margin: typing.SupportsFloat | typing.SupportsIndex = 0.05, max_bytes: typing.SupportsInt | typing.SupportsIndex = 268435456) -> numpy.typing.NDArray[numpy.float64]:
    """
    Kamada-Kawai positions (n x 2, in the unit square) of an undirected graph; components laid out apart and packed, canonical orientation. LimitError ('n') when the largest component's n^2 distances exceed max_bytes.
    """
