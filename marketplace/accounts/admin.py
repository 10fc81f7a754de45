"""What the officers' accounts screen reads: every account with its standing and the last
day's wrong passwords, and the places a new account's role can apply to."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.engine import Engine

from domain.statuses import AccountStanding, MembershipStatus
from marketplace.accounts.credentials import UNUSABLE, credentials, invitations
from marketplace.accounts.queries import list_accounts
from marketplace.accounts.throttle import RecentFailures, recent_failures
from marketplace.agencies.queries import all_agencies
from marketplace.membership.readmodel import members
from marketplace.ports import PersonalDataVault
from marketplace.storefront.readmodel import catalog

Row = dict[str, Any]


def _standing(engine: Engine, now: datetime) -> dict[str, str]:
    """Each account's sign-in standing beside the events: invited, or invitation expired."""
    with engine.connect() as conn:
        rows = conn.execute(select(credentials.c.account_id, credentials.c.password_hash)).all()
        open_invites = {
            row.account_id for row in conn.execute(
                select(invitations.c.account_id)
                .where(invitations.c.used_at.is_(None), invitations.c.expires_at > now))}
    standing: dict[str, str] = {}
    for row in rows:
        if row.password_hash == UNUSABLE:
            standing[row.account_id] = (AccountStanding.INVITED if row.account_id in open_invites
                                        else AccountStanding.INVITATION_EXPIRED)
    return standing


def _failures(engine: Engine, now: datetime) -> dict[str, RecentFailures]:
    """The last day's wrong passwords, by account id (addresses with no account left out)."""
    with engine.connect() as conn:
        account_of = {row.login_digest: row.account_id for row in conn.execute(
            select(credentials.c.account_id, credentials.c.login_digest))}
    return {account_of[login]: recent for login, recent in recent_failures(engine, now).items()
            if login in account_of}


def accounts_overview(engine: Engine, vault: PersonalDataVault, now: datetime) -> list[Row]:
    """Every account by name, with its grants, status (open, invited, closed) and the
    wrong passwords tried for it in the last day."""
    standing = _standing(engine, now)
    failures = _failures(engine, now)
    listed = list_accounts(engine, vault)
    for row in listed:
        row["failures"] = failures.get(row["account_id"])
        if row["status"] == AccountStanding.OPEN:
            row["status"] = standing.get(row["account_id"], AccountStanding.OPEN)
        # What the screen decides from the standing.
        row["usable"] = row["status"] == AccountStanding.OPEN
        row["invited"] = row["status"] == AccountStanding.INVITED
        row["can_reinvite"] = row["status"] in (AccountStanding.INVITED,
                                                AccountStanding.INVITATION_EXPIRED)
        row["can_clear_failures"] = row["failures"] is not None
        row["can_change"] = row["status"] != AccountStanding.CLOSED  # grant, revoke, close
    return listed


def scope_names(engine: Engine) -> dict[str, str]:
    """A readable name for every scope a grant can have: agencies, consortia, memberships."""
    names = {a["agency_id"]: a["name"] for a in all_agencies(engine)}
    with engine.connect() as conn:
        names |= {str(r.consortium_id): r.name
                  for r in conn.execute(select(catalog.c.consortium_id, catalog.c.name))}
        for r in conn.execute(select(members.c.membership_id, members.c.consortium_id,
                                     members.c.company_name)):
            names[str(r.membership_id)] = (f"{r.company_name} "
                                           f"({names.get(str(r.consortium_id), '?')})")
    return names


def grant_consortia(engine: Engine) -> dict[str, str]:
    """The consortium each consortium or membership scope lies in (for an agency's sphere)."""
    with engine.connect() as conn:
        places = {str(r.consortium_id): str(r.consortium_id)
                  for r in conn.execute(select(catalog.c.consortium_id))}
        places |= {str(r.membership_id): str(r.consortium_id) for r in conn.execute(
            select(members.c.membership_id, members.c.consortium_id))}
    return places


def invite_choices(engine: Engine, within: set[str] | None = None
                   ) -> tuple[list[Row], list[Row]]:
    """The consortia a manager can be invited to, and the memberships of joined firms
    (only those of the consortia `within`, if given)."""
    with engine.connect() as conn:
        consortia = [{"id": str(r.consortium_id), "name": r.name} for r in conn.execute(
            select(catalog.c.consortium_id, catalog.c.name).order_by(catalog.c.name))
            if within is None or str(r.consortium_id) in within]
        names = {c["id"]: c["name"] for c in consortia}
        memberships = [
            {"id": str(r.membership_id),
             "name": f"{r.company_name} ({names.get(str(r.consortium_id), '?')})"}
            for r in conn.execute(
                select(members.c.membership_id, members.c.consortium_id,
                       members.c.company_name)
                .where(members.c.status == MembershipStatus.JOINED)
                .order_by(members.c.company_name))
            if str(r.consortium_id) in names]
    return consortia, memberships


def agency_choices(engine: Engine, within: set[str] | None = None) -> list[Row]:
    """The agencies an officer's or auditor's role can apply to (only `within`, if given)."""
    return [{"id": a["agency_id"], "name": a["name"]} for a in all_agencies(engine, within)]
