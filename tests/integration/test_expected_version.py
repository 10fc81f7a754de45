"""A decision made on a page refuses to apply once someone else changed what the page showed."""

from __future__ import annotations

import pytest

from marketplace.application import Marketplace
from marketplace.errors import ConflictError
from tests.story import form_consortium, request_quote


def test_a_command_at_the_version_seen_goes_through(memory_app: Marketplace) -> None:
    formed = form_consortium(memory_app)
    bid = request_quote(memory_app, formed.consortium)
    seen = memory_app.get_bid(bid).version
    with memory_app.expecting(bid, seen):
        memory_app.qualify_rfq(bid, "Fits our capacity.")
    assert memory_app.get_bid(bid).status == "qualified"


def test_a_command_on_a_changed_aggregate_is_refused_and_writes_nothing(
        memory_app: Marketplace) -> None:
    formed = form_consortium(memory_app)
    bid = request_quote(memory_app, formed.consortium)
    seen = memory_app.get_bid(bid).version
    memory_app.qualify_rfq(bid, "Another manager took it on first.")
    changed = memory_app.get_bid(bid).version
    with memory_app.expecting(bid, seen), pytest.raises(ConflictError, match="changed since"):
        memory_app.decline_rfq(bid, "Out of scope.")
    assert memory_app.get_bid(bid).version == changed
    assert memory_app.get_bid(bid).status == "qualified"
    # Outside the block nothing is expected any more.
    memory_app.decline_rfq(bid, "Out of scope after all.")
    assert memory_app.get_bid(bid).status == "declined"


def test_commands_in_one_block_follow_their_own_saves(memory_app: Marketplace) -> None:
    formed = form_consortium(memory_app)
    bid = request_quote(memory_app, formed.consortium)
    with memory_app.expecting(bid, memory_app.get_bid(bid).version):
        memory_app.qualify_rfq(bid, "Fits our capacity.")
        memory_app.decline_rfq(bid, "On second thoughts, out of scope.")
    assert memory_app.get_bid(bid).status == "declined"
