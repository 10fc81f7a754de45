"""What the officers' accounts screen reads: every account with its standing, and the
places a new account's role can apply to."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.engine import Engine

from domain.statuses import AccountStanding, MembershipStatus
from marketplace.accounts.credentials import UNUSABLE, credentials, invitations
from marketplace.accounts.queries import list_accounts
from marketplace.membership.readmodel import members
from marketplace.ports import PersonalDataVault
from marketplace.storefront.readmodel import catalog

Row = dict[str, Any]


def _standing(engine: Engine, now: datetime) -> dict[str, str]:
    """Each account's sign-in standing beside the events: invited, expired, locked."""
    with engine.connect() as conn:
        rows = conn.execute(select(credentials.c.account_id, credentials.c.password_hash,
                                   credentials.c.locked_until)).all()
        open_invites = {
            row.account_id for row in conn.execute(
                select(invitations.c.account_id)
                .where(invitations.c.used_at.is_(None), invitations.c.expires_at > now))}
    standing: dict[str, str] = {}
    for row in rows:
        if row.password_hash == UNUSABLE:
            standing[row.account_id] = (AccountStanding.INVITED if row.account_id in open_invites
                                        else AccountStanding.INVITATION_EXPIRED)
        elif row.locked_until is not None and row.locked_until > now:
            standing[row.account_id] = AccountStanding.LOCKED
    return standing


def accounts_overview(engine: Engine, vault: PersonalDataVault, now: datetime) -> list[Row]:
    """Every account by name, with its grants and status: open, invited, locked, closed."""
    standing = _standing(engine, now)
    listed = list_accounts(engine, vault)
    for row in listed:
        if row["status"] == AccountStanding.OPEN:
            row["status"] = standing.get(row["account_id"], AccountStanding.OPEN)
        # What the screen decides from the standing.
        row["usable"] = row["status"] == AccountStanding.OPEN
        row["invited"] = row["status"] == AccountStanding.INVITED
        row["can_reinvite"] = row["status"] in (AccountStanding.INVITED,
                                                AccountStanding.INVITATION_EXPIRED)
        row["locked"] = row["status"] == AccountStanding.LOCKED
    return listed


def scope_names(engine: Engine) -> dict[str, str]:
    """A readable name for every scope a grant can have: consortia and memberships."""
    with engine.connect() as conn:
        names = {str(r.consortium_id): r.name
                 for r in conn.execute(select(catalog.c.consortium_id, catalog.c.name))}
        for r in conn.execute(select(members.c.membership_id, members.c.consortium_id,
                                     members.c.company_name)):
            names[str(r.membership_id)] = (f"{r.company_name} "
                                           f"({names.get(str(r.consortium_id), '?')})")
    return names


def invite_choices(engine: Engine) -> tuple[list[Row], list[Row]]:
    """The consortia a manager can be invited to, and the memberships of joined firms."""
    with engine.connect() as conn:
        consortia = [{"id": str(r.consortium_id), "name": r.name} for r in conn.execute(
            select(catalog.c.consortium_id, catalog.c.name).order_by(catalog.c.name))]
        names = {c["id"]: c["name"] for c in consortia}
        memberships = [
            {"id": str(r.membership_id),
             "name": f"{r.company_name} ({names.get(str(r.consortium_id), '?')})"}
            for r in conn.execute(
                select(members.c.membership_id, members.c.consortium_id,
                       members.c.company_name)
                .where(members.c.status == MembershipStatus.JOINED)
                .order_by(members.c.company_name))]
    return consortia, memberships
