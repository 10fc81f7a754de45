"""The documents areas on screen: who lists, downloads, keeps and removes files."""

from __future__ import annotations

import io
from datetime import date

import pytest
from flask import Flask

from marketplace.bootstrap import Services
from marketplace.documents.blobs import BlobStore
from tests import documents
from tests.story import form_consortium
from tests.web.signin import sign_in


@pytest.fixture
def blob_store(any_blob_store: BlobStore) -> BlobStore:
    return any_blob_store


@pytest.fixture
def world(services: Services):
    app = services.marketplace
    formed = form_consortium(app)
    other = form_consortium(app, slug="marine")
    membership = formed.memberships[0]
    cert = app.upload_area_document("membership", membership,
                                    ("iso.pdf", io.BytesIO(documents.PDF)),
                                    kind="certificate", title="ISO 9001 file",
                                    certificate="ISO 9001")
    minutes = app.upload_area_document("consortium", formed.consortium,
                                       ("m.pdf", io.BytesIO(documents.PDF)),
                                       kind="minutes", title="March minutes")
    member_area = f"/workspace/member/{membership}/documents"
    consortium_area = f"/workspace/desk/consortia/{formed.consortium}/documents"
    return {"formed": formed, "other": other, "member_area": member_area,
            "member_file": f"{member_area}/{cert}", "consortium_area": consortium_area,
            "consortium_file": f"{consortium_area}/{minutes}"}


def _as(web_app: Flask, services: Services, role: str, scope: str = ""):
    client = web_app.test_client()
    sign_in(client, services, role, scope)
    return client


def test_the_entitled_list_and_download_with_nosniff(web_app, services, world):
    formed = world["formed"]
    for role, scope, urls in [
            ("member", str(formed.memberships[0]), ("member_area", "member_file")),
            ("manager", str(formed.consortium), ("member_area", "member_file",
                                                  "consortium_area", "consortium_file")),
            ("officer", "", ("member_area", "member_file", "consortium_area",
                             "consortium_file")),
            ("auditor", "", ("member_area", "member_file", "consortium_area",
                             "consortium_file"))]:
        client = _as(web_app, services, role, scope)
        for key in urls:
            got = client.get(world[key])
            assert got.status_code == 200, (role, key)
            if key.endswith("file"):
                assert got.data == documents.PDF
                assert got.headers["Content-Disposition"].startswith("attachment;")
                assert got.headers["X-Content-Type-Options"] == "nosniff"
    page = _as(web_app, services, "member", str(formed.memberships[0])).get(
        world["member_area"]).get_data(as_text=True)
    assert "ISO 9001 file" in page
    assert "expires" in page and "2030" in page
    assert "badge-warning" not in page  # not expired yet


def test_an_expired_certificate_is_marked(web_app, services, world):
    membership = world["formed"].memberships[0]
    services.marketplace.upload_area_document(
        "membership", membership, ("old.pdf", io.BytesIO(documents.PDF + b"old")),
        kind="certificate", title="ISO 9001, old", certificate="ISO 9001",
        expires_on=date(2020, 6, 30))
    page = _as(web_app, services, "member", str(membership)).get(
        world["member_area"]).get_data(as_text=True)
    old = page[page.index("ISO 9001, old"):]
    old = old[:old.index("</li>")]
    assert "2020" in old and ">expired<" in old
    assert page.count(">expired<") == 1  # the current certificate is not marked


def test_a_member_of_another_company_is_refused_list_and_download(web_app, services, world):
    other = world["other"]
    for scope in (str(other.memberships[0]), str(world["formed"].memberships[1])):
        client = _as(web_app, services, "member", scope)
        assert client.get(world["member_area"]).status_code == 403
        assert client.get(world["member_file"]).status_code == 403
        assert client.get(world["consortium_area"]).status_code == 403
        assert client.get(world["consortium_file"]).status_code == 403
    manager = _as(web_app, services, "manager", str(other.consortium))
    assert manager.get(world["member_file"]).status_code == 403
    assert manager.get(world["consortium_file"]).status_code == 403


def test_an_auditor_cannot_upload_or_remove(web_app, services, world):
    auditor = _as(web_app, services, "auditor")
    for area in ("member_area", "consortium_area"):
        data = {"kind": "other", "title": "Sneaky",
                "file": (io.BytesIO(documents.PDF), "x.pdf")}
        assert auditor.post(world[area], data=data,
                            content_type="multipart/form-data").status_code == 403
    assert auditor.post(world["member_file"] + "/remove",
                        data={"reason": "no"}).status_code == 403
    assert auditor.post(world["consortium_file"] + "/remove",
                        data={"reason": "no"}).status_code == 403
    assert auditor.get(world["member_file"]).status_code == 200


def test_a_manager_reads_a_membership_area_but_does_not_write(web_app, services, world):
    manager = _as(web_app, services, "manager", str(world["formed"].consortium))
    page = manager.get(world["member_area"]).get_data(as_text=True)
    assert "Keep the document" not in page
    assert manager.post(world["member_file"] + "/remove",
                        data={"reason": "mine"}).status_code == 403


def test_a_member_uploads_and_removes_and_the_file_is_gone(web_app, services, world):
    client = _as(web_app, services, "member", str(world["formed"].memberships[0]))
    got = client.post(world["member_area"], content_type="multipart/form-data", data={
        "kind": "contract", "title": "Supply contract",
        "file": (io.BytesIO(documents.PNG), "scan.png")})
    assert got.status_code == 303
    assert "Supply contract" in client.get(world["member_area"]).get_data(as_text=True)
    refused = client.post(world["member_file"] + "/remove", data={"reason": "  "})
    assert refused.status_code == 422
    assert client.get(world["member_file"]).status_code == 200
    assert client.post(world["member_file"] + "/remove",
                       data={"reason": "Renewed."}).status_code == 303
    assert client.get(world["member_file"]).status_code == 404
    assert "ISO 9001 file" not in client.get(world["member_area"]).get_data(as_text=True)


def test_a_refused_upload_keeps_what_was_typed(web_app, services, world):
    client = _as(web_app, services, "officer")
    got = client.post(world["consortium_area"], content_type="multipart/form-data", data={
        "kind": "contract", "title": "Typed title kept",
        "file": (io.BytesIO(documents.SCRIPT), "run.sh")})
    assert got.status_code == 422
    page = got.get_data(as_text=True)
    assert 'value="Typed title kept"' in page
    assert '<option value="contract" selected>' in page


@pytest.mark.parametrize("path", ["/workspace/member/nope/documents",
                                  "/workspace/member/nope/documents/x",
                                  "/workspace/desk/consortia/nope/documents",
                                  "/workspace/desk/consortia/nope/documents/%00"])
def test_odd_ids_are_refused_without_a_5xx(web_app, services, world, path):
    assert _as(web_app, services, "officer").get(path).status_code in (400, 404)


def test_the_auditor_reads_the_uploads_and_removals_without_bare_ids(web_app, services, world):
    from tests.web.test_auditor_reads_names import bare_ids

    membership = world["formed"].memberships[0]
    document_id = world["member_file"].rsplit("/", 1)[1]
    services.marketplace.remove_area_document("membership", membership, document_id,
                                              "Renewed.")
    auditor = _as(web_app, services, "auditor")
    for page in (f"/workspace/audit/aggregates/{membership}",
                 f"/workspace/audit/as-of?aggregate_id={membership}",
                 f"/workspace/audit/aggregates/{world['formed'].consortium}"):
        got = auditor.get(page)
        assert got.status_code == 200, page
        html = got.get_data(as_text=True)
        assert bare_ids(html) == [], page
        if "aggregates" in page and str(membership) in page:
            assert "DocumentUploaded" in html and "DocumentRemoved" in html
