"""Attachments through the API, two ways.

- `POST /api/v1/rfqs` as multipart: the RFQ as JSON in an `rfq` part, files in
  `documents` parts. The files are checked before the RFQ is stored, and attached to it
  right after.
- `POST /api/v1/rfqs/<token>/documents`, multipart with one or more `documents` parts,
  authorised by `Authorization: Bearer <tracking token>`. The path names the RFQ by its
  token or its id; the bearer token must be that RFQ's.
"""

from __future__ import annotations

import hmac
from decimal import Decimal
from typing import Any
from uuid import UUID

from flask import g, jsonify, request
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from domain.errors import DocumentTooLargeError, DomainError
from marketplace import bounded_json
from marketplace.bidding.tracking import find_tracked_request
from marketplace.documents.queries import list_bid_documents
from web import refusals
from web.api import api
from web.downloads import uploads
from web.extensions import services
from web.ratelimit import rate_limited

FIELD = "documents"
RFQ_PART = "rfq"
RFQ_PART_LIMIT = 256 * 1024  # as much as a JSON body may be (web.SPECIFICATION_LIMIT_BYTES)


def _bearer() -> str:
    scheme, _sep, token = request.headers.get("Authorization", "").partition(" ")
    return token.strip() if scheme.lower() == "bearer" else ""


def _refused(status: int, message: str, code: str | None = None) -> tuple[Response, int]:
    body: dict[str, Any] = {"error": message}
    if code:
        body["code"] = code
    response = jsonify(body)
    if status == 401:
        response.headers["WWW-Authenticate"] = 'Bearer realm="rfq"'
    return response, status


def multipart_rfq() -> dict[str, Any] | tuple[Response, int]:
    """The `rfq` part as the JSON body; the files checked now, attached by `attach_sent`."""
    part = request.files.get(RFQ_PART)
    raw = (part.stream.read(RFQ_PART_LIMIT) if part
           else request.form.get(RFQ_PART, "").encode("utf-8", "surrogatepass"))
    try:
        body = bounded_json.loads(raw, parse_float=Decimal)
    except ValueError:  # JsonTooDeepError and UnicodeDecodeError too
        return _refused(400, _("The “rfq” part must be the RFQ as a JSON object in UTF-8."))
    if not isinstance(body, dict):
        return _refused(400, _("The “rfq” part must be the RFQ as a JSON object in UTF-8."))
    try:
        g.rfq_documents = services().marketplace.check_documents(uploads(FIELD))
    except DomainError as refused:
        message = refusals.sentence(refusals.words(refused)) + "."
        if isinstance(refused, DocumentTooLargeError):
            return _refused(413, message, refused.code)
        # As the RFQ's other refusals: a message per field, the files' under `documents`.
        return jsonify(error=_("The request for quotation has errors; nothing was stored."),
                       errors={FIELD: message}, code=refused.code), 422
    return body


def attach_sent(bid_id: UUID) -> None:
    """Attach the files `multipart_rfq` checked to the RFQ just stored."""
    files = g.pop("rfq_documents", None)
    if files:
        services().marketplace.attach_to_rfq(bid_id, files)


def described(row: dict[str, Any]) -> dict[str, Any]:
    """A document as the API shows it: never its bytes' address."""
    return {"id": row["document_id"], "name": row["name"], "size": row["size"],
            "media_type": row["media_type"], "sha256": row["sha256"],
            "attached_to": row["attached_to"]}


@api.post("/rfqs/<rfq>/documents")
@rate_limited
def upload_documents(rfq: str) -> tuple[Response, int]:
    """Attach files to the RFQ: 201 with its files, 413 or 422 if one is refused."""
    token = _bearer()
    if not token:
        return _refused(401, _("Send the RFQ's tracking token as a bearer token."))
    tracked = find_tracked_request(services().engine, token)
    if tracked is None or not (hmac.compare_digest(rfq.encode(), token.encode())
                               or rfq == str(tracked["bid_id"])):
        return _refused(404, _("No request for quotation has this tracking token."))
    files = uploads(FIELD)
    if not files:
        return _refused(422, _("Send at least one file in a multipart part named "
                               "“documents”."))
    try:
        services().marketplace.attach_to_rfq(tracked["bid_id"], files)
    except DomainError as refused:
        status = 413 if isinstance(refused, DocumentTooLargeError) else 422
        return _refused(status, refusals.sentence(refusals.words(refused)) + ".",
                        refused.code)
    rows = list_bid_documents(services().engine, tracked["bid_id"])
    return jsonify(documents=[described(row) for row in rows]), 201
