"""The manager's bid desk: RFQ inbox, contributions, the quote, the award."""

from __future__ import annotations

from typing import Any

from flask import Blueprint

from web.rfq import choices
from web.workspace.desk.access import status_names

desk = Blueprint("desk", __name__, url_prefix="/workspace/desk")


@desk.context_processor
def names() -> dict[str, Any]:
    """The names every desk page shows stages, countries and states by."""
    return {"status_names": status_names(), "stage_names": choices.stage_names(),
            "country_name": choices.country_name}
