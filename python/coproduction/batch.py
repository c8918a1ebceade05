"""Many networks at once: one measure, or the whole summary, over a collection of networks.

A national survey of co-production projects, the waves of a long study or a simulation of
decision rules is a collection of networks, each analysed alike. :func:`measure` runs one
measure on each network and :func:`summary` the headline readings (power by group, the
ladder, centralization, the principles scorecard); both return one tidy DataFrame whose
first index level, ``network``, names the network, in the order of the input whatever
finished first.

The networks are given as a folder, a list of paths, a list of :class:`~coproduction.Network`
objects, a mapping ``name -> network or path`` or a :class:`~coproduction.Timeline`. A path is
read where the work runs (a worker process or a cluster node reads its own file), so only
the path travels; a network travels as its pickle, its compact JSON text.

Where the work runs (``executor=``):

- ``"threads"`` (the default): a pool of threads in this process. The C++ core does every
  loop over stakeholders, relations and decisions with the GIL released (decision power,
  the ladder, the scorecard, centrality), so threads analyse networks side by side; the
  pandas around each call holds the GIL, which bounds the gain for small networks.
- ``"processes"``: a pool of fresh worker processes (started with ``spawn``), for measures
  written in Python that hold the GIL.
- ``"serial"``: one after the other in this thread, the reference the others equal.
- a :class:`dask.distributed.Client`, or a scheduler's address (``"tcp://scheduler:8786"``,
  connected to for the call and closed after): a dask cluster, local or remote.
- any :class:`concurrent.futures.Executor` of your own (``ProcessPoolExecutor`` with an
  initializer, an MPI pool, ``client.get_executor()`` of dask, ...).

Each network is analysed whole by one worker: this module only hands out networks, the core
does the rest. docs/scaling.md shows each executor, and the same with Ray.
"""

from __future__ import annotations

import concurrent.futures
import difflib
import importlib
import inspect
import multiprocessing
import os
import pickle
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Callable, Dict, Iterable, List, Optional, Sequence, Tuple, Union

import numpy as np
import pandas as pd

from ._errors import Error, input_error, message
from .network import Network

__all__ = [
    "BatchError",
    "READERS",
    "measure",
    "summary",
    "networks",
]

#: The readers of a path, by its suffix; a folder gives every file with one of these.
READERS: Dict[str, str] = {
    ".json": "read_json",
    ".graphml": "read_graphml",
    ".gexf": "read_gexf",
    ".xlsx": "read_spreadsheet",
}

#: The modules whose public functions a measure may name (``"power_shares"``), searched in
#: this order; a name in two of them is given with its module (``"metrics.summary"``).
_MEASURE_MODULES = ("metrics", "power", "ladder", "audit", "stats", "text")

#: What a network may be given as, and what a collection of them may be.
Source = Union[Network, str, "os.PathLike[str]"]
Networks = Union[str, "os.PathLike[str]", Mapping[Any, Source], Iterable[Source], Any]
Executor = Union[str, concurrent.futures.Executor, Any]


class BatchError(Error):
    """A network of the collection failed: raised by :func:`measure` and :func:`summary`
    (with ``errors="raise"``), naming the network, from the original exception.

    The message reads ``[coproduction.batch.failed] <network>: <Type>: <message>``; the
    attributes ``network`` (its name), ``position`` (its place in the input, from 0) and
    ``error`` (the original exception, also the ``__cause__``) say which and why. It derives
    from :class:`coproduction.Error`, itself a :class:`ValueError`.
    """

    network: Any
    position: int
    error: BaseException


# ----------------------------------------------------------------------------------------
# The collection


def networks(source: Networks) -> Dict[Any, Source]:
    """The networks of a collection, by name, in order: what :func:`measure` and
    :func:`summary` analyse (paths are not read here).

    Parameters
    ----------
    source : folder, paths, networks, mapping or Timeline
        - a folder (``str`` or path): each file whose suffix is in :data:`READERS`, by name;
          the name of a network is its file's name without the suffix;
        - a list (or any iterable) of paths: named the same way;
        - a list of :class:`~coproduction.Network`: named by position, 0, 1, ...;
        - a mapping ``name -> Network or path``: the names given, in the mapping's order;
        - a :class:`~coproduction.Timeline`: its waves, named by wave.

    Returns
    -------
    dict
        Name -> Network, or -> :class:`pathlib.Path` to be read where the work runs.

    Raises
    ------
    coproduction.InputError
        ``where == "networks"``: a folder that does not exist, a path whose suffix no
        reader takes, two paths with the same name (give a mapping), or an item that is
        neither a network nor a path. A file that does not exist or cannot be read fails
        where it is read, as that network's failure.

    Examples
    --------
    >>> import coproduction as cp
    >>> net = cp.examples.load("twam_partners_2013")
    >>> list(cp.batch.networks([net, net.copy()]))
    [0, 1]
    >>> list(cp.batch.networks({"north": net, "south": net}))
    ['north', 'south']
    """
    from .timeline import Timeline

    if isinstance(source, Network):
        raise input_error("networks", "a collection of networks, not one Network: give "
                                      "[net] for one")
    if isinstance(source, Timeline):
        return {name: net for name, net in source}
    if isinstance(source, (str, os.PathLike)):
        folder = Path(source)
        if not folder.is_dir():
            raise input_error("networks", f"{str(folder)!r} is not a folder (give a list for "
                                          f"one file)")
        files = sorted(p for p in folder.iterdir()
                       if p.is_file() and p.suffix.lower() in READERS)
        return _named_paths(files)
    if isinstance(source, Mapping):
        out: Dict[Any, Source] = {}
        for name, item in source.items():
            out[name] = _source(item, f"networks[{name!r}]")
        return out
    if isinstance(source, (bytes, bytearray)) or not isinstance(source, Iterable):
        raise input_error("networks", f"a folder, a list of paths or networks, a mapping or a "
                                      f"Timeline, not {type(source).__name__}")
    items = list(source)
    if all(isinstance(item, Network) for item in items):
        return dict(enumerate(items))
    if all(isinstance(item, (str, os.PathLike)) for item in items):
        return _named_paths([_source(item, "networks") for item in items])
    raise input_error("networks", "a list holds either networks or paths, each of one kind "
                                  "(give a mapping to name a mixture)")


# :func:`networks` under a name that the parameters called ``networks`` do not hide.
_collect = networks


def _source(item: Any, where: str) -> Source:
    if isinstance(item, Network):
        return item
    if isinstance(item, (str, os.PathLike)):
        path = Path(item)
        if path.suffix.lower() not in READERS:
            raise input_error(where, f"{str(path)!r}: a file ending in "
                                     f"{', '.join(READERS)}")
        return path
    raise input_error(where, f"a Network or a path, not {type(item).__name__}")


def _named_paths(paths: Sequence[Any]) -> Dict[Any, Source]:
    out: Dict[Any, Source] = {}
    for path in paths:
        name = Path(path).stem
        if name in out:
            raise input_error("networks", f"two files are named {name!r} ({str(out[name])!r} and "
                                          f"{str(path)!r}): give a mapping name -> path")
        out[name] = Path(path)
    return out


def _read(path: Path) -> Network:
    import coproduction

    reader: Callable[[Path], Network] = getattr(coproduction, READERS[path.suffix.lower()])
    return reader(path)


# ----------------------------------------------------------------------------------------
# The measure


def _resolve(chosen: Union[str, Callable[..., Any]]) -> Tuple[Callable[..., Any], str]:
    """The function of a measure and the name of its column."""
    if callable(chosen):
        return chosen, str(getattr(chosen, "__name__", "value"))
    if not isinstance(chosen, str):
        raise input_error("measure", f"a function of a network or the name of one, not "
                                     f"{type(chosen).__name__}")
    module_name, _, name = chosen.rpartition(".")
    modules = [module_name] if module_name else list(_MEASURE_MODULES)
    found = []
    names: List[str] = []
    for m in modules:
        if m not in _MEASURE_MODULES:
            raise input_error("measure", f"{chosen!r}: a measure of "
                                         f"{', '.join(_MEASURE_MODULES)}")
        module = importlib.import_module(f"coproduction.{m}")
        public = getattr(module, "__all__", [])
        names += public
        if name in public and inspect.isroutine(getattr(module, name)):
            found.append((getattr(module, name), f"{m}.{name}"))
    if len(found) > 1:
        raise input_error("measure", f"{chosen!r} is in {' and '.join(f for _, f in found)}: "
                                     f"give one of these")
    if not found:
        close = difflib.get_close_matches(name, names, n=3)
        hint = f" (did you mean {', '.join(repr(c) for c in close)}?)" if close else ""
        raise input_error("measure", f"no measure is called {chosen!r}{hint}")
    return found[0][0], name


def _executor(executor: Executor, workers: Optional[int]
              ) -> Tuple[Any, Callable[[], None], bool]:
    """A pool for the executor, what closes it, and whether it is a dask client."""
    if workers is not None and (isinstance(workers, bool) or not isinstance(workers, int)
                                or workers < 1):
        raise input_error("workers", f"a whole number >= 1 or None, not {workers!r}")
    if isinstance(executor, str) and executor in ("threads", "processes"):
        count = workers or os.cpu_count() or 1
        pool: concurrent.futures.Executor
        if executor == "threads":
            pool = concurrent.futures.ThreadPoolExecutor(max_workers=count,
                                                         thread_name_prefix="coproduction")
        else:
            # spawn: a fork of a process with threads running (a dask client, a thread pool)
            # can inherit a lock held by a thread that does not exist in the child.
            pool = concurrent.futures.ProcessPoolExecutor(
                max_workers=count, mp_context=multiprocessing.get_context("spawn"))
        return pool, lambda: pool.shutdown(wait=True, cancel_futures=True), False
    if workers is not None and not isinstance(executor, concurrent.futures.Executor):
        raise input_error("workers", "is read with executor=\"threads\" or \"processes\"; a "
                                     "cluster has its own workers")
    if isinstance(executor, concurrent.futures.Executor):
        return executor, lambda: None, False
    if isinstance(executor, str) and "://" in executor:
        client = importlib.import_module("distributed").Client(executor)

        def close() -> None:
            client.close()

        return client, close, True
    if _is_client(executor):
        return executor, lambda: None, True
    raise input_error("executor", f"\"serial\", \"threads\", \"processes\", a dask Client, a "
                                  f"scheduler address or a concurrent.futures.Executor, not "
                                  f"{executor!r}")


def _is_client(executor: Any) -> bool:
    try:
        from distributed import Client
    except ImportError:  # dask is optional: nothing can be a client without it
        return False
    return isinstance(executor, Client)


class _Shipped:
    """A measure sent to worker processes: pickled by value with cloudpickle where it is
    installed (dask brings it), so that a lambda or a function of a notebook travels too;
    otherwise as itself, by reference."""

    def __init__(self, function: Callable[..., Any]) -> None:
        try:
            cloudpickle = importlib.import_module("cloudpickle")
        except ImportError:  # plain pickle: a function importable by name
            self.payload: Any = function
            self.pickled = False
        else:
            self.payload = cloudpickle.dumps(function)
            self.pickled = True

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        function = pickle.loads(self.payload) if self.pickled else self.payload
        return function(*args, **kwargs)


def _run(item: Source, function: Callable[..., Any], args: Tuple[Any, ...],
         kwargs: Dict[str, Any]) -> Any:
    """One network's result: read it if it is a path, then measure it (runs on a worker)."""
    net = _read(item) if isinstance(item, Path) else item
    return function(net, *args, **kwargs)


def _map(items: Dict[Any, Source], function: Callable[..., Any], args: Tuple[Any, ...],
         kwargs: Dict[str, Any], executor: Executor, workers: Optional[int], errors: str
         ) -> Tuple[List[Tuple[Any, Any]], Dict[Any, str]]:
    """``(name, result)`` of each network that succeeded, in input order, and the failures
    (name -> ``"Type: message"``); with ``errors="raise"`` the first failure in input order
    raises BatchError instead."""
    if errors not in ("raise", "collect"):
        raise input_error("errors", f"\"raise\" or \"collect\", not {errors!r}")
    names = list(items)
    outcomes: List[Tuple[bool, Any]] = []
    if isinstance(executor, str) and executor == "serial":
        if workers not in (None, 1):
            raise input_error("workers", f"a serial run has one worker, not {workers!r}")
        for position, name in enumerate(names):
            try:
                outcomes.append((True, _run(items[name], function, args, kwargs)))
            except Exception as err:  # noqa: BLE001 - named, then raised or collected
                if errors == "raise":
                    raise _failed(name, position, err) from err
                outcomes.append((False, err))
    else:
        pool, close, dask = _executor(executor, workers)
        try:
            shipped: Callable[..., Any] = function
            if isinstance(pool, concurrent.futures.ProcessPoolExecutor):
                shipped = _Shipped(function)
            if dask:
                futures = [pool.submit(_run, items[name], shipped, args, kwargs, pure=False)
                           for name in names]
            else:
                futures = [pool.submit(_run, items[name], shipped, args, kwargs)
                           for name in names]
            for position, (name, future) in enumerate(zip(names, futures)):
                try:
                    outcomes.append((True, future.result()))
                except Exception as err:  # noqa: BLE001 - named, then raised or collected
                    if errors == "raise":
                        for later in futures[position + 1:]:
                            later.cancel()
                        raise _failed(name, position, err) from err
                    outcomes.append((False, err))
        finally:
            close()
    done = [(name, value) for name, (ok, value) in zip(names, outcomes) if ok]
    failures = {name: f"{type(value).__name__}: {value}"
                for name, (ok, value) in zip(names, outcomes) if not ok}
    return done, failures


def _failed(name: Any, position: int, err: BaseException) -> BatchError:
    detail = f"{type(err).__name__}: {err}"
    error = BatchError(message("batch.failed", str(name), detail), "batch.failed", str(name),
                       detail)
    error.network, error.position, error.error = name, position, err
    return error


_SCALARS = (str, bytes, int, float, complex, bool, np.generic, type(None))


def _tidy(done: List[Tuple[Any, Any]], column: str) -> pd.DataFrame:
    """One frame of the results: a frame or series keeps its index under ``network``; a
    number (or any other single value) is one row, a mapping one row of columns."""
    index = pd.Index([name for name, _ in done], name="network", dtype=object)
    if not done:
        return pd.DataFrame(index=index)
    values = [value for _, value in done]
    if all(isinstance(v, (pd.DataFrame, pd.Series)) for v in values):
        frames = [pd.DataFrame(v) if isinstance(v, pd.DataFrame)
                  else v.to_frame(name=column if v.name is None else v.name) for v in values]
        frames = [f if type(f) is pd.DataFrame else pd.DataFrame(f) for f in frames]
        joined: pd.DataFrame = pd.concat(frames, keys=list(index), names=["network"])
        return joined
    if all(isinstance(v, Mapping) for v in values):
        return pd.DataFrame([dict(v) for v in values], index=index)
    if any(isinstance(v, (pd.DataFrame, pd.Series, Mapping)) for v in values):
        raise input_error("measure", "returned tables for some networks and single values for "
                                     "others: one frame cannot hold both")
    column_values = np.empty(len(values), dtype=object)
    column_values[:] = values
    out = pd.DataFrame({column: column_values}, index=index)
    if all(isinstance(v, _SCALARS) for v in values):
        out = out.infer_objects()
    return out


def measure(networks: Networks, measure: Union[str, Callable[..., Any]], /, *args: Any,
            executor: Executor = "threads", workers: Optional[int] = None,
            errors: str = "raise", **kwargs: Any) -> pd.DataFrame:
    """One measure of every network of a collection, as one DataFrame.

    Parameters
    ----------
    networks : folder, paths, networks, mapping or Timeline
        The collection, as :func:`networks` reads it.
    measure : str or callable
        A function called as ``measure(net, *args, **kwargs)``: any function of the package
        (``cp.power.power_shares``) or your own. A name is looked up among the public
        functions of ``metrics``, ``power``, ``ladder``, ``audit``, ``stats`` and ``text``
        (``"power_shares"``, ``"centralization"``, ``"classify_all"``,
        ``"principles"``), with its module where two have it (``"metrics.summary"``).
    *args, **kwargs
        Passed on to the measure (``by="role"``, ``layer="informs"``, ...).
    executor : {"threads", "processes", "serial"}, dask Client, address or Executor
        Where each network is analysed (see the module's introduction). ``"processes"``
        ships a function you wrote to the workers with cloudpickle where it is installed
        (dask brings it), so a lambda works too.
    workers : int, optional
        Threads or processes of the pool (``"threads"`` and ``"processes"``): by default one
        per core (``os.cpu_count()``). A cluster has its own workers.
    errors : {"raise", "collect"}
        A network that fails raises :class:`BatchError` naming it (the first that fails in
        the order of the input); with ``"collect"``, the others' results are returned and
        ``attrs["failures"]`` maps each failed network's name to ``"<Type>: <message>"``.

    Returns
    -------
    pandas.DataFrame
        The networks' results in the order of the input, keyed by the index level
        ``network``: a result that is a DataFrame or Series keeps its own index after
        ``network`` (stakeholder, group, project, principle ...); a number (or any single
        value) is one row per network in a column named after the measure; a dict one row of
        its keys. ``attrs["failures"]`` is ``{}`` when none failed.

    Raises
    ------
    BatchError
        A network failed (``errors="raise"``).
    coproduction.InputError
        An unknown measure, a collection :func:`networks` refuses, a bad ``executor``,
        ``workers`` or ``errors``.

    Notes
    -----
    The result is the same, to the last bit, whatever the executor and the number of
    workers: each network is analysed whole by one worker, and the core's own computations
    are deterministic (resampling is seeded per draw). A measure that draws at random must be
    given a seed (``rng=1``) to repeat. A measure that runs threads of its own (centrality's
    and the resampling functions' ``threads=``, every core by default) runs them inside each
    worker: ``threads=1`` keeps to one thread per worker.

    Examples
    --------
    >>> import coproduction as cp
    >>> nets = {"twam": cp.examples.load("twam_partners_2013"),
    ...         "nml": cp.examples.load("nml_collaboration_types")}
    >>> cp.batch.measure(nets, "centralization", "degree").round(3)
             centralization
    network
    twam              0.402
    nml               0.092
    >>> shares = cp.batch.measure(nets, cp.power.power_shares, by="convenor")
    >>> shares["power"].round(3)
    network  group
    twam     convenor    0.508
             partner     0.492
    nml      convenor    0.815
             partner     0.185
    Name: power, dtype: float64
    """
    function, column = _resolve(measure)
    items = _collect(networks)
    done, failures = _map(items, function, args, kwargs, executor, workers, errors)
    out = _tidy(done, column)
    out.attrs["failures"] = failures
    return out


# ----------------------------------------------------------------------------------------
# The summary


def _summary_row(net: Network, by: Any, index: str, centralization: str, layer: Any,
                 threads: int) -> Dict[str, Any]:
    """The summary of one network: one row of scalars (runs on a worker)."""
    from . import audit, ladder, metrics, power

    row: Dict[str, Any] = {
        "stakeholders": net.num_stakeholders,
        "relations": net.num_relations,
        "projects": net.num_projects,
        "decisions": net.num_decisions,
    }
    if net.num_decisions:  # power shares read decisions: with none, the columns stay NaN
        shares = power.power_shares(net, by, index=index)
        for group, share in shares["power"].items():
            row[f"power_{group}"] = float(share)
        for group, parity in shares["parity"].items():
            row[f"parity_{group}"] = float(parity)
    row[f"{centralization}_centralization"] = float(metrics.centralization(
        net, centralization, layer=layer, threads=threads))
    types = ladder.classify_all(net)["type"]
    for rung in ladder.TYPES:
        row[f"ladder_{rung}"] = int((types == rung).sum())
    row["rung"] = str(types.iloc[0]) if len(types) == 1 else None
    verdicts = audit.principles(net)["verdict"]
    for verdict, key in zip(audit.VERDICTS, ("meets", "partly", "not_met", "not_measurable")):
        row[f"principles_{key}"] = int((verdicts == verdict).sum())
    return row


def summary(networks: Networks, *, by: Any = "convenor", index: str = "banzhaf",
            centralization: str = "degree", layer: Any = None, executor: Executor = "threads",
            workers: Optional[int] = None, errors: str = "raise") -> pd.DataFrame:
    """The headline readings of every network of a collection, one row each.

    Parameters
    ----------
    networks : folder, paths, networks, mapping or Timeline
        The collection, as :func:`networks` reads it.
    by : str, Series or dict, default "convenor"
        The groups of :func:`coproduction.power.power_shares`.
    index : str, default "banzhaf"
        The power index of the decisions.
    centralization : str, default "degree"
        The measure of :func:`coproduction.metrics.centralization`.
    layer : str or list of str, optional
        The relation types of the centralization; every relation by default.
    executor, workers, errors
        As in :func:`measure`.

    Returns
    -------
    pandas.DataFrame
        Indexed by ``network``, in the order of the input, with the columns

        - ``stakeholders``, ``relations``, ``projects``, ``decisions``: the counts;
        - ``power_<group>`` and ``parity_<group>`` for each group of ``by``: the group's
          share of decision power and its parity ratio (power share over head-count share),
          from :func:`coproduction.power.power_shares` (NaN where a network has no decision,
          or lacks the group);
        - ``<centralization>_centralization``: Freeman centralization of the layer;
        - ``ladder_<type>`` for each of :data:`coproduction.ladder.TYPES`: how many
          projects the ladder places at that rung (:func:`coproduction.ladder.classify_all`,
          the computed type, not the claim), and ``rung``: the computed type of a
          network's one project (missing, NaN, for a network of several projects or none);
        - ``principles_meets``, ``principles_partly``, ``principles_not_met``,
          ``principles_not_measurable``: how many of the twelve principles of the
          *Co-production Framework* get each verdict (:func:`coproduction.audit.principles`).

        ``attrs["failures"]`` as in :func:`measure`.

    Raises
    ------
    BatchError
        A network failed (``errors="raise"``).
    coproduction.InputError
        As for :func:`measure`.

    Notes
    -----
    Centrality runs on one thread per network (``threads=1``): the networks themselves are
    the parallel work. The readings are those of the functions named, with their defaults
    (decisions weighted); docs/scaling.md lists which of them release the GIL.

    Examples
    --------
    >>> import coproduction as cp
    >>> nets = {"twam": cp.examples.load("twam_partners_2013"),
    ...         "nml": cp.examples.load("nml_collaboration_types")}
    >>> table = cp.batch.summary(nets, executor="serial")
    >>> table[["power_partner", "ladder_engagement", "principles_meets"]].round(3)
             power_partner  ladder_engagement  principles_meets
    network
    twam             0.492                  1                 0
    nml              0.185                  1                 3
    """
    items = _collect(networks)
    done, failures = _map(items, _summary_row, (by, index, centralization, layer, 1), {},
                          executor, workers, errors)
    out = _tidy(done, "summary")
    out.attrs["failures"] = failures
    return out


def __dir__() -> List[str]:
    return list(__all__)
