"""Passwords, kept beside the events and never in them: argon2 hashes, and growing waits
for a client that keeps guessing (accounts/throttle.py).

No account is ever locked: a wait binds only the client that failed, so nobody can keep
the owner out. Every checked try costs one argon2 verification, with or without an
account behind the address, so neither the answer nor its time tells which addresses
have accounts.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any
from uuid import UUID

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import Column, MetaData, String, Table, delete, inspect, select, text, update
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError, IntegrityError

from domain.errors import InvalidValueError
from marketplace.accounts.resets import ResetLinks
from marketplace.accounts.throttle import Throttle, client_digest
from marketplace.errors import EmailTakenError
from marketplace.projection.columns import UtcDateTime
from marketplace.settings import DEVELOPMENT_VAULT_KEY
from marketplace.vault import email_digest

MIN_LENGTH, MAX_LENGTH = 10, 200

metadata = MetaData()
credentials = Table(
    "account_credentials", metadata,
    Column("account_id", String(36), primary_key=True),
    # The vault's keyed digest of the sign-in e-mail: one account per address.
    Column("login_digest", String(64), nullable=False, unique=True),
    Column("password_hash", String(200), nullable=False),
)
# What a store made before the growing waits kept for its lock (dropped on opening).
_LOCK_COLUMNS = ("failed_attempts", "locked_until")
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
    account_id: UUID | None = None
    wait: timedelta | None = None  # this client must wait so long before trying again


class Credentials:
    """The password store of one database."""

    def __init__(self, engine: Engine, key: bytes | None = None) -> None:
        self.engine = engine
        self.key = key or DEVELOPMENT_VAULT_KEY.encode()  # bootstrap passes the store's
        metadata.create_all(engine)
        self.throttle = Throttle(engine)
        self.resets = ResetLinks(engine)  # "forgot password" links, beside the passwords
        self._drop_lock_columns()

    def _drop_lock_columns(self) -> None:
        # No production data yet: dropping the old lock's columns is the whole migration.
        for column in _LOCK_COLUMNS:
            present = {c["name"] for c in inspect(self.engine).get_columns(credentials.name)}
            if column not in present:
                continue
            try:
                with self.engine.begin() as conn:
                    conn.execute(text(f"ALTER TABLE {credentials.name} DROP COLUMN {column}"))
            except DBAPIError:
                # Another process may have dropped it at the same moment.
                if column in {c["name"] for c in
                              inspect(self.engine).get_columns(credentials.name)}:
                    raise

    def register(self, account_id: UUID, email: str, password: str) -> None:
        """Let the account sign in with this address and password."""
        hashed = _HASHER.hash(check_password(password))
        try:
            with self.engine.begin() as conn:
                conn.execute(credentials.insert().values(
                    account_id=str(account_id), login_digest=self._digest(email),
                    password_hash=hashed))
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
                    password_hash=UNUSABLE))
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
        """Replace the account's password."""
        hashed = _HASHER.hash(check_password(password))
        with self.engine.begin() as conn:
            conn.execute(update(credentials).where(credentials.c.account_id == str(account_id))
                         .values(password_hash=hashed))

    def reset_password(self, token: str, password: str, now: datetime) -> UUID:
        """Set the password a reset link's holder chose and use the link up, together."""
        hashed = _HASHER.hash(check_password(password))
        with self.engine.begin() as conn:
            account_id = self.resets.spend(conn, token, now)
            conn.execute(update(credentials).where(credentials.c.account_id == str(account_id))
                         .values(password_hash=hashed))
            # An invitation still open dies too: the person has chosen a password.
            conn.execute(update(invitations).where(invitations.c.account_id == str(account_id),
                                                   invitations.c.used_at.is_(None))
                         .values(used_at=now))
        return account_id

    def account_for(self, email: str) -> UUID | None:
        """The account that signs in with this address, if any."""
        with self.engine.connect() as conn:
            found = conn.execute(select(credentials.c.account_id)
                                 .where(credentials.c.login_digest == self._digest(email))
                                 ).scalar()
        return UUID(found) if found else None

    def _digest(self, email: str) -> str:
        return email_digest(email, self.key)

    def verify(self, email: str, password: str, now: datetime, client: str = "") -> Verdict:
        """Check a sign-in from a client, unless that client must wait first."""
        login, place = self._digest(email), client_digest(client, self.key)
        wait = self.throttle.admit(login, place, now)
        if wait is not None:
            return Verdict(False, wait=wait)
        with self.engine.connect() as conn:
            row = conn.execute(select(credentials.c.account_id, credentials.c.password_hash)
                               .where(credentials.c.login_digest == login)).first()
        hashed = row.password_hash if row is not None and row.password_hash != UNUSABLE else None
        # No account, or none with a password yet: the same argon2 work, against the decoy.
        matched = _matches(hashed or _DECOY, password)
        if matched and hashed is not None and row is not None:
            self.throttle.succeeded(login, place)
            return Verdict(True, account_id=UUID(row.account_id))
        self.throttle.failed(login, place, now)
        return Verdict(False)

    def clear_failures(self, account_id: UUID) -> None:
        """Forget the wrong passwords tried for this account, for an officer helping its
        owner: every client may try again at once."""
        with self.engine.connect() as conn:
            login = conn.execute(select(credentials.c.login_digest)
                                 .where(credentials.c.account_id == str(account_id))).scalar()
        if login is not None:
            self.throttle.clear(login)

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
