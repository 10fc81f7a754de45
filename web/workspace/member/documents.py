"""The files of the RFQs a member is asked to price, listed with each request."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from marketplace.documents.queries import list_bid_documents
from web.extensions import services
from web.workspace.member import member


@member.context_processor
def request_documents() -> dict[str, Callable[[str], list[dict[str, Any]]]]:
    """`files_of(bid_id)`: the files of a request the page lists (read when asked)."""
    return {"files_of": lambda bid_id: list_bid_documents(services().engine, bid_id)}
