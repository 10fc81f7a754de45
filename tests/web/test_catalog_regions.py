"""One installation, several agencies' regions: the catalog and the API narrowed to one
region (ISO 3166-2), with the other filters, the words typed and the pages; on both stores."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from flask.testing import FlaskClient

from domain.values import Sector
from marketplace.bootstrap import Services, bootstrap
from marketplace.documents.blobs import BlobStore
from marketplace.ports import SteppingClock
from marketplace.storefront.queries import published_regions
from tests.story import form_consortium

FOOD = Sector("10", "Manufacture of food products")
HTMX = {"HX-Request": "true"}
CANTABRIAN = ["Agri Export Consortium", "Metal Export Consortium"]


@pytest.fixture
def services(store_url: str, clock: SteppingClock, blob_store: BlobStore) -> Iterator[Services]:
    built = bootstrap(store_url, clock=clock, blobs=blob_store)
    yield built
    built.close()


@pytest.fixture
def catalog(services: Services) -> Services:
    """Two consortia in Cantabria, two in Asturias, and one in Galicia that has not
    published its offer yet."""
    app = services.marketplace
    form_consortium(app, slug="metal")
    form_consortium(app, slug="agri", sector=FOOD, offer=["design", "manufacturing"])
    form_consortium(app, slug="naval", region="ES-AS")
    form_consortium(app, slug="cider", region="ES-AS", sector=FOOD, offer=["manufacturing"])
    form_consortium(app, slug="draft", region="ES-GA", publish=False)
    return services


def _names(page: str) -> list[str]:
    return re.findall(r'<h2 id="card-[^"]+"><a href="[^"]+">([^<]+)</a>', page)


def _slugs(answer: dict) -> list[str]:
    return [consortium["slug"] for consortium in answer["consortia"]]


def test_the_regions_offered_are_those_with_a_published_consortium_by_name(
        client: FlaskClient, catalog: Services) -> None:
    assert published_regions(catalog.engine) == [("ES-AS", "Asturias, Principado de"),
                                                  ("ES-CB", "Cantabria")]
    page = client.get("/").get_data(as_text=True)
    select = page[page.index('<select id="filter-region"'):]
    select = select[:select.index("</select>")]
    assert re.findall(r'<option value="([^"]*)"\s*>([^<]+)</option>', select) == [
        ("", "All regions"), ("ES-AS", "Asturias, Principado de (ES-AS)"),
        ("ES-CB", "Cantabria (ES-CB)")]
    assert "ES-GA" not in select  # Galicia's consortium has published nothing yet


@pytest.mark.parametrize(("query", "expected"), [
    ("region=ES-CB", CANTABRIAN),
    ("region=ES-AS", ["Cider Export Consortium", "Naval Export Consortium"]),
    ("region=es-as", ["Cider Export Consortium", "Naval Export Consortium"]),
    ("region=ES-AS&sector=25", ["Naval Export Consortium"]),
    ("region=ES-CB&stage=installation", ["Metal Export Consortium"]),
    ("region=ES-AS&q=cider", ["Cider Export Consortium"]),
    ("region=ES-CB&q=steel", CANTABRIAN),
    ("region=ES-CB&q=naval", []),
    ("region=ES-GA", []),
    ("region=FR-IDF", []),
])
def test_a_region_narrows_the_catalog_and_combines_with_the_other_filters(
        client: FlaskClient, catalog: Services, query: str, expected: list[str]) -> None:
    response = client.get(f"/?{query}")
    assert response.status_code == 200
    assert _names(response.get_data(as_text=True)) == expected


def test_the_form_keeps_the_region_and_htmx_gets_the_list_alone(
        client: FlaskClient, catalog: Services) -> None:
    page = client.get("/?region=es-as&q=naval").get_data(as_text=True)
    assert re.search(r'<option value="ES-AS" selected>', page)
    assert "change from:(#filter-region)" in page and "Clear filters" in page
    fragment = client.get("/?region=ES-AS", headers=HTMX).get_data(as_text=True)
    assert _names(fragment) == ["Cider Export Consortium", "Naval Export Consortium"]
    assert "<form" not in fragment
    # A region of no published consortium is still shown as the one chosen.
    page = client.get("/?region=FR-IDF").get_data(as_text=True)
    assert re.search(r'<option value="FR-IDF" selected>Île-de-France \(FR-IDF\)</option>', page)
    assert "No consortium matches these filters." in page


def test_the_pages_of_a_region_keep_it_in_their_links(client: FlaskClient,
                                                      services: Services) -> None:
    app = services.marketplace
    for n in range(13):
        form_consortium(app, slug=f"a{n:02d}", region="ES-AS")
    form_consortium(app, slug="cantabrian")
    first = client.get("/?region=ES-AS").get_data(as_text=True)
    assert "13 consortia" in first and "Cantabrian Export Consortium" not in first
    assert 'href="/?region=ES-AS&amp;page=2"' in first
    assert 'hx-get="/?region=ES-AS&amp;page=2"' in first
    second = client.get("/?region=ES-AS&page=2", headers=HTMX).get_data(as_text=True)
    assert _names(second) == ["A12 Export Consortium"]
    assert 'rel="prev" href="/?region=ES-AS"' in second


def test_each_region_is_kept_as_a_page_of_its_own(client: FlaskClient,
                                                  catalog: Services) -> None:
    for _ in range(2):  # the second time round, both are kept pages
        cantabria, asturias = client.get("/?region=ES-CB"), client.get("/?region=ES-AS")
        assert _names(cantabria.get_data(as_text=True)) == CANTABRIAN
        assert "Metal Export Consortium" not in asturias.get_data(as_text=True)
        assert cantabria.headers["ETag"] != asturias.headers["ETag"]
    again = client.get("/?region=ES-CB", headers={"If-None-Match": cantabria.headers["ETag"]})
    assert again.status_code == 304


@pytest.mark.parametrize("typed", ["Cantabria", "ES-XX", "ES", "ES-CB-1", "'; DROP TABLE x",
                                   "ünïcødé ✓ \u202e𝔘", "a" * 3000])
def test_a_region_that_is_no_iso_code_answers_400_with_a_message_in_the_form(
        client: FlaskClient, catalog: Services, typed: str) -> None:
    response = client.get("/", query_string={"region": typed, "q": "steel"})
    page = response.get_data(as_text=True)
    assert response.status_code == 400 and _names(page) == []
    assert '<p class="field-error" id="filter-region-error">' in page
    assert "is not an ISO 3166-2 region code, such as ES-CB." in page
    assert 'aria-describedby="filter-region-error"' in page
    assert 'name="q" value="steel"' in page  # the rest of the form as typed
    fragment = client.get("/", query_string={"region": typed}, headers=HTMX)
    assert fragment.status_code == 400
    assert "Please correct the filters above" in fragment.get_data(as_text=True)


def test_the_region_message_is_translated(client: FlaskClient, catalog: Services) -> None:
    page = client.get("/?region=XX", headers={"Accept-Language": "es"}).get_data(as_text=True)
    assert "Todas las regiones" in page and "no es un código de región ISO 3166-2" in page


def test_the_api_filters_by_region_and_pages_within_it(client: FlaskClient,
                                                       catalog: Services) -> None:
    cantabria = client.get("/api/v1/consortia", query_string={"region": "ES-CB"})
    assert cantabria.status_code == 200 and _slugs(cantabria.get_json()) == ["agri", "metal"]
    assert {c["region"] for c in cantabria.get_json()["consortia"]} == {"ES-CB"}
    found = client.get("/api/v1/consortia",
                       query_string={"region": "es-as", "q": "steel", "sector": "25"})
    assert _slugs(found.get_json()) == ["naval"]
    first = client.get("/api/v1/consortia", query_string={"region": "ES-AS", "limit": 1})
    assert _slugs(first.get_json()) == ["cider"]
    assert "region=ES-AS" in first.get_json()["next"]
    second = client.get(first.get_json()["next"]).get_json()
    assert _slugs(second) == ["naval"] and second["next"] is None
    empty = client.get("/api/v1/consortia", query_string={"region": "FR-IDF"})
    assert empty.status_code == 200 and empty.get_json() == {"consortia": [], "next": None}


@pytest.mark.parametrize("typed", ["Cantabria", "ES-XX", "ES", "x" * 50, "ünïcødé ✓"])
def test_the_api_refuses_a_region_that_is_no_iso_code(client: FlaskClient, catalog: Services,
                                                      typed: str) -> None:
    refused = client.get("/api/v1/consortia", query_string={"region": typed})
    assert refused.status_code == 400
    assert refused.mimetype == "application/problem+json"
    assert "is not an ISO 3166-2 region code" in refused.get_json()["detail"]


def test_the_api_documents_the_region_filter(client: FlaskClient) -> None:
    document = client.get("/api/v1/openapi.json").get_json()
    parameters = document["paths"]["/consortia"]["get"]["parameters"]
    region = next(p for p in parameters if p["name"] == "region")
    assert region["in"] == "query" and region["example"] == "ES-CB"
