"""Documents out and in: served as attachments, and uploads let past the body limit.

A document goes out as `Content-Disposition: attachment` with its recorded media type and
`nosniff`, streamed from the blob store: a browser saves it and never renders it as a page
of this site. Only the views that take files accept a body larger than a form's.
"""

from __future__ import annotations

import unicodedata
from typing import Any
from urllib.parse import quote

from flask import Flask, abort, request
from flask_babel import format_decimal
from flask_babel import gettext as _
from werkzeug.datastructures import FileStorage
from werkzeug.wrappers import Response

from marketplace.documents.blobs import BlobMissingError, chunks
from marketplace.documents.queries import find_document
from marketplace.errors import NotFoundError
from web.extensions import services

# The views that take files: their body may be as large as an RFQ's files, and a little.
UPLOAD_ENDPOINTS = frozenset({"rfq.send", "rfq.attach_more", "desk.attach_documents",
                              "api.upload_documents", "api.create_rfq",
                              "agency.attach_minutes",
                              "desk.upload_consortium_document", "member.upload_document"})
FORM_MARGIN_BYTES = 1024 * 1024  # the form's fields and the multipart boundaries
UPLOAD_FIELD = "documents"


def init_app(app: Flask) -> None:
    """Raise the body limit for the upload views, before anything reads the form."""

    app.jinja_env.globals["document_size"] = document_size

    @app.before_request
    def _upload_limit() -> None:
        # Only multipart bodies: a JSON body is read whole, and stays as small as a form.
        if request.endpoint in UPLOAD_ENDPOINTS and request.mimetype == "multipart/form-data":
            request.max_content_length = body_limit()


def document_size(size: int) -> str:
    """A file's size as the page's language writes it: 2.4 MB, 180 KB."""
    if size >= 1024 * 1024:
        return _("%(size)s MB", size=format_decimal(round(size / (1024 * 1024), 1)))
    return _("%(size)s KB", size=format_decimal(max(1, round(size / 1024))))


def body_limit() -> int:
    """The largest body an upload view reads: an RFQ's files together, and the form."""
    return int(services().marketplace.document_limits[1]) + FORM_MARGIN_BYTES


def uploads(field: str = UPLOAD_FIELD) -> list[tuple[str, Any]]:
    """The files sent in a multipart field, with the names their senders gave."""
    files: list[FileStorage] = request.files.getlist(field)
    return [(f.filename or "", f.stream) for f in files if f.filename or f.content_length]


def document_or_404(bid_id: str, document_id: str) -> dict[str, Any]:
    """The bid's document, or 404 for any other id."""
    try:
        return find_document(services().engine, bid_id, document_id)
    except NotFoundError:
        abort(404)


def disposition(name: str) -> str:
    """`attachment` with the name twice (RFC 6266): ASCII for old clients, UTF-8 for all."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    plain = "".join(c for c in plain if c.isprintable() and c not in '"\\;') or "document"
    return f"attachment; filename=\"{plain}\"; filename*=UTF-8''{quote(name, safe='')}"


def send_document(document: dict[str, Any]) -> Response:
    """The document's bytes, streamed, as an attachment of its recorded media type."""
    try:
        stream = services().marketplace.open_document(document["sha256"])
    except BlobMissingError:
        abort(404)

    response = Response(chunks(stream, 64 * 1024), mimetype=document["media_type"],
                        direct_passthrough=True)
    response.call_on_close(stream.close)  # also when no body is sent (HEAD)
    response.headers["Content-Disposition"] = disposition(document["name"])
    response.headers["Content-Length"] = str(document["size"])
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Cache-Control"] = "private, no-store"
    return response
