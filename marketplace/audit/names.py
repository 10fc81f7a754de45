"""The names an auditor reads beside the ids the log keeps: a consortium's, a company's, an
RFQ's reference, a person's (while they are not erased).

The log stores ids only, so that erasing a person leaves it whole; the names are looked up
when a page is drawn, from the read models and the vault, a page's worth at a time. People
are named by their accounts; a buyer's contact stays a reference to the vault.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from uuid import UUID

from sqlalchemy import func, select
from sqlalchemy.engine import Engine

from marketplace.accounts.readmodel import accounts
from marketplace.agencies.readmodel import agencies
from marketplace.audit.readmodel import actor_key
from marketplace.bidding.readmodel import bids
from marketplace.membership.readmodel import companies, members
from marketplace.ports import PersonalDataVault
from marketplace.storefront.readmodel import catalog

ERASED = "erased"  # a person's name once the vault has forgotten it: the page words it
UNNAMED = "unnamed"  # a person in the vault who has no account: the page words it

_USER = "user:"
# An id as text, wherever it appears (a value, a key "design:<id>", an actor "user:<id>").
UUID_TEXT = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", re.I)


def account_of(actor: str | None) -> str | None:
    """The account id in an actor as the log records it ("user:<id> (officer)"), if any."""
    key = actor_key(actor)
    if not key or not key.startswith(_USER):
        return None
    return key[len(_USER) :]


# What each kind of record is named by in the read models.
_NAMED_BY = (("Agency", agencies.c.agency_id, agencies.c.name),
             ("Consortium", catalog.c.consortium_id, catalog.c.name),
             ("Membership", members.c.membership_id, members.c.company_name),
             ("Company", companies.c.company_id, companies.c.name),
             ("Bid", bids.c.bid_id, bids.c.reference))


@dataclass(frozen=True)
class Named:
    """What an id stands for: a record the auditor can open, or a person."""

    name: str  # ERASED for a person the vault has forgotten
    kind: str  # an aggregate's type, or "Person"

    @property
    def is_record(self) -> bool:
        return self.kind != "Person"


def names_of(engine: Engine, vault: PersonalDataVault, ids: Iterable[str]) -> dict[str, Named]:
    """What each of `ids` stands for, whatever it is: an agency, a consortium, a membership (by its
    company), a company, an RFQ (by its reference), an account and its vault reference (by
    the person's name), another vault reference (a person, unnamed). An id nothing names
    is left out."""
    wanted = sorted({str(i) for i in ids})
    found: dict[str, Named] = {}
    if not wanted:
        return found
    with engine.connect() as conn:
        for kind, column, name in _NAMED_BY:
            found.update((str(key), Named(str(value), kind)) for key, value in conn.execute(
                select(column, name).where(column.in_(wanted))) if value)
        people = dict(conn.execute(select(accounts.c.account_id, accounts.c.person_ref)
                                   .where(accounts.c.account_id.in_(wanted))).tuples().all())
    refs = {UUID(ref) for ref in people.values()}
    refs.update(UUID(i) for i in wanted
                if i not in found and i not in people and UUID_TEXT.fullmatch(i))
    records = vault.reveal_many(refs)
    for account, ref in people.items():
        found[str(account)] = Named(_name(records.get(UUID(ref))), "Account")
        found[str(ref)] = Named(_name(records.get(UUID(ref))), "Person")
    for ref, record in records.items():
        # Someone without an account (a buyer's contact): the log says a person is there,
        # not who; their name is for the pages of the process, not for the auditor's.
        found.setdefault(str(ref), Named(UNNAMED if record else ERASED, "Person"))
    return found


def _name(record: dict[str, str] | None) -> str:
    return (record or {}).get("name") or ERASED


def find_records(engine: Engine, typed: str, limit: int = 30) -> list[dict[str, str]]:
    """Consortia, memberships and RFQs whose name (or reference) holds the typed text, each
    with its kind, id and name: the as-of page's picker."""
    pattern = f"%{typed.strip().lower()}%"
    found: list[dict[str, str]] = []
    with engine.connect() as conn:
        for kind, column, name in _NAMED_BY:
            if kind == "Company":
                continue  # a company is not an aggregate the auditor replays here
            rows = conn.execute(select(column, name).where(func.lower(name).like(pattern))
                                .order_by(name).limit(limit))
            found += [{"kind": kind, "id": str(key), "name": str(value)} for key, value in rows]
    return found[:limit]
