"""Which fee the person reaches: one of a membership they may read or pay for."""

from __future__ import annotations

from typing import Any

from flask import abort

from marketplace.errors import NotFoundError
from marketplace.membership import queries as member_queries
from web.extensions import services
from web.workspace.member import pages as member_pages
from web.workspace.member.access import can_write, readable, writable

__all__ = ["can_write", "company_name", "fee_row", "readable", "writable"]


def fee_row(membership_id: str, fee_id: str) -> dict[str, Any]:
    """One fee of the membership from the fee ledger, or 404."""
    ledger = member_queries.fee_status(services().engine, membership_id, member_pages.today())
    for row in ledger["fees"]:
        if row["fee_id"] == fee_id:
            return dict(row)
    abort(404)


def company_name(membership_id: str) -> str | None:
    """The member's company, if the anomaly names a membership we know."""
    try:
        return str(member_queries.membership(services().engine, membership_id)["company_name"])
    except (NotFoundError, ValueError):
        return None
