"""The buyer's quotation: the page, and the PDF to file, behind the private link."""

from __future__ import annotations

from flask import url_for
from werkzeug.wrappers import Response

from web import documents
from web.rfq.blueprint import rfq
from web.rfq.track import _tracked


@rfq.get("/rfq/<token>/quotation")
def quotation(token: str) -> str:
    """The quotation as a page, in the page's language; 404 before a quote."""
    document = documents.quotation_of(_tracked(token)["bid_id"])
    return documents.quotation_page(document, url_for("rfq.track", token=token),
                                    url_for("rfq.quotation_pdf", token=token))


@rfq.get("/rfq/<token>/quotation.pdf")
def quotation_pdf(token: str) -> Response:
    """The quotation as a PDF, in the page's language, to save."""
    document = documents.quotation_of(_tracked(token)["bid_id"])
    return documents.pdf_download(documents.quotation_pdf(document),
                                  documents.pdf_filename(document))
