"""The member agreement as a page and as a PDF, for the member and for the manager.

The text is the one recorded for the version (marketplace/membership/signatures.py), shown
as it is, with its SHA-256 and the signature record: who signed for the company, from which
account, when, and the hash of the text they signed. The PDF fetches nothing
(web/documents.py's fetcher).
"""

from __future__ import annotations

from typing import Any

from flask import abort, render_template
from werkzeug.wrappers import Response

from marketplace.agencies.queries import agency, agency_of_consortium
from marketplace.errors import NotFoundError
from marketplace.membership import agreement_queries
from web.documents import pdf_bytes, pdf_download
from web.extensions import services

LAST_VERSION = 2**31 - 1  # the version columns are 32-bit integers: past this, no version


def in_force(consortium_id: str) -> dict[str, Any] | None:
    """The member agreement in force in the consortium; None before any rules."""
    return agreement_queries.agreement(services().engine, consortium_id)


def of_version(consortium_id: str, version: int) -> dict[str, Any]:
    """One version of the consortium's member agreement; 404 if there is none."""
    if not 1 <= version <= LAST_VERSION:
        abort(404)
    found = agreement_queries.agreement(services().engine, consortium_id, version)
    if found is None:
        abort(404)
    return found


def signature(membership_id: str, version: int) -> dict[str, Any] | None:
    """The company's signature of a version, with the name typed; None if unsigned."""
    app = services().marketplace
    return agreement_queries.signature_of(services().engine, app.vault, membership_id, version)


def pdf(membership: dict[str, Any], version: int) -> Response:
    """The agreement of a version, with the company's signature record, as a PDF."""
    document = of_version(membership["consortium_id"], version)
    html = render_template("agreements/pdf.html", m=membership, agreement=document,
                           signed=signature(membership["membership_id"], version),
                           programme=_agency_of(str(membership["consortium_id"])))
    return pdf_download(pdf_bytes(html), f"member-agreement-v{version}.pdf")


def _agency_of(consortium_id: str) -> dict[str, Any] | None:
    """The registered agency whose programme formed the consortium, for the document's
    footer (None for an agency never registered)."""
    engine = services().engine
    agency_id = agency_of_consortium(engine, consortium_id)
    try:
        return agency(engine, agency_id) if agency_id else None
    except NotFoundError:
        return None
