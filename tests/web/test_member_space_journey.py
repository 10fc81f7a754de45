"""features/member_space.feature, through the Flask test client as a member user."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any
from uuid import UUID

import pytest
from flask.testing import FlaskClient
from pytest_bdd import given, parsers, scenarios, then, when
from sqlalchemy import select

from marketplace.bidding.readmodel import contributions
from marketplace.bootstrap import Services
from marketplace.membership.readmodel import members
from marketplace.outbox.queries import mail_recipients
from tests.story import Formed, awarded_bid, form_consortium, request_quote
from tests.web.signin import sign_in

scenarios("member_space.feature")


@dataclass
class Journey:
    services: Services
    client: FlaskClient
    formed: Formed | None = None
    account: UUID | None = None
    bid: UUID | None = None
    answer: Any = None
    position: int = 0
    firms: dict[str, UUID] = field(default_factory=dict)

    def url(self, path: str = "", firm: str = "Metal Firm 1") -> str:
        return f"/workspace/member/{self.firms[firm]}/{path}"

    def post(self, path: str, data: dict[str, Any]) -> None:
        """Send a form as the person would, noting where the log was before it."""
        self.position = self.services.marketplace.recorder.max_notification_id() or 0
        self.answer = self.client.post(path, data=data)


@pytest.fixture
def journey(services: Services, client: FlaskClient) -> Journey:
    return Journey(services, client)


def _amount(text: str) -> str:
    return text.replace(",", "")


@given(parsers.parse("the metal consortium is established with {count:d} members"))
def established(journey: Journey, count: int) -> None:
    journey.formed = form_consortium(journey.services.marketplace, members=count)
    journey.firms = {f"Metal Firm {n + 1}": m for n, m in enumerate(journey.formed.memberships)}


@given(parsers.parse('I sign in as the member user of "{firm}"'))
def signed_in(journey: Journey, firm: str) -> None:
    journey.account = sign_in(journey.client, journey.services, "member",
                              str(journey.firms[firm]))


@when(parsers.parse('I revise our profile to {employees:d} employees with the website '
                    '"{website}"'))
def revise_profile(journey: Journey, employees: int, website: str) -> None:
    page = journey.client.get(journey.url("profile")).get_data(as_text=True)
    version = re.search(r'name="version" value="(\d+)"', page)
    assert version is not None
    journey.post(journey.url("profile"), {
        "version": version.group(1), "name": "Metal Firm 1", "employees": str(employees),
        "summary": "Precision steelwork.", "website": website})
    assert journey.answer.status_code == 303


@when(parsers.parse('I declare the stages {first} and {second}, with the certification '
                    '"{cert}" expiring on {expiry}'))
def declare(journey: Journey, first: str, second: str, cert: str, expiry: str) -> None:
    page = journey.client.get(journey.url("capabilities")).get_data(as_text=True)
    version = re.search(r'name="version" value="(\d+)"', page)
    assert version is not None
    journey.post(journey.url("capabilities"), {
        "version": version.group(1), "stages": [first, second], "capacity": "3 crews",
        "products": "steel structures", "cert-0-name": cert, "cert-0-expires": expiry})
    assert journey.answer.status_code == 303


@then(parsers.parse("our space shows {employees:d} employees"))
def shows_employees(journey: Journey, employees: int) -> None:
    page = journey.client.get(journey.url()).get_data(as_text=True)
    assert f"<dt>Employees</dt><dd>{employees}</dd>" in page


@then(parsers.parse('our space lists the certification "{cert}" expiring on {expiry}'))
def lists_certificate(journey: Journey, cert: str, expiry: str) -> None:
    page = journey.client.get(journey.url()).get_data(as_text=True)
    assert re.search(rf'<td>{cert}</td>\s*<td><time datetime="{expiry}">', page)


@given(parsers.parse('the manager has asked "{firm}" to price {stage} for "{buyer}", '
                     'due in {days:d} days'))
def asked_to_price(journey: Journey, firm: str, stage: str, buyer: str, days: int) -> None:
    app = journey.services.marketplace
    assert journey.formed is not None
    journey.bid = request_quote(app, journey.formed.consortium, organisation=buyer)
    app.qualify_rfq(journey.bid, "Fits our capacity.")
    app.request_contribution(journey.bid, stage, journey.firms[firm],
                             app.clock.now().date() + timedelta(days=days))


@then(parsers.parse('our space lists a request to price {stage} for "{buyer}", due on {due}'))
def lists_request(journey: Journey, stage: str, buyer: str, due: str) -> None:
    page = journey.client.get(journey.url()).get_data(as_text=True)
    assert f"{stage.title()} · {buyer}" in page
    assert f'Due by <time datetime="{date.fromisoformat(due).isoformat()}">' in page


@when(parsers.parse("I commit {currency} {price} with a lead time of {days:d} days"))
def commit(journey: Journey, currency: str, price: str, days: int) -> None:
    journey.post(journey.url(f"requests/{journey.bid}/design/commit"), {
        "seen": "requested", "price": _amount(price), "currency": currency,
        "lead_time_days": str(days)})


def _contribution(journey: Journey, stage: str, firm: str) -> dict[str, Any]:
    with journey.services.engine.connect() as conn:
        return dict(conn.execute(select(contributions).where(
            contributions.c.bid_id == str(journey.bid), contributions.c.stage == stage,
            contributions.c.membership_id == str(journey.firms[firm]))).one()._mapping)


@then(parsers.parse('the manager sees {stage} committed by "{firm}" at {currency} {price}'))
def committed(journey: Journey, stage: str, firm: str, currency: str, price: str) -> None:
    assert journey.answer.status_code == 303
    row = _contribution(journey, stage, firm)
    assert (row["status"], row["currency"], str(row["price"])) == (
        "committed", currency, _amount(price))


@when(parsers.parse('I withdraw because "{reason}"'))
def withdraw(journey: Journey, reason: str) -> None:
    journey.post(journey.url(f"requests/{journey.bid}/design/withdraw"),
                 {"seen": "committed", "reason": reason})


@then(parsers.parse('the manager sees {stage} withdrawn by "{firm}"'))
def withdrawn(journey: Journey, stage: str, firm: str) -> None:
    assert journey.answer.status_code == 303
    assert _contribution(journey, stage, firm)["status"] == "withdrawn"


@given(parsers.parse("the {period} annual fees are assessed, due on {due}"))
def fees_assessed(journey: Journey, period: str, due: str) -> None:
    assert journey.formed is not None
    journey.services.marketplace.assess_fees(journey.formed.consortium, period,
                                             date.fromisoformat(due))


@then(parsers.parse("our space shows EUR {amount} due, and says that card payments are not "
                    "configured"))
def shows_due(journey: Journey, amount: str) -> None:
    page = journey.client.get(journey.url()).get_data(as_text=True)
    assert f"Amount due: <strong>€{amount}</strong>" in page
    assert "Card payments are not configured; ask the consortium's manager." in page


@given(parsers.parse('"{firm}" has been suspended for arrears'))
def suspended(journey: Journey, firm: str) -> None:
    app = journey.services.marketplace
    assert journey.formed is not None
    app.assess_fees(journey.formed.consortium, "arrears", app.clock.now().date())
    app.clock.advance(days=31)  # past the 30-day grace period
    app.suspend_for_arrears(journey.firms[firm])


@then(parsers.parse('I am refused with "{message}"'))
def refused(journey: Journey, message: str) -> None:
    assert journey.answer.status_code in (403, 409, 422)
    assert message in journey.answer.get_data(as_text=True)


@then("nothing is recorded")
def nothing_recorded(journey: Journey) -> None:
    assert journey.services.marketplace.recorder.max_notification_id() == journey.position


@given(parsers.parse('the consortium was awarded the contract "{reference}" with work shares '
                     'for the 3 members'))
def awarded(journey: Journey, reference: str) -> None:
    assert journey.formed is not None
    awarded_bid(journey.services.marketplace, journey.formed, reference)


@when(parsers.parse('I endorse "{peer}" for "{note}"'))
def endorse(journey: Journey, peer: str, note: str) -> None:
    journey.post(journey.url("endorse"), {"peer": str(journey.firms[peer]), "note": note})
    assert journey.answer.status_code == 303


@when(parsers.parse('I try to endorse "{peer}" on behalf of "{firm}"'))
def endorse_for_another(journey: Journey, peer: str, firm: str) -> None:
    journey.post(journey.url("endorse", firm),
                 {"peer": str(journey.firms[peer]), "note": "Great partners."})


@then(parsers.parse('"{firm}" has {count:d} endorsement'))
def endorsements(journey: Journey, firm: str, count: int) -> None:
    with journey.services.engine.connect() as conn:
        assert conn.execute(select(members.c.endorsements).where(
            members.c.membership_id == str(journey.firms[firm]))).scalar_one() == count


@then(parsers.parse('our work shares list "{reference}" with EUR {amount}'))
def work_shares(journey: Journey, reference: str, amount: str) -> None:
    page = journey.client.get(journey.url("contracts")).get_data(as_text=True)
    assert re.search(rf"<td>{reference}</td>(?:\s*<td>[^<]*</td>){{2}}\s*<td>€{amount}</td>",
                     page), page[:3000]


@when("I choose to receive mails about awards only")
def choose_awards(journey: Journey) -> None:
    journey.post("/workspace/member/mail", {"version": "0", "wanted": ["awards"]})
    assert journey.answer.status_code == 303


@then(parsers.parse('I am not mailed about contribution requests to "{firm}"'))
def not_mailed(journey: Journey, firm: str) -> None:
    assert str(journey.account) not in mail_recipients(
        journey.services.engine, journey.firms[firm], "contribution_requests")


@then(parsers.parse('I am mailed about awards to "{firm}"'))
def mailed(journey: Journey, firm: str) -> None:
    assert mail_recipients(journey.services.engine, journey.firms[firm], "awards") == [
        str(journey.account)]
