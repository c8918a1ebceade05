"""Hypothesis strategies for networks whose text is awkward for every format: quotes, commas,
semicolons, newlines, tabs, non-Latin scripts, emoji, right-to-left marks, spreadsheet formula
starters, XML's special characters, in ids, labels, roles, attributes and provenance.

Every format's round-trip test draws from :func:`networks`, so a format that loses or bends
one of these characters fails on it."""

from __future__ import annotations

from typing import Any, Callable

import hypothesis.strategies as st

import coproduction as cp

# Characters each format has a rule for; drawn often, so every run meets them.
AWKWARD = ["\"", "'", ",", ";", "\n", "\r\n", "\t", " ", "<", ">", "&", "=", "+", "-", "@",
           "\\", "/", "#", "é", "ß", "Ω", "Ж", "中文", "العربية", "עברית", "\u200f", "\u202e",
           "😀", "👩‍⚕️", "0", "1.5", "true", "None", "NaN"]

# XML 1.0 cannot hold C0 controls but tab, newline and carriage return, nor surrogates or
# U+FFFE/U+FFFF: no format of the package is asked to carry them.
_XML_UNSAFE = [chr(c) for c in range(0x20) if c not in (0x09, 0x0A, 0x0D)] + ["\ufffe", "\uffff"]
_ALPHABET = st.characters(blacklist_categories=["Cs"], blacklist_characters=_XML_UNSAFE)


def text(min_size: int = 0, max_size: int = 8) -> st.SearchStrategy[str]:
    """Short text made of awkward pieces and arbitrary (XML-safe) characters."""
    piece = st.one_of(st.sampled_from(AWKWARD), st.text(_ALPHABET, min_size=1, max_size=3))
    return st.lists(piece, min_size=max(min_size, 0), max_size=max_size).map("".join).filter(
        lambda s: len(s) >= min_size)


def ids() -> st.SearchStrategy[str]:
    """An id: non-empty, awkward, and not only white space (a spreadsheet cell of spaces is
    read as text, but a person filling one in means nothing)."""
    return text(min_size=1, max_size=4).filter(lambda s: s.strip() != "")


def maybe(strategy: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.one_of(st.none(), strategy)


def attributes() -> st.SearchStrategy[Any]:
    """A stakeholder's or relation's attributes: JSON values, nested a little."""
    scalar = st.one_of(st.none(), st.booleans(), st.integers(-10**6, 10**6),
                       st.floats(allow_nan=False, allow_infinity=False), text())
    value = st.recursive(scalar, lambda inner: st.one_of(
        st.lists(inner, max_size=3), st.dictionaries(text(max_size=3), inner, max_size=3)),
        max_leaves=6)
    return maybe(st.dictionaries(text(min_size=1, max_size=3), value, max_size=3))


@st.composite
def networks(draw: Callable[..., Any], max_stakeholders: int = 8) -> cp.Network:
    """A valid network with awkward text everywhere the format holds text, parallel relations
    of different types between one pair, and one or two decisions with rights."""
    net = cp.Network(metadata=draw(maybe(st.fixed_dictionaries({"title": text(max_size=6)}))))
    names = draw(st.lists(ids(), min_size=2, max_size=max_stakeholders, unique=True))
    for name in names:
        # The first is never an object, so that someone can hold a right.
        kind = draw(st.sampled_from(["person", "group", "organisation"]
                                    + ([] if name == names[0] else ["object"])))
        net.add_stakeholder(
            name, kind=kind, label=draw(maybe(text(min_size=1))),
            role=draw(maybe(st.sampled_from(["service_user", "commissioner", "front_line_staff",
                                             "partner_organisation"]))),
            sector=draw(maybe(text(min_size=1, max_size=3))),
            expertise=draw(maybe(st.sampled_from(["lived", "learnt", "both"]))),
            paid=draw(maybe(st.booleans())), convenor=draw(maybe(st.booleans())),
            under_served=draw(maybe(st.booleans())),
            size=None if kind == "person" else draw(maybe(st.integers(1, 500))),
            influence=draw(maybe(st.floats(0, 10))), attributes=draw(attributes()))
    types = st.sampled_from(["informs", "trusts", "learns_from", "refers"])
    pairs = draw(st.lists(st.tuples(st.sampled_from(names), st.sampled_from(names), types),
                          max_size=16, unique=True))
    # One pair joined by two types at least once, when there are relations at all.
    if pairs and pairs[0][0] != pairs[0][1]:
        pairs.append((pairs[0][0], pairs[0][1], "manages"))
    for source, target, kind in pairs:
        if source != target:
            net.add_relation(source, target, kind, weight=draw(maybe(st.floats(0.01, 100))),
                             scale=draw(maybe(st.sampled_from(["session", "institution", "place"]))),
                             date=draw(maybe(st.sampled_from(["2013", "2013-02", "2013-02-14"]))),
                             reported_by=draw(maybe(st.sampled_from(names))),
                             method=draw(maybe(text(min_size=1, max_size=3))),
                             attributes=draw(attributes()))
    project = draw(ids())
    net.add_project(project, label=draw(maybe(text(min_size=1))),
                    claimed=draw(maybe(st.sampled_from(list(cp.network.COLLABORATION_TYPES)))))
    people = [n for n in names if net.stakeholders.at[n, "kind"] != "object"]
    for number in range(draw(st.integers(1, 2))):
        holders = draw(st.lists(st.sampled_from(people), min_size=1, max_size=len(people),
                                unique=True))
        rule = draw(st.sampled_from(["unanimity", "majority", "quota"]))
        rights = {h: "shared" if h == holders[0] else draw(st.sampled_from(
            ["shared", "consulted", "informed", "involved"])) for h in holders}
        voters = [h for h in holders if rights[h] == "shared"]
        votes = {h: draw(st.integers(1, 5)) for h in voters} if rule != "unanimity" else {}
        net.add_decision(f"{project}#{number}", project=project,
                         stage=draw(st.sampled_from(list(cp.network.STAGES))),
                         rights=rights, rule=rule, votes=votes,
                         quota=draw(st.integers(1, sum(votes.values()))) if rule == "quota"
                         else None,
                         veto=voters[:1] if draw(st.booleans()) else [],
                         weight=draw(maybe(st.floats(0.1, 5))))
    return net
