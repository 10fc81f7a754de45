"""The manager's bid desk: RFQ inbox, contributions, the quote, the award.

The blueprint is made here; importing `pages` and `actions` at the end registers their
routes on it (the one import cycle a workspace area has).
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint

from web import labels

desk = Blueprint("desk", __name__, url_prefix="/workspace/desk")


@desk.context_processor
def names() -> dict[str, Any]:
    """The names every desk page shows stages, countries and states by."""
    return {"status_names": labels.desk_bid_states(), "stage_names": labels.stage_names(),
            "country_name": labels.country_name}


from web.workspace.desk import (  # noqa: E402 - registers the views
    actions,
    area,
    documents,
    exchange,
    inbox,
    invites,
    offer,
    pages,
    quotation,
)

__all__ = ["actions", "area", "desk", "documents", "exchange", "inbox", "invites", "offer", "pages",
           "quotation"]
