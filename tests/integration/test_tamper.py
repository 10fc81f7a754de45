"""Tamper evidence, on SQLite and PostgreSQL: damage done by direct SQL is found and named.

Each test tells a short story through the application, then changes the tables the way
someone with write access to the database could, and runs `consortia audit verify`.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from typing import Any
from uuid import UUID

import psycopg
import pytest
from click.testing import CliRunner, Result

from consortia.cli import main
from marketplace.audit.chain import CHAIN_TABLE, Chain, ChainBrokenError, Head
from marketplace.audit.verify import Verdict, parse_head, verify
from marketplace.bootstrap import Services, bootstrap
from marketplace.ports import SteppingClock
from marketplace.settings import Settings
from tests.integration.test_concurrency import qualified_bid, run_writers
from tests.story import METAL, form_consortium, quoted_bid

KEY = "tamper-test-key-kept-outside-the-database"


@pytest.fixture
def services(store_url: str, clock: SteppingClock) -> Iterator[Services]:
    """The store's services, chaining with this test's key rather than the development one."""
    built = bootstrap(Settings(database_url=store_url, audit_key=KEY.encode()), clock=clock)
    yield built
    built.close()


class Tables:
    """Direct SQL on the store's own tables, bypassing the application entirely."""

    def __init__(self, services: Services) -> None:
        store = services.store
        self.events = services.marketplace.recorder.events_table_name  # type: ignore[attr-defined]
        self.sqlite = store.kind == "sqlite"
        self.pos = "rowid" if self.sqlite else "notification_id"
        if self.sqlite:
            self.conn: Any = sqlite3.connect(store.eventsourcing_env["SQLITE_DBNAME"])
        else:
            env = store.eventsourcing_env  # the store's own database, host and user
            self.conn = psycopg.connect(
                dbname=env["POSTGRES_DBNAME"], host=env["POSTGRES_HOST"],
                port=env["POSTGRES_PORT"], user=env["POSTGRES_USER"],
                options=f"-csearch_path={store.schema}")

    def run(self, sql: str, *params: object) -> list[tuple[Any, ...]]:
        sql = sql.format(events=self.events, pos=self.pos, chain=CHAIN_TABLE)
        if self.sqlite:
            sql = sql.replace("%s", "?")
        # One committed transaction each (psycopg's `with conn` would close the connection).
        with self.conn if self.sqlite else self.conn.transaction():
            rows = self.conn.execute(sql, params)
            return list(rows.fetchall()) if rows.description else []

    def event_at(self, position: int) -> tuple[str, int, str, bytes]:
        [row] = self.run("SELECT originator_id, originator_version, topic, state "
                         "FROM {events} WHERE {pos} = %s", position)
        return row[0], row[1], row[2], bytes(row[3])

    def close(self) -> None:
        self.conn.close()


@pytest.fixture
def tables(services: Services) -> Iterator[Tables]:
    opened = Tables(services)
    yield opened
    opened.close()


@pytest.fixture
def story(services: Services) -> list[Any]:
    """A consortium formed and a bid quoted: a few dozen events, all the app's own."""
    app = services.marketplace
    quoted_bid(app, form_consortium(app))
    return list(app.recorder.select_notifications(start=1, limit=10_000))


def audit(store_url: str, *args: str, key: str | None = KEY) -> Result:
    # The command reads its key from the environment, as on a server (None: unset).
    return CliRunner().invoke(main, ["audit", "verify", "--database-url", store_url, *args],
                              env={"CONSORTIA_AUDIT_KEY": key})


def check(services: Services) -> Verdict:
    return verify(services.marketplace.recorder, KEY.encode())


def assert_names(result: Result, position: int, aggregate: str, kind: str) -> None:
    """The CLI failed with one line that names the position, its aggregate and the damage."""
    assert result.exit_code == 1, result.output
    [line] = result.stdout.strip().splitlines()[-1:]
    assert f"position {position} (aggregate {aggregate}): {kind}:" in line, line
    assert "Traceback" not in result.output


def test_untouched_store_verifies_and_prints_its_head(services, store_url, story) -> None:
    verdict = check(services)
    assert verdict.intact
    assert (verdict.events, verdict.head.position) == (len(story), story[-1].id)
    result = audit(store_url)
    assert result.exit_code == 0, result.output
    assert f"history intact: {len(story)} events, head {verdict.head}\n" in result.stdout
    assert "warning" not in result.output


def test_one_changed_byte_is_found(services, store_url, story, tables) -> None:
    target = story[len(story) // 2]
    state = bytearray(tables.event_at(target.id)[3])
    state[state.index(b'"')] = ord("'")
    tables.run("UPDATE {events} SET state = %s WHERE {pos} = %s", bytes(state), target.id)
    problem = check(services).problem
    assert problem is not None
    assert (problem.position, problem.kind) == (target.id, "modified")
    assert_names(audit(store_url), target.id, str(target.originator_id), "modified")


def test_a_deleted_event_is_found(services, store_url, story, tables) -> None:
    target = story[5]
    tables.run("DELETE FROM {events} WHERE {pos} = %s", target.id)
    assert_names(audit(store_url), target.id, str(target.originator_id), "deleted")


def test_a_forged_event_is_found(services, store_url, story, tables) -> None:
    victim = story[-1]
    forged = (victim.originator_id.hex if tables.sqlite else victim.originator_id,
              victim.originator_version + 1, victim.topic, victim.state)
    tables.run("INSERT INTO {events} (originator_id, originator_version, topic, state) "
               "VALUES (%s, %s, %s, %s)", *forged)
    [(position,)] = tables.run("SELECT MAX({pos}) FROM {events}")
    assert position > victim.id
    assert_names(audit(store_url), position, str(victim.originator_id), "inserted")


def test_two_swapped_states_are_found(services, store_url, story, tables) -> None:
    first, second = story[3], story[8]
    tables.run("UPDATE {events} SET state = %s WHERE {pos} = %s", second.state, first.id)
    tables.run("UPDATE {events} SET state = %s WHERE {pos} = %s", first.state, second.id)
    assert_names(audit(store_url), first.id, str(first.originator_id), "modified")


def test_two_swapped_positions_are_found(services, store_url, story, tables) -> None:
    first, second = story[4], story[9]
    aside = 10_000_000
    for old, new in ((first.id, aside), (second.id, first.id), (aside, second.id)):
        tables.run("UPDATE {events} SET {pos} = %s WHERE {pos} = %s", new, old)
    assert_names(audit(store_url), first.id, str(second.originator_id), "reordered")


def test_a_chain_recomputed_without_the_key_is_found(services, store_url, story,
                                                     tables) -> None:
    target = story[6]
    tables.run("UPDATE {events} SET state = %s WHERE {pos} = %s", story[7].state, target.id)
    # The forger rebuilds every link, as the recorder would, but with a key of their own.
    rows = tables.run("SELECT {pos}, originator_id, originator_version, topic, state "
                      "FROM {events} ORDER BY {pos}")
    events = [_Stored(*row) for row in rows]
    forged = Chain(b"a key the forger made up").rows(bytes(32), [(e.pos, e) for e in events])
    tables.run("DELETE FROM {chain}")
    for row in forged:
        tables.run("INSERT INTO {chain} VALUES (%s, %s, %s, %s, %s)", *row)
    assert_names(audit(store_url), story[0].id, str(story[0].originator_id), "modified")


class _Stored:
    """A row of the events table as the forger reads it, shaped like a stored event."""

    def __init__(self, pos: int, originator_id: Any, version: int, topic: str,
                 state: bytes) -> None:
        self.pos, self.originator_version, self.topic = pos, version, topic
        self.originator_id, self.state = UUID(str(originator_id)), bytes(state)


def test_expect_proves_an_earlier_head_and_catches_a_truncated_tail(
        services, store_url, story, tables) -> None:
    first = audit(store_url)
    recorded = first.stdout.split("head ")[1].split()[0]
    assert parse_head(recorded) == Head(check(services).head.hash, story[-1].id)
    app = services.marketplace
    quoted_bid(app, form_consortium(app, slug="wood"))
    assert check(services).head.position > story[-1].id

    later = audit(store_url, "--expect", recorded)
    assert later.exit_code == 0, later.output
    assert f"the recorded head {recorded} matches" in later.stdout

    # Someone removes the tail, events and chain rows alike: the rest still hangs together...
    cut = story[-4].id
    tables.run("DELETE FROM {events} WHERE {pos} > %s", cut)
    tables.run("DELETE FROM {chain} WHERE position > %s", cut)
    assert audit(store_url).exit_code == 0
    # ...and only the head written down outside the database shows what is missing.
    result = audit(store_url, "--expect", recorded)
    assert result.exit_code == 1, result.output
    assert f"position {story[-1].id}: truncated: the history ends at position {cut}" \
        in result.stdout


def test_expect_with_another_hash_is_refused(services, store_url, story) -> None:
    position = story[10].id
    result = audit(store_url, "--expect", f"{'ab' * 32}@{position}")
    assert result.exit_code == 1
    assert f"position {position} (aggregate {story[10].originator_id}): rewritten:" \
        in result.stdout
    malformed = audit(store_url, "--expect", "cafe@12")
    assert malformed.exit_code == 1
    assert "expected a head as HASH@POSITION" in malformed.output


def test_events_without_any_chain_row_are_reported_not_crashed_on(services, store_url,
                                                                   story, tables) -> None:
    tables.run("DELETE FROM {chain}")
    assert_names(audit(store_url), story[0].id, str(story[0].originator_id), "unchained")
    assert f"{len(story)} events before the first chain row" in audit(store_url).stdout


def test_a_write_after_a_deleted_tail_is_refused(services, story, tables) -> None:
    last = story[-1]
    tables.run("DELETE FROM {events} WHERE {pos} = %s", last.id)
    if not tables.sqlite:  # SQLite reuses the freed rowid; make PostgreSQL do the same
        tables.run("SELECT setval(pg_get_serial_sequence('{events}', 'notification_id'), %s)",
                   last.id - 1)
    with pytest.raises(ChainBrokenError, match=f"already reaches {last.id}"):
        services.marketplace.register_company(
            tax_id="ESB99999999", name="Late Firm", region="ES-CB", sector=METAL,
            employees=12, summary="Arrives after the tampering.")
    problem = check(services).problem
    assert problem is not None and (problem.position, problem.kind) == (last.id, "deleted")


def test_the_development_key_is_announced(store_url) -> None:
    services = bootstrap(store_url)
    try:
        form_consortium(services.marketplace)
    finally:
        services.close()
    result = audit(store_url, key=None)
    assert result.exit_code == 0, result.output
    assert "CONSORTIA_AUDIT_KEY is not set" in result.stderr
    assert "history intact" in result.stdout


@pytest.mark.slow
def test_two_processes_writing_at_once_extend_one_chain(services, store_url, tmp_path,
                                                        monkeypatch) -> None:
    monkeypatch.setenv("CONSORTIA_AUDIT_KEY", KEY)  # the writer processes' environment
    app = services.marketplace
    bid, writers, _ = qualified_bid(app)
    reports = run_writers(store_url, bid, writers, tmp_path)
    assert sum(r["clashes"] for report in reports.values() for r in report["results"]) > 0
    verdict = check(services)
    assert verdict.intact, verdict.problem
    stored = app.recorder.select_notifications(start=1, limit=100_000)
    assert (verdict.events, verdict.head.position) == (len(stored), stored[-1].id)
