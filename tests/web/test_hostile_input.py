"""Hostile input through the form and the API: always a 4xx with a message, never a 5xx,
nothing stored (no event, no vault row), and whatever was typed shown escaped.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any
from urllib.parse import urlencode

import pytest
from flask.testing import FlaskClient
from sqlalchemy import func, select

from marketplace.bootstrap import Services
from marketplace.vault import personal_data
from tests.story import form_consortium
from tests.web.rfq_helpers import log_position, typed_form

SCRIPT = "<script>alert('owned')</script>"
SQL = "x'); DROP TABLE rm_bids; --"
HUGE = "A" * 100_000
# Fields the buyer types into; the others are lists to choose from, shown with no echo.
TYPED = {"organisation", "contact_name", "email", "specification", "quantity", "unit",
         "named_place"}


def _yesterday(services: Services) -> str:
    return (services.marketplace.clock.now().date() - timedelta(days=1)).isoformat()


# field -> value; each is wrong for the field it is put in, however it is sent.
HOSTILE: dict[str, tuple[str, Any]] = {
    "script tags in the e-mail": ("email", f"lucia{SCRIPT}@example.mx"),
    "script tags in the quantity": ("quantity", SCRIPT),
    "script tags in the country": ("country", SCRIPT),
    "SQL in the country": ("country", SQL),
    "SQL in the currency": ("currency", SQL),
    "SQL in the quantity": ("quantity", "1; DELETE FROM personal_data"),
    "SQL in the stages": ("stages", [SQL]),
    "100 kB organisation": ("organisation", HUGE),
    "100 kB specification": ("specification", HUGE),
    "100 kB named place": ("named_place", HUGE),
    "NUL in the contact name": ("contact_name", "Lucía\x00Hernández"),
    "unknown country": ("country", "ZZ"),
    "currency that does not exist": ("currency", "XYZ"),
    "Incoterm that does not exist": ("incoterm", "FOO"),
    "Incoterm of 2010": ("incoterm", "DAT"),
    "deadline in the past": ("quote_needed_by", None),  # yesterday, filled in below
}


@pytest.fixture
def metal(services: Services) -> None:
    form_consortium(services.marketplace, slug="metal")


def _stored(services: Services) -> tuple[int, int]:
    with services.engine.connect() as conn:
        people = conn.execute(select(func.count()).select_from(personal_data)).scalar_one()
    return log_position(services), people


def _case(services: Services, name: str) -> tuple[str, Any]:
    field, value = HOSTILE[name]
    return field, _yesterday(services) if value is None else value


@pytest.mark.usefixtures("metal")
@pytest.mark.parametrize("name", HOSTILE)
def test_the_form_refuses_hostile_input_and_shows_it_escaped(client: FlaskClient,
                                                             services: Services,
                                                             name: str) -> None:
    field, value = _case(services, name)
    before = _stored(services)
    response = client.post("/consortia/metal/rfq", data=typed_form(services, **{field: value}))
    page = response.get_data(as_text=True)
    assert 400 <= response.status_code < 500, page[:300]
    if isinstance(value, str) and "\x00" in value:
        # PostgreSQL cannot even compare a NUL: every form refuses it whole, before any
        # view looks anything up with it (web/security.py).
        assert response.status_code == 400 and "NUL character" in page
    else:
        assert field in page and "field-error" in page
    assert _stored(services) == before
    assert "<script>alert" not in page  # what was typed comes back as text, not markup
    if isinstance(value, str) and SCRIPT in value and field in TYPED:
        assert "&lt;script&gt;alert(" in page  # kept in the field, for the buyer to fix


@pytest.mark.usefixtures("metal")
@pytest.mark.parametrize("name", HOSTILE)
def test_the_api_refuses_hostile_input(client: FlaskClient, services: Services,
                                       name: str) -> None:
    field, value = _case(services, name)
    body = {**typed_form(services), "consortium": "metal", field: value}
    body.pop("website")  # the form's honeypot is no field of the API
    before = _stored(services)
    response = client.post("/api/v1/rfqs", json=body)
    assert response.status_code == 422, response.get_data(as_text=True)[:300]
    assert field in response.get_json()["errors"]
    assert _stored(services) == before


@pytest.mark.usefixtures("metal")
def test_invalid_utf8_is_refused_by_form_and_api(client: FlaskClient,
                                                 services: Services) -> None:
    before = _stored(services)
    form = urlencode(typed_form(services), doseq=True).replace(
        "organisation=Astillero", "organisation=%FF%FEAstillero")
    by_form = client.post("/consortia/metal/rfq", data=form,
                          content_type="application/x-www-form-urlencoded")
    assert by_form.status_code == 422
    api_body = b'{"consortium": "metal", "organisation": "\xff\xfe"}'
    by_api = client.post("/api/v1/rfqs", data=api_body, content_type="application/json")
    assert by_api.status_code == 400 and "UTF-8" in by_api.get_json()["error"]
    assert _stored(services) == before


@pytest.mark.usefixtures("metal")
def test_a_body_beyond_the_size_limit_is_413_not_a_crash(client: FlaskClient,
                                                         services: Services) -> None:
    before = _stored(services)
    huge = typed_form(services, specification="B" * 1_000_000)
    assert client.post("/consortia/metal/rfq", data=huge).status_code == 413
    assert client.post("/api/v1/rfqs", json={**huge, "consortium": "metal"}).status_code == 413
    assert _stored(services) == before


@pytest.mark.usefixtures("metal")
def test_markup_a_buyer_may_type_is_stored_as_text_and_rendered_escaped(
    client: FlaskClient, services: Services
) -> None:
    # An organisation or a specification may hold "<" and quotes; they are text, never HTML.
    body = {**typed_form(services), "consortium": "metal", "organisation": f"Agua {SCRIPT}",
            "specification": f"Pressure < 10 bar; {SQL}"}
    body.pop("website")  # the form's honeypot is no field of the API
    sent = client.post("/api/v1/rfqs", json=body)
    assert sent.status_code == 201
    page = client.get(f"/rfq/{sent.get_json()['token']}").get_data(as_text=True)
    assert SCRIPT not in page and "Agua &lt;script&gt;alert(" in page
    assert "Pressure &lt; 10 bar; x&#39;); DROP TABLE rm_bids; --" in page
    assert client.get("/api/v1/consortia").status_code == 200  # the table is still there
