"""The API's errors as RFC 9457 problem details, in the language Accept-Language asks for.

Every error of the API has this shape: `status`, `title` (the HTTP reason), `detail` (a
sentence for people), and where it helps `code` (the rule, for programs), `params` (the
values that fill the sentence) and `errors` (one message per field). `error` repeats
`detail` for clients written before the problem details, except that for a business
rule's refusal it is the rule's English sentence (as `code` is its name).
"""

from __future__ import annotations

import json
from http import HTTPStatus
from typing import Any

from werkzeug.wrappers import Response

MEDIA_TYPE = "application/problem+json"


def problem(status: int, detail: str, *, code: str | None = None,
            params: dict[str, Any] | None = None, errors: dict[str, str] | None = None,
            headers: dict[str, str] | None = None, english: str | None = None) -> Response:
    """A problem details answer; `english`: a rule's English sentence, for `error`."""
    body: dict[str, Any] = {"type": "about:blank", "title": HTTPStatus(status).phrase,
                            "status": status, "detail": str(detail),
                            "error": str(english or detail)}
    if code is not None:
        body["code"] = code
    if params is not None:
        body["params"] = params
    if errors is not None:
        body["errors"] = {name: str(message) for name, message in errors.items()}
    response = Response(json.dumps(body, ensure_ascii=False), status=status,
                        mimetype=MEDIA_TYPE)
    response.headers.update(headers or {})
    return response
