"""The blob store's contract, run against the disk store and the S3 store over HTTP."""

from __future__ import annotations

import hashlib
import io
import os

import pytest

from marketplace.documents.blobs import BlobMissingError, BlobStore, BlobTooLargeError
from marketplace.documents.s3 import S3BlobStore
from marketplace.documents.store import blob_store_from_settings
from marketplace.errors import ConfigurationError
from marketplace.settings import Settings
from tests.blobs import stored_blobs


def test_put_gives_the_digest_and_size_and_open_streams_the_bytes(any_blob_store: BlobStore):
    data = os.urandom(3 * 1024 * 1024 + 17)  # more than one chunk
    stored = any_blob_store.put(io.BytesIO(data))
    assert stored.sha256 == hashlib.sha256(data).hexdigest()
    assert stored.size == len(data)
    assert any_blob_store.exists(stored.sha256)
    with any_blob_store.open(stored.sha256) as stream:
        assert stream.read() == data
    assert any_blob_store.verify(stored.sha256)


def test_the_same_bytes_are_kept_once(any_blob_store: BlobStore):
    first = any_blob_store.put(io.BytesIO(b"drawing"))
    second = any_blob_store.put(io.BytesIO(b"drawing"))
    assert first == second
    assert stored_blobs(any_blob_store) == [first.sha256]


def test_a_missing_blob_is_missing(any_blob_store: BlobStore):
    absent = hashlib.sha256(b"never kept").hexdigest()
    assert not any_blob_store.exists(absent)
    assert not any_blob_store.verify(absent)
    with pytest.raises(BlobMissingError):
        any_blob_store.open(absent)


@pytest.mark.parametrize("name", ["../../etc/passwd", "ABCDEF" * 10 + "abcd", ""])
def test_a_name_that_is_not_a_digest_reaches_no_blob(any_blob_store: BlobStore, name: str):
    assert not any_blob_store.exists(name)
    with pytest.raises(BlobMissingError):
        any_blob_store.open(name)


def test_a_stream_over_the_limit_keeps_nothing(any_blob_store: BlobStore):
    with pytest.raises(BlobTooLargeError):
        any_blob_store.put(io.BytesIO(b"x" * 2048), limit=1024)
    assert stored_blobs(any_blob_store) == []


def test_verify_finds_bytes_changed_behind_the_store(any_blob_store: BlobStore):
    stored = any_blob_store.put(io.BytesIO(b"original bytes"))
    if isinstance(any_blob_store, S3BlobStore):
        any_blob_store.client.put_object(Bucket=any_blob_store.bucket,
                                         Key=any_blob_store._key(stored.sha256), Body=b"forged")
    else:
        (any_blob_store.root / stored.sha256[:2] / stored.sha256).write_bytes(b"forged")
    assert any_blob_store.exists(stored.sha256)
    assert not any_blob_store.verify(stored.sha256)


def test_settings_choose_the_store(tmp_path, s3_endpoint: str):
    disk = blob_store_from_settings(Settings(blob_url=str(tmp_path / "b")))
    assert not isinstance(disk, S3BlobStore)
    s3 = blob_store_from_settings(Settings(blob_url="s3://my-bucket/some/prefix",
                                           s3_endpoint_url=s3_endpoint))
    assert isinstance(s3, S3BlobStore)
    assert (s3.bucket, s3.prefix) == ("my-bucket", "some/prefix")


@pytest.mark.parametrize("url", ["s3://", "s3://A_B/x", "s3://b/../x", "http://x/y",
                                 "s3://bucket/p?x=1"])
def test_a_malformed_blob_url_is_refused(url: str):
    with pytest.raises(ConfigurationError):
        Settings.from_env({"CONSORTIA_BLOB_URL": url})


def test_the_environment_names_the_s3_store():
    settings = Settings.from_env({"CONSORTIA_BLOB_URL": "s3://docs/consortia",
                                  "CONSORTIA_S3_ENDPOINT_URL": "http://127.0.0.1:9000",
                                  "AWS_ACCESS_KEY_ID": "id", "AWS_SECRET_ACCESS_KEY": "key"})
    assert settings.blob_url == "s3://docs/consortia"
    assert settings.s3_endpoint_url == "http://127.0.0.1:9000"
    assert (settings.s3_access_key, settings.s3_secret_key) == ("id", "key")
    assert Settings.from_env({}).blob_url == "var/blobs"


def test_bootstrap_wires_the_store_the_settings_name(tmp_path, s3_endpoint: str):
    from marketplace.bootstrap import bootstrap
    from tests.blobs import KEYS, REGION, new_bucket

    bucket = new_bucket(s3_endpoint)
    settings = Settings(database_url=f"sqlite:///{tmp_path / 'c.db'}",
                        blob_url=f"s3://{bucket}/docs", s3_endpoint_url=s3_endpoint,
                        s3_region=REGION, s3_access_key=KEYS["access_key"],
                        s3_secret_key=KEYS["secret_key"], document_limit=2048,
                        rfq_documents_limit=4096)
    services = bootstrap(settings)
    try:
        assert services.blobs is services.marketplace.blobs
        assert isinstance(services.blobs, S3BlobStore) and services.blobs.bucket == bucket
        assert services.marketplace.document_limits == (2048, 4096)
        stored = services.marketplace.blobs.put(io.BytesIO(b"over http"))
        assert services.blobs.client.head_object(Bucket=bucket,
                                                 Key=f"docs/{stored.sha256[:2]}/{stored.sha256}")
    finally:
        services.close()
