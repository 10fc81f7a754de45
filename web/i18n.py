"""Languages: the buyer's choice, else the browser's, else English; money and dates per locale."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from functools import lru_cache
from urllib.parse import urlsplit

from babel.numbers import format_decimal
from flask import Blueprint, Flask, redirect, request
from flask_babel import get_locale
from werkzeug.datastructures import LanguageAccept
from werkzeug.http import parse_accept_header
from werkzeug.wrappers import Response

from marketplace.moneyformat import format_money
from marketplace.people import LANGUAGES
from web import translating
from web.labels import role_names

COOKIE = "lang"
LANGUAGE_NAMES = {"en": "English", "es": "Español", "fr": "Français", "de": "Deutsch"}

language = Blueprint("language", __name__)


def negotiate(chosen: str | None, accept_language: str) -> str:
    """The language switcher's cookie wins over the browser's Accept-Language.

    One rule for Flask-Babel and for the kept pages served before Flask (web/keptpages.py).
    """
    if chosen in LANGUAGES:
        return chosen  # type: ignore[return-value]
    return _best_accepted(accept_language[:ACCEPT_LANGUAGE_LIMIT])


ACCEPT_LANGUAGE_LIMIT = 500  # longer than any browser sends; a hostile header stays cheap


@lru_cache(maxsize=256)
def _best_accepted(accept_language: str) -> str:
    # Browsers send a handful of distinct headers: each is parsed once per process.
    accepted = parse_accept_header(accept_language, LanguageAccept)
    return accepted.best_match(LANGUAGES) or "en"


def select_locale() -> str:
    """The page's language, for Flask-Babel."""
    return negotiate(request.cookies.get(COOKIE), request.headers.get("Accept-Language", ""))


def _local_path(target: str | None) -> str:
    # Only a path on this site: the switcher must not become an open redirect.
    parts = urlsplit(target or "/")
    if parts.scheme or parts.netloc or not parts.path.startswith("/"):
        return "/"
    return parts.path + (f"?{parts.query}" if parts.query else "")


@language.get("/language/<code>")
def switch(code: str) -> Response:
    """Remember the chosen language for a year and go back to the page."""
    if code not in LANGUAGES:
        return Response(f"{code!r} is not a language of this site", status=404,
                        mimetype="text/plain")
    response = redirect(_local_path(request.args.get("next")), code=303)
    response.set_cookie(COOKIE, code, max_age=365 * 24 * 3600, samesite="Lax", httponly=True)
    return response


def money(amount: Decimal | str | None, currency: str) -> str:
    """An amount in the page's language: 1.234,50 € in German, €1,234.50 in English,
    with CLDR's currency spacing (CHF 1,234.50)."""
    if amount is None:
        return ""
    return format_money(Decimal(str(amount)), currency, str(get_locale()))


def number_text(value: Decimal | int | str | None) -> str:
    """A number for an input, as the page's language writes it: 1500,5 in Spanish.

    Every decimal is kept and digits are not grouped, so that the form's parsers
    (web/forms.py) read it back as the same value; three decimals after at most three
    digits get a fourth (12.1250), since 12.125 could also be read as 12125.
    """
    if value is None or value == "":
        return ""
    number = Decimal(str(value))
    places = max(0, -int(number.as_tuple().exponent))
    if places == 3 and abs(number) < 1000:
        places = 4
    pattern = "0" + ("." + "0" * places if places else "")
    return format_decimal(number, format=pattern, locale=str(get_locale() or "en"))


def day(value: date | datetime | None, style: str = "medium") -> str:
    """A date in the page's language."""
    if value is None:
        return ""
    return translating.format_day(value, style)


def init_app(app: Flask) -> None:
    """Register the switcher and the template helpers, translating through the bound catalog."""
    translating.init_app(app)
    app.register_blueprint(language)
    app.add_template_filter(money, "money")
    app.add_template_filter(day, "day")
    app.add_template_filter(number_text, "number")
    app.jinja_env.globals.update(LANGUAGE_NAMES=LANGUAGE_NAMES, current_locale=lambda: str(
        get_locale()), role_names=role_names)
