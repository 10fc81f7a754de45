"""The same refusal gets the same code in every workspace area with forms.

One route per area: a missing record answers 404, a form filled in against an older
version (or a command that meets a conflict) 409, and a broken rule 422 with the form
re-rendered holding what was typed. None of them writes an event.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any
from uuid import uuid4

import pytest
from flask.testing import FlaskClient

from fakestripe import FakeStripe
from marketplace.bootstrap import Services, bootstrap
from marketplace.errors import ConflictError
from marketplace.ports import SteppingClock
from tests.conftest import START
from tests.payments import FEE, deliver, fake_stripe, fees_due, gateway_for
from tests.story import eur, form_consortium, request_quote
from tests.web.agency_helpers import BASE, formation
from tests.web.conftest import TEST_CONFIG
from tests.web.signin import sign_in
from web import create_app

# The officer and a proposed consortium, as fixtures.
pytest_plugins = ("tests.web.agency_fixtures",)

STALE = "This changed since you opened the page; reload and try again."
CODES = ("missing", "stale", "rule")


@dataclass
class Case:
    """One POST and what it must answer."""

    url: str
    data: dict[str, Any]
    status: int
    says: str | None = None
    holds: tuple[str, ...] = field(default=())  # what was typed, as the form shows it


@pytest.fixture
def services(store_url: str) -> Iterator[Services]:
    """Each area's codes on both stores: the stale check meets each store's conflicts."""
    built = bootstrap(store_url, clock=SteppingClock(START))
    yield built
    built.close()


def position(services: Services) -> int:
    return services.marketplace.recorder.max_notification_id() or 0


def answers(client: FlaskClient, services: Services, case: Case) -> None:
    before = position(services)
    response = client.post(case.url, data=case.data)
    body = response.get_data(as_text=True)
    assert response.status_code == case.status, body[:1500]
    if case.says is not None:
        assert case.says in body, body[:3000]
    for typed in case.holds:
        assert typed in body, f"the form does not hold {typed!r}"
    assert position(services) == before, "a refused form wrote an event"


def _conflict(*_args: Any, **_kwargs: Any) -> None:
    raise ConflictError("this account changed since you opened it; reload and try again")


# --- desk: asking members for their price ------------------------------------------


def desk_cases(client: FlaskClient, services: Services) -> dict[str, Case]:
    app = services.marketplace
    formed = form_consortium(app)
    sign_in(client, services, "manager", str(formed.consortium))
    bid = request_quote(app, formed.consortium, stages=["manufacturing", "logistics"])
    app.qualify_rfq(bid, "Fits")
    url = f"/workspace/desk/rfq/{bid}/contributions"
    version = app.get_bid(bid).version
    due = (app.clock.now().date() + timedelta(days=5)).isoformat()
    manufacturer = formed.memberships[1]
    return {
        # A member that does not exist: 422 on the desk before issue 11, now 404 as elsewhere.
        "missing": Case(url, {"ask": [f"manufacturing:{uuid4()}"], "due_on": due,
                              "version": version}, 404),
        "stale": Case(url, {"ask": [f"manufacturing:{manufacturer}"], "due_on": due,
                            "version": version - 1}, 409, STALE),
        "rule": Case(url, {"ask": [f"manufacturing:{formed.memberships[0]}"], "due_on": due,
                           "version": version}, 422,
                     "has not declared the stage Manufacturing", (f'value="{due}"',)),
    }


@pytest.mark.parametrize("code", CODES)
def test_desk(client: FlaskClient, services: Services, code: str) -> None:
    answers(client, services, desk_cases(client, services)[code])


# --- agency: granting seed funding -------------------------------------------------


def agency_cases(services: Services) -> dict[str, Case]:
    seen = formation(services, "metal")["version"]
    url = f"{BASE}/metal/funding/grants"
    return {
        "missing": Case(f"{BASE}/nowhere/funding/grants", {"version": "1", "amount": "5000"},
                        404),
        "stale": Case(url, {"version": seen - 1, "amount": "5000"}, 409, STALE),
        "rule": Case(url, {"version": seen, "amount": "900000"}, 422, "programme cap",
                     ('value="900000"',)),
    }


@pytest.mark.parametrize("code", CODES)
def test_agency(officer: FlaskClient, services: Services, proposed: str, code: str) -> None:
    services.marketplace.grant_seed_funding(formation(services, "metal")["consortium_id"],
                                            eur("1000"))  # the page's version moves on
    answers(officer, services, agency_cases(services)[code])


# --- member: the company profile ---------------------------------------------------


def member_cases(client: FlaskClient, services: Services, code: str) -> Case:
    app = services.marketplace
    if code == "missing":
        # A member user whose grant names a membership the store does not hold.
        nowhere = str(uuid4())
        sign_in(client, services, "member", nowhere)
        return Case(f"/workspace/member/{nowhere}/profile",
                    {"version": "1", "name": "Besaya", "employees": "40"}, 404)
    formed = form_consortium(app)
    sign_in(client, services, "member", str(formed.memberships[0]))
    url = f"/workspace/member/{formed.memberships[0]}/profile"
    version = app.get_company(formed.companies[0]).version
    typed = {"name": "Besaya Renamed", "employees": "41", "summary": "Hull blocks",
             "website": ""}
    if code == "stale":
        return Case(url, {**typed, "version": version - 1}, 409, STALE)
    return Case(url, {**typed, "website": "ftp://besaya.example", "version": version}, 422,
                "A website address starts with https://",
                ('value="Besaya Renamed"', 'value="ftp://besaya.example"'))


@pytest.mark.parametrize("code", CODES)
def test_member(client: FlaskClient, services: Services, code: str) -> None:
    answers(client, services, member_cases(client, services, code))


# --- fees: assessing a period ------------------------------------------------------


def fees_cases(client: FlaskClient, services: Services) -> dict[str, Case]:
    formed = form_consortium(services.marketplace)
    sign_in(client, services, "manager", str(formed.consortium))
    url = f"/workspace/fees/consortia/{formed.consortium}/assess"
    version = services.marketplace.get_consortium(formed.consortium).version
    return {
        "missing": Case(f"/workspace/fees/consortia/{uuid4()}/assess",
                        {"period": "2027", "version": "1"}, 404),
        "stale": Case(url, {"period": "2027", "version": version - 1}, 409, STALE),
        "rule": Case(url, {"period": "next year", "due_on": "2027-01-31",
                           "version": version}, 422, "The period must be a year",
                     ('value="next year"', 'value="2027-01-31"')),
    }


@pytest.mark.parametrize("code", CODES)
def test_fees(client: FlaskClient, services: Services, code: str) -> None:
    answers(client, services, fees_cases(client, services)[code])


# --- payments: the Pay button ------------------------------------------------------
# The Pay form carries no version and types nothing: a conflict met by the command stands
# for the stale case, and the refused payment shows the member's space again.


@pytest.fixture
def paying(store_url: str) -> Iterator[tuple[Services, FlaskClient, FakeStripe]]:
    with fake_stripe() as fake:
        built = bootstrap(store_url, clock=SteppingClock(START),
                          payment_gateway=gateway_for(fake))
        yield built, create_app(services=built, config=TEST_CONFIG).test_client(), fake
        built.close()


@pytest.mark.parametrize("code", CODES)
def test_payments(paying: tuple[Services, FlaskClient, FakeStripe], code: str,
                  monkeypatch: pytest.MonkeyPatch) -> None:
    services, client, fake = paying
    world = fees_due(services)
    sign_in(client, services, "member", str(world.membership))
    url = f"/workspace/payments/{world.membership}/fees/{FEE}/pay"
    if code == "missing":
        case = Case(f"/workspace/payments/{world.membership}/fees/annual-1999/pay", {}, 404)
    elif code == "stale":
        # The code was unified in issue 11: a conflict answered 422 here before, now 409.
        assert services.payments is not None
        monkeypatch.setattr(services.payments, "checkout", _conflict)
        case = Case(url, {}, 409, STALE)
    else:
        [completed] = fake.pay(client.post(url).location.rsplit("/", 1)[1])
        deliver(client, fake, completed)
        case = Case(url, {}, 422, "already paid")
    answers(client, services, case)


# --- accounts: inviting and re-inviting --------------------------------------------
# No account form carries a version: a conflict met by the command stands for the stale
# case. The invitation form is the one that types something.


def accounts_case(services: Services, code: str, monkeypatch: pytest.MonkeyPatch) -> Case:
    if code == "missing":
        return Case(f"/workspace/accounts/{uuid4()}/reinvite", {}, 404,
                    "There is no such account.")
    if code == "stale":
        # The code was unified in issue 11: a conflict answered 422 here before, now 409.
        monkeypatch.setattr(services.marketplace, "invite_account", _conflict)
        return Case("/workspace/accounts/invite", {
            "name": "Lucía Pérez", "email": "lucia@metal.example", "role": "auditor",
            "language": "es"}, 409, STALE)
    return Case("/workspace/accounts/invite", {
        "name": "Lucía Pérez", "email": "lucia at metal", "role": "auditor",
        "language": "es"}, 422, "is not an e-mail address",
        ('value="Lucía Pérez"', 'value="lucia at metal"', 'value="es" selected'))


@pytest.mark.parametrize("code", CODES)
def test_accounts(officer: FlaskClient, services: Services, code: str,
                  monkeypatch: pytest.MonkeyPatch) -> None:
    answers(officer, services, accounts_case(services, code, monkeypatch))
