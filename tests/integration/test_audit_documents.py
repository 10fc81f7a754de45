"""`consortia audit verify` also checks every recorded file's bytes against its SHA-256:
an RFQ's and a quote's, a consortium's and a membership's documents area's, a meeting's
minutes. On SQLite and PostgreSQL, each with the disk and the S3 blob store."""

from __future__ import annotations

import io

import pytest
from click.testing import CliRunner

from consortia.cli import main
from marketplace.audit.documents import verify_documents
from marketplace.audit.jobs import DONE
from marketplace.audit.runner import JobRunner
from marketplace.bootstrap import Services
from marketplace.documents.blobs import BlobStore, DiskBlobStore
from marketplace.documents.s3 import S3BlobStore
from tests import documents
from tests.blobs import KEYS, REGION
from tests.recorded_files import files_everywhere, overwrite, remove
from tests.story import form_consortium, request_quote


@pytest.fixture
def blob_store(any_blob_store: BlobStore) -> BlobStore:
    return any_blob_store


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

    overwrite(blob_store, events["a.pdf"].sha256, b"%PDF-1.7 forged")
    remove(blob_store, events["c.csv"].sha256)
    checked, problems = verify_documents(app, blob_store)
    assert checked == 3
    assert [(p.name, p.kind, p.document_id, p.place, p.record_id) for p in problems] == [
        ("a.pdf", "altered", str(ids[0]), "rfq", str(bid)),
        ("c.csv", "missing", str(ids[2]), "rfq", str(bid))]
    run = CliRunner().invoke(main, ["audit", "verify", "--database-url", store_url],
                             env=_environment(blob_store))
    assert run.exit_code == 1
    assert "history intact" in run.output  # the events themselves are untouched
    assert f"(RFQ {bid}): file 'a.pdf' ({ids[0]}) is altered" in run.output
    assert f"(RFQ {bid}): file 'c.csv' ({ids[2]}) is missing" in run.output
    assert "files: 2 of 3 missing or altered (2 in RFQs)" in run.output


def test_every_recorded_file_is_checked_and_each_damage_named_with_its_place(
        services: Services, store_url: str, blob_store: BlobStore):
    app = services.marketplace
    made = files_everywhere(app)
    consortium = str(made["formed"].consortium)
    checked, problems = verify_documents(app, blob_store)
    assert (checked, problems) == (5, [])  # an intact store: nothing reported
    run = CliRunner().invoke(main, ["audit", "verify", "--database-url", store_url],
                             env=_environment(blob_store))
    assert run.exit_code == 0, run.output
    assert "files intact: 5 recorded files" in run.output

    # Each place damaged once, removed and altered in turn; the RFQ's file stays intact.
    remove(blob_store, made["statutes"])
    overwrite(blob_store, made["iso"], b"%PDF-1.7 forged")
    remove(blob_store, made["minutes"])
    overwrite(blob_store, made["terms"], b"forged,terms")
    checked, problems = verify_documents(app, blob_store)
    assert checked == 5
    found = {p.place: p for p in problems}
    assert [p.place for p in problems] == ["quote", "consortium", "membership", "minutes"]
    assert (found["quote"].record_id, found["quote"].name, found["quote"].kind) == (
        str(made["bid"]), "terms.csv", "altered")
    assert (found["consortium"].record_id, found["consortium"].document_id,
            found["consortium"].name, found["consortium"].kind) == (
        consortium, str(made["area"]), "statutes.pdf", "missing")
    assert (found["membership"].record_id, found["membership"].document_id,
            found["membership"].kind, found["membership"].removed) == (
        str(made["membership"]), str(made["certificate"]), "altered", True)
    assert (found["minutes"].record_id, found["minutes"].meeting_id,
            found["minutes"].document_id, found["minutes"].name, found["minutes"].kind) == (
        consortium, str(made["meeting"]), None, "acta.pdf", "missing")
    assert not found["consortium"].removed and not found["minutes"].removed

    run = CliRunner().invoke(main, ["audit", "verify", "--database-url", store_url],
                             env=_environment(blob_store))
    assert run.exit_code == 1
    assert "history intact" in run.output
    lines = [line for line in run.output.splitlines() if line.startswith("file damaged")]
    assert len(lines) == 4
    assert f"(quote of RFQ {made['bid']}): file 'terms.csv'" in lines[0]
    assert lines[0].endswith(f"is altered: SHA-256 {made['terms']}")
    assert (f"(documents of consortium {consortium}): file 'statutes.pdf' ({made['area']}) "
            "is missing") in lines[1]
    assert (f"(documents of membership {made['membership']}): file 'iso.pdf' "
            f"({made['certificate']}) (removed from its area since) is altered") in lines[2]
    assert (f"(minutes of meeting {made['meeting']} of consortium {consortium}): "
            "file 'acta.pdf' is missing") in lines[3]
    assert ("files: 4 of 5 missing or altered (1 in quotes, 1 in consortia's documents, "
            "1 in memberships' documents, 1 in meeting minutes)") in run.output


def test_the_verify_job_checks_the_files_after_the_chain(services: Services,
                                                         blob_store: BlobStore):
    """The auditor's pages run the same check as a job: its result lists the damaged files,
    and its progress runs over the chain's positions, then the files."""
    app = services.marketplace
    made = files_everywhere(app)
    remove(blob_store, made["statutes"])
    job_id = services.audit_jobs.request("verify", {"expect": ""}, "auditor")
    assert JobRunner(services, services.audit_jobs).run_once() is not None
    job = services.audit_jobs.find(job_id)
    assert job is not None and job.status == DONE and job.result["intact"] is True
    files = job.result["files"]
    assert (files["checked"], files["damaged_count"]) == (5, 1)
    [damaged] = files["damaged"]
    assert (damaged["place"], damaged["record_id"], damaged["document_id"], damaged["name"],
            damaged["kind"], damaged["sha256"]) == (
        "consortium", str(made["formed"].consortium), str(made["area"]), "statutes.pdf",
        "missing", made["statutes"])
    last = app.recorder.max_notification_id()
    assert (job.done, job.total) == (last + 5, last + 5)
