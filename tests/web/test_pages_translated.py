"""Every storefront page renders in English, Spanish, French and German, and in the three
translated languages none of the page's own strings falls back to English.

A recording wrapper around Flask-Babel's translations notes each string asked for that
the catalog lacks; the page must ask for none.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import flask_babel
import pytest
from flask.testing import FlaskClient

from marketplace.bootstrap import Services
from tests.story import form_consortium, quoted_bid

LANGUAGES = ("en", "es", "fr", "de")


class Recording:
    """Translations that remember every string they could not translate."""

    def __init__(self, inner: Any, missing: set[str]) -> None:
        self.inner, self.missing = inner, missing

    def _known(self, key: Any) -> bool:
        return key in getattr(self.inner, "_catalog", {})

    def ugettext(self, string: str) -> str:
        if not self._known(string):
            self.missing.add(string)
        return self.inner.ugettext(string)

    def ungettext(self, singular: str, plural: str, n: int) -> str:
        if not self._known((singular, 0)):
            self.missing.add(singular)
        return self.inner.ungettext(singular, plural, n)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)


@pytest.fixture
def missing(monkeypatch: pytest.MonkeyPatch) -> Iterator[set[str]]:
    found: set[str] = set()
    original = flask_babel.Domain.get_translations

    def recording(self: flask_babel.Domain) -> Any:
        translations = original(self)
        if str(flask_babel.get_locale()) == "en":
            return translations  # English is the source language: nothing to look up
        return Recording(translations, found)

    monkeypatch.setattr(flask_babel.Domain, "get_translations", recording)
    yield found


def tracking_token_of(services: Services, bid: Any) -> str:
    """The buyer's token, as the vault keeps it for the mails."""
    app = services.marketplace
    kept = app.reveal_person(app.get_bid(bid).buyer)
    assert kept is not None
    return kept["token"]


@pytest.fixture
def pages(services: Services) -> list[tuple[str, str, dict[str, Any]]]:
    formed = form_consortium(services.marketplace, slug="metal")
    bid = quoted_bid(services.marketplace, formed)
    token = tracking_token_of(services, bid)
    bad_rfq = {"organisation": "", "email": "not-an-address", "stages": ["design"]}
    return [
        ("GET", "/", {}),
        ("GET", "/?stage=installation&q=steel", {}),
        ("GET", "/?stage=welding", {}),
        ("GET", "/consortia/metal", {}),
        ("GET", "/consortia/metal/rfq", {}),
        ("POST", "/consortia/metal/rfq", {"data": bad_rfq}),
        ("GET", f"/rfq/{token}", {}),
        ("GET", "/rfq/unknown", {}),
        ("GET", "/no-such-page", {}),
    ]


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_page_renders_fully_translated(client: FlaskClient, language: str,
                                             pages: list[tuple[str, str, dict[str, Any]]],
                                             missing: set[str]) -> None:
    for method, path, options in pages:
        response = client.open(path, method=method, headers={"Accept-Language": language},
                               **options)
        assert response.status_code < 500, path
        assert f'<html lang="{language}">' in response.get_data(as_text=True), path
    assert sorted(missing) == [], f"untranslated in {language}"
