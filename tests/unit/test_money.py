"""Money: an exact amount of one ISO 4217 currency, rounded to its minor unit."""

from __future__ import annotations

from decimal import Decimal

import pytest

from domain.errors import (
    CurrencyMismatchError,
    DomainError,
    InvalidMoneyError,
    UnknownCurrencyError,
)
from domain.money import Money, currency_code, minor_units, total


def test_an_amount_keeps_its_decimal_and_its_currency() -> None:
    price = Money.of("1250.5", "eur")
    assert price.amount == Decimal("1250.50")
    assert isinstance(price.amount, Decimal)
    assert price.currency == "EUR"
    assert str(price) == "EUR 1,250.50"


def test_equal_amounts_are_equal_whatever_their_spelling() -> None:
    assert Money.of("10", "EUR") == Money(Decimal("10.00"), "EUR")
    assert hash(Money.of("10", "EUR")) == hash(Money(Decimal("10.00"), "EUR"))
    assert Money.of("10", "EUR") != Money.of("10", "USD")


@pytest.mark.parametrize("amount", [1.5, 0.1, float("nan"), float("inf"), 100.0])
def test_a_float_is_never_money(amount: float) -> None:
    with pytest.raises(InvalidMoneyError, match="never floats"):
        Money(amount, "EUR")  # type: ignore[arg-type]


def test_a_float_is_refused_by_the_parser_too() -> None:
    with pytest.raises(InvalidMoneyError):
        Money.of(12.5, "EUR")  # type: ignore[arg-type]


def test_a_boolean_is_not_money() -> None:
    with pytest.raises(InvalidMoneyError):
        Money(True, "EUR")  # type: ignore[arg-type]
    with pytest.raises(InvalidMoneyError):
        Money.of(True, "EUR")


def test_whole_numbers_are_exact_money() -> None:
    assert Money.of(1250, "EUR") == Money.of("1250.00", "EUR")
    assert Money.of(0, "JPY") == Money.zero("JPY")


@pytest.mark.parametrize("amount", ["-0.01", "-1", Decimal("-100")])
def test_money_is_never_negative(amount: str | Decimal) -> None:
    with pytest.raises(InvalidMoneyError, match="cannot be negative"):
        Money.of(amount, "EUR")


@pytest.mark.parametrize("amount", ["abc", "", "1,000", Decimal("NaN"), Decimal("Infinity")])
def test_what_is_not_a_number_is_not_money(amount: str | Decimal) -> None:
    with pytest.raises(InvalidMoneyError):
        Money.of(amount, "EUR")


def test_an_absurdly_large_amount_is_refused_with_a_money_error() -> None:
    with pytest.raises(InvalidMoneyError):
        Money(Decimal("1E+40"), "EUR")


@pytest.mark.parametrize("code", ["EUR", "usd", " jpy ", "KWD", "MXN", "CLP"])
def test_iso_4217_codes_are_accepted_in_upper_case(code: str) -> None:
    assert currency_code(code) == code.strip().upper()


@pytest.mark.parametrize("code", ["EURO", "XYZ", "", "€", "US$", "XAU", "XTS", "XXX", 978, None])
def test_a_code_that_is_not_a_traded_iso_4217_currency_is_refused(code: object) -> None:
    with pytest.raises(UnknownCurrencyError, match="ISO 4217"):
        Money.of("1", code)  # type: ignore[arg-type]


def test_currency_errors_are_domain_errors() -> None:
    assert issubclass(UnknownCurrencyError, DomainError)
    assert issubclass(InvalidMoneyError, DomainError)
    assert issubclass(CurrencyMismatchError, DomainError)


@pytest.mark.parametrize(
    ("currency", "decimals", "amount", "minor"),
    [
        ("JPY", 0, "1250", 1250),
        ("EUR", 2, "1250.25", 125025),
        ("KWD", 3, "1250.125", 1250125),
        ("USD", 2, "0.01", 1),
        ("CLF", 4, "1.0001", 10001),
    ],
)
def test_minor_units_follow_iso_4217(currency: str, decimals: int, amount: str, minor: int) -> None:
    assert minor_units(currency) == decimals
    money = Money.of(amount, currency)
    assert money.minor == minor
    assert Money.from_minor(minor, currency) == money
    assert money.amount.as_tuple().exponent == -decimals


@pytest.mark.parametrize(
    ("amount", "currency"), [("1.5", "JPY"), ("1.005", "EUR"), ("0.0001", "KWD")]
)
def test_more_decimals_than_the_currency_has_are_refused(amount: str, currency: str) -> None:
    with pytest.raises(InvalidMoneyError, match="more decimals"):
        Money.of(amount, currency)


@pytest.mark.parametrize("minor", [0, 1, 99, 100, 123456789, 10**15])
@pytest.mark.parametrize("currency", ["EUR", "JPY", "KWD"])
def test_minor_and_from_minor_round_trip(minor: int, currency: str) -> None:
    assert Money.from_minor(minor, currency).minor == minor


def test_from_minor_checks_the_currency() -> None:
    with pytest.raises(UnknownCurrencyError):
        Money.from_minor(100, "ZZZ")


def test_arithmetic_and_comparison_within_one_currency() -> None:
    a, b = Money.of("100.10", "EUR"), Money.of("0.90", "EUR")
    assert a + b == Money.of("101", "EUR")
    assert a - b == Money.of("99.20", "EUR")
    assert b < a and b <= a and a > b and a >= b and a >= a
    assert not Money.zero("EUR")
    assert Money.of("0.01", "EUR")
    assert total([a, b, b], "EUR") == Money.of("101.90", "EUR")
    assert total([], "KWD") == Money.zero("KWD")


def test_subtracting_below_zero_is_refused() -> None:
    with pytest.raises(InvalidMoneyError, match="negative"):
        Money.of("1", "EUR") - Money.of("2", "EUR")


@pytest.mark.parametrize(
    "operation",
    [
        lambda a, b: a + b,
        lambda a, b: a - b,
        lambda a, b: a < b,
        lambda a, b: a <= b,
        lambda a, b: a > b,
        lambda a, b: a >= b,
    ],
)
def test_mixing_currencies_is_refused(operation) -> None:
    with pytest.raises(CurrencyMismatchError, match="EUR with USD"):
        operation(Money.of("10", "EUR"), Money.of("10", "USD"))


def test_a_total_in_another_currency_is_refused() -> None:
    with pytest.raises(CurrencyMismatchError):
        total([Money.of("10", "USD")], "EUR")


def test_money_does_not_combine_with_plain_numbers() -> None:
    with pytest.raises(TypeError):
        Money.of("10", "EUR") + Decimal("1")  # type: ignore[operator]


def test_money_is_immutable() -> None:
    price = Money.of("10", "EUR")
    with pytest.raises(AttributeError):
        price.amount = Decimal("11")  # type: ignore[misc]
