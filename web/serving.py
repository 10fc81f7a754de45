"""The address this app is served at, for the links in mails when CONSORTIA_BASE_URL is unset.

`consortia serve` knows its host and port before it starts (Settings.served_at). Any other
server (`flask run`, a test) is asked on its first request: the configured SERVER_NAME, else
the address the server's socket answers on (the WSGI SERVER_NAME and SERVER_PORT), never a
Host header, which whoever sends the request chooses. Production requires the setting.
"""

from __future__ import annotations

from flask import Flask, current_app, request

from marketplace.settings import served_address
from web.extensions import services

DEFAULT_PORTS = {"http": "80", "https": "443"}


def serving_address() -> str:
    """The address of this app as it is served: SERVER_NAME if configured, else the socket's."""
    config = current_app.config
    root = (config.get("APPLICATION_ROOT") or "/").rstrip("/")
    if config.get("SERVER_NAME"):
        return f"{config.get('PREFERRED_URL_SCHEME') or 'http'}://{config['SERVER_NAME']}{root}"
    environ = request.environ
    scheme = environ.get("wsgi.url_scheme", "http")
    host, port = environ.get("SERVER_NAME", "localhost"), str(environ.get("SERVER_PORT", ""))
    if not port or DEFAULT_PORTS.get(scheme) == port:
        return f"{scheme}://{host}{root}"
    return served_address(host, port, scheme) + root


def _record() -> None:
    outbox = services().outbox
    if outbox.settings.base_url_from_server:
        outbox.links_to(serving_address())


def init_app(app: Flask) -> None:
    """Tell the outbox the serving address on the first request, if the settings named none."""
    app.before_request(_record)
