"""Bad input to the agencies' commands (register, amend, change the programme)."""

from __future__ import annotations

from typing import Any

from domain import errors as E
from domain.money import Money
from tests.integration.bad_input.world import FLOAT, NEGATIVE, NOT_ISO, Later, a, case
from tests.story import METAL, eur


def agency(**changed: Any) -> tuple[tuple[Any, ...], dict[str, Any]]:
    """A good registration, but for what is changed."""
    return a(**{"code": "IGAPE", "name": "Instituto Galego de Promoción Económica",
                "region": "ES-GA", "programme_cap": eur("600000"), "annual_fee": eur("1800"),
                "success_fee_percent": "1.5", "legal_name": "IGAPE",
                "address": "San Lázaro, Santiago", "tax_id": "Q1500001A",
                "contact": "igape@example.org", **changed})


def details(**changed: Any) -> dict[str, Any]:
    return {"name": "IDEPA", "legal_name": "IDEPA", "address": "Llanera",
            "tax_id": "Q3300001A", "contact": "idepa@example.org", **changed}


def programme(**changed: Any) -> dict[str, Any]:
    return {"programme_cap": eur("500000"), "annual_fee": eur("1200"),
            "success_fee_percent": "1", **changed}


CASES = [
    case("register_agency", lambda w: agency(code="IGAPE/GALICIA"), E.InvalidValueError,
         "a code with a slash"),
    case("register_agency", lambda w: agency(code=" "), E.InvalidValueError, "an empty code"),
    case("register_agency", lambda w: agency(code="X" * 31), E.InvalidValueError,
         "a code too long"),
    case("register_agency", lambda w: agency(region="ES-XX"), E.UnknownRegionError,
         "an unknown region"),
    case("register_agency", lambda w: agency(name=""), E.InvalidValueError, "no name"),
    case("register_agency", lambda w: agency(name="x" * 121), E.InvalidValueError,
         "a name too long"),
    case("register_agency", lambda w: agency(programme_cap=NEGATIVE), E.InvalidMoneyError,
         "a negative cap"),
    case("register_agency", lambda w: agency(programme_cap=NOT_ISO), E.UnknownCurrencyError,
         "a currency that is no ISO 4217 code"),
    case("register_agency", lambda w: agency(programme_cap=FLOAT), E.InvalidMoneyError,
         "a cap as a float"),
    case("register_agency", lambda w: agency(programme_cap="700000"), E.InvalidMoneyError,
         "a cap without its currency"),
    case("register_agency", lambda w: agency(annual_fee=eur("0")), E.InvalidMoneyError,
         "a fee of zero"),
    case("register_agency", lambda w: agency(annual_fee=Later(lambda: Money.of("10", "USD"))),
         E.CurrencyMismatchError, "a fee in another currency"),
    case("register_agency", lambda w: agency(success_fee_percent="21"), E.InvalidValueError,
         "a success fee above 20 %"),
    case("register_agency", lambda w: agency(success_fee_percent=1.5), E.InvalidValueError,
         "a success fee as a float"),
    case("register_agency", lambda w: agency(success_fee_percent="NaN"), E.InvalidValueError,
         "a success fee that is no number"),
    case("register_agency", lambda w: agency(tax_id=""), E.InvalidValueError, "no tax id"),
    case("register_agency", lambda w: agency(address="a\x00b"), E.InvalidValueError,
         "control characters"),
    case("register_agency", lambda w: (w.agency, agency(code="idepa"))[1],
         E.AgencyAlreadyRegisteredError, "a code already registered, in another case"),
    case("amend_agency", lambda w: a(w.agency, **details(name="")), E.InvalidValueError,
         "no name"),
    case("amend_agency", lambda w: a(w.agency, **details(
        name="Instituto de Desarrollo Económico del Principado de Asturias",
        legal_name="Instituto de Desarrollo Económico del Principado de Asturias",
        address="Main street 1, ES-AS", tax_id="Q3900355A", contact="info@idepa.example")),
        E.NothingToCorrectError, "the details it already has"),
    case("change_programme", lambda w: a(w.agency, **programme(programme_cap=NEGATIVE)),
         E.InvalidMoneyError, "a negative cap"),
    case("change_programme", lambda w: a(w.agency, **programme(
        programme_cap=eur("700000"), annual_fee=eur("2400"), success_fee_percent="1.5")),
        E.NothingToCorrectError, "the programme it already has"),
    case("propose_consortium", lambda w: (w.agency, a(
        slug="wood", name="Wood", agency="IDEPA", region="ES-CB",
        sector=METAL))[1],
        E.RegionOutsideAgencyError, "a region outside its agency's"),
]
