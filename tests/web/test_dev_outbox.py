"""The development outbox page: open only in development mode, showing the rendered mails."""

from __future__ import annotations

import pytest
from flask.testing import FlaskClient

from marketplace.bootstrap import Services
from tests.story import form_consortium, request_quote
from tests.web.conftest import TEST_CONFIG
from web import create_app


def dev_client(services: Services) -> FlaskClient:
    return create_app(services=services, config={**TEST_CONFIG, "DEV_MODE": True}).test_client()


def test_the_outbox_page_does_not_exist_outside_development(services: Services) -> None:
    request_quote(services.marketplace, form_consortium(services.marketplace).consortium)
    client = create_app(services=services, config={**TEST_CONFIG, "DEV_MODE": False}
                        ).test_client()
    response = client.get("/dev/outbox")
    assert response.status_code == 404
    assert b"lucia@acero-mx.example" not in response.data


def test_the_outbox_page_lists_each_mail_as_sent(services: Services) -> None:
    app = services.marketplace
    formed = form_consortium(app)
    request_quote(app, formed.consortium)
    request_quote(app, formed.consortium, contact_name="Ingrid <b>Berg</b>",
                  contact_email="ingrid@fjord-yards.example", language="de")
    services.outbox.send_due(app.clock.now())

    response = dev_client(services).get("/dev/outbox")

    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert page.count('class="dev-mail"') == 2
    assert "Metal Export Consortium: we received your request for quotation" in page
    assert "Metal Export Consortium: Ihre Angebotsanfrage ist eingegangen" in page
    assert "lucia@acero-mx.example" in page
    assert "http://localhost/rfq/" in page  # no CONSORTIA_BASE_URL: where the app is served
    assert "Ingrid &lt;b&gt;Berg&lt;/b&gt;" in page  # what a buyer typed is escaped
    assert "sent (local)" in page


def test_the_outbox_page_shows_an_erased_recipient_as_erased(services: Services) -> None:
    app = services.marketplace
    request_quote(app, form_consortium(app).consortium)
    app.erase_personal_data("lucia@acero-mx.example", "The buyer asked.")

    page = dev_client(services).get("/dev/outbox").get_data(as_text=True)

    assert "recipient erased" in page
    assert "lucia" not in page


@pytest.mark.parametrize("address", ["203.0.113.5", "10.0.0.7", "2001:db8::1", "", "junk"])
def test_the_outbox_page_refuses_a_client_that_is_not_this_machine(
        services: Services, address: str) -> None:
    request_quote(services.marketplace, form_consortium(services.marketplace).consortium)
    response = dev_client(services).get("/dev/outbox", environ_base={"REMOTE_ADDR": address})
    assert response.status_code == 404
    assert b"lucia@acero-mx.example" not in response.data


@pytest.mark.parametrize("address", ["127.0.0.1", "127.8.9.10", "::1", "::ffff:127.0.0.1"])
def test_the_outbox_page_answers_a_loopback_client(services: Services, address: str) -> None:
    response = dev_client(services).get("/dev/outbox", environ_base={"REMOTE_ADDR": address})
    assert response.status_code == 200


def test_behind_a_proxy_the_outbox_page_looks_at_the_forwarded_client(
        services: Services) -> None:
    request_quote(services.marketplace, form_consortium(services.marketplace).consortium)
    client = create_app(services=services, config={**TEST_CONFIG, "DEV_MODE": True,
                                                    "PROXY_HOPS": 1}).test_client()
    # The proxy itself is on this machine; the client it forwards is not.
    outside = client.get("/dev/outbox", environ_base={"REMOTE_ADDR": "127.0.0.1"},
                         headers={"X-Forwarded-For": "203.0.113.5"})
    assert outside.status_code == 404 and b"lucia@acero-mx.example" not in outside.data
    # A client cannot claim loopback past the one trusted hop: the proxy appends the real one.
    claimed = client.get("/dev/outbox", environ_base={"REMOTE_ADDR": "127.0.0.1"},
                         headers={"X-Forwarded-For": "127.0.0.1, 203.0.113.5"})
    assert claimed.status_code == 404
    local = client.get("/dev/outbox", environ_base={"REMOTE_ADDR": "127.0.0.1"},
                       headers={"X-Forwarded-For": "127.0.0.1"})
    assert local.status_code == 200
