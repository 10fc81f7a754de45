"""The buyer's private tracking link: a random token shown once, stored only as a digest."""

from __future__ import annotations

import hashlib
import re
import secrets

# 32 random bytes: 256 bits, well above the 128 the link must resist guessing with.
TOKEN_BYTES = 32
_SHAPE = re.compile(r"^[A-Za-z0-9_-]{43}$")


def new_token() -> str:
    """A fresh tracking token, URL-safe, never derived from an aggregate id."""
    return secrets.token_urlsafe(TOKEN_BYTES)


def is_token(value: str) -> bool:
    """Whether the value has a token's shape (anything else is not looked up)."""
    return bool(_SHAPE.match(value))


def token_digest(token: str) -> str:
    """What the events and read models keep: SHA-256 of the token, in hex."""
    return hashlib.sha256(token.encode()).hexdigest()
