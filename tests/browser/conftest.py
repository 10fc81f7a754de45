"""Browser fixtures: Debian's Chromium, and the real app served on a free port per test.

Each test gets a SQLite store of its own and a server on a port the OS picks, so the
xdist workers never share a server, a port or a database. CSRF stays on: the browser
sends the token the way a buyer's browser would.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, time
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page
from werkzeug.serving import make_server

from marketplace.audit.runner import JobRunner
from marketplace.bootstrap import Services, bootstrap
from marketplace.ports import SteppingClock
from tests.servers import POLL
from tests.sqlitestores import sqlite_store
from tests.story import Formed
from web import create_app

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    """Launch the distribution's Chromium; Playwright's own download is never used."""
    if not CHROMIUM.exists():
        message = f"the browser tests need Chromium at {CHROMIUM}"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    return {**browser_type_launch_args, "executable_path": str(CHROMIUM)}


@dataclass
class LiveSite:
    """The app served for one test, and the consortia its Given steps formed, by name."""

    url: str
    services: Services
    clock: SteppingClock
    consortia: dict[str, Formed] = field(default_factory=dict)


@pytest.fixture
def live_site(tmp_path: Path) -> Iterator[LiveSite]:
    """The whole app on a store of its own, served over HTTP on a free loopback port."""
    # Today at 09:00 UTC: the dates the browser types and the app's "in the future"
    # checks then speak of the same days.
    clock = SteppingClock(datetime.combine(datetime.now(UTC).date(), time(9), tzinfo=UTC))
    services = bootstrap(sqlite_store(tmp_path / "c.db"), clock=clock)
    app = create_app(services, config={"SECRET_KEY": "browser-tests",
                                       "RATELIMIT_ENABLED": False})
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, kwargs=POLL, daemon=True)
    thread.start()
    # As in a single-process `consortia serve`: the auditor's checks run in a thread.
    checks = JobRunner(services, services.audit_jobs, interval=0.2).start()
    try:
        yield LiveSite(f"http://127.0.0.1:{server.server_port}", services, clock)
    finally:
        checks.stop()
        server.shutdown()
        thread.join(timeout=10)
        services.close()


@pytest.fixture
def browser_context_args(browser_context_args: dict[str, Any],
                         live_site: LiveSite) -> dict[str, Any]:
    """Pages open relative to the test's own server, in English, on a laptop screen."""
    return {**browser_context_args, "base_url": live_site.url, "locale": "en-GB",
            "timezone_id": "UTC", "viewport": {"width": 1280, "height": 900}}


@pytest.fixture
def screenshot(page: Page) -> Any:
    """Save the whole page as tests/artifacts/<name>.png, for people to look at."""

    def save(name: str) -> Path:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        path = ARTIFACTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        assert path.stat().st_size > 0, f"the screenshot {path} is empty"
        return path

    return save
