"""The RFQ form: sent, refused field by field, checked inline, and guarded against robots."""

from __future__ import annotations

import functools
from datetime import timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import pytest
from flask import Flask
from flask.testing import FlaskClient

from marketplace.bidding import queries as bid_queries
from marketplace.bootstrap import Services, bootstrap
from marketplace.ports import SteppingClock
from tests.conftest import START
from tests.story import form_consortium
from tests.web.conftest import TEST_CONFIG
from tests.web.rfq_helpers import log_position, typed_form
from web import create_app
from web.rfq.intake import check_field

FORM = "/consortia/metal/rfq"


@pytest.fixture
def metal(services: Services) -> None:
    form_consortium(services.marketplace, slug="metal")


def _refused(client: FlaskClient, services: Services, **overrides: Any) -> str:
    """Post the form with some fields changed; it must be refused and store nothing."""
    before = log_position(services)
    response = client.post(FORM, data=typed_form(services, **overrides))
    assert response.status_code == 422
    assert log_position(services) == before
    return response.get_data(as_text=True)


@pytest.mark.usefixtures("metal")
def test_the_form_offers_the_consortium_s_stages_and_the_standard_lists(
        client: FlaskClient) -> None:
    page = client.get(FORM).get_data(as_text=True)
    assert 'name="stages" value="installation"' in page
    assert 'value="maintenance"' not in page  # not in the metal consortium's offer
    assert '<option value="MX">Mexico</option>' in page
    assert '<option value="DPU">DPU · Delivered at Place Unloaded</option>' in page
    assert '<option value="EUR" selected>' in page
    assert 'value="XAU"' not in page  # gold is ISO 4217 but nobody is quoted in it
    assert 'type="date"' in page and 'name="csrf_token"' in page
    assert 'name="website"' in page and 'tabindex="-1"' in page
    assert 'aria-describedby="organisation-error"' in page
    assert 'hx-post="/consortia/metal/rfq/check/organisation"' in page


def test_a_consortium_that_takes_no_rfqs_has_no_form(client: FlaskClient,
                                                     services: Services) -> None:
    form_consortium(services.marketplace, slug="agri", publish=False)
    assert client.get("/consortia/agri/rfq").status_code == 404
    assert client.get("/consortia/nowhere/rfq").status_code == 404
    assert client.post("/consortia/nowhere/rfq", data=typed_form(services)).status_code == 404


@pytest.mark.usefixtures("metal")
def test_a_request_goes_to_its_private_tracking_page(client: FlaskClient,
                                                     services: Services) -> None:
    response = client.post(FORM, data=typed_form(services))
    assert response.status_code == 303
    location = response.headers["Location"]
    assert location.startswith("/rfq/") and len(location) == len("/rfq/") + 43
    page = client.get(location).get_data(as_text=True)
    assert "We are e-mailing you this private link" in page
    assert "Astillero del Golfo" in page and "4 blocks" in page and "CIF Veracruz" in page
    assert "Design, Manufacturing" in page and "Request received" in page
    assert "lucia@acero-mx.example" not in page  # the contact stays in the vault
    [bid] = bid_queries.list_bids(services.engine)
    assert bid["stages"] == ["design", "manufacturing"] and bid["buyer_country"] == "MX"


@pytest.mark.usefixtures("metal")
def test_one_wrong_field_is_named_then_the_fixed_form_is_sent(client: FlaskClient,
                                                              services: Services) -> None:
    page = _refused(client, services, quantity="four")
    assert 'id="error-summary"' in page
    assert '<a href="#rfq-quantity">Enter a number above zero' in page
    assert 'aria-invalid="true"' in page and 'value="four"' in page
    assert 'value="Astillero del Golfo"' in page  # what was typed is kept
    assert client.post(FORM, data=typed_form(services, quantity="4")).status_code == 303


TODAY = START.date()
FIELD_ERRORS = [
    ("organisation", "", "Enter the name of your organisation."),
    ("organisation", "x" * 201, "Use at most 200 characters (this has 201)."),
    ("contact_name", "  ", "Enter the name of the person we should answer."),
    ("email", "lucia-at-example", "Enter an e-mail address such as name@example.com."),
    ("country", "XX", "Choose a country from the list."),
    ("country", "Mexico", "Choose a country from the list."),
    ("stages", [], "Choose at least one stage of the value chain."),
    ("stages", ["maintenance"], "Choose only stages this consortium offers."),
    ("stages", ["welding"], "Choose the stages from the list."),
    ("specification", "", "Describe what you need."),
    ("specification", "s" * 10_001, "Use at most 10,000 characters (this has 10,001)."),
    ("quantity", "0", "Enter a number above zero"),
    ("quantity", "NaN", "Enter a number above zero"),
    ("quantity", "1e9", "Enter a number above zero"),
    ("quantity", "2000000000", "Enter a quantity below 1,000,000,000."),
    ("unit", "", "Enter the unit of the quantity"),
    ("incoterm", "FOB Veracruz", "Choose one of the Incoterms 2020 rules."),
    ("incoterm", "DAT", "Choose one of the Incoterms 2020 rules."),  # a 2010 rule
    ("named_place", "", "Enter the named place of the Incoterm"),
    ("currency", "ZZZ", "Choose a currency from the list (ISO 4217)."),
    ("currency", "XAU", "Choose a currency from the list (ISO 4217)."),
    ("quote_needed_by", "", "Enter the date by which you need the quote."),
    ("quote_needed_by", "31/12/2025", "Enter a date as yyyy-mm-dd"),
    ("quote_needed_by", "2025-02-30", "Enter a date as yyyy-mm-dd"),
    ("quote_needed_by", TODAY.isoformat(), "Choose a date after today."),
    ("quote_needed_by", (TODAY - timedelta(days=1)).isoformat(), "Choose a date after today."),
    ("quote_needed_by", "2099-01-01", "Choose a date within the next ten years."),
    ("wanted_delivery", "tomorrow", "Enter a date as yyyy-mm-dd"),
    ("wanted_delivery", (TODAY + timedelta(days=2)).isoformat(),
     "The delivery date cannot come before the date the quote is needed."),
]


@pytest.mark.usefixtures("metal")
@pytest.mark.parametrize(("field", "value", "message"), FIELD_ERRORS)
def test_each_field_says_what_is_wrong(client: FlaskClient, services: Services, field: str,
                                       value: Any, message: str) -> None:
    page = _refused(client, services, **{field: value})
    assert f'<a href="#rfq-{field}">{message}' in page
    assert f'<p id="{field}-error" class="field-error" aria-live="polite">{message}' in page


@pytest.mark.usefixtures("metal")
def test_every_field_wrong_at_once_gives_every_message(client: FlaskClient,
                                                       services: Services) -> None:
    blank = {name: "" for name in typed_form(services)} | {"stages": []}
    page = _refused(client, services, **blank)
    named = [f'href="#rfq-{name}"' for name in
             ("organisation", "contact_name", "email", "country", "stages", "specification",
              "quantity", "unit", "incoterm", "named_place", "currency", "quote_needed_by")]
    assert all(link in page for link in named)
    assert 'href="#rfq-wanted_delivery"' not in page  # optional


HOSTILE = [
    ("organisation", "Acme\x01Corp", "Remove the control characters"),
    ("contact_name", "Lucía\x1b[31m", "Remove the control characters"),
    ("specification", "x" * 100_000, "Use at most 10,000 characters"),
    ("named_place", "Veracruz'; DROP TABLE rm_bids; --" + "x" * 100, "Use at most 120"),
    ("unit", "blocks\x7f", "Remove the control characters"),
]


@pytest.mark.usefixtures("metal")
@pytest.mark.parametrize(("field", "value", "message"), HOSTILE)
def test_hostile_text_is_refused_with_a_message(client: FlaskClient, services: Services,
                                                field: str, value: str, message: str) -> None:
    page = _refused(client, services, **{field: value})
    assert message in page


@pytest.mark.usefixtures("metal")
def test_invalid_utf8_is_refused_not_crashed_on(client: FlaskClient,
                                                services: Services) -> None:
    before = log_position(services)
    fields = typed_form(services)
    body = urlencode({k: v for k, v in fields.items() if k != "organisation"}, doseq=True)
    response = client.post(FORM, data=body + "&organisation=Acme%FF%FECorp",
                           content_type="application/x-www-form-urlencoded")
    assert response.status_code == 422
    assert "Remove the control characters or unreadable bytes" in response.get_data(True)
    assert log_position(services) == before


@pytest.mark.usefixtures("metal")
def test_script_tags_are_kept_as_text_and_shown_escaped(client: FlaskClient,
                                                        services: Services) -> None:
    script = "<script>alert('x')</script>"
    refused = _refused(client, services, organisation=script, quantity="x")
    assert script not in refused and "&lt;script&gt;alert(" in refused
    sent = client.post(FORM, data=typed_form(services, organisation=script,
                                             specification=f"Blocks {script}"))
    assert sent.status_code == 303
    page = client.get(sent.headers["Location"]).get_data(as_text=True)
    assert script not in page and page.count("&lt;script&gt;alert(") == 2


@pytest.mark.usefixtures("metal")
def test_a_filled_honeypot_is_refused_and_nothing_stored(client: FlaskClient,
                                                         services: Services) -> None:
    before = log_position(services)
    response = client.post(FORM, data=typed_form(services, website="http://spam.example"))
    assert response.status_code == 400
    assert "Your request could not be sent" in response.get_data(as_text=True)
    assert log_position(services) == before


@pytest.mark.usefixtures("metal")
@pytest.mark.parametrize(("field", "data", "message"), [
    ("quantity", {"quantity": "-3"}, "Enter a number above zero"),
    ("stages", {}, "Choose at least one stage of the value chain."),
    ("stages", {"stages": ["design", "maintenance"]}, "Choose only stages this consortium"),
    ("wanted_delivery", {"wanted_delivery": "2025-03-10", "quote_needed_by": "2025-03-20"},
     "The delivery date cannot come before"),
    ("email", {"email": "not an address"}, "Enter an e-mail address"),
])
def test_the_inline_check_answers_one_field(client: FlaskClient, services: Services,
                                            field: str, data: dict[str, Any],
                                            message: str) -> None:
    before = log_position(services)
    response = client.post(f"{FORM}/check/{field}", data=data)
    assert response.status_code == 200
    fragment = response.get_data(as_text=True)
    assert fragment.strip().startswith(f'<p id="{field}-error" class="field-error"')
    assert message in fragment and "<html" not in fragment
    assert log_position(services) == before


@pytest.mark.usefixtures("metal")
def test_the_inline_check_of_a_good_value_empties_the_slot(client: FlaskClient) -> None:
    response = client.post(f"{FORM}/check/country", data={"country": "NO"})
    assert response.get_data(as_text=True).strip().endswith('aria-live="polite"></p>')
    assert client.post(f"{FORM}/check/website", data={"website": "x"}).status_code == 404


def test_check_field_refuses_what_only_json_can_carry(web_app: Flask) -> None:
    with web_app.test_request_context():
        check = functools.partial(check_field, consortium={"offer_stages": ["design"]},
                                  today=TODAY)
        assert "unreadable bytes" in (check("unit", "\ud800") or "")
        assert check("quantity", 4) == "Enter this as text."
        assert check("stages", [1, 2]) == "Choose the stages from the list."
        assert check("stages", "design") is None
        assert check("wanted_delivery", "") is None  # optional
        with pytest.raises(KeyError):
            check("website", "")


def _app_with(tmp_path: Path, **config: Any) -> tuple[FlaskClient, Services]:
    services = bootstrap(f"sqlite:///{tmp_path / 'own.db'}", clock=SteppingClock(START))
    form_consortium(services.marketplace, slug="metal")
    app = create_app(services=services, config={**TEST_CONFIG, **config})
    return app.test_client(), services


def test_a_post_without_the_csrf_token_is_refused(tmp_path: Path) -> None:
    client, services = _app_with(tmp_path, WTF_CSRF_ENABLED=True)
    try:
        before = log_position(services)
        response = client.post(FORM, data=typed_form(services))
        assert response.status_code == 400
        assert "This form has expired" in response.get_data(as_text=True)
        assert client.post(f"{FORM}/check/quantity", data={"quantity": "1"}).status_code == 400
        assert log_position(services) == before
        # With the token of the page, the same request goes through.
        page = client.get(FORM).get_data(as_text=True)
        token = page.split('name="csrf_token" value="')[1].split('"')[0]
        sent = client.post(FORM, data={**typed_form(services), "csrf_token": token})
        assert sent.status_code == 303
    finally:
        services.close()


def test_the_third_request_in_a_minute_is_refused(tmp_path: Path) -> None:
    client, services = _app_with(tmp_path, RATELIMIT_ENABLED=True,
                                 RFQ_RATE_LIMIT="2 per minute")
    try:
        assert [client.post(FORM, data=typed_form(services)).status_code
                for _ in range(2)] == [303, 303]
        before = log_position(services)
        third = client.post(FORM, data=typed_form(services))
        assert third.status_code == 429
        assert "Too many requests from your address" in third.get_data(as_text=True)
        assert log_position(services) == before
        assert client.get(FORM).status_code == 200  # reading the form is not limited
    finally:
        services.close()
