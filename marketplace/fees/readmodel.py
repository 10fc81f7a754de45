"""The fee ledger: each member's fees, assessed, paid, failed or refunded."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import JSON, Column, Date, Integer, String, Table, Text

from domain.membership import Membership
from domain.statuses import FeeStatus
from marketplace.fees.totals import tallied
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
    # Taken off by credit notes: what is due is the amount less this.
    Column("credited", Amount, nullable=False, default=Decimal(0)),
    # A pro rata fee: `months` of the year of the annual `full_amount`; NULL otherwise.
    Column("full_amount", Amount, nullable=True),
    Column("months", Integer, nullable=True),
    # The receipt as issued with the payment (domain/receipts.py); NULL before numbering.
    Column("receipt", String(40), nullable=True),
    Column("issuer", JSON, nullable=True),  # legal_name, address, tax_id, contact
    Column("tax_name", String(30), nullable=True),
    Column("tax_rate", Amount, nullable=True),
)

credit_notes = Table(
    "rm_credit_notes", metadata,
    Column("credit_note", String(80), primary_key=True),
    ident("membership_id", nullable=False, index=True),
    Column("fee_id", String(60), nullable=False),
    ident("consortium_id", nullable=False, index=True),
    Column("amount", Amount, nullable=False),
    Column("currency", String(3), nullable=False),
    Column("reason", Text, nullable=False),
    Column("issued_on", Date, nullable=False),
)


def assessed(batch: Batch, event: Membership.FeeAssessed) -> None:
    with tallied(batch, fees, event.originator_id, event.fee_id):
        consortium_id, _company = batch.membership(event.originator_id)
        batch[fees].add(
            membership_id=str(event.originator_id), fee_id=event.fee_id,
            consortium_id=consortium_id,
            period=event.period, amount=event.amount.amount, currency=event.amount.currency,
            due_on=event.due_on, status=FeeStatus.ASSESSED, paid_on=None, paid_reference=None,
            refunded=Decimal(0), credited=Decimal(0), receipt=None, issuer=None,
            tax_name=None, tax_rate=None,
            full_amount=event.full_amount.amount if event.full_amount else None,
            months=event.months,
        )
        batch.count(consortium_id, "fees_assessed")


def paid(batch: Batch, event: Membership.FeePaid) -> None:
    with tallied(batch, fees, event.originator_id, event.fee_id):
        consortium_id, _company = batch.membership(event.originator_id)
        paid_on = event.timestamp.date()
        fee = batch[fees].update(str(event.originator_id), event.fee_id, status=FeeStatus.PAID,
                                 paid_on=paid_on, paid_reference=event.reference,
                                 receipt=event.receipt, issuer=event.issuer,
                                 tax_name=event.tax_name, tax_rate=event.tax_rate)
        batch.count(consortium_id, "fees_paid")
        if fee is not None and paid_on <= fee["due_on"]:
            batch.count(consortium_id, "fees_paid_on_time")


def payment_failed(batch: Batch, event: Membership.FeePaymentFailed) -> None:
    with tallied(batch, fees, event.originator_id, event.fee_id):
        consortium_id, _company = batch.membership(event.originator_id)
        batch[fees].update(str(event.originator_id), event.fee_id, status=FeeStatus.FAILED)
        batch.count(consortium_id, "fee_payments_failed")


def refunded(batch: Batch, event: Membership.FeeRefunded) -> None:
    with tallied(batch, fees, event.originator_id, event.fee_id):
        consortium_id, _company = batch.membership(event.originator_id)
        fee = batch[fees].get(str(event.originator_id), event.fee_id)
        if fee is not None:
            batch[fees].update(str(event.originator_id), event.fee_id, status=FeeStatus.REFUNDED,
                               refunded=fee["refunded"] + event.amount.amount)
        batch.count(consortium_id, "fees_refunded")


def corrected(batch: Batch, event: Membership.FeeAssessmentCorrected) -> None:
    with tallied(batch, fees, event.originator_id, event.corrects):
        consortium_id, _company = batch.membership(event.originator_id)
        membership_id = str(event.originator_id)
        fee = batch[fees].get(membership_id, event.corrects)
        if fee is not None:
            credited = fee["credited"] + event.amount.amount
            values = {"status": FeeStatus.CREDITED} if credited >= fee["amount"] else {}
            batch[fees].update(membership_id, event.corrects, credited=credited, **values)
        batch[credit_notes].add(
            credit_note=event.credit_note, membership_id=membership_id, fee_id=event.corrects,
            consortium_id=consortium_id, amount=event.amount.amount,
            currency=event.amount.currency, reason=event.reason, issued_on=event.timestamp.date())


HANDLERS: Handlers = {
    Membership.FeeAssessed: assessed,
    Membership.FeePaid: paid,
    Membership.FeePaymentFailed: payment_failed,
    Membership.FeeRefunded: refunded,
    Membership.FeeAssessmentCorrected: corrected,
}
