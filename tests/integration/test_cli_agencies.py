"""`consortia agencies list` and `register`, on SQLite and PostgreSQL."""

from __future__ import annotations

from decimal import Decimal

import pytest
from click.testing import Result

from marketplace.agencies.queries import agency_of_code
from marketplace.bootstrap import bootstrap
from tests.integration.test_cli import consortia, one_line
from tests.story import form_consortium

IDEPA = {"--code": "IDEPA", "--name": "Instituto de Desarrollo Económico del Principado de "
         "Asturias", "--region": "ES-AS", "--programme-cap": "EUR 500000",
         "--annual-fee": "EUR 1800", "--success-fee": "2",
         "--legal-name": "Instituto de Desarrollo Económico del Principado de Asturias",
         "--address": "Parque Tecnológico de Asturias, 33428 Llanera", "--tax-id": "Q3300279A",
         "--contact": "internacional@idepa.demo"}


def register(url: str, **changed: str) -> Result:
    options = IDEPA | {f"--{key.replace('_', '-')}": value for key, value in changed.items()}
    args = [part for option in options.items() if option[1] is not None for part in option]
    return consortia("agencies", "register", *args, url=url)


def listed(url: str) -> list[str]:
    result = consortia("agencies", "list", url=url)
    assert result.exit_code == 0, result.output
    return result.output.strip().splitlines()


def test_register_records_the_agency_and_list_shows_it(store_url: str) -> None:
    assert listed(store_url) == [
        "No agency is registered; register one with `consortia agencies register`."]
    result = register(store_url)
    assert result.exit_code == 0, result.output
    assert one_line(result).startswith("Registered agency IDEPA (Instituto de Desarrollo "
                                       "Económico del Principado de Asturias, ES-AS), "
                                       "programme cap EUR 500,000.00: ")
    assert register(store_url, code="SODERCAN", name="Sociedad para el Desarrollo de Cantabria",
                    region="es-cb", programme_cap=None).exit_code == 0
    services = bootstrap(store_url)
    try:
        idepa = agency_of_code(services.engine, "IDEPA")
        sodercan = agency_of_code(services.engine, "SODERCAN")
    finally:
        services.close()
    assert idepa is not None and sodercan is not None
    assert (idepa["region"], idepa["programme_cap"], idepa["annual_fee"],
            idepa["success_fee_percent"]) == ("ES-AS", Decimal(500000), Decimal(1800), 2)
    assert idepa["legal"] == {"legal_name": IDEPA["--legal-name"], "address": IDEPA["--address"],
                              "tax_id": "Q3300279A", "contact": "internacional@idepa.demo"}
    # Without --programme-cap, the installation's CONSORTIA_PROGRAMME_CAP (EUR 700,000 here).
    assert (sodercan["region"], sodercan["programme_cap"]) == ("ES-CB", Decimal(700000))
    rows = listed(store_url)
    assert [row.split()[0] for row in rows] == ["IDEPA", "SODERCAN"]  # by name
    assert rows[0].split("  ")[0] == "IDEPA" and rows[0].endswith("ES-AS  EUR 500,000.00")
    assert "Sociedad para el Desarrollo de Cantabria" in rows[1]
    assert rows[1].endswith("ES-CB  EUR 700,000.00")


def test_list_names_an_agency_a_consortium_names_without_a_record(store_url: str) -> None:
    services = bootstrap(store_url)
    try:
        form_consortium(services.marketplace, agency="ODECA")  # an older installation's
    finally:
        services.close()
    (row,) = listed(store_url)
    assert row.startswith("ODECA") and "ES-CB" in row
    assert row.endswith("(named by a consortium, not registered)")


@pytest.mark.parametrize(("changed", "message"), [
    ({"code": "ID/EPA"}, "'ID/EPA' is not an agency code"),
    ({"code": " "}, "is not an agency code"),
    ({"name": " "}, "the agency's name cannot be empty"),
    ({"region": "ES-ZZ"}, "'ES-ZZ' is not an ISO 3166-2 region code"),
    ({"region": "Asturias"}, "is not an ISO 3166-2 region code"),
    ({"programme_cap": "500000"}, "--programme-cap must be a currency and an amount above "
                                  "zero, such as 'EUR 700000', not '500000'"),
    ({"programme_cap": "EUR -1"}, "--programme-cap must be a currency and an amount above zero"),
    ({"programme_cap": "EUR 1e999999"}, "--programme-cap must be a currency and an amount"),
    ({"annual_fee": "EUR zero"}, "--annual-fee must be a currency and an amount above zero"),
    ({"annual_fee": "EUR 0"}, "--annual-fee must be a currency and an amount above zero"),
    ({"annual_fee": "USD 1800"}, "the programme is accounted in EUR, not USD"),
    ({"success_fee": "21"}, "a success fee is a percentage from 0 to 20"),
    ({"success_fee": "two"}, "'two' is not a percentage"),
    ({"success_fee": "NaN"}, "a success fee is a percentage from 0 to 20"),
    ({"legal_name": ""}, "the legal name cannot be empty"),
    ({"tax_id": "x" * 31}, "the tax id"),
    ({"contact": "\t"}, "the contact cannot be empty"),
])
def test_bad_input_is_one_line_a_failing_exit_and_nothing_registered(
        store_url: str, changed: dict[str, str], message: str) -> None:
    result = register(store_url, **changed)
    assert result.exit_code == 1
    line = one_line(result)
    assert line.startswith("Error: ") and message in line, line
    assert listed(store_url) == [
        "No agency is registered; register one with `consortia agencies register`."]


def test_an_agency_is_registered_once(store_url: str) -> None:
    assert register(store_url).exit_code == 0
    again = register(store_url, code="idepa", name="Another")
    assert again.exit_code == 1
    # The same code in another case names the same agency.
    assert one_line(again).casefold() == "error: the agency idepa is already registered"
    assert len(listed(store_url)) == 1
