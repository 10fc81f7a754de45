"""A refusal worded for the person: a domain error in the page's language.

Domain errors carry their English wording (the catalogs' msgid) and the values that fill
its blanks. Here the wording is looked up in the page's language and each value is shown
as the page shows it: money and dates per locale, stages by their names, and words the
domain marked with N_ translated.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from enum import Enum

from flask_babel import format_decimal
from flask_babel import gettext as _

from domain.errors import DomainError
from domain.money import Money
from web import i18n
from web.labels import STAGE_LABELS, stage_label


def shown(value: object) -> str:
    """One value of a refusal, as the page shows it."""
    if isinstance(value, Money):
        return i18n.money(value.amount, value.currency)
    if isinstance(value, datetime | date):
        return i18n.day(value)
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int | Decimal):
        try:
            return format_decimal(value)
        except InvalidOperation:  # past Decimal's 28 digits: the amount a refusal names
            return str(value)
    if isinstance(value, Enum):
        value = value.value
    if isinstance(value, str):
        if value in STAGE_LABELS:
            return stage_label(value)
        return _(value) if value else value
    if isinstance(value, Iterable):
        return ", ".join(shown(item) for item in value)
    return str(value)


def sentence(message: str) -> str:
    """A message as a sentence on the page ("the note..." -> "The note...")."""
    return message[:1].upper() + message[1:]


def words(error: DomainError) -> str:
    """The error as a sentence in the page's language."""
    values = {name: shown(value) for name, value in error.params.items()}
    try:
        return sentence(_(error.wording_used, **values))
    except (KeyError, TypeError, ValueError):  # a translation whose blanks do not match
        return sentence(error.english())
