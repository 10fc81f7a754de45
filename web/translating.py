"""Translations bound once per request, not looked up again for every string.

Flask-Babel finds the catalog anew for each string a template translates: the request's
Babel namespace on `g` (three times), the locale, its name, the catalog cache. A page
holds a couple of hundred strings, so that lookup cost more than the translating. Here
the first string of a request finds the catalog through Flask-Babel (which keeps one per
locale, loaded once per process) and binds it to that request; every later string of the
request is one context-variable read away from it.

The binding is keyed as Flask-Babel keys its own: by the context's Babel namespace (on
`g`) and the locale object it holds. So a new request, a document rendered in another
language (force_locale, web/documents.py) and the end of a force_locale each find their
own catalog again, and never another language's.
"""

from __future__ import annotations

from contextvars import ContextVar
from datetime import UTC, date, datetime

from babel import dates
from babel.support import NullTranslations
from flask import Flask
from flask.globals import _cv_app
from flask_babel import get_locale, get_translations
from flask_babel.speaklater import LazyString
from jinja2 import pass_eval_context
from jinja2.nodes import EvalContext
from markupsafe import Markup

# Flask-Babel's namespace for the context, the locale it holds, and that locale's catalog.
_BOUND: ContextVar[tuple[object, object, NullTranslations]] = ContextVar("consortia_catalog")


def translations() -> NullTranslations:
    """The catalog of the context's language, found once per context and locale."""
    context = _cv_app.get(None)
    if context is None:
        return get_translations()  # Flask-Babel's null catalog
    # Where Flask-Babel keeps the context's locale: read directly, not through `g`.
    babel = getattr(context.g, "_flask_babel", None)
    locale = getattr(babel, "babel_locale", None)
    bound = _BOUND.get(None)
    if bound is not None and locale is not None and bound[0] is babel and bound[1] is locale:
        return bound[2]
    found = get_translations()  # finds (and keeps) the locale and its catalog
    babel = context.g._flask_babel
    _BOUND.set((babel, babel.babel_locale, found))
    return found


def gettext(string: str, **variables: object) -> str:
    """Flask-Babel's gettext, through the bound catalog."""
    translated = translations().ugettext(string)
    return translated % variables if variables else translated


def lazy_gettext(string: str, **variables: object) -> LazyString:
    """A string translated when shown, in the language of the request showing it."""
    return LazyString(gettext, string, **variables)


def ngettext(singular: str, plural: str, n: int) -> str:
    return translations().ungettext(singular, plural, n)


def pgettext(context: str, string: str) -> str:
    return translations().upgettext(context, string)


def npgettext(context: str, singular: str, plural: str, n: int) -> str:
    return translations().unpgettext(context, singular, plural, n)


def format_day(value: date | datetime, style: str = "medium") -> str:
    """A date in the request's language, as Flask-Babel's format_date writes it (UTC).

    Flask-Babel's own asks for the locale, the timezone and the configured formats on
    every call; our pages use its defaults (UTC, CLDR's styles), so Babel is asked directly.
    """
    if isinstance(value, datetime) and value.tzinfo is not None:
        value = value.astimezone(UTC)
    return dates.format_date(value, style, locale=get_locale())


def format_moment(value: datetime, style: str = "medium") -> str:
    """A date and time in the request's language and UTC, as Flask-Babel's format_datetime."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)  # Flask-Babel reads a naive moment as UTC too
    return dates.format_datetime(value, style, tzinfo=UTC, locale=get_locale())


@pass_eval_context
def template_gettext(eval_context: EvalContext, string: str, **variables: object) -> str:
    """`{{ _("...") }}` as Jinja's new-style gettext does it, without its two extra calls.

    Jinja's `_` resolves `gettext` and calls it, which calls the installed function: three
    template calls per string, where this is one. Same result: under autoescape the
    translation is markup and the variables are escaped into it; the string is always
    %-formatted (a literal percent sign is written %%).
    """
    translated = translations().ugettext(string)
    if eval_context.autoescape:
        translated = Markup(translated)
    return translated % variables


def init_app(app: Flask) -> None:
    """Templates translate through the bound catalog (after Flask-Babel set up Jinja)."""
    app.jinja_env.install_gettext_callables(  # type: ignore[attr-defined]
        gettext=gettext, ngettext=ngettext, pgettext=pgettext, npgettext=npgettext,
        newstyle=True)
    app.jinja_env.globals.update(_=template_gettext, gettext=template_gettext)
