"""Who opens an RFQ's files: the buyer, the manager, the members asked, officers, auditors."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from flask import Flask

from marketplace.bootstrap import Services
from marketplace.documents.blobs import BlobStore
from tests import documents
from tests.story import form_consortium, request_quote
from tests.web.signin import sign_in


@pytest.fixture
def blob_store(any_blob_store: BlobStore) -> BlobStore:
    return any_blob_store


@pytest.fixture
def world(services: Services):
    app = services.marketplace
    formed = form_consortium(app)
    bid = request_quote(app, formed.consortium, stages=["design", "manufacturing"])
    [drawing] = app.attach_to_rfq(bid, [("flange.pdf", io.BytesIO(documents.PDF))])
    app.qualify_rfq(bid, "Fits our capacity.")
    app.request_contribution(bid, "design", formed.memberships[0],
                             app.clock.now().date() + timedelta(days=3))
    other = form_consortium(app, slug="marine")
    return formed, other, f"/workspace/desk/rfq/{bid}/documents/{drawing}"


def _as(web_app: Flask, services: Services, role: str, scope: str = ""):
    client = web_app.test_client()
    sign_in(client, services, role, scope)
    return client


def test_the_entitled_open_the_file(web_app: Flask, services: Services, world):
    formed, _other, url = world
    for role, scope in [("manager", str(formed.consortium)),
                        ("member", str(formed.memberships[0])),
                        ("officer", ""), ("auditor", "")]:
        got = _as(web_app, services, role, scope).get(url)
        assert got.status_code == 200, role
        assert got.data == documents.PDF
        assert got.headers["Content-Disposition"].startswith("attachment;")


def test_a_member_who_was_not_asked_is_refused(web_app: Flask, services: Services, world):
    formed, other, url = world
    # Of the same consortium, but asked for no stage of this RFQ.
    assert _as(web_app, services, "member", str(formed.memberships[1])).get(url
                                                                          ).status_code == 403
    assert _as(web_app, services, "manager", str(other.consortium)).get(url).status_code == 403
    assert web_app.test_client().get(url).status_code in (302, 303, 401)


def test_the_asked_member_sees_the_files_with_the_request(web_app: Flask, services: Services,
                                                          world):
    formed, _other, url = world
    client = _as(web_app, services, "member", str(formed.memberships[0]))
    page = client.get(f"/workspace/member/{formed.memberships[0]}/").get_data(as_text=True)
    assert url in page and "flange.pdf" in page


def test_the_manager_attaches_a_file_to_the_quote(web_app: Flask, services: Services, world):
    formed, _other, url = world
    bid = url.split("/")[4]
    client = _as(web_app, services, "manager", str(formed.consortium))
    sent = client.post(f"/workspace/desk/rfq/{bid}/documents", content_type="multipart/form-data",
                       data={"documents": (io.BytesIO(documents.XLSX), "terms.xlsx")})
    assert sent.status_code == 303
    page = client.get(f"/workspace/desk/rfq/{bid}").get_data(as_text=True)
    assert "terms.xlsx" in page and "flange.pdf" in page
    refused = client.post(f"/workspace/desk/rfq/{bid}/documents",
                          content_type="multipart/form-data",
                          data={"documents": (io.BytesIO(documents.SCRIPT), "terms.pdf")})
    assert refused.status_code == 422
    assert "is not a PDF" in refused.get_data(as_text=True)
    member = _as(web_app, services, "member", str(formed.memberships[0]))
    assert member.post(f"/workspace/desk/rfq/{bid}/documents",
                       content_type="multipart/form-data",
                       data={"documents": (io.BytesIO(documents.PDF), "x.pdf")}
                       ).status_code == 403
