"""Pages for developers only, registered when DEV_MODE is on (CONSORTIA_DEV=1).

They show live invitation and tracking links, so even in dev mode they answer only the
developer's own machine: a loopback client, as ProxyFix reports it behind trusted proxies.
Anyone else gets the same 404 as a server without them.
"""

from __future__ import annotations

from ipaddress import ip_address

from flask import Blueprint, abort, render_template, request

from web.extensions import services

dev = Blueprint("dev", __name__, url_prefix="/dev")


def loopback(address: str | None) -> bool:
    """Whether the client's address is this machine's (127.0.0.0/8, ::1, or ::ffff:127.x)."""
    try:
        parsed = ip_address((address or "").split("%", 1)[0])
    except ValueError:
        return False
    mapped = getattr(parsed, "ipv4_mapped", None)
    return bool(parsed.is_loopback or (mapped is not None and mapped.is_loopback))


@dev.before_request
def only_this_machine() -> None:
    if not loopback(request.remote_addr):
        abort(404)


@dev.get("/outbox")
def outbox() -> str:
    """Every mail in the outbox, rendered as it was or will be sent, newest first."""
    mails = services().outbox.mails(limit=200)
    return render_template("dev/outbox.html", mails=mails,
                           via=services().outbox.transport.name)
