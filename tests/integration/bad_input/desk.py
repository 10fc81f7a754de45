"""Bad input to the bid desk's own commands: the rate table, asking several members, and
inviting a firm's contact."""

from __future__ import annotations

from datetime import timedelta

from domain import errors as E
from marketplace.errors import EmailTakenError, NoContactError, NotFoundError
from tests.integration.bad_input.world import World, a, case


def _rate(**overrides: object) -> object:
    def given(w: object) -> object:
        values = {"currency_from": "USD", "currency_to": "EUR", "rate": "0.92",
                  "as_of": w.today}  # type: ignore[attr-defined]
        values.update(overrides)
        return a(w.formed.consortium, **values)  # type: ignore[attr-defined]

    return given


def _left(w: World) -> object:
    w.app.leave_consortium(w.contact_firm, "Closing the forge.")
    return a(w.formed.consortium, w.contact_firm)


def _invited_already(w: World) -> object:
    w.app.open_account(name="Marta Gil", email="marta@forjas.example",
                       password="a long enough secret", grants=[("officer", "")])
    return a(w.formed.consortium, w.contact_firm)


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
    case("invite_firm_contact", lambda w: a(w.formed.consortium, w.formed.memberships[0]),
         NoContactError, "the firm's profile names no contact"),
    case("invite_firm_contact", lambda w: a(w.unpublished, w.contact_firm),
         E.UnknownContributorError, "a member of another consortium"),
    case("invite_firm_contact", lambda w: a(w.formed.consortium, w.late_prospect),
         E.MemberNotActiveError, "a firm invited to join that has not joined"),
    case("invite_firm_contact", _left, E.MemberNotActiveError, "a firm that left"),
    case("invite_firm_contact", _invited_already, EmailTakenError,
         "the contact's address has an account already"),
]
