"""`consortia serve --workers N`: gunicorn's web processes, and one projector process beside them.

Each worker builds its own services after the fork (connections never cross a fork) and
only writes events; the projector process (`consortia project`) is the one writer of the
read models and the outbox, and a worker waits for it to apply its user's command.
"""

from __future__ import annotations

import os
import subprocess
import sys
from typing import Any

import click
from gunicorn.app.base import BaseApplication

from consortia.common import open_store
from consortia.server_name import name_gunicorn
from marketplace.settings import Settings
from web import create_app


class WebServer(BaseApplication):  # type: ignore[misc]  # gunicorn ships no type hints
    """gunicorn, configured here rather than by a config file or its own command line."""

    def __init__(self, settings: Settings, options: dict[str, Any]) -> None:
        self.settings = settings
        self.options = options
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            self.cfg.set(key, value)
        name_gunicorn()

    def load(self) -> Any:
        # Called in each worker after the fork.
        return create_app(services=open_store(self.settings, external_projector=True),
                          settings=self.settings)


def serve_with_workers(settings: Settings, database_url: str | None, host: str, port: int,
                       workers: int, threads: int, projector: bool, mail_interval: float,
                       ) -> None:
    """Run gunicorn in the foreground; start and stop a projector process with it.

    The projector process reads the same environment, and `database_url` is passed on.
    """
    follower = (_start_projector(database_url, mail_interval, settings.base_url)
                if projector else None)
    click.echo(f"Serving on http://{host}:{port}/ with {workers} workers x {threads} threads; "
               + ("the projector runs beside them" if follower else
                  "read models follow a `consortia project` started elsewhere"))
    if workers > 1 and not settings.redis_url:
        # Allowed outside production (which refuses it): each worker counts on its own.
        click.echo("Rate limits count per worker: set CONSORTIA_REDIS_URL to share them")
    try:
        WebServer(settings, {
            "bind": f"{host}:{port}", "workers": workers, "threads": threads,
            "worker_class": "gthread", "timeout": 60, "graceful_timeout": 10,
            "proc_name": "consortia-web", "control_socket_disable": True,
        }).run()
    finally:
        if follower is not None:
            follower.terminate()
            try:
                follower.wait(15)
            except subprocess.TimeoutExpired:
                follower.kill()


def _start_projector(database_url: str | None, mail_interval: float,
                     base_url: str | None = None) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-m", "consortia", "project",
               "--mail-interval", str(mail_interval)]
    if database_url:
        command += ["--database-url", database_url]
    # It sends the mails: they link to the address the web processes serve.
    env = {**os.environ, "CONSORTIA_BASE_URL": base_url} if base_url else None
    return subprocess.Popen(command, env=env)
