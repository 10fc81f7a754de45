"""Corrections on memberships: a credit note on a fee, and a capability declaration corrected."""

from __future__ import annotations

from datetime import date

import pytest

from domain.errors import (
    CapabilitiesCorrectionError,
    CreditNoteExceedsFeeError,
    FeeAlreadyPaidError,
    FeeAmountMismatchError,
    InvalidValueError,
)
from marketplace.bootstrap import Services
from marketplace.fees.queries import credit_notes, fee_periods
from marketplace.membership import queries as member_queries
from marketplace.membership.commands import annual_fee_id
from tests.integration.fees_from_events import ledger_differences
from tests.story import eur, form_consortium

FEE = annual_fee_id("2025")


def test_a_credit_note_corrects_a_fee_and_the_ledger_shows_what_is_due(
    services: Services,
) -> None:
    app = services.marketplace
    formed = form_consortium(app)
    member = formed.memberships[0]
    app.assess_fees(formed.consortium, "2025", date(2025, 4, 30))
    note = app.issue_credit_note(member, FEE, eur("400"), "Joined in March: two months off.")
    assert note == f"CN-{FEE}-1"
    # The member now owes 2,000: a payment of the old amount is refused.
    with pytest.raises(FeeAmountMismatchError):
        app.pay_fee(member, FEE, eur("2400"), "pi_1")
    app.pay_fee(member, FEE, eur("2000"), "pi_1")
    services.projector.catch_up()
    mine = member_queries.fee_status(services.engine, member, date(2025, 4, 1))
    assert mine["fees"][0]["due"] == eur("2000").amount
    assert mine["fees"][0]["credited"] == eur("400").amount
    notes = credit_notes(services.engine, member, FEE)
    assert [(n["credit_note"], n["amount"], n["reason"]) for n in notes] == [
        (note, eur("400").amount, "Joined in March: two months off.")]
    period = fee_periods(services.engine, formed.consortium, date(2025, 4, 1))[0]
    assert period["totals"]["EUR"]["credited"] == eur("400").amount
    assert period["totals"]["EUR"]["outstanding"] == eur("4800").amount
    assert period["totals"]["EUR"]["paid"] == eur("2000").amount
    # The history keeps both: the assessment and the credit note that corrects it.
    types = [row["type"] for row in app.history(str(member))]
    assert types[-3:] == ["Membership.FeeAssessed", "Membership.FeeAssessmentCorrected",
                          "Membership.FeePaid"]
    assert ledger_differences(services) == []


def test_a_credit_note_takes_off_at_most_what_is_due_and_needs_a_reason(
    services: Services,
) -> None:
    app = services.marketplace
    formed = form_consortium(app)
    member = formed.memberships[1]
    app.assess_fees(formed.consortium, "2025", date(2025, 4, 30))
    with pytest.raises(CreditNoteExceedsFeeError):
        app.issue_credit_note(member, FEE, eur("2400.01"), "Too much.")
    with pytest.raises(InvalidValueError):
        app.issue_credit_note(member, FEE, eur("10"), "  ")
    # A fee credited in full is owed no more: it is not overdue, and cannot be paid.
    app.issue_credit_note(member, FEE, eur("2400"), "Charged by mistake: not a member yet.")
    held = app.get_membership(member)
    assert held.overdue_fees(grace_days=0) == []
    app.clock.advance(days=90)
    assert app.get_membership(member).overdue_fees(grace_days=0) == []
    paid = formed.memberships[2]
    app.pay_fee(paid, FEE, eur("2400"), "pi_2")
    with pytest.raises(FeeAlreadyPaidError):
        app.issue_credit_note(paid, FEE, eur("10"), "Too late: refund instead.")


def test_a_capability_declaration_is_corrected_by_a_new_event_with_a_reason(
    services: Services,
) -> None:
    app = services.marketplace
    formed = form_consortium(app)
    member = formed.memberships[1]
    declared = [row for row in app.history(str(member))
                if row["type"] == "Membership.CapabilitiesDeclared"][-1]
    app.correct_capabilities(
        member, corrects=declared["version"], reason="Logistics was ticked by mistake.",
        stages=["manufacturing", "engineering"], products=["steel structures"],
        certifications=[{"name": "ISO 9001", "expires_on": date(2030, 1, 1)}],
        capacity="1,200 t a year")
    held = app.get_membership(member)
    assert held.stages == ["engineering", "manufacturing"]
    with pytest.raises(CapabilitiesCorrectionError):
        app.correct_capabilities(
            member, corrects=declared["version"], reason="Again.", stages=["design"],
            products=[], certifications=[], capacity="some")
    services.projector.catch_up()
    row = member_queries.membership(services.engine, member)
    assert row["stages"] == ["engineering", "manufacturing"]
    types = [r["type"] for r in app.history(str(member))]
    assert "Membership.CapabilitiesDeclared" in types
    assert types[-1] == "Membership.CapabilitiesCorrected"
