"""Example data sets shipped inside the package.

- ``twam_partners_2013``: the Tyne & Wear Archives & Museums outreach partnership as its
  Partners' Together Day follow-up report (2013) describes it.
- ``nml_collaboration_types``: four small projects, one for each type of collaboration of the
  National Museums Liverpool *Co-production Framework*.

``docs/examples.md`` says, fact by fact, which facts come from a source document and which
are illustrative. Stakeholders are roles and organisations, never named people.
"""

from __future__ import annotations

from importlib import resources
from typing import List

from ._errors import input_error
from .network import Network, read_json

__all__ = ["names", "load", "text"]


def names() -> List[str]:
    """The names of the example data sets, sorted.

    >>> import coproduction as cp
    >>> cp.examples.names()
    ['nml_collaboration_types', 'twam_partners_2013']
    """
    folder = resources.files(__package__).joinpath("data")
    return sorted(p.name[: -len(".json")] for p in folder.iterdir() if p.name.endswith(".json"))


def text(name: str) -> str:
    """The JSON text of an example data set.

    Raises
    ------
    InputError
        ``name`` is not one of :func:`names`.
    """
    if name not in names():
        raise input_error("name", f"no example named {name!r}; the examples are {names()}")
    return resources.files(__package__).joinpath("data", f"{name}.json").read_text(encoding="utf-8")


def load(name: str) -> Network:
    """Load an example data set as a :class:`~coproduction.Network`.

    Raises
    ------
    InputError
        ``name`` is not one of :func:`names`.
    """
    return read_json(text(name))
