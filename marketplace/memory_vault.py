"""The personal-data vault in memory, for tests and rules that need no database."""

from __future__ import annotations

from collections.abc import Iterable
from uuid import UUID, uuid4

from marketplace.sealing import TOKEN_FIELDS, without_tokens
from marketplace.settings import DEVELOPMENT_VAULT_KEY
from marketplace.vault import email_digest


class MemoryVault:
    """A vault in memory, for tests that need no database."""

    def __init__(self, key: bytes | None = None) -> None:
        self.rows: dict[UUID, dict[str, str] | None] = {}
        self.key = key or DEVELOPMENT_VAULT_KEY.encode()

    def keep(self, data: dict[str, str]) -> UUID:
        ref = uuid4()
        self.rows[ref] = dict(data)
        return ref

    def reveal_many(self, refs: Iterable[UUID]) -> dict[UUID, dict[str, str] | None]:
        return {ref: self.reveal(ref) for ref in refs if ref in self.rows}

    def reveal(self, ref: UUID) -> dict[str, str] | None:
        return self.rows.get(ref)

    def find_by_email(self, email: str) -> list[UUID]:
        wanted = email.strip().lower()
        return [ref for ref, data in self.rows.items()
                if data and data.get("email", "").strip().lower() == wanted]

    def digest_of(self, email: str) -> str:
        return email_digest(email, self.key)

    def find_by_digest(self, digest: str) -> list[UUID]:
        return [ref for ref, data in self.rows.items()
                if data and data.get("email") and self.digest_of(data["email"]) == digest]

    def replace_token(self, ref: UUID, name: str, token: str) -> bool:
        data = self.rows.get(ref)
        if not data:
            return False
        self.rows[ref] = {**data, name: token}
        return True

    def erase(self, ref: UUID) -> bool:
        erased = self.rows.get(ref) is not None
        if ref in self.rows:
            self.rows[ref] = None
        return erased

    def holding_tokens(self) -> set[UUID]:
        return {ref for ref, data in self.rows.items()
                if data and any(name in data for name in TOKEN_FIELDS)}

    def destroy_tokens(self, ref: UUID) -> bool:
        data = self.rows.get(ref)
        if not data:
            return False
        self.rows[ref] = without_tokens(data)
        return self.rows[ref] != data

    def discard(self, ref: UUID) -> None:
        self.rows.pop(ref, None)
