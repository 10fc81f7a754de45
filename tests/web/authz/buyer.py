"""Who may use the buyer's own space: anyone asks for a link and uses it; only a buyer
signed in by one sees their requests and has links sent again. Staff, the auditor
included, are not buyers: 403 there. Anonymous people are sent to ask for a link (a
redirect to /buyer/, not to the staff's sign-in: "login" in the tables' terms)."""

from __future__ import annotations

from tests.story import request_quote
from tests.web.authz import World, everyone
from tests.web.matrix import BUYER_EMAIL

# A buyer's page: for a buyer only; anonymous people go to /buyer/ to ask for a link.
BUYERS = {"anonymous": "login", "officer": "403", "manager": "403", "member": "403",
          "auditor": "403", "officer_other": "403", "auditor_other": "403", "buyer": "ok"}

EXPECTED = {
    "buyer.start": everyone(buyer="ok"),
    # A public POST: the auditor's session changes nothing (web/authz.py).
    "buyer.ask": everyone(auditor="403", buyer="ok"),
    "buyer.confirm": everyone(buyer="ok"),
    "buyer.sign_in": everyone(auditor="403", buyer="ok"),
    "buyer.requests": BUYERS,
    # An RFQ that is not the buyer's answers 404: "ok" past access control.
    "buyer.resend": BUYERS,
    "buyer.resend_all": BUYERS,
}

URL_ARGS = {
    "buyer.confirm": {"token": lambda w: w.token},
    "buyer.sign_in": {"token": "A" * 43},
    "buyer.resend": {"bid_id": lambda w: w.rfq},  # the world's RFQ: not the buyer's, 404
}


def setup(world: World) -> None:
    """The matrix's buyer sends an RFQ of their own."""
    world.extra["buyer_rfq"] = request_quote(
        world.services.marketplace, world.consortium, contact_email=BUYER_EMAIL)
