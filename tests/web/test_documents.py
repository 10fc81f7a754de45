"""Documents through the pages and the API: hostile files refused, files served to the entitled."""

from __future__ import annotations

import io
import re
from datetime import timedelta

import pytest
from flask.testing import FlaskClient

from marketplace.bootstrap import Services
from marketplace.documents.blobs import BlobStore
from marketplace.documents.queries import list_bid_documents
from tests import documents
from tests.blobs import stored_blobs
from tests.story import form_consortium
from tests.web.rfq_helpers import log_position, typed_form

BIG = 26 * 1024 * 1024


@pytest.fixture
def blob_store(any_blob_store: BlobStore) -> BlobStore:
    return any_blob_store


@pytest.fixture
def formed(services: Services):
    return form_consortium(services.marketplace)


def _send(client: FlaskClient, services: Services, files: list[tuple[bytes, str]]):
    data = {**typed_form(services), "documents": [(io.BytesIO(c), n) for c, n in files]}
    return client.post("/consortia/metal/rfq", data=data, content_type="multipart/form-data")


def _token(response) -> str:
    return response.headers["Location"].rstrip("/").rsplit("/", 1)[-1]


def _only_bid(services: Services) -> str:
    from marketplace.bidding.queries import inbox

    [row] = inbox(services.engine, None, ("requested",))
    return str(row["bid_id"])


def test_the_form_takes_a_drawing_and_the_tracking_page_serves_it(
        client: FlaskClient, services: Services, formed, blob_store: BlobStore):
    sent = _send(client, services, [(documents.PDF, "Plano brida ñ.pdf")])
    assert sent.status_code == 303
    token = _token(sent)
    page = client.get(f"/rfq/{token}").get_data(as_text=True)
    link = re.search(rf'href="(/rfq/{token}/documents/[^"]+)"', page)
    assert link and "Plano brida ñ.pdf" in page
    got = client.get(link[1])
    assert got.status_code == 200 and got.data == documents.PDF
    assert got.mimetype == "application/pdf"
    assert got.headers["X-Content-Type-Options"] == "nosniff"
    assert got.headers["Content-Disposition"] == (
        "attachment; filename=\"Plano brida n.pdf\"; "
        "filename*=UTF-8''Plano%20brida%20%C3%B1.pdf")
    assert len(stored_blobs(blob_store)) == 1
    # Another token, or another RFQ's file under this token, finds nothing.
    assert client.get(link[1].replace(token, "x" * len(token))).status_code == 404


@pytest.mark.parametrize(("content", "name", "status", "said"), [
    (documents.SCRIPT, "drawing.pdf", 422, "is not a PDF"),
    (documents.PDF + b"\x00" * BIG, "big.pdf", 413, "larger than 25 MB"),
    (documents.PDF, "../../drawing.pdf", 422, "path"),
    (documents.ZIP_BOMB, "drawings.zip", 422, "zip bomb"),
])
def test_a_hostile_file_refuses_the_form_and_stores_nothing(
        client: FlaskClient, services: Services, formed, blob_store: BlobStore,
        content: bytes, name: str, status: int, said: str):
    before = log_position(services)
    response = _send(client, services, [(documents.CSV, "bom.csv"), (content, name)])
    page = response.get_data(as_text=True)
    assert response.status_code == status
    assert said in page
    assert 'value="Astillero del Golfo"' in page  # the rest comes back as typed
    assert log_position(services) == before
    assert stored_blobs(blob_store) == []


def test_a_body_past_the_limit_is_a_translated_413(client: FlaskClient, services: Services,
                                                   formed):
    services.marketplace.document_limits = (1024, 2048)
    response = client.post("/consortia/metal/rfq", data={
        **typed_form(services), "documents": (io.BytesIO(b"x" * (3 * 1024 * 1024)), "a.pdf")},
        content_type="multipart/form-data", headers={"Accept-Language": "es"})
    assert response.status_code == 413
    assert "demasiado grande" in response.get_data(as_text=True)


def _api_rfq(client: FlaskClient, services: Services) -> str:
    body = {**typed_form(services), "consortium": "metal", "stages": ["design"]}
    body["quote_needed_by"] = (services.marketplace.clock.now().date()
                               + timedelta(days=30)).isoformat()
    body["wanted_delivery"] = None
    body.pop("website")
    answer = client.post("/api/v1/rfqs", json=body)
    assert answer.status_code == 201, answer.get_json()
    return str(answer.get_json()["token"])


def test_the_api_attaches_files_by_the_tracking_token(client: FlaskClient, services: Services,
                                                      formed, blob_store: BlobStore):
    token = _api_rfq(client, services)
    url = f"/api/v1/rfqs/{token}/documents"

    def files() -> dict:
        return {"documents": [(io.BytesIO(documents.STEP), "flange.step"),
                              (io.BytesIO(documents.DXF), "plan.dxf")]}

    assert client.post(url, data=files(), content_type="multipart/form-data").status_code == 401
    answer = client.post(url, data=files(), content_type="multipart/form-data",
                         headers={"Authorization": f"Bearer {token}"})
    assert answer.status_code == 201, answer.get_json()
    assert [(d["name"], d["media_type"]) for d in answer.get_json()["documents"]] == [
        ("flange.step", "model/step"), ("plan.dxf", "image/vnd.dxf")]
    assert len(stored_blobs(blob_store)) == 2


@pytest.mark.parametrize(("content", "name", "status"), [
    (documents.SCRIPT, "drawing.pdf", 422), (documents.PDF + b"\x00" * BIG, "big.pdf", 413),
    (documents.PDF, "/etc/drawing.pdf", 422), (documents.ZIP_BOMB, "drawings.zip", 422)])
def test_a_hostile_file_through_the_api_stores_nothing(
        client: FlaskClient, services: Services, formed, blob_store: BlobStore,
        content: bytes, name: str, status: int):
    token = _api_rfq(client, services)
    before = log_position(services)
    answer = client.post(f"/api/v1/rfqs/{token}/documents", content_type="multipart/form-data",
                         data={"documents": [(io.BytesIO(documents.PDF), "ok.pdf"),
                                             (io.BytesIO(content), name)]},
                         headers={"Authorization": f"Bearer {token}"})
    assert answer.status_code == status
    assert answer.get_json()["code"].startswith("document_")
    assert log_position(services) == before
    assert stored_blobs(blob_store) == []


def test_another_rfqs_token_attaches_nothing(client: FlaskClient, services: Services, formed):
    first, second = _api_rfq(client, services), _api_rfq(client, services)
    answer = client.post(f"/api/v1/rfqs/{first}/documents", content_type="multipart/form-data",
                         data={"documents": (io.BytesIO(documents.PDF), "a.pdf")},
                         headers={"Authorization": f"Bearer {second}"})
    assert answer.status_code == 404


def test_the_api_takes_an_rfq_with_its_files_as_multipart(
        client: FlaskClient, services: Services, formed, blob_store: BlobStore):
    import json

    body = {**typed_form(services), "consortium": "metal", "stages": ["design"]}
    body.pop("website")
    before = log_position(services)
    refused = client.post("/api/v1/rfqs", content_type="multipart/form-data", data={
        "rfq": json.dumps(body), "documents": (io.BytesIO(documents.SCRIPT), "drawing.pdf")})
    assert refused.status_code == 422
    assert log_position(services) == before and stored_blobs(blob_store) == []
    answer = client.post("/api/v1/rfqs", content_type="multipart/form-data", data={
        "rfq": (io.BytesIO(json.dumps(body).encode()), "rfq.json", "application/json"),
        "documents": (io.BytesIO(documents.PDF), "drawing.pdf")})
    assert answer.status_code == 201, answer.get_json()
    bid = _only_bid(services)
    assert [d["name"] for d in list_bid_documents(services.engine, bid)] == ["drawing.pdf"]
    assert client.post("/api/v1/rfqs", content_type="multipart/form-data",
                       data={"rfq": "[1, 2"}).status_code == 400


def test_the_buyer_adds_files_from_the_tracking_page(client: FlaskClient, services: Services,
                                                     formed, blob_store: BlobStore):
    token = _token(_send(client, services, []))
    page = client.get(f"/rfq/{token}").get_data(as_text=True)
    assert f'action="/rfq/{token}/documents"' in page
    before = log_position(services)
    refused = client.post(f"/rfq/{token}/documents", content_type="multipart/form-data",
                          data={"documents": (io.BytesIO(documents.ZIP_SLIP), "all.zip")})
    assert refused.status_code == 422 and "outside its folder" in refused.get_data(as_text=True)
    assert log_position(services) == before and stored_blobs(blob_store) == []
    added = client.post(f"/rfq/{token}/documents", content_type="multipart/form-data",
                        data={"documents": (io.BytesIO(documents.DWG), "plan.dwg")})
    assert added.status_code == 303
    assert "plan.dwg" in client.get(f"/rfq/{token}").get_data(as_text=True)
    services.marketplace.decline_rfq(_only_bid(services), "Outside our capacity.")
    page = client.get(f"/rfq/{token}").get_data(as_text=True)
    assert f'action="/rfq/{token}/documents"' not in page
    late = client.post(f"/rfq/{token}/documents", content_type="multipart/form-data",
                       data={"documents": (io.BytesIO(documents.PDF), "late.pdf")})
    assert late.status_code == 422
