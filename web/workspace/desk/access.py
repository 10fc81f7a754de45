"""Which RFQs and rate tables the desk finds, and who may read or change them."""

from __future__ import annotations

from typing import Any

from flask import abort
from flask_babel import gettext as _

from marketplace.bidding.queries import desk_bid
from marketplace.errors import NotFoundError
from web.authz import require_manager, require_reader
from web.extensions import services

Row = dict[str, Any]


def not_yours() -> str:
    """Why a manager may not read or act on another consortium's RFQ."""
    return _("This RFQ belongs to a consortium you do not manage; you can act only on your own.")


def check_reads(consortium_id: str) -> None:
    """Refuse a manager who reads another consortium's desk."""
    require_reader(consortium_id, message=not_yours())


def check_manages(consortium_id: str) -> None:
    """Refuse anyone who does not manage the consortium: writes are the manager's."""
    require_manager(consortium_id, message=not_yours())


def readable_bid(bid_id: str) -> Row:
    """The RFQ, if the person may read it."""
    try:
        bid = desk_bid(services().engine, bid_id)
    except NotFoundError:
        abort(404)
    check_reads(bid["consortium_id"])
    return bid


def managed_bid(bid_id: str) -> Row:
    """The RFQ, if the person manages its consortium."""
    bid = readable_bid(bid_id)
    check_manages(bid["consortium_id"])
    return bid


def bid_version(bid_id: str) -> int:
    """The RFQ's version now: its forms carry it, and are stale if it moved on."""
    return services().marketplace.get_bid(bid_id).version  # type: ignore[no-any-return]


def rate_table_version(consortium_id: str) -> int:
    """The version of the consortium's rate table (0 before its first rate); 404 if none."""
    try:
        return services().marketplace.rate_table_version(consortium_id)  # type: ignore[no-any-return]
    except NotFoundError:
        abort(404)
