"""Acceptance 4: the dashboard's figures, read from the read models, agree with the events.

The demo data is loaded once per store; every KPI is then counted again from the raw
events (tests/integration/kpis_from_events.py) and compared, per consortium, per agency
(its consortia together) and overall.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import date

import pytest

from marketplace.agencies.queries import agency_id_of, consortium_agencies
from marketplace.bootstrap import Services, bootstrap
from marketplace.dashboard.months import ALL_TIME, Months
from marketplace.dashboard.queries import dashboard, list_dashboards
from marketplace.demo import demo_clock, load_demo
from tests.conftest import POSTGRES_URL, drop_schema, require_postgres
from tests.integration.kpis_from_events import figures, merge, tally

TODAY = date(2026, 11, 30)


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
def demo(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
         ) -> Iterator[Services]:
    """The demo data set in a store of its own, projected."""
    schema = None
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('dashboard') / 'demo.db'}"
    else:
        require_postgres()
        schema = f"t_{uuid.uuid4().hex[:12]}"
        url = f"{POSTGRES_URL}?schema={schema}"
    services = bootstrap(url, clock=demo_clock(), inline_projection=False)
    load_demo(services.marketplace)
    services.projector.catch_up()
    yield services
    services.close()
    if schema:
        drop_schema(schema)


def test_each_consortiums_figures_match_the_events(demo: Services) -> None:
    raw = tally(demo.marketplace)
    consortia = list_dashboards(demo.engine)
    assert len(consortia) == 4 and set(raw) == {c["consortium_id"] for c in consortia}
    for entry in consortia:
        shown = dashboard(demo.engine, entry["consortium_id"], today=TODAY)
        assert shown == figures(raw[entry["consortium_id"]], TODAY), entry["slug"]


def test_the_overall_figures_match_the_events(demo: Services) -> None:
    expected = figures(merge(list(tally(demo.marketplace).values())), TODAY)
    assert dashboard(demo.engine, today=TODAY) == expected


def test_the_demo_gives_every_kpi_something_to_show(demo: Services) -> None:
    # Comparing empty figures would prove nothing: the demo exercises each KPI.
    shown = dashboard(demo.engine, today=TODAY)
    assert shown["rfqs_received"] > 30 and shown["quotes_submitted"] > 0
    assert 0 < shown["on_time_response_rate"] < 100 and 0 < shown["win_rate"] < 100
    assert shown["median_days_to_quote"] > 0
    assert len(shown["contract_value_by_country"]) > 1
    fees = shown["fees"]["EUR"]
    assert 0 < fees["collected"] < fees["assessed"]
    assert shown["seed_funding"]["EUR"]["disbursed"] < shown["seed_funding"]["EUR"]["granted"]
    years = [year for year, _count in shown["members_over_time"]]
    assert years == list(range(years[0], TODAY.year + 1)) and len(years) > 5
    # A member left in the demo: the count goes down as well as up.
    counts = [count for _year, count in shown["members_over_time"]]
    assert counts != sorted(counts)
    trust = shown["trust"]
    assert 0 < trust["attendance_rate"] < 100 and 0 < trust["fees_on_time_rate"] < 100
    assert trust["endorsements"] > 0


# Windows of months: a year, half a year across a new year, one month, open at either end,
# and months before anything happened.
WINDOWS = [Months("2024-01", "2024-12"), Months("2025-07", "2026-02"), Months("2026-03", "2026-03"),
           Months(None, "2023-06"), Months("2025-01", None), Months("2001-01", "2001-12")]


@pytest.mark.parametrize("months", WINDOWS, ids=str)
def test_the_figures_of_a_period_match_its_months_events(demo: Services, months: Months) -> None:
    raw = tally(demo.marketplace, months)
    for entry in list_dashboards(demo.engine):
        shown = dashboard(demo.engine, entry["consortium_id"], today=TODAY, months=months)
        assert shown == figures(raw[entry["consortium_id"]], TODAY, months), entry["slug"]
    expected = figures(merge(list(raw.values())), TODAY, months)
    assert dashboard(demo.engine, today=TODAY, months=months) == expected


def test_the_periods_compared_are_neither_empty_nor_everything(demo: Services) -> None:
    everything = dashboard(demo.engine, today=TODAY)
    shown = [dashboard(demo.engine, today=TODAY, months=months) for months in WINDOWS]
    received = [figures["rfqs_received"] for figures in shown]
    assert all(n < everything["rfqs_received"] for n in received)
    assert sum(n > 0 for n in received) >= 3 and received[-1] == 0
    assert any(figures["contract_value_by_country"] for figures in shown[:-1])
    assert any(figures["fees"] for figures in shown[:-1])
    assert any(figures["median_days_to_quote"] for figures in shown[:-1])
    nothing = shown[-1]
    assert nothing["fees"] == {} and nothing["contract_value_by_country"] == {}
    assert nothing["median_days_to_quote"] is None and nothing["members_over_time"] == []
    assert nothing["seed_funding"]["EUR"]["granted"] == 0
    # Months that follow each other add up to their union.
    halves = [dashboard(demo.engine, today=TODAY, months=months) for months in
              (Months(None, "2024-12"), Months("2025-01", None))]
    for key in ("rfqs_received", "quotes_submitted", "responses", "contracts_awarded"):
        assert halves[0][key] + halves[1][key] == everything[key], key


@pytest.mark.parametrize("months", [ALL_TIME, *WINDOWS], ids=str)
def test_an_agencys_totals_are_its_consortias_events_together(demo: Services,
                                                               months: Months) -> None:
    raw = tally(demo.marketplace, months)
    received = {}
    for code in ("SODERCAN", "IDEPA"):
        consortia = {cid for cid, aid in consortium_agencies(demo.engine).items()
                     if aid == agency_id_of(code)}
        shown = dashboard(demo.engine, consortia, today=TODAY, months=months)
        assert shown == figures(merge([raw[c] for c in consortia]), TODAY, months), code
        received[code] = (len(consortia), shown["rfqs_received"])
    # Two agencies, neither empty, that share the installation's RFQs between them.
    overall = dashboard(demo.engine, today=TODAY, months=months)["rfqs_received"]
    assert received["SODERCAN"][0] == 3 and received["IDEPA"][0] == 1
    assert received["SODERCAN"][1] + received["IDEPA"][1] == overall
    if months is ALL_TIME:
        assert 0 < received["IDEPA"][1] < received["SODERCAN"][1]


def test_an_agency_without_consortia_has_nothing_to_show(demo: Services) -> None:
    nothing = dashboard(demo.engine, set(), today=TODAY)
    assert nothing == figures(merge([]), TODAY)
    assert nothing["rfqs_received"] == 0 and nothing["fees"] == {}
    assert nothing["seed_funding"] == {} and nothing["members_over_time"] == []
