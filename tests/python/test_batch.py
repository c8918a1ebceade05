"""Many networks at once (cp.batch): every executor gives the serial run's frame exactly, the
results keep the order of the input, a failing network is named, every input form gives the
same networks, and a network reports its real size to Python and dask."""

from __future__ import annotations

import functools
import importlib.util
import pickle
import sys
import threading
from pathlib import Path
from typing import Any, Dict, List

import numpy as np
import pandas as pd
import pytest

import coproduction as cp
from coproduction import batch

@functools.lru_cache(maxsize=None)
def _bench_batch() -> Any:
    """benchmarks/bench_batch.py, whose generator of partnerships the tests share."""
    path = Path(__file__).resolve().parents[2] / "benchmarks" / "bench_batch.py"
    spec = importlib.util.spec_from_file_location("bench_batch", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_batch"] = module  # so that processes can unpickle what it defines
    spec.loader.exec_module(module)
    return module


def partnership(rng: np.random.Generator, n: int = 12, decisions: int = 6) -> cp.Network:
    """A random partnership of ``n`` stakeholders named by role and position, one project and
    ``decisions`` decisions under sole, unanimity, majority and quota rules."""
    return _bench_batch().partnership(rng, n, decisions)


@pytest.fixture(scope="module")
def fifty() -> Dict[str, cp.Network]:
    rng = np.random.default_rng(2013)
    return {f"partnership_{i:02d}": partnership(rng, n=int(rng.integers(6, 16)))
            for i in range(50)}


@pytest.fixture(scope="module")
def serial(fifty: Dict[str, cp.Network]) -> pd.DataFrame:
    return batch.summary(fifty, executor="serial")


@pytest.fixture(scope="module")
def client():
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster, \
            distributed.Client(cluster) as c:
        yield c


# ----------------------------------------------------------------------------------------
# The summary, against the functions it reads


def test_the_summary_is_the_functions_it_reads(fifty, serial):
    assert list(serial.index) == list(fifty) and serial.index.name == "network"
    for name in ("partnership_00", "partnership_17", "partnership_49"):
        net, row = fifty[name], serial.loc[name]
        shares = cp.power.power_shares(net)
        for group in shares.index:
            assert row[f"power_{group}"] == shares.at[group, "power"]
            assert row[f"parity_{group}"] == shares.at[group, "parity"]
        assert row["degree_centralization"] == cp.metrics.centralization(net, "degree")
        rung = cp.ladder.classify(net, "programme").type
        assert row["rung"] == rung and row[f"ladder_{rung}"] == 1
        assert sum(row[f"ladder_{t}"] for t in cp.ladder.TYPES) == 1
        verdicts = cp.audit.principles(net)["verdict"].tolist()
        assert row["principles_meets"] == verdicts.count("meets")
        assert row["principles_partly"] == verdicts.count("partly")
        assert row["principles_not_met"] == verdicts.count("does not meet")
        assert row["principles_not_measurable"] == verdicts.count("not measurable from these data")
        assert (row["stakeholders"], row["relations"], row["decisions"]) == (
            net.num_stakeholders, net.num_relations, net.num_decisions)
    # Shares of the two sides sum to one in every network: a property of the power shares.
    np.testing.assert_allclose(serial["power_convenor"] + serial["power_partner"], 1.0)
    assert (serial[[f"principles_{k}" for k in ("meets", "partly", "not_met",
                                                "not_measurable")]].sum(axis=1) == 12).all()


# ----------------------------------------------------------------------------------------
# Every executor equals the serial run


def test_a_local_dask_cluster_equals_the_serial_run(fifty, serial, client):
    pd.testing.assert_frame_equal(batch.summary(fifty, executor=client), serial)
    # Paths travel instead of networks, and each worker reads its own file.
    shares = batch.measure(fifty, "power_shares", by="role", executor="serial")
    pd.testing.assert_frame_equal(
        batch.measure(fifty, "power_shares", by="role", executor=client), shares)
    # A function of a notebook (a lambda) travels by value.
    sizes = batch.measure(fifty, lambda net: net.num_relations, executor=client)
    assert sizes["<lambda>"].tolist() == [net.num_relations for net in fifty.values()]
    # A scheduler's address: connected to for the call, and closed after.
    few = dict(list(fifty.items())[:4])
    pd.testing.assert_frame_equal(batch.summary(few, executor=client.scheduler.address),
                                  serial.loc[list(few)])
    with pytest.raises(cp.InputError, match="a cluster has its own workers"):
        batch.summary(few, executor=client, workers=2)


def test_threads_and_processes_equal_the_serial_run(fifty, serial):
    pd.testing.assert_frame_equal(batch.summary(fifty, executor="threads", workers=2), serial)
    pd.testing.assert_frame_equal(batch.summary(fifty, executor="processes", workers=2), serial)
    from concurrent.futures import ThreadPoolExecutor
    with ThreadPoolExecutor(3) as pool:
        pd.testing.assert_frame_equal(batch.summary(fifty, executor=pool), serial)


# ----------------------------------------------------------------------------------------
# The shape of a measure's results


def test_a_table_keeps_its_index_under_network(fifty):
    few = dict(list(fifty.items())[:3])
    table = batch.measure(few, cp.power.power_shares, executor="serial")
    assert table.index.names == ["network", "group"]
    for name, net in few.items():
        pd.testing.assert_frame_equal(table.loc[name], pd.DataFrame(cp.power.power_shares(net)))
    power = batch.measure(few, "decision_power", by="all", executor="serial")
    assert power.index.names == ["network", "stakeholder"]
    second = few["partnership_01"]
    assert power.loc["partnership_01"].index.tolist() == list(second.stakeholders.index)


def test_a_number_is_a_column_and_a_dict_a_row(fifty):
    few = dict(list(fifty.items())[:4])
    value = batch.measure(few, "centralization", "betweenness", executor="serial")
    assert value.index.name == "network" and list(value.columns) == ["centralization"]
    assert value["centralization"].dtype == np.float64
    assert value["centralization"].tolist() == [
        cp.metrics.centralization(net, "betweenness") for net in few.values()]
    counts = batch.measure(few, lambda n: {"people": n.num_stakeholders, "ties": n.num_relations})
    assert counts.to_dict("index") == {name: {"people": n.num_stakeholders,
                                              "ties": n.num_relations}
                                       for name, n in few.items()}


def test_a_measure_is_named_or_refused_with_a_suggestion():
    with pytest.raises(cp.InputError, match="did you mean 'power_shares'"):
        batch.measure([cp.Network()], "power_share")
    with pytest.raises(cp.InputError, match="no measure is called 'metrics.power_shares'"):
        batch.measure([cp.Network()], "metrics.power_shares")
    with pytest.raises(cp.InputError, match="executor"):
        batch.measure([cp.Network()], len, executor="gpu")
    with pytest.raises(cp.InputError, match="workers"):
        batch.measure([cp.Network()], len, workers=0)
    with pytest.raises(cp.InputError, match="errors"):
        batch.measure([cp.Network()], len, errors="ignore")


# ----------------------------------------------------------------------------------------
# Order and failures


def test_results_keep_the_input_order_whatever_finishes_first():
    nets = [partnership(np.random.default_rng(i), n=5, decisions=1) for i in range(4)]
    last_done = threading.Event()
    finished: List[int] = []

    def measured(net: cp.Network) -> int:
        position = next(i for i, n in enumerate(nets) if n is net)
        if position == 0:  # the first waits for the last: it finishes last
            assert last_done.wait(30)
        finished.append(position)
        if position == len(nets) - 1:
            last_done.set()
        return position

    out = batch.measure(nets, measured, executor="threads", workers=len(nets))
    assert finished[-1] == 0 and finished != sorted(finished)
    assert out.index.tolist() == [0, 1, 2, 3] and out["measured"].tolist() == [0, 1, 2, 3]


def test_a_failing_network_is_named(fifty):
    few = dict(list(fifty.items())[:3])
    broken = {**few, "no_decisions": cp.Network()}
    broken["no_decisions"].add_stakeholder("museum_staff_0", kind="person", convenor=True)
    for executor in ("serial", "threads"):
        with pytest.raises(batch.BatchError) as caught:
            batch.measure(broken, "power_shares", executor=executor)
        err = caught.value
        assert err.network == "no_decisions" and err.position == 3
        assert isinstance(err, cp.Error) and isinstance(err.error, cp.InputError)
        assert err.__cause__ is err.error
        assert str(err).startswith("[coproduction.batch.failed] no_decisions: InputError: ")
    collected = batch.measure(broken, "power_shares", errors="collect")
    assert list(collected.index.get_level_values("network").unique()) == list(few)
    assert list(collected.attrs["failures"]) == ["no_decisions"]
    assert collected.attrs["failures"]["no_decisions"].startswith("InputError: ")
    assert batch.measure(few, "power_shares").attrs["failures"] == {}


def test_a_failing_network_is_named_by_a_cluster_and_a_process(fifty, client, tmp_path):
    (tmp_path / "good.json").write_text(fifty["partnership_00"].to_json(), encoding="utf-8")
    (tmp_path / "torn.json").write_text('{"format": "coproduction", "vers', encoding="utf-8")
    for executor in (client, "processes"):
        with pytest.raises(batch.BatchError, match=r"\] torn: FormatError") as caught:
            batch.summary(tmp_path, executor=executor, workers=None if executor is client else 1)
        assert caught.value.position == 1 and isinstance(caught.value.error, cp.FormatError)
    table = batch.summary(tmp_path, executor=client, errors="collect")
    assert table.index.tolist() == ["good"] and list(table.attrs["failures"]) == ["torn"]


# ----------------------------------------------------------------------------------------
# Input forms


def test_every_input_form_gives_the_same_networks(fifty, tmp_path):
    few = dict(list(fifty.items())[:5])
    for name, net in few.items():
        net.write_json(tmp_path / f"{name}.json")
    (tmp_path / "notes.txt").write_text("not a network", encoding="utf-8")
    by_mapping = batch.measure(few, "power_shares", executor="serial")
    from_folder = batch.measure(tmp_path, "power_shares", executor="serial")
    from_str = batch.measure(str(tmp_path), "power_shares", executor="serial")
    paths = [tmp_path / f"{name}.json" for name in few]
    from_paths = batch.measure([str(p) for p in paths], "power_shares", executor="serial")
    pd.testing.assert_frame_equal(from_folder, by_mapping)
    pd.testing.assert_frame_equal(from_str, by_mapping)
    pd.testing.assert_frame_equal(from_paths, by_mapping)
    mixed = batch.measure({"a": paths[0], "b": few["partnership_01"]}, "power_shares",
                          executor="serial")
    assert mixed.loc["a"].equals(by_mapping.loc["partnership_00"])
    as_list = batch.measure(list(few.values()), "power_shares", executor="serial")
    assert as_list.index.get_level_values("network").unique().tolist() == [0, 1, 2, 3, 4]
    assert as_list.to_numpy().tolist() == by_mapping.to_numpy().tolist()
    waves = cp.Timeline({"2012": few["partnership_00"], "2013": few["partnership_01"]})
    assert batch.networks(waves) == {"2012": few["partnership_00"], "2013": few["partnership_01"]}


def test_a_collection_that_cannot_be_read_is_refused(tmp_path):
    with pytest.raises(cp.InputError, match="not a folder"):
        batch.networks(tmp_path / "missing")
    with pytest.raises(cp.InputError, match="one Network"):
        batch.networks(cp.Network())
    with pytest.raises(cp.InputError, match="two files are named 'a'"):
        batch.networks([tmp_path / "x" / "a.json", tmp_path / "y" / "a.json"])
    with pytest.raises(cp.InputError, match="ending in"):
        batch.networks(["notes.txt"])
    with pytest.raises(cp.InputError, match="either networks or paths"):
        batch.networks([cp.Network(), "a.json"])
    assert batch.networks([]) == {}
    empty = batch.measure([], len)
    assert empty.empty and empty.index.name == "network"


# ----------------------------------------------------------------------------------------
# Size


def test_a_network_reports_its_real_size():
    import dask.sizeof

    rng = np.random.default_rng(7)
    small, large = partnership(rng, n=10), partnership(rng, n=200, decisions=40)
    for net in (small, large):
        size, text = sys.getsizeof(net), net.to_json(indent=None)
        # The C++ objects hold at least the text's strings, and not far more than the
        # structure around them (a stakeholder of ~100 bytes of text is ~300 bytes of
        # strings, optionals and index entries).
        assert 0.5 * len(text) < size < 10 * len(text), (size, len(text))
        assert 0.5 * len(pickle.dumps(net)) < size < 10 * len(pickle.dumps(net))
        assert dask.sizeof.sizeof(net) == size
    assert sys.getsizeof(large) > 10 * sys.getsizeof(small)
    # By hand: a stakeholder whose id and label are 1,000 characters holds both on the heap
    # (1,001 bytes each, with the terminating zero), and the index of ids a second copy of
    # the id; a one-letter id and label fit in the string itself.
    def one(id: str, label: str) -> cp.Network:
        net = cp.Network()
        net.add_stakeholder(id, label=label, kind="person")
        return net

    assert sys.getsizeof(one("x" * 1000, "y" * 1000)) - sys.getsizeof(one("x", "y")) == 3 * 1001
    # A second relation of a type already seen adds one 32-byte record (the records' vector
    # grows from room for one to room for two; the index of relations has room for 8).
    net = one("a", "a")
    net.add_stakeholder("b", kind="person")
    net.add_relation("a", "b", "informs")
    before = sys.getsizeof(net)
    net.add_relation("b", "a", "informs")
    assert sys.getsizeof(net) - before == 32
    # A pickle travels as its compact JSON text.
    assert len(pickle.dumps(large)) < 1.1 * len(large.to_json(indent=None)) + 200
