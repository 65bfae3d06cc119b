"""A real browser against the dashboard: uvicorn in a thread, Debian's chromium via Playwright.

The database is the demo corpus (the bundled samples, seed article included), made by
``counterclaim demo`` with the real pipeline and store. Tests are skipped, with the reason,
when ``/usr/bin/chromium`` or Playwright is missing; ``playwright install`` is never run.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
SCREENSHOTS = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots"
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-dev-shm-usage",
               "--no-first-run", "--disable-extensions", "--disable-sync", "--metrics-recording-only",
               "--disable-component-update", "--disable-default-apps"]


DEMO_TIMEOUT_S = 300


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory) -> Path:
    """The demo database, made by ``counterclaim demo`` in a child process (so a hang is a failure).

    ``COUNTERCLAIM_BROWSER_DB=FILE`` points the tests at an existing database instead.
    """
    existing = os.environ.get("COUNTERCLAIM_BROWSER_DB")
    if existing:
        return Path(existing)
    db = tmp_path_factory.mktemp("browser") / "demo.db"
    command = [sys.executable, "-c", "from counterclaim.cli import main; main()", "demo", "--db", str(db), "--quiet"]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=DEMO_TIMEOUT_S, check=False)
    except subprocess.TimeoutExpired:
        pytest.fail(f"`counterclaim demo` did not finish within {DEMO_TIMEOUT_S} s")
    assert done.returncode == 0, done.stderr[-2000:]
    assert "counterclaim serve --db" in done.stdout  # the demo ends by telling how to serve it
    return db


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def server(demo_db):
    uvicorn = pytest.importorskip("uvicorn")
    from counterclaim.api import create_app

    port = _free_port()
    srv = uvicorn.Server(uvicorn.Config(create_app(demo_db), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started:
        if time.monotonic() > deadline:
            pytest.fail("uvicorn did not start within 20 s")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        pytest.skip("/usr/bin/chromium is not installed (apt-get install chromium)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright (python) is not installed")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser, server):
    """A page that may only talk to our server: any other request fails the test."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    pg.outside_requests = []
    pg.console_errors = []

    def guard(route):
        if route.request.url.startswith(server):
            route.continue_()
        else:
            pg.outside_requests.append(route.request.url)
            route.abort()

    pg.route("**/*", guard)
    pg.on("console", lambda m: m.type == "error" and pg.console_errors.append(m.text))
    pg.on("pageerror", lambda e: pg.console_errors.append(str(e)))
    yield pg
    context.close()


def shoot(pg, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    pg.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=False)
