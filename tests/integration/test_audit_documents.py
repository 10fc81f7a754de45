"""`consortia audit verify` also checks every recorded file's bytes against its SHA-256."""

from __future__ import annotations

import io

import pytest
from click.testing import CliRunner

from consortia.cli import main
from marketplace.audit.documents import verify_documents
from marketplace.bootstrap import Services
from marketplace.documents.blobs import BlobStore, DiskBlobStore
from marketplace.documents.s3 import S3BlobStore
from tests import documents
from tests.blobs import KEYS, REGION
from tests.story import form_consortium, request_quote


@pytest.fixture
def blob_store(any_blob_store: BlobStore) -> BlobStore:
    return any_blob_store


def _overwrite(store: BlobStore, sha256: str, data: bytes) -> None:
    if isinstance(store, S3BlobStore):
        store.client.put_object(Bucket=store.bucket, Key=store._key(sha256), Body=data)
    else:
        assert isinstance(store, DiskBlobStore)
        (store.root / sha256[:2] / sha256).write_bytes(data)


def _remove(store: BlobStore, sha256: str) -> None:
    if isinstance(store, S3BlobStore):
        store.client.delete_object(Bucket=store.bucket, Key=store._key(sha256))
    else:
        assert isinstance(store, DiskBlobStore)
        (store.root / sha256[:2] / sha256).unlink()


def _environment(store: BlobStore) -> dict[str, str]:
    if isinstance(store, S3BlobStore):
        return {"CONSORTIA_BLOB_URL": f"s3://{store.bucket}/{store.prefix}",
                "CONSORTIA_S3_ENDPOINT_URL": store.client.meta.endpoint_url,
                "AWS_ACCESS_KEY_ID": KEYS["access_key"],
                "AWS_SECRET_ACCESS_KEY": KEYS["secret_key"], "AWS_DEFAULT_REGION": REGION}
    assert isinstance(store, DiskBlobStore)
    return {"CONSORTIA_BLOB_URL": str(store.root)}


def test_verify_reports_each_damaged_file_and_carries_on(services: Services, store_url: str,
                                                         blob_store: BlobStore):
    app = services.marketplace
    formed = form_consortium(app)
    bid = request_quote(app, formed.consortium)
    ids = app.attach_to_rfq(bid, [("a.pdf", io.BytesIO(documents.PDF)),
                                  ("b.step", io.BytesIO(documents.STEP)),
                                  ("c.csv", io.BytesIO(documents.CSV))])
    events = {e.name: e for e in app.repository.event_store.get(bid)
              if type(e).__name__ == "DocumentAttached"}
    run = CliRunner().invoke(main, ["audit", "verify", "--database-url", store_url],
                             env=_environment(blob_store))
    assert run.exit_code == 0, run.output
    assert "files intact: 3 recorded files" in run.output

    _overwrite(blob_store, events["a.pdf"].sha256, b"%PDF-1.7 forged")
    _remove(blob_store, events["c.csv"].sha256)
    checked, problems = verify_documents(app, blob_store)
    assert checked == 3
    assert [(p.name, p.kind, p.document_id) for p in problems] == [
        ("a.pdf", "altered", str(ids[0])), ("c.csv", "missing", str(ids[2]))]
    run = CliRunner().invoke(main, ["audit", "verify", "--database-url", store_url],
                             env=_environment(blob_store))
    assert run.exit_code == 1
    assert "history intact" in run.output  # the events themselves are untouched
    assert "'a.pdf'" in run.output and "is altered" in run.output
    assert "'c.csv'" in run.output and "is missing" in run.output
    assert "files: 2 of 3 missing or altered" in run.output
