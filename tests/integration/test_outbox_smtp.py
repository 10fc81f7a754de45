"""Mails to the buyer reach a real SMTP server on loopback, once each, even across an outage."""

from __future__ import annotations

import re
import socket
from collections.abc import Iterator
from email.message import EmailMessage
from email.parser import BytesParser
from email.policy import default
from typing import Any
from uuid import UUID

import pytest
from aiosmtpd.controller import Controller
from sqlalchemy import select

from marketplace.bidding.readmodel import bids
from marketplace.bidding.tokens import token_digest
from marketplace.bootstrap import Services
from marketplace.outbox import SmtpTransport
from marketplace.outbox.sender import FIRST_RETRY
from marketplace.outbox.tables import PENDING, SENT, mail_outbox
from marketplace.outbox.worker import MailWorker
from marketplace.ports import SteppingClock
from tests.story import form_consortium, request_quote

LINK = re.compile(r"^http://127\.0\.0\.1:5000/rfq/([A-Za-z0-9_-]{43})$", re.MULTILINE)


class Inbox:
    """An aiosmtpd handler that keeps every message that arrives."""

    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.messages.append(BytesParser(policy=default).parsebytes(envelope.content))
        return "250 Message accepted for delivery"


class LoopbackSmtp:
    """A real SMTP server on a free loopback port that can be stopped and started again."""

    def __init__(self) -> None:
        self.inbox = Inbox()
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.controller: Controller | None = None

    def start(self) -> None:
        # A stopped controller closes its loop, so each start needs a new one (same port).
        self.controller = Controller(self.inbox, hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def stop(self) -> None:
        if self.controller is not None:
            self.controller.stop()
            self.controller = None

    @property
    def url(self) -> str:
        return f"smtp://127.0.0.1:{self.port}"


@pytest.fixture
def smtp(services: Services) -> Iterator[LoopbackSmtp]:
    server = LoopbackSmtp()
    server.start()
    services.outbox.transport = SmtpTransport(server.url)
    yield server
    server.stop()


def tracking_token(mail: EmailMessage) -> str:
    body = mail.get_body(("plain",))
    assert body is not None
    text = body.get_content().replace("\r\n", "\n")  # SMTP ends lines with CRLF
    found = LINK.findall(text)
    assert len(found) == 1, text
    return found[0]


def digest_of(services: Services, bid: UUID) -> str:
    with services.engine.connect() as conn:
        return conn.execute(select(bids.c.tracking_digest)
                            .where(bids.c.bid_id == str(bid))).scalar_one()


def test_the_buyer_finds_the_tracking_link_in_the_mail(services: Services,
                                                       clock: SteppingClock,
                                                       smtp: LoopbackSmtp) -> None:
    app = services.marketplace
    formed = form_consortium(app)
    bid = request_quote(app, formed.consortium)

    report = services.outbox.send_due(clock.now())

    assert report.sent == 1
    [mail] = smtp.inbox.messages
    assert mail["To"].addresses[0].addr_spec == "lucia@acero-mx.example"
    assert mail["To"].addresses[0].display_name == "Lucía Hernández"
    assert mail["From"] == "Export consortia <no-reply@localhost>"
    assert "Metal Export Consortium" in mail["Subject"]
    assert re.fullmatch(r"<[0-9a-f]{40}@localhost>", mail["Message-ID"])
    assert token_digest(tracking_token(mail)) == digest_of(services, bid)


def test_a_mail_that_fails_while_the_server_is_down_arrives_once_when_it_is_back(
        services: Services, clock: SteppingClock, smtp: LoopbackSmtp) -> None:
    app = services.marketplace
    formed = form_consortium(app)
    first = request_quote(app, formed.consortium)
    services.outbox.send_due(clock.now())
    assert token_digest(tracking_token(smtp.inbox.messages[0])) == digest_of(services, first)

    smtp.stop()
    second = request_quote(app, formed.consortium, contact_name="Ingrid Berg",
                           contact_email="ingrid@fjord-yards.example", country="NO",
                           language="de")
    failed = services.outbox.send_due(clock.now())
    assert (failed.sent, failed.retried) == (0, 1)
    with services.engine.connect() as conn:
        waiting = conn.execute(select(mail_outbox)
                               .where(mail_outbox.c.originator_id == str(second))).one()
    assert (waiting.status, waiting.attempts) == (PENDING, 1)
    assert waiting.next_attempt_at == clock.now() + FIRST_RETRY
    assert waiting.last_error

    smtp.start()
    assert services.outbox.send_due(clock.now()).sent == 0  # not due before its backoff
    clock.advance(seconds=FIRST_RETRY.total_seconds())
    assert services.outbox.send_due(clock.now()).sent == 1
    for _ in range(3):
        clock.advance(minutes=10)
        services.outbox.catch_up()
        assert services.outbox.send_due(clock.now()).sent == 0

    assert len(smtp.inbox.messages) == 2
    arrived = smtp.inbox.messages[1]
    assert arrived["To"].addresses[0].addr_spec == "ingrid@fjord-yards.example"
    assert "Angebotsanfrage" in arrived["Subject"]  # in the buyer's language
    assert token_digest(tracking_token(arrived)) == digest_of(services, second)
    with services.engine.connect() as conn:
        statuses = conn.execute(select(mail_outbox.c.status, mail_outbox.c.attempts)
                                .order_by(mail_outbox.c.id)).all()
    assert [tuple(s) for s in statuses] == [(SENT, 1), (SENT, 2)]


def test_the_server_s_background_worker_sends_without_being_asked(
        services: Services, clock: SteppingClock, smtp: LoopbackSmtp) -> None:
    app = services.marketplace
    formed = form_consortium(app)
    worker = MailWorker(services.outbox, clock, interval=0.05).start()
    try:
        request_quote(app, formed.consortium)
        for _ in range(200):
            if smtp.inbox.messages:
                break
            worker._stopping.wait(0.05)
    finally:
        worker.stop()
    assert len(smtp.inbox.messages) == 1
