"""Fees on screen: their kind and award, pro rata, credit notes, refusals in Spanish."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from flask.testing import FlaskClient

from domain.errors import FeeAmountMismatchError
from marketplace.bootstrap import Services
from marketplace.membership.commands import annual_fee_id
from tests.integration.fees_from_events import ledger_differences
from tests.story import Formed, awarded_bid, eur, form_consortium, rules
from tests.web.signin import sign_in
from web.refusals import words

FEE = annual_fee_id("2025")


@pytest.fixture
def formed(services: Services) -> Formed:
    return form_consortium(services.marketplace)


@pytest.fixture
def manager(client: FlaskClient, services: Services, formed: Formed) -> FlaskClient:
    sign_in(client, services, "manager", str(formed.consortium))
    return client


def credit_url(formed: Formed, membership: object, fee_id: str = FEE) -> str:
    return (f"/workspace/fees/consortia/{formed.consortium}/members/{membership}"
            f"/fees/{fee_id}/credit")


def membership_version(services: Services, membership: object) -> str:
    return str(services.marketplace.get_membership(membership).version)


def test_the_ledger_names_each_fee_kind_and_a_success_fees_award(
    manager: FlaskClient, services: Services, formed: Formed,
) -> None:
    app = services.marketplace
    awarded_bid(app, formed)
    manager.post(f"/workspace/fees/consortia/{formed.consortium}/assess",
                 data={"period": "2025", "due_on": "2025-04-30",
                       "version": str(app.get_consortium(formed.consortium).version)})
    page = manager.get(f"/workspace/fees/consortia/{formed.consortium}").get_data(as_text=True)
    assert page.count("Annual fee</td>") == 3
    assert page.count("Success fee, award PO-2025-0001 (Astillero del Golfo)</td>") == 3


def test_the_member_sees_which_fee_is_which_and_how_a_pro_rata_fee_was_computed(
    client: FlaskClient, services: Services,
) -> None:
    app = services.marketplace
    app.clock.set(datetime(2025, 12, 3, 10, tzinfo=UTC))
    formed = form_consortium(app)
    app.adopt_rules(formed.consortium, rules(pro_rata=True))
    bid = awarded_bid(app, formed)
    app.assess_fees(formed.consortium, "2025", date(2026, 1, 2))
    app.assess_success_fees(bid, "2025", date(2026, 1, 2))
    member = formed.memberships[0]
    sign_in(client, services, "member", str(member))
    page = client.get(f"/workspace/member/{member}/").get_data(as_text=True)
    assert "Annual fee <span class=\"muted\">pro rata: 1 of 12 months of €2,400.00</span>" in page
    assert "€200.00" in page
    assert "Success fee, award PO-2025-0001" in page


def test_the_manager_corrects_a_fee_by_a_credit_note_with_its_own_document(
    manager: FlaskClient, services: Services, formed: Formed,
) -> None:
    app = services.marketplace
    member = formed.memberships[0]
    app.assess_fees(formed.consortium, "2025", date(2025, 4, 30))
    form = manager.get(credit_url(formed, member))
    assert form.status_code == 200 and "Correct a fee by a credit note" in form.get_data(
        as_text=True)
    answer = manager.post(credit_url(formed, member), data={
        "amount": "400", "reason": "Joined in March: two months off.",
        "version": membership_version(services, member)})
    assert answer.status_code == 303, answer.get_data(as_text=True)
    note = manager.get(answer.headers["Location"]).get_data(as_text=True)
    assert f"Credit note CN-{FEE}-1" in note
    assert "Joined in March: two months off." in note and "€400.00" in note
    assert "€2,000.00" in note  # still due on the fee
    ledger = manager.get(f"/workspace/fees/consortia/{formed.consortium}").get_data(
        as_text=True)
    assert "credited €400.00; due €2,000.00" in ledger
    assert "Credited €400.00" in ledger
    assert ledger_differences(services) == []


def test_the_member_reads_the_credit_note_and_owes_what_is_left(
    client: FlaskClient, services: Services, formed: Formed,
) -> None:
    app = services.marketplace
    member = formed.memberships[0]
    app.assess_fees(formed.consortium, "2025", date(2025, 4, 30))
    number = app.issue_credit_note(member, FEE, eur("400"), "Joined in March.")
    sign_in(client, services, "member", str(member))
    space = client.get(f"/workspace/member/{member}/").get_data(as_text=True)
    assert "€2,000.00" in space and f"Credit note {number}" in space
    document = client.get(f"/workspace/payments/{member}/credit-notes/{number}")
    assert document.status_code == 200
    assert "Joined in March." in document.get_data(as_text=True)
    other = client.get(f"/workspace/payments/{member}/credit-notes/CN-nothing-1")
    assert other.status_code == 404


def test_a_credit_note_above_what_is_due_is_refused_in_spanish_with_what_was_typed(
    manager: FlaskClient, services: Services, formed: Formed,
) -> None:
    app = services.marketplace
    member = formed.memberships[0]
    app.assess_fees(formed.consortium, "2025", date(2025, 4, 30))
    before = app.recorder.max_notification_id()
    answer = manager.post(credit_url(formed, member), data={
        "amount": "3000", "reason": "Demasiado.",
        "version": membership_version(services, member)},
        headers={"Accept-Language": "es"})
    assert answer.status_code == 422
    page = answer.get_data(as_text=True)
    assert "Una nota de crédito puede descontar como máximo" in page
    assert "Demasiado." in page and 'value="3000"' in page
    assert app.recorder.max_notification_id() == before


def test_a_wrong_amount_for_a_fee_is_refused_in_spanish(
    client: FlaskClient, services: Services, formed: Formed,
) -> None:
    app = services.marketplace
    member = formed.memberships[0]
    app.assess_fees(formed.consortium, "2025", date(2025, 4, 30))
    with pytest.raises(FeeAmountMismatchError) as refused:
        app.pay_fee(member, FEE, eur("2000"), "pi_1")
    with client.application.test_request_context(headers={"Accept-Language": "es"}):
        worded = words(refused.value)
    assert worded.startswith("La cuota annual-2025 es de 2.400,00"), worded


def test_a_member_corrects_its_capability_declaration_with_a_reason(
    client: FlaskClient, services: Services, formed: Formed,
) -> None:
    app = services.marketplace
    member = formed.memberships[2]
    sign_in(client, services, "member", str(member))
    url = f"/workspace/member/{member}/capabilities"
    page = client.get(url).get_data(as_text=True)
    assert "Correcting a mistake?" in page
    held = app.get_membership(member)
    answer = client.post(url, data={
        "version": str(held.version), "corrects": str(held.capabilities_version),
        "stages": ["logistics"], "products": "steel structures", "capacity": "1,200 t a year",
        "reason": "Installation was ticked by mistake."})
    assert answer.status_code == 303, answer.get_data(as_text=True)
    assert app.get_membership(member).stages == ["logistics"]
    last = app.history(str(member))[-1]
    assert last["type"] == "Membership.CapabilitiesCorrected"
    assert last["data"]["reason"] == "Installation was ticked by mistake."
    assert last["data"]["corrects"] == held.capabilities_version
