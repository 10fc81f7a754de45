"""The names an auditor reads beside the ids the log keeps: a consortium's, a company's, an
RFQ's reference, a person's (while they are not erased).

The log stores ids only, so that erasing a person leaves it whole; the names are looked up
when a page is drawn, from the read models and the vault, a page's worth at a time.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any
from uuid import UUID

from sqlalchemy import select
from sqlalchemy.engine import Engine

from marketplace.accounts.readmodel import accounts
from marketplace.audit.readmodel import actor_key
from marketplace.bidding.readmodel import bids
from marketplace.membership.readmodel import companies, members
from marketplace.ports import PersonalDataVault
from marketplace.storefront.readmodel import catalog

ERASED = "erased"  # a person's name once the vault has forgotten it: the page words it

_USER = "user:"


def account_of(actor: str | None) -> str | None:
    """The account id in an actor as the log records it ("user:<id> (officer)"), if any."""
    key = actor_key(actor)
    if not key or not key.startswith(_USER):
        return None
    return key[len(_USER) :]


def record_names(
    engine: Engine, vault: PersonalDataVault, rows: Iterable[dict[str, Any]]
) -> dict[str, str]:
    """A name for each record and actor of `rows` that has one, by id.

    `rows` are the log's rows (aggregate_type, aggregate_id, consortium_id, actor). An
    erased person's id maps to ERASED; an id nothing names is left out.
    """
    wanted: dict[str, set[str]] = {}
    for row in rows:
        wanted.setdefault(row["aggregate_type"], set()).add(row["aggregate_id"])
        if row.get("consortium_id"):
            wanted.setdefault("Consortium", set()).add(row["consortium_id"])
        account = account_of(row.get("actor"))
        if account:
            wanted.setdefault("Account", set()).add(account)
    names: dict[str, str] = {}
    people: dict[str, str] = {}
    with engine.connect() as conn:
        for kind, column, name in (("Consortium", catalog.c.consortium_id, catalog.c.name),
                                   ("Membership", members.c.membership_id,
                                    members.c.company_name),
                                   ("Company", companies.c.company_id, companies.c.name),
                                   ("Bid", bids.c.bid_id, bids.c.reference),
                                   ("Account", accounts.c.account_id, accounts.c.person_ref)):
            ids = wanted.get(kind)
            if not ids:
                continue
            found = conn.execute(select(column, name).where(column.in_(sorted(ids))))
            (people if kind == "Account" else names).update(
                (str(key), str(value)) for key, value in found if value)
    for account, ref in people.items():
        names[account] = person_name(vault, ref)
    return names


def person_name(vault: PersonalDataVault, ref: str | UUID) -> str:
    """A person's name from the vault, or ERASED once they are forgotten."""
    record = vault.reveal(ref if isinstance(ref, UUID) else UUID(ref))
    return record.get("name") or ERASED if record else ERASED
