"""The exchange's events read well on the auditor's screens: the log filter, the event page."""

from __future__ import annotations

from datetime import timedelta

from flask.testing import FlaskClient

from marketplace.bootstrap import Services
from tests.story import eur, form_consortium, quoted_bid
from tests.web.audit_world import stored
from tests.web.signin import sign_in


def test_questions_and_versions_are_in_the_audit_log(
        client: FlaskClient, services: Services) -> None:
    app = services.marketplace
    bid = quoted_bid(app, form_consortium(app))
    question = app.ask_question(bid, "Is the paint C5-M?")
    app.answer_question(bid, question, "Yes, C5-M.", shared_with_members=True)
    app.request_revision(bid, "Two lots, please.")
    app.send_revised_quote(bid, eur("430000"), app.clock.now().date() + timedelta(days=20), 100)
    sign_in(client, services, "auditor")
    log = client.get("/workspace/audit/?event_type=Bid.RevisedQuoteSent")
    assert log.status_code == 200 and "Bid.RevisedQuoteSent" in log.get_data(as_text=True)
    position = next(p for p, e in stored(services)
                    if type(e).__qualname__ == "Bid.RevisedQuoteSent")
    page = client.get(f"/workspace/audit/events/{position}").get_data(as_text=True)
    assert "replaces" in page and "430" in page
    asked = next(p for p, e in stored(services) if type(e).__qualname__ == "Bid.QuestionAsked")
    assert "Is the paint C5-M?" in client.get(
        f"/workspace/audit/events/{asked}").get_data(as_text=True)
    history = client.get(f"/workspace/audit/aggregates/{bid}").get_data(as_text=True)
    assert "Bid.RevisionRequested" in history and "revision_requested" in history
