"""The agency's KPI dashboard: over all consortia, and per consortium for its manager too."""

from __future__ import annotations

from flask import Blueprint

board = Blueprint("dashboard", __name__, url_prefix="/workspace/dashboard")

# The views register on `board`, so they are imported once it exists.
from web.workspace.dashboard import pages  # noqa: E402, F401

__all__ = ["board"]
