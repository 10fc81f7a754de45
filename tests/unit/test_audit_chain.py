"""The chain's canonical form and links: unambiguous, keyed, and the same as written down."""

from __future__ import annotations

import hashlib
import hmac
from types import SimpleNamespace
from uuid import UUID

import pytest

from marketplace.audit.chain import GENESIS, Chain, Head, canonical
from marketplace.audit.verify import parse_head
from marketplace.errors import ConfigurationError

BID = UUID("0ce82716-a184-56f8-beb6-65621e9b8c87")


def stored(version: int = 1, topic: str = "domain.bid:Bid.Requested",
           state: bytes = b'{"a":1}') -> SimpleNamespace:
    return SimpleNamespace(originator_id=BID, originator_version=version, topic=topic,
                           state=state)


def test_a_link_is_the_hmac_of_the_previous_hash_and_the_canonical_form() -> None:
    event = stored(3)
    expected = hmac.new(b"key", GENESIS + canonical(7, BID, 3, event.topic, event.state),
                        hashlib.sha256).digest()
    assert Chain(b"key").link(GENESIS, 7, event) == expected


def test_moving_bytes_between_fields_changes_the_canonical_form() -> None:
    assert canonical(1, BID, 1, "ab", b"c") != canonical(1, BID, 1, "a", b"bc")


def test_another_key_or_position_gives_another_link() -> None:
    event = stored()
    link = Chain(b"key").link(GENESIS, 1, event)
    assert Chain(b"other").link(GENESIS, 1, event) != link
    assert Chain(b"key").link(GENESIS, 2, event) != link


def test_rows_chain_each_link_to_the_one_before() -> None:
    chain = Chain(b"key")
    first, second = chain.rows(GENESIS, [(1, stored(1)), (4, stored(2))])
    assert (second.position, second.originator_id, second.originator_version) == (4, str(BID), 2)
    assert second.hash == chain.link(first.hash, 4, stored(2))


def test_a_head_reads_back_as_printed() -> None:
    head = Head(bytes(range(32)), 1551)
    assert parse_head(str(head)) == head
    for bad in ("", "abc@1", f"{'00' * 32}@0", f"{'00' * 32}", f"{'zz' * 32}@3"):
        with pytest.raises(ConfigurationError, match="HASH@POSITION"):
            parse_head(bad)
