"""The manager's view of the member agreement: who signed the version in force, who not."""

from __future__ import annotations

from typing import Any

from flask import abort, redirect, render_template, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from marketplace.errors import NotFoundError
from marketplace.membership import agreement_queries
from marketplace.membership import queries as member_queries
from web import agreement_documents as documents
from web.authz import allow, principal, readable_consortia, require_reader
from web.extensions import services
from web.workspace.agreements import agreements

READERS = ("manager", "officer", "auditor")


def _not_yours() -> str:
    return _("These agreements belong to a consortium you do not manage.")


def _consortium(consortium_id: str) -> Any:
    """The consortium, if the person may read it (404 if there is none)."""
    try:
        consortium = services().marketplace.get_consortium(consortium_id)
    except NotFoundError:
        abort(404)
    require_reader(str(consortium.id), _not_yours())
    return consortium


@agreements.get("/")
@allow(*READERS)
def index() -> Response | str:
    """The consortia whose agreements the person may follow; a manager of one goes there."""
    consortia = agreement_queries.consortia_with_agreements(services().engine,
                                                            readable_consortia())
    if len(consortia) == 1 and principal().holds("manager"):
        return redirect(url_for("agreements.consortium",
                                consortium_id=consortia[0]["consortium_id"]))
    return render_template("agreements/index.html", consortia=consortia)


@agreements.get("/<consortium_id>")
@allow(*READERS)
def consortium(consortium_id: str) -> str:
    """Each member and whether it signed the version of the rules in force."""
    held = _consortium(consortium_id)
    document = documents.in_force(str(held.id))
    rows = (agreement_queries.signing_status(services().engine, services().marketplace.vault,
                                             held.id, document["version"])
            if document else [])
    return render_template("agreements/consortium.html", consortium=held, agreement=document,
                           signed=[r for r in rows if r["signed_at"]],
                           unsigned=[r for r in rows if not r["signed_at"]])


@agreements.get("/<consortium_id>/<membership_id>/<int:version>.pdf")
@allow(*READERS)
def pdf(consortium_id: str, membership_id: str, version: int) -> Response:
    """A company's agreement of a version, with its signature record, as a PDF."""
    held = _consortium(consortium_id)
    try:
        row = member_queries.membership(services().engine, membership_id)
    except NotFoundError:
        abort(404)
    if row["consortium_id"] != str(held.id):
        abort(404)
    return documents.pdf(row, version)
