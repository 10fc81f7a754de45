"""Schemathesis against our own OpenAPI document: no 5xx, no answer outside the schema.

The app runs in-process (WSGI) on a store with a published consortium, so generated
requests reach real validation and, when they happen to be valid, really store an RFQ.
Cases are drawn from schemathesis' strategies inside a Hypothesis test (its pytest
plugin does not run under this pytest).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from decimal import Decimal

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from domain.money import Money
from marketplace.bidding import queries as bid_queries
from marketplace.bootstrap import bootstrap
from marketplace.ports import SteppingClock
from tests.conftest import START
from tests.story import form_consortium, submit_full_quote
from web import create_app

# What the issue asks of the API; positive/negative data acceptance are not among them
# (a request valid for the schema may still name a consortium that does not exist).
CHECKS = [not_a_server_error, response_schema_conformance, status_code_conformance,
          content_type_conformance, response_headers_conformance]
OPERATIONS = [("/consortia", "GET"), ("/rfqs", "POST"), ("/rfqs/{token}", "GET"),
              ("/rfq", "GET"), ("/rfq/accept", "POST"), ("/rfq/decline", "POST"),
              ("/rfq/questions", "POST"), ("/rfq/revisions", "POST"),
              ("/rfqs/{rfq}/documents", "POST")]


@pytest.fixture(scope="module")
def api_schema(tmp_path_factory: pytest.TempPathFactory) -> Iterator[schemathesis.BaseSchema]:
    store = tmp_path_factory.mktemp("api") / "api.db"
    services = bootstrap(f"sqlite:///{store}", clock=SteppingClock(START))
    formed = form_consortium(services.marketplace, slug="metal")
    app = create_app(services=services, config={"TESTING": True, "SECRET_KEY": "test",
                                                "RATELIMIT_ENABLED": False})
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)
    schema.quoting = (services, formed)  # type: ignore[attr-defined]
    yield schema
    services.close()


def test_the_document_describes_every_api_route(api_schema: schemathesis.BaseSchema) -> None:
    described = {(op.path, op.method.upper())
                 for op in (result.ok() for result in api_schema.get_all_operations())}
    assert described == set(OPERATIONS)


@pytest.mark.parametrize(("path", "method"), OPERATIONS)
def test_the_api_keeps_to_its_openapi_document(api_schema: schemathesis.BaseSchema,
                                               path: str, method: str) -> None:
    operation = api_schema[path][method]

    # How many cases, the seed and the deadline come from the Hypothesis profile
    # (tests/hypothesis_profiles.py): a fixed seed in `make test`, more in `make fuzz`.
    @given(data=st.data())
    @settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
    def check(data: st.DataObject) -> None:
        case = data.draw(operation.as_strategy())
        case.call_and_validate(checks=CHECKS)

    check()


VALID_RFQ = {
    "consortium": "metal", "organisation": "Agua de Veracruz", "contact_name": "Lucía Pérez",
    "email": "lucia@example.mx", "country": "MX", "stages": ["design", "installation"],
    "specification": "Two steel pump houses.", "quantity": "2", "unit": "buildings",
    "incoterm": "CIF", "named_place": "Veracruz", "currency": "EUR",
    "quote_needed_by": "2025-04-30", "language": "es",
}


def test_a_valid_request_and_its_tracking_keep_to_the_document(
    api_schema: schemathesis.BaseSchema,
) -> None:
    # Random cases rarely name a real consortium; these two cover the 201 and the 200.
    created = api_schema["/rfqs"]["POST"].Case(body=VALID_RFQ, media_type="application/json")
    response = created.call_and_validate(checks=CHECKS)
    assert response.status_code == 201
    token = response.json()["token"]
    found = api_schema["/rfqs/{token}"]["GET"].Case(path_parameters={"token": token})
    assert found.call_and_validate(checks=CHECKS).status_code == 200


def test_the_buyers_answers_by_bearer_token_keep_to_the_document(
    api_schema: schemathesis.BaseSchema,
) -> None:
    # Random cases hold no real token; these cover the 200s of the bearer endpoints.
    services, formed = api_schema.quoting  # type: ignore[attr-defined]
    body = {**VALID_RFQ, "stages": ["design", "engineering", "manufacturing", "logistics",
                                    "installation"]}
    created = api_schema["/rfqs"]["POST"].Case(
        body=body, media_type="application/json",
        headers={"Idempotency-Key": "schema-accept"}).call_and_validate(checks=CHECKS)
    bearer = {"Authorization": f"Bearer {created.json()['token']}"}
    mine = api_schema["/rfq"]["GET"].Case(headers=bearer).call_and_validate(checks=CHECKS)
    assert mine.status_code == 200 and mine.json()["status"] == "received"
    asked = api_schema["/rfq/questions"]["POST"].Case(
        headers=bearer, body={"question": "Two shipments?"}, media_type="application/json",
    ).call_and_validate(checks=CHECKS)
    assert asked.status_code == 201
    refused = api_schema["/rfq/accept"]["POST"].Case(
        headers=bearer, body={}, media_type="application/json",
    ).call_and_validate(checks=CHECKS)
    assert refused.status_code == 409
    [bid] = [bid for bid in bid_queries.list_bids(services.engine)
             if bid["reference"] == created.json()["reference"]]
    submit_full_quote(services.marketplace, formed, bid["bid_id"])
    revision = api_schema["/rfq/revisions"]["POST"].Case(
        headers=bearer, body={"message": "Without installation, please."},
        media_type="application/json").call_and_validate(checks=CHECKS)
    assert revision.status_code == 200 and revision.json()["status"] == "revision_requested"
    services.marketplace.send_revised_quote(
        bid["bid_id"], Money(Decimal("400000"), "EUR"),
        services.marketplace.clock.now().date() + timedelta(days=40), 100)
    declined = api_schema["/rfq/decline"]["POST"].Case(
        headers=bearer, body={"reason": "Too late."}, media_type="application/json",
    ).call_and_validate(checks=CHECKS)
    assert declined.status_code == 200 and declined.json()["status"] == "declined"
