"""Whether a firm asked to price can hear of it: a user account acting for its membership,
or else a contact address on its profile that the manager may invite.

A request to a firm with no account mails nobody; the desk says so before and after.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.engine import Engine

from domain.statuses import AccountStanding
from marketplace.accounts.readmodel import accounts

if TYPE_CHECKING:
    from marketplace.application import Marketplace


def with_accounts(engine: Engine, membership_ids: Iterable[str]) -> set[str]:
    """Those of the memberships that an open user account acts for."""
    wanted = {str(m) for m in membership_ids}
    with engine.connect() as conn:
        rows = conn.execute(select(accounts.c.grants)
                            .where(accounts.c.status == AccountStanding.OPEN)).scalars()
        # Grants are JSON, so the membership is matched here rather than in SQL.
        acting = {grant["scope"] for grants in rows for grant in grants
                  if grant.get("role") == "member"}
    return wanted & acting


def contact_known(app: Marketplace, membership_id: str) -> bool:
    """Whether the firm's profile names a contact whose address the vault still keeps."""
    company = app.get_company(app.get_membership(membership_id).company_id)
    person = app.reveal_person(company.contact) if company.contact else None
    return bool(person and person.get("email"))


def without_account(app: Marketplace, engine: Engine, membership_ids: Iterable[str]
                    ) -> dict[str, dict[str, Any]]:
    """The memberships no account acts for, each saying whether its contact can be invited."""
    ids = {str(m) for m in membership_ids}
    return {m: {"contact": contact_known(app, m)}
            for m in sorted(ids - with_accounts(engine, ids))}
