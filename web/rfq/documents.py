"""The buyer's files: checked with the form, attached to the new RFQ or later from the
tracking page, downloaded by token."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from flask import abort, flash, redirect, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from domain.errors import DocumentRefusedError, DocumentTooLargeError, DomainError
from marketplace.bidding.tracking import find_tracked_request
from marketplace.documents.files import CheckedFile
from web import refusals
from web.downloads import document_or_404, send_document, uploads
from web.extensions import services
from web.rfq.blueprint import rfq
from web.rfq.track import _page

FIELD = "documents"


class FilesRefused(Exception):
    """A file of the form was refused: `message` says which and why; `status` 413 or 422."""

    def __init__(self, message: str, status: int) -> None:
        super().__init__(message)
        self.message = message
        self.status = status


def checked_uploads() -> list[CheckedFile]:
    """The form's files, checked before the RFQ is stored; FilesRefused for a bad one."""
    try:
        return services().marketplace.check_documents(uploads(FIELD))
    except DocumentRefusedError as refused:
        status = 413 if isinstance(refused, DocumentTooLargeError) else 422
        raise FilesRefused(refusals.sentence(refusals.words(refused)) + ".", status) from None


def attach(bid_id: UUID, files: list[CheckedFile]) -> None:
    """Attach the checked files to the RFQ just stored."""
    if files:
        services().marketplace.attach_to_rfq(bid_id, files)


@rfq.get("/rfq/<token>/documents/<document_id>")
def document(token: str, document_id: str) -> Response:
    """One file of the buyer's RFQ or of its quote, for the holder of the private link."""
    tracked: dict[str, Any] | None = find_tracked_request(services().engine, token)
    if tracked is None:
        abort(404)
    return send_document(document_or_404(tracked["bid_id"], document_id))


@rfq.post("/rfq/<token>/documents")
def attach_more(token: str) -> Response | tuple[str, int]:
    """The buyer adds files to the RFQ from the tracking page while it is open."""
    tracked = find_tracked_request(services().engine, token)
    if tracked is None:
        abort(404)
    try:
        services().marketplace.attach_to_rfq(tracked["bid_id"], uploads(FIELD))
    except DomainError as refused:
        status = 413 if isinstance(refused, DocumentTooLargeError) else 422
        return _page(token, tracked, status, refusals.sentence(refusals.words(refused)) + ".")
    flash(_("Your files are attached to the request."), "success")
    return redirect(url_for("rfq.track", token=token, _anchor="documents"), code=303)
