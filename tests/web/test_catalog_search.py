"""The catalog's full-text search, in the database: a firm found by its name, a product, a
certificate and a country delivered to, in each language's spelling, on every page
language; and the catalog a page at a time."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

import pytest
from flask.testing import FlaskClient

from domain.values import Sector
from marketplace.application import Marketplace
from marketplace.bootstrap import Services, bootstrap
from marketplace.documents.blobs import BlobStore
from marketplace.ports import SteppingClock
from marketplace.storefront.finder import CatalogFilter
from marketplace.storefront.queries import published_catalog
from tests.story import ALL_STAGES, Formed, awarded_bid, form_consortium, rules

WIND = Sector("25.11", "Offshore wind structures")
FOOD = Sector("10", "Manufacture of food products")
LANGUAGES = ("en", "es", "fr", "de")
NORTE, HUERTA = "Cantábrico Eólico", "Huerta de Liébana"
SPLIT = [["design", "engineering"], ["manufacturing"], ["logistics", "installation"]]


@pytest.fixture
def services(store_url: str, clock: SteppingClock, blob_store: BlobStore) -> Iterator[Services]:
    """The app on SQLite and on PostgreSQL: each store has a full-text index of its own."""
    built = bootstrap(store_url, clock=clock, blobs=blob_store)
    yield built
    built.close()


def _names(page: str) -> list[str]:
    return re.findall(r'<h2 id="card-[^"]+"><a href="[^"]+">([^<]+)</a>', page)


def _consortium(app: Marketplace, slug: str, name: str, sector: Sector,
                firms: list[tuple[str, str, str]], summary: str) -> Formed:
    """A published consortium of three firms, each with its (name, product, certificate)."""
    formed = Formed(app.propose_consortium(slug=slug, name=name, agency="SODERCAN",
                                           region="ES-CB", sector=sector))
    for n, (firm, product, certificate) in enumerate(firms):
        company = app.register_company(tax_id=f"ESB{slug[:3].upper()}{n:05d}", name=firm,
                                       region="ES-CB", sector=sector, employees=30,
                                       summary="A family firm.")
        membership = app.identify_prospect(formed.consortium, company, "Exports already.")
        app.declare_capabilities(membership, stages=SPLIT[n], products=[product],
                                 certifications=[{"name": certificate,
                                                  "expires_on": date(2030, 1, 1)}],
                                 capacity="100 t a year")
        formed.companies.append(company)
        formed.memberships.append(membership)
    app.appoint_manager(formed.consortium, name="Ana Ruiz", email="ana.ruiz@example.com")
    app.adopt_rules(formed.consortium, rules())
    for membership in formed.memberships:
        app.join_consortium(membership, agreement="MA-2025-signed.pdf", tier="standard")
    app.establish_consortium(formed.consortium)
    app.publish_offer(formed.consortium, ALL_STAGES, summary)
    return formed


@pytest.fixture
def catalog(services: Services) -> Services:
    """Steel towers delivered to Germany, and canned fish typed in Spanish."""
    app = services.marketplace
    norte = _consortium(app, "norte", NORTE, WIND, [
        ("Talleres Núñez", "steel towers", "ISO 14001"),
        ("Calderería Ría", "mooring chains", "ISO 9001"),
        ("Logística Pas", "heavy transport", "ISO 9001")], "Towers and foundations.")
    awarded_bid(app, norte, country="DE")
    _consortium(app, "huerta", HUERTA, FOOD, [
        ("Conservas Peña", "conservas de pescado", "IFS Food"),
        ("Frutas Liébana", "fruta fresca", "IFS Food"),
        ("Frío Pas", "cold storage", "IFS Food")], "Food from the valleys.")
    return services


SEARCHES = {
    NORTE: [
        # the firm's name, in any case, with or without its accents
        "Talleres Núñez", "nunez", "NÚÑEZ",
        # its product, typed in English, in each language's spelling
        "steel", "acero", "acier", "Stahl", "Steel towers",
        # its certificate, by its code and by what it certifies in each language
        "ISO 14001", "environmental management", "gestión ambiental",
        "management environnemental", "Umweltmanagement",
        # the country it delivered to, in each language
        "Germany", "Alemania", "Allemagne", "Deutschland"],
    HUERTA: ["Conservas Peña", "pena", "pescado", "fish", "poisson", "Fisch", "IFS food"],
}


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_firm_is_found_by_name_product_certificate_and_country_in_every_spelling(
        client: FlaskClient, catalog: Services, language: str) -> None:
    for expected, searches in SEARCHES.items():
        for typed in searches:
            response = client.get("/", query_string={"q": typed},
                                  headers={"Accept-Language": language})
            assert response.status_code == 200
            assert _names(response.get_data(as_text=True)) == [expected], (typed, language)


def test_words_nowhere_in_the_catalog_find_nothing_and_the_box_keeps_them(
        client: FlaskClient, catalog: Services) -> None:
    page = client.get("/", query_string={"q": "Stahl Fisch"}).get_data(as_text=True)
    assert _names(page) == [] and "No consortium matches these filters." in page
    page = client.get("/", query_string={"q": "  Núñez  "}).get_data(as_text=True)
    assert 'value="Núñez"' in page and _names(page) == [NORTE]


@pytest.mark.parametrize("typed", ['"steel', 'steel*', 'NEAR(steel acero)', '-steel',
                                   "st(eel)", "steel OR fish", "'", ":*", "a & !b", "\\",
                                   "ünïcødé ✓ \u202e𝔘", "ISO-14001", "x" * 199])
def test_full_text_syntax_typed_in_the_box_is_only_words(
        client: FlaskClient, catalog: Services, typed: str) -> None:
    response = client.get("/", query_string={"q": typed})
    assert response.status_code == 200
    api = client.get("/api/v1/consortia", query_string={"q": typed})
    assert api.status_code == 200


def test_the_api_searches_and_pages_in_the_database(client: FlaskClient,
                                                    catalog: Services) -> None:
    found = client.get("/api/v1/consortia", query_string={"q": "Stahl"},
                       headers={"Accept-Language": "de"}).get_json()
    assert [c["slug"] for c in found["consortia"]] == ["norte"]
    first = client.get("/api/v1/consortia", query_string={"limit": 1}).get_json()
    assert [c["slug"] for c in first["consortia"]] == ["norte"]  # "cantábrico" < "huerta"
    second = client.get(first["next"]).get_json()
    assert [c["slug"] for c in second["consortia"]] == ["huerta"] and second["next"] is None


def test_the_catalog_is_shown_a_page_at_a_time(client: FlaskClient, services: Services) -> None:
    app = services.marketplace
    for n in range(14):
        form_consortium(app, slug=f"k{n:02d}")
    first = client.get("/").get_data(as_text=True)
    assert len(_names(first)) == 12 and "14 consortia" in first
    assert "Page 1 of 2" in first and 'rel="next" href="/?page=2"' in first
    second = client.get("/?page=2", headers={"HX-Request": "true"}).get_data(as_text=True)
    assert _names(second) == ["K12 Export Consortium", "K13 Export Consortium"]
    assert 'rel="prev" href="/"' in second and "<form" not in second
    narrowed = client.get("/?q=k1&page=9").get_data(as_text=True)  # past the end: the last
    assert "Page 1 of" not in narrowed and len(_names(narrowed)) == 4  # k10 to k13, one page
    beyond = client.get("/?page=9").get_data(as_text=True)
    assert _names(beyond) == _names(second) and "Page 2 of 2" in beyond
    page = published_catalog(services.engine, CatalogFilter(text="k0"), number=2, per_page=4)
    assert (page.total, page.pages, page.number) == (10, 3, 2)
    assert [card["slug"] for card in page.cards] == ["k04", "k05", "k06", "k07"]


def test_a_stop_word_of_the_page_language_narrows_nothing_on_postgresql(
        client: FlaskClient, catalog: Services) -> None:
    postgres = catalog.engine.dialect.name == "postgresql"
    for language, stop_word in {"en": "the", "es": "de", "fr": "le", "de": "der"}.items():
        alone = client.get("/", query_string={"q": stop_word},
                           headers={"Accept-Language": language})
        with_word = client.get("/", query_string={"q": f"{stop_word} acero"},
                               headers={"Accept-Language": language})
        assert alone.status_code == with_word.status_code == 200
        if postgres:  # SQLite has no stop words: each word must begin a word of the offer
            assert _names(alone.get_data(as_text=True)) == [NORTE, HUERTA]
            assert _names(with_word.get_data(as_text=True)) == [NORTE]
