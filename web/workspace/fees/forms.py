"""Reading the fee screen's form: which period to assess, and when its fees fall due."""

from __future__ import annotations

from datetime import date
from typing import NamedTuple

from flask_babel import gettext as _

from web import forms


class Assessment(NamedTuple):
    """The period typed, and its due date (None: the period's default)."""

    period: str
    due_on: date | None


def period() -> str:
    """The period as typed; the fee run judges whether it is one."""
    return forms.text("period")


def assessment() -> Assessment:
    """The whole form; a due date left empty takes the period's default."""
    due_on = forms.day("due_on", _("The due date")) if forms.text("due_on") else None
    return Assessment(period(), due_on)
