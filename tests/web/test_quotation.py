"""The quotation: its page and PDF for the buyer and the desk, in the page's language."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from babel.dates import format_date
from flask.testing import FlaskClient
from pypdf import PdfReader

from marketplace.bidding.queries import find_bid_by_reference
from marketplace.bidding.tokens import new_token
from marketplace.bootstrap import Services
from tests.story import Formed, eur, form_consortium, request_quote
from tests.web.signin import sign_in

TERMS = {"payment_terms": "30% with the order, 70% before shipment, by bank transfer.",
         "warranty": "24 months from installation.", "taxes": "Prices exclude Mexican VAT."}


def quote(services: Services, formed: Formed, token: str) -> str:
    """A full-service RFQ quoted at EUR 440,000 with written terms; returns its reference."""
    app = services.marketplace
    bid = request_quote(app, formed.consortium, tracking_token=token,
                        wanted_delivery=app.clock.now().date() + timedelta(days=200))
    app.qualify_rfq(bid, "Fits our capacity.")
    due = app.clock.now().date() + timedelta(days=3)
    prices = {"design": "20017", "engineering": "30023", "manufacturing": "250031",
              "logistics": "40043", "installation": "60059"}
    for n, stages in enumerate([["design", "engineering"], ["manufacturing"],
                                ["logistics", "installation"]]):
        for stage in stages:
            app.request_contribution(bid, stage, formed.memberships[n], due)
            app.commit_contribution(bid, stage, formed.memberships[n], eur(prices[stage]), 60)
    app.submit_quote(bid, eur("440000"), app.clock.now().date() + timedelta(days=45), 120,
                     **TERMS)
    reference = app.get_bid(bid).reference
    assert reference is not None
    return reference


def pdf_text(data: bytes) -> str:
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


@pytest.fixture
def formed(services: Services) -> Formed:
    return form_consortium(services.marketplace)


def test_the_buyer_reads_the_quotation_with_issuer_scope_and_terms(
        client: FlaskClient, services: Services, formed: Formed) -> None:
    token = new_token()
    reference = quote(services, formed, token)
    assert f'href="/rfq/{token}/quotation"' in client.get(f"/rfq/{token}").get_data(True)
    html = client.get(f"/rfq/{token}/quotation").get_data(as_text=True)
    assert reference in html and "Metal Export Consortium" in html and "SODERCAN" in html
    assert "Consortium manager: Ana Ruiz" in html
    assert "€440,000.00" in html and "CIF Veracruz" in html and "120 days" in html
    for term in TERMS.values():
        assert term in html
    assert "<td>Manufacturing</td><td>Metal Firm 2</td>" in html
    assert "Proportional to each member" in html and "5 working days" in html
    # The members' own prices stay internal.
    for price in ("20,017", "30,023", "250,031", "40,043", "60,059", "20017", "250031"):
        assert price not in html


@pytest.mark.parametrize(("language", "price", "valid"), [
    ("en", "€440,000.00", "Valid until"), ("es", "440.000,00", "Válida hasta")])
def test_the_pdf_holds_reference_price_and_validity_in_the_pages_language(
        client: FlaskClient, services: Services, formed: Formed, language: str, price: str,
        valid: str) -> None:
    token = new_token()
    reference = quote(services, formed, token)
    client.get(f"/language/{language}")
    response = client.get(f"/rfq/{token}/quotation.pdf")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    assert response.headers["Content-Disposition"] == (
        f'attachment; filename="quotation-{reference}.pdf"')
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    text = pdf_text(response.get_data())
    bid = find_bid_by_reference(services.engine, reference)
    assert bid is not None
    day = format_date(bid["quote_valid_until"], "medium", locale=language)
    assert reference in text and price in text and valid in text and day in text
    assert "250.031" not in text and "250,031" not in text


def test_the_desk_reads_the_quotation_and_no_quote_is_a_404(
        client: FlaskClient, services: Services, formed: Formed) -> None:
    reference = quote(services, formed, new_token())
    bid = find_bid_by_reference(services.engine, reference)
    assert bid is not None
    unquoted = request_quote(services.marketplace, formed.consortium)
    sign_in(client, services, "manager", str(formed.consortium))
    desk = f"/workspace/desk/rfq/{bid['bid_id']}"
    assert f'href="{desk}/quotation"' in client.get(desk).get_data(as_text=True)
    html = client.get(f"{desk}/quotation").get_data(as_text=True)
    assert reference in html and TERMS["warranty"] in html
    response = client.get(f"{desk}/quotation.pdf")
    assert response.status_code == 200 and reference in pdf_text(response.get_data())
    assert client.get(f"/workspace/desk/rfq/{unquoted}/quotation").status_code == 404


def test_a_recalculation_keeps_the_terms_as_typed(
        client: FlaskClient, services: Services, formed: Formed) -> None:
    app = services.marketplace
    bid = request_quote(app, formed.consortium, stages=["design"])
    app.qualify_rfq(bid, "Fits.")
    app.request_contribution(bid, "design", formed.memberships[0],
                             app.clock.now().date() + timedelta(days=3))
    app.commit_contribution(bid, "design", formed.memberships[0], eur("1000"), 10)
    sign_in(client, services, "manager", str(formed.consortium))
    typed = {"margin": "10", "valid_until": (app.clock.now().date() + timedelta(days=30))
             .isoformat(), "lead_time_days": "12", "version": str(app.get_bid(bid).version),
             **TERMS}
    again = client.post(f"/workspace/desk/rfq/{bid}/quote/computation", data=typed)
    page = again.get_data(as_text=True)
    assert TERMS["warranty"] in page and "30% with the order" in page
    sent = client.post(f"/workspace/desk/rfq/{bid}/quote", data=typed)
    assert sent.status_code == 303
    recorded = app.get_bid(bid).quote
    assert recorded is not None
    assert {name: recorded[name] for name in TERMS} == TERMS


def test_a_revised_quote_shows_its_version_in_the_reference_and_the_terms_typed_for_it(
        client: FlaskClient, services: Services, formed: Formed) -> None:
    app = services.marketplace
    token = new_token()
    reference = quote(services, formed, token)
    bid = find_bid_by_reference(services.engine, reference)
    assert bid is not None
    app.request_revision(bid["bid_id"], "Could you do better on logistics?")
    revised = {**TERMS, "warranty": "36 months from installation."}
    app.send_revised_quote(bid["bid_id"], eur("425000"),
                           app.clock.now().date() + timedelta(days=40), 110, **revised)
    html = client.get(f"/rfq/{token}/quotation").get_data(as_text=True)
    assert f"{reference}/2" in html and "€425,000.00" in html and "110 days" in html
    assert revised["warranty"] in html and TERMS["warranty"] not in html
    assert TERMS["payment_terms"] in html and "€440,000.00" not in html
    response = client.get(f"/rfq/{token}/quotation.pdf")
    assert response.headers["Content-Disposition"] == (
        f'attachment; filename="quotation-{reference}-2.pdf"')
