"""``cp.diff``: what differs between two networks, checked against computations of our own.

The element tables (stakeholders, projects, decisions, rights, relations) are recomputed from
the two networks' JSON documents with plain Python (dicts, and ``collections.Counter`` for the
multiset of relation keys); the ties from ``net.relations`` with Python sets per type, and the
Hamming distance once more with networkx. Cases: the example data edited in several ways,
random networks edited at random, and pairs of unrelated random networks (seeded numpy).
"""

from __future__ import annotations

import dataclasses
import doctest
import json
import math
import xml.etree.ElementTree as ET
from collections import Counter
from typing import Any, Dict, Iterable, List, Set, Tuple

import networkx as nx
import numpy as np
import pandas as pd
import pytest

import coproduction as cp
from coproduction import _core, _diff
from coproduction._diff import NetworkDiff, diff

STAKEHOLDER_FIELDS = ("label", "kind", "role", "sector", "expertise", "under_served", "paid",
                      "convenor", "size", "influence", "attributes")
PROJECT_FIELDS = ("label", "claimed", "attributes")
DECISION_FIELDS = ("label", "project", "stage", "rule", "weight", "attributes")
Row = Tuple[Any, ...]


# ---- the expected tables, from the documents ----------------------------------------------


def document(net: cp.Network) -> Dict[str, Any]:
    return json.loads(net.to_json())


def field(item: Dict[str, Any], name: str) -> Any:
    if name == "rule":  # the rule's kind and quota; votes and veto are in the rights table
        return item["rule"]["kind"], item["rule"].get("quota")
    return item.get(name)  # absent: not given, which differs from any value


def expected_items(a: Dict[str, Any], b: Dict[str, Any], table: str,
                   fields: Tuple[str, ...]) -> List[Row]:
    in_a = {x["id"]: x for x in a[table]}
    in_b = {x["id"]: x for x in b[table]}
    rows: List[Row] = []
    for id, x in in_a.items():
        if id not in in_b:
            rows.append((id, "vanished", ()))
        else:
            changed = tuple(f for f in fields if field(x, f) != field(in_b[id], f))
            if changed:
                rows.append((id, "changed", changed))
    rows += [(id, "appeared", ()) for id in in_b if id not in in_a]
    return rows


def entry(decision: Dict[str, Any], who: str) -> Tuple[Any, ...]:
    rule = decision["rule"]
    return decision["rights"][who], rule.get("votes", {}).get(who), who in rule.get("veto", [])


def expected_rights(a: Dict[str, Any], b: Dict[str, Any]) -> List[Row]:
    in_a = {d["id"]: d for d in a["decisions"]}
    in_b = {d["id"]: d for d in b["decisions"]}
    order = list(in_a) + [id for id in in_b if id not in in_a]
    rows: List[Row] = []
    for id in order:
        x, y = in_a.get(id), in_b.get(id)
        for who in sorted(set(x["rights"] if x else ()) | set(y["rights"] if y else ())):
            if x is None or who not in x["rights"]:
                rows.append((id, who, "appeared", ()))
            elif y is None or who not in y["rights"]:
                rows.append((id, who, "vanished", ()))
            else:
                changed = tuple(f for f, p, q in zip(("right", "votes", "veto"), entry(x, who),
                                                     entry(y, who)) if p != q)
                if changed:
                    rows.append((id, who, "changed", changed))
    return rows


def key(r: Dict[str, Any]) -> Tuple[Any, ...]:
    return r["source"], r["target"], r["type"], r.get("scale")


def expected_relations(a: Dict[str, Any], b: Dict[str, Any]) -> List[Row]:
    """The k-th relation of a key in ``a`` matched with the k-th in ``b``."""
    by_key: Dict[Tuple[Any, ...], List[Dict[str, Any]]] = {}
    for r in b["relations"]:
        by_key.setdefault(key(r), []).append(r)
    seen: Counter[Tuple[Any, ...]] = Counter()
    rows: List[Row] = []
    for r in a["relations"]:
        k = seen[key(r)]
        seen[key(r)] += 1
        partners = by_key.get(key(r), [])
        if k >= len(partners):
            rows.append((*key(r), k, "vanished", ()))
            continue
        changed = tuple(f for f in ("weight", "provenance", "attributes")
                        if r.get(f) != partners[k].get(f))
        if changed:
            rows.append((*key(r), k, "changed", changed))
    seen_b: Counter[Tuple[Any, ...]] = Counter()
    for r in b["relations"]:
        k = seen_b[key(r)]
        seen_b[key(r)] += 1
        if k >= seen[key(r)]:
            rows.append((*key(r), k, "appeared", ()))
    return rows


def tie_sets(net: cp.Network, kept: Set[str]) -> Dict[str, Set[Tuple[str, str]]]:
    out: Dict[str, Set[Tuple[str, str]]] = {}
    for source, target, type in net.relations[["source", "target", "type"]].itertuples(
            index=False):
        out.setdefault(type, set())
        if source in kept and target in kept:
            out[type].add((source, target))
    return out


def expected_ties(a: cp.Network, b: cp.Network, not_surveyed: Iterable[str]) -> pd.DataFrame:
    common = set(a.stakeholders.index) & set(b.stakeholders.index)
    kept = common - set(not_surveyed)
    ta, tb = tie_sets(a, kept), tie_sets(b, kept)
    types = list(ta) + [t for t in tb if t not in ta]
    rows = []
    for t in types:
        x, y = ta.get(t, set()), tb.get(t, set())
        union = x | y
        rows.append(dict(in_a=len(x), in_b=len(y), kept=len(x & y), appeared=len(y - x),
                         vanished=len(x - y), hamming=len(x ^ y),
                         jaccard=len(x & y) / len(union) if union else math.nan,
                         dyads=len(kept) * (len(kept) - 1)))
    frame = pd.DataFrame(rows, index=pd.Index(types, dtype=object, name="type"),
                         columns=["in_a", "in_b", "kept", "appeared", "vanished", "hamming",
                                  "jaccard", "dyads"])
    return frame.astype({c: "int64" for c in frame.columns if c != "jaccard"})


def networkx_hamming(a: cp.Network, b: cp.Network, type: str, kept: Set[str]) -> int:
    """|A xor B| once more: networkx's symmetric difference of the two digraphs on the
    compared stakeholders."""
    graphs = []
    for net in (a, b):
        g = nx.DiGraph()
        g.add_nodes_from(kept)
        rel = net.relations
        rel = rel[(rel["type"] == type) & rel["source"].isin(kept) & rel["target"].isin(kept)]
        g.add_edges_from(zip(rel["source"], rel["target"]))
        graphs.append(g)
    return int(nx.symmetric_difference(graphs[0], graphs[1]).number_of_edges())


def rows_of(result: NetworkDiff) -> Dict[str, List[Row]]:
    out: Dict[str, List[Row]] = {}
    for table in ("stakeholders", "projects", "decisions", "rights"):
        frame = getattr(result, table)
        out[table] = [(*(k if isinstance(k, tuple) else (k,)), c, f)
                      for k, c, f in zip(frame.index, frame["change"], frame["fields"])]
    rel = result.relations
    out["relations"] = [
        (s, t, ty, None if pd.isna(sc) else sc, int(o), c, f)
        for s, t, ty, sc, o, c, f in zip(rel["source"], rel["target"], rel["type"], rel["scale"],
                                         rel["occurrence"], rel["change"], rel["fields"])]
    return out


def check(a: cp.Network, b: cp.Network, not_surveyed: Iterable[str] = ()) -> NetworkDiff:
    """Diff ``a`` and ``b`` and check every table against the computations above."""
    ns = list(not_surveyed)
    result = diff(a, b, not_surveyed=ns)
    da, db = document(a), document(b)
    got = rows_of(result)
    assert got["stakeholders"] == expected_items(da, db, "stakeholders", STAKEHOLDER_FIELDS)
    assert got["projects"] == expected_items(da, db, "projects", PROJECT_FIELDS)
    assert got["decisions"] == expected_items(da, db, "decisions", DECISION_FIELDS)
    assert got["rights"] == expected_rights(da, db)
    assert got["relations"] == expected_relations(da, db)
    # The multiset arithmetic of the keys: what vanished is a - b, what appeared b - a.
    keys_a = Counter(key(r) for r in da["relations"])
    keys_b = Counter(key(r) for r in db["relations"])
    by_change = {c: Counter(r[:4] for r in got["relations"] if r[5] == c)
                 for c in ("vanished", "appeared")}
    assert by_change["vanished"] == keys_a - keys_b
    assert by_change["appeared"] == keys_b - keys_a
    # Positions point at the relations they name.
    for row in result.relations.itertuples():
        for net, pos in ((a, row.position_a), (b, row.position_b)):
            if not pd.isna(pos):
                r = net.relations.iloc[int(pos)]
                assert (r["source"], r["target"], r["type"]) == (row.source, row.target, row.type)
    pd.testing.assert_frame_equal(result.ties, expected_ties(a, b, ns))
    common = set(a.stakeholders.index) & set(b.stakeholders.index)
    kept = common - set(ns)
    for t in result.ties.index:
        assert result.ties.loc[t, "hamming"] == networkx_hamming(a, b, t, kept)
    assert result.left_out_dyads == len(common) * (len(common) - 1) - len(kept) * (len(kept) - 1)
    # Totals: the unions.
    assert result.totals["stakeholders"] == len(set(a.stakeholders.index) |
                                                set(b.stakeholders.index))
    assert result.totals["relations"] == sum((keys_a | keys_b).values())
    summary = result.summary()
    assert (summary["unchanged"] >= 0).all()
    assert (summary[["appeared", "vanished", "changed", "unchanged"]].sum(axis=1)
            == summary["total"]).all()
    return result


# ---- the example, edited -------------------------------------------------------------------


@pytest.fixture
def before() -> cp.Network:
    return cp.examples.load("twam_partners_2013")


def test_identical_networks_differ_in_nothing(before):
    result = check(before, before.copy())
    assert all(len(getattr(result, t)) == 0 for t in ("stakeholders", "projects", "decisions",
                                                      "rights", "relations"))
    assert (result.ties["hamming"] == 0).all() and (result.ties["jaccard"] == 1.0).all()
    assert (result.ties["dyads"] == 28 * 27).all()


def test_a_partner_leaves(before):
    after = before.copy()
    gone = after.remove_stakeholder("stonham", cascade=True)
    result = check(before, after)
    assert list(result.stakeholders.index) == ["stonham"]
    assert result.stakeholders.loc["stonham", "change"] == "vanished"
    assert len(result.relations) == len(gone.relations)
    assert set(result.relations["change"]) == {"vanished"}
    # The stakeholders of both are the 27 others: no tie among them moved.
    assert (result.ties["hamming"] == 0).all() and (result.ties["dyads"] == 27 * 26).all()


def test_fields_change(before):
    after = before.copy()
    after.update_stakeholder("npt_womens_group", paid=True, label="Women's group",
                             attributes={"meets": "weekly"})
    after.update_stakeholder("commissioners", size=None)
    after.update_project("reminiscence", label="Memories")
    first = after.relations.index[0]
    after.update_relation(int(first), weight=3.0, reported_by="researcher")
    result = check(before, after)
    assert result.stakeholders.loc["npt_womens_group", "fields"] == ("label", "paid",
                                                                     "attributes")
    assert result.projects.loc["reminiscence", "fields"] == ("label",)
    assert result.relations.loc[0, "fields"] == ("weight", "provenance")
    assert (result.ties["hamming"] == 0).all()


def test_a_relation_moved_to_another_scale_vanished_and_appeared(before):
    after = before.copy()
    rel = before.relations
    i = int(rel.index[rel["scale"] == "session"][0])
    after.update_relation(i, scale="place")
    result = check(before, after)
    assert list(result.relations["change"]) == ["vanished", "appeared"]
    assert list(result.relations["scale"].astype(object)) == ["session", "place"]
    assert (result.ties["hamming"] == 0).all()  # a tie does not care for the scale


def test_ties_appear_and_vanish(before):
    after = before.copy()
    after.add_relation("npt_womens_group", "twam_outreach", "trusts")
    after.add_relation("twam_outreach", "npt_womens_group", "shares_power")  # a new type
    rel = after.relations
    after.remove_relation(int(rel.index[rel["type"] == "informs"][0]))
    result = check(before, after)
    assert result.ties.loc["trusts", "appeared"] == 1
    assert result.ties.loc["informs", "vanished"] == 1
    assert result.ties.loc["shares_power", ["in_a", "in_b", "jaccard"]].tolist() == [0, 1, 0.0]
    assert list(result.ties.index)[-1] == "shares_power"  # the second network's new type last


def test_rights_move(before):
    after = before.copy()
    d = before.decisions.index[0]
    rights = before.rights.loc[d]["right"].astype(str).to_dict()
    who = next(w for w, r in rights.items() if r in ("informed", "consulted", "involved"))
    rights[who] = "consulted" if rights[who] != "consulted" else "involved"
    after.update_decision(d, rights=rights)
    after.remove_decision(before.decisions.index[-1])
    result = check(before, after)
    assert result.rights.loc[(d, who), "fields"] == ("right",)
    assert result.decisions.loc[before.decisions.index[-1], "change"] == "vanished"


def test_not_surveyed_leaves_dyads_out(before):
    after = before.copy()
    after.add_relation("npt_staff", "neca_staff", "trusts")
    plain = check(before, after)
    assert plain.ties.loc["trusts", "appeared"] == 1
    surveyed_less = check(before, after, not_surveyed=["npt_staff", "neca_staff"])
    assert surveyed_less.ties.loc["trusts", "appeared"] == 0
    assert surveyed_less.left_out_dyads == 28 * 27 - 26 * 25
    assert surveyed_less.not_surveyed == ("npt_staff", "neca_staff")
    # The other tables do not depend on who was surveyed.
    pd.testing.assert_frame_equal(plain.relations, surveyed_less.relations)


# ---- random networks ---------------------------------------------------------------------

TYPES = ("trusts", "informs", "learns_from")


def random_network(rng: np.random.Generator, pool: int = 16) -> cp.Network:
    net = cp.Network()
    ids = [f"s{i}" for i in range(pool) if rng.random() < 0.8]
    for id in ids:
        kind = str(rng.choice(["group", "organisation", "person", "object"], p=[.4, .3, .2, .1]))
        net.add_stakeholder(id, kind=kind, label=str(rng.choice(["A", "B", None])),
                            paid=[None, True, False][int(rng.integers(3))],
                            influence=None if rng.random() < .5 else float(rng.integers(4)))
    for _ in range(int(rng.integers(0, 3 * len(ids) + 1))):
        s, t = rng.choice(ids, 2)
        type = str(rng.choice(TYPES))
        if s == t or ((net.relations["source"] == s) & (net.relations["target"] == t)
                      & (net.relations["type"] == type)).any():
            continue
        net.add_relation(str(s), str(t), type,
                         weight=[None, 1.0, 2.0][int(rng.integers(3))],
                         scale=[None, "session", "place"][int(rng.integers(3))],
                         reported_by=None if rng.random() < .7 else "researcher")
    people = [i for i in ids if net.stakeholders.loc[i, "kind"] != "object"]
    net.add_project("p")
    for d in range(int(rng.integers(0, 4))):
        if len(people) < 2:
            break
        holders = [str(x) for x in rng.choice(people, 2, replace=False)]
        if rng.random() < .5:
            net.add_decision(f"d{d}", project="p", stage="design", rule="sole",
                             rights={holders[0]: "decides", holders[1]: "informed"})
        else:
            net.add_decision(f"d{d}", project="p", stage="delivery", rule="majority",
                             rights={h: "shared" for h in holders},
                             votes={holders[0]: int(rng.integers(1, 3))},
                             veto=holders[1:] if rng.random() < .5 else None)
    return net


def random_edits(net: cp.Network, rng: np.random.Generator) -> cp.Network:
    out = net.copy()
    ids = list(out.stakeholders.index)
    for id in ids:
        roll = rng.random()
        if roll < 0.1:
            out.remove_stakeholder(id, cascade=True)
        elif roll < 0.2:
            out.update_stakeholder(id, paid=bool(rng.integers(2)), label="C")
    for i in sorted(rng.choice(len(out.relations), len(out.relations) // 4, replace=False)
                    if len(out.relations) else [], reverse=True):
        roll = rng.random()
        if roll < 0.4:
            out.remove_relation(int(i))
        elif roll < 0.7:
            out.update_relation(int(i), weight=float(rng.integers(1, 4)))
        else:
            out.update_relation(int(i), scale=[None, "session", "institution"][int(rng.integers(3))])
    survivors = list(out.stakeholders.index)
    for _ in range(int(rng.integers(0, 6))):
        if len(survivors) < 2:
            break
        s, t = (str(x) for x in rng.choice(survivors, 2, replace=False))
        type = str(rng.choice(TYPES))
        if not ((out.relations["source"] == s) & (out.relations["target"] == t)
                & (out.relations["type"] == type)).any():
            out.add_relation(s, t, type)
    for d in list(out.decisions.index):
        roll = rng.random()
        rights = out.rights.loc[d]["right"].astype(str).to_dict()
        if roll < 0.3:
            out.update_decision(d, label="changed")
        elif roll < 0.6:
            others = [w for w, r in rights.items() if r not in ("shared", "decides")]
            if others:
                rights[others[0]] = "consulted" if rights[others[0]] != "consulted" else "none"
                out.update_decision(d, rights=rights)
        elif roll < 0.8 and out.decisions.loc[d, "rule"] == "majority":
            holders = sorted(w for w, r in rights.items() if r == "shared")
            out.update_decision(d, votes={holders[-1]: int(rng.integers(1, 4))})
    out.add_stakeholder("newcomer", kind="group")
    return out


@pytest.mark.parametrize("seed", range(25))
def test_random_network_and_its_edits(seed):
    rng = np.random.default_rng(seed)
    a = random_network(rng)
    b = random_edits(a, rng)
    check(a, b)
    check(b, a)
    ns = [str(x) for x in rng.choice(list(a.stakeholders.index), 2, replace=False)] \
        if a.num_stakeholders >= 2 else []
    check(a, b, not_surveyed=ns)


@pytest.mark.parametrize("seed", range(10))
def test_unrelated_random_networks(seed):
    rng = np.random.default_rng(1000 + seed)
    check(random_network(rng), random_network(rng))


# ---- the result ----------------------------------------------------------------------------


def test_result_is_frozen_and_typed(before):
    after = before.copy()
    after.remove_stakeholder("stonham", cascade=True)
    result = diff(before, after)
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.left_out_dyads = 3  # type: ignore[misc]
    assert result.stakeholders.index.name == "id"
    assert list(result.rights.index.names) == ["decision", "stakeholder"]
    assert list(result.relations.columns) == ["source", "target", "type", "scale", "occurrence",
                                              "change", "fields", "position_a", "position_b"]
    assert result.ties.index.name == "type"
    assert result.ties["jaccard"].dtype == np.float64
    assert result.ties["dyads"].dtype == np.int64
    assert str(result.relations["position_b"].dtype) == "Int64"
    assert isinstance(result.left_out_dyads, int)
    with pytest.raises(TypeError):
        result.totals["stakeholders"] = 0  # type: ignore[index]


def test_repr_and_html(before):
    after = before.copy()
    after.add_stakeholder("<script>alert(1)</script>", kind="group")
    after.add_relation("<script>alert(1)</script>", "twam_outreach", "trusts")
    result = diff(before, after, not_surveyed=["npt_staff"])
    text = repr(result)
    assert text.splitlines()[0] == "NetworkDiff"
    assert "  29 stakeholders: 1 appeared, 0 vanished, 0 changed" in text
    assert "  1 project: 0 appeared, 0 vanished, 0 changed" in text
    assert "ties of 11 other types unchanged" in text  # the new stakeholder is in one only
    assert "54 dyads left out of the tie comparison" in text
    markup = result._repr_html_()
    assert "<script>" not in markup and "&lt;script&gt;" in markup
    ET.fromstring(markup)  # well-formed: the display survives any renderer


def test_repr_names_the_ties_that_moved(before):
    after = before.copy()
    rel = after.relations
    after.remove_relation(int(rel.index[rel["type"] == "trusts"][0]))
    text = repr(diff(before, after))
    assert "ties of trusts: Jaccard 0.80, Hamming 1 (0 appeared, 1 vanished, 4 kept) over " \
           "756 dyads" in text
    empty = repr(diff(cp.Network(), cp.Network()))
    assert empty.splitlines()[1] == "  0 stakeholders: 0 appeared, 0 vanished, 0 changed"


def test_jaccard_is_nan_without_ties_and_said_so():
    a, b = cp.Network(), cp.Network()
    for net in (a, b):
        net.add_stakeholder("x", kind="group")
        net.add_stakeholder("y", kind="group")
    a.add_relation("x", "y", "trusts")
    result = diff(a, b, not_surveyed=["x"])
    assert math.isnan(result.ties.loc["trusts", "jaccard"])
    assert result.ties.loc["trusts", "dyads"] == 0 and result.left_out_dyads == 2


def test_refusals(before):
    with pytest.raises(cp.InputError) as err:
        diff("net.json", before)
    assert err.value.where == "a"
    with pytest.raises(cp.InputError) as err:
        diff(before, before._core)
    assert err.value.where == "b"
    for bad in ("npt_staff", [3], 7):
        with pytest.raises(cp.InputError) as err:
            diff(before, before, not_surveyed=bad)
        assert err.value.where == "not_surveyed"
    with pytest.raises(cp.InputError) as err:
        diff(before, before, not_surveyed=["nobody"])
    assert err.value.where == "not_surveyed" and '"nobody"' in str(err.value)


def test_diff_reads_alongside_other_readers_and_lets_go(before):
    after = before.copy()
    with before._core.reading():  # another reader holds the network: reading alongside is fine
        diff(before, after)
        with pytest.raises(cp.ConcurrentModificationError):
            before.add_stakeholder("late", kind="group")
    # The diff let go of both networks (also when it raised): changes go through again.
    with pytest.raises(cp.InputError):
        diff(before, after, not_surveyed=["nobody"])
    before.add_stakeholder("late", kind="group")
    after.add_stakeholder("later", kind="group")
    assert list(diff(before, after).stakeholders["change"]) == ["vanished", "appeared"]


def test_the_core_columns_as_documented(before):
    after = before.copy()
    after.remove_stakeholder("stonham", cascade=True)
    parts = _core.timeline.diff(before._core, after._core, ["npt_staff"])
    assert set(parts) == {"stakeholders", "projects", "decisions", "rights", "relations", "ties",
                          "left_out_dyads", "totals"}
    assert set(parts["relations"]) == {"source", "target", "type", "scale", "occurrence",
                                       "change", "fields", "position_a", "position_b"}
    assert parts["relations"]["occurrence"].dtype == np.int64
    assert parts["ties"]["jaccard"].dtype == np.float64
    assert parts["left_out_dyads"] == 27 * 26 - 26 * 25


def test_docstring_examples(monkeypatch):
    # The package exports the function as cp.diff, which the examples call.
    monkeypatch.setattr(cp, "diff", diff, raising=False)
    result = doctest.testmod(_diff, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.attempted > 0 and result.failed == 0


def test_threads_diff_at_once_and_agree(before):
    import threading
    after = before.copy()
    after.remove_stakeholder("stonham", cascade=True)
    results: List[NetworkDiff] = []
    threads = [threading.Thread(target=lambda: results.append(diff(before, after)))
               for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(results) == 4
    for r in results[1:]:
        pd.testing.assert_frame_equal(r.relations, results[0].relations)
        pd.testing.assert_frame_equal(r.ties, results[0].ties)
