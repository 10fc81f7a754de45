"""Attachments through the API, two ways, answered as the rest of the API answers.

- `POST /api/v1/rfqs` as multipart: the RFQ as JSON in an `rfq` part, files in
  `documents` parts. The RFQ part is checked as a JSON body is (web/api/validation.py),
  then the files, all before the RFQ is stored; the files are attached right after.
- `POST /api/v1/rfqs/<rfq>/documents`, multipart with one or more `documents` parts,
  authorised by the tracking token as a bearer (web/api/bearer.py: 401 for no token or
  one that opens nothing). The path names the RFQ by its token or its id; a path naming
  another RFQ than the one the token opens is a 404, as a request it cannot see.

Every refusal is a problem (web/problems.py); a refused file's says why under
`errors.documents`, and its `code` is the rule's (`document_refused`...).
"""

from __future__ import annotations

import hmac
from decimal import Decimal
from typing import Any
from uuid import UUID

from flask import g, jsonify, request
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from domain.errors import DocumentTooLargeError, DomainError, InvalidValueError
from marketplace import bounded_json
from marketplace.documents.queries import list_bid_documents
from web import refusals
from web.api import api, validation
from web.api.bearer import bearer_token, tracked_by_bearer
from web.downloads import uploads
from web.extensions import services
from web.problems import problem, refusal_problem
from web.ratelimit import rate_limited

FIELD = "documents"
RFQ_PART = "rfq"
RFQ_PART_LIMIT = 256 * 1024  # as much as a JSON body may be (web.SPECIFICATION_LIMIT_BYTES)
MULTIPART = "multipart/form-data"


def _unknown_parts(*known: str) -> Response | None:
    """The 422 for parts the API does not name, as for a JSON body's unknown fields."""
    unknown = sorted((set(request.form) | set(request.files)) - set(known))
    return validation.unknown_fields(unknown) if unknown else None


def multipart_rfq() -> dict[str, Any] | tuple[Response, int]:
    """The `rfq` part as the JSON body; its files are checked by `check_sent`."""
    unknown = _unknown_parts(RFQ_PART, FIELD)
    if unknown is not None:
        return unknown, unknown.status_code
    part = request.files.get(RFQ_PART)
    raw = (part.stream.read(RFQ_PART_LIMIT) if part
           else request.form.get(RFQ_PART, "").encode("utf-8", "surrogatepass"))
    try:
        body = bounded_json.loads(raw, parse_float=Decimal)
    except ValueError:  # JsonTooDeepError and UnicodeDecodeError too
        body = None
    if not isinstance(body, dict):
        return problem(400, _("The “rfq” part must be the RFQ as a JSON object in UTF-8.")), 400
    return body


def _file_refusal(refusal: DomainError) -> Response:
    """413 for too many bytes, 422 for a file refused, 409 for the RFQ's state."""
    if isinstance(refusal, DocumentTooLargeError):
        status = 413
    else:
        status = 422 if isinstance(refusal, InvalidValueError) else 409
    message = refusals.sentence(refusals.words(refusal)) + "."
    return refusal_problem(status, refusal, errors={FIELD: message})


def check_sent() -> Response | None:
    """Check the files sent with a multipart RFQ, for `attach_sent`; the refusal if any."""
    if request.mimetype != MULTIPART:
        return None
    try:
        g.rfq_documents = services().marketplace.check_documents(uploads(FIELD))
    except DomainError as refusal:
        return _file_refusal(refusal)
    return None


def attach_sent(bid_id: UUID) -> None:
    """Attach the files `check_sent` checked to the RFQ just stored."""
    files = g.pop("rfq_documents", None)
    if files:
        services().marketplace.attach_to_rfq(bid_id, files)


def described(row: dict[str, Any]) -> dict[str, Any]:
    """A document as the API shows it: never its bytes' address."""
    return {"id": row["document_id"], "name": row["name"], "size": row["size"],
            "media_type": row["media_type"], "sha256": row["sha256"],
            "attached_to": row["attached_to"]}


def _names(rfq: str, tracked: dict[str, Any]) -> bool:
    """Whether the path's `rfq` is the tracked request's token or id."""
    given = rfq.encode("utf-8", "replace")
    return (hmac.compare_digest(given, bearer_token().encode("utf-8", "replace"))
            or rfq == str(tracked["bid_id"]))


@api.post("/rfqs/<rfq>/documents")
@rate_limited
def upload_documents(rfq: str) -> Response:
    """Attach files to the RFQ: 201 with its files, 413 or 422 if one is refused."""
    tracked = tracked_by_bearer()
    if isinstance(tracked, Response):
        return tracked
    if not _names(rfq, tracked):
        return problem(404, _("The bearer token does not open the request this path names."),
                       code="rfq_not_found", params={})
    if request.mimetype != MULTIPART:
        return problem(415, _("Send the files as multipart/form-data, in parts named "
                              "“documents”."))
    unknown = _unknown_parts(FIELD)
    if unknown is not None:
        return unknown
    files = uploads(FIELD)
    if not files:
        message = _("Send at least one file in a multipart part named “documents”.")
        return problem(422, message, code="invalid_fields", params={"fields": [FIELD]},
                       errors={FIELD: message})
    try:
        services().marketplace.attach_to_rfq(tracked["bid_id"], files)
    except DomainError as refusal:
        return _file_refusal(refusal)
    rows = list_bid_documents(services().engine, tracked["bid_id"])
    answer = jsonify(documents=[described(row) for row in rows])
    answer.status_code = 201
    return answer
