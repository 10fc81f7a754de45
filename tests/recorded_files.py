"""Files recorded in every place the history keeps them, and damage done to their blobs
behind the application's back: for the tests of the auditor's check of documents."""

from __future__ import annotations

import hashlib
import io
from typing import Any

from marketplace.documents.blobs import BlobStore, DiskBlobStore
from marketplace.documents.s3 import S3BlobStore
from tests import documents
from tests.story import form_consortium, request_quote, submit_full_quote


def overwrite(store: BlobStore, sha256: str, data: bytes) -> None:
    """Put other bytes under a blob's name, as someone with access to the store could."""
    if isinstance(store, S3BlobStore):
        store.client.put_object(Bucket=store.bucket, Key=store._key(sha256), Body=data)
    else:
        assert isinstance(store, DiskBlobStore)
        (store.root / sha256[:2] / sha256).write_bytes(data)


def remove(store: BlobStore, sha256: str) -> None:
    """Delete a blob, as someone with access to the store could."""
    if isinstance(store, S3BlobStore):
        store.client.delete_object(Bucket=store.bucket, Key=store._key(sha256))
    else:
        assert isinstance(store, DiskBlobStore)
        (store.root / sha256[:2] / sha256).unlink()


def files_everywhere(app: Any, slug: str = "metal", agency: str = "SODERCAN") -> dict[str, Any]:
    """An RFQ with a file, its quote with one, a file in the consortium's documents area,
    one in a membership's (later removed), and a meeting's minutes: different bytes each."""
    formed = form_consortium(app, slug, agency=agency)
    bid = request_quote(app, formed.consortium)
    app.attach_to_rfq(bid, [("drawing.step", io.BytesIO(documents.STEP))])
    submit_full_quote(app, formed, bid)
    app.attach_to_quote(bid, [("terms.csv", io.BytesIO(documents.CSV))])
    area = app.upload_area_document("consortium", formed.consortium,
                                    ("statutes.pdf", io.BytesIO(documents.PDF + b"statutes")),
                                    kind="contract", title="Statutes")
    membership = formed.memberships[0]
    certificate = app.upload_area_document(
        "membership", membership, ("iso.pdf", io.BytesIO(documents.PDF + b"iso")),
        kind="certificate", title="ISO 9001", certificate="ISO 9001")
    app.remove_area_document("membership", membership, certificate, "Sent by mistake.")
    meeting = app.plan_meeting(formed.consortium, app.clock.now().date(), "Kick-off")
    app.hold_meeting(formed.consortium, meeting, formed.companies[:2])
    minutes = app.attach_minutes(formed.consortium, meeting,
                                 ("acta.pdf", io.BytesIO(documents.PDF + b"acta")))
    digests = {e.name: e.sha256 for e in app.repository.event_store.get(bid)
               if type(e).__name__ == "DocumentAttached"}
    return {"formed": formed, "bid": bid, "area": area, "membership": membership,
            "certificate": certificate, "meeting": meeting, "minutes": minutes,
            "drawing": digests["drawing.step"], "terms": digests["terms.csv"],
            "statutes": hashlib.sha256(documents.PDF + b"statutes").hexdigest(),
            "iso": hashlib.sha256(documents.PDF + b"iso").hexdigest()}
