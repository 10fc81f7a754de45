"""The manager's fee screen: the ledger by period, standing, and assessing a period."""

from __future__ import annotations

from flask import Blueprint

fees = Blueprint("fees", __name__, url_prefix="/workspace/fees")

# The views register on `fees`, so they are imported once it exists.
from web.workspace.fees import actions, credit, pages, receipts  # noqa: E402, F401

__all__ = ["fees"]
