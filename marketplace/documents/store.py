"""Choosing the blob store the settings name: a directory, or an S3 bucket with a prefix."""

from __future__ import annotations

from urllib.parse import urlsplit

from marketplace.documents.blobs import BlobStore, DiskBlobStore
from marketplace.settings import Settings, blob_url


def blob_store_from_settings(settings: Settings) -> BlobStore:
    """The disk store under the settings' directory, or the S3 store its s3:// URL names."""
    url = blob_url(settings.blob_url)  # fails closed on a malformed URL, however it came
    if not url.startswith("s3://"):
        return DiskBlobStore(url)
    from marketplace.documents.s3 import S3BlobStore  # boto3 only where S3 is used

    parts = urlsplit(url)
    return S3BlobStore(parts.netloc, parts.path, endpoint_url=settings.s3_endpoint_url,
                       region=settings.s3_region, access_key=settings.s3_access_key,
                       secret_key=settings.s3_secret_key)
