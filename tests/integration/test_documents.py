"""Documents on RFQs and quotes, through the application, on both stores and both databases."""

from __future__ import annotations

import io

import pytest

from domain.bid import Bid
from domain.errors import BidStateError, DocumentRefusedError, DocumentTooLargeError
from marketplace.bootstrap import Services
from marketplace.documents.blobs import BlobStore
from marketplace.documents.queries import list_bid_documents
from tests import documents
from tests.blobs import stored_blobs
from tests.story import form_consortium, request_quote, submit_full_quote


@pytest.fixture
def blob_store(any_blob_store: BlobStore) -> BlobStore:
    return any_blob_store



def _stored(services: Services, bid) -> list:
    return list(services.marketplace.repository.event_store.get(bid))


def test_the_buyer_attaches_and_the_manager_attaches_to_the_quote(services: Services,
                                                                  blob_store: BlobStore):
    app = services.marketplace
    formed = form_consortium(app)
    bid = request_quote(app, formed.consortium)
    [drawing] = app.attach_to_rfq(bid, [("flange.pdf", io.BytesIO(documents.PDF))])
    submit_full_quote(app, formed, bid)
    [terms] = app.attach_to_quote(bid, [("terms.xlsx", io.BytesIO(documents.XLSX))])
    listed = list_bid_documents(services.engine, bid)
    assert [(d["document_id"], d["attached_to"], d["attached_by"], d["name"]) for d in listed
            ] == [(str(drawing), "rfq", "buyer", "flange.pdf"),
                  (str(terms), "quote", "manager", "terms.xlsx")]
    event = [e for e in _stored(services, bid) if isinstance(e, Bid.DocumentAttached)][0]
    assert (event.size, event.media_type) == (len(documents.PDF), "application/pdf")
    with app.open_document(event.sha256) as stream:
        assert stream.read() == documents.PDF
    assert sorted(stored_blobs(blob_store)) == sorted(d["sha256"] for d in listed)


@pytest.mark.parametrize(("name", "content", "error"), [
    ("drawing.pdf", documents.SCRIPT, DocumentRefusedError),
    ("../drawing.pdf", documents.PDF, DocumentRefusedError),
    ("drawings.zip", documents.ZIP_BOMB, DocumentRefusedError),
])
def test_a_hostile_file_stores_nothing(services: Services, blob_store: BlobStore, name: str,
                                       content: bytes, error: type[Exception]):
    app = services.marketplace
    bid = request_quote(app, form_consortium(app).consortium)
    before = len(_stored(services, bid))
    with pytest.raises(error):
        app.attach_to_rfq(bid, [("good.pdf", io.BytesIO(documents.PDF)),
                                (name, io.BytesIO(content))])
    assert len(_stored(services, bid)) == before
    assert stored_blobs(blob_store) == []
    assert list_bid_documents(services.engine, bid) == []


def test_the_limits_come_from_the_settings(services: Services, blob_store: BlobStore):
    app = services.marketplace
    bid = request_quote(app, form_consortium(app).consortium)
    app.document_limits = (1024, 1500)
    with pytest.raises(DocumentTooLargeError):
        app.attach_to_rfq(bid, [("big.csv", io.BytesIO(documents.CSV * 30))])
    app.attach_to_rfq(bid, [("a.pdf", io.BytesIO(documents.PDF + b"\n" * 900))])
    with pytest.raises(DocumentTooLargeError, match="add up"):
        app.attach_to_rfq(bid, [("b.pdf", io.BytesIO(documents.PDF + b" " * 600))])
    assert len(stored_blobs(blob_store)) == 1


def test_files_are_attached_only_while_the_rfq_is_open(services: Services):
    app = services.marketplace
    bid = request_quote(app, form_consortium(app).consortium)
    with pytest.raises(BidStateError):
        app.attach_to_quote(bid, [("terms.pdf", io.BytesIO(documents.PDF))])
    app.decline_rfq(bid, "Outside our capacity this year.")
    with pytest.raises(BidStateError):
        app.attach_to_rfq(bid, [("late.pdf", io.BytesIO(documents.PDF))])


def test_a_snapshot_keeps_the_documents(services: Services):
    app = services.marketplace
    bid = request_quote(app, form_consortium(app).consortium)
    [drawing] = app.attach_to_rfq(bid, [("flange.pdf", io.BytesIO(documents.PDF))])
    app.take_snapshot(bid)
    app.repository.cache = None  # read back from the store, through the snapshot
    [kept] = app.get_bid(bid).documents
    assert (kept["document_id"], kept["name"], kept["attached_to"]) == (drawing, "flange.pdf",
                                                                        "rfq")
