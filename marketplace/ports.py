"""Ports: what the application needs from the world, as small protocols."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from typing import Protocol
from uuid import UUID


class Clock(Protocol):
    def now(self) -> datetime: ...


class SystemClock:
    """The wall clock, in UTC."""

    def now(self) -> datetime:
        return datetime.now(tz=UTC)


class SteppingClock:
    """A clock that stands still until moved; for tests and the demo's story."""

    def __init__(self, start: datetime) -> None:
        if start.tzinfo is None:
            raise ValueError("the clock needs a time zone")
        self.current = start

    def now(self) -> datetime:
        return self.current

    def advance(self, **delta: float) -> datetime:
        self.current += timedelta(**delta)
        return self.current

    def set(self, moment: datetime) -> None:
        self.current = moment


class PersonalDataVault(Protocol):
    """Personal data lives here, never in events; erasing it leaves the history intact."""

    def keep(self, data: dict[str, str]) -> UUID: ...

    def reveal(self, ref: UUID) -> dict[str, str] | None: ...

    def reveal_many(self, refs: Iterable[UUID]) -> dict[UUID, dict[str, str] | None]:
        """The records of those refs the vault holds or held: None for an erased one; a ref
        it never kept is left out."""
        ...

    def find_by_email(self, email: str) -> list[UUID]:
        """The references of everyone kept, and not erased, under that e-mail address."""
        ...

    def digest_of(self, email: str) -> str:
        """The keyed digest the vault finds an address by (never the address itself)."""
        ...

    def find_by_digest(self, digest: str) -> list[UUID]:
        """The references of everyone kept, and not erased, under that address's digest."""
        ...

    def replace_token(self, ref: UUID, name: str, token: str) -> bool:
        """Keep a new token (sealed) in place of the record's old one; False once erased."""
        ...

    def erase(self, ref: UUID) -> bool: ...

    def holding_tokens(self) -> set[UUID]:
        """The references of the records that still keep a token."""
        ...

    def destroy_tokens(self, ref: UUID) -> bool:
        """Forget the record's tokens (no mail will carry them again); the rest stays."""
        ...

    def discard(self, ref: UUID) -> None:
        """Forget data no stored event refers to, leaving no trace (a refused command)."""
        ...


class MailTransport(Protocol):
    """Hands one composed mail to whoever delivers it; raises when it cannot.

    `name` says in the outbox how a mail went ("smtp", or "local" when it only stays
    readable in the outbox for a developer).
    """

    name: str

    def send(self, message: EmailMessage) -> None: ...


class DocumentRenderer(Protocol):
    """Renders a document a mail carries (`quotation`: a quote's PDF) from the mail's facts,
    in the recipient's language; the web layer provides it, as documents are its pages."""

    def render(self, document: str, facts: dict[str, str], language: str) -> bytes: ...
