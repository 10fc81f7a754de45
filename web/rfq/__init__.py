"""The buyer's RFQ form and tracking page; `intake` is the validation the API shares."""

from __future__ import annotations

from web.rfq import exchange, form, quotation, track
from web.rfq.blueprint import rfq

__all__ = ["exchange", "form", "quotation", "rfq", "track"]
