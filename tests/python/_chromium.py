"""A headless Chromium driven over the DevTools protocol, for the tests of the HTML report.

Standard library only: no Selenium, Playwright or pyppeteer, which download browsers of their
own. The browser is Debian's ``chromium`` package (``/usr/bin/chromium``), which ``make test``
installs. It is started with ``--remote-debugging-pipe``: the protocol's JSON messages, each
terminated by a NUL byte, go to the browser on its file descriptor 3 and come back on its
descriptor 4.

:class:`Browser` opens a local HTML file in a fresh tab and returns a :class:`Page` with what a
person opening the file would not see but should worry about (every network request, console
errors and warnings, uncaught exceptions, failed loads), what they would see (the height, text
and pictures of each ``section[id]`` and the ``footer``, a full-page screenshot) and the
printed PDF. :meth:`Page.problems` turns all that into a list of sentences; an empty list means
the page is self-contained, quiet and fully rendered.

Synchronisation waits on protocol events only (the load event of the navigation, replies to
commands); one generous deadline per page (:data:`TIMEOUT`) is a failure guard, not a clock:
when it passes, or when the browser dies, the browser is killed and :class:`BrowserError` says
what was being waited for, with the end of the browser's own error output.

Environment
-----------
COPRODUCTION_NO_BROWSER=1
    Skip the browser tests explicitly (for a machine without Chromium). Without it a missing
    browser is a test failure, not a silent skip: see :func:`require_browser`.
"""

from __future__ import annotations

import base64
import fcntl
import json
import os
import re
import select
import shutil
import signal
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable
from urllib.parse import urldefrag

CHROMIUM = "/usr/bin/chromium"
NO_BROWSER_VARIABLE = "COPRODUCTION_NO_BROWSER"
TIMEOUT = 120.0
"""Seconds allowed for starting the browser, and again for each page: a guard, never a wait."""
WIDTH = 1280
"""CSS pixels: the width of the window pages are laid out in."""

FLAGS = (
    "--headless",
    "--no-sandbox",  # the tests may run as root, where the sandbox refuses to start
    "--disable-gpu",
    "--no-first-run",
    "--no-default-browser-check",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
    "--disable-extensions",
    "--disable-breakpad",
    "--disable-crash-reporter",
    "--disable-dev-shm-usage",  # /dev/shm is small in containers
    "--disable-features=Translate,MediaRouter,OptimizationHints",
    "--mute-audio",
    "--hide-scrollbars",
    "--force-color-profile=srgb",
    "--remote-debugging-pipe",
)

# What the page looks like, measured in the page: every section with an id and the footer,
# each with its size, the length of its visible text and the size of each SVG inside it.
MEASURE = """(() => {
  const size = e => {
    const r = e.getBoundingClientRect();
    return {width: r.width, height: r.height};
  };
  return {
    href: location.href,
    readyState: document.readyState,
    title: document.title,
    blocks: [...document.querySelectorAll('section[id], footer')].map(e => ({
      tag: e.tagName.toLowerCase(),
      id: e.id,
      ...size(e),
      text: e.innerText.trim().length,
      svgs: [...e.querySelectorAll('svg')].map(size),
    })),
    svgs: [...document.querySelectorAll('svg')].map(s => ({
      ...size(s), section: s.closest('section[id]') ? s.closest('section[id]').id : null,
    })),
  };
})()"""


class BrowserError(RuntimeError):
    """The browser could not be started, died, or did not answer in time."""


class BrowserMissing(BrowserError):
    """No Chromium at :data:`CHROMIUM`."""


def browser_disabled() -> bool:
    """Whether the environment asks to skip the browser tests (``COPRODUCTION_NO_BROWSER=1``)."""
    return os.environ.get(NO_BROWSER_VARIABLE, "") == "1"


def require_browser(executable: str = CHROMIUM) -> None:
    """Raise :class:`BrowserMissing`, saying how to get the browser, if it is not installed."""
    if not (os.path.isfile(executable) and os.access(executable, os.X_OK)):
        raise BrowserMissing(
            f"no Chromium at {executable}: the HTML report is tested in a headless browser. "
            "`make test` installs it (Debian package `chromium`; by hand: apt-get install "
            f"chromium). To skip these tests explicitly, set {NO_BROWSER_VARIABLE}=1.")


@dataclass
class Page:
    """What one page did and showed in the browser."""

    url: str
    requests: list[str] = field(default_factory=list)
    """The URL of every request the page made, its own document included."""
    failed_loads: list[str] = field(default_factory=list)
    console: list[str] = field(default_factory=list)
    """Console messages of type error or warning, as ``"error: text"``."""
    exceptions: list[str] = field(default_factory=list)
    log_errors: list[str] = field(default_factory=list)
    """Browser log entries of level error (a failed resource load, a blocked request...)."""
    blocks: list[dict[str, Any]] = field(default_factory=list)
    """Each ``section[id]`` and the ``footer``: tag, id, width, height, text (length), svgs."""
    svgs: list[dict[str, Any]] = field(default_factory=list)
    """Every SVG of the page: width, height, section (the id of the nearest section or None)."""
    title: str = ""
    screenshot: bytes = b""
    pdf: bytes = b""

    def foreign_requests(self) -> list[str]:
        """Requests for anything but the page itself (``data:`` URLs count: none are expected)."""
        own = urldefrag(self.url).url
        return [url for url in self.requests if urldefrag(url).url != own]

    def block(self, name: str) -> dict[str, Any] | None:
        """The section with id ``name``, or the footer for ``"footer"``."""
        for block in self.blocks:
            if (block["tag"] == "footer" and name == "footer") or block["id"] == name:
                return block
        return None

    def pdf_pages(self) -> int:
        """The number of pages of the printed PDF (its ``/Type /Page`` objects)."""
        return len(re.findall(rb"/Type\s*/Page(?![A-Za-z])", self.pdf))

    def problems(self, sections: tuple[str, ...] | list[str] = (),
                 footer: bool = True) -> list[str]:
        """Everything wrong with the page, one sentence each; empty when all is well.

        ``sections`` are the ids of sections that must be present, taller than nothing and with
        some text; ``footer`` asks the same of the footer. Every section present and every SVG
        anywhere must have a nonzero size, whether listed or not.
        """
        found: list[str] = []
        found += [f"request for {url}" for url in self.foreign_requests()]
        found += [f"failed load: {text}" for text in self.failed_loads]
        found += [f"console {text}" for text in self.console]
        found += [f"exception: {text}" for text in self.exceptions]
        found += [f"browser log error: {text}" for text in self.log_errors]
        wanted = list(sections) + (["footer"] if footer else [])
        for name in wanted:
            if self.block(name) is None:
                found.append(f"no {'footer' if name == 'footer' else f'section id={name!r}'}")
        for block in self.blocks:
            what = "footer" if block["tag"] == "footer" else f"section id={block['id']!r}"
            if not block["height"] > 0:
                found.append(f"{what} has no height")
            if not block["text"] > 0:
                found.append(f"{what} has no text")
        for number, svg in enumerate(self.svgs):
            if not (svg["width"] > 0 and svg["height"] > 0):
                where = (f"in section id={svg['section']!r}" if svg["section"]
                         else "outside sections")
                found.append(f"svg number {number} {where} is {svg['width']} x {svg['height']}")
        if not self.screenshot.startswith(b"\x89PNG\r\n\x1a\n"):
            found.append("the screenshot is not a PNG")
        if not self.pdf.startswith(b"%PDF-") or self.pdf_pages() < 1:
            found.append("printing did not give a PDF with at least one page")
        return found


class Browser:
    """One headless Chromium; a context manager that always ends it and removes its profile.

    >>> with Browser() as browser:           # doctest: +SKIP
    ...     page = browser.open(Path("report.html"))
    ...     assert page.problems(["summary"]) == []
    """

    def __init__(self, executable: str = CHROMIUM, timeout: float = TIMEOUT) -> None:
        self.executable = executable
        self.timeout = timeout
        self._process: subprocess.Popen[bytes] | None = None
        self._root: str | None = None
        self._to_browser = -1
        self._from_browser = -1
        self._buffer = b""
        self._next_id = 0
        self._replies: dict[int, dict[str, Any]] = {}
        self._events: list[dict[str, Any]] = []
        self._deadline = 0.0
        self._waiting_for = ""
        self.pid = 0
        self.version = ""

    # -- life cycle -------------------------------------------------------------------------

    def __enter__(self) -> Browser:
        require_browser(self.executable)
        self._root = tempfile.mkdtemp(prefix="coproduction-chromium-")
        profile = os.path.join(self._root, "profile")
        os.mkdir(profile)
        # The browser wants the pipe at descriptors 3 and 4 exactly, which subprocess cannot
        # arrange by itself: bash moves them there just before it becomes the browser. The ends
        # are first numbered 10 or above, so that neither move clobbers the other end whatever
        # numbers os.pipe() returned (and bash, unlike dash, takes such numbers).
        browser_reads, we_write = _pipe()
        we_read, browser_writes = _pipe()
        self._to_browser, self._from_browser = we_write, we_read
        command = [self.executable, *FLAGS, f"--user-data-dir={profile}", "about:blank"]
        try:
            with open(os.path.join(self._root, "stderr.log"), "wb") as log:
                self._process = subprocess.Popen(
                    ["/bin/bash", "-c",
                     f'exec "$@" 3<&{browser_reads} 4>&{browser_writes} '
                     f'{browser_reads}<&- {browser_writes}>&-',
                     "bash", *command],
                    stdin=subprocess.DEVNULL, stdout=log, stderr=log,
                    pass_fds=(browser_reads, browser_writes),
                    start_new_session=True)  # its own process group, ended as a whole
            self.pid = self._process.pid
        except BaseException:
            self._cleanup()
            raise
        finally:
            # Only the browser holds its ends now: when it dies, our read sees end of file.
            os.close(browser_reads)
            os.close(browser_writes)
        try:
            self._deadline = time.monotonic() + self.timeout
            version = self.call("Browser.getVersion")
            self.version = str(version.get("product", ""))
        except BaseException:
            self._cleanup()
            raise
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Ask the browser to quit, kill it if it does not, and remove its profile."""
        if self._process is not None and self._process.poll() is None:
            try:
                self._send("Browser.close")
                self._process.wait(timeout=10)
            except (OSError, BrowserError, subprocess.TimeoutExpired):
                pass
        self._cleanup()

    def _cleanup(self) -> None:
        process, self._process = self._process, None
        if process is not None:
            # Renderer and helper processes share the browser's process group: end them all.
            try:
                os.killpg(process.pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass
            process.wait()
        for fd in (self._to_browser, self._from_browser):
            if fd >= 0:
                os.close(fd)
        self._to_browser = self._from_browser = -1
        if self._root is not None:
            shutil.rmtree(self._root, ignore_errors=True)
            self._root = None

    # -- the protocol -----------------------------------------------------------------------

    def _send(self, method: str, params: dict[str, Any] | None = None,
              session: str | None = None) -> int:
        self._next_id += 1
        message: dict[str, Any] = {"id": self._next_id, "method": method, "params": params or {}}
        if session is not None:
            message["sessionId"] = session
        data = json.dumps(message).encode() + b"\0"
        try:
            while data:
                data = data[os.write(self._to_browser, data):]
        except OSError as err:  # BrokenPipeError when the browser has died
            # The same words as a pipe found closed on reading: which of the two meets a dead
            # browser first depends only on when it died.
            self._fail(f"the browser closed its pipe while sending {method} ({err})")
        return self._next_id

    def call(self, method: str, params: dict[str, Any] | None = None,
             session: str | None = None) -> dict[str, Any]:
        """Send a command and return its result; a protocol error raises BrowserError."""
        number = self._send(method, params, session)
        self._waiting_for = f"the reply to {method}"
        while number not in self._replies:
            self._receive()
        reply = self._replies.pop(number)
        if "error" in reply:
            raise BrowserError(f"{method} failed: {reply['error']}")
        result: dict[str, Any] = reply.get("result", {})
        return result

    def _wait_event(self, what: str, match: Callable[[dict[str, Any]], bool],
                    start: int = 0) -> dict[str, Any]:
        """The first event from index ``start`` on for which ``match`` holds, waiting for it."""
        self._waiting_for = what
        seen = start
        while True:
            for event in self._events[seen:]:
                if match(event):
                    return event
            seen = len(self._events)
            self._receive()

    def _receive(self) -> None:
        """Read at least one whole message, or fail if the browser dies or time runs out."""
        while b"\0" not in self._buffer:
            assert self._process is not None
            left = self._deadline - time.monotonic()
            if left <= 0:
                self._fail(f"no answer within {self.timeout:.0f} s while waiting for "
                           f"{self._waiting_for}")
            # The bounded wait is only so a dead browser is noticed: readiness wakes us first.
            ready, _, _ = select.select([self._from_browser], [], [], min(left, 1.0))
            if ready:
                chunk = os.read(self._from_browser, 1 << 20)
                if not chunk:
                    self._fail(f"the browser closed its pipe while waiting for "
                               f"{self._waiting_for}")
                self._buffer += chunk
            elif self._process.poll() is not None:
                self._fail(f"the browser exited with status {self._process.returncode} while "
                           f"waiting for {self._waiting_for}")
        *messages, self._buffer = self._buffer.split(b"\0")
        for raw in messages:
            message = json.loads(raw)
            if "id" in message:
                self._replies[message["id"]] = message
            else:
                self._events.append(message)

    def _fail(self, what: str) -> None:
        log = ""
        if self._root is not None:
            try:
                with open(os.path.join(self._root, "stderr.log"), "rb") as file:
                    log = file.read()[-3000:].decode(errors="replace")
            except OSError:
                pass
        self._cleanup()
        raise BrowserError(f"headless Chromium: {what}; it has been killed."
                           + (f"\nIts last output:\n{log}" if log.strip() else ""))

    # -- pages ------------------------------------------------------------------------------

    def open(self, path: Path | str) -> Page:
        """Load a local HTML file in a new tab and report what happened and what it shows."""
        if self._process is None:
            raise BrowserError("the browser is not running (use Browser as a context manager)")
        url = Path(path).resolve().as_uri()
        self._deadline = time.monotonic() + self.timeout
        self._events.clear()
        target = self.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = self.call("Target.attachToTarget",
                            {"targetId": target, "flatten": True})["sessionId"]
        try:
            return self._load(url, session)
        finally:
            if self._process is not None:
                self.call("Target.closeTarget", {"targetId": target})

    def _load(self, url: str, session: str) -> Page:
        for domain in ("Network", "Runtime", "Log", "Page"):
            self.call(f"{domain}.enable", session=session)
        self.call("Page.setLifecycleEventsEnabled", {"enabled": True}, session=session)
        self.call("Emulation.setDeviceMetricsOverride",
                  {"width": WIDTH, "height": 800, "deviceScaleFactor": 1, "mobile": False},
                  session=session)
        mark = len(self._events)
        navigation = self.call("Page.navigate", {"url": url}, session=session)
        if navigation.get("errorText"):
            raise BrowserError(f"could not open {url}: {navigation['errorText']}")
        loader = navigation.get("loaderId")
        # The load event of this very navigation (its loader), not of the blank tab before it.
        self._wait_event(f"the load event of {url}",
                         lambda e: e.get("sessionId") == session
                         and e["method"] == "Page.lifecycleEvent"
                         and e["params"]["name"] == "load"
                         and e["params"]["loaderId"] == loader, mark)
        self._wait_event(f"Page.loadEventFired of {url}",
                         lambda e: e.get("sessionId") == session
                         and e["method"] == "Page.loadEventFired", mark)
        measured = self._evaluate(MEASURE, session)
        if measured["href"] != url or measured["readyState"] != "complete":
            raise BrowserError(f"expected {url} loaded, found {measured['href']} "
                               f"{measured['readyState']}")
        page = Page(url=url, blocks=measured["blocks"], svgs=measured["svgs"],
                    title=measured["title"])
        page.screenshot = self._screenshot(session)
        self.call("Emulation.clearDeviceMetricsOverride", session=session)
        printed = self.call("Page.printToPDF", {"printBackground": True}, session=session)
        page.pdf = base64.b64decode(printed["data"])
        # Every event of the page so far: the round trips above come after all of them.
        self._collect(page, session)
        return page

    def _evaluate(self, expression: str, session: str) -> Any:
        result = self.call("Runtime.evaluate",
                           {"expression": expression, "returnByValue": True}, session=session)
        if "exceptionDetails" in result:
            raise BrowserError(f"evaluating the measurements failed: {result['exceptionDetails']}")
        return result["result"]["value"]

    def _screenshot(self, session: str) -> bytes:
        metrics = self.call("Page.getLayoutMetrics", session=session)
        size = metrics.get("cssContentSize") or metrics["contentSize"]
        width, height = max(WIDTH, int(size["width"] + 0.999)), int(size["height"] + 0.999)
        self.call("Emulation.setDeviceMetricsOverride",
                  {"width": width, "height": max(height, 1), "deviceScaleFactor": 1,
                   "mobile": False}, session=session)
        shot = self.call("Page.captureScreenshot",
                         {"format": "png", "captureBeyondViewport": True, "fromSurface": True},
                         session=session)
        return base64.b64decode(shot["data"])

    def _collect(self, page: Page, session: str) -> None:
        urls: dict[str, str] = {}
        for event in self._events:
            if event.get("sessionId") != session:
                continue
            method, params = event["method"], event["params"]
            if method == "Network.requestWillBeSent":
                page.requests.append(params["request"]["url"])
                urls[params["requestId"]] = params["request"]["url"]
            elif method == "Network.loadingFailed":
                url = urls.get(params["requestId"], f"request {params['requestId']}")
                page.failed_loads.append(f"{url}: {params['errorText']}")
            elif method == "Runtime.consoleAPICalled" and params["type"] in ("error", "warning"):
                text = " ".join(str(arg.get("value", arg.get("description", "")))
                                for arg in params["args"])
                page.console.append(f"{params['type']}: {text}")
            elif method == "Runtime.exceptionThrown":
                details = params["exceptionDetails"]
                page.exceptions.append(details.get("exception", {}).get("description")
                                       or details.get("text", ""))
            elif method == "Log.entryAdded" and params["entry"]["level"] == "error":
                entry = params["entry"]
                page.log_errors.append(f"{entry['text']} {entry.get('url', '')}".strip())


def _pipe() -> tuple[int, int]:
    """A pipe whose two ends are numbered 10 or above (and closed on exec unless passed)."""
    read, write = os.pipe()
    try:
        return (fcntl.fcntl(read, fcntl.F_DUPFD_CLOEXEC, 10),
                fcntl.fcntl(write, fcntl.F_DUPFD_CLOEXEC, 10))
    finally:
        os.close(read)
        os.close(write)
