"""Browser suite: the real site and the hostile fixture site, built once, served on 127.0.0.1,
and visited with Debian's Chromium through Playwright.

Without Chromium a local run skips these tests with one line saying what to install; with
`CI` set it fails instead, so CI can never pass by skipping them.
"""

from __future__ import annotations

import functools
import os
import re
import threading
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from ..conftest import FIXTURES, ROOT, build_site

CHROMIUM = Path("/usr/bin/chromium")          # Debian's package; never a downloaded browser
HOSTILE = FIXTURES / "hostile"
ARTIFACTS = ROOT / "test-artifacts"
LAUNCH_ARGS = ["--no-sandbox", "--disable-background-networking", "--disable-component-update",
               "--disable-default-apps", "--disable-sync", "--no-first-run", "--disable-gpu"]
TIMEOUT_MS = 15_000


def _missing_browser() -> str | None:
    """Why the browser tests cannot run here, in one line, or None when they can."""
    if not CHROMIUM.exists():
        return (f"browser tests need Debian's Chromium at {CHROMIUM}: "
                "sudo apt-get install chromium fonts-noto-cjk")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "browser tests need Playwright: python3 scripts/dev.py test installs it (test extra)"
    return None


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for the session; skipped locally (failed in CI) if missing."""
    reason = _missing_browser()
    if reason:
        if os.environ.get("CI"):
            pytest.fail(f"CI must run the browser tests: {reason}")
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=LAUNCH_ARGS)
        yield chromium
        chromium.close()


# -- sites and servers -------------------------------------------------------------------
class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - signature from the base class
        pass  # test output should show failures, not one line per request


def _serve(site: Path):
    """Serve `site` on 127.0.0.1 at a free port from a thread; yield the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(site))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def real_site(tmp_path_factory) -> Path:
    """The site built from this repository's data/ (both languages, Pagefind index)."""
    return build_site(tmp_path_factory.mktemp("real-site"), ROOT / "data")


@pytest.fixture(scope="session")
def hostile_site(tmp_path_factory) -> Path:
    """The site built from tests/fixtures/hostile: XSS payloads in every text field."""
    return build_site(tmp_path_factory.mktemp("hostile-site"), HOSTILE)


@pytest.fixture(scope="session")
def real_url(real_site):
    yield from _serve(real_site)


@pytest.fixture(scope="session")
def hostile_url(hostile_site):
    yield from _serve(hostile_site)


# -- one browser tab per test, with everything it saw ------------------------------------
@dataclass
class Tab:
    """A page plus what it did: requests, console errors, uncaught errors, dialogs."""

    page: object
    requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def goto(self, url: str) -> None:
        response = self.page.goto(url, wait_until="load")
        assert response is not None and response.ok, f"{url}: HTTP {response.status if response else '?'}"

    def clear(self) -> None:
        for log in (self.requests, self.console_errors, self.page_errors, self.dialogs):
            log.clear()


def _on_dialog(tab: Tab, dialog) -> None:
    tab.dialogs.append(f"{dialog.type}: {dialog.message}")
    dialog.dismiss()


@pytest.fixture
def tab(browser, request):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="ja-JP",
                                  service_workers="block")
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    t = Tab(page)
    page.on("request", lambda r: t.requests.append(r.url))
    page.on("console", lambda m: t.console_errors.append(f"{m.text} ({m.location.get('url')})")
            if m.type == "error" else None)
    page.on("pageerror", lambda e: t.page_errors.append(str(e)))
    page.on("dialog", lambda d: _on_dialog(t, d))
    request.node._kyocho_tab = t
    yield t
    context.close()


def _one_skip_line(report) -> None:
    """Point every "no browser" skip at one place, so `-ra` folds them into a single line."""
    reason = _missing_browser()
    if reason and isinstance(report.longrepr, tuple) and report.longrepr[2] == f"Skipped: {reason}":
        report.longrepr = (__file__, _missing_browser.__code__.co_firstlineno, report.longrepr[2])


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """A failed browser test leaves a full-page screenshot in test-artifacts/; a passing one nothing."""
    outcome = yield
    report = outcome.get_result()
    if report.skipped:
        _one_skip_line(report)
    t = getattr(item, "_kyocho_tab", None)
    if report.when != "call" or not report.failed or t is None or t.page.is_closed():
        return
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / (re.sub(r"[^A-Za-z0-9_.-]+", "_", item.nodeid) + ".png")
    try:
        t.page.screenshot(path=str(path), full_page=True)
        report.sections.append(("screenshot", f"{path.relative_to(ROOT)} ({t.page.url})"))
    except Exception as exc:  # a broken page must not hide the test's own failure
        report.sections.append(("screenshot", f"not saved: {exc}"))
