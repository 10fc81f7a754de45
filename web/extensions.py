"""The Flask extensions, created once and bound by the app factory; and the services."""

from __future__ import annotations

from flask import current_app
from flask_babel import Babel
from flask_htmx import HTMX
from flask_wtf.csrf import CSRFProtect

from marketplace.bootstrap import Services

babel = Babel()
csrf = CSRFProtect()
htmx = HTMX()


def services() -> Services:
    """The services the app factory was given."""
    return current_app.extensions["consortia"]
