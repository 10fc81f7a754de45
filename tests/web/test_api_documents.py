"""Files through the API keep the API's conventions: problem details, the same body checks
as a JSON RFQ, one bearer token rule, and Idempotency-Key replays of multipart POSTs."""

from __future__ import annotations

import io
import json
from typing import Any

import pytest
from flask.testing import FlaskClient

from marketplace.bidding import queries as bid_queries
from marketplace.bootstrap import Services
from marketplace.documents.blobs import BlobStore
from marketplace.documents.queries import list_bid_documents
from tests import documents
from tests.blobs import stored_blobs
from tests.story import form_consortium
from tests.web.rfq_helpers import log_position, typed_form
from web.api import examples

PROBLEM = "application/problem+json"
BIG = 26 * 1024 * 1024
KEY = "0b9d3c1e-7f2a-4e85-9c6d-1a2b3c4d5e6f"


@pytest.fixture
def formed(services: Services):
    return form_consortium(services.marketplace)


def _rfq(services: Services, **overrides: Any) -> dict[str, Any]:
    body = {**typed_form(services), "consortium": "metal", "stages": ["design"], **overrides}
    body.pop("website")
    return body


def _multipart(body: dict[str, Any], *files: tuple[bytes, str], **parts: Any) -> dict:
    return {"rfq": json.dumps(body), **parts,
            "documents": [(io.BytesIO(content), name) for content, name in files]}


def _post_rfq(client: FlaskClient, data: dict, key: str | None = None):
    return client.post("/api/v1/rfqs", data=data, content_type="multipart/form-data",
                       headers={"Idempotency-Key": key} if key else {})


@pytest.mark.parametrize(("overrides", "parts", "code", "field"), [
    ({"budget": 1000}, {}, "unknown_fields", "budget"),
    ({"stages": "design"}, {}, "wrong_types", "stages"),
    ({"quantity": [2]}, {}, "wrong_types", "quantity"),
    ({}, {"notes": "Deliver in May."}, "unknown_fields", "notes"),
])
def test_a_multipart_rfq_is_checked_as_a_json_one(
        client: FlaskClient, services: Services, formed, any_blob_store: BlobStore,
        overrides: dict, parts: dict, code: str, field: str):
    before = log_position(services)
    refused = _post_rfq(client, _multipart(_rfq(services, **overrides),
                                           (documents.PDF, "drawing.pdf"), **parts))
    assert refused.status_code == 422 and refused.mimetype == PROBLEM
    assert refused.get_json()["code"] == code and field in refused.get_json()["errors"]
    assert log_position(services) == before and stored_blobs(any_blob_store) == []


def test_a_refused_file_with_a_multipart_rfq_is_a_problem(
        client: FlaskClient, services: Services, formed, any_blob_store: BlobStore):
    refused = _post_rfq(client, _multipart(_rfq(services), (documents.SCRIPT, "pump.pdf")))
    assert refused.status_code == 422 and refused.mimetype == PROBLEM
    assert refused.get_json() == examples.FILE_REFUSED  # the document's example is real
    large = _post_rfq(client, _multipart(_rfq(services), (documents.PDF + b"\0" * BIG,
                                                          "survey.pdf")))
    assert large.status_code == 413 and large.get_json() == examples.FILE_TOO_LARGE
    assert stored_blobs(any_blob_store) == []


def test_the_idempotency_key_replays_a_multipart_rfq(
        client: FlaskClient, services: Services, formed, any_blob_store: BlobStore):
    body = _rfq(services)
    first = _post_rfq(client, _multipart(body, (documents.PDF, "drawing.pdf")), KEY)
    assert first.status_code == 201, first.get_json()
    again = _post_rfq(client, _multipart(body, (documents.PDF, "drawing.pdf")), KEY)
    assert again.status_code == 201 and again.headers["Idempotent-Replayed"] == "true"
    assert again.get_json() == first.get_json()
    [bid] = bid_queries.list_bids(services.engine)
    assert [d["name"] for d in list_bid_documents(services.engine, bid["bid_id"])] == [
        "drawing.pdf"]
    other = _post_rfq(client, _multipart(body, (documents.CSV, "drawing.pdf")), KEY)
    assert other.status_code == 422 and other.get_json()["code"] == "idempotency_key_reused"
    assert len(bid_queries.list_bids(services.engine)) == 1


def _token(client: FlaskClient, services: Services) -> str:
    created = client.post("/api/v1/rfqs", json=_rfq(services))
    assert created.status_code == 201, created.get_json()
    return str(created.get_json()["token"])


def _upload(client: FlaskClient, path: str, token: str | None, **headers: str):
    if token:
        headers["Authorization"] = f"Bearer {token}"
    return client.post(f"/api/v1/rfqs/{path}/documents", content_type="multipart/form-data",
                       data={"documents": (io.BytesIO(documents.PDF), "a.pdf")},
                       headers=headers)


def test_the_upload_answers_as_the_other_bearer_endpoints(
        client: FlaskClient, services: Services, formed, any_blob_store: BlobStore):
    token, other = _token(client, services), _token(client, services)
    for refused in (_upload(client, token, None), _upload(client, token, "no-such-token")):
        assert refused.status_code == 401 and refused.mimetype == PROBLEM
        assert refused.get_json()["code"] == "tracking_token_required"
        assert refused.headers["WWW-Authenticate"].startswith("Bearer")
    mine = client.get("/api/v1/rfq", headers={"Authorization": "Bearer no-such-token"})
    assert mine.status_code == 401
    elsewhere = _upload(client, token, other)
    assert elsewhere.status_code == 404 and elsewhere.mimetype == PROBLEM
    assert elsewhere.get_json() == examples.OTHER_RFQ
    assert stored_blobs(any_blob_store) == []
    empty = client.post(f"/api/v1/rfqs/{token}/documents", content_type="multipart/form-data",
                        data={}, headers={"Authorization": f"Bearer {token}"})
    assert empty.status_code == 422 and empty.get_json()["errors"].keys() == {"documents"}
    not_multipart = client.post(f"/api/v1/rfqs/{token}/documents", json={},
                                headers={"Authorization": f"Bearer {token}"})
    assert not_multipart.status_code == 415 and not_multipart.mimetype == PROBLEM


def test_the_upload_by_id_is_replayed_by_its_key(
        client: FlaskClient, services: Services, formed, any_blob_store: BlobStore):
    token = _token(client, services)
    [bid] = bid_queries.list_bids(services.engine)
    first = _upload(client, str(bid["bid_id"]), token, **{"Idempotency-Key": KEY})
    assert first.status_code == 201, first.get_json()
    again = _upload(client, str(bid["bid_id"]), token, **{"Idempotency-Key": KEY})
    assert again.headers["Idempotent-Replayed"] == "true"
    assert again.get_json() == first.get_json()
    assert len(list_bid_documents(services.engine, bid["bid_id"])) == 1


def test_a_closed_rfq_takes_no_files(client: FlaskClient, services: Services, formed,
                                     any_blob_store: BlobStore):
    token = _token(client, services)
    [bid] = bid_queries.list_bids(services.engine)
    services.marketplace.decline_rfq(bid["bid_id"], "Out of our scope.")
    refused = _upload(client, token, token)
    assert refused.status_code == 409 and refused.mimetype == PROBLEM
    assert refused.get_json() == examples.RFQ_CLOSED
    assert stored_blobs(any_blob_store) == []
