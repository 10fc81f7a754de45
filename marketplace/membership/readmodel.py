"""Companies and their memberships: who is in which consortium, in what standing."""

from __future__ import annotations

from typing import Any

from sqlalchemy import update

from domain.company import Company
from domain.membership import Membership
from marketplace.projection.batch import Batch, Handler, on
from marketplace.projection.tables import companies, members
from marketplace.storefront.readmodel import member_changed


def registered(batch: Batch, event: Any) -> None:
    batch[companies].add(
        company_id=str(event.originator_id), tax_id=event.tax_id, name=event.name,
        region=event.region.code, sector_nace=event.sector.nace, sector_name=event.sector.name,
        employees=event.employees, summary=event.summary, website=event.website,
    )


def profile_revised(batch: Batch, event: Any) -> None:
    company_id = str(event.originator_id)
    batch[companies].update(company_id, name=event.name, employees=event.employees,
                            summary=event.summary, website=event.website)
    # A company may be in several consortia: rename it in the table itself, after
    # writing this batch's member rows so that none of them overwrites the new name.
    batch[members].forget()
    batch.conn.execute(update(members).where(members.c.company_id == company_id)
                       .values(company_name=event.name))


def invited(batch: Batch, event: Any) -> None:
    consortium_id, company_id = str(event.consortium_id), str(event.company_id)
    batch.remember(event.originator_id, consortium_id, company_id)
    company = batch[companies].get(company_id)
    row = batch[members].add(
        membership_id=str(event.originator_id), consortium_id=consortium_id,
        company_id=company_id, company_name=company["name"] if company else "",
        status="invited", tier="", stages=[], certifications=[], certificates=[], products=[],
        capacity="", roles=[], joined_on=None,
        meetings_attended=0, endorsements=0, updated_at=event.timestamp,
    )
    member_changed(batch, consortium_id, None, row)


def _update(batch: Batch, event: Any, **values: Any) -> str:
    """Change the membership's row, keeping the catalog in step; returns its consortium."""
    consortium_id = batch.membership(event.originator_id)[0]
    row = batch[members].get(str(event.originator_id))
    if row is not None:
        before = dict(row)
        batch[members].update(str(event.originator_id), updated_at=event.timestamp, **values)
        if before["status"] != row["status"] or before["certifications"] != row["certifications"]:
            member_changed(batch, consortium_id, before, row)
    return consortium_id


def meeting_attended(batch: Batch, event: Any) -> None:
    row = batch[members].get(str(event.originator_id))
    _update(batch, event, meetings_attended=(row["meetings_attended"] if row else 0) + 1)


def capabilities_declared(batch: Batch, event: Any) -> None:
    names = sorted({cert["name"] for cert in event.certifications})
    certificates = sorted(
        ({"name": cert["name"],
          "expires_on": cert["expires_on"].isoformat() if cert.get("expires_on") else None}
         for cert in event.certifications),
        key=lambda cert: (cert["name"], cert["expires_on"] or ""))
    _update(batch, event, stages=list(event.stages), certifications=names,
            certificates=certificates, products=list(event.products), capacity=event.capacity)


def joined(batch: Batch, event: Any) -> None:
    consortium_id = _update(batch, event, status="joined", tier=event.tier,
                            joined_on=event.on)
    batch.count(consortium_id, "members_joined")


def _standing(status: str, kpi: str) -> Handler:
    def handle(batch: Batch, event: Any) -> None:
        batch.count(_update(batch, event, status=status), kpi)

    return handle


def role_assigned(batch: Batch, event: Any) -> None:
    row = batch[members].get(str(event.originator_id))
    _update(batch, event, roles=[*(row["roles"] if row else []), event.role])


def endorsed(batch: Batch, event: Any) -> None:
    row = batch[members].get(str(event.originator_id))
    consortium_id = _update(batch, event, endorsements=(row["endorsements"] if row else 0) + 1)
    batch.count(consortium_id, "endorsements")


HANDLERS: dict[type, Handler] = {
    **on(Company, {
        "Registered": registered,
        "ProfileRevised": profile_revised,
    }),
    **on(Membership, {
        "Invited": invited,
        "MeetingAttended": meeting_attended,
        "CapabilitiesDeclared": capabilities_declared,
        "Joined": joined,
        "Declined": _standing("declined", "members_declined"),
        "Left": _standing("left", "members_left"),
        "SuspendedForArrears": _standing("suspended", "members_suspended"),
        "Reinstated": _standing("joined", "members_reinstated"),
        "RoleAssigned": role_assigned,
        "Endorsed": endorsed,
    }),
}
