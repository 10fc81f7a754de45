"""Argon2 for tests: the lowest cost, and a count of verifications.

The same argon2 calls run, only with the smallest parameters, so that a test can fail
hundreds of times in seconds; and counting the verifications argon2 itself performs shows
that two paths do the same work, which a wall clock on a shared machine cannot.

The whole suite hashes at the lowest cost (`cheapen_session`, from tests/conftest.py): at
the shipped cost every sign-up and sign-in took 0.1-0.7 s of the suite's two cores. Only
the test processes change; `SHIPPED` keeps the hasher production uses, and
tests/unit/test_password_cost.py checks that it stays at argon2's recommended cost.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import argon2._password_hasher as password_hasher
import pytest
from argon2 import PasswordHasher

import marketplace.accounts.credentials as credentials

SHIPPED: PasswordHasher = credentials._HASHER  # what production hashes with
CHEAP = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)


def cheapen(monkeypatch: pytest.MonkeyPatch) -> None:
    """Hash and verify passwords, and the decoy, at argon2's lowest cost."""
    monkeypatch.setattr(credentials, "_HASHER", CHEAP)
    monkeypatch.setattr(credentials, "_DECOY", CHEAP.hash("no account has this password"))


def cheapen_session() -> Iterator[None]:
    """`cheapen` for a whole test session (a generator for a session-scoped fixture)."""
    with pytest.MonkeyPatch.context() as monkeypatch:
        cheapen(monkeypatch)
        yield


class Verifications:
    """How many argon2 verifications ran since the last `take`."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.count = 0
        real = password_hasher.verify_secret

        def counted(*args: Any, **kwargs: Any) -> bool:
            self.count += 1
            return real(*args, **kwargs)

        monkeypatch.setattr(password_hasher, "verify_secret", counted)

    def take(self) -> int:
        """The count so far, starting again from zero."""
        count, self.count = self.count, 0
        return count
