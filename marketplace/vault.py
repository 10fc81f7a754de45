"""The personal-data vault: names and e-mails kept outside the event log, erasable."""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import time
from collections.abc import Iterable
from datetime import UTC, datetime
from uuid import UUID, uuid4

from sqlalchemy import (
    Column,
    DateTime,
    Index,
    MetaData,
    String,
    Table,
    Text,
    delete,
    inspect,
    or_,
    select,
    text,
    update,
)
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError

from marketplace.sealing import (
    SEALED_PREFIX,
    TOKEN_FIELDS,
    has_clear_token,
    seal,
    token_cipher,
    unseal,
    without_tokens,
)
from marketplace.settings import DEVELOPMENT_VAULT_KEY

log = logging.getLogger(__name__)

metadata = MetaData()

personal_data = Table(
    "personal_data",
    metadata,
    Column("ref", String(36), primary_key=True),
    # JSON; the tokens in it are sealed (marketplace/sealing.py). NULL once erased.
    Column("data", Text, nullable=True),
    # A keyed digest of the e-mail finds a person without an index of addresses in clear.
    Column("email_digest", String(64), nullable=True),  # NULL once erased
    Column("kept_at", DateTime(timezone=True), nullable=False),
    Column("erased_at", DateTime(timezone=True), nullable=True),
)
digest_index = Index("ix_personal_data_email_digest", personal_data.c.email_digest)


def email_digest(email: str, key: bytes) -> str:
    """HMAC-SHA256 of the address as people mean it: trimmed, in lower case."""
    return hmac.new(key, email.strip().lower().encode(), hashlib.sha256).hexdigest()


class SqlVault:
    """A vault in a table of the same database; erasing blanks the row and keeps a tombstone."""

    def __init__(self, engine: Engine, key: bytes | None = None, *,
                 keep_engine: Engine | None = None) -> None:
        self.engine = engine
        # `keep` may commit without waiting for the disk: a new record is of use only once
        # something refers to it, and that is written after it by a commit that does wait,
        # which flushes the record too (marketplace/projection/durability.py).
        self.keep_engine = keep_engine or engine
        self.key = key or DEVELOPMENT_VAULT_KEY.encode()  # bootstrap passes the store's
        self.cipher = token_cipher(self.key)
        metadata.create_all(engine)
        self._add_digest_column()
        self._seal_clear_tokens()

    def _add_digest_column(self) -> None:
        # A store made before erasure by e-mail lacks the column; there is no production
        # data yet, so adding it here (and filling it from the rows) is the whole migration.
        if "email_digest" in {c["name"] for c in inspect(self.engine).get_columns("personal_data")}:
            return
        try:
            with self.engine.begin() as conn:
                conn.execute(text("ALTER TABLE personal_data ADD COLUMN email_digest VARCHAR(64)"))
                digest_index.create(conn)
                rows = conn.execute(select(personal_data.c.ref, personal_data.c.data)
                                    .where(personal_data.c.data.is_not(None))).all()
                for ref, data in rows:
                    email = json.loads(data).get("email")
                    if email:
                        conn.execute(update(personal_data).where(personal_data.c.ref == ref)
                                     .values(email_digest=email_digest(email, self.key)))
        except DBAPIError:
            # Another process may have added it at the same moment.
            columns = inspect(self.engine).get_columns("personal_data")
            if "email_digest" not in {c["name"] for c in columns}:
                raise

    def _seal_clear_tokens(self) -> None:
        # A store from before sealing keeps tokens in clear in its records. Each is sealed
        # once, on opening; a sealed record has no clear field left, so a second opening
        # (or another process at the same moment) finds nothing to do.
        like = or_(*(personal_data.c.data.like(f'%"{name}"%') for name in TOKEN_FIELDS))
        with self.engine.connect() as conn:
            rows = conn.execute(select(personal_data.c.ref, personal_data.c.data)
                                .where(like)).all()
        sealed = 0
        for ref, data in rows:
            record = json.loads(data)
            if has_clear_token(record):
                sealed += self._replace(ref, data, seal(record, self.cipher))
        if sealed:
            try:
                self._checkpoint()  # the clear copies go from the SQLite log as well
            except RuntimeError as busy:  # they go at SQLite's next checkpoint; start anyway
                log.warning("%s", busy)

    def _replace(self, ref: str, was: str, record: dict[str, str]) -> int:
        """Store a record in place of what it was; 0 if it changed (or went) meanwhile."""
        with self.engine.begin() as conn:
            return conn.execute(update(personal_data)
                                .where(personal_data.c.ref == ref, personal_data.c.data == was)
                                .values(data=json.dumps(record))).rowcount

    def keep(self, data: dict[str, str]) -> UUID:
        ref = uuid4()
        email = data.get("email")
        with self.keep_engine.begin() as conn:
            conn.execute(personal_data.insert().values(
                ref=str(ref), data=json.dumps(seal(data, self.cipher)),
                kept_at=datetime.now(tz=UTC),
                email_digest=email_digest(email, self.key) if email else None))
        return ref

    def reveal(self, ref: UUID) -> dict[str, str] | None:
        with self.engine.connect() as conn:
            row = conn.execute(select(personal_data.c.data)
                               .where(personal_data.c.ref == str(ref))).first()
        return unseal(json.loads(row.data), self.cipher) if row and row.data else None

    def reveal_many(self, refs: Iterable[UUID]) -> dict[UUID, dict[str, str] | None]:
        wanted = sorted({str(ref) for ref in refs})
        if not wanted:
            return {}
        with self.engine.connect() as conn:
            rows = conn.execute(select(personal_data.c.ref, personal_data.c.data)
                                .where(personal_data.c.ref.in_(wanted))).all()
        return {UUID(row.ref): unseal(json.loads(row.data), self.cipher) if row.data else None
                for row in rows}

    def holding_tokens(self) -> set[UUID]:
        like = or_(*(personal_data.c.data.like(f'%"{SEALED_PREFIX}{name}"%')
                     for name in TOKEN_FIELDS))
        with self.engine.connect() as conn:
            refs = conn.execute(select(personal_data.c.ref).where(like)).scalars().all()
        return {UUID(ref) for ref in refs}

    def destroy_tokens(self, ref: UUID) -> bool:
        with self.engine.connect() as conn:
            was = conn.execute(select(personal_data.c.data)
                               .where(personal_data.c.ref == str(ref))).scalar()
        if not was:
            return False
        stored = json.loads(was)
        kept = without_tokens(stored)
        return kept != stored and self._replace(str(ref), was, kept) > 0

    def digest_of(self, email: str) -> str:
        return email_digest(email, self.key)

    def find_by_email(self, email: str) -> list[UUID]:
        return self.find_by_digest(self.digest_of(email))

    def find_by_digest(self, digest: str) -> list[UUID]:
        with self.engine.connect() as conn:
            refs = conn.execute(
                select(personal_data.c.ref)
                .where(personal_data.c.email_digest == digest,
                       personal_data.c.data.is_not(None))
                .order_by(personal_data.c.kept_at, personal_data.c.ref)).scalars().all()
        return [UUID(ref) for ref in refs]

    def replace_token(self, ref: UUID, name: str, token: str) -> bool:
        with self.engine.connect() as conn:
            was = conn.execute(select(personal_data.c.data)
                               .where(personal_data.c.ref == str(ref))).scalar()
        if not was:
            return False
        record = {**unseal(json.loads(was), self.cipher), name: token}
        return self._replace(str(ref), was, seal(record, self.cipher)) > 0

    def erase(self, ref: UUID) -> bool:
        with self.engine.begin() as conn:
            result = conn.execute(
                update(personal_data)
                .where(personal_data.c.ref == str(ref), personal_data.c.data.is_not(None))
                .values(data=None, email_digest=None, erased_at=datetime.now(tz=UTC)))
        if result.rowcount:
            self._checkpoint()
        return result.rowcount > 0

    def discard(self, ref: UUID) -> None:
        with self.engine.begin() as conn:
            conn.execute(delete(personal_data).where(personal_data.c.ref == str(ref)))

    def _checkpoint(self) -> None:
        # secure_delete (set on every SQLite connection) zeroes the old row in its page,
        # but the write-ahead log still holds earlier copies of that page: copy the log
        # into the database and truncate it, so the erased bytes are gone from both files.
        if self.engine.dialect.name != "sqlite":
            return
        for _ in range(50):
            with self.engine.connect() as conn:
                busy = conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)").first()
            if busy is None or busy[0] == 0:
                return
            time.sleep(0.1)  # a reader is still on an older snapshot of the log
        raise RuntimeError("the data is erased, but a busy reader kept an older copy in the "
                           "SQLite log; it goes at the next PRAGMA wal_checkpoint(TRUNCATE)")
