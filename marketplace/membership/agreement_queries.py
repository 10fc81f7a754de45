"""What the member and the manager read of the member agreement and its signatures."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from sqlalchemy import and_, select
from sqlalchemy.engine import Engine

from domain.statuses import MEMBER
from marketplace.membership.readmodel import members
from marketplace.membership.signatures import agreements, signatures
from marketplace.ports import PersonalDataVault
from marketplace.storefront.readmodel import catalog

Row = dict[str, Any]


def agreement(engine: Engine, consortium_id: UUID | str, version: int | None = None
              ) -> Row | None:
    """A version of the member agreement (the one in force by default); None if none."""
    query = select(agreements).where(agreements.c.consortium_id == str(consortium_id))
    query = (query.where(agreements.c.version == version) if version is not None
             else query.order_by(agreements.c.version.desc()).limit(1))
    with engine.connect() as conn:
        row = conn.execute(query).first()
    return dict(row._mapping) if row else None


def signature_of(engine: Engine, vault: PersonalDataVault, membership_id: UUID | str,
                 version: int) -> Row | None:
    """The membership's signature of a version, with the name typed; None if unsigned."""
    with engine.connect() as conn:
        row = conn.execute(select(signatures).where(
            signatures.c.membership_id == str(membership_id),
            signatures.c.version == version)).first()
    return _named(vault, dict(row._mapping)) if row else None


def signed_versions(engine: Engine, membership_id: UUID | str) -> list[Row]:
    """Every version the membership signed, the latest first."""
    with engine.connect() as conn:
        rows = conn.execute(select(signatures)
                            .where(signatures.c.membership_id == str(membership_id))
                            .order_by(signatures.c.version.desc())).all()
    return [dict(row._mapping) for row in rows]


def signing_status(engine: Engine, vault: PersonalDataVault, consortium_id: UUID | str,
                   version: int) -> list[Row]:
    """Each member (joined or suspended) and its signature of the version, if any."""
    joined = and_(signatures.c.membership_id == members.c.membership_id,
                  signatures.c.version == version)
    query = (select(members.c.membership_id, members.c.company_name, members.c.status,
                    signatures.c.signed_at, signatures.c.account_id, signatures.c.signatory,
                    signatures.c.agreement_sha256)
             .select_from(members.outerjoin(signatures, joined))
             .where(members.c.consortium_id == str(consortium_id),
                    members.c.status.in_([str(s) for s in MEMBER]))
             .order_by(members.c.company_name, members.c.membership_id))
    with engine.connect() as conn:
        rows = [dict(row._mapping) for row in conn.execute(query)]
    return [_named(vault, row) if row["signed_at"] else {**row, "name": None}
            for row in rows]


def _named(vault: PersonalDataVault, row: Row) -> Row:
    """The row with the name the signing person typed; None once they are erased."""
    person = vault.reveal(UUID(row["signatory"]))
    return {**row, "name": person.get("name") if person else None}


def consortia_with_agreements(engine: Engine, consortium_ids: set[str] | None) -> list[Row]:
    """The consortia that have adopted rules, by name: the given ones, or all (None)."""
    query = (select(catalog.c.consortium_id, catalog.c.name)
             .where(catalog.c.consortium_id.in_(select(agreements.c.consortium_id)))
             .order_by(catalog.c.name))
    if consortium_ids is not None:
        query = query.where(catalog.c.consortium_id.in_(sorted(consortium_ids)))
    with engine.connect() as conn:
        return [dict(row._mapping) for row in conn.execute(query)]
