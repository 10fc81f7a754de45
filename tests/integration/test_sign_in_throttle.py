"""Growing waits after wrong passwords: per client, never a lock the owner runs into, and
the same for an address with or without an account (both stores)."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from typing import Any
from uuid import UUID

import pytest
from sqlalchemy import inspect, select, text

from marketplace.accounts.admin import accounts_overview
from marketplace.accounts.credentials import Credentials, credentials
from marketplace.accounts.throttle import (
    FREE_TRIES_PER_ADDRESS,
    FREE_TRIES_PER_CLIENT,
    failures,
    tries,
    wait_after,
)
from marketplace.application import Marketplace
from marketplace.bootstrap import Services
from marketplace.errors import SignInError, SignInThrottledError
from tests.argon2_work import Verifications, cheapen

PASSWORD = "correct horse battery"
OWNER = "ana@metal.example"


@pytest.fixture(autouse=True)
def cheap_argon2(monkeypatch: pytest.MonkeyPatch) -> None:
    cheapen(monkeypatch)


@pytest.fixture
def owner(app: Marketplace) -> UUID:
    return app.open_account(name="Ana Ruiz", email=OWNER, password=PASSWORD,
                            grants=[("manager", str(UUID(int=1)))])


def attempt(app: Marketplace, email: str, password: str, client: str) -> Any:
    """What one sign-in comes to: the account id, "wrong", or the wait."""
    try:
        return app.sign_in(email, password, client=client)
    except SignInThrottledError as throttled:
        return throttled.wait
    except SignInError:
        return "wrong"


def test_a_third_partys_failures_from_many_clients_never_stop_the_owner(
    app: Marketplace, owner: UUID,
) -> None:
    answers = [attempt(app, OWNER, f"guess number {n}", f"203.0.113.{client}")
               for client in range(1, 41) for n in range(FREE_TRIES_PER_ADDRESS + 3)]
    assert answers.count("wrong") == 40 * FREE_TRIES_PER_ADDRESS
    assert answers.count(timedelta(minutes=1)) == 40 * 3  # each guesser waits
    # No time has passed: the owner, from a client that has not failed, signs in at once.
    assert attempt(app, OWNER, PASSWORD, "198.51.100.7") == owner
    assert attempt(app, OWNER, PASSWORD, "2001:db8:1::7") == owner


def test_repeated_failures_from_one_client_wait_longer_each_time_then_the_right_password_works(
    app: Marketplace, owner: UUID, monkeypatch: pytest.MonkeyPatch,
) -> None:
    argon2 = Verifications(monkeypatch)
    here = "192.0.2.10"
    assert [attempt(app, OWNER, "guess", here) for _ in range(FREE_TRIES_PER_ADDRESS)] == \
        ["wrong"] * FREE_TRIES_PER_ADDRESS
    argon2.take()
    waits = []
    for _ in range(3):
        wait = attempt(app, OWNER, PASSWORD, here)  # refused unchecked, right or not
        waits.append(wait)
        assert attempt(app, OWNER, "guess", here) == wait
        app.clock.advance(seconds=wait.total_seconds() - 1)  # type: ignore[attr-defined]
        assert attempt(app, OWNER, "guess", here) == timedelta(seconds=1)
        app.clock.advance(seconds=1)  # type: ignore[attr-defined]
        assert attempt(app, OWNER, "guess again", here) == "wrong"
        assert argon2.take() == 1  # only the try after the wait was checked
    assert waits == [timedelta(minutes=1), timedelta(minutes=2), timedelta(minutes=4)]
    assert attempt(app, OWNER, PASSWORD, here) == timedelta(minutes=8)
    app.clock.advance(minutes=8)  # type: ignore[attr-defined]
    assert attempt(app, OWNER, PASSWORD, here) == owner
    # The right password lets this client start afresh.
    assert [attempt(app, OWNER, "guess", here) for _ in range(FREE_TRIES_PER_ADDRESS)] == \
        ["wrong"] * FREE_TRIES_PER_ADDRESS


def test_a_burst_of_parallel_guesses_gets_no_more_checks_than_one_by_one(
    app: Marketplace, owner: UUID,
) -> None:
    with ThreadPoolExecutor(max_workers=8) as pool:
        answers = list(pool.map(lambda n: attempt(app, OWNER, f"guess {n}", "192.0.2.66"),
                                range(4 * FREE_TRIES_PER_ADDRESS)))
    assert answers.count("wrong") == FREE_TRIES_PER_ADDRESS
    assert answers.count(timedelta(minutes=1)) == 3 * FREE_TRIES_PER_ADDRESS


def test_the_waits_grow_to_an_hour_and_stop_there() -> None:
    free = FREE_TRIES_PER_ADDRESS
    assert wait_after(free - 1, free) is None
    assert [wait_after(free + n, free) for n in range(7)] == [
        timedelta(minutes=m) for m in (1, 2, 4, 8, 16, 32, 60)]
    assert wait_after(10**9, free) == timedelta(hours=1)


def test_a_client_quiet_for_a_day_starts_afresh(app: Marketplace, owner: UUID) -> None:
    for _ in range(FREE_TRIES_PER_ADDRESS):
        attempt(app, OWNER, "guess", "192.0.2.10")
    app.clock.advance(hours=25)  # type: ignore[attr-defined]
    assert [attempt(app, OWNER, "guess", "192.0.2.10")
            for _ in range(FREE_TRIES_PER_ADDRESS)] == ["wrong"] * FREE_TRIES_PER_ADDRESS


def test_unknown_and_known_addresses_answer_alike_at_every_step(
    app: Marketplace, owner: UUID, monkeypatch: pytest.MonkeyPatch,
) -> None:
    app.invite_account(name="Ines Gil", email="ines@metal.example", grants=[("officer", "")])
    argon2 = Verifications(monkeypatch)

    def steps(email: str, client: str) -> list[tuple[Any, int]]:
        """Each try's answer and its argon2 verifications: failures, waits, failures again."""
        seen = []
        for step in range(FREE_TRIES_PER_ADDRESS + 4):
            if step == FREE_TRIES_PER_ADDRESS + 2:
                app.clock.advance(minutes=1)  # type: ignore[attr-defined]
            seen.append((attempt(app, email, "not the password", client), argon2.take()))
        app.clock.advance(minutes=-1)  # type: ignore[attr-defined]
        return seen

    known = steps(OWNER, "192.0.2.1")
    assert [answer for answer, _work in known] == (
        ["wrong"] * FREE_TRIES_PER_ADDRESS + [timedelta(minutes=1)] * 2
        + ["wrong", timedelta(minutes=2)])
    assert [work for _answer, work in known] == [1] * FREE_TRIES_PER_ADDRESS + [0, 0, 1, 0]
    assert steps("nobody@metal.example", "192.0.2.2") == known
    assert steps("ines@metal.example", "192.0.2.3") == known  # invited: no password yet


def test_one_client_trying_many_addresses_waits_for_every_address(
    app: Marketplace, owner: UUID,
) -> None:
    spray = "192.0.2.99"
    addresses = [OWNER] + [f"person{n}@metal.example" for n in range(FREE_TRIES_PER_CLIENT)]
    answers = [attempt(app, email, "season2025!", spray) for email in addresses]
    assert answers == ["wrong"] * FREE_TRIES_PER_CLIENT + [timedelta(minutes=1)]
    assert attempt(app, "fresh@metal.example", "season2025!", spray) == timedelta(minutes=1)
    assert attempt(app, OWNER, PASSWORD, "192.0.2.100") == owner  # another client: no wait
    # An office behind one address makes typos all day: its count forgets after an hour.
    app.clock.advance(hours=1, seconds=1)  # type: ignore[attr-defined]
    assert [attempt(app, f"other{n}@metal.example", "season2025!", spray)
            for n in range(3)] == ["wrong"] * 3


def test_an_ipv6_client_is_its_network_and_every_stored_key_is_a_digest(
    app: Marketplace, services: Services, owner: UUID,
) -> None:
    clients = [f"2001:db8:5:7::{n:x}" for n in range(1, FREE_TRIES_PER_ADDRESS + 2)]
    answers = [attempt(app, OWNER, "guess", client) for client in clients]
    assert answers[-1] == timedelta(minutes=1)  # a new address in the same /64 gains nothing
    assert attempt(app, OWNER, PASSWORD, "2001:db8:5:8::1") == owner  # the next /64 is another
    with services.engine.connect() as conn:
        stored = [tuple(row) for table in (tries, failures)
                  for row in conn.execute(select(table))]
    assert stored and not any(OWNER in str(value) or "2001:db8" in str(value)
                              for row in stored for value in row)


def test_officers_see_the_days_failures_and_clearing_them_ends_the_waits(
    app: Marketplace, services: Services, owner: UUID,
) -> None:
    for client in ("192.0.2.1", "192.0.2.2"):
        for _ in range(FREE_TRIES_PER_ADDRESS + 1):
            attempt(app, OWNER, "guess", client)
    attempt(app, "nobody@metal.example", "guess", "192.0.2.3")  # no account: not shown
    app.clock.advance(seconds=20)  # type: ignore[attr-defined]
    row, = accounts_overview(services.engine, app.vault, app.clock.now())
    seen = row["failures"]
    assert (seen.count, seen.clients) == (2 * FREE_TRIES_PER_ADDRESS, 2)
    assert seen.last_at == app.clock.now() - timedelta(seconds=20)
    assert row["can_clear_failures"] and row["status"] == "open"
    assert attempt(app, OWNER, PASSWORD, "192.0.2.1") == timedelta(seconds=40)

    app.clear_failed_sign_ins(owner)
    assert attempt(app, OWNER, PASSWORD, "192.0.2.1") == owner
    row, = accounts_overview(services.engine, app.vault, app.clock.now())
    assert row["failures"] is None and not row["can_clear_failures"]
    # A day later the failures are no longer counted.
    attempt(app, OWNER, "guess", "192.0.2.2")
    assert accounts_overview(services.engine, app.vault, app.clock.now())[0]["failures"].count == 1
    app.clock.advance(hours=24, seconds=1)  # type: ignore[attr-defined]
    assert accounts_overview(services.engine, app.vault, app.clock.now())[0]["failures"] is None


def test_a_store_made_with_the_old_lock_loses_its_columns(services: Services) -> None:
    engine = services.engine
    with engine.begin() as conn:
        conn.execute(text("DROP TABLE account_credentials"))
        conn.execute(text("CREATE TABLE account_credentials (account_id VARCHAR(36) PRIMARY "
                          "KEY, login_digest VARCHAR(64) NOT NULL UNIQUE, password_hash "
                          "VARCHAR(200) NOT NULL, failed_attempts INTEGER NOT NULL, "
                          "locked_until TIMESTAMP)"))
    store = Credentials(engine)
    assert {c["name"] for c in inspect(engine).get_columns("account_credentials")} == {
        "account_id", "login_digest", "password_hash"}
    account = UUID(int=7)
    store.register(account, OWNER, PASSWORD)
    assert store.verify(OWNER, PASSWORD, services.marketplace.clock.now()).account_id == account
    with engine.connect() as conn:
        assert conn.execute(select(credentials.c.account_id)).scalar() == str(account)
