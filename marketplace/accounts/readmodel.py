"""Accounts as sign-in reads them: the person's vault reference and the grants."""

from __future__ import annotations

from typing import Any

from domain.account import Account
from marketplace.projection.batch import Batch, on
from marketplace.projection.tables import accounts


def opened(batch: Batch, event: Any) -> None:
    batch[accounts].add(account_id=str(event.originator_id), person_ref=str(event.person),
                        grants=list(event.grants), status="open", opened_at=event.timestamp)


def _grants(batch: Batch, event: Any) -> list[dict[str, str]]:
    row = batch[accounts].get(str(event.originator_id))
    assert row is not None, "an account is opened before anything else happens to it"
    return list(row["grants"])


def granted(batch: Batch, event: Any) -> None:
    batch[accounts].update(str(event.originator_id),
                           grants=[*_grants(batch, event), event.grant])


def revoked(batch: Batch, event: Any) -> None:
    batch[accounts].update(str(event.originator_id),
                           grants=[g for g in _grants(batch, event) if g != event.grant])


def closed(batch: Batch, event: Any) -> None:
    batch[accounts].update(str(event.originator_id), status="closed")


HANDLERS = on(Account, {"Opened": opened, "RoleGranted": granted, "RoleRevoked": revoked,
                        "Closed": closed})
