"""The `Server` header of both servers: one neutral word, never a software or version.

A version in every answer tells a scanner which published flaws to try. Werkzeug's server
writes "Werkzeug/x Python/y" from its request handler, and gunicorn writes "gunicorn"
from its response class, both outside Flask's response; so each is told here.
"""

from __future__ import annotations

import gunicorn.http.wsgi
from werkzeug.serving import WSGIRequestHandler

SERVER = "consortia"


class RequestHandler(WSGIRequestHandler):
    """Werkzeug's handler, naming itself SERVER, without its version or Python's."""

    sys_version = ""

    @property
    def server_version(self) -> str:  # type: ignore[override]
        return SERVER

    def version_string(self) -> str:
        return SERVER


def name_gunicorn() -> None:
    """Make gunicorn's responses say SERVER; called in the master, so workers inherit it."""
    # gunicorn has no setting for it: each Response reads this module global (27.x).
    gunicorn.http.wsgi.SERVER = SERVER  # type: ignore[attr-defined]
