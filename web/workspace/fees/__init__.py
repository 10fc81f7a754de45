"""The manager's fee screen: the ledger by period, standing, and assessing a period."""

from __future__ import annotations

from web.workspace.fees import views
from web.workspace.fees.blueprint import fees

__all__ = ["fees", "views"]
