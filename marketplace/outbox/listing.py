"""The outbox as a developer reads it: each mail rendered as it was (or will be) sent."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from sqlalchemy import select
from sqlalchemy.engine import Engine

from marketplace.outbox.compose import Letter, letter
from marketplace.outbox.kinds import KINDS_BY_NAME
from marketplace.outbox.settings import MailSettings
from marketplace.outbox.tables import PENDING, mail_outbox
from marketplace.ports import PersonalDataVault


@dataclass(frozen=True)
class ShownMail:
    """One outbox row and, while its recipient is in the vault, the mail it renders."""

    id: int
    kind: str
    status: str
    attempts: int
    event_at: datetime
    next_attempt_at: datetime
    sent_at: datetime | None
    via: str | None
    last_error: str | None
    letter: Letter | None  # None once the recipient is erased
    attachments: tuple[str, ...] = ()  # the files' names: rendered only when sent

    @property
    def pending(self) -> bool:
        """Waiting for its next attempt."""
        return self.status == PENDING


def shown_mails(engine: Engine, vault: PersonalDataVault, settings: MailSettings,
                limit: int = 100) -> list[ShownMail]:
    """The newest mails first, rendered from the vault as they are now."""
    with engine.connect() as conn:
        rows = conn.execute(select(mail_outbox).order_by(mail_outbox.c.id.desc())
                            .limit(limit)).all()
    shown = []
    for row in rows:
        person = vault.reveal(UUID(row.recipient_ref))
        rendered = letter(row.kind, person, row.facts, settings) if person else None
        shown.append(ShownMail(row.id, row.kind, row.status, row.attempts, row.event_at,
                               row.next_attempt_at, row.sent_at, row.via, row.last_error,
                               rendered, tuple(a.filename for a in
                                               KINDS_BY_NAME[row.kind].files(row.facts))))
    return shown
