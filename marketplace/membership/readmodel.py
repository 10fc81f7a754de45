"""Companies and their memberships: who is in which consortium, in what standing."""

from __future__ import annotations

from typing import Any

from sqlalchemy import JSON, Column, Date, Integer, String, Table, Text, select, update

from domain.company import Company
from domain.membership import Membership
from domain.statuses import MembershipStatus
from marketplace.projection.batch import Batch, Handler, Handlers
from marketplace.projection.columns import UtcDateTime, ident, metadata
from marketplace.storefront.readmodel import member_changed, searched_again

companies = Table(
    "rm_companies", metadata,
    ident("company_id", primary_key=True),
    Column("tax_id", String(30), nullable=False),
    Column("name", String(120), nullable=False),
    Column("region", String(10), nullable=False),
    Column("sector_nace", String(5), nullable=False),
    Column("sector_name", String(200), nullable=False),
    Column("employees", Integer, nullable=False),
    Column("summary", Text, nullable=False),
    Column("website", String(200), nullable=False),
)

members = Table(
    "rm_members", metadata,
    ident("membership_id", primary_key=True),
    ident("consortium_id", nullable=False, index=True),
    ident("company_id", nullable=False, index=True),
    Column("company_name", String(120), nullable=False),
    Column("status", String(20), nullable=False),
    Column("tier", String(40), nullable=False),
    Column("stages", JSON, nullable=False),
    Column("certifications", JSON, nullable=False),
    # What the storefront shows of a member: [{"name", "expires_on": ISO date or null}].
    Column("certificates", JSON, nullable=False),
    Column("products", JSON, nullable=False),
    Column("capacity", Text, nullable=False),
    Column("roles", JSON, nullable=False),
    Column("joined_on", Date, nullable=True),
    Column("meetings_attended", Integer, nullable=False),
    Column("endorsements", Integer, nullable=False),
    Column("updated_at", UtcDateTime, nullable=False),
)


def registered(batch: Batch, event: Company.Registered) -> None:
    batch[companies].add(
        company_id=str(event.originator_id), tax_id=event.tax_id, name=event.name,
        region=event.region.code, sector_nace=event.sector.nace, sector_name=event.sector.name,
        employees=event.employees, summary=event.summary, website=event.website,
    )


def profile_revised(batch: Batch, event: Company.ProfileRevised) -> None:
    company_id = str(event.originator_id)
    batch[companies].update(company_id, name=event.name, employees=event.employees,
                            summary=event.summary, website=event.website)
    # A company may be in several consortia: rename it in the table itself, after
    # writing this batch's member rows so that none of them overwrites the new name.
    batch[members].forget()
    batch.conn.execute(update(members).where(members.c.company_id == company_id)
                       .values(company_name=event.name))
    for consortium_id in batch.conn.execute(select(members.c.consortium_id).distinct()
                                            .where(members.c.company_id == company_id)).scalars():
        searched_again(batch, consortium_id)


def invited(batch: Batch, event: Membership.Invited) -> None:
    consortium_id, company_id = str(event.consortium_id), str(event.company_id)
    batch.remember(event.originator_id, consortium_id, company_id)
    company = batch[companies].get(company_id)
    row = batch[members].add(
        membership_id=str(event.originator_id), consortium_id=consortium_id,
        company_id=company_id, company_name=company["name"] if company else "",
        status=MembershipStatus.INVITED, tier="", stages=[], certifications=[], certificates=[],
        products=[],
        capacity="", roles=[], joined_on=None,
        meetings_attended=0, endorsements=0, updated_at=event.timestamp,
    )
    member_changed(batch, consortium_id, None, row)


def _update(batch: Batch, event: Membership.Event, **values: Any) -> str:
    """Change the membership's row, keeping the catalog in step; returns its consortium."""
    consortium_id = batch.membership(event.originator_id)[0]
    row = batch[members].get(str(event.originator_id))
    if row is not None:
        before = dict(row)
        batch[members].update(str(event.originator_id), updated_at=event.timestamp, **values)
        if before["status"] != row["status"] or before["certifications"] != row["certifications"]:
            member_changed(batch, consortium_id, before, row)
    return consortium_id


def meeting_attended(batch: Batch, event: Membership.MeetingAttended) -> None:
    row = batch[members].get(str(event.originator_id))
    _update(batch, event, meetings_attended=(row["meetings_attended"] if row else 0) + 1)


def capabilities_declared(
    batch: Batch, event: Membership.CapabilitiesDeclared | Membership.CapabilitiesCorrected,
) -> None:
    names = sorted({cert["name"] for cert in event.certifications})
    certificates = sorted(
        ({"name": cert["name"],
          "expires_on": cert["expires_on"].isoformat() if cert.get("expires_on") else None}
         for cert in event.certifications),
        key=lambda cert: (cert["name"], cert["expires_on"] or ""))
    consortium_id = _update(batch, event, stages=list(event.stages), certifications=names,
                            certificates=certificates, products=list(event.products),
                            capacity=event.capacity)
    searched_again(batch, consortium_id)  # products and certificates are searched


def joined(batch: Batch, event: Membership.Joined) -> None:
    consortium_id = _update(batch, event, status=MembershipStatus.JOINED, tier=event.tier,
                            joined_on=event.on)
    batch.count(consortium_id, "members_joined")


def _standing(status: str, kpi: str) -> Handler:
    def handle(batch: Batch, event: Membership.Event) -> None:
        batch.count(_update(batch, event, status=status), kpi)

    return handle


def role_assigned(batch: Batch, event: Membership.RoleAssigned) -> None:
    row = batch[members].get(str(event.originator_id))
    _update(batch, event, roles=[*(row["roles"] if row else []), event.role])


def endorsed(batch: Batch, event: Membership.Endorsed) -> None:
    row = batch[members].get(str(event.originator_id))
    consortium_id = _update(batch, event, endorsements=(row["endorsements"] if row else 0) + 1)
    batch.count(consortium_id, "endorsements")


HANDLERS: Handlers = {
    Company.Registered: registered,
    Company.ProfileRevised: profile_revised,
    Membership.Invited: invited,
    Membership.MeetingAttended: meeting_attended,
    Membership.CapabilitiesDeclared: capabilities_declared,
    # A correction replaces the declaration in force, as a new declaration would.
    Membership.CapabilitiesCorrected: capabilities_declared,
    Membership.Joined: joined,
    Membership.Declined: _standing(MembershipStatus.DECLINED, "members_declined"),
    Membership.Left: _standing(MembershipStatus.LEFT, "members_left"),
    Membership.SuspendedForArrears: _standing(MembershipStatus.SUSPENDED, "members_suspended"),
    Membership.Reinstated: _standing(MembershipStatus.JOINED, "members_reinstated"),
    Membership.RoleAssigned: role_assigned,
    Membership.Endorsed: endorsed,
}
