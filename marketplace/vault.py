"""The personal-data vault: names and e-mails kept outside the event log, erasable."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from uuid import UUID, uuid4

from sqlalchemy import Column, DateTime, MetaData, String, Table, Text, delete, select, update
from sqlalchemy.engine import Engine

metadata = MetaData()

personal_data = Table(
    "personal_data",
    metadata,
    Column("ref", String(36), primary_key=True),
    Column("data", Text, nullable=True),  # NULL once erased
    Column("kept_at", DateTime(timezone=True), nullable=False),
    Column("erased_at", DateTime(timezone=True), nullable=True),
)


class SqlVault:
    """A vault in a table of the same database; erasing blanks the row and keeps a tombstone."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        metadata.create_all(engine)

    def keep(self, data: dict[str, str]) -> UUID:
        ref = uuid4()
        with self.engine.begin() as conn:
            conn.execute(personal_data.insert().values(
                ref=str(ref), data=json.dumps(data), kept_at=datetime.now(tz=UTC)))
        return ref

    def reveal(self, ref: UUID) -> dict[str, str] | None:
        with self.engine.connect() as conn:
            row = conn.execute(select(personal_data.c.data)
                               .where(personal_data.c.ref == str(ref))).first()
        return json.loads(row.data) if row and row.data else None

    def erase(self, ref: UUID) -> bool:
        with self.engine.begin() as conn:
            result = conn.execute(
                update(personal_data)
                .where(personal_data.c.ref == str(ref), personal_data.c.data.is_not(None))
                .values(data=None, erased_at=datetime.now(tz=UTC)))
        return result.rowcount > 0

    def discard(self, ref: UUID) -> None:
        with self.engine.begin() as conn:
            conn.execute(delete(personal_data).where(personal_data.c.ref == str(ref)))


class MemoryVault:
    """A vault in memory, for tests that need no database."""

    def __init__(self) -> None:
        self.rows: dict[UUID, dict[str, str] | None] = {}

    def keep(self, data: dict[str, str]) -> UUID:
        ref = uuid4()
        self.rows[ref] = dict(data)
        return ref

    def reveal(self, ref: UUID) -> dict[str, str] | None:
        return self.rows.get(ref)

    def erase(self, ref: UUID) -> bool:
        erased = self.rows.get(ref) is not None
        if ref in self.rows:
            self.rows[ref] = None
        return erased

    def discard(self, ref: UUID) -> None:
        self.rows.pop(ref, None)
