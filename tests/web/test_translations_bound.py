"""Translations bound once per request: each request, and each forced locale, its own catalog."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import flask_babel
import pytest
from flask import Flask, render_template_string
from flask_babel import force_locale

from web.translating import format_day, format_moment, gettext, template_gettext, translations

WORD = "Maintenance"  # a value-chain stage, translated in every catalog
IN = {"en": "Maintenance", "de": "Wartung", "es": "Mantenimiento", "fr": "Maintenance"}


def test_each_request_binds_the_catalog_of_its_own_language(web_app: Flask) -> None:
    assert IN["de"] != IN["es"]
    for language in ("de", "es", "en", "de"):  # one thread, requests one after another
        with web_app.test_request_context("/", headers={"Accept-Language": language}):
            assert gettext(WORD) == IN[language]
            assert translations() is translations()  # found once, then bound
            assert render_template_string("{{ _(w) }}", w=WORD) == IN[language]


def test_a_forced_locale_binds_its_catalog_and_gives_the_request_s_back(web_app: Flask) -> None:
    with web_app.test_request_context("/", headers={"Accept-Language": "de"}):
        assert gettext(WORD) == IN["de"]
        with force_locale("es"):
            assert gettext(WORD) == IN["es"]
        assert gettext(WORD) == IN["de"]


def test_templates_translate_as_jinja_s_new_style_gettext_does(web_app: Flask) -> None:
    with web_app.test_request_context("/"):
        html = web_app.jinja_env.from_string('{{ _("%(name)s wins", name=n) }}')
        text = web_app.jinja_env.overlay(autoescape=False).from_string(
            '{{ _("%(name)s wins", name=n) }}')
        assert html.render(n="<b>") == "&lt;b&gt; wins"
        assert text.render(n="<b>") == "<b> wins"
        assert web_app.jinja_env.globals["_"] is template_gettext


@pytest.mark.parametrize("language", ["en", "de", "es", "fr"])
def test_dates_read_as_flask_babel_writes_them(web_app: Flask, language: str) -> None:
    """Flask-Babel's formatting is the reference the direct calls are checked against."""
    moments = [datetime(2026, 3, 1, 23, 30, tzinfo=UTC), datetime(2026, 3, 1, 23, 30),
               datetime(2026, 3, 1, 23, 30, tzinfo=timezone(timedelta(hours=-5)))]
    with web_app.test_request_context("/", headers={"Accept-Language": language}):
        for style in ("short", "medium", "long"):
            assert format_day(date(2026, 12, 4), style) == flask_babel.format_date(
                date(2026, 12, 4), style)
            for moment in moments:
                assert format_day(moment, style) == flask_babel.format_date(moment, style)
                assert format_moment(moment, style) == flask_babel.format_datetime(
                    moment, style)


def test_templates_are_compiled_once_when_not_debugging(web_app: Flask) -> None:
    assert not web_app.debug and web_app.jinja_env.auto_reload is False
    with web_app.test_request_context("/"):
        first = web_app.jinja_env.get_template("storefront/index.html")
        assert web_app.jinja_env.get_template("storefront/index.html") is first
