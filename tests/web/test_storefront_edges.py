"""The storefront's rough edges, smoothed: the icon, firms' own words, the specification's
counter and limit, the catalog's htmx triggers and the switcher that keeps the filters."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient

from marketplace.bootstrap import Services
from tests.story import form_consortium
from tests.web.rfq_helpers import log_position, typed_form

FORM = "/consortia/metal/rfq"
ICO = b"\x00\x00\x01\x00"  # an icon file's first bytes


def test_the_favicon_answers_where_browsers_look_and_is_kept_a_week(
        client: FlaskClient) -> None:
    response = client.get("/favicon.ico")
    assert response.status_code == 200
    assert response.mimetype == "image/vnd.microsoft.icon"
    assert response.data.startswith(ICO)
    assert response.cache_control.public and response.cache_control.max_age == 7 * 24 * 3600
    page = client.get("/").get_data(as_text=True)
    assert '<link rel="icon" href="/favicon.ico">' in page


def test_a_firm_s_summary_and_products_keep_the_case_it_typed(
        client: FlaskClient, services: Services) -> None:
    formed = form_consortium(services.marketplace)
    services.marketplace.revise_company_profile(
        formed.companies[0], name="Mecanizados del Pas S.L.", employees=40,
        summary="CNC machining and 3D modelling, from Renedo.", website="")
    page = client.get("/consortia/metal").get_data(as_text=True)
    assert "CNC machining and 3D modelling, from Renedo." in page
    assert "Cnc" not in page and "3d" not in page


@pytest.fixture
def demo_client(demo_app: Flask) -> FlaskClient:
    return demo_app.test_client()


def test_the_demo_firms_read_as_they_were_written(demo_client: FlaskClient) -> None:
    metal = demo_client.get("/consortia/cantabria-metal").get_data(as_text=True)
    assert "CNC machined parts, from Renedo de Piélagos." in metal
    assert "Cnc" not in metal
    pages = "".join(demo_client.get(f"/consortia/{slug}").get_data(as_text=True)
                    for slug in ("cantabria-metal", "cantabria-marine-energy"))
    assert "3D modelling" in pages and "3d modelling" not in pages


@pytest.mark.parametrize("slug", ["cantabria-metal", "cantabria-agrifood",
                                  "cantabria-marine-energy"])
def test_each_demo_firm_is_described_once_and_its_staff_not_twice(
        demo_client: FlaskClient, slug: str) -> None:
    page = demo_client.get(f"/consortia/{slug}").get_data(as_text=True)
    names = re.findall(r'<article class="firm" [^>]*>\s*<h3 [^>]*>([^<]+)</h3>', page)
    assert names and len(names) == len(set(names))
    assert " staff" not in page  # the capacity no longer repeats the staff count


def test_the_specification_shows_a_counter_and_its_limit_and_no_maxlength(
        client: FlaskClient, services: Services) -> None:
    form_consortium(services.marketplace)
    page = client.get(FORM).get_data(as_text=True)
    textarea = re.search(r"<textarea id=\"rfq-specification\"[^>]*>", page)
    assert textarea is not None
    assert "maxlength" not in textarea.group(0)  # the browser would cut a paste silently
    assert 'data-limit="10000" data-counter="specification-count"' in textarea.group(0)
    assert re.search(r'<p id="specification-count" class="char-count"\s+'
                     r'data-within="\{count\} of 10,000 characters"\s+'
                     r'data-over="\{count\} of 10,000 characters: \{over\} too many">'
                     r"0 of 10,000 characters</p>", page)
    assert "materials and standards; up to 10,000 characters." in page


def test_a_specification_over_the_limit_is_refused_in_the_buyer_s_language_as_typed(
        client: FlaskClient, services: Services) -> None:
    form_consortium(services.marketplace)
    client.get("/language/es")
    before = log_position(services)
    typed = "Bloques de casco. " + "x" * 10_000
    response = client.post(FORM, data=typed_form(services, specification=typed))
    page = response.get_data(as_text=True)
    assert response.status_code == 422 and log_position(services) == before
    assert "Use como máximo 10.000 caracteres (este texto tiene 10.018)." in page
    assert f">{typed}</textarea>" in page  # every character kept, none cut
    assert '<p id="specification-count" class="char-count is-over"' in page
    assert "10.018 de 10.000 caracteres: 18 de más" in page


def test_the_catalog_s_htmx_triggers_parse_in_htmx_2(client: FlaskClient,
                                                     services: Services) -> None:
    form_consortium(services.marketplace)
    page = client.get("/").get_data(as_text=True)
    trigger = re.search(r'hx-trigger="([^"]+)"', page)
    assert trigger is not None
    # htmx 2 reads a `from:` selector up to the first space unless it is in parentheses.
    selectors = re.findall(r"from:(\S+(?: \S+)*?)(?:,|$)", trigger.group(1))
    assert selectors and all(s.startswith("(") and s.endswith(")") for s in selectors)


def test_the_language_links_carry_the_page_and_follow_htmx_s_address(
        client: FlaskClient, services: Services) -> None:
    form_consortium(services.marketplace)
    page = client.get("/?stage=design&q=steel").get_data(as_text=True)
    assert ('href="/language/es?next=/?stage%3Ddesign%26q%3Dsteel"\n'
            '                 data-keeps-place') in page
    script = (Path(__file__).resolve().parents[2] / "web/static/js/app.js").read_text()
    assert "a[data-keeps-place]" in script and "htmx:pushedIntoHistory" in script
