"""The OCDS export describes the RFQ's and the quote's files in `tender.documents`."""

from __future__ import annotations

import io

from marketplace.application import Marketplace
from tests import documents
from tests.integration.test_exports import ocds, problems
from tests.story import form_consortium, request_quote, submit_full_quote


def test_tender_documents_are_exported_without_a_link(app: Marketplace):
    formed = form_consortium(app)
    bid = request_quote(app, formed.consortium, tracking_token=None)
    [drawing] = app.attach_to_rfq(bid, [("flange.pdf", io.BytesIO(documents.PDF))])
    submit_full_quote(app, formed, bid)
    [terms] = app.attach_to_quote(bid, [("terms.xlsx", io.BytesIO(documents.XLSX))])
    text, package = ocds(app)
    assert problems(package) == []
    found = [d for release in package["releases"] if release["ocid"].endswith(str(bid))
             for d in release.get("tender", {}).get("documents", [])]
    assert [(d["id"], d["documentType"], d["title"], d["format"]) for d in found] == [
        (str(drawing), "technicalSpecifications", "flange.pdf", "application/pdf"),
        (str(terms), "submissionDocuments", "terms.xlsx",
         "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")]
    assert all("url" not in d for d in found)
    assert "/rfq/" not in text
