"""Real processes on one PostgreSQL schema: gunicorn instances and a projector, as deployed.

Each is `python -m consortia ...` from this checkout, so the test runs what production
runs. Everything started here is stopped (and killed if it will not stop) on close.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[3]
START_TIMEOUT = 60


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Cluster:
    """Web instances and a projector following one store; logs go to `logs`."""

    def __init__(self, database_url: str, logs: Path) -> None:
        self.database_url = database_url
        self.logs = logs
        self.env = {
            **os.environ, "PYTHONPATH": str(ROOT), "CONSORTIA_DATABASE_URL": database_url,
            # Plain http on loopback: cookies without Secure; /dev pages are harmless here.
            "CONSORTIA_DEV": "1", "CONSORTIA_SECRET_KEY": "scale-out-test-secret-key",
            # Many buyers share 127.0.0.1 here; behind a proxy they would not.
            "CONSORTIA_RFQ_RATE_LIMIT": "100000 per minute",
            "CONSORTIA_LOGIN_RATE_LIMIT": "100000 per minute",
        }
        self.webs: dict[int, subprocess.Popen[bytes]] = {}
        self.projector: subprocess.Popen[bytes] | None = None

    def _start(self, name: str, *args: str) -> subprocess.Popen[bytes]:
        log = (self.logs / f"{name}.log").open("ab")
        return subprocess.Popen([sys.executable, "-m", "consortia", *args], cwd=ROOT,
                                env=self.env, stdout=log, stderr=subprocess.STDOUT,
                                start_new_session=True)

    def start_web(self, workers: int = 2) -> str:
        """One gunicorn instance without a projector of its own; returns its base URL."""
        port = free_port()
        self.webs[port] = self._start(f"web-{port}", "serve", "--workers", str(workers),
                                      "--threads", "4", "--no-projector", "--port", str(port))
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self.webs[port].poll() is not None:
                raise RuntimeError(f"web on {port} exited: {self.log_tail(f'web-{port}')}")
            try:
                if requests.get(f"{base}/healthz", timeout=2).status_code == 200:
                    return base
            except (requests.ConnectionError, requests.Timeout):
                pass  # not listening yet, or still starting on a busy machine
            time.sleep(0.2)
        raise RuntimeError(f"web on {port} did not answer: {self.log_tail(f'web-{port}')}")

    def start_projector(self) -> None:
        self.projector = self._start("projector", "project", "--interval", "0.5", "--no-mail")

    def kill_projector(self) -> None:
        """SIGKILL, as a crash or the OOM killer would: no chance to tidy up."""
        assert self.projector is not None
        self.projector.send_signal(signal.SIGKILL)
        self.projector.wait(10)

    def web_workers(self, port: int) -> list[int]:
        """The pids of one instance's gunicorn workers (the master's children)."""
        master = self.webs[port].pid
        out = subprocess.run(["pgrep", "-P", str(master)], capture_output=True, text=True)
        return [int(pid) for pid in out.stdout.split()]

    def log_tail(self, name: str, lines: int = 30) -> str:
        path = self.logs / f"{name}.log"
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:]) if path.exists() \
            else "(no log)"

    def close(self) -> None:
        processes = [*self.webs.values(), *([self.projector] if self.projector else [])]
        for process in processes:
            if process.poll() is None:
                process.terminate()
        for process in processes:
            try:
                process.wait(20)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(10)
