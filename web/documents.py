"""The quotation as a page and as a PDF, both from one template, and the outbox's renderer.

WeasyPrint fetches nothing from the network: its fetcher serves only our own static
files, so a quotation can never make the server call a URL a buyer or manager typed.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from flask import Flask, abort, render_template
from flask_babel import force_locale
from weasyprint import HTML
from weasyprint.urls import URLFetcher
from werkzeug.wrappers import Response

from marketplace.bootstrap import Services
from marketplace.quotation.queries import quotation
from web import i18n, labels
from web.extensions import babel, services

STATIC = (Path(__file__).parent / "static").resolve()


class RemoteFetchRefused(ValueError):
    """WeasyPrint was asked for something other than one of our static files."""


class OurFilesOnly(URLFetcher):  # type: ignore[misc]
    """WeasyPrint's fetcher: a file under web/static, and nothing else (no network)."""

    def __init__(self) -> None:
        super().__init__(allowed_protocols={"file"}, allow_redirects=False)

    def fetch(self, url: str, headers: Any = None) -> Any:
        parts = urlsplit(url)
        path = Path(unquote(parts.path)).resolve() if parts.scheme == "file" else None
        if path is None or not path.is_relative_to(STATIC) or not path.is_file():
            raise RemoteFetchRefused(f"refused to fetch {url[:100]!r}")
        return super().fetch(url, headers)


def pdf_bytes(html: str) -> bytes:
    """Render a page's HTML as a PDF, fetching only our own static files."""
    data: bytes = HTML(string=html, base_url=STATIC.as_uri() + "/",
                       url_fetcher=OurFilesOnly()).write_pdf()
    return data


def _context(document: dict[str, Any]) -> dict[str, Any]:
    rules = dict(labels.work_share_rules())
    return {"q": document, "stage_names": labels.stage_names(),
            "country": labels.country_name(document["buyer_country"]),
            "work_share": rules.get(document["rules_terms"]["work_share_rule"] or "")}


def quotation_of(bid_id: str) -> dict[str, Any]:
    """The RFQ's quotation; 404 before a quote was sent."""
    document = quotation(services().engine, services().marketplace.vault, bid_id)
    if document is None:
        abort(404)
    return document


def quotation_page(document: dict[str, Any], back: str, pdf_url: str) -> str:
    """The quotation as a page, in the page's language."""
    return render_template("quotation/page.html", back=back, pdf_url=pdf_url,
                           **_context(document))


def quotation_pdf(document: dict[str, Any]) -> bytes:
    """The quotation as a PDF, in the language of the moment (force_locale to choose)."""
    return pdf_bytes(render_template("quotation/pdf.html", **_context(document)))


def pdf_filename(document: dict[str, Any]) -> str:
    reference = document["quote_reference"] or document["bid_id"]
    return f"quotation-{reference.replace('/', '-')}.pdf"


def pdf_download(data: bytes, filename: str) -> Response:
    """A PDF to save, never shown inline or sniffed as anything else."""
    return Response(data, mimetype="application/pdf", headers={
        "Content-Disposition": f'attachment; filename="{filename}"',
        "X-Content-Type-Options": "nosniff", "Cache-Control": "private, no-store"})


class WebDocuments:
    """The outbox's DocumentRenderer: the documents mails carry, rendered by this app."""

    def __init__(self, app: Flask) -> None:
        self.app = app

    def render(self, document: str, facts: dict[str, str], language: str) -> bytes:
        if document != "quotation":
            raise ValueError(f"no document called {document!r}")
        with self.app.test_request_context("/"), force_locale(language):
            found = quotation(services().engine, services().marketplace.vault, facts["bid"])
            if found is None:
                raise ValueError("the RFQ has no quote to attach")
            return quotation_pdf(found)


def init_app(app: Flask) -> None:
    """Let the outbox attach the documents this app renders."""
    app.extensions["consortia"].outbox.documents = WebDocuments(app)


def renderer_for(services: Services) -> WebDocuments:
    """The documents' renderer for a process that sends mail without serving pages (the
    CLI): the same templates and filters, in an app that has no routes of its own."""
    app = Flask("web", root_path=str(Path(__file__).parent))
    app.extensions["consortia"] = services
    babel.init_app(app, locale_selector=lambda: "en")  # each document forces its language
    i18n.init_app(app)
    return WebDocuments(app)
