"""Who sees which RFQ on the desk, stale forms, and refusals people can read."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import Any

from flask import abort, request
from flask_babel import format_datetime, format_timedelta
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from domain.errors import DomainError, InvalidValueError
from marketplace.bidding.queries import desk_bid
from marketplace.errors import ConflictError, NotFoundError
from web.authz import principal
from web.extensions import services

Row = dict[str, Any]
Page = Response | tuple[str, int]


def stale_message() -> str:
    return _("This changed since you opened the page; reload and try again.")


def not_yours() -> str:
    return _("This RFQ belongs to a consortium you do not manage; you can act only on your own.")


def visible_consortia() -> set[str] | None:
    """The consortia whose RFQs the person reads; None for all (officers, auditors)."""
    me = principal()
    if me.holds("officer") or me.holds("auditor"):
        return None
    return me.scopes("manager")


def check_reads(consortium_id: str) -> None:
    """Refuse a manager who reads another consortium's desk."""
    scope = visible_consortia()
    if scope is not None and consortium_id not in scope:
        abort(403, not_yours())


def check_manages(consortium_id: str) -> None:
    """Refuse anyone who does not manage the consortium: writes are the manager's."""
    if consortium_id not in principal().scopes("manager"):
        abort(403, not_yours())


def readable_bid(bid_id: str) -> Row:
    """The RFQ, if the person may read it."""
    try:
        bid = desk_bid(services().engine, bid_id)
    except NotFoundError:
        abort(404)
    check_reads(bid["consortium_id"])
    return bid


def managed_bid(bid_id: str) -> Row:
    """The RFQ, if the person manages its consortium."""
    bid = readable_bid(bid_id)
    check_manages(bid["consortium_id"])
    return bid


def bid_version(bid_id: str) -> int:
    return services().marketplace.get_bid(bid_id).version  # type: ignore[no-any-return]


def is_stale(current: int) -> bool:
    """Whether the form was filled in against an older version than `current`."""
    return request.form.get("version", "") != str(current)


def attempt(action: Callable[[], object], refuse: Callable[[str, int], Page],
            seen: tuple[str, int] | None = None) -> Page | None:
    """Run a command; on a broken rule, answer with its message and nothing written.

    `seen` is the (aggregate id, version) the form was filled in against: the command
    then refuses if another process changed it since, even after the freshness check.
    """
    try:
        if seen is None:
            action()
        else:
            with services().marketplace.expecting(*seen):
                action()
    except ConflictError:
        return refuse(stale_message(), 409)
    except DomainError as error:
        return refuse(sentence(str(error)), 422)
    return None


def sentence(message: str) -> str:
    """A rule's message as the start of a sentence ("the note..." -> "The note...")."""
    return message[:1].upper() + message[1:]


def now() -> datetime:
    return services().marketplace.clock.now()  # type: ignore[no-any-return]


def today() -> date:
    return now().date()


def form_date(name: str, what: str) -> date:
    """A date field; a DomainError with a readable message if it is not one."""
    try:
        return date.fromisoformat(request.form.get(name, "").strip())
    except ValueError:
        raise InvalidValueError(_("%(what)s must be a date (YYYY-MM-DD).", what=what)) from None


def form_int(name: str, what: str) -> int:
    """A whole-number field; a DomainError with a readable message if it is not one."""
    raw = request.form.get(name, "").strip()
    if not raw.isdigit():
        raise InvalidValueError(_("%(what)s must be a whole number.", what=what))
    return int(raw)


def countdown(respond_by: datetime, moment: datetime) -> dict[str, Any]:
    """The time left to answer, as people say it, and whether the deadline has passed."""
    left = respond_by - moment
    return {"overdue": left < timedelta(0),
            "left": format_timedelta(left, granularity="minute", add_direction=True),
            "due": format_datetime(respond_by, "medium")}


def status_names() -> dict[str, str]:
    """Where an RFQ stands, as the desk says it."""
    return {"requested": _("To triage"), "qualified": _("Collecting contributions"),
            "declined": _("Declined"), "quoted": _("Quote sent; awaiting the buyer"),
            "accepted": _("Accepted by the buyer"), "rejected": _("Declined by the buyer"),
            "expired": _("Quote expired"), "awarded": _("Contract awarded"),
            "completed": _("Completed")}
