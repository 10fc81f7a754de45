"""A small history for the auditor's screens: two consortia, and a bid awarded over days."""

from __future__ import annotations

import re
import time
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from uuid import UUID

from flask.testing import FlaskClient

from marketplace.actors import BUYER, SYSTEM, acting_as, user
from marketplace.audit.runner import JobRunner
from marketplace.bootstrap import Services
from marketplace.exports.plain import stored_events
from tests.story import Formed, eur, form_consortium, request_quote, submit_full_quote

EVENT_LINK = re.compile(r'href="/workspace/audit/events/(\d+)"')
BUYER_EMAIL = "auditor-test-buyer@example.org"
MANAGER = user("0f0e0d0c-0000-4000-8000-000000000001", ["manager"])
# How the auditor's pages show MANAGER, an account this history never opened: its id,
# one click away (web/workspace/audit/naming.py).
MANAGER_SHOWN = ('user:<details class="audit-id"><summary>0f0e0d0c…</summary>'
                 "<code>0f0e0d0c-0000-4000-8000-000000000001</code></details> (manager)")


@dataclass
class AuditWorld:
    metal: Formed
    marine: Formed
    bid: UUID
    requested_at: datetime
    awarded_at: datetime


def build(services: Services) -> AuditWorld:
    """Metal and marine formed on day 1; a bid asked on day 2, quoted on 3, awarded on 5."""
    app, clock = services.marketplace, services.marketplace.clock
    # Said outright: a request made earlier in this thread may have left its actor set.
    with acting_as(SYSTEM):
        metal = form_consortium(app, "metal")
        marine = form_consortium(app, "marine")
    requested_at = clock.advance(days=1)
    with acting_as(BUYER):
        bid = request_quote(app, metal.consortium, contact_email=BUYER_EMAIL)
    clock.advance(days=1)
    with acting_as(MANAGER):
        submit_full_quote(app, metal, bid)
    clock.advance(days=1)
    with acting_as(BUYER):
        app.accept_quote(bid)
    awarded_at = clock.advance(days=1)
    with acting_as(MANAGER):
        app.award_contract(bid, eur("440000"), dict(zip(
            metal.memberships, [eur("80000"), eur("260000"), eur("100000")], strict=True)),
            "PO-2025-0001")
    return AuditWorld(metal, marine, bid, requested_at, awarded_at)


def stored(services: Services) -> list[tuple[int, Any]]:
    """Every stored event with its position: the truth the screens are checked against."""
    return list(stored_events(services.marketplace))


def listed(html: str) -> list[int]:
    """The positions a log page lists, in the order shown."""
    return [int(n) for n in EVENT_LINK.findall(html)]


def log_positions(client: FlaskClient, query: str) -> list[int]:
    """Every position the log lists for a filter, following its "load more" links."""
    positions: list[int] = []
    after = 0
    while True:
        response = client.get(f"/workspace/audit/?{query}&after={after}")
        assert response.status_code == 200
        page = listed(response.get_data(as_text=True))
        positions += page
        if "Load more" not in response.get_data(as_text=True):
            return positions
        after = page[-1]


def run_check(client: FlaskClient, services: Services, url: str,
              data: dict[str, str] | None = None) -> str:
    """Ask for a check from its form, let a job runner (the projector process's, here in
    this thread) take it, wait as its page does, and return the finished page."""
    started = client.post(url, data=data or {})
    assert started.status_code == 303, started.get_data(as_text=True)[:300]
    job = started.headers["Location"]
    waiting = client.get(job, headers={"HX-Request": "true"}).get_data(as_text=True)
    assert "Waiting for a job runner" in waiting and "hx-trigger" in waiting
    assert JobRunner(services, services.audit_jobs).run_once() is not None
    for _ in range(600):
        fragment = client.get(job, headers={"HX-Request": "true"}).get_data(as_text=True)
        if "hx-trigger" not in fragment:  # the fragment stops polling once the result is in
            return client.get(job).get_data(as_text=True)
        time.sleep(0.05)
    raise AssertionError(f"the check at {job} did not finish")
