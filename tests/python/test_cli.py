"""The command line as a hostile user would try it: every failure is one line on stderr naming
the file and the place, with exit status 1 (bad input) or 2 (bad command line), never a
traceback unless ``--debug`` asks for it; and nothing from the data reaches the terminal as a
control character."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

import coproduction as cp
from coproduction import __main__ as cli

# Every character the command line must never write raw: C0, DEL, C1, bidi overrides.
CONTROL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
ESCAPE = "\x1b"


def run(*args: str, **options) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "coproduction", *args], capture_output=True,
                          **options)


def lines(data: bytes) -> list:
    return data.decode("utf-8").splitlines()


def document(**changes) -> dict:
    doc = {"format": "coproduction", "version": 1,
           "stakeholders": [{"id": "outreach", "kind": "group", "convenor": True},
                            {"id": "womens_group", "kind": "group", "role": "service_user"}],
           "relations": [{"source": "womens_group", "target": "outreach", "type": "learns_from"}],
           "projects": [{"id": "film", "claimed": "co-production"}],
           "decisions": [{"id": "film_theme", "project": "film", "stage": "design",
                          "rights": {"outreach": "shared", "womens_group": "shared"},
                          "rule": {"kind": "majority"}}]}
    doc.update(changes)
    return doc


def hostile_document() -> dict:
    """Escape sequences, a C1 control, DEL, bidi overrides and newlines in every kind of text
    a report shows: ids, a role, labels, the title."""
    return {
        "format": "coproduction", "version": 1,
        "metadata": {"title": f"title{ESCAPE}]0;retitled\x07\nNetwork: 0 stakeholders"},
        "stakeholders": [
            {"id": "service\u202euser", "kind": "group", "role": f"service_user{ESCAPE}[31m",
             "label": "two\nlines", "convenor": True},
            {"id": "commissioner\\x1b", "kind": "group", "role": "comm\x9bissioner"},
            {"id": f"commissioner{ESCAPE}", "kind": "person", "role": "carer\x7f"}],
        "relations": [{"source": "service\u202euser", "target": "commissioner\\x1b",
                       "type": "informs"}],
        "projects": [{"id": f"film{ESCAPE}[2J", "label": "lab\x7fel", "claimed": "co-design"}],
        "decisions": [{"id": "theme\u2066", "project": f"film{ESCAPE}[2J", "stage": "design",
                       "rights": {"service\u202euser": "decides",
                                  "commissioner\\x1b": "consulted"},
                       "rule": {"kind": "sole"}}]}


def write(path: Path, doc: dict) -> Path:
    path.write_text(json.dumps(doc), encoding="utf-8")
    return path


def assert_one_line_error(result: subprocess.CompletedProcess, status: int, expected: str):
    assert result.returncode == status, result.stderr
    assert lines(result.stderr) == [expected]
    assert result.stdout == b""


# -- files that cannot be read ------------------------------------------------------------

@pytest.mark.parametrize("command", ["describe", "validate"])
def test_a_missing_file_is_one_line(tmp_path, command):
    missing = tmp_path / "missing.json"
    assert_one_line_error(run(command, str(missing)), 1,
                          f"coproduction: {missing}: No such file or directory")


@pytest.mark.parametrize("command", ["describe", "validate"])
def test_a_directory_is_one_line(tmp_path, command):
    assert_one_line_error(run(command, str(tmp_path)), 1,
                          f"coproduction: {tmp_path}: Is a directory")


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0,
                    reason="root reads a file whatever its mode; "
                           "test_a_file_that_fails_to_read_is_one_line covers a refused read")
def test_an_unreadable_file_is_one_line(tmp_path):
    locked = write(tmp_path / "locked.json", document())
    locked.chmod(0)
    assert_one_line_error(run("describe", str(locked)), 1,
                          f"coproduction: {locked}: Permission denied")


@pytest.mark.skipif(not os.path.exists("/proc/self/mem"), reason="needs Linux's /proc")
def test_a_file_that_fails_to_read_is_one_line():
    # Opens for anyone, root included, and every read of it at offset 0 fails (EIO).
    assert_one_line_error(run("validate", "/proc/self/mem"), 1,
                          "coproduction: /proc/self/mem: Input/output error")


def test_an_unreadable_file_in_process(tmp_path, monkeypatch, capsys):
    # The same refusal as chmod 000 gives a user who is not root, made where the file is opened.
    locked = write(tmp_path / "locked.json", document())
    real_open = open

    def refuse(path, *args, **kwargs):
        if str(path) == str(locked):
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr("builtins.open", refuse)
    assert cli.main(["describe", str(locked)]) == 1
    out, err = capsys.readouterr()
    assert out == "" and err == f"coproduction: {locked}: Permission denied\n"


# -- /dev/stdin and pipes -------------------------------------------------------------------

def test_a_document_on_dev_stdin_is_read():
    result = run("describe", "/dev/stdin", input=json.dumps(document()).encode())
    assert result.returncode == 0, result.stderr
    assert lines(result.stdout)[0] == "Network: 2 stakeholders, 1 relation, 1 project, 1 decision"


def test_a_closed_stdin_is_one_line():
    result = run("describe", "/dev/stdin", stdin=None, preexec_fn=lambda: os.close(0))
    assert_one_line_error(result, 1, "coproduction: /dev/stdin: No such file or directory")


# `python -m coproduction`, and `coproduction`, the script the package installs, which calls
# main() and exits with what it returns.
ENTRY_POINTS = {
    "module": ["-m", "coproduction"],
    "script": ["-c", "import sys; from coproduction.__main__ import main; sys.exit(main())"],
}


@pytest.mark.parametrize("entry", list(ENTRY_POINTS))
def test_an_output_pipe_closed_by_its_reader_stops_quietly(entry):
    # `... | coproduction describe /dev/stdin | head -0`: the reader of the output has gone
    # before the first line is written, so every write fails with EPIPE.
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        result = subprocess.run([sys.executable, *ENTRY_POINTS[entry], "describe", "/dev/stdin"],
                                input=json.dumps(document()).encode(), stdout=write_end,
                                stderr=subprocess.PIPE)
    finally:
        os.close(write_end)
    assert result.returncode == 1
    assert result.stderr == b""


def test_an_output_pipe_closed_in_process(tmp_path, monkeypatch, capsys):
    class ClosedPipe:
        encoding = "utf-8"

        def write(self, text):
            raise BrokenPipeError(32, "Broken pipe")

        def flush(self):
            raise BrokenPipeError(32, "Broken pipe")

    path = write(tmp_path / "doc.json", document())
    monkeypatch.setattr(sys, "stdout", ClosedPipe())
    assert cli.main(["describe", str(path)]) == 1
    assert capsys.readouterr().err == ""


def test_an_endless_pipe_stops_at_the_size_limit(monkeypatch, capsys):
    # /dev/zero never ends: reading stops one byte past the limit.
    monkeypatch.setattr(cli, "MAX_BYTES", 1 << 16)
    assert cli.main(["validate", "/dev/zero"]) == 1
    assert capsys.readouterr().err == ("coproduction: /dev/zero: the document has more than "
                                       "65536 bytes, the limit [format.size]\n")


# -- invalid data -------------------------------------------------------------------------

@pytest.mark.parametrize("command", ["describe", "validate"])
def test_invalid_data_lists_each_problem_on_its_own_line(tmp_path, command):
    doc = document(relations=[{"source": "womens_group", "target": "nhs", "type": "refers"}])
    doc["stakeholders"][0]["kind"] = "team"
    bad = write(tmp_path / "bad.json", doc)
    result = run(command, str(bad))
    assert result.returncode == 1
    assert result.stdout == b""
    assert lines(result.stderr) == [
        f'coproduction: {bad}: /stakeholders/0/kind: "team" is not one of person, group, '
        f'organisation, object [format.value]',
        f'coproduction: {bad}: /relations/0/target: unknown stakeholder "nhs" [model.unknown_id]',
    ]


def test_text_that_is_not_json_names_the_byte(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "coproduction",, }')
    result = run("validate", str(bad))
    assert result.returncode == 1
    [line] = lines(result.stderr)
    assert line.startswith(f"coproduction: {bad}: byte 27: not JSON: ")
    assert line.endswith(" [format.syntax]")


def test_a_valid_file_is_reported_on_stdout(tmp_path):
    good = write(tmp_path / "good.json", document())
    result = run("validate", str(good))
    assert result.returncode == 0 and result.stderr == b""
    assert lines(result.stdout) == [f"{good}: valid ({cp.read_json(good)!r})"]


# -- the command line itself ----------------------------------------------------------------

@pytest.mark.parametrize("args, message", [
    ((), "the following arguments are required: command"),
    (("bogus",), "argument command: invalid choice: 'bogus' (choose from 'demo', 'describe', "
                 "'validate', 'ladder', 'report', 'power', 'audit', 'convert', 'diff', "
                 "'metrics')"),
    (("describe",), "the following arguments are required: file"),
    (("validate", "a.json", "b.json"), "unrecognized arguments: b.json"),
    (("demo", "--colour"), "unrecognized arguments: --colour"),
])
def test_bad_usage_is_one_line_and_status_2(args, message):
    assert_one_line_error(run(*args), 2, f"coproduction: {message} (coproduction --help lists "
                                         "the commands and options)")


def test_help_still_prints_and_succeeds(capsys):
    assert cli.main(["--help"]) == 0
    out = capsys.readouterr().out
    assert "describe" in out and "--debug" in out


def test_help_is_complete_and_plain(capsys):
    # Every command is listed with a line of help, every argument of every command has its
    # own help, and none of it is markup (rst roles, backticks) meant for another reader.
    parser = cli._parser()
    commands = next(a for a in parser._actions if a.dest == "command")
    listed = {choice.dest for choice in commands._choices_actions}
    assert listed == set(commands.choices) and all(c.help for c in commands._choices_actions)
    for name, sub in commands.choices.items():
        for action in sub._actions:
            assert action.help, f"{name}: {action.dest} has no help"
        assert cli.main([name, "--help"]) == 0
        out = capsys.readouterr().out
        assert not re.search(r"``|:func:|:mod:|:class:|\\", out), (name, out)
    assert cli.main(["--help"]) == 0
    out = capsys.readouterr().out
    assert all(name in out for name in commands.choices) and "examples:" in out


# -- --debug --------------------------------------------------------------------------------

def test_debug_raises_with_the_traceback(tmp_path):
    bad = write(tmp_path / "bad.json", document(projects=[]))
    with pytest.raises(cp.FormatError, match="unknown project"):
        cli.main(["--debug", "validate", str(bad)])
    with pytest.raises(FileNotFoundError):
        cli.main(["describe", str(tmp_path / "missing.json"), "--debug"])
    result = run("--debug", "describe", str(bad))
    assert result.returncode == 1
    assert b"Traceback (most recent call last)" in result.stderr
    assert b"FormatError" in result.stderr


def test_without_debug_an_unexpected_fault_is_still_one_line(tmp_path, monkeypatch, capsys):
    good = write(tmp_path / "good.json", document())

    def broken(net):
        raise KeyError("stage")

    monkeypatch.setattr(cli, "describe", broken)
    assert cli.main(["describe", str(good)]) == 1
    assert capsys.readouterr().err == (f"coproduction: {good}: internal error: KeyError: "
                                       "'stage' (--debug shows the traceback)\n")


# -- control characters ---------------------------------------------------------------------

def test_every_control_character_is_escaped():
    controls = ([chr(c) for c in range(0x00, 0x20)] + ["\x7f"] + [chr(c) for c in range(0x80, 0xa0)]
                + [chr(c) for c in range(0x202a, 0x202f)] + [chr(c) for c in range(0x2066, 0x206a)])
    for c in controls:
        escaped = cli._shown(f"a{c}b")
        code = ord(c)
        assert escaped == (f"a\\x{code:02x}b" if code < 0x100 else f"a\\u{code:04x}b")
    assert cli._shown("line\nbreak", keep_newlines=True) == "line\nbreak"
    assert cli._shown("line\nbreak") == "line\\x0abreak"
    # Printable text of any script is left alone.
    for text in ("service_user", "Tyne & Wear", "café", "Ŵales — Cymru", "共同生产", "🙂"):
        assert cli._shown(text) == text


def test_describe_shows_control_characters_escaped(tmp_path):
    hostile = write(tmp_path / "hostile.json", hostile_document())
    result = run("describe", str(hostile))
    assert result.returncode == 0, result.stderr
    out = result.stdout.decode("utf-8")
    assert not CONTROL.search(out)
    # Each shown as an escape, and text that merely looks like one is kept apart from it by
    # its doubled backslash: the two commissioners stay two.
    for shown in ("title\\x1b]0;retitled\\x07\\x0aNetwork: 0 stakeholders",
                  "service_user\\x1b[31m", "comm\\x9bissioner", "carer\\x7f",
                  "film\\x1b[2J", "theme\\u2066: sole: service\\u202euser",
                  "commissioner\\\\x1b"):
        assert shown in out, shown
    # The report keeps its own layout: the title's newline does not start a line.
    assert not any(line.startswith("Network: 0") for line in out.splitlines())


def test_validate_messages_show_control_characters_escaped(tmp_path):
    doc = document(relations=[{"source": "womens_group", "target": f"nhs{ESCAPE}[2J\u202e\n",
                               "type": "refers"}])
    name = tmp_path / f"bad{ESCAPE}[31m.json"
    write(name, doc)
    result = run("validate", str(name))
    assert result.returncode == 1
    err = result.stderr.decode("utf-8")
    assert not CONTROL.search(err)
    assert lines(result.stderr) == [
        f"coproduction: {tmp_path}/bad\\x1b[31m.json: /relations/0/target: unknown stakeholder "
        f'"nhs\\x1b[2J\\u202e\\x0a" [model.unknown_id]']
    hostile = write(tmp_path / "hostile.json", hostile_document())
    assert not CONTROL.search(run("validate", str(hostile)).stdout.decode("utf-8"))


def test_demo_shows_control_characters_escaped(tmp_path, monkeypatch, capsys):
    hostile = cp.read_json(json.dumps(hostile_document()))
    monkeypatch.setattr(cli.examples, "load", lambda name: hostile)
    assert cli.main(["demo", "--out", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert not CONTROL.search(out)
    assert "service_user\\x1b[31m" in out and "film\\x1b[2J" in out
    # What is written back is the data itself, not what was shown.
    assert cp.read_json(tmp_path / "twam_partners_2013.json") == hostile


def test_a_terminal_without_unicode_gets_escapes_not_an_error(tmp_path):
    doc = document()
    doc["stakeholders"][1]["label"] = "Ŵales — Cymru"
    doc["metadata"] = {"title": "Café"}
    path = write(tmp_path / "doc.json", doc)
    result = run("describe", str(path), env={**os.environ, "PYTHONIOENCODING": "ascii"})
    assert result.returncode == 0, result.stderr
    assert "Caf\\xe9" in result.stdout.decode("ascii")


def test_the_demo_prints_one_number_per_quantity(tmp_path, capsys):
    # A share printed in the power section and again as scorecard evidence is one number: the
    # sections read the same decisions, weighted the same way, over the same people.
    assert cli.main(["demo", "--out", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    twam = out.split("The four collaboration types")[0]
    partner = re.search(r"^\s+partner\s+(\d\.\d+)\s+(\d+)\s", twam, re.M)
    equitable = re.search(r"partners \((\d+) stakeholders\) hold (\d\.\d+) of the decision power",
                          twam)
    assert partner and equitable
    assert float(partner.group(1)) == float(equitable.group(2))
    assert int(partner.group(2)) == int(equitable.group(1))
    lived = re.search(r"^\s+lived\s+(\d\.\d+)\s", twam, re.M)
    human = re.search(r"lived expertise holds (\d\.\d+)", twam)
    assert lived and human and float(lived.group(1)) == pytest.approx(float(human.group(1)))
    users = re.search(r"^\s+service_user\s+(\d\.\d+)\s", twam, re.M)
    group = re.search(r"housing21_reminiscence_group \(\d+\); their decision power (\d\.\d+)", twam)
    assert users and group and float(users.group(1)) == float(group.group(1))
    # The same numbers as the functions give.
    net = cp.examples.load("twam_partners_2013")
    shares = cp.power.power_shares(net, by="convenor")
    assert float(partner.group(1)) == round(float(shares.at["partner", "power"]), 3)
    # The rights matrix names its axis as every stakeholder-indexed table does.
    assert re.search(r"^stakeholder\s+twam_outreach", twam, re.M)


TWAM_FILE = str(Path(cp.__file__).parent / "data" / "twam_partners_2013.json")


def _table(capsys, *argv: str) -> str:
    assert cli.main(list(argv)) == 0
    return capsys.readouterr().out


def test_power_prints_the_shares_of_the_function_in_every_format(capsys):
    import io
    import pandas as pd
    net = cp.examples.load("twam_partners_2013")
    # By default, groups of fewer than 5 people are pooled, as cp.privacy pools them, and the
    # note goes beside the table (stderr), never into the CSV.
    want = cp.privacy.power_shares(net, "role")
    assert want.attrs["small_groups"]["groups"] > 0
    assert cli.main(["power", TWAM_FILE, "--by", "role", "--format", "csv"]) == 0
    out, err = capsys.readouterr()
    got = pd.read_csv(io.StringIO(out), index_col=0)
    pd.testing.assert_frame_equal(got, pd.DataFrame(want), check_names=False,
                                  check_index_type=False, check_dtype=False)
    assert want.attrs["small_groups"]["note"] in err and "--k 1" in err
    # --k 1 shows every group: the analysis function's own table.
    every = cp.power.power_shares(net, by="role")
    got = pd.read_csv(io.StringIO(_table(capsys, "power", TWAM_FILE, "--by", "role", "--k", "1",
                                         "--format", "csv")), index_col=0)
    pd.testing.assert_frame_equal(got, every, check_names=False, check_index_type=False,
                                  check_dtype=False)
    as_json = json.loads(_table(capsys, "power", TWAM_FILE, "--by", "role", "--format", "json"))
    assert as_json["service_user"]["power"] == pytest.approx(want.at["service_user", "power"])
    assert set(as_json) == set(want.index)
    text = _table(capsys, "power", TWAM_FILE, "--by", "role")
    assert "other (groups under 5)" in text and "merged into" in text
    for small in every.index[cp.privacy.head_counts(net, "role").reindex(every.index) < 5]:
        assert not re.search(rf"^{re.escape(str(small))}\s", text, re.M), small


@pytest.mark.parametrize("k", ["0", "-1", "1.5", "five", ""])
def test_power_refuses_a_k_that_is_not_a_whole_number_of_people(capsys, k):
    assert cli.main(["power", TWAM_FILE, "--k", k]) == 2
    assert "--k" in capsys.readouterr().err
    text = _table(capsys, "power", TWAM_FILE, "--project", "reminiscence")
    assert re.search(r"^partner\s+0\.492\s", text, re.M)


def test_metrics_prints_the_summary_of_a_layer_at_a_scale(capsys):
    net = cp.examples.load("twam_partners_2013")
    got = json.loads(_table(capsys, "metrics", TWAM_FILE, "--layer", "informs", "refers",
                            "--scale", "session", "institution", "--format", "json"))
    want = cp.metrics.summary(net, {"informs+refers": ["informs", "refers"]},
                              scale=["session", "institution"]).loc["informs+refers"]
    assert list(got) == ["informs+refers"]
    for column, value in want.items():
        if value == value:  # NaN is null in JSON
            assert got["informs+refers"][column] == pytest.approx(value, rel=1e-9), column
    default = _table(capsys, "metrics", TWAM_FILE)
    assert default.splitlines()[2].startswith("all ")


def test_audit_and_ladder_print_the_scorecard_and_every_project(capsys):
    card = _table(capsys, "audit", TWAM_FILE, "--format", "csv")
    assert card.splitlines()[0] == "principle," + ",".join(cp.audit.COLUMNS)
    assert len(card.strip().splitlines()) >= 1 + len(cp.audit.PRINCIPLES)
    text = _table(capsys, "audit", TWAM_FILE)
    assert "Principles of co-production" in text
    ladder = _table(capsys, "ladder", TWAM_FILE)
    assert "[reminiscence]: engagement" in ladder


def test_report_writes_the_page_of_the_function(tmp_path, capsys):
    out = tmp_path / "report.html"
    said = _table(capsys, "report", TWAM_FILE, "-o", str(out), "--by", "convenor")
    assert said.strip() == f"Written: {out}"
    net = cp.examples.load("twam_partners_2013")
    # The page of cp.report with the same settings, but for the date it was made.
    same = cp.report(net, by="convenor", date=None)
    page = out.read_text(encoding="utf-8")
    assert len(page.splitlines()) == len(same.splitlines())
    differing = [(a, b) for a, b in zip(page.splitlines(), same.splitlines()) if a != b]
    assert len(differing) <= 1, differing[:3]  # at most the line with the date
    labelled = tmp_path / "labelled.html"
    _table(capsys, "report", TWAM_FILE, "-o", str(labelled), "--show-labels")
    label = net.stakeholders.at["twam_outreach", "label"]
    assert label in labelled.read_text(encoding="utf-8") and label not in page


def test_the_demo_writes_the_report(tmp_path, capsys):
    assert cli.main(["demo", "--out", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    page = tmp_path / "twam_partners_2013.html"
    assert f"print: {page}" in out
    assert "<section" in page.read_text(encoding="utf-8")


@pytest.mark.parametrize("target, to, written", [
    ("twam.xlsx", None, "xlsx"), ("twam_csv", None, "csv"), ("twam.graphml", None, "graphml"),
    ("twam.gexf", None, "gexf"), ("twam.json", None, "json"), ("twam.kumu.json", "kumu", "kumu"),
])
def test_convert_writes_every_format_and_reads_it_back(tmp_path, capsys, target, to, written):
    out = tmp_path / target
    said = _table(capsys, "convert", TWAM_FILE, str(out), *(["--to", to] if to else []))
    assert said.strip() == f"Written: {out} (json to {written})"
    net = cp.examples.load("twam_partners_2013")
    if written == "kumu":  # holds no decisions: read it as Kumu's JSON
        kumu = json.loads(out.read_text(encoding="utf-8"))
        assert len(kumu["connections"]) == len(net.relations)
        return
    back = tmp_path / "back.json"
    _table(capsys, "convert", str(out), str(back), *(["--from", written] if written == "csv"
                                                        else []))
    assert cp.read_json(back) == net


def test_convert_leaves_nothing_behind_on_bad_data(tmp_path, capsys):
    bad = write(tmp_path / "bad.json", document(projects=[]))
    out = tmp_path / "out.xlsx"
    assert cli.main(["convert", str(bad), str(out)]) == 1
    assert "unknown project" in capsys.readouterr().err
    assert not out.exists() and os.listdir(tmp_path) == ["bad.json"]


@pytest.mark.parametrize("argv, status", [
    (("report", TWAM_FILE, "-o", "x.html", "--project", "absent"), 1),
    (("report", TWAM_FILE), 2),
    (("convert", TWAM_FILE, "out.txt"), 1),
    (("convert", TWAM_FILE, "out.json", "--to", "pdf"), 2),
    (("convert", TWAM_FILE, TWAM_FILE), 1),
    (("power", TWAM_FILE, "--by", "colour"), 1),
    (("metrics", TWAM_FILE, "--layer", "nope"), 1),
    (("metrics", TWAM_FILE, "--scale", "ward"), 1),
    (("audit", TWAM_FILE, "--project", "absent"), 1),
    (("power", TWAM_FILE, "--format", "xml"), 2),
])
def test_analysis_commands_report_bad_options_in_one_line(argv, status, capsys):
    assert cli.main(list(argv)) == status
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("coproduction: ")


def test_the_demo_shows_intervals_and_the_change_between_the_waves(tmp_path, capsys):
    assert cli.main(["demo", "--out", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    net = cp.examples.load("twam_partners_2013")
    partner = cp.stats.bootstrap(net, "power_share", by="convenor", group="partner",
                                 unit="decisions", n=2000, rng=1)
    assert (f"by convenor, partner: share of decision power {partner.estimate:.3f} "
            f"(95% interval {partner.low:.3f} to {partner.high:.3f})") in out
    tl = cp.examples.load_timeline("twam_partners_waves")
    presence = tl.presence["2014"]
    assert "joined in 2014: " + ", ".join(presence.index[presence == "joined"]) in out
    assert "left in 2014: " + ", ".join(presence.index[presence == "left"]) in out
    for line in repr(tl.diff()).splitlines()[1:]:
        assert line in out
    shares = cp.power.power_shares(tl["2014"], "convenor", interval=True, n=2000, rng=1)
    assert (f"{shares.at['partner', 'power']:.3f} ({shares.at['partner', 'power_low']:.3f} to "
            f"{shares.at['partner', 'power_high']:.3f}) in 2014") in out
    verdict = tl.scorecard().loc[("2014", "Critical, reflective, adaptive"), "verdict"]
    assert f"Critical, reflective, adaptive (2014 against 2013): {verdict}:" in out


def test_diff_prints_what_changed_between_two_waves(tmp_path, capsys):
    tl = cp.examples.load_timeline("twam_partners_waves")
    first, second = tmp_path / "2013.json", tmp_path / "2014.json"
    tl["2013"].write_json(first)
    tl["2014"].write_json(second)
    assert cli.main(["diff", str(first), str(second), "--not-surveyed",
                     "neca_participants"]) == 0
    out = capsys.readouterr().out
    assert repr(tl.diff()) in out
    assert "Ties by relation type" in out
    assert cli.main(["diff", str(first), str(second), "--format", "csv"]) == 0
    import io
    import pandas as pd
    got = pd.read_csv(io.StringIO(capsys.readouterr().out), index_col=0)
    want = cp.diff(tl["2013"], tl["2014"]).ties
    assert list(got.index) == list(want.index)
    assert got["hamming"].tolist() == want["hamming"].tolist()
    assert got["jaccard"].tolist() == pytest.approx(want["jaccard"].tolist(), nan_ok=True)
    assert cli.main(["diff", str(first), str(second), "--not-surveyed", "nobody"]) == 1
    assert "nobody" in capsys.readouterr().err
