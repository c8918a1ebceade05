"""A network shared between threads: any number of analyses may read it at once and agree with
a serial run, and a change made while an analysis reads it is refused with
ConcurrentModificationError, never folded into half of a result.

Nothing here waits for time to pass: a change is made at a chosen point (a hook in a read, or
while another thread is known to hold the network) and threads meet at barriers and events."""

from __future__ import annotations

import dataclasses
import inspect
import threading
from typing import Any, Callable, List

import pandas as pd
import pytest

import coproduction as cp
from coproduction import _core
from coproduction.ladder import Classification

TIMEOUT = 60  # only a safety net against a hang; no result depends on it


def twam() -> cp.Network:
    return cp.examples.load("twam_partners_2013")


def in_thread(action: Callable[[], Any]) -> Any:
    """Runs ``action`` in another thread and returns what it returned or raised."""
    outcome: List[Any] = []

    def target() -> None:
        try:
            outcome.append(action())
        except BaseException as err:  # noqa: BLE001 - handed back to the test
            outcome.append(err)

    thread = threading.Thread(target=target)
    thread.start()
    thread.join(TIMEOUT)
    assert not thread.is_alive()
    return outcome[0]


def same(a: Any, b: Any) -> bool:
    if dataclasses.is_dataclass(a) and not isinstance(a, Classification):
        return all(same(getattr(a, f.name), getattr(b, f.name)) for f in dataclasses.fields(a))
    if isinstance(a, pd.DataFrame):
        pd.testing.assert_frame_equal(a, b)
        return True
    if isinstance(a, pd.Series):
        pd.testing.assert_series_equal(a, b)
        return True
    if isinstance(a, Classification):
        pd.testing.assert_frame_equal(a.evidence, b.evidence)
        return str(a) == str(b)
    return bool(a == b)


CHANGES = {
    "add_stakeholder": lambda net: net.add_stakeholder("commissioner_2", role="commissioner"),
    "add_relation": lambda net: net.add_relation("twam_outreach", "housing21_ot", "trusts"),
    "add_project": lambda net: net.add_project("exhibition"),
    "add_decision": lambda net: net.add_decision(
        "venue", project="reminiscence", stage="delivery", rights={"twam_outreach": "decides"}),
    "metadata": lambda net: setattr(net, "metadata", {"title": "changed"}),
    "remove_stakeholder": lambda net: net.remove_stakeholder("twam_outreach", cascade=True),
    "remove_stakeholders": lambda net: net.remove_stakeholders(["neca_staff", "npt_staff"],
                                                               cascade=True),
    "remove_relation": lambda net: net.remove_relation(0),
    "remove_relations": lambda net: net.remove_relations([0, 1]),
    "remove_project": lambda net: net.remove_project("reminiscence", cascade=True),
    "remove_projects": lambda net: net.remove_projects(["reminiscence"], cascade=True),
    "remove_decision": lambda net: net.remove_decision("reminiscence_agreement"),
    "remove_decisions": lambda net: net.remove_decisions(["reminiscence_agreement"]),
    "update_stakeholder": lambda net: net.update_stakeholder("twam_outreach", label="Outreach"),
    "update_relation": lambda net: net.update_relation(0, weight=3),
    "update_project": lambda net: net.update_project("reminiscence", label="Memories"),
    "update_decision": lambda net: net.update_decision("reminiscence_agreement", weight=3),
}


def test_every_change_of_a_network_is_tried_here():
    changes = {name for name in dir(cp.Network) if name.startswith(("add_", "remove_", "update_"))}
    assert changes <= set(CHANGES), changes - set(CHANGES)


@pytest.mark.parametrize("change", list(CHANGES))
def test_a_change_from_another_thread_is_refused_while_the_network_is_read(change):
    net = twam()
    before = net.to_json()
    with net._core.reading():
        err = in_thread(lambda: CHANGES[change](net))
        assert isinstance(err, cp.ConcurrentModificationError), err
        assert err.where == change
        assert err.code == "model.concurrent_modification"
        assert "the network is being read (1 reader)" in str(err)
    assert net.to_json() == before
    # Once the reader is done the same change goes through.
    outcome = in_thread(lambda: CHANGES[change](net))
    assert not isinstance(outcome, BaseException), outcome
    assert net.to_json() != before


def test_the_error_is_a_library_error_and_a_runtime_error():
    assert issubclass(cp.ConcurrentModificationError, cp.Error)
    assert issubclass(cp.ConcurrentModificationError, ValueError)
    assert issubclass(cp.ConcurrentModificationError, RuntimeError)
    net = twam()
    with net._core.reading(), pytest.raises(RuntimeError, match=r"\[coproduction\.model\."
                                                                r"concurrent_modification\] "
                                                                r"add_project: "):
        net.add_project("exhibition")


def test_a_reader_in_another_thread_blocks_changes_until_it_is_done():
    net = twam()
    holding, done = threading.Event(), threading.Event()

    def reader() -> None:
        with net._core.reading():
            holding.set()
            assert done.wait(TIMEOUT)

    thread = threading.Thread(target=reader)
    thread.start()
    try:
        assert holding.wait(TIMEOUT)
        with pytest.raises(cp.ConcurrentModificationError):
            net.add_stakeholder("commissioner_2")
        # Reading meanwhile is allowed, and gives the same answer as ever.
        assert same(cp.ladder.classify_all(net), cp.ladder.classify_all(twam()))
    finally:
        done.set()
        thread.join(TIMEOUT)
    net.add_stakeholder("commissioner_2")
    assert "commissioner_2" in net


def test_analyses_in_many_threads_at_once_agree_with_a_serial_run():
    net = twam()
    analyses = {
        "classify_all": lambda: cp.ladder.classify_all(net),
        "decision_power": lambda: cp.power.decision_power(net),
        "power_shares": lambda: cp.power.power_shares(net, by="role"),
        "centrality": lambda: cp.metrics.centrality(net, "betweenness"),
    }
    serial = {name: run() for name, run in analyses.items()}
    threads = 4
    start = threading.Barrier(threads)
    results: List[dict] = [{} for _ in range(threads)]

    def work(slot: int) -> None:
        start.wait(TIMEOUT)
        for _ in range(3):
            for name, run in analyses.items():
                results[slot][name] = run()

    workers = [threading.Thread(target=work, args=(i,)) for i in range(threads)]
    for w in workers:
        w.start()
    for w in workers:
        w.join(TIMEOUT)
    for got in results:
        assert set(got) == set(analyses)
        for name, value in got.items():
            assert same(value, serial[name]), name


# Every public analysis, each with arguments that make it read the network several times.
ANALYSES = {
    "ladder.classify_all": lambda net: cp.ladder.classify_all(net),
    "ladder.classify": lambda net: cp.ladder.classify(net, "reminiscence"),
    "power.decision_power": lambda net: cp.power.decision_power(net, project="reminiscence"),
    "power.power_shares": lambda net: cp.power.power_shares(net, by="expertise"),
    "power.veto_players": lambda net: cp.power.veto_players(net),
    "audit.principles": lambda net: cp.audit.principles(net, "reminiscence"),
    "metrics.summary": lambda net: cp.metrics.summary(net),
    "metrics.ei_index": lambda net: cp.metrics.ei_index(net, "convenor"),
    "text.describe": lambda net: cp.text.describe(net),
    "text.power": lambda net: cp.text.power(net),
}

READS = ("stakeholder_columns", "relation_columns", "project_columns", "decision_columns",
         "right_columns", "layer_edges")


@pytest.mark.parametrize("analysis", list(ANALYSES))
def test_a_change_between_two_reads_of_an_analysis_is_refused(analysis, monkeypatch):
    # Each time the analysis reads the network, another thread tries to change it there.
    net = twam()
    expected = ANALYSES[analysis](twam())
    before = net.to_json()
    attempts: List[Any] = []

    def hooked(name: str) -> Callable[..., Any]:
        read = getattr(_core.Network, name)

        def read_then_change(core: Any, *args: Any, **kwargs: Any) -> Any:
            value = read(core, *args, **kwargs)
            if core is net._core:
                attempts.append(in_thread(
                    lambda: net.add_project(f"intruder_{len(attempts)}")))
            return value

        return read_then_change

    for name in READS:
        monkeypatch.setattr(_core.Network, name, hooked(name))
    result = ANALYSES[analysis](net)
    monkeypatch.undo()
    assert attempts, "the analysis never read the network through the hooked reads"
    assert all(isinstance(a, cp.ConcurrentModificationError) for a in attempts), attempts
    assert same(result, expected)
    assert net.to_json() == before


def test_every_public_function_of_a_network_holds_it():
    modules = (cp.ladder, cp.power, cp.audit, cp.metrics, cp.text)
    found = []
    for module in modules:
        for name in module.__all__:
            function = getattr(module, name)
            if not inspect.isfunction(function):
                continue
            parameters = list(inspect.signature(function).parameters)
            if parameters[:1] == ["net"]:
                found.append(f"{module.__name__}.{name}")
                assert hasattr(function, "__wrapped__"), f"{module.__name__}.{name}"
                assert function.__doc__ == function.__wrapped__.__doc__
    assert "coproduction.ladder.classify_all" in found and len(found) >= 25


def test_a_function_given_something_else_still_says_so():
    with pytest.raises(cp.InputError, match="a coproduction.Network, not str"):
        cp.ladder.classify_all("twam_partners_2013")
