"""Where views find the marketplace's services: the app they run in, never a global."""

from __future__ import annotations

from flask import current_app

from marketplace.bootstrap import Services


def services() -> Services:
    """The services the app factory was given."""
    return current_app.extensions["consortia"]
