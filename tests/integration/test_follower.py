"""The projector's own process: it follows the log, and a web command waits for it."""

from __future__ import annotations

import threading
import time
import uuid

import pytest
from click.testing import CliRunner

from consortia.cli import main
from marketplace.bootstrap import bootstrap, wait_for_projector
from marketplace.projection.follower import Follower
from marketplace.storefront.catalog import list_consortia
from tests.conftest import POSTGRES_URL, drop_schema, require_postgres
from tests.story import METAL, form_consortium, request_quote


def test_a_command_returns_once_the_following_projector_has_applied_it(store_url: str) -> None:
    projecting = bootstrap(store_url, inline_projection=False)
    web = bootstrap(store_url, external_projector=True)
    follower = Follower(projecting, interval=0.2)
    thread = threading.Thread(target=follower.run, daemon=True)
    thread.start()
    try:
        formed = form_consortium(web.marketplace)
        bid = request_quote(web.marketplace, formed.consortium)
        # No waiting here: the command itself waited until the other projector had it.
        head = web.marketplace.recorder.max_notification_id()
        assert web.projector.position() == head
        assert web.projector.app.get_bid(bid).status == "requested"
        # The round that applied the RFQ goes on to the outbox: once it has ended (stop
        # lets it finish), the follower's outbox has done its part and nothing is left.
        follower.stop()
        thread.join(10)
        assert not thread.is_alive()
        assert projecting.outbox.catch_up() == 0
    finally:
        follower.stop()
        thread.join(10)
        web.close()
        projecting.close()
    assert not thread.is_alive()


def test_without_a_projector_a_command_waits_a_bounded_time_and_keeps_its_events(
        store_url: str, caplog: pytest.LogCaptureFixture) -> None:
    web = bootstrap(store_url, external_projector=True)
    try:
        web.marketplace.on_saved = wait_for_projector(web.projector, timeout=0.05)
        consortium = web.marketplace.propose_consortium(
            slug="metal", name="Metal Export Consortium", agency="SODERCAN", region="ES-CB",
            sector=METAL)
        assert "is `consortia project` running?" in caplog.text
        assert web.projector.position() == 0  # nobody projected it...
        assert web.marketplace.get_consortium(consortium).version == 1  # ...yet it is stored
    finally:
        web.close()


def test_project_once_catches_up_and_exits(store_url: str) -> None:
    services = bootstrap(store_url, inline_projection=False)
    try:
        form_consortium(services.marketplace)
        head = services.marketplace.recorder.max_notification_id()
    finally:
        services.close()
    result = CliRunner().invoke(main, ["project", "--database-url", store_url, "--once"])
    assert result.exit_code == 0, result.output
    assert f"Read models at position {head:,}" in result.output


def test_on_postgresql_a_commit_wakes_the_follower_before_its_poll_interval() -> None:
    """The follower LISTENs for the NOTIFY each insert sends: a command's event reaches
    the read models in far less than the poll interval, which here is a minute."""
    require_postgres()
    schema = f"t_{uuid.uuid4().hex[:12]}"
    url = f"{POSTGRES_URL}?schema={schema}"
    projecting = bootstrap(url, inline_projection=False)
    web = bootstrap(url, inline_projection=False)
    rounds: list[int] = []
    follower = Follower(projecting, interval=60.0)
    thread = threading.Thread(target=follower.run, kwargs={"on_round": rounds.append},
                              daemon=True)
    try:
        thread.start()
        deadline = time.monotonic() + 10
        while not rounds and time.monotonic() < deadline:  # its first round, then it waits
            time.sleep(0.01)
        assert rounds, "the follower never finished its first round"
        committed = time.monotonic()
        consortium = web.marketplace.propose_consortium(
            slug="metal", name="Metal Export Consortium", agency="SODERCAN", region="ES-CB",
            sector=METAL)
        head = web.marketplace.recorder.max_notification_id()
        while web.projector.position() < head and time.monotonic() < committed + 10:
            time.sleep(0.005)
        waited = time.monotonic() - committed
        assert web.projector.position() == head
        assert waited < 5.0, f"the read models took {waited:.1f}s: the NOTIFY did not wake it"
        assert [c["consortium_id"] for c in list_consortia(web.engine)] == [str(consortium)]
    finally:
        follower.stop()
        thread.join(10)
        web.close()
        projecting.close()
        drop_schema(schema)
    assert not thread.is_alive()
