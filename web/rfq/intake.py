"""Taking in a buyer's RFQ: one validation for the form and the API, then the command.

`check_field` answers one field (inline validation); `submit_rfq` checks them all, and
stores the request only when every field is right, raising `RfqInvalid` with a message
per field otherwise. Errors the command raises are mapped back to the field they concern.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from typing import Any, NamedTuple
from uuid import UUID

from flask_babel import gettext as _

from domain import errors as domain
from domain.statuses import ConsortiumStatus
from marketplace.bidding.tokens import new_token
from marketplace.errors import ConflictError, NotFoundError
from marketplace.storefront import catalog as catalog_queries
from web import refusals
from web.extensions import services
from web.rfq.fields import LIMITS, Invalid, parse

# What a consortium's slug looks like (the domain refuses any other when proposing).
_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")

FIELDS: tuple[str, ...] = (
    "organisation", "contact_name", "email", "country", "stages", "specification",
    "quantity", "unit", "incoterm", "named_place", "currency", "wanted_delivery",
    "quote_needed_by",
)
HONEYPOT = "website"  # hidden from people; only a robot fills it in
FORM_ERROR = "_form"  # the key of an error that concerns no single field

__all__ = ["FIELDS", "FORM_ERROR", "HONEYPOT", "LIMITS", "HoneypotFilled", "RfqInvalid",
           "Submitted", "check_field", "find_consortium", "submit_rfq", "takes_rfqs"]


class RfqInvalid(Exception):
    """The RFQ was refused; `errors` maps each field (or "_form") to its message.

    `refusal` is the domain's error when a rule refused it (the API gives its code).
    """

    def __init__(self, errors: dict[str, str],
                 refusal: domain.DomainError | None = None) -> None:
        super().__init__("; ".join(f"{field}: {message}" for field, message in errors.items()))
        self.errors = errors
        self.refusal = refusal


class HoneypotFilled(Exception):
    """The hidden field was filled in: a robot, most likely. Nothing is stored."""


class Submitted(NamedTuple):
    token: str  # the buyer's private tracking token, shown once
    bid_id: UUID


def takes_rfqs(consortium: Mapping[str, Any]) -> bool:
    """Whether the catalog entry is an established consortium with a published offer."""
    return (consortium.get("status") == ConsortiumStatus.ESTABLISHED
            and bool(consortium.get("offer_stages")))


def find_consortium(slug: str) -> dict[str, Any] | None:
    """The catalog entry of a consortium that takes RFQs, or None."""
    if not _SLUG.fullmatch(slug):  # never a slug, and PostgreSQL refuses a NUL in a query
        return None
    try:
        entry = catalog_queries.get_catalog_entry(services().engine, slug)
    except NotFoundError:
        return None
    return entry if takes_rfqs(entry) else None


def check_field(name: str, value: object, *, consortium: Mapping[str, Any], today: date,
                others: Mapping[str, Any] | None = None,
                localised: bool = False) -> str | None:
    """The message for one field's value, or None when it is fine. KeyError if no field.

    With `others` (the rest of the form), a wanted delivery date is also compared with
    the date the quote is needed by. `localised`: numbers and dates as the page's
    language writes them (the form), else as the JSON API documents them.
    """
    if name not in FIELDS:
        raise KeyError(name)
    try:
        parse(name, value, consortium, today, localised=localised)
    except Invalid as refused:
        return str(refused)
    if name == "wanted_delivery" and others is not None:
        return _cross_check({"wanted_delivery": value, "quote_needed_by":
                             others.get("quote_needed_by")}, consortium, today, localised)
    return None


def _cross_check(data: Mapping[str, Any], consortium: Mapping[str, Any],
                 today: date, localised: bool) -> str | None:
    try:
        delivery = parse("wanted_delivery", data.get("wanted_delivery"), consortium, today,
                         localised=localised)
        needed = parse("quote_needed_by", data.get("quote_needed_by"), consortium, today,
                       localised=localised)
    except Invalid:
        return None  # each date's own message says what is wrong with it
    if delivery and needed and delivery < needed:
        return _("The delivery date cannot come before the date the quote is needed.")
    return None


def _parse_all(data: Mapping[str, Any], consortium: Mapping[str, Any], today: date,
               localised: bool) -> tuple[dict[str, Any], dict[str, str]]:
    values: dict[str, Any] = {}
    errors: dict[str, str] = {}
    for name in FIELDS:
        try:
            values[name] = parse(name, data.get(name), consortium, today,
                                 localised=localised)
        except Invalid as refused:
            errors[name] = str(refused)
    if "wanted_delivery" not in errors:
        crossed = _cross_check(data, consortium, today, localised)
        if crossed:
            errors["wanted_delivery"] = crossed
    return values, errors


def submit_rfq(consortium: Mapping[str, Any] | str, data: Mapping[str, Any], *,
               language: str, localised: bool = False) -> Submitted:
    """Check every field and store the RFQ; RfqInvalid with all the messages if not.

    `localised` for the form (numbers and dates in the page's language); the API leaves
    it off and keeps its documented format.
    """
    if str(data.get(HONEYPOT) or "").strip():
        raise HoneypotFilled()
    entry = find_consortium(consortium) if isinstance(consortium, str) else consortium
    if entry is None or not takes_rfqs(entry):
        raise RfqInvalid({"consortium": _("This consortium does not take requests for "
                                          "quotation.")})
    app = services().marketplace
    values, errors = _parse_all(data, entry, app.clock.now().date(), localised)
    if errors:
        raise RfqInvalid(errors)
    token = new_token()
    try:
        bid_id = app.request_quote(
            entry["consortium_id"], contact_name=values["contact_name"],
            contact_email=values["email"], organisation=values["organisation"],
            country=values["country"], stages=values["stages"],
            specification=values["specification"], quantity=values["quantity"],
            unit=values["unit"], incoterm=values["incoterm"],
            named_place=values["named_place"], currency=values["currency"],
            quote_needed_by=values["quote_needed_by"],
            wanted_delivery=values["wanted_delivery"], tracking_token=token,
            language=language)
    except (domain.DomainError, ConflictError) as refused:
        raise RfqInvalid(dict([_field_error(refused)]), refused) from None
    return Submitted(token, bid_id)


def _field_error(error: Exception) -> tuple[str, str]:
    """The field a domain error concerns, and what to tell the buyer about it."""
    said = str(error)  # in English, to find the field it is about
    worded = refusals.words(error) if isinstance(error, domain.DomainError) else said
    by_type: list[tuple[type[Exception], str, str]] = [
        (domain.StageNotOfferedError, "stages", _("Choose only stages this consortium offers.")),
        (domain.UnknownStageError, "stages", _("Choose the stages from the list.")),
        (domain.UnknownCountryError, "country", _("Choose a country from the list.")),
        (domain.UnknownCurrencyError, "currency",
         _("Choose a currency from the list (ISO 4217).")),
        (domain.OfferNotPublishedError, FORM_ERROR,
         _("This consortium does not take requests for quotation.")),
        (domain.ConsortiumClosedError, FORM_ERROR,
         _("This consortium does not take requests for quotation.")),
        (ConflictError, FORM_ERROR, _("Something changed at the same moment; please send "
                                      "the request again.")),
    ]
    for kind, field, message in by_type:
        if isinstance(error, kind):
            return field, message
    if isinstance(error, domain.UnknownIncotermError):
        return ("named_place", worded) if "place" in said else (
            "incoterm", _("Choose one of the Incoterms 2020 rules."))
    # The remaining rule errors name what they are about in their message.
    for words, field in (("delivery", "wanted_delivery"), ("quote is needed", "quote_needed_by"),
                         ("quantity", "quantity"), ("stage", "stages"),
                         ("organisation", "organisation"), ("specification", "specification"),
                         ("unit", "unit"), ("e-mail", "email"), ("the name", "contact_name")):
        if words in said:
            return field, refusals.sentence(worded) + "."
    return FORM_ERROR, refusals.sentence(worded) + "."
