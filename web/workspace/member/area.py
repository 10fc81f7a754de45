"""A membership's documents area in the member's space: the company's member users keep
and remove files; officers too; the consortium's manager and auditors read."""

from __future__ import annotations

from typing import Any

from flask import abort
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from marketplace.errors import NotFoundError
from marketplace.membership import queries as member_queries
from web import area_documents, forms
from web.authz import acts_for, allow, manages, officer_of, reads_membership
from web.extensions import services
from web.workspace.member import member

AREA = "membership"


def _membership(membership_id: str) -> dict[str, Any]:
    """The membership if the person may read its documents; 404 or 403 otherwise."""
    try:
        found = member_queries.membership(services().engine, membership_id)
    except NotFoundError:
        abort(404)
    mid = str(found["membership_id"])
    consortium_id = str(found["consortium_id"])
    if not (reads_membership(mid, consortium_id) or manages(consortium_id)):
        abort(403, _("You can only see the memberships of the companies you act for."))
    return found


def _writes(found: dict[str, Any]) -> bool:
    return acts_for(str(found["membership_id"])) or officer_of(str(found["consortium_id"]))


def _page(membership_id: str, status: int = 200) -> tuple[str, int]:
    found = _membership(membership_id)
    mid = str(found["membership_id"])
    return area_documents.render_area(
        AREA, mid, title=_("Documents of %(company)s in %(consortium)s",
                           company=found["company_name"],
                           consortium=found["consortium_name"]),
        back=(found["company_name"], "member.space", {"membership_id": mid}), status=status,
        can_write=_writes(found),
        certificates=[str(c) for c in found["certifications"]], endpoints={
            "upload": ("member.upload_document", {"membership_id": mid}),
            "download": ("member.document", {"membership_id": mid}),
            "remove": ("member.remove_document", {"membership_id": mid})})


def _writable(membership_id: str) -> str:
    found = _membership(membership_id)
    if not _writes(found):
        abort(403, _("You can only change the data of the company you act for; this "
                     "membership belongs to another company."))
    return str(found["membership_id"])


@member.get("/<membership_id>/documents")
@allow("member", "manager", "officer", "auditor")
def documents_area(membership_id: str) -> tuple[str, int]:
    """The membership's documents: certificates, signed agreements, contracts and others."""
    return _page(membership_id)


@member.get("/<membership_id>/documents/<document_id>")
@allow("member", "manager", "officer", "auditor")
def document(membership_id: str, document_id: str) -> Response:
    """One kept file of the membership, as an attachment."""
    return area_documents.download(AREA, str(_membership(membership_id)["membership_id"]),
                                   document_id)


@member.post("/<membership_id>/documents")
@allow("member", "officer")
def upload_document(membership_id: str) -> Any:
    """Keep a file in the membership's documents."""
    mid = _writable(membership_id)
    return forms.submit(
        area_documents.upload_command(AREA, mid), again=lambda refused: _page(mid, refused.status),
        done=lambda: forms.done(_("Saved."), "member.documents_area", membership_id=mid))


@member.post("/<membership_id>/documents/<document_id>/remove")
@allow("member", "officer")
def remove_document(membership_id: str, document_id: str) -> Any:
    """Remove a file from the membership's documents, saying why."""
    mid = _writable(membership_id)
    return forms.submit(
        area_documents.removal_command(AREA, mid, document_id),
        again=lambda refused: _page(mid, refused.status),
        done=lambda: forms.done(_("Removed."), "member.documents_area", membership_id=mid))
