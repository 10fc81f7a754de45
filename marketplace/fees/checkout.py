"""Starting a card payment of one fee: the Checkout Session for the fee's next attempt."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from domain.errors import FeeAlreadyPaidError, UnknownFeeError
from domain.membership import fee_due
from domain.statuses import SETTLED, FeeStatus
from marketplace.fees.amounts import to_minor
from marketplace.fees.gateway import Checkout, CheckoutRequest, PaymentGateway


def attempt(marketplace: Any, membership_id: UUID | str, fee_id: str) -> int:
    """Which attempt to pay this fee the next checkout is: one more than the failures."""
    failures = [row for row in marketplace.history(membership_id)
                if row["type"] == "Membership.FeePaymentFailed"
                and row["data"].get("fee_id") == fee_id]
    return len(failures) + 1


def start_checkout(
    marketplace: Any, gateway: PaymentGateway, membership_id: UUID | str, fee_id: str, *,
    email: str | None, success_url: str, cancel_url: str, language: str,
) -> Checkout:
    """A hosted checkout for an unpaid fee; clicking Pay twice gives the same session."""
    membership = marketplace.get_membership(membership_id)
    fee = membership.fees.get(fee_id)
    if fee is None:
        raise UnknownFeeError("there is no fee '%(fee)s' on this membership", fee=fee_id)
    if fee["status"] in SETTLED:
        raise FeeAlreadyPaidError("the fee %(fee)s is already paid", fee=fee_id)
    if fee["status"] == FeeStatus.CREDITED:
        raise FeeAlreadyPaidError("the fee %(fee)s was credited in full; nothing is due",
                                  fee=fee_id)
    consortium = marketplace.get_consortium(membership.consortium_id)
    number = attempt(marketplace, membership.id, fee_id)
    return gateway.start_checkout(CheckoutRequest(
        # Same fee, same attempt: Stripe answers with the session it made the first time.
        idempotency_key=f"fee-{membership.id}-{fee_id}-attempt-{number}",
        description=f"{consortium.name}: membership fee {fee['period']}",
        amount_minor=to_minor(fee_due(fee)), currency=fee["amount"].currency.lower(),
        metadata={"membership_id": str(membership.id), "fee_id": fee_id,
                  "consortium_id": str(membership.consortium_id)},
        customer_email=email or None, success_url=success_url, cancel_url=cancel_url,
        language=language,
    ))
