"""Ending one of one's own sessions, and choosing a new password: each through web/forms.py."""

from __future__ import annotations

from flask import redirect, request, session, url_for

from web import forms, sessions
from web.authz import allow, principal
from web.extensions import services
from web.ratelimit import limited_by
from web.workspace.signins import signins
from web.workspace.signins.pages import EVERYONE, page


def _again(refused: forms.Refused) -> forms.Page:
    return page(refused.message, refused.status)


@signins.post("/<handle>/end")
@allow(*EVERYONE)
def end(handle: str) -> forms.Page:
    """End one of the person's sessions: another browser, or this one."""
    me = principal().account_id  # type: ignore[union-attr]
    return forms.submit(lambda: services().marketplace.end_session(me, handle[:32]),
                        again=_again, done=lambda: redirect(
                            url_for("signins.index", ended="1"), code=303))


@signins.post("/password")
@allow(*EVERYONE)
@limited_by("LOGIN_RATE_LIMIT")  # it checks a password: no faster than signing in
def change_password() -> forms.Page:
    """Replace the password; every other session of the account ends, this one stays."""
    me = principal().account_id  # type: ignore[union-attr]
    this = sessions.interface().digest(session)

    def change() -> None:
        services().marketplace.change_password(
            me, request.form.get("current", "")[:400], forms.new_password(), keep_session=this)

    return forms.submit(change, again=_again, done=lambda: redirect(
        url_for("signins.index", changed="1"), code=303))
