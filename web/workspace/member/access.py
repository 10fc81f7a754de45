"""Who may see and change which membership, and what a refused or stale form gets."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import abort, flash, redirect, request, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from domain.errors import DomainError
from marketplace.errors import ConflictError, NotFoundError
from marketplace.membership import queries as member_queries
from web.authz import principal
from web.extensions import htmx, services

STALE = 409
REFUSED = 422


def reload_message() -> str:
    return _("This changed since you opened the page; reload and try again.")


def can_write(membership_id: str) -> bool:
    """Whether the signed-in person acts for this membership's company."""
    return membership_id in principal().scopes("member")


def readable(membership_id: str) -> dict[str, Any]:
    """The membership if the person may see it: their own, or any for officers and auditors."""
    me = principal()
    if not (me.holds("officer") or me.holds("auditor") or can_write(membership_id)):
        abort(403, _("You can only see the memberships of the companies you act for."))
    return _found(membership_id)


def writable(membership_id: str) -> dict[str, Any]:
    """The membership if the person acts for its company; otherwise 403, nothing written."""
    if not can_write(membership_id):
        abort(403, _("You can only change the data of the company you act for; this "
                     "membership belongs to another company."))
    return _found(membership_id)


def _found(membership_id: str) -> dict[str, Any]:
    try:
        return member_queries.membership(services().engine, membership_id)
    except NotFoundError:
        abort(404)


def seen_version() -> int | None:
    """The aggregate version the form was opened at; None if the form carries none."""
    try:
        return int(request.form.get("version", ""))
    except ValueError:
        return None


class Refused(Exception):
    """A form that cannot be carried out, with the status and the message for the page."""

    def __init__(self, message: str, status: int = REFUSED) -> None:
        super().__init__(message)
        self.status = status


def stale_unless(current: int) -> None:
    """Refuse a form opened at another version of the thing it edits."""
    if seen_version() != current:
        raise Refused(reload_message(), STALE)


def carry_out(action: Callable[[], None]) -> None:
    """Run the command; a broken rule or a conflict becomes a Refused with its message."""
    try:
        action()
    except NotFoundError:
        abort(404)
    except ConflictError:
        raise Refused(reload_message(), STALE) from None
    except DomainError as error:
        raise Refused(_capitalised(str(error))) from None


def _capitalised(message: str) -> str:
    return message[:1].upper() + message[1:]


def done(message: str, endpoint: str, **values: Any) -> Response:
    """After a change: back to the page (303), or for htmx a reload of it."""
    flash(message, "success")
    return back(endpoint, **values)


def back(endpoint: str, status: int = 303, **values: Any) -> Response:
    target = url_for(endpoint, **values)
    if htmx:
        # htmx would swap a followed redirect into the form; a reload shows the new state.
        return Response(status=204 if status == 303 else status,
                        headers={"HX-Redirect": target})
    return redirect(target, code=303)


def refused_for_htmx(refused: Refused, endpoint: str, **values: Any) -> Response:
    """htmx does not swap an error's body: the message is flashed and the page reloaded."""
    flash(str(refused), "error")
    return back(endpoint, refused.status, **values)
