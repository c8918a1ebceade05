"""The section ``structure``: density, reciprocity and centralization of each layer of the
relations, and of every relation at each scale.
"""

from __future__ import annotations

from types import ModuleType
from typing import Any, List, Optional

import pandas as pd

from ..network import Network
from ._charts import chart as _chart, charts as _charts, no_charts_note as _no_charts_note
from ._markup import (Num as _Num, note as _note, paragraph as _p, plural as _plural,
                      section as _section, table as _table)
from ._readings import Readings as _Readings
from ._settings import Settings as _Settings

_STRUCTURE_COLUMNS = (("relations", "relations", 0), ("density", "density", 3),
                      ("reciprocity", "reciprocity", 3),
                      ("degree_centralization", "degree centralization", 3),
                      ("betweenness_centralization", "betweenness centralization", 3),
                      ("closeness_centralization", "closeness centralization", 3))


def _structure_rows(table: pd.DataFrame) -> List[List[Any]]:
    return [[name] + [_Num(row[c], d) for c, _, d in _STRUCTURE_COLUMNS]
            for name, row in table.iterrows()]


def structure_section(net: Network, s: _Settings, r: _Readings,
                       plot: Optional[ModuleType]) -> str:
    parts = [_p(
        "\u201cThe coproduction myth\u201d (2015) argues that co-production is a relationship "
        "(status, power, shared purpose, the ability to communicate, trust), not a process or a "
        "tool. This section reads the recorded relations. A <dfn>layer</dfn> is the set of "
        "relations of one type (who informs whom, who trusts whom) read on its own; "
        "<em>all</em> reads every relation together. <dfn>Density</dfn> is the share of all "
        "ordered pairs of stakeholders joined by a relation of the layer. "
        "<dfn>Reciprocity</dfn> is the share of ties that are returned: A to B and B to A. "
        "<dfn>Centralization</dfn> (Freeman 1979) says how much a layer\u2019s ties gather on "
        "one stakeholder: 0 when every stakeholder is placed alike, 1 for a star in which "
        "everything runs through one; <em>degree</em> counts ties, <em>betweenness</em> how "
        "often one stands on the shortest path between two others (a gatekeeper), "
        "<em>closeness</em> how near one is to all the others. Objects are left out of these "
        "measures, so a layer that only joins people to objects has no relation here."
        + (" Relations belong to no project: this section reads the whole network."
           if s.project else ""))]
    if net.num_relations == 0:
        parts.append(_note("The data record no relation, so the structure of the partnership "
                           "cannot be read. Record who informs, consults, trusts and learns "
                           "from whom to read it."))
        return _section("structure", "6. The structure of the relations", "".join(parts))
    table = r.structure
    people = int(table["stakeholders"].iloc[0]) if len(table) else 0
    if people < 3:
        parts.append(_note(f"With {_plural(people, 'stakeholder')} other than objects, "
                           f"centralization is not defined (it needs three)."))
    header = ["layer"] + [h for _, h, _ in _STRUCTURE_COLUMNS]
    numeric = list(range(1, len(header)))
    parts.append(_table(header, _structure_rows(table), css="cp-structure",
                        caption=f"Each layer, by relation type ({people} stakeholders)",
                        numeric=numeric))
    if len(r.scales):
        parts.append(_p(
            "Relations can be recorded at one of three <dfn>scales</dfn>, from the abstract "
            "<em>Co-Producing Health and Wellbeing Programmes in the Museum</em>: the session, "
            "the institution and the place. Every relation at each scale, read together:"))
        unscaled = int(net.relations["scale"].isna().sum())
        parts.append(_table(["scale"] + header[1:], _structure_rows(r.scales),
                            css="cp-structure-scales", caption="Each scale, all relation types",
                            numeric=numeric))
        if unscaled:
            parts.append(_p(f"{_plural(unscaled, 'relation')} with no scale recorded "
                            f"{'is' if unscaled == 1 else 'are'} in no row of this table."))
    else:
        parts.append(_p("No relation has a scale recorded (session, institution or place), so "
                        "the layers cannot be read scale by scale."))
    if plot is None:
        parts.append(_no_charts_note())
    elif people > 2:
        parts.append(_charts([_chart(
            lambda ax: plot.centralization(net, ax=ax), key="chart-centralization",
            size=(max(6.5, 0.75 * len(table) + 3.0), 4.4),
            description="Degree, betweenness and closeness centralization of each layer",
            caption="Centralization of each layer: 0 when every stakeholder is placed alike, "
                    "1 for a star (n/a: the layer is too small).")]))
    return _section("structure", "6. The structure of the relations", "".join(parts))
