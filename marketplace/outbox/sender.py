"""The sender: claims the mails that are due, sends them, and retries with backoff.

A claim is an UPDATE that succeeds only while the row is still due, so of two server
processes exactly one wins each row (PostgreSQL re-checks the condition after waiting
for the other's lock; SQLite has one writer at a time). The claim holds for a lease: a
sender that dies mid-send leaves a claim that runs out, and the mail is sent again then.
That is the one case where a mail can go twice, and its Message-ID stays the same.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any
from uuid import UUID, uuid4

from sqlalchemy import and_, or_, select, update
from sqlalchemy.engine import Engine

from marketplace.outbox.attachments import rendered
from marketplace.outbox.compose import letter, message
from marketplace.outbox.kinds import KINDS_BY_NAME
from marketplace.outbox.settings import MailSettings
from marketplace.outbox.tables import (
    DROPPED,
    FAILED,
    PENDING,
    SENDING,
    SENT,
    mail_outbox,
    outbox_key,
)
from marketplace.ports import DocumentRenderer, MailTransport, PersonalDataVault

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 8
FIRST_RETRY = timedelta(seconds=30)
LONGEST_WAIT = timedelta(hours=2)
LEASE = timedelta(minutes=5)
_ADDRESS = re.compile(r"[^\s<>@\"',;:]+@[^\s<>@\"',;:]+")


def backoff(attempts: int) -> timedelta:
    """The wait before the next try after `attempts` failed ones: 30 s, 1 min, 2 min, ..."""
    return min(FIRST_RETRY * 2 ** (attempts - 1), LONGEST_WAIT)


def reason(error: BaseException) -> str:
    """What went wrong, without any address a server may have quoted."""
    text = f"{type(error).__name__}: {error}"
    return _ADDRESS.sub("<address>", text)[:300]


@dataclass
class SendReport:
    """What one round of sending did."""

    sent: int = 0
    retried: int = 0
    failed: int = 0
    dropped: int = 0
    # Each mail not sent this round (retried or given up), by id: why, addresses removed.
    problems: dict[str, str] = field(default_factory=dict)


def _due(now: datetime) -> Any:
    return or_(and_(mail_outbox.c.status == PENDING, mail_outbox.c.next_attempt_at <= now),
               and_(mail_outbox.c.status == SENDING, mail_outbox.c.lease_until <= now))


class OutboxSender:
    """Sends the outbox's due mails through one transport."""

    def __init__(self, engine: Engine, vault: PersonalDataVault, transport: MailTransport,
                 settings: MailSettings, *, after: Callable[[Any], None] | None = None
                 ) -> None:
        self.engine = engine
        self.vault = vault
        self.transport = transport
        self.settings = settings
        # Called with each row once it is sent or given up: its token may go (retire.py).
        self.after = after
        # Renders the files a mail carries; installed by the front end (web/documents.py).
        self.documents: DocumentRenderer | None = None

    def send_due(self, now: datetime, limit: int = 50) -> SendReport:
        """Send every mail due at `now` (up to `limit`); failures wait for their retry."""
        report = SendReport()
        for row in self.claim(now, limit):
            try:
                self._send(row, now, report)
            except Exception as error:  # its claim runs out, and a later round tries again
                log.exception("mail %s not handled: %s", row.id, reason(error))
                report.problems[f"mail {row.id}"] = reason(error)
                report.retried += 1
        return report

    def claim(self, now: datetime, limit: int) -> list[Any]:
        """Claim due rows for this sender, each for one lease; returns the rows won."""
        claim = str(uuid4())
        with self.engine.connect() as conn:
            ids = conn.execute(select(mail_outbox.c.id).where(_due(now))
                               .order_by(mail_outbox.c.next_attempt_at, mail_outbox.c.id)
                               .limit(limit)).scalars().all()
        won = []
        for row_id in ids:
            with self.engine.begin() as conn:
                taken = conn.execute(
                    update(mail_outbox).where(mail_outbox.c.id == row_id, _due(now))
                    .values(status=SENDING, claim=claim, lease_until=now + LEASE)).rowcount
            if taken:
                won.append(row_id)
        if not won:
            return []
        with self.engine.connect() as conn:
            return list(conn.execute(select(mail_outbox).where(mail_outbox.c.id.in_(won))
                                     .order_by(mail_outbox.c.id)))

    def _send(self, row: Any, now: datetime, report: SendReport) -> None:
        try:
            person = self.vault.reveal(UUID(row.recipient_ref))
            if person is None:
                self._finish(row, status=DROPPED, last_error="recipient erased")
                report.dropped += 1
                return
            key = outbox_key(row.originator_id, row.originator_version, row.kind,
                             row.recipient_ref)
            mail = letter(row.kind, person, row.facts, self.settings)
            files = rendered(KINDS_BY_NAME[row.kind].files(row.facts), row.facts,
                             person.get("language") or "en", self.documents)
            self.transport.send(message(mail, key, self.settings, now, files))
        except Exception as error:  # one mail's failure must not stop the others
            attempts = row.attempts + 1
            gave_up = attempts >= MAX_ATTEMPTS
            log.warning("mail %s not sent (attempt %d): %s", row.id, attempts, reason(error))
            report.problems[f"mail {row.id}"] = reason(error)
            self._finish(row, status=FAILED if gave_up else PENDING, attempts=attempts,
                         next_attempt_at=now + backoff(attempts), last_error=reason(error))
            if gave_up:
                report.failed += 1
                self._done(row)
            else:
                report.retried += 1
            return
        self._finish(row, status=SENT, attempts=row.attempts + 1, sent_at=now,
                     via=self.transport.name, last_error=None)
        report.sent += 1
        self._done(row)

    def _done(self, row: Any) -> None:
        # Only after the row is marked done: the check then no longer counts it as waiting.
        if self.after is not None:
            self.after(row)

    def _finish(self, row: Any, **values: Any) -> None:
        with self.engine.begin() as conn:
            conn.execute(update(mail_outbox)
                         .where(mail_outbox.c.id == row.id, mail_outbox.c.claim == row.claim)
                         .values(claim=None, lease_until=None, **values))
