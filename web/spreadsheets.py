"""Tables people open in a spreadsheet: CSV and XLSX downloads, streamed.

Every export goes through `download`: a header row in the page's language, then the rows
as they are read. CSV is written line by line as the rows come; XLSX is written by
openpyxl's write-only workbook into a temporary file (spilled to disk past a few MB) and
streamed from there.

A text cell that a spreadsheet would read as a formula (it starts with =, +, -, @, a tab
or a carriage return) gets a leading apostrophe, so a name typed by someone else never
runs in the reader's spreadsheet. Numbers and dates stay numbers and dates.
"""

from __future__ import annotations

import csv
import io
import re
import tempfile
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from flask import abort, stream_with_context
from flask_babel import gettext as _
from openpyxl import Workbook
from werkzeug.wrappers import Response

FORMATS = ("csv", "xlsx")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_CHUNK = 64 * 1024


def safe_cell(value: Any) -> Any:
    """A value as a spreadsheet cell: text that would run as a formula is quoted."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, int | float | Decimal | date):
        if isinstance(value, datetime) and value.tzinfo is not None:
            return value.replace(tzinfo=None)  # spreadsheets keep no zone: all times are UTC
        return value
    text = str(value)
    return f"'{text}" if text.startswith(_FORMULA_START) else text


def file_name(name: str) -> str:
    """A name any browser and header takes: ASCII letters, digits, dots and dashes."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^A-Za-z0-9._-]+", "-", plain).strip("-.")[:80] or "export"


def download(name: str, fmt: str, header: Sequence[str], rows: Iterable[Sequence[Any]],
             sheet: str | None = None) -> Response:
    """The table as `name`.csv or `name`.xlsx, streamed; another format is a 404."""
    if fmt not in FORMATS:
        abort(404)
    disposition = {"Content-Disposition": f'attachment; filename="{file_name(name)}.{fmt}"',
                   "Cache-Control": "no-store"}
    if fmt == "csv":
        return Response(stream_with_context(_csv(header, rows)),
                        mimetype="text/csv", headers=disposition)
    return Response(stream_with_context(_xlsx(header, rows, sheet or name)), mimetype=XLSX,
                    headers=disposition)


def _csv(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> Iterator[str]:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    for row in rows:
        writer.writerow([_csv_text(safe_cell(value)) for value in row])
        if buffer.tell() >= _CHUNK:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def _csv_text(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat(sep=" ", timespec="seconds")
    return value


def _xlsx(header: Sequence[str], rows: Iterable[Sequence[Any]], sheet: str) -> Iterator[bytes]:
    book = Workbook(write_only=True)
    table = book.create_sheet(title=sheet[:31])
    table.append(list(header))
    for row in rows:
        table.append([safe_cell(value) for value in row])
    with tempfile.SpooledTemporaryFile(max_size=8 * 1024 * 1024) as out:
        book.save(out)
        out.seek(0)
        while chunk := out.read(_CHUNK):
            yield chunk
