"""The rules a consortium adopts: response deadline, fees, work shares, quorum."""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import TypeVar

from domain.errors import InvalidRulesError
from domain.money import Money, minor_units, split

WORK_SHARE_RULES = ("proportional", "equal", "negotiated")
MONTHS = 12
Key = TypeVar("Key", bound=Hashable)


@dataclass(frozen=True)
class AnnualFee:
    """A period's annual fee for one member, and how it was computed."""

    amount: Money  # what the member is charged
    full: Money  # the tier's annual fee
    months: int  # the months of the year charged: 12, or fewer when pro rata

    @property
    def pro_rata(self) -> bool:
        return self.months < MONTHS


@dataclass(frozen=True)
class ConsortiumRules:
    """One adopted version of a consortium's internal rules."""

    quote_response_days: int
    annual_fees: dict[str, Money]  # member tier -> annual fee
    success_fee_percent: Decimal = Decimal(0)
    work_share_rule: str = "proportional"
    quorum_percent: int = 50
    grace_days: int = 30
    suspend_on_arrears: bool = True
    # A member who joins mid-year pays the months left, the month of joining included;
    # rules adopted before this rule existed charge the full year (False).
    pro_rata: bool = False

    def __post_init__(self) -> None:
        if not isinstance(self.quote_response_days, int) or not 1 <= self.quote_response_days <= 60:
            raise InvalidRulesError("the quote response deadline must be 1 to 60 working days")
        if not self.annual_fees:
            raise InvalidRulesError("the fee schedule needs at least one member tier")
        for tier, fee in self.annual_fees.items():
            if not isinstance(fee, Money):
                raise InvalidRulesError("the fee of tier '%(tier)s' is not an amount of money",
                                        tier=str(tier))
            if not str(tier).strip():
                raise InvalidRulesError("every member tier needs a name")
            if not fee:
                # A zero fee could never be assessed, and would stop the assessment of all.
                raise InvalidRulesError("the fee of tier '%(tier)s' must be above zero",
                                        tier=str(tier))
        currencies = {fee.currency for fee in self.annual_fees.values()}
        if len(currencies) != 1:
            raise InvalidRulesError("all fees of a schedule are in one currency")
        try:
            percent = Decimal(str(self.success_fee_percent))
        except InvalidOperation:
            raise InvalidRulesError("the success fee must be a percentage") from None
        if not percent.is_finite() or not Decimal(0) <= percent <= Decimal(25):
            raise InvalidRulesError("the success fee must be between 0 and 25 percent")
        object.__setattr__(self, "success_fee_percent", percent)
        if self.work_share_rule not in WORK_SHARE_RULES:
            raise InvalidRulesError("the work-share rule must be one of %(rules)s",
                                    rules=list(WORK_SHARE_RULES))
        if not isinstance(self.quorum_percent, int) or not 50 <= self.quorum_percent <= 100:
            raise InvalidRulesError("the decision quorum must be between 50 and 100 percent")
        if not isinstance(self.grace_days, int) or not 0 <= self.grace_days <= 365:
            raise InvalidRulesError("the grace period must be 0 to 365 days")
        if not isinstance(self.pro_rata, bool):
            raise InvalidRulesError("the pro rata rule must be yes or no")

    @property
    def fee_currency(self) -> str:
        return next(iter(self.annual_fees.values())).currency

    def annual_fee(self, tier: str) -> Money:
        try:
            return self.annual_fees[tier]
        except KeyError:
            raise InvalidRulesError("there is no member tier '%(tier)s' (tiers: %(tiers)s)",
                                    tier=str(tier), tiers=list(self.annual_fees)) from None

    def annual_fee_for(self, tier: str, joined_on: date | None, year: int | None) -> AnnualFee:
        """The annual fee of a year for a member who joined on `joined_on`.

        Pro rata, a member pays the months of the year from the month of joining, split
        from the annual fee by largest remainder; a year before joining owes nothing.
        """
        full = self.annual_fee(tier)
        if not self.pro_rata or joined_on is None or year is None or joined_on.year < year:
            return AnnualFee(full, full, MONTHS)
        months = MONTHS - joined_on.month + 1 if joined_on.year == year else 0
        charged = split(full, [months, MONTHS - months])[0]
        return AnnualFee(charged, full, months)

    def success_fee(self, work_share: Money) -> Money:
        """The success fee on a member's awarded work share, in its currency, to the cent."""
        exponent = Decimal(1).scaleb(-minor_units(work_share.currency))
        fee = (work_share.amount * self.success_fee_percent / 100).quantize(
            exponent, rounding=ROUND_HALF_UP)
        return Money(fee, work_share.currency)

    def success_fees(self, shares: dict[Key, Money]) -> dict[Key, Money]:
        """The success fee on a whole award, split into its work shares by largest remainder.

        The fee is the rate on the award's total, rounded once; the members' parts add up
        to it to the cent (rounding each share's fee alone could lose or add a cent).
        """
        if not shares:
            return {}
        amounts = list(shares.values())
        whole = Money(sum((share.amount for share in amounts), Decimal(0)), amounts[0].currency)
        fee = self.success_fee(whole)
        if not fee:
            return {key: Money.zero(fee.currency) for key in shares}
        parts = split(fee, [share.amount for share in amounts])
        return dict(zip(shares, parts, strict=True))

    def as_dict(self) -> dict[str, object]:
        # `pro_rata` only when adopted: rules without it encode (and replay) as they always did.
        optional: dict[str, object] = {"pro_rata": True} if self.pro_rata else {}
        return {
            "quote_response_days": self.quote_response_days,
            "annual_fees": dict(self.annual_fees),
            "success_fee_percent": self.success_fee_percent,
            "work_share_rule": self.work_share_rule,
            "quorum_percent": self.quorum_percent,
            "grace_days": self.grace_days,
            "suspend_on_arrears": self.suspend_on_arrears,
            **optional,
        }


