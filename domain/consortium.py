"""The Consortium aggregate: from an agency's proposal to a published full-service offer."""

from __future__ import annotations

import re
from datetime import date
from uuid import UUID

from eventsourcing.domain import event

from domain import clock, ids
from domain.base import DomainAggregate
from domain.errors import (
    ConsortiumClosedError,
    ConsortiumNotEstablishedError,
    ConsortiumStateError,
    CurrencyMismatchError,
    DisbursementExceedsGrantError,
    EstablishmentIncompleteError,
    InvalidValueError,
    MeetingAlreadyHeldError,
    OfferNotPublishedError,
    ProspectAlreadyIdentifiedError,
    SeedFundingCapExceededError,
    StageNotOfferedError,
    UnknownMeetingError,
    UnknownProspectError,
)
from domain.money import Money, require_money
from domain.rules import ConsortiumRules
from domain.statuses import FORMED, ConsortiumStatus
from domain.text import text
from domain.values import Region, Sector, Stage

MIN_MEMBERS_TO_ESTABLISH = 3
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


class Consortium(DomainAggregate):
    """A group of a region's firms of one sector, formed to export together."""

    class Proposed(DomainAggregate.Created):
        slug: str
        name: str
        agency: str
        region: Region
        sector: Sector
        programme_cap: Money

    class ProspectIdentified(DomainAggregate.Event):
        company_id: UUID
        membership_id: UUID
        export_potential: str

    class MeetingPlanned(DomainAggregate.Event):
        meeting_id: UUID
        on: date
        topic: str

    class MeetingHeld(DomainAggregate.Event):
        meeting_id: UUID
        attendees: list[str]

    class CapabilitiesMapped(DomainAggregate.Event):
        coverage: dict[str, list[str]]
        gaps: list[str]

    class SeedFundingGranted(DomainAggregate.Event):
        amount: Money

    class SeedFundingDisbursed(DomainAggregate.Event):
        amount: Money
        purpose: str

    class ManagerAppointed(DomainAggregate.Event):
        manager: UUID

    class RulesAdopted(DomainAggregate.Event):
        rules: ConsortiumRules
        version: int

    class Established(DomainAggregate.Event):
        on: date
        joined_members: int

    class OfferPublished(DomainAggregate.Event):
        stages: list[str]
        summary: str

    class Suspended(DomainAggregate.Event):
        reason: str

    class Reactivated(DomainAggregate.Event):
        pass

    class Dissolved(DomainAggregate.Event):
        reason: str

    @staticmethod
    def create_id(slug: str, **_: object) -> UUID:
        return ids.consortium_id(slug)

    @classmethod
    def propose(
        cls, *, slug: str, name: str, agency: str, region: Region | str, sector: Sector,
        programme_cap: Money,
    ) -> Consortium:
        """Propose a consortium for a sector and region; the agency will form it."""
        if not isinstance(sector, Sector):
            raise InvalidValueError("a consortium needs a NACE sector")
        require_money(programme_cap, "the programme cap")
        return cls(
            slug=cls.check_slug(slug),
            name=text(name, "the consortium's name", 120),
            agency=text(agency, "the agency", 80),
            region=region if isinstance(region, Region) else Region(region),
            sector=sector,
            programme_cap=programme_cap,
        )

    @staticmethod
    def check_slug(slug: str) -> str:
        if not isinstance(slug, str) or not _SLUG.match(slug) or len(slug) > 60:
            raise InvalidValueError(
                f"{slug!r} is not a valid short name: use lower-case letters, digits and dashes"
            )
        return slug

    @event(Proposed)
    def __init__(self, slug, name, agency, region, sector, programme_cap) -> None:
        self.slug = slug
        self.name = name
        self.agency = agency
        self.region = region
        self.sector = sector
        self.programme_cap = programme_cap
        self.status = ConsortiumStatus.PROPOSED
        self.prospects: dict[str, dict] = {}
        self.meetings: dict[str, dict] = {}
        self.coverage: dict[str, list[str]] = {}
        self.gaps: list[str] = []
        self.granted = Money.zero(programme_cap.currency)
        self.disbursed = Money.zero(programme_cap.currency)
        self.manager: UUID | None = None
        self.rules: ConsortiumRules | None = None
        self.rules_version = 0
        self.offer_stages: list[str] = []
        self.offer_summary = ""
        self.established_on: date | None = None

    # Guards

    def _open(self) -> None:
        if self.status == ConsortiumStatus.DISSOLVED:
            raise ConsortiumClosedError(f"{self.name} has been dissolved")

    @property
    def is_established(self) -> bool:
        return self.status in FORMED

    @property
    def offer_published(self) -> bool:
        return bool(self.offer_stages)

    def check_takes_members(self) -> None:
        """Refuse a new member once the consortium is dissolved."""
        self._open()

    def check_trading(self) -> None:
        """Refuse bid work while the consortium is suspended or after it is dissolved."""
        self._open()
        if self.status == ConsortiumStatus.SUSPENDED:
            raise ConsortiumStateError(
                f"{self.name} is suspended; its bids wait until it is reactivated"
            )

    def check_accepts_rfq(self, stages: tuple[Stage, ...]) -> None:
        """Refuse a request for quotation the consortium cannot take."""
        self._open()
        if self.status != ConsortiumStatus.ESTABLISHED or not self.offer_published:
            raise OfferNotPublishedError(f"{self.name} is not taking requests for quotation")
        missing = [s.value for s in stages if s.value not in self.offer_stages]
        if missing:
            raise StageNotOfferedError(f"{self.name} does not offer {', '.join(missing)}")

    # Formation

    def identify_prospect(self, company_id: UUID, membership_id: UUID, export_potential: str):
        """Note a company with export potential as a prospect."""
        self._open()
        if str(company_id) in self.prospects:
            raise ProspectAlreadyIdentifiedError("this company is already a prospect")
        self._identify_prospect(company_id, membership_id, text(export_potential, "the note", 2000))

    @event(ProspectIdentified)
    def _identify_prospect(self, company_id, membership_id, export_potential) -> None:
        self.prospects[str(company_id)] = {
            "membership_id": str(membership_id),
            "export_potential": export_potential,
        }

    def plan_meeting(self, meeting_id: UUID, on: date, topic: str) -> None:
        """Plan an introductory meeting."""
        self._open()
        if not isinstance(on, date):
            raise InvalidValueError("a meeting needs a date")
        self._plan_meeting(meeting_id, on, text(topic, "the meeting's topic", 200))

    @event(MeetingPlanned)
    def _plan_meeting(self, meeting_id, on, topic) -> None:
        self.meetings[str(meeting_id)] = {"on": on, "topic": topic, "attendees": None}

    def hold_meeting(self, meeting_id: UUID, attendees: list[UUID]) -> None:
        """Record that a planned meeting took place, and who came."""
        self._open()
        meeting = self.meetings.get(str(meeting_id))
        if meeting is None:
            raise UnknownMeetingError("there is no such planned meeting")
        if meeting["attendees"] is not None:
            raise MeetingAlreadyHeldError("this meeting has already been recorded as held")
        unknown = [a for a in attendees if str(a) not in self.prospects]
        if unknown:
            raise UnknownProspectError("only prospects of this consortium can attend its meetings")
        self._hold_meeting(meeting_id, sorted({str(a) for a in attendees}))

    @event(MeetingHeld)
    def _hold_meeting(self, meeting_id, attendees) -> None:
        self.meetings[str(meeting_id)]["attendees"] = list(attendees)

    def map_capabilities(self, coverage: dict[Stage, list[UUID]]) -> None:
        """Record which prospects cover each stage; the stages no one covers are gaps."""
        self._open()
        mapped = {s.value: sorted(str(c) for c in coverage.get(s, [])) for s in Stage}
        gaps = [stage for stage, companies in mapped.items() if not companies]
        self._map_capabilities(mapped, gaps)

    @event(CapabilitiesMapped)
    def _map_capabilities(self, coverage, gaps) -> None:
        self.coverage = coverage
        self.gaps = list(gaps)

    # Seed funding

    def grant_seed_funding(self, amount: Money) -> None:
        """Grant seed funding, within the programme cap."""
        self._open()
        self._positive(amount)
        if self.granted + amount > self.programme_cap:
            left = self.programme_cap - self.granted
            raise SeedFundingCapExceededError(
                f"the grant would pass the programme cap of {self.programme_cap}; "
                f"at most {left} can still be granted"
            )
        self._grant(amount)

    @event(SeedFundingGranted)
    def _grant(self, amount) -> None:
        self.granted = self.granted + amount

    def disburse_seed_funding(self, amount: Money, purpose: str) -> None:
        """Pay out part of the grant."""
        self._open()
        self._positive(amount)
        if self.disbursed + amount > self.granted:
            left = self.granted - self.disbursed
            raise DisbursementExceedsGrantError(
                f"disbursing {amount} would exceed the grant of {self.granted}; {left} remains"
            )
        self._disburse(amount, text(purpose, "the purpose", 200))

    @event(SeedFundingDisbursed)
    def _disburse(self, amount, purpose) -> None:
        self.disbursed = self.disbursed + amount

    def _positive(self, amount: Money) -> None:
        require_money(amount, "the amount")
        if amount.currency != self.programme_cap.currency:
            raise CurrencyMismatchError(
                f"seed funding is accounted in {self.programme_cap.currency}, not {amount.currency}"
            )

    # Governance

    def appoint_manager(self, manager: UUID) -> None:
        """Appoint the consortium manager (a person kept in the personal-data vault)."""
        self._open()
        self._appoint_manager(manager)

    @event(ManagerAppointed)
    def _appoint_manager(self, manager) -> None:
        self.manager = manager

    def adopt_rules(self, rules: ConsortiumRules) -> None:
        """Adopt a new version of the internal rules."""
        self._open()
        if not isinstance(rules, ConsortiumRules):
            raise InvalidValueError("rules must be a complete rule set")
        self._adopt_rules(rules, self.rules_version + 1)

    @event(RulesAdopted)
    def _adopt_rules(self, rules, version) -> None:
        self.rules = rules
        self.rules_version = version

    def establish(self, joined_members: int) -> None:
        """Formally establish the consortium."""
        self._open()
        if self.status != ConsortiumStatus.PROPOSED:
            raise ConsortiumStateError(f"{self.name} is already established")
        missing = []
        if self.manager is None:
            missing.append("a manager is appointed")
        if self.rules is None:
            missing.append("rules are adopted")
        if joined_members < MIN_MEMBERS_TO_ESTABLISH:
            missing.append(f"at least {MIN_MEMBERS_TO_ESTABLISH} members have joined")
        if missing:
            raise EstablishmentIncompleteError(
                f"{self.name} can be established once {' and '.join(missing)}"
            )
        self._establish(clock.now().date(), joined_members)

    @event(Established)
    def _establish(self, on, joined_members) -> None:
        self.status = ConsortiumStatus.ESTABLISHED
        self.established_on = on

    def publish_offer(self, stages: tuple[Stage, ...], summary: str) -> None:
        """Publish the full-service offer to buyers."""
        self._open()
        if self.status != ConsortiumStatus.ESTABLISHED:
            raise ConsortiumNotEstablishedError(
                "an offer is published only by an established consortium"
            )
        if not stages:
            raise InvalidValueError("an offer covers at least one stage")
        self._publish_offer([s.value for s in stages], text(summary, "the offer", 4000))

    @event(OfferPublished)
    def _publish_offer(self, stages, summary) -> None:
        self.offer_stages = list(stages)
        self.offer_summary = summary

    def suspend(self, reason: str) -> None:
        """Suspend an established consortium; it takes no requests meanwhile."""
        self._open()
        if self.status != ConsortiumStatus.ESTABLISHED:
            raise ConsortiumStateError("only an established, active consortium can be suspended")
        self._suspend(text(reason, "the reason", 500))

    @event(Suspended)
    def _suspend(self, reason) -> None:
        self.status = ConsortiumStatus.SUSPENDED

    def reactivate(self) -> None:
        """End a suspension."""
        self._open()
        if self.status != ConsortiumStatus.SUSPENDED:
            raise ConsortiumStateError(f"{self.name} is not suspended")
        self._reactivate()

    @event(Reactivated)
    def _reactivate(self) -> None:
        self.status = ConsortiumStatus.ESTABLISHED

    def dissolve(self, reason: str) -> None:
        """Dissolve the consortium for good."""
        self._open()
        self._dissolve(text(reason, "the reason", 500))

    @event(Dissolved)
    def _dissolve(self, reason) -> None:
        self.status = ConsortiumStatus.DISSOLVED
