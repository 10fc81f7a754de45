"""Idempotency keys: a POST sent twice with the same key acts once, and answers the same.

A client (a procurement system, or the RFQ form's hidden one-time key) names its request
with a key. The first request with a key claims it: a row keyed by the SHA-256 of the
caller's scope and the key (never the key itself), holding the digest of the request's
body. When that request has been answered, its answer is kept in the row, sealed (it may
carry a tracking token), and any later request with the same key and body gets that
answer again; with another body, a `KeyReusedError`. A request that finds the key claimed
but not yet answered waits for the answer a moment, then is told to retry.

It lives in the database, not in a process, so it holds across workers and machines, and
the primary key makes two concurrent claims of one key fail for all but one of them.
Rows older than `TTL` count for nothing and are purged now and then. Like sessions, keys
keep time by the wall clock, not the business's clock a demo moves on by weeks.
"""

from __future__ import annotations

import base64
import hashlib
import json
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from sqlalchemy import Column, LargeBinary, MetaData, String, Table, delete, select, update
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError

from marketplace.ports import Clock, SystemClock
from marketplace.projection.columns import UtcDateTime

TTL = timedelta(hours=24)
# A claim never answered in this long was left by a process that died: it may be taken over.
ABANDONED_AFTER = timedelta(minutes=2)
PURGE_EVERY = timedelta(minutes=5)
KEY_LENGTH = 255
_PURPOSE = b"consortia/idempotency/answers/v1"

metadata = MetaData()
idempotency_keys = Table(
    "idempotency_keys", metadata,
    Column("key_digest", String(64), primary_key=True),  # SHA-256 of scope and key
    Column("request_digest", String(64), nullable=False),  # SHA-256 of the request's body
    Column("claimed_at", UtcDateTime, nullable=False, index=True),
    Column("answer", LargeBinary, nullable=True),  # sealed; None while being answered
)


@dataclass(frozen=True)
class Answer:
    """An HTTP answer as it is replayed: status, the headers that matter, the body."""

    status: int
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""


@dataclass(frozen=True)
class Claimed:
    """The key was free: this request acts, then `keep`s its answer or `release`s the key."""

    key_digest: str
    claimed_at: datetime


@dataclass(frozen=True)
class Replayed:
    """The key was used for the same request: its answer."""

    answer: Answer


class KeyReusedError(Exception):
    """The key was used within the last day for a request with another body."""


class KeyBusyError(Exception):
    """Another request with the key is still being answered."""


def key_digest(scope: str, key: str) -> str:
    """What the store keeps of a key: the SHA-256 of the caller's scope and the key."""
    joined = f"{scope}\x00{key}".encode("utf-8", "surrogateescape")
    return hashlib.sha256(joined).hexdigest()


class IdempotencyStore:
    """The idempotency keys of one database; answers sealed with a key from the vault key."""

    def __init__(self, engine: Engine, vault_key: bytes, clock: Clock | None = None, *,
                 claim_engine: Engine | None = None) -> None:
        self.engine = engine
        # A new claim may commit without waiting for the disk: what it guards is written
        # after it by a commit that does wait, and flushes the claim too; lost with what it
        # guards, it was never of use (marketplace/projection/durability.py). The answer
        # kept after the command, and every other change, waits for the disk.
        self.claim_engine = claim_engine or engine
        self.clock = clock or SystemClock()
        derived = HKDF(algorithm=hashes.SHA256(), length=32, salt=None,
                       info=_PURPOSE).derive(vault_key)
        self._cipher = Fernet(base64.urlsafe_b64encode(derived))
        self._purged_at: datetime | None = None
        metadata.create_all(engine)

    def claim(self, scope: str, key: str, request_digest: str) -> Claimed | Replayed:
        """Claim the key for this request, or the answer it had; KeyReusedError, KeyBusyError."""
        digest = key_digest(scope, key)
        now = self.clock.now()
        self._purge_now_and_then(now)
        for _attempt in range(3):
            try:
                with self.claim_engine.begin() as conn:
                    conn.execute(idempotency_keys.insert().values(
                        key_digest=digest, request_digest=request_digest, claimed_at=now))
                return Claimed(digest, now)
            except IntegrityError:
                pass
            with self.engine.begin() as conn:
                row = conn.execute(select(idempotency_keys)
                                   .where(idempotency_keys.c.key_digest == digest)).first()
                if row is None:
                    continue  # purged meanwhile: claim it afresh
                if row.claimed_at <= now - TTL:
                    conn.execute(delete(idempotency_keys).where(
                        idempotency_keys.c.key_digest == digest,
                        idempotency_keys.c.claimed_at == row.claimed_at))
                    continue
                if row.request_digest != request_digest:
                    raise KeyReusedError(digest)
                if row.answer is not None:
                    answer = self._open(bytes(row.answer))
                    if answer is not None:
                        return Replayed(answer)
                if row.claimed_at > now - ABANDONED_AFTER:
                    raise KeyBusyError(digest)
                # Abandoned (or sealed under another key): whoever updates it first takes it.
                taken = conn.execute(update(idempotency_keys).where(
                    idempotency_keys.c.key_digest == digest,
                    idempotency_keys.c.claimed_at == row.claimed_at).values(
                    claimed_at=now, answer=None)).rowcount
                if taken:
                    return Claimed(digest, now)
        raise KeyBusyError(digest)

    def keep(self, claimed: Claimed, answer: Answer) -> None:
        """Keep the claimed request's answer, to replay it."""
        with self.engine.begin() as conn:
            conn.execute(update(idempotency_keys).where(
                idempotency_keys.c.key_digest == claimed.key_digest,
                idempotency_keys.c.claimed_at == claimed.claimed_at).values(
                answer=self._seal(answer)))

    def release(self, claimed: Claimed) -> None:
        """Free the key: the request did nothing worth replaying (refused, or failed)."""
        with self.engine.begin() as conn:
            conn.execute(delete(idempotency_keys).where(
                idempotency_keys.c.key_digest == claimed.key_digest,
                idempotency_keys.c.claimed_at == claimed.claimed_at))

    def purge(self, now: datetime | None = None) -> int:
        """Delete every key older than a day; how many."""
        now = now or self.clock.now()
        self._purged_at = now
        with self.engine.begin() as conn:
            return int(conn.execute(delete(idempotency_keys).where(
                idempotency_keys.c.claimed_at <= now - TTL)).rowcount)

    def _purge_now_and_then(self, now: datetime) -> None:
        last = self._purged_at
        if last is None or now - last >= PURGE_EVERY or now < last:
            self.purge(now)

    def _seal(self, answer: Answer) -> bytes:
        plain = json.dumps({"status": answer.status, "headers": answer.headers,
                            "body": base64.b64encode(answer.body).decode()})
        return self._cipher.encrypt(plain.encode())

    def _open(self, sealed: bytes) -> Answer | None:
        try:
            plain = json.loads(self._cipher.decrypt(sealed))
        except InvalidToken:
            return None
        return Answer(int(plain["status"]), dict(plain["headers"]),
                      base64.b64decode(plain["body"]))
