"""Assessing periods (annual and success fees), chasing arrears, and the ledger's truth."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import update

from domain.errors import InvalidValueError, MemberNotActiveError
from domain.money import Money
from marketplace.bootstrap import Services
from marketplace.errors import ConflictError
from marketplace.fees.commands import success_fee_id
from marketplace.fees.readmodel import fees
from marketplace.fees.runs import (
    assess_all_periods,
    assess_period,
    chase_all_arrears,
    default_due_on,
)
from marketplace.membership.commands import annual_fee_id
from tests.integration.fees_from_events import ledger_differences
from tests.story import awarded_bid, eur, form_consortium, request_quote, rules


def event_types(services: Services, membership: object) -> list[str]:
    return [row["type"] for row in services.marketplace.history(str(membership))]


def test_a_period_is_assessed_once_with_annual_and_success_fees(services: Services) -> None:
    app = services.marketplace
    formed = form_consortium(app)
    bid = awarded_bid(app, formed)
    first = assess_period(app, services.engine, formed.consortium, "2025", date(2025, 4, 30))
    assert (first.annual, first.success) == (3, 3)
    again = assess_period(app, services.engine, formed.consortium, "2025", date(2025, 4, 30))
    assert (again.annual, again.success) == (0, 0)
    # 1.5 % of the work shares 80,000, 260,000 and 100,000, to the cent.
    expected = [eur("1200.00"), eur("3900.00"), eur("1500.00")]
    for membership, fee in zip(formed.memberships, expected, strict=True):
        held = app.get_membership(membership).fees
        assert held[success_fee_id(bid)]["amount"] == fee
        assert held[annual_fee_id("2025")]["amount"] == eur("2400")
    # An award of another year is that year's.
    assert assess_period(app, services.engine, formed.consortium, "2026").success == 0
    assert ledger_differences(services) == []


def test_success_fees_round_to_the_currencys_minor_unit() -> None:
    adopted = rules(success_fee_percent=Decimal("1.5"))
    assert adopted.success_fee(Money.of("333.33", "EUR")) == Money.of("5.00", "EUR")
    assert adopted.success_fee(Money.of("1001", "JPY")) == Money.of("15", "JPY")
    assert rules(success_fee_percent=Decimal(0)).success_fee(eur("1000")) == eur("0")


def test_no_success_fee_in_the_rules_assesses_none(services: Services) -> None:
    app = services.marketplace
    formed = form_consortium(app)
    app.adopt_rules(formed.consortium, rules(success_fee_percent=Decimal(0)))
    bid = awarded_bid(app, formed)
    assert app.assess_success_fees(bid, "2025", date(2025, 4, 30)) == 0


def test_the_due_date_defaults_to_a_month_after_the_period_or_today() -> None:
    assert default_due_on("2027", date(2026, 11, 28)) == date(2027, 1, 31)
    assert default_due_on("2026", date(2026, 11, 28)) == date(2026, 12, 28)
    with pytest.raises(InvalidValueError, match="must be a year"):
        default_due_on("27", date(2026, 11, 28))


def test_arrears_give_each_reminder_once_then_suspend_and_payment_reinstates(
    services: Services,
) -> None:
    app = services.marketplace
    formed = form_consortium(app)  # grace period 30 days, suspends for arrears
    late, paying = formed.memberships[0], formed.memberships[1]
    due = app.clock.now().date()
    app.assess_fees(formed.consortium, "2025", due)
    app.pay_fee(paying, annual_fee_id("2025"), eur("2400"), "pi_on_time")
    steps = []
    for days in (1, 1, 14, 29, 31, 31):
        app.clock.set(app.clock.now().replace(year=due.year, month=due.month, day=due.day)
                      + timedelta(days=days))
        report = chase_all_arrears(app, services.engine)
        steps.append((days, report.reminders, len(report.suspended)))
    # Two members owe: day 1 and day 14 remind both; day 31 gives the final one and
    # suspends; a run on the same day does nothing again.
    assert steps == [(1, 2, 0), (1, 0, 0), (14, 2, 0), (29, 0, 0), (31, 2, 2), (31, 0, 0)]
    assert app.get_membership(late).status == "suspended"
    assert app.get_membership(paying).status == "joined"
    reminders = [e for e in services.marketplace.history(str(late))
                 if e["type"] == "Membership.FeeReminderIssued"]
    assert [(r["data"]["step"], r["data"]["final"]) for r in reminders] == [
        (1, False), (2, False), (3, True)]
    app.pay_fee(late, annual_fee_id("2025"), eur("2400"), "pi_late")
    assert app.get_membership(late).status == "joined"
    assert event_types(services, late)[-2:] == ["Membership.FeePaid", "Membership.Reinstated"]
    assert chase_all_arrears(app, services.engine).reminders == 0
    assert ledger_differences(services) == []


def test_rules_without_suspension_only_remind(services: Services) -> None:
    app = services.marketplace
    formed = form_consortium(app)
    app.adopt_rules(formed.consortium, rules(suspend_on_arrears=False, grace_days=10))
    app.assess_fees(formed.consortium, "2025", app.clock.now().date())
    app.clock.advance(days=40)
    report = chase_all_arrears(app, services.engine)
    # Grace 10 days: reminders on day 1 and day 11 (the final one), none on day 14.
    assert (report.reminders, report.suspended) == (6, [])
    assert {app.get_membership(m).status for m in formed.memberships} == {"joined"}


def test_a_suspended_member_cannot_commit_a_contribution(services: Services) -> None:
    app = services.marketplace
    formed = form_consortium(app)
    bid = request_quote(app, formed.consortium)
    app.qualify_rfq(bid, "Fits our capacity.")
    app.request_contribution(bid, "design", formed.memberships[0], app.clock.now().date())
    app.assess_fees(formed.consortium, "2025", app.clock.now().date())
    app.clock.advance(days=31)
    assert str(formed.memberships[0]) in chase_all_arrears(app, services.engine).suspended
    with pytest.raises(MemberNotActiveError, match="suspended for arrears"):
        app.commit_contribution(bid, "design", formed.memberships[0], eur("20000"), 30)


def test_a_member_who_left_is_not_chased(services: Services) -> None:
    app = services.marketplace
    formed = form_consortium(app)
    app.assess_fees(formed.consortium, "2025", app.clock.now().date())
    app.leave_consortium(formed.memberships[2], "Retiring from export")
    app.clock.advance(days=31)
    report = chase_all_arrears(app, services.engine)
    assert str(formed.memberships[2]) not in report.suspended
    assert len(report.suspended) == 2
    with pytest.raises(MemberNotActiveError):
        app.chase_arrears(formed.memberships[2])


def test_the_ledger_check_finds_a_cent_that_differs(services: Services) -> None:
    app = services.marketplace
    formed = form_consortium(app)
    app.assess_fees(formed.consortium, "2025", app.clock.now().date())
    app.pay_fee(formed.memberships[0], annual_fee_id("2025"), eur("2400"), "pi_1")
    assert ledger_differences(services) == []
    with services.engine.begin() as conn:
        conn.execute(update(fees).where(fees.c.membership_id == str(formed.memberships[1]))
                     .values(amount=Decimal("2400.01")))
    problems = ledger_differences(services)
    assert len(problems) == 1 and "amount" in problems[0], problems


def test_one_membership_that_cannot_be_chased_does_not_stop_the_others(
    services: Services, monkeypatch: pytest.MonkeyPatch,
) -> None:
    app = services.marketplace
    formed = form_consortium(app)
    app.assess_fees(formed.consortium, "2025", app.clock.now().date())
    app.clock.advance(days=31)
    stuck = str(formed.memberships[0])
    chase = app.chase_arrears

    def conflicted(membership_id: str) -> object:
        if membership_id == stuck:
            raise ConflictError("someone else changed this at the same moment")
        return chase(membership_id)

    monkeypatch.setattr(app, "chase_arrears", conflicted)
    report = chase_all_arrears(app, services.engine)
    assert list(report.failed) == [stuck]
    assert sorted(report.suspended) == sorted(str(m) for m in formed.memberships[1:])


def _far_fee(app: object, membership: object) -> None:
    """A fee due on 9999-12-31, written as an event as an old store could hold it."""
    held = app.repository.get(membership)  # type: ignore[attr-defined]
    held._assess_fee("far-future", "2025", eur("10"), date(9999, 12, 31))
    app.save(held)  # type: ignore[attr-defined]


def test_a_fee_due_in_the_year_9999_does_not_stop_the_arrears_run(services: Services) -> None:
    """An old store may hold such a fee (new ones are refused): it is simply not due yet."""
    app = services.marketplace
    formed = form_consortium(app)
    marine = form_consortium(app, slug="marine")
    app.assess_fees(formed.consortium, "2025", app.clock.now().date())
    app.assess_fees(marine.consortium, "2025", app.clock.now().date())
    _far_fee(app, formed.memberships[0])
    app.clock.advance(days=31)
    report = chase_all_arrears(app, services.engine)
    assert report.failed == {}
    everyone = [str(m) for m in [*formed.memberships, *marine.memberships]]
    assert sorted(report.suspended) == sorted(everyone)
    held = app.get_membership(formed.memberships[0])
    assert "far-future" not in held.overdue_fees(grace_days=0)


def test_one_consortium_that_cannot_be_assessed_does_not_stop_the_others(
    services: Services, monkeypatch: pytest.MonkeyPatch,
) -> None:
    app = services.marketplace
    formed = form_consortium(app)
    marine = form_consortium(app, slug="marine")
    awarded_bid(app, marine)
    assess = app.assess_fees

    def broken(consortium_id: object, period: str, due_on: date) -> int:
        if str(consortium_id) == str(formed.consortium):
            raise KeyError("a tier the fee schedule does not know")
        return assess(consortium_id, period, due_on)

    monkeypatch.setattr(app, "assess_fees", broken)
    run = assess_all_periods(app, services.engine, "2025", date(2025, 4, 30))
    assert list(run.failed) == [f"consortium {formed.consortium}"]
    assert "KeyError" in run.failed[f"consortium {formed.consortium}"]
    assert (run.annual, run.success, run.consortia) == (3, 3, 2)
