"""The section ``scorecard``: the twelve principles of National Museums Liverpool's
*Co-production Framework*, each read against the data.
"""

from __future__ import annotations

from .. import audit as _audit
from ..network import Network
from ._markup import (Long as _Long, Num as _Num, esc as _esc, no_paths as _no_paths,
                      paragraph as _p, section as _section, table as _table,
                      verdict_mark as _verdict)
from ._readings import Readings as _Readings
from ._settings import Settings as _Settings


def scorecard_section(net: Network, s: _Settings, r: _Readings) -> str:
    card = r.card
    scope = (f" Only project <strong>{_esc(s.project)}</strong> is read." if s.project else "")
    parts = [_p(
        "National Museums Liverpool\u2019s <em>Co-production Framework</em> lays twelve "
        "principles under all its co-production. The scorecard reads each against the data: "
        "an indicator, its value and a verdict against a stated threshold (meets, partly, "
        "does not meet), or <em>not measurable from these data</em> with what would need to be "
        "recorded to measure it. The verdicts read the recorded data against stated rules; "
        "they are not a grade of the partnership." + scope)]
    counts = card["verdict"].value_counts()
    parts.append(_p("; ".join(f"{_verdict(v).html} {int(counts.get(v, 0))}"
                              for v in _audit.VERDICTS)))
    rows = []
    for name, row in card.iterrows():
        measurable = row["verdict"] != _audit.NOT_MEASURABLE
        rows.append([name, _verdict(str(row["verdict"])), _Num(row["value"]),
                     _Long(row["indicator"]),
                     _Long(row["threshold"] if measurable else "needs: " + _no_paths(row["needs"])),
                     _Long(_no_paths(row["evidence"]))])
    parts.append(_table(["principle", "verdict", "value", "indicator", "rule, or what is needed",
                         "evidence"], rows, css="cp-scorecard",
                        caption="The twelve principles", numeric=[2]))
    parts.append(_p(
        "Terms used above: the Herfindahl-Hirschman index (HHI) of decision power is the sum "
        "of the squared shares, high when few hold most of it (Hirschman 1964); its normalised "
        "form HHI* runs from 0 (an even spread) to 1 (one holder of everything). The parity "
        "ratio and centralization are explained in the power and structure sections."))
    return _section("scorecard", "5. The principles scorecard", "".join(parts))
