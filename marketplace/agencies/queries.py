"""What the installation knows of its agencies, and which agency each consortium is of."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.engine import Engine

from domain import ids
from marketplace.agencies.readmodel import agencies
from marketplace.errors import NotFoundError
from marketplace.storefront.readmodel import catalog
from marketplace.storefront.vocabulary import region_name


@dataclass(frozen=True)
class AgencyScope:
    """What the officers or auditors of some agencies reach: those agencies' consortia and
    the agencies' own records."""

    consortia: frozenset[str]
    agencies: frozenset[str]

    def holds(self, record_id: str, consortium_id: str | None) -> bool:
        """Whether a record (of this consortium, if it is one's) lies in the scope."""
        return (consortium_id is not None and consortium_id in self.consortia) \
            or record_id in self.agencies


def _agency(row: Any) -> dict[str, Any]:
    found = dict(row._mapping)
    found["region_name"] = region_name(found["region"])
    found["registered"] = True
    return found


def all_agencies(engine: Engine, within: set[str] | None = None) -> list[dict[str, Any]]:
    """Every agency by name: the registered ones, and any code a consortium names that was
    never registered (an older installation's), marked `registered=False`.

    `within` keeps only these agency ids (an officer's or auditor's scope); None keeps all.
    """
    with engine.connect() as conn:
        found = {row.agency_id: _agency(row)
                 for row in conn.execute(select(agencies))}
        for code, region in conn.execute(select(catalog.c.agency, catalog.c.region)
                                         .distinct().order_by(catalog.c.agency)):
            agency_id = str(ids.agency_id(code))
            found.setdefault(agency_id, {
                "agency_id": agency_id, "code": code, "name": code, "region": region,
                "region_name": region_name(region), "registered": False, "legal": {},
                "version": 0})
    listed = [a for a in found.values() if within is None or a["agency_id"] in within]
    return sorted(listed, key=lambda a: (a["name"].casefold(), a["code"]))


def agency(engine: Engine, agency_id: str) -> dict[str, Any]:
    """One registered agency; NotFoundError if there is none."""
    with engine.connect() as conn:
        row = conn.execute(select(agencies).where(agencies.c.agency_id == str(agency_id))
                           ).first()
    if row is None:
        raise NotFoundError("there is no %(what)s with id %(id)s", what="agency",
                            id=str(agency_id)[:36])
    return _agency(row)


def agency_of_code(engine: Engine, code: str) -> dict[str, Any] | None:
    """The registered agency a consortium's `agency` code names, if it is registered."""
    try:
        return agency(engine, str(ids.agency_id(code)))
    except NotFoundError:
        return None


def agency_id_of(code: str) -> str:
    """The id of the agency a consortium's `agency` code names (registered or not)."""
    return str(ids.agency_id(code))


def consortium_agencies(engine: Engine) -> dict[str, str]:
    """Each consortium's agency id (registered or not)."""
    with engine.connect() as conn:
        return {row.consortium_id: str(ids.agency_id(row.agency))
                for row in conn.execute(select(catalog.c.consortium_id, catalog.c.agency))}


def agency_of_consortium(engine: Engine, consortium_id: str) -> str | None:
    """The consortium's agency id (registered or not); None if there is no such consortium."""
    with engine.connect() as conn:
        code = conn.execute(select(catalog.c.agency)
                            .where(catalog.c.consortium_id == str(consortium_id))).scalar()
    return None if code is None else str(ids.agency_id(code))


def programme_defaults(engine: Engine, code: str) -> tuple[Decimal, str, Decimal] | None:
    """The fee a new consortium's rules start from: (annual fee, currency, success fee %)."""
    found = agency_of_code(engine, code)
    if found is None:
        return None
    return found["annual_fee"], found["currency"], found["success_fee_percent"]
