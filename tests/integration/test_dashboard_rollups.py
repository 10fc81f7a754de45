"""The dashboard's bid and fee figures from the rollups equal those read from every row.

Two histories, each in both stores: the demo (four consortia of two agencies, EUR, USD and more,
RFQs declined, quoted, revised, won and lost) and a generated log of a few thousand
events (bench/generate.py). Per consortium, per agency (its consortia together) and overall,
the figures the rollups give must be the very ones the reference
(tests/integration/dashboard_reference.py) reads.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import UTC

import pytest
from sqlalchemy import func, select

from bench.catalog_stores import START
from bench.generate import Generator
from marketplace.agencies.queries import consortium_agencies
from marketplace.bidding.readmodel import bids
from marketplace.bootstrap import Services, bootstrap
from marketplace.dashboard.months import ALL_TIME, Months
from marketplace.dashboard.queries import (
    _bid_figures,
    _fee_figures,
    dashboard,
    list_dashboards,
)
from marketplace.demo import demo_clock, load_demo
from marketplace.ports import SteppingClock
from tests.conftest import POSTGRES_URL, drop_schema, require_postgres
from tests.integration.dashboard_reference import (
    bid_figures_from_every_rfq,
    fee_figures_from_events,
    fee_figures_from_every_fee,
)

HISTORIES = ["demo", "generated"]


@pytest.fixture(scope="module", params=[(store, history) for store in ("sqlite", "postgres")
                                        for history in HISTORIES], ids=str)
def told(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
         ) -> Iterator[Services]:
    store, history = request.param
    schema = None
    if store == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('rollups') / 'store.db'}"
    else:
        require_postgres()
        schema = f"t_{uuid.uuid4().hex[:12]}"
        url = f"{POSTGRES_URL}?schema={schema}"
    clock = demo_clock() if history == "demo" else SteppingClock(START)
    services = bootstrap(url, clock=clock, inline_projection=False)
    if history == "demo":
        load_demo(services.marketplace)
    else:
        Generator(services.marketplace, 4_000).run()
    services.projector.catch_up(batch_size=50)  # many batches: rollups carried across them
    yield services
    services.close()
    if schema:
        drop_schema(schema)


def test_each_consortiums_bid_figures_equal_the_reference(told: Services) -> None:
    consortia = list_dashboards(told.engine)
    assert len(consortia) >= 3
    for entry in consortia:
        ours = _bid_figures(told.engine, entry["consortium_id"])
        assert ours == bid_figures_from_every_rfq(told.engine, entry["consortium_id"]), \
            entry["slug"]
        assert _fee_figures(told.engine, entry["consortium_id"]) == \
            fee_figures_from_every_fee(told.engine, entry["consortium_id"]), entry["slug"]


def test_the_overall_bid_figures_equal_the_reference(told: Services) -> None:
    ours = _bid_figures(told.engine, None)
    assert ours == bid_figures_from_every_rfq(told.engine, None)
    fees = _fee_figures(told.engine, None)
    assert fees == fee_figures_from_every_fee(told.engine, None)
    shown = dashboard(told.engine)
    assert shown["contract_value_by_country"] == ours["contract_value_by_country"]
    assert shown["fees"] == fees


def test_the_histories_give_the_figures_something_to_compare(told: Services) -> None:
    # Equal empty figures would prove nothing: answers, medians over
    # odd and even counts, and contract values in several countries are all there.
    with told.engine.connect() as conn:
        statuses = set(conn.execute(select(bids.c.status).distinct()).scalars())
        quoted = {consortium: n for consortium, n in conn.execute(
            select(bids.c.consortium_id, func.count()).where(bids.c.quoted_at.is_not(None))
            .group_by(bids.c.consortium_id))}
    assert {"declined", "awarded"} <= statuses or {"declined", "completed"} <= statuses
    assert {n % 2 for n in quoted.values()} | {sum(quoted.values()) % 2} == {0, 1}
    overall = _bid_figures(told.engine, None)
    assert 0 < overall["responses_on_time"] <= overall["responses"]
    assert overall["median_days_to_quote"] is not None
    assert sum(len(c) for c in overall["contract_value_by_country"].values()) >= 2
    fees = _fee_figures(told.engine, None)
    assert fees and all(0 < f["collected"] < f["assessed"] for f in fees.values())


def test_the_demo_has_contract_values_in_several_currencies(told: Services) -> None:
    currencies = _bid_figures(told.engine, None)["contract_value_by_country"]
    generated = {"metal", "agrifood", "marine"} <= {c["slug"] for c in list_dashboards(told.engine)}
    # The generated log is told in euros alone; the demo's contracts are in several.
    assert list(currencies) == ["EUR"] if generated else len(currencies) >= 2


def _windows(told: Services) -> list[Months]:
    """Periods over the history's own months (the generated one spans two): each year,
    the first and last months alone, the months up to the middle one and from the one
    after, the months from the first answer to the last, and months before anything."""
    with told.engine.connect() as conn:
        answered = conn.execute(select(bids.c.responded_at)
                                .where(bids.c.responded_at.is_not(None))).scalars().all()
    present = sorted({moment.astimezone(UTC).strftime("%Y-%m") for moment in answered})
    assert len(present) >= 2, present
    middle, after = present[(len(present) - 1) // 2], present[(len(present) - 1) // 2 + 1]
    years = sorted({int(month[:4]) for month in present})
    return [*(Months(f"{y}-01", f"{y}-12") for y in years), Months(present[0], present[0]),
            Months(present[-1], present[-1]), Months(None, middle), Months(after, None),
            Months(present[0], present[-1]), Months("2001-01", "2001-12")]


def test_the_figures_of_a_period_equal_the_reference_over_its_months(told: Services) -> None:
    consortia = [None, *(entry["consortium_id"] for entry in list_dashboards(told.engine))]
    windows = _windows(told)
    seen = []
    for months in windows:
        for consortium_id in consortia:
            where = f"{months} {consortium_id}"
            ours = _bid_figures(told.engine, consortium_id, months)
            assert ours == bid_figures_from_every_rfq(told.engine, consortium_id, months), where
            fees = _fee_figures(told.engine, consortium_id, months)
            assert fees == fee_figures_from_events(told.marketplace, consortium_id, months), \
                where
            if consortium_id is None:
                seen.append((ours["responses"], ours["median_days_to_quote"], fees))
    # The windows hold something, and not always everything; the last holds nothing.
    everything = _bid_figures(told.engine, None)["responses"]
    assert sum(0 < responses < everything for responses, _median, _fees in seen) >= 2
    assert any(median is not None for _responses, median, _fees in seen[:-1])
    assert any(fees for _responses, _median, fees in seen[:-1])
    assert seen[-1] == (0, None, {})


def test_all_time_from_the_events_equals_all_time_from_the_fee_rows(told: Services) -> None:
    # The event reference agrees with the row reference where both can answer.
    assert fee_figures_from_events(told.marketplace, None, ALL_TIME) == \
        fee_figures_from_every_fee(told.engine, None)


def _groups(told: Services) -> list[set[str]]:
    """Each agency's consortia (the demo has two agencies, the generated log one), and two
    consortia that are neither one nor all."""
    by_agency: dict[str, set[str]] = {}
    for consortium_id, agency_id in consortium_agencies(told.engine).items():
        by_agency.setdefault(agency_id, set()).add(consortium_id)
    named = [entry["consortium_id"] for entry in list_dashboards(told.engine)]
    return [*by_agency.values(), set(named[:2])]


def test_an_agencys_figures_equal_the_reference_over_its_consortia(told: Services) -> None:
    groups = _groups(told)
    assert len(groups) >= 2 and all(groups)
    for months in [ALL_TIME, *_windows(told)]:
        for group in groups:
            where = f"{months} {sorted(group)}"
            ours = _bid_figures(told.engine, group, months)
            assert ours == bid_figures_from_every_rfq(told.engine, group, months), where
            assert _fee_figures(told.engine, group, months) == \
                fee_figures_from_events(told.marketplace, group, months), where
    # Neither everything nor nothing: the pair answered some RFQs but not all of them.
    pair = _bid_figures(told.engine, groups[-1])["responses"]
    assert 0 < pair < _bid_figures(told.engine, None)["responses"]
    assert _bid_figures(told.engine, set()) == bid_figures_from_every_rfq(told.engine, set())
    assert _bid_figures(told.engine, set())["responses"] == 0
