"""Bad input to the bid desk's own commands: the rate table and asking several members."""

from __future__ import annotations

from datetime import timedelta

from domain import errors as E
from marketplace.errors import NotFoundError
from tests.integration.bad_input.world import a, case


def _rate(**overrides: object) -> object:
    def given(w: object) -> object:
        values = {"currency_from": "USD", "currency_to": "EUR", "rate": "0.92",
                  "as_of": w.today}  # type: ignore[attr-defined]
        values.update(overrides)
        return a(w.formed.consortium, **values)  # type: ignore[attr-defined]

    return given


CASES = [
    case("set_exchange_rate", _rate(rate="-0.92"), E.InvalidValueError, "negative rate"),
    case("set_exchange_rate", _rate(rate="0"), E.InvalidValueError, "zero rate"),
    case("set_exchange_rate", _rate(rate=0.92), E.InvalidValueError, "float rate"),
    case("set_exchange_rate", _rate(rate="0,92"), E.InvalidValueError, "decimal comma"),
    case("set_exchange_rate", _rate(rate="NaN"), E.InvalidValueError, "not a number"),
    case("set_exchange_rate", _rate(rate="0.00000000001"), E.InvalidValueError,
         "eleven decimals"),
    case("set_exchange_rate", _rate(currency_to="USD"), E.InvalidValueError, "same currency"),
    case("set_exchange_rate", _rate(currency_from="DOLLAR"), E.UnknownCurrencyError,
         "not an ISO 4217 code"),
    case("set_exchange_rate", lambda w: _rate(as_of=w.today + timedelta(days=1))(w),
         E.InvalidValueError, "a day still to come"),
    case("set_exchange_rate", _rate(as_of="2025-03-03"), E.InvalidValueError, "day as text"),
    case("request_contributions", lambda w: a(w.qualified, [], w.today), E.InvalidValueError,
         "nobody to ask"),
    case("request_contributions",
         lambda w: a(w.qualified, [("engineering", w.formed.memberships[0]),
                                   ("manufacturing", w.formed.memberships[0])], w.today),
         E.StageNotDeclaredError, "second member never declared the stage"),
    case("request_contributions",
         lambda w: a(w.qualified, [("engineering", w.formed.memberships[0]),
                                   ("design", w.formed.memberships[0])], w.today),
         E.InvalidValueError, "second one asked before"),
    case("request_contributions",
         lambda w: a(w.requested, [("design", w.formed.memberships[0])], w.today),
         E.BidStateError, "RFQ not qualified"),
    case("request_contributions",
         lambda w: a(w.qualified, [("engineering", "member-1")], w.today), NotFoundError,
         "malformed member id"),
]
