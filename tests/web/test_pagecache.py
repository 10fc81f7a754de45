"""Kept pages: served again only while the read models stand still, per language and kind."""

from __future__ import annotations

from flask import Flask
from flask.testing import FlaskClient

from marketplace.bootstrap import Services
from tests.story import form_consortium
from tests.web.conftest import TEST_CONFIG
from web import create_app


def test_a_kept_catalog_shows_a_newly_published_consortium(client: FlaskClient,
                                                           services: Services) -> None:
    form_consortium(services.marketplace, slug="metal")
    assert "Agri Export Consortium" not in client.get("/").get_data(as_text=True)
    form_consortium(services.marketplace, slug="agri")
    assert "Agri Export Consortium" in client.get("/").get_data(as_text=True)


def test_each_language_and_each_kind_of_answer_is_kept_apart(client: FlaskClient,
                                                             services: Services) -> None:
    form_consortium(services.marketplace, slug="metal")
    english = client.get("/", headers={"Accept-Language": "en"}).get_data(as_text=True)
    german = client.get("/", headers={"Accept-Language": "de"}).get_data(as_text=True)
    fragment = client.get("/", headers={"HX-Request": "true"}).get_data(as_text=True)
    page = client.get("/").get_data(as_text=True)
    assert '<html lang="en">' in english and '<html lang="de">' in german
    assert "<html" not in fragment and page == english


def test_a_kept_page_is_the_page_rendered_afresh(web_app: Flask, services: Services) -> None:
    form_consortium(services.marketplace, slug="metal")
    fresh = create_app(services=services, config={**TEST_CONFIG, "PAGE_CACHE_SIZE": 0})
    for path in ("/", "/?stage=installation", "/consortia/metal", "/consortia/nowhere"):
        kept_client, fresh_client = web_app.test_client(), fresh.test_client()
        kept_client.get(path)
        kept, rendered = kept_client.get(path), fresh_client.get(path)
        assert (kept.status_code, kept.get_data()) == (rendered.status_code,
                                                       rendered.get_data()), path


def test_read_only_pages_carry_no_session_and_forms_carry_their_token(
    client: FlaskClient, services: Services
) -> None:
    form_consortium(services.marketplace, slug="metal")
    for path in ("/", "/consortia/metal"):
        response = client.get(path)
        assert "Set-Cookie" not in response.headers, path
        assert "X-CSRFToken" not in response.get_data(as_text=True), path
    assert "X-CSRFToken" in client.get("/consortia/metal/rfq").get_data(as_text=True)
