"""Steps of features/buyer_space.feature: the buyer's own space, signed in by a mailed link."""

from __future__ import annotations

import re
from uuid import UUID

import pytest
from pytest_bdd import given, parsers, scenarios, then, when

from marketplace.application import Marketplace
from marketplace.bidding.tracking import find_tracked_request
from marketplace.bootstrap import Services
from marketplace.buyers.queries import buyer_requests
from marketplace.errors import BuyerLinkError
from marketplace.ports import SteppingClock
from tests.integration.test_outbox import Kept
from tests.story import request_quote

scenarios("buyer_space.feature")

SIGN_IN = re.compile(r"/buyer/sign-in/([A-Za-z0-9_-]{43})$", re.MULTILINE)
TRACKING = re.compile(r"/rfq/([A-Za-z0-9_-]{43})$", re.MULTILINE)


@pytest.fixture
def post(services: Services) -> Kept:
    """The buyers' mailbox: every mail the outbox sends."""
    kept = Kept()
    services.outbox.transport = kept
    return kept


@pytest.fixture
def sent_from() -> dict[str, list[UUID]]:
    return {}


def delivered(services: Services, post: Kept, kind: re.Pattern[str]) -> list[tuple[str, str]]:
    """(recipient, token) of every link of this kind mailed so far."""
    services.outbox.send_due(services.marketplace.clock.now())
    return [(str(message["To"]), found) for message in post.messages
            for found in kind.findall(message.get_content())]


@given(parsers.re(r"(?P<count>\d+) requests? for quotation (?:was|were) sent from "
                  r'"(?P<email>[^"]+)"'))
def rfqs_sent(app: Marketplace, consortium: UUID, sent_from: dict[str, list[UUID]],
              post: Kept, count: str, email: str) -> None:
    sent_from[email] = [request_quote(app, consortium, contact_email=email,
                                      organisation=f"Buyer {n} of {email}")
                        for n in range(int(count))]


@when(parsers.parse('the buyer asks for a sign-in link for "{email}"'))
def ask_link(app: Marketplace, email: str) -> None:
    app.ask_buyer_sign_in(email, language="es")


@then(parsers.parse('a sign-in mail goes to "{email}"'), target_fixture="link")
def sign_in_mail(services: Services, post: Kept, email: str) -> str:
    [(to, token)] = delivered(services, post, SIGN_IN)
    assert email in to
    return token


@then("the link signs the buyer in once", target_fixture="buyer_key")
def signs_in_once(app: Marketplace, link: str) -> str:
    key = app.sign_in_buyer(link)
    with pytest.raises(BuyerLinkError):
        app.sign_in_buyer(link)
    return key


@then(parsers.parse('the buyer sees {count:d} requests, and none sent from "{other}"'))
def sees_own(services: Services, buyer_key: str, sent_from: dict[str, list[UUID]],
             count: int, other: str) -> None:
    listed = {row["bid_id"] for row in buyer_requests(services.engine,
                                                      services.marketplace.vault, buyer_key)}
    assert len(listed) == count
    assert not listed & {str(bid) for bid in sent_from[other]}


@when("the buyer has the private link of their first request sent again",
      target_fixture="old_link")
def resend(services: Services, post: Kept, buyer_key: str, sent_from: dict[str, list[UUID]]
           ) -> str:
    first = str(sent_from["lucia@acero-mx.example"][0])
    old = next(token for _to, token in delivered(services, post, TRACKING)
               if (find_tracked_request(services.engine, token) or {}).get("bid_id") == first)
    services.marketplace.resend_tracking_link(buyer_key, first)
    return old


@then("a mail carries a new private link, which opens the request", target_fixture="new_link")
def new_link(services: Services, post: Kept, sent_from: dict[str, list[UUID]]) -> str:
    _to, token = delivered(services, post, TRACKING)[-1]
    found = find_tracked_request(services.engine, token)
    assert found is not None and found["bid_id"] == str(sent_from["lucia@acero-mx.example"][0])
    return token


@then("the old private link no longer opens it")
def old_closed(services: Services, old_link: str) -> None:
    assert find_tracked_request(services.engine, old_link) is None


@then("no sign-in mail goes out")
def no_mail(services: Services, post: Kept) -> None:
    assert delivered(services, post, SIGN_IN) == []


@when(parsers.parse("{minutes:d} minutes pass"), target_fixture="link")
def minutes_pass(services: Services, post: Kept, minutes: int) -> str:
    [(_to, token)] = delivered(services, post, SIGN_IN)
    # The sessions' clock (the wall clock here): the link's time is not the business's.
    sessions = services.marketplace.sessions
    assert sessions is not None
    later = SteppingClock(sessions.clock.now())
    later.advance(minutes=minutes)
    sessions.clock = later
    return token


@when(parsers.parse('the personal data of "{email}" is erased on request'),
      target_fixture="link")
def erased(services: Services, post: Kept, email: str) -> str:
    [(_to, token)] = delivered(services, post, SIGN_IN)
    services.marketplace.erase_personal_data(email, "The buyer asked.")
    return token


@then("the link no longer signs anyone in")
def link_closed(app: Marketplace, link: str) -> None:
    with pytest.raises(BuyerLinkError):
        app.sign_in_buyer(link)


@then(parsers.parse('no request is listed under "{email}"'))
def nothing_listed(services: Services, email: str) -> None:
    vault = services.marketplace.vault
    assert buyer_requests(services.engine, vault, vault.digest_of(email)) == []
