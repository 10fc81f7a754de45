"""The officers' accounts screen: who can sign in, in which roles, wrong
passwords tried for them; invite, and clear the failures."""

from __future__ import annotations

from flask import Blueprint

accounts = Blueprint("accounts", __name__, url_prefix="/workspace/accounts")

# The views register on `accounts`, so they are imported once it exists.
from web.workspace.accounts import actions, pages  # noqa: E402, F401

__all__ = ["accounts"]
