"""The auditor's exports, on SQLite and PostgreSQL: JSON Lines of every event, and OCDS."""

from __future__ import annotations

import io
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from uuid import UUID

import pytest
from click.testing import CliRunner, Result
from jsonschema import Draft4Validator
from referencing import Registry
from referencing.jsonschema import DRAFT4

from consortia.cli import main
from marketplace.application import Marketplace
from marketplace.exports.jsonl import write_jsonl
from marketplace.exports.ocds import write_release_package
from marketplace.ports import SteppingClock
from tests.story import eur, form_consortium, quoted_bid, request_quote

SCHEMAS = Path(__file__).resolve().parents[1] / "data" / "ocds-1.1.5"
PERSONAL = ("Lucía Hernández", "Luc\\u00eda", "lucia@acero-mx.example", "Ana Ruiz",
            "ana.ruiz@example.com")
FIELDS = {"position", "aggregate_id", "aggregate_type", "version", "type", "time", "actor",
          "data", "chain_hash"}


def package_validator() -> Draft4Validator:
    """The official release-package schema, its $ref to the release schema resolved locally."""
    release = json.loads((SCHEMAS / "release-schema.json").read_text())
    package = json.loads((SCHEMAS / "release-package-schema.json").read_text())
    registry: Registry = Registry().with_resource(release["id"],
                                                  DRAFT4.create_resource(release))
    return Draft4Validator(package, registry=registry,
                           format_checker=Draft4Validator.FORMAT_CHECKER)


def problems(document: dict[str, Any]) -> list[str]:
    return [f"{list(e.absolute_path)}: {e.message}"
            for e in package_validator().iter_errors(document)]


@dataclass
class Bids:
    requested: UUID
    declined: UUID
    quoted: UUID
    completed: UUID
    memberships: list[UUID]


@pytest.fixture
def bids(app: Marketplace, clock: SteppingClock) -> Bids:
    """Four bids in different states; the clock moves on so each step has its own time."""
    formed = form_consortium(app)
    clock.advance(days=1)
    requested = request_quote(app, formed.consortium)
    declined = request_quote(app, formed.consortium)
    clock.advance(hours=2)
    app.decline_rfq(declined, "Outside our capacity this year.")
    quoted = quoted_bid(app, formed)
    completed = quoted_bid(app, formed)
    clock.advance(days=3)
    app.accept_quote(completed)
    clock.advance(days=2)
    shares = dict(zip(formed.memberships, [eur("50000"), eur("250000"), eur("140000")],
                      strict=True))
    app.award_contract(completed, eur("440000"), shares, "AST-2025-07")
    clock.advance(days=60)
    app.deliver_milestone(completed, "Hull blocks delivered to Veracruz", "manufacturing")
    clock.advance(days=20)
    app.deliver_milestone(completed, "Blocks installed", "installation")
    app.complete_contract(completed)
    return Bids(requested, declined, quoted, completed, formed.memberships)


def ocds(app: Marketplace, prefix: str = "ocds-consortia") -> tuple[str, dict[str, Any]]:
    out = io.StringIO()
    write_release_package(app, out, prefix=prefix, publisher="SODERCAN audit",
                          uri="https://consortia.example/ocds/release-package.json")
    return out.getvalue(), json.loads(out.getvalue())


def jsonl(app: Marketplace) -> tuple[str, list[dict[str, Any]]]:
    out = io.StringIO()
    write_jsonl(app, out)
    return out.getvalue(), [json.loads(line) for line in out.getvalue().splitlines()]


def test_the_ocds_export_validates_against_the_official_schema(app, bids):
    _, package = ocds(app)
    assert package["version"] == "1.1"
    assert problems(package) == []


def test_the_validator_does_reach_into_the_release_schema(app, bids):
    _, package = ocds(app)
    del package["releases"][0]["initiationType"]
    package["releases"][1]["tag"] = ["quoted"]
    assert len(problems(package)) == 2


def test_each_bid_is_one_contracting_process_with_its_own_releases(app, bids):
    _, package = ocds(app, prefix="ocds-a1b2c3-")
    releases = package["releases"]
    by_ocid: dict[str, list[dict[str, Any]]] = {}
    for release in releases:
        by_ocid.setdefault(release["ocid"], []).append(release)
    expected = {bids.requested, bids.declined, bids.quoted, bids.completed}
    assert set(by_ocid) == {f"ocds-a1b2c3-{bid}" for bid in expected}
    assert len({r["id"] for r in releases}) == len(releases)
    assert package["publishedDate"] == releases[-1]["date"]

    def tags(bid: UUID) -> list[str]:
        return [tag for r in by_ocid[f"ocds-a1b2c3-{bid}"] for tag in r["tag"]]

    assert tags(bids.requested) == ["tender"]
    assert tags(bids.declined) == ["tender", "tenderUpdate"]
    assert by_ocid[f"ocds-a1b2c3-{bids.declined}"][-1]["tender"]["status"] == "unsuccessful"
    assert tags(bids.quoted) == ["tender", "tenderUpdate", "tenderUpdate"]
    assert tags(bids.completed) == ["tender", "tenderUpdate", "tenderUpdate", "tenderUpdate",
                                    "award", "contract", "implementation", "implementation",
                                    "contractTermination"]


def test_the_releases_carry_the_tender_the_award_and_the_contract(app, bids):
    _, package = ocds(app)
    mine = [r for r in package["releases"] if r["ocid"].endswith(str(bids.completed))]
    tender = mine[0]
    assert tender["parties"] == [{"id": tender["buyer"]["id"], "name": "Astillero del Golfo",
                                  "roles": ["buyer", "procuringEntity"],
                                  "address": {"countryName": "Mexico"}}]
    assert [item["id"] for item in tender["tender"]["items"]] == [
        "design", "engineering", "manufacturing", "logistics", "installation"]
    assert tender["tender"]["value"] == {"currency": "EUR"}
    assert tender["tender"]["tenderPeriod"]["endDate"] == "2025-04-03T23:59:59Z"
    assert mine[2]["tender"]["tenderers"][0]["name"] == "Metal Export Consortium"
    award = next(r for r in mine if r["tag"] == ["award"])
    assert award["date"] == "2025-03-09T11:00:00Z"
    assert award["awards"][0]["value"] == {"amount": 440000, "currency": "EUR"}
    suppliers = {p["name"]: p["details"]["workShare"]["amount"] for p in award["parties"]}
    assert suppliers == {"Metal Firm 1": 50000, "Metal Firm 2": 250000, "Metal Firm 3": 140000}
    assert all(p["roles"] == ["supplier"] for p in award["parties"])
    contract = next(r for r in mine if r["tag"] == ["contract"])["contracts"][0]
    assert (contract["status"], contract["awardID"]) == ("active", award["awards"][0]["id"])
    milestones = [r["contracts"][0]["implementation"]["milestones"][0]
                  for r in mine if r["tag"] == ["implementation"]]
    assert [(m["title"], m["status"]) for m in milestones] == [
        ("Hull blocks delivered to Veracruz", "met"), ("Blocks installed", "met")]
    assert mine[-1]["contracts"][0]["status"] == "terminated"


def test_the_jsonl_export_has_every_event_in_order(app, bids):
    _, records = jsonl(app)
    stored = app.recorder.select_notifications(start=1, limit=10_000)
    assert [r["position"] for r in records] == [n.id for n in stored]
    assert all(set(r) == FIELDS for r in records)
    assert all(r["actor"] == "system" for r in records)  # the tests act as nobody in particular
    assert all(len(r["chain_hash"]) == 64 for r in records)
    assert len({r["chain_hash"] for r in records}) == len(records)
    completed = [r for r in records if r["aggregate_id"] == str(bids.completed)]
    assert [r["version"] for r in completed] == list(range(1, len(completed) + 1))
    quote = next(r for r in completed if r["type"] == "Bid.QuoteSubmitted")
    assert quote["aggregate_type"] == "Bid"
    assert quote["data"]["price"] == {"amount": "440000.00", "currency": "EUR"}
    assert quote["data"]["valid_until"] == "2025-04-18"
    assert quote["time"] == "2025-03-04T11:00:00Z"
    requested = completed[0]["data"]
    assert requested["incoterm"] == {"rule": "CIF", "place": "Veracruz"}
    assert (requested["country"], requested["quantity"]) == ("MX", "4")


def test_no_export_holds_a_buyers_or_managers_contact(app, bids):
    for text in (ocds(app)[0], jsonl(app)[0]):
        assert "Astillero del Golfo" in text
        for personal in PERSONAL:
            assert personal.casefold() not in text.casefold()


def consortia(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


def test_the_command_line_exports_and_checks_the_file(app, bids, store_url, tmp_path):
    exported = consortia("audit", "export", "--format", "jsonl", "--database-url", store_url)
    assert exported.exit_code == 0, exported.output
    lines = exported.output.splitlines()
    assert len(lines) == app.recorder.max_notification_id()
    good = tmp_path / "events.jsonl"
    good.write_text(exported.output, encoding="utf-8")
    checked = consortia("audit", "import", "--verify", str(good))
    assert checked.exit_code == 0, checked.output
    assert f"{len(lines)} events" in checked.output
    swapped = tmp_path / "swapped.jsonl"
    swapped.write_text("\n".join([lines[0], lines[2], lines[1], *lines[3:]]), encoding="utf-8")
    rejected = consortia("audit", "import", "--verify", str(swapped))
    assert rejected.exit_code == 1
    assert "line 3: position 2 does not come after 3" in rejected.output
    packaged = consortia("audit", "export", "--format", "ocds", "--ocid-prefix", "ocds-x1y2z3",
                         "--database-url", store_url)
    assert packaged.exit_code == 0, packaged.output
    assert problems(json.loads(packaged.output)) == []


def test_a_store_without_bids_has_no_ocds_package_to_export(store_url):
    result = consortia("audit", "export", "--format", "ocds", "--database-url", store_url)
    assert result.exit_code == 1
    assert "there are no bids to export" in result.output


def test_the_demo_data_exports_a_valid_ocds_package(tmp_path):
    url = f"sqlite:///{tmp_path / 'demo.db'}"
    assert consortia("demo", "--database-url", url).exit_code == 0
    result = consortia("audit", "export", "--format", "ocds", "--database-url", url)
    assert result.exit_code == 0, result.output
    package = json.loads(result.output)
    assert problems(package) == []
    assert len({r["ocid"] for r in package["releases"]}) >= 30
