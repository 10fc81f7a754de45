"""The quotation as the consortium sent it: for its manager, the agency and the auditor."""

from __future__ import annotations

from flask import url_for
from werkzeug.wrappers import Response

from web import documents
from web.authz import allow
from web.workspace.desk import desk
from web.workspace.desk.access import readable_bid


@desk.get("/rfq/<bid_id>/quotation")
@allow("manager", "officer", "auditor")
def quotation(bid_id: str) -> str:
    """The quotation the buyer received, as a page; 404 before a quote."""
    bid = readable_bid(bid_id)
    document = documents.quotation_of(bid["bid_id"])
    return documents.quotation_page(document, url_for("desk.bid", bid_id=bid["bid_id"]),
                                    url_for("desk.quotation_pdf", bid_id=bid["bid_id"]))


@desk.get("/rfq/<bid_id>/quotation.pdf")
@allow("manager", "officer", "auditor")
def quotation_pdf(bid_id: str) -> Response:
    """The quotation as a PDF, in the page's language."""
    bid = readable_bid(bid_id)
    document = documents.quotation_of(bid["bid_id"])
    return documents.pdf_download(documents.quotation_pdf(document),
                                  documents.pdf_filename(document))
