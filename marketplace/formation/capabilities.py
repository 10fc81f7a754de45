"""The capability x stage matrix, and the gaps no joined member covers."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.engine import Connection

from domain.membership import Membership
from domain.values import Stage
from marketplace.projection.batch import Batch, Handler, on
from marketplace.projection.tables import capabilities, members

STAGES: tuple[str, ...] = tuple(stage.value for stage in Stage)


def capabilities_declared(batch: Batch, event: Any) -> None:
    """A declaration replaces the member's previous one, stage by stage.

    Runs before the membership's own handler, whose row still holds the old stages.
    """
    membership_id = str(event.originator_id)
    consortium_id, company_id = batch.membership(membership_id)
    member = batch[members].get(membership_id)
    before = list(member["stages"]) if member else []
    for stage in before:
        if stage not in event.stages:
            batch[capabilities].delete(membership_id, stage)
    for stage in event.stages:
        if stage not in before:
            batch[capabilities].add(membership_id=membership_id, stage=stage,
                                    consortium_id=consortium_id, company_id=company_id)


def covered_stages(conn: Connection, consortium_id: str, statuses: tuple[str, ...] = ("joined",)
                   ) -> set[str]:
    """The stages at least one member in one of `statuses` has declared."""
    return set(conn.execute(
        select(capabilities.c.stage).distinct()
        .join(members, members.c.membership_id == capabilities.c.membership_id)
        .where(capabilities.c.consortium_id == consortium_id, members.c.status.in_(statuses))
    ).scalars())


def gaps(conn: Connection, consortium_id: str) -> list[str]:
    """The value-chain stages that no joined member covers, in value-chain order."""
    covered = covered_stages(conn, consortium_id)
    return [stage for stage in STAGES if stage not in covered]


HANDLERS: dict[type, Handler] = on(Membership, {
    "CapabilitiesDeclared": capabilities_declared,
})
