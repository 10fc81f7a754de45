"""A store made before the faithful-record change still loads and replays the same.

tests/data/store-2026-12 holds what `consortia demo` wrote at commit 39b08b0, before
issue 12: every stored event with who caused it, the vault's personal data, the hash
chain's head, and every read-model row that code projected. Here those events go into a
fresh store (SQLite and PostgreSQL) exactly as they were stored; this code must load
every aggregate, extend the same hash chain to the same head, and project the same
figures, column by column, except where a listed fix changes a figure on purpose.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator
from datetime import UTC, datetime
from itertools import groupby
from pathlib import Path
from typing import Any
from uuid import UUID

import pytest
from eventsourcing.persistence import StoredEvent
from sqlalchemy import func, insert, select

from domain.statuses import ENDED
from marketplace.actors import acting_as
from marketplace.audit.verify import verify
from marketplace.bidding.readmodel import bids
from marketplace.bootstrap import Services, bootstrap
from marketplace.ports import SteppingClock
from marketplace.privacy.readmodel import bid_buyers
from marketplace.projection.readmodels import READ_MODEL_TABLES
from marketplace.vault import SqlVault, personal_data
from tests.conftest import START
from tests.integration.rawstore import dump

DATA = Path(__file__).resolve().parents[1] / "data" / "store-2026-12"

# Figures this change alters on purpose in a replay of an old store; each names its fix.
# A column new to this code is not compared (the old store never had it).
CHANGED_ON_PURPOSE: dict[str, str] = {}
# Tables now kept per calendar month (issue 16, the dashboard's period): a replay splits
# each old row over the months of its events, and the months' values add up to the old one.
SUMMED_OVER_MONTHS = {"rm_kpi_counters": "value"}


def _events() -> list[dict[str, Any]]:
    with gzip.open(DATA / "events.jsonl.gz", "rt") as file:
        return [json.loads(line) for line in file]


@pytest.fixture(scope="module")
def old() -> dict[str, Any]:
    with gzip.open(DATA / "store.json.gz", "rt") as file:
        return json.load(file)


@pytest.fixture
def loaded(store_url: str) -> Iterator[Services]:
    services = bootstrap(store_url, clock=SteppingClock(START))
    try:
        events = _events()
        recorder = services.marketplace.recorder
        # In the order they were stored, each run of events under the actor who caused it,
        # so the chain this code writes must come out as the old one.
        for actor, run in groupby(events, key=lambda event: event["actor"]):
            with acting_as(actor):
                for event in run:
                    recorder.insert_events([StoredEvent(
                        originator_id=UUID(event["id"]),
                        originator_version=event["version"],
                        topic=event["topic"], state=event["state"].encode())])
        yield services
    finally:
        services.close()


def _stored(value: Any) -> str | None:
    """A value read back through SQLAlchemy, as SQLite's text held it in the old store."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, datetime):  # SQLite's text keeps the microseconds, in UTC
        return (value.astimezone(UTC) if value.tzinfo else value).replace(
            tzinfo=None).isoformat(sep=" ", timespec="microseconds")
    if isinstance(value, dict | list):
        return json.dumps(value)
    return str(value)


def keep_old_records(services: Services, old: dict[str, Any]) -> None:
    """The old vault's records, as that code stored them (tracking tokens in clear)."""
    with services.engine.begin() as conn:
        for row in old["personal_data"]:
            conn.execute(insert(personal_data).values(
                ref=row["ref"], data=row["data"], email_digest=row["email_digest"],
                kept_at=datetime.fromisoformat(row["kept_at"]),
                erased_at=datetime.fromisoformat(row["erased_at"]) if row["erased_at"] else None))


def test_every_aggregate_of_the_old_store_loads(loaded: Services) -> None:
    marketplace = loaded.marketplace
    ids = {event["id"] for event in _events()}
    for ident in ids:
        aggregate = marketplace.repository.get(UUID(ident))
        assert aggregate.version >= 1


def test_the_old_events_extend_the_same_hash_chain(loaded: Services,
                                                   old: dict[str, Any]) -> None:
    verdict = verify(loaded.marketplace.recorder)
    assert verdict.intact
    assert verdict.head.position == old["chain_head"]["position"] == old["events"]
    assert verdict.head.hash.hex() == old["chain_head"]["hash"]


def test_the_old_store_replays_to_the_same_figures(loaded: Services,
                                                   old: dict[str, Any]) -> None:
    keep_old_records(loaded, old)
    assert loaded.projector.rebuild() == old["events"]
    differences = []
    with loaded.engine.connect() as conn:
        for name, before in old["read_models"].items():
            if name in CHANGED_ON_PURPOSE:
                continue
            table = next(t for t in READ_MODEL_TABLES if t.name == name)
            columns = [c for c in before["columns"] if c in table.c]
            kept = [before["columns"].index(c) for c in columns]
            was = sorted([row[i] for i in kept] for row in before["rows"])
            query = select(*(table.c[c] for c in columns))
            summed = SUMMED_OVER_MONTHS.get(name)
            if summed is not None:
                assert "month" in table.c and "month" not in columns
                query = select(*(func.sum(table.c[c]) if c == summed else table.c[c]
                                 for c in columns)
                               ).group_by(*(table.c[c] for c in columns if c != summed))
            now = sorted([_stored(value) for value in row] for row in conn.execute(query))
            if was != now:
                first = next((pair for pair in zip(was, now, strict=False) if pair[0] != pair[1]),
                             ([], []))
                differences.append((name, len(was), len(now),
                                    [(column, before, after) for column, before, after
                                     in zip(columns, *first, strict=False) if before != after]))
    assert differences == []


def test_the_old_store_s_clear_tokens_are_sealed_once_when_it_is_opened(
    loaded: Services, old: dict[str, Any],
) -> None:
    keep_old_records(loaded, old)
    loaded.projector.rebuild()
    clear = {row["ref"]: json.loads(row["data"])["token"] for row in old["personal_data"]
             if row["data"] and "token" in json.loads(row["data"])}
    assert len(clear) == 34
    with loaded.engine.connect() as conn:
        ended = set(conn.execute(
            select(bid_buyers.c.buyer_ref).join(bids, bids.c.bid_id == bid_buyers.c.bid_id)
            .where(bids.c.status.in_(ENDED))).scalars())
    assert 0 < len(ended & set(clear)) < len(clear)  # the old store has both kinds

    reopened = bootstrap(loaded.store.url, clock=SteppingClock(START))
    try:
        with reopened.engine.connect() as conn:
            stored = dict(conn.execute(select(personal_data.c.ref, personal_data.c.data)).all())
        assert not any(token in data for token in clear.values() for data in stored.values())
        raw = dump(reopened)
        assert not [token for token in clear.values() if token.encode() in raw]
        for ref, token in clear.items():
            kept = reopened.marketplace.reveal_person(UUID(ref)) or {}
            if ref in ended:  # no mail will ever need it: not kept at all
                assert "sealed_token" not in json.loads(stored[ref]) and "token" not in kept
            else:  # the mails of an RFQ still open carry the same link as before
                assert "sealed_token" in json.loads(stored[ref]) and kept["token"] == token
        SqlVault(reopened.engine)  # a second opening finds nothing left to seal
        with reopened.engine.connect() as conn:
            assert dict(conn.execute(select(personal_data.c.ref, personal_data.c.data)).all()
                        ) == stored
    finally:
        reopened.close()
