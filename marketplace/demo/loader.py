"""Load the demo story into an empty store, through the Marketplace's own commands."""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass, field

from marketplace.application import Marketplace
from marketplace.demo.agencies import AGENCIES, register_agencies
from marketplace.demo.bidding import bid
from marketplace.demo.consortia import PLANS
from marketplace.demo.fees import charge
from marketplace.demo.firms import Firm, firms
from marketplace.demo.formation import form
from marketplace.demo.logins import open_demo_accounts
from marketplace.demo.rfqs import BID_STATES, RFQS
from marketplace.demo.story import STORY_START, Cast, Progress, Story
from marketplace.errors import StoreNotEmptyError
from marketplace.ports import SteppingClock

SEED = 2015


@dataclass
class DemoSummary:
    """What the story told, counted from its plan."""

    agencies: list[str] = field(default_factory=list)
    consortia: list[str] = field(default_factory=list)
    prospects: int = 0
    joined: int = 0
    declined: int = 0
    rfqs: int = 0
    bid_states: Counter[str] = field(default_factory=Counter)
    countries: set[str] = field(default_factory=set)
    commands: int = 0

    def lines(self) -> list[str]:
        """The summary as a person reads it."""
        states = ", ".join(f"{state} {self.bid_states[state]}" for state in BID_STATES)
        return [
            f"{len(self.agencies)} agencies: {', '.join(self.agencies)}",
            f"{len(self.consortia)} consortia: {', '.join(self.consortia)}",
            f"{self.prospects} prospects: {self.joined} joined, {self.declined} declined",
            f"{self.rfqs} RFQs from {len(self.countries)} countries "
            f"({', '.join(sorted(self.countries))})",
            f"bids by state: {states}",
        ]


def demo_clock() -> SteppingClock:
    """The clock the story moves; it starts when the first consortium is proposed."""
    return SteppingClock(STORY_START)


def write_story() -> tuple[Story, DemoSummary]:
    """Plan every step of the story; nothing touches the store yet."""
    rng = random.Random(SEED)
    rng_of = {plan.key: rng if plan.own_seed is None else random.Random(plan.own_seed)
              for plan in PLANS}
    story, summary = Story(), DemoSummary()
    register_agencies(story)
    summary.agencies = [f"{agency.code} ({agency.region})" for agency in AGENCIES]
    cast_of: dict[str, list[Firm]] = {}
    endorsed: set[tuple[str, int, int]] = set()
    for plan in PLANS:
        cast_of[plan.key] = firms(plan.key, rng_of[plan.key])
        form(story, plan, cast_of[plan.key], rng_of[plan.key], endorsed)
        charge(story, plan, cast_of[plan.key], rng_of[plan.key])
        summary.consortia.append(plan.name)
        summary.prospects += len(cast_of[plan.key])
        summary.joined += sum(f.joins for f in cast_of[plan.key])
        summary.declined += sum(f.decision == "D" for f in cast_of[plan.key])
    plans = {plan.key: plan for plan in PLANS}
    for n, rfq in enumerate(RFQS):
        bid(story, plans[rfq.key], cast_of[rfq.key], rfq, n, rng_of[rfq.key], endorsed)
        summary.bid_states[rfq.state] += 1
        summary.countries.add(rfq.country)
    summary.rfqs = len(RFQS)
    summary.commands = len(story)
    return story, summary


def events_in(app: Marketplace) -> int:
    """How many events the store holds (the position of its last notification)."""
    return app.recorder.max_notification_id() or 0


def load_demo(app: Marketplace, progress: Progress | None = None) -> DemoSummary:
    """Tell the whole story into an empty store; refuse a store that holds anything."""
    held = events_in(app)
    if held:
        raise StoreNotEmptyError(
            "the store already holds %(held)s events; demo data goes only into an empty store",
            held=held)
    if not isinstance(app.clock, SteppingClock):
        raise TypeError("the demo moves the application's clock: build it with demo_clock()")
    story, summary = write_story()
    cast = Cast()
    story.tell(app, app.clock, cast, progress)
    open_demo_accounts(app, cast)
    return summary
