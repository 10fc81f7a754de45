"""The files the marketplace keeps: their kinds, their names, their size.

A file's type is what its content shows (sniff.py), never what its name says; its name is
kept cleaned, with the extension of the type found.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import BinaryIO

from domain.errors import DocumentRefusedError, DocumentTooLargeError
from marketplace.documents import sniff, zips
from marketplace.documents.blobs import hash_stream

NAME_LIMIT = 120
# Each accepted media type, with its extensions (the first is given to names without one).
KINDS: dict[str, tuple[str, ...]] = {
    "application/pdf": (".pdf",),
    "image/png": (".png",),
    "image/jpeg": (".jpg", ".jpeg"),
    "image/tiff": (".tif", ".tiff"),
    "image/gif": (".gif",),
    "image/webp": (".webp",),
    "image/vnd.dxf": (".dxf",),
    "image/vnd.dwg": (".dwg",),
    "model/step": (".step", ".stp"),
    "model/iges": (".igs", ".iges"),
    sniff.XLSX: (".xlsx",),
    "application/vnd.ms-excel": (".xls",),
    sniff.ODS: (".ods",),
    "text/csv": (".csv",),
    "application/zip": (".zip",),
}
ARCHIVES = {"application/zip", sniff.XLSX, sniff.ODS}
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class CheckedFile:
    """A file fit to keep: its cleaned name, media type, size and SHA-256."""

    name: str
    media_type: str
    size: int
    sha256: str
    stream: BinaryIO


def size_words(size: int) -> str:
    """A size as people read it: 25 MB, 512 KB."""
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.0f} MB"
    return f"{max(size, 1) / 1024:.0f} KB"


def clean_name(name: str, media_type: str) -> str:
    """The name without control characters, bounded, ending with its type's extension.

    A name with a folder in it never comes from a browser: it is refused, not trimmed.
    """
    raw = unicodedata.normalize("NFC", str(name or ""))
    if "/" in raw or "\\" in raw or raw.strip() in (".", ".."):
        raise DocumentRefusedError("a file's name may not hold a path (%(name)s)",
                                   name=raw[:100])
    shown = "".join(c for c in raw if unicodedata.category(c)[0] != "C")
    shown = _SPACES.sub(" ", shown).strip(" .")
    stem, dot, extension = shown.rpartition(".")
    if not dot:
        stem, extension = shown, ""
    allowed = KINDS[media_type]
    if f".{extension.lower()}" not in allowed:
        stem, extension = shown, allowed[0].lstrip(".")
    stem = (stem.strip(" .") or "document")[:NAME_LIMIT - len(extension) - 1].rstrip(" .")
    return f"{stem or 'document'}.{extension.lower()}"


def _size(stream: BinaryIO) -> int:
    stream.seek(0, 2)
    size = stream.tell()
    stream.seek(0)
    return size


def check_file(name: str, stream: BinaryIO, limit: int) -> CheckedFile:
    """The file as it will be kept, or DocumentRefusedError saying why not.

    The stream must be seekable (an upload spooled to disk); it is read, not kept.
    """
    size = _size(stream)
    if size > limit:
        raise DocumentTooLargeError("%(name)s is larger than %(limit)s",
                                    name=str(name)[:100], limit=size_words(limit))
    if size == 0:
        raise DocumentRefusedError("%(name)s is empty", name=str(name)[:100])
    kind = sniff.media_type(stream)
    if kind is None:
        raise DocumentRefusedError(
            "%(name)s is not a PDF, an image, a drawing (DXF, DWG, STEP, IGES), a "
            "spreadsheet or a ZIP archive", name=str(name)[:100])
    cleaned = clean_name(name, kind)
    if kind in ARCHIVES:
        zips.check_archive(stream, limit)
    stream.seek(0)
    digest = hash_stream(stream)
    stream.seek(0)
    return CheckedFile(cleaned, kind, digest.size, digest.sha256, stream)
