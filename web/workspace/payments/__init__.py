"""Paying fees by card: the Pay button's checkout, the return page, receipts, anomalies."""

from __future__ import annotations

from flask import Blueprint

from web.labels import member_names

payments = Blueprint("payments", __name__, url_prefix="/workspace/payments")
# A refused payment shows the member's space again, which names things as the member's does.
payments.context_processor(member_names)

# The views register on `payments`, so they are imported once it exists.
from web.workspace.payments import actions, pages  # noqa: E402, F401

__all__ = ["payments"]
