"""Each RFQ's path: requested, then as far as its story goes, up to a completed contract."""

from __future__ import annotations

import random
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from domain.money import Money
from domain.statuses import BidStatus
from marketplace.application import Marketplace
from marketplace.demo.consortia import ConsortiumPlan
from marketplace.demo.firms import Firm
from marketplace.demo.formation import endorse
from marketplace.demo.rfqs import RFQ
from marketplace.demo.story import STORY_END, Cast, Story, later, moment, working_day

WEIGHTS = {"design": 6, "engineering": 10, "manufacturing": 55, "logistics": 9,
           "installation": 14, "maintenance": 12}
LEAD_DAYS = {"design": (30, 60), "engineering": (45, 90), "manufacturing": (90, 180),
             "logistics": (20, 45), "installation": (30, 60), "maintenance": (365, 1095)}
MILESTONES = {"design": "Design package approved by the buyer",
              "engineering": "Engineering calculations and drawings delivered",
              "manufacturing": "Factory acceptance test passed",
              "logistics": "Delivered to the named place",
              "installation": "Installed and commissioned on site",
              "maintenance": "First maintenance campaign completed"}


def request(app: Marketplace, cast: Cast, n: int, rfq: RFQ, needed_by: date) -> None:
    cast.bids[n] = app.request_quote(
        cast.consortia[rfq.key], contact_name=rfq.contact[0], contact_email=rfq.contact[1],
        organisation=rfq.organisation, country=rfq.country, stages=rfq.stages.split(),
        specification=rfq.specification, quantity=rfq.quantity, unit=rfq.unit,
        incoterm=rfq.incoterm, named_place=rfq.place, currency=rfq.currency,
        quote_needed_by=needed_by, wanted_delivery=needed_by + timedelta(days=180))


# The written terms the demo's managers put on their quotes.
DEMO_TERMS = {"payment_terms": "30% with the order, 60% on delivery, 10% on acceptance; "
                               "bank transfer within 30 days of invoice.",
              "warranty": "24 months from acceptance, parts and labour.",
              "taxes": "Prices exclude VAT, import duties and local taxes at destination."}


def on_bid(app: Marketplace, cast: Cast, command: str, n: int, **kwargs: Any) -> None:
    getattr(app, command)(cast.bids[n], **kwargs)


def contribute(app: Marketplace, cast: Cast, command: str, n: int, stage: str, key: str,
               member: int, **kwargs: Any) -> None:
    """A contribution command: bid, stage and membership first."""
    getattr(app, command)(cast.bids[n], stage, cast.memberships[(key, member)], **kwargs)


def award(app: Marketplace, cast: Cast, n: int, key: str, value: Money,
          shares: dict[int, Money], reference: str) -> None:
    app.award_contract(cast.bids[n], value,
                       {cast.memberships[(key, m)]: s for m, s in shares.items()}, reference)


def rounded(amount: Decimal) -> Decimal:
    return max(Decimal(500), (amount / 500).quantize(Decimal(1)) * 500)


def work_packages(plan: ConsortiumPlan, firms: list[Firm], rfq: RFQ,
                  rng: random.Random) -> list[tuple[str, Firm, Money, int]]:
    """Who prices which stage, at what price and lead time."""
    eligible = [f for f in firms if f.decision == "J" and f.index not in plan.troubled]
    stages = rfq.stages.split()
    weight = sum(WEIGHTS[s] for s in stages)
    packages = []
    for stage in stages:
        candidates = [f for f in eligible if stage in f.stages]
        if not candidates:
            raise ValueError(f"no member of {plan.slug} offers {stage}")
        share = Decimal(rfq.budget) * WEIGHTS[stage] / weight
        share *= Decimal(rng.randint(90, 110)) / 100
        split = len(candidates) > 1 and stage == "manufacturing" and rfq.budget > 300_000
        firms_of = rng.sample(candidates, 2) if split else [rng.choice(candidates)]
        parts = (Decimal("0.6"), Decimal("0.4")) if split else (Decimal(1),)
        for firm, part in zip(firms_of, parts, strict=True):
            packages.append((stage, firm, Money(rounded(share * part), rfq.currency),
                             rng.randint(*LEAD_DAYS[stage])))
    return packages


def bid(story: Story, plan: ConsortiumPlan, firms: list[Firm], rfq: RFQ, n: int,
        rng: random.Random, endorsed: set[tuple[str, int, int]]) -> None:
    """Schedule one RFQ as far as its story goes."""
    d0 = working_day(rfq.on)
    story.at(moment(d0, 9, 30), request, n=n, rfq=rfq, needed_by=d0 + timedelta(days=30))
    if rfq.state == BidStatus.REQUESTED:
        return
    if rfq.state == BidStatus.DECLINED:
        story.at(moment(working_day(d0, 1), 10), on_bid, command="decline_rfq", n=n,
                 reason=rfq.reason)
        return
    story.at(moment(working_day(d0, 1), 10), on_bid, command="qualify_rfq", n=n,
             note=f"Fits the {plan.name} offer; contributions requested from members.")
    packages = work_packages(plan, firms, rfq, rng)
    key, due = plan.key, working_day(d0, 4)
    delayed = set()
    if rfq.withdrawal:
        delayed = withdrawal(story, plan, firms, packages, n, d0, due)
    for k, (stage, firm, price, lead) in enumerate(packages):
        asked, committed = (3, 3) if k in delayed else (1, 2 + k % 2)
        story.at(moment(working_day(d0, asked), 11 if asked == 1 else 9, 30 + k),
                 contribute, command="request_contribution", n=n, stage=stage, key=key,
                 member=firm.index, due_on=due)
        if rfq.state == BidStatus.QUALIFIED and k == len(packages) - 1:
            break  # the last member has not priced its part yet
        story.at(moment(working_day(d0, committed), 14, k), contribute,
                 command="commit_contribution", n=n, stage=stage, key=key, member=firm.index,
                 price=price, lead_time_days=lead)
    if rfq.state == BidStatus.QUALIFIED:
        return
    quote_day = working_day(d0, 6 if rng.random() < 0.25 else 4)  # a quarter go out late
    value = Money(sum((p[2].amount for p in packages), Decimal(0)), rfq.currency)
    valid_until = quote_day + timedelta(days=60)
    story.at(moment(quote_day, 16), on_bid, command="submit_quote", n=n, price=value,
             valid_until=valid_until, lead_time_days=max(p[3] for p in packages) + 30,
             **DEMO_TERMS)
    close(story, plan, rfq, n, packages, quote_day, valid_until, value, endorsed)


def withdrawal(story: Story, plan: ConsortiumPlan, firms: list[Firm],
               packages: list[tuple[str, Firm, Money, int]], n: int, d0: date,
               due: date) -> set[int]:
    """A member commits, then withdraws; the package's own member is asked after."""
    taken = {(p[0], p[1].index) for p in packages}
    for k, (stage, _firm, price, lead) in enumerate(packages):
        spare = [f for f in firms if f.decision == "J" and f.index not in plan.troubled
                 and stage in f.stages and (stage, f.index) not in taken]
        if spare:
            params = {"n": n, "stage": stage, "key": plan.key, "member": spare[0].index}
            story.at(moment(working_day(d0, 1), 11), contribute,
                     command="request_contribution", due_on=due, **params)
            story.at(moment(working_day(d0, 2), 9), contribute,
                     command="commit_contribution", price=price, lead_time_days=lead, **params)
            story.at(moment(working_day(d0, 3), 8, 30), contribute,
                     command="withdraw_contribution",
                     reason="Our workshop is fully booked until the autumn.", **params)
            return {k}
    return set()


def close(story: Story, plan: ConsortiumPlan, rfq: RFQ, n: int,
          packages: list[tuple[str, Firm, Money, int]], quote_day: date, valid_until: date,
          value: Money, endorsed: set[tuple[str, int, int]]) -> None:
    """The buyer's answer, and for an award the contract's delivery."""
    if rfq.state == BidStatus.QUOTED:
        return
    if rfq.state == BidStatus.EXPIRED:
        story.at(moment(valid_until + timedelta(days=3), 8), on_bid, command="expire_quote", n=n)
        return
    if rfq.state == BidStatus.REVISION_REQUESTED:
        story.at(moment(working_day(quote_day, 5), 10), on_bid, command="request_revision",
                 n=n, message=rfq.reason)
        return
    if rfq.state == BidStatus.REJECTED:
        story.at(moment(working_day(quote_day, 20), 11), on_bid, command="reject_quote", n=n,
                 reason=rfq.reason)
        return
    accepted = working_day(quote_day, 15)
    story.at(moment(accepted, 11), on_bid, command="accept_quote", n=n)
    if rfq.state == BidStatus.ACCEPTED:
        return
    awarded = working_day(accepted, 25)
    shares: dict[int, Money] = {}
    for _stage, firm, price, _lead in packages:
        shares[firm.index] = shares[firm.index] + price if firm.index in shares else price
    initials = "".join(w[0] for w in plan.name.split() if w[0].isupper())
    reference = f"{initials}-{awarded.year}-{n + 1:03d}"
    story.at(moment(awarded, 12), award, n=n, key=plan.key, value=value, shares=shares,
             reference=reference)
    stages = rfq.stages.split()
    if rfq.state == BidStatus.AWARDED:
        stages = stages[:-1]  # delivery is still under way
    day = awarded
    for stage in stages:
        day = later(day, 30)
        if moment(day, 15) > STORY_END:
            return
        story.at(moment(day, 15), on_bid, command="deliver_milestone", n=n,
                 title=MILESTONES[stage], stage=stage)
    if rfq.state != BidStatus.COMPLETED:
        return
    done = later(day, 14)
    story.at(moment(done, 12), on_bid, command="complete_contract", n=n)
    members = list(dict.fromkeys(p[1].index for p in packages))
    for i, giver in enumerate(members):
        taker = members[(i + 1) % len(members)]
        if giver != taker and (plan.key, giver, taker) not in endorsed:
            endorsed.add((plan.key, giver, taker))
            story.at(moment(later(done, 7), 10, i), endorse, key=plan.key, endorser=giver,
                     endorsed=taker, note=f"On time and to specification on {reference}.")
