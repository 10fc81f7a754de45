"""What the agency officer reads while forming consortia: status, prospects, funding."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from sqlalchemy import select
from sqlalchemy.engine import Connection, Engine

from domain.rules import WORK_SHARE_RULES, ConsortiumRules
from domain.statuses import LISTED, ConsortiumStatus, MembershipStatus
from marketplace.errors import NotFoundError
from marketplace.formation.capabilities import STAGES, gaps
from marketplace.formation.corrected import corrections
from marketplace.formation.readmodel import formation, meetings, prospects, seed_ledger
from marketplace.membership.readmodel import companies, members
from marketplace.ports import PersonalDataVault
from marketplace.storefront.readmodel import catalog, seed_funding

Row = dict[str, Any]

__all__ = ["WORK_SHARE_RULES", "companies_to_identify", "consortium_formation",
           "formation_list", "manager_name", "new_rules", "next_step"]


def new_rules(**values: Any) -> ConsortiumRules:
    """A rule set from what the officer typed; the rules refuse what they cannot hold."""
    return ConsortiumRules(**values)


def _funding(row: Any) -> Row:
    """The ledger's totals, with what is left to disburse and to grant."""
    return {"currency": row.currency, "programme_cap": row.programme_cap,
            "granted": row.granted, "disbursed": row.disbursed,
            "remaining": row.granted - row.disbursed,
            "grantable": row.programme_cap - row.granted}


def next_step(entry: Row, governance: Row) -> str:
    """The formation step the consortium waits for, as a key the page names."""
    if entry["status"] != ConsortiumStatus.PROPOSED:
        return "publish" if entry["status"] == ConsortiumStatus.ESTABLISHED \
            and not entry["offer_stages"] else str(entry["status"])
    if not entry["prospect_count"]:
        return "prospects"
    if governance["manager_appointed_at"] is None:
        return "manager"
    if not governance["rules_version"]:
        return "rules"
    return "establish"


def formation_list(engine: Engine) -> list[Row]:
    """Every consortium with its formation status and seed funding, by name."""
    query = (select(catalog, seed_funding.c.currency, seed_funding.c.programme_cap,
                    seed_funding.c.granted, seed_funding.c.disbursed,
                    formation.c.manager_appointed_at, formation.c.rules_version)
             .join(seed_funding, seed_funding.c.consortium_id == catalog.c.consortium_id)
             .join(formation, formation.c.consortium_id == catalog.c.consortium_id)
             .order_by(catalog.c.name))
    with engine.connect() as conn:
        rows = conn.execute(query).all()
    listed = []
    for row in rows:
        entry = dict(row._mapping)
        entry["funding"] = _funding(row)
        entry["next_step"] = next_step(entry, entry)
        entry.update(_standing(entry))
        listed.append(entry)
    return listed


def _standing(entry: Row) -> Row:
    """What the pages decide from a consortium's status."""
    established = entry["status"] == ConsortiumStatus.ESTABLISHED
    return {"established": established, "in_formation": entry["status"] ==
            ConsortiumStatus.PROPOSED, "can_publish_offer": established}


def _prospect(row: Row) -> Row:
    """What the pages decide from a prospect's status: who declares, who still decides."""
    row["can_declare"] = row["status"] in (MembershipStatus.INVITED, MembershipStatus.JOINED)
    row["can_decide"] = row["prospect"] = row["status"] == MembershipStatus.INVITED
    return row


def _prospects(conn: Connection, consortium_id: str) -> list[Row]:
    query = (select(members.c.membership_id, members.c.company_id, members.c.company_name,
                    members.c.status, members.c.tier, members.c.stages, members.c.products,
                    members.c.capacity, members.c.certificates, members.c.meetings_attended,
                    members.c.joined_on, prospects.c.export_potential, prospects.c.version,
                    prospects.c.agreement, prospects.c.decline_reason)
             .join(prospects, prospects.c.membership_id == members.c.membership_id)
             .where(members.c.consortium_id == consortium_id)
             .order_by(members.c.company_name, members.c.membership_id))
    return [_prospect(dict(r._mapping)) for r in conn.execute(query)]


def consortium_formation(engine: Engine, slug: str) -> Row:
    """One consortium's formation: each step's state, from the read models."""
    with engine.connect() as conn:
        row = conn.execute(select(catalog).where(catalog.c.slug == slug)).first()
        if row is None:
            raise NotFoundError("there is no consortium called %(slug)s", slug=repr(slug))
        entry = dict(row._mapping)
        consortium_id = entry["consortium_id"]
        governance = dict(conn.execute(select(formation).where(
            formation.c.consortium_id == consortium_id)).one()._mapping)
        funding = _funding(conn.execute(select(seed_funding).where(
            seed_funding.c.consortium_id == consortium_id)).one())
        ledger = [dict(r._mapping) for r in conn.execute(
            select(seed_ledger).where(seed_ledger.c.consortium_id == consortium_id)
            .order_by(seed_ledger.c.version))]
        planned = [dict(r._mapping) for r in conn.execute(
            select(meetings).where(meetings.c.consortium_id == consortium_id)
            .order_by(meetings.c.meeting_on, meetings.c.topic))]
        listed = _prospects(conn, consortium_id)
        corrected = formation_corrections(conn, consortium_id)
    names = {p["company_id"]: p["company_name"] for p in listed}
    for meeting in planned:
        meeting["attendee_names"] = sorted(names.get(a, a) for a in meeting["attendees"])
        meeting["can_hold"] = meeting["can_cancel"] = not meeting["held"] and not meeting[
            "cancelled"]
        meeting["corrections"] = _named([c for c in corrected if c["corrects"] == str(
            meeting["meeting_id"])], names)
    for line in ledger:
        line["corrections"] = [c for c in corrected if c["corrects"] == str(line["version"])]
    return {**entry, **_standing(entry), "version": governance["version"], "governance": governance,
            "funding": funding, "ledger": ledger, "meetings": planned, "prospects": listed,
            "corrections": corrected,
            "matrix": capability_matrix(engine, consortium_id),
            "next_step": next_step(entry, governance)}


def formation_corrections(conn: Connection, consortium_id: str) -> list[Row]:
    """The corrections of a consortium's grants, disbursements and attendance, oldest first."""
    return [dict(r._mapping) for r in conn.execute(
        select(corrections).where(corrections.c.consortium_id == consortium_id)
        .order_by(corrections.c.version))]


def _named(found: list[Row], names: dict[str, str]) -> list[Row]:
    for correction in found:
        for key in ("was_attendees", "attendees"):
            correction[f"{key}_names"] = sorted(names.get(a, a) for a in correction[key] or [])
    return found


def companies_to_identify(engine: Engine, consortium_id: str) -> list[Row]:
    """Registered companies that are not yet prospects of this consortium, by name."""
    taken = select(members.c.company_id).where(members.c.consortium_id == consortium_id)
    query = (select(companies.c.company_id, companies.c.name, companies.c.region,
                    companies.c.sector_nace)
             .where(companies.c.company_id.not_in(taken)).order_by(companies.c.name))
    with engine.connect() as conn:
        return [dict(r._mapping) for r in conn.execute(query)]


def _listed_firms(conn: Connection, consortium_id: UUID | str, *columns: Any) -> list[Row]:
    """The firms the capability matrix lists, in its order, with the columns asked for and
    their stages in the value chain's order."""
    query = (select(members.c.status, members.c.stages, *columns)
             .where(members.c.consortium_id == str(consortium_id),
                    members.c.status.in_(LISTED))
             .order_by(members.c.company_name, members.c.membership_id))
    rows = [dict(r._mapping) for r in conn.execute(query)]
    for row in rows:
        row["stages"] = [stage for stage in STAGES if stage in row["stages"]]
    return rows


def member_capabilities(engine: Engine, consortium_id: UUID | str) -> list[Row]:
    """The capability matrix's firms with what each declared: its standing, tier, stages,
    products, capacity and certificates (the members' export)."""
    with engine.connect() as conn:
        return _listed_firms(conn, consortium_id, members.c.company_name, members.c.tier,
                             members.c.products, members.c.capacity, members.c.certificates,
                             members.c.joined_on)


def capability_matrix(engine: Engine, consortium_id: UUID | str) -> Row:
    """Which member covers which stage, and the gaps that no joined member covers."""
    with engine.connect() as conn:
        rows = _listed_firms(conn, consortium_id, members.c.membership_id,
                             members.c.company_id, members.c.company_name)
        missing = gaps(conn, str(consortium_id))
    for row in rows:
        _prospect(row)
    return {"stages": list(STAGES), "members": rows, "gaps": missing}


def manager_name(vault: PersonalDataVault, governance: Row) -> str | None:
    """The appointed manager's name from the vault; None if none is appointed or it is erased."""
    ref = governance.get("manager_ref")
    person = vault.reveal(UUID(ref)) if ref else None
    return (person or {}).get("name")
