"""The fee schedule's arithmetic: pro rata by month, success fees split by largest remainder."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from uuid import uuid4

import pytest

from domain.errors import InvalidRulesError, OutOfRangeError
from domain.membership import Membership
from domain.money import Money
from tests.story import eur, rules


def test_without_the_pro_rata_rule_a_member_joining_in_december_pays_the_full_fee() -> None:
    fee = rules().annual_fee_for("standard", joined_on=date(2025, 12, 3), year=2025)
    assert (fee.amount, fee.months) == (eur("2400"), 12)


def test_with_pro_rata_a_member_joining_on_3_december_pays_one_month() -> None:
    fee = rules(pro_rata=True).annual_fee_for("standard", joined_on=date(2025, 12, 3),
                                              year=2025)
    assert (fee.amount, fee.full, fee.months) == (eur("200"), eur("2400"), 1)
    assert fee.pro_rata


def test_pro_rata_counts_the_month_of_joining_and_only_the_year_of_joining() -> None:
    adopted = rules(pro_rata=True)
    assert adopted.annual_fee_for("standard", date(2025, 1, 1), 2025).months == 12
    assert adopted.annual_fee_for("founding", date(2025, 7, 31), 2025).amount == eur("1800")
    later = adopted.annual_fee_for("standard", date(2025, 7, 31), 2026)
    assert (later.amount, later.months, later.pro_rata) == (eur("2400"), 12, False)
    # A period before the member joined owes nothing.
    assert not adopted.annual_fee_for("standard", date(2025, 7, 31), 2024).amount


def test_a_pro_rata_fee_is_a_part_of_the_annual_fee_to_the_cent() -> None:
    adopted = rules(pro_rata=True, annual_fees={"standard": eur("1000.01")})
    parts = [adopted.annual_fee_for("standard", date(2025, month, 1), 2025).amount
             for month in range(1, 13)]
    # 1000.01 / 12 is 83.334166...: each month's part is the largest-remainder one.
    assert parts[-1] == eur("83.33")
    assert parts[0] == eur("1000.01")


def test_old_rules_without_the_pro_rata_field_keep_charging_the_full_fee() -> None:
    stored = rules().as_dict()
    assert "pro_rata" not in stored  # encoded as rules adopted before the field existed
    assert rules(**stored).pro_rata is False
    assert rules(**rules(pro_rata=True).as_dict()).pro_rata is True


def test_the_pro_rata_rule_must_be_yes_or_no() -> None:
    with pytest.raises(InvalidRulesError):
        rules(pro_rata="sometimes")


def test_a_1_5_percent_success_fee_is_split_into_shares_that_add_up_to_the_fee() -> None:
    adopted = rules(success_fee_percent=Decimal("1.5"))
    shares = {"a": eur("100.33"), "b": eur("100.33"), "c": eur("100.34")}
    fees = adopted.success_fees(shares)
    # 1.5 % of 301.00 is 4.515, so 4.52 (half up); each share alone would round to 1.50.
    assert sum(fee.amount for fee in fees.values()) == Decimal("4.52")
    assert sorted(fees.values(), key=lambda m: m.amount) == [eur("1.50"), eur("1.51"),
                                                             eur("1.51")]


def test_no_success_fee_is_zero_for_every_share() -> None:
    fees = rules(success_fee_percent=Decimal(0)).success_fees({"a": eur("10"), "b": eur("5")})
    assert fees == {"a": eur("0"), "b": eur("0")}


def _member() -> Membership:
    membership = Membership.invite(uuid4(), uuid4(), "Exports to Mexico.")
    membership.join(agreement="MA-1", tier="standard")
    return membership


def test_a_fee_due_in_the_year_9999_is_refused() -> None:
    membership = _member()
    with pytest.raises(OutOfRangeError, match="the due date must lie between"):
        membership.assess_fee(fee_id="annual-2025", period="2025", amount=eur("10"),
                              due_on=date(9999, 12, 31))
    assert membership.fees == {}


def test_a_fee_above_the_ceiling_is_refused() -> None:
    membership = _member()
    with pytest.raises(OutOfRangeError, match="must be below"):
        membership.assess_fee(fee_id="annual-2025", period="2025",
                              amount=Money.of("1000000000000", "EUR"), due_on=date(2025, 4, 1))
