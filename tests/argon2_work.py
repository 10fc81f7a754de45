"""Argon2 for tests of sign-in throttling: the lowest cost, and a count of verifications.

The same argon2 calls run, only with the smallest parameters, so that a test can fail
hundreds of times in seconds; and counting the verifications argon2 itself performs shows
that two paths do the same work, which a wall clock on a shared machine cannot.
"""

from __future__ import annotations

from typing import Any

import argon2._password_hasher as password_hasher
import pytest
from argon2 import PasswordHasher

import marketplace.accounts.credentials as credentials


def cheapen(monkeypatch: pytest.MonkeyPatch) -> None:
    """Hash and verify passwords, and the decoy, at argon2's lowest cost."""
    cheap = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)
    monkeypatch.setattr(credentials, "_HASHER", cheap)
    monkeypatch.setattr(credentials, "_DECOY", cheap.hash("no account has this password"))


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
