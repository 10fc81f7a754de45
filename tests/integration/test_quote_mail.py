"""The "quote ready" mail: price and validity in the buyer's language, the quotation's PDF
attached, over a real SMTP server on loopback."""

from __future__ import annotations

import io
from collections.abc import Iterator
from datetime import timedelta

import pytest
from pypdf import PdfReader

from marketplace.bootstrap import Services
from marketplace.outbox import SmtpTransport
from marketplace.ports import SteppingClock
from tests.integration.test_outbox_smtp import LoopbackSmtp
from tests.story import form_consortium, request_quote, submit_full_quote
from tests.web.conftest import TEST_CONFIG
from web import create_app
from web.documents import renderer_for


@pytest.fixture
def smtp(services: Services) -> Iterator[LoopbackSmtp]:
    server = LoopbackSmtp()
    server.start()
    services.outbox.transport = SmtpTransport(server.url)
    yield server
    server.stop()


@pytest.mark.parametrize(("language", "price", "valid", "sender"), [
    ("de", "440.000,00 €", "gültig bis", "web"), ("fr", "440 000,00 €", "valable jusqu", "cli")])
def test_the_quote_mail_says_price_and_validity_and_carries_the_pdf(
        services: Services, clock: SteppingClock, smtp: LoopbackSmtp, language: str,
        price: str, valid: str, sender: str) -> None:
    # The web app installs the quotation's renderer; the CLI's mail sender its own.
    if sender == "web":
        create_app(services=services, config=TEST_CONFIG)
    else:
        services.outbox.documents = renderer_for(services)
    app = services.marketplace
    formed = form_consortium(app)
    bid = request_quote(app, formed.consortium, language=language)
    services.outbox.send_due(clock.now())  # the RFQ's receipt
    submit_full_quote(app, formed, bid)
    services.outbox.catch_up()
    assert services.outbox.send_due(clock.now()).sent == 1
    mail = smtp.inbox.messages[-1]
    reference = app.get_bid(bid).reference
    assert reference is not None
    body = mail.get_body(("plain",))
    assert body is not None
    text = body.get_content().replace("\u202f", " ").replace("\xa0", " ")
    assert reference in text and price in text and valid in text
    [attached] = list(mail.iter_attachments())
    assert attached.get_content_type() == "application/pdf"
    assert attached.get_filename() == f"quotation-{reference}.pdf"
    pdf = " ".join(page.extract_text() for page in
                   PdfReader(io.BytesIO(attached.get_content())).pages)
    assert reference in pdf and "440" in pdf
    assert ("Gültig bis" if language == "de" else "Valable jusqu") in pdf
    valid_until = app.get_bid(bid).valid_until
    assert valid_until == clock.now().date() + timedelta(days=45)
    # The outbox row keeps facts only; the development page names the file.
    [shown] = [m for m in services.outbox.mails() if m.kind == "quote_ready"]
    assert shown.attachments == (f"quotation-{reference}.pdf",)
    # A member's own price (manufacturing's 250,000) is in neither.
    assert not {"250.000", "250 000", "250,000"} & {text[i:i + 7] for i in range(len(text))}
    assert "250.000" not in pdf and "250 000" not in pdf


def test_without_a_renderer_the_mail_still_goes_with_its_words(
        services: Services, clock: SteppingClock, smtp: LoopbackSmtp) -> None:
    app = services.marketplace
    formed = form_consortium(app)
    bid = request_quote(app, formed.consortium)
    submit_full_quote(app, formed, bid)
    services.outbox.catch_up()
    assert services.outbox.send_due(clock.now()).sent == 2
    mail = smtp.inbox.messages[-1]
    assert list(mail.iter_attachments()) == []
    body = mail.get_body(("plain",))
    assert body is not None and "€440,000.00" in body.get_content()
