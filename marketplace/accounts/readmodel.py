"""Accounts as sign-in reads them: the person's vault reference and the grants."""

from __future__ import annotations

from sqlalchemy import JSON, Column, String, Table

from domain.account import Account
from domain.statuses import AccountStanding
from marketplace.projection.batch import Batch, Handlers
from marketplace.projection.columns import UtcDateTime, ident, metadata

# Who may sign in and in which roles; the person's name and e-mail stay in the vault.
accounts = Table(
    "rm_accounts", metadata,
    ident("account_id", primary_key=True),
    ident("person_ref", nullable=False, index=True),
    Column("grants", JSON, nullable=False),  # [{"role": ..., "scope": ...}]
    Column("status", String(10), nullable=False),  # open, closed
    Column("opened_at", UtcDateTime, nullable=False),
)


def opened(batch: Batch, event: Account.Opened) -> None:
    batch[accounts].add(account_id=str(event.originator_id), person_ref=str(event.person),
                        grants=list(event.grants), status=AccountStanding.OPEN,
                        opened_at=event.timestamp)


def _grants(batch: Batch, event: Account.Event) -> list[dict[str, str]]:
    row = batch[accounts].get(str(event.originator_id))
    assert row is not None, "an account is opened before anything else happens to it"
    return list(row["grants"])


def granted(batch: Batch, event: Account.RoleGranted) -> None:
    batch[accounts].update(str(event.originator_id),
                           grants=[*_grants(batch, event), event.grant])


def revoked(batch: Batch, event: Account.RoleRevoked) -> None:
    batch[accounts].update(str(event.originator_id),
                           grants=[g for g in _grants(batch, event) if g != event.grant])


def closed(batch: Batch, event: Account.Closed) -> None:
    batch[accounts].update(str(event.originator_id), status=AccountStanding.CLOSED)


HANDLERS: Handlers = {
    Account.Opened: opened,
    Account.RoleGranted: granted,
    Account.RoleRevoked: revoked,
    Account.Closed: closed,
}
