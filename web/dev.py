"""Pages for developers only, registered when DEV_MODE is on (CONSORTIA_DEV=1)."""

from __future__ import annotations

from flask import Blueprint, render_template

from web.extensions import services

dev = Blueprint("dev", __name__, url_prefix="/dev")


@dev.get("/outbox")
def outbox() -> str:
    """Every mail in the outbox, rendered as it was or will be sent, newest first."""
    mails = services().outbox.mails(limit=200)
    return render_template("dev/outbox.html", mails=mails,
                           via=services().outbox.transport.name)
