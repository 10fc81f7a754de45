"""What features/buyer_exchange.feature's steps share: the people at their browsers, the
buyer's request as the form sent it, and the post every mail goes through."""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from email.message import EmailMessage
from typing import Any
from uuid import UUID

from flask import Flask
from pypdf import PdfReader
from sqlalchemy import select

from marketplace.bootstrap import Services
from marketplace.outbox.compose import letter
from marketplace.outbox.tables import mail_outbox
from tests import documents
from tests.bdd.desk_screens import Desk
from tests.integration.test_outbox import Kept
from tests.web.signin import PASSWORD

LANGUAGES = {"French": "fr", "Spanish": "es"}  # the languages a scenario names
MANAGER = "ana.ruiz@manager.example"  # where the desk's mails to Ana Ruiz go

# A PDF drawing (tests/documents.py's, with a comment of its own to make it this one).
DRAWING = documents.PDF.replace(b"%%EOF", b"% Plano de la brida DN200, rev. B\n%%EOF")


@dataclass
class Request:
    """The buyer's request as the form sent it: its tracking page and what was attached."""

    path: str  # /rfq/<token>
    bid: UUID
    drawing: bytes
    language: str = "en"
    left_open: Desk | None = None  # a page the buyer opened earlier and did not reload


def signed_in(site: Flask, services: Services, name: str, role: str, scope: str) -> Desk:
    """A browser signed in through the login form with an account of its own."""
    email = f"{name.lower().replace(' ', '.')}@{role}.example"
    services.marketplace.open_account(name=name, email=email, password=PASSWORD,
                                      grants=[(role, scope)])
    client = site.test_client()
    answer = client.post("/login", data={"email": email, "password": PASSWORD})
    assert answer.status_code == 303, answer.get_data(as_text=True)[:300]
    return Desk(client)


@dataclass
class Post:
    """Every mail the outbox writes and sends, as its recipient receives it."""

    services: Services
    kept: Kept = field(default_factory=Kept)

    def rows(self, kind: str) -> list[Any]:
        """The outbox's rows of this kind, written from the log so far."""
        self.services.outbox.catch_up()
        with self.services.engine.connect() as conn:
            return list(conn.execute(select(mail_outbox).where(mail_outbox.c.kind == kind)
                                     .order_by(mail_outbox.c.id)))

    def received(self, kind: str, to: str | None = None) -> list[EmailMessage]:
        """The mails of this kind delivered (to this address, if named), oldest first."""
        self.services.outbox.send_due(self.services.marketplace.clock.now())
        found = []
        for row in self.rows(kind):
            assert row.status == "sent", f"the {kind} mail was not sent: {row.last_error}"
            who = self.services.marketplace.reveal_person(UUID(row.recipient_ref))
            assert who is not None
            subject = letter(row.kind, who, row.facts, self.services.outbox.settings).subject
            if to is not None and who["email"] != to:
                continue
            found += [m for m in self.kept.messages
                      if m["Subject"] == subject and who["email"] in str(m["To"])]
        return found

    def one(self, kind: str, to: str | None = None) -> tuple[EmailMessage, str]:
        """The one mail of this kind (to this address), and its text as read."""
        mails = self.received(kind, to)
        assert len(mails) == 1, f"{len(mails)} {kind} mails, not one"
        body = mails[0].get_body(("plain",))
        assert body is not None
        return mails[0], readable(body.get_content())


def readable(text: str) -> str:
    """Text with the narrow and non-breaking spaces of French amounts as plain spaces."""
    return text.replace("\u202f", " ").replace("\xa0", " ")


def pdf_text(mail: EmailMessage) -> tuple[str, str]:
    """The name and the words of the one PDF a mail carries."""
    [attached] = list(mail.iter_attachments())
    assert attached.get_content_type() == "application/pdf"
    reader = PdfReader(io.BytesIO(attached.get_content()))
    return str(attached.get_filename()), readable(" ".join(p.extract_text() for p in reader.pages))


def token_of(path: str) -> str:
    found = re.fullmatch(r"/rfq/([A-Za-z0-9_-]+)", path)
    assert found, path
    return found[1]
