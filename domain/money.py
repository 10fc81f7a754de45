"""Money: a Decimal amount in an ISO 4217 currency, rounded to its minor unit."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, Decimal, InvalidOperation

import pycountry

from domain.errors import (
    CurrencyMismatchError,
    InvalidMoneyError,
    OutOfRangeError,
    UnknownCurrencyError,
)

# ISO 4217 minor units that differ from the usual two decimals. pycountry has the
# codes but not the exponents, so the exceptions are listed here.
_ZERO = "BIF CLP DJF GNF ISK JPY KMF KRW PYG RWF UGX UYI VND VUV XAF XOF XPF"
_THREE = "BHD IQD JOD KWD LYD OMR TND"
_MINOR_UNITS = {
    **dict.fromkeys(_ZERO.split(" "), 0),
    **dict.fromkeys(_THREE.split(" "), 3),
    **dict.fromkeys(("CLF", "UYW"), 4),
}
# Funds, precious metals and testing codes are not money anyone is paid in.
_NOT_TRADED = frozenset(
    ("XAG", "XAU", "XBA", "XBB", "XBC", "XBD", "XDR", "XPD", "XPT", "XSU",
     "XTS", "XUA", "XXX", "BOV", "CHE", "CHW", "COU", "MXV", "USN")
)


def currency_code(code: str) -> str:
    """Check an ISO 4217 alphabetic code and return it in upper case."""
    if not isinstance(code, str) or not _is_currency(code.strip().upper()):
        raise UnknownCurrencyError("%(code)s is not an ISO 4217 currency code", code=repr(code))
    return code.strip().upper()


@functools.lru_cache(maxsize=512)
def _is_currency(code: str) -> bool:
    # Cached: every amount read back from the store is checked again.
    return code not in _NOT_TRADED and pycountry.currencies.get(alpha_3=code) is not None


def minor_units(currency: str) -> int:
    """The number of decimals of a currency (EUR 2, JPY 0, KWD 3)."""
    return _MINOR_UNITS.get(currency, 2)


@dataclass(frozen=True, slots=True)
class Money:
    """A non-negative amount of one currency. Never a float."""

    amount: Decimal
    currency: str

    def __post_init__(self) -> None:
        currency = currency_code(self.currency)
        amount = self.amount
        if isinstance(amount, bool | float):
            raise InvalidMoneyError("money amounts must be exact decimals, never floats")
        try:
            amount = Decimal(str(amount)) if not isinstance(amount, Decimal) else amount
        except InvalidOperation:
            raise InvalidMoneyError("%(amount)s is not an amount of money",
                                    amount=repr(self.amount)) from None
        if not amount.is_finite():
            raise InvalidMoneyError("%(amount)s is not an amount of money",
                                    amount=repr(self.amount))
        if amount < 0:
            raise InvalidMoneyError("an amount of money cannot be negative (%(amount)s)",
                                    amount=amount)
        exponent = Decimal(1).scaleb(-minor_units(currency))
        try:
            rounded = amount.quantize(exponent, rounding=ROUND_HALF_EVEN)
        except InvalidOperation:  # more digits than Decimal's precision holds
            raise InvalidMoneyError("%(amount)s is too large an amount of money",
                                    amount=amount) from None
        if rounded != amount:
            raise InvalidMoneyError("%(amount)s %(currency)s has more decimals than "
                                    "%(currency)s allows", amount=amount, currency=currency)
        object.__setattr__(self, "amount", rounded)
        object.__setattr__(self, "currency", currency)

    @classmethod
    def of(cls, amount: str | int | Decimal, currency: str) -> Money:
        """Parse user input such as ("1250.50", "EUR")."""
        if isinstance(amount, str):
            try:
                return cls(Decimal(amount.strip()), currency)
            except InvalidOperation:
                raise InvalidMoneyError("%(amount)s is not an amount of money",
                                        amount=repr(amount)) from None
        exact = isinstance(amount, int) and not isinstance(amount, bool)
        # Anything else (a float, a bool) is passed on for __post_init__ to refuse.
        return cls(Decimal(amount) if exact else amount, currency)  # type: ignore[arg-type]

    @classmethod
    def zero(cls, currency: str) -> Money:
        return cls(Decimal(0), currency)

    @property
    def minor(self) -> int:
        """The amount in minor units (cents), as payment services count it."""
        return int(self.amount.scaleb(minor_units(self.currency)))

    @classmethod
    def from_minor(cls, minor: int, currency: str) -> Money:
        return cls(Decimal(minor).scaleb(-minor_units(currency_code(currency))), currency)

    def _same(self, other: Money) -> None:
        if not isinstance(other, Money):
            raise TypeError(f"cannot combine Money with {type(other).__name__}")
        if other.currency != self.currency:
            raise CurrencyMismatchError(
                "cannot combine %(currency)s with %(other)s without a conversion",
                currency=self.currency, other=other.currency)

    def __add__(self, other: Money) -> Money:
        self._same(other)
        return Money(self.amount + other.amount, self.currency)

    def __sub__(self, other: Money) -> Money:
        self._same(other)
        return Money(self.amount - other.amount, self.currency)

    def __lt__(self, other: Money) -> bool:
        self._same(other)
        return self.amount < other.amount

    def __le__(self, other: Money) -> bool:
        self._same(other)
        return self.amount <= other.amount

    def __gt__(self, other: Money) -> bool:
        self._same(other)
        return self.amount > other.amount

    def __ge__(self, other: Money) -> bool:
        self._same(other)
        return self.amount >= other.amount

    def __bool__(self) -> bool:
        return bool(self.amount)

    def __str__(self) -> str:
        return f"{self.currency} {self.amount:,}"


def require_money(value: object, what: str) -> Money:
    """Refuse anything but an amount of money above zero, saying what is wrong with it."""
    if isinstance(value, float):
        raise InvalidMoneyError("%(what)s must be an exact amount, never a float", what=what)
    if not isinstance(value, Money):
        raise InvalidMoneyError("%(what)s must be an amount of money with its currency",
                                what=what)
    if not value:
        raise InvalidMoneyError("%(what)s must be above zero", what=what)
    return value


def total(amounts: list[Money], currency: str) -> Money:
    """Sum amounts of one currency; an empty list is zero."""
    result = Money.zero(currency)
    for amount in amounts:
        result = result + amount
    return result


# The largest amount a command accepts, in major units. Every sum a page or a job makes
# of such amounts (a quote of thousands of lines, years of fees) stays exact in Decimal's
# 28 digits, so nothing a command accepts can break a later page or job.
CEILING = Decimal("1000000000000")  # one trillion


def bounded(amount: Money, what: str) -> Money:
    """An amount a command may record: below the ceiling (`what` marked with N_)."""
    if amount.amount >= CEILING:
        raise OutOfRangeError("%(what)s must be below %(ceiling)s",
                              what=what, ceiling=Money(CEILING, amount.currency))
    return amount


def split(whole: Money, weights: list[Decimal] | list[int]) -> list[Money]:
    """Split `whole` in proportion to `weights`, to the minor unit, by largest remainder.

    The parts always add up to `whole` exactly: each part is rounded down to the minor
    unit, and the units left over go one each to the largest remainders (ties to the
    earlier part). Weights must be zero or more, and not all zero.
    """
    shares = [Decimal(weight) for weight in weights]
    if not shares or any(share < 0 for share in shares) or not sum(shares):
        raise InvalidMoneyError("an amount is split by weights of zero or more, not all zero")
    units = whole.minor
    weight = sum(shares)
    exact = [units * share / weight for share in shares]
    floors = [int(value) for value in exact]  # exact >= 0, so int() rounds down
    left = units - sum(floors)
    by_remainder = sorted(range(len(exact)), key=lambda i: (-(exact[i] - floors[i]), i))
    for index in by_remainder[:left]:
        floors[index] += 1
    return [Money.from_minor(part, whole.currency) for part in floors]
