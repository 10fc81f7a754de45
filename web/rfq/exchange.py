"""The buyer's side of the exchange on the tracking page: ask a question, ask for a revision.

Both forms work without JavaScript (a 303 back to the page) and with htmx (the page
reloads, or the questions fragment is swapped in place).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import flash, render_template, request
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from domain.errors import DomainError, QuoteSupersededError
from marketplace.bidding.enquiries import bid_questions_list
from web import refusals
from web.extensions import htmx, services
from web.rfq.blueprint import rfq
from web.rfq.fields import LIMITS, Invalid, readable
from web.rfq.track import _back, _page, _tracked, quote_open, superseded_message


def _act(token: str, act: Callable[[dict[str, Any], str], None], field: str,
         done: str) -> Response | tuple[str, int]:
    tracked = _tracked(token)
    typed = request.form.get(field, "")
    problem, status = None, 422
    try:
        act(tracked, readable(typed, field))
    except Invalid as refused:
        problem = str(refused)
    except QuoteSupersededError:
        problem, status = superseded_message(), 409
    except DomainError as refused:
        problem, status = refusals.words(refused), 409
    if problem is None:
        if htmx and field == "question":
            return Response(_questions(token, tracked, notice=done), 200)
        flash(done, "success")
        return _back(token)
    if htmx and field == "question":
        return Response(_questions(token, tracked, question_problem=problem, typed=typed),
                        status)
    return _page(token, _tracked(token), status, problem, typed={field: typed})


def _questions(token: str, tracked: dict[str, Any], **context: Any) -> str:
    tracked = _tracked(token)
    return render_template(
        "rfq/_partials/questions.html", token=token, bid=tracked,
        questions=bid_questions_list(services().engine, tracked["bid_id"]),
        question_limit=LIMITS["question"], **context)


@rfq.post("/rfq/<token>/ask")
def ask(token: str) -> Response | tuple[str, int]:
    """The buyer asks the consortium a question about the request."""
    return _act(token, lambda tracked, text: services().marketplace.ask_question(
        tracked["bid_id"], text), "question",
        _("Your question was sent. You will get a mail when the consortium answers."))


@rfq.post("/rfq/<token>/revision")
def revision(token: str) -> Response | tuple[str, int]:
    """The buyer asks for a revised quote, saying what should change."""

    def request_revision(tracked: dict[str, Any], message: str) -> None:
        if not quote_open(tracked):
            raise Invalid(_("This quote can no longer be answered."))
        services().marketplace.request_revision(tracked["bid_id"], message)

    return _act(token, request_revision, "message",
                _("You asked for a revised quote. You will get a mail when it is ready."))
