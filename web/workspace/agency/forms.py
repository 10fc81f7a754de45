"""Reading the formation forms: typed text into the values the commands take.

A field that cannot be read raises InvalidValueError with a sentence for the officer,
which the views answer like any refused rule: 422, nothing written.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation

from flask import request
from flask_babel import gettext as _

from domain.errors import InvalidValueError
from domain.money import Money


def text(name: str) -> str:
    """The field's text, trimmed; the command judges whether it may be empty."""
    return request.form.get(name, "").strip()


def required(name: str, what: str) -> str:
    value = text(name)
    if not value:
        raise InvalidValueError(_("Please fill in %(what)s.", what=what))
    return value


def whole_number(name: str, what: str) -> int:
    value = text(name)
    try:
        return int(value)
    except ValueError:
        raise InvalidValueError(_("%(what)s must be a whole number.", what=what)) from None


def amount(name: str, currency: str) -> Money:
    """An amount typed as 500000 or 500,000.00, in the consortium's currency."""
    typed = text(name).replace(",", "").replace(" ", "")
    try:
        value = Decimal(typed)
    except InvalidOperation:
        raise InvalidValueError(_("%(typed)s is not an amount of money.",
                                  typed=repr(text(name)))) from None
    if not value.is_finite() or value <= 0:
        raise InvalidValueError(_("Type an amount above zero."))
    return Money.of(value, currency)


def percent(name: str, what: str) -> Decimal:
    try:
        return Decimal(text(name) or "0")
    except InvalidOperation:
        raise InvalidValueError(_("%(what)s must be a number.", what=what)) from None


def day(name: str, what: str) -> date:
    try:
        return date.fromisoformat(text(name))
    except ValueError:
        raise InvalidValueError(_("%(what)s must be a date (YYYY-MM-DD).", what=what)) from None


def lines(name: str) -> list[str]:
    """One entry per line, blank lines dropped."""
    return [line.strip() for line in request.form.get(name, "").splitlines() if line.strip()]


def certifications(name: str) -> list[dict]:
    """Lines such as 'ISO 9001, 2030-01-01' (the expiry is optional)."""
    found: list[dict[str, object]] = []
    for line in lines(name):
        title, _sep, expiry = (part.strip() for part in line.rpartition(","))
        if not title:
            found.append({"name": line, "expires_on": None})
            continue
        try:
            found.append({"name": title, "expires_on": date.fromisoformat(expiry)})
        except ValueError:
            raise InvalidValueError(_("%(line)s: the expiry must be a date (YYYY-MM-DD).",
                                      line=line)) from None
    return found


def fee_schedule(name: str, currency: str) -> dict[str, Money]:
    """Lines such as 'standard 2400' as member tiers and their annual fees."""
    schedule: dict[str, Money] = {}
    for line in lines(name):
        tier, _sep, typed = line.rpartition(" ")
        try:
            fee = Decimal(typed.replace(",", ""))
        except InvalidOperation:
            raise InvalidValueError(_("%(line)s: write a tier's name, then its annual fee.",
                                      line=line)) from None
        schedule[tier.strip()] = Money.of(fee, currency)
    return schedule
