"""The member agreement in the member's space: read it, sign it, download it.

Signing is an explicit act of a member user: their name typed, a box ticked, the text's
SHA-256 shown on the page and sent back with the form, so that what is signed is what
was read. A new version of the rules shows here as awaiting the company's signature.
"""

from __future__ import annotations

from typing import Any

from flask import render_template, request
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from domain.statuses import MEMBER
from marketplace.errors import NotFoundError
from marketplace.membership import agreement_queries
from marketplace.membership import queries as member_queries
from web import agreement_documents as agreements
from web import forms
from web.authz import allow, principal, reads_membership
from web.extensions import services
from web.workspace.member import member
from web.workspace.member.access import can_write, readable, writable

READERS = ("member", "officer", "auditor")


@member.context_processor
def agreement_state() -> dict[str, Any]:
    """For the member's pages: the version of the agreement awaiting the company's
    signature, if any (None once signed, or before any rules)."""
    membership_id = (request.view_args or {}).get("membership_id")
    if not isinstance(membership_id, str):
        return {}
    try:
        row = member_queries.membership(services().engine, membership_id)
    except NotFoundError:
        return {}
    if not reads_membership(membership_id, str(row["consortium_id"])):
        return {}
    document = agreements.in_force(row["consortium_id"])
    if document is None or row["status"] not in MEMBER:
        return {"agreement_due": None}
    signed = {row["version"] for row in
              agreement_queries.signed_versions(services().engine, membership_id)}
    return {"agreement_due": None if document["version"] in signed else document["version"]}


@member.get("/<membership_id>/agreement")
@allow(*READERS)
def agreement(membership_id: str, status: int = 200, problem: str | None = None
              ) -> tuple[str, int]:
    """The member agreement in force, its hash, the form to sign it, the versions signed."""
    row = readable(membership_id)
    document = agreements.in_force(row["consortium_id"])
    signed = (agreements.signature(membership_id, document["version"])
              if document else None)
    held = services().marketplace.get_membership(membership_id)
    return render_template(
        "member/agreement.html", m=row, writer=can_write(membership_id), agreement=document,
        signed=signed, version=held.version, problem=problem, member_now=held.is_member,
        joined_reference=held.agreement,  # the free-text reference of a join, if any
        history=agreement_queries.signed_versions(services().engine, membership_id),
    ), status


@member.post("/<membership_id>/agreement")
@allow("member")
def sign_agreement(membership_id: str) -> forms.Page:
    """Sign the member agreement in force for the company: name typed, box ticked."""
    writable(membership_id)
    me = principal()

    def sign() -> None:
        name = forms.required("signatory_name", _("your full name"))
        if request.form.get("accept") != "yes":
            raise forms.Refused(_("Tick the box to say that you have read the agreement and "
                                  "sign it for the company."), field="accept")
        version = forms.whole_number("rules_version", _("The version of the rules"))
        services().marketplace.sign_agreement(
            membership_id, account_id=me.account_id, name=name,  # type: ignore[union-attr]
            email=me.email, version=version,  # type: ignore[union-attr]
            agreement_sha256=forms.text("agreement_sha256").lower())

    return forms.submit(
        sign, seen=(membership_id, services().marketplace.get_membership(membership_id).version),
        again=lambda refused: agreement(membership_id, refused.status, refused.message),
        done=lambda: forms.done(_("The member agreement is signed."), "member.agreement",
                                membership_id=membership_id))


@member.get("/<membership_id>/agreement/<int:version>.pdf")
@allow(*READERS)
def agreement_pdf(membership_id: str, version: int) -> Response:
    """The agreement of a version with the company's signature record, as a PDF."""
    row = readable(membership_id)
    return agreements.pdf(row, version)
