"""The demo's two agencies: SODERCAN (Cantabria) and IDEPA (Asturias), with their programmes.

The agencies and their details are invented after the real ones; the tax ids are made up
(with a valid control letter) and the contact addresses end in .demo.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from marketplace.application import Marketplace
from marketplace.demo.consortia import eur
from marketplace.demo.story import STORY_START, Cast, Story, moment


@dataclass(frozen=True)
class AgencyPlan:
    """One agency of the demo, registered before its first consortium is proposed."""

    code: str
    name: str
    region: str
    programme_cap: str  # EUR
    annual_fee: str  # EUR, the fee a new consortium's rules start from
    success_fee_percent: str
    address: str
    tax_id: str
    contact: str
    registered_on: date


AGENCIES = (
    AgencyPlan(
        code="SODERCAN", name="Sociedad para el Desarrollo de Cantabria", region="ES-CB",
        programme_cap="700000", annual_fee="2400", success_fee_percent="1.5",
        address="Calle Isabel Torres 1, Parque Científico y Tecnológico de Cantabria, "
                "39011 Santander",
        tax_id="Q3900412B", contact="programa.consorcios@sodercan.demo",
        registered_on=STORY_START.date()),
    AgencyPlan(
        code="IDEPA", name="Instituto de Desarrollo Económico del Principado de Asturias",
        region="ES-AS", programme_cap="500000", annual_fee="1800", success_fee_percent="2",
        address="Parque Tecnológico de Asturias, 33428 Llanera",
        tax_id="Q3300279A", contact="internacional@idepa.demo",
        registered_on=date(2020, 6, 1)),
)


def register(app: Marketplace, cast: Cast, agency: AgencyPlan) -> None:
    """Register the agency, its programme and the legal details its documents carry."""
    cast.agencies[agency.code] = app.register_agency(
        code=agency.code, name=agency.name, region=agency.region,
        programme_cap=eur(agency.programme_cap), annual_fee=eur(agency.annual_fee),
        success_fee_percent=agency.success_fee_percent, legal_name=agency.name,
        address=agency.address, tax_id=agency.tax_id, contact=agency.contact)


def register_agencies(story: Story) -> None:
    """Schedule each agency's registration: SODERCAN as the story opens."""
    for agency in AGENCIES:
        story.at(max(STORY_START, moment(agency.registered_on, 9)), register, agency=agency)
