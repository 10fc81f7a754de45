"""The buyer's RFQ form and tracking page; `intake` is the validation the API shares."""

from __future__ import annotations

from web.rfq import exchange, form, track
from web.rfq.blueprint import rfq

__all__ = ["exchange", "form", "rfq", "track"]
