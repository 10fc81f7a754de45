"""The invitation mail: sent when an officer invites someone, with the link to choose a
password. The link's token is read, sealed, from the invitation's vault record at send
time, and destroyed once the mail is sent (marketplace/outbox/retire.py); neither the
event nor the outbox row holds it."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from domain.account import Account
from marketplace.outbox.kind import MailKind


def _invitee(event: Any, _ctx: Any) -> list[UUID]:
    # The invitation's own vault record: the person's name and address, and the token.
    return [event.invitee]


def _no_facts(_event: Any, _ctx: Any) -> dict[str, str]:
    return {}


def _set_password_path(person: dict[str, str], _facts: dict[str, str]) -> str | None:
    token = person.get("invitation")  # gone once the mail was sent
    return f"/password/set/{token}" if token else None


INVITATION: MailKind = MailKind("invitation", Account.Invited, _invitee, _no_facts,
                                _set_password_path)
