"""The outbox writer: follows the event log and writes one outbox row per mail called for.

It keeps its own position (the row "outbox" of projection_position), written in the same
transaction as the rows, so a crash leaves both or neither. A read-model rebuild resets
only its own row: the outbox is never dropped, refilled or mailed again.

The first time it opens a store it starts at the head of the log. A store that already
holds years of history (the demo's, or one from before the outbox existed) has buyers
who were never promised these mails; only events from then on are mailed.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any

from eventsourcing.persistence import Notification, PersistenceError
from eventsourcing.utils import get_topic
from sqlalchemy import bindparam, text
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError, SQLAlchemyError

from marketplace.outbox.kind import MailContext, MailKind
from marketplace.outbox.kinds import KINDS
from marketplace.outbox.retire import ENDING_EVENTS, retire_tracking
from marketplace.outbox.tables import PENDING, mail_outbox, metadata
from marketplace.projection.batch import dialect_insert
from marketplace.projection.position import (
    SELECT_POSITION,
    claim,
    create_position_table,
    projection_position,
)

if TYPE_CHECKING:
    from marketplace.application import Marketplace

log = logging.getLogger(__name__)

# Errors of the store rather than of one record: never a reason to skip a mail for good.
TRANSIENT = (SQLAlchemyError, PersistenceError)

NAME = "outbox"

_COLUMNS = ("originator_id", "originator_version", "kind", "recipient_ref", "facts", "position",
            "event_at", "status", "attempts", "next_attempt_at")
# One mail row, unless the same mail is there already. Text with typed parameters, so that
# SQLAlchemy compiles it once: its own ON CONFLICT construct is compiled anew on each call.
INSERT_MAIL = text(
    f"INSERT INTO {mail_outbox.name} ({', '.join(_COLUMNS)}) "
    f"VALUES ({', '.join(':' + name for name in _COLUMNS)}) "
    f"ON CONFLICT DO NOTHING RETURNING id"
).bindparams(*(bindparam(name, type_=mail_outbox.c[name].type) for name in _COLUMNS))


def skipped(failed: dict[str, str], record: str, error: Exception) -> None:
    """Note a mail that cannot be written; the others are written all the same."""
    log.exception("%s: no mail written", record)
    failed[record] = f"{type(error).__name__}: {error}"


class OutboxWriter:
    """Turns the events that call for mails into outbox rows, once each."""

    def __init__(self, app: Marketplace, engine: Engine,
                 kinds: Sequence[MailKind] = KINDS, *, name: str = NAME,
                 failed: dict[str, str] | None = None) -> None:
        self.app = app
        # The mails this writer could not write, by record ("event 12 (RFQ <id>, kind)").
        self.failed: dict[str, str] = {} if failed is None else failed
        self.engine = engine
        self.context = MailContext(app, engine)
        self.name = name
        self.kinds: dict[str, list[MailKind]] = {}
        for kind in kinds:
            if kind.event is not None:  # the others are written by scans
                self.kinds.setdefault(get_topic(kind.event), []).append(kind)
        self._ending = {get_topic(event_class) for event_class in ENDING_EVENTS}
        self._position: int | None = None
        self._lock = threading.RLock()

    def open(self) -> int:
        """Create the outbox if missing, at the head of the log; return its position."""
        with self._lock:
            for attempt in (1, 2):
                try:
                    metadata.create_all(self.engine)
                    head = self.app.recorder.max_notification_id() or 0
                    with self.engine.begin() as conn:
                        create_position_table(conn)
                        conn.execute(dialect_insert(conn, projection_position)
                                     .values(name=self.name, position=head)
                                     .on_conflict_do_nothing())
                        self._position = conn.execute(SELECT_POSITION,
                                                      {"n": self.name}).scalar_one()
                    return self._position
                except DBAPIError:
                    # Another process may be creating the same tables at this moment.
                    if attempt == 2:
                        raise
            raise AssertionError("unreachable")

    def position(self) -> int:
        """The id of the last notification the outbox has read."""
        with self.engine.connect() as conn:
            return conn.execute(SELECT_POSITION, {"n": self.name}).scalar() or 0

    def catch_up(self, batch_size: int = 500) -> int:
        """Write the mails of every event not read yet; returns how many rows were new."""
        with self._lock:
            if self._position is None:
                self.open()
            written = 0
            while True:
                assert self._position is not None
                notifications = self.app.recorder.select_notifications(
                    self._position + 1, batch_size)
                if not notifications:
                    return written
                done = self._write(notifications)
                if done is None:
                    continue  # another process moved the position; read from there
                written += done
                if len(notifications) < batch_size:
                    return written

    def _rows(self, notification: Notification) -> list[dict[str, Any]]:
        kinds = self.kinds.get(notification.topic)
        if not kinds:
            return []
        event: Any = self.app.mapper.to_domain_event(notification)
        at: datetime = event.timestamp
        rows = []
        for kind in kinds:
            try:
                # Recipients first: a mail nobody is to get needs no facts (they load
                # aggregates), and most events of a consortium without accounts have none.
                recipients = kind.recipients(event, self.context)
                facts = kind.facts(event, self.context) if recipients else {}
            except TRANSIENT:
                raise  # the database, not the record: the whole batch is tried again
            except Exception as error:  # one event's mail must not hold up everyone's
                record = (f"event {notification.id} ({_what(event)} "
                          f"{event.originator_id} v{event.originator_version}, {kind.name})")
                skipped(self.failed, record, error)
                continue
            for recipient in recipients:
                ref, own = recipient if isinstance(recipient, tuple) else (recipient, {})
                rows.append({
                    "originator_id": str(event.originator_id),
                    "originator_version": event.originator_version, "kind": kind.name,
                    "recipient_ref": str(ref), "facts": facts | own,
                    "position": notification.id, "event_at": at, "status": PENDING,
                    "attempts": 0, "next_attempt_at": at})
        return rows

    def _write(self, notifications: Sequence[Notification]) -> int | None:
        """Write one batch's rows with the position after it; None if out of step."""
        # Aggregates are read before the transaction, which then only writes.
        rows = [row for n in notifications for row in self._rows(n)]
        last = notifications[-1].id
        with self.engine.begin() as conn:
            moved_on = claim(conn, self.name, self._position, last)
            if moved_on is not None:
                self._position = moved_on
                return None
            # The unique key keeps a mail single even if the position were ever lost.
            # RETURNING counts the rows written (psycopg reports no rowcount here).
            written = sum(len(conn.execute(INSERT_MAIL, row).all()) for row in rows)
        self._position = last
        self._retire(notifications)
        return max(written, 0)

    def _retire(self, notifications: Sequence[Notification]) -> None:
        """Destroy the tracking token of each RFQ that ended, once its mails are written."""
        for notification in notifications:
            if notification.topic not in self._ending:
                continue
            try:
                retire_tracking(self.context, notification.originator_id)
            except Exception:  # the mails are written; the sender checks again after each
                log.exception("the tracking token of RFQ %s was not destroyed",
                              notification.originator_id)


def _what(event: Any) -> str:
    aggregate = type(event).__qualname__.split(".")[0]
    return {"Bid": "RFQ"}.get(aggregate, aggregate.lower())
