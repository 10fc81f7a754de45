"""How each consortium forms: prospects, meetings, capabilities, decisions, funding, offer."""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import date
from itertools import islice, pairwise
from typing import Any

from marketplace.application import Marketplace
from marketplace.demo.consortia import ConsortiumPlan, eur
from marketplace.demo.firms import Firm
from marketplace.demo.logins import manager_login, member_login
from marketplace.demo.story import Cast, Story, later, moment

MEETINGS = (
    (90, "Introductory meeting: aims, process and benefits of an export consortium"),
    (150, "Getting to know each other: company presentations and plant visits"),
    (210, "Strengths, gaps and the full-service offer"),
)
DECLINE_REASONS = (
    "Our order book is full with domestic customers for the next two years.",
    "The board prefers to keep exporting through our current distributor.",
    "The membership fee is too high for a firm of our size.",
    "We compete directly with several members on our main product.",
    "We cannot spare management time for the consortium this year.",
)
CERTIFICATES = {
    "metal": ("ISO 9001", "ISO 3834-2", "EN 1090-2 EXC3"),
    "agrifood": ("IFS Food", "BRCGS Food Safety", "ISO 22000"),
    "marine": ("ISO 9001", "ISO 14001", "DNV approval of manufacturer"),
    "asturias": ("ISO 9001", "ASME U stamp", "EN 1090-2 EXC3"),
}
ROLES = (("board member", "spokesperson"), ("treasurer",), ("technical lead",),
         ("board member",), ("stage lead",))


def _sentence(words: str) -> str:
    """The words with a capital first letter, the rest as written: "CNC machined parts"
    stays so (str.capitalize would write "Cnc machined parts")."""
    return words[:1].upper() + words[1:]


# The steps: each runs one command and notes the ids it hands back.

def propose(app: Marketplace, cast: Cast, plan: ConsortiumPlan) -> None:
    cast.consortia[plan.key] = app.propose_consortium(
        slug=plan.slug, name=plan.name, agency=plan.agency, region=plan.region,
        sector=plan.sector)


def identify(app: Marketplace, cast: Cast, plan: ConsortiumPlan, firm: Firm) -> None:
    contact = firm.contact
    if firm.tax_id == member_login().company_tax_id:
        contact = {"name": member_login().name, "email": member_login().email}
    company = app.register_company(
        tax_id=firm.tax_id, name=firm.name, region=plan.region, sector=plan.sector,
        employees=firm.employees, summary=f"{_sentence(firm.product)}, from {firm.town}.",
        contact=contact)
    cast.companies[(firm.key, firm.index)] = company
    cast.memberships[(firm.key, firm.index)] = app.identify_prospect(
        cast.consortia[firm.key], company,
        f"{firm.employees} staff; exports {firm.product} and wants to reach bigger projects.")


def plan_meeting(app: Marketplace, cast: Cast, key: str, n: int, on: date, topic: str) -> None:
    cast.meetings[(key, n)] = app.plan_meeting(cast.consortia[key], on, topic)


def hold_meeting(app: Marketplace, cast: Cast, key: str, n: int, attendees: list[int]) -> None:
    """A meeting someone attended is held; one nobody came to is cancelled."""
    if not attendees:
        app.cancel_meeting(cast.consortia[key], cast.meetings[(key, n)],
                           "Nobody could come; the topic moves to the next meeting.")
        return
    app.hold_meeting(cast.consortia[key], cast.meetings[(key, n)],
                     [cast.companies[(key, i)] for i in attendees])


def call(app: Marketplace, cast: Cast, command: str, key: str, **kwargs: Any) -> None:
    """A consortium-level command: the consortium's id comes first."""
    getattr(app, command)(cast.consortia[key], **kwargs)


def on_member(app: Marketplace, cast: Cast, command: str, firm: Firm, **kwargs: Any) -> None:
    """A membership-level command: the firm's membership id comes first."""
    getattr(app, command)(cast.memberships[(firm.key, firm.index)], **kwargs)


def endorse(app: Marketplace, cast: Cast, key: str, endorser: int, endorsed: int,
            note: str) -> None:
    app.endorse_peer(cast.memberships[(key, endorser)], cast.memberships[(key, endorsed)], note)


# The plan of one consortium's formation.

def form(story: Story, plan: ConsortiumPlan, firms: list[Firm], rng: random.Random,
         endorsed: set[tuple[str, int, int]]) -> None:
    """Schedule a consortium's formation, from proposal to its published offer."""
    def day(offset: int) -> date:
        return later(plan.start, offset)

    key = plan.key
    story.at(moment(plan.start, 9, 30), propose, plan=plan)
    early = [f for f in firms if f.index != plan.late_prospect]
    for n, firm in enumerate(early):
        story.at(moment(day(14 + 2 * n), 10, n), identify, plan=plan, firm=firm)
    for n, (offset, topic) in enumerate(MEETINGS):
        story.at(moment(day(offset - 30), 12), plan_meeting, key=key, n=n,
                 on=day(offset), topic=topic)
        chance = {"J": 0.9, "L": 0.7, "D": 0.45, "-": 0.6}
        attendees = [f.index for f in early if rng.random() < chance[f.decision]]
        story.at(moment(day(offset), 17), hold_meeting, key=key, n=n, attendees=attendees)
    for n, firm in enumerate(firms):
        if firm.index != plan.late_prospect and (firm.decision != "D" or rng.random() < 0.6):
            story.at(moment(day(160 + 2 * n), 11), on_member, command="declare_capabilities",
                     firm=firm, **declaration(plan, firm, rng))
    story.at(moment(day(250), 16), call, command="map_capabilities", key=key)
    if plan.late_prospect is not None:
        late = firms[plan.late_prospect]
        story.at(moment(day(270), 10), identify, plan=plan, firm=late)
        story.at(moment(day(285), 11), on_member, command="declare_capabilities", firm=late,
                 **declaration(plan, late, rng))
        story.at(moment(day(300), 16), call, command="map_capabilities", key=key)
    decliners = [f for f in firms if f.decision == "D"]
    for n, firm in enumerate(decliners):
        story.at(moment(day(260 + 3 * n), 13), on_member, command="decline_membership",
                 firm=firm, reason=DECLINE_REASONS[n % len(DECLINE_REASONS)])
    fund(story, plan, day)
    manager = manager_login(plan.slug)
    story.at(moment(day(320), 10), call, command="appoint_manager", key=key,
             name=manager.name, email=manager.email)
    story.at(moment(day(340), 10), call, command="adopt_rules", key=key, rules=plan.rules)
    if plan.revised_rules:
        story.at(moment(plan.revised_rules[0], 10), call, command="adopt_rules", key=key,
                 rules=plan.revised_rules[1])
    year = day(350).year
    for n, firm in enumerate(f for f in firms if f.decision == "J"):
        story.at(moment(day(350 + 2 * n), 12), on_member, command="join_consortium", firm=firm,
                 agreement=f"MA-{plan.slug}-{year}-{n + 1:02d}", tier=firm.tier)
    story.at(moment(day(400), 12), call, command="establish_consortium", key=key)
    story.at(moment(day(430), 10), call, command="publish_offer", key=key,
             stages=list(plan.offer_stages), summary=plan.offer_summary)
    founders = [f for f in firms if f.decision == "J" and f.index not in plan.troubled]
    for firm, roles in zip(founders, ROLES, strict=False):
        for role in roles:
            story.at(moment(day(440), 11), on_member, command="assign_role", firm=firm,
                     role=role)
    for giver, taker in islice(pairwise(founders), 4):  # a chain of up to four
        endorsed.add((key, giver.index, taker.index))
        story.at(moment(day(460), 15), endorse, key=key, endorser=giver.index,
                 endorsed=taker.index, note="A fair and open partner while we built the offer.")
    for n, firm in enumerate(f for f in firms if f.decision == "L"):
        joined = day(600 + 30 * n)
        story.at(moment(joined, 12), on_member, command="join_consortium", firm=firm,
                 agreement=f"MA-{plan.slug}-{joined.year}-{n + 31:02d}", tier=firm.tier)


def fund(story: Story, plan: ConsortiumPlan, day: Callable[[int], date]) -> None:
    """Seed funding: tranches granted a year apart, disbursed six months apart."""
    for n, amount in enumerate(plan.grants):
        story.at(moment(day(280 + 365 * n), 10), call, command="grant_seed_funding",
                 key=plan.key, amount=eur(amount))
    for n, (amount, purpose) in enumerate(plan.disbursements):
        story.at(moment(day(300 + 180 * n), 11), call, command="disburse_seed_funding",
                 key=plan.key, amount=eur(amount), purpose=purpose)


def declaration(plan: ConsortiumPlan, firm: Firm, rng: random.Random) -> dict[str, Any]:
    """What a firm declares it can do: stages, products, certificates, capacity."""
    names = CERTIFICATES[plan.key]
    certificates = [{"name": name, "expires_on": date(rng.randint(2027, 2030), 6, 30)}
                    for name in names[: rng.randint(1, len(names))]]
    return {"stages": list(firm.stages), "products": [firm.product],
            "certifications": certificates,
            "capacity": f"{rng.randint(2, 9) * 10}% of output exported"}
