"""The Company aggregate: an SME's own profile, shared by all its memberships."""

from __future__ import annotations

from uuid import UUID

from eventsourcing.domain import event

from domain import ids
from domain.base import DomainAggregate
from domain.errors import N_, InvalidValueError
from domain.text import text
from domain.values import Country, Region, Sector


class Company(DomainAggregate):
    """A small or medium firm that may join consortia."""

    class Registered(DomainAggregate.Created):
        tax_id: str
        name: str
        region: Region
        sector: Sector
        employees: int
        summary: str
        website: str

    class ProfileRevised(DomainAggregate.Event):
        name: str
        employees: int
        summary: str
        website: str

    class ContactNamed(DomainAggregate.Event):
        person: UUID

    @staticmethod
    def create_id(tax_id: str, **_: object) -> UUID:
        return ids.company_id(tax_id)

    @classmethod
    def register(
        cls, *, tax_id: str, name: str, region: Region | str, sector: Sector, employees: int,
        summary: str, website: str = "",
    ) -> Company:
        """Register a firm's profile."""
        region = region if isinstance(region, Region) else Region(region)
        if not isinstance(sector, Sector):
            raise InvalidValueError("a company needs a NACE sector")
        return cls(
            tax_id=text(tax_id, N_("the tax id"), 30).upper(),
            name=text(name, N_("the company's name"), 120),
            region=region,
            sector=sector,
            employees=_employees(employees),
            summary=text(summary, N_("the summary"), 2000),
            website=_website(website),
        )

    @event(Registered)
    def __init__(self, tax_id, name, region, sector, employees, summary, website) -> None:
        self.tax_id = tax_id
        self.name = name
        self.region = region
        self.sector = sector
        self.employees = employees
        self.summary = summary
        self.website = website
        self.contact: UUID | None = None

    @property
    def country(self) -> Country:
        return self.region.country

    def revise_profile(self, *, name: str, employees: int, summary: str, website: str) -> None:
        """Revise the public profile."""
        self._revise_profile(
            text(name, N_("the company's name"), 120), _employees(employees),
            text(summary, N_("the summary"), 2000), _website(website),
        )

    @event(ProfileRevised)
    def _revise_profile(self, name, employees, summary, website) -> None:
        self.name, self.employees, self.summary, self.website = name, employees, summary, website

    def name_contact(self, person: UUID) -> None:
        """Name the contact person (kept in the personal-data vault)."""
        self._name_contact(person)

    @event(ContactNamed)
    def _name_contact(self, person) -> None:
        self.contact = person


def _employees(value: object) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= 100_000:
        raise InvalidValueError("the number of employees must be a whole number from 1")
    return value


def _website(value: str) -> str:
    value = (value or "").strip()
    if value and not value.startswith(("https://", "http://")):
        raise InvalidValueError("a website address starts with https://")
    return value[:200]
