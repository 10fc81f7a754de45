"""Who in the workspace a notice goes to: vault references read from the account read model.

The outbox stores references, never addresses; these find the people holding a role.
"""

from __future__ import annotations

from uuid import UUID

from sqlalchemy import select
from sqlalchemy.engine import Engine

from domain.statuses import AccountStanding
from marketplace.accounts.readmodel import accounts
from marketplace.outbox.queries import mail_recipients


def role_holders(engine: Engine, role: str, scope: str = "") -> list[UUID]:
    """The people (vault references) whose open accounts hold the role in that scope."""
    grant = {"role": role, "scope": str(scope)}
    with engine.connect() as conn:
        rows = conn.execute(select(accounts.c.person_ref, accounts.c.grants)
                            .where(accounts.c.status == AccountStanding.OPEN)).all()
    # Grants are JSON, so the role is matched here rather than in SQL.
    return sorted({UUID(row.person_ref) for row in rows if grant in row.grants})


def member_users(engine: Engine, membership_id: UUID | str, preference: str) -> list[UUID]:
    """The people acting for a membership who want this sort of mail (see mail_queries)."""
    wanted = mail_recipients(engine, membership_id, preference)
    if not wanted:
        return []
    with engine.connect() as conn:
        refs = conn.execute(select(accounts.c.person_ref)
                            .where(accounts.c.account_id.in_(wanted))).scalars().all()
    return sorted({UUID(ref) for ref in refs})
