"""Steps of features/audit.feature: the auditor's screens, through the Flask test client."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from flask.testing import FlaskClient
from pytest_bdd import given, parsers, scenarios, then, when

from consortia.cli import main
from marketplace.actors import acting_as
from marketplace.bootstrap import Services
from tests.integration.test_tamper import Tables
from tests.web.audit_world import (
    MANAGER,
    MANAGER_SHOWN,
    AuditWorld,
    build,
    listed,
    run_check,
    stored,
)
from tests.web.conftest import TEST_CONFIG
from tests.web.signin import sign_in
from web import create_app

scenarios("audit.feature")

HEAD = re.compile(r'<code class="audit-hash" id="head">([0-9a-f]{64})@(\d+)</code>')


@pytest.fixture
def seen() -> dict[str, Any]:
    """What the auditor saw or wrote down, from one step to the next."""
    return {}


@given("the metal consortium quoted a buyer from Mexico, who accepted, and was awarded the "
       "contract", target_fixture="world")
def awarded(services: Services) -> AuditWorld:
    return build(services)


@given("I am signed in as an auditor", target_fixture="auditor")
def signed_in_auditor(services: Services, world: AuditWorld) -> FlaskClient:
    client = create_app(services=services, config=TEST_CONFIG).test_client()
    sign_in(client, services, "auditor")
    return client


def _page(client: FlaskClient, url: str, status: int = 200) -> str:
    response = client.get(url)
    assert response.status_code == status, response.get_data(as_text=True)[:500]
    return response.get_data(as_text=True)


@when("I narrow the event log to the metal consortium's quote requests")
def narrow(auditor: FlaskClient, world: AuditWorld, seen: dict[str, Any]) -> None:
    seen["log"] = _page(auditor, f"/workspace/audit/?consortium_id={world.metal.consortium}"
                                 "&event_type=Bid.QuoteRequested")


@then(parsers.parse('I find one request, from "{organisation}", sent by a buyer'))
def one_request(auditor: FlaskClient, world: AuditWorld, seen: dict[str, Any],
                organisation: str) -> None:
    [position] = listed(seen["log"])
    assert f"/workspace/audit/aggregates/{world.bid}" in seen["log"]
    assert 'href="/workspace/audit/?actor=buyer">buyer</a>' in seen["log"]
    event = _page(auditor, f"/workspace/audit/events/{position}")
    assert organisation in event


@when("I open the bid's history")
def open_history(auditor: FlaskClient, world: AuditWorld, seen: dict[str, Any]) -> None:
    seen["history"] = _page(auditor, f"/workspace/audit/aggregates/{world.bid}")


@then(parsers.parse('I see that the quote changed its status from "{before}" to "{after}", '
                    'done by the manager'))
def quote_changed(seen: dict[str, Any], before: str, after: str) -> None:
    quoted = seen["history"].split(": Bid.QuoteSubmitted</h2>")[1].split('<li id="v')[0]
    assert (f'<th scope="row">status</th><td class="before">{before}</td>'
            f'<td class="after">{after}</td>') in quoted
    assert f"caused by {MANAGER_SHOWN}" in quoted
    seen["quote_version"] = int(re.findall(r"Version (\d+): Bid.QuoteSubmitted",
                                           seen["history"])[0])


@when("I look at the bid as it was just before the quote")
def just_before(auditor: FlaskClient, world: AuditWorld, seen: dict[str, Any]) -> None:
    seen["as_of"] = _page(auditor, f"/workspace/audit/as-of?aggregate_id={world.bid}"
                                   f"&version={seen['quote_version'] - 1}")


@then(parsers.parse('its status is "{status}" and it has no quote yet'))
def no_quote(seen: dict[str, Any], status: str) -> None:
    assert f"<dt>status</dt><dd>{status}</dd>" in seen["as_of"]
    assert '<dt>quote</dt><dd><span class="muted">—</span></dd>' in seen["as_of"]


@given("someone changed the stored award directly in the database")
def tampered(services: Services, seen: dict[str, Any]) -> None:
    seen["award"] = next(p for p, e in stored(services)
                         if type(e).__qualname__ == "Bid.ContractAwarded")
    tables = Tables(services)
    try:
        state = tables.event_at(seen["award"])[3]
        tables.run("UPDATE {events} SET state = %s WHERE {pos} = %s",
                   state.replace(b"PO-2025-0001", b"PO-2025-0666"), seen["award"])
    finally:
        tables.close()


@when("I verify the history")
def verify_history(auditor: FlaskClient, services: Services, seen: dict[str, Any]) -> None:
    seen["verdict"] = run_check(auditor, services, "/workspace/audit/verify")


@when("more happens, and I verify again with the head I wrote down")
def verify_again(auditor: FlaskClient, services: Services, world: AuditWorld,
                 seen: dict[str, Any]) -> None:
    written = HEAD.search(seen["verdict"])
    assert written is not None
    with acting_as(MANAGER):
        services.marketplace.deliver_milestone(world.bid, "Hull blocks shipped", "manufacturing")
    seen["verdict"] = run_check(auditor, services, "/workspace/audit/verify",
                                {"expect": f"{written[1]}@{written[2]}"})


@then("I am told the history is intact, with a head at the last position of the log")
def intact(services: Services, seen: dict[str, Any]) -> None:
    assert "The history is intact." in seen["verdict"]
    head = HEAD.search(seen["verdict"])
    assert head is not None and int(head[2]) == stored(services)[-1][0]


@then("I am told the history was altered, first at the award's position")
def altered(seen: dict[str, Any]) -> None:
    assert "The history was altered." in seen["verdict"]
    assert f'<dd id="bad-position">{seen["award"]}</dd>' in seen["verdict"]


@when("I export the history as JSON Lines")
def export_jsonl(auditor: FlaskClient, seen: dict[str, Any]) -> None:
    seen["jsonl"] = _page(auditor, "/workspace/audit/export.jsonl")


@then("the file holds every event in order, with who caused it and its chain hash")
def every_event(services: Services, seen: dict[str, Any]) -> None:
    records = [json.loads(line) for line in seen["jsonl"].splitlines()]
    assert [r["position"] for r in records] == [p for p, _ in stored(services)]
    assert {r["actor"] for r in records} >= {"system", "buyer", MANAGER}
    assert all(re.fullmatch(r"[0-9a-f]{64}", r["chain_hash"]) for r in records)


@then("the file passes the check made without the database")
def checked_alone(seen: dict[str, Any], tmp_path: Path) -> None:
    exported = tmp_path / "events.jsonl"
    exported.write_text(seen["jsonl"], encoding="utf-8")
    result = CliRunner().invoke(main, ["audit", "import", "--verify", str(exported)])
    assert result.exit_code == 0, result.output


@when("I export the bids as OCDS")
def export_ocds(auditor: FlaskClient, seen: dict[str, Any]) -> None:
    seen["ocds"] = json.loads(_page(auditor, "/workspace/audit/export.ocds.json"))


@then("the package holds the bid's tender and its award")
def tender_and_award(world: AuditWorld, seen: dict[str, Any]) -> None:
    tags = {tag for release in seen["ocds"]["releases"] for tag in release["tag"]}
    assert {"tender", "award", "contract"} <= tags
    # One bid, one contracting process, named after the bid.
    assert {release["ocid"] for release in seen["ocds"]["releases"]} == {
        f"ocds-consortia-{world.bid}"}
