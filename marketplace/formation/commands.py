"""The agency's commands: form a consortium from prospects to a published offer."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING
from uuid import UUID, uuid4

from domain.company import Company
from domain.consortium import Consortium
from domain.errors import (
    N_,
    InvalidValueError,
    ProspectAlreadyIdentifiedError,
    RegionOutsideAgencyError,
)
from domain.meeting_plan import schedule
from domain.membership import Membership
from domain.money import Money
from domain.rules import ConsortiumRules
from domain.statuses import MembershipStatus
from domain.values import Region, Sector, Stage
from marketplace.commanding import CommandBase, as_uuid, command
from marketplace.formation.corrections import FormationCorrections
from marketplace.formation.programme import DEFAULT_PROGRAMME_CAP, ProgrammeCaps
from marketplace.people import language_code, person_record

if TYPE_CHECKING:
    from collections.abc import Iterable

    from domain.account import Account, Grant
    from domain.agency import Agency

PROGRAMME_CAP = DEFAULT_PROGRAMME_CAP


class FormationCommands(FormationCorrections, CommandBase):
    if TYPE_CHECKING:  # the accounts' own (marketplace/accounts/)

        def manager_account(self, consortium_id: UUID, email: str) -> Account | None: ...

        def invite_account(self, *, name: str, email: str,
                           grants: Iterable[Grant | tuple[str, str]],
                           language: str = "en") -> UUID: ...

    # The settings' caps (bootstrap sets them): a consortium's cap never passes its agency's.
    programme_caps: ProgrammeCaps = ProgrammeCaps()

    @property
    def programme_cap(self) -> Money:
        """The installation's default programme cap."""
        return self.programme_caps.default

    if TYPE_CHECKING:  # the agencies' own (marketplace/agencies/)

        def registered_agency(self, code: str) -> Agency | None: ...

    def programme_cap_for(self, agency: str) -> Money:
        """The programme cap of the agency's programme: its record's, if it is registered,
        else the settings' (an installation whose agencies were never registered)."""
        registered = self.registered_agency(agency) if agency else None
        if registered is not None:
            return registered.programme_cap  # type: ignore[no-any-return]
        return self.programme_caps.default

    @command
    def register_company(
        self, *, tax_id: str, name: str, region: str, sector: Sector, employees: int,
        summary: str, website: str = "", contact: dict[str, str] | None = None,
    ) -> UUID:
        """Register an SME's profile; its contact person goes to the vault."""
        company = Company.register(tax_id=tax_id, name=name, region=Region(region),
                                   sector=sector, employees=employees, summary=summary,
                                   website=website)
        if self._exists(company.id):
            raise InvalidValueError("a company with tax id %(tax_id)s is registered",
                                    tax_id=company.tax_id)
        if contact:
            person = person_record(contact.get("name", ""), contact.get("email", ""))
            company.name_contact(self.vault.keep(person))
        try:
            self.save(company)
        except BaseException:
            if company.contact is not None:
                self.vault.discard(company.contact)
            raise
        return company.id

    @command
    def revise_company_profile(
        self, company_id: UUID | str, *, name: str, employees: int, summary: str, website: str
    ) -> None:
        """Revise a company's public profile."""
        company = self._load(Company, company_id)
        company.revise_profile(name=name, employees=employees, summary=summary, website=website)
        self.save(company)

    @command
    def propose_consortium(
        self, *, slug: str, name: str, agency: str, region: str, sector: Sector,
        programme_cap: Money | None = None,
    ) -> UUID:
        """Propose a consortium for a sector and region, within its agency programme's cap."""
        programme = self.programme_cap_for(agency if isinstance(agency, str) else "")
        registered = self.registered_agency(agency) if isinstance(agency, str) and agency \
            else None
        if registered is not None:
            agency = registered.code  # as registered, whatever the case typed
            where = region if isinstance(region, Region) else Region(region)
            if not where.within(registered.region):
                raise RegionOutsideAgencyError(
                    "%(region)s is outside the region of %(agency)s, %(agency_region)s",
                    region=str(region)[:10], agency=registered.name,
                    agency_region=str(registered.region))
        consortium = Consortium.propose(
            slug=slug, name=name, agency=agency, region=region, sector=sector,
            programme_cap=programme if programme_cap is None else programme_cap,
            programme=programme,
        )
        if self._exists(consortium.id):
            raise InvalidValueError("the short name %(slug)s is already taken", slug=repr(slug))
        self.save(consortium)
        return consortium.id

    @command
    def identify_prospect(
        self, consortium_id: UUID | str, company_id: UUID | str, export_potential: str
    ) -> UUID:
        """Note a registered company as a prospect; this opens its membership as invited."""
        consortium = self._load(Consortium, consortium_id)
        company = self._load(Company, company_id)
        membership = Membership.invite(consortium.id, company.id, export_potential)
        if self._exists(membership.id):
            raise ProspectAlreadyIdentifiedError("this company is already a prospect")
        consortium.identify_prospect(company.id, membership.id, export_potential)
        self.save(consortium, membership)
        return membership.id

    @command
    def plan_meeting(
        self, consortium_id: UUID | str, on: date, topic: str, *, starts: str | None = None,
        time_zone: str = "", duration_minutes: int | None = None, place: str = "",
        video_link: str = "", invited: list[UUID | str] | None = None,
    ) -> UUID:
        """Plan an introductory meeting; with a start time it is an invitation, mailed with
        its calendar file to the firms invited (every prospect unless named)."""
        consortium = self._load(Consortium, consortium_id)
        meeting_id = uuid4()
        plan = None if starts is None else schedule(starts, time_zone, duration_minutes,
                                                    place, video_link)
        consortium.plan_meeting(
            meeting_id, on, topic, schedule=plan,
            invited=None if invited is None else [as_uuid(m, N_("membership id"))
                                                  for m in invited])
        self.save(consortium)
        return meeting_id

    @command
    def hold_meeting(
        self, consortium_id: UUID | str, meeting_id: UUID | str, attendees: list[UUID | str]
    ) -> None:
        """Record a held meeting and each attendee's presence, in one transaction."""
        consortium = self._load(Consortium, consortium_id)
        companies = [as_uuid(a, N_("company id")) for a in attendees]
        meeting = as_uuid(meeting_id, N_("meeting id"))
        consortium.hold_meeting(meeting, companies)
        self.save(consortium, *self._attending(consortium, meeting, companies))

    @command
    def map_capabilities(self, consortium_id: UUID | str) -> list[str]:
        """Map declared capabilities per stage; returns the gaps no member covers."""
        consortium = self._load(Consortium, consortium_id)
        coverage: dict[Stage, list[UUID]] = {s: [] for s in Stage}
        for membership in self._memberships(consortium):
            if membership.status in (MembershipStatus.INVITED, MembershipStatus.JOINED):
                for stage in membership.stages:
                    coverage[Stage(stage)].append(membership.company_id)
        consortium.map_capabilities(coverage)
        self.save(consortium)
        return list(consortium.gaps)

    @command
    def grant_seed_funding(self, consortium_id: UUID | str, amount: Money) -> None:
        """Grant seed funding, never beyond the programme cap."""
        consortium = self._load(Consortium, consortium_id)
        consortium.grant_seed_funding(amount, self.programme_cap_for(consortium.agency))
        self.save(consortium)

    @command
    def disburse_seed_funding(self, consortium_id: UUID | str, amount: Money, purpose: str) -> None:
        """Disburse part of the grant, never beyond it."""
        consortium = self._load(Consortium, consortium_id)
        consortium.disburse_seed_funding(amount, purpose)
        self.save(consortium)

    @command
    def appoint_manager(self, consortium_id: UUID | str, *, name: str, email: str,
                        language: str | None = None) -> UUID:
        """Appoint the manager; the person's name and e-mail go to the vault.

        With a `language` (the officers' screen always gives one), the person's account
        gets the manager role with the appointment, or, when no account signs in with the
        address, they are invited by mail in that language (accounts/appointments.py).
        Without, only the appointment is recorded: the demo and `consortia users add` open
        the manager's account on their own.
        """
        consortium = self._load(Consortium, consortium_id)
        person = self.vault.keep(person_record(name, email))
        account: Account | None = None
        try:
            consortium.appoint_manager(person)
            if language is not None:
                language_code(language)
                account = self.manager_account(consortium.id, email)
            self.save(consortium, *([account] if account is not None else []))
        except BaseException:
            self.vault.discard(person)
            raise
        if language is not None and account is None:
            self.invite_account(name=name, email=email, language=language,
                                grants=[("manager", str(consortium.id))])
        return person

    @command
    def adopt_rules(self, consortium_id: UUID | str, rules: ConsortiumRules) -> int:
        """Adopt a new version of the rules; returns its version number."""
        consortium = self._load(Consortium, consortium_id)
        consortium.adopt_rules(rules)
        self.save(consortium)
        return consortium.rules_version

    @command
    def establish_consortium(self, consortium_id: UUID | str) -> None:
        """Formally establish the consortium."""
        consortium = self._load(Consortium, consortium_id)
        joined = sum(m.is_member for m in self._memberships(consortium))
        consortium.establish(joined)
        self.save(consortium)

    @command
    def publish_offer(self, consortium_id: UUID | str, stages: list[str], summary: str) -> None:
        """Publish the full-service offer."""
        consortium = self._load(Consortium, consortium_id)
        covered = frozenset(stage for m in self._memberships(consortium)
                            if m.status == MembershipStatus.JOINED for stage in m.stages)
        consortium.publish_offer(Stage.parse_many(stages), summary, covered)
        self.save(consortium)

    @command
    def suspend_consortium(self, consortium_id: UUID | str, reason: str) -> None:
        """Suspend the consortium."""
        consortium = self._load(Consortium, consortium_id)
        consortium.suspend(reason)
        self.save(consortium)

    @command
    def reactivate_consortium(self, consortium_id: UUID | str) -> None:
        """End the consortium's suspension."""
        consortium = self._load(Consortium, consortium_id)
        consortium.reactivate()
        self.save(consortium)

    @command
    def dissolve_consortium(self, consortium_id: UUID | str, reason: str) -> None:
        """Dissolve the consortium."""
        consortium = self._load(Consortium, consortium_id)
        consortium.dissolve(reason)
        self.save(consortium)

    def _memberships(self, consortium: Consortium) -> list[Membership]:
        return [self._load(Membership, p["membership_id"]) for p in consortium.prospects.values()]

