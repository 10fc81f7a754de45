"""Saves keep the officer's place: back to the section the form was in, "Saved." shown there.

The section travels in the flash's category ("success placed-prospects"), so the notice is
consumed with the page that shows it; a page that does not place it shows it at the top,
styled as any success.
"""

from __future__ import annotations

from typing import Any

from flask import flash, get_flashed_messages
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from web import forms

PLACE = "placed-"  # the second word of a flash's category: the section it belongs in

# Which section of the formation page each form is in, by its name or its name's prefix
# (a prospect's, a meeting's or a ledger line's forms end with their id).
SECTIONS: dict[str, str] = {
    "prospects": "prospects", "prospect": "prospects", "decision": "prospects",
    "meetings": "meetings", "meeting": "meetings", "cancel": "meetings",
    "attendance": "meetings",
    "matrix": "matrix",
    "grant": "funding", "disburse": "funding", "correct": "funding",
    "governance": "governance", "rules": "governance",
    "establish": "establish", "offer": "establish", "offer-texts": "establish",
}


def section_of(form: str) -> str:
    """The id of the formation page's section that holds the form."""
    return SECTIONS.get(form) or SECTIONS[form.split("-", 1)[0]]


def redirect_back(section: str, endpoint: str, **values: Any) -> Response:
    """Say "Saved." in the section, and back to the page scrolled to it (#section)."""
    flash(_("Saved."), f"success {PLACE}{section}")
    return forms.back(endpoint, _anchor=section, **values)


def placed_notices() -> tuple[list[tuple[str, str]], dict[str, list[str]]]:
    """The flashed messages: those for the top of the page, and those for each section."""
    top: list[tuple[str, str]] = []
    placed: dict[str, list[str]] = {}
    for category, message in get_flashed_messages(with_categories=True):
        kind, _space, place = category.partition(" ")
        if place.startswith(PLACE):
            placed.setdefault(place.removeprefix(PLACE), []).append(message)
        else:
            top.append((kind, message))
    return top, placed
