"""The fee ledger recomputed straight from the stored Membership events (acceptance 5).

An independent second way to the ledger: it decodes the notifications in order with the
application's mapper and keeps each fee by hand, without the projector's code.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from sqlalchemy import select

from marketplace.bootstrap import Services
from marketplace.fees.readmodel import fees

Key = tuple[str, str]  # membership id, fee id
COLUMNS = ("consortium_id", "period", "amount", "currency", "due_on", "status", "paid_on",
           "paid_reference", "refunded", "credited")


def _events(services: Services) -> Iterator[Any]:
    app = services.marketplace
    start = 1
    while notifications := app.recorder.select_notifications(start, 500):
        for notification in notifications:
            yield app.mapper.to_domain_event(notification)
        start = notifications[-1].id + 1


def ledger_from_events(services: Services) -> dict[Key, dict[str, Any]]:
    """Every fee as the Membership events say it stands."""
    consortium_of: dict[str, str] = {}
    ledger: dict[Key, dict[str, Any]] = {}
    for event in _events(services):
        kind = type(event).__qualname__
        me = str(event.originator_id)
        if kind == "Membership.Invited":
            consortium_of[me] = str(event.consortium_id)
        elif kind == "Membership.FeeAssessed":
            ledger[(me, event.fee_id)] = {
                "consortium_id": consortium_of[me], "period": event.period,
                "amount": event.amount.amount, "currency": event.amount.currency,
                "due_on": event.due_on, "status": "assessed", "paid_on": None,
                "paid_reference": None, "refunded": Decimal(0), "credited": Decimal(0)}
        elif kind == "Membership.FeeAssessmentCorrected":
            fee = ledger[(me, event.corrects)]
            assert event.amount.currency == fee["currency"]
            fee["credited"] += event.amount.amount
            assert fee["credited"] <= fee["amount"], "credit notes exceed their fee"
            if fee["credited"] == fee["amount"]:
                fee["status"] = "credited"
        elif kind == "Membership.FeePaid":
            fee = ledger[(me, event.fee_id)]
            assert event.amount.currency == fee["currency"]
            assert event.amount.amount == fee["amount"] - fee["credited"], (
                "a payment differs from what was due on its fee")
            fee.update(status="paid", paid_on=event.timestamp.date(),
                       paid_reference=event.reference)
        elif kind == "Membership.FeePaymentFailed":
            ledger[(me, event.fee_id)]["status"] = "failed"
        elif kind == "Membership.FeeRefunded":
            fee = ledger[(me, event.fee_id)]
            assert event.amount.currency == fee["currency"]
            fee.update(status="refunded", refunded=fee["refunded"] + event.amount.amount)
    return ledger


def ledger_in_read_model(services: Services) -> dict[Key, dict[str, Any]]:
    """Every fee as the read model rm_fees holds it."""
    with services.engine.connect() as conn:
        rows = conn.execute(select(fees)).mappings().all()
    return {(row["membership_id"], row["fee_id"]): {c: row[c] for c in COLUMNS} for row in rows}


def ledger_differences(services: Services) -> list[str]:
    """Where the read model and the events disagree, to the cent; empty if nowhere."""
    services.projector.catch_up()
    told = ledger_from_events(services)
    kept = ledger_in_read_model(services)
    problems = [f"{key}: in the events only" for key in told.keys() - kept.keys()]
    problems += [f"{key}: in the read model only" for key in kept.keys() - told.keys()]
    for key in sorted(told.keys() & kept.keys()):
        for column in COLUMNS:
            said, held = told[key][column], kept[key][column]
            # Decimals compare by value, exactly: 2400 and 2400.00 agree, 2400.01 does not.
            if said != held:
                problems.append(f"{key} {column}: events say {said!r}, read model {held!r}")
    return problems

