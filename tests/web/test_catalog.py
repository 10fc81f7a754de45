"""The catalog at `/`: published offers only, filters in the URL, and an htmx fragment."""

from __future__ import annotations

import re

import pytest
from flask.testing import FlaskClient

from domain.values import Sector
from marketplace.bootstrap import Services
from tests.story import awarded_bid, form_consortium

FOOD = Sector("10", "Manufacture of food products")
HTMX = {"HX-Request": "true"}


def _names(page: str) -> list[str]:
    """The consortia listed, in order, by their card titles."""
    return re.findall(r'<h2 id="card-[^"]+"><a href="[^"]+">([^<]+)</a>', page)


@pytest.fixture
def catalog(services: Services) -> Services:
    """Metal covers every stage but maintenance; agri-food is in another sector and stops at
    logistics; a suspended and an unpublished consortium stay off the catalog."""
    app = services.marketplace
    form_consortium(app, slug="metal")
    form_consortium(app, slug="agri", sector=FOOD, offer=["design", "manufacturing", "logistics"])
    suspended = form_consortium(app, slug="paused")
    app.suspend_consortium(suspended.consortium, "Manager on leave.")
    form_consortium(app, slug="draft", publish=False)
    return services


def test_the_catalog_lists_every_published_consortium_with_its_facts(
        client: FlaskClient, catalog: Services) -> None:
    response = client.get("/")
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert _names(page) == ["Agri Export Consortium", "Metal Export Consortium"]
    assert "2 consortia" in page
    assert "Fabricated metal products (NACE 25) · Cantabria" in page
    assert "quotes within 5 working days" in page
    assert "ISO 9001 <span class=\"muted\">(3 firms)</span>" in page
    assert 'href="/consortia/metal"' in page


def test_the_stage_strip_names_every_stage_and_says_which_are_offered(
        client: FlaskClient, catalog: Services) -> None:
    page = client.get("/?q=agri").get_data(as_text=True)
    strip = page[page.index('<ol class="stage-strip"'):]
    strip = strip[:strip.index("</ol>")]
    items = re.findall(r'<li class="([^"]+)">.*?</li>', strip, flags=re.S)
    assert items == ["stage is-covered", "stage", "stage is-covered", "stage is-covered",
                     "stage", "stage"]
    # In words too, for those who cannot tell the colours apart.
    assert strip.count(": offered") == 3 and strip.count(": not offered") == 3
    assert "Logistics and shipping" in strip


def test_countries_delivered_to_are_named(client: FlaskClient, services: Services) -> None:
    formed = form_consortium(services.marketplace)
    awarded_bid(services.marketplace, formed, country="NO")
    page = client.get("/").get_data(as_text=True)
    assert "<li>Norway</li>" in page


@pytest.mark.parametrize(("query", "expected"), [
    ("sector=25", ["Metal Export Consortium"]),
    ("sector=10", ["Agri Export Consortium"]),
    ("sector=25.11", []),
    ("stage=installation", ["Metal Export Consortium"]),
    ("stage=design&stage=logistics", ["Agri Export Consortium", "Metal Export Consortium"]),
    ("stage=logistics&stage=engineering", ["Metal Export Consortium"]),
    ("q=metal", ["Metal Export Consortium"]),
    ("q=FOOD", ["Agri Export Consortium"]),
    ("q=cantabria", ["Agri Export Consortium", "Metal Export Consortium"]),
    ("q=ES-CB+steel", ["Agri Export Consortium", "Metal Export Consortium"]),
    ("sector=25&stage=installation&q=steel", ["Metal Export Consortium"]),
    ("sector=10&stage=installation", []),
])
def test_filters_narrow_the_list(client: FlaskClient, catalog: Services, query: str,
                                 expected: list[str]) -> None:
    response = client.get(f"/?{query}")
    assert response.status_code == 200
    assert _names(response.get_data(as_text=True)) == expected


def test_an_empty_result_says_so(client: FlaskClient, catalog: Services) -> None:
    page = client.get("/?q=submarine").get_data(as_text=True)
    assert "No consortium matches these filters." in page
    assert "No consortium has published its offer yet." not in page
    assert _names(page) == []


def test_the_form_keeps_the_filters_of_the_url(client: FlaskClient, catalog: Services) -> None:
    page = client.get("/?sector=10&stage=logistics&q=agri").get_data(as_text=True)
    assert '<form class="filters" method="get" action="/"' in page
    assert re.search(r'<option value="10" selected>', page)
    assert re.search(r'value="logistics"\s+checked', page)
    assert not re.search(r'value="design"\s+checked', page)
    assert 'name="q" value="agri"' in page
    assert "Clear filters" in page


@pytest.mark.parametrize(("query", "message"), [
    ("stage=welding", "“welding” is not a value-chain stage"),
    ("stage=design&stage=welding", "“welding” is not a value-chain stage"),
    ("sector=steel", "“steel” is not a NACE Rev. 2 sector code"),
    ("sector=00", "“00” is not a NACE Rev. 2 sector code"),
    ("q=" + "x" * 201, "Search for at most 200 characters."),
])
def test_a_filter_that_makes_no_sense_answers_400_with_a_message(
        client: FlaskClient, catalog: Services, query: str, message: str) -> None:
    response = client.get(f"/?{query}")
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert '<p class="field-error"' in page and message in page
    assert 'aria-invalid="true"' in page
    assert _names(page) == []


def test_htmx_gets_only_the_results(client: FlaskClient, catalog: Services) -> None:
    response = client.get("/?stage=installation", headers=HTMX)
    fragment = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "HX-Request" in response.headers["Vary"]
    assert _names(fragment) == ["Metal Export Consortium"]
    assert "1 consortium" in fragment
    assert "<html" not in fragment and "<form" not in fragment and "<h1" not in fragment


def test_a_bad_filter_from_htmx_is_400_too(client: FlaskClient, catalog: Services) -> None:
    response = client.get("/?stage=welding", headers=HTMX)
    assert response.status_code == 400
    assert "<html" not in response.get_data(as_text=True)


def test_htmx_restoring_history_gets_the_whole_page(client: FlaskClient,
                                                    catalog: Services) -> None:
    headers = {**HTMX, "HX-History-Restore-Request": "true"}
    page = client.get("/?stage=installation", headers=headers).get_data(as_text=True)
    assert "<html" in page and '<div id="results"' in page


def test_the_page_wires_htmx_to_the_same_url(client: FlaskClient, catalog: Services) -> None:
    page = client.get("/").get_data(as_text=True)
    assert 'hx-get="/"' in page and 'hx-target="#results"' in page
    assert 'hx-push-url="true"' in page
    assert "input changed delay:300ms" in page and "search from:(#filter-q)" in page
    assert '<div id="results"' in page
    assert "HX-Request" in client.get("/").headers["Vary"]


def test_what_a_buyer_types_is_shown_escaped(client: FlaskClient, catalog: Services) -> None:
    page = client.get("/", query_string={"q": '"><script>alert(1)</script>'}).get_data(
        as_text=True)
    assert "<script>alert(1)</script>" not in page
    assert "&#34;&gt;&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_the_catalog_speaks_the_buyers_language(client: FlaskClient, services: Services) -> None:
    formed = form_consortium(services.marketplace)
    awarded_bid(services.marketplace, formed, country="MX")
    page = client.get("/", headers={"Accept-Language": "es"}).get_data(as_text=True)
    assert '<html lang="es">' in page
    assert "México" in page
