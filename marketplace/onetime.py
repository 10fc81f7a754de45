"""One-time links kept by their digest: a buyer's sign-in link, a forgotten password's.

The token is 256 random bits (marketplace/bidding/tokens.py). A store keeps its SHA-256
digest, whom it is for (its owner: a buyer key, an account) and its expiry; the token
itself is kept only sealed in the vault record its mail is rendered from. A link is
spent once, while in time: of two tabs posting the same link, one gets through. Links
keep time by the sessions' clock (the wall clock), not the business's.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from uuid import UUID

from sqlalchemy import Column, MetaData, String, Table, delete, select, update
from sqlalchemy.engine import Connection, Engine

from marketplace.bidding.tokens import token_digest
from marketplace.projection.columns import UtcDateTime


def link_table(name: str, owner: str, owner_length: int) -> Table:
    """A table of one kind of link, in a metadata of its own (each store creates its own)."""
    return Table(
        name, MetaData(),
        Column("token_digest", String(64), primary_key=True),  # the token itself never
        Column(owner, String(owner_length), nullable=False, index=True),
        Column("expires_at", UtcDateTime, nullable=False),
        Column("used_at", UtcDateTime, nullable=True),
    )


class OneTimeLinks:
    """The links of one kind in one database: kept, spent once, forgotten."""

    def __init__(self, engine: Engine, table: Table, owner: str, valid_for: timedelta) -> None:
        self.engine, self.table, self.valid_for = engine, table, valid_for
        self.owner = table.c[owner]
        table.metadata.create_all(engine)

    def add(self, token: str, owner: str | UUID, now: datetime) -> None:
        """Keep a new link's digest, valid for `valid_for` from `now`."""
        with self.engine.begin() as conn:
            # Spent links are of no use to anyone: they go when the person asks again.
            conn.execute(delete(self.table).where(self.owner == str(owner),
                                                  self.table.c.expires_at <= now))
            conn.execute(self.table.insert().values(
                {"token_digest": token_digest(token), self.owner.name: str(owner),
                 "expires_at": now + self.valid_for, "used_at": None}))

    def take(self, conn: Connection, digest: str, now: datetime) -> str | None:
        """Spend the link inside the caller's transaction; its owner, or None if it is
        unknown, used or out of time."""
        c = self.table.c
        owner = conn.execute(select(self.owner).where(c.token_digest == digest)).scalar()
        taken = conn.execute(update(self.table)
                             .where(c.token_digest == digest, c.used_at.is_(None),
                                    c.expires_at > now)
                             .values(used_at=now)).rowcount
        return None if owner is None or taken != 1 else str(owner)

    def forget(self, owner: str | UUID) -> int:
        """Drop every link of the owner (erased, or closed); how many."""
        with self.engine.begin() as conn:
            return int(conn.execute(delete(self.table).where(self.owner == str(owner))
                                    ).rowcount)
