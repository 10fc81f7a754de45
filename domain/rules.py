"""The rules a consortium adopts: response deadline, fees, work shares, quorum."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from domain.errors import InvalidRulesError
from domain.money import Money, minor_units

WORK_SHARE_RULES = ("proportional", "equal", "negotiated")


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

    def __post_init__(self) -> None:
        if not isinstance(self.quote_response_days, int) or not 1 <= self.quote_response_days <= 60:
            raise InvalidRulesError("the quote response deadline must be 1 to 60 working days")
        if not self.annual_fees:
            raise InvalidRulesError("the fee schedule needs at least one member tier")
        for tier, fee in self.annual_fees.items():
            if not isinstance(fee, Money):
                raise InvalidRulesError(f"the fee of tier {tier!r} is not an amount of money")
            if not str(tier).strip():
                raise InvalidRulesError("every member tier needs a name")
            if not fee:
                # A zero fee could never be assessed, and would stop the assessment of all.
                raise InvalidRulesError(f"the fee of tier {tier!r} must be above zero")
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
            raise InvalidRulesError(
                f"the work-share rule must be one of {', '.join(WORK_SHARE_RULES)}"
            )
        if not isinstance(self.quorum_percent, int) or not 50 <= self.quorum_percent <= 100:
            raise InvalidRulesError("the decision quorum must be between 50 and 100 percent")
        if not isinstance(self.grace_days, int) or not 0 <= self.grace_days <= 365:
            raise InvalidRulesError("the grace period must be 0 to 365 days")

    @property
    def fee_currency(self) -> str:
        return next(iter(self.annual_fees.values())).currency

    def annual_fee(self, tier: str) -> Money:
        try:
            return self.annual_fees[tier]
        except KeyError:
            tiers = ", ".join(self.annual_fees)
            raise InvalidRulesError(f"there is no member tier {tier!r} (tiers: {tiers})") from None

    def success_fee(self, work_share: Money) -> Money:
        """The success fee on a member's awarded work share, in its currency, to the cent."""
        exponent = Decimal(1).scaleb(-minor_units(work_share.currency))
        fee = (work_share.amount * self.success_fee_percent / 100).quantize(
            exponent, rounding=ROUND_HALF_UP)
        return Money(fee, work_share.currency)

    def as_dict(self) -> dict[str, object]:
        return {
            "quote_response_days": self.quote_response_days,
            "annual_fees": dict(self.annual_fees),
            "success_fee_percent": self.success_fee_percent,
            "work_share_rule": self.work_share_rule,
            "quorum_percent": self.quorum_percent,
            "grace_days": self.grace_days,
            "suspend_on_arrears": self.suspend_on_arrears,
        }


