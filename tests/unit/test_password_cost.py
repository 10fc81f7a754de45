"""The suite hashes passwords cheaply (tests/argon2_work.py); production must not."""

from __future__ import annotations

import importlib.util

import marketplace.accounts.credentials as credentials
from tests.argon2_work import CHEAP, SHIPPED


def test_the_shipped_hasher_keeps_argon2s_recommended_cost() -> None:
    # RFC 9106's second recommended option: argon2id, t=3, 64 MiB, 4 lanes.
    assert SHIPPED.type.name == "ID"
    assert SHIPPED.time_cost >= 3
    assert SHIPPED.memory_cost >= 64 * 1024
    assert SHIPPED.parallelism >= 1


def test_only_the_test_processes_hash_cheaply() -> None:
    # The session's cheap hasher is swapped in by tests/conftest.py, not by the product:
    # a fresh import of the module (as production does) hashes at the shipped cost.
    assert credentials._HASHER is CHEAP
    fresh = importlib.util.module_from_spec(credentials.__spec__)  # type: ignore[arg-type]
    credentials.__spec__.loader.exec_module(fresh)  # type: ignore[union-attr]
    assert fresh._HASHER.time_cost == SHIPPED.time_cost
    assert fresh._HASHER.memory_cost == SHIPPED.memory_cost
    assert fresh._DECOY.startswith(f"$argon2id$v=19$m={SHIPPED.memory_cost},")
