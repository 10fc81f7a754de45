"""Numbers and dates out of range in a URL: a 404 or a 400 that says how to write them,
on both stores (the route fuzz, tests/web/fuzz/test_route_params.py, found each of these
as a 500: PostgreSQL's "integer out of range", a date past year 9999, int() of "²")."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from flask.testing import FlaskClient

from marketplace.bootstrap import Services, bootstrap
from marketplace.ports import SteppingClock
from tests.story import form_consortium
from tests.web.conftest import TEST_CONFIG
from tests.web.signin import sign_in
from web import create_app


@pytest.fixture
def services(store_url: str, clock: SteppingClock) -> Iterator[Services]:
    built = bootstrap(store_url, clock=clock)
    yield built
    built.close()


@pytest.fixture
def officer(services: Services) -> FlaskClient:
    client = create_app(services=services, config=TEST_CONFIG).test_client()
    sign_in(client, services, "officer")
    return client


@pytest.mark.parametrize("position", [2**63, 2**64, 10**30])
def test_a_log_position_past_64_bits_names_nothing(officer: FlaskClient,
                                                   position: int) -> None:
    assert officer.get(f"/workspace/audit/events/{position}").status_code == 404


def test_the_largest_position_a_store_holds_is_simply_not_there(officer: FlaskClient) -> None:
    assert officer.get(f"/workspace/audit/events/{2**63 - 1}").status_code == 404


@pytest.mark.parametrize(("query", "says"), [
    ("since=0001-01-01T00:00%2B01:00", "between 2000-01-01 and 2100-12-31"),
    ("until=9999-12-31", "between 2000-01-01 and 2100-12-31"),
    ("since=99999-01-01", "YYYY-MM-DD"),
    ("after=%C2%B2", "a whole number from 0"),  # "²": isdigit() says yes, int() says no
    ("after=" + "9" * 5000, "a whole number from 0"),
    ("after=" + str(2**63), "a whole number from 0"),
    ("before=" + "9" * 5000, "a whole number from 0"),
    ("size=" + "9" * 5000, "Show 25, 50, 100 or 200"),
    ("order=sideways", "There is no order called"),
])
def test_an_audit_filter_out_of_range_is_a_400_that_says_why(
        officer: FlaskClient, query: str, says: str) -> None:
    response = officer.get(f"/workspace/audit/?{query}")
    assert response.status_code == 400, response.status
    assert says in response.get_data(as_text=True)


def test_the_log_still_reads_a_range_at_the_windows_edges(officer: FlaskClient) -> None:
    response = officer.get("/workspace/audit/?since=2000-01-01&until=2100-12-31"
                           f"&after={2**63 - 1}")
    assert response.status_code == 200


@pytest.mark.parametrize("query", ["version=%C2%B2", "version=" + "9" * 5000,
                                   "moment=0001-01-01T00:00%2B01:00"])
def test_as_of_out_of_range_is_a_400(officer: FlaskClient, services: Services,
                                     query: str) -> None:
    formed = form_consortium(services.marketplace, slug="metal")
    response = officer.get(f"/workspace/audit/as-of?aggregate_id={formed.consortium}&{query}")
    assert response.status_code == 400, response.status


def test_a_fee_ledger_redirect_with_odd_counts_is_a_400(officer: FlaskClient,
                                                        services: Services) -> None:
    formed = form_consortium(services.marketplace, slug="metal")
    response = officer.get(f"/workspace/fees/consortia/{formed.consortium}"
                           "?period=2025&annual=%C2%B2&success=1")
    assert response.status_code == 400, response.status
