"""The consortium's offer text in each of the site's languages: entered on the agency's
formation page, shown on the storefront in the page's language, else the original with a
note. A translation of an earlier original is not shown as if it said the new one."""

from __future__ import annotations

import pytest
from flask.testing import FlaskClient

from domain.errors import InvalidValueError, OfferNotPublishedError
from marketplace.bootstrap import Services
from marketplace.storefront.queries import offer_texts
from tests.story import form_consortium
from tests.web.agency_helpers import BASE, events, formation, page_text, post
from tests.web.signin import sign_in

pytest_plugins = ("tests.web.agency_fixtures",)

ORIGINAL = "Design to installation of steel structures."
SPANISH = "Del diseño a la instalación de estructuras de acero."
NOTE = {"en": "Shown in the original language", "es": "Se muestra en el idioma original",
        "fr": "Affiché dans la langue d’origine", "de": "In der Originalsprache angezeigt"}


def _page(client: FlaskClient, language: str, path: str = "/consortia/metal") -> str:
    return page_text(client.get(path, headers={"Accept-Language": language}))


def test_a_translation_is_recorded_as_its_own_event_and_can_be_withdrawn(
        services: Services) -> None:
    app = services.marketplace
    formed = form_consortium(app)
    version = app.get_consortium(formed.consortium).version
    app.translate_offer(formed.consortium, {"es": SPANISH, "fr": ""})
    assert offer_texts(services.engine, str(formed.consortium)) == {"es": SPANISH}
    assert app.get_consortium(formed.consortium).version == version + 1  # es only
    app.translate_offer(formed.consortium, {"es": SPANISH})  # the same: nothing recorded
    assert app.get_consortium(formed.consortium).version == version + 1
    app.translate_offer(formed.consortium, {"es": "  "})
    assert offer_texts(services.engine, str(formed.consortium)) == {}


def test_only_a_published_offer_in_a_site_language_is_translated(services: Services) -> None:
    app = services.marketplace
    unpublished = form_consortium(app, slug="draft", publish=False)
    with pytest.raises(OfferNotPublishedError):
        app.translate_offer(unpublished.consortium, {"es": SPANISH})
    formed = form_consortium(app)
    with pytest.raises(InvalidValueError, match="is not a language of this site"):
        app.translate_offer(formed.consortium, {"it": "Dalla progettazione..."})
    with pytest.raises(InvalidValueError):
        app.translate_offer(formed.consortium, {"es": SPANISH, "fr": "x" * 4001})
    assert offer_texts(services.engine, str(formed.consortium)) == {}  # all or nothing


def test_the_storefront_shows_the_page_s_language_else_the_original_with_a_note(
        client: FlaskClient, services: Services) -> None:
    formed = form_consortium(services.marketplace)
    services.marketplace.translate_offer(formed.consortium, {"es": SPANISH})
    spanish = _page(client, "es")
    assert SPANISH in spanish and ORIGINAL not in spanish and NOTE["es"] not in spanish
    french = _page(client, "fr")
    assert ORIGINAL in french and NOTE["fr"] in french
    english = _page(client, "en")
    assert ORIGINAL in english and NOTE["en"] not in english  # the original is English
    catalog = _page(client, "es", "/")
    assert SPANISH in catalog and ORIGINAL not in catalog
    assert ORIGINAL in _page(client, "de", "/") and NOTE["de"] in _page(client, "de", "/")


def test_a_translation_of_an_earlier_original_falls_back_to_the_new_original(
        client: FlaskClient, services: Services) -> None:
    app = services.marketplace
    formed = form_consortium(app)
    app.translate_offer(formed.consortium, {"es": SPANISH})
    app.publish_offer(formed.consortium, ["design", "engineering"], "Design only, now.")
    spanish = _page(client, "es")
    assert "Design only, now." in spanish and SPANISH not in spanish
    assert NOTE["es"] in spanish


def test_the_officer_enters_the_texts_on_the_formation_page(
        officer: FlaskClient, services: Services) -> None:
    form_consortium(services.marketplace)
    page = page_text(officer.get(f"{BASE}/metal"))
    assert 'name="summary_es"' in page and 'name="summary_de"' in page
    response = post(officer, services, "metal", "/offer/texts",
                    {"summary_es": SPANISH, "summary_fr": "", "summary_de": ""})
    assert response.status_code == 303
    assert offer_texts(services.engine, formation(services, "metal")["consortium_id"]) == {
        "es": SPANISH}
    again = page_text(officer.get(f"{BASE}/metal"))
    assert SPANISH in again


def test_a_refused_text_comes_back_as_typed_and_stores_nothing(
        officer: FlaskClient, services: Services) -> None:
    form_consortium(services.marketplace)
    before = events(services)
    too_long = "Largo " * 700
    response = post(officer, services, "metal", "/offer/texts",
                    {"summary_es": SPANISH, "summary_fr": too_long, "summary_de": ""})
    assert response.status_code == 422
    page = page_text(response)
    assert "longer than 4,000 characters" in page or "longer than 4000 characters" in page
    assert SPANISH in page and too_long.strip() in page
    assert events(services) == before


def test_the_manager_keeps_the_texts_on_the_desk(client: FlaskClient,
                                                 services: Services) -> None:
    formed = form_consortium(services.marketplace)
    sign_in(client, services, "manager", str(formed.consortium))
    home = page_text(client.get("/workspace/"))
    assert f"/workspace/desk/consortia/{formed.consortium}/offer" in home
    page = page_text(client.get(f"/workspace/desk/consortia/{formed.consortium}/offer"))
    assert ORIGINAL in page and 'name="summary_fr"' in page
    version = services.marketplace.get_consortium(formed.consortium).version
    response = client.post(f"/workspace/desk/consortia/{formed.consortium}/offer",
                           data={"version": version, "summary_de": "Vom Entwurf bis zur Montage.",
                                 "summary_es": ""})
    assert response.status_code == 303
    assert offer_texts(services.engine, str(formed.consortium)) == {
        "de": "Vom Entwurf bis zur Montage."}
    stale = client.post(f"/workspace/desk/consortia/{formed.consortium}/offer",
                        data={"version": version, "summary_de": "Anders."})
    assert stale.status_code == 409 and "Anders." in page_text(stale)


def test_another_consortium_s_manager_is_refused(client: FlaskClient,
                                                 services: Services) -> None:
    formed = form_consortium(services.marketplace)
    other = form_consortium(services.marketplace, slug="wood")
    sign_in(client, services, "manager", str(other.consortium))
    version = services.marketplace.get_consortium(formed.consortium).version
    response = client.post(f"/workspace/desk/consortia/{formed.consortium}/offer",
                           data={"version": version, "summary_de": "Nein."})
    assert response.status_code == 403
    assert offer_texts(services.engine, str(formed.consortium)) == {}


def test_the_api_gives_the_published_text_and_its_translations(client: FlaskClient,
                                                               services: Services) -> None:
    formed = form_consortium(services.marketplace)
    services.marketplace.translate_offer(formed.consortium, {"es": SPANISH})
    [listed] = client.get("/api/v1/consortia").get_json()["consortia"]
    assert (listed["summary"], listed["summaries"]) == (ORIGINAL, {"es": SPANISH})
