"""The published JSON Schema of the coproduction format, version 1.

The schema is checked against the draft 2020-12 meta-schema, the example data sets and the
valid fixtures must pass it, and for every rule the schema can express a hand-made document
that breaks only that rule must fail, at the JSON pointer the rule is about. Each broken
document is a small valid document with one change, so a failure can only come from that
change. Rules that compare parts of a document (unknown ids, duplicates, quota above the
votes) are out of a JSON Schema's reach and are the reader's to check.
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any, Callable

import jsonschema
import pytest

ROOT = Path(__file__).resolve().parents[2]
SCHEMA_PATH = ROOT / "docs" / "schema" / "coproduction-1.schema.json"
EXAMPLES = sorted((ROOT / "python" / "coproduction" / "data").rglob("*.json"))
FIXTURES = sorted(
    p for p in (ROOT / "tests" / "data").rglob("*.json")
    # tests/data/xlsx holds what a workbook's cells read as, not network documents
    if not p.name.startswith("invalid_") and "xlsx" not in p.relative_to(ROOT).parts
)


def load(path: Path) -> Any:
    with path.open(encoding="utf-8") as f:
        return json.load(f)


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(load(SCHEMA_PATH))


def test_schema_is_valid_draft_2020_12() -> None:
    schema = load(SCHEMA_PATH)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)


def test_the_two_examples_are_shipped() -> None:
    assert {p.name for p in EXAMPLES} >= {
        "twam_partners_2013.json",
        "nml_collaboration_types.json",
    }


@pytest.mark.parametrize("path", EXAMPLES + FIXTURES, ids=lambda p: str(p.relative_to(ROOT)))
def test_valid_documents_pass(validator: jsonschema.Draft202012Validator, path: Path) -> None:
    errors = [
        f"/{'/'.join(map(str, e.absolute_path))}: {e.message}"
        for e in validator.iter_errors(load(path))
    ]
    assert errors == []


# ---- hand-made documents ------------------------------------------------------------------


def base() -> dict[str, Any]:
    """A small document that uses every field of the format once and is valid."""
    return {
        "format": "coproduction",
        "version": 1,
        "metadata": {"title": "test partnership"},
        "stakeholders": [
            {
                "id": "outreach",
                "label": "Museum outreach team",
                "kind": "group",
                "role": "museum_staff",
                "sector": "museum",
                "expertise": "learnt",
                "under_served": False,
                "paid": True,
                "convenor": True,
                "size": 4,
                "influence": 3.5,
                "attributes": {"code": "M1"},
            },
            {
                "id": "womens_group",
                "kind": "group",
                "role": "service_user",
                "expertise": "lived",
                "under_served": True,
                "size": 9,
            },
            {"id": "officer", "kind": "person", "role": "front_line_staff", "size": 1},
            {"id": "objects", "kind": "object"},
        ],
        "relations": [
            {
                "source": "womens_group",
                "target": "outreach",
                "type": "learns_from",
                "weight": 2,
                "scale": "session",
                "provenance": {
                    "reported_by": "outreach",
                    "date": "2013-02-14",
                    "method": "report",
                },
                "attributes": {"quote": "new skills"},
            },
            {"source": "objects", "target": "womens_group", "type": "mediates"},
        ],
        "projects": [
            {"id": "film", "label": "Stories on film", "claimed": "co-production",
             "attributes": {}}
        ],
        "decisions": [
            {
                "id": "theme",
                "label": "Theme of the film",
                "project": "film",
                "stage": "design",
                "rights": {
                    "outreach": "shared",
                    "womens_group": "shared",
                    "officer": "shared",
                    "objects": "none",
                },
                "rule": {
                    "kind": "quota",
                    "votes": {"outreach": 2, "womens_group": 2, "officer": 1},
                    "quota": 3,
                    "veto": ["womens_group"],
                },
                "weight": 1.5,
                "attributes": {},
            },
            {
                "id": "sessions",
                "project": "film",
                "stage": "delivery",
                "rights": {"outreach": "decides", "womens_group": "involved"},
                "rule": {"kind": "sole"},
            },
        ],
    }


Edit = Callable[[dict[str, Any]], None]


def parent_of(doc: Any, pointer: str) -> tuple[Any, Any]:
    """The container of the value at an RFC 6901 pointer, and the key or index in it."""
    *parents, last = [t.replace("~1", "/").replace("~0", "~") for t in pointer.split("/")[1:]]
    node = doc
    for token in parents:
        node = node[int(token)] if isinstance(node, list) else node[token]
    return node, int(last) if isinstance(node, list) else last


def setter(pointer: str, value: Any) -> Edit:
    """An edit that sets the value at a pointer (adding the last key if it is new)."""

    def edit(doc: dict[str, Any]) -> None:
        node, key = parent_of(doc, pointer)
        node[key] = value

    return edit


def remover(pointer: str) -> Edit:
    def edit(doc: dict[str, Any]) -> None:
        node, key = parent_of(doc, pointer)
        del node[key]

    return edit


def both(*edits: Edit) -> Edit:
    def edit(doc: dict[str, Any]) -> None:
        for e in edits:
            e(doc)

    return edit


def pointers(validator: jsonschema.Draft202012Validator, doc: Any) -> list[str]:
    return ["/" + "/".join(map(str, e.absolute_path)) for e in validator.iter_errors(doc)]


def test_base_document_is_valid(validator: jsonschema.Draft202012Validator) -> None:
    assert pointers(validator, base()) == []


S0 = "/stakeholders/0"
R0 = "/relations/0"
D0 = "/decisions/0"
D1 = "/decisions/1"
PROV = R0 + "/provenance"
DATE = PROV + "/date"

# (name, edit, pointer of the value the rule is about)
INVALID: list[tuple[str, Edit, str]] = [
    # top level
    ("unknown top-level key", setter("/graph", {}), "/"),
    ("missing format", remover("/format"), "/"),
    ("missing stakeholders", remover("/stakeholders"), "/"),
    ("missing decisions", remover("/decisions"), "/"),
    ("wrong format name", setter("/format", "coproductions"), "/format"),
    ("version 2", setter("/version", 2), "/version"),
    ("version as string", setter("/version", "1"), "/version"),
    ("metadata not an object", setter("/metadata", "title"), "/metadata"),
    ("stakeholders not an array", setter("/stakeholders", {}), "/stakeholders"),
    # stakeholders
    ("unknown stakeholder key", setter(S0 + "/name", "x"), S0),
    ("stakeholder without id", remover(S0 + "/id"), S0),
    ("stakeholder without kind", remover(S0 + "/kind"), S0),
    ("empty id", setter(S0 + "/id", ""), S0 + "/id"),
    ("numeric id", setter(S0 + "/id", 7), S0 + "/id"),
    ("empty label", setter(S0 + "/label", ""), S0 + "/label"),
    ("wrong kind", setter(S0 + "/kind", "team"), S0 + "/kind"),
    ("kind in capitals", setter(S0 + "/kind", "Group"), S0 + "/kind"),
    ("empty role", setter(S0 + "/role", ""), S0 + "/role"),
    ("empty sector", setter(S0 + "/sector", ""), S0 + "/sector"),
    ("bad expertise", setter(S0 + "/expertise", "professional"), S0 + "/expertise"),
    ("under_served as string", setter(S0 + "/under_served", "yes"), S0 + "/under_served"),
    ("paid as number", setter(S0 + "/paid", 1), S0 + "/paid"),
    ("convenor as null", setter(S0 + "/convenor", None), S0 + "/convenor"),
    ("size 0", setter(S0 + "/size", 0), S0 + "/size"),
    ("fractional size", setter(S0 + "/size", 2.5), S0 + "/size"),
    ("person of size 2", setter("/stakeholders/2/size", 2), "/stakeholders/2/size"),
    ("negative influence", setter(S0 + "/influence", -0.5), S0 + "/influence"),
    ("infinite influence", setter(S0 + "/influence", math.inf), S0 + "/influence"),
    ("attributes as array", setter(S0 + "/attributes", ["M1"]), S0 + "/attributes"),
    # relations
    ("unknown relation key", setter(R0 + "/strength", 2), R0),
    ("relation without target", remover(R0 + "/target"), R0),
    ("relation without type", remover(R0 + "/type"), R0),
    ("empty source", setter(R0 + "/source", ""), R0 + "/source"),
    ("type with capital", setter(R0 + "/type", "Refers"), R0 + "/type"),
    ("type with hyphen", setter(R0 + "/type", "learns-from"), R0 + "/type"),
    ("type starting with digit", setter(R0 + "/type", "2way"), R0 + "/type"),
    ("type starting with underscore", setter(R0 + "/type", "_refers"), R0 + "/type"),
    ("type with space", setter(R0 + "/type", "learns from"), R0 + "/type"),
    ("type with trailing newline", setter(R0 + "/type", "refers\n"), R0 + "/type"),
    ("empty type", setter(R0 + "/type", ""), R0 + "/type"),
    ("weight 0", setter(R0 + "/weight", 0), R0 + "/weight"),
    ("negative weight", setter(R0 + "/weight", -1), R0 + "/weight"),
    ("infinite weight", setter(R0 + "/weight", math.inf), R0 + "/weight"),
    ("weight as string", setter(R0 + "/weight", "1"), R0 + "/weight"),
    ("bad scale", setter(R0 + "/scale", "city"), R0 + "/scale"),
    ("empty provenance", setter(PROV, {}), PROV),
    ("unknown provenance key", setter(PROV + "/source", "x"), PROV),
    ("empty reported_by", setter(PROV + "/reported_by", ""), PROV + "/reported_by"),
    ("empty method", setter(PROV + "/method", ""), PROV + "/method"),
    ("date with one-digit month", setter(DATE, "2013-2-14"), DATE),
    ("date day first", setter(DATE, "14/02/2013"), DATE),
    ("date with month 13", setter(DATE, "2013-13"), DATE),
    ("date with month 00", setter(DATE, "2013-00"), DATE),
    ("date with day 32", setter(DATE, "2013-02-32"), DATE),
    ("date with time", setter(DATE, "2013-02-14T10:00"), DATE),
    ("two-digit year", setter(DATE, "13"), DATE),
    ("date as number", setter(DATE, 2013), DATE),
    ("date with trailing newline", setter(DATE, "2013\n"), DATE),
    # projects
    ("unknown project key", setter("/projects/0/type", "film"), "/projects/0"),
    ("project without id", remover("/projects/0/id"), "/projects/0"),
    ("bad claimed type", setter("/projects/0/claimed", "coproduction"), "/projects/0/claimed"),
    ("empty project label", setter("/projects/0/label", ""), "/projects/0/label"),
    # decisions
    ("unknown decision key", setter(D0 + "/holders", []), D0),
    ("decision without project", remover(D0 + "/project"), D0),
    ("decision without rule", remover(D0 + "/rule"), D0),
    ("decision without rights", remover(D0 + "/rights"), D0),
    ("bad stage", setter(D0 + "/stage", "planning"), D0 + "/stage"),
    ("empty project reference", setter(D0 + "/project", ""), D0 + "/project"),
    ("bad right", setter(D0 + "/rights/outreach", "votes"), D0 + "/rights/outreach"),
    ("empty stakeholder id in rights", setter(D0 + "/rights/", "shared"), D0 + "/rights"),
    ("empty rights", both(setter(D0 + "/rights", {}), remover(D0 + "/rule/votes"),
                          remover(D0 + "/rule/veto")), D0 + "/rights"),
    ("no holder", setter(D1 + "/rights", {"outreach": "involved", "womens_group": "consulted"}),
     D1 + "/rights"),
    ("sole without a decides holder", setter(D1 + "/rights/outreach", "shared"), D1 + "/rights"),
    ("decision weight 0", setter(D0 + "/weight", 0), D0 + "/weight"),
    # rules
    ("rule without kind", remover(D1 + "/rule/kind"), D1 + "/rule"),
    ("bad rule kind", setter(D1 + "/rule/kind", "consensus"), D1 + "/rule/kind"),
    ("unknown rule key", setter(D1 + "/rule/threshold", 1), D1 + "/rule"),
    ("quota rule without quota", remover(D0 + "/rule/quota"), D0 + "/rule"),
    ("quota with majority", setter(D0 + "/rule/kind", "majority"), D0 + "/rule"),
    ("quota with sole", setter(D1 + "/rule/quota", 1), D1 + "/rule"),
    ("quota with unanimity",
     both(setter(D1 + "/rule/kind", "unanimity"), setter(D1 + "/rule/quota", 1)), D1 + "/rule"),
    ("votes with sole", setter(D1 + "/rule/votes", {"outreach": 1}), D1 + "/rule"),
    ("votes with unanimity",
     both(remover(D0 + "/rule/quota"), setter(D0 + "/rule/kind", "unanimity")), D0 + "/rule"),
    ("quota 0", setter(D0 + "/rule/quota", 0), D0 + "/rule/quota"),
    ("negative quota", setter(D0 + "/rule/quota", -2), D0 + "/rule/quota"),
    ("infinite quota", setter(D0 + "/rule/quota", math.inf), D0 + "/rule/quota"),
    ("zero votes", setter(D0 + "/rule/votes/officer", 0), D0 + "/rule/votes/officer"),
    ("fractional votes", setter(D0 + "/rule/votes/officer", 1.5), D0 + "/rule/votes/officer"),
    ("empty stakeholder id in votes", setter(D0 + "/rule/votes/", 1), D0 + "/rule/votes"),
    ("veto as string", setter(D0 + "/rule/veto", "womens_group"), D0 + "/rule/veto"),
    ("repeated veto holder", setter(D0 + "/rule/veto", ["womens_group", "womens_group"]),
     D0 + "/rule/veto"),
    ("empty veto id", setter(D0 + "/rule/veto", [""]), D0 + "/rule/veto/0"),
    # Empty containers mean the same as none and would not survive a round trip.
    ("empty veto", setter(D0 + "/rule/veto", []), D0 + "/rule/veto"),
    ("empty votes", setter(D0 + "/rule/votes", {}), D0 + "/rule/votes"),
]


@pytest.mark.parametrize(("edit", "where"), [(e, w) for _, e, w in INVALID],
                         ids=[name for name, _, _ in INVALID])
def test_invalid_document_is_rejected_at_its_pointer(
    validator: jsonschema.Draft202012Validator, edit: Edit, where: str
) -> None:
    doc = base()
    edit(doc)
    found = pointers(validator, doc)
    assert where in found, found


# Documents the schema must accept: the limits of each rule lie where the format puts them.
VALID: list[tuple[str, Edit]] = [
    ("no metadata", remover("/metadata")),
    ("metadata of any shape", setter("/metadata", {"a": [1, {"b": None}]})),
    ("all arrays empty", both(*(setter("/" + k, []) for k in
                                ("stakeholders", "relations", "projects", "decisions")))),
    ("minimal stakeholder", setter(S0, {"id": "outreach", "kind": "organisation"})),
    ("influence 0", setter(S0 + "/influence", 0)),
    ("size 1 of a group", setter(S0 + "/size", 1)),
    ("person without size", remover("/stakeholders/2/size")),
    ("minimal relation", setter(R0, {"source": "outreach", "target": "officer", "type": "x"})),
    ("custom relation type", setter(R0 + "/type", "co_hosts_2")),
    ("small positive weight", setter(R0 + "/weight", 1e-9)),
    ("year only", setter(DATE, "2013")),
    ("year and month", setter(DATE, "2013-02")),
    ("day 31", setter(DATE, "2013-12-31")),
    ("provenance with method only", setter(PROV, {"method": "observation"})),
    ("minimal project", setter("/projects/0", {"id": "film"})),
    ("fractional quota", setter(D0 + "/rule/quota", 2.5)),
    ("quota without votes", remover(D0 + "/rule/votes")),
    ("majority with votes",
     both(remover(D0 + "/rule/quota"), setter(D0 + "/rule/kind", "majority"))),
    ("unanimity", setter(D1 + "/rule", {"kind": "unanimity"})),
    ("sole with a decides and a shared holder", setter(D1 + "/rights/womens_group", "shared")),
    ("sole with a veto", setter(D1 + "/rule/veto", ["outreach"])),
    ("id with slash and tilde", both(setter("/stakeholders/3/id", "a/b~c"),
                                     setter("/relations/1/source", "a/b~c"),
                                     remover(D0 + "/rights/objects"),
                                     setter(D1 + "/rights/a~1b~0c", "none"))),
]


@pytest.mark.parametrize("edit", [e for _, e in VALID], ids=[name for name, _ in VALID])
def test_boundary_document_is_accepted(
    validator: jsonschema.Draft202012Validator, edit: Edit
) -> None:
    doc = base()
    edit(doc)
    assert pointers(validator, doc) == []


# Cross-references are out of a JSON Schema's reach: the schema accepts these documents and
# says so in its description; the reader refuses them.
CROSS_REFERENCES: list[tuple[str, Edit]] = [
    ("unknown relation target", setter(R0 + "/target", "nhs")),
    ("self-relation", setter(R0 + "/target", "womens_group")),
    ("duplicate stakeholder id", setter("/stakeholders/3/id", "outreach")),
    ("quota above the votes", setter(D0 + "/rule/quota", 6)),
    ("object holding a share", setter(D0 + "/rights/objects", "shared")),
]


@pytest.mark.parametrize("edit", [e for _, e in CROSS_REFERENCES],
                         ids=[name for name, _ in CROSS_REFERENCES])
def test_cross_references_are_left_to_the_reader(
    validator: jsonschema.Draft202012Validator, edit: Edit
) -> None:
    doc = base()
    edit(doc)
    assert pointers(validator, doc) == []


def test_description_names_what_the_schema_cannot_check() -> None:
    description = load(SCHEMA_PATH)["description"]
    for rule in ("unique", "exists", "differ", "exactly one", "holders", "at most the total",
                 "\"object\" holds only \"none\""):
        assert rule in description, rule
