"""Value objects that speak the standards: ISO 3166, Incoterms 2020, NACE, stages, rules."""

from __future__ import annotations

from decimal import Decimal

import pytest

from domain.errors import (
    DomainError,
    InvalidRulesError,
    UnknownCountryError,
    UnknownIncotermError,
    UnknownRegionError,
    UnknownSectorError,
    UnknownStageError,
)
from domain.money import Money
from domain.rules import ConsortiumRules
from domain.values import INCOTERMS_2020, Country, Incoterm, Region, Sector, Stage
from tests.story import eur, rules

# Country and region


@pytest.mark.parametrize(("code", "name"), [("ES", "Spain"), ("mx", "Mexico"), (" de ", "Germany")])
def test_a_country_is_an_iso_3166_alpha_2_code(code: str, name: str) -> None:
    country = Country(code)
    assert country.code == code.strip().upper()
    assert country.name == name
    assert str(country) == code.strip().upper()


@pytest.mark.parametrize("code", ["XX", "ESP", "E", "", "Spain", "12", None, 34])
def test_anything_else_is_not_a_country(code: object) -> None:
    with pytest.raises(UnknownCountryError, match="ISO 3166-1"):
        Country(code)  # type: ignore[arg-type]


def test_countries_compare_by_code_and_are_immutable() -> None:
    assert Country("es") == Country("ES")
    assert len({Country("es"), Country("ES"), Country("FR")}) == 2
    with pytest.raises(AttributeError):
        Country("ES").code = "FR"  # type: ignore[misc]


def test_cantabria_is_a_region_of_spain() -> None:
    region = Region("es-cb")
    assert region.code == "ES-CB"
    assert region.name == "Cantabria"
    assert region.country == Country("ES")
    assert str(region) == "ES-CB"


@pytest.mark.parametrize("code", ["ES-XX", "ES", "CB", "", "XX-CB", None])
def test_a_region_must_be_an_iso_3166_2_subdivision(code: object) -> None:
    with pytest.raises(UnknownRegionError, match="ISO 3166-2"):
        Region(code)  # type: ignore[arg-type]


# Incoterms


@pytest.mark.parametrize("rule", INCOTERMS_2020)
def test_every_incoterms_2020_rule_is_accepted_with_a_named_place(rule: str) -> None:
    term = Incoterm(rule.lower(), "  Port of   Veracruz ")
    assert term.rule == rule
    assert term.place == "Port of Veracruz"
    assert str(term) == f"{rule} Port of Veracruz"


def test_the_eleven_rules_of_2020() -> None:
    assert set(INCOTERMS_2020) == {
        "EXW", "FCA", "CPT", "CIP", "DAP", "DPU", "DDP", "FAS", "FOB", "CFR", "CIF"
    }


@pytest.mark.parametrize("rule", ["DAT", "DEQ", "DES", "DAF", "XYZ", "", None])
def test_rules_that_are_not_in_incoterms_2020_are_refused(rule: object) -> None:
    with pytest.raises(UnknownIncotermError, match="Incoterms 2020"):
        Incoterm(rule, "Veracruz")  # type: ignore[arg-type]


@pytest.mark.parametrize("place", ["", "   ", None])
def test_an_incoterm_needs_its_named_place(place: object) -> None:
    with pytest.raises(UnknownIncotermError, match="named place"):
        Incoterm("CIF", place)  # type: ignore[arg-type]


def test_a_named_place_has_a_sensible_length() -> None:
    assert Incoterm("DAP", "x" * 120).place == "x" * 120
    with pytest.raises(UnknownIncotermError, match="longer than 120"):
        Incoterm("DAP", "x" * 121)


# Stages


@pytest.mark.parametrize(
    ("given", "stage"),
    [("design", Stage.DESIGN), (" Manufacturing ", Stage.MANUFACTURING),
     ("LOGISTICS", Stage.LOGISTICS), (Stage.MAINTENANCE, Stage.MAINTENANCE)],
)
def test_stages_are_parsed_from_what_people_type(given: str | Stage, stage: Stage) -> None:
    assert Stage.parse(given) is stage


def test_the_value_chain_has_six_stages_in_order() -> None:
    assert [s.value for s in Stage] == [
        "design", "engineering", "manufacturing", "logistics", "installation", "maintenance"
    ]


@pytest.mark.parametrize("given", ["assembly", "", "desing", "7"])
def test_an_unknown_stage_is_refused_with_the_list_of_stages(given: str) -> None:
    with pytest.raises(UnknownStageError, match="stages are design, engineering"):
        Stage.parse(given)


def test_parse_many_orders_the_stages_and_drops_repeats() -> None:
    parsed = Stage.parse_many(["installation", "Design", "design", "logistics"])
    assert parsed == (Stage.DESIGN, Stage.LOGISTICS, Stage.INSTALLATION)
    assert Stage.parse_many("engineering") == (Stage.ENGINEERING,)
    assert Stage.parse_many([]) == ()
    with pytest.raises(UnknownStageError):
        Stage.parse_many(["design", "welding"])


# Sectors


@pytest.mark.parametrize(
    ("nace", "code"),
    [("25", "25"), ("C25", "25"), ("c 25.11", "25.11"), ("10.1", "10.1"), ("03", "03"),
     ("35", "35"), ("99", "99")],
)
def test_a_sector_is_a_nace_rev_2_division_or_class(nace: str, code: str) -> None:
    sector = Sector(nace, "  Fabricated   metal products ")
    assert sector.nace == code
    assert sector.name == "Fabricated metal products"
    assert str(sector) == f"Fabricated metal products (NACE {code})"


@pytest.mark.parametrize("nace", ["04", "34", "40", "00", "100", "25.123", "ABC", "", None])
def test_codes_that_are_not_nace_divisions_are_refused(nace: object) -> None:
    with pytest.raises(UnknownSectorError, match="NACE"):
        Sector(nace, "Something")  # type: ignore[arg-type]


def test_a_sector_needs_a_name() -> None:
    with pytest.raises(UnknownSectorError, match="needs a name"):
        Sector("25", "  ")


# Consortium rules


def test_a_complete_rule_set() -> None:
    adopted = rules(success_fee_percent="2.25")
    assert adopted.fee_currency == "EUR"
    assert adopted.annual_fee("founding") == eur("3600")
    assert adopted.success_fee_percent == Decimal("2.25")
    assert isinstance(adopted.success_fee_percent, Decimal)
    assert adopted.as_dict()["annual_fees"] == {"standard": eur("2400"), "founding": eur("3600")}
    assert ConsortiumRules(**adopted.as_dict()) == adopted


def test_an_unknown_tier_is_refused_naming_the_tiers() -> None:
    with pytest.raises(InvalidRulesError, match="standard, founding"):
        rules().annual_fee("gold")


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"quote_response_days": 0}, "1 to 60 working days"),
        ({"quote_response_days": 61}, "1 to 60 working days"),
        ({"quote_response_days": "5"}, "1 to 60 working days"),
        ({"annual_fees": {}}, "at least one member tier"),
        ({"annual_fees": {"standard": eur("10"), "usd": Money.of("10", "USD")}}, "one currency"),
        ({"annual_fees": {"standard": "2400"}}, "not an amount of money"),
        ({"annual_fees": {" ": eur("10")}}, "needs a name"),
        ({"annual_fees": {"standard": Money.zero("EUR")}}, "must be above zero"),
        ({"success_fee_percent": Decimal("25.01")}, "between 0 and 25"),
        ({"success_fee_percent": Decimal("-1")}, "between 0 and 25"),
        ({"success_fee_percent": "a lot"}, "success fee"),
        ({"success_fee_percent": "NaN"}, "between 0 and 25"),
        ({"work_share_rule": "whoever shouts"}, "proportional, equal, negotiated"),
        ({"quorum_percent": 49}, "between 50 and 100"),
        ({"quorum_percent": 101}, "between 50 and 100"),
        ({"grace_days": -1}, "0 to 365 days"),
        ({"grace_days": 366}, "0 to 365 days"),
    ],
)
def test_rules_that_cannot_work_are_refused(overrides: dict, message: str) -> None:
    with pytest.raises(InvalidRulesError, match=message):
        rules(**overrides)


def test_value_errors_are_domain_errors() -> None:
    for error in (UnknownCountryError, UnknownRegionError, UnknownIncotermError,
                  UnknownStageError, UnknownSectorError, InvalidRulesError):
        assert issubclass(error, DomainError)
