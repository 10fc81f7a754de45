"""The consortium page: the offer stage by stage, the firms behind it, public awards, no prices."""

from __future__ import annotations

import re
from datetime import date

from flask.testing import FlaskClient

from marketplace.bootstrap import Services, bootstrap
from marketplace.ports import SteppingClock
from tests.conftest import START
from tests.story import Formed, awarded_bid, form_consortium, quoted_bid
from tests.web.conftest import TEST_CONFIG
from web import create_app


def _stages(page: str) -> dict[str, str]:
    """Each offered stage's row of the offer table, by stage."""
    rows = re.findall(r'<tr id="stage-([a-z]+)">(.*?)</tr>', page, re.S)
    return dict(rows)


def _firms(page: str) -> dict[str, str]:
    """Each firm's description, by name; a firm described twice fails here."""
    parts = re.split(r'<article class="firm" ', page)[1:]
    firms: dict[str, str] = {}
    for part in parts:
        name = re.search(r"<h3 [^>]*>([^<]+)</h3>", part)
        assert name is not None and name.group(1) not in firms, part[:200]
        firms[name.group(1)] = part[:part.index("</article>")]
    return firms


def _tags(firm: str) -> list[str]:
    return re.findall(r'<li class="tag">([^<]+)</li>', firm)


def test_the_offer_is_shown_stage_by_stage_with_the_firms_behind_each(
        client: FlaskClient, services: Services) -> None:
    form_consortium(services.marketplace, offer=["design", "engineering", "manufacturing",
                                                 "installation"])
    response = client.get("/consortia/metal")
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "<h1>Metal Export Consortium</h1>" in page
    stages = _stages(page)
    assert list(stages) == ["design", "engineering", "manufacturing", "installation"]
    assert "Metal Firm 1" in stages["design"] and "Metal Firm 2" not in stages["design"]
    assert "Metal Firm 2" in stages["manufacturing"]
    assert "Metal Firm 3" in stages["installation"]
    maker = _firms(page)["Metal Firm 2"]
    assert 'href="#firm-' in stages["manufacturing"]  # the row leads to the firm
    assert "steel structures" in maker  # the firm's products
    assert "1,200 t a year" in maker  # and its capacity
    assert "ISO 9001" in maker
    assert "valid until Jan 1, 2030" in maker
    assert "quotes within 5 working days" in page


def test_each_firm_is_described_once_with_its_stages_as_tags(
        client: FlaskClient, services: Services) -> None:
    form_consortium(services.marketplace)
    page = client.get("/consortia/metal").get_data(as_text=True)
    firms = _firms(page)  # fails on a firm described twice
    assert list(firms) == ["Metal Firm 1", "Metal Firm 2", "Metal Firm 3"]
    assert _tags(firms["Metal Firm 1"]) == ["Design", "Engineering"]
    assert _tags(firms["Metal Firm 3"]) == ["Logistics and shipping", "Installation"]
    assert page.count("1,200 t a year") == 3  # once per firm, not once per stage
    # The staff count comes from the registry, once, beside the capacity the firm declared.
    assert firms["Metal Firm 1"].count("Staff") == 1 and "<dd>40</dd>" in firms["Metal Firm 1"]


def test_only_joined_members_stand_behind_a_stage(client: FlaskClient,
                                                  services: Services) -> None:
    formed = form_consortium(services.marketplace)
    services.marketplace.leave_consortium(formed.memberships[1], "Retiring.")
    page = client.get("/consortia/metal").get_data(as_text=True)
    assert "Metal Firm 2" not in page
    assert "no member firm lists it right now" in _stages(page)["manufacturing"]


def test_expired_certifications_say_so(client: FlaskClient, services: Services) -> None:
    formed = form_consortium(services.marketplace)
    services.marketplace.declare_capabilities(
        formed.memberships[0], stages=["design"], products=["hull design"],
        certifications=[{"name": "ISO 14001", "expires_on": date(2024, 6, 30)}],
        capacity="2 naval architects")
    designer = _firms(client.get("/consortia/metal").get_data(as_text=True))["Metal Firm 1"]
    assert "ISO 14001" in designer and "expired Jun 30, 2024" in designer
    assert "hull design" in designer and "2 naval architects" in designer


def test_awarded_contracts_show_country_year_and_scope_but_no_price(
        client: FlaskClient, services: Services) -> None:
    formed: Formed = form_consortium(services.marketplace)
    awarded_bid(services.marketplace, formed, reference="PO-VERACRUZ-7", country="MX")
    page = client.get("/consortia/metal").get_data(as_text=True)
    contracts = page[page.index('id="contracts-title"'):]
    row = re.search(r"<tr>\s*<td>Mexico</td>\s*<td>2025</td>\s*<td>([^<]+)</td>", contracts)
    assert row is not None
    assert row.group(1) == "Design, Engineering, Manufacturing, Logistics and shipping, " \
                           "Installation"
    assert "PO-VERACRUZ-7" in contracts
    for price in ("440,000", "440000", "260,000", "80,000", "250,000", "€"):
        assert price not in page
    assert "Astillero del Golfo" not in page  # the buyer is not named either


def test_a_quote_not_yet_awarded_is_not_a_public_contract(client: FlaskClient,
                                                           services: Services) -> None:
    quoted_bid(services.marketplace, form_consortium(services.marketplace))
    page = client.get("/consortia/metal").get_data(as_text=True)
    assert "No contract has been awarded through this marketplace yet." in page
    assert '<table class="contracts">' not in page


def test_request_a_quote_leads_to_the_rfq_form(client: FlaskClient, services: Services) -> None:
    form_consortium(services.marketplace)
    page = client.get("/consortia/metal").get_data(as_text=True)
    assert re.search(r'<a class="button button-primary[^"]*" href="/consortia/metal/rfq">'
                     r"Request a quote</a>", page)


def test_firm_names_show_escaped(client: FlaskClient, services: Services) -> None:
    formed = form_consortium(services.marketplace)
    services.marketplace.revise_company_profile(
        formed.companies[0], name="<script>alert('x')</script> Steel", employees=40,
        summary="<b>bold</b> claims", website='https://steel.example/"onmouseover="x')
    page = client.get("/consortia/metal").get_data(as_text=True)
    assert "<script>alert(" not in page and "<b>bold</b>" not in page
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; Steel" in page
    assert 'href="https://steel.example/&#34;onmouseover=&#34;x"' in page


def test_an_unknown_consortium_is_404(client: FlaskClient) -> None:
    response = client.get("/consortia/nowhere")
    assert response.status_code == 404
    assert "There is nothing at this address." in response.get_data(as_text=True)


def test_an_unpublished_suspended_or_dissolved_consortium_is_404(
        client: FlaskClient, services: Services) -> None:
    app = services.marketplace
    form_consortium(app, slug="draft", publish=False)
    app.suspend_consortium(form_consortium(app, slug="paused").consortium, "Audit.")
    app.dissolve_consortium(form_consortium(app, slug="closed").consortium, "Wound up.")
    for slug in ("draft", "paused", "closed"):
        assert client.get(f"/consortia/{slug}").status_code == 404, slug


def test_the_storefront_reads_the_same_on_sqlite_and_postgresql(store_url: str) -> None:
    services = bootstrap(store_url, clock=SteppingClock(START))
    try:
        formed = form_consortium(services.marketplace)
        awarded_bid(services.marketplace, formed, country="NO")
        client = create_app(services=services, config=TEST_CONFIG).test_client()
        catalog = client.get("/?stage=design&q=steel").get_data(as_text=True)
        assert "Metal Export Consortium" in catalog and "<li>Norway</li>" in catalog
        page = client.get("/consortia/metal").get_data(as_text=True)
        assert "Metal Firm 1" in _stages(page)["design"]
        assert re.search(r"<td>Norway</td>\s*<td>2025</td>", page)
    finally:
        services.close()
