"""The agency officer's screens: from a proposed consortium to its published offer.

The blueprint is made here; importing `pages` and `actions` at the end registers their
routes on it (the one import cycle a workspace area has).
"""

from __future__ import annotations

from flask import Blueprint

agency = Blueprint("agency", __name__, url_prefix="/workspace/agency")

from web.workspace.agency import actions, meeting, pages  # noqa: E402 - registers the views

__all__ = ["actions", "agency", "meeting", "pages"]
