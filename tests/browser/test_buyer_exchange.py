"""Issue 13's buyer exchange in real Chromium, through the pages only, CSRF on.

Lucía sends an RFQ with a PDF drawing (a real file upload) and asks a question on her
tracking page; the manager answers and shares the answer; Metal Firm 1, asked to price,
sees the drawing and the shared answer and commits; the manager sends the quote with its
payment terms; Lucía downloads the quotation's PDF, whose text holds the reference, the
price and the validity; she asks for a revision; the firm commits again and the manager
sends version 2; Lucía accepts version 2 and the manager records the award. No console
error and no Content-Security-Policy report on any of the three people's pages.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any
from uuid import UUID

import pytest
from playwright.sync_api import Page, expect
from pypdf import PdfWriter

from tests.browser import buyer
from tests.browser.conftest import LiveSite
from tests.browser.desk_steps import ask_everyone, main, open_desk, qualify
from tests.browser.exchange_steps import (
    LUCIA,
    Recorded,
    Watch,
    assert_pdf,
    bid_id,
    commit,
    downloaded_pdf_text,
    pdf_text,
    signed_in,
)
from tests.browser.quote_steps import accept_quote
from tests.story import eur, form_consortium

pytestmark = pytest.mark.filterwarnings(
    "ignore:Session-scoped fixtures defined as instance methods:pytest.PytestRemovedIn10Warning")

LUCIA_ADDRESS = "lucia@agua-mx.example"
MANAGER, FIRM = "ana.ruiz@metal.example", "oficina@metalfirm1.example"
QUESTION = "Can the galvanising follow ISO 1461 with 85 µm on every part?"
ANSWER = "Yes: ISO 1461, at least 85 µm, with a thickness report per batch."


@pytest.fixture
def watch() -> Iterator[Watch]:
    """The pages' console errors and CSP reports: none allowed."""
    watching = Watch()
    yield watching
    assert watching.reports() == []
    assert watching.seen == []


@pytest.fixture
def drawing(tmp_path: Path) -> Path:
    """A real one-page PDF, as a drawing exported from CAD would be."""
    writer = PdfWriter()
    writer.add_blank_page(width=842, height=595)
    writer.add_metadata({"/Title": "Pumping station structure, general arrangement"})
    path = tmp_path / "station-GA-rev-B.pdf"
    with path.open("wb") as out:
        writer.write(out)
    return path


def test_the_buyer_asks_gets_a_quotation_pdf_asks_a_revision_and_accepts_version_2(
        page: Page, new_context: Any, live_site: LiveSite, watch: Watch, drawing: Path,
        screenshot: Any) -> None:
    app, clock = live_site.services.marketplace, live_site.clock
    live_site.consortia["metal"] = formed = form_consortium(app)
    today = clock.now().date()
    lucia = watch.page(page)
    manager = watch.page(new_context().new_page())
    firm = watch.page(new_context().new_page())
    # The manager and Metal Firm 1's user have their accounts before Lucía writes.
    signed_in(manager, live_site, "manager", str(formed.consortium), MANAGER)
    signed_in(firm, live_site, "member", str(formed.memberships[0]), FIRM)
    firm.get_by_role("link", name=re.compile(r"^Member's space")).click()
    expect(firm.locator("#requests")).to_contain_text("No open request")

    # Lucía sends her request with the drawing, and asks a question on her tracking page.
    lucia.goto("/consortia/metal/rfq")
    buyer.describe_whole_job(lucia, today)
    buyer.email_field(lucia).fill(LUCIA_ADDRESS)
    buyer.field(lucia, r"^files").set_input_files(drawing)
    token = buyer.send_request(lucia)
    expect(lucia.locator("#documents")).to_contain_text(drawing.name)
    reference = lucia.locator(".request-summary .reference").inner_text().strip()
    assert re.fullmatch(r"[A-Z]{2,5}-\d{4}-\d{4}", reference), reference
    lucia.get_by_label("Ask the consortium a question").fill(QUESTION)
    lucia.get_by_role("button", name="Send the question").click()
    expect(lucia.locator("#questions")).to_contain_text(QUESTION)
    expect(lucia.locator("#questions")).to_contain_text("Not answered yet.")

    # The manager takes it on, asks every member, and answers, sharing the answer.
    open_desk(manager)
    qualify(manager, LUCIA, "Four stations, our core work.")
    expect(main(manager)).to_contain_text(reference)
    ask_everyone(manager, live_site, 5)
    expect(manager.locator("#contributions table tbody tr")).to_have_count(5)
    questions = manager.get_by_role("region", name="Questions from the buyer")
    questions.get_by_label("Your answer").fill(ANSWER)
    questions.get_by_label("Share with the members asked to price").check()
    questions.get_by_role("button", name="Send the answer").click()
    expect(manager.get_by_role("region", name="Questions from the buyer")).to_contain_text(
        "shared with the members")
    lucia.reload()
    expect(lucia.locator("#questions")).to_contain_text(ANSWER)

    # Metal Firm 1 sees the drawing and the shared answer, and prices its two stages.
    firm.reload()
    requests = firm.locator("#requests")
    expect(requests).to_contain_text(ANSWER)
    with firm.expect_download() as got:
        requests.get_by_role("link", name=drawing.name).first.click()
    assert Path(got.value.path()).read_bytes() == drawing.read_bytes()
    commit(firm, "Design", "20,000", "30", "Commit")
    commit(firm, "Engineering", "30,000", "45", "Commit")
    # The other two firms commit through the application: their pages are not the story.
    bid = UUID(bid_id(live_site, token))
    for n, stage, price in ((1, "manufacturing", "250000"), (2, "logistics", "40000"),
                            (2, "installation", "60000")):
        app.commit_contribution(bid, stage, formed.memberships[n], eur(price), 60)

    # The manager sends the quote with its terms.
    clock.advance(days=1)
    manager.reload()
    manager.get_by_role("link", name="Assemble the quote").click()
    manager.wait_for_load_state("load")  # htmx wired before typing
    valid = today + timedelta(days=46)
    manager.get_by_label("Management margin").fill("10")
    expect(manager.locator("#computation .quote-total")).to_have_text("€440,000.00")
    manager.get_by_label("Valid until").fill(valid.isoformat())
    manager.get_by_label("Lead time (days)").fill("120")
    manager.get_by_label("Payment terms").fill("30% with the order, 70% before shipment.")
    manager.get_by_label("Warranty").fill("24 months from erection.")
    manager.get_by_label("Taxes").fill("Without Mexican VAT and duties, paid by the buyer.")
    manager.get_by_role("button", name="Submit the quote").click()
    expect(main(manager)).to_contain_text("Quote sent; awaiting the buyer")

    # Lucía reads the quotation and files its PDF.
    lucia.reload()
    lucia.get_by_role("link", name="Read the quotation").click()
    quotation = lucia.get_by_role("article")
    expect(quotation).to_contain_text(reference)
    expect(quotation).to_contain_text("€440,000.00")
    expect(quotation).to_contain_text("30% with the order, 70% before shipment.")
    screenshot("buyer-quotation")
    assert_pdf(downloaded_pdf_text(lucia), reference, "€440,000.00", valid)

    # She asks for a revision; the manager asks Metal Firm 1 again, it lowers its design.
    lucia.goto(f"/rfq/{token}")
    lucia.get_by_label("Ask for a revised quote: what should change?").fill(
        "Could the design stage come down? Our budget is EUR 435,000.")
    lucia.get_by_role("button", name="Ask for a revision").click()
    expect(lucia.get_by_role("main")).to_contain_text("You asked for a revised quote")
    open_desk(manager)
    manager.get_by_role("link", name=LUCIA).click()
    revision = manager.get_by_role("region", name="The buyer asks for a revised quote")
    expect(revision).to_contain_text("Our budget is EUR 435,000.")
    design = manager.get_by_role("group", name="Design")
    design.get_by_role("checkbox", name=re.compile(r"^Metal Firm 1")).check()
    manager.get_by_role("button", name="Ask the ticked members").click()
    firm.reload()
    expect(firm.locator("#requests")).to_contain_text("The buyer asked for a revised quote")
    commit(firm, "Design", "15,000", "30", "Commit again")
    expect(firm.locator("#requests")).to_contain_text("€15,000.00")

    manager.reload()
    manager.get_by_role("link", name="Prepare the revised quote").click()
    manager.wait_for_load_state("load")
    expect(manager.get_by_role("heading", name="Version 2 of the quote")).to_be_visible()
    manager.get_by_label("Management margin").fill("10")
    expect(manager.locator("#computation .quote-total")).to_have_text("€434,500.00")
    manager.get_by_label("Valid until").fill(valid.isoformat())
    manager.get_by_role("button", name="Send version 2").click()
    expect(main(manager)).to_contain_text("€434,500.00")

    # Lucía sees version 2, its PDF, and accepts it.
    lucia.reload()
    expect(lucia.get_by_role("heading", name=re.compile(r"version 2"))).to_be_visible()
    expect(lucia.locator("table.versions")).to_contain_text("€440,000.00")
    assert_pdf(downloaded_pdf_text(lucia), f"{reference}/2", "€434,500.00", valid)
    accept_quote(lucia)
    assert buyer.status_of(live_site, token) == "accepted"

    # The manager records the award at the accepted price.
    open_desk(manager)
    manager.get_by_role("link", name=LUCIA).click()
    manager.get_by_role("link", name="Record the award").click()
    manager.get_by_role("button", name="Share the value in proportion again").click()
    manager.get_by_label("Contract reference").fill("ADV-2026-114")
    manager.get_by_role("button", name="Record the award").click()
    expect(manager.locator(".contract-value")).to_have_text("€434,500.00")
    screenshot("desk-awarded-after-revision")

    # Each person waiting on another heard of it by mail; the quotes carried their PDF.
    live_site.services.outbox.catch_up()
    mails = {(m.kind, m.letter.to_address if m.letter else "", m.attachments)
             for m in live_site.services.outbox.mails()}
    pdf = f"quotation-{reference}"
    expected = {
        ("rfq_received", LUCIA_ADDRESS, ()), ("rfq_new", MANAGER, ()),
        ("question_asked", MANAGER, ()), ("question_answered", LUCIA_ADDRESS, ()),
        ("contribution_requested", FIRM, ()),
        ("contribution_committed", MANAGER, ()),
        ("quote_ready", LUCIA_ADDRESS, (f"{pdf}.pdf",)),
        ("revision_requested", MANAGER, ()),
        ("revised_quote_sent", LUCIA_ADDRESS, (f"{pdf}-2.pdf",)),
        ("quote_accepted", LUCIA_ADDRESS, ()), ("buyer_accepted", MANAGER, ()),
        ("contract_awarded", LUCIA_ADDRESS, ()), ("work_share_awarded", FIRM, ())}
    assert expected <= mails, sorted(expected - mails)
    # Sent, version 2's mail carries version 2's quotation.
    outbox = live_site.services.outbox
    outbox.transport = sent = Recorded()
    report = outbox.send_due(clock.now())
    assert report.failed == report.retried == 0, report.problems
    [revised] = [m for m in sent.messages if "version 2" in str(m["Subject"])]
    [attached] = list(revised.iter_attachments())
    assert_pdf(pdf_text(attached.get_content()), f"{reference}/2", "€434,500.00", valid)
