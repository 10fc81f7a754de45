"""The RFQ form: shown from a consortium's page, checked field by field, then sent."""

from __future__ import annotations

import json
import secrets
from datetime import timedelta
from typing import Any
from urllib.parse import unquote_to_bytes

from flask import (
    abort,
    flash,
    make_response,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import get_locale
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from web import idempotency, labels
from web.extensions import services
from web.ratelimit import rate_limited
from web.rfq import choices
from web.rfq.blueprint import rfq
from web.rfq.documents import FIELD as DOCUMENTS_FIELD
from web.rfq.documents import FilesRefused, attach, checked_uploads
from web.rfq.intake import (
    FIELDS,
    FORM_ERROR,
    HONEYPOT,
    LIMITS,
    HoneypotFilled,
    RfqInvalid,
    check_field,
    find_consortium,
    submit_rfq,
)

# The form's one-time key: a hidden random value, so that Back then Send again (or a double
# click) answers with the first RFQ instead of making a second (web/idempotency.py). The
# visitor's session keeps it per consortium: the form is never cached (no-store), so Back
# fetches it again, and the browser restores what was typed but not the key. A key is
# replaced once it was refused for other values, so that sending those makes a new RFQ.
ONCE = "once"
_SESSION_KEYS = "rfq_once_keys"
_KEPT = 5  # consortia whose form key a session remembers


def _consortium(slug: str) -> dict[str, Any]:
    entry = find_consortium(slug)
    if entry is None:
        abort(404)
    return entry


def _undecodable() -> dict[str, str]:
    """Fields whose bytes are not UTF-8, decoded with U+FFFD so that intake refuses them.

    Werkzeug keeps such bytes of a urlencoded body percent-encoded, which would pass for
    text the buyer typed; multipart fields already arrive with U+FFFD.
    """
    if request.mimetype != "application/x-www-form-urlencoded":
        return {}
    found: dict[str, str] = {}
    # Cached, so that the form is parsed from the same bytes afterwards.
    for pair in request.get_data(cache=True).split(b"&"):
        key, _sep, value = (unquote_to_bytes(part.replace(b"+", b" "))
                            for part in pair.partition(b"="))
        try:
            value.decode("utf-8")
        except UnicodeDecodeError:
            found[key.decode("utf-8", "replace")] = value.decode("utf-8", "replace")
    return found


def _typed() -> dict[str, Any]:
    """What the buyer typed, field by field (the stages as a list)."""
    broken = _undecodable()
    typed: dict[str, Any] = {name: request.form.get(name, "") for name in FIELDS}
    typed["stages"] = request.form.getlist("stages")
    typed[HONEYPOT] = request.form.get(HONEYPOT, "")
    typed[ONCE] = request.form.get(ONCE, "")
    typed.update({name: value for name, value in broken.items() if name in typed})
    return typed


def _render_form(consortium: dict[str, Any], values: dict[str, Any],
                 errors: dict[str, str], status: int = 200) -> tuple[str, int]:
    today = services().marketplace.clock.now().date()
    common, other = choices.currencies()
    return render_template(
        "rfq/new.html", consortium=consortium, values=values, errors=errors,
        fields=FIELDS, form_error=errors.get(FORM_ERROR), limits=LIMITS, honeypot=HONEYPOT,
        countries=labels.countries(), common_currencies=common, other_currencies=other,
        incoterms=choices.incoterms(), stage_names=labels.stage_names(),
        document_limits=services().marketplace.document_limits,
        first_day=(today + timedelta(days=1)).isoformat(), once_field=ONCE,
        once_key=_once_key(consortium["slug"], values)), status


def _once_key(slug: str, values: dict[str, Any]) -> str:
    """The key the form was sent with, kept while it is refused; else the session's."""
    typed = str(values.get(ONCE) or "")
    return typed if idempotency.valid_key(typed) else _session_key(slug)


def _session_key(slug: str, fresh: bool = False) -> str:
    """The visitor's one-time key for this consortium's form; a new one if `fresh`."""
    keys = dict(session.get(_SESSION_KEYS) or {})
    key = keys.pop(slug, None)
    if fresh or not isinstance(key, str) or not idempotency.valid_key(key):
        key = secrets.token_urlsafe(32)
    keys[slug] = key
    session[_SESSION_KEYS] = dict(list(keys.items())[-_KEPT:])
    return key


@rfq.get("/consortia/<slug>/rfq")
def new(slug: str) -> tuple[str, int]:
    """The empty RFQ form for one consortium."""
    consortium = _consortium(slug)
    return _render_form(consortium, {"currency": "EUR", "stages": []}, {})


@rfq.post("/consortia/<slug>/rfq")
@rate_limited
def send(slug: str) -> Response:
    """Store the RFQ and go to its tracking page; 422 with a message per field if not."""
    consortium = _consortium(slug)
    typed = _typed()
    key = typed[ONCE]
    if not idempotency.valid_key(key):  # a page from before the keys, or a robot
        return _send(consortium, typed)
    try:
        answer = idempotency.answer_once(f"rfq-form {request.path}", key,
                                         lambda: _send(consortium, typed))
    except idempotency.KeyReusedError:
        typed[ONCE] = _session_key(consortium["slug"], fresh=True)  # sent again: a new RFQ
        return make_response(_render_form(consortium, typed, {FORM_ERROR: _(
            "You had already sent this form with other values. Check them, and send again "
            "to make a second request.")}, 422))
    except idempotency.KeyBusyError:
        return make_response(render_template("errors/error.html", code=409, message=_(
            "Your request is still being sent. Wait a moment, then open your e-mail or "
            "reload this page.")), 409)
    if answer.headers.get("Idempotent-Replayed"):
        flash(_("You had already sent this request: here it is. Nothing was sent twice."),
              "success")
    return answer


def _send(consortium: dict[str, Any], typed: dict[str, Any]) -> Response:
    """Store the RFQ and answer with its tracking page, or the form with its messages."""
    try:
        files = checked_uploads()  # before the RFQ: a refused file stores nothing
        submitted = submit_rfq(consortium, typed, language=str(get_locale() or "en"),
                               localised=True)
        attach(submitted.bid_id, files)
    except FilesRefused as refused:
        return _render_form(consortium, typed, {DOCUMENTS_FIELD: refused.message},
                            refused.status)
    except HoneypotFilled:
        return make_response(render_template("errors/error.html", code=400, message=_(
            "Your request could not be sent. Please try again.")), 400)
    except RfqInvalid as refused:
        return make_response(_render_form(consortium, typed, refused.errors, 422))
    flash(_("Your request for quotation was received. We are e-mailing you this private "
            "link; keep it to follow your request and answer the quote."), "success")
    return redirect(url_for("rfq.track", token=submitted.token), code=303)


@rfq.post("/consortia/<slug>/rfq/check/<field>")
def check(slug: str, field: str) -> Response:
    """One field's message (or none), for inline validation; the final POST decides."""
    consortium = _consortium(slug)
    if field not in FIELDS:
        abort(404)
    value = request.form.getlist(field) if field == "stages" else request.form.get(field, "")
    message = check_field(field, value, consortium=consortium, others=request.form,
                          today=services().marketplace.clock.now().date(), localised=True)
    response = make_response(render_template("rfq/_partials/field_error.html", name=field,
                                             message=message))
    # static/js/fields.js sets aria-invalid on the control from this event.
    response.headers["HX-Trigger"] = json.dumps(
        {"rfq-field-checked": {"field": field, "invalid": bool(message)}})
    return response
