"""The page of one's own sessions ("signed in on ..."), and the password form."""

from __future__ import annotations

from typing import Any

from flask import render_template, request, session
from flask_babel import format_datetime, format_timedelta

from marketplace.accounts.credentials import MAX_LENGTH, MIN_LENGTH
from web import sessions
from web.authz import allow, principal
from web.extensions import services
from web.workspace.signins import signins

EVERYONE = ("officer", "manager", "member", "auditor")


def _when(moment: Any) -> str:
    return f"{format_datetime(moment, 'short')} UTC"


def page(problem: str | None = None, status: int = 200, **extra: Any) -> tuple[str, int]:
    """The person's live sessions, this one marked, and the password form."""
    me = principal()
    here = services().marketplace.sessions.handle_of(sessions.interface().digest(session))
    listed = [{"handle": s.handle, "since": _when(s.created_at), "last": _when(s.last_seen),
               "browser": s.browser, "address": s.address, "this": s.handle == here}
              for s in services().marketplace.list_sessions(me.account_id)]  # type: ignore[union-attr]
    store = services().marketplace.sessions
    return render_template("signins/index.html", sessions=listed, problem=problem,
                           idle=format_timedelta(store.idle), most=format_timedelta(store.max_age),
                           min_length=MIN_LENGTH, max_length=MAX_LENGTH, **extra), status


@signins.get("/")
@allow(*EVERYONE)
def index() -> tuple[str, int]:
    """Where the person is signed in, since when, last active, in which browser."""
    return page(ended=request.args.get("ended"), changed=request.args.get("changed"))
