"""Builders that tell a short, realistic story through the application's commands.

Tests and the BDD steps start from these, so each test reads as the part it is about.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from uuid import UUID

from domain.money import Money
from domain.rules import ConsortiumRules
from domain.values import Sector
from marketplace.application import Marketplace

METAL = Sector("25", "Fabricated metal products")
ALL_STAGES = ["design", "engineering", "manufacturing", "logistics", "installation"]


def eur(amount: str) -> Money:
    return Money.of(amount, "EUR")


def rules(**overrides: object) -> ConsortiumRules:
    values: dict = {
        "quote_response_days": 5,
        "annual_fees": {"standard": eur("2400"), "founding": eur("3600")},
        "success_fee_percent": Decimal("1.5"),
        "work_share_rule": "proportional",
        "quorum_percent": 60,
        "grace_days": 30,
        "suspend_on_arrears": True,
    }
    values.update(overrides)
    return ConsortiumRules(**values)


AGENCY_NAMES = {"SODERCAN": "Sociedad para el Desarrollo de Cantabria",
                "IDEPA": "Instituto de Desarrollo Económico del Principado de Asturias"}


def register_agency(app: Marketplace, code: str = "SODERCAN", region: str = "ES-CB") -> UUID:
    """An agency the installation serves, with a programme of EUR 700,000."""
    return app.register_agency(
        code=code, name=AGENCY_NAMES.get(code, f"{code} agency"), region=region,
        programme_cap=eur("700000"), annual_fee=eur("2400"), success_fee_percent="1.5",
        legal_name=AGENCY_NAMES.get(code, f"{code} agency"), address=f"Main street 1, {region}",
        tax_id=f"Q39{sum(map(ord, code)) % 100000:05d}A", contact=f"info@{code.lower()}.example")


@dataclass
class Formed:
    consortium: UUID
    companies: list[UUID] = field(default_factory=list)
    memberships: list[UUID] = field(default_factory=list)


def form_consortium(
    app: Marketplace, slug: str = "metal", members: int = 3,
    stages_by_member: list[list[str]] | None = None, publish: bool = True,
    sector: Sector = METAL, offer: list[str] | None = None, region: str = "ES-CB",
    agency: str = "SODERCAN", name: str | None = None,
) -> Formed:
    """An established consortium whose members together cover ALL_STAGES."""
    stages_by_member = stages_by_member or [
        ["design", "engineering"], ["manufacturing"], ["logistics", "installation"],
    ]
    consortium = app.propose_consortium(
        slug=slug, name=name or f"{slug.title()} Export Consortium", agency=agency,
        region=region, sector=sector,
    )
    formed = Formed(consortium)
    for n in range(members):
        company = app.register_company(
            tax_id=f"ESB{slug[:3].upper()}{n:05d}", name=f"{slug.title()} Firm {n + 1}",
            region="ES-CB", sector=METAL, employees=40 + n, summary="Precision steelwork.",
        )
        membership = app.identify_prospect(consortium, company, "Exports to three markets.")
        app.declare_capabilities(
            membership, stages=stages_by_member[n % len(stages_by_member)],
            products=["steel structures"], certifications=[{"name": "ISO 9001",
                                                            "expires_on": date(2030, 1, 1)}],
            capacity="1,200 t a year",
        )
        formed.companies.append(company)
        formed.memberships.append(membership)
    app.appoint_manager(consortium, name="Ana Ruiz", email="ana.ruiz@example.com")
    app.adopt_rules(consortium, rules())
    for membership in formed.memberships:
        app.join_consortium(membership, agreement="MA-2025-signed.pdf", tier="standard")
    app.establish_consortium(consortium)
    if publish:
        app.publish_offer(consortium, offer or ALL_STAGES,
                          "Design to installation of steel structures.")
    return formed


def request_quote(app: Marketplace, consortium: UUID, **overrides: object) -> UUID:
    """An RFQ from a Mexican buyer for the full service."""
    values: dict = {
        "contact_name": "Lucía Hernández", "contact_email": "lucia@acero-mx.example",
        "organisation": "Astillero del Golfo", "country": "MX", "stages": ALL_STAGES,
        "specification": "Four steel hull blocks for offshore supply vessels.",
        "quantity": "4", "unit": "blocks", "incoterm": "CIF", "named_place": "Veracruz",
        "currency": "EUR",
        "quote_needed_by": app.clock.now().date() + timedelta(days=30),
    }
    values.update(overrides)
    return app.request_quote(consortium, **values)


def quoted_bid(app: Marketplace, formed: Formed) -> UUID:
    """A bid with every stage covered and a quote submitted."""
    bid = request_quote(app, formed.consortium)
    submit_full_quote(app, formed, bid)
    return bid


def submit_full_quote(app: Marketplace, formed: Formed, bid: UUID | str) -> None:
    """The manager qualifies an RFQ for ALL_STAGES, gets every stage priced and quotes."""
    app.qualify_rfq(bid, "Fits our capacity.")
    due = app.clock.now().date() + timedelta(days=3)
    prices = {"design": "20000", "engineering": "30000", "manufacturing": "250000",
              "logistics": "40000", "installation": "60000"}
    for n, stage_list in enumerate([["design", "engineering"], ["manufacturing"],
                                    ["logistics", "installation"]]):
        for stage in stage_list:
            app.request_contribution(bid, stage, formed.memberships[n], due)
            app.commit_contribution(bid, stage, formed.memberships[n], eur(prices[stage]), 60)
    app.submit_quote(bid, eur("440000"), app.clock.now().date() + timedelta(days=45), 120)


def awarded_bid(app: Marketplace, formed: Formed, reference: str = "PO-2025-0001",
                **rfq: object) -> UUID:
    """A full-service bid quoted at EUR 440,000, accepted and awarded to the three members."""
    bid = request_quote(app, formed.consortium, **rfq)
    submit_full_quote(app, formed, bid)
    app.accept_quote(bid)
    shares = dict(zip(formed.memberships[:3], [eur("80000"), eur("260000"), eur("100000")],
                      strict=True))
    app.award_contract(bid, eur("440000"), shares, reference)
    return bid
