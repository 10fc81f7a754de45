"""Passwords, kept beside the events and never in them: argon2 hashes, and a lock after
too many wrong tries.

Ten wrong passwords in a row lock the account for fifteen minutes; the owner recovers by
waiting (the right password then works and clears the count) or by asking an agency
officer to unlock it. Each refusal costs an argon2 verification, which also slows
guessing down.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any
from uuid import UUID

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import Column, Integer, MetaData, String, Table, delete, select, update
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError

from domain.errors import InvalidValueError
from marketplace.errors import EmailTakenError
from marketplace.projection.columns import UtcDateTime
from marketplace.settings import DEVELOPMENT_VAULT_KEY
from marketplace.vault import email_digest

MAX_FAILURES = 10
LOCK_FOR = timedelta(minutes=15)
MIN_LENGTH, MAX_LENGTH = 10, 200

metadata = MetaData()
credentials = Table(
    "account_credentials", metadata,
    Column("account_id", String(36), primary_key=True),
    # The vault's keyed digest of the sign-in e-mail: one account per address.
    Column("login_digest", String(64), nullable=False, unique=True),
    Column("password_hash", String(200), nullable=False),
    Column("failed_attempts", Integer, nullable=False),
    Column("locked_until", UtcDateTime, nullable=True),
)
# An invited account's password until its person chooses one: no argon2 hash, so
# nothing verifies against it.
UNUSABLE = "!invited"
# One-time links to choose a password (accounts/invitations.py): the token's digest only.
invitations = Table(
    "account_invitations", metadata,
    Column("token_digest", String(64), primary_key=True),
    Column("account_id", String(36), nullable=False, index=True),
    # The vault record the link was mailed from, erased once the link is used.
    Column("invitee_ref", String(36), nullable=False),
    Column("expires_at", UtcDateTime, nullable=False),
    Column("used_at", UtcDateTime, nullable=True),
)

# A hash to verify against when no account matches, so that a wrong e-mail address
# takes as long as a wrong password and does not tell which addresses have accounts.
_HASHER = PasswordHasher()
_DECOY = _HASHER.hash("no account has this password")


def check_password(password: str) -> str:
    """A password long enough to resist guessing, short enough to hash quickly."""
    if not isinstance(password, str) or not MIN_LENGTH <= len(password) <= MAX_LENGTH:
        raise InvalidValueError("a password needs %(least)s to %(most)s characters",
                                least=MIN_LENGTH, most=MAX_LENGTH)
    return password


def hash_password(password: str) -> str:
    """The argon2 hash of a password long enough to keep."""
    return _HASHER.hash(check_password(password))


@dataclass(frozen=True)
class Verdict:
    """What a sign-in attempt came to."""

    ok: bool
    locked_until: datetime | None = None
    account_id: UUID | None = None


class Credentials:
    """The password store of one database."""

    def __init__(self, engine: Engine, key: bytes | None = None) -> None:
        self.engine = engine
        self.key = key or DEVELOPMENT_VAULT_KEY.encode()  # bootstrap passes the store's
        metadata.create_all(engine)

    def register(self, account_id: UUID, email: str, password: str) -> None:
        """Let the account sign in with this address and password."""
        hashed = _HASHER.hash(check_password(password))
        try:
            with self.engine.begin() as conn:
                conn.execute(credentials.insert().values(
                    account_id=str(account_id), login_digest=self._digest(email),
                    password_hash=hashed, failed_attempts=0, locked_until=None))
        except IntegrityError:
            raise EmailTakenError("an account already signs in as %(email)s",
                                  email=email) from None

    def register_invited(self, account_id: UUID, email: str, invitation: dict[str, Any]
                         ) -> None:
        """Reserve the address for an invited account, with no usable password yet."""
        try:
            with self.engine.begin() as conn:
                conn.execute(credentials.insert().values(
                    account_id=str(account_id), login_digest=self._digest(email),
                    password_hash=UNUSABLE, failed_attempts=0, locked_until=None))
                conn.execute(invitations.insert().values(account_id=str(account_id),
                                                         used_at=None, **invitation))
        except IntegrityError:
            raise EmailTakenError("an account already signs in as %(email)s",
                                  email=email) from None

    def forget(self, account_id: UUID) -> None:
        """Remove the account's sign-in (a refused opening, or a closed account)."""
        with self.engine.begin() as conn:
            conn.execute(delete(credentials).where(credentials.c.account_id == str(account_id)))
            conn.execute(delete(invitations).where(invitations.c.account_id == str(account_id)))

    def set_password(self, account_id: UUID, password: str) -> None:
        """Replace the account's password, and clear any lock."""
        hashed = _HASHER.hash(check_password(password))
        with self.engine.begin() as conn:
            conn.execute(update(credentials).where(credentials.c.account_id == str(account_id))
                         .values(password_hash=hashed, failed_attempts=0, locked_until=None))

    def _digest(self, email: str) -> str:
        return email_digest(email, self.key)

    def verify(self, email: str, password: str, now: datetime) -> Verdict:
        """Check a sign-in; count failures and lock after too many."""
        with self.engine.begin() as conn:
            row = conn.execute(
                select(credentials).where(credentials.c.login_digest == self._digest(email))
                .with_for_update()).first()
            if row is None:
                _matches(_DECOY, password)
                return Verdict(False)
            if row.locked_until is not None and row.locked_until > now:
                return Verdict(False, row.locked_until)
            if _matches(row.password_hash, password):
                conn.execute(update(credentials).where(credentials.c.account_id == row.account_id)
                             .values(failed_attempts=0, locked_until=None))
                return Verdict(True, account_id=UUID(row.account_id))
            failures = row.failed_attempts + 1
            locked = now + LOCK_FOR if failures >= MAX_FAILURES else None
            conn.execute(update(credentials).where(credentials.c.account_id == row.account_id)
                         .values(failed_attempts=0 if locked else failures, locked_until=locked))
            return Verdict(False, locked)

    def unlock(self, account_id: UUID) -> None:
        """Lift a lock, for an officer helping the account's owner."""
        with self.engine.begin() as conn:
            conn.execute(update(credentials).where(credentials.c.account_id == str(account_id))
                         .values(failed_attempts=0, locked_until=None))

    def confirms(self, account_id: UUID, password: str) -> bool:
        """Whether this is the account's password (a signed-in person confirming it)."""
        with self.engine.connect() as conn:
            hashed = conn.execute(select(credentials.c.password_hash)
                                  .where(credentials.c.account_id == str(account_id))).scalar()
        return _matches(hashed or _DECOY, password) and hashed is not None


def _matches(hashed: str, password: str) -> bool:
    try:
        return _HASHER.verify(hashed, password)
    except (VerificationError, InvalidHashError):
        return False
