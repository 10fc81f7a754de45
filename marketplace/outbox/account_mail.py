"""The "forgot password" mail: the one-time link to choose a new password.

No event calls for it (asking is not history: anyone may type an address): the command
writes its row directly, as the buyer's sign-in mail is written. The row's originator and
recipient are the vault record the mail is rendered from (the address, the person's
language and the sealed token); the token is destroyed once the mail is sent
(marketplace/outbox/retire.py).
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from marketplace.outbox.kind import MailKind

RESET_KIND = "password_reset"


def _nobody(_row: Any, _ctx: Any) -> list[UUID]:
    return []  # written by the command, never from an event or a scan


def _no_facts(_row: Any, _ctx: Any) -> dict[str, str]:
    return {}


def _reset_path(person: dict[str, str], _facts: dict[str, str]) -> str | None:
    token = person.get("reset")  # gone once the mail was sent
    return f"/password/reset/{token}" if token else None


PASSWORD_RESET: MailKind = MailKind(RESET_KIND, None, _nobody, _no_facts, _reset_path)
