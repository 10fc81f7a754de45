"""The fast decoder with what a store may have on: a cipher, compression, JSON orjson refuses."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from uuid import uuid4

from eventsourcing.compressor import ZlibCompressor
from eventsourcing.cryptography import AESCipher
from eventsourcing.persistence import Mapper, StoredEvent
from eventsourcing.utils import Environment, get_topic

from domain.bid import Bid
from domain.money import Money
from marketplace.application import Marketplace
from marketplace.ports import SteppingClock
from marketplace.projection.decoding import decoder
from tests.story import form_consortium, request_quote

START = datetime(2025, 1, 6, 9, 0, tzinfo=UTC)


def stored_and_events(app: Marketplace) -> list[tuple[StoredEvent, object]]:
    notifications = app.recorder.select_notifications(1, 10_000)
    return [(n, app.mapper.to_domain_event(n)) for n in notifications]


def test_an_encrypted_and_compressed_store_decodes_as_the_mapper_does() -> None:
    app = Marketplace({"PERSISTENCE_MODULE": "eventsourcing.popo"}, clock=SteppingClock(START))
    formed = form_consortium(app)
    request_quote(app, formed.consortium)
    key = AESCipher.create_key(16)
    cipher = AESCipher(Environment(env={"CIPHER_KEY": key}))
    sealed = Mapper(transcoder=app.mapper.transcoder, cipher=cipher, compressor=ZlibCompressor())
    decode = decoder(sealed)
    pairs = stored_and_events(app)
    assert len(pairs) > 20
    for _, event in pairs:
        stored = sealed.to_stored_event(event)  # type: ignore[arg-type]
        assert b"timestamp" not in stored.state  # really sealed
        again = decode(stored)
        assert type(again) is type(event)
        assert again.__dict__ == event.__dict__


def test_what_orjson_refuses_and_unknown_names_go_to_the_mapper() -> None:
    app = Marketplace({"PERSISTENCE_MODULE": "eventsourcing.popo"}, clock=SteppingClock(START))
    decode = decoder(app.mapper)
    topic = get_topic(Bid.ContributionCommitted)
    for state in (b'{"x": NaN, "n": 123456789012345678901234567890}',
                  b'{"m": {"_type_": "money", "_data_": ["1.00", "EUR"]}, "k": [1, [2]]}',
                  b'{"a": {"_type_": "uuid_hex"},'
                  b' "b": {"_type_": "date_iso", "_data_": "2024-01-02", "c": 1}}'):
        stored = StoredEvent(uuid4(), 3, topic, state)
        assert decode(stored).__dict__ == app.mapper.to_domain_event(stored).__dict__
    # Equal amounts written differently stay as written, though values are shared.
    for written in ("1.00", "1.0", "1.00"):
        state = b'{"m": {"_type_": "money", "_data_": ["%s", "EUR"]}}' % written.encode()
        stored = StoredEvent(uuid4(), 1, topic, state)
        amount, reference = decode(stored).m, app.mapper.to_domain_event(stored).m
        assert amount == reference == Money(Decimal(written), "EUR")
        assert str(amount.amount) == str(reference.amount)
    dated = decode(StoredEvent(uuid4(), 1, topic,
                               b'{"d": {"_type_": "date_iso", "_data_": "2024-01-02"}}'))
    assert dated.d == date(2024, 1, 2)
    unknown = StoredEvent(uuid4(), 1, topic, b'{"z": {"_type_": "nobody", "_data_": "x"}}')
    try:
        app.mapper.to_domain_event(unknown)
    except Exception as expected:  # the mapper's own error, raised by the fast path too
        try:
            decode(unknown)
        except Exception as raised:
            assert type(raised) is type(expected)
        else:
            raise AssertionError("the unknown name was decoded")
