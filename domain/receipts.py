"""What a fee's receipt carries: who issues it, and the tax the fee holds.

Both are set on the consortium by an event and copied onto the fee's payment when it is
numbered, so a later change never alters a receipt already issued.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from domain.errors import N_, InvalidValueError
from domain.money import Money, minor_units
from domain.text import text

MAX_RATE = Decimal(100)


@dataclass(frozen=True)
class ReceiptIssuer:
    """The legal details a receipt names its issuer by."""

    legal_name: str
    address: str
    tax_id: str
    contact: str

    @classmethod
    def of(cls, *, legal_name: str, address: str, tax_id: str, contact: str) -> ReceiptIssuer:
        """Checked details: each one required, trimmed and bounded."""
        return cls(legal_name=text(legal_name, N_("the legal name"), 200),
                   address=text(address, N_("the address"), 300),
                   tax_id=text(tax_id, N_("the tax id"), 30).upper(),
                   contact=text(contact, N_("the contact"), 200))

    def as_dict(self) -> dict[str, str]:
        return asdict(self)


def tax_rate(value: Decimal | int | str) -> Decimal:
    """A tax rate in percent, above 0 and below 100, with at most two decimals."""
    if isinstance(value, float):
        raise InvalidValueError("a tax rate must be an exact number")
    try:
        rate = Decimal(str(value).strip())
    except InvalidOperation:
        raise InvalidValueError("%(typed)s is not a tax rate", typed=repr(value)[:20]) from None
    if not rate.is_finite() or not Decimal(0) < rate < MAX_RATE \
            or rate != rate.quantize(Decimal("0.01")):
        raise InvalidValueError("a tax rate is a percentage above 0 and below 100, "
                                "with at most two decimals")
    # 21 reads as 21, not 21.00; 5.5 as typed.
    return rate.quantize(Decimal(1)) if rate == rate.to_integral_value() else rate


def tax_name(value: str) -> str:
    return text(value, N_("the tax's name"), 30)


def tax_lines(gross: Money, rate: Decimal) -> tuple[Money, Money]:
    """The net and the tax a tax-inclusive amount holds at `rate` percent.

    The net is rounded half up to the currency's minor unit, and the tax is what is left,
    so net and tax add up to the amount paid to the cent.
    """
    exponent = Decimal(1).scaleb(-minor_units(gross.currency))
    net = (gross.amount * 100 / (100 + rate)).quantize(exponent, rounding=ROUND_HALF_UP)
    return Money(net, gross.currency), Money(gross.amount - net, gross.currency)


@dataclass(frozen=True)
class Receipt:
    """A receipt as issued with a payment: its number, issuer and tax, as they stood."""

    number: str
    issuer: ReceiptIssuer | None = None
    tax: tuple[str, Decimal] | None = None

    def as_event(self) -> dict[str, object]:
        """The payment event's receipt fields."""
        return {"receipt": self.number,
                "issuer": self.issuer.as_dict() if self.issuer else None,
                "tax_name": self.tax[0] if self.tax else None,
                "tax_rate": self.tax[1] if self.tax else None}
