"""A quote revised before the buyer answers, an award's work shares corrected, and the
bounds every bid command keeps; on SQLite and PostgreSQL, through the OCDS export too."""

from __future__ import annotations

import io
import json
from datetime import date, timedelta
from typing import Any
from uuid import UUID

import pytest

from domain.errors import (
    BidStateError,
    InvalidRFQError,
    OutOfRangeError,
    QuoteIncompleteError,
    WorkSharesMismatchError,
)
from domain.money import Money
from domain.values import Stage
from marketplace.application import Marketplace
from marketplace.bidding.queries import bid_work_shares, desk_bid
from marketplace.bootstrap import Services
from marketplace.exports.ocds import write_release_package
from marketplace.ports import SteppingClock
from tests.integration.test_exports import problems
from tests.story import Formed, awarded_bid, eur, form_consortium, quoted_bid, request_quote


@pytest.fixture
def formed(app: Marketplace) -> Formed:
    return form_consortium(app)


def _quote(app: Marketplace, bid: UUID) -> dict[str, Any]:
    quote = app.get_bid(bid).quote
    assert quote is not None
    return quote  # type: ignore[no-any-return]


def _contract(app: Marketplace, bid: UUID) -> dict[str, Any]:
    contract = app.get_bid(bid).contract
    assert contract is not None
    return contract  # type: ignore[no-any-return]


def _later(app: Marketplace, days: int) -> date:
    return app.clock.now().date() + timedelta(days=days)


# --- a revised quote ----------------------------------------------------------------------


def test_a_revised_quote_replaces_the_one_the_buyer_has_not_answered(
    services: Services, formed: Formed,
) -> None:
    app = services.marketplace
    bid = quoted_bid(app, formed)
    first = _quote(app, bid)
    app.revise_quote(bid, eur("425000"), _later(app, 60), 110, "Steel prices fell")
    revised = app.get_bid(bid)
    assert revised.quote is not None
    assert revised.quote["price"] == eur("425000")
    assert revised.quote["lead_time_days"] == 110
    assert revised.quote["corrects"] == first["version"]
    assert revised.quote["reason"] == "Steel prices fell"
    assert [old["price"] for old in revised.quote["revisions"]] == [eur("440000")]
    events = [type(e).__name__ for e in app.repository.event_store.get(revised.id)]
    assert events[-2:] == ["QuoteSubmitted", "QuoteRevised"]
    # What the buyer reads: the current quote only.
    row = desk_bid(services.engine, bid)
    assert row["quote_price"] == eur("425000").amount
    assert row["quote_valid_until"] == _later(app, 60)
    assert row["status"] == "quoted"


def test_a_quote_is_revised_again_naming_the_revision_it_replaces(
    app: Marketplace, formed: Formed,
) -> None:
    bid = quoted_bid(app, formed)
    app.revise_quote(bid, eur("430000"), _later(app, 60), 110, "Steel prices fell")
    second = _quote(app, bid)["version"]
    app.revise_quote(bid, eur("420000"), _later(app, 60), 110, "Shipping is cheaper")
    quote = _quote(app, bid)
    assert quote["corrects"] == second
    assert len(quote["revisions"]) == 2


@pytest.mark.parametrize("answer", ["accept_quote", "reject_quote"])
def test_a_quote_the_buyer_answered_cannot_be_revised(
    app: Marketplace, formed: Formed, answer: str,
) -> None:
    bid = quoted_bid(app, formed)
    if answer == "accept_quote":
        app.accept_quote(bid)
    else:
        app.reject_quote(bid, "Too dear")
    with pytest.raises(BidStateError, match="cannot revise the quote: the RFQ is"):
        app.revise_quote(bid, eur("400000"), _later(app, 60), 110, "Cheaper")


def test_a_revision_needs_a_reason_and_the_quote_terms(app: Marketplace, formed: Formed) -> None:
    bid = quoted_bid(app, formed)
    version = app.get_bid(bid).version
    with pytest.raises(Exception, match="the reason cannot be empty"):
        app.revise_quote(bid, eur("400000"), _later(app, 60), 110, "  ")
    with pytest.raises(Exception, match="quote in EUR"):
        app.revise_quote(bid, Money.of("400000", "USD"), _later(app, 60), 110, "Cheaper")
    assert app.get_bid(bid).version == version


def test_an_rfq_not_yet_quoted_has_no_quote_to_revise(app: Marketplace, formed: Formed) -> None:
    bid = request_quote(app, formed.consortium)
    with pytest.raises(BidStateError):
        app.revise_quote(bid, eur("400000"), _later(app, 60), 110, "Cheaper")


# --- corrected work shares ----------------------------------------------------------------


def test_an_awards_work_shares_are_corrected_with_a_reason(
    services: Services, formed: Formed,
) -> None:
    app = services.marketplace
    bid = awarded_bid(app, formed)
    award_version = _contract(app, bid)["version"]
    corrected = {formed.memberships[0]: eur("90000"), formed.memberships[1]: eur("250000"),
                 formed.memberships[2]: eur("100000")}
    app.correct_work_shares(bid, corrected, "Design took over part of manufacturing")
    contract = _contract(app, bid)
    assert contract["shares"] == {str(m): s for m, s in corrected.items()}
    assert contract["corrections"][0]["corrects"] == award_version
    rows = {r["membership_id"]: r["amount"] for r in bid_work_shares(services.engine, bid)}
    assert rows == {str(m): s.amount for m, s in corrected.items()}


def test_a_correction_can_drop_a_member_and_still_adds_up(
    services: Services, formed: Formed,
) -> None:
    app = services.marketplace
    bid = awarded_bid(app, formed)
    corrected = {formed.memberships[0]: eur("180000"), formed.memberships[1]: eur("260000")}
    app.correct_work_shares(bid, corrected, "Logistics went to the buyer's forwarder")
    rows = {r["membership_id"] for r in bid_work_shares(services.engine, bid)}
    assert rows == {str(formed.memberships[0]), str(formed.memberships[1])}


def test_corrected_shares_must_add_up_to_the_contract(app: Marketplace, formed: Formed) -> None:
    bid = awarded_bid(app, formed)
    version = app.get_bid(bid).version
    with pytest.raises(WorkSharesMismatchError, match="not the contract value"):
        app.correct_work_shares(bid, {formed.memberships[0]: eur("1000")}, "Oops")
    with pytest.raises(Exception, match="the reason cannot be empty"):
        app.correct_work_shares(bid, {formed.memberships[0]: eur("440000")}, "")
    assert app.get_bid(bid).version == version


def test_shares_are_corrected_only_after_an_award(app: Marketplace, formed: Formed) -> None:
    bid = quoted_bid(app, formed)
    with pytest.raises(BidStateError, match="cannot correct the work shares"):
        app.correct_work_shares(bid, {formed.memberships[0]: eur("440000")}, "Early")


# --- the OCDS export ------------------------------------------------------------------------


def test_the_export_shows_revisions_and_corrections_as_amendments_and_validates(
    app: Marketplace, clock: SteppingClock, formed: Formed,
) -> None:
    bid = quoted_bid(app, formed)
    first_version = _quote(app, bid)["version"]
    clock.advance(hours=3)
    app.revise_quote(bid, eur("425000"), _later(app, 60), 110, "Steel prices fell")
    awarded = awarded_bid(app, formed, reference="PO-2")
    award_version = _contract(app, awarded)["version"]
    clock.advance(days=1)
    app.correct_work_shares(awarded, {formed.memberships[0]: eur("90000"),
                                      formed.memberships[1]: eur("250000"),
                                      formed.memberships[2]: eur("100000")}, "Re-planned")
    out = io.StringIO()
    write_release_package(app, out, publisher="SODERCAN", uri="https://example.org/ocds.json")
    package = json.loads(out.getvalue())
    assert problems(package) == []
    revised = [r for r in package["releases"] if r["ocid"].endswith(str(bid))
               and r.get("tender", {}).get("amendments")]
    assert len(revised) == 1 and revised[0]["tag"] == ["tenderUpdate"]
    amendment = revised[0]["tender"]["amendments"][0]
    assert amendment["rationale"] == "Steel prices fell"
    assert amendment["amendsReleaseID"].endswith(f"-{first_version}-tenderUpdate")
    assert amendment["releaseID"] == revised[0]["id"]
    corrected = [r for r in package["releases"] if "awardUpdate" in r["tag"]]
    assert len(corrected) == 1
    award = corrected[0]["awards"][0]
    assert award["amendments"][0]["amendsReleaseID"].endswith(f"-{award_version}-award")
    shares = {p["details"]["workShare"]["amount"] for p in corrected[0]["parties"]}
    assert shares == {90000, 250000, 100000}


# --- bounds and wordings --------------------------------------------------------------------


def test_a_contribution_price_beyond_the_ceiling_is_refused(
    app: Marketplace, formed: Formed,
) -> None:
    bid = request_quote(app, formed.consortium, stages=["manufacturing"])
    app.qualify_rfq(bid, "Fits")
    app.request_contribution(bid, "manufacturing", formed.memberships[1], _later(app, 3))
    huge = Money.of("1" + "0" * 24, "EUR")
    with pytest.raises(OutOfRangeError, match="must be below"):
        app.commit_contribution(bid, "manufacturing", formed.memberships[1], huge, 30)
    assert app.get_bid(bid).contributions == {}


def test_a_quantity_beyond_the_ceiling_is_refused(app: Marketplace, formed: Formed) -> None:
    with pytest.raises(InvalidRFQError, match="quantity must be below"):
        request_quote(app, formed.consortium, quantity="1" + "0" * 20)


@pytest.mark.parametrize("field", ["quote_needed_by", "wanted_delivery"])
def test_an_rfq_date_beyond_the_window_is_refused(
    app: Marketplace, formed: Formed, field: str,
) -> None:
    with pytest.raises(OutOfRangeError, match="must lie between"):
        request_quote(app, formed.consortium, **{field: date(9999, 12, 31)})


def test_dates_of_contributions_and_quotes_stay_in_the_window(
    app: Marketplace, formed: Formed,
) -> None:
    bid = request_quote(app, formed.consortium, stages=["manufacturing"])
    app.qualify_rfq(bid, "Fits")
    with pytest.raises(OutOfRangeError):
        app.request_contribution(bid, "manufacturing", formed.memberships[1], date(9999, 1, 1))
    app.request_contribution(bid, "manufacturing", formed.memberships[1], _later(app, 3))
    app.commit_contribution(bid, "manufacturing", formed.memberships[1], eur("1000"), 30)
    with pytest.raises(OutOfRangeError):
        app.submit_quote(bid, eur("1100"), date(9999, 1, 1), 30)
    with pytest.raises(OutOfRangeError):
        app.submit_quote(bid, Money.of("1" + "0" * 13, "EUR"), _later(app, 30), 30)


def test_the_quote_refusal_passes_stages_raw(app: Marketplace, formed: Formed) -> None:
    bid = request_quote(app, formed.consortium)
    app.qualify_rfq(bid, "Fits")
    with pytest.raises(QuoteIncompleteError) as refused:
        app.submit_quote(bid, eur("1000"), _later(app, 30), 30)
    assert refused.value.params["stages"] == [Stage(s) for s in
                                              ("design", "engineering", "manufacturing",
                                               "logistics", "installation")]
    assert "these stages have no committed contribution" in str(refused.value)


def test_two_uncovered_stages_keep_their_english_sentence() -> None:
    error = QuoteIncompleteError(
        "stages '%(first)s' and '%(second)s' have no committed contribution",
        first=Stage("logistics"), second=Stage("installation"))
    assert str(error) == "stages 'logistics' and 'installation' have no committed contribution"


def test_a_bid_from_an_older_snapshot_learns_which_event_its_quote_came_from(
    app: Marketplace, formed: Formed,
) -> None:
    bid = quoted_bid(app, formed)
    loaded = app.get_bid(bid)
    assert loaded.quote is not None
    recorded = loaded.quote.pop("version")  # as a snapshot taken before this change holds it
    assert app._with_versions(loaded).quote == {**loaded.quote, "version": recorded}
