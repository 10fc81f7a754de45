"""The blob store port: bytes kept under their SHA-256, written whole or not at all.

A blob's name is its content's digest, so the same drawing sent twice is kept once, and
a blob that no longer hashes to its name was altered (`verify`, `consortia audit verify`).
Writes stream through a temporary file while hashing, then rename: a reader never sees
half a file, and no upload is held in memory whole.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Protocol

CHUNK = 1024 * 1024
_DIGEST = re.compile(r"[0-9a-f]{64}")


class BlobMissingError(LookupError):
    """No blob is kept under that digest."""


class BlobTooLargeError(ValueError):
    """The stream ran past the size the caller allowed; nothing was kept."""


@dataclass(frozen=True)
class Stored:
    """What `put` kept: the content's SHA-256 (hex) and its size in bytes."""

    sha256: str
    size: int


class BlobStore(Protocol):
    """Where documents' bytes live; addressed by their SHA-256."""

    def put(self, stream: BinaryIO, limit: int | None = None) -> Stored: ...

    def open(self, sha256: str) -> BinaryIO: ...

    def exists(self, sha256: str) -> bool: ...

    def verify(self, sha256: str) -> bool:
        """Whether the blob is there and its bytes still hash to its name."""
        ...


def digest_name(sha256: str) -> str:
    """The digest, checked: 64 lower-case hex digits, so it can never name a path."""
    if not isinstance(sha256, str) or not _DIGEST.fullmatch(sha256):
        raise BlobMissingError(f"not a SHA-256 digest: {sha256!r}")
    return sha256


def chunks(stream: BinaryIO, size: int = CHUNK) -> Iterator[bytes]:
    """The stream's bytes, a chunk at a time."""
    while chunk := stream.read(size):
        yield chunk


def hash_stream(stream: BinaryIO) -> Stored:
    """The SHA-256 and size of what is left in the stream, read a chunk at a time."""
    sha, size = hashlib.sha256(), 0
    for chunk in chunks(stream):
        sha.update(chunk)
        size += len(chunk)
    return Stored(sha.hexdigest(), size)


@contextmanager
def spooled(stream: BinaryIO, directory: Path | None, limit: int | None
            ) -> Iterator[tuple[Path, Stored]]:
    """The stream copied to a temporary file while hashed; the file is gone afterwards."""
    if directory is not None:
        directory.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(prefix=".incoming-", dir=directory)
    path = Path(name)
    try:
        sha, size = hashlib.sha256(), 0
        with os.fdopen(handle, "wb") as out:
            for chunk in chunks(stream):
                size += len(chunk)
                if limit is not None and size > limit:
                    raise BlobTooLargeError(f"more than {limit} bytes")
                sha.update(chunk)
                out.write(chunk)
            out.flush()
            os.fsync(out.fileno())
        yield path, Stored(sha.hexdigest(), size)
    finally:
        path.unlink(missing_ok=True)


class DiskBlobStore:
    """Blobs as files under one directory, fanned out by the digest's first two digits."""

    def __init__(self, root: Path | str) -> None:
        self.root = Path(root)

    def _path(self, sha256: str) -> Path:
        name = digest_name(sha256)
        return self.root / name[:2] / name

    def put(self, stream: BinaryIO, limit: int | None = None) -> Stored:
        """Keep the stream's bytes; the same bytes kept twice are one file."""
        with spooled(stream, self.root / "tmp", limit) as (temporary, stored):
            target = self._path(stored.sha256)
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(temporary, target)
        return stored

    def open(self, sha256: str) -> BinaryIO:
        """The blob's bytes as a stream; BlobMissingError if none."""
        try:
            return self._path(sha256).open("rb")
        except FileNotFoundError:
            raise BlobMissingError(sha256) from None

    def exists(self, sha256: str) -> bool:
        try:
            return self._path(sha256).is_file()
        except BlobMissingError:
            return False

    def verify(self, sha256: str) -> bool:
        """Whether the file is there and still hashes to its name."""
        try:
            with self.open(sha256) as stream:
                return hash_stream(stream).sha256 == sha256
        except BlobMissingError:
            return False
