"""The API keeps to its document: fields and types as published, pages, Retry-After."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from flask.testing import FlaskClient

from domain import bid
from marketplace.bootstrap import Services, bootstrap
from marketplace.ports import SteppingClock
from tests.conftest import START
from tests.story import form_consortium
from tests.web.conftest import TEST_CONFIG
from tests.web.rfq_helpers import log_position, typed_form
from web import create_app
from web.api.pages import encode_cursor
from web.api.schemas import SCHEMAS


def _body(services: Services, **overrides: Any) -> dict[str, Any]:
    body = {**typed_form(services), "consortium": "metal", **overrides}
    body.pop("website")
    return body


@pytest.fixture
def metal(services: Services) -> None:
    form_consortium(services.marketplace, slug="metal")


@pytest.mark.usefixtures("metal")
@pytest.mark.parametrize(("field", "value"), [
    ("stages", "manufacturing"), ("stages", ["design", 3]), ("quantity", True),
    ("organisation", ["Agua"]), ("email", {"a": 1}), ("quote_needed_by", 20250430),
    ("language", 1), ("consortium", ["metal"]),
])
def test_every_field_has_the_type_the_document_gives(client: FlaskClient, services: Services,
                                                     field: str, value: Any) -> None:
    before = log_position(services)
    refused = client.post("/api/v1/rfqs", json=_body(services, **{field: value}),
                          headers={"Accept-Language": "fr"})
    assert refused.status_code == 422, refused.get_json()
    problem = refused.get_json()
    assert problem["code"] == "wrong_types" and problem["params"]["fields"] == [field]
    assert set(problem["errors"]) == {field} and "JSON" in problem["errors"][field]
    assert "Envoyez" in problem["errors"][field]  # in the caller's language
    assert log_position(services) == before


@pytest.mark.usefixtures("metal")
def test_unknown_fields_are_refused_by_name(client: FlaskClient, services: Services) -> None:
    before = log_position(services)
    refused = client.post("/api/v1/rfqs", json=_body(services, budget=1000, notes="x"))
    assert refused.status_code == 422
    problem = refused.get_json()
    assert problem["code"] == "unknown_fields"
    assert problem["params"]["fields"] == ["budget", "notes"]
    assert "budget, notes" in problem["detail"]
    assert log_position(services) == before


def test_the_checked_schema_is_the_published_one(client: FlaskClient) -> None:
    published = client.get("/api/v1/openapi.json").get_json()["components"]["schemas"]
    assert published["RfqRequest"] == SCHEMAS["RfqRequest"]
    assert published["RfqRequest"]["additionalProperties"] is False
    assert published["Rfq"]["properties"]["status"]["enum"] == [
        "received", "taken_on", "declined_by_consortium", "quoted", "revision_requested",
        "accepted", "declined", "expired", "awarded", "completed"]
    assert published["QuestionRequest"]["properties"]["question"]["maxLength"] == \
        bid.QUESTION_LIMIT
    assert published["RevisionRequest"]["properties"]["message"]["maxLength"] == \
        bid.QUESTION_LIMIT


def test_every_operation_has_examples(client: FlaskClient) -> None:
    document = client.get("/api/v1/openapi.json").get_json()
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            body = operation.get("requestBody", {}).get("content", {}).get("application/json")
            assert body is None or "example" in body, (path, method)
            for status, answer in operation["responses"].items():
                [content] = answer["content"].values()
                named = "example" in content or "examples" in content
                assert named or status in {"400", "413", "415"}, (path, method, status)


def test_the_catalog_comes_a_page_at_a_time(client: FlaskClient, services: Services) -> None:
    for slug in ("delta", "alpha", "echo", "charlie", "bravo"):
        form_consortium(services.marketplace, slug=slug)
    seen: list[str] = []
    url: str | None = "/api/v1/consortia?limit=2"
    while url is not None:
        page = client.get(url)
        assert page.status_code == 200
        body = page.get_json()
        assert len(body["consortia"]) <= 2
        seen += [consortium["slug"] for consortium in body["consortia"]]
        url = body["next"]
        if url is not None:
            assert page.headers["Link"] == f'<{url}>; rel="next"'
    assert seen == ["alpha", "bravo", "charlie", "delta", "echo"]


def test_the_next_link_keeps_the_filters(client: FlaskClient, services: Services) -> None:
    for slug in ("alpha", "bravo", "charlie"):
        form_consortium(services.marketplace, slug=slug)
    first = client.get("/api/v1/consortia?limit=1&stage=design").get_json()
    assert "stage=design" in first["next"] and "limit=1" in first["next"]


@pytest.mark.parametrize("query", ["limit=0", "limit=101", "limit=x", "limit=99999999999",
                                   "cursor=%%%", "cursor=bm90IGpzb24", "cursor=" + "A" * 500,
                                   "cursor=" + encode_cursor([1, 2])])  # type: ignore[list-item]
def test_a_bad_limit_or_cursor_is_a_400(client: FlaskClient, query: str) -> None:
    refused = client.get(f"/api/v1/consortia?{query}")
    assert refused.status_code == 400 and refused.mimetype == "application/problem+json"


def test_a_429_says_when_to_retry(tmp_path: Path) -> None:
    services = bootstrap(f"sqlite:///{tmp_path / 'limit.db'}", clock=SteppingClock(START))
    try:
        form_consortium(services.marketplace, slug="metal")
        app = create_app(services=services, config={**TEST_CONFIG, "RATELIMIT_ENABLED": True,
                                                    "RFQ_RATE_LIMIT": "1 per hour"})
        client = app.test_client()
        assert client.post("/api/v1/rfqs", json=_body(services)).status_code == 201
        limited = client.post("/api/v1/rfqs", json=_body(services))
        assert limited.status_code == 429 and limited.mimetype == "application/problem+json"
        assert 3500 <= int(limited.headers["Retry-After"]) <= 3600
        form = client.post("/consortia/metal/rfq", data=typed_form(services))
        assert form.status_code == 201 or form.status_code == 303
        page = client.post("/consortia/metal/rfq", data=typed_form(services))
        assert page.status_code == 429 and int(page.headers["Retry-After"]) > 0
    finally:
        services.close()
