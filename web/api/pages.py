"""Cursor pagination for the API's lists: an opaque cursor, a bounded `limit`, a `next` link.

A list is kept in one stable order (its sort key, then a unique key), and the database
reads only the page after the cursor. The cursor holds the last item's keys, URL-safe
base64 of JSON: a client passes it back untouched, and a cursor it made up or mangled
gets a 400, never a 5xx.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Callable
from typing import Any, TypeVar

from flask import abort, request, url_for
from flask_babel import gettext as _

from web import params

Item = TypeVar("Item")

DEFAULT_LIMIT, MAX_LIMIT = 50, 100
CURSOR_LIMIT = 400  # characters: far more than any keys we put in one


def _limit() -> int:
    chosen = params.whole_number("limit", low=1, high=MAX_LIMIT)
    return DEFAULT_LIMIT if chosen is None else chosen


def encode_cursor(keys: list[Any]) -> str:
    """The opaque cursor after an item with these sort keys."""
    return base64.urlsafe_b64encode(json.dumps(keys).encode()).decode().rstrip("=")


def _after() -> list[Any] | None:
    raw = request.args.get("cursor", "").strip()
    if not raw:
        return None
    try:
        if len(raw) > CURSOR_LIMIT:
            raise ValueError(raw)
        keys = json.loads(base64.urlsafe_b64decode(raw + "=" * (-len(raw) % 4)))
    except (ValueError, binascii.Error):
        keys = None
    if not isinstance(keys, list) or not all(isinstance(key, str) for key in keys):
        abort(400, _("This cursor is not one this API gave; start again without it."))
    return keys


def keyset_page(fetch: Callable[[tuple[str, str] | None, int], list[Item]],
                key: Callable[[Item], list[str]], endpoint: str,
                **args: Any) -> tuple[list[Item], str | None]:
    """One page of a list the database pages itself, and the link to the next, if any.

    `fetch(after, n)` gives at most `n` items in the order of `key` (each item's sort keys,
    a pair of strings unique together), after the pair `after`; `args` are the list's
    filters, carried into the next link.
    """
    limit, after = _limit(), _after()
    if after is not None and len(after) != 2:
        abort(400, _("This cursor is not one this API gave; start again without it."))
    items = fetch((after[0], after[1]) if after is not None else None, limit + 1)
    page = items[:limit]
    if len(items) <= limit:
        return page, None
    cursor = encode_cursor(key(page[-1]))
    kept = {name: value for name, value in args.items() if value}
    return page, url_for(endpoint, **kept, limit=limit, cursor=cursor, _external=True)
