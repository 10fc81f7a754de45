"""The served app names no software version in `Server`, on either server `serve` runs.

Real processes on a free port: werkzeug's server (`consortia serve`) and gunicorn's
(`--workers`) each write that header themselves, outside Flask's response.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import requests

from tests.integration.scale.cluster import free_port

START_TIMEOUT = 60
# Left out so that the child is neither in production nor in dev mode, with no Stripe.
CLEARED = ("CONSORTIA_ENV", "CONSORTIA_DEV", "FLASK_DEBUG", "STRIPE_SECRET_KEY",
           "STRIPE_WEBHOOK_SECRET", "STRIPE_API_BASE", "CONSORTIA_DATABASE_URL")


@contextmanager
def served(tmp_path: Path, *options: str) -> Iterator[tuple[str, Path]]:
    """`consortia serve` on a free loopback port; yields its address and its log."""
    port = free_port()
    env = {name: value for name, value in os.environ.items() if name not in CLEARED}
    log = tmp_path / "serve.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "consortia", "serve", "--port", str(port),
             "--database-url", f"sqlite:///{tmp_path / 'served.db'}", *options],
            cwd=tmp_path, env=env, stdout=out, stderr=subprocess.STDOUT,
            start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + START_TIMEOUT
        while True:
            assert process.poll() is None, log.read_text()
            assert time.monotonic() < deadline, log.read_text()
            try:
                requests.get(f"{base}/healthz", timeout=2)
                break
            except requests.ConnectionError:
                time.sleep(0.2)
        yield base, log
    finally:
        process.terminate()
        try:
            process.wait(20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(10)


@pytest.mark.parametrize("options", [(), ("--workers", "1", "--no-projector")],
                         ids=["werkzeug", "gunicorn"])
def test_the_server_header_names_no_version(tmp_path: Path, options: tuple[str, ...]) -> None:
    with served(tmp_path, *options) as (base, log):
        answers = [requests.get(f"{base}{path}", timeout=10)
                   for path in ("/", "/healthz", "/no/such/page", "/static/css/site.css")]
        answers.append(requests.post(f"{base}/login", data={}, timeout=10))
        for response in answers:
            servers = response.raw.headers.getlist("Server")  # each header, if several
            assert servers == ["consortia"], (response.url, servers)
            assert not re.search(r"\d|werkzeug|python|gunicorn", servers[0], re.I)
        # And outside dev mode, without a Stripe key, no fake Stripe was started.
        assert "card payments are off" in log.read_text()
