"""The consortium's documents area on the desk: where its manager works, and where officers
and auditors already read every consortium. Managers and officers keep and remove files;
auditors read."""

from __future__ import annotations

from typing import Any

from flask import abort
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from marketplace.errors import NotFoundError
from marketplace.meetings.queries import consortium_minutes, consortium_minutes_file
from web import area_documents, forms
from web.authz import allow, manages, officer_of
from web.downloads import send_document
from web.extensions import services
from web.workspace.desk import desk
from web.workspace.desk.access import check_reads, not_yours

AREA = "consortium"


def _consortium(consortium_id: str) -> Any:
    try:
        found = services().marketplace.get_consortium(consortium_id)
    except NotFoundError:
        abort(404)
    check_reads(str(found.id))
    return found


def _writes(consortium_id: str) -> bool:
    return manages(consortium_id) or officer_of(consortium_id)


def _page(consortium_id: str, status: int = 200) -> tuple[str, int]:
    consortium = _consortium(consortium_id)
    cid = str(consortium.id)
    return area_documents.render_area(
        AREA, cid, title=_("Documents of %(name)s", name=consortium.name),
        back=(_("Bid desk"), "desk.index", {}), certificates=None, status=status,
        can_write=_writes(cid), endpoints={
            "upload": ("desk.upload_consortium_document", {"consortium_id": cid}),
            "download": ("desk.consortium_document", {"consortium_id": cid}),
            "remove": ("desk.remove_consortium_document", {"consortium_id": cid}),
            "minutes": ("desk.consortium_minutes_document", {"consortium_id": cid})},
        minutes=consortium_minutes(services().engine, cid))


def _writable(consortium_id: str) -> str:
    cid = str(_consortium(consortium_id).id)
    if not _writes(cid):
        abort(403, not_yours())
    return cid


@desk.get("/consortia/<consortium_id>/documents")
@allow("manager", "officer", "auditor")
def consortium_documents(consortium_id: str) -> tuple[str, int]:
    """The consortium's documents: signed agreements, contracts, minutes and others."""
    return _page(consortium_id)


@desk.get("/consortia/<consortium_id>/documents/<document_id>")
@allow("manager", "officer", "auditor")
def consortium_document(consortium_id: str, document_id: str) -> Response:
    """One kept file of the consortium, as an attachment."""
    return area_documents.download(AREA, str(_consortium(consortium_id).id), document_id)


@desk.get("/consortia/<consortium_id>/minutes/<meeting_id>/<sha256>")
@allow("manager", "officer", "auditor")
def consortium_minutes_document(consortium_id: str, meeting_id: str, sha256: str) -> Response:
    """One file of a meeting's minutes, as it was attached to the meeting."""
    cid = str(_consortium(consortium_id).id)
    try:
        return send_document(consortium_minutes_file(services().engine, cid, meeting_id[:36],
                                                     sha256[:64]))
    except NotFoundError:
        abort(404)


@desk.post("/consortia/<consortium_id>/documents")
@allow("manager", "officer")
def upload_consortium_document(consortium_id: str) -> Any:
    """Keep a file in the consortium's documents."""
    cid = _writable(consortium_id)
    return forms.submit(
        area_documents.upload_command(AREA, cid), again=lambda refused: _page(cid, refused.status),
        done=lambda: forms.done(_("Saved."), "desk.consortium_documents", consortium_id=cid))


@desk.post("/consortia/<consortium_id>/documents/<document_id>/remove")
@allow("manager", "officer")
def remove_consortium_document(consortium_id: str, document_id: str) -> Any:
    """Remove a file from the consortium's documents, saying why."""
    cid = _writable(consortium_id)
    return forms.submit(
        area_documents.removal_command(AREA, cid, document_id),
        again=lambda refused: _page(cid, refused.status),
        done=lambda: forms.done(_("Removed."), "desk.consortium_documents", consortium_id=cid))
