"""Steps of features/corrections.feature about a quote revised before the buyer answers.

The manager works through the desk's forms and the auditor reads the bid's history,
through the Flask test client, so each event is recorded with who made it. Imported by
tests/bdd/test_corrections.py; runs on SQLite and PostgreSQL like every scenario.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import timedelta
from uuid import UUID

from flask.testing import FlaskClient
from pytest_bdd import given, parsers, then, when

from marketplace.bidding.tokens import new_token
from marketplace.bootstrap import Services
from tests.bdd.support import money
from tests.story import eur, form_consortium, request_quote
from tests.web.conftest import TEST_CONFIG
from tests.web.signin import sign_in
from web import create_app

# What each stage's member committed: EUR 400,000 in all, so a 10 % margin quotes 440,000.
PRICES = {"design": "20000", "engineering": "30000", "manufacturing": "250000",
          "logistics": "40000", "installation": "60000"}
BY_MEMBER = [["design", "engineering"], ["manufacturing"], ["logistics", "installation"]]


@dataclass
class QuotedBid:
    services: Services
    manager: FlaskClient
    bid: UUID
    token: str
    answer: int = 0  # the status of the manager's last form


def _client(services: Services) -> FlaskClient:
    return create_app(services=services, config=TEST_CONFIG).test_client()


def _post(quoted: QuotedBid, path: str, **data: str) -> int:
    app = quoted.services.marketplace
    valid_until = app.clock.now().date() + timedelta(days=45)
    response = quoted.manager.post(f"/workspace/desk/rfq/{quoted.bid}/{path}", data={
        "valid_until": valid_until.isoformat(), "lead_time_days": "120",
        "version": str(app.get_bid(quoted.bid).version), **data})
    return response.status_code


@given(parsers.parse("the manager of the {slug} consortium has quoted EUR {price} for a "
                     "buyer's full-service request"), target_fixture="quoted")
def manager_quoted(services: Services, slug: str, price: str) -> QuotedBid:
    app = services.marketplace
    formed = form_consortium(app, slug=f"{slug}q")
    token = new_token()
    bid = request_quote(app, formed.consortium, tracking_token=token)
    app.qualify_rfq(bid, "Fits our capacity.")
    due = app.clock.now().date() + timedelta(days=3)
    for membership, stages in zip(formed.memberships, BY_MEMBER, strict=True):
        for stage in stages:
            app.request_contribution(bid, stage, membership, due)
            app.commit_contribution(bid, stage, membership, eur(PRICES[stage]), 60)
    manager = _client(services)
    sign_in(manager, services, "manager", str(formed.consortium))
    quoted = QuotedBid(services, manager, bid, token)
    margin = (money(f"EUR {price}").amount / 400000 - 1) * 100
    assert _post(quoted, "quote", margin=f"{margin:.2f}") == 303
    return quoted


@when(parsers.parse('the manager revises the quote to EUR {price} because "{reason}"'))
def revise(quoted: QuotedBid, price: str, reason: str) -> None:
    margin = (money(f"EUR {price}").amount / 400000 - 1) * 100
    quoted.answer = _post(quoted, "quote/revision", margin=f"{margin:.2f}",
                          reason=reason)


@then(parsers.parse("the buyer's tracking page shows EUR {shown}, not EUR {gone}"))
def buyer_sees_current(quoted: QuotedBid, shown: str, gone: str) -> None:
    assert quoted.answer == 303
    html = _client(quoted.services).get(f"/rfq/{quoted.token}").get_data(as_text=True)
    assert shown in html and gone not in html


@then(parsers.parse('the desk shows both quotes, the revised one saying "{reason}"'))
def desk_shows_both(quoted: QuotedBid, reason: str) -> None:
    html = quoted.manager.get(f"/workspace/desk/rfq/{quoted.bid}/quote").get_data(as_text=True)
    history = html[html.index('class="desk-table quote-history"'):]
    rows = re.findall(r"<tr[ >].*?</tr>", history, flags=re.S)[1:]
    assert len(rows) == 2 and reason in rows[1] and "current" in rows[1]


@when("the auditor opens the bid's history", target_fixture="history")
def auditor_opens(quoted: QuotedBid) -> str:
    auditor = _client(quoted.services)
    sign_in(auditor, quoted.services, "auditor")
    response = auditor.get(f"/workspace/audit/aggregates/{quoted.bid}")
    assert response.status_code == 200
    return response.get_data(as_text=True)


@then("the auditor sees the quote and its revision, each recorded by the manager")
def auditor_sees_both(history: str) -> None:
    submitted, revised = history.index("Bid.QuoteSubmitted"), history.index("Bid.QuoteRevised")
    assert submitted < revised
    assert "(manager)" in history[submitted:revised] and "(manager)" in history[revised:]


@then(parsers.parse('the revision names the quote it replaces and says "{reason}"'))
def revision_names(quoted: QuotedBid, history: str, reason: str) -> None:
    quote = quoted.services.marketplace.get_bid(quoted.bid).quote
    assert quote is not None and quote["corrects"] == quote["revisions"][-1]["version"]
    assert reason in history[history.index("Bid.QuoteRevised"):]


@when("the buyer accepts the quote")
def buyer_accepts(quoted: QuotedBid) -> None:
    quoted.services.marketplace.accept_quote(quoted.bid)


@then("the manager can no longer revise it")
def no_more_revisions(quoted: QuotedBid) -> None:
    version = quoted.services.marketplace.get_bid(quoted.bid).version
    assert _post(quoted, "quote/revision", margin="5", reason="Too late") == 422
    assert quoted.services.marketplace.get_bid(quoted.bid).version == version
