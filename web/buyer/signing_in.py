"""Asking for a sign-in link, and using it: the same answer for any address."""

from __future__ import annotations

from flask import redirect, render_template, request, session, url_for
from flask_babel import get_locale
from werkzeug.wrappers import Response

from domain.errors import DomainError
from marketplace.buyers.commands import buyer_session_id
from marketplace.errors import BuyerLinkError
from web import refusals
from web.auth import begin_session
from web.authz import Principal, principal, public
from web.buyer import buyer
from web.extensions import services
from web.ratelimit import limited_by

Page = tuple[str, int]


def _start(email: str = "", problem: str | None = None, status: int = 200) -> Page:
    return render_template("buyer/start.html", email=email, problem=problem,
                           sent=request.args.get("sent") == "1"), status


@buyer.get("/")
@public
def start() -> Page | Response:
    """Ask for a link to one's requests; a signed-in buyer goes straight to them."""
    if principal().holds("buyer"):
        return redirect(url_for("buyer.requests"), code=303)
    return _start()


@buyer.post("/")
@public
@limited_by("LOGIN_RATE_LIMIT")
def ask() -> Page | Response:
    """Mail a sign-in link if RFQs were sent from the address; the answer never tells."""
    email = request.form.get("email", "")[:254]
    try:
        services().marketplace.ask_buyer_sign_in(email, language=str(get_locale() or "en"))
    except DomainError as refused:  # not an address at all: said, with what was typed
        return _start(email, refusals.words(refused), 422)
    return redirect(url_for("buyer.start", sent="1"), code=303)


@buyer.get("/sign-in/<token>")
@public
def confirm(token: str) -> Page:
    """A button that uses the link: opening it (as a mail scanner does) spends nothing."""
    return render_template("buyer/sign_in.html", token=token[:64], spent=False), 200


@buyer.post("/sign-in/<token>")
@public
@limited_by("LOGIN_RATE_LIMIT")
def sign_in(token: str) -> Page | Response:
    """Spend the link and open a buyer's session; a spent or unknown link is 404."""
    try:
        key = services().marketplace.sign_in_buyer(token[:64])
    except BuyerLinkError:
        return render_template("buyer/sign_in.html", token="", spent=True), 404
    begin_session(Principal(buyer_session_id(key), "", "", (("buyer", key),)))
    session["buyer_key"] = key  # the session's loader checks the id against it
    return redirect(url_for("buyer.requests"), code=303)
