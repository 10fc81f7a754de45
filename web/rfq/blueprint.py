"""The `rfq` blueprint: the buyer's request for quotation and its private tracking page."""

from __future__ import annotations

from flask import Blueprint

rfq = Blueprint("rfq", __name__)
