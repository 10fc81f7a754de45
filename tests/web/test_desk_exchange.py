"""The desk side of the exchange: the request in full for those asked to price, the buyer's
contact for the manager, firms no account acts for, and the RFQs that ended."""

from __future__ import annotations

from datetime import date, timedelta
from uuid import UUID

import pytest
from flask.testing import FlaskClient
from sqlalchemy import select

from marketplace.accounts.readmodel import accounts
from marketplace.bootstrap import Services
from marketplace.outbox.tables import mail_outbox
from tests.story import METAL, Formed, form_consortium, request_quote
from tests.web.signin import sign_in
from tests.web.test_desk import page, version

WANTED = date(2025, 9, 30)


@pytest.fixture
def formed(services: Services) -> Formed:
    return form_consortium(services.marketplace)


@pytest.fixture
def manager(client: FlaskClient, services: Services, formed: Formed) -> FlaskClient:
    sign_in(client, services, "manager", str(formed.consortium))
    return client


def firm_with_contact(services: Services, formed: Formed) -> UUID:
    """A fourth member firm, for logistics, whose profile names a contact."""
    app = services.marketplace
    company = app.register_company(
        tax_id="ESBMET00009", name="Grúas Norte", region="ES-CB", sector=METAL, employees=12,
        summary="Heavy lifting.", contact={"name": "Iker Sola", "email": "iker@gruas.example"})
    membership = app.identify_prospect(formed.consortium, company, "Cranes.")
    app.declare_capabilities(membership, stages=["logistics"], products=["cranes"],
                             certifications=[], capacity="12 cranes")
    app.join_consortium(membership, agreement="MA-2025-signed.pdf", tier="standard")
    return membership


def test_the_manager_sees_the_wanted_delivery_and_the_buyer_s_contact_until_erased(
    manager: FlaskClient, services: Services, formed: Formed,
) -> None:
    app = services.marketplace
    bid = request_quote(app, formed.consortium, wanted_delivery=WANTED)

    html = page(manager, f"/workspace/desk/rfq/{bid}")
    assert "Sep 30, 2025" in html and f'datetime="{WANTED.isoformat()}"' in html
    assert "Lucía Hernández" in html and "mailto:lucia@acero-mx.example" in html

    app.erase_personal_data("lucia@acero-mx.example", "The buyer asked.")
    html = page(manager, f"/workspace/desk/rfq/{bid}")
    assert "lucia@acero-mx.example" not in html and "Lucía" not in html
    assert "Erased at the buyer" in html and "request</span>" in html


def test_an_auditor_reads_the_rfq_without_the_buyer_s_contact(
    client: FlaskClient, services: Services, formed: Formed,
) -> None:
    bid = request_quote(services.marketplace, formed.consortium)
    sign_in(client, services, "auditor")
    html = page(client, f"/workspace/desk/rfq/{bid}")
    assert "Astillero del Golfo" in html and "acero-mx.example" not in html


def test_a_firm_without_an_account_is_flagged_and_its_contact_can_be_invited(
    manager: FlaskClient, services: Services, formed: Formed,
) -> None:
    app = services.marketplace
    cranes = firm_with_contact(services, formed)
    member_user = app.open_account(name="Tere Llano", email="tere@example.org",
                                   password="correct horse battery",
                                   grants=[("member", str(formed.memberships[2]))])
    assert member_user
    bid = request_quote(app, formed.consortium)
    app.qualify_rfq(bid, "Fits.")

    html = page(manager, f"/workspace/desk/rfq/{bid}")
    flagged = {m for m in (*formed.memberships, cranes) if f'data-membership="{m}"' in html}
    assert flagged == {formed.memberships[0], formed.memberships[1], cranes}  # not Tere's
    assert html.count("Invite its contact") == 1
    # The first firm is shown under design and engineering, the second under manufacturing.
    assert html.count("gives no contact address to invite") == 3
    assert f'action="/workspace/desk/rfq/{bid}/invite/{cranes}"' in html

    response = manager.post(f"/workspace/desk/rfq/{bid}/invite/{cranes}")
    assert response.status_code == 303
    html = page(manager, response.headers["Location"])
    assert "The contact of Grúas Norte is invited" in html
    assert f'data-membership="{cranes}"' not in html
    with services.engine.connect() as conn:
        grants = [g for gs in conn.execute(select(accounts.c.grants)).scalars() for g in gs]
        kinds = list(conn.execute(select(mail_outbox.c.kind)).scalars())
    assert {"role": "member", "scope": str(cranes)} in grants
    assert "invitation" in kinds

    refused = manager.post(f"/workspace/desk/rfq/{bid}/invite/{formed.memberships[0]}")
    assert refused.status_code == 422
    assert "names no contact address to invite" in refused.get_data(as_text=True)


def test_asking_a_firm_without_an_account_says_no_mail_was_sent(
    manager: FlaskClient, services: Services, formed: Formed,
) -> None:
    app = services.marketplace
    bid = request_quote(app, formed.consortium)
    app.qualify_rfq(bid, "Fits.")
    due = (app.clock.now().date() + timedelta(days=3)).isoformat()

    response = manager.post(f"/workspace/desk/rfq/{bid}/contributions", data={
        "ask": f"design:{formed.memberships[0]}", "due_on": due,
        "version": version(services, bid)}, follow_redirects=True)

    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "No mail was sent to Metal Firm 1" in html and "No mail sent" in html
    assert "Metal Firm 2" not in html.split("No mail was sent to")[1].split("</p>")[0]


def test_members_asked_to_price_read_the_request_in_full(
    client: FlaskClient, services: Services, formed: Formed,
) -> None:
    app = services.marketplace
    bid = request_quote(app, formed.consortium, wanted_delivery=WANTED, quantity="12.5",
                        unit="tonnes")
    app.qualify_rfq(bid, "Fits.")
    app.request_contribution(bid, "manufacturing", formed.memberships[1],
                             app.clock.now().date() + timedelta(days=3))
    sign_in(client, services, "member", str(formed.memberships[1]))

    html = page(client, f"/workspace/member/{formed.memberships[1]}/")
    assert "Four steel hull blocks for offshore supply vessels." in html
    assert "12.5 tonnes" in html
    assert f'datetime="{WANTED.isoformat()}"' in html
    needed_by = app.get_bid(bid).quote_needed_by.isoformat()
    assert f'datetime="{needed_by}"' in html


def test_the_desk_lists_closed_rfqs_on_request_and_searches_them(
    manager: FlaskClient, services: Services, formed: Formed,
) -> None:
    app = services.marketplace
    declined = request_quote(app, formed.consortium, organisation="Naval Sur", country="CL")
    app.decline_rfq(declined, "No capacity.")
    request_quote(app, formed.consortium, organisation="Astillero del Golfo", country="MX")
    request_quote(app, formed.consortium, organisation="Nordic Yards", country="NO")

    default = page(manager, "/workspace/desk/")
    assert "Naval Sur" not in default and "Nordic Yards" in default
    closed = page(manager, "/workspace/desk/?show=closed")
    assert "Naval Sur" in closed and "Nordic Yards" not in closed
    assert f"/workspace/desk/rfq/{declined}" in closed
    reference = app.get_bid(declined).reference
    assert reference in closed
    found = page(manager, f"/workspace/desk/?show=closed&q={reference.lower()}")
    assert "Naval Sur" in found

    everything = page(manager, "/workspace/desk/?show=all&q=na")
    assert "Naval Sur" in everything and "Astillero del Golfo" not in everything
    assert "Nordic Yards" not in everything
    by_country = page(manager, "/workspace/desk/?show=all&country=NO")
    assert "Nordic Yards" in by_country and "Naval Sur" not in by_country
    fragment = page(manager, "/workspace/desk/?show=all&country=NO", htmx=True)
    assert "<html" not in fragment and "show=all" in fragment and "country=NO" in fragment
    assert page(manager, "/workspace/desk/?q=100%25").count("desk-row") == 0
    page(manager, "/workspace/desk/?show=everything", 400)
    page(manager, "/workspace/desk/?country=FR", 400)  # no RFQ from France to search by
