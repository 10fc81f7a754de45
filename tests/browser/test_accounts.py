"""Issue 16, item 5, in real Chromium, through the pages only, CSRF on.

The officer invites a user, grants a role to an account, appoints the manager of a new
consortium (who has no account, so gets an invitation by mail) and closes an account.
Then someone who forgot their password asks for a link, reads it in the outbox, chooses
a new password with it and is signed in; the old password opens nothing any more.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from domain.values import Sector
from tests.browser.conftest import LiveSite
from tests.story import form_consortium
from tests.web.signin import PASSWORD, open_account

pytestmark = pytest.mark.filterwarnings(
    "ignore:Session-scoped fixtures defined as instance methods:pytest.PytestRemovedIn10Warning")

RESET = re.compile(r"/password/reset/[A-Za-z0-9_-]{43}")
NEW_PASSWORD = "a new password for Pablo"


def mails_to(site: LiveSite, kind: str, address: str) -> list[str]:
    """The bodies of the outbox's mails of this kind to this address, newest first."""
    site.services.outbox.catch_up()
    return [m.letter.body for m in site.services.outbox.mails()
            if m.kind == kind and m.letter is not None and m.letter.to_address == address]


def sign_in(page: Page, email: str, password: str) -> None:
    page.goto("/login")
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(re.compile(r"/workspace/$"))


def row(page: Page, name: str) -> Any:
    return page.get_by_role("row").filter(has_text=name)


def test_the_officer_manages_accounts_and_a_forgotten_password_is_reset_by_mail(
        page: Page, live_site: LiveSite, screenshot: Any) -> None:
    app = live_site.services.marketplace
    form_consortium(app)
    app.propose_consortium(slug="marine", name="Marine Energy Export", agency="SODERCAN",
                           region="ES-CB", sector=Sector("28", "Machinery"))
    app.open_account(name="Pablo Gómez", email="pablo@agency.example", password=PASSWORD,
                     grants=[("auditor", "")])
    app.open_account(name="Marta Gil", email="marta@agency.example", password=PASSWORD,
                     grants=[("auditor", "")])
    _officer, officer_email = open_account(live_site.services, "officer")
    sign_in(page, officer_email, PASSWORD)

    # Invites a member of the agency's staff.
    page.get_by_role("link", name=re.compile("^Accounts")).first.click()
    page.get_by_label("Name", exact=True).fill("Eva Sanz")
    page.get_by_label("E-mail address").fill("eva@agency.example")
    page.get_by_label("Role", exact=True).select_option(label="auditor")
    page.get_by_role("button", name="Send the invitation").click()
    expect(page.get_by_role("status")).to_contain_text("Eva Sanz is invited")
    assert mails_to(live_site, "invitation", "eva@agency.example")

    # Grants Pablo the manager's role of the Metal consortium.
    row(page, "Pablo Gómez").get_by_role("link", name=re.compile("^Grant a role")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Grant a role to Pablo Gómez")
    page.get_by_label("Role").select_option(label="consortium manager")
    page.get_by_label("Consortium (for a consortium manager)").select_option(
        label="Metal Export Consortium")
    page.get_by_role("button", name="Grant the role").click()
    expect(page.get_by_role("status").first).to_contain_text("The role is granted.")
    expect(row(page, "Pablo Gómez")).to_contain_text("consortium manager — Metal Export "
                                                     "Consortium")
    screenshot("accounts-role-granted")

    # Appoints the manager of the new consortium, who has no account: an invitation goes.
    page.goto("/workspace/agency/marine")
    page.get_by_label("Manager's name").fill("Jean Dupont")
    page.get_by_label("Manager's e-mail address").fill("jean@marine.example")
    page.get_by_label(re.compile("^Language of the invitation")).select_option(label="Français")
    page.get_by_role("button", name="Appoint the manager").click()
    expect(page.locator("#manager-state")).to_contain_text("Jean Dupont was appointed manager")
    [invitation] = mails_to(live_site, "invitation", "jean@marine.example")
    assert "/password/set/" in invitation and "mot de passe" in invitation

    # Closes Marta's account, ticking the box that says it is for good.
    page.goto("/workspace/accounts/")
    expect(row(page, "Jean Dupont")).to_contain_text("consortium manager — Marine Energy Export")
    marta = row(page, "Marta Gil")
    marta.get_by_label("Close the account of Marta Gil for good").check()
    marta.get_by_role("button", name="Close the account").click()
    expect(page.get_by_role("status").first).to_contain_text("The account is closed.")
    expect(row(page, "Marta Gil")).to_contain_text("Closed")
    screenshot("accounts-closed")
    page.get_by_role("button", name="Sign out").first.click()

    # Marta cannot sign in any more.
    page.goto("/login")
    page.get_by_label("E-mail").fill("marta@agency.example")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("alert")).to_contain_text("The e-mail address or the password is wrong")

    # Pablo forgot his password: a link by mail, a new password, signed in.
    page.get_by_role("link", name="Forgot your password?").click()
    page.get_by_label("E-mail address").fill("pablo@agency.example")
    page.get_by_role("button", name="Mail me a link").click()
    expect(page.get_by_role("status")).to_contain_text("a link to choose a new password is "
                                                       "on its way")
    [mail] = mails_to(live_site, "password_reset", "pablo@agency.example")
    found = RESET.search(mail)
    assert found, mail
    page.goto(found.group(0))
    page.get_by_label("New password").fill(NEW_PASSWORD)
    page.get_by_label("The same password again").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Keep this password and sign in").click()
    expect(page).to_have_url(re.compile(r"/workspace/$"))
    expect(page.locator("body")).to_contain_text("Pablo Gómez")
    screenshot("password-reset-signed-in")
    page.get_by_role("button", name="Sign out").first.click()

    # The old password opens nothing; the new one does; the link works no more.
    page.goto("/login")
    page.get_by_label("E-mail").fill("pablo@agency.example")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("alert")).to_be_visible()
    sign_in(page, "pablo@agency.example", NEW_PASSWORD)
    page.goto(found.group(0))
    expect(page.locator("body")).to_contain_text("This link was used already")
    events = [e["type"] for e in app.history(app.passwords.account_for("pablo@agency.example"))]
    assert events[-1] == "Account.PasswordReset"
