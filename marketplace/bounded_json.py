"""JSON from outside (the buyers' API, Stripe's webhooks), parsed only once its nesting is
known to be shallow.

Python's json module recurses once per level: a body of a few thousand "[" raises
RecursionError, which no caller expects, and a server error follows. The depth is counted
on the raw bytes first, with the strings taken out, so nothing deep ever reaches the parser.
"""

from __future__ import annotations

import json
import re
from typing import Any

# Our API's bodies are two levels deep, Stripe's events under ten: far from either limit.
MAX_DEPTH = 32

# One JSON string, escapes included ("unrolled" so long strings stay linear).
_STRING = re.compile(rb'"[^"\\]*(?:\\.[^"\\]*)*"', re.DOTALL)
_BRACKET = re.compile(rb"[\[\]{}]")


class JsonTooDeepError(ValueError):
    """The body nests arrays and objects deeper than MAX_DEPTH."""


def too_deep(raw: bytes, limit: int = MAX_DEPTH) -> bool:
    """Whether the arrays and objects of `raw` nest deeper than `limit`.

    An unterminated string leaves its brackets counted: that body is not JSON anyway.
    UTF-16 and UTF-32 bodies work too, as their ASCII characters keep their byte value.
    """
    depth = 0
    for bracket in _BRACKET.finditer(_STRING.sub(b"", raw)):
        depth += 1 if bracket.group() in (b"[", b"{") else -1
        if depth > limit:
            return True
    return False


def loads(raw: bytes, *, limit: int = MAX_DEPTH, **options: Any) -> Any:
    """json.loads, refusing a body nested deeper than `limit` before parsing it.

    Raises ValueError (JsonTooDeepError, json's own errors, UnicodeDecodeError) for
    anything that is not JSON within the limit.
    """
    if too_deep(raw, limit):
        raise JsonTooDeepError(f"JSON nested deeper than {limit} levels")
    try:
        return json.loads(raw, **options)
    except RecursionError:  # cannot happen within the limit; kept a refusal all the same
        raise JsonTooDeepError(f"JSON nested deeper than {limit} levels") from None
