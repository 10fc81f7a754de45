"""Checks for free text that people type."""

from __future__ import annotations

from domain.errors import InvalidValueError


def text(value: object, what: str, limit: int, *, keep_lines: bool = False) -> str:
    """Trim a required text and refuse it when empty or too long."""
    raw = str(value or "")
    cleaned = raw.strip() if keep_lines else " ".join(raw.split())
    if not cleaned:
        raise InvalidValueError(f"{what} cannot be empty")
    if len(cleaned) > limit:
        raise InvalidValueError(f"{what} is longer than {limit:,} characters")
    return cleaned
