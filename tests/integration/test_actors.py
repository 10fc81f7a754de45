"""Every event records who caused it, in the hash chain, where it cannot be changed quietly."""

from __future__ import annotations

import io
import json
from typing import Any

from sqlalchemy import text

from marketplace.actors import BUYER, acting_as, current_actor, user
from marketplace.audit.verify import verify
from marketplace.bootstrap import Services
from marketplace.exports.jsonl import write_jsonl
from tests.story import form_consortium, request_quote


def _exported(services: Services) -> list[dict[str, Any]]:
    out = io.StringIO()
    write_jsonl(services.marketplace, out)
    return [json.loads(line) for line in out.getvalue().splitlines()]


def test_each_event_carries_the_actor_of_its_command(services: Services) -> None:
    app = services.marketplace
    officer = user("4f1c", {"officer"})
    with acting_as(officer):
        formed = form_consortium(app, slug="metal")
    with acting_as(BUYER):
        bid = request_quote(app, formed.consortium)
    assert current_actor() == "system"  # the block ends, and so does the acting
    records = _exported(services)
    # Who created each aggregate (the buyer's first RFQ also opens the consortium's
    # register of references: a later event of the consortium, honestly the buyer's).
    by_aggregate: dict[str, str] = {}
    for r in records:
        by_aggregate.setdefault(r["aggregate_id"], r["actor"])
    assert by_aggregate[str(bid)] == BUYER
    assert by_aggregate[str(formed.consortium)] == "user:4f1c (officer)"
    assert {r["actor"] for r in records} == {officer, BUYER}
    assert verify(app.recorder).intact


def test_an_actor_changed_by_direct_sql_breaks_the_chain(services: Services) -> None:
    app = services.marketplace
    with acting_as(user("4f1c", {"officer"})):
        form_consortium(app, slug="metal")
    with services.engine.begin() as conn:
        conn.execute(text("UPDATE event_chain SET actor = 'system' WHERE position = 3"))
    report = verify(app.recorder)
    assert not report.intact
    assert report.problem is not None and report.problem.position == 3
