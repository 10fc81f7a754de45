"""Who the desk's RFQ page can reach: the buyer's contact, and the firms no account acts for."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from marketplace.bidding.reach import without_account
from web.authz import manages, officer_of
from web.extensions import services

Row = dict[str, Any]


def buyer_contact(bid: Row, buyer: UUID) -> Row | None:
    """The buyer's name and address for the consortium's manager and the agency's officers;
    {"erased": True} once erased; None for anyone else, who is not shown it."""
    if not (manages(bid["consortium_id"]) or officer_of(str(bid["consortium_id"]))):
        return None
    person = services().marketplace.reveal_person(buyer)
    if not person:
        return {"erased": True}
    return {"erased": False, "name": person.get("name", ""), "email": person.get("email", "")}


def firms_without_account(asked: list[Row], offered: dict[str, list[Row]]) -> dict[str, Row]:
    """The firms on the page (asked, or offered to ask) that no user account acts for; each
    says whether its contact can be invited."""
    ids = {row["membership_id"] for row in asked}
    ids |= {member["membership_id"] for members in offered.values() for member in members}
    if not ids:
        return {}
    return without_account(services().marketplace, services().engine, ids)
