"""`consortia replay --verify`: a rebuild in a scratch place, compared row by row with live."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from sqlalchemy import text

from consortia.cli import main
from marketplace.bootstrap import Services, bootstrap
from marketplace.projection.replay_check import (
    ColumnDifference,
    ReplayReport,
    RowDifference,
    check_replay,
)
from tests.conftest import POSTGRES_URL, drop_schema, require_postgres
from tests.story import form_consortium, quoted_bid


def verify(url: str) -> Result:
    return CliRunner().invoke(main, ["replay", "--verify", "--database-url", url])


def scratch_places(services: Services) -> list[str]:
    """Scratch files or schemas of this store that are still there."""
    store = services.store
    if store.kind == "sqlite":
        live = Path(store.eventsourcing_env["SQLITE_DBNAME"])
        return sorted(p.name for p in live.parent.iterdir() if ".replay-" in p.name)
    with services.engine.connect() as conn:
        names = conn.execute(text("SELECT schema_name FROM information_schema.schemata"))
        return sorted(n for n in names.scalars() if n.startswith(f"{store.schema}_replay_"))


def assert_scratch_gone(services: Services, report: ReplayReport) -> None:
    assert scratch_places(services) == []
    if services.store.kind == "sqlite":
        assert ".replay-" in report.scratch and not Path(report.scratch).exists()
    else:
        assert report.scratch.startswith(f"{services.store.schema}_replay_")


def sql(services: Services, statement: str, **params: object) -> None:
    with services.engine.begin() as conn:
        assert conn.execute(text(statement), params).rowcount == 1


@pytest.fixture
def history(services: Services) -> dict:
    """Two consortia, one with a quoted bid: every read-model table has rows."""
    app = services.marketplace
    formed = form_consortium(app)
    form_consortium(app, slug="timber", publish=False)
    bid = quoted_bid(app, formed)
    return {"formed": formed, "bid": bid}


def test_a_faithful_store_has_no_differences(services: Services, history: dict) -> None:
    report = check_replay(services)
    assert report.clean and report.differences == ()
    assert report.events > 40 and report.events_per_second > 0
    assert report.position == services.projector.position() == report.started_at
    assert not report.log_moved
    rows = {s.table: (s.rebuilt_rows, s.live_rows, s.differences) for s in report.tables}
    assert rows["rm_catalog"] == (2, 2, 0) and rows["rm_members"] == (6, 6, 0)
    assert rows["rm_bids"] == (1, 1, 0)
    assert_scratch_gone(services, report)

    result = verify(services.store.url)
    assert result.exit_code == 0, result.output
    assert f"Replayed {report.events:,} events in " in result.output
    assert "events/s" in result.output
    assert "No differences" in result.output
    assert scratch_places(services) == []


def test_a_changed_bid_status_is_reported_with_its_column(services: Services,
                                                          history: dict) -> None:
    bid = str(history["bid"])
    with services.engine.connect() as conn:
        status = conn.execute(text("SELECT status FROM rm_bids WHERE bid_id = :b"),
                              {"b": bid}).scalar_one()
    assert status != "won"
    sql(services, "UPDATE rm_bids SET status = 'won' WHERE bid_id = :b", b=bid)

    report = check_replay(services)
    assert report.differences == (RowDifference(
        "rm_bids", (("bid_id", bid),), "changed", (ColumnDifference("status", status, "won"),)),)
    summary = {s.table: s for s in report.tables}["rm_bids"]
    assert (summary.changed, summary.missing, summary.extra) == (1, 0, 0)

    result = verify(services.store.url)
    assert result.exit_code == 1, result.output
    assert (f"rm_bids [bid_id={bid}]: changed: status: rebuilt {status!r}, live 'won'"
            in result.output)
    assert "1 row differs, in 1 table\n" in result.output
    assert scratch_places(services) == []


def test_a_deleted_and_an_extra_row_are_reported(services: Services, history: dict) -> None:
    first, second = (str(m) for m in history["formed"].memberships[:2])
    sql(services, "DELETE FROM rm_members WHERE membership_id = :m", m=first)
    report = check_replay(services)
    assert report.differences == (
        RowDifference("rm_members", (("membership_id", first),), "missing"),)

    # The second member declared manufacturing only; a forged design capability is extra.
    sql(services, "INSERT INTO rm_capabilities (membership_id, stage, consortium_id, company_id)"
                  " VALUES (:m, 'design', :c, :k)",
        m=second, c=str(history["formed"].consortium),
        k=str(history["formed"].companies[1]))
    report = check_replay(services)
    assert set(report.differences) == {
        RowDifference("rm_members", (("membership_id", first),), "missing"),
        RowDifference("rm_capabilities", (("membership_id", second), ("stage", "design")),
                      "extra"),
    }
    result = verify(services.store.url)
    assert result.exit_code == 1
    assert f"rm_members [membership_id={first}]: missing from the live read models" \
        in result.output
    assert (f"rm_capabilities [membership_id={second}, stage=design]: in the live read models"
            " but not in the rebuild") in result.output
    assert_scratch_gone(services, report)


def test_events_recorded_during_the_check_are_compared_on_both_sides(
        services: Services, history: dict) -> None:
    def a_command_arrives(done: int, total: int) -> None:
        if done == total:  # inline projection brings the live side along at once
            services.marketplace.publish_offer(history["formed"].consortium, ["design"],
                                               "Design only, this season.")

    report = check_replay(services, progress=a_command_arrives)
    assert report.clean
    assert report.log_moved and report.position > report.started_at
    assert report.position == services.projector.position()


def test_the_scratch_place_is_removed_when_the_check_fails(services: Services,
                                                           history: dict) -> None:
    def interrupted(done: int, total: int) -> None:
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        check_replay(services, progress=interrupted)
    assert scratch_places(services) == []


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
def demo_url(request: pytest.FixtureRequest,
             tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path_factory.mktemp('demo') / 'consortia.db'}"
        return
    require_postgres()
    schema = f"t_{uuid.uuid4().hex[:12]}"
    yield f"{POSTGRES_URL}?schema={schema}"
    drop_schema(schema)


def test_the_demo_data_replays_without_a_difference(demo_url: str) -> None:
    loaded = CliRunner().invoke(main, ["demo", "--database-url", demo_url])
    assert loaded.exit_code == 0, loaded.output
    result = verify(demo_url)
    assert result.exit_code == 0, result.output
    assert "No differences" in result.output
    services = bootstrap(demo_url, inline_projection=False)
    try:
        report = check_replay(services)
        assert report.clean and report.events > 1000
        assert {s.table: s.live_rows for s in report.tables}["rm_bids"] > 20
        assert scratch_places(services) == []
    finally:
        services.close()
