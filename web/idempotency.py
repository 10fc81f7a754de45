"""One-time keys on POSTs: the API's `Idempotency-Key` header and the RFQ form's hidden key.

The same key with the same body acts once: a repeat gets the first answer again (status,
body, and the headers in `REPLAYED_HEADERS`), marked `Idempotent-Replayed: true`. The
same key with another body is refused. The keys live in the database
(marketplace/idempotency.py), so this holds across workers. Only answers below 400 are
kept: a refused request changed nothing, and may be corrected and sent with its key again.
"""

from __future__ import annotations

import hashlib
import json
import re
import time
from collections.abc import Callable

from flask import request
from werkzeug.wrappers import Response

from marketplace.idempotency import (
    Answer,
    Claimed,
    IdempotencyStore,
    KeyBusyError,
    KeyReusedError,
    Replayed,
)
from web.extensions import services

__all__ = ["KEY", "KeyBusyError", "KeyReusedError", "answer_once", "body_digest", "caller",
           "claim", "finish", "release", "replay", "valid_key"]

# 1 to 255 printable ASCII characters: a UUID, a ULID, a client's own order number...
KEY = re.compile(r"[\x20-\x7e]{1,255}")
REPLAYED_HEADERS = ("Content-Type", "Location", "Link", "Content-Language")
# A request finding its key being answered waits this long for the answer, then gets 409.
WAIT_SECONDS, POLL_SECONDS = 5.0, 0.1
# Form fields that differ between two sends of the same form without being what was sent.
_IGNORED_FIELDS = frozenset({"csrf_token"})


def valid_key(key: str) -> bool:
    """Whether a key is one this server keeps: 1 to 255 printable ASCII characters."""
    return bool(KEY.fullmatch(key))


def _store() -> IdempotencyStore:
    store = services().idempotency
    if store is None:
        raise RuntimeError("the services were built without an idempotency store")
    return store


def caller() -> str:
    """Whose keys these are: the bearer token's digest, else the client's address."""
    scheme, _sep, token = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() == "bearer" and token.strip():
        return "bearer:" + hashlib.sha256(token.strip().encode("utf-8", "replace")).hexdigest()
    return "address:" + (request.remote_addr or "")


def body_digest() -> str:
    """The SHA-256 of what the request sends: JSON by its meaning, a form by its fields."""
    digest = hashlib.sha256(request.method.encode() + b" " + request.path.encode() + b"\n")
    if request.mimetype in ("multipart/form-data", "application/x-www-form-urlencoded"):
        fields = sorted((name, value) for name, values in request.form.lists()
                        if name not in _IGNORED_FIELDS for value in values)
        files = sorted((name, stored.filename or "",
                        hashlib.sha256(stored.stream.read()).hexdigest())
                       for name, stored in request.files.items(multi=True))
        for stored in request.files.values():
            stored.stream.seek(0)
        digest.update(json.dumps([fields, files]).encode())
        return digest.hexdigest()
    data = request.get_data(cache=True)
    try:
        # Key order and spacing do not make another request; numbers stay as written.
        meaning = json.loads(data, parse_float=str, parse_int=str, parse_constant=str)
        digest.update(b"json:" + json.dumps(meaning, sort_keys=True).encode())
    except (ValueError, RecursionError):
        digest.update(b"raw:" + data)
    return digest.hexdigest()


def claim(scope: str, key: str) -> Claimed | Replayed:
    """Claim the key for this request, waiting a moment while another request answers it.

    KeyReusedError if the key went with another body; KeyBusyError if still being answered.
    """
    fingerprint = body_digest()
    deadline = time.monotonic() + WAIT_SECONDS
    while True:
        try:
            return _store().claim(scope, key, fingerprint)
        except KeyBusyError:
            if time.monotonic() > deadline:
                raise
            time.sleep(POLL_SECONDS)


def finish(claimed: Claimed, response: Response) -> None:
    """Keep the answer to replay it, or free the key if the request was refused or failed."""
    if response.status_code >= 400 or response.is_streamed:
        _store().release(claimed)
        return
    headers = {name: response.headers[name] for name in REPLAYED_HEADERS
               if name in response.headers}
    _store().keep(claimed, Answer(response.status_code, headers, response.get_data()))


def release(claimed: Claimed) -> None:
    """Free the key: the request failed before it was answered."""
    _store().release(claimed)


def replay(answer: Answer) -> Response:
    """The first answer, again."""
    response = Response(answer.body, status=answer.status)
    response.headers.update(answer.headers)
    response.headers["Idempotent-Replayed"] = "true"
    return response


def answer_once(scope: str, key: str, act: Callable[[], Response]) -> Response:
    """`act`'s answer, acting only if the key has not been used with this body already."""
    outcome = claim(scope, key)
    if isinstance(outcome, Replayed):
        return replay(outcome.answer)
    try:
        response = act()
    except BaseException:
        release(outcome)
        raise
    finish(outcome, response)
    return response
