"""Invitations: a one-time link that lets an invited person choose their password.

The token is 256 random bits (marketplace/bidding/tokens.py). The store keeps only its SHA-256
digest, with an expiry, beside the passwords. The token itself is kept, sealed with a key
from the environment (marketplace/sealing.py), in a vault record of its own (the person's
name, address and the token), from which the invitation mail is rendered at send time.
The ciphertext is destroyed once that mail is sent, and the record erased once the link
is used. It is never in an event: the log is kept forever, exported and read by
auditors, and anyone reading a live token could take over the account.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any
from uuid import UUID

from sqlalchemy import delete, select, update
from sqlalchemy.engine import Engine

from marketplace.accounts.credentials import UNUSABLE, credentials, hash_password, invitations
from marketplace.bidding.tokens import is_token, token_digest
from marketplace.errors import (
    InvitationExpiredError,
    InvitationNotNeededError,
    InvitationUnknownError,
    InvitationUsedError,
)

VALID_FOR = timedelta(days=7)


@dataclass(frozen=True)
class Invitation:
    """An invitation that can still be used: whose, its vault record, and until when."""

    account_id: UUID
    invitee: UUID
    expires_at: datetime


def invitation_row(token: str, invitee: UUID, now: datetime) -> dict[str, Any]:
    """What the store keeps of a new invitation: the token's digest, never the token."""
    return {"token_digest": token_digest(token), "invitee_ref": str(invitee),
            "expires_at": now + VALID_FOR}


def _usable(row: object, now: datetime) -> Invitation:
    if row is None:
        raise InvitationUnknownError("this link to choose a password is not one we sent")
    if row.used_at is not None:  # type: ignore[attr-defined]
        raise InvitationUsedError("this link was used already; sign in with your password, "
                                   "or ask an agency officer for a new invitation")
    if row.expires_at <= now:  # type: ignore[attr-defined]
        raise InvitationExpiredError("this link has expired; ask an agency officer for a new "
                                   "invitation")
    return Invitation(UUID(row.account_id), UUID(row.invitee_ref),  # type: ignore[attr-defined]
                      row.expires_at)  # type: ignore[attr-defined]


def _digest(token: str) -> str:
    if not isinstance(token, str) or not is_token(token):
        raise InvitationUnknownError("this link to choose a password is not one we sent")
    return token_digest(token)


def find_invitation(engine: Engine, token: str, now: datetime) -> Invitation:
    """The invitation this token opens, if it is neither used nor expired."""
    digest = _digest(token)
    with engine.connect() as conn:
        row = conn.execute(select(invitations).where(invitations.c.token_digest == digest)
                           ).first()
    return _usable(row, now)


def reissue(engine: Engine, account_id: UUID, row: dict[str, Any]) -> list[UUID]:
    """Replace the account's unused invitations by a new one; returns the old vault records."""
    with engine.begin() as conn:
        hashed = conn.execute(select(credentials.c.password_hash)
                              .where(credentials.c.account_id == str(account_id))).scalar()
        if hashed != UNUSABLE:
            raise InvitationNotNeededError("this account's person has chosen a password "
                                           "already; they sign in with it")
        unused = (invitations.c.account_id == str(account_id)) & invitations.c.used_at.is_(None)
        old = [UUID(ref) for ref in conn.execute(
            select(invitations.c.invitee_ref).where(unused)).scalars()]
        conn.execute(delete(invitations).where(unused))
        conn.execute(invitations.insert().values(account_id=str(account_id), used_at=None,
                                                 **row))
    return old


def redeem(engine: Engine, token: str, password: str, now: datetime) -> Invitation:
    """Set the invited account's password and use the token up; returns the invitation."""
    digest = _digest(token)
    find_invitation(engine, token, now)  # a spent link is refused before the password
    hashed = hash_password(password)
    with engine.begin() as conn:
        row = conn.execute(select(invitations).where(invitations.c.token_digest == digest)
                           ).first()
        invitation = _usable(row, now)
        # Only while still unused: of two tabs posting the same link, one sets a password.
        taken = conn.execute(update(invitations)
                             .where(invitations.c.token_digest == digest,
                                    invitations.c.used_at.is_(None))
                             .values(used_at=now)).rowcount
        if taken != 1:
            raise InvitationUsedError("this link was used already; sign in with your "
                                       "password")
        conn.execute(update(credentials)
                     .where(credentials.c.account_id == str(invitation.account_id))
                     .values(password_hash=hashed))
    return invitation
