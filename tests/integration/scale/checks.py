"""What must hold after a load, whatever the processes went through."""

from __future__ import annotations

import subprocess
import sys
import time
from collections import Counter

import requests
from sqlalchemy import func, select

from domain.bid import Bid
from marketplace.bootstrap import Services
from marketplace.outbox.tables import mail_outbox
from tests.integration.scale.cluster import ROOT, Cluster
from tests.integration.scale.load import Outcome

CONVERGE_TIMEOUT = 60


def marks_in_store(services: Services) -> tuple[Counter[str], dict[str, str]]:
    """How often each request's mark occurs in the events (organisations, notes, reasons),
    and the bid each organisation's RFQ made."""
    app = services.marketplace
    found: Counter[str] = Counter()
    bids: dict[str, str] = {}
    start = 1
    while batch := app.recorder.select_notifications(start, 500):
        for notification in batch:
            event = app.mapper.to_domain_event(notification)
            if isinstance(event, Bid.QuoteRequested):
                found[event.organisation] += 1
                bids[event.organisation] = str(event.originator_id)
            elif isinstance(event, Bid.Qualified):
                found[event.note] += 1
            elif isinstance(event, Bid.Declined):
                found[event.reason] += 1
        start = batch[-1].id + 1
    return found, bids


def assert_each_rfq_mailed_once(services: Services, outcomes: list[Outcome],
                                bids: dict[str, str]) -> None:
    """The outbox has the buyer's receipt of every acknowledged RFQ: no gap, no duplicate."""
    acknowledged = {bids[o.mark] for o in outcomes if o.status == 201}
    with services.engine.connect() as conn:
        rows = conn.execute(select(mail_outbox.c.originator_id, func.count())
                            .where(mail_outbox.c.kind == "rfq_received")
                            .group_by(mail_outbox.c.originator_id)).all()
    mailed = {bid: count for bid, count in rows}
    assert {bid: mailed.get(bid, 0) for bid in acknowledged} == dict.fromkeys(acknowledged, 1)


def assert_answers_were_honest(outcomes: list[Outcome], found: Counter[str]) -> None:
    """2xx/303: stored exactly once. 4xx: nothing stored. No answer: stored at most once."""
    server_errors = [o for o in outcomes if o.status is not None and o.status >= 500]
    assert server_errors == []
    for outcome in outcomes:
        if outcome.status in (201, 303):
            assert found[outcome.mark] == 1, outcome
        elif outcome.status is None:
            assert found[outcome.mark] <= 1, outcome
        else:
            assert found[outcome.mark] == 0, outcome


def wait_until_projected(services: Services) -> None:
    """The projector (another process) and its outbox reach the head of the log, within a
    bound."""
    deadline = time.monotonic() + CONVERGE_TIMEOUT
    head = services.marketplace.recorder.max_notification_id() or 0
    while services.projector.position() < head:
        assert time.monotonic() < deadline, (
            f"the projector is at {services.projector.position()}, the log at {head}")
        time.sleep(0.2)
    # No gap: it stopped exactly at the head, not past it, and the log did not move.
    assert services.projector.position() == head
    assert (services.marketplace.recorder.max_notification_id() or 0) == head
    # The outbox follows the log in the same process, in the same round but after the read
    # models: the mails are checked once it too has read up to the head.
    while services.outbox.writer.position() < head:
        assert time.monotonic() < deadline, (
            f"the outbox is at {services.outbox.writer.position()}, the log at {head}")
        time.sleep(0.2)


def assert_tracking_pages_answer(cluster: Cluster, bases: list[str],
                                 outcomes: list[Outcome]) -> None:
    """Each acknowledged RFQ's tracking link works on every instance (read models)."""
    tokens = [o.token for o in outcomes if o.status == 201 and o.token]
    for base in bases:
        for token in tokens:
            response = requests.get(f"{base}/api/v1/rfqs/{token}", timeout=30)
            assert response.status_code == 200, (base, token, response.text[:300])


def assert_replay_matches(cluster: Cluster) -> None:
    """`consortia replay --verify`: the live read models equal a rebuild from the first event."""
    result = subprocess.run(
        [sys.executable, "-m", "consortia", "replay", "--verify",
         "--database-url", cluster.database_url],
        cwd=ROOT, env=cluster.env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert "No differences" in result.stdout
