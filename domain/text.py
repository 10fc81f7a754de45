"""Checks for free text that people type."""

from __future__ import annotations

import re

from domain.errors import InvalidValueError

# Control characters (but tab and line breaks) and lone surrogates: nobody types them, and
# PostgreSQL refuses to store NUL, so a text holding one would be saved half (event, no
# read model). Printable text of any script passes.
_UNREADABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")


def text(value: object, what: str, limit: int, *, keep_lines: bool = False) -> str:
    """Trim a required text and refuse it when empty, too long or holding control characters."""
    raw = str(value or "")
    cleaned = raw.strip() if keep_lines else " ".join(raw.split())
    if not cleaned:
        raise InvalidValueError("%(what)s cannot be empty", what=what)
    if len(cleaned) > limit:
        raise InvalidValueError("%(what)s is longer than %(limit)s characters",
                                what=what, limit=limit)
    return readable(cleaned, what)


def readable(value: str, what: str) -> str:
    """Refuse text holding control characters (but tab and line breaks) or lone surrogates."""
    if _UNREADABLE.search(value):
        raise InvalidValueError("%(what)s holds control characters or unreadable bytes",
                                what=what)
    return value
