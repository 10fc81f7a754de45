"""What a member is charged: pro rata when the rules say so, success fees that add up."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

from domain.errors import OutOfRangeError
from marketplace.bootstrap import Services
from marketplace.fees.commands import success_fee_id
from marketplace.fees.queries import fee_periods
from marketplace.membership import queries as member_queries
from marketplace.membership.commands import annual_fee_id
from tests.integration.fees_from_events import ledger_differences
from tests.story import eur, form_consortium, request_quote, rules, submit_full_quote


def test_a_member_joining_on_3_december_pays_one_month_when_the_rules_say_pro_rata(
    services: Services,
) -> None:
    app = services.marketplace
    app.clock.set(datetime(2025, 12, 3, 10, tzinfo=UTC))
    formed = form_consortium(app)
    app.adopt_rules(formed.consortium, rules(pro_rata=True))
    assert app.assess_fees(formed.consortium, "2025", date(2026, 1, 2)) == 3
    app.assess_fees(formed.consortium, "2026", date(2026, 3, 31))
    held = app.get_membership(formed.memberships[0]).fees
    assert held[annual_fee_id("2025")]["amount"] == eur("200")
    assert held[annual_fee_id("2026")]["amount"] == eur("2400")
    services.projector.catch_up()
    row = next(f for f in member_queries.fee_status(services.engine, formed.memberships[0],
                                                     date(2025, 12, 4))["fees"]
               if f["fee_id"] == annual_fee_id("2025"))
    # The fee says how it was computed: 1 month of 12 of the annual EUR 2,400.
    assert (row["amount"], row["months"], row["full_amount"]) == (
        Decimal("200"), 1, Decimal("2400"))
    assert row["kind"] == "annual"
    assert ledger_differences(services) == []


def test_without_the_pro_rata_rule_a_member_joining_in_december_pays_the_year(
    services: Services,
) -> None:
    app = services.marketplace
    app.clock.set(datetime(2025, 12, 3, 10, tzinfo=UTC))
    formed = form_consortium(app)
    app.assess_fees(formed.consortium, "2025", date(2026, 1, 2))
    fee = app.get_membership(formed.memberships[0]).fees[annual_fee_id("2025")]
    assert fee["amount"] == eur("2400")


def test_success_fees_of_an_award_add_up_to_the_fee_on_the_contract(
    services: Services,
) -> None:
    app = services.marketplace
    formed = form_consortium(app)
    bid = request_quote(app, formed.consortium)
    submit_full_quote(app, formed, bid)
    app.accept_quote(bid)
    # 1.5 % of each share alone is 2,199.99495, 2,199.99495 and 2,200.0101: rounded one by
    # one they came to 6,599.99, a cent less than 1.5 % of the contract's 440,000.
    shares = dict(zip(formed.memberships, [eur("146666.33"), eur("146666.33"),
                                           eur("146667.34")], strict=True))
    app.award_contract(bid, eur("440000"), shares, "PO-2025-0001")
    assert app.assess_success_fees(bid, "2025", date(2025, 4, 30)) == 3
    charged = [app.get_membership(m).fees[success_fee_id(bid)]["amount"]
               for m in formed.memberships]
    assert sum(fee.amount for fee in charged) == Decimal("6600.00")
    services.projector.catch_up()
    ledger = fee_periods(services.engine, formed.consortium, date(2025, 4, 1))
    success = [f for p in ledger for f in p["fees"] if f["kind"] == "success"]
    assert len(success) == 3
    # A success fee names its award: the RFQ and the contract's reference.
    assert {f["award_reference"] for f in success} == {"PO-2025-0001"}
    assert {f["bid_id"] for f in success} == {str(bid)}
    mine = member_queries.fee_status(services.engine, formed.memberships[0], date(2025, 4, 1))
    assert [(f["kind"], f["award_reference"]) for f in mine["fees"]] == [
        ("success", "PO-2025-0001")]
    assert ledger_differences(services) == []


def test_a_fee_due_in_the_year_9999_is_refused_by_the_command(services: Services) -> None:
    app = services.marketplace
    formed = form_consortium(app)
    with pytest.raises(OutOfRangeError):
        app.assess_fees(formed.consortium, "2025", date(9999, 12, 31))
    assert app.get_membership(formed.memberships[0]).fees == {}
