"""How the illustrative second wave of the TWAM example was made from the first.

Run from the repository root: ``python docs/_scripts/make_twam_waves.py``. It writes
``python/coproduction/data/timelines/twam_partners_waves.json``. Every change is made up to
show what a second wave of fieldwork can record after a partnership reflects and refines its
practice, the last stage of National Museums Liverpool's *Co-production Framework*; none is
reported by a source (``docs/examples.md``, "The second wave").
"""

from __future__ import annotations

import coproduction as cp

OUT = "python/coproduction/data/timelines/twam_partners_waves.json"
ILLUSTRATIVE = {"basis": "illustrative second wave"}


def second_wave(first: cp.Network) -> cp.Network:
    net = first.copy()
    # One partner organisation and its people leave the partnership.
    net.remove_stakeholders(["stonham_young_people", "stonham_staff", "stonham"], cascade=True)
    # Service users become paid session co-leads and share the evaluation and the agreement.
    net.update_stakeholder("housing21_reminiscence_group", paid=True)
    held = net.rights.loc["reminiscence_outcomes"]
    rights = {sid: str(r) for sid, r in held["right"].items()}
    votes = {sid: int(v) for sid, v in held["votes"].dropna().items()}
    rights["housing21_reminiscence_group"] = "shared"
    votes["housing21_reminiscence_group"] = 1
    net.update_decision("reminiscence_outcomes", rights=rights, votes=votes, quota=4)
    agreement = {sid: str(r) for (did, sid), r in net.rights["right"].items()
                 if did == "reminiscence_agreement"}
    agreement["housing21_reminiscence_group"] = "shared"
    net.update_decision("reminiscence_agreement", rights=agreement)
    # A group of peer researchers with lived experience joins, paid, and shares the evaluation.
    net.add_stakeholder("peer_researchers", kind="group", role="service_user", expertise="lived",
                        paid=True, size=4, attributes=ILLUSTRATIVE)
    rights["peer_researchers"] = "shared"
    votes["peer_researchers"] = 1
    net.update_decision("reminiscence_outcomes", rights=rights, votes=votes, quota=4)
    when = {"reported_by": "twam_outreach", "method": "interview", "date": "2014-03-12"}
    for source, target, kind in [
            ("peer_researchers", "twam_outreach", "informs"),
            ("peer_researchers", "housing21_reminiscence_group", "learns_from"),
            ("housing21_reminiscence_group", "peer_researchers", "learns_from"),
            ("twam_outreach", "housing21_reminiscence_group", "learns_from"),
            ("twam_outreach", "peer_researchers", "learns_from"),
            ("twam_senior_staff", "housing21_ot", "trusts"),
            ("housing21_ot", "twam_senior_staff", "trusts")]:
        net.add_relation(source, target, kind, scale="session" if kind == "learns_from"
                         else "institution", reported_by=when["reported_by"],
                         method=when["method"], date=when["date"], attributes=ILLUSTRATIVE)
    meta = dict(net.metadata)
    meta["title"] = ("Tyne & Wear Archives & Museums outreach partnership, 2014 (an "
                     "illustrative second wave)")
    meta["illustrative"] = ("Every change from the 2013 wave is made up to show a second wave "
                            "of fieldwork; none is reported by a source (docs/examples.md).")
    net.metadata = meta
    return net


def main() -> None:
    first = cp.examples.load("twam_partners_2013")
    second = second_wave(first)
    timeline = cp.Timeline(
        {"2013": first, "2014": second},
        # The service users of one partner were not interviewed in the second wave: their
        # own ties in it are unknown, not absent.
        not_surveyed={"2014": ["neca_participants"]},
        dates={"2013": "2013-02-14", "2014": "2014-03"},
        metadata={"title": "Tyne & Wear Archives & Museums outreach partnership, two waves",
                  "illustrative": "The 2013 wave is the example twam_partners_2013; the 2014 "
                                  "wave is made up (docs/examples.md, \"The second wave\").",
                  "people": "Roles and organisations only: no person is named."})
    timeline.write_json(OUT)
    print(f"written {OUT}: {timeline!r}")


if __name__ == "__main__":
    main()
