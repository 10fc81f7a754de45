"""The buyer's private tracking page: the request, its timeline, the quote; accept or decline."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from domain.errors import DomainError, QuoteExpiredError
from marketplace.bidding.tracking import find_tracked_request
from marketplace.documents.queries import buyer_may_attach, list_bid_documents
from web import labels, refusals
from web.extensions import htmx, services
from web.i18n import day
from web.rfq.blueprint import rfq
from web.rfq.fields import LIMITS, Invalid, readable

REASON_LIMIT = LIMITS["reason"]
DEFAULT_REASON = "Declined by the buyer"


def _tracked(token: str) -> dict[str, Any]:
    found = find_tracked_request(services().engine, token)
    if found is None:
        abort(404)  # the same answer for a malformed and an unknown token
    return found


def quote_open(tracked: dict[str, Any]) -> bool:
    """Whether the buyer can still answer: quoted, and today is within the validity."""
    today = services().marketplace.clock.now().date()
    return (tracked["awaiting_buyer"] and tracked["quote_valid_until"] is not None
            and today <= tracked["quote_valid_until"])


def _page(token: str, tracked: dict[str, Any], status: int = 200,
          problem: str | None = None) -> tuple[str, int]:
    return render_template(
        "rfq/track.html", token=token, bid=tracked, problem=problem,
        quote_open=quote_open(tracked), stage_names=labels.stage_names(),
        step_names=labels.buyer_steps(), country=labels.country_name(tracked["buyer_country"]),
        reason_limit=REASON_LIMIT,
        documents=list_bid_documents(services().engine, tracked["bid_id"]),
        can_attach=buyer_may_attach(tracked["status"])), status


@rfq.get("/rfq/<token>")
def track(token: str) -> tuple[str, int]:
    """The request behind a private link; 404 for any link that is not one."""
    return _page(token, _tracked(token))


def _answer(token: str, act: Callable[[dict[str, Any]], None],
            done: str) -> Response | tuple[str, int]:
    """Run the buyer's answer if the quote is open and the box is ticked; else say why."""
    tracked = _tracked(token)
    problem, status = None, 409
    if not quote_open(tracked):
        problem = (_("This quote expired on %(day)s and can no longer be answered.",
                     day=_day(tracked)) if tracked["quote_unanswered"]
                   else _("This quote can no longer be answered."))
    elif request.form.get("confirm") != "yes":
        problem, status = _("Tick the box to confirm your answer."), 422
    else:
        try:
            act(tracked)
        except Invalid as refused:
            problem, status = str(refused), 422
        except QuoteExpiredError:
            problem = _("This quote expired on %(day)s and can no longer be answered.",
                        day=_day(tracked))
        except DomainError as refused:
            problem = refusals.words(refused)
    if problem is None:
        flash(done, "success")
        return _back(token)
    if htmx:
        flash(problem, "error")  # the page reloads and shows it
        return _back(token, status)
    return _page(token, _tracked(token), status, problem)


def _back(token: str, status: int = 204) -> Response:
    """Back to the tracking page: a 303 for a plain form, a full reload for htmx."""
    target = url_for("rfq.track", token=token)
    if htmx:
        # htmx would swap a followed redirect into the form; a reload shows the new state.
        return Response(status=status, headers={"HX-Redirect": target})
    return redirect(target, code=303)


def _day(tracked: dict[str, Any]) -> str:
    return day(tracked["quote_valid_until"])


@rfq.post("/rfq/<token>/accept")
def accept(token: str) -> Response | tuple[str, int]:
    """The buyer accepts the quote while it is valid."""
    return _answer(token, lambda tracked: services().marketplace.accept_quote(
        tracked["bid_id"]), _("You accepted the quote. The consortium will contact you to "
                              "sign the contract."))


@rfq.post("/rfq/<token>/decline")
def decline(token: str) -> Response | tuple[str, int]:
    """The buyer declines the quote, with an optional reason."""

    def reject(tracked: dict[str, Any]) -> None:
        # The default stays in English: it is kept in the history, not shown as a label.
        reason = readable(request.form.get("reason", ""), "reason") or DEFAULT_REASON
        services().marketplace.reject_quote(tracked["bid_id"], reason)

    return _answer(token, reject, _("You declined the quote. Thank you for telling us."))

