"""The auditor's event log read model: one row per stored event, with the chain's actor."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.schema import DropTable

from marketplace.actors import BUYER, SYSTEM, acting_as
from marketplace.audit import queries as audit_queries
from marketplace.audit.queries import LogFilter
from marketplace.audit.readmodel import EVENT_TYPES, event_log
from marketplace.bootstrap import Services
from marketplace.exports.plain import stored_events
from marketplace.projection.projector import Projector
from tests.story import form_consortium, request_quote, submit_full_quote

MANAGER = "user:00000000-0000-4000-8000-00000000000a (manager)"


def _rows(services: Services) -> list[dict[str, Any]]:
    with services.engine.connect() as conn:
        return [dict(row._mapping)
                for row in conn.execute(select(event_log).order_by(event_log.c.position))]


def _expected(services: Services, consortium: str, members: set[str]) -> list[dict[str, Any]]:
    app = services.marketplace
    actors = {row.position: row.actor for row in app.recorder.select_chain(1, 10_000, 10_000)}
    expected = []
    for position, event in stored_events(app):
        kind = type(event).__qualname__
        ident = str(event.originator_id)
        aggregate = kind.split(".")[0]
        expected.append({
            "position": position, "aggregate_id": ident, "aggregate_type": aggregate,
            "event_type": kind, "actor": actors[position],
            "actor_key": actors[position].split(" (")[0], "at": event.timestamp,
            "consortium_id": consortium if aggregate in {"Consortium", "Bid", "ReferenceBook"}
            or ident in members else None,
        })
    return expected


def test_every_event_has_its_row_with_who_caused_it(services: Services) -> None:
    app = services.marketplace
    with acting_as(SYSTEM):
        formed = form_consortium(app)
    with acting_as(BUYER):
        bid = request_quote(app, formed.consortium)
    with acting_as(MANAGER):
        submit_full_quote(app, formed, bid)
    expected = _expected(services, str(formed.consortium), set(map(str, formed.memberships)))
    assert _rows(services) == expected
    assert {row["actor"] for row in expected} == {SYSTEM, BUYER, MANAGER}
    assert {row["event_type"] for row in expected} <= set(EVENT_TYPES)


def test_a_projector_started_afresh_still_files_events_under_their_consortium(
        services: Services) -> None:
    app = services.marketplace
    formed = form_consortium(app)
    bid = request_quote(app, formed.consortium)
    # What a new process knows: nothing kept in memory about which bid is whose.
    services.projector._facts.clear()
    submit_full_quote(app, formed, bid)
    rows = _rows(services)
    assert rows == _expected(services, str(formed.consortium),
                             set(map(str, formed.memberships)))
    assert [r["consortium_id"] for r in rows if r["aggregate_id"] == str(bid)] == [
        str(formed.consortium)] * sum(r["aggregate_id"] == str(bid) for r in rows)


def test_a_rebuild_makes_the_same_rows(services: Services) -> None:
    formed = form_consortium(services.marketplace)
    request_quote(services.marketplace, formed.consortium)
    before = _rows(services)
    services.projector.rebuild()
    assert _rows(services) == before


def test_a_store_made_before_the_event_log_gets_it_rebuilt(services: Services) -> None:
    form_consortium(services.marketplace)
    with services.engine.begin() as conn:  # what a store made by an older version looks like
        conn.execute(DropTable(event_log))
    reopened = Projector(services.marketplace, services.engine)
    assert reopened.outdated() == ["rm_event_log"]
    reopened.rebuild()
    assert reopened.outdated() == []
    assert len(_rows(services)) == services.marketplace.recorder.max_notification_id()


@pytest.mark.parametrize("few", [0, 20_000])
def test_a_time_range_pages_alike_whichever_index_drives_it(
        services: Services, monkeypatch: pytest.MonkeyPatch, few: int) -> None:
    app, clock = services.marketplace, services.marketplace.clock
    formed = form_consortium(app)
    since = clock.advance(days=1)
    for _ in range(3):
        request_quote(app, formed.consortium)
        clock.advance(hours=6)
    until = clock.advance(days=1)
    request_quote(app, formed.consortium)
    monkeypatch.setattr(audit_queries, "FEW_IN_RANGE", few)
    where = LogFilter(consortium_id=str(formed.consortium), aggregate_type="Bid",
                      since=since, until=until)
    first = audit_queries.event_log_page(services.engine, where, limit=2)
    assert first.next_after is not None
    rest = audit_queries.event_log_page(services.engine, where, after=first.next_after)
    wanted = [r["position"] for r in _rows(services)
              if r["aggregate_type"] == "Bid" and since <= r["at"] < until]
    assert len(wanted) == 3
    assert [r["position"] for r in first.rows + rest.rows] == wanted
    assert rest.next_after is None
