"""The demo's consortia, three of SODERCAN's in Cantabria and one of IDEPA's in Asturias:
agency, sector, timeline, funding, rules and who gets in trouble."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from domain.money import Money
from domain.rules import ConsortiumRules
from domain.values import Sector

SANTANDER = "Calle Hernán Cortés 39, 39003 Santander"
PROVINCES = {"ES-CB": "39", "ES-AS": "33"}  # the digits a firm's tax id starts with there


def eur(amount: str) -> Money:
    return Money.of(amount, "EUR")


def rules(days: int, founding: str, standard: str, success: str, quorum: int) -> ConsortiumRules:
    return ConsortiumRules(
        quote_response_days=days,
        annual_fees={"founding": eur(founding), "standard": eur(standard)},
        success_fee_percent=Decimal(success), work_share_rule="proportional",
        quorum_percent=quorum, grace_days=30, suspend_on_arrears=True,
        # A member who joins mid-year pays the months left of it.
        pro_rata=True,
    )


@dataclass(frozen=True)
class ConsortiumPlan:
    """One consortium's formation and the members whose fees go wrong."""

    key: str
    slug: str
    name: str
    sector: Sector
    start: date  # the agency proposes it
    grants: tuple[str, ...]  # tranches, EUR; the second comes a year after the first
    disbursements: tuple[tuple[str, str], ...]  # (EUR, purpose), months apart
    rules: ConsortiumRules
    offer_stages: tuple[str, ...]
    offer_summary: str
    agency: str  # the code of the agency that proposes it
    region: str  # ISO 3166-2, within the agency's
    seat: str  # the consortium's registered address, on its fee receipts
    late_prospect: int | None = None  # identified after the first capability map
    arrears: int | None = None  # suspended for arrears and still suspended
    reinstated: int | None = None  # suspended, pays, is reinstated
    leaver: int | None = None  # leaves and gets part of a fee back
    overdue: tuple[int, ...] = ()  # owes this year's fee at the end of the story
    revised_rules: tuple[date, ConsortiumRules] | None = None
    # A consortium added to the story later draws its chances from a seed of its own, so
    # adding it leaves the story told before it as it was.
    own_seed: int | None = None

    @property
    def province(self) -> str:
        return PROVINCES[self.region]

    @property
    def troubled(self) -> set[int]:
        """Members who are not asked to contribute to bids."""
        return {i for i in (self.arrears, self.reinstated, self.leaver) if i is not None}

    @property
    def final_rules(self) -> ConsortiumRules:
        return self.revised_rules[1] if self.revised_rules else self.rules


PLANS = (
    ConsortiumPlan(
        key="metal", slug="cantabria-metal", name="Cantabria Global Metal",
        sector=Sector("25", "Manufacture of fabricated metal products"),
        start=date(2015, 3, 2), grants=("450000",),
        disbursements=(("180000", "Legal constitution and the manager's first year"),
                       ("120000", "International catalogue, website and trade fairs"),
                       ("60000", "Trade mission to Mexico and Chile")),
        rules=rules(5, "2400", "3000", "1.5", 60),
        revised_rules=(date(2021, 1, 18), rules(4, "2700", "3300", "1.5", 60)),
        offer_stages=("design", "engineering", "manufacturing", "logistics", "installation",
                      "maintenance"),
        offer_summary=("Cantabrian metalworking firms selling as one: structural and "
                       "mechanical design, heavy steel structures, naval hull blocks, forgings "
                       "and machined parts, delivered by sea and erected on site."),
        arrears=11, overdue=(20,),
        agency="SODERCAN", region="ES-CB", seat=SANTANDER,
    ),
    ConsortiumPlan(
        key="agrifood", slug="cantabria-agrifood", name="Sabores de Cantabria Export",
        sector=Sector("10", "Manufacture of food products"),
        start=date(2016, 10, 3), grants=("320000",),
        disbursements=(("150000", "Legal constitution, quality system and manager"),
                       ("90000", "Gourmet fairs in Paris, London and New York")),
        rules=rules(5, "1500", "1800", "2.0", 60),
        offer_stages=("design", "engineering", "manufacturing", "logistics"),
        offer_summary=("Cantabrian anchovies, cheeses, sobaos, cured meats and spirits in one "
                       "export range: private-label design, food-safety engineering, "
                       "production and cold-chain delivery."),
        reinstated=9, overdue=(21,),
        agency="SODERCAN", region="ES-CB", seat=SANTANDER,
    ),
    ConsortiumPlan(
        key="marine", slug="cantabria-marine-energy", name="Cantabria Marine Energy",
        sector=Sector("28.11", "Manufacture of engines and turbines"),
        start=date(2018, 9, 3), grants=("400000", "200000"),
        disbursements=(("250000", "Legal constitution, manager and test-site studies"),
                       ("150000", "Offshore energy fairs in Aberdeen and Bilbao"),
                       ("100000", "Trade mission to Norway and the United Kingdom")),
        rules=rules(7, "3600", "4200", "1.0", 66),
        offer_stages=("design", "engineering", "manufacturing", "logistics", "installation",
                      "maintenance"),
        offer_summary=("Floating wind and wave energy from the Bay of Santander: platform "
                       "design and tank testing, floaters, moorings and cable accessories, "
                       "load-out, installation and operation and maintenance."),
        late_prospect=24, leaver=12, overdue=(13,),
        agency="SODERCAN", region="ES-CB", seat=SANTANDER,
    ),
    ConsortiumPlan(
        key="asturias", slug="asturias-metal", name="Asturias Metal Export",
        sector=Sector("25", "Manufacture of fabricated metal products"),
        start=date(2020, 9, 7), grants=("300000",),
        disbursements=(("140000", "Legal constitution and the manager's first two years"),
                       ("80000", "Trade missions to the Netherlands and Peru")),
        rules=rules(5, "1800", "2200", "2", 75),
        offer_stages=("design", "engineering", "manufacturing", "logistics", "installation",
                      "maintenance"),
        offer_summary=("Asturian boilermakers and steel fabricators from Avilés, Gijón and the "
                       "Nalón valley selling as one: plant engineering, pressure vessels, heat "
                       "exchangers and heavy steel structures, shipped from El Musel and "
                       "erected and maintained on site."),
        agency="IDEPA", region="ES-AS", seat="Calle Marqués de San Esteban 1, 33206 Gijón",
        overdue=(3,), own_seed=2020,
    ),
)
