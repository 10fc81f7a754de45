"""Steps of features/fees.feature about paying by card and about arrears."""

from __future__ import annotations

import io
import json
from datetime import UTC, datetime, time, timedelta
from typing import Any
from uuid import UUID

from flask.testing import FlaskClient
from pytest_bdd import given, parsers, then, when

from fakestripe import FakeStripe
from marketplace.actors import STRIPE_WEBHOOK
from marketplace.application import Marketplace
from marketplace.bootstrap import Services
from marketplace.exports.jsonl import write_jsonl
from marketplace.fees.queries import fee_ledger
from marketplace.fees.runs import chase_all_arrears
from marketplace.ports import SteppingClock
from tests.bdd.fees_world import fee, press
from tests.bdd.support import Ask, Cast, Outcome, money
from tests.payments import fee_events
from tests.story import eur, request_quote

# Paying


def pay_url(cast: Cast, firm: str, period: str) -> str:
    return f"/workspace/payments/{cast.membership(firm)}/fees/annual-{period}/pay"


@when(parsers.parse('"{firm}" clicks Pay for its {period} annual fee'))
def clicks_pay(clients: dict[str, FlaskClient], cast: Cast, memo: dict[str, Any], firm: str,
               period: str) -> None:
    answer = clients[f"member:{firm}"].post(pay_url(cast, firm, period))
    assert answer.status_code == 303, answer.get_data(as_text=True)[:500]
    memo["page"] = answer.headers["Location"]
    memo["return"] = f"/workspace/payments/{cast.membership(firm)}/fees/annual-{period}/"


@when(parsers.re(r"(?P<choice>pays|declines) on the Stripe payment page"))
def on_the_page(stripe: FakeStripe, memo: dict[str, Any], choice: str) -> None:
    """Press a button on the fake's payment page over HTTP, and let its webhooks arrive."""
    assert press(memo["page"], {"pays": "pay", "declines": "decline"}[choice]) == 303
    stripe.drain()


@given(parsers.parse('"{firm}" has paid its {period} annual fee by card'))
def has_paid(app: Marketplace, clients: dict[str, FlaskClient], cast: Cast, stripe: FakeStripe,
             memo: dict[str, Any], firm: str, period: str) -> None:
    clicks_pay(clients, cast, memo, firm, period)
    on_the_page(stripe, memo, "pays")
    memo["paid"] = (firm, period)
    assert fee(app, cast, firm, f"annual-{period}")["status"] == "paid"


@then(parsers.parse("Stripe's webhook has recorded a payment of {amount} for \"{firm}\""))
def webhook_recorded(services: Services, cast: Cast, amount: str, firm: str) -> None:
    paid = fee_events(services, cast.membership(firm), "FeePaid")
    assert len(paid) == 1, paid
    assert paid[0]["amount"] == money(amount)
    assert paid[0]["reference"].startswith("pi_")


@then(parsers.parse('the return page of "{firm}" says the fee is paid, with a receipt'))
def return_page_paid(clients: dict[str, FlaskClient], memo: dict[str, Any], firm: str) -> None:
    member = clients[f"member:{firm}"]
    page = member.get(memo["return"]).get_data(as_text=True)
    assert "Paid on" in page and "The receipt" in page
    receipt = member.get(f"{memo['return']}receipt")
    assert receipt.status_code == 200
    assert "2,400.00" in receipt.get_data(as_text=True)


@then(parsers.parse('the {period} annual fee of "{firm}" is marked as failed, and nothing is '
                    "paid"))
def fee_failed(app: Marketplace, services: Services, cast: Cast, period: str, firm: str) -> None:
    assert fee(app, cast, firm, f"annual-{period}")["status"] == "failed"
    assert fee_events(services, cast.membership(firm), "FeePaid") == []
    assert len(fee_events(services, cast.membership(firm), "FeePaymentFailed")) == 1


@then(parsers.parse('the return page of "{firm}" says the payment failed'))
def return_page_failed(clients: dict[str, FlaskClient], memo: dict[str, Any], firm: str) -> None:
    page = clients[f"member:{firm}"].get(memo["return"]).get_data(as_text=True)
    assert "The payment failed; nothing was charged." in page


@when(parsers.parse("{amount} of that payment is refunded through Stripe"))
def refunded_in_stripe(app: Marketplace, services: Services, cast: Cast, stripe: FakeStripe,
                       memo: dict[str, Any], amount: str) -> None:
    """The treasurer refunds in Stripe; the SDK asks the fake, whose webhook tells us."""
    firm, period = memo["paid"]
    intent = fee(app, cast, firm, f"annual-{period}")["reference"]
    assert services.payments is not None
    services.payments.gateway.refund(intent, money(amount).minor)
    stripe.drain()


@then(parsers.parse('the {period} annual fee of "{firm}" shows {amount} refunded'))
def shows_refunded(app: Marketplace, cast: Cast, period: str, firm: str, amount: str) -> None:
    held = fee(app, cast, firm, f"annual-{period}")
    assert (held["status"], held["refunded"]) == ("refunded", money(amount))


# Arrears


def first_due(services: Services, consortium: UUID) -> datetime:
    due = min(row["due_on"] for row in fee_ledger(services.engine, consortium))
    return datetime.combine(due, time(9), tzinfo=UTC)


@when(parsers.re(r"the arrears job runs (?P<days>\d+) days? after the due date"))
@given(parsers.re(r"the arrears job has run (?P<days>\d+) days? after the due date"))
def arrears_job(services: Services, clock: SteppingClock, consortium: UUID, days: str) -> None:
    clock.set(first_due(services, consortium) + timedelta(days=int(days)))
    chase_all_arrears(services.marketplace, services.engine)


def reminders(services: Services, cast: Cast, firm: str) -> list[dict[str, Any]]:
    return fee_events(services, cast.membership(firm), "FeeReminderIssued")


@then(parsers.re(r'"(?P<firm>[^"]+)" has had (?P<count>\d+) reminders? about its (?P<period>\d+) '
                 r"annual fee(?P<final>, the last one final)?"))
def had_reminders(services: Services, cast: Cast, firm: str, count: str, period: str,
                  final: str | None) -> None:
    issued = reminders(services, cast, firm)
    assert [r["step"] for r in issued] == list(range(1, int(count) + 1))
    assert {r["fee_id"] for r in issued} == {f"annual-{period}"}
    assert [r["final"] for r in issued][-1] is bool(final)


@then(parsers.parse('"{firm}" has had no reminder'))
def no_reminder(services: Services, cast: Cast, firm: str) -> None:
    assert reminders(services, cast, firm) == []


@given(parsers.re(r'"(?P<firm>[^"]+)" is (?P<standing>suspended for arrears|an active member)$'))
@then(parsers.re(r'"(?P<firm>[^"]+)" is (?P<standing>suspended for arrears|an active member)$'))
def standing(app: Marketplace, cast: Cast, firm: str, standing: str) -> None:
    expected = "suspended" if standing.startswith("suspended") else "joined"
    assert app.get_membership(cast.membership(firm)).status == expected


@given(parsers.parse('"{firm}" has been asked to price design on a new request'))
def asked_to_price(app: Marketplace, cast: Cast, consortium: UUID, memo: dict[str, Any],
                   firm: str) -> None:
    memo["bid"] = request_quote(app, consortium)
    app.qualify_rfq(memo["bid"], "Fits our capacity.")
    app.request_contribution(memo["bid"], "design", cast.membership(firm),
                             app.clock.now().date() + timedelta(days=60))


@when(parsers.parse('"{firm}" commits its price for design'), target_fixture="outcome")
def commits(app: Marketplace, ask: Ask, cast: Cast, memo: dict[str, Any], firm: str) -> Outcome:
    return ask(lambda: app.commit_contribution(memo["bid"], "design", cast.membership(firm),
                                               eur("20000"), 30))


@then(parsers.parse('the history of "{firm}" ends with the fee paid and the member reinstated, '
                    "by the stripe webhook"))
def ends_reinstated(services: Services, cast: Cast, firm: str) -> None:
    out = io.StringIO()
    write_jsonl(services.marketplace, out)
    mine = [json.loads(line) for line in out.getvalue().splitlines()]
    mine = [r for r in mine if r["aggregate_id"] == str(cast.membership(firm))]
    assert [(r["type"], r["actor"]) for r in mine[-2:]] == [
        ("Membership.FeePaid", STRIPE_WEBHOOK), ("Membership.Reinstated", STRIPE_WEBHOOK)]
