"""Who wants which mail: the member users' choices, for their page and for the mailer."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from sqlalchemy import select
from sqlalchemy.engine import Engine

from domain.mail_preferences import MAIL_KINDS
from domain.statuses import AccountStanding
from marketplace.accounts.readmodel import accounts
from marketplace.outbox.preferences import mail_preferences

__all__ = ["MAIL_KINDS", "mail_choice", "mail_recipients"]


def mail_choice(engine: Engine, account_id: UUID | str) -> dict[str, Any]:
    """The mails an account wants and the choice's version (every kind, 0, if never chosen)."""
    with engine.connect() as conn:
        row = conn.execute(select(mail_preferences)
                           .where(mail_preferences.c.account_id == str(account_id))).first()
    if row is None:
        return {"wanted": list(MAIL_KINDS), "version": 0}
    return {"wanted": list(row.wanted), "version": row.version}


def mail_recipients(engine: Engine, membership_id: UUID | str, kind: str) -> list[str]:
    """The open accounts of member users acting for this membership who want this mail."""
    if kind not in MAIL_KINDS:
        raise ValueError(f"{kind!r} is not a kind of mail")
    grant = {"role": "member", "scope": str(membership_id)}
    with engine.connect() as conn:
        rows = conn.execute(select(accounts.c.account_id, accounts.c.grants,
                                   mail_preferences.c.wanted)
                            .outerjoin(mail_preferences,
                                       mail_preferences.c.account_id == accounts.c.account_id)
                            .where(accounts.c.status == AccountStanding.OPEN)).all()
    # Grants are JSON, so the membership is matched here rather than in SQL.
    return sorted(row.account_id for row in rows
                  if grant in row.grants and (row.wanted is None or kind in row.wanted))
