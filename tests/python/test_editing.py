"""Editing a network from Python: every ``remove_*`` and ``update_*`` method, its refusals (typed,
naming the ids), its cascade and what it reports, the strong guarantee (a refused edit leaves
the network as it was), and equality with a network built directly; then random sequences of
inserts and edits against a pure-Python model of the tables."""

from __future__ import annotations

import copy
import pickle
from typing import Any, Dict, List, Optional, Tuple

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import coproduction as cp
from coproduction.network import Removal, RemovedRight

# -- a small partnership, as parts, so the expected network can be built directly -------------

STAKEHOLDERS: List[Tuple[str, Dict[str, Any]]] = [
    ("outreach", dict(kind="group", role="museum_staff", convenor=True, size=4)),
    ("probation_staff", dict(kind="group", role="front_line_staff", size=3)),
    ("womens_group", dict(kind="group", role="service_user", size=9)),
    ("objects", dict(kind="object")),
    ("funder", dict(kind="organisation", role="funder")),
]
RELATIONS: List[Tuple[str, str, str, Dict[str, Any]]] = [
    ("probation_staff", "outreach", "refers", {}),
    ("outreach", "probation_staff", "learns_from", {}),
    ("probation_staff", "outreach", "learns_from", {}),
    ("womens_group", "outreach", "learns_from",
     dict(weight=2, scale="session", reported_by="outreach", date="2013-02", method="observation")),
    ("objects", "womens_group", "mediates", {}),
    ("funder", "outreach", "funds", {}),
]
PROJECTS = ["film", "archive"]


def decisions() -> List[Dict[str, Any]]:
    return [
        dict(id="film_theme", project="film", stage="design", rule="quota", quota=3,
             rights={"outreach": "shared", "probation_staff": "shared", "womens_group": "shared",
                     "objects": "none"},
             votes={"outreach": 2, "probation_staff": 1, "womens_group": 2}, veto=["womens_group"]),
        dict(id="film_editing", project="film", stage="delivery", rule="sole", weight=0.5,
             rights={"outreach": "decides", "womens_group": "involved",
                     "probation_staff": "informed"}),
        dict(id="film_budget", project="film", stage="governance", rule="unanimity",
             rights={"outreach": "shared", "funder": "shared"}),
    ]


def build(stakeholders=None, relations=None, projects=None, decision_list=None) -> cp.Network:
    net = cp.Network()
    for id, fields in STAKEHOLDERS if stakeholders is None else stakeholders:
        net.add_stakeholder(id, **fields)
    for source, target, type, fields in RELATIONS if relations is None else relations:
        net.add_relation(source, target, type, **fields)
    for id in PROJECTS if projects is None else projects:
        net.add_project(id)
    for d in decisions() if decision_list is None else decision_list:
        spec = dict(d)
        net.add_decision(spec.pop("id"), **spec)
    return net


def without(parts, *ids):
    return [p for p in parts if p[0] not in ids]


def assert_same(net: cp.Network, expected: cp.Network) -> None:
    """Equal in every way a user sees: ==, the JSON text, every frame, decision power."""
    assert net == expected
    assert net.to_json() == expected.to_json()
    for frame in ("stakeholders", "relations", "projects", "decisions", "rights"):
        pd.testing.assert_frame_equal(getattr(net, frame), getattr(expected, frame))
    pd.testing.assert_frame_equal(cp.power.decision_power(net), cp.power.decision_power(expected))
    assert cp.read_json(net.to_json()) == net


def assert_refused(net: cp.Network, edit, kind, where: str, field: str, text: str):
    before, json_before = net.copy(), net.to_json()
    with pytest.raises(kind) as info:
        edit(net)
    err = info.value
    assert isinstance(err, cp.ModelError) and isinstance(err, ValueError)
    assert err.where == where, str(err)
    assert err.field == field, str(err)
    assert text in str(err), str(err)
    assert net == before and net.to_json() == json_before, "a refused edit changed the network"
    return err


# -- removing stakeholders ----------------------------------------------------------------------

def test_adding_then_removing_a_stakeholder_gives_the_network_back():
    net = build()
    pickled = pickle.dumps(net)
    copied = net.copy()
    net.add_stakeholder("visitor", kind="person", label="A visitor")
    gone = net.remove_stakeholder("visitor")
    assert gone == Removal(stakeholders=("visitor",))
    assert str(gone) == "removed 1 stakeholder"
    assert_same(net, build())
    # Copies and pickles taken before an edit are values: they do not change.
    net.remove_decision("film_budget")
    assert pickle.loads(pickled) == build() and copied == build()


def test_later_stakeholders_move_up_and_every_index_follows():
    net = build(stakeholders=[STAKEHOLDERS[0], ("visitors", dict(kind="group"))] + STAKEHOLDERS[1:])
    assert net._core.vertex("womens_group") == 3
    net.remove_stakeholder("visitors")
    assert net._core.vertex("womens_group") == 2
    assert "visitors" not in net
    assert_same(net, build())
    ids, source, target, _ = net._core.layer_edges(None, None, True)
    assert [(ids[s], ids[t]) for s, t in zip(source, target)] == \
        [(s, t) for s, t, _, _ in RELATIONS]


def test_a_stakeholder_referred_to_is_not_removed_without_cascade():
    net = build()
    err = assert_refused(
        net, lambda n: n.remove_stakeholder("womens_group"), cp.ModelError, "womens_group", "",
        'referred to by 2 relations (womens_group->outreach (learns_from), '
        'objects->womens_group (mediates)) and by the rights of 2 decisions ("film_theme", '
        '"film_editing"); remove or change those first, or remove with cascade')
    assert type(err) is cp.ModelError and err.code == "model.in_use"
    assert str(err).startswith("[coproduction.model.in_use] womens_group: ")
    # A right of "none" lists the stakeholder: it refers to it too.
    net.remove_relation(("objects", "womens_group", "mediates"))
    assert_refused(net, lambda n: n.remove_stakeholder("objects"), cp.ModelError, "objects", "",
                   'referred to by the rights of 1 decision ("film_theme")')
    assert_refused(net, lambda n: n.remove_stakeholder("nhs"), cp.UnknownIdError, "nhs", "",
                   'unknown stakeholder "nhs"')


def test_cascade_removes_relations_and_entries_and_says_what_went():
    net = build()
    gone = net.remove_stakeholder("womens_group", cascade=True)
    assert gone.stakeholders == ("womens_group",)
    assert gone.relations == (("womens_group", "outreach", "learns_from"),
                              ("objects", "womens_group", "mediates"))
    assert gone.decisions == () and gone.projects == ()
    assert gone.rights == (RemovedRight("film_theme", "womens_group", "shared", 2, True),
                           RemovedRight("film_editing", "womens_group", "involved", None, False))
    assert str(gone) == "removed 1 stakeholder, 2 relations and 2 rights"
    # By hand: outreach (2 votes) and probation staff (1) still reach the quota of 3.
    expected = decisions()
    for d in expected:
        d["rights"].pop("womens_group", None)
        d.get("votes", {}).pop("womens_group", None)
        d.pop("veto", None)
    assert_same(net, build(stakeholders=without(STAKEHOLDERS, "womens_group"),
                           relations=[r for r in RELATIONS if "womens_group" not in r[:2]],
                           decision_list=expected))
    # The power of the women's group went to the others: 1/2 each under quota 3 of 2 + 1.
    power = cp.power.decision_power(net, weighted=False)
    assert power.loc["outreach", "film_theme"] == pytest.approx(0.5)


def test_cascade_removes_a_decision_whose_rule_no_longer_holds():
    net = build()
    gone = net.remove_stakeholder("outreach", cascade=True)
    # film_editing's sole decider is gone; film_theme (1 + 2 votes, quota 3) and film_budget
    # (the funder alone, unanimity) still hold.
    assert gone.decisions == ("film_editing",)
    assert len(gone.relations) == 5
    assert gone.rights == (RemovedRight("film_theme", "outreach", "shared", 2, False),
                           RemovedRight("film_budget", "outreach", "shared", None, False))
    kept = [d for d in decisions() if d["id"] != "film_editing"]
    for d in kept:
        d["rights"].pop("outreach", None)
        d.get("votes", {}).pop("outreach", None)
    assert_same(net, build(stakeholders=without(STAKEHOLDERS, "outreach"),
                           relations=[r for r in RELATIONS if "outreach" not in r[:2]],
                           decision_list=kept))
    assert list(net.relations["type"]) == ["mediates"]


def test_many_stakeholders_in_one_pass_all_or_none():
    net, one_by_one = build(), build()
    gone = net.remove_stakeholders(["funder", "objects", "funder"], cascade=True)
    assert gone.stakeholders == ("objects", "funder")  # network order, once each
    one_by_one.remove_stakeholder("funder", cascade=True)
    one_by_one.remove_stakeholder("objects", cascade=True)
    assert_same(net, one_by_one)
    net = build()
    assert_refused(net, lambda n: n.remove_stakeholders(["objects", "nhs"], cascade=True),
                   cp.UnknownIdError, "nhs", "", 'unknown stakeholder "nhs"')
    assert_refused(net, lambda n: n.remove_stakeholders(["funder", "objects"]), cp.ModelError,
                   "funder", "", "referred to by 2 relations")
    # A lone str is one id, and a pandas Index works as a list.
    assert net.remove_stakeholders("objects", cascade=True).stakeholders == ("objects",)
    everyone = net.remove_stakeholders(net.stakeholders.index, cascade=True)
    assert len(everyone.decisions) == 3 and net.num_stakeholders == 0 and net.num_relations == 0


# -- removing relations, projects and decisions ----------------------------------------------

def test_relations_by_position_or_key():
    net = build()
    assert net.remove_relation(0).relations == (("probation_staff", "outreach", "refers"),)
    assert_same(net, build(relations=RELATIONS[1:]))
    # np.int64, as a frame's index gives it, is a position too.
    gone = net.remove_relation(np.int64(4))
    assert gone.relations == (("funder", "outreach", "funds"),)
    assert_same(net, build(relations=RELATIONS[1:5]))
    # Put back, the relation is new again and goes at the end.
    net.add_relation("probation_staff", "outreach", "refers")
    assert_same(net, build(relations=RELATIONS[1:5] + RELATIONS[:1]))


def test_removing_relations_selected_in_the_frame():
    net = build()
    frame = net.relations
    learning = frame.index[frame["type"] == "learns_from"]
    gone = net.remove_relations(learning)
    assert str(gone) == "removed 3 relations"
    assert_same(net, build(relations=[r for r in RELATIONS if r[2] != "learns_from"]))
    net = build()
    net.remove_relations([5, ("objects", "womens_group", "mediates"), 5, 0])
    assert_same(net, build(relations=RELATIONS[1:4]))
    assert net.remove_relations([]) == Removal()
    assert str(Removal()) == "removed nothing"


def test_relation_refusals():
    net = build()
    assert_refused(net, lambda n: n.remove_relation(6), cp.UnknownIdError, "relation 6", "",
                   "no relation at position 6 (the network has 6 relations)")
    assert_refused(net, lambda n: n.remove_relations([0, 9]), cp.UnknownIdError, "relation 9",
                   "", "no relation at position 9")
    assert_refused(net, lambda n: n.remove_relation(("outreach", "funder", "funds")),
                   cp.UnknownIdError, "outreach->funder (funds)", "",
                   "no relation outreach->funder (funds)")
    assert_refused(net, lambda n: n.remove_relations([("a", "b", "c"), ("d", "e", "f")]),
                   cp.UnknownIdError, "a->b (c)", "", "no relation a->b (c)")
    for key in (-1, True, "outreach", ("outreach", "funder"), 1.0):
        with pytest.raises(cp.InputError, match="key"):
            net.remove_relation(key)  # type: ignore[arg-type]
    assert net == build()


def test_projects_and_decisions():
    net = build()
    err = assert_refused(net, lambda n: n.remove_project("film"), cp.ModelError, "film", "",
                         '3 decisions ("film_theme", "film_editing", "film_budget") belong to it')
    assert err.code == "model.in_use"
    gone = net.remove_project("film", cascade=True)
    assert gone == Removal(projects=("film",),
                           decisions=("film_theme", "film_editing", "film_budget"))
    assert_same(net, build(projects=["archive"], decision_list=[]))
    assert net.remove_projects(["archive"]).projects == ("archive",)
    net = build()
    assert net.remove_decision("film_editing").decisions == ("film_editing",)
    assert_same(net, build(decision_list=[d for d in decisions() if d["id"] != "film_editing"]))
    assert_refused(net, lambda n: n.remove_decision("film_editing"), cp.UnknownIdError,
                   "film_editing", "", 'unknown decision "film_editing"')
    assert net.remove_decisions(["film_budget", "film_theme"]).decisions == \
        ("film_theme", "film_budget")
    assert net.num_decisions == 0


# -- updating -------------------------------------------------------------------------------

def test_update_stakeholder_changes_only_what_is_given_and_none_clears():
    net = build()
    net.update_stakeholder("womens_group", paid=True, label="Women's group", size=None,
                           attributes={"meets": "weekly"})
    expected = [(id, dict(f)) for id, f in STAKEHOLDERS]
    expected[2][1].update(paid=True, label="Women's group", attributes={"meets": "weekly"})
    expected[2][1].pop("size")
    assert_same(net, build(stakeholders=expected))
    net.update_stakeholder("womens_group", **{k: None for k in ("paid", "label", "attributes")},
                           size=9)
    assert_same(net, build())


def test_update_stakeholder_is_checked_as_an_insert():
    net = build()
    assert_refused(net, lambda n: n.update_stakeholder("womens_group", size=0),
                   cp.InvalidValueError, "womens_group", "size", "must be an integer >= 1")
    assert_refused(net, lambda n: n.update_stakeholder("outreach", kind="robot"),
                   cp.InvalidValueError, "outreach", "kind", "not one of person, group")
    assert_refused(net, lambda n: n.update_stakeholder("outreach", kind="person"),
                   cp.InvalidValueError, "outreach", "size", "a person's size is 1, not 4")
    assert_refused(net, lambda n: n.update_stakeholder("funder", kind="object"),
                   cp.InvalidValueError, "funder", "kind",
                   'an object holds no decision rights, and "funder" holds shared in decision '
                   '"film_budget"')
    assert_refused(net, lambda n: n.update_stakeholder("nhs", paid=True), cp.UnknownIdError,
                   "nhs", "", 'unknown stakeholder "nhs"')
    assert_refused(net, lambda n: n.update_stakeholder("funder", id="outreach"),
                   cp.DuplicateIdError, "outreach", "id", 'stakeholder "outreach" already exists')
    with pytest.raises(TypeError, match="kind cannot be None"):
        net.update_stakeholder("funder", kind=None)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="size"):
        net.update_stakeholder("funder", size="large")  # type: ignore[arg-type]
    with pytest.raises(cp.InputError, match="lone surrogate"):
        net.update_stakeholder("funder", label="\udc80")
    assert net == build()


def test_renaming_a_stakeholder_rewrites_every_reference():
    net = build()
    net.update_stakeholder("outreach", id="museum")
    net.update_stakeholder("womens_group", id="women")
    rename = {"outreach": "museum", "womens_group": "women"}.get

    def renamed(id):
        return rename(id, id)

    relations = []
    for s, t, type, fields in RELATIONS:
        fields = dict(fields)
        if "reported_by" in fields:
            fields["reported_by"] = renamed(fields["reported_by"])
        relations.append((renamed(s), renamed(t), type, fields))
    expected = decisions()
    for d in expected:
        d["rights"] = {renamed(k): v for k, v in d["rights"].items()}
        if "votes" in d:
            d["votes"] = {renamed(k): v for k, v in d["votes"].items()}
        if "veto" in d:
            d["veto"] = [renamed(k) for k in d["veto"]]
    assert_same(net, build(stakeholders=[(renamed(id), f) for id, f in STAKEHOLDERS],
                           relations=relations, decision_list=expected))
    assert net.relations.loc[3, "reported_by"] == "museum"


def test_update_relation():
    net = build()
    net.update_relation(("funder", "outreach", "funds"), weight=3, scale="place")
    net.update_relation(0, type="consults", reported_by="probation_staff")
    net.update_relation(3, reported_by=None, date=None, method=None, scale=None, weight=None)
    relations = [list(r) for r in RELATIONS]
    relations[5][3] = dict(weight=3, scale="place")
    relations[0][2], relations[0][3] = "consults", dict(reported_by="probation_staff")
    relations[3][3] = {}
    assert_same(net, build(relations=[tuple(r) for r in relations]))
    assert list(net.relations["type"].unique()) == \
        ["consults", "learns_from", "mediates", "funds"]
    assert_refused(net, lambda n: n.update_relation(1, source="probation_staff", target="outreach"),
                   cp.DuplicateIdError, "probation_staff->outreach (learns_from)", "",
                   "already exists")
    assert_refused(net, lambda n: n.update_relation(1, target="outreach"), cp.InvalidValueError,
                   "outreach->outreach (learns_from)", "target", "cannot relate to itself")
    assert_refused(net, lambda n: n.update_relation(1, weight=float("nan")),
                   cp.InvalidValueError, "outreach->probation_staff (learns_from)", "weight",
                   "finite number > 0")
    assert_refused(net, lambda n: n.update_relation(1, date="2013-13"), cp.InvalidValueError,
                   "outreach->probation_staff (learns_from)", "provenance/date", "is not a date")
    assert_refused(net, lambda n: n.update_relation(7, weight=2), cp.UnknownIdError,
                   "relation 7", "", "no relation at position 7")
    assert_refused(net, lambda n: n.update_relation(("a", "b", "c"), weight=2),
                   cp.UnknownIdError, "a->b (c)", "", "no relation a->b (c)")
    with pytest.raises(TypeError, match="type cannot be None"):
        net.update_relation(1, type=None)  # type: ignore[arg-type]


def test_update_project_and_decision():
    net = build()
    net.update_project("film", id="stories", claimed="co-production")
    assert set(net.decisions["project"]) == {"stories"}
    expected = decisions()
    for d in expected:
        d["project"] = "stories"
    fresh = build(projects=[], decision_list=[])
    fresh.add_project("stories", claimed="co-production")
    fresh.add_project("archive")
    for d in expected:
        spec = dict(d)
        fresh.add_decision(spec.pop("id"), **spec)
    assert_same(net, fresh)
    assert_refused(net, lambda n: n.update_project("stories", id="archive"), cp.DuplicateIdError,
                   "archive", "id", 'project "archive" already exists')
    assert_refused(net, lambda n: n.update_project("archive", claimed="partnership"),
                   cp.InvalidValueError, "archive", "claimed", "co-design")

    net = build()
    # Taking the women's group's right away while a vote and a veto are still given to them
    # is refused; with the rule changed in the same call it goes through.
    rights = dict(decisions()[0]["rights"], womens_group="involved")
    assert_refused(net, lambda n: n.update_decision("film_theme", rights=rights),
                   cp.InvalidValueError, "film_theme", "rule/votes/womens_group",
                   '"womens_group" does not hold the decision')
    net.update_decision("film_theme", rights=rights,
                        rule={"kind": "quota", "votes": {"outreach": 2}, "quota": 3})
    expected = decisions()
    expected[0].update(rights=rights, votes={"outreach": 2})
    expected[0].pop("veto")
    assert_same(net, build(decision_list=expected))
    # A rule as a word changes the kind only; votes, quota and veto apart.
    assert_refused(net, lambda n: n.update_decision("film_theme", rule="majority"),
                   cp.InvalidValueError, "film_theme", "rule/quota", "only a quota rule")
    net.update_decision("film_theme", rule="majority", quota=None, votes=None, veto="outreach")
    expected[0].update(rule="majority", veto=["outreach"])
    for part in ("quota", "votes"):
        expected[0].pop(part)
    assert_same(net, build(decision_list=expected))
    net.update_decision("film_theme", id="theme", stage="conception", weight=2, label="Theme")
    expected[0].update(id="theme", stage="conception", weight=2, label="Theme")
    assert_same(net, build(decision_list=expected))
    assert_refused(net, lambda n: n.update_decision("theme", id="film_budget"),
                   cp.DuplicateIdError, "film_budget", "id", "already exists")
    assert_refused(net, lambda n: n.update_decision("theme", rights={"objects": "shared"}),
                   cp.InvalidValueError, "theme", "rights/objects", "cannot hold a right")
    assert_refused(net, lambda n: n.update_decision("theme", project="exhibition"),
                   cp.UnknownIdError, "theme", "project", 'unknown project "exhibition"')
    with pytest.raises(cp.InputError, match="unknown keys"):
        net.update_decision("theme", rule={"kind": "sole", "holder": "outreach"})


# -- random sequences of inserts and edits against a model of the tables ----------------------

IDS = ["a", "b", "c", "d", "e"]  # the stakeholders each sequence starts with
NEW_IDS = IDS + ["f", "g"]       # and those its steps name
TYPES = ["informs", "trusts", "learns_from"]
DECISION_IDS = ["d0", "d1", "d2", "d3"]
PROJECT_IDS = ["p", "q"]
RIGHT_WORDS = ["none", "informed", "shared", "shared", "decides", "decides"]
KINDS_DRAWN = ["person", "group", "group", "person", "object"]


class Refused(Exception):
    """The model says the network must refuse this step."""


class Model:
    """The tables of a network as plain Python: what an edit should leave, computed here
    without the library."""

    def __init__(self) -> None:
        self.stakeholders: Dict[str, str] = {}  # id -> kind, in order
        self.relations: List[List[Any]] = []     # [source, target, type, weight, reported_by]
        self.projects: List[str] = ["p"]
        self.decisions: List[Dict[str, Any]] = []  # id, project, rights, rule, votes, veto

    def build(self) -> cp.Network:
        net = cp.Network()
        for id, kind in self.stakeholders.items():
            net.add_stakeholder(id, kind=kind)
        for s, t, type, weight, reporter in self.relations:
            net.add_relation(s, t, type, weight=weight, reported_by=reporter)
        for p in self.projects:
            net.add_project(p)
        for d in self.decisions:
            net.add_decision(d["id"], project=d["project"], stage="design", rights=d["rights"],
                             rule=d["rule"], votes=d["votes"], veto=d["veto"])
        return net

    # -- the rules of the format, checked independently ---------------------------------------

    @staticmethod
    def rule_holds(d: Dict[str, Any]) -> bool:
        holders = [s for s, r in d["rights"].items() if r in ("shared", "decides")]
        deciders = [s for s, r in d["rights"].items() if r == "decides"]
        return (bool(holders) and (d["rule"] != "sole" or len(deciders) == 1)
                and (not d["votes"] or d["rule"] in ("majority", "quota"))
                and all(s in holders for s in d["votes"])
                and all(s in holders for s in d["veto"]) and len(set(d["veto"])) == len(d["veto"]))

    def decision_ok(self, d: Dict[str, Any], others: List[Dict[str, Any]]) -> bool:
        return (d["id"] not in {o["id"] for o in others} and d["project"] in self.projects
                and all(s in self.stakeholders and (self.stakeholders[s] != "object" or r == "none")
                        for s, r in d["rights"].items())
                and self.rule_holds(d))

    def position(self, key: Any) -> int:
        if isinstance(key, int):
            if key >= len(self.relations):
                raise Refused
            return key
        for i, r in enumerate(self.relations):
            if tuple(r[:3]) == key:
                return i
        raise Refused

    # -- each step: changes the model, or raises Refused; returns the expected Removal --------

    def step(self, op: Tuple[Any, ...]) -> Optional[Removal]:
        name, args = op[0], op[1:]
        if name == "add_stakeholder":
            id, kind = args
            if id in self.stakeholders:
                raise Refused
            self.stakeholders[id] = kind
        elif name == "add_relation":
            s, t, type, weight, reporter = args
            if (s not in self.stakeholders or t not in self.stakeholders or s == t
                    or any(r[:3] == [s, t, type] for r in self.relations)):
                raise Refused
            self.relations.append([s, t, type, weight, reporter])
        elif name == "add_project":
            if args[0] in self.projects:
                raise Refused
            self.projects.append(args[0])
        elif name == "add_decision":
            d = args[0]
            if not self.decision_ok(d, self.decisions):
                raise Refused
            self.decisions.append(copy.deepcopy(d))
        elif name == "remove_stakeholders":
            return self.remove_stakeholders(*args)
        elif name == "remove_relations":
            keys = args[0]
            gone = sorted({self.position(k) for k in keys})
            removed = tuple(tuple(self.relations[i][:3]) for i in gone)
            self.relations = [r for i, r in enumerate(self.relations) if i not in gone]
            return Removal(relations=removed)
        elif name == "remove_decision":
            (id,) = args
            if id not in {d["id"] for d in self.decisions}:
                raise Refused
            self.decisions = [d for d in self.decisions if d["id"] != id]
            return Removal(decisions=(id,))
        elif name == "remove_project":
            id, cascade = args
            if id not in self.projects:
                raise Refused
            theirs = tuple(d["id"] for d in self.decisions if d["project"] == id)
            if theirs and not cascade:
                raise Refused
            self.projects.remove(id)
            self.decisions = [d for d in self.decisions if d["project"] != id]
            return Removal(projects=(id,), decisions=theirs)
        elif name == "update_stakeholder":
            self.update_stakeholder(*args)
        elif name == "update_relation":
            key, changes = args
            i = self.position(key)
            r = list(self.relations[i])
            for field, value in changes.items():
                r[["source", "target", "type", "weight", "reported_by"].index(field)] = value
            if (r[0] not in self.stakeholders or r[1] not in self.stakeholders or r[0] == r[1]
                    or any(o[:3] == r[:3] for j, o in enumerate(self.relations) if j != i)):
                raise Refused
            self.relations[i] = r
        elif name == "update_decision":
            id, changes = args
            at = [k for k, d in enumerate(self.decisions) if d["id"] == id]
            if not at:
                raise Refused
            d = dict(copy.deepcopy(self.decisions[at[0]]), **copy.deepcopy(changes))
            if not self.decision_ok(d, [o for o in self.decisions if o["id"] != id]):
                raise Refused
            self.decisions[at[0]] = d
        elif name == "update_project":
            id, new = args
            if id not in self.projects or (new != id and new in self.projects):
                raise Refused
            self.projects[self.projects.index(id)] = new
            for d in self.decisions:
                if d["project"] == id:
                    d["project"] = new
        return None

    def remove_stakeholders(self, ids: List[str], cascade: bool) -> Removal:
        if any(id not in self.stakeholders for id in ids):
            raise Refused
        going = set(ids)
        relations = [r for r in self.relations if r[0] in going or r[1] in going]
        listing = [d for d in self.decisions if going & set(d["rights"])]
        if (relations or listing) and not cascade:
            raise Refused
        removed_decisions, rights, kept = [], [], []
        for d in self.decisions:
            if d not in listing:
                kept.append(d)
                continue
            trimmed = dict(d, rights={s: r for s, r in d["rights"].items() if s not in going},
                           votes={s: v for s, v in d["votes"].items() if s not in going},
                           veto=[s for s in d["veto"] if s not in going])
            if self.rule_holds(trimmed):
                kept.append(trimmed)
                rights += [RemovedRight(d["id"], s, d["rights"][s], d["votes"].get(s),
                                        s in d["veto"])
                           for s in sorted(d["rights"]) if s in going]
            else:
                removed_decisions.append(d["id"])
        expected = Removal(stakeholders=tuple(s for s in self.stakeholders if s in going),
                           relations=tuple(tuple(r[:3]) for r in relations),
                           decisions=tuple(removed_decisions), rights=tuple(rights))
        self.stakeholders = {s: k for s, k in self.stakeholders.items() if s not in going}
        self.relations = [r for r in self.relations if r not in relations]
        self.decisions = kept
        return expected

    def update_stakeholder(self, id: str, new: Optional[str], kind: Optional[str]) -> None:
        if id not in self.stakeholders or (new is not None and new != id
                                           and new in self.stakeholders):
            raise Refused
        if kind == "object" and any(d["rights"].get(id, "none") != "none"
                                    for d in self.decisions):
            raise Refused
        if kind is not None:
            self.stakeholders[id] = kind
        if new is None or new == id:
            return
        self.stakeholders = {(new if s == id else s): k for s, k in self.stakeholders.items()}
        for r in self.relations:
            r[:2] = [new if e == id else e for e in r[:2]]
            if r[4] == id:
                r[4] = new
        for d in self.decisions:
            d["rights"] = {(new if s == id else s): v for s, v in d["rights"].items()}
            d["votes"] = {(new if s == id else s): v for s, v in d["votes"].items()}
            d["veto"] = [new if s == id else s for s in d["veto"]]


ids = st.sampled_from(NEW_IDS)
relation_keys = st.one_of(st.integers(0, 5), st.tuples(ids, ids, st.sampled_from(TYPES)))


@st.composite
def a_decision(draw) -> Dict[str, Any]:
    rights = draw(st.dictionaries(st.sampled_from(IDS), st.sampled_from(RIGHT_WORDS), min_size=1,
                                  max_size=3))
    deciders = [s for s, r in rights.items() if r == "decides"]
    rule = draw(st.sampled_from(["sole", "unanimity", "majority"] if len(deciders) == 1
                                else ["unanimity", "majority"]))
    # Mostly a holder for the votes and the veto, sometimes anyone (to be refused).
    holders = sorted(s for s, r in rights.items() if r in ("shared", "decides")) or sorted(rights)
    named = draw(st.sampled_from(holders + [sorted(rights)[0]]))
    return dict(id=draw(st.sampled_from(DECISION_IDS)), project=draw(st.sampled_from("pppq")),
                rights=rights, rule=rule,
                votes={named: 2} if rule == "majority" and draw(st.booleans()) else {},
                veto=[named] if draw(st.booleans()) else [])


OPS = st.one_of(
    st.tuples(st.just("add_stakeholder"), ids, st.sampled_from(KINDS_DRAWN)),
    st.tuples(st.just("add_relation"), ids, ids, st.sampled_from(TYPES),
              st.sampled_from([None, 2.0]), st.sampled_from([None, "a", "b"])),
    st.tuples(st.just("add_project"), st.sampled_from(PROJECT_IDS)),
    st.tuples(st.just("add_decision"), a_decision()),
    st.tuples(st.just("remove_stakeholders"),
              st.lists(st.sampled_from(IDS + ["f"]), min_size=1, max_size=3), st.booleans()),
    st.tuples(st.just("remove_relations"), st.lists(relation_keys, min_size=1, max_size=2)),
    st.tuples(st.just("remove_decision"), st.sampled_from(DECISION_IDS)),
    st.tuples(st.just("remove_project"), st.sampled_from(PROJECT_IDS), st.booleans()),
    st.tuples(st.just("update_stakeholder"), ids, st.one_of(st.none(), ids),
              st.sampled_from([None, "person", "object"])),
    st.tuples(st.just("update_relation"), relation_keys,
              st.fixed_dictionaries({}, optional={"source": ids, "target": ids,
                                                  "type": st.sampled_from(TYPES),
                                                  "weight": st.sampled_from([None, 3.0]),
                                                  "reported_by": st.sampled_from([None, "c"])})),
    st.tuples(st.just("update_decision"), st.sampled_from(DECISION_IDS),
              a_decision().map(lambda d: {k: d[k] for k in ("rights", "rule", "votes", "veto")})),
    st.tuples(st.just("update_project"), st.sampled_from(PROJECT_IDS),
              st.sampled_from(PROJECT_IDS + ["r"])),
)


def run(net: cp.Network, op: Tuple[Any, ...]) -> Optional[Removal]:
    name, args = op[0], op[1:]
    if name == "add_stakeholder":
        net.add_stakeholder(args[0], kind=args[1])
    elif name == "add_relation":
        s, t, type, weight, reporter = args
        net.add_relation(s, t, type, weight=weight, reported_by=reporter)
    elif name == "add_project":
        net.add_project(args[0])
    elif name == "add_decision":
        d = dict(args[0])
        net.add_decision(d.pop("id"), stage="design", **d)
    elif name == "remove_stakeholders":
        if len(args[0]) == 1:
            return net.remove_stakeholder(args[0][0], cascade=args[1])
        return net.remove_stakeholders(args[0], cascade=args[1])
    elif name == "remove_relations":
        if len(args[0]) == 1:
            return net.remove_relation(args[0][0])
        return net.remove_relations(args[0])
    elif name == "remove_decision":
        return net.remove_decision(args[0])
    elif name == "remove_project":
        return net.remove_project(args[0], cascade=args[1])
    elif name == "update_stakeholder":
        id, new, kind = args
        changes = {k: v for k, v in (("id", new), ("kind", kind)) if v is not None}
        net.update_stakeholder(id, **changes)
    elif name == "update_relation":
        net.update_relation(args[0], **args[1])
    elif name == "update_decision":
        net.update_decision(args[0], **args[1])
    elif name == "update_project":
        net.update_project(args[0], id=args[1])
    return None


def tables_of(net: cp.Network) -> Dict[str, Any]:
    """The network's tables as plain lists, to compare with the model's."""
    relations = net.relations
    rights = net.rights.reset_index()
    return {
        "stakeholders": list(zip(net.stakeholders.index, net.stakeholders["kind"].astype(str))),
        "relations": [[s, t, ty, w, r] for s, t, ty, w, r in zip(
            relations["source"], relations["target"], relations["type"], relations["weight"],
            relations["reported_by"])],
        "projects": list(net.projects.index),
        "decisions": list(zip(net.decisions.index, net.decisions["project"], net.decisions["rule"].astype(str))),
        "rights": [(d, s, str(r), None if pd.isna(v) else int(v), bool(x)) for d, s, r, v, x in zip(
            rights["decision"], rights["stakeholder"], rights["right"], rights["votes"], rights["veto"])],
    }


def model_tables(model: Model) -> Dict[str, Any]:
    return {
        "stakeholders": list(model.stakeholders.items()),
        "relations": [[s, t, ty, 1.0 if w is None else w, r] for s, t, ty, w, r in model.relations],
        "projects": list(model.projects),
        "decisions": [(d["id"], d["project"], d["rule"]) for d in model.decisions],
        "rights": [(d["id"], s, d["rights"][s], d["votes"].get(s), s in d["veto"])
                   for d in model.decisions for s in sorted(d["rights"])],
    }


@st.composite
def sequences(draw) -> List[Tuple[Any, ...]]:
    """A partnership built step by step (stakeholders a to e, some relations and decisions),
    then edits mixed with more inserts."""
    kinds = ["group", "person", "group"] + draw(st.lists(st.sampled_from(KINDS_DRAWN),
                                                         min_size=2, max_size=2))
    setup: List[Tuple[Any, ...]] = [("add_stakeholder", id, k) for id, k in zip(IDS, kinds)]
    setup += draw(st.lists(st.tuples(st.just("add_relation"), st.sampled_from(IDS),
                                     st.sampled_from(IDS), st.sampled_from(TYPES),
                                     st.sampled_from([None, 2.0]),
                                     st.sampled_from([None, "a", "b"])), max_size=10))
    setup += draw(st.lists(st.tuples(st.just("add_decision"), a_decision()), max_size=6))
    return setup + draw(st.lists(OPS, min_size=1, max_size=25))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(sequences())
def test_random_edits_match_a_model_of_the_tables(ops):
    net, model = cp.Network(), Model()
    net.add_project("p")
    for op in ops:
        trial = copy.deepcopy(model)
        try:
            expected = trial.step(op)
        except Refused:
            expected = Refused
        before = net.to_json()
        try:
            got = run(net, op)
        except cp.ModelError:
            assert expected is Refused, f"{op} was refused; the model accepts it"
            assert net.to_json() == before, f"{op} was refused but changed the network"
            continue
        assert expected is not Refused, f"{op} went through; the model refuses it"
        model = trial
        if expected is not None:
            assert got == expected, op
        assert tables_of(net) == model_tables(model), op
    # After the whole sequence: the same network as one built directly, in every respect.
    assert_same(net, model.build())
