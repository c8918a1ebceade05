"""Command line: ``coproduction`` (or ``python -m coproduction``) with one of the commands
``demo``, ``validate``, ``describe``, ``report``, ``power``, ``ladder``, ``audit``, ``metrics``,
``convert``;
``coproduction --help`` lists them and ``coproduction <command> --help`` their options.

A file that cannot be read or is not a valid document is reported on stderr, one line per
problem, as ``coproduction: <file>: <where>: <message> [<code>]`` (``<where>`` is a JSON
pointer or ``byte <n>``, left out when the file as a whole is at fault), with exit status 1;
a command line that is not understood is one line and exit status 2. ``--debug`` raises the
error with its traceback instead. Control characters in anything shown (C0, DEL, C1 and the
bidirectional overrides U+202A-U+202E and U+2066-U+2069) are written escaped, ``\\x1b`` or
``\\u202e``, so a document cannot move the cursor, recolour or reorder the terminal's text.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from typing import Any, List, NoReturn, Optional, TextIO

import pandas as pd

from . import audit, examples
from ._report import report as _html_report
from .io._convert import FORMATS, convert
from . import metrics as _metrics_module
from ._errors import Error, FormatError, Problem, format_error
from ._privacy_groups import DEFAULT_K, power_shares as _shares_of_k
from .network import MAX_BYTES, Network, read_json
from .text import describe, ladder, power, structure

__all__ = ["main"]

_DESCRIPTION = "Summarise, check and analyse coproduction data files."
_EPILOG = """examples:
  coproduction demo                              the example partnership, and its report
  coproduction validate partnership.json         check a file; every problem, one per line
  coproduction report partnership.json -o report.html
  coproduction power partnership.json --by role --format csv
  coproduction convert partnership.json partnership.xlsx
  coproduction convert waves.json waves.gexf     waves as one dynamic GEXF file for Gephi
  coproduction diff wave1.json wave2.json --not-surveyed neca_participants

coproduction <command> --help gives the options of a command."""
_FILE_HELP = "a data file in the coproduction JSON format (docs/format.md); /dev/stdin reads a pipe"

# Characters a terminal may act on rather than show. Lone surrogates (a file name that is
# not UTF-8) are included: no encoding can write them.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
_CONTROL_BUT_NEWLINE = re.compile(
    "[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def _escape(match: "re.Match[str]") -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def _shown(text: str, *, keep_newlines: bool = False) -> str:
    """``text`` with every control character escaped (``\\x1b``, ``\\x7f``, ``\\u202e``).

    Parameters
    ----------
    text : str
    keep_newlines : bool
        Leave ``\\n`` as it is: for a report whose lines the library laid out itself.

    Returns
    -------
    str
        Printable text; equal to ``text`` when it holds no control character.

    Examples
    --------
    >>> print(_shown("service_user\\x1b[2J\\u202e"))
    service_user\\x1b[2J\\u202e
    """
    return (_CONTROL_BUT_NEWLINE if keep_newlines else _CONTROL).sub(_escape, text)


# In JSON text as Python's json module writes it with ensure_ascii=False: an escape (``\\``,
# ``\"``, ``\n``, ``\u001b``, ...; a C0 control character is always escaped) or a character
# shown raw that a terminal may act on (DEL, C1, the bidirectional overrides, lone
# surrogates). Every control character and every backslash of the data is one match.
_JSON_TOKEN = re.compile(r'\\(u[0-9a-fA-F]{4}|.)|[\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]')
# An escaped C0 control character, after an even number of backslashes (an odd run ends in
# the backslash that escapes it).
_JSON_CONTROL = re.compile(r'(?<!\\)(?:\\\\)*\\(?:[bfnrt]|u00[01][0-9a-fA-F])')
_JSON_SHORT = {"b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t"}


def _shown_token(match: "re.Match[str]") -> str:
    """One match of _JSON_TOKEN as it stands in the JSON text of the escaped document: the
    string's backslashes doubled, each control character written as ``\\x1b`` or
    ``\\u202e`` (in the JSON text, with one more backslash in front)."""
    escaped = match.group(1)
    if escaped is None:  # a raw control character
        return "\\" + _escape(match)
    if escaped == "\\":
        return "\\" * 4
    if escaped in _JSON_SHORT or escaped[0] == "u":
        char = _JSON_SHORT.get(escaped) or chr(int(escaped[1:], 16))
        if _CONTROL.match(char):
            code = ord(char)
            return "\\" + (f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")
    return match.group()  # \" or \/, or an escaped character that is not a control


def _displayable(net: Network) -> Network:
    """The network to report on: ``net`` itself, or, when its data hold control characters
    (a newline in a label, an escape sequence in a role), a copy whose every string (keys
    too) is escaped, backslashes doubled first so that two different strings never look
    alike once escaped: the reports show them as text and keep their own line layout.

    The document is read and escaped as one JSON text, by regular expressions, not string
    by string."""
    text = json.dumps(json.loads(net.to_json(indent=None)), ensure_ascii=False)
    if _JSON_CONTROL.search(text) is None and _CONTROL.search(text) is None:
        return net
    data = _JSON_TOKEN.sub(_shown_token, text).encode("utf-8")
    return read_json(data, max_bytes=max(MAX_BYTES, len(data)))


def _write(stream: TextIO, text: str) -> None:
    """One line to ``stream``, any character its encoding lacks written as an escape."""
    encoding = getattr(stream, "encoding", None) or "utf-8"
    stream.write(text.encode(encoding, "backslashreplace").decode(encoding) + "\n")


def _out(text: str) -> None:
    _write(sys.stdout, _shown(text, keep_newlines=True))


def _error(file: str, where: str, message: str, code: str = "") -> None:
    """``coproduction: <file>: <where>: <message> [<code>]`` on stderr, as one line."""
    parts = ["coproduction", _shown(file)] + ([_shown(where)] if where else []) + [_shown(message)]
    _write(sys.stderr, ": ".join(parts) + (f" [{_shown(code)}]" if code else ""))


def _read(path: str) -> Network:
    """The network in the file at ``path`` (a pipe such as ``/dev/stdin`` too).

    The file is read here, not by path in the core, so an error is the system's own
    (``No such file or directory``, ``Is a directory``, ``Permission denied``); reading stops
    one byte past the size limit, so an endless pipe cannot fill the memory.
    """
    with open(path, "rb") as handle:
        data = handle.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise format_error([("", "format.size",
                             f"the document has more than {MAX_BYTES} bytes, the limit")])
    return read_json(data)


_K_HELP = ("the smallest group shown on its own, in people (default 5): smaller groups are "
           "pooled into one, and the output says so; 1 shows every group")


def _people(text: str) -> int:
    """``--k``: a whole number of people, at least 1 (argparse reports the error)."""
    if not text.strip().isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"a whole number of people, at least 1, not {text!r}")
    return int(text)


def _demo(out: str) -> int:
    net = examples.load("twam_partners_2013")
    shown_net = _displayable(net)
    rule = "\n" + "=" * 100 + "\n"
    _out(describe(shown_net))
    _out(rule + structure(shown_net))
    _out(rule + power(shown_net))
    _out(_how_sure(shown_net))
    _out(rule + ladder(shown_net))
    _out(rule + "Principles scorecard (the twelve principles of National Museums Liverpool, "
         "Co-production Framework)\n")
    _out(audit.scorecard_text(audit.principles(shown_net)))
    types = _displayable(examples.load("nml_collaboration_types"))
    _out(rule + "The four collaboration types of National Museums Liverpool, Co-production "
         "Framework (nml_collaboration_types)\n")
    _out(ladder(types))
    os.makedirs(out, exist_ok=True)
    path = os.path.join(out, "twam_partners_2013.json")
    net.write_json(path)
    _out(f"\nWritten back out as JSON: {path}")
    if _read(path) != net:
        _error(path, "", "the file written does not read back equal")
        return 1
    _out(rule + _waves())
    _out("")
    page = _html_report(net, os.path.join(out, "twam_partners_2013.html"))
    _out(f"The report for a commissioner, one HTML file to open in a browser or print: {page}")
    return 0


def _how_sure(net: Network) -> str:
    """The headline shares with their bootstrap intervals over the decisions (seeded, so the
    demo prints the same every time)."""
    from . import power as power_module, stats

    decisions = len(net.decisions)
    if decisions == 0:
        return "  How sure: no decision to resample"
    lines = [f"  How sure: 95% intervals from 2000 bootstrap resamples of the {decisions} "
             f"decisions (percentile, seed 1)"]
    for by, group in (("convenor", "partner"), ("role", "service_user"),
                      ("expertise", "lived")):
        if group not in power_module.power_shares(net, by).index:
            continue
        result = stats.bootstrap(net, "power_share", by=by, group=group, unit="decisions",
                                 n=2000, rng=1)
        lines.append(f"    by {by}, {group}: share of decision power {result.estimate:.3f} "
                     f"(95% interval {result.low:.3f} to {result.high:.3f})")
    return "\n".join(lines)


def _waves() -> str:
    """What changed between the two waves of the example timeline."""
    from . import power as power_module

    tl = examples.load_timeline("twam_partners_waves")
    first, second = tl.names
    lines = [f"Two waves of fieldwork (twam_partners_waves: {first} and {second}; the "
             f"{second} wave is illustrative, docs/examples.md)", ""]
    presence = tl.presence[second]
    for state in ("joined", "left", "not surveyed"):
        ids = list(presence.index[presence == state])
        if ids:
            lines.append(f"  {state} in {second}: {', '.join(ids)}")
    lines.append("")
    lines += ["  " + line for line in repr(tl.diff()).splitlines()[1:]]
    lines.append("")
    lines.append("  Share of decision power in each wave, with its 95% interval (2000 bootstrap "
                 "resamples of the decisions, seed 1):")
    for by, group in (("convenor", "partner"), ("expertise", "lived")):
        table = tl.measure(power_module.power_shares, by, interval=True, n=2000, rng=1)
        shown = []
        for wave in tl.names:
            row = table.loc[(wave, group), ["power", "power_low", "power_high"]]
            power, low, high = row.to_numpy(dtype=float)
            shown.append(f"{power:.3f} ({low:.3f} to {high:.3f}) in {wave}")
        lines.append(f"    by {by}, {group}: " + ", ".join(shown))
    card = tl.scorecard()
    verdict = str(card.at[(second, "Critical, reflective, adaptive"), "verdict"])
    evidence = str(card.at[(second, "Critical, reflective, adaptive"), "evidence"])
    lines.append(f"  Critical, reflective, adaptive ({second} against {first}): "
                 f"{verdict}: {evidence}")
    return "\n".join(lines)


def _validate(path: str) -> int:
    net = _read(path)
    _out(f"{path}: valid ({net!r})")
    return 0


def _describe(path: str) -> int:
    _out(describe(_displayable(_read(path))))
    return 0


def _table_out(table: pd.DataFrame, fmt: str) -> None:
    """A result table as text, CSV or JSON (an object per row, keyed by the table's index)."""
    if fmt == "csv":
        _out(table.to_csv().rstrip("\n"))
    elif fmt == "json":
        _out(table.to_json(orient="index", indent=2, force_ascii=False))
    else:
        _out(table.round(3).to_string())


def _power(path: str, by: str, index: str, project: Optional[str], fmt: str, k: int) -> int:
    net = _displayable(_read(path))
    table = _shares_of_k(net, by, k=k, index=index, project=project)
    _table_out(table, fmt)
    if table.attrs["small_groups"]["groups"]:
        # Beside the table, never in it: a CSV or JSON table stays one table.
        note = table.attrs["small_groups"]["note"] + f" (--k {k}; --k 1 shows every group)"
        if fmt == "text":
            _out(note)
        else:
            print(note, file=sys.stderr)
    return 0


def _report(path: str, output: str, project: Optional[str], by: str, index: str,
            show_labels: bool, k: int) -> int:
    written = _html_report(_read(path), output, project=project, by=by, index=index,
                           show_labels=show_labels, k=k)
    _out(f"Written: {written}")
    return 0


def _convert(source: str, target: str, to: Optional[str], read_as: Optional[str]) -> int:
    read, written = convert(source, target, to=to, read_as=read_as)
    _out(f"Written: {target} ({read} to {written})")
    return 0


def _diff(before: str, after: str, not_surveyed: Optional[List[str]], fmt: str) -> int:
    from .timeline import diff

    change = diff(_read(before), _read(after), not_surveyed=not_surveyed or ())
    if fmt == "text":
        _out(repr(change))
        _out("")
        _out("Ties by relation type")
        _out(change.ties.round(3).to_string())
    else:
        _table_out(change.ties, fmt)
    return 0


def _ladder(path: str) -> int:
    _out(ladder(_displayable(_read(path))))
    return 0


def _audit(path: str, project: Optional[str], fmt: str) -> int:
    table = audit.principles(_displayable(_read(path)), project)
    if fmt == "text":
        _out(audit.scorecard_text(table))
    else:
        _table_out(table, fmt)
    return 0


def _metrics(path: str, layer: Optional[List[str]], scale: Optional[List[str]],
             fmt: str) -> int:
    net = _displayable(_read(path))
    layers = None if layer is None else {"+".join(layer): layer}
    _table_out(_metrics_module.summary(net, layers, scale=scale), fmt)
    return 0


class _UsageError(Exception):
    """A command line that is not understood."""


class _Parser(argparse.ArgumentParser):
    # argparse prints the usage and exits on its own; the command line reports one line.
    def error(self, message: str) -> NoReturn:
        raise _UsageError(message)


def _parser() -> argparse.ArgumentParser:
    # --debug is accepted before or after the command.
    common = _Parser(add_help=False)
    common.add_argument("--debug", action="store_true", default=argparse.SUPPRESS,
                        help="on an error, raise it with its traceback")
    parser = _Parser(prog="coproduction", description=_DESCRIPTION, parents=[common],
                     epilog=_EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True, metavar="command",
                                     parser_class=_Parser)
    demo = commands.add_parser("demo", help="summarise the embedded example data and write its HTML report",
                               parents=[common])
    demo.add_argument("--out", default=os.path.join("build", "demo"),
                      help="folder for the JSON written back out and the HTML report "
                           "(default build/demo)")
    for name, text in (("describe", "summarise a data file"), ("validate", "check a data file"),
                       ("ladder", "the collaboration ladder and tokenism of every project")):
        sub = commands.add_parser(name, help=text, parents=[common])
        sub.add_argument("file", help=_FILE_HELP)
    formats = ("text", "csv", "json")
    sub = commands.add_parser("report", parents=[common],
                              help="write the HTML report of a data file: one self-contained "
                                   "page to open in a browser or print")
    sub.add_argument("file", help=_FILE_HELP)
    sub.add_argument("-o", "--output", required=True, metavar="HTML",
                     help="the file to write (replaced whole, never left half-written)")
    sub.add_argument("--project", help="only this project's decisions and people")
    sub.add_argument("--by", default="role",
                     help="the grouping of who holds power: a stakeholder column such as role "
                          "(the default), kind, sector, expertise, under_served, paid; or "
                          "convenor")
    sub.add_argument("--index", default="banzhaf",
                     help="the power index of each decision (default banzhaf)")
    sub.add_argument("--k", type=_people, default=DEFAULT_K, metavar="PEOPLE",
                     help=_K_HELP)
    sub.add_argument("--show-labels", action="store_true",
                     help="show the stakeholders' and projects' labels (free text: left out "
                          "by default)")
    sub = commands.add_parser("power", parents=[common],
                              help="each group's share of decision power beside its share of "
                                   "the people")
    sub.add_argument("file", help=_FILE_HELP)
    sub.add_argument("--by", default="convenor",
                     help="convenor (the default) or a stakeholder column: role, kind, sector, "
                          "expertise, under_served, paid")
    sub.add_argument("--index", default="banzhaf",
                     help="the power index of each decision (default banzhaf)")
    sub.add_argument("--project", help="only this project's decisions and people")
    sub.add_argument("--k", type=_people, default=DEFAULT_K, metavar="PEOPLE",
                     help=_K_HELP)
    sub.add_argument("--format", choices=formats, default="text", help="output (default text)")
    sub = commands.add_parser("audit", parents=[common],
                              help="the principles scorecard of the National Museums Liverpool "
                                   "Co-production Framework")
    sub.add_argument("file", help=_FILE_HELP)
    sub.add_argument("--project", help="only this project's decisions and people")
    sub.add_argument("--format", choices=formats, default="text", help="output (default text)")
    sub = commands.add_parser("convert", parents=[common],
                              help="write a data file in another format: JSON, a folder of CSV "
                                   "files, an .xlsx workbook, GraphML, GEXF, Kumu; a timeline "
                                   "of waves between JSON and dynamic GEXF")
    sub.add_argument("file", help="the file to read (a folder of CSV files too)")
    sub.add_argument("output", help="the file to write, or the folder for CSV files; its "
                                    "suffix names the format unless --to does")
    sub.add_argument("--to", choices=FORMATS, help="the format to write (kumu needs it: its "
                                                   "files end in .json too)")
    sub.add_argument("--from", dest="read_as", choices=[f for f in FORMATS if f != "kumu"],
                     help="the format of the file read, when its suffix does not say")
    sub = commands.add_parser("diff", parents=[common],
                              help="what appeared, vanished or changed between two waves of a "
                                   "partnership, and how far the ties of each type moved")
    sub.add_argument("file", metavar="before", help="the earlier wave: " + _FILE_HELP)
    sub.add_argument("after", help="the later wave, a data file in the same format")
    sub.add_argument("--not-surveyed", nargs="+", metavar="ID",
                     help="stakeholders whose own ties were not recorded in one of the waves: "
                          "their dyads are left out of the comparison of ties")
    sub.add_argument("--format", choices=formats, default="text",
                     help="output (default text: the changes, then the table of ties; csv and "
                          "json give the table of ties)")
    sub = commands.add_parser("metrics", parents=[common],
                              help="the structure of the relations: density, reciprocity, "
                                   "centralization, hierarchy, per layer")
    sub.add_argument("file", help=_FILE_HELP)
    sub.add_argument("--layer", nargs="+", metavar="TYPE",
                     help="relation types read together as one layer (default: all relations, "
                          "then each type on its own)")
    sub.add_argument("--scale", nargs="+", metavar="SCALE",
                     help="only relations at these scales: session, institution, place")
    sub.add_argument("--format", choices=formats, default="text", help="output (default text)")
    return parser


def main(argv: Optional[List[str]] = None) -> int:
    """Run the command line.

    Parameters
    ----------
    argv : list of str, optional
        The arguments after the program name; ``sys.argv[1:]`` by default.

    Returns
    -------
    int
        The exit status: 0 done, 1 a file that cannot be read or is not valid (or an output
        closed early, as by ``| head``), 2 a command line that is not understood, 130
        interrupted.

    Raises
    ------
    Exception
        Only with ``--debug``: the error, with its traceback.
    """
    try:
        args = _parser().parse_args(argv)
    except _UsageError as err:
        _write(sys.stderr, f"coproduction: {_shown(str(err))} (coproduction --help lists the "
                           "commands and options)")
        return 2
    except SystemExit as stop:  # --help
        return stop.code if isinstance(stop.code, int) else 0
    debug = getattr(args, "debug", False)
    file = str(getattr(args, "file", None) or getattr(args, "out", ""))
    try:
        if args.command == "demo":
            status = _demo(args.out)
        elif args.command == "validate":
            status = _validate(args.file)
        elif args.command == "power":
            status = _power(args.file, args.by, args.index, args.project, args.format,
                            args.k)
        elif args.command == "ladder":
            status = _ladder(args.file)
        elif args.command == "report":
            status = _report(args.file, args.output, args.project, args.by, args.index,
                             args.show_labels, args.k)
        elif args.command == "audit":
            status = _audit(args.file, args.project, args.format)
        elif args.command == "convert":
            status = _convert(args.file, args.output, args.to, args.read_as)
        elif args.command == "metrics":
            status = _metrics(args.file, args.layer, args.scale, args.format)
        elif args.command == "diff":
            status = _diff(args.file, args.after, args.not_surveyed, args.format)
        else:
            status = _describe(args.file)
        sys.stdout.flush()
        return status
    except BrokenPipeError:
        # The reader of the output went away (`| head`): stop quietly, as Unix tools do, and
        # point stdout at nothing so the interpreter's last flush does not fail again.
        if debug:
            raise
        try:
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        except (OSError, ValueError, AttributeError):
            pass  # stdout is not a file (a test's capture): nothing will flush it
        return 1
    except FormatError as err:
        if debug:
            raise
        for pointer, code, message in err.problems or [Problem(err.where, err.code, err.detail)]:
            _error(file, pointer, message, code)
        return 1
    except Error as err:
        if debug:
            raise
        _error(file, err.where, err.detail, err.code)
        return 1
    except OSError as err:
        if debug:
            raise
        _error(err.filename if isinstance(err.filename, str) else file, "",
               err.strerror or str(err))
        return 1
    except KeyboardInterrupt:
        if debug:
            raise
        return 130
    except Exception as err:  # a fault of the library, not of the data: still one line
        if debug:
            raise
        _error(file, "", f"internal error: {type(err).__name__}: {err} (--debug shows the "
                         "traceback)")
        return 1


if __name__ == "__main__":
    sys.exit(main())
