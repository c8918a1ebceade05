"""The HTML report opened in a real browser (headless Chromium, driven by ``_chromium.py``).

The report promises one self-contained file: it must render every section, draw every picture,
ask the network for nothing, raise no error, and print. A full-page screenshot of the example
report is kept in ``build/report-screenshot.png`` for a person to look at.

The second half proves the checks can fail: pages that fetch, log an error, throw, leave a
section empty or draw an empty picture are each caught by the same code.

``make test`` installs Chromium (Debian package ``chromium``); without it these tests fail
saying so. Set ``COPRODUCTION_NO_BROWSER=1`` to skip them explicitly.
"""

from __future__ import annotations

import os
import shutil
import struct
import zlib
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from matplotlib import image as mpimage

import _chromium
import coproduction as cp

SECTIONS = ("summary", "power", "ladder", "tokenism", "scorecard", "structure", "data", "sources")
REPOSITORY = Path(__file__).resolve().parents[2]
SCREENSHOT = REPOSITORY / "build" / "report-screenshot.png"


@pytest.fixture(scope="module")
def browser() -> Iterator[_chromium.Browser]:
    """One browser for the whole file; each page gets a fresh tab."""
    if _chromium.browser_disabled():
        pytest.skip(f"{_chromium.NO_BROWSER_VARIABLE}=1: browser tests skipped on request")
    try:
        _chromium.require_browser()
    except _chromium.BrowserMissing as err:
        pytest.fail(str(err), pytrace=False)
    with _chromium.Browser() as running:
        yield running


def png_size(data: bytes) -> tuple[int, int]:
    """Width and height from a PNG's header, read by hand (signature, then the IHDR chunk)."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG signature"
    length, kind = struct.unpack(">I4s", data[8:16])
    assert kind == b"IHDR" and length == 13, "the first chunk of a PNG must be IHDR"
    width, height = struct.unpack(">II", data[16:24])
    assert zlib.crc32(data[12:29]) == struct.unpack(">I", data[29:33])[0], "IHDR checksum"
    return width, height


def pixel_spread(path: Path) -> float:
    """The variance of all pixel values: zero for a blank (single-colour) picture."""
    return float(np.var(mpimage.imread(path)))


def document(body: str, title: str = "page") -> str:
    return (f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>{title}'
            f"</title></head><body>{body}</body></html>\n")


def sections(fill: dict[str, str] | None = None) -> str:
    """Every expected section with a heading and a small inline picture, then a footer."""
    fill = fill or {}
    picture = '<svg width="120" height="40"><rect width="120" height="40" fill="#369"/></svg>'
    return "".join(fill.get(name, f'<section id="{name}"><h2>{name}</h2>{picture}</section>')
                   for name in SECTIONS) + "<footer>made by coproduction</footer>"


# -- the report -------------------------------------------------------------------------------

def test_the_report_renders_whole_and_alone(browser, tmp_path):
    path = tmp_path / "report.html"
    cp.report(cp.examples.load("twam_partners_2013"), path)
    page = browser.open(path)

    shot = tmp_path / "report-screenshot.png"
    shot.write_bytes(page.screenshot)
    # Kept before any assertion, so a failing report can be looked at too.
    SCREENSHOT.parent.mkdir(exist_ok=True)
    shutil.copyfile(shot, SCREENSHOT)

    assert page.problems(SECTIONS) == []
    # The same, spelled out, so a failure names the broken promise.
    assert page.requests == [path.resolve().as_uri()], "the report fetched something"
    assert page.console == [] and page.exceptions == [] and page.log_errors == []
    for name in (*SECTIONS, "footer"):
        block = page.block(name)
        assert block is not None, f"{name} missing"
        assert block["height"] > 0 and block["text"] > 0, f"{name} is empty"
    assert page.svgs, "the report draws its charts as inline SVG: none found"
    assert all(svg["width"] > 0 and svg["height"] > 0 for svg in page.svgs)

    width, height = png_size(page.screenshot)
    assert width >= _chromium.WIDTH
    # Full page, not just the first screen: at least as tall as the sections stacked.
    assert height >= sum(page.block(name)["height"] for name in SECTIONS)
    assert pixel_spread(shot) > 0, "the screenshot is blank"
    assert page.pdf.startswith(b"%PDF-") and page.pdf_pages() >= 1


# -- the harness can fail ----------------------------------------------------------------------

def test_a_sound_page_has_no_problems(browser, tmp_path):
    # A library-made fragment in the report's shape: no false alarms from the checks.
    net = cp.examples.load("twam_partners_2013")
    path = tmp_path / "sound.html"
    path.write_text(document(sections({"summary": f'<section id="summary">'
                                                  f"{cp.display.html(net)}</section>"})))
    page = browser.open(path)
    assert page.problems(SECTIONS) == []
    assert page.requests == [path.resolve().as_uri()]
    shot = tmp_path / "sound.png"
    shot.write_bytes(page.screenshot)
    assert png_size(page.screenshot)[0] >= _chromium.WIDTH
    assert pixel_spread(shot) > 0


@pytest.mark.parametrize(("name", "fill", "expected"), [
    ("fetch", {"data": '<section id="data">rows<img src="http://127.0.0.1:9/x.png" alt="">'
                       "</section>"},
     "request for http://127.0.0.1:9/x.png"),
    ("console", {"power": '<section id="power">power<script>console.error("x")</script>'
                          "</section>"},
     "console error: x"),
    ("warning", {"power": '<section id="power">power<script>console.warn("w")</script>'
                          "</section>"},
     "console warning: w"),
    ("exception", {"ladder": '<section id="ladder">rungs<script>throw new Error("boom")'
                             "</script></section>"},
     "exception: Error: boom"),
    ("empty section", {"tokenism": '<section id="tokenism"></section>'},
     "section id='tokenism' has no height"),
    ("blank section", {"tokenism": '<section id="tokenism"><div style="height:5em"></div>'
                                   "</section>"},
     "section id='tokenism' has no text"),
    ("missing section", {"sources": ""}, "no section id='sources'"),
    ("empty picture", {"structure": '<section id="structure">graph<svg width="0" height="0">'
                                    "</svg></section>"},
     "in section id='structure' is 0 x 0"),
])
def test_each_kind_of_problem_is_caught(browser, tmp_path, name, fill, expected):
    path = tmp_path / "bad.html"
    path.write_text(document(sections(fill)))
    problems = browser.open(path).problems(SECTIONS)
    assert any(expected in problem for problem in problems), problems


def test_the_failed_fetch_is_recorded_as_a_request(browser, tmp_path):
    path = tmp_path / "fetch.html"
    fetching = '<section id="data">x<img src="http://127.0.0.1:9/x.png" alt=""></section>'
    path.write_text(document(sections({"data": fetching})))
    page = browser.open(path)
    assert page.foreign_requests() == ["http://127.0.0.1:9/x.png"]
    assert [load.split(": ")[0] for load in page.failed_loads] == ["http://127.0.0.1:9/x.png"]


def test_a_missing_footer_and_a_blank_screenshot_are_caught(browser, tmp_path):
    path = tmp_path / "blank.html"
    path.write_text(document('<section id="summary"><div style="height:50px"></div></section>'))
    page = browser.open(path)
    assert "no footer" in page.problems(["summary"])
    shot = tmp_path / "blank.png"
    shot.write_bytes(page.screenshot)
    assert png_size(page.screenshot) == (_chromium.WIDTH, 800)
    assert pixel_spread(shot) == 0


def test_a_browser_that_dies_fails_at_once(tmp_path):
    # /bin/true stands in for a browser that crashes on start: its pipe closes, no hang.
    with pytest.raises(_chromium.BrowserError, match="closed its pipe"):
        with _chromium.Browser(executable="/bin/true"):
            pass


def test_a_browser_dead_before_the_first_command_fails_the_same_way(monkeypatch):
    # The other order of the case above: the browser has exited before anything is sent, so
    # sending meets the broken pipe first. Waiting for the exit makes this order certain.
    send = _chromium.Browser._send

    def send_after_exit(self, *args, **kwargs):
        self._process.wait()
        return send(self, *args, **kwargs)

    monkeypatch.setattr(_chromium.Browser, "_send", send_after_exit)
    with pytest.raises(_chromium.BrowserError, match="closed its pipe while sending"):
        with _chromium.Browser(executable="/bin/true"):
            pass


def test_a_browser_that_never_answers_is_killed(tmp_path):
    silent = tmp_path / "silent"
    silent.write_text("#!/bin/sh\nexec sleep 600\n")
    silent.chmod(0o755)
    browser = _chromium.Browser(executable=str(silent), timeout=1.0)
    with pytest.raises(_chromium.BrowserError, match="no answer within 1 s"):
        with browser:
            pass
    with pytest.raises(ProcessLookupError):  # killed and reaped, not left running
        os.kill(browser.pid, 0)


def test_a_missing_browser_says_how_to_get_it(tmp_path):
    with pytest.raises(_chromium.BrowserMissing, match=r"`make test` installs it.*chromium"):
        with _chromium.Browser(executable=str(tmp_path / "no-such-chromium")):
            pass
