"""The buyer's own space: sign in by a one-time link mailed to the address, list one's RFQs
and have their private links sent again. No account, no password."""

from __future__ import annotations

from flask import Blueprint

buyer = Blueprint("buyer", __name__, url_prefix="/buyer")

# The views register on `buyer`, so they are imported once it exists.
from web.buyer import pages, signing_in  # noqa: E402, F401

__all__ = ["buyer"]
