"""The fast full rebuild: its decoder equals the mapper, its tables the incremental build's."""

from __future__ import annotations

from collections.abc import Sequence

import pytest
from eventsourcing.persistence import Notification
from sqlalchemy import inspect
from sqlalchemy.engine import Engine

from bench.generate import Generator
from marketplace.application import Marketplace
from marketplace.bootstrap import Services
from marketplace.ports import SteppingClock
from marketplace.projection import rebuild
from marketplace.projection.decoding import decoder
from marketplace.projection.projector import Projector
from marketplace.projection.readmodels import READ_MODEL_TABLES
from tests.integration.test_projector import build_history, log_position, scratch_engine
from tests.story import form_consortium

__all__ = ["scratch_engine"]  # the fixture, shared with the projector's tests


def every_notification(app: Marketplace) -> Sequence[Notification]:
    return app.recorder.select_notifications(1, log_position(app) + 1)


def indexes(engine: Engine) -> dict[str, list[tuple[str, tuple[str, ...], bool]]]:
    found = inspect(engine)
    return {table.name: sorted((ix["name"] or "", tuple(c or "" for c in ix["column_names"]),
                                bool(ix["unique"])) for ix in found.get_indexes(table.name))
            for table in READ_MODEL_TABLES}


def assert_decoded_as_the_mapper_does(app: Marketplace) -> set[str]:
    """Every stored event, through both decoders; the topics seen."""
    decode = decoder(app.mapper)
    topics = set()
    for notification in every_notification(app):
        fast, reference = decode(notification), app.mapper.to_domain_event(notification)
        assert type(fast) is type(reference), notification.topic
        assert fast.__dict__ == reference.__dict__, notification.topic
        assert {k: type(v) for k, v in fast.__dict__.items()} == \
               {k: type(v) for k, v in reference.__dict__.items()}, notification.topic
        topics.add(notification.topic)
    return topics


def test_the_fast_decoder_gives_the_mappers_events_on_a_generated_log(app: Marketplace) -> None:
    Generator(app, 1_500).run()
    assert len(assert_decoded_as_the_mapper_does(app)) >= 25


def test_a_full_rebuild_equals_the_event_by_event_build_across_pages_and_spills(
    services: Services, app: Marketplace, clock: SteppingClock, scratch_engine: Engine,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    build_history(app, clock)
    assert len(assert_decoded_as_the_mapper_does(app)) >= 50
    # Built inline, one command's events at a time, as a serving process builds them.
    event_by_event = services.projector.table_rows()
    assert all(event_by_event.values()), [n for n, rows in event_by_event.items() if not rows]
    index_before = indexes(services.engine)
    small_batches = Projector(app, scratch_engine)
    assert small_batches.catch_up(batch_size=3) == log_position(app)
    # Many pages, and tables written out and read back from the database mid-rebuild.
    monkeypatch.setattr(rebuild, "PAGE", 7)
    monkeypatch.setattr(rebuild, "KEEP_ROWS", 5)

    assert services.projector.rebuild() == log_position(app)

    assert services.projector.position() == log_position(app)
    assert services.projector.table_rows() == event_by_event == small_batches.table_rows()
    assert indexes(services.engine) == index_before  # the dropped indexes are back
    # And incremental catch-up goes on from the rebuilt position.
    app.plan_meeting(form_consortium(app, "later").consortium, clock.now().date(),
                     "After the rebuild")
    small_batches.catch_up(batch_size=2)
    assert services.projector.table_rows() == small_batches.table_rows()


def test_a_rebuild_that_fails_midway_leaves_the_read_models_and_position_as_they_were(
    services: Services, app: Marketplace, clock: SteppingClock,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    build_history(app, clock)
    before, position, index_before = (services.projector.table_rows(),
                                      services.projector.position(), indexes(services.engine))
    monkeypatch.setattr(rebuild, "PAGE", 20)
    monkeypatch.setattr(rebuild, "KEEP_ROWS", 10)

    def power_cut(done: int, total: int) -> None:
        if done >= 60:
            raise RuntimeError("power cut")

    with pytest.raises(RuntimeError, match="power cut"):
        services.projector.rebuild(progress=power_cut)

    assert services.projector.position() == position
    assert services.projector.table_rows() == before
    assert indexes(services.engine) == index_before
    assert services.projector.rebuild() == log_position(app)  # a re-run starts afresh
    assert services.projector.table_rows() == before
