"""What the BDD steps share: the cast of a story, refusals in users' words, and parsing."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any
from uuid import UUID

from sqlalchemy import func, select

from domain import errors
from domain.errors import DomainError
from domain.money import Money
from marketplace.application import Marketplace
from marketplace.errors import NotFoundError
from marketplace.vault import SqlVault, personal_data
from tests.story import METAL, form_consortium

# The kinds of refusal, as the feature files name them, and the error each one is.
REFUSALS: dict[str, type[DomainError]] = {
    "invalid input": errors.InvalidValueError,
    "an invalid amount of money": errors.InvalidMoneyError,
    "an unknown currency": errors.UnknownCurrencyError,
    "a currency mismatch": errors.CurrencyMismatchError,
    "an unknown country": errors.UnknownCountryError,
    "an unknown region": errors.UnknownRegionError,
    "an unknown Incoterm": errors.UnknownIncotermError,
    "an unknown stage": errors.UnknownStageError,
    "an unknown sector": errors.UnknownSectorError,
    "invalid rules": errors.InvalidRulesError,
    "a dissolved consortium": errors.ConsortiumClosedError,
    "a consortium step out of turn": errors.ConsortiumStateError,
    "a known prospect": errors.ProspectAlreadyIdentifiedError,
    "a stranger at the meeting": errors.UnknownProspectError,
    "an unknown meeting": errors.UnknownMeetingError,
    "a meeting already held": errors.MeetingAlreadyHeldError,
    "a grant beyond the programme cap": errors.SeedFundingCapExceededError,
    "a cap above the programme's": errors.ProgrammeCapExceededError,
    "a stage no joined member covers": errors.StageNotCoveredError,
    "a disbursement beyond the grant": errors.DisbursementExceedsGrantError,
    "an incomplete establishment": errors.EstablishmentIncompleteError,
    "a consortium not yet established": errors.ConsortiumNotEstablishedError,
    "no published offer": errors.OfferNotPublishedError,
    "a stage not offered": errors.StageNotOfferedError,
    "a decision already made": errors.MembershipDecisionError,
    "not an active member": errors.MemberNotActiveError,
    "a stage not declared": errors.StageNotDeclaredError,
    "an unknown fee": errors.UnknownFeeError,
    "a fee already paid": errors.FeeAlreadyPaidError,
    "the wrong fee amount": errors.FeeAmountMismatchError,
    "a fee not paid": errors.FeeNotPaidError,
    "a refund beyond the payment": errors.RefundExceedsPaymentError,
    "no arrears": errors.NotInArrearsError,
    "a member not suspended": errors.NotSuspendedError,
    "an endorsement not allowed": errors.EndorsementError,
    "an invalid RFQ": errors.InvalidRFQError,
    "a bid step out of turn": errors.BidStateError,
    "a contribution not requested": errors.ContributionNotRequestedError,
    "an incomplete quote": errors.QuoteIncompleteError,
    "an expired quote": errors.QuoteExpiredError,
    "work shares that do not add up": errors.WorkSharesMismatchError,
    "an unknown contributor": errors.UnknownContributorError,
    "an unknown record": NotFoundError,
}

# What a person should never have to read in a refusal.
_UNREADABLE = re.compile(r"UUID\(|Decimal\(|Money\(|Stage\.|<\w+|Traceback|Error\b|\bNone\b")


def check_reads_well(message: str) -> None:
    """A refusal is one short sentence in plain words, without code or object dumps."""
    assert message.strip() == message and message, f"untidy message {message!r}"
    assert len(message) <= 200, f"the message is too long to read: {message!r}"
    assert not _UNREADABLE.search(message), f"the message shows code: {message!r}"
    assert not message.endswith("."), f"a refusal is a phrase, not a paragraph: {message!r}"


@dataclass
class Cast:
    """Everything a scenario has named, so steps can refer to it the way users do."""

    consortia: dict[str, UUID] = field(default_factory=dict)  # by short name
    companies: dict[str, UUID] = field(default_factory=dict)  # by company name
    memberships: dict[str, UUID] = field(default_factory=dict)  # by company name
    meetings: list[UUID] = field(default_factory=list)
    bids: list[UUID] = field(default_factory=list)

    def membership(self, company: str) -> UUID:
        assert company in self.memberships, f"the story has no member called {company!r}"
        return self.memberships[company]

    def company(self, name: str) -> UUID:
        assert name in self.companies, f"the story has no company called {name!r}"
        return self.companies[name]

    def aggregates(self) -> list[UUID]:
        return [*self.consortia.values(), *self.companies.values(),
                *self.memberships.values(), *self.bids]


def judges_refusals(step_func: Callable[..., Any]) -> Callable[..., Any]:
    """Mark a Then step that judges a refusal, so the refusal is not reported as a failure."""
    step_func.judges_refusals = True  # type: ignore[attr-defined]
    return step_func


@dataclass
class Outcome:
    """What came of one user's request, and what the store held just before it."""

    position: int
    versions: dict[UUID, int]
    people: int
    result: Any = None
    error: DomainError | None = None
    acknowledged: bool = False


Ask = Callable[[Callable[[], Any]], Outcome]


def log_position(app: Marketplace) -> int:
    return app.recorder.max_notification_id() or 0  # type: ignore[attr-defined]


def people_kept(app: Marketplace) -> int:
    """How many people the vault has ever been given (an erased one leaves a tombstone)."""
    vault = app.vault
    if isinstance(vault, SqlVault):
        with vault.engine.connect() as conn:
            return conn.scalar(select(func.count()).select_from(personal_data)) or 0
    return len(vault.rows)  # type: ignore[attr-defined]


def versions(app: Marketplace, cast: Cast) -> dict[UUID, int]:
    return {uid: app.repository.get(uid).version for uid in cast.aggregates()}


def attempt(app: Marketplace, cast: Cast, action: Callable[[], Any]) -> Outcome:
    """Make a request and keep its refusal, if any, for the Then steps to judge."""
    outcome = Outcome(log_position(app), versions(app, cast), people_kept(app))
    try:
        outcome.result = action()
    except DomainError as error:
        outcome.error = error
    return outcome


# Parsing what users write


def money(text: str) -> Money:
    """'EUR 2,400' or 'EUR 440,000.50' as Money; a wrong amount is refused by Money itself."""
    currency, _, amount = text.strip().partition(" ")
    return Money.of(amount.replace(",", ""), currency)


def stage_list(text: str) -> list[str]:
    """'design, engineering and installation' as a list; 'no stage' as an empty one."""
    if text.strip() in ("", "no stage", "none"):
        return []
    return [s.strip() for s in re.split(r",\s*|\s+and\s+", text) if s.strip()]


def names(text: str) -> list[str]:
    """'"Aceros Besaya", "Talleres Pas" and "Naval Solares"' as a list of names."""
    found = re.findall(r'"([^"]+)"', text)
    assert found, f"no quoted names in {text!r}"
    return found


def day(text: str) -> date:
    return date.fromisoformat(text.strip())


def typed_date(text: str) -> date | str:
    """A date as a form would pass it on: a date when it reads as one, else the words typed."""
    try:
        return day(text)
    except ValueError:
        return text


def register(app: Marketplace, cast: Cast, name: str) -> UUID:
    """Register a metal firm of Cantabria under a name the story uses."""
    company = app.register_company(
        tax_id=f"ESA{len(cast.companies) + 1:07d}", name=name, region="ES-CB", sector=METAL,
        employees=35, summary="Family-owned steelwork shop.",
    )
    cast.companies[name] = company
    return company


def invite(app: Marketplace, cast: Cast, name: str, slug: str) -> UUID:
    """Register a firm if need be and note it as a prospect of a consortium."""
    company = cast.companies.get(name) or register(app, cast, name)
    membership = app.identify_prospect(cast.consortia[slug], company, "Sells to France and Chile.")
    cast.memberships[name] = membership
    return membership


def propose(app: Marketplace, cast: Cast, slug: str) -> UUID:
    consortium = app.propose_consortium(
        slug=slug, name=f"{slug.title()} Export Consortium", agency="SODERCAN", region="ES-CB",
        sector=METAL,
    )
    cast.consortia[slug] = consortium
    return consortium


def establish(app: Marketplace, cast: Cast, slug: str, count: int, publish: bool = True) -> UUID:
    """An established consortium of `count` firms called e.g. "Metal Firm 1" (tests/story.py)."""
    formed = form_consortium(app, slug=slug, members=count, publish=publish)
    cast.consortia[slug] = formed.consortium
    for company, membership in zip(formed.companies, formed.memberships, strict=True):
        name = app.get_company(company).name
        cast.companies[name] = company
        cast.memberships[name] = membership
    return formed.consortium
