"""Each RFQ field's parser: text as typed in, a clean value or a message for people out.

The messages are translated when a field is checked, in the language of the request.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Mapping
from datetime import date
from decimal import Decimal
from typing import Any

from flask_babel import format_number
from flask_babel import gettext as _

from domain.errors import DomainError
from domain.money import currency_code
from domain.values import INCOTERMS_2020, Country, Stage
from marketplace.people import email_address
from web import forms

LIMITS = {"organisation": 200, "contact_name": 120, "email": 254, "specification": 10_000,
          "quantity": 30, "unit": 30, "incoterm": 3, "named_place": 120, "country": 2,
          "currency": 3, "wanted_delivery": 10, "quote_needed_by": 10, "reason": 1000,
          "question": 2000, "message": 2000}
MULTILINE = frozenset({"specification", "reason", "question", "message"})
MAX_QUANTITY = Decimal(1_000_000_000)
MAX_YEARS_AHEAD = 10
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class Invalid(ValueError):
    """A field's value is refused; the message says what to change."""


def _required_messages() -> dict[str, str]:
    return {
        "organisation": _("Enter the name of your organisation."),
        "contact_name": _("Enter the name of the person we should answer."),
        "email": _("Enter the e-mail address where the tracking link should go."),
        "country": _("Choose your country."),
        "stages": _("Choose at least one stage of the value chain."),
        "specification": _("Describe what you need."),
        "quantity": _("Enter the quantity you need."),
        "unit": _("Enter the unit of the quantity, such as pieces, tonnes or blocks."),
        "incoterm": _("Choose an Incoterms 2020 rule."),
        "named_place": _("Enter the named place of the Incoterm, such as a port or a city."),
        "currency": _("Choose the currency of the quote."),
        "quote_needed_by": _("Enter the date by which you need the quote."),
    }


def readable(value: object, name: str) -> str:
    """Text a person could have typed: no control characters, no unreadable bytes."""
    if not isinstance(value, str):
        raise Invalid(_("Enter this as text."))
    limit = LIMITS[name]
    if len(value) > limit:
        raise Invalid(_("Use at most %(limit)s characters (this has %(count)s).",
                        limit=format_number(limit), count=format_number(len(value))))
    allowed = {"\n", "\r", "\t"} if name in MULTILINE else {"\t"}
    for char in value:
        # Invalid UTF-8 arrives as U+FFFD; lone surrogates come from broken JSON.
        if char == "\ufffd" or (unicodedata.category(char) in ("Cc", "Cs", "Co")
                                and char not in allowed):
            raise Invalid(_("Remove the control characters or unreadable bytes from this "
                            "text."))
    return value.strip() if name in MULTILINE else " ".join(value.split())


def _text(name: str) -> Callable[[object, Mapping[str, Any], date], str]:
    def parse(value: object, consortium: Mapping[str, Any], today: date) -> str:
        return readable(value, name)

    return parse


def _email(value: object, consortium: Mapping[str, Any], today: date) -> str:
    address = readable(value, "email")
    try:
        return email_address(address)
    except DomainError:
        raise Invalid(_("Enter an e-mail address such as name@example.com.")) from None


def _chosen(value: object, name: str, message: str) -> str:
    """A code picked from a list: anything else gets the list's message, not a length."""
    try:
        return readable(value, name)
    except Invalid:
        raise Invalid(message) from None


def _country(value: object, consortium: Mapping[str, Any], today: date) -> str:
    message = _("Choose a country from the list.")
    try:
        return Country(_chosen(value, "country", message)).code
    except DomainError:
        raise Invalid(message) from None


def _stages(value: object, consortium: Mapping[str, Any], today: date) -> list[str]:
    values = [value] if isinstance(value, str) else value
    if not isinstance(values, list | tuple) or not all(isinstance(v, str) for v in values):
        raise Invalid(_("Choose the stages from the list."))
    chosen = [v for v in values if v.strip()]
    if not chosen:
        raise Invalid(_required_messages()["stages"])
    try:
        stages = [stage.value for stage in Stage.parse_many([v[:20] for v in chosen])]
    except DomainError:
        raise Invalid(_("Choose the stages from the list.")) from None
    offered = set(consortium.get("offer_stages") or ())
    if any(stage not in offered for stage in stages):
        raise Invalid(_("Choose only stages this consortium offers."))
    return stages


def _quantity(value: object, consortium: Mapping[str, Any], today: date, *,
              localised: bool = False) -> Decimal:
    """The form's quantity as the page's language writes it (es 1,5); the API's as 1.5."""
    typed = readable(value, "quantity")
    try:
        quantity = forms.read_number(typed if localised else typed.replace(" ", ""), "",
                                     plain=not localised)
    except forms.ReadTwoWays as two_ways:
        raise Invalid(two_ways.message) from None
    except forms.Refused:
        quantity = None
    if quantity is None or quantity <= 0:
        if localised:
            raise Invalid(_("Enter a number above zero, such as %(whole)s or %(fraction)s.",
                            whole=forms.number_text(4),
                            fraction=forms.number_text(Decimal("12.5"))))
        raise Invalid(_("Enter a number above zero, such as 4 or 12.5."))
    if quantity >= MAX_QUANTITY:
        if localised:
            raise Invalid(_("Enter a quantity below %(limit)s.",
                            limit=format_number(MAX_QUANTITY)))
        raise Invalid(_("Enter a quantity below 1,000,000,000."))
    return quantity


def _incoterm(value: object, consortium: Mapping[str, Any], today: date) -> str:
    message = _("Choose one of the Incoterms 2020 rules.")
    rule = _chosen(value, "incoterm", message).upper()
    if rule not in INCOTERMS_2020:
        raise Invalid(message)
    return rule


def _currency(value: object, consortium: Mapping[str, Any], today: date) -> str:
    message = _("Choose a currency from the list (ISO 4217).")
    try:
        return currency_code(_chosen(value, "currency", message))
    except DomainError:
        raise Invalid(message) from None


def _date(name: str, required: bool) -> Callable[..., date | None]:
    def parse(value: object, consortium: Mapping[str, Any], today: date, *,
              localised: bool = False) -> date | None:
        typed = readable(value, name)
        if not typed and not required:
            return None
        day: date | None = None
        if localised:  # the form: YYYY-MM-DD from the date input, or the page's own style
            try:
                day = forms.read_day(typed, "")
            except forms.Refused:
                day = None
        elif _ISO_DATE.match(typed):  # the API: ISO 8601 only, as documented
            try:
                day = date.fromisoformat(typed)
            except ValueError:
                day = None
        if day is None:
            raise Invalid(_("Enter a date as yyyy-mm-dd, such as 2026-05-31."))
        if day <= today:
            raise Invalid(_("Choose a date after today."))
        if day.year > today.year + MAX_YEARS_AHEAD:
            raise Invalid(_("Choose a date within the next ten years."))
        return day

    return parse


PARSERS: dict[str, Callable[..., Any]] = {
    "organisation": _text("organisation"),
    "contact_name": _text("contact_name"),
    "email": _email,
    "country": _country,
    "stages": _stages,
    "specification": _text("specification"),
    "quantity": _quantity,
    "unit": _text("unit"),
    "incoterm": _incoterm,
    "named_place": _text("named_place"),
    "currency": _currency,
    "wanted_delivery": _date("wanted_delivery", required=False),
    "quote_needed_by": _date("quote_needed_by", required=True),
}
# Read in the page's language on the form (web/forms.py's parsers), plainly in the API.
LOCALISED = frozenset({"quantity", "wanted_delivery", "quote_needed_by"})


def parse(name: str, value: object, consortium: Mapping[str, Any], today: date, *,
          localised: bool = False) -> Any:
    """The clean value of one field, or Invalid with the message to show beside it.

    `localised`: numbers and dates as the page's language writes them (the form); without
    it, as the JSON API documents them (1500.50, 2026-05-31), whatever the language.
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        if name not in _required_messages():
            return None
        raise Invalid(_required_messages()[name])
    if name in LOCALISED:
        cleaned = PARSERS[name](value, consortium, today, localised=localised)
    else:
        cleaned = PARSERS[name](value, consortium, today)
    if cleaned == "" and name in _required_messages():  # only blanks, or nothing left
        raise Invalid(_required_messages()[name])
    return cleaned
