"""The documents areas of consortia and memberships, through the application, on both
stores and both databases."""

from __future__ import annotations

import io
from datetime import date
from uuid import uuid4

import pytest

from domain.consortium import Consortium
from domain.errors import DocumentRefusedError, InvalidValueError, UnknownEntryError
from domain.membership import Membership
from marketplace.bootstrap import Services
from marketplace.documents.area_queries import find_area_document, list_area_documents
from marketplace.errors import NotFoundError
from tests import documents
from tests.story import form_consortium

TODAY = date(2026, 12, 4)


def _events(services: Services, aggregate_id, kind) -> list:
    stored = services.marketplace.repository.event_store.get(aggregate_id)
    return [e for e in stored if isinstance(e, kind)]


def test_the_consortium_keeps_minutes_and_a_removal_hides_them_but_keeps_the_hash(
        services: Services) -> None:
    app = services.marketplace
    formed = form_consortium(app)
    kept = app.upload_area_document("consortium", formed.consortium,
                                    ("minutes.pdf", io.BytesIO(documents.PDF)),
                                    kind="minutes", title="Assembly of March")
    other = app.upload_area_document("consortium", formed.consortium,
                                     ("deal.pdf", io.BytesIO(documents.PDF + b" ")),
                                     kind="contract", title="Framework contract")
    listed = list_area_documents(services.engine, "consortium", formed.consortium, TODAY)
    assert {(d["title"], d["kind"], d["name"]) for d in listed} == {
        ("Assembly of March", "minutes", "minutes.pdf"),
        ("Framework contract", "contract", "deal.pdf")}

    app.remove_area_document("consortium", formed.consortium, kept, "Wrong meeting's file.")

    listed = list_area_documents(services.engine, "consortium", formed.consortium, TODAY)
    assert [d["document_id"] for d in listed] == [str(other)]
    with pytest.raises(NotFoundError):
        find_area_document(services.engine, "consortium", formed.consortium, kept)
    [uploaded, _] = _events(services, formed.consortium, Consortium.DocumentUploaded)
    [removed] = _events(services, formed.consortium, Consortium.DocumentRemoved)
    assert (uploaded.document_id, uploaded.name, uploaded.size) == (
        kept, "minutes.pdf", len(documents.PDF))
    with app.open_document(uploaded.sha256) as stream:
        assert stream.read() == documents.PDF
    assert (removed.document_id, removed.reason) == (kept, "Wrong meeting's file.")


def test_a_member_keeps_a_certificate_with_its_expiry_and_an_expired_one_is_marked(
        services: Services) -> None:
    app = services.marketplace
    membership = form_consortium(app).memberships[0]
    certificate = app.upload_area_document(
        "membership", membership, ("iso.pdf", io.BytesIO(documents.PDF)),
        kind="certificate", title="ISO 9001 certificate", certificate="ISO 9001")
    signed = app.upload_area_document(
        "membership", membership, ("agreement.png", io.BytesIO(documents.PNG)),
        kind="signed_agreement", title="Signed member agreement")
    rows = {d["document_id"]: d for d in list_area_documents(
        services.engine, "membership", membership, TODAY)}
    assert rows[str(certificate)]["certificate"] == "ISO 9001"
    assert rows[str(certificate)]["expires_on"] == date(2030, 1, 1)  # as declared
    assert rows[str(certificate)]["expired"] is False
    assert rows[str(signed)]["expires_on"] is None
    later = list_area_documents(services.engine, "membership", membership, date(2030, 1, 2))
    assert {d["document_id"]: d["expired"] for d in later} == {
        str(certificate): True, str(signed): False}
    [first, _] = _events(services, membership, Membership.DocumentUploaded)
    assert first.expires_on == date(2030, 1, 1)


def test_removal_is_refused_without_a_reason_and_the_file_stays(services: Services) -> None:
    app = services.marketplace
    membership = form_consortium(app).memberships[0]
    kept = app.upload_area_document("membership", membership,
                                    ("c.pdf", io.BytesIO(documents.PDF)),
                                    kind="contract", title="Supply contract")
    with pytest.raises(InvalidValueError):
        app.remove_area_document("membership", membership, kept, "   ")
    assert _events(services, membership, Membership.DocumentRemoved) == []
    assert find_area_document(services.engine, "membership", membership, kept)["sha256"]
    with pytest.raises(UnknownEntryError):
        app.remove_area_document("membership", membership, uuid4(), "why")


@pytest.mark.parametrize(("name", "content", "fields", "error"), [
    ("minutes.pdf", documents.SCRIPT, {"kind": "minutes", "title": "A script"},
     DocumentRefusedError),
    ("minutes.pdf", documents.PDF, {"kind": "poem", "title": "Verse"}, InvalidValueError),
    ("minutes.pdf", documents.PDF, {"kind": "other", "title": "x" * 121}, InvalidValueError),
    ("iso.pdf", documents.PDF, {"kind": "certificate", "title": "ISO 14001",
                                "certificate": "ISO 14001"}, DocumentRefusedError),
])
def test_a_refused_file_leaves_no_event_and_no_row(services: Services, name, content, fields,
                                                    error) -> None:
    app = services.marketplace
    membership = form_consortium(app).memberships[0]
    with pytest.raises(error):
        app.upload_area_document("membership", membership, (name, io.BytesIO(content)),
                                 **fields)
    assert _events(services, membership, Membership.DocumentUploaded) == []
    assert list_area_documents(services.engine, "membership", membership, TODAY) == []


def test_a_consortium_keeps_no_certificates(services: Services) -> None:
    app = services.marketplace
    formed = form_consortium(app)
    with pytest.raises(DocumentRefusedError):
        app.upload_area_document("consortium", formed.consortium,
                                 ("iso.pdf", io.BytesIO(documents.PDF)),
                                 kind="certificate", title="ISO", certificate="ISO 9001")
