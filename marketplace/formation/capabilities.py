"""The capability x stage matrix, and the gaps no joined member covers."""

from __future__ import annotations

from types import ModuleType

from sqlalchemy import Column, String, Table, select
from sqlalchemy.engine import Connection

from domain.membership import Membership
from domain.statuses import MembershipStatus
from domain.values import Stage
from marketplace.membership import readmodel as membership_readmodel
from marketplace.membership.readmodel import members
from marketplace.projection.batch import Batch, Handlers
from marketplace.projection.columns import ident, metadata

capabilities = Table(
    "rm_capabilities", metadata,
    ident("membership_id", primary_key=True),
    Column("stage", String(20), primary_key=True),
    ident("consortium_id", nullable=False, index=True),
    ident("company_id", nullable=False),
)

STAGES: tuple[str, ...] = tuple(stage.value for stage in Stage)


def capabilities_declared(
    batch: Batch, event: Membership.CapabilitiesDeclared | Membership.CapabilitiesCorrected,
) -> None:
    """A declaration replaces the member's previous one, stage by stage.

    Runs before the membership's own handler (`BEFORE`), whose row still holds the old
    stages.
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


def covered_stages(conn: Connection, consortium_id: str,
                   statuses: tuple[str, ...] = (MembershipStatus.JOINED,)) -> set[str]:
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


HANDLERS: Handlers = {Membership.CapabilitiesDeclared: capabilities_declared,
                      # A correction replaces the declaration as a new one does.
                      Membership.CapabilitiesCorrected: capabilities_declared}

# The membership's handler replaces the stages that `capabilities_declared` reads.
BEFORE: tuple[ModuleType, ...] = (membership_readmodel,)
