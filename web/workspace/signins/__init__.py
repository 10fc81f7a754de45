"""A person's own sign-in: where they are signed in, ending a session, a new password."""

from __future__ import annotations

from flask import Blueprint

signins = Blueprint("signins", __name__, url_prefix="/workspace/sessions")

# The views register on `signins`, so they are imported once it exists.
from web.workspace.signins import actions, pages  # noqa: E402, F401

__all__ = ["signins"]
