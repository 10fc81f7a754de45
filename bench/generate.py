"""A large, realistic event log made quickly, for the replay benchmark.

Three consortia are formed through the commands. Then years of business are told
through the aggregates themselves and saved in batches: RFQs from a dozen countries
that are declined, quoted and rejected, left to expire, or won, delivered and
completed, with contributions committed and withdrawn on the way; annual fees
assessed, paid, failed or refunded; peers endorsing each other. Going through the
aggregates keeps every business rule, while batching keeps the writes quick.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime, timedelta
from decimal import Decimal
from uuid import UUID

from domain import clock
from domain.bid import Bid
from domain.deadlines import working_days_after
from domain.values import Country, Incoterm, Stage
from marketplace.application import Marketplace
from marketplace.people import person_record
from tests.story import ALL_STAGES, eur, form_consortium

COUNTRIES = ["MX", "CL", "BR", "MA", "US", "CA", "NO", "GB", "AE", "SA", "IN", "JP"]
PRICES = {
    "design": 20_000,
    "engineering": 30_000,
    "manufacturing": 250_000,
    "logistics": 40_000,
    "installation": 60_000,
}
BIDS_PER_SAVE = 40
HOURS_BETWEEN_RFQS = 6


@contextmanager
def at(moment: datetime) -> Iterator[None]:
    with clock.occurring_at(moment):
        yield


class Generator:
    """Tells the story into `app` until the log holds at least `target` events."""

    def __init__(self, app: Marketplace, target: int) -> None:
        self.app = app
        self.target = target
        self.saved = 0
        self.consortia: list[tuple[UUID, dict[str, list[UUID]]]] = []
        self.memberships: list[UUID] = []

    def run(self) -> int:
        for slug in ("metal", "agrifood", "marine"):
            formed = form_consortium(self.app, slug=slug, members=12)
            by_stage: dict[str, list[UUID]] = {}
            for membership_id in formed.memberships:
                for stage in self.app.get_membership(membership_id).stages:
                    by_stage.setdefault(stage, []).append(membership_id)
            self.consortia.append((formed.consortium, by_stage))
            self.memberships += formed.memberships
        self.saved = self.app.recorder.max_notification_id() or 0
        self._endorsements()
        moment = self.app.clock.now()
        year = moment.year
        number = 0
        while self.saved < self.target:
            if moment.year != year or number == 0:
                year = moment.year
                self._fees(year)
            batch = []
            for _ in range(BIDS_PER_SAVE):
                batch.append(self._bid(number, moment))
                number += 1
                moment += timedelta(hours=HOURS_BETWEEN_RFQS)
            self._save(*batch)
        return self.saved

    def _save(self, *aggregates: object) -> None:
        self.saved += len(self.app.save(*aggregates))

    def _endorsements(self) -> None:
        members = [self.app.get_membership(m) for m in self.memberships]
        with at(self.app.clock.now()):
            for n, member in enumerate(members):
                for peer in (members[n - 1], members[n - 2]):
                    if peer.consortium_id == member.consortium_id:
                        member.receive_endorsement(peer.id, "Delivered on time, as promised.")
        self._save(*members)

    def _fees(self, year: int) -> None:
        members = [self.app.get_membership(m) for m in self.memberships]
        fee_id, due = f"annual-{year}", date(year, 3, 31)
        with at(datetime(year, 1, 15, 9, tzinfo=self.app.clock.now().tzinfo)):
            for member in members:
                member.assess_fee(fee_id=fee_id, period=str(year), amount=eur("2400"), due_on=due)
        for n, member in enumerate(members):
            with at(datetime(year, 3, 1 + n % 28, 10, tzinfo=self.app.clock.now().tzinfo)):
                if n % 7 == 3:
                    member.record_failed_payment(fee_id, "card declined")
                if n % 11 != 5:  # a few stay overdue
                    member.pay_fee(fee_id, eur("2400"), f"pi_{year}_{n}")
                if n % 13 == 2:
                    member.refund_fee(fee_id, eur("400"), f"re_{year}_{n}")
        self._save(*members)

    def _buyer(self, shipyard: int) -> UUID:
        """Buyers come back with new RFQs, so the same few contacts recur; each request keeps
        its own vault record, as `request_quote` does (one reference per request)."""
        return self.app.vault.keep(
            person_record(f"Buyer {shipyard}", f"buyer{shipyard}@shipyard{shipyard}.example"))

    def _bid(self, number: int, start: datetime) -> Bid:
        consortium, by_stage = self.consortia[number % len(self.consortia)]
        step = iter(start + timedelta(hours=h) for h in range(0, 10_000, 3))
        shipyard = number % 97
        buyer = self._buyer(shipyard)
        with at(next(step)):
            bid = Bid.request_quote(
                consortium_id=consortium,
                buyer=buyer,
                organisation=f"Shipyard {shipyard}",
                country=Country(COUNTRIES[number % len(COUNTRIES)]),
                stages=Stage.parse_many(ALL_STAGES),
                quantity=Decimal(1 + number % 9),
                specification="Steel hull blocks for offshore supply vessels.",
                unit="blocks",
                incoterm=Incoterm("CIF", "Veracruz"),
                currency="EUR",
                quote_needed_by=start.date() + timedelta(days=30),
                wanted_delivery=None,
                respond_by=working_days_after(start, 5),
            )
        fate = number % 10
        if fate == 0:
            with at(next(step)):
                bid.decline("Outside our capacity this quarter.")
            return bid
        with at(next(step)):
            bid.qualify("Fits our capacity.")
        contributors = self._contributions(bid, by_stage, number, step)
        if fate == 1:
            return bid  # still gathering contributions
        total = sum(PRICES.values())
        with at(next(step)):
            bid.submit_quote(eur(str(total)), clock.now().date() + timedelta(days=30), 120)
        if fate == 2:
            with at(next(step)):
                bid.reject_quote("Another supplier was cheaper.")
        elif fate == 3:
            with at(start + timedelta(days=45)):
                bid.expire_quote()
        else:
            self._contract(bid, contributors, step)
        return bid

    def _contributions(
        self, bid: Bid, by_stage: dict[str, list[UUID]], number: int, step: Iterator[datetime]
    ) -> dict[str, UUID]:
        chosen = {stage: by_stage[stage][number % len(by_stage[stage])] for stage in ALL_STAGES}
        for stage, member in chosen.items():
            with at(next(step)):
                bid.request_contribution(Stage(stage), member, clock.now().date())
        for stage, member in chosen.items():
            with at(next(step)):
                bid.commit_contribution(Stage(stage), member, eur(str(PRICES[stage])), 60)
        for stage in ALL_STAGES[number % 3 : number % 3 + 2]:  # two re-priced stages
            with at(next(step)):
                bid.withdraw_contribution(Stage(stage), chosen[stage], "Re-pricing.")
            with at(next(step)):
                bid.commit_contribution(Stage(stage), chosen[stage], eur(str(PRICES[stage])), 75)
        return chosen

    def _contract(self, bid: Bid, contributors: dict[str, UUID], step: Iterator[datetime]) -> None:
        shares: dict[UUID, int] = {}
        for stage, member in contributors.items():
            shares[member] = shares.get(member, 0) + PRICES[stage]
        with at(next(step)):
            bid.accept_quote()
        with at(next(step)):
            bid.award_contract(
                eur(str(sum(PRICES.values()))),
                {m: eur(str(v)) for m, v in shares.items()},
                f"C-{bid.id.hex[:8]}",
            )
        for stage in ("manufacturing", "logistics", "installation"):
            with at(next(step)):
                bid.deliver_milestone(f"{stage.title()} done", Stage(stage))
        with at(next(step)):
            bid.complete()
