"""Questions, answers and revised quotes through the application, on SQLite and PostgreSQL."""

from __future__ import annotations

import io
import json
from datetime import timedelta
from uuid import UUID

import pytest
from sqlalchemy import select

from domain.bid import Bid
from domain.deadlines import working_days_after
from domain.errors import QuoteSupersededError, UnknownQuestionError
from domain.statuses import BidStatus
from marketplace.application import Marketplace
from marketplace.bidding.enquiries import bid_questions_list
from marketplace.bidding.queries import bid_contributions, desk_bid
from marketplace.bidding.versions import latest_revision, quote_history
from marketplace.bootstrap import Services
from marketplace.exports.ocds import write_release_package
from marketplace.exports.ocds_exchange import ENQUIRY_EXTENSION
from marketplace.outbox.kinds import KINDS_BY_NAME
from marketplace.outbox.tables import mail_outbox
from marketplace.outbox.texts import words
from tests.documents import PDF
from tests.integration.test_exports import problems
from tests.story import Formed, eur, form_consortium, quoted_bid, request_quote


@pytest.fixture
def formed(app: Marketplace) -> Formed:
    return form_consortium(app)


def _stored(app: Marketplace, bid: UUID) -> list[Bid.Event]:
    return list(app.repository.event_store.get(bid))


def test_a_question_and_its_answer_are_bid_events(app: Marketplace, formed: Formed) -> None:
    bid = request_quote(app, formed.consortium)
    question_id = app.ask_question(bid, "Do you galvanise the blocks?")
    assert isinstance(question_id, UUID)
    app.answer_question(bid, str(question_id), "Yes, hot-dip, EN ISO 1461.",
                        shared_with_members=True)
    asked, answered = _stored(app, bid)[-2:]
    assert isinstance(asked, Bid.QuestionAsked) and asked.question_id == question_id
    assert isinstance(answered, Bid.QuestionAnswered)
    assert (answered.answer, answered.shared) == ("Yes, hot-dip, EN ISO 1461.", True)
    with pytest.raises(UnknownQuestionError):
        app.answer_question(bid, "7c0f5a9e-0000-4000-8000-000000000000", "No.")


def test_a_revision_round_gives_version_two_and_only_it_is_accepted(
    services: Services, formed: Formed,
) -> None:
    app = services.marketplace
    bid = quoted_bid(app, formed)
    asked_at = app.clock.now()
    app.request_revision(bid, "Could you deliver in two lots?")
    assert desk_bid(services.engine, bid)["status"] == BidStatus.REVISION_REQUESTED
    requested = _stored(app, bid)[-1]
    assert isinstance(requested, Bid.RevisionRequested)
    rules = app.get_consortium(formed.consortium).rules
    assert requested.respond_by == working_days_after(asked_at, rules.quote_response_days)
    # The manager asks the manufacturer again; it commits a lower price.
    due = app.clock.now().date() + timedelta(days=2)
    app.request_contribution(bid, "manufacturing", formed.memberships[1], due)
    app.commit_contribution(bid, "manufacturing", formed.memberships[1], eur("230000"), 50)
    valid = app.clock.now().date() + timedelta(days=30)
    assert app.send_revised_quote(bid, eur("420000"), valid, 110) == 2
    row = desk_bid(services.engine, bid)
    assert (row["status"], row["quote_price"], row["quote_valid_until"]) == (
        BidStatus.QUOTED, eur("420000").amount, valid)
    with pytest.raises(QuoteSupersededError):
        app.accept_quote(bid, version=1)
    app.accept_quote(bid, version=2)
    assert app.get_bid(bid).status == BidStatus.ACCEPTED


def test_a_member_asked_again_keeps_its_committed_price_in_the_read_model(
    services: Services, formed: Formed,
) -> None:
    app = services.marketplace
    bid = quoted_bid(app, formed)
    app.request_revision(bid, "Cheaper, please.")
    due = app.clock.now().date() + timedelta(days=4)
    app.request_contribution(bid, "design", formed.memberships[0], due)
    design = next(c for c in bid_contributions(services.engine, bid) if c["stage"] == "design")
    assert (design["status"], design["due_on"], design["price"]) == (
        "committed", due, eur("20000").amount)


def test_the_read_models_keep_questions_versions_and_revisions(
    services: Services, formed: Formed,
) -> None:
    app = services.marketplace
    bid = quoted_bid(app, formed)
    kept = app.ask_question(bid, "Is the paint C5-M?")
    private = app.ask_question(bid, "Who pays the crane?")
    app.answer_question(bid, kept, "Yes, C5-M.", shared_with_members=True)
    app.answer_question(bid, private, "We do.")
    questions = bid_questions_list(services.engine, str(bid))
    assert [(q["text"], q["answer"], q["shared"], q["can_share"]) for q in questions] == [
        ("Is the paint C5-M?", "Yes, C5-M.", True, False),
        ("Who pays the crane?", "We do.", False, True)]
    shared = bid_questions_list(services.engine, str(bid), shared_only=True)
    assert [q["text"] for q in shared] == ["Is the paint C5-M?"]
    app.share_answer(bid, private)
    assert len(bid_questions_list(services.engine, str(bid), shared_only=True)) == 2

    app.request_revision(bid, "Two lots, please.")
    history = quote_history(services.engine, str(bid))
    assert latest_revision(history) is not None
    assert latest_revision(history)["message"] == "Two lots, please."  # type: ignore[index]
    valid = app.clock.now().date() + timedelta(days=20)
    app.send_revised_quote(bid, eur("430000"), valid, 100)
    app.revise_quote(bid, eur("425000"), valid, 100, "A typo in the price.")
    history = quote_history(services.engine, str(bid))
    assert [(v["number"], v["price"], v["latest"]) for v in history["versions"]] == [
        (2, eur("425000").amount, True), (1, eur("440000").amount, False)]
    assert history["versions"][0]["corrected_at"] is not None
    assert latest_revision(history) is None  # version 2 is not the subject of a revision
    assert [r["of_number"] for r in history["revisions"]] == [1]


def test_each_step_of_the_exchange_writes_its_mail(services: Services, formed: Formed) -> None:
    app = services.marketplace
    manager = app.open_account(name="Marta Gil", email="marta@example.org",
                               password="correct horse battery",
                               grants=[("manager", str(formed.consortium))])
    marta = str(app.get_account(manager).person)
    bid = quoted_bid(app, formed)
    buyer = str(app.get_bid(bid).buyer)
    question = app.ask_question(bid, "Is the paint C5-M?")
    app.answer_question(bid, question, "Yes.")
    app.request_revision(bid, "Two lots, please.")
    valid = app.clock.now().date() + timedelta(days=20)
    app.send_revised_quote(bid, eur("430000"), valid, 100)
    with services.engine.connect() as conn:
        rows = {row.kind: row for row in conn.execute(
            select(mail_outbox).where(mail_outbox.c.kind.in_(
                ["question_asked", "question_answered", "revision_requested",
                 "revised_quote_sent"])))}
    assert rows["question_asked"].recipient_ref == marta
    assert rows["revision_requested"].recipient_ref == marta
    assert rows["revision_requested"].facts["respond_by"].endswith("UTC")
    assert rows["question_answered"].recipient_ref == buyer
    assert rows["revised_quote_sent"].recipient_ref == buyer
    assert rows["revised_quote_sent"].facts == {
        "consortium": "Metal Export Consortium", "number": "2", "price_amount": "430000.00",
        "price_currency": "EUR", "valid_until": valid.isoformat(), "bid": str(bid),
        "quote_reference": f"{app.get_bid(bid).reference}/2"}
    # Version 2's mail carries version 2's quotation, as the first quote's mail does.
    assert KINDS_BY_NAME["revised_quote_sent"].files(rows["revised_quote_sent"].facts)[
        0].filename == f"quotation-{app.get_bid(bid).reference}-2.pdf"
    subject, body = words("revised_quote_sent", "es", name="Lucía",
                          **rows["revised_quote_sent"].facts)
    assert subject == "Metal Export Consortium: su presupuesto revisado (versión 2)"
    assert "430.000,00" in body and f"{valid.day} de" in body


def test_the_ocds_export_carries_enquiries_documents_and_quote_versions_as_amendments(
    app: Marketplace, formed: Formed,
) -> None:
    bid = quoted_bid(app, formed)
    app.attach_to_rfq(bid, [("hull-block.pdf", io.BytesIO(PDF))])
    question = app.ask_question(bid, "Is the paint C5-M?")
    app.clock.advance(hours=3)
    app.answer_question(bid, question, "Yes, C5-M.")
    app.request_revision(bid, "Two lots, please.")
    app.send_revised_quote(bid, eur("430000"), app.clock.now().date() + timedelta(days=20), 100)
    out = io.StringIO()
    write_release_package(app, out, publisher="SODERCAN", uri="https://consortia.example/ocds")
    package = json.loads(out.getvalue())
    assert problems(package) == []
    ocid = f"ocds-consortia-{bid}"
    mine = [r for r in package["releases"] if r["ocid"] == ocid]
    enquiries = [e for r in mine for e in r["tender"].get("enquiries", [])]
    assert [sorted(e) for e in enquiries] == [["date", "description", "id", "title"],
                                              ["answer", "dateAnswered", "id"]]
    assert enquiries[0]["id"] == enquiries[1]["id"]
    assert enquiries[1]["answer"] == "Yes, C5-M."
    assert enquiries[1]["dateAnswered"] > enquiries[0]["date"]
    [amendment] = [a for r in mine for a in r["tender"].get("amendments", [])]
    quoted = next(r["id"] for r in mine if "tenderers" in r["tender"])
    assert amendment["rationale"] == "Two lots, please."
    assert amendment["amendsReleaseID"] == quoted
    assert amendment["description"].startswith("Quote version 2 replaces version 1: EUR 430000")
    assert package["extensions"] == [ENQUIRY_EXTENSION]
    # The three together in one release package, valid against OCDS 1.1.5 (above).
    documents = [d for r in mine for d in r["tender"].get("documents", [])]
    assert [(d["title"], d["format"]) for d in documents][-1:] == [
        ("hull-block.pdf", "application/pdf")]
