"""Who signed the member agreement: for the consortium's manager, officers and auditors.

Under /workspace/agreements. The members sign in their own space (web/workspace/member).
"""

from __future__ import annotations

from flask import Blueprint

agreements = Blueprint("agreements", __name__, url_prefix="/workspace/agreements")

# The views register on `agreements`, so they are imported once it exists.
from web.workspace.agreements import pages  # noqa: E402, F401

__all__ = ["agreements"]
