"""The projector: read models built event by event equal those rebuilt from zero."""

from __future__ import annotations

import io
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from uuid import NAMESPACE_URL, UUID, uuid5

import pytest
from eventsourcing.persistence import StoredEvent
from eventsourcing.utils import get_topic
from sqlalchemy import event as sa_event
from sqlalchemy import inspect
from sqlalchemy.engine import Engine

from domain.agreements import sha256
from domain.bid import Bid
from marketplace.application import Marketplace
from marketplace.bidding import queries as bid_queries
from marketplace.bootstrap import Services, make_engine
from marketplace.dashboard import queries as dashboard_queries
from marketplace.errors import NotFoundError
from marketplace.fees import queries as fee_queries
from marketplace.formation import queries as formation_queries
from marketplace.ports import SteppingClock
from marketplace.projection import stats as stats_queries
from marketplace.projection.projector import Projector
from marketplace.projection.readmodels import Batch
from marketplace.settings import parse_store, prepare
from marketplace.storefront import catalog as catalog_queries
from tests import documents
from tests.conftest import POSTGRES_URL, drop_schema
from tests.documents import PDF
from tests.story import (
    ALL_STAGES,
    METAL,
    eur,
    form_consortium,
    quoted_bid,
    register_agency,
    request_quote,
)


@dataclass
class History:
    metal: UUID
    marine: UUID
    memberships: list[UUID]
    bids: dict[str, UUID]


def build_history(app: Marketplace, clock: SteppingClock) -> History:
    """Two agencies, two consortia, meetings, funding, five bids in different states, fees
    and standing."""
    register_agency(app, "SODERCAN", "ES-CB")
    idepa = register_agency(app, "IDEPA", "ES-AS")
    app.change_programme(idepa, programme_cap=eur("500000"), annual_fee=eur("1200"),
                         success_fee_percent="1")
    metal = form_consortium(app, "metal", members=4)
    marine = form_consortium(app, "marine", publish=False,
                             stages_by_member=[["design"], ["engineering"], ["manufacturing"]])
    app.declare_capabilities(marine.memberships[2], stages=["manufacturing", "maintenance"],
                             products=["mooring chains"], certifications=[], capacity="300 t")
    late = app.register_company(tax_id="ESBLATE0001", name="Late Firm", region="ES-CB",
                                sector=METAL, employees=12, summary="Galvanising.")
    app.decline_membership(app.identify_prospect(metal.consortium, late, "Galvanising."),
                           "Not this year.")
    meeting = app.plan_meeting(metal.consortium, clock.now().date(), "Why export together")
    app.hold_meeting(metal.consortium, meeting, metal.companies[:3])
    app.grant_seed_funding(metal.consortium, eur("500000"))
    granted = app.get_consortium(metal.consortium).version
    app.correct_grant(metal.consortium, granted, eur("450000"), "Typed 500,000 for 450,000.")
    app.correct_attendance(metal.consortium, meeting, metal.companies[:2], "Firm 3 left early.")
    app.disburse_seed_funding(metal.consortium, eur("120000"), "Legal establishment")
    app.assign_role(metal.memberships[0], "treasurer")
    app.endorse_peer(metal.memberships[0], metal.memberships[1], "Delivered on time.")
    app.endorse_peer(metal.memberships[2], metal.memberships[1], "Fair partner.")
    version, text = app.get_consortium(metal.consortium).agreement() or (0, "")
    app.sign_agreement(metal.memberships[0], account_id=uuid5(NAMESPACE_URL, "ines"),
                       name="Ines Vega", email="ines@example.org", version=version,
                       agreement_sha256=sha256(text))
    # The documents areas: a file kept in each, and one removed (its row stays, hidden).
    app.upload_area_document("consortium", metal.consortium, ("minutes.pdf", io.BytesIO(PDF)),
                             kind="minutes", title="Founding assembly")
    iso = app.upload_area_document("membership", metal.memberships[0],
                                   ("iso.pdf", io.BytesIO(PDF)), kind="certificate",
                                   title="ISO 9001", certificate="ISO 9001")
    app.remove_area_document("membership", metal.memberships[0], iso, "Superseded.")
    app.set_exchange_rate(metal.consortium, "USD", "EUR", "0.9214", date(2025, 3, 1))
    app.set_exchange_rate(metal.consortium, "USD", "EUR", "0.9188", date(2025, 3, 3))
    app.revise_company_profile(metal.companies[0], name="Metal Firm One S.L.", employees=45,
                               summary="Precision steelwork.", website="https://one.example")

    completed = quoted_bid(app, metal)
    # The exchange before the answer: a drawing, a question answered, a revised version.
    app.attach_to_rfq(completed, [("drawing.pdf", io.BytesIO(PDF))])
    question = app.ask_question(completed, "Which steel grade do you quote?")
    app.answer_question(completed, question, "S355, certified.", shared_with_members=True)
    app.request_revision(completed, "Could the lead time be shorter?")
    app.send_revised_quote(completed, eur("440000"), clock.now().date() + timedelta(days=30),
                           100, warranty="24 months from delivery.")
    app.accept_quote(completed)
    m = metal.memberships
    app.award_contract(completed, eur("440000"),
                       {m[0]: eur("50000"), m[1]: eur("250000"), m[2]: eur("140000")}, "C-1")
    app.deliver_milestone(completed, "Blocks shipped", "logistics")
    app.complete_contract(completed)
    declined = request_quote(app, metal.consortium, country="US", organisation="Gulf Yards")
    app.decline_rfq(declined, "Outside our capacity this year.")
    rejected = quoted_bid(app, metal)
    # The buyer asks for a revised quote, gets version 2, and rejects it still.
    app.request_revision(rejected, "Two lots, please.")
    app.send_revised_quote(rejected, eur("430000"), clock.now().date() + timedelta(days=20), 100)
    app.reject_quote(rejected, "Too expensive.")
    qualified = request_quote(app, metal.consortium, country="MA", stages=["design"])
    app.qualify_rfq(qualified, "Small job.")
    app.request_contribution(qualified, "design", m[0], clock.now().date() + timedelta(days=2))
    app.commit_contribution(qualified, "design", m[0], eur("9000.50"), 20)
    app.withdraw_contribution(qualified, "design", m[0], "Workshop full.")
    requested = request_quote(app, metal.consortium, country="NO", currency="NOK")
    app.attach_to_rfq(requested, [("flange.pdf", io.BytesIO(documents.PDF))])
    question = app.ask_question(requested, "Is the steel S355?")
    app.answer_question(requested, question, "Yes, S355 J2.")

    app.assess_fees(metal.consortium, "2025", clock.now().date() + timedelta(days=14))
    app.pay_fee(m[0], "annual-2025", eur("2400"), "pi_paid_on_time")
    app.refund_fee(m[0], "annual-2025", eur("400"), "re_goodwill")
    app.record_failed_payment(m[1], "annual-2025", "Card declined.")
    app.issue_credit_note(m[1], "annual-2025", eur("400"), "Joined in March: two months off.")
    app.translate_offer(metal.consortium, {"es": "Estructuras de acero para astilleros."})
    clock.advance(days=60)
    app.suspend_for_arrears(m[2])
    app.leave_consortium(m[3], "Retiring.")
    # A member user who chose award mails only, then contribution requests only.
    member_user = app.open_account(name="Marta Gómez", email="marta@metal.example",
                                   password="a long enough secret", grants=[("member", str(m[0]))])
    app.choose_mails(member_user, ["awards"])
    app.choose_mails(member_user, ["contribution_requests"])
    return History(metal.consortium, marine.consortium, metal.memberships,
                   {"completed": completed, "declined": declined, "rejected": rejected,
                    "qualified": qualified, "requested": requested})


@pytest.fixture
def scratch_engine(services: Services, tmp_path: Path) -> Iterator[Engine]:
    """An empty database of the same kind, to project the same log into."""
    if services.store.kind == "sqlite":
        store = parse_store(f"sqlite:///{tmp_path / 'scratch.db'}")
    else:
        store = parse_store(f"{POSTGRES_URL}?schema=s_{uuid.uuid4().hex[:12]}")
    prepare(store)
    engine = make_engine(store)
    yield engine
    engine.dispose()
    if store.schema:
        drop_schema(store.schema)


def log_position(app: Marketplace) -> int:
    return app.recorder.max_notification_id() or 0


def test_projecting_the_log_from_zero_equals_the_incremental_build(
    services: Services, app: Marketplace, clock: SteppingClock, scratch_engine: Engine
) -> None:
    build_history(app, clock)
    incremental = services.projector.table_rows()
    # Small batches, so that the projection crosses many batch boundaries.
    scratch = Projector(app, scratch_engine)
    assert scratch.catch_up(batch_size=7) == log_position(app)

    assert scratch.position() == services.projector.position() == log_position(app)
    assert scratch.table_rows() == incremental
    assert all(incremental.values()), [name for name, rows in incremental.items() if not rows]


def test_a_failed_batch_leaves_neither_rows_nor_position_and_is_redone(
    services: Services, app: Marketplace, scratch_engine: Engine,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    formed = form_consortium(app)
    scratch = Projector(app, scratch_engine)
    scratch.catch_up()
    before_rows, before_position = scratch.table_rows(), scratch.position()
    quoted_bid(app, formed)

    def power_cut(batch: Batch, event: object) -> None:
        batch.flush()  # the batch's rows so far are written in its transaction...
        raise RuntimeError("power cut")  # ...when the power goes


    topic = get_topic(Bid.QuoteSubmitted)
    monkeypatch.setitem(scratch.handlers, topic, (*scratch.handlers[topic], power_cut))
    with pytest.raises(RuntimeError, match="power cut"):
        scratch.catch_up(batch_size=1000)
    assert scratch.position() == before_position
    assert scratch.table_rows() == before_rows

    monkeypatch.undo()
    assert scratch.catch_up() == log_position(app) - before_position
    assert scratch.table_rows() == services.projector.table_rows()
    assert Projector(app, scratch_engine).catch_up() == 0  # as after a restart


def test_rebuild_from_zero_gives_the_same_rows_and_keeps_the_vault(
    services: Services, app: Marketplace, clock: SteppingClock
) -> None:
    history = build_history(app, clock)
    before = services.projector.table_rows()
    seen: list[tuple[int, int]] = []

    applied = services.projector.rebuild(progress=lambda done, total: seen.append((done, total)))

    assert applied == log_position(app)
    assert services.projector.position() == log_position(app)
    assert seen[-1] == (log_position(app), log_position(app))
    assert services.projector.table_rows() == before
    buyer = app.get_bid(history.bids["completed"]).buyer
    assert app.reveal_person(buyer) is not None  # the vault table was not dropped


def test_catch_up_with_nothing_new_touches_no_read_model(
    services: Services, app: Marketplace
) -> None:
    form_consortium(app)
    statements: list[str] = []
    sa_event.listen(services.engine, "before_cursor_execute",
                    lambda conn, cursor, sql, *args: statements.append(sql))
    assert services.projector.catch_up() == 0
    assert statements == []


def test_unknown_topics_are_passed_over(services: Services, app: Marketplace) -> None:
    form_consortium(app)
    rows = services.projector.table_rows()
    app.recorder.insert_events([StoredEvent(
        originator_id=uuid.uuid4(), originator_version=1,
        topic="retired.module:Gone.Happened", state=b"{}")])

    assert services.projector.catch_up() == 1
    assert services.projector.position() == log_position(app)
    assert services.projector.table_rows() == rows


def test_a_projector_out_of_step_applies_nothing_twice(
    services: Services, app: Marketplace
) -> None:
    formed = form_consortium(app)
    other_process = Projector(app, services.engine)  # same tracking name, same tables
    request_quote(app, formed.consortium)  # projected inline by the first projector
    rows = services.projector.table_rows()

    assert other_process.catch_up() == 0
    assert services.projector.table_rows() == rows


def test_the_read_models_show_the_history(
    services: Services, app: Marketplace, clock: SteppingClock
) -> None:
    history = build_history(app, clock)
    engine = services.engine

    published = catalog_queries.list_consortia(engine, published_only=True)
    assert [c["slug"] for c in published] == ["metal"]
    metal = catalog_queries.get_catalog_entry(engine, "metal")
    assert metal["offer_stages"] == ALL_STAGES
    assert (metal["status"], metal["member_count"], metal["prospect_count"]) == (
        "established", 3, 5)  # one declined, one left
    assert metal["certifications"] == ["ISO 9001"]
    assert metal["quote_response_days"] == 5
    assert metal["countries_delivered"] == ["MX"]
    # The member covering logistics and installation is suspended for arrears.
    assert metal["gaps"] == ["logistics", "installation", "maintenance"]
    assert "Metal Firm One S.L." in [m["company_name"] for m in metal["members"]]
    assert [c["slug"] for c in catalog_queries.list_consortia(engine, text="marine")] == ["marine"]
    assert catalog_queries.list_consortia(engine, stage="maintenance") == []
    with pytest.raises(NotFoundError):
        catalog_queries.get_catalog_entry(engine, "nowhere")

    statuses = {b["bid_id"]: b["status"] for b in bid_queries.list_bids(engine, history.metal)}
    assert statuses == {str(bid): state for state, bid in history.bids.items()}
    (completed,) = bid_queries.list_bids(engine, status="completed")
    assert completed["quote_price"] == Decimal("440000.00")
    assert completed["contract_value"] == Decimal("440000.00")
    assert completed["responded_on_time"] is True
    assert completed["buyer_country"] == "MX"
    (declined,) = bid_queries.list_bids(engine, status="declined")
    assert declined["responded_on_time"] is True and declined["quote_price"] is None

    ledger = {row["membership_id"]: row
              for row in fee_queries.fee_ledger(engine, history.metal, today=clock.now().date())}
    first, second, third = (ledger[str(m)] for m in history.memberships[:3])
    assert (first["status"], first["paid_reference"], first["refunded"]) == (
        "refunded", "pi_paid_on_time", Decimal("400.00"))
    assert not first["overdue"]
    assert (second["status"], second["overdue"]) == ("failed", True)
    assert (second["amount"], second["credited"]) == (Decimal("2400.00"), Decimal("400.00"))
    assert (third["status"], third["overdue"], third["amount"]) == (
        "assessed", True, Decimal("2400.00"))

    matrix = formation_queries.capability_matrix(engine, history.marine)
    assert matrix["gaps"] == ["logistics", "installation"]
    assert [m["stages"] for m in matrix["members"]] == [
        ["design"], ["engineering"], ["manufacturing", "maintenance"]]

    figures = dashboard_queries.kpis(engine, history.metal)
    counters = figures["counters"]
    assert (counters["rfqs_received"], counters["rfqs_qualified"], counters["rfqs_declined"]) \
        == (5, 3, 1)
    assert (counters["quotes_submitted"], counters["quotes_on_time"]) == (2, 2)
    assert (counters["contracts_awarded"], counters["contracts_completed"]) == (1, 1)
    # Three attended as first recorded; the correction says two did.
    assert (counters["meetings_held"], counters["meeting_attendances"]) == (1, 2)
    assert (counters["endorsements"], counters["fees_paid"], counters["fees_paid_on_time"]) \
        == (2, 1, 1)
    assert figures["seed_funding"]["EUR"]["granted"] == Decimal("450000.00")  # as corrected
    assert figures["seed_funding"]["EUR"]["disbursed"] == Decimal("120000.00")
    assert dashboard_queries.kpis(engine)["counters"]["members_joined"] == 7  # 4 metal + 3 marine

    rows = repr(services.projector.table_rows())
    for personal in ("Lucía", "lucia@acero-mx.example", "Ana Ruiz", "ana.ruiz@example.com"):
        assert personal not in rows  # personal data stays in the vault

    stats = stats_queries.stats(services)
    assert stats["projected_position"] == stats["log_position"] == stats["events"] > 0
    assert (stats["consortia"], stats["memberships"], stats["bids"]) == (2, 8, 5)



def test_read_models_of_an_older_version_are_found_and_rebuilt(services: Services) -> None:
    form_consortium(services.marketplace, slug="metal")
    assert services.projector.outdated() == []
    with services.engine.begin() as conn:  # what a store made before the column looks like
        conn.exec_driver_sql("ALTER TABLE rm_bids DROP COLUMN awarded_at")
    assert services.projector.outdated() == ["rm_bids"]
    services.projector.rebuild()
    assert services.projector.outdated() == []
    assert [c["slug"] for c in catalog_queries.list_consortia(services.engine)] == ["metal"]


def test_a_read_model_without_an_index_this_version_reads_by_asks_for_a_rebuild(
        services: Services) -> None:
    form_consortium(services.marketplace, slug="metal")
    with services.engine.begin() as conn:  # a store made before the desk's paged inbox
        conn.exec_driver_sql("DROP INDEX ix_rm_bids_desk_deadline")
    assert services.projector.outdated() == ["rm_bids"]
    services.projector.rebuild()
    assert services.projector.outdated() == []


def test_a_read_model_table_new_to_this_version_asks_for_a_rebuild(services: Services) -> None:
    form_consortium(services.marketplace, slug="metal")
    with services.engine.begin() as conn:  # a store made before rm_bid_timeline existed
        conn.exec_driver_sql("DROP TABLE rm_bid_timeline")
    reopened = Projector(services.marketplace, services.engine)
    assert reopened.outdated() == ["rm_bid_timeline"]
    reopened.rebuild()
    assert reopened.outdated() == []


def test_a_store_with_the_old_position_table_keeps_its_positions_and_rebuilds(
    services: Services,
) -> None:
    form_consortium(services.marketplace, slug="metal")
    before = services.projector.table_rows()
    head = log_position(services.marketplace)
    with services.engine.begin() as conn:  # a store made when the table had its old name
        conn.exec_driver_sql("ALTER TABLE projection_position RENAME TO projection_tracking")
    reopened = Projector(services.marketplace, services.engine)
    # Every follower's position comes over, so the outbox mails nothing a second time.
    assert reopened.position() == services.outbox.writer.position() == head
    assert reopened.outdated() == ["projection_position"]
    assert reopened.rebuild() == head
    assert reopened.outdated() == []
    tables = inspect(services.engine).get_table_names()
    assert "projection_position" in tables and "projection_tracking" not in tables
    assert reopened.table_rows() == before
    assert services.outbox.writer.position() == head
