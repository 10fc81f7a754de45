"""The outbox table: one row per mail an event calls for, kept apart from the read models.

A row holds no personal data: the recipient is a vault reference, resolved when the mail
is sent, so erasing the person leaves nothing here to erase. A rebuild of the read models
neither drops nor refills it.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    BigInteger,
    Column,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    UniqueConstraint,
)

from marketplace.projection.columns import UtcDateTime

metadata = MetaData()

PENDING, SENDING, SENT, FAILED, DROPPED = "pending", "sending", "sent", "failed", "dropped"

mail_outbox = Table(
    "mail_outbox", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("originator_id", String(36), nullable=False),
    Column("originator_version", Integer, nullable=False),
    Column("kind", String(40), nullable=False),
    Column("recipient_ref", String(36), nullable=False),  # a vault reference, never an address
    Column("facts", JSON, nullable=False),  # public facts of the event: the consortium's name
    Column("position", BigInteger, nullable=False),  # the event's place in the log
    Column("event_at", UtcDateTime, nullable=False),
    Column("status", String(20), nullable=False),
    Column("attempts", Integer, nullable=False),
    Column("next_attempt_at", UtcDateTime, nullable=False),
    # A sender claims a row until lease_until; a crashed sender's claim simply runs out.
    Column("claim", String(36), nullable=True),
    Column("lease_until", UtcDateTime, nullable=True),
    Column("via", String(20), nullable=True),
    Column("sent_at", UtcDateTime, nullable=True),
    Column("last_error", String(300), nullable=True),  # addresses are taken out first
    # Once per event, kind and recipient, however often the log is read again.
    UniqueConstraint("originator_id", "originator_version", "kind", "recipient_ref",
                     name="uq_mail_outbox_event"),
    Index("ix_mail_outbox_due", "status", "next_attempt_at"),
)


def outbox_key(originator_id: str, originator_version: int, kind: str, recipient_ref: str
               ) -> str:
    """The mail's identity, from which its Message-ID is made."""
    return f"{originator_id}:{originator_version}:{kind}:{recipient_ref}"
