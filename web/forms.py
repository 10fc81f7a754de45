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
Numbers, money, percentages and dates are read as the page's language writes them
(`read_number`, `read_day`); every form reads them here, and nowhere else.

A refused form comes back with every value as typed and its message inside it: `submit`
keeps the refusal for the page's templates, and `as_typed(endpoint, **url values)` (a
template global of the workspace) tells the form refused from the page's other forms and
gives back its values, ticked boxes and chosen options (tests/web/test_forms_keep_typed.py).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterator
from contextlib import contextmanager
from datetime import date
from decimal import Decimal
from typing import Any
from uuid import UUID

from babel.dates import get_date_format, get_month_names
from babel.numbers import NumberFormatError, format_decimal, get_group_symbol, parse_decimal
from flask import abort, flash, g, redirect, request, url_for
from flask_babel import format_date, get_locale
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from domain.errors import DocumentTooLargeError, DomainError
from domain.money import Money
from domain.values import Stage
from marketplace.errors import ConflictError, NotFoundError
from web import refusals
from web.extensions import htmx, services
from web.i18n import number_text as number_text  # the inputs' values, read back here

Page = Response | tuple[str, int] | tuple[str, int, dict[str, str]]
STALE = 409
TOO_LARGE = 413  # a file, or an RFQ's files together, over the limit
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


class ReadTwoWays(Refused):
    """A number that could mean two numbers in the page's language (en 1.500, es 1,500)."""


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


def new_password(name: str = "password", again: str = "confirm") -> str:
    """A new password, typed twice alike; never trimmed (a space is part of it), and cut
    at a length the domain refuses anyway so that nothing longer is hashed."""
    password = request.form.get(name, "")[:400]
    if password != request.form.get(again, "")[:400]:
        raise Refused(_("The two passwords differ; type the same one twice."), field=name)
    return password


def lines(name: str) -> list[str]:
    """One entry per line, blank lines dropped."""
    return [line.strip() for line in request.form.get(name, "").splitlines() if line.strip()]


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


# --- numbers and dates as the page's language writes them ----------------------------
# One way for every form: Babel reads what people type in the page's locale (es 250.000
# is 250000, en 1,500.50 is 1500.5); text that could mean two things there is refused
# with a sentence saying how to write it. The JSON API reads its own format, `plain`.

_SPACES = (" ", "\xa0", "\u202f")
_NUMBER_CHARACTERS = re.compile(r"-?[0-9][0-9.,\u202f]*")
# One separator before exactly three digits: "1.500" is 1.5 or 1500 unless it groups.
_TWO_WAYS = re.compile(r"-?([1-9][0-9]{0,2})([.,])([0-9]{3})")
_PLAIN = re.compile(r"-?[0-9]+(?:\.[0-9]+)?")
_LONGEST = 40  # more characters than any amount below 10^12 with its separators
_ISO_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_DAY_PARTS = re.compile(r"[0-9]+|[^\W\d_]+\.?")
_DAY_GLUE = re.compile(r"[\s/.,\-]*")


def page_locale() -> str:
    """The language the page is shown in, as Babel names it."""
    return str(get_locale() or "en")


def group_symbol() -> str:
    """The digit-grouping sign of the page's language ("," en, "." es and de, U+202F fr)."""
    return get_group_symbol(page_locale())


def _grouped(number: Decimal) -> str:
    """An example as the page's language writes it, digits grouped: 1,500.50 / 1.500,50."""
    places = max(0, -int(number.as_tuple().exponent))
    return format_decimal(number, format="#,##0" + ("." + "0" * places if places else ""),
                          locale=page_locale())


def _write_like(example: Decimal) -> str:
    return _("Write it like %(example)s.", example=_grouped(example))


def _two_ways(typed: str, whole: Decimal, fraction: Decimal) -> str:
    return _("“%(typed)s” can be read two ways. Write %(whole)s for the whole number, or "
             "%(fraction)s for the number with decimals.", typed=typed,
             whole=_grouped(whole), fraction=number_text(fraction.normalize()))


def read_number(typed: str, what: str, *, whole: bool = False, plain: bool = False,
                field: str | None = None, message: str | None = None) -> Decimal:
    """A number typed as the page's language writes it; `plain` reads 1500.50 only (APIs).

    Plain digits always read. Refused, with how to write it, when it is not a number, or
    when it could mean two numbers in this language (en 1.500, es 1,500).
    """
    example = Decimal(1500) if whole else Decimal("1500.50")
    if whole:
        unreadable = message or _("%(what)s must be a whole number.", what=what)
    else:
        unreadable = message or _("%(what)s must be a number.", what=what)
    text_ = typed.strip()
    if plain:
        if len(text_) > _LONGEST or not _PLAIN.fullmatch(text_):
            raise Refused(unreadable, field=field)
        value = Decimal(text_)
    else:
        value = _localised(text_, unreadable + " " + _write_like(example), field)
    if whole and value != value.to_integral_value():
        raise Refused(unreadable + " " + _write_like(example), field=field)
    return value


def _localised(typed: str, unreadable: str, field: str | None) -> Decimal:
    locale = page_locale()
    group = get_group_symbol(locale)
    for space in _SPACES:  # "250 000" groups digits in every language
        typed = typed.replace(space, group)
    if len(typed) > _LONGEST or not _NUMBER_CHARACTERS.fullmatch(typed):
        raise Refused(unreadable, field=field)
    two_ways = _TWO_WAYS.fullmatch(typed)
    if two_ways and two_ways[2] != group:
        sign = -1 if typed.startswith("-") else 1
        raise ReadTwoWays(_two_ways(typed, sign * Decimal(two_ways[1] + two_ways[3]),
                                    sign * Decimal(f"{two_ways[1]}.{two_ways[3]}")),
                          field=field)
    try:
        value = parse_decimal(typed, locale=locale, strict=True)
    except NumberFormatError:
        raise Refused(unreadable, field=field) from None
    if not value.is_finite():
        raise Refused(unreadable, field=field)
    return value


def read_percentage(typed: str, what: str, *, field: str | None = None) -> Decimal:
    """A percentage as typed: 8, 7,5 % in es, 7.5% in en; the rule judges its range."""
    return read_number(typed.strip().removesuffix("%").strip(" \xa0\u202f"), what,
                       field=field)


def _day_order(pattern: str) -> list[str]:
    fields = re.sub(r"'[^']*'", "", pattern)
    found = {kind: fields.find(letter) for kind, letter in
             (("y", "y"), ("m", "M" if "M" in fields else "L"), ("d", "d"))}
    return sorted(found, key=found.__getitem__)


def _month_named(word: str, locale: str) -> int | None:
    wanted = word.lower().rstrip(".")
    for width in ("abbreviated", "wide"):
        for context in ("format", "stand-alone"):
            for number, name in get_month_names(width, context, locale).items():
                if name.lower().rstrip(".") == wanted:
                    return int(number)
    return None


def _localised_day(typed: str, locale: str) -> date | None:
    """A date in the locale's short, medium or long style; None if it is not one."""
    patterns = [get_date_format(style, locale).pattern for style in ("short", "medium", "long")]
    fillers = {word.lower() for pattern in patterns for word in re.findall(r"'([^']+)'", pattern)}
    parts = [part for part in _DAY_PARTS.findall(typed) if part.lower() not in fillers]
    if _DAY_GLUE.fullmatch(_DAY_PARTS.sub("", typed)) is None or len(parts) != 3:
        return None
    words = [part for part in parts if not part.isdigit()]
    numbers = [part for part in parts if part.isdigit()]
    if len(words) > 1 or not all(number.isascii() for number in numbers):
        return None
    if words:
        month = _month_named(words[0], locale)
        if month is None:
            return None
        order = [kind for kind in _day_order(patterns[1]) if kind != "m"]
        digits = {**dict(zip(order, numbers, strict=True)), "m": str(month)}
    else:
        digits = dict(zip(_day_order(patterns[0]), numbers, strict=True))
    year, month_of_year, day_of_month = digits["y"], digits["m"], digits["d"]
    if len(year) not in (2, 4) or len(month_of_year) > 2 or len(day_of_month) > 2:
        return None
    try:  # two digits of the year are this century's, as the short style writes them
        return date(int(year) + (2000 if len(year) == 2 else 0), int(month_of_year),
                    int(day_of_month))
    except ValueError:
        return None


def read_day(typed: str, what: str, *, field: str | None = None) -> date:
    """A date as YYYY-MM-DD (what a date input sends) or as the page's language writes it."""
    text_ = typed.strip()
    found: date | None = None
    if _ISO_DAY.fullmatch(text_):
        try:
            found = date.fromisoformat(text_)
        except ValueError:
            found = None
    elif len(text_) <= _LONGEST:
        found = _localised_day(text_, page_locale())
    if found is None:
        example = format_date(date(2026, 5, 31), "medium")
        raise Refused(_("%(what)s must be a date (YYYY-MM-DD).", what=what) + " " + _(
            "You may also write it as %(example)s.", example=example), field=field)
    return found


def whole_number(name: str, what: str, *, message: str | None = None) -> int:
    """A whole number as the page's language writes it: 1200, 1,200 (en), 1.200 (es)."""
    value = read_number(text(name), what, whole=True, field=name, message=message)
    if abs(value) >= 10**18:
        raise Refused(message or _("%(what)s must be a whole number.", what=what), field=name)
    return int(value)


def decimal(name: str, what: str, *, default: str | None = None) -> Decimal:
    """A number that may have decimals, in the page's language; empty means `default`."""
    typed = text(name)
    if not typed and default is not None:
        return Decimal(default)
    return read_number(typed, what, field=name)


def amount(name: str, currency: str, *, above_zero: bool = False) -> Money:
    """An amount as the page's language writes it (es 500.000,00), in `currency`."""
    typed = text(name)
    value = read_number(typed, typed, field=name, message=_(
        "%(typed)s is not an amount of money.", typed=repr(typed)))
    if above_zero and value <= 0:
        raise Refused(_("Type an amount above zero."), field=name)
    try:
        return Money.of(value, currency)
    except DomainError as error:
        raise Refused(refusals.words(error), field=name) from None


def money(name: str, currency: str) -> Money:
    """An amount above zero as the page's language writes it (es 500.000,00), in `currency`."""
    return amount(name, currency, above_zero=True)


def percentage(name: str, what: str) -> Decimal:
    """A percentage as a number (8 for 8 %, 7,5 in es); empty means 0."""
    typed = text(name)
    return read_percentage(typed, what, field=name) if typed else Decimal(0)


def day(name: str, what: str) -> date:
    """A date typed as YYYY-MM-DD, or as the page's language writes it."""
    return read_day(text(name), what, field=name)


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
        return _again(again, refused)
    except NotFoundError:
        abort(404)
    except ConflictError:
        return _again(again, Refused(stale_message(), STALE))
    except DocumentTooLargeError as error:  # the one refusal that is about size
        return _again(again, Refused(refusals.words(error), TOO_LARGE))
    except DomainError as error:
        return _again(again, Refused(refusals.words(error)))
    return done()


def _again(again: Callable[[Refused], Page], refused: Refused) -> Page:
    g.refused = refused  # for the page's templates: `as_typed` finds the form refused
    return again(refused)


# --- showing a refused form again ---------------------------------------------------


class Typed:
    """One form of a page, as its template shows it: what was typed if it was refused.

    Every value comes back as typed, boxes and options included; the form that was not
    refused shows its defaults. `message` is the refusal's, for the form to show inside it.
    """

    def __init__(self, refused: Refused | None = None) -> None:
        self.refused = refused is not None
        self.message = refused.message if refused is not None else ""
        self.field = refused.field if refused is not None else None

    def __bool__(self) -> bool:
        return self.refused

    def value(self, name: str, default: Any = "") -> Any:
        """The text typed into the field, else the default."""
        return request.form.get(name, "") if self.refused else default

    def ticked(self, name: str, value: Any, default: bool = False) -> bool:
        """Whether the box (radio, option) of this value was ticked, else the default."""
        return str(value) in request.form.getlist(name) if self.refused else default


def as_typed(endpoint: str, **ids: Any) -> Typed:
    """The form posting to `endpoint` (with these URL values), as typed if it was refused.

    For templates: `{% set typed = as_typed("desk.request_contributions", bid_id=bid.bid_id) %}`
    then `typed.value("due_on", default)`, `typed.ticked("ask", value, default)` and
    `typed.message` inside the form, so a page of several forms shows which one was refused.
    """
    refused: Refused | None = g.get("refused")
    if refused is None or request.method != "POST" or request.endpoint != endpoint:
        return Typed()
    posted = request.view_args or {}
    if any(str(posted.get(name)) != str(value) for name, value in ids.items()):
        return Typed()
    return Typed(refused)


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
