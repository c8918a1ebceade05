"""Example data sets shipped inside the package.

- ``twam_partners_2013``: the Tyne & Wear Archives & Museums outreach partnership as its
  Partners' Together Day follow-up report (2013) describes it.
- ``nml_collaboration_types``: four small projects, one for each type of collaboration of the
  National Museums Liverpool *Co-production Framework*.

And one timeline, :func:`load_timeline`:

- ``twam_partners_waves``: the 2013 partnership and an illustrative second wave (2014),
  made up to show change: one partner leaves, peer researchers join, service users are paid
  and share the evaluation.

``docs/examples.md`` says, fact by fact, which facts come from a source document and which
are illustrative. Stakeholders are roles and organisations, never named people.
"""

from __future__ import annotations

from importlib import resources
from typing import TYPE_CHECKING, List

from ._errors import input_error
from .network import Network, read_json

if TYPE_CHECKING:
    from .timeline import Timeline

__all__ = ["names", "load", "text", "timelines", "load_timeline"]


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


def timelines() -> List[str]:
    """The names of the example timelines, sorted.

    >>> import coproduction as cp
    >>> cp.examples.timelines()
    ['twam_partners_waves']
    """
    folder = resources.files(__package__).joinpath("data", "timelines")
    return sorted(p.name[: -len(".json")] for p in folder.iterdir() if p.name.endswith(".json"))


def load_timeline(name: str) -> "Timeline":
    """Load an example timeline as a :class:`~coproduction.Timeline`.

    Raises
    ------
    InputError
        ``name`` is not one of :func:`timelines`.

    Examples
    --------
    >>> import coproduction as cp
    >>> cp.examples.load_timeline("twam_partners_waves").names
    ['2013', '2014']
    """
    from .timeline import read_timeline

    if name not in timelines():
        raise input_error("name", f"no example timeline named {name!r}; the timelines are "
                                  f"{timelines()}")
    return read_timeline(resources.files(__package__).joinpath(
        "data", "timelines", f"{name}.json").read_text(encoding="utf-8"))
