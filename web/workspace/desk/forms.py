"""Reading the desk's forms: the members asked, the margin, the contract value and shares.

A field that cannot be read raises `Refused` naming it; `forms.submit` answers it with a
422 and the form as typed, like any refused rule.
"""

from __future__ import annotations

from decimal import Decimal
from uuid import UUID

from flask import request
from flask_babel import gettext as _

from domain.errors import DomainError, InvalidValueError
from domain.money import Money
from marketplace.bidding.quoting import parse_percent
from web import forms, refusals
from web.forms import Refused


def asks() -> list[tuple[str, str]]:
    """The ticked (stage, member) pairs; each box's value is "stage:membership id"."""
    ticked = request.form.getlist("ask")
    if not ticked:
        raise Refused(_("Tick at least one member to ask."), field="ask")
    pairs = []
    for value in ticked:
        stage, _sep, membership_id = value.partition(":")
        if not membership_id:
            raise Refused(_("The form sent a choice that is not a stage and member."),
                          field="ask")
        pairs.append((stage, membership_id))
    return pairs


def margin(typed: str) -> Decimal:
    """The management margin as the page's language writes it (8, 7.5 %, es 7,5), 0 to 100."""
    try:
        number: Decimal | str = forms.read_percentage(typed, _("The management margin"),
                                                      field="margin")
    except forms.ReadTwoWays:
        raise
    except Refused:
        number = typed  # the rule says how a percentage is written
    try:
        return parse_percent(number)
    except InvalidValueError as error:
        raise Refused(refusals.words(error), field="margin") from None


def amount(typed: str, currency: str, field: str) -> Money:
    """An amount in the RFQ's currency as the page writes it; its rule's words if not one."""
    value = forms.read_number(typed, typed, field=field, message=_(
        "%(typed)s is not an amount of money.", typed=repr(typed)))
    try:
        return Money.of(value, currency)  # refuses floats' extra decimals, negatives
    except DomainError as error:
        raise Refused(refusals.words(error), field=field) from None


def shares(currency: str, member_ids: list[str]) -> dict[UUID | str, Money]:
    """The work shares typed in; an empty or zero share means the member gets none."""
    typed_shares: dict[UUID | str, Money] = {}
    for membership_id in member_ids:
        field = f"share-{membership_id}"
        typed = forms.text(field)
        if not typed:
            continue
        share = amount(typed, currency, field)
        if share:
            typed_shares[membership_id] = share
    return typed_shares
