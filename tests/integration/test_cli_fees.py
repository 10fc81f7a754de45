"""`consortia fees assess` and `consortia fees arrears`, on SQLite and PostgreSQL."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

import pytest
from click.testing import CliRunner, Result

from consortia.cli import main
from domain.money import Money
from marketplace.application import Marketplace
from marketplace.bootstrap import Services
from marketplace.membership.commands import annual_fee_id
from tests.integration.fees_from_events import ledger_differences
from tests.story import awarded_bid, form_consortium


def consortia(url: str, *args: str) -> Result:
    return CliRunner().invoke(main, list(args), env={"CONSORTIA_DATABASE_URL": url})


def test_assessing_a_period_twice_assesses_nothing_new(services: Services, store_url: str
                                                       ) -> None:
    app = services.marketplace
    formed = form_consortium(app)
    form_consortium(app, slug="marine")
    awarded_bid(app, formed)  # awarded in 2025: its success fees belong to 2025
    first = consortia(store_url, "fees", "assess", "--period", "2027")
    assert first.exit_code == 0, first.output
    assert first.output.strip() == ("Assessed 6 new fees for 2027 (6 annual, 0 success) "
                                    "in 2 consortia")
    again = consortia(store_url, "fees", "assess", "--period", "2027")
    assert again.output.strip().startswith("Assessed 0 new fees for 2027")
    fee = app.get_membership(formed.memberships[0]).fees[annual_fee_id("2027")]
    assert fee["due_on"].isoformat() == "2027-01-31"  # a month into the period
    one = consortia(store_url, "fees", "assess", "--period", "2025", "--due-on", "2025-05-31",
                    "--consortium", "metal")
    assert one.output.strip() == ("Assessed 6 new fees for 2025 (3 annual, 3 success) "
                                  "in 1 consortia")
    assert ledger_differences(services) == []


def test_a_bad_period_or_date_is_one_line_and_writes_nothing(services: Services,
                                                              store_url: str) -> None:
    form_consortium(services.marketplace)
    before = services.marketplace.recorder.max_notification_id()
    bad = consortia(store_url, "fees", "assess", "--period", "next year")
    assert bad.exit_code != 0
    assert "the period must be a year, such as 2027" in bad.output
    assert "Traceback" not in bad.output
    date = consortia(store_url, "fees", "assess", "--period", "2027", "--due-on", "31/01/2027")
    assert date.exit_code == 2 and "Traceback" not in date.output
    assert services.marketplace.recorder.max_notification_id() == before


def test_the_arrears_job_reminds_and_suspends(services: Services, store_url: str) -> None:
    app = services.marketplace
    formed = form_consortium(app)  # the story's clock is in 2025; the command runs today
    app.assess_fees(formed.consortium, "2025", app.clock.now().date())
    result = consortia(store_url, "fees", "arrears")
    assert result.exit_code == 0, result.output
    today = datetime.now(tz=UTC).date().isoformat()
    # Long past due: the three steps at once, and the suspension the rules ask for.
    assert re.fullmatch(rf"9 reminders issued, 3 members suspended for arrears on {today}",
                        result.output.strip()), result.output
    assert consortia(store_url, "fees", "arrears").output.startswith("0 reminders issued, 0")
    assert {app.get_membership(m).status for m in formed.memberships} == {"suspended"}


def test_the_arrears_job_names_a_record_it_cannot_chase_and_chases_the_rest(
    services: Services, store_url: str, monkeypatch: pytest.MonkeyPatch,
) -> None:
    app = services.marketplace
    formed = form_consortium(app)
    marine = form_consortium(app, slug="marine")
    for consortium in (formed.consortium, marine.consortium):
        app.assess_fees(consortium, "2025", app.clock.now().date())
    # A fee due on 9999-12-31, written as an event as an old store could hold it: not due,
    # and no trouble for the run (it once overflowed a date sum).
    odd = app.repository.get(formed.memberships[1])
    odd._assess_fee("far-future", "2025", Money.of("10", "EUR"), date(9999, 12, 31))
    app.save(odd)
    chase = Marketplace.chase_arrears
    stuck = str(formed.memberships[0])

    def broken(self: Marketplace, membership_id: object) -> object:
        if str(membership_id) == stuck:
            raise OverflowError("date value out of range")
        return chase(self, membership_id)

    monkeypatch.setattr(Marketplace, "chase_arrears", broken)
    result = consortia(store_url, "fees", "arrears")
    assert result.exit_code == 1, result.output
    assert result.output.startswith("15 reminders issued, 5 members suspended"), result.output
    assert f"membership {stuck} not chased: OverflowError" in result.output
    assert "Traceback" not in result.output
    statuses = [app.get_membership(m).status for m in [*formed.memberships, *marine.memberships]]
    assert statuses == ["joined"] + ["suspended"] * 5


def test_the_assessment_names_a_record_it_cannot_assess_and_assesses_the_rest(
    services: Services, store_url: str, monkeypatch: pytest.MonkeyPatch,
) -> None:
    app = services.marketplace
    formed = form_consortium(app)
    marine = form_consortium(app, slug="marine")
    assess = Marketplace.assess_fees

    def broken(self: Marketplace, consortium_id: object, period: str, due_on: object) -> int:
        if str(consortium_id) == str(formed.consortium):
            raise KeyError("a tier the fee schedule does not know")
        return assess(self, consortium_id, period, due_on)

    monkeypatch.setattr(Marketplace, "assess_fees", broken)
    result = consortia(store_url, "fees", "assess", "--period", "2027")
    assert result.exit_code == 1, result.output
    assert result.output.startswith("Assessed 3 new fees for 2027 (3 annual, 0 success)")
    assert f"consortium {formed.consortium} not assessed: KeyError" in result.output
    assert annual_fee_id("2027") in app.get_membership(marine.memberships[0]).fees
