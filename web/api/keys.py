"""`Idempotency-Key` on every POST of the API, whichever view answers it.

Hooks on the blueprint rather than a decorator per view, so that a POST endpoint added
later is covered without anyone remembering to. Keys are the caller's own: scoped to the
bearer token when one is sent, else to the client's address, and to the method and path.
"""

from __future__ import annotations

from flask import g, request
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from web import idempotency
from web.api import api
from web.problems import problem

HEADER = "Idempotency-Key"


@api.before_request
def claim_key() -> Response | None:
    """Replay a repeated POST's answer, or claim its key before the view acts."""
    if request.method != "POST" or HEADER not in request.headers:
        return None
    key = request.headers[HEADER]
    if not idempotency.valid_key(key):
        return problem(400, _("The Idempotency-Key must be 1 to 255 printable ASCII "
                              "characters."), code="idempotency_key_invalid",
                       params={"limit": 255})
    scope = f"{idempotency.caller()} {request.method} {request.path}"
    try:
        outcome = idempotency.claim(scope, key)
    except idempotency.KeyReusedError:
        return problem(422, _("This Idempotency-Key was used in the last 24 hours with "
                              "another request body. Use a new key for a new request."),
                       code="idempotency_key_reused", params={})
    except idempotency.KeyBusyError:
        return problem(409, _("A request with this Idempotency-Key is still being answered. "
                              "Retry in a moment."), code="idempotency_key_busy",
                       params={}, headers={"Retry-After": "1"})
    if isinstance(outcome, idempotency.Replayed):
        return idempotency.replay(outcome.answer)
    g.idempotency_claim = outcome
    return None


@api.after_request
def keep_answer(response: Response) -> Response:
    """Keep the answer of a POST that claimed a key (or free the key if it was refused)."""
    claimed = g.pop("idempotency_claim", None)
    if claimed is not None:
        idempotency.finish(claimed, response)
    return response


@api.teardown_request
def free_key(_error: BaseException | None) -> None:
    """Free a key whose request ended without an answer (an exception past every handler)."""
    claimed = g.pop("idempotency_claim", None)
    if claimed is not None:
        idempotency.release(claimed)
