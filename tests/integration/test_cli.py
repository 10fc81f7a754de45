"""The `consortia` command line, on SQLite and PostgreSQL: demo, stats, replay, history."""

from __future__ import annotations

import json
import re
import uuid
from collections import Counter
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from consortia.cli import main
from domain import ids
from marketplace.agencies import queries as agency_queries
from marketplace.bidding import queries as bid_queries
from marketplace.bootstrap import Services, bootstrap
from marketplace.dashboard import queries as dashboard_queries
from marketplace.demo import DEMO_LOGINS, loader
from marketplace.demo import agencies as demo_agencies
from marketplace.demo.consortia import PLANS
from marketplace.demo.loader import write_story
from marketplace.demo.logins import logins_table
from marketplace.demo.rfqs import BID_STATES, RFQS
from marketplace.fees import queries as fee_queries
from marketplace.storefront import catalog as catalog_queries
from tests.conftest import POSTGRES_URL, drop_schema, require_postgres

ROOT = Path(__file__).resolve().parents[2]


def consortia(*args: str, url: str | None = None) -> Result:
    """Run the command line; the store comes from the environment, as a user sets it."""
    env = {"CONSORTIA_DATABASE_URL": url} if url else {}
    return CliRunner().invoke(main, list(args), env=env)


def one_line(result: Result) -> str:
    lines = result.output.strip().splitlines()
    assert len(lines) == 1, result.output
    assert "Traceback" not in result.output
    return lines[0]


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
def demo_store(request: pytest.FixtureRequest,
               tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Result]]:
    """One store per database with the demo loaded once, for the whole module.

    On SQLite it is loaded with --if-empty, as `make run` does, so that path loads too.
    """
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('demo') / 'consortia.db'}"
        command = ["demo", "--if-empty"]
    else:
        require_postgres()
        schema = f"t_{uuid.uuid4().hex[:12]}"
        url = f"{POSTGRES_URL}?schema={schema}"
        command = ["demo"]
    yield url, consortia(*command, "--database-url", url)
    if request.param == "postgres":
        drop_schema(schema)


@pytest.fixture(scope="module")
def read(demo_store: tuple[str, Result]) -> Iterator[Services]:
    """The services on the demo store, to check the data set through the read models."""
    services = bootstrap(demo_store[0], inline_projection=False)
    yield services
    services.close()


def stats_of(url: str) -> dict[str, int]:
    result = consortia("stats", "--json", url=url)
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def test_demo_loads_and_prints_a_summary_and_the_demo_logins(demo_store) -> None:
    _, result = demo_store
    assert result.exit_code == 0, result.output
    assert "2 agencies: SODERCAN (ES-CB), IDEPA (ES-AS)" in result.output
    assert "4 consortia: Cantabria Global Metal" in result.output
    assert "Demo logins" in result.output
    for login in DEMO_LOGINS:
        assert login.email in result.output and login.password in result.output


def test_stats_counts_what_the_demo_loaded(demo_store) -> None:
    numbers = stats_of(demo_store[0])
    assert set(numbers) >= {"events", "consortia", "memberships", "bids", "log_position",
                            "projected_position"}
    assert numbers["consortia"] == 4
    assert numbers["memberships"] == 79
    assert numbers["bids"] >= 30
    assert numbers["events"] > 1000
    assert numbers["projected_position"] == numbers["log_position"] > 0


def test_stats_without_json_is_a_readable_table(demo_store) -> None:
    result = consortia("stats", "--database-url", demo_store[0])
    assert result.exit_code == 0
    assert "projected position" in result.output
    assert "read models are up to date" in result.output


def test_the_demo_has_three_cantabrian_consortia_of_about_25_prospects(read: Services) -> None:
    catalog = {c["slug"]: c for c in catalog_queries.list_consortia(read.engine)
               if c["agency"] == "SODERCAN"}
    assert {c["sector_nace"] for c in catalog.values()} == {"25", "10", "28.11"}
    for entry in catalog.values():
        assert entry["region"] == "ES-CB"
        assert 20 <= entry["prospect_count"] <= 30
        assert entry["member_count"] >= 10
        assert entry["status"] == "established" and entry["offer_stages"]
        members = catalog_queries.get_catalog_entry(read.engine, entry["slug"])["members"]
        assert sum(m["status"] == "joined" for m in members) >= 10
    counters = dashboard_queries.kpis(read.engine)["counters"]
    assert counters["members_declined"] > 0
    assert counters["meeting_attendances"] > counters["meetings_held"] >= 3
    assert counters["endorsements"] > 0 and counters["members_suspended"] >= 1


def test_the_demo_registers_two_agencies_with_their_programmes(read: Services) -> None:
    found = {a["code"]: a for a in agency_queries.all_agencies(read.engine)}
    assert set(found) == {"SODERCAN", "IDEPA"}
    assert all(a["registered"] for a in found.values())
    sodercan, idepa = found["SODERCAN"], found["IDEPA"]
    assert (sodercan["region"], sodercan["currency"], sodercan["programme_cap"]) == (
        "ES-CB", "EUR", Decimal(700000))
    assert (idepa["region"], idepa["currency"], idepa["programme_cap"]) == (
        "ES-AS", "EUR", Decimal(500000))
    assert sodercan["name"] == "Sociedad para el Desarrollo de Cantabria"
    assert "Santander" in sodercan["legal"]["address"]
    assert sodercan["legal"]["contact"].endswith("@sodercan.demo")
    assert idepa["name"] == "Instituto de Desarrollo Económico del Principado de Asturias"
    assert "Llanera" in idepa["legal"]["address"]
    for agency in (sodercan, idepa):
        assert re.fullmatch(r"Q\d{7}[A-J]", agency["legal"]["tax_id"])
    assert (idepa["annual_fee"], idepa["success_fee_percent"]) != (
        sodercan["annual_fee"], sodercan["success_fee_percent"])


def test_the_idepa_consortium_is_asturian_published_and_has_rfqs(read: Services) -> None:
    by_agency = {code: {c["slug"] for c in catalog_queries.list_consortia(read.engine)
                        if c["agency"] == code} for code in ("SODERCAN", "IDEPA")}
    assert by_agency == {"SODERCAN": {"cantabria-metal", "cantabria-agrifood",
                                      "cantabria-marine-energy"},
                         "IDEPA": {"asturias-metal"}}
    entry = catalog_queries.get_catalog_entry(read.engine, "asturias-metal")
    assert (entry["agency"], entry["region"], entry["status"]) == (
        "IDEPA", "ES-AS", "established")
    assert entry["offer_stages"] and entry["offer_summary"]
    joined = [m for m in entry["members"] if m["status"] == "joined"]
    assert 3 <= len(joined) <= 4
    for member in joined:
        company = read.marketplace.get_company(member["company_id"])
        assert str(company.region) == "ES-AS" and company.tax_id[1:3] == "33"
    assert [c["slug"] for c in catalog_queries.list_consortia(read.engine, region="ES-AS")
            ] == ["asturias-metal"]
    rfqs = [b for b in bid_queries.list_bids(read.engine)
            if b["consortium_slug"] == "asturias-metal"]
    assert len(rfqs) >= 3 and {"requested", "quoted", "completed"} <= {
        b["status"] for b in rfqs}
    consortium = read.marketplace.get_consortium(ids.consortium_id("asturias-metal"))
    assert consortium.manager is not None and consortium.rules is not None
    assert Decimal(0) < consortium.granted.amount <= Decimal(500000)


def test_the_demo_has_rfqs_from_eight_countries_in_every_bid_state(read: Services) -> None:
    pipeline = bid_queries.list_bids(read.engine)
    assert len(pipeline) >= 30
    assert len({b["buyer_country"] for b in pipeline}) >= 8
    assert set(Counter(b["status"] for b in pipeline)) == set(BID_STATES)
    awarded = [b for b in pipeline if b["status"] in ("awarded", "completed")]
    assert all(b["contract_value"] is not None for b in awarded)


def test_the_demo_has_seed_funding_within_the_cap_and_fees_paid_and_overdue(
    read: Services,
) -> None:
    funding = dashboard_queries.kpis(read.engine)["seed_funding"]["EUR"]
    assert 0 < funding["disbursed"] < funding["granted"] <= funding["programme_cap"]
    for entry in catalog_queries.list_consortia(read.engine):
        ledger = fee_queries.fee_ledger(read.engine, entry["consortium_id"])
        assert any(f["status"] == "paid" for f in ledger)
        assert any(f["overdue"] for f in ledger)


def test_the_demo_people_are_the_planned_logins(read: Services) -> None:
    member = next(login for login in DEMO_LOGINS if login.role == "member user")
    entry = catalog_queries.get_catalog_entry(read.engine, member.consortium)
    company = str(ids.company_id(member.company_tax_id))
    assert any(m["company_id"] == company and m["status"] == "joined" for m in entry["members"])
    for login in (x for x in DEMO_LOGINS if x.role == "consortium manager"):
        consortium = read.marketplace.get_consortium(ids.consortium_id(login.consortium))
        assert read.marketplace.reveal_person(consortium.manager) == {
            "name": login.name, "email": login.email}


def test_the_readme_lists_the_demo_logins() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "<!-- demo-logins -->" not in readme
    for login in DEMO_LOGINS:
        assert login.email in readme and login.password in readme
    # The table as logins_table() writes it, row for row, where each officer acts included.
    assert "\n".join(logins_table()) in readme
    assert [login.where for login in DEMO_LOGINS if login.role == "agency officer"] == [
        "all agencies", "SODERCAN", "IDEPA"]


def test_demo_refuses_a_store_that_is_not_empty(demo_store) -> None:
    before = stats_of(demo_store[0])
    result = consortia("demo", url=demo_store[0])
    assert result.exit_code == 1
    assert one_line(result) == (f"Error: the store already holds {before['events']} events; "
                                "demo data goes only into an empty store")
    assert stats_of(demo_store[0]) == before


def test_demo_if_empty_leaves_a_full_store_alone_and_exits_0(demo_store) -> None:
    before = stats_of(demo_store[0])
    result = consortia("demo", "--if-empty", url=demo_store[0])
    assert result.exit_code == 0
    assert "already holds" in one_line(result)
    assert stats_of(demo_store[0]) == before


def test_history_prints_a_bids_events_in_order(demo_store, read: Services) -> None:
    done = next(b for b in bid_queries.list_bids(read.engine, status="completed"))
    result = consortia("history", done["bid_id"], url=demo_store[0])
    assert result.exit_code == 0, result.output
    lines = result.output.strip().splitlines()
    assert [int(line.split()[0]) for line in lines] == list(range(1, len(lines) + 1))
    assert "Bid.QuoteRequested" in lines[0] and f"country={done['buyer_country']}" in lines[0]
    assert "Bid.Completed" in lines[-1]
    awarded = next(line for line in lines if "Bid.ContractAwarded" in line)
    assert f"value={done['currency']} " in awarded  # Money shown as "EUR 458,500.00"


def test_history_of_an_unknown_id_is_one_line_and_exit_1(demo_store) -> None:
    for unknown in (str(uuid.uuid4()), "not-an-id"):
        result = consortia("history", unknown, url=demo_store[0])
        assert result.exit_code == 1
        assert one_line(result).startswith("Error: ")


def test_replay_rebuilds_the_read_models_and_keeps_the_counts(demo_store) -> None:
    before = stats_of(demo_store[0])
    result = consortia("replay", "--database-url", demo_store[0])
    assert result.exit_code == 0, result.output
    assert f"Replayed {before['events']:,} events" in result.output
    assert "events/s" in result.output
    after = stats_of(demo_store[0])
    assert after == before
    assert after["projected_position"] == after["log_position"]


def test_an_empty_store_has_nothing_to_count_or_show(store_url: str) -> None:
    assert stats_of(store_url) == {"events": 0, "consortia": 0, "memberships": 0, "bids": 0,
                                   "log_position": 0, "projected_position": 0}
    result = consortia("history", str(uuid.uuid4()), url=store_url)
    assert result.exit_code == 1 and "there is nothing with id" in one_line(result)


@pytest.mark.parametrize("url", [
    "sqlite://no-path",
    "mysql://root@localhost/consortia",
    "postgresql://postgres@127.0.0.1:1/test",
    "postgresql://postgres@127.0.0.1:5432/test?schema=Bad-Name",
])
@pytest.mark.parametrize("command", [["stats", "--json"], ["replay"], ["demo"]])
def test_a_bad_database_url_gives_one_line_and_a_failing_exit(url: str, command: list[str]
                                                              ) -> None:
    result = consortia(*command, "--database-url", url)
    assert result.exit_code == 1
    assert one_line(result).startswith("Error: ")


def test_the_story_is_the_same_every_time() -> None:
    first, summary = write_story()
    second, _ = write_story()
    assert summary.commands == len(first) > 900
    assert [(s.at, s.action.__name__, s.params) for s in first.steps] == [
        (s.at, s.action.__name__, s.params) for s in second.steps]


def test_the_asturian_consortium_leaves_the_cantabrian_story_as_it_was(
        monkeypatch: pytest.MonkeyPatch) -> None:
    # IDEPA's consortium draws its chances from a seed of its own: told without it, the
    # story is, step for step, the one told with it, less IDEPA's steps.
    def told() -> list[tuple[object, str, dict[str, object]]]:
        story, _ = write_story()
        return [(s.at, s.action.__name__, s.params) for s in sorted(story.steps)]

    everything = told()
    monkeypatch.setattr(loader, "PLANS", tuple(p for p in PLANS if p.agency == "SODERCAN"))
    monkeypatch.setattr(loader, "RFQS", tuple(r for r in RFQS if r.key != "asturias"))
    monkeypatch.setattr(demo_agencies, "AGENCIES", demo_agencies.AGENCIES[:1])
    cantabrian = told()
    assert 900 < len(cantabrian) < len(everything)
    steps = iter(everything)
    assert all(step in steps for step in cantabrian)  # in the same order, none altered
