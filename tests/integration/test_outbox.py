"""The outbox is kept from the events: one row per mail, no personal data, never refilled."""

from __future__ import annotations

import json
import smtplib
from dataclasses import replace
from datetime import timedelta
from email.message import EmailMessage
from typing import Any

import pytest
from eventsourcing.utils import get_topic
from sqlalchemy import func, select, update

from domain.bid import Bid
from marketplace.bootstrap import Services, bootstrap
from marketplace.outbox.sender import LEASE, MAX_ATTEMPTS, SendReport, backoff
from marketplace.outbox.tables import DROPPED, FAILED, SENT, mail_outbox
from marketplace.ports import SteppingClock
from marketplace.projection.position import projection_position
from tests.story import eur, form_consortium, quoted_bid, request_quote


class Kept:
    """A transport that keeps what it is given, as a test's post box."""

    name = "kept"

    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []

    def send(self, message: EmailMessage) -> None:
        self.messages.append(message)


class Refusing:
    """A server that refuses every recipient, quoting the address as real servers do."""

    name = "refusing"

    def send(self, message: EmailMessage) -> None:
        address = message["To"].addresses[0].addr_spec
        raise smtplib.SMTPRecipientsRefused({address: (450, f"<{address}> busy".encode())})


def outbox_rows(services: Services) -> list[Any]:
    with services.engine.connect() as conn:
        return list(conn.execute(select(mail_outbox).order_by(mail_outbox.c.id)))


def test_the_buyer_hears_of_the_request_the_quote_and_the_award(services: Services,
                                                                clock: SteppingClock) -> None:
    app = services.marketplace
    formed = form_consortium(app)
    bid = quoted_bid(app, formed)
    app.accept_quote(bid)
    m = formed.memberships
    app.award_contract(bid, eur("440000"),
                       {m[0]: eur("50000"), m[1]: eur("250000"), m[2]: eur("140000")}, "C-1")
    kept = Kept()
    services.outbox.transport = kept

    assert services.outbox.send_due(clock.now()).sent == 4

    assert [row.kind for row in outbox_rows(services)] == [
        "rfq_received", "quote_ready", "quote_accepted", "contract_awarded"]
    subjects = [message["Subject"] for message in kept.messages]
    assert subjects == ["Metal Export Consortium: we received your request for quotation",
                        "Metal Export Consortium: your quote is ready",
                        "Metal Export Consortium: you accepted the quote",
                        "Metal Export Consortium: contract C-1 awarded"]
    assert len({message["Message-ID"] for message in kept.messages}) == 4


def test_each_event_is_written_once_however_often_the_log_is_read(services: Services,
                                                                  clock: SteppingClock) -> None:
    app = services.marketplace
    formed = form_consortium(app)
    quoted_bid(app, formed)
    request_quote(app, formed.consortium)
    services.outbox.send_due(clock.now())
    before = [tuple(row) for row in outbox_rows(services)]
    assert len(before) == 3

    assert services.outbox.catch_up() == 0
    services.projector.rebuild()
    assert services.outbox.catch_up() == 0
    # Even a writer made to read the whole log again adds nothing: the key is unique.
    with services.engine.begin() as conn:
        conn.execute(update(projection_position).where(projection_position.c.name == "outbox")
                     .values(position=0))
    assert services.outbox.open() == 0
    assert services.outbox.catch_up() == 0
    assert services.outbox.writer.position() == services.marketplace.recorder.max_notification_id()

    assert [tuple(row) for row in outbox_rows(services)] == before
    assert services.outbox.send_due(clock.now() + timedelta(days=1)).sent == 0


def test_the_outbox_holds_no_personal_data(services: Services) -> None:
    app = services.marketplace
    formed = form_consortium(app)
    request_quote(app, formed.consortium)

    [row] = outbox_rows(services)
    raw = json.dumps([str(value) for value in row], ensure_ascii=False)
    record = app.reveal_person(app.get_bid(row.originator_id).buyer)
    assert record is not None
    for personal in (record["email"], record["name"], record["token"], "lucia", "Hernández"):
        assert personal not in raw
    assert row.recipient_ref == str(app.get_bid(row.originator_id).buyer)


def test_a_mail_to_an_erased_buyer_is_dropped_not_sent(services: Services,
                                                        clock: SteppingClock) -> None:
    app = services.marketplace
    formed = form_consortium(app)
    request_quote(app, formed.consortium)
    app.erase_personal_data("lucia@acero-mx.example", "The buyer asked.")
    kept = Kept()
    services.outbox.transport = kept

    report = services.outbox.send_due(clock.now())

    assert (report.sent, report.dropped) == (0, 1)
    assert kept.messages == []
    [row] = outbox_rows(services)
    assert (row.status, row.last_error) == (DROPPED, "recipient erased")
    assert services.outbox.send_due(clock.now() + timedelta(days=1)).dropped == 0
    [shown] = services.outbox.mails()
    assert shown.letter is None


def test_a_mail_is_retried_with_growing_waits_then_given_up(services: Services,
                                                            clock: SteppingClock) -> None:
    app = services.marketplace
    formed = form_consortium(app)
    request_quote(app, formed.consortium)
    services.outbox.transport = Refusing()

    waits = []
    for attempt in range(1, MAX_ATTEMPTS + 1):
        report = services.outbox.send_due(clock.now())
        assert report.failed == (1 if attempt == MAX_ATTEMPTS else 0)
        [row] = outbox_rows(services)
        assert row.attempts == attempt
        assert "@" not in row.last_error  # the server quoted the address; it is not kept
        waits.append(row.next_attempt_at - clock.now())
        assert services.outbox.send_due(clock.now()).retried == 0  # not before its time
        clock.set(row.next_attempt_at)

    assert waits[:3] == [backoff(1), backoff(2), backoff(3)]
    assert backoff(1) < backoff(2) < backoff(3)
    assert row.status == FAILED
    assert services.outbox.send_due(clock.now() + timedelta(days=30)) == SendReport()


def test_two_senders_never_claim_the_same_mail(services: Services, clock: SteppingClock) -> None:
    app = services.marketplace
    formed = form_consortium(app)
    for n in range(3):
        request_quote(app, formed.consortium, contact_email=f"buyer{n}@yards.example")
    other = bootstrap(services.store.url, clock=clock)  # another server process's outbox
    try:
        mine = services.outbox.sender.claim(clock.now(), limit=2)
        theirs = other.outbox.sender.claim(clock.now(), limit=10)
        assert len(mine) == 2
        assert len(theirs) == 1
        assert {r.id for r in mine}.isdisjoint({r.id for r in theirs})
        # A sender that died holding a claim loses it when the lease runs out.
        assert other.outbox.sender.claim(clock.now() + LEASE - timedelta(seconds=1), 10) == []
        recovered = other.outbox.sender.claim(clock.now() + LEASE, 10)
        assert {r.id for r in recovered} == {r.id for r in mine + theirs}
    finally:
        other.close()


def test_history_from_before_the_outbox_is_not_mailed(store_url: str,
                                                     clock: SteppingClock) -> None:
    batch = bootstrap(store_url, clock=clock, inline_projection=False)
    try:
        formed = form_consortium(batch.marketplace)
        request_quote(batch.marketplace, formed.consortium)  # like the demo's old RFQs
    finally:
        batch.close()

    services = bootstrap(store_url, clock=clock)
    try:
        assert services.outbox.catch_up() == 0
        assert outbox_rows(services) == []
        request_quote(services.marketplace, formed.consortium)
        rows = outbox_rows(services)
        assert [row.kind for row in rows] == ["rfq_received"]
        with services.engine.connect() as conn:
            sent = conn.execute(select(func.count()).select_from(mail_outbox)
                                .where(mail_outbox.c.status == SENT)).scalar_one()
        assert sent == 0
        assert services.outbox.send_due(clock.now()).sent == 1
    finally:
        services.close()


def test_an_event_whose_mail_cannot_be_written_is_reported_and_the_rest_are_written(
    services: Services, clock: SteppingClock, monkeypatch: pytest.MonkeyPatch,
) -> None:
    app = services.marketplace
    formed = form_consortium(app)
    writer = services.outbox.writer
    [received] = [kind for kind in writer.kinds[get_topic(Bid.QuoteRequested)]
                  if kind.name == "rfq_received"]
    facts = received.facts
    bad_buyer = "broken@yards.example"

    def brittle(event: Any, ctx: Any) -> dict[str, str]:
        if app.reveal_person(event.buyer)["email"] == bad_buyer:
            raise KeyError("a fact an old event does not carry")
        return facts(event, ctx)

    monkeypatch.setitem(writer.kinds, get_topic(Bid.QuoteRequested), [
        replace(received, facts=brittle) if kind is received else kind
        for kind in writer.kinds[get_topic(Bid.QuoteRequested)]])
    bad = request_quote(app, formed.consortium, contact_email=bad_buyer)
    good = request_quote(app, formed.consortium)

    assert [(row.kind, row.originator_id) for row in outbox_rows(services)] == [
        ("rfq_received", str(good))]
    [(record, why)] = services.outbox.failed.items()
    assert record.startswith("event ") and f"RFQ {bad}" in record and "rfq_received" in record
    assert why.startswith("KeyError")
    assert services.outbox.send_due(clock.now()).sent == 1


def test_a_mail_that_cannot_be_handled_is_reported_with_its_id_and_the_rest_are_sent(
    services: Services, clock: SteppingClock, monkeypatch: pytest.MonkeyPatch,
) -> None:
    app = services.marketplace
    formed = form_consortium(app)
    for n in range(3):
        request_quote(app, formed.consortium, contact_email=f"buyer{n}@yards.example")
    rows = outbox_rows(services)
    broken = rows[1]
    reveal = services.outbox.sender.vault.reveal

    def unreadable(ref: Any) -> Any:
        if str(ref) == broken.recipient_ref:
            raise ValueError("this vault record cannot be decrypted")
        return reveal(ref)

    monkeypatch.setattr(services.outbox.sender.vault, "reveal", unreadable)
    services.outbox.transport = Kept()
    report = services.outbox.send_due(clock.now())

    assert (report.sent, report.retried) == (2, 1)
    assert report.problems == {f"mail {broken.id}": "ValueError: this vault record "
                                                     "cannot be decrypted"}
    row = {r.id: r for r in outbox_rows(services)}[broken.id]
    assert (row.status, row.attempts) == ("pending", 1)
