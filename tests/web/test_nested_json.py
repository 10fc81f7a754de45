"""Deeply nested JSON gets a 400 from the API, before any parser recurses, on both stores;
a body past the size limit a 413. (The webhook's side is in payments/test_malformed_webhooks.)
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from flask.testing import FlaskClient

from marketplace.bootstrap import Services, bootstrap
from marketplace.bounded_json import MAX_DEPTH
from marketplace.ports import SteppingClock
from tests.story import form_consortium
from tests.web.conftest import TEST_CONFIG
from tests.web.rfq_helpers import log_position, typed_form
from web import create_app


@pytest.fixture
def services(store_url: str, clock: SteppingClock) -> Iterator[Services]:
    built = bootstrap(store_url, clock=clock)
    form_consortium(built.marketplace, slug="metal")
    yield built
    built.close()


@pytest.fixture
def client(services: Services) -> FlaskClient:
    return create_app(services=services, config=TEST_CONFIG).test_client()


def deep(depth: int) -> str:
    return "[" * depth + "]" * depth


@pytest.mark.parametrize("nesting", [
    deep(100_000),  # far past Python's recursion limit
    "[" * 100_000,  # never closed
    '{"a":' * 10_000 + "1" + "}" * 10_000,
    deep(MAX_DEPTH + 1),  # just past ours
])
def test_deeply_nested_json_is_a_400_with_a_json_error(
        client: FlaskClient, services: Services, nesting: str) -> None:
    before = log_position(services)
    body = '{"consortium": "metal", "stages": ' + nesting + "}"
    response = client.post("/api/v1/rfqs", data=body, content_type="application/json")
    assert response.status_code == 400, response.status
    assert "levels deep" in response.get_json()["error"]
    assert log_position(services) == before


def test_nesting_within_the_limit_is_read_and_refused_by_field(
        client: FlaskClient, services: Services) -> None:
    body = {**typed_form(services), "consortium": "metal", "stages": [[["design"]]]}
    body.pop("website")  # the form's honeypot is no field of the API
    response = client.post("/api/v1/rfqs", json=body)
    assert response.status_code == 422, response.status
    assert "stages" in response.get_json()["errors"]


def test_the_refusal_is_in_the_callers_language(client: FlaskClient) -> None:
    response = client.post("/api/v1/rfqs", data=deep(1000), content_type="application/json",
                           headers={"Accept-Language": "es"})
    assert response.status_code == 400
    assert "niveles de profundidad" in response.get_json()["error"]


def test_a_body_past_the_size_limit_is_a_413_before_it_is_read(client: FlaskClient) -> None:
    response = client.post("/api/v1/rfqs", data=deep(200_000),
                           content_type="application/json")
    assert response.status_code == 413
