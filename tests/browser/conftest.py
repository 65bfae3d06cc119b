"""A real browser against the dashboard: uvicorn in a thread, Debian's chromium via Playwright.

The database is the demo corpus (``counterclaim/data/samples`` when bundled) plus the
seed article, ingested by the real pipeline. Tests are skipped, with the reason,
when ``/usr/bin/chromium`` or Playwright is missing; ``playwright install`` is never run.
"""

from __future__ import annotations

import os
import socket
import threading
import time
from importlib import resources
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
SCREENSHOTS = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots"
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-dev-shm-usage",
               "--no-first-run", "--disable-extensions", "--disable-sync", "--metrics-recording-only",
               "--disable-component-update", "--disable-default-apps"]


@pytest.fixture(scope="session")
def demo_db(request, tmp_path_factory, seed_path) -> Path:
    """The demo database; ``COUNTERCLAIM_BROWSER_DB=FILE`` points the tests at an existing one."""
    from counterclaim.batch import run_ingest
    from counterclaim.errors import CounterclaimError
    from counterclaim.store import open_store

    existing = os.environ.get("COUNTERCLAIM_BROWSER_DB")
    if existing:
        return Path(existing)
    try:
        pipeline = request.getfixturevalue("pipeline")
    except (ModuleNotFoundError, CounterclaimError) as exc:  # while extraction stages are still landing
        pytest.skip(f"the default pipeline cannot load yet: {exc}")

    sources = [str(seed_path)]
    samples = resources.files("counterclaim.data").joinpath("samples")
    if samples.is_dir():
        sources.insert(0, str(samples))
    db = tmp_path_factory.mktemp("browser") / "demo.db"
    with open_store(db) as store:
        summary = run_ingest(sources, store, pipeline=pipeline, progress=False)
    assert summary.ingested >= 1, summary
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
