"""Steps of features/bidding.feature: one buyer's request, from RFQ to completed contract."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any
from uuid import UUID, uuid4

import pycountry
import pytest
from pytest_bdd import given, parsers, scenarios, then, when

from domain.errors import QuoteIncompleteError
from domain.money import Money, total
from marketplace.application import Marketplace
from marketplace.ports import SteppingClock
from tests.bdd.support import (
    Ask,
    Cast,
    Outcome,
    check_reads_well,
    day,
    judges_refusals,
    money,
    stage_list,
)
from tests.story import eur, request_quote

scenarios("bidding.feature")

PRICES = {"design": "20000", "engineering": "30000", "manufacturing": "250000",
          "logistics": "40000", "installation": "60000", "maintenance": "15000"}
# How a detail of the RFQ form, as the buyer names it, reaches the command.
RFQ_DETAILS: dict[str, tuple[str, Any]] = {
    "stages": ("stages", stage_list), "quantity": ("quantity", str),
    "quote deadline": ("quote_needed_by", day), "wanted delivery": ("wanted_delivery", day),
    "country": ("country", str), "Incoterm": ("incoterm", str),
    "named place": ("named_place", str), "currency": ("currency", str),
    "organisation": ("organisation", str), "specification": ("specification", str),
    "unit": ("unit", str),
    "contact e-mail": ("contact_email", str), "contact name": ("contact_name", str),
}


def _member_for(app: Marketplace, cast: Cast, bid: UUID, stage: str) -> UUID:
    """The first active member of the bidding consortium that declared the stage."""
    consortium = app.get_bid(bid).consortium_id
    for name in sorted(cast.memberships):
        membership = app.get_membership(cast.memberships[name])
        if (membership.consortium_id, membership.status) == (consortium, "joined") \
                and stage in membership.stages:
            return membership.id
    raise AssertionError(f"no member declared {stage}")


def _commit(app: Marketplace, cast: Cast, bid: UUID, stage: str, firm: str | None = None) -> None:
    member = cast.membership(firm) if firm else _member_for(app, cast, bid, stage)
    if f"{stage}:{member}" not in app.get_bid(bid).requests:
        app.request_contribution(bid, stage, member, app.clock.now().date() + timedelta(days=3))
    app.commit_contribution(bid, stage, member, eur(PRICES[stage]), 30)


def _award(app: Marketplace, bid: UUID) -> None:
    shares: dict[str, Money] = {}
    for contribution in app.get_bid(bid).contributions.values():
        member = contribution["membership_id"]
        shares[member] = shares.get(member, eur("0")) + contribution["price"]
    app.award_contract(bid, total(list(shares.values()), "EUR"), shares, "C-2025-001")


def _advance(app: Marketplace, cast: Cast, bid: UUID, state: str) -> None:
    """Take an RFQ along the usual road to `state`."""
    if state == "declined":
        app.decline_rfq(bid, "the delivery date is out of our reach")
        return
    if state == "requested":
        return
    app.qualify_rfq(bid, "Fits our capacity.")
    if state == "qualified":
        return
    for stage in app.get_bid(bid).stages:
        _commit(app, cast, bid, stage)
    app.submit_quote(bid, eur("440000"), app.clock.now().date() + timedelta(days=45), 120)
    if state == "rejected":
        app.reject_quote(bid, "a local yard offered a shorter lead time")
    if state in ("quoted", "rejected"):
        return
    app.accept_quote(bid)
    if state == "accepted":
        return
    _award(app, bid)
    if state == "completed":
        app.deliver_milestone(bid, "Hull blocks delivered", app.get_bid(bid).stages[0])
        app.complete_contract(bid)


def _shares(cast: Cast, text: str) -> dict[UUID, Money]:
    """'"Metal Firm 1" EUR 50,000 and "Metal Firm 2" EUR 250,000' as work shares."""
    found = re.findall(r'"([^"]+)" (\S+ [-\d,.]+)', text)
    return {cast.membership(name): money(amount.rstrip(",")) for name, amount in found}


@pytest.fixture
def bid(cast: Cast) -> UUID:
    """The RFQ a buyer made in an earlier step, for the steps that follow it."""
    assert cast.bids, "no buyer has asked for a quote yet"
    return cast.bids[-1]


# Given


@given(parsers.re(r"a buyer has asked for a quote(?: for (?P<stages>.+))?"),
       target_fixture="bid")
def asked_for_quote(app: Marketplace, cast: Cast, consortium: UUID, stages: str | None) -> UUID:
    overrides = {"stages": stage_list(stages)} if stages else {}
    bid = request_quote(app, consortium, **overrides)
    cast.bids.append(bid)
    return bid


@given("a quote has been sent to the buyer", target_fixture="bid")
def quote_sent(app: Marketplace, cast: Cast, consortium: UUID) -> UUID:
    bid = asked_for_quote(app, cast, consortium, None)
    _advance(app, cast, bid, "quoted")
    return bid


@given(parsers.parse("the RFQ is {state}"))
def rfq_in_state(app: Marketplace, cast: Cast, bid: UUID, state: str) -> None:
    _advance(app, cast, bid, state)
    assert app.get_bid(bid).status == state


@given(parsers.parse('the manager has asked "{firm}" to price {stage}'))
def has_asked(app: Marketplace, cast: Cast, bid: UUID, firm: str, stage: str) -> None:
    due = app.clock.now().date() + timedelta(days=3)
    app.request_contribution(bid, stage, cast.membership(firm), due)


@given(parsers.parse('"{firm}" has committed its price for {stages}'))
def has_committed(app: Marketplace, cast: Cast, bid: UUID, firm: str, stages: str) -> None:
    for stage in stage_list(stages):
        _commit(app, cast, bid, stage, firm)


@given(parsers.re(r"every stage(?: but (?P<left_out>\w+))? has a committed contribution"))
def every_stage_covered(app: Marketplace, cast: Cast, bid: UUID, left_out: str | None) -> None:
    for stage in app.get_bid(bid).stages:
        if stage != left_out:
            _commit(app, cast, bid, stage)


# When: the buyer's request


@when(parsers.re(r"a buyer from (?P<country>[\w ]+) asks for a quote for (?P<stages>.+), "
                 r"(?P<rule>[A-Z]{3}) (?P<place>[\w ]+), in (?P<currency>[A-Z]{3}), "
                 r"needed by (?P<needed>[\d-]+)"), target_fixture="outcome")
def buyer_asks(app: Marketplace, cast: Cast, ask: Ask, consortium: UUID, country: str,
               stages: str, rule: str, place: str, currency: str, needed: str) -> Outcome:
    code = pycountry.countries.lookup(country).alpha_2
    outcome = ask(lambda: request_quote(
        app, consortium, country=code, stages=stage_list(stages), incoterm=rule,
        named_place=place, currency=currency, quote_needed_by=day(needed)))
    if outcome.error is None:
        cast.bids.append(outcome.result)
    return outcome


@when(parsers.re(r'a buyer asks for a quote with the (?P<detail>[\w -]+?) "(?P<value>[^"]*)"'),
      target_fixture="outcome")
def buyer_asks_with(app: Marketplace, ask: Ask, consortium: UUID, detail: str,
                    value: str) -> Outcome:
    field, convert = RFQ_DETAILS[detail]
    return ask(lambda: request_quote(app, consortium, **{field: convert(value)}))


@when("a buyer asks a consortium that does not exist for a quote", target_fixture="outcome")
def buyer_asks_nobody(app: Marketplace, ask: Ask) -> Outcome:
    return ask(lambda: request_quote(app, uuid4()))


# When: triage and contributions


@when(parsers.re(r'the manager qualifies the RFQ(?: with "(?P<note>[^"]*)")?'),
      target_fixture="outcome")
def qualifies(app: Marketplace, ask: Ask, bid: UUID, note: str | None) -> Outcome:
    return ask(lambda: app.qualify_rfq(bid, "Fits our capacity." if note is None else note))


@when("the manager qualifies an RFQ that does not exist", target_fixture="outcome")
def qualifies_nothing(app: Marketplace, ask: Ask) -> Outcome:
    return ask(lambda: app.qualify_rfq(uuid4(), "Fits our capacity."))


@when(parsers.re(r'the manager declines the RFQ because "(?P<reason>[^"]*)"'),
      target_fixture="outcome")
def declines_rfq(app: Marketplace, ask: Ask, bid: UUID, reason: str) -> Outcome:
    return ask(lambda: app.decline_rfq(bid, reason))


@when(parsers.parse("the manager asks each member to price the stages it declared, by {due}"),
      target_fixture="outcome")
def asks_everyone(app: Marketplace, cast: Cast, ask: Ask, bid: UUID, due: str) -> Outcome:
    def ask_all() -> None:
        for stage in app.get_bid(bid).stages:
            app.request_contribution(bid, stage, _member_for(app, cast, bid, stage), day(due))

    return ask(ask_all)


@when(parsers.re(r'the manager asks "(?P<firm>[^"]+)" to price (?P<stage>\w+) '
                 r"(?:by (?P<due>[\d-]+)|within (?P<within>\d+) days)"), target_fixture="outcome")
def asks_member(app: Marketplace, clock: SteppingClock, cast: Cast, ask: Ask, bid: UUID,
                firm: str, stage: str, due: str | None, within: str | None) -> Outcome:
    when_due = day(due) if due else clock.now().date() + timedelta(days=int(within or 0))
    return ask(lambda: app.request_contribution(bid, stage, cast.membership(firm), when_due))


@when("the members commit their contributions:", target_fixture="outcome")
def members_commit(app: Marketplace, cast: Cast, ask: Ask, bid: UUID,
                   datatable: list[list[str]]) -> Outcome:
    def commit_all() -> None:
        for firm, stage, price, lead_time in datatable[1:]:
            app.commit_contribution(bid, stage, cast.membership(firm), money(price),
                                    int(lead_time))

    return ask(commit_all)


@when(parsers.re(r'"(?P<firm>[^"]+)" commits (?P<price>.+) for (?P<stage>\w+) '
                 r"with a lead time of (?P<days>-?\d+) days"), target_fixture="outcome")
def member_commits(app: Marketplace, cast: Cast, ask: Ask, bid: UUID, firm: str, price: str,
                   stage: str, days: str) -> Outcome:
    return ask(lambda: app.commit_contribution(bid, stage, cast.membership(firm), money(price),
                                               int(days)))


@when(parsers.re(r'"(?P<firm>[^"]+)" withdraws its (?P<stage>\w+) contribution '
                 r'because "(?P<reason>[^"]*)"'), target_fixture="outcome")
def member_withdraws(app: Marketplace, cast: Cast, ask: Ask, bid: UUID, firm: str, stage: str,
                     reason: str) -> Outcome:
    return ask(lambda: app.withdraw_contribution(bid, stage, cast.membership(firm), reason))


# When: quote, answer and contract


@when(parsers.re(r"the manager submits a quote of (?P<price>.+) valid for (?P<days>-?\d+) days "
                 r"with a lead time of (?P<lead>-?\d+) days"), target_fixture="outcome")
def submits(app: Marketplace, clock: SteppingClock, ask: Ask, bid: UUID, price: str, days: str,
            lead: str) -> Outcome:
    valid_until = clock.now().date() + timedelta(days=int(days))
    return ask(lambda: app.submit_quote(bid, money(price), valid_until, int(lead)))


@when("the buyer accepts the quote", target_fixture="outcome")
def accepts(app: Marketplace, ask: Ask, bid: UUID) -> Outcome:
    return ask(lambda: app.accept_quote(bid))


@when(parsers.parse('the buyer accepts the quote of the RFQ "{reference}"'),
      target_fixture="outcome")
def accepts_by_link(app: Marketplace, ask: Ask, reference: str) -> Outcome:
    return ask(lambda: app.accept_quote(reference))


@when(parsers.re(r'the buyer declines the quote because "(?P<reason>[^"]*)"'),
      target_fixture="outcome")
def rejects(app: Marketplace, ask: Ask, bid: UUID, reason: str) -> Outcome:
    return ask(lambda: app.reject_quote(bid, reason))


@when("the manager closes the quote as expired", target_fixture="outcome")
def expires(app: Marketplace, ask: Ask, bid: UUID) -> Outcome:
    return ask(lambda: app.expire_quote(bid))


@when(parsers.parse('the manager records the award "{reference}" of {value} with the work shares:'),
      target_fixture="outcome")
def awards(app: Marketplace, cast: Cast, ask: Ask, bid: UUID, reference: str, value: str,
           datatable: list[list[str]]) -> Outcome:
    return ask(lambda: app.award_contract(
        bid, money(value), {cast.membership(f): money(s) for f, s in datatable[1:]}, reference))


@when(parsers.re(r'the manager records the award "(?P<reference>[^"]*)" of (?P<value>[^"]+) '
                 r"with the work shares (?P<shares>.+)"), target_fixture="outcome")
def awards_inline(app: Marketplace, cast: Cast, ask: Ask, bid: UUID, reference: str, value: str,
                  shares: str) -> Outcome:
    return ask(lambda: app.award_contract(bid, money(value), _shares(cast, shares), reference))


@when(parsers.re(r'the manager records the milestone "(?P<title>[^"]*)" for (?P<stage>\w+)'),
      target_fixture="outcome")
def milestone(app: Marketplace, ask: Ask, bid: UUID, title: str, stage: str) -> Outcome:
    return ask(lambda: app.deliver_milestone(bid, title, stage))


@when("the manager completes the contract", target_fixture="outcome")
def completes(app: Marketplace, ask: Ask, bid: UUID) -> Outcome:
    return ask(lambda: app.complete_contract(bid))


# Then


@then(parsers.parse("the RFQ awaits triage, to be answered by {respond_by}"))
def awaits_triage(app: Marketplace, cast: Cast, respond_by: str) -> None:
    bid = app.get_bid(cast.bids[-1])
    assert (bid.status, bid.respond_by.date()) == ("requested", day(respond_by))
    assert (bid.country.code, str(bid.incoterm), bid.currency) == ("MX", "CIF Veracruz", "EUR")


@then("the buyer's contact is kept in the personal-data vault, not in the RFQ's history")
def contact_in_vault(app: Marketplace, cast: Cast) -> None:
    bid = app.get_bid(cast.bids[-1])
    kept = app.reveal_person(bid.buyer)
    assert kept is not None
    assert (kept["name"], kept["email"]) == ("Lucía Hernández", "lucia@acero-mx.example")
    told = repr(app.history(bid.id))
    # Nor the tracking token: the history holds its digest only.
    assert "Lucía" not in told and "lucia@" not in told and kept["token"] not in told


@then(parsers.re(r"the buyer has a quote of (?P<price>.+), valid until (?P<until>[\d-]+), "
                 r"sent (?P<timing>within|after) the response deadline"))
def has_quote(app: Marketplace, cast: Cast, price: str, until: str, timing: str) -> None:
    bid = app.get_bid(cast.bids[-1])
    assert bid.status == "quoted"
    assert (str(bid.quote["price"]), bid.quote["valid_until"]) == (price, day(until))
    assert bid.quote["on_time"] is (timing == "within")


@then(parsers.parse('the contract of {value} is awarded, and "{firm}" has a work share of {share}'))
def awarded(app: Marketplace, cast: Cast, value: str, firm: str, share: str) -> None:
    bid = app.get_bid(cast.bids[-1])
    assert (bid.status, str(bid.contract["value"])) == ("awarded", value)
    assert str(bid.contract["shares"][str(cast.membership(firm))]) == share
    assert total(list(bid.contract["shares"].values()), "EUR") == bid.contract["value"]


@then(parsers.re(r"the RFQ is (?P<status>\w+)"))
def rfq_status(app: Marketplace, bid: UUID, status: str) -> None:
    assert app.get_bid(bid).status == status


@then(parsers.parse("the RFQ is completed, with {count:d} milestones delivered"))
def completed(app: Marketplace, cast: Cast, count: int) -> None:
    bid = app.get_bid(cast.bids[-1])
    assert (bid.status, len(bid.milestones)) == ("completed", count)


@then(parsers.parse("the quote is refused because {message}"))
@judges_refusals
def quote_refused(outcome: Outcome, message: str) -> None:
    outcome.acknowledged = True
    assert isinstance(outcome.error, QuoteIncompleteError), f"not refused as incomplete: {outcome}"
    assert str(outcome.error) == message
    check_reads_well(message)

