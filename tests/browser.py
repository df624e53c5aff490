"""A real headless browser for the tests of printed and accessible pages: Chromium started once and
driven over its DevTools protocol on a pipe (`--remote-debugging-pipe`: JSON messages ending in a NUL
byte, fd 3 in and fd 4 out), so no web socket and no package beyond the standard library.

`Browser.pages(path, paper)` prints a page to PDF on Letter or A4 paper and counts its pages;
`Browser.axe(path)` runs axe-core (https://github.com/dequelabs/axe-core) in the page and returns its
violations. Tests skip, saying how to install what is missing, when Chromium or axe-core is not here:
see the README ("The print and accessibility tests").
"""

from __future__ import annotations

import base64
import contextlib
import json
import os
import re
import select
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any, NoReturn

BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome")
INSTALL_BROWSER = "apt-get install -y chromium poppler-utils fonts-liberation"
INSTALL_AXE = "npm install --prefix /opt/axe axe-core"
# Where axe-core is looked for: $MBCPREP_AXE (the file), then npm's usual places.
AXE_PLACES = (
    "/opt/axe/node_modules/axe-core/axe.min.js",
    "/usr/local/lib/node_modules/axe-core/axe.min.js",
    "/usr/lib/node_modules/axe-core/axe.min.js",
    "node_modules/axe-core/axe.min.js",
)
# Paper sizes in inches, as the print dialog has them.
PAPER = {"letter": (8.5, 11.0), "a4": (8.27, 11.69)}
# The rules of WCAG 2.0, 2.1 and 2.2 at levels A and AA, as axe-core tags them.
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
WAIT = 60.0  # seconds for any one answer from the browser


def missing(what: str) -> NoReturn:
    """Skip a test for a tool that is not here, saying how to install it; in CI (MBCPREP_REQUIRE_BROWSER
    set, see .ci/run) fail instead, so the test never silently stops running."""
    import pytest

    if os.environ.get("MBCPREP_REQUIRE_BROWSER"):
        pytest.fail(f"required here: {what}")
    pytest.skip(what)


def find_browser() -> str | None:
    return next((found for name in BROWSERS if (found := shutil.which(name))), None)


def find_axe() -> Path | None:
    named = os.environ.get("MBCPREP_AXE")
    places = [named] if named else []
    places += list(AXE_PLACES)
    return next((Path(p) for p in places if Path(p).is_file()), None)


def arial_widths_missing() -> bool:
    """The doctor's sheet is set in Arial's widths (Arial, Liberation Sans, Helvetica); fontconfig says
    what a browser would use instead."""
    if shutil.which("fc-match") is None:
        return False
    found = subprocess.run(["fc-match", "Arial"], capture_output=True, text=True, timeout=10).stdout
    return not re.search(r"Arial|Liberation Sans|Helvetica|Arimo|Nimbus Sans", found)


def _above(fd: int, lowest: int) -> int:
    import fcntl

    moved = fcntl.fcntl(fd, fcntl.F_DUPFD_CLOEXEC, lowest)
    os.close(fd)
    return moved


def pdf_pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", pdf))


class Browser:
    """One headless Chromium for a batch of pages (a context manager)."""

    def __init__(self, executable: str) -> None:
        self.executable = executable
        self._home = tempfile.TemporaryDirectory(prefix="mbcprep-browser-")
        self._next_id = 0
        self._buffer = b""
        self._session = ""

    def __enter__(self) -> Browser:
        to_browser_r, self._to_browser = os.pipe()
        self._from_browser, from_browser_w = os.pipe()
        # Out of the way of 3 and 4, so that putting one end in place never closes the other.
        to_browser_r, from_browser_w = (_above(fd, 10) for fd in (to_browser_r, from_browser_w))

        def in_place() -> None:
            os.dup2(to_browser_r, 3)
            os.dup2(from_browser_w, 4)

        home = self._home.name
        # fds 3 and 4 in the browser: what it reads commands from and writes answers to.
        self._process = subprocess.Popen(
            [
                self.executable,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-extensions",
                "--no-first-run",
                "--no-default-browser-check",
                "--remote-debugging-pipe",
                f"--user-data-dir={home}/profile",
                "about:blank",
            ],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            env={"HOME": home, "PATH": "/usr/bin:/bin"},
            pass_fds=(3, 4),
            preexec_fn=in_place,
        )
        os.close(to_browser_r)
        os.close(from_browser_w)
        target = self._call("Target.createTarget", {"url": "about:blank"})["targetId"]
        self._session = self._call("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        self._call("Page.enable")
        self._call("Page.setBypassCSP", {"enabled": True})  # so axe can run in a page that forbids scripts
        return self

    def __exit__(self, *exc: object) -> None:
        with contextlib.suppress(OSError, RuntimeError, TimeoutError):
            self._call("Browser.close", session=False)
        try:
            self._process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait(timeout=15)
        os.close(self._to_browser)
        os.close(self._from_browser)
        self._home.cleanup()

    # --- what the tests use -----------------------------------------------------------------------

    def open(self, page: Path) -> None:
        self._call("Page.navigate", {"url": page.resolve().as_uri()})
        self._wait_for("Page.loadEventFired")

    def pdf(self, page: Path, paper: str) -> bytes:
        self.open(page)
        width, height = PAPER[paper]
        printed = self._call(
            "Page.printToPDF",
            {"paperWidth": width, "paperHeight": height, "displayHeaderFooter": False, "printBackground": False},
        )
        return base64.b64decode(printed["data"])

    def pages(self, page: Path, paper: str) -> int:
        return pdf_pages(self.pdf(page, paper))

    def axe(self, page: Path, axe_source: str) -> list[dict[str, Any]]:
        """axe-core's WCAG 2.2 A and AA violations in `page` (each with its rule id and the nodes)."""
        self.open(page)
        self._evaluate(axe_source)
        only = json.dumps({"runOnly": {"type": "tag", "values": WCAG_AA}, "resultTypes": ["violations"]})
        found = self._evaluate(
            f"axe.run(document, {only}).then(r => r.violations.map(v => ({{id: v.id, help: v.help,"
            " nodes: v.nodes.map(n => n.html + ' ' + n.failureSummary)})))",
            wait=True,
        )
        return list(found)

    # --- the protocol -----------------------------------------------------------------------------

    def _evaluate(self, expression: str, *, wait: bool = False) -> Any:
        done = self._call("Runtime.evaluate", {"expression": expression, "awaitPromise": wait, "returnByValue": True})
        if "exceptionDetails" in done:
            raise RuntimeError(f"the page's script failed: {done['exceptionDetails']}")
        return done["result"].get("value")

    def _call(self, method: str, params: dict[str, Any] | None = None, *, session: bool = True) -> Any:
        self._next_id += 1
        message: dict[str, Any] = {"id": self._next_id, "method": method, "params": params or {}}
        if session and self._session:
            message["sessionId"] = self._session
        os.write(self._to_browser, json.dumps(message).encode("utf-8") + b"\0")
        answer = self._wait_for(self._next_id)
        if "error" in answer:
            raise RuntimeError(f"{method}: {answer['error']}")
        return answer.get("result", {})

    def _wait_for(self, wanted: int | str) -> dict[str, Any]:
        """The answer with this id, or the next event of this name; other events are passed over."""
        while True:
            message = self._message()
            if message.get("id") == wanted or message.get("method") == wanted:
                return message

    def _message(self) -> dict[str, Any]:
        while b"\0" not in self._buffer:
            ready, _, _ = select.select([self._from_browser], [], [], WAIT)
            if not ready:
                raise TimeoutError("the browser did not answer")
            chunk = os.read(self._from_browser, 1 << 20)
            if not chunk:
                raise RuntimeError("the browser stopped")
            self._buffer += chunk
        raw, self._buffer = self._buffer.split(b"\0", 1)
        return dict(json.loads(raw))
