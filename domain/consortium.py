"""The Consortium aggregate: from an agency's proposal to a published full-service offer."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from typing import Any
from uuid import UUID

from eventsourcing.domain import event

from domain import clock, documents, ids
from domain.agreements import agreement_text, rules_text, sha256
from domain.base import DomainAggregate
from domain.errors import (
    N_,
    ConsortiumClosedError,
    ConsortiumNotEstablishedError,
    ConsortiumStateError,
    CurrencyMismatchError,
    DisbursementExceedsGrantError,
    DocumentRefusedError,
    EstablishmentIncompleteError,
    InvalidValueError,
    MeetingAlreadyHeldError,
    MeetingCancelledError,
    MeetingNotDueError,
    MeetingNotHeldError,
    MeetingWithoutAttendanceError,
    NothingToCorrectError,
    OfferNotPublishedError,
    ProgrammeCapExceededError,
    ProspectAlreadyIdentifiedError,
    SeedFundingCapExceededError,
    StageNotCoveredError,
    StageNotOfferedError,
    UnknownEntryError,
    UnknownMeetingError,
    UnknownProspectError,
)
from domain.money import Money, bounded, require_money
from domain.receipts import ReceiptIssuer, tax_name, tax_rate
from domain.references import check_code
from domain.rules import ConsortiumRules
from domain.statuses import FORMED, ConsortiumStatus
from domain.text import text
from domain.values import Region, Sector, Stage, within_window

MIN_MEMBERS_TO_ESTABLISH = 3
OFFER_LANGUAGES = ("en", "es", "fr", "de")  # the site's languages, an offer's texts' too
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_SHA256 = re.compile(r"^[0-9a-f]{64}$")


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
        # The invitation (issue 16): local start, IANA zone, length, place and/or call,
        # and the memberships invited. Meetings planned before then have a day and a topic.
        starts: str | None = None
        time_zone: str | None = None
        duration_minutes: int | None = None
        place: str | None = None
        video_link: str | None = None
        invited: list[str] | None = None

    class MeetingHeld(DomainAggregate.Event):
        meeting_id: UUID
        attendees: list[str]

    class MeetingCancelled(DomainAggregate.Event):
        meeting_id: UUID
        reason: str

    class MeetingAttendanceCorrected(DomainAggregate.Event):
        corrects: UUID  # the meeting whose recorded attendance was wrong
        attendees: list[str]
        reason: str

    class MinutesAttached(DomainAggregate.Event):
        meeting_id: UUID
        name: str
        size: int
        media_type: str
        sha256: str  # the file in the blob store

    class CapabilitiesMapped(DomainAggregate.Event):
        coverage: dict[str, list[str]]
        gaps: list[str]

    class SeedFundingGranted(DomainAggregate.Event):
        amount: Money

    class SeedFundingDisbursed(DomainAggregate.Event):
        amount: Money
        purpose: str

    class SeedFundingGrantCorrected(DomainAggregate.Event):
        corrects: int  # the version of the SeedFundingGranted event
        amount: Money
        reason: str

    class SeedFundingDisbursementCorrected(DomainAggregate.Event):
        corrects: int  # the version of the SeedFundingDisbursed event
        amount: Money
        reason: str

    class ManagerAppointed(DomainAggregate.Event):
        manager: UUID

    class RulesAdopted(DomainAggregate.Event):
        rules: ConsortiumRules
        version: int
        # The SHA-256 of the rules' text and of the member agreement of this version
        # (domain/agreements.py); rules adopted before agreements were signed have none.
        rules_sha256: str | None = None
        agreement_sha256: str | None = None

    class Established(DomainAggregate.Event):
        on: date
        joined_members: int

    class OfferPublished(DomainAggregate.Event):
        stages: list[str]
        summary: str

    class OfferTranslated(DomainAggregate.Event):
        language: str  # one of OFFER_LANGUAGES
        summary: str  # "": the translation is withdrawn, buyers read the original

    class Suspended(DomainAggregate.Event):
        reason: str

    class Reactivated(DomainAggregate.Event):
        pass

    class Dissolved(DomainAggregate.Event):
        reason: str

    class CodeAssigned(DomainAggregate.Event):
        code: str  # unique in the installation: its ReferenceBook is opened with it

    class ReceiptIssuerSet(DomainAggregate.Event):
        """The legal details its fee receipts name the issuer by (domain/receipts.py)."""

        legal_name: str
        address: str
        tax_id: str
        contact: str

    class FeeTaxSet(DomainAggregate.Event):
        """The tax its fees include, from now on: a name and a rate in percent."""

        name: str
        rate: Decimal

    class FeeTaxRemoved(DomainAggregate.Event):
        pass

    @staticmethod
    def create_id(slug: str, **_: object) -> UUID:
        return ids.consortium_id(slug)

    @classmethod
    def propose(
        cls, *, slug: str, name: str, agency: str, region: Region | str, sector: Sector,
        programme_cap: Money, programme: Money | None = None,
    ) -> Consortium:
        """Propose a consortium for a sector and region; the agency will form it.

        `programme` is the cap of the agency's programme: a consortium's cap never passes it.
        """
        if not isinstance(sector, Sector):
            raise InvalidValueError("a consortium needs a NACE sector")
        bounded(require_money(programme_cap, N_("the programme cap")), N_("the programme cap"))
        if programme is not None:
            if programme_cap.currency != programme.currency:
                raise CurrencyMismatchError(
                    "the programme is accounted in %(currency)s, not %(other)s",
                    currency=programme.currency, other=programme_cap.currency)
            if programme_cap > programme:
                raise ProgrammeCapExceededError(
                    "a consortium's cap of %(cap)s would pass the programme cap of %(programme)s",
                    cap=programme_cap, programme=programme)
        return cls(
            slug=cls.check_slug(slug),
            name=text(name, N_("the consortium's name"), 120),
            agency=text(agency, N_("the agency"), 80),
            region=region if isinstance(region, Region) else Region(region),
            sector=sector,
            programme_cap=programme_cap,
        )

    @staticmethod
    def check_slug(slug: str) -> str:
        if not isinstance(slug, str) or not _SLUG.match(slug) or len(slug) > 60:
            raise InvalidValueError(
                "%(slug)s is not a valid short name: use lower-case letters, digits and dashes",
                slug=repr(slug))
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
        # Each grant and disbursement by the version that recorded it, as corrected since.
        self.seed_entries: dict[str, dict] = {}

    # Guards

    def _open(self) -> None:
        if self.status == ConsortiumStatus.DISSOLVED:
            raise ConsortiumClosedError("%(name)s has been dissolved", name=self.name)

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
                "%(name)s is suspended; its bids wait until it is reactivated", name=self.name)

    def check_accepts_rfq(self, stages: tuple[Stage, ...]) -> None:
        """Refuse a request for quotation the consortium cannot take."""
        self._open()
        if self.status != ConsortiumStatus.ESTABLISHED or not self.offer_published:
            raise OfferNotPublishedError("%(name)s is not taking requests for quotation",
                                         name=self.name)
        missing = [s for s in stages if s.value not in self.offer_stages]
        if missing:
            raise StageNotOfferedError("%(name)s does not offer %(stages)s", name=self.name,
                                       stages=missing)

    # Formation

    def identify_prospect(self, company_id: UUID, membership_id: UUID, export_potential: str):
        """Note a company with export potential as a prospect."""
        self._open()
        if str(company_id) in self.prospects:
            raise ProspectAlreadyIdentifiedError("this company is already a prospect")
        self._identify_prospect(company_id, membership_id,
                                text(export_potential, N_("the note"), 2000))

    @event(ProspectIdentified)
    def _identify_prospect(self, company_id, membership_id, export_potential) -> None:
        self.prospects[str(company_id)] = {
            "membership_id": str(membership_id),
            "export_potential": export_potential,
        }

    def plan_meeting(self, meeting_id: UUID, on: date, topic: str, *,
                     schedule: dict[str, object] | None = None,
                     invited: list[UUID] | None = None) -> None:
        """Plan an introductory meeting; with a schedule (meeting_plan.schedule) and the
        memberships invited, it is an invitation the invited firms receive."""
        self._open()
        if not isinstance(on, date):
            raise InvalidValueError("a meeting needs a date")
        within_window(on, N_("the meeting's day"))
        topic = text(topic, N_("the meeting's topic"), 200)
        self._plan_meeting(meeting_id, on, topic, **(schedule or {}),
                           invited=None if invited is None else self._invitees(invited))

    def _invitees(self, invited: list[UUID]) -> list[str]:
        known = {p["membership_id"] for p in self.prospects.values()}
        chosen = sorted({str(m) for m in invited})
        if not chosen and known:
            raise InvalidValueError("invite at least one firm")
        if any(m not in known for m in chosen):
            raise UnknownProspectError("only prospects of this consortium can be invited")
        return chosen

    @event(MeetingPlanned)
    def _plan_meeting(self, meeting_id, on, topic, starts=None, time_zone=None,
                      duration_minutes=None, place=None, video_link=None,
                      invited=None) -> None:
        self.meetings[str(meeting_id)] = {
            "on": on, "topic": topic, "attendees": None, "starts": starts,
            "time_zone": time_zone, "duration_minutes": duration_minutes, "place": place,
            "video_link": video_link, "invited": invited}

    def _meeting(self, meeting_id: UUID) -> dict:
        meeting = self.meetings.get(str(meeting_id))
        if meeting is None:
            raise UnknownMeetingError("there is no such planned meeting")
        return meeting

    def _attendance(self, attendees: list[UUID]) -> list[str]:
        if not attendees:
            raise MeetingWithoutAttendanceError(
                "record who attended: a meeting that nobody attended is cancelled, not held")
        unknown = [a for a in attendees if str(a) not in self.prospects]
        if unknown:
            raise UnknownProspectError("only prospects of this consortium can attend its meetings")
        return sorted({str(a) for a in attendees})

    def hold_meeting(self, meeting_id: UUID, attendees: list[UUID]) -> None:
        """Record that a planned meeting took place, on or before today, and who came."""
        self._open()
        meeting = self._meeting(meeting_id)
        if meeting["attendees"] is not None:
            raise MeetingAlreadyHeldError("this meeting has already been recorded as held")
        if meeting.get("cancelled"):
            raise MeetingCancelledError("this meeting was cancelled; it cannot be held")
        if meeting["on"] > clock.now().date():
            raise MeetingNotDueError(
                "the meeting of %(on)s can be recorded as held from that day on",
                on=meeting["on"])
        self._hold_meeting(meeting_id, self._attendance(attendees))

    @event(MeetingHeld)
    def _hold_meeting(self, meeting_id, attendees) -> None:
        self.meetings[str(meeting_id)]["attendees"] = list(attendees)

    def cancel_meeting(self, meeting_id: UUID, reason: str) -> None:
        """Record that a planned meeting did not take place."""
        self._open()
        meeting = self._meeting(meeting_id)
        if meeting["attendees"] is not None:
            raise MeetingAlreadyHeldError("this meeting has already been recorded as held")
        if meeting.get("cancelled"):
            raise MeetingCancelledError("this meeting has already been cancelled")
        self._cancel_meeting(meeting_id, text(reason, N_("the reason"), 500))

    @event(MeetingCancelled)
    def _cancel_meeting(self, meeting_id, reason) -> None:
        self.meetings[str(meeting_id)]["cancelled"] = True

    def correct_attendance(self, meeting_id: UUID, attendees: list[UUID], reason: str) -> None:
        """Correct who attended a held meeting, saying why; the first record stays."""
        self._open()
        reason = text(reason, N_("the reason"), 500)
        meeting = self._meeting(meeting_id)
        if meeting["attendees"] is None:
            raise UnknownEntryError("only a meeting recorded as held has an attendance to correct")
        corrected = self._attendance(attendees)
        if corrected == sorted(meeting["attendees"]):
            raise NothingToCorrectError("the attendance recorded is already this one")
        self._correct_attendance(meeting_id, corrected, reason)

    @event(MeetingAttendanceCorrected)
    def _correct_attendance(self, corrects, attendees, reason) -> None:
        self.meetings[str(corrects)]["attendees"] = list(attendees)

    def attach_minutes(self, meeting_id: UUID, name: str, size: int, media_type: str,
                       sha256: str) -> None:
        """Attach the minutes of a held meeting (a checked file in the blob store); a later
        file supersedes it on the page, and both stay in the history."""
        self._open()
        meeting = self._meeting(meeting_id)
        if meeting.get("cancelled"):
            raise MeetingCancelledError("this meeting was cancelled; it has no minutes")
        if meeting["attendees"] is None:
            raise MeetingNotHeldError("minutes are attached once the meeting is recorded "
                                      "as held")
        if not isinstance(size, int) or size <= 0 or not _SHA256.fullmatch(str(sha256)):
            raise DocumentRefusedError("the file's digest or size is not valid")
        self._attach_minutes(meeting_id, text(name, N_("the file's name"), 200), size,
                             media_type, sha256)

    @event(MinutesAttached)
    def _attach_minutes(self, meeting_id, name, size, media_type, sha256) -> None:
        self.meetings[str(meeting_id)].setdefault("minutes", []).append(sha256)

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

    def _cap(self, programme: Money | None) -> Money:
        """The consortium's cap, never above its agency programme's (a store may hold more)."""
        if programme is None or programme.currency != self.programme_cap.currency:
            return self.programme_cap
        return min(self.programme_cap, programme, key=lambda cap: cap.amount)

    def _within_cap(self, granted: Money, programme: Money | None) -> None:
        cap = self._cap(programme)
        if granted > cap:
            left = cap - self.granted if cap > self.granted else Money.zero(cap.currency)
            raise SeedFundingCapExceededError(
                "the grant would pass the programme cap of %(cap)s; "
                "at most %(left)s can still be granted", cap=cap, left=left)

    def grant_seed_funding(self, amount: Money, programme: Money | None = None) -> None:
        """Grant seed funding, within the programme cap (the agency programme's, if lower)."""
        self._open()
        self._positive(amount)
        bounded(amount, N_("the grant"))
        self._within_cap(self.granted + amount, programme)
        self._grant(amount)

    @event(SeedFundingGranted)
    def _grant(self, amount) -> None:
        self.granted = self.granted + amount
        self._entry("granted", amount)

    def disburse_seed_funding(self, amount: Money, purpose: str) -> None:
        """Pay out part of the grant."""
        self._open()
        self._positive(amount)
        bounded(amount, N_("the disbursement"))
        if self.disbursed + amount > self.granted:
            left = self.granted - self.disbursed
            raise DisbursementExceedsGrantError(
                "disbursing %(amount)s would exceed the grant of %(granted)s; %(left)s remains",
                amount=amount, granted=self.granted, left=left)
        self._disburse(amount, text(purpose, N_("the purpose"), 200))

    @event(SeedFundingDisbursed)
    def _disburse(self, amount, purpose) -> None:
        self.disbursed = self.disbursed + amount
        self._entry("disbursed", amount)

    def _entry(self, kind: str, amount: Money) -> None:
        # Applied before the version moves on: this event's version is the next one.
        entries = self.__dict__.setdefault("seed_entries", {})
        entries[str(self.version + 1)] = {"kind": kind, "amount": amount}

    def _positive(self, amount: Money) -> None:
        require_money(amount, N_("the amount"))
        self._same_currency(amount)

    def _same_currency(self, amount: Money) -> None:
        if amount.currency != self.programme_cap.currency:
            raise CurrencyMismatchError(
                "seed funding is accounted in %(currency)s, not %(other)s",
                currency=self.programme_cap.currency, other=amount.currency)

    def seed_entry(self, corrects: int, kind: str) -> Money | None:
        """The amount of the grant or disbursement recorded at version `corrects`, if any."""
        entry = self.__dict__.get("seed_entries", {}).get(str(corrects))
        return entry["amount"] if entry and entry["kind"] == kind else None

    def _corrected(self, corrects: int, kind: str, amount: Money) -> Money:
        """The amount a correction replaces; refuses an unknown entry or a new amount as is."""
        was = self.seed_entry(corrects, kind)
        if was is None:
            raise UnknownEntryError("this consortium recorded no %(entry)s at version %(version)s",
                                    entry=N_("grant") if kind == "granted" else
                                    N_("disbursement"), version=corrects)
        if not isinstance(amount, Money):
            require_money(amount, N_("the amount"))
        self._same_currency(amount)
        bounded(amount, N_("the corrected amount"))
        if amount == was:
            raise NothingToCorrectError("the amount recorded is already %(amount)s", amount=amount)
        return was

    def correct_grant(self, corrects: int, amount: Money, reason: str,
                      programme: Money | None = None) -> None:
        """Correct the amount of a grant, saying why; the grant as first recorded stays."""
        self._open()
        reason = text(reason, N_("the reason"), 500)
        was = self._corrected(corrects, "granted", amount)
        granted = self.granted - was + amount
        if amount > was:
            self._within_cap(granted, programme)
        if granted < self.disbursed:
            raise DisbursementExceedsGrantError(
                "the grants would come to %(granted)s, less than the %(disbursed)s disbursed",
                granted=granted, disbursed=self.disbursed)
        self._correct_grant(corrects, amount, reason)

    @event(SeedFundingGrantCorrected)
    def _correct_grant(self, corrects, amount, reason) -> None:
        entry = self.seed_entries[str(corrects)]
        self.granted = self.granted - entry["amount"] + amount
        entry["amount"] = amount

    def correct_disbursement(self, corrects: int, amount: Money, reason: str) -> None:
        """Correct the amount of a disbursement, saying why; never beyond the grant."""
        self._open()
        reason = text(reason, N_("the reason"), 500)
        was = self._corrected(corrects, "disbursed", amount)
        disbursed = self.disbursed - was + amount
        if disbursed > self.granted:
            raise DisbursementExceedsGrantError(
                "the disbursements would come to %(disbursed)s, more than the grant of "
                "%(granted)s", disbursed=disbursed, granted=self.granted)
        self._correct_disbursement(corrects, amount, reason)

    @event(SeedFundingDisbursementCorrected)
    def _correct_disbursement(self, corrects, amount, reason) -> None:
        entry = self.seed_entries[str(corrects)]
        self.disbursed = self.disbursed - entry["amount"] + amount
        entry["amount"] = amount

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
        version = self.rules_version + 1
        self._adopt_rules(rules, version, sha256(rules_text(rules, version)),
                          sha256(agreement_text(self.name, self.slug, rules, version)))

    @event(RulesAdopted)
    def _adopt_rules(self, rules, version, rules_sha256=None, agreement_sha256=None) -> None:
        self.rules = rules
        self.rules_version = version

    def agreement(self) -> tuple[int, str] | None:
        """The version of the rules in force and its member agreement's text; None
        before any rules are adopted."""
        if self.rules is None:
            return None
        return self.rules_version, agreement_text(self.name, self.slug, self.rules,
                                                  self.rules_version)

    def establish(self, joined_members: int) -> None:
        """Formally establish the consortium."""
        self._open()
        if self.status != ConsortiumStatus.PROPOSED:
            raise ConsortiumStateError("%(name)s is already established", name=self.name)
        missing = []
        if self.manager is None:
            missing.append(N_("a manager is appointed"))
        if self.rules is None:
            missing.append(N_("rules are adopted"))
        if joined_members < MIN_MEMBERS_TO_ESTABLISH:  # the wording says three
            missing.append(N_("at least 3 members have joined"))
        if missing:
            raise EstablishmentIncompleteError(
                "%(name)s can be established once %(missing)s", name=self.name, missing=missing)
        self._establish(clock.now().date(), joined_members)

    @event(Established)
    def _establish(self, on, joined_members) -> None:
        self.status = ConsortiumStatus.ESTABLISHED
        self.established_on = on

    def publish_offer(self, stages: tuple[Stage, ...], summary: str,
                      covered: frozenset[str] | None = None) -> None:
        """Publish the full-service offer: only stages that a joined member covers.

        `covered` holds the stages the joined members declared (None: not checked).
        """
        self._open()
        if self.status != ConsortiumStatus.ESTABLISHED:
            raise ConsortiumNotEstablishedError(
                "an offer is published only by an established consortium"
            )
        if not stages:
            raise InvalidValueError("an offer covers at least one stage")
        uncovered = [s for s in stages if covered is not None and s.value not in covered]
        if uncovered:
            raise StageNotCoveredError(
                "the offer cannot include %(stages)s: no joined member covers it",
                stages=uncovered)
        self._publish_offer([s.value for s in stages], text(summary, N_("the offer"), 4000))

    @event(OfferPublished)
    def _publish_offer(self, stages, summary) -> None:
        self.offer_stages = list(stages)
        self.offer_summary = summary

    def translate_offer(self, language: str, summary: str) -> None:
        """Give the published offer's text in one of the site's languages; an empty text
        withdraws it, and buyers reading that language see the original."""
        self._open()
        if not self.offer_stages:
            raise OfferNotPublishedError("%(name)s has no published offer to translate",
                                         name=self.name)
        if language not in OFFER_LANGUAGES:
            raise InvalidValueError(
                "%(language)s is not a language of this site; write in one of %(languages)s",
                language=str(language)[:10], languages=list(OFFER_LANGUAGES))
        blank = not str(summary or "").strip()
        summary = "" if blank else text(summary, N_("the offer"), 4000)
        # Recorded unless it says the same, written from the same original, as before (a
        # state from before translations existed has none).
        before = (getattr(self, "offer_translations", {}).get(language, ""),
                  getattr(self, "offer_translated_from", {}).get(language, self.offer_summary))
        if before != (summary, self.offer_summary):
            self._translate_offer(language, summary)

    @event(OfferTranslated)
    def _translate_offer(self, language, summary) -> None:
        texts = dict(getattr(self, "offer_translations", {}))
        sources = dict(getattr(self, "offer_translated_from", {}))
        if summary:
            texts[language], sources[language] = summary, self.offer_summary
        else:
            texts.pop(language, None)
            sources.pop(language, None)
        # Each language's text, and the published text it was written from.
        self.offer_translations, self.offer_translated_from = texts, sources

    def suspend(self, reason: str) -> None:
        """Suspend an established consortium; it takes no requests meanwhile."""
        self._open()
        if self.status != ConsortiumStatus.ESTABLISHED:
            raise ConsortiumStateError("only an established, active consortium can be suspended")
        self._suspend(text(reason, N_("the reason"), 500))

    @event(Suspended)
    def _suspend(self, reason) -> None:
        self.status = ConsortiumStatus.SUSPENDED

    def reactivate(self) -> None:
        """End a suspension."""
        self._open()
        if self.status != ConsortiumStatus.SUSPENDED:
            raise ConsortiumStateError("%(name)s is not suspended", name=self.name)
        self._reactivate()

    @event(Reactivated)
    def _reactivate(self) -> None:
        self.status = ConsortiumStatus.ESTABLISHED

    def dissolve(self, reason: str) -> None:
        """Dissolve the consortium for good."""
        self._open()
        self._dissolve(text(reason, N_("the reason"), 500))

    @event(Dissolved)
    def _dissolve(self, reason) -> None:
        self.status = ConsortiumStatus.DISSOLVED

    # References

    @property
    def code(self) -> str | None:
        """The short code its RFQ references start with, once it needed one."""
        # A state from before codes existed (a snapshot) has none.
        code: str | None = self.__dict__.get("code")
        return code

    def assign_code(self, code: str) -> None:
        """Take the short code of its RFQ references, once and for good."""
        if self.code is not None:
            raise ConsortiumStateError("%(name)s already has the code %(code)s",
                                       name=self.name, code=self.code)
        self._assign_code(check_code(code))

    @event(CodeAssigned)
    def _assign_code(self, code) -> None:
        self.__dict__["code"] = code

    # Receipts: read from the state's dict, as states from before them have neither.

    @property
    def receipt_issuer(self) -> ReceiptIssuer | None:
        """Who its fee receipts are issued by, once set."""
        # Kept as plain values, which snapshots store as they are.
        issuer = self.__dict__.get("receipt_issuer")
        return ReceiptIssuer(**issuer) if issuer else None

    @property
    def fee_tax(self) -> tuple[str, Decimal] | None:
        """The tax its fees include (name, rate in percent), or None."""
        tax = self.__dict__.get("fee_tax")
        return (tax["name"], tax["rate"]) if tax else None

    def set_receipt_issuer(self, issuer: ReceiptIssuer) -> None:
        """Set the legal details its fee receipts name the issuer by."""
        self._open()
        if not isinstance(issuer, ReceiptIssuer):
            raise InvalidValueError("the issuer's details are incomplete")
        if issuer == self.receipt_issuer:
            raise NothingToCorrectError("these are already the issuer's details")
        self._set_receipt_issuer(**ReceiptIssuer.of(**issuer.as_dict()).as_dict())

    @event(ReceiptIssuerSet)
    def _set_receipt_issuer(self, legal_name, address, tax_id, contact) -> None:
        self.__dict__["receipt_issuer"] = {"legal_name": legal_name, "address": address,
                                           "tax_id": tax_id, "contact": contact}

    def set_fee_tax(self, name: str, rate: Decimal | int | str) -> None:
        """Say the tax its fees include from now on; receipts already issued keep theirs."""
        self._open()
        tax = (tax_name(name), tax_rate(rate))
        if tax == self.fee_tax:
            raise NothingToCorrectError("this is already the fees' tax")
        self._set_fee_tax(*tax)

    @event(FeeTaxSet)
    def _set_fee_tax(self, name, rate) -> None:
        self.__dict__["fee_tax"] = {"name": name, "rate": rate}

    def remove_fee_tax(self) -> None:
        """Its fees include no tax from now on."""
        self._open()
        if self.fee_tax is None:
            raise NothingToCorrectError("the fees include no tax")
        self._remove_fee_tax()

    @event(FeeTaxRemoved)
    def _remove_fee_tax(self) -> None:
        self.__dict__["fee_tax"] = None

    # --- The documents area: each upload and each removal an event (domain/documents.py)

    class DocumentUploaded(DomainAggregate.Event):
        document_id: UUID
        kind: str
        title: str
        name: str
        size: int
        media_type: str
        sha256: str  # the file in the blob store
        certificate: str | None
        expires_on: date | None

    class DocumentRemoved(DomainAggregate.Event):
        document_id: UUID
        reason: str

    @property
    def area_documents(self) -> dict[str, dict]:
        """The files of this record's documents area, removed ones marked."""
        return documents.area_of(self)

    def upload_document(self, **upload: Any) -> None:
        """Keep a checked file in the documents area (the bytes are in the blob store)."""
        self._open()
        self._upload_document(**documents.checked_upload(
            self.area_documents, certificates=None, **upload))

    @event(DocumentUploaded)
    def _upload_document(self, document_id, kind, title, name, size, media_type, sha256,
                         certificate, expires_on) -> None:
        documents.keep(self.area_documents, {
            "document_id": document_id, "kind": kind, "title": title, "name": name,
            "size": size, "media_type": media_type, "sha256": sha256,
            "certificate": certificate, "expires_on": expires_on})

    def remove_document(self, document_id: UUID, reason: str) -> None:
        """Hide a kept file, saying why; its upload stays in the history."""
        self._remove_document(document_id, documents.checked_removal(
            self.area_documents, document_id, reason))

    @event(DocumentRemoved)
    def _remove_document(self, document_id, reason) -> None:
        documents.hide(self.area_documents, document_id)
