"""Starting a card payment: one command, through web/forms.py."""

from __future__ import annotations

from flask import redirect, url_for
from flask_babel import get_locale
from flask_babel import gettext as _

from marketplace.fees.payments import Checkout, PaymentGatewayError
from web import forms
from web.authz import allow, principal
from web.extensions import services
from web.workspace.member import pages as member_pages
from web.workspace.payments import payments
from web.workspace.payments.access import fee_row, writable

# The member asked for something this server does not offer: a 4xx, never a 5xx.
NOT_CONFIGURED = 409
GATEWAY_FAILED = 502


@payments.post("/<membership_id>/fees/<fee_id>/pay")
@allow("member")
def pay(membership_id: str, fee_id: str) -> forms.Page:
    """Start paying a fee: a Stripe Checkout Session, then 303 to Stripe's page."""
    writable(membership_id)
    fee_row(membership_id, fee_id)
    back = url_for("payments.paying", membership_id=membership_id, fee_id=fee_id,
                   _external=True)
    started: list[Checkout] = []

    def checkout() -> None:
        desk = services().payments
        if desk is None:
            raise forms.Refused(_("Card payments are not configured; ask the consortium's "
                                  "manager."), NOT_CONFIGURED)
        try:
            started.append(desk.checkout(
                membership_id, fee_id, email=getattr(principal(), "email", None),
                # Stripe puts the session's id in place of the braces.
                success_url=f"{back}?session_id={{CHECKOUT_SESSION_ID}}",
                cancel_url=url_for("member.space", membership_id=membership_id,
                                   _external=True),
                language=str(get_locale())))
        except PaymentGatewayError:
            # Stripe's failure is not the member's: a gateway error, not a refused rule.
            raise forms.Refused(_("Stripe could not start the payment; nothing was charged. "
                                  "Try again later."), GATEWAY_FAILED) from None

    return forms.submit(
        checkout,
        again=lambda refused: member_pages.space(membership_id, refused.status, refused.message),
        done=lambda: redirect(started[0].url, code=303))
