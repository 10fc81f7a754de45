"""Two gunicorn instances and a projector on one PostgreSQL and one Redis, under load and
under kill -9.

Buyers post RFQs through the API and two managers decide the same bids at the same time,
through both instances. Afterwards every acknowledged request is in the event store
exactly once, every refusal left nothing behind, and the read models equal a replay.
"""

from __future__ import annotations

import os
import signal
import time
import uuid
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import redis

from marketplace.bootstrap import Services, bootstrap
from tests.conftest import POSTGRES_URL, REDIS_URL, drop_schema, require_postgres
from tests.integration.scale.checks import (
    assert_answers_were_honest,
    assert_each_rfq_mailed_once,
    assert_replay_matches,
    assert_tracking_pages_answer,
    marks_in_store,
    wait_until_projected,
)
from tests.integration.scale.cluster import Cluster
from tests.integration.scale.load import Load, Outcome, signed_in
from tests.story import form_consortium, request_quote

BUYERS = 40
BIDS = 6
PASSWORD = "correct horse battery"

pytestmark = pytest.mark.slow


@dataclass
class World:
    cluster: Cluster
    services: Services
    bases: list[str]
    bids: list[str]
    manager_email: str
    redis_prefix: str


@pytest.fixture
def world(tmp_path: Path, redis_prefix: str) -> Iterator[World]:
    require_postgres()
    schema = f"t_{uuid.uuid4().hex[:12]}"
    url = f"{POSTGRES_URL}?schema={schema}"
    services = bootstrap(url, inline_projection=False)
    # As deployed behind several workers: the rate limits count in Redis.
    cluster = Cluster(url, tmp_path, redis_url=REDIS_URL, redis_prefix=redis_prefix)
    try:
        app = services.marketplace
        formed = form_consortium(app)
        email = f"manager-{uuid.uuid4().hex[:6]}@example.org"
        app.open_account(name="Ana Ruiz", email=email, password=PASSWORD,
                         grants=[("manager", str(formed.consortium))])
        bids = [str(request_quote(app, formed.consortium)) for _ in range(BIDS)]
        cluster.start_projector()
        bases = [cluster.start_web(), cluster.start_web()]
        yield World(cluster, services, bases, bids, email, redis_prefix)
    finally:
        cluster.close()
        services.close()
        drop_schema(schema)


def tasks_for(world: World, load: Load) -> list[Callable[[], Outcome]]:
    """Buyers on both instances; on each bid, two managers who disagree, twice over."""
    managers = [signed_in(base, world.manager_email, PASSWORD) for base in world.bases]
    for session, base in zip(managers, world.bases, strict=True):
        # A session's CSRF token is made on its first form: two threads making it at once
        # would each get one, and one of them would be refused (a 400, honestly).
        session.get(f"{base}/workspace/desk/rfq/{world.bids[0]}", timeout=30)
    tasks = [load.buyer(n) for n in range(BUYERS)]
    for bid in world.bids:
        for first, second in (("qualify", "decline"), ("decline", "qualify")):
            tasks.append(load.manager(managers[0], world.bases[0], bid, first))
            tasks.append(load.manager(managers[1], world.bases[1], bid, second))
    return tasks


def check(world: World, outcomes: list[Outcome]) -> None:
    wait_until_projected(world.services)
    found, bids = marks_in_store(world.services)
    assert_answers_were_honest(outcomes, found)
    assert_each_rfq_mailed_once(world.services, outcomes, bids)
    assert_tracking_pages_answer(world.cluster, world.bases, outcomes)
    assert_replay_matches(world.cluster)


def test_two_instances_and_a_projector_lose_nothing_under_load(world: World) -> None:
    load = Load(world.bases)
    load.run(tasks_for(world, load))

    assert len(load.outcomes) == BUYERS + 4 * BIDS
    assert [o for o in load.outcomes if o.status is None] == []  # nobody was killed here
    # The workers counted the requests in the one Redis, not each in its memory (looked at
    # at once: a count expires with its minute).
    counted = redis.Redis.from_url(REDIS_URL).keys(f"*{world.redis_prefix}*")
    assert counted, "no rate-limit count in Redis"
    answers = Counter(o.status for o in load.outcomes if o.kind == "rfq")
    assert answers == {201: BUYERS}, answers
    check(world, load.outcomes)


def test_killed_worker_and_projector_lose_nothing_acknowledged(world: World) -> None:
    load = Load(world.bases)
    killed: list[int] = []

    def crash() -> None:
        port = next(iter(world.cluster.webs))
        victim = world.cluster.web_workers(port)[0]
        world.cluster.kill_projector()
        os.kill(victim, signal.SIGKILL)
        killed.append(victim)
        time.sleep(1.0)  # the load goes on without a projector meanwhile
        world.cluster.start_projector()

    load.run(tasks_for(world, load), midway=crash)

    assert killed
    port = next(iter(world.cluster.webs))
    # gunicorn replaced the killed worker; the instance still serves.
    assert killed[0] not in world.cluster.web_workers(port)
    check(world, load.outcomes)
