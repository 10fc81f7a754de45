"""What a file is, read from its first bytes: never from its name.

`filetype` knows the images, PDF and ZIP; the CAD formats (STEP, IGES, DXF, DWG), the
old Excel workbook and CSV are recognised here by their own headers.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from typing import BinaryIO

import filetype

from marketplace.documents.blobs import chunks

HEAD_BYTES = 64 * 1024
OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_IMAGES = {"image/png", "image/jpeg", "image/tiff", "image/gif", "image/webp"}
_DXF = re.compile(rb"\A\s*(?:999\r?\n[^\n]*\n\s*)?0\r?\nSECTION\r?\n")
_DXF_BINARY = b"AutoCAD Binary DXF\r\n\x1a\x00"
_DWG = re.compile(rb"\AAC1\d{3}")
_STEP = re.compile(rb"\A(?:\xef\xbb\xbf)?\s*ISO-10303-21;")
_IGES_LINE = re.compile(r"\A.{72}S[ 0-9]{7}\Z")
_WORKBOOK = ("Workbook".encode("utf-16-le"), "Book".encode("utf-16-le"))
ODS = "application/vnd.oasis.opendocument.spreadsheet"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def head(stream: BinaryIO) -> bytes:
    stream.seek(0)
    data = stream.read(HEAD_BYTES)
    stream.seek(0)
    return data


def media_type(stream: BinaryIO) -> str | None:
    """The accepted media type the content shows, or None for anything else."""
    data = head(stream)
    if data.startswith(b"%PDF-"):
        return "application/pdf"
    if data.startswith(b"PK\x03\x04"):
        return _zip_kind(stream)
    if data.startswith(OLE2):
        return "application/vnd.ms-excel" if _has_workbook(stream) else None
    if _DWG.match(data):
        return "image/vnd.dwg"
    if data.startswith(_DXF_BINARY) or _DXF.match(data):
        return "image/vnd.dxf"
    if _STEP.match(data):
        return "model/step"
    guessed = filetype.guess_mime(data)
    if guessed in _IMAGES:
        return guessed
    text = _text(data)
    if text is None:
        return None
    if _iges(text):
        return "model/iges"
    return "text/csv" if _csv(text) else None


def _zip_kind(stream: BinaryIO) -> str | None:
    """A workbook (xlsx, ods) by its parts, else a plain ZIP; None if not a readable ZIP."""
    try:
        with zipfile.ZipFile(stream) as archive:
            names = set(archive.namelist())
            if "[Content_Types].xml" in names and "xl/workbook.xml" in names:
                return XLSX
            if ("mimetype" in names and archive.getinfo("mimetype").file_size < 100
                    and archive.read("mimetype").strip() == ODS.encode()):
                return ODS
            return "application/zip"
    except (zipfile.BadZipFile, OSError, EOFError, KeyError, ValueError,
            NotImplementedError, RuntimeError):
        return None
    finally:
        stream.seek(0)


def _has_workbook(stream: BinaryIO) -> bool:
    """Whether an OLE2 compound file holds an Excel workbook stream (not a Word file)."""
    stream.seek(0)
    tail = b""
    try:
        for chunk in chunks(stream):
            window = tail + chunk
            if any(name in window for name in _WORKBOOK):
                return True
            tail = window[-32:]
        return False
    finally:
        stream.seek(0)


def _text(data: bytes) -> str | None:
    """The head as text, if it is text: UTF-8, no control characters but tabs and breaks."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        if error.start < len(data) - 4:  # only a character cut at the head's end is fine
            return None
        text = data[:error.start].decode("utf-8")
    if any(ord(c) < 32 and c not in "\t\r\n" for c in text):
        return None
    return text.removeprefix("\ufeff")


def _iges(text: str) -> bool:
    """IGES: fixed 80-column records, the first in the Start section ('S' in column 73)."""
    first = text.split("\n", 1)[0].rstrip("\r")
    return bool(_IGES_LINE.match(first[:80].ljust(80) if len(first) >= 73 else first))


def _csv(text: str) -> bool:
    """A table: every sampled row splits into the same number (2 or more) of fields.

    Scripts and markup are not tables, whatever their commas.
    """
    if text.lstrip().startswith(("#!", "<", "{", "[")):
        return False
    lines = [line for line in text.splitlines()[:20] if line.strip()]
    if len(text) >= HEAD_BYTES - 4 and len(lines) > 1:
        lines = lines[:-1]  # the last line may be cut at the head's end
    if not lines:
        return False
    for delimiter in ",;\t":
        try:
            widths = {len(row) for row in csv.reader(io.StringIO("\n".join(lines)),
                                                     delimiter=delimiter, strict=True)}
        except csv.Error:
            continue
        if len(widths) == 1 and widths.pop() >= 2:
            return True
    return False
