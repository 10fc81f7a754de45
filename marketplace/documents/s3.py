"""The blob store on S3-compatible object storage (`CONSORTIA_BLOB_URL=s3://bucket/prefix`).

Several machines share one bucket. Objects are named prefix/ab/abcdef… by their SHA-256,
and uploaded only once their bytes are hashed, so an object never holds other bytes
than its name says.
"""

from __future__ import annotations

from typing import Any, BinaryIO, cast

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError

from marketplace.documents.blobs import (
    BlobMissingError,
    Stored,
    digest_name,
    hash_stream,
    spooled,
)

_MISSING = {"404", "NoSuchKey", "NotFound"}


def _missing(error: ClientError) -> bool:
    return str(error.response.get("Error", {}).get("Code")) in _MISSING


class S3BlobStore:
    """Blobs as objects of one bucket, under a prefix."""

    def __init__(self, bucket: str, prefix: str = "", *, endpoint_url: str | None = None,
                 region: str | None = None, access_key: str | None = None,
                 secret_key: str | None = None, client: Any = None) -> None:
        self.bucket = bucket
        self.prefix = prefix.strip("/")
        self.client = client or boto3.client(
            "s3", endpoint_url=endpoint_url, region_name=region,
            aws_access_key_id=access_key, aws_secret_access_key=secret_key,
            config=Config(retries={"max_attempts": 3, "mode": "standard"}))

    def _key(self, sha256: str) -> str:
        name = digest_name(sha256)
        return "/".join(part for part in (self.prefix, name[:2], name) if part)

    def put(self, stream: BinaryIO, limit: int | None = None) -> Stored:
        """Hash the stream into a temporary file, then upload it unless already kept."""
        with spooled(stream, None, limit) as (temporary, stored):
            if not self.exists(stored.sha256):
                self.client.upload_file(str(temporary), self.bucket, self._key(stored.sha256))
        return stored

    def open(self, sha256: str) -> BinaryIO:
        """The object's bytes as a stream; BlobMissingError if none."""
        try:
            answer = self.client.get_object(Bucket=self.bucket, Key=self._key(sha256))
        except ClientError as error:
            if _missing(error):
                raise BlobMissingError(sha256) from None
            raise
        return cast(BinaryIO, answer["Body"])

    def exists(self, sha256: str) -> bool:
        try:
            self.client.head_object(Bucket=self.bucket, Key=self._key(sha256))
        except BlobMissingError:
            return False
        except ClientError as error:
            if _missing(error):
                return False
            raise
        return True

    def verify(self, sha256: str) -> bool:
        """Whether the object is there and its bytes still hash to its name."""
        try:
            stream = self.open(sha256)
        except BlobMissingError:
            return False
        try:
            return hash_stream(stream).sha256 == sha256
        finally:
            stream.close()
