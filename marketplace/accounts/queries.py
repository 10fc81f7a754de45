"""Who is signed in: an account's name (from the vault) and grants (from the read model)."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from sqlalchemy import select
from sqlalchemy.engine import Engine

from domain.statuses import AccountStanding
from marketplace.accounts.readmodel import accounts
from marketplace.agencies.queries import agency_id_of, all_agencies
from marketplace.errors import NotFoundError
from marketplace.membership.readmodel import companies, members
from marketplace.ports import PersonalDataVault
from marketplace.storefront.readmodel import catalog

Row = dict[str, Any]


def signed_in_account(engine: Engine, vault: PersonalDataVault, account_id: str) -> Row | None:
    """The open account with this id, its person's name and e-mail, and its grants."""
    with engine.connect() as conn:
        row = conn.execute(select(accounts).where(
            accounts.c.account_id == account_id, accounts.c.status == AccountStanding.OPEN)).first()
    if row is None:
        return None
    person = vault.reveal(UUID(row.person_ref)) or {}
    return {"account_id": row.account_id, "name": person.get("name", "(erased)"),
            "email": person.get("email", ""), "grants": list(row.grants)}


def list_accounts(engine: Engine, vault: PersonalDataVault) -> list[Row]:
    """Every account, with names from the vault, by name."""
    with engine.connect() as conn:
        rows = conn.execute(select(accounts)).all()
    listed = []
    for row in rows:
        person = vault.reveal(UUID(row.person_ref)) or {}
        listed.append({"account_id": row.account_id, "status": row.status,
                       "name": person.get("name", "(erased)"), "email": person.get("email", ""),
                       "grants": list(row.grants)})
    return sorted(listed, key=lambda r: r["name"].casefold())


def scope_for(engine: Engine, role: str, consortium: str = "", tax_id: str = "",
              agency: str = "") -> str:
    """Where a role applies, from the names people use: a consortium's slug, a firm's tax id,
    an agency's code.

    A manager's scope is the consortium; a member user's is the firm's membership of it; an
    officer's or auditor's is the agency (none: the whole installation).
    """
    if role in ("officer", "auditor"):
        if not agency:
            return ""
        known = {a["agency_id"] for a in all_agencies(engine)}
        if agency_id_of(agency) not in known:
            raise NotFoundError("there is no agency with the code %(code)s",
                                code=repr(agency)[:40])
        return agency_id_of(agency)
    with engine.connect() as conn:
        consortium_id = conn.execute(select(catalog.c.consortium_id)
                                     .where(catalog.c.slug == consortium)).scalar()
        if consortium_id is None:
            raise NotFoundError("there is no consortium called %(slug)s",
                                slug=repr(consortium))
        if role == "manager":
            return str(consortium_id)
        membership_id = conn.execute(
            select(members.c.membership_id)
            .join(companies, companies.c.company_id == members.c.company_id)
            .where(members.c.consortium_id == consortium_id,
                   companies.c.tax_id == tax_id)).scalar()
    if membership_id is None:
        raise NotFoundError("no firm with tax id %(tax_id)s is a member of %(slug)s",
                            tax_id=repr(tax_id), slug=repr(consortium))
    return str(membership_id)
