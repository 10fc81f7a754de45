"""The verify check's page reads back every recorded file and names each damaged one with
where it belongs: an RFQ or a quote, a consortium's or a membership's documents area, a
meeting's minutes. A reader of one agency sees only its own records' files.

On SQLite and PostgreSQL, each with the disk and the S3 blob store.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from flask.testing import FlaskClient

from marketplace.bootstrap import Services, bootstrap
from marketplace.documents.blobs import BlobStore
from marketplace.ports import SteppingClock
from tests.recorded_files import files_everywhere, overwrite, remove
from tests.story import register_agency
from tests.web.audit_world import run_check
from tests.web.signin import sign_in
from tests.web.test_pages_translated import missing  # noqa: F401 - a fixture, used by name

VERIFY = "/workspace/audit/verify"
ROW = re.compile(r'<tr class="damaged-file" data-place="(\w+)">(.*?)</tr>', re.S)


@pytest.fixture
def blob_store(any_blob_store: BlobStore) -> BlobStore:
    return any_blob_store


@pytest.fixture
def services(store_url: str, clock: SteppingClock, blob_store: BlobStore) -> Iterator[Services]:
    built = bootstrap(store_url, clock=clock, blobs=blob_store)
    yield built
    built.close()


@pytest.fixture
def made(services: Services) -> dict[str, Any]:
    register_agency(services.marketplace, "SODERCAN", "ES-CB")
    made = files_everywhere(services.marketplace)
    made["asturias"] = register_agency(services.marketplace, "IDEPA", "ES-AS")
    return made


def _damage(blob_store: BlobStore, made: dict[str, Any]) -> None:
    remove(blob_store, made["statutes"])
    overwrite(blob_store, made["iso"], b"%PDF-1.7 forged")
    remove(blob_store, made["minutes"])
    overwrite(blob_store, made["terms"], b"forged,terms")


def test_an_intact_store_says_every_file_matches(
        client: FlaskClient, services: Services, made: dict[str, Any]) -> None:
    sign_in(client, services, "auditor")
    page = run_check(client, services, VERIFY)
    assert "The history is intact." in page
    assert "The recorded files are intact." in page and "5 files match their SHA-256" in page
    assert 'class="damaged-file"' not in page


def test_each_damaged_file_is_listed_with_its_place_and_record(
        client: FlaskClient, services: Services, blob_store: BlobStore,
        made: dict[str, Any]) -> None:
    _damage(blob_store, made)
    sign_in(client, services, "auditor")
    page = run_check(client, services, VERIFY)
    assert "The history is intact." in page  # the events are untouched; the files are not
    assert "4 of 5 recorded files are missing or altered." in page
    rows = dict(ROW.findall(page))
    assert list(rows) == ["quote", "consortium", "membership", "minutes"]
    consortium = made["formed"].consortium
    record = '<a href="/workspace/audit/aggregates/{}"'
    assert "Quote" in rows["quote"] and "terms.csv" in rows["quote"]
    assert record.format(made["bid"]) in rows["quote"] and "altered" in rows["quote"]
    assert "Consortium documents" in rows["consortium"] and "statutes.pdf" in rows["consortium"]
    assert record.format(consortium) in rows["consortium"]
    assert "Metal Export Consortium" in rows["consortium"] and "missing" in rows["consortium"]
    assert "Membership documents" in rows["membership"] and "iso.pdf" in rows["membership"]
    assert record.format(made["membership"]) in rows["membership"]
    assert "altered" in rows["membership"]
    assert "removed from its area since" in rows["membership"]
    assert "removed" not in rows["consortium"]
    assert "Meeting minutes" in rows["minutes"] and "acta.pdf" in rows["minutes"]
    assert str(made["meeting"]) in rows["minutes"] and record.format(consortium) in rows[
        "minutes"]
    assert made["minutes"] in rows["minutes"]  # the SHA-256 the history recorded
    # Without htmx the job's own page shows the same, and so does the check's form page.
    assert 'data-place="minutes"' in client.get(VERIFY).get_data(as_text=True)


@pytest.mark.parametrize(("language", "words"), [
    ("es", ("Documentos del consorcio", "Acta de reunión", "desaparecido",
            "4 de 5 archivos registrados han desaparecido")),
    ("fr", ("Documents du consortium", "Procès-verbal de réunion", "manquant",
            "4 fichiers enregistrés sur 5 sont manquants")),
    ("de", ("Dokumente des Konsortiums", "Sitzungsprotokoll", "fehlt",
            "4 von 5 erfassten Dateien fehlen"))])
def test_the_damaged_files_are_worded_in_the_page_language(
        client: FlaskClient, services: Services, blob_store: BlobStore,
        made: dict[str, Any], language: str, words: tuple[str, ...],
        missing: set[str]) -> None:  # noqa: F811 - the fixture imported above
    _damage(blob_store, made)
    sign_in(client, services, "auditor")
    run_check(client, services, VERIFY)
    page = client.get(VERIFY, headers={"Accept-Language": language}).get_data(as_text=True)
    assert f'<html lang="{language}">' in page
    for word in words:
        assert word in page, (language, word)
    assert sorted(missing) == [], f"untranslated in {language}"


def test_a_reader_of_another_agency_sees_only_a_count(
        client: FlaskClient, services: Services, blob_store: BlobStore,
        made: dict[str, Any]) -> None:
    _damage(blob_store, made)
    sign_in(client, services, "auditor", str(made["asturias"]))
    page = run_check(client, services, VERIFY)
    assert "4 of 5 recorded files are missing or altered." in page
    assert "4 more damaged files are not listed here." in page
    assert 'class="damaged-file"' not in page
    for theirs in ("statutes.pdf", "iso.pdf", "acta.pdf", "Metal Export Consortium",
                   str(made["formed"].consortium)):
        assert theirs not in page
