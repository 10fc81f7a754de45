"""The desk's side of the exchange: answer the buyer's questions, send a revised quote."""

from __future__ import annotations

from flask import request

from web import forms
from web.authz import allow
from web.extensions import services
from web.forms import Page
from web.workspace.desk import desk
from web.workspace.desk.access import bid_version, managed_bid
from web.workspace.desk.actions import _quote_terms, _to_bid, act, written_terms
from web.workspace.desk.pages import quote_page


@desk.post("/rfq/<bid_id>/questions/<question_id>/answer")
@allow("manager")
def answer_question(bid_id: str, question_id: str) -> Page:
    """Answer the buyer's question; the tick shares it with the members asked to price."""
    return act(bid_id, lambda: services().marketplace.answer_question(
        bid_id, question_id, forms.text("answer"),
        shared_with_members=request.form.get("shared") == "yes"))


@desk.post("/rfq/<bid_id>/questions/<question_id>/share")
@allow("manager")
def share_answer(bid_id: str, question_id: str) -> Page:
    """Share an answer given to the buyer alone with the members asked to price."""
    return act(bid_id, lambda: services().marketplace.share_answer(bid_id, question_id))


@desk.post("/rfq/<bid_id>/quote/version")
@allow("manager")
def send_revised_quote(bid_id: str) -> Page:
    """Send the buyer the next version of the quote, from the contributions as they stand."""
    bid = managed_bid(bid_id)
    margin_text = request.form.get("margin", "")

    def send() -> None:
        services().marketplace.send_revised_quote(bid_id, *_quote_terms(bid, margin_text),
                                                   **written_terms())

    return forms.submit(
        send, seen=(bid_id, bid_version(bid_id)), done=_to_bid(bid_id),
        again=lambda refused: quote_page(bid_id, margin_text, refused.message, refused.status))
