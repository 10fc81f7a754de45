"""What the desk's RFQ page shows of the RFQ's files, and whether the manager may attach."""

from __future__ import annotations

from typing import Any

from marketplace.documents.queries import list_bid_documents, manager_may_attach
from web.authz import manages
from web.extensions import services


def documents_context(bid: dict[str, Any]) -> dict[str, Any]:
    """The RFQ's files, and the flag that shows the manager's attach form."""
    return {"documents": list_bid_documents(services().engine, bid["bid_id"]),
            "can_attach": manages(bid["consortium_id"]) and manager_may_attach(bid["status"])}
