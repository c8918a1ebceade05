"""The document: the head with the title and the table of contents, the sections in order,
the footer with every setting, and the one inline style sheet (for the screen and for A4).
"""

from __future__ import annotations

from .. import _core
from ..network import Network
from ._charts import plot_module as _plot_module
from ._collaboration_ladder import ladder_section as _ladder_section
from ._coverage import data_section as _data_section
from ._decision_power import power_section as _power_section
from ._markup import esc as _esc, paragraph as _p
from ._readings import read as _read
from ._scorecard import scorecard_section as _scorecard_section
from ._settings import Settings as _Settings
from ._sources import sources_section as _sources_section
from ._structure import structure_section as _structure_section
from ._summary import summary_section as _summary_section
from ._tokenism import tokenism_section as _tokenism_section

_CSS = """
html{background:#fff}
body{font-family:-apple-system,'Segoe UI',Helvetica,Arial,sans-serif;font-size:15px;
line-height:1.5;color:#1b1b1b;background:#fff;max-width:1040px;margin:0 auto;padding:24px 32px}
h1{font-size:1.9em;margin:0 0 0.2em 0;color:#17324d}
h2{font-size:1.4em;color:#17324d;border-bottom:2px solid #2c5f8a;padding-bottom:0.15em;
margin:1.8em 0 0.6em 0}
h3{font-size:1.1em;color:#17324d;margin:1.4em 0 0.4em 0}
p{margin:0.5em 0}
.subtitle{color:#4a4a4a;margin:0 0 1em 0}
nav ol{columns:2;margin:0.3em 0 1em 0}
nav a,a{color:#1d4f7a}
dfn{font-style:normal;font-weight:600}
table{border-collapse:collapse;margin:0.4em 0 1.1em 0;font-size:0.88em;max-width:100%}
caption{text-align:left;font-weight:600;padding:0 0 0.3em 0;color:#17324d}
th{text-align:left;border-bottom:2px solid #8c9aa8;padding:4px 10px;vertical-align:bottom}
td{border-bottom:1px solid #dde2e7;padding:3px 10px;vertical-align:top}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
td.id{font-family:SFMono-Regular,Consolas,'Liberation Mono',Menlo,monospace;font-size:0.92em;
word-break:break-word}
td.long{max-width:30em}
.tables{display:flex;flex-wrap:wrap;gap:0 2.2em;align-items:flex-start}
figure{margin:1em 0 1.4em 0}
figure svg{max-width:100%;height:auto;display:block}
figcaption{font-size:0.88em;color:#444;margin-top:0.3em;max-width:48em}
.charts{display:flex;flex-wrap:wrap;gap:0 2em;align-items:flex-start}
.charts figure{flex:1 1 420px;max-width:100%}
.note{background:#f3f6f9;border-left:4px solid #8fa9c2;padding:0.5em 0.9em;margin:0.8em 0}
.glance{background:#f7f9fb;border:1px solid #d5dee6;padding:0.6em 1.2em;margin:0.8em 0 1.2em 0}
.glance h3{margin:0.2em 0 0.3em 0}
.glance li{margin:0.2em 0}
.project{border-top:1px solid #d5dee6;margin-top:1.2em}
.verdict{display:inline-block;padding:0 0.45em;border-radius:3px;white-space:nowrap}
.v-meets{background:#dcefdc;color:#1c4d1c}
.v-partly{background:#fbf0cf;color:#5a4500}
.v-not{background:#f8dddd;color:#6b1a1a}
.v-nm{background:#e8eaed;color:#3d4146}
.match-yes{color:#1c4d1c;font-weight:600}
.match-no{color:#8b1c1c;font-weight:600}
footer{margin-top:2.5em;border-top:2px solid #2c5f8a;padding-top:0.6em;font-size:0.85em;
color:#333}
footer table{font-size:0.95em}
svg.cp-chart *{stroke-linejoin:round;stroke-linecap:butt}
@media print{
@page{size:A4;margin:14mm 13mm}
html,body{background:#fff}
body{max-width:none;padding:0;font-size:10pt;color:#000}
h2{break-after:avoid;page-break-after:avoid}
h3{break-after:avoid;page-break-after:avoid}
table,figure,.glance,.note,tr{break-inside:avoid;page-break-inside:avoid}
thead{display:table-header-group}
nav{display:none}
.charts figure{flex:1 1 100%}
figure svg{max-width:100%;max-height:240mm}
a{color:#000;text-decoration:none}
}
"""


def _footer(s: _Settings) -> str:
    tables = []
    for group, rows in s.groups():
        lines = "".join(f'<tr data-setting="{_esc(name)}"><td class="id">'
                        f"{_esc(name.split('.', 1)[-1])}</td><td class=\"id\">{_esc(value)}</td>"
                        f"</tr>" for name, value in rows)
        tables.append(f'<table class="cp-settings"><caption>{_esc(group)}</caption><thead><tr>'
                      f"<th>setting</th><th>value</th></tr></thead><tbody>{lines}</tbody>"
                      f"</table>")
    return (f'<footer id="settings"><p>Made with coproduction {_esc(_core.__version__)} on '
            f"{_esc(s.date)}. Every setting of the report, so that it can be made again "
            f"(<code>cp.report(net, ...)</code> with these keywords):</p>"
            f'<div class="tables">{"".join(tables)}</div></footer>')


_CONTENTS = (("summary", "Who and what the data record"), ("power", "Who holds decision power"),
             ("ladder", "The collaboration ladder"), ("tokenism", "Tokenism"),
             ("scorecard", "The principles scorecard"),
             ("structure", "The structure of the relations"),
             ("data", "What the data do and do not say"), ("sources", "Sources"))


def render(net: Network, s: _Settings) -> str:
    """The whole page: what the report reads, then the head, the sections and the footer."""
    readings = _read(net, s)
    plot = _plot_module()
    about = ""
    if s.show_labels and isinstance(net.metadata, dict) and net.metadata.get("title"):
        about = f"<br/>Data: {_esc(net.metadata['title'])}"
    scope = f"; project {_esc(s.project)}" if s.project else ""
    head = (f'<header><h1>{_esc(s.title)}</h1><p class="subtitle">{_esc(s.date)}{scope}{about}'
            f"</p>"
            + _p("This report reads what a researcher recorded about a co-production "
                 "partnership (who the stakeholders are, how they relate, and who holds which "
                 "right in which decision) and shows where power sits. It is written for the "
                 "people who commission, fund or run the partnership. Each technical term is "
                 "explained where it first appears; every number comes from the coproduction "
                 "library with the settings listed at the end.")
            + '<nav><ol>' + "".join(f'<li><a href="#{k}">{_esc(t)}</a></li>'
                                    for k, t in _CONTENTS) + "</ol></nav></header>")
    body = "".join([
        head,
        "<main>",
        _summary_section(net, s, readings),
        _power_section(net, s, readings, plot),
        _ladder_section(net, s, readings, plot),
        _tokenism_section(net, s, readings),
        _scorecard_section(net, s, readings),
        _structure_section(net, s, readings, plot),
        _data_section(net, s, readings),
        _sources_section(),
        "</main>",
        _footer(s),
    ])
    return ("<!DOCTYPE html>\n"
            '<html lang="en"><head><meta charset="utf-8"/>'
            '<meta name="viewport" content="width=device-width, initial-scale=1"/>'
            f"<title>{_esc(s.title)}</title><style>{_CSS}</style></head>"
            f"<body>{body}</body></html>\n")
