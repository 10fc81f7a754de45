"""The buyers' JSON API: the catalog, RFQs with the form's rules, and tracking by token."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from flask.testing import FlaskClient

from domain.errors import StageNotOfferedError
from domain.values import Stage
from marketplace.bootstrap import Services, bootstrap
from marketplace.ports import SteppingClock
from tests.conftest import START
from tests.story import form_consortium
from tests.web.conftest import TEST_CONFIG
from tests.web.rfq_helpers import log_position, typed_form
from web import create_app


@pytest.fixture
def metal(services: Services) -> None:
    form_consortium(services.marketplace, slug="metal")


def rfq_json(services: Services, **overrides: Any) -> dict[str, Any]:
    body = {**typed_form(services), "consortium": "metal", "language": "es"}
    body.pop("website")
    body.update(overrides)
    return body


@pytest.mark.usefixtures("metal")
def test_the_catalog_lists_published_consortia_with_their_offer(client: FlaskClient,
                                                                services: Services) -> None:
    form_consortium(services.marketplace, slug="agri", publish=False)
    listed = client.get("/api/v1/consortia").get_json()["consortia"]
    assert [c["slug"] for c in listed] == ["metal"]
    assert listed[0]["stages"][0] == "design" and listed[0]["quote_response_days"] == 5
    assert listed[0]["links"]["page"].endswith("/consortia/metal")
    assert client.get("/api/v1/consortia?stage=maintenance").get_json() == {"consortia": [],
                                                                        "next": None}
    refused = client.get("/api/v1/consortia?stage=welding")
    assert refused.status_code == 400 and "welding" in refused.get_json()["error"]


@pytest.mark.usefixtures("metal")
def test_an_rfq_is_received_and_can_be_followed_by_its_token(client: FlaskClient,
                                                             services: Services) -> None:
    created = client.post("/api/v1/rfqs", json=rfq_json(services, quantity=4))
    assert created.status_code == 201
    body = created.get_json()
    assert len(body["token"]) == 43 and body["status"] == "received"
    assert body["reference"] and body["reference"].endswith("-0001")
    assert body["tracking_url"].endswith(f"/rfq/{body['token']}")
    followed = client.get(created.headers["Location"])
    assert followed.status_code == 200
    rfq = followed.get_json()
    assert (rfq["status"], rfq["quantity"], rfq["consortium"]["slug"]) == ("received", "4",
                                                                           "metal")
    assert rfq["reference"] == body["reference"]
    assert [step["event"] for step in rfq["timeline"]] == ["received"]
    assert rfq["quote"] is None
    assert "lucia@acero-mx.example" not in followed.get_data(as_text=True)


@pytest.mark.usefixtures("metal")
def test_a_decimal_quantity_stays_exact(client: FlaskClient, services: Services) -> None:
    created = client.post("/api/v1/rfqs", data=b'{"quantity": 2.10, "consortium": "metal"}',
                          content_type="application/json")
    assert created.status_code == 422  # the other fields are missing, the number parsed
    assert "quantity" not in created.get_json()["errors"]
    exact = client.post("/api/v1/rfqs", json=rfq_json(services, quantity="2.10"))
    assert client.get(exact.headers["Location"]).get_json()["quantity"] == "2.10"


@pytest.mark.usefixtures("metal")
def test_invalid_fields_are_named_and_nothing_is_stored(client: FlaskClient,
                                                        services: Services) -> None:
    before = log_position(services)
    refused = client.post("/api/v1/rfqs", json=rfq_json(
        services, email="nobody", stages=[], incoterm="DAT", consortium="metal"))
    assert refused.status_code == 422
    assert set(refused.get_json()["errors"]) == {"email", "stages", "incoterm"}
    assert log_position(services) == before


@pytest.mark.usefixtures("metal")
@pytest.mark.parametrize(("body", "content_type", "status"), [
    (b"consortium=metal", "application/x-www-form-urlencoded", 415),
    (b"{not json", "application/json", 400),
    (b"[1, 2]", "application/json", 400),
    (b'"metal"', "application/json", 400),
    (b"", "application/json", 400),
])
def test_a_body_that_is_not_a_json_object_is_refused(client: FlaskClient, services: Services,
                                                     body: bytes, content_type: str,
                                                     status: int) -> None:
    before = log_position(services)
    refused = client.post("/api/v1/rfqs", data=body, content_type=content_type)
    assert refused.status_code == status and refused.get_json()["error"]
    assert log_position(services) == before


@pytest.mark.usefixtures("metal")
@pytest.mark.parametrize("consortium", [None, "", "nowhere", 42])
def test_the_consortium_must_be_one_that_takes_rfqs(client: FlaskClient, services: Services,
                                                    consortium: Any) -> None:
    refused = client.post("/api/v1/rfqs", json=rfq_json(services, consortium=consortium))
    assert refused.status_code == 422 and "consortium" in refused.get_json()["errors"]


@pytest.mark.usefixtures("metal")
def test_the_forms_honeypot_is_not_a_field_of_the_api(client: FlaskClient,
                                                      services: Services) -> None:
    before = log_position(services)
    refused = client.post("/api/v1/rfqs", json=rfq_json(services, website="http://spam"))
    assert refused.status_code == 422
    assert refused.get_json()["code"] == "unknown_fields"
    assert log_position(services) == before


@pytest.mark.parametrize("token", ["nope", "A" * 43, "../../etc/passwd"])
def test_an_unknown_token_is_404_without_data(client: FlaskClient, token: str) -> None:
    missing = client.get(f"/api/v1/rfqs/{token}")
    assert missing.status_code == 404 and missing.mimetype == "application/problem+json"
    assert set(missing.get_json()) == {"type", "title", "status", "detail", "error"}


def test_the_api_is_rate_limited_per_address(tmp_path: Path) -> None:
    services = bootstrap(f"sqlite:///{tmp_path / 'limit.db'}", clock=SteppingClock(START))
    try:
        form_consortium(services.marketplace, slug="metal")
        app = create_app(services=services, config={**TEST_CONFIG, "RATELIMIT_ENABLED": True,
                                                    "RFQ_RATE_LIMIT": "1 per minute"})
        client = app.test_client()
        assert client.post("/api/v1/rfqs", json=rfq_json(services)).status_code == 201
        before = log_position(services)
        limited = client.post("/api/v1/rfqs", json=rfq_json(services))
        assert limited.status_code == 429
        assert "Too many requests" in limited.get_json()["error"]
        assert 1 <= int(limited.headers["Retry-After"]) <= 60
        assert log_position(services) == before
    finally:
        services.close()


def test_the_openapi_document_is_served(client: FlaskClient) -> None:
    document = client.get("/api/v1/openapi.json").get_json()
    assert document["openapi"] == "3.1.0"
    assert set(document["paths"]) == {"/consortia", "/rfqs", "/rfqs/{token}", "/rfq",
                                     "/rfq/accept", "/rfq/decline", "/rfq/questions",
                                     "/rfq/revisions", "/rfqs/{rfq}/documents"}
    assert document["servers"] == [{"url": "http://localhost/api/v1"}]


@pytest.mark.usefixtures("metal")
def test_a_rule_that_refuses_the_request_gives_its_code_and_values(
    client: FlaskClient, services: Services, monkeypatch: pytest.MonkeyPatch,
) -> None:
    def refused_by_the_domain(*args: Any, **kwargs: Any) -> None:
        # As if the consortium's offer changed between the form's checks and the command.
        raise StageNotOfferedError("the consortium no longer offers %(stages)s from %(day)s",
                                   stages=[Stage.DESIGN], day=date(2025, 3, 1))

    monkeypatch.setattr(services.marketplace, "request_quote", refused_by_the_domain)
    refused = client.post("/api/v1/rfqs", json=rfq_json(services))
    assert refused.status_code == 422
    assert refused.get_json() == {
        "type": "about:blank", "title": "Unprocessable Entity", "status": 422,
        "detail": "The consortium no longer offers Design from Mar 1, 2025",
        "error": "the consortium no longer offers design from 2025-03-01",
        "code": "stage_not_offered",
        "params": {"stages": ["design"], "day": "2025-03-01"},
        "errors": {"stages": "Choose only stages this consortium offers."},
    }
