"""The files of an RFQ on the desk: listed, downloaded by those entitled, attached to quotes.

A file goes to the consortium's manager, to the members asked to price that RFQ, and to
officers and auditors; a member of the same consortium who was not asked gets 403.
"""

from __future__ import annotations

from flask import abort, redirect, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from marketplace.documents.queries import asked_to_price, bid_consortium
from marketplace.errors import NotFoundError
from web import forms, refusals
from web.authz import allow, manages, principal, reads, reads_any_membership
from web.downloads import document_or_404, send_document, uploads
from web.extensions import services
from web.workspace.desk import desk
from web.workspace.desk.access import managed_bid
from web.workspace.desk.pages import bid_page


def check_entitled(bid_id: str) -> None:
    """404 for no RFQ; 403 unless the person may read the RFQ's files."""
    try:
        consortium_id = bid_consortium(services().engine, bid_id)
    except NotFoundError:
        abort(404)
    if manages(consortium_id) or (reads_any_membership() and reads(consortium_id)):
        return
    if asked_to_price(services().engine, bid_id, principal().scopes("member")):
        return
    abort(403, _("Only the manager and the members asked to price this RFQ can open its "
                 "files."))


@desk.get("/rfq/<bid_id>/documents/<document_id>")
@allow("manager", "member", "officer", "auditor")
def document(bid_id: str, document_id: str) -> Response:
    """One file of the RFQ or its quote, for those entitled to it."""
    check_entitled(bid_id)  # before the file is looked up: no answer tells who has files
    return send_document(document_or_404(bid_id, document_id))


@desk.post("/rfq/<bid_id>/documents")
@allow("manager")
def attach_documents(bid_id: str) -> Response | tuple[str, int]:
    """The manager attaches files to the quote being prepared or sent."""
    managed_bid(bid_id)
    return forms.submit(
        lambda: services().marketplace.attach_to_quote(bid_id, uploads()),
        done=lambda: redirect(url_for("desk.bid", bid_id=bid_id, _anchor="documents"), code=303),
        again=lambda refused: bid_page(bid_id, refusals.sentence(refused.message) + ".",
                                       refused.status))
