"""A control character in a typed field is refused with a 4xx and stores nothing, on both
stores (found by the form fuzz on PostgreSQL: a NUL stored the event, then the read model
refused it, and the officer got a 500)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from flask.testing import FlaskClient

from marketplace.bootstrap import Services, bootstrap
from marketplace.ports import SteppingClock
from tests.web.conftest import TEST_CONFIG
from tests.web.signin import sign_in
from web import create_app

PROPOSAL = {"slug": "nul-metal", "name": "Metal Export Consortium", "agency": "SODERCAN",
            "region": "ES-CB", "sector_nace": "25", "sector_name": "Metal products",
            "programme_cap": "700000"}


@pytest.fixture
def store(store_url: str, clock: SteppingClock) -> Iterator[Services]:
    built = bootstrap(store_url, clock=clock)
    yield built
    built.close()


@pytest.fixture
def officer(store: Services) -> FlaskClient:
    client = create_app(services=store, config=TEST_CONFIG).test_client()
    sign_in(client, store, "officer")
    return client


def _events(store: Services) -> int:
    return len(list(store.marketplace.recorder.select_notifications(start=1, limit=10_000)))


@pytest.mark.parametrize(("field", "control"),
                         [("name", "\x01"), ("agency", "\x1b"), ("sector_name", "\x07")])
def test_a_control_character_is_refused_and_nothing_is_stored(
        store: Services, officer: FlaskClient, field: str, control: str) -> None:
    before = _events(store)
    typed = {**PROPOSAL, field: f"Metal{control}Export"}
    response = officer.post("/workspace/agency/", data=typed)
    assert response.status_code == 422, response.status
    assert "control characters" in response.get_data(as_text=True)
    assert _events(store) == before


@pytest.mark.parametrize("field", ["name", "sector_name", "region", "slug"])
def test_a_nul_in_any_form_field_is_refused_whole(
        store: Services, officer: FlaskClient, field: str) -> None:
    before = _events(store)
    response = officer.post("/workspace/agency/", data={**PROPOSAL, field: "Metal\x00"})
    assert response.status_code == 400, response.status
    assert "NUL character" in response.get_data(as_text=True)
    assert _events(store) == before


@pytest.mark.parametrize("url", ["/consortia/%00", "/?q=%00", "/consortia/metal/rfq%00",
                                 "/api/v1/rfqs/%00"])
def test_a_nul_in_the_address_is_refused(officer: FlaskClient, url: str) -> None:
    assert officer.get(url).status_code == 400


def test_a_nul_consortium_in_the_api_is_a_field_error(officer: FlaskClient) -> None:
    response = officer.post("/api/v1/rfqs", json={"consortium": "metal\x00"})
    assert response.status_code == 422, response.status
    assert "consortium" in response.get_json()["errors"]


def test_the_same_proposal_without_it_is_stored(store: Services, officer: FlaskClient) -> None:
    before = _events(store)
    response = officer.post("/workspace/agency/", data=PROPOSAL)
    assert response.status_code < 400, response.status
    assert _events(store) > before
