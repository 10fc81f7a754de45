"""The dashboard's bid and fee figures from the rollups equal those read from every row.

Two histories, each in both stores: the demo (four consortia of two agencies, EUR, USD and more,
RFQs declined, quoted, revised, won and lost) and a generated log of a few thousand
events (bench/generate.py). Per consortium and overall, the figures the rollups give
must be the very ones the reference (tests/integration/dashboard_reference.py) reads.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest
from sqlalchemy import func, select

from bench.catalog_stores import START
from bench.generate import Generator
from marketplace.bidding.readmodel import bids
from marketplace.bootstrap import Services, bootstrap
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
