"""The e-mail outbox: mails written once from the events, sent later with retries."""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy.engine import Engine

from marketplace.outbox.listing import ShownMail, shown_mails
from marketplace.outbox.retire import after_mail, retire_spent
from marketplace.outbox.scans import write_due_notices
from marketplace.outbox.sender import OutboxSender, SendReport
from marketplace.outbox.settings import MailSettings, mail_settings
from marketplace.outbox.transports import LocalTransport, SmtpTransport, transport_for
from marketplace.outbox.writer import OutboxWriter
from marketplace.ports import DocumentRenderer, MailTransport

if TYPE_CHECKING:
    from marketplace.application import Marketplace

log = logging.getLogger(__name__)


class Outbox:
    """The outbox of one store: its writer follows the log, its sender delivers."""

    def __init__(self, app: Marketplace, engine: Engine, *,
                 settings: MailSettings | None = None,
                 transport: MailTransport | None = None,
                 derived: Engine | None = None) -> None:
        self.settings = settings or mail_settings()
        self.engine = engine
        self.vault = app.vault
        # Mails that could not be written, by record, since this outbox was built; each
        # is logged, and the others are written all the same.
        self.failed: dict[str, str] = {}
        # Its rows and position are derived from the log: written on the engine whose
        # commits do not wait for the disk (marketplace/projection/durability.py).
        self.writer = OutboxWriter(app, derived or engine, failed=self.failed)
        self.sender = OutboxSender(engine, app.vault, transport or transport_for(self.settings),
                                   self.settings,
                                   after=lambda row: after_mail(self.writer.context, row))

    def links_to(self, base_url: str) -> None:
        """Link mails to the address the server answers on, if the settings named none."""
        if self.settings.base_url_from_server:
            self.settings = replace(self.settings, base_url=base_url.rstrip("/"),
                                    base_url_from_server=False)
            self.sender.settings = self.settings

    @property
    def documents(self) -> DocumentRenderer | None:
        """What renders the files mails carry (the web's); None: mails go without them."""
        return self.sender.documents

    @documents.setter
    def documents(self, renderer: DocumentRenderer | None) -> None:
        self.sender.documents = renderer

    @property
    def transport(self) -> MailTransport:
        return self.sender.transport

    @transport.setter
    def transport(self, transport: MailTransport) -> None:
        self.sender.transport = transport

    def open(self) -> int:
        """Start following the log (at its head the first time); returns the position."""
        position = self.writer.open()
        try:
            retire_spent(self.writer.context)
        except Exception:  # sealed tokens wait for the next check; mail must not
            log.exception("the tokens no mail needs were not destroyed")
        return position

    def catch_up(self) -> int:
        """Write the mails of the events not read yet; returns how many are new."""
        return self.writer.catch_up()

    def write_due_notices(self, now: datetime) -> int:
        """Write the deadline notices and quote reminders due at `now`; returns how many are new."""
        return write_due_notices(self.writer.context, now, self.failed)

    def send_due(self, now: datetime, limit: int = 50) -> SendReport:
        """Send the mails due at `now`, scheduling retries for those that fail."""
        return self.sender.send_due(now, limit)

    def mails(self, limit: int = 100) -> list[ShownMail]:
        """The newest mails, rendered, for the development page."""
        return shown_mails(self.engine, self.vault, self.settings, limit)


__all__ = ["LocalTransport", "MailSettings", "Outbox", "SendReport", "ShownMail",
           "SmtpTransport", "mail_settings"]
