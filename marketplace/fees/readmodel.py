"""The fee ledger: each member's fees, assessed, paid, failed or refunded."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import Column, Date, String, Table

from domain.membership import Membership
from domain.statuses import FeeStatus
from marketplace.projection.batch import Batch, Handlers
from marketplace.projection.columns import Amount, ident, metadata

fees = Table(
    "rm_fees", metadata,
    ident("membership_id", primary_key=True),
    Column("fee_id", String(60), primary_key=True),
    ident("consortium_id", nullable=False, index=True),
    Column("period", String(20), nullable=False),
    Column("amount", Amount, nullable=False),
    Column("currency", String(3), nullable=False),
    Column("due_on", Date, nullable=False),
    Column("status", String(20), nullable=False),  # assessed, paid, failed, refunded
    Column("paid_on", Date, nullable=True),
    Column("paid_reference", String(200), nullable=True),
    Column("refunded", Amount, nullable=False),
)


def assessed(batch: Batch, event: Membership.FeeAssessed) -> None:
    consortium_id, _company = batch.membership(event.originator_id)
    batch[fees].add(
        membership_id=str(event.originator_id), fee_id=event.fee_id, consortium_id=consortium_id,
        period=event.period, amount=event.amount.amount, currency=event.amount.currency,
        due_on=event.due_on, status=FeeStatus.ASSESSED, paid_on=None, paid_reference=None,
        refunded=Decimal(0),
    )
    batch.count(consortium_id, "fees_assessed")


def paid(batch: Batch, event: Membership.FeePaid) -> None:
    consortium_id, _company = batch.membership(event.originator_id)
    paid_on = event.timestamp.date()
    fee = batch[fees].update(str(event.originator_id), event.fee_id, status=FeeStatus.PAID,
                             paid_on=paid_on, paid_reference=event.reference)
    batch.count(consortium_id, "fees_paid")
    if fee is not None and paid_on <= fee["due_on"]:
        batch.count(consortium_id, "fees_paid_on_time")


def payment_failed(batch: Batch, event: Membership.FeePaymentFailed) -> None:
    consortium_id, _company = batch.membership(event.originator_id)
    batch[fees].update(str(event.originator_id), event.fee_id, status=FeeStatus.FAILED)
    batch.count(consortium_id, "fee_payments_failed")


def refunded(batch: Batch, event: Membership.FeeRefunded) -> None:
    consortium_id, _company = batch.membership(event.originator_id)
    fee = batch[fees].get(str(event.originator_id), event.fee_id)
    if fee is not None:
        batch[fees].update(str(event.originator_id), event.fee_id, status=FeeStatus.REFUNDED,
                           refunded=fee["refunded"] + event.amount.amount)
    batch.count(consortium_id, "fees_refunded")


HANDLERS: Handlers = {
    Membership.FeeAssessed: assessed,
    Membership.FeePaid: paid,
    Membership.FeePaymentFailed: payment_failed,
    Membership.FeeRefunded: refunded,
}
