"""The buyer exchange's steps in Chromium: three people's pages watched for console errors
and CSP reports, signing in, a member's commitment, the quotation's PDF read with pypdf."""

from __future__ import annotations

import re
from datetime import date
from email.message import EmailMessage
from io import BytesIO

from babel.dates import format_date
from playwright.sync_api import ConsoleMessage, Page, expect
from pypdf import PdfReader

from marketplace.bidding.tracking import find_tracked_request
from tests.browser.conftest import LiveSite
from tests.web.signin import PASSWORD, open_account

LUCIA = "Agua y Drenaje de Veracruz"
# Put in every page before its own scripts: Chromium fires this for each blocked script,
# style or eval, even one it does not log.
WATCH_CSP = """document.addEventListener("securitypolicyviolation", (event) => {
  (window.cspReports = window.cspReports || []).push(event.violatedDirective);
});"""


class Recorded:
    """A mail transport that keeps what it is given."""

    name = "recorded"

    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []

    def send(self, message: EmailMessage) -> None:
        self.messages.append(message)


class Watch:
    """Every console error, page error and CSP report on the pages it watches."""

    def __init__(self) -> None:
        self.seen: list[str] = []
        self.pages: list[Page] = []

    def page(self, page: Page) -> Page:
        def console(message: ConsoleMessage) -> None:
            if message.type == "error" or "Content Security Policy" in message.text:
                self.seen.append(f"{page.url}: {message.text}")

        page.on("console", console)
        page.on("pageerror", lambda error: self.seen.append(f"{page.url}: {error}"))
        page.add_init_script(WATCH_CSP)
        self.pages.append(page)
        return page

    def reports(self) -> list[str]:
        return [f"{page.url}: {report}" for page in self.pages if not page.is_closed()
                for report in page.evaluate("() => window.cspReports || []")]


def signed_in(page: Page, live_site: LiveSite, role: str, scope: str, email: str) -> None:
    """An account with one role at a known address, signed in through the real form."""
    open_account(live_site.services, role, scope, email=email)
    page.goto("/login")
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(re.compile(r"/workspace/"))


def commit(member: Page, stage: str, price: str, lead: str, button: str) -> None:
    """The member prices one stage of Lucía's request on its space."""
    request = member.get_by_role("article").filter(
        has=member.get_by_role("heading", name=re.compile(rf"^{stage} · {LUCIA}")))
    request.get_by_label("Price").fill(price)
    request.get_by_label("Lead time (days)").fill(lead)
    request.get_by_role("button", name=button).click()
    expect(request.locator(".badge-ok")).to_be_visible()


def downloaded_pdf_text(page: Page) -> str:
    """Download the page's quotation PDF, as a browser saves it, and read its text."""
    with page.expect_download() as downloading:
        page.get_by_role("link", name="Download the PDF").first.click()
    download = downloading.value
    assert download.suggested_filename.endswith(".pdf"), download.suggested_filename
    return pdf_text(download.path().read_bytes())


def bid_id(live_site: LiveSite, token: str) -> str:
    """The RFQ behind a tracking link."""
    tracked = find_tracked_request(live_site.services.engine, token)
    assert tracked is not None
    return str(tracked["bid_id"])


def assert_pdf(text: str, reference: str, price: str, valid: date) -> None:
    """The PDF's text holds the reference, the price and the validity, in English."""
    flat = re.sub(r"\s+", " ", text)
    assert reference in flat, flat[:500]
    assert price in flat, flat[:500]
    assert format_date(valid, "medium", locale="en") in flat, flat[:500]


def pdf_text(data: bytes) -> str:
    """The text of every page of a PDF."""
    return " ".join(page.extract_text() for page in PdfReader(BytesIO(data)).pages)
