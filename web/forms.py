"""The one way from a workspace form to a command: read typed fields, run, answer.

Every workspace POST goes through `submit`, which answers the same way everywhere:
- 404 when the record it names does not exist;
- 409 "changed since you opened the page" when the form was filled in against an older
  version, or another process changed the record in between (a conflict);
- 422 when a rule refuses, with the form re-rendered holding what was typed;
- the caller's `done` answer (a 303, or a fragment for htmx) when the command ran.

Fields are read with one parser per field type. A field that cannot be read raises
`Refused` (422) with a sentence for the person and the field it is about; `submit`
answers it like any refused rule, so parsing belongs inside the command it feeds.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterator
from contextlib import contextmanager
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any
from uuid import UUID

from flask import abort, flash, redirect, request, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from domain.errors import DomainError
from domain.money import Money
from domain.values import Stage
from marketplace.errors import ConflictError, NotFoundError
from web import refusals
from web.extensions import htmx, services

Page = Response | tuple[str, int] | tuple[str, int, dict[str, str]]
STALE = 409
REFUSED = 422


class Refused(Exception):
    """A form that cannot be carried out: the message, its status, the field it is about."""

    def __init__(self, message: str, status: int = REFUSED, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.status = status
        self.field = field

    def __str__(self) -> str:
        return self.message


def stale_message() -> str:
    return _("This changed since you opened the page; reload and try again.")


sentence = refusals.sentence


# --- reading fields ------------------------------------------------------------------


def text(name: str) -> str:
    """The field's text, trimmed; the command judges whether it may be empty."""
    return request.form.get(name, "").strip()


def required(name: str, what: str) -> str:
    """A field that must be filled in."""
    value = text(name)
    if not value:
        raise Refused(_("Please fill in %(what)s.", what=what), field=name)
    return value


def lines(name: str) -> list[str]:
    """One entry per line, blank lines dropped."""
    return [line.strip() for line in request.form.get(name, "").splitlines() if line.strip()]


def _number_text(typed: str) -> str:
    # Digit grouping as people type it: "500,000", "500 000" (also the narrow space).
    return typed.replace(",", "").replace(" ", "").replace("\u202f", "").replace("\xa0", "")


def whole_number(name: str, what: str, *, message: str | None = None) -> int:
    """A whole number, with or without digit grouping: 1200, 1,200, 1 200."""
    typed = _number_text(text(name))
    if not typed.isascii() or not typed.lstrip("-").isdigit() or len(typed) > 18:
        raise Refused(message or _("%(what)s must be a whole number.", what=what), field=name)
    return int(typed)


def decimal(name: str, what: str, *, default: str | None = None) -> Decimal:
    """A number that may have decimals; empty means `default` when one is given."""
    typed = _number_text(text(name)) or (default or "")
    try:
        value = Decimal(typed)
    except InvalidOperation:
        raise Refused(_("%(what)s must be a number.", what=what), field=name) from None
    if not value.is_finite():
        raise Refused(_("%(what)s must be a number.", what=what), field=name)
    return value


def money(name: str, currency: str) -> Money:
    """An amount above zero typed as 500000 or 500,000.00, in `currency`."""
    typed = _number_text(text(name))
    try:
        value = Decimal(typed)
    except InvalidOperation:
        raise Refused(_("%(typed)s is not an amount of money.", typed=repr(text(name))),
                      field=name) from None
    if not value.is_finite() or value <= 0:
        raise Refused(_("Type an amount above zero."), field=name)
    try:
        return Money.of(value, currency)
    except DomainError as error:
        raise Refused(refusals.words(error), field=name) from None


def percentage(name: str, what: str) -> Decimal:
    """A percentage as a number (8 for 8 %); empty means 0."""
    return decimal(name, what, default="0")


def day(name: str, what: str) -> date:
    """A date typed as YYYY-MM-DD."""
    try:
        return date.fromisoformat(text(name))
    except ValueError:
        raise Refused(_("%(what)s must be a date (YYYY-MM-DD).", what=what), field=name) from None


def choice(name: str, allowed: Collection[str], what: str) -> str:
    """One of the offered values."""
    value = text(name)
    if value not in allowed:
        raise Refused(_("Please choose %(what)s from the list.", what=what), field=name)
    return value


def several(name: str, allowed: Collection[str], what: str = "", *,
            message: str | None = None) -> list[str]:
    """Any number of the offered values (ticked boxes), in the order they came."""
    ticked = request.form.getlist(name)
    if any(value not in allowed for value in ticked):
        raise Refused(message or _("Please choose %(what)s from the list.", what=what),
                      field=name)
    return ticked


def stages(name: str = "stages") -> list[str]:
    """Ticked stages of the value chain."""
    return several(name, {stage.value for stage in Stage},
                   message=_("Choose the stages from the list."))


def seen_version() -> int | None:
    """The version of the record the form was filled in against; None if it carries none."""
    typed = request.form.get("version", "").strip()
    return int(typed) if typed.isascii() and typed.isdigit() and len(typed) < 12 else None


# --- running the command -------------------------------------------------------------


@contextmanager
def _expecting(seen: tuple[UUID | str, int] | None) -> Iterator[None]:
    if seen is None:
        yield
        return
    aggregate_id, current = seen
    if seen_version() != current:
        raise Refused(stale_message(), STALE)
    # The command also refuses if another process changes the record from here on.
    with services().marketplace.expecting(aggregate_id, current):
        yield


def submit(command: Callable[[], Any], *, again: Callable[[Refused], Page],
           done: Callable[[], Page], seen: tuple[UUID | str, int] | None = None) -> Page:
    """Run one form's command against the version the page showed, and answer.

    `seen` is (record id, version) of what the page showed: the form's hidden `version`
    must match it, and the command refuses if the record changes meanwhile. `again`
    re-renders the form with what was typed and the refusal; `done` answers success.
    """
    try:
        with _expecting(seen):
            command()
    except Refused as refused:
        return again(refused)
    except NotFoundError:
        abort(404)
    except ConflictError:
        return again(Refused(stale_message(), STALE))
    except DomainError as error:
        return again(Refused(refusals.words(error)))
    return done()


def back(endpoint: str, status: int = 303, **values: Any) -> Response:
    """Back to a page: a 303, or for htmx a redirect it follows with a full load."""
    target = url_for(endpoint, **values)
    if htmx:
        # htmx would swap a followed redirect into the form; a reload shows the new state.
        return Response(status=204 if status == 303 else status, headers={"HX-Redirect": target})
    return redirect(target, code=303)


def done(message: str, endpoint: str, **values: Any) -> Response:
    """After a change: say so, and back to the page."""
    flash(message, "success")
    return back(endpoint, **values)
