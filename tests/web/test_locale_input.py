"""Numbers, money, percentages and dates are read in the page's language, one way.

The form pipeline's field parsers (web/forms.py) read what people type as the page's
locale writes it (Babel's parsing); what the pages show (Babel's formatting) reads back
as the same value; text that could mean two things in that locale is refused with a
sentence, in the page's language, saying how to write it. The JSON API keeps JSON numbers
and strings with a decimal point, whatever the Accept-Language.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pytest
from babel.dates import format_date
from babel.numbers import format_currency, format_decimal, format_percent
from flask import Flask
from flask.testing import FlaskClient
from flask_babel import force_locale
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from marketplace.bidding import queries as bid_queries
from marketplace.bootstrap import Services
from tests.story import METAL, form_consortium, register_agency
from tests.web.agency_helpers import formation, page_text, post
from tests.web.rfq_helpers import typed_form
from tests.web.signin import sign_in
from web import forms
from web.forms import Refused

LOCALES = ("en", "es", "fr", "de")
ANY_LOCALE = pytest.mark.parametrize("locale", LOCALES)
ONCE = settings(max_examples=60, deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture])


def _read(app: Flask, locale: str, typed: str, **options: Any) -> Decimal:
    with app.test_request_context(), force_locale(locale):
        return forms.read_number(typed, "The amount", **options)


def _refusal(app: Flask, locale: str, typed: str, **options: Any) -> str:
    with app.test_request_context(), force_locale(locale), pytest.raises(Refused) as refused:
        forms.read_number(typed, "The amount", **options)
    return refused.value.message


def _number_part(shown: str) -> str:
    """The number of a formatted amount of money, without its currency sign."""
    return re.sub(r"^[^\d-]+|[^\d]+$", "", shown)


# --- each locale's own way of writing numbers ------------------------------------------


@pytest.mark.parametrize(("locale", "typed", "value"), [
    ("es", "250.000", Decimal(250000)), ("es", "1.500,50", Decimal("1500.50")),
    ("es", "1,5", Decimal("1.5")), ("es", "250 000", Decimal(250000)),
    ("de", "250.000", Decimal(250000)), ("de", "1.500,50", Decimal("1500.50")),
    ("de", "1,5", Decimal("1.5")),
    ("fr", "250\u202f000", Decimal(250000)), ("fr", "250\xa0000", Decimal(250000)),
    ("fr", "250 000", Decimal(250000)), ("fr", "1 500,50", Decimal("1500.50")),
    ("fr", "1,5", Decimal("1.5")),
    ("en", "1,500.50", Decimal("1500.50")), ("en", "1,500", Decimal(1500)),
    ("en", "1.5", Decimal("1.5")), ("en", "250 000", Decimal(250000)),
] + [(locale, "250000", Decimal(250000)) for locale in LOCALES])
def test_each_locale_reads_its_own_numbers(web_app: Flask, locale: str, typed: str,
                                           value: Decimal) -> None:
    assert _read(web_app, locale, typed) == value


@pytest.mark.parametrize(("locale", "typed", "whole", "fraction"), [
    ("en", "1.500", "1,500", "1.5"), ("en", "12.250", "12,250", "12.25"),
    ("es", "1,500", "1.500", "1,5"), ("de", "1,500", "1.500", "1,5"),
    ("fr", "1,500", "1\u202f500", "1,5"), ("fr", "1.500", "1\u202f500", "1,5"),
])
def test_a_number_that_could_mean_two_things_is_refused_with_how_to_write_it(
        web_app: Flask, locale: str, typed: str, whole: str, fraction: str) -> None:
    message = _refusal(web_app, locale, typed)
    assert typed in message and whole in message and fraction in message


@ANY_LOCALE
@pytest.mark.parametrize("typed", ["lots", "1e5", "NaN", "Infinity", "١٢", "1..5", "+-3",
                                   "1.2.3,4,5", "0x10"])
def test_what_is_not_a_number_is_refused_with_an_example(web_app: Flask, locale: str,
                                                         typed: str) -> None:
    example = format_decimal(Decimal("1500.5"), locale=locale)
    assert example in _refusal(web_app, locale, typed)


@pytest.mark.parametrize(("locale", "typed", "value"), [
    ("es", "1,5", Decimal("1.5")), ("fr", "1,5", Decimal("1.5")), ("de", "1,5", Decimal("1.5")),
    ("es", "1.500", Decimal(1500)), ("en", "12.5", Decimal("12.5")),
])
def test_the_rfq_form_takes_a_decimal_quantity_as_the_page_writes_it(
        client: FlaskClient, services: Services, locale: str, typed: str,
        value: Decimal) -> None:
    form_consortium(services.marketplace, slug="metal")
    client.set_cookie("lang", locale)
    sent = client.post("/consortia/metal/rfq", data=typed_form(services, quantity=typed))
    assert sent.status_code == 303, page_text(sent)
    [row] = bid_queries.list_bids(services.engine)
    assert Decimal(str(services.marketplace.get_bid(row["bid_id"]).quantity)) == value


def test_the_rfq_form_refuses_an_ambiguous_quantity_in_the_page_s_language(
        client: FlaskClient, services: Services) -> None:
    form_consortium(services.marketplace, slug="metal")
    client.set_cookie("lang", "es")
    refused = client.post("/consortia/metal/rfq", data=typed_form(services, quantity="1,500"))
    assert refused.status_code == 422
    text = page_text(refused)
    assert "1.500" in text and "1,5" in text and "dos maneras" in text


# --- format, then read back: the same value --------------------------------------------

AMOUNTS = st.decimals(min_value=Decimal("0.01"), max_value=Decimal("999999999999.99"),
                      places=2, allow_nan=False, allow_infinity=False)
PERCENTAGES = st.decimals(min_value=Decimal(0), max_value=Decimal(100), places=2,
                          allow_nan=False, allow_infinity=False)
DAYS = st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 12, 31))


@ANY_LOCALE
@ONCE
@given(amount=AMOUNTS)
def test_money_as_the_pages_show_it_reads_back(web_app: Flask, locale: str,
                                               amount: Decimal) -> None:
    for shown in (format_decimal(amount, locale=locale),
                  _number_part(format_currency(amount, "EUR", locale=locale)),
                  _number_part(format_currency(amount, "USD", locale=locale))):
        assert _read(web_app, locale, shown) == amount, shown
    with web_app.test_request_context(), force_locale(locale):
        assert forms.read_number(forms.number_text(amount), "x") == amount


@ANY_LOCALE
@ONCE
@given(percent=PERCENTAGES)
def test_percentages_as_the_pages_show_them_read_back(web_app: Flask, locale: str,
                                                      percent: Decimal) -> None:
    shown = format_percent(percent / 100, format="#,##0.##%", locale=locale)
    with web_app.test_request_context(), force_locale(locale):
        assert forms.read_percentage(shown, "The margin") == percent
        assert forms.read_percentage(format_decimal(percent, locale=locale), "x") == percent
        assert forms.read_percentage(forms.number_text(percent), "x") == percent


@ANY_LOCALE
@ONCE
@given(day=DAYS)
def test_dates_as_the_pages_show_them_read_back(web_app: Flask, locale: str,
                                                day: date) -> None:
    with web_app.test_request_context(), force_locale(locale):
        for shown in (day.isoformat(), format_date(day, "medium", locale=locale),
                      format_date(day, "long", locale=locale)):
            assert forms.read_day(shown, "The day") == day, shown
        if day.year < 2100:  # the short style writes two digits of the year
            assert forms.read_day(format_date(day, "short", locale=locale), "x") == day


@ANY_LOCALE
@ONCE
@given(whole=st.integers(min_value=1, max_value=999), part=st.integers(min_value=0,
                                                                       max_value=999))
def test_a_lone_separator_before_three_digits_is_refused_unless_it_groups(
        web_app: Flask, locale: str, whole: int, part: int) -> None:
    with web_app.test_request_context(), force_locale(locale):
        group = forms.group_symbol()
        for separator in ".,":
            typed = f"{whole}{separator}{part:03d}"
            if separator == group:
                assert forms.read_number(typed, "x") == whole * 1000 + part
            else:
                with pytest.raises(Refused):
                    forms.read_number(typed, "x")


@ANY_LOCALE
def test_a_date_that_is_no_date_says_how_to_write_one(web_app: Flask, locale: str) -> None:
    with web_app.test_request_context(), force_locale(locale):
        for typed in ("tomorrow", "2026-02-30", "31/31/2026", "1 2", "9999999-01-01"):
            with pytest.raises(Refused) as refused:
                forms.read_day(typed, "The day")
            assert format_date(date(2026, 5, 31), "medium", locale=locale) in str(
                refused.value)


# --- the agency's funding form in Spanish ----------------------------------------------


@pytest.fixture
def officer_es(client: FlaskClient, services: Services) -> FlaskClient:
    sign_in(client, services, "officer")
    services.marketplace.propose_consortium(slug="metal", name="Santander Global Metal",
                                            agency="SODERCAN", region="ES-CB",
                                            sector=METAL)
    client.set_cookie("lang", "es")
    return client


@pytest.mark.parametrize(("typed", "granted"), [
    ("250.000", Decimal(250000)), ("1.500", Decimal(1500)), ("25.000,50", Decimal("25000.50")),
    ("250000", Decimal(250000)),
])
def test_a_grant_typed_in_spanish_records_what_was_meant(
        officer_es: FlaskClient, services: Services, typed: str, granted: Decimal) -> None:
    response = post(officer_es, services, "metal", "/funding/grants", {"amount": typed})
    assert response.status_code == 303, page_text(response)
    assert Decimal(str(formation(services, "metal")["funding"]["granted"])) == granted


def test_an_ambiguous_grant_is_refused_in_spanish_and_kept_as_typed(
        officer_es: FlaskClient, services: Services) -> None:
    response = post(officer_es, services, "metal", "/funding/grants", {"amount": "1,500"})
    assert response.status_code == 422
    text = page_text(response)
    assert "«1,500» se puede leer de dos maneras" in text
    assert "1.500" in text and "1,5" in text
    assert 'value="1,500"' in response.get_data(as_text=True)
    assert Decimal(str(formation(services, "metal")["funding"]["granted"] or 0)) == 0


def test_prefilled_numbers_are_shown_in_the_page_s_language(
        officer_es: FlaskClient, services: Services) -> None:
    agency = register_agency(services.marketplace, "IDEPA", "ES-AS")
    page = officer_es.get(f"/workspace/agencies/{agency}").get_data(as_text=True)
    assert 'value="700000,00"' in page  # the agency's programme cap, in its form
    assert 'value="2400,00"' in page and 'value="1,5"' in page


# --- the JSON API keeps its own format -------------------------------------------------


def test_spanish_does_not_change_how_the_api_reads_numbers(client: FlaskClient,
                                                            services: Services) -> None:
    form_consortium(services.marketplace, slug="metal")
    today = services.marketplace.clock.now().date()
    body = {**typed_form(services), "consortium": "metal", "quantity": "1.500",
            "quote_needed_by": (today + timedelta(days=30)).isoformat()}
    body.pop("website")
    spanish = {"Accept-Language": "es"}
    created = client.post("/api/v1/rfqs", json=body, headers=spanish)
    assert created.status_code == 201, created.get_json()
    assert client.get(created.headers["Location"]).get_json()["quantity"] == "1.500"
    comma = client.post("/api/v1/rfqs", json={**body, "quantity": "1,5"}, headers=spanish)
    assert comma.status_code == 422 and "quantity" in comma.get_json()["errors"]
    number = client.post("/api/v1/rfqs", json={**body, "quantity": 2.5}, headers=spanish)
    assert number.status_code == 201
    assert client.get(number.headers["Location"]).get_json()["quantity"] == "2.5"


@pytest.mark.parametrize(("locale", "typed", "suggested"), [
    ("en", "1.085", "1.0850"), ("es", "1,085", "1,0850"), ("en", "1.000", "1,000")])
def test_the_way_suggested_reads_back_without_doubt(web_app: Flask, locale: str, typed: str,
                                                    suggested: str) -> None:
    assert suggested in _refusal(web_app, locale, typed)
    assert _read(web_app, locale, suggested) in (Decimal("1.085"), Decimal(1000))


@ANY_LOCALE
@ONCE
@given(value=st.decimals(min_value=Decimal("-1e12"), max_value=Decimal("1e12"), places=3,
                         allow_nan=False, allow_infinity=False))
def test_a_number_put_back_in_an_input_reads_back(web_app: Flask, locale: str,
                                                   value: Decimal) -> None:
    with web_app.test_request_context(), force_locale(locale):
        assert forms.read_number(forms.number_text(value), "x") == value


def test_the_rfq_form_takes_a_date_as_the_spanish_page_writes_it(
        client: FlaskClient, services: Services) -> None:
    form_consortium(services.marketplace, slug="metal")
    client.set_cookie("lang", "es")
    needed = services.marketplace.clock.now().date() + timedelta(days=30)
    sent = client.post("/consortia/metal/rfq", data=typed_form(
        services, quote_needed_by=format_date(needed, "short", locale="es"),
        wanted_delivery=""))
    assert sent.status_code == 303, page_text(sent)
    [row] = bid_queries.list_bids(services.engine)
    assert services.marketplace.get_bid(row["bid_id"]).quote_needed_by == needed


def test_rules_typed_in_spanish_are_read_and_shown_back_the_same(
        officer_es: FlaskClient, services: Services) -> None:
    typed = {"quote_response_days": "5", "annual_fees": "estándar 2.400,50\nfundadora 3600",
             "success_fee_percent": "1,5", "work_share_rule": "proportional",
             "quorum_percent": "60", "grace_days": "30", "suspend_on_arrears": "yes"}
    response = post(officer_es, services, "metal", "/rules", typed)
    assert response.status_code == 303, page_text(response)
    rules = formation(services, "metal")["governance"]["rules"]
    assert rules["annual_fees"]["estándar"]["amount"] == "2400.50"
    assert Decimal(str(rules["success_fee_percent"])) == Decimal("1.5")
    page = page_text(officer_es.get("/workspace/agency/metal"))
    assert "estándar 2400,50" in page and 'value="1,5"' in page
    # What the page shows is adopted again unchanged.
    again = post(officer_es, services, "metal", "/rules", {
        **typed, "annual_fees": "estándar 2400,50\nfundadora 3600,00"})
    assert again.status_code == 303, page_text(again)
    assert formation(services, "metal")["governance"]["rules"]["annual_fees"] == rules[
        "annual_fees"]


def test_a_fee_line_that_could_mean_two_things_is_refused(
        officer_es: FlaskClient, services: Services) -> None:
    response = post(officer_es, services, "metal", "/rules", {
        "quote_response_days": "5", "annual_fees": "estándar 2,400", "quorum_percent": "60",
        "work_share_rule": "proportional", "grace_days": "30"})
    assert response.status_code == 422
    assert "«2,400» se puede leer de dos maneras" in page_text(response)
