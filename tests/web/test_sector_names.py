"""Sector names (NACE Rev. 2) read in the page's language: the officer's own words in
English, the NACE title of the class or division in Spanish, French and German."""

from __future__ import annotations

import html

import pytest
from flask import Flask
from flask.testing import FlaskClient

from domain.values import Sector
from marketplace.bootstrap import Services
from tests.story import form_consortium
from web.sectors import NACE_TITLES, sector_name

TURBINES = Sector("28.11", "Engines and turbines")


def _page(client: FlaskClient, language: str, path: str = "/") -> str:
    return html.unescape(client.get(path, headers={"Accept-Language": language})
                         .get_data(as_text=True))


@pytest.mark.parametrize(("language", "shown"), [
    ("en", "Fabricated metal products (NACE 25)"),
    ("es", "Fabricación de productos metálicos, excepto maquinaria y equipo (NACE 25)"),
    ("fr", "Fabrication de produits métalliques, à l'exception des machines et des "
           "équipements (NACE 25)"),
    ("de", "Herstellung von Metallerzeugnissen (NACE 25)"),
])
def test_the_catalog_and_the_consortium_page_name_the_sector_in_the_page_s_language(
        client: FlaskClient, services: Services, language: str, shown: str) -> None:
    form_consortium(services.marketplace)
    assert shown in _page(client, language)
    assert shown in _page(client, language, "/consortia/metal")


def test_the_sector_filter_names_its_choices_in_the_page_s_language(
        client: FlaskClient, services: Services) -> None:
    form_consortium(services.marketplace, slug="energy", sector=TURBINES)
    page = _page(client, "de")
    assert "Herstellung von Verbrennungsmotoren und Turbinen" in page
    assert "Engines and turbines" not in page
    assert "Engines and turbines" in _page(client, "en")


def test_a_class_without_its_own_title_is_named_by_its_division(web_app: Flask) -> None:
    with web_app.test_request_context(headers={"Accept-Language": "es"}):
        assert sector_name("25.99", "Other metal goods") == \
            "Fabricación de productos metálicos, excepto maquinaria y equipo"
        assert sector_name("25", "Metal") == \
            "Fabricación de productos metálicos, excepto maquinaria y equipo"
    with web_app.test_request_context(headers={"Accept-Language": "en"}):
        assert sector_name("25.99", "Other metal goods") == "Other metal goods"


def test_every_nace_division_has_a_title() -> None:
    from domain.values import _NACE_DIVISIONS
    assert set(_NACE_DIVISIONS) <= set(NACE_TITLES)
