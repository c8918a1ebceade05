"""The last section, ``sources``: the five source documents, cited by their titles, and the
published methods the report uses.
"""

from __future__ import annotations

from typing import Tuple

from ._markup import paragraph as _p, section as _section

#: The five source documents, as docs/sources.md cites them.
_SOURCES: Tuple[str, ...] = (
    "Tyne &amp; Wear Archives &amp; Museums (TWAM), <em>Follow up report from Tyne &amp; Wear "
    "Archives &amp; Museums (TWAM) Partners\u2019 Together Day, Thursday 14th February 2013</em>. "
    "Tyne &amp; Wear Archives &amp; Museums, Newcastle upon Tyne, 2013. Cited as the "
    "<em>Partners\u2019 Together Day follow-up report</em> (2013).",
    "National Museums Liverpool, <em>Co-production Framework</em>. National Museums Liverpool, "
    "Liverpool.",
    "<em>Co-Producing Health and Wellbeing Programmes in the Museum</em>, conference abstract on "
    "the Outreach team of Tyne &amp; Wear Archives &amp; Museums.",
    "\u201cThe coproduction myth\u201d, blog post, 17 April 2015.",
    "Traverse and Co-Production Collective, <em>Draft coproduction in health and care research "
    "\u2013 manifesto</em>, 2020. Cited as the <em>Draft manifesto for coproduction in health "
    "and care research</em> (2020).",
)

#: The published methods the report uses.
_METHODS: Tuple[str, ...] = (
    "Arnstein, S. R. (1969). A ladder of citizen participation. <em>Journal of the American "
    "Institute of Planners</em> 35(4), 216\u2013224.",
    "Banzhaf, J. F. (1965). Weighted voting doesn\u2019t work: a mathematical analysis. "
    "<em>Rutgers Law Review</em> 19, 317\u2013343.",
    "Deegan, J. &amp; Packel, E. W. (1978). A new index of power for simple n-person games. "
    "<em>International Journal of Game Theory</em> 7(2), 113\u2013123.",
    "Freeman, L. C. (1979). Centrality in social networks: conceptual clarification. "
    "<em>Social Networks</em> 1, 215\u2013239.",
    "Gini, C. (1912). <em>Variabilit\u00e0 e mutabilit\u00e0</em>. Tipografia di Paolo Cuppini, "
    "Bologna.",
    "Hirschman, A. O. (1964). The paternity of an index. <em>American Economic Review</em> 54, "
    "761.",
    "Holler, M. J. (1982). Forming coalitions and measuring voting power. <em>Political "
    "Studies</em> 30(2), 262\u2013271.",
    "International Association for Public Participation (2018). <em>IAP2 Spectrum of Public "
    "Participation</em>.",
    "Johnston, R. J. (1978). On the measurement of power: some reactions to Laver. "
    "<em>Environment and Planning A</em> 10(8), 907\u2013914.",
    "Lorenz, M. O. (1905). Methods of measuring the concentration of wealth. "
    "<em>Publications of the American Statistical Association</em> 9(70), 209\u2013219.",
    "Schiffer, E. &amp; Hauck, J. (2010). Net-Map: collecting social network data and "
    "facilitating network learning through participatory influence network mapping. "
    "<em>Field Methods</em> 22(3), 231\u2013249.",
    "Shapley, L. S. &amp; Shubik, M. (1954). A method for evaluating the distribution of power "
    "in a committee system. <em>American Political Science Review</em> 48(3), 787\u2013792.",
    "Taagepera, R. &amp; Shugart, M. S. (1989). <em>Seats and Votes</em>. Yale University "
    "Press.",
    "Think Local Act Personal and the National Co-production Advisory Group (2020). "
    "<em>Ladder of co-production</em>.",
    "Wasserman, S. &amp; Faust, K. (1994). <em>Social Network Analysis</em>. Cambridge "
    "University Press.",
)


def sources_section() -> str:
    parts = [_p("The report\u2019s concepts come from five public documents about co-production "
                "in museums, health and social care, cited by their titles:"),
             '<ol class="cp-sources">' + "".join(f"<li>{s}</li>" for s in _SOURCES) + "</ol>",
             _p("and from these published methods:"),
             '<ul class="cp-methods">' + "".join(f"<li>{m}</li>" for m in _METHODS) + "</ul>"]
    return _section("sources", "8. Sources", "".join(parts))
