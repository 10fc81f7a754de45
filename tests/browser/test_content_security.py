"""The Content-Security-Policy in real Chromium: no page trips it, and what used to be inline
script (a refused formation form swapped in by htmx, the receipt's Print button) works
from static/js/app.js."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import ConsoleMessage, Page, expect

from tests.browser.conftest import LiveSite
from tests.story import METAL
from tests.web.signin import PASSWORD, open_account

pytestmark = pytest.mark.filterwarnings(
    "ignore:Session-scoped fixtures defined as instance methods:pytest.PytestRemovedIn10Warning")


def _watch_csp(page: Page) -> list[str]:
    """Chromium reports each blocked script, style or eval on the console."""
    refused: list[str] = []

    def seen(message: ConsoleMessage) -> None:
        if "Content Security Policy" in message.text:
            refused.append(f"{page.url}: {message.text}")

    page.on("console", seen)
    return refused


def test_an_officer_sees_a_refused_form_swapped_in_and_nothing_trips_the_csp(
        page: Page, live_site: LiveSite) -> None:
    refused = _watch_csp(page)
    live_site.services.marketplace.propose_consortium(
        slug="metal", name="Santander Global Metal", agency="SODERCAN", region="ES-CB",
        sector=METAL)
    _account, email = open_account(live_site.services, "officer")
    page.goto("/")
    page.goto("/login")
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(re.compile(r"/workspace/$"))

    page.goto("/workspace/agency/metal")
    page.locator("#ip-name").fill("Aceros Besaya")
    page.locator("#ip-tax").fill("ESB39000001")
    page.locator("#ip-employees").fill("85")
    page.locator("#ip-note").fill("   ")  # passes `required`, refused by the server (422)
    page.get_by_role("button", name="Identify the prospect").click()
    # htmx swaps a 422 in only because app.js says so: the message and the typed values.
    expect(page.locator("#formation")).to_contain_text(
        "Please fill in the note on export potential.")
    expect(page.locator("#ip-name")).to_have_value("Aceros Besaya")
    expect(page).to_have_url(re.compile(r"/workspace/agency/metal$"))  # no full page load

    page.evaluate("() => { window.print = () => { window.printed = true; }; }")
    assert page.evaluate("() => window.printed === undefined")
    page.evaluate("""() => {
        const button = document.createElement('button');
        button.setAttribute('data-print', '');
        button.id = 'print-here';
        document.body.append(button);
    }""")
    page.locator("#print-here").click()
    assert page.evaluate("() => window.printed === true")
    assert refused == []


def test_an_inline_script_would_be_refused_and_reported(page: Page,
                                                      live_site: LiveSite) -> None:
    page.goto("/")
    # As if a template had let an inline handler through: Chromium must refuse it.
    with page.expect_console_message(
            lambda message: "Content Security Policy" in message.text) as reported:
        page.evaluate("""() => {
            const div = document.createElement('div');
            div.innerHTML = '<img src="/static/none.png" onerror="window.ran = true">';
            document.body.append(div);
        }""")
    assert "script-src" in reported.value.text
    assert page.evaluate("() => window.ran === undefined")
