"""The fee ledger: each member's fees, assessed, paid, failed or refunded."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from domain.membership import Membership
from marketplace.projection.batch import Batch, Handler, on
from marketplace.projection.tables import fees


def assessed(batch: Batch, event: Any) -> None:
    consortium_id, _company = batch.membership(event.originator_id)
    batch[fees].add(
        membership_id=str(event.originator_id), fee_id=event.fee_id, consortium_id=consortium_id,
        period=event.period, amount=event.amount.amount, currency=event.amount.currency,
        due_on=event.due_on, status="assessed", paid_on=None, paid_reference=None,
        refunded=Decimal(0),
    )
    batch.count(consortium_id, "fees_assessed")


def paid(batch: Batch, event: Any) -> None:
    consortium_id, _company = batch.membership(event.originator_id)
    paid_on = event.timestamp.date()
    fee = batch[fees].update(str(event.originator_id), event.fee_id, status="paid",
                             paid_on=paid_on, paid_reference=event.reference)
    batch.count(consortium_id, "fees_paid")
    if fee is not None and paid_on <= fee["due_on"]:
        batch.count(consortium_id, "fees_paid_on_time")


def payment_failed(batch: Batch, event: Any) -> None:
    consortium_id, _company = batch.membership(event.originator_id)
    batch[fees].update(str(event.originator_id), event.fee_id, status="failed")
    batch.count(consortium_id, "fee_payments_failed")


def refunded(batch: Batch, event: Any) -> None:
    consortium_id, _company = batch.membership(event.originator_id)
    fee = batch[fees].get(str(event.originator_id), event.fee_id)
    if fee is not None:
        batch[fees].update(str(event.originator_id), event.fee_id, status="refunded",
                           refunded=fee["refunded"] + event.amount.amount)
    batch.count(consortium_id, "fees_refunded")


HANDLERS: dict[type, Handler] = on(Membership, {
    "FeeAssessed": assessed,
    "FeePaid": paid,
    "FeePaymentFailed": payment_failed,
    "FeeRefunded": refunded,
})
