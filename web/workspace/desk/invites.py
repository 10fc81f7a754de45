"""The desk's invitation: the manager invites the contact of a firm no account acts for,
before asking it to price (the request would otherwise reach nobody)."""

from __future__ import annotations

from uuid import UUID

from flask import redirect, url_for

from web import forms
from web.authz import allow
from web.extensions import services
from web.forms import Page
from web.workspace.desk import desk
from web.workspace.desk.access import managed_bid
from web.workspace.desk.pages import bid_page


@desk.post("/rfq/<bid_id>/invite/<uuid:membership_id>")
@allow("manager")
def invite_firm(bid_id: str, membership_id: UUID) -> Page:
    """Invite the firm's contact to act for it, then back to the RFQ, saying so."""
    bid = managed_bid(bid_id)
    return forms.submit(
        lambda: services().marketplace.invite_firm_contact(bid["consortium_id"], membership_id),
        done=lambda: redirect(url_for("desk.bid", bid_id=bid_id, invited=str(membership_id),
                                      _anchor="ask-heading"), code=303),
        again=lambda refused: bid_page(bid_id, refused.message, refused.status))
