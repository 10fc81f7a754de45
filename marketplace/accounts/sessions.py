"""Sessions kept in the store, so that one can be ended: by signing out, by a new
password, a revoked role or a closed account, by an officer, or by its owner.

The browser's cookie holds a random id; the store keys each row by the SHA-256 of that
id, never the id itself, so a copy of the database opens no session. Each row carries
the account it is signed in as (none for a visitor's form token), when it began, when
it was last used, and the browser and address it came from, so its owner can tell
their sessions apart. A session ends after `idle` without use, and `max_age` after it
began whatever happens; rows past either are deleted when read and purged in bulk.

Sessions keep time by a clock of their own, the wall clock: the marketplace's clock is
the business's time, which a demo or a test moves on by weeks, and that must sign nobody
out, nor keep anybody in.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any
from uuid import UUID

from sqlalchemy import Column, LargeBinary, MetaData, String, Table, delete, func, or_, select
from sqlalchemy.engine import Engine

from marketplace.ports import Clock, SystemClock
from marketplace.projection.columns import UtcDateTime

# Within this, a session's last use is not written again: one write a minute at most,
# still far finer than any idle timeout.
TOUCH_EVERY = timedelta(minutes=1)
# Expired rows are swept at most this often (and each one is dropped when read anyway).
PURGE_EVERY = timedelta(minutes=5)
BROWSER_LENGTH, ADDRESS_LENGTH = 80, 64

metadata = MetaData()
sessions = Table(
    "account_sessions", metadata,
    # SHA-256 of the cookie's id: the id itself is never stored.
    Column("id_digest", String(64), primary_key=True),
    # What pages name the session by, to end it; it opens nothing.
    Column("handle", String(32), nullable=False, unique=True),
    Column("account_id", String(36), nullable=True, index=True),  # None: a visitor's form
    Column("data", LargeBinary, nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
    Column("last_seen", UtcDateTime, nullable=False, index=True),
    Column("browser", String(BROWSER_LENGTH), nullable=False),
    Column("address", String(ADDRESS_LENGTH), nullable=False),
)


def id_digest(session_id: str) -> str:
    """What the store keeps of a session id: its SHA-256, in hex."""
    return hashlib.sha256(session_id.encode("utf-8", "surrogateescape")).hexdigest()


@dataclass(frozen=True)
class SessionInfo:
    """One of an account's open sessions, as its owner or an officer sees it."""

    handle: str
    created_at: datetime
    last_seen: datetime
    browser: str
    address: str


class SessionStore:
    """The sessions of one database, with the deployment's idle and absolute timeouts."""

    def __init__(self, engine: Engine, idle: timedelta, max_age: timedelta,
                 clock: Clock | None = None) -> None:
        self.engine = engine
        self.idle = idle
        self.max_age = max_age
        self.clock = clock or SystemClock()
        self._purged_at: datetime | None = None
        metadata.create_all(engine)

    def _live(self, now: datetime) -> Any:
        return ((sessions.c.last_seen > now - self.idle)
                & (sessions.c.created_at > now - self.max_age))

    def read(self, digest: str, now: datetime) -> bytes | None:
        """The session's data while it is live; an expired one is deleted instead."""
        self.purge_now_and_then(now)
        with self.engine.begin() as conn:
            row = conn.execute(select(sessions.c.data, sessions.c.created_at,
                                      sessions.c.last_seen)
                               .where(sessions.c.id_digest == digest)).first()
            if row is None:
                return None
            if row.last_seen <= now - self.idle or row.created_at <= now - self.max_age:
                conn.execute(delete(sessions).where(sessions.c.id_digest == digest))
                return None
            if now - row.last_seen >= TOUCH_EVERY:
                conn.execute(sessions.update().where(sessions.c.id_digest == digest)
                             .values(last_seen=now))
            return bytes(row.data)

    def write(self, digest: str, data: bytes, *, account_id: str | None, now: datetime,
              browser: str, address: str, new: bool) -> None:
        """Keep a new session's data, or update a live one's; an ended one stays ended."""
        values = {"data": data, "account_id": account_id, "last_seen": now,
                  "browser": browser[:BROWSER_LENGTH], "address": address[:ADDRESS_LENGTH]}
        with self.engine.begin() as conn:
            if new:
                conn.execute(sessions.insert().values(
                    id_digest=digest, handle=secrets.token_hex(16), created_at=now, **values))
            else:
                conn.execute(sessions.update().where(sessions.c.id_digest == digest)
                             .values(**values))

    def end(self, digest: str) -> None:
        """End one session (signing out)."""
        with self.engine.begin() as conn:
            conn.execute(delete(sessions).where(sessions.c.id_digest == digest))

    def end_all(self, account_id: UUID | str, keep: str | None = None) -> int:
        """End every session of the account, but the one whose digest is `keep`; how many."""
        where = sessions.c.account_id == str(account_id)
        if keep is not None:
            where = where & (sessions.c.id_digest != keep)
        with self.engine.begin() as conn:
            return int(conn.execute(delete(sessions).where(where)).rowcount)

    def end_one(self, account_id: UUID | str, handle: str) -> bool:
        """End one session of the account, named by its handle; whether there was one."""
        with self.engine.begin() as conn:
            return bool(conn.execute(delete(sessions).where(
                sessions.c.account_id == str(account_id),
                sessions.c.handle == handle)).rowcount)

    def handle_of(self, digest: str) -> str | None:
        """The handle of the session with this digest (the one a page is shown in)."""
        with self.engine.connect() as conn:
            return conn.execute(select(sessions.c.handle)
                                .where(sessions.c.id_digest == digest)).scalar()

    def of_account(self, account_id: UUID | str, now: datetime) -> list[SessionInfo]:
        """The account's live sessions, the most recently used first."""
        with self.engine.connect() as conn:
            rows = conn.execute(
                select(sessions.c.handle, sessions.c.created_at, sessions.c.last_seen,
                       sessions.c.browser, sessions.c.address)
                .where(sessions.c.account_id == str(account_id), self._live(now))
                .order_by(sessions.c.last_seen.desc(), sessions.c.created_at.desc())).all()
        return [SessionInfo(r.handle, r.created_at, r.last_seen, r.browser, r.address)
                for r in rows]

    def counts(self, now: datetime) -> dict[str, int]:
        """How many live sessions each account has."""
        with self.engine.connect() as conn:
            return {r.account_id: int(r.n) for r in conn.execute(
                select(sessions.c.account_id, func.count().label("n"))
                .where(sessions.c.account_id.is_not(None), self._live(now))
                .group_by(sessions.c.account_id))}

    def purge(self, now: datetime) -> int:
        """Delete every expired session; how many."""
        self._purged_at = now
        with self.engine.begin() as conn:
            return int(conn.execute(delete(sessions).where(or_(
                sessions.c.last_seen <= now - self.idle,
                sessions.c.created_at <= now - self.max_age))).rowcount)

    def purge_now_and_then(self, now: datetime) -> None:
        """Purge when the last sweep of this process is old enough (or the clock went back)."""
        last = self._purged_at
        if last is None or now - last >= PURGE_EVERY or now < last:
            self.purge(now)
