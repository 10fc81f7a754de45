"""A WSGI app served by gunicorn in a child process, for as long as a `with` block lasts."""

from __future__ import annotations

import http.client
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GUNICORN = Path(sys.executable).parent / "gunicorn"
WORKERS = 2  # the machine has two cores
READY_SECONDS = 60


class ServerError(RuntimeError):
    """Gunicorn did not start, or did not answer in time."""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _answers(port: int, path: str) -> bool:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    try:
        conn.request("GET", path)
        conn.getresponse().read()
        return True  # any answer: whether it is a good one is the benchmark's to report
    except (OSError, http.client.HTTPException):
        return False
    finally:
        conn.close()


@contextmanager
def gunicorn(app: str, env: dict[str, str], ready_path: str = "/") -> Iterator[int]:
    """Serve `app` (e.g. 'web:create_app()') with gunicorn's sync workers; yield the port."""
    port = free_port()
    with tempfile.TemporaryFile("w+") as log:
        process = subprocess.Popen(
            [str(GUNICORN), "--workers", str(WORKERS), "--bind", f"127.0.0.1:{port}",
             "--chdir", str(ROOT), "--log-level", "warning", app],
            env={**os.environ, **env}, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT,
        )
        try:
            deadline = time.monotonic() + READY_SECONDS
            while not _answers(port, ready_path):
                if process.poll() is not None or time.monotonic() > deadline:
                    log.seek(0)
                    tail = log.read()[-2000:]
                    raise ServerError(f"gunicorn {app} did not come up: {tail}")
                time.sleep(0.2)
            yield port
        finally:
            process.send_signal(signal.SIGTERM)  # gunicorn's graceful stop
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
