"""Every value object survives storage: through the transcoder, the mapper and the store."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal
from typing import Any
from uuid import UUID, uuid4

import pytest
from eventsourcing.application import project_aggregate
from eventsourcing.persistence import JSONTranscoder

from domain import clock as moment
from domain.bid import Bid
from domain.company import Company
from domain.consortium import Consortium
from domain.membership import Membership
from domain.money import Money
from domain.values import Country, Incoterm, Region, Sector, Stage
from marketplace.application import SNAPSHOT_INTERVAL, Marketplace
from marketplace.bootstrap import Services
from tests.story import METAL, eur, form_consortium, quoted_bid, request_quote, rules

VALUES = [
    Money.of("1250.50", "EUR"),
    Money.of("1250", "JPY"),
    Money.of("1250.125", "KWD"),
    Money.zero("USD"),
    Country("MX"),
    Region("ES-CB"),
    Incoterm("CIF", "Port of Veracruz"),
    Sector("25.11", "Metal structures"),
    date(2025, 3, 3),
    datetime(2025, 3, 3, 9, 30, 15, 123456, tzinfo=UTC),
    datetime(2025, 3, 3, 9, 30, tzinfo=timezone(timedelta(hours=-6))),
    Decimal("0.10"),
    Decimal("1E+3"),
    uuid4(),
    rules(),
    rules(annual_fees={"standard": Money.of("500", "KWD")}, success_fee_percent=Decimal(0),
          work_share_rule="negotiated", quorum_percent=100, grace_days=0,
          suspend_on_arrears=False),
]


@pytest.fixture
def transcoder(memory_app: Marketplace) -> JSONTranscoder:
    return memory_app.mapper.transcoder  # type: ignore[return-value]


@pytest.mark.parametrize("value", VALUES, ids=lambda v: type(v).__name__)
def test_each_value_round_trips_with_its_type(transcoder: JSONTranscoder, value: Any) -> None:
    decoded = transcoder.decode(transcoder.encode(value))
    assert decoded == value
    assert type(decoded) is type(value)
    if isinstance(value, Decimal | Money):
        amount = value if isinstance(value, Decimal) else value.amount
        got = decoded if isinstance(decoded, Decimal) else decoded.amount
        assert str(got) == str(amount)  # the exponent, not just the value, survives


def test_money_is_stored_as_text_never_as_a_float(transcoder: JSONTranscoder) -> None:
    encoded = json.loads(transcoder.encode(Money.of("0.10", "EUR")))
    assert encoded == {"_type_": "money", "_data_": ["0.10", "EUR"]}


def test_rules_keep_their_money_and_decimal_inside(transcoder: JSONTranscoder) -> None:
    decoded = transcoder.decode(transcoder.encode(rules()))
    assert decoded.annual_fees == {"standard": eur("2400"), "founding": eur("3600")}
    assert all(type(fee) is Money for fee in decoded.annual_fees.values())
    assert decoded.success_fee_percent == Decimal("1.5")
    assert type(decoded.success_fee_percent) is Decimal


def test_nested_state_round_trips(transcoder: JSONTranscoder) -> None:
    state = {
        "fees": {"annual-2025": {"amount": eur("2400"), "due_on": date(2025, 3, 31),
                                 "refunded": Money.zero("EUR")}},
        "certifications": [{"name": "ISO 9001", "expires_on": date(2030, 1, 1)},
                           {"name": "EN 1090", "expires_on": None}],
        "quote": {"price": eur("440000"), "valid_until": date(2025, 4, 17)},
    }
    assert transcoder.decode(transcoder.encode(state)) == state


def test_a_stage_is_stored_by_its_value_and_parses_back(transcoder: JSONTranscoder) -> None:
    decoded = transcoder.decode(transcoder.encode(Stage.INSTALLATION))
    assert decoded == "installation"
    assert Stage.parse(decoded) is Stage.INSTALLATION


def test_a_domain_event_survives_the_mapper(memory_app: Marketplace) -> None:
    with moment.occurring_at(datetime(2025, 3, 3, 9, tzinfo=UTC)):
        bid = new_bid()
    (requested,) = bid.collect_events()
    stored = memory_app.mapper.to_stored_event(requested)
    assert b"Veracruz" in stored.state
    assert memory_app.mapper.to_domain_event(stored) == requested


# Whole aggregates, written by one application and read by another on the same store.

AT = datetime(2025, 3, 3, 9, tzinfo=UTC)


def new_bid(consortium_id: UUID | None = None) -> Bid:
    return Bid.request_quote(
        consortium_id=consortium_id or uuid4(), buyer=uuid4(), organisation="Astillero del Golfo",
        country=Country("MX"), stages=(Stage.DESIGN, Stage.MANUFACTURING),
        specification="Four steel hull blocks.\nClass DNV.", quantity=Decimal("4.5"),
        unit="blocks", incoterm=Incoterm("CIF", "Veracruz"), currency="EUR",
        quote_needed_by=date(2025, 4, 2), wanted_delivery=date(2025, 9, 1),
        respond_by=datetime(2025, 3, 10, 9, tzinfo=UTC),
    )


def whole_story() -> list[Any]:
    """One aggregate of each kind, taken through most of its events, in memory."""
    at = AT
    with moment.occurring_at(at):
        company = Company.register(tax_id="esb39000001", name="Talleres Cantabria",
                                   region="ES-CB", sector=METAL, employees=42,
                                   summary="Precision steelwork.", website="https://t.example")
        company.name_contact(uuid4())
        consortium = Consortium.propose(slug="metal", name="Metal Export", agency="SODERCAN",
                                        region="ES-CB", sector=METAL,
                                        programme_cap=eur("700000"))
        membership = Membership.invite(consortium.id, company.id, "Exports to Mexico.")
        consortium.identify_prospect(company.id, membership.id, "Exports to Mexico.")
        meeting = uuid4()
        consortium.plan_meeting(meeting, at.date(), "Introduction")
        consortium.hold_meeting(meeting, [company.id])
        consortium.map_capabilities({Stage.DESIGN: [company.id]})
        consortium.grant_seed_funding(eur("100000.50"))
        consortium.disburse_seed_funding(eur("2500.25"), "Market study")
        consortium.appoint_manager(uuid4())
        consortium.adopt_rules(rules())
        consortium.establish(joined_members=3)
        consortium.publish_offer((Stage.DESIGN, Stage.MANUFACTURING), "Steel structures.")
        membership.attend_meeting(meeting)
        membership.declare_capabilities(
            stages=(Stage.DESIGN, Stage.MANUFACTURING), products=["hull blocks"],
            certifications=[{"name": "ISO 9001", "expires_on": date(2030, 1, 1)},
                            {"name": "EN 1090"}],
            capacity="1,200 t a year")
        membership.join(agreement="MA-1.pdf", tier="standard")
        membership.assign_role("treasurer")
        membership.assess_fee(fee_id="annual-2025", period="2025", amount=eur("2400"),
                              due_on=date(2025, 3, 31))
        membership.pay_fee("annual-2025", eur("2400"), "pi_1")
        membership.refund_fee("annual-2025", eur("400.10"), "re_1")
        bid = new_bid(consortium.id)
        bid.qualify("Fits.")
        for stage, price in ((Stage.DESIGN, "20000"), (Stage.MANUFACTURING, "250000.99")):
            bid.request_contribution(stage, membership.id, date(2025, 3, 6))
            bid.commit_contribution(stage, membership.id, eur(price), 60)
        bid.submit_quote(eur("300000"), date(2025, 4, 17), 120)
        bid.accept_quote()
        bid.award_contract(eur("300000"), {membership.id: eur("300000")}, "C-1")
        bid.deliver_milestone("Blocks shipped", Stage.MANUFACTURING)
        bid.complete()
    return [company, consortium, membership, bid]


def state(aggregate: Any) -> dict[str, Any]:
    return {k: v for k, v in vars(aggregate).items() if k != "_pending_events"}


def fresh(services: Services) -> Marketplace:
    """A second application on the same store, sharing nothing in memory with the first."""
    return Marketplace(dict(services.store.eventsourcing_env))


def test_every_aggregate_reloads_with_the_state_it_was_saved_with(services: Services) -> None:
    aggregates = whole_story()
    services.marketplace.save(*aggregates)
    reader = fresh(services)
    try:
        for aggregate in aggregates:
            reloaded = reader.repository.get(aggregate.id)
            assert type(reloaded) is type(aggregate)
            assert reloaded.version == aggregate.version
            assert state(reloaded) == state(aggregate)
        bid = reader.get_bid(aggregates[3].id)
        assert bid.status == "completed"
        assert type(bid.contract["value"]) is Money
        assert type(bid.incoterm) is Incoterm and type(bid.country) is Country
        assert type(bid.quote_needed_by) is date and type(bid.respond_by) is datetime
        assert type(bid.quantity) is Decimal and str(bid.quantity) == "4.5"
        assert bid.specification == "Four steel hull blocks.\nClass DNV."
        consortium = reader.get_consortium(aggregates[1].id)
        assert consortium.rules == rules()
        assert consortium.disbursed == eur("2500.25")
        assert type(consortium.region) is Region and type(consortium.sector) is Sector
        fee = reader.get_membership(aggregates[2].id).fees["annual-2025"]
        assert fee["refunded"] == eur("400.10") and fee["due_on"] == date(2025, 3, 31)
    finally:
        reader.close()


def test_a_story_told_through_the_commands_reloads_equal(services: Services) -> None:
    app = services.marketplace
    formed = form_consortium(app)
    app.grant_seed_funding(formed.consortium, eur("50000"))
    bid = quoted_bid(app, formed)
    app.accept_quote(bid)
    ids = [formed.consortium, bid, *formed.companies, *formed.memberships]
    reader = fresh(services)
    try:
        for aggregate_id in ids:
            assert state(reader.repository.get(aggregate_id)) == state(
                app.repository.get(aggregate_id))
        assert reader.get_bid(bid).quote["price"] == eur("440000")
        assert reader.history(bid) == app.history(bid)
    finally:
        reader.close()


# Snapshots


def versions(app: Marketplace, aggregate_id: UUID) -> list[int]:
    return [s.originator_version for s in app.snapshots.get(aggregate_id)]


def test_each_long_lived_aggregate_is_snapshotted_at_the_interval() -> None:
    assert SNAPSHOT_INTERVAL >= 10
    for kind in (Consortium, Membership, Bid, Company):
        assert Marketplace.snapshotting_intervals[kind] == SNAPSHOT_INTERVAL


def test_a_snapshot_is_taken_at_the_interval_and_loads_like_a_replay(
    services: Services,
) -> None:
    app, every = services.marketplace, SNAPSHOT_INTERVAL
    formed = form_consortium(app)
    cid = formed.consortium
    formed_at = app.get_consortium(cid).version
    target = (formed_at // every + 1) * every  # the next version a snapshot falls on
    while app.get_consortium(cid).version < target - 1:
        app.plan_meeting(cid, date(2025, 4, 1), "Export plan")
    assert target not in versions(app, cid)
    app.grant_seed_funding(cid, eur("1000"))  # the event at the interval
    assert versions(app, cid) == list(range(every, target + 1, every))
    (snapshot,) = app.snapshots.get(cid, desc=True, limit=1)
    assert snapshot.originator_version == target
    assert snapshot.state["granted"] == eur("1000")
    assert snapshot.state["rules"] == rules()
    for _ in range(every - 3):
        app.plan_meeting(cid, date(2025, 5, 1), "Trade fair")
    app.disburse_seed_funding(cid, eur("250.50"), "Stand at the fair")
    final = target + every - 2
    assert versions(app, cid)[-1] == target  # one event short of the next snapshot

    reader = fresh(services)
    try:
        reads: list[int | None] = []
        get_events = reader.repository.event_store.get

        def spy(*args: Any, **kwargs: Any) -> Any:
            reads.append(kwargs.get("gt"))
            return get_events(*args, **kwargs)

        reader.repository.event_store.get = spy  # type: ignore[method-assign]
        from_snapshot = reader.repository.get(cid)
        assert reads == [target]  # only the events after the snapshot were read
        replayed = project_aggregate(None, get_events(cid))
        assert from_snapshot.version == replayed.version == final
        assert state(from_snapshot) == state(replayed)
        assert from_snapshot.disbursed == eur("250.50")
        assert len(from_snapshot.meetings) == (target - 1 - formed_at) + (every - 3)
    finally:
        reader.close()


def test_a_long_lived_bid_loads_the_same_from_its_snapshot(services: Services) -> None:
    app = services.marketplace
    formed = form_consortium(app)
    bid = request_quote(app, formed.consortium, stages=["design"])
    app.qualify_rfq(bid, "Fits.")
    member = formed.memberships[0]
    app.request_contribution(bid, "design", member, app.clock.now().date())
    price = 1000
    while app.get_bid(bid).version < 2 * SNAPSHOT_INTERVAL + 5:
        price += 1
        app.commit_contribution(bid, "design", member, eur(str(price)), 30)
        app.withdraw_contribution(bid, "design", member, "Repricing steel")
    app.commit_contribution(bid, "design", member, eur("1234.56"), 30)
    last = app.get_bid(bid).version
    assert versions(app, bid) == list(range(SNAPSHOT_INTERVAL, last + 1, SNAPSHOT_INTERVAL))
    reader = fresh(services)
    try:
        from_snapshot = reader.get_bid(bid)
        replayed = project_aggregate(None, reader.events.get(bid))
        assert from_snapshot.version == last
        assert state(from_snapshot) == state(replayed)
        (contribution,) = from_snapshot.contributions.values()
        assert contribution["price"] == eur("1234.56")
    finally:
        reader.close()
