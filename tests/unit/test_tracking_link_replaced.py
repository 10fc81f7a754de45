"""A Bid's tracking link replaced: a new digest, never the old one, never a token."""

from __future__ import annotations

import pytest

from domain.bid import Bid
from domain.errors import InvalidValueError
from marketplace.application import Marketplace
from marketplace.bidding.tokens import new_token, token_digest
from tests.story import form_consortium, request_quote


def test_a_new_digest_replaces_the_old_one(memory_app: Marketplace) -> None:
    bid = memory_app.get_bid(request_quote(memory_app, form_consortium(memory_app).consortium))
    new = token_digest(new_token())
    bid.replace_tracking_link(new)
    assert bid.tracking == new
    assert isinstance(bid.collect_events()[-1], Bid.TrackingLinkReplaced)


@pytest.mark.parametrize("what", ["same", "token", "short", "upper"])
def test_a_link_that_is_not_a_new_digest_is_refused(memory_app: Marketplace, what: str) -> None:
    bid = memory_app.get_bid(request_quote(memory_app, form_consortium(memory_app).consortium))
    token = new_token()
    value = {"same": bid.tracking, "token": token, "short": token_digest(token)[:40],
             "upper": token_digest(token).upper()}[what]
    before = bid.tracking
    with pytest.raises(InvalidValueError):
        bid.replace_tracking_link(value)
    assert bid.tracking == before and bid.collect_events() == []
