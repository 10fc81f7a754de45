"""The auditor's screens: the log and its filters, histories, time travel, verify, exports."""

from __future__ import annotations

import json
import re
import sqlite3
from datetime import timedelta

import pytest
from flask.testing import FlaskClient

from domain import ids
from marketplace.audit.verify import verify
from marketplace.bootstrap import Services
from marketplace.exports.plain import iso_time
from tests.web.audit_world import (
    BUYER_EMAIL,
    MANAGER,
    MANAGER_SHOWN,
    AuditWorld,
    listed,
    log_positions,
    run_check,
    stored,
)
from tests.web.signin import sign_in

LOG = "/workspace/audit/"
pytest_plugins = ("tests.web.audit_fixtures",)



def test_the_log_lists_every_event_in_order_fifty_at_a_time(
        auditor: FlaskClient, services: Services) -> None:
    events = [position for position, _ in stored(services)]
    assert len(events) > 50
    first = auditor.get(LOG).get_data(as_text=True)
    assert listed(first) == events[:50]
    assert f'href="/workspace/audit/?after={events[49]}"' in first  # works without JavaScript
    more = auditor.get(f"{LOG}?after={events[49]}", headers={"HX-Request": "true"})
    assert "HX-Request" in more.headers["Vary"]
    fragment = more.get_data(as_text=True)
    assert "<html" not in fragment and "<tr" in fragment
    assert listed(fragment) == events[50:100]
    assert log_positions(auditor, "") == events


@pytest.mark.parametrize("kind", ["consortium", "aggregate_type", "event_type", "actor"])
def test_each_filter_keeps_exactly_the_matching_events(
        auditor: FlaskClient, services: Services, world: AuditWorld, kind: str) -> None:
    chain = {row.position: row.actor for row in services.marketplace.recorder.select_chain(
        1, 10_000, 10_000)}
    events = stored(services)
    metal = str(world.metal.consortium)
    # The consortium's RFQ references are numbered in its ReferenceBook.
    code = services.marketplace.get_consortium(metal).code
    metal_ids = {metal, *map(str, world.metal.memberships), str(world.bid),
                 str(ids.reference_book_id(code or ""))}
    query, wanted = {
        "consortium": (f"consortium_id={metal}",
                       [p for p, e in events if str(e.originator_id) in metal_ids]),
        "aggregate_type": ("aggregate_type=Membership",
                           [p for p, e in events
                            if type(e).__qualname__.startswith("Membership.")]),
        "event_type": ("event_type=Bid.QuoteSubmitted",
                       [p for p, e in events if type(e).__qualname__ == "Bid.QuoteSubmitted"]),
        # The start of an actor is enough: "user:<id>" finds "user:<id> (manager)".
        "actor": (f"actor={MANAGER.split(' ')[0]}",
                  [p for p, _ in events if chain[p] == MANAGER]),
    }[kind]
    assert wanted and len(wanted) < len(events)
    assert log_positions(auditor, query) == wanted


def test_the_date_range_includes_both_days(
        auditor: FlaskClient, services: Services, world: AuditWorld) -> None:
    first, last = world.requested_at.date(), (world.awarded_at - timedelta(days=1)).date()
    wanted = [p for p, e in stored(services) if first <= e.timestamp.date() <= last]
    assert wanted
    assert log_positions(auditor, f"since={first}&until={last}") == wanted
    assert "ends before it starts" in auditor.get(
        f"{LOG}?since={last}&until={first}").get_data(as_text=True)


@pytest.mark.parametrize(("query", "reason"), [
    ("event_type=Bid.Updated", "There is no event type called"),
    ("aggregate_type=Nope", "There is no kind of record called"),
    ("since=03/03/2025", "Give dates as YYYY-MM-DD"),
    ("after=-1", "a whole number from 0"),
    ("consortium_id=nope", "That is not an id"),
    ("consortium_id=6f2b1f9e-51c1-4c43-9d6e-000000000000", "There is no consortium with that id"),
])
def test_a_filter_that_makes_no_sense_is_refused_with_a_reason(
        auditor: FlaskClient, query: str, reason: str) -> None:
    response = auditor.get(f"{LOG}?{query}")
    assert response.status_code == 400
    assert reason in response.get_data(as_text=True)


def test_an_event_shows_its_data_and_who_caused_it_but_no_personal_data(
        auditor: FlaskClient, services: Services, world: AuditWorld) -> None:
    position = next(p for p, e in stored(services) if type(e).__qualname__ == "Bid.QuoteRequested")
    page = auditor.get(f"/workspace/audit/events/{position}").get_data(as_text=True)
    assert "Bid.QuoteRequested" in page and "buyer" in page
    assert "Astillero del Golfo" in page and "Veracruz" in page
    assert BUYER_EMAIL not in page and "Lucía" not in page
    assert f"/workspace/audit/aggregates/{world.bid}" in page
    assert "/consortia/metal" in page
    assert auditor.get("/workspace/audit/events/99999").status_code == 404


def test_an_aggregate_history_shows_what_each_event_changed(
        auditor: FlaskClient, world: AuditWorld) -> None:
    page = auditor.get(f"/workspace/audit/aggregates/{world.bid}").get_data(as_text=True)
    assert "Version 2: Bid.Qualified" in page
    assert ('<th scope="row">status</th><td class="before">requested</td>'
            '<td class="after">qualified</td>') in page
    assert ('<th scope="row">status</th><td class="before">accepted</td>'
            '<td class="after">awarded</td>') in page
    assert f"caused by {MANAGER_SHOWN}" in page
    # Of a mapping, only the entry the event touched: one stage's contribution.
    committed = page.split(": Bid.ContributionCommitted</h2>")[1].split("</table>")[0]
    # The member is named, its history one click away.
    assert re.search(r'<th scope="row">contributions\[design:<a href="/workspace/audit/'
                     r'aggregates/[0-9a-f-]{36}" title="[0-9a-f-]{36}">[^<]+</a>\]</th>',
                     committed)
    assert "engineering" not in committed
    assert auditor.get(
        "/workspace/audit/aggregates/6f2b1f9e-51c1-4c43-9d6e-000000000000").status_code == 404


def test_as_of_a_version_shows_the_bid_before_the_quote(
        auditor: FlaskClient, world: AuditWorld) -> None:
    before = auditor.get(f"/workspace/audit/as-of?aggregate_id={world.bid}&version=2")
    page = before.get_data(as_text=True)
    assert before.status_code == 200 and "Bid at version 2" in page
    assert "<dt>status</dt><dd>qualified</dd>" in page
    assert "440000" not in page
    missing = auditor.get(f"/workspace/audit/as-of?aggregate_id={world.bid}&version=999")
    assert missing.status_code == 404 and "has no version 999" in missing.get_data(as_text=True)
    assert auditor.get(f"/workspace/audit/as-of?aggregate_id={world.bid}&version=x"
                       ).status_code == 400


def test_as_of_a_moment_shows_the_state_then(auditor: FlaskClient, world: AuditWorld) -> None:
    moment = (world.requested_at + timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M")
    page = auditor.get(f"/workspace/audit/as-of?aggregate_id={world.bid}&moment={moment}"
                       ).get_data(as_text=True)
    assert "Bid at version 1" in page and "<dt>status</dt><dd>requested</dd>" in page
    later = auditor.get(f"/workspace/audit/as-of?aggregate_id={world.bid}"
                        f"&moment={iso_time(world.awarded_at)}").get_data(as_text=True)
    assert "<dt>status</dt><dd>awarded</dd>" in later
    earlier = (world.requested_at - timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M")
    gone = auditor.get(f"/workspace/audit/as-of?aggregate_id={world.bid}&moment={earlier}")
    assert gone.status_code == 404 and "did not exist yet" in gone.get_data(as_text=True)


def test_verify_shows_the_head_on_an_intact_history(
        auditor: FlaskClient, services: Services) -> None:
    head = verify(services.marketplace.recorder).head
    page = run_check(auditor, services, "/workspace/audit/verify")
    assert "The history is intact." in page and str(head) in page
    again = run_check(auditor, services, "/workspace/audit/verify", {"expect": str(head)})
    assert "The history is intact." in again
    refused = auditor.post("/workspace/audit/verify", data={"expect": "abc@1"})
    assert refused.status_code == 422 and "64 hexadecimal digits" in refused.get_data(
        as_text=True)
    # The page shows the latest check's outcome.
    assert str(head) in auditor.get("/workspace/audit/verify").get_data(as_text=True)


def test_verify_names_the_first_altered_event(
        auditor: FlaskClient, services: Services, world: AuditWorld) -> None:
    position = next(p for p, e in stored(services)
                    if type(e).__qualname__ == "Bid.ContractAwarded")
    path = services.store.eventsourcing_env["SQLITE_DBNAME"]
    table = services.marketplace.recorder.events_table_name  # type: ignore[attr-defined]
    with sqlite3.connect(path) as conn:
        # One byte of one event's stored state changed, as direct SQL could do.
        [(state,)] = conn.execute(f"SELECT state FROM {table} WHERE rowid = ?", (position,))
        changed = bytes(state).replace(b"PO-2025-0001", b"PO-2025-0009")
        assert changed != bytes(state)
        conn.execute(f"UPDATE {table} SET state = ? WHERE rowid = ?", (changed, position))
    page = run_check(auditor, services, "/workspace/audit/verify")
    assert "The history was altered." in page
    assert f'<dd id="bad-position">{position}</dd>' in page
    assert "modified" in page


def test_the_exports_download(auditor: FlaskClient, services: Services) -> None:
    response = auditor.get("/workspace/audit/export.jsonl")
    assert response.status_code == 200
    assert response.headers["Content-Disposition"] == 'attachment; filename="events.jsonl"'
    records = [json.loads(line) for line in response.get_data(as_text=True).splitlines()]
    assert [r["position"] for r in records] == [p for p, _ in stored(services)]
    assert all(len(r["chain_hash"]) == 64 and r["actor"] for r in records)
    assert records[-1]["chain_hash"] == verify(services.marketplace.recorder).head.hash.hex()
    ocds = auditor.get("/workspace/audit/export.ocds.json")
    assert ocds.headers["Content-Disposition"] == 'attachment; filename="release-package.json"'
    package = json.loads(ocds.get_data(as_text=True))
    assert package["version"] == "1.1" and {"tender", "award"} <= {
        tag for release in package["releases"] for tag in release["tag"]}


def test_the_replay_check_runs_from_the_screen(auditor: FlaskClient,
                                               services: Services) -> None:
    assert "No difference" in run_check(auditor, services, "/workspace/audit/replay/run")
    assert "No difference" in auditor.get("/workspace/audit/replay").get_data(as_text=True)


@pytest.mark.parametrize("role", ["officer", "manager", "member", "anonymous"])
def test_only_auditors_and_officers_read_the_audit_screens(
        client: FlaskClient, services: Services, world: AuditWorld, role: str) -> None:
    scope = {"manager": str(world.metal.consortium), "member": str(world.metal.memberships[0])}
    if role != "anonymous":
        sign_in(client, services, role, scope.get(role, ""))
    response = client.get(f"/workspace/audit/aggregates/{world.bid}")
    expected = {"officer": 200, "manager": 403, "member": 403, "anonymous": 302}[role]
    assert response.status_code == expected
    if role == "anonymous":
        assert response.headers["Location"].startswith("/login?next=")
