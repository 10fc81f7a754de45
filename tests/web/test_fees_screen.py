"""The manager's fee screen: the ledger by period, assessing a period, and who may do it."""

from __future__ import annotations

import re

import pytest
from flask.testing import FlaskClient

from marketplace.bootstrap import Services
from marketplace.membership.commands import annual_fee_id
from tests.integration.fees_from_events import ledger_differences
from tests.story import Formed, awarded_bid, eur, form_consortium, rules
from tests.web.signin import sign_in


@pytest.fixture
def formed(services: Services) -> Formed:
    return form_consortium(services.marketplace)


@pytest.fixture
def manager(client: FlaskClient, services: Services, formed: Formed) -> FlaskClient:
    sign_in(client, services, "manager", str(formed.consortium))
    return client


def position(services: Services) -> int:
    return services.marketplace.recorder.max_notification_id() or 0


def url(formed: Formed, action: str = "") -> str:
    return f"/workspace/fees/consortia/{formed.consortium}{action}"


def version(services: Services, formed: Formed) -> str:
    return str(services.marketplace.get_consortium(formed.consortium).version)


def test_the_manager_assesses_a_period_once_and_sees_the_ledger(
    manager: FlaskClient, services: Services, formed: Formed,
) -> None:
    awarded_bid(services.marketplace, formed)
    # A manager of one consortium goes straight to its fees.
    assert manager.get("/workspace/fees/").headers["Location"].endswith(url(formed))
    page = manager.get(url(formed)).get_data(as_text=True)
    assert "No fee has been assessed yet." in page and 'value="2026"' in page
    form = {"period": "2025", "due_on": "2025-04-30", "version": version(services, formed)}
    answer = manager.post(url(formed, "/assess"), data=form)
    assert answer.status_code == 303
    page = manager.get(answer.headers["Location"]).get_data(as_text=True)
    assert "Assessed 3 annual fees and 3 success fees for 2025." in page
    assert page.count("Annual fee</td>") == 3
    # A success fee names its award.
    assert page.count("Success fee, award PO-2025-0001 (Astillero del Golfo)</td>") == 3
    assert "€3,900.00" in page  # 1.5 % of the 260,000 work share
    assert "Assessed €13,800.00" in page  # 3 x 2,400 + 1,200 + 3,900 + 1,500
    before = position(services)
    again = manager.get(manager.post(url(formed, "/assess"), data=form).headers["Location"])
    assert "nothing new" in again.get_data(as_text=True)
    assert position(services) == before
    assert ledger_differences(services) == []


def test_the_ledger_marks_overdue_fees_and_suspended_members(
    manager: FlaskClient, services: Services, formed: Formed,
) -> None:
    app = services.marketplace
    app.assess_fees(formed.consortium, "2025", app.clock.now().date())
    app.pay_fee(formed.memberships[1], annual_fee_id("2025"), eur("2400"), "pi_1")
    app.clock.advance(days=31)
    app.chase_arrears(formed.memberships[0])
    page = manager.get(url(formed)).get_data(as_text=True)
    assert len(re.findall(r'<tr class="is-overdue">', page)) == 2
    assert page.count('badge-warning">Suspended') == 1
    assert "2 in good standing, 1 suspended for arrears" in page
    fragment = manager.get(url(formed), headers={"HX-Request": "true"})
    assert fragment.get_data(as_text=True).lstrip().startswith('<section id="fee-ledger"')
    assert "HX-Request" in fragment.headers["Vary"]


@pytest.mark.parametrize(("form", "message"), [
    ({"period": "next year"}, "The period must be a year, such as 2027"),
    ({"period": "2027", "due_on": "31/01/2027"}, "The due date must be a date"),
])
def test_bad_input_is_refused_with_a_message_and_writes_nothing(
    manager: FlaskClient, services: Services, formed: Formed, form: dict, message: str,
) -> None:
    before = position(services)
    answer = manager.post(url(formed, "/assess"),
                          data={**form, "version": version(services, formed)})
    assert answer.status_code == 422
    assert message in answer.get_data(as_text=True)
    assert position(services) == before


def test_rules_changed_since_the_page_was_opened_is_a_conflict(
    manager: FlaskClient, services: Services, formed: Formed,
) -> None:
    opened = version(services, formed)
    services.marketplace.adopt_rules(formed.consortium, rules(annual_fees={
        "standard": eur("2600"), "founding": eur("3600")}))
    before = position(services)
    answer = manager.post(url(formed, "/assess"), data={"period": "2027", "version": opened})
    assert answer.status_code == 409
    assert "This changed since you opened the page" in answer.get_data(as_text=True)
    assert position(services) == before


def test_a_manager_of_another_consortium_is_refused(
    client: FlaskClient, services: Services, formed: Formed,
) -> None:
    other = form_consortium(services.marketplace, slug="marine")
    sign_in(client, services, "manager", str(other.consortium))
    before = position(services)
    assert client.get(url(formed)).status_code == 403
    answer = client.post(url(formed, "/assess"),
                         data={"period": "2027", "version": version(services, formed)})
    assert answer.status_code == 403
    assert "a consortium you do not manage" in answer.get_data(as_text=True)
    assert position(services) == before
    # The list shows their own consortium only.
    assert client.get("/workspace/fees/").headers["Location"].endswith(
        f"/workspace/fees/consortia/{other.consortium}")


def test_an_officer_reads_every_ledger_but_does_not_assess(
    client: FlaskClient, services: Services, formed: Formed,
) -> None:
    sign_in(client, services, "officer")
    page = client.get("/workspace/fees/").get_data(as_text=True)
    assert "Metal Export Consortium" in page
    ledger = client.get(url(formed)).get_data(as_text=True)
    assert "Assess the fees" not in ledger
    answer = client.post(url(formed, "/assess"),
                         data={"period": "2027", "version": version(services, formed)})
    assert answer.status_code == 403
