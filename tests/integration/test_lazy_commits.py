"""What may commit without waiting for the disk, and what may not (projection/durability.py).

Read models, the outbox's rows, their positions, a vault record before its event and an
idempotency key's claim are flushed by the next commit of events; everything else, and
the events themselves, wait for the disk.
"""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import text
from sqlalchemy.engine import Engine

from marketplace.bootstrap import Services
from tests.story import form_consortium, request_quote


def _waits_for_disk(engine: Engine) -> bool:
    with engine.connect() as conn:
        if conn.dialect.name == "postgresql":
            # The test databases themselves skip the flush (tests/pgstores.py), so what
            # tells the engines apart is who set it: a lazy engine turns it off for its
            # own connections, a durable one keeps the server's or the database's setting.
            setting, source = conn.execute(text(
                "SELECT setting, source FROM pg_settings WHERE name = 'synchronous_commit'"
            )).one()
            return not (setting == "off" and source == "client")
        return conn.execute(text("PRAGMA synchronous")).scalar() == 2  # FULL


def test_only_what_a_later_commit_of_events_flushes_commits_lazily(services: Services) -> None:
    vault: Any = services.marketplace.vault
    assert services.idempotency is not None
    lazy = (services.projector.engine, services.outbox.writer.engine, vault.keep_engine,
            services.idempotency.claim_engine)
    assert not any(_waits_for_disk(engine) for engine in lazy)
    # The sessions, erasures, kept answers, sent marks and every query: the durable engine.
    durable = (services.engine, vault.engine, services.idempotency.engine,
               services.outbox.sender.engine)
    assert all(_waits_for_disk(engine) for engine in durable)


def test_the_projector_and_the_outbox_follow_commands_on_their_lazy_engine(
        services: Services) -> None:
    formed = form_consortium(services.marketplace)
    request_quote(services.marketplace, formed.consortium)
    head = services.marketplace.recorder.max_notification_id()
    assert services.projector.position() == head
    assert services.outbox.writer.position() == head
    assert services.outbox.catch_up() == 0 and services.projector.catch_up() == 0


def test_a_first_rfq_that_fails_leaves_the_cached_consortium_without_a_code(
        services: Services, monkeypatch: pytest.MonkeyPatch) -> None:
    """The consortium a command only reads is the cached one itself; the first RFQ changes
    it (it takes its code), so it changes a copy: a failed save leaves the cache as it was."""
    app = services.marketplace
    formed = form_consortium(app)
    assert app.get_consortium(formed.consortium).code is None

    def refuse(*_objs: object, **_kwargs: object) -> None:
        raise RuntimeError("the store went away")

    monkeypatch.setattr(app, "save", refuse)
    with pytest.raises(RuntimeError):
        request_quote(app, formed.consortium)
    monkeypatch.undo()
    assert app.get_consortium(formed.consortium).code is None
    request_quote(app, formed.consortium)
    assert app.get_consortium(formed.consortium).code is not None
