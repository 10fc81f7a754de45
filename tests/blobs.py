"""Blob stores for tests: a directory of the test's own, and a bucket on a local S3 server.

The S3 server is moto in HTTP server mode, on a free port of this machine: the S3 adapter
talks to it over HTTP with boto3, as it would to any S3-compatible service.
"""

from __future__ import annotations

import socket
import uuid
from collections.abc import Iterator
from pathlib import Path

import boto3
import pytest
from moto.server import ThreadedMotoServer

from marketplace.documents.blobs import BlobStore, DiskBlobStore
from marketplace.documents.s3 import S3BlobStore

REGION = "us-east-1"
KEYS = {"access_key": "testing", "secret_key": "testing"}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="session")
def s3_endpoint() -> Iterator[str]:
    """A moto S3 server over HTTP on 127.0.0.1, for the whole session."""
    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    yield f"http://127.0.0.1:{port}"
    server.stop()


def new_bucket(endpoint: str) -> str:
    """An empty bucket of its own on the server."""
    name = f"blobs-{uuid.uuid4().hex[:12]}"
    boto3.client("s3", endpoint_url=endpoint, region_name=REGION,
                 aws_access_key_id="testing",
                 aws_secret_access_key="testing").create_bucket(Bucket=name)
    return name


def s3_store(endpoint: str, prefix: str = "consortia/docs") -> S3BlobStore:
    return S3BlobStore(new_bucket(endpoint), prefix, endpoint_url=endpoint, region=REGION,
                       **KEYS)


@pytest.fixture(params=["disk", "s3"])
def any_blob_store(request: pytest.FixtureRequest, tmp_path: Path) -> BlobStore:
    """The disk store, then the S3 store over HTTP: the same tests run on both."""
    if request.param == "disk":
        return DiskBlobStore(tmp_path / "blobs")
    return s3_store(request.getfixturevalue("s3_endpoint"))


def stored_blobs(store: BlobStore) -> list[str]:
    """Every blob kept, by digest: to check that a refusal kept nothing."""
    if isinstance(store, DiskBlobStore):
        return sorted(p.name for p in Path(store.root).glob("??/*"))
    assert isinstance(store, S3BlobStore)
    listed = store.client.list_objects_v2(Bucket=store.bucket)
    return sorted(item["Key"].rsplit("/", 1)[-1] for item in listed.get("Contents", []))
