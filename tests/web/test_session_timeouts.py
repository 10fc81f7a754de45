"""Sessions end on time and leave nothing usable in the database.

Sessions keep time by a clock of their own (the wall clock in production), which these
tests move; the marketplace's clock is the business's, and moving it signs nobody out.
Each test runs on SQLite and PostgreSQL.
"""

from __future__ import annotations

import pytest

from marketplace.accounts.sessions import PURGE_EVERY, id_digest
from marketplace.bootstrap import Services, bootstrap
from marketplace.ports import SteppingClock
from marketplace.settings import Settings
from tests.story import form_consortium
from tests.web.session_helpers import (
    answer,
    app_on,
    cookie_of,
    rows,
    signed_in,
    with_cookie,
)
from tests.web.signin import open_account

pytest_plugins = ("tests.web.session_fixtures",)


def test_a_session_unused_for_the_idle_time_ends(shared: Services,
                                                session_clock: SteppingClock) -> None:
    _account, email = open_account(shared, "officer")
    browser = signed_in(app_on(shared), email)
    idle = shared.marketplace.sessions.idle
    session_clock.advance(seconds=idle.total_seconds() - 60)
    assert answer(browser) == "ok"  # used just in time: the idle time starts again
    session_clock.advance(seconds=idle.total_seconds() - 60)
    assert answer(browser) == "ok"
    session_clock.advance(seconds=idle.total_seconds())
    assert answer(browser) == "login"


def test_the_business_clock_moving_on_by_weeks_signs_nobody_out(
        shared: Services, business: SteppingClock) -> None:
    _account, email = open_account(shared, "officer")
    browser = signed_in(app_on(shared), email)
    business.advance(days=45)  # a fee falls overdue, a quote expires: the story moves on
    assert answer(browser) == "ok"


def test_a_session_ends_at_the_absolute_limit_however_busy(shared: Services,
                                                           session_clock: SteppingClock) -> None:
    _account, email = open_account(shared, "officer")
    browser = signed_in(app_on(shared), email)
    store = shared.marketplace.sessions
    step = store.idle / 2
    used = 0
    while (used + 1) * step < store.max_age:
        session_clock.advance(seconds=step.total_seconds())
        used += 1
        assert answer(browser) == "ok", f"refused after {used * step}"
    session_clock.advance(seconds=step.total_seconds())
    assert answer(browser) == "login"


def test_the_timeouts_are_settings_and_the_defaults_are_two_and_twelve_hours(
        tmp_path: object) -> None:
    defaults = Settings.from_env({})
    assert (defaults.session_idle_minutes, defaults.session_max_hours) == (120, 12)
    chosen = Settings.from_env({"CONSORTIA_SESSION_IDLE_MINUTES": "30",
                                "CONSORTIA_SESSION_MAX_HOURS": "8"})
    assert (chosen.session_idle.total_seconds(), chosen.session_max_age.total_seconds()) == \
        (30 * 60, 8 * 3600)
    from marketplace.errors import ConfigurationError

    for name, value in (("CONSORTIA_SESSION_IDLE_MINUTES", "0"),
                        ("CONSORTIA_SESSION_IDLE_MINUTES", "100000"),
                        ("CONSORTIA_SESSION_MAX_HOURS", "0"),
                        ("CONSORTIA_SESSION_MAX_HOURS", "9999"),
                        ("CONSORTIA_SESSION_MAX_HOURS", "twelve")):
        with pytest.raises(ConfigurationError, match=name):
            Settings.from_env({name: value})


def test_a_short_idle_time_from_the_settings_is_enforced(store_url: str,
                                                         session_clock: SteppingClock) -> None:
    services = bootstrap(Settings(database_url=store_url, session_idle_minutes=10),
                         session_clock=session_clock)
    try:
        _account, email = open_account(services, "officer")
        browser = signed_in(app_on(services), email)
        session_clock.advance(minutes=11)
        assert answer(browser) == "login"
    finally:
        services.close()


def test_expired_sessions_are_purged(shared: Services, session_clock: SteppingClock) -> None:
    _account, email = open_account(shared, "officer")
    app = app_on(shared)
    signed_in(app, email)
    signed_in(app, email)
    assert len(rows(shared)) == 2
    session_clock.advance(seconds=(shared.marketplace.sessions.idle + PURGE_EVERY).total_seconds())
    # Any request that reads a session sweeps the expired ones, not only its own.
    fresh = signed_in(app, email)
    assert answer(fresh) == "ok"
    assert len(rows(shared)) == 1


def test_the_database_holds_no_session_id_in_clear(shared: Services) -> None:
    _account, email = open_account(shared, "officer")
    browser = signed_in(app_on(shared), email)
    sid = cookie_of(browser)
    assert len(sid) >= 40  # a random id of 32 bytes
    stored = rows(shared)
    assert [row["id_digest"] for row in stored] == [id_digest(sid)]
    for row in stored:
        for value in row.values():
            text = value.decode("latin-1") if isinstance(value, bytes) else str(value)
            assert sid not in text
    # The digest itself opens nothing: sent as a cookie, it is just an unknown id.
    assert answer(with_cookie(app_on(shared), id_digest(sid))) == "login"


def test_storefront_pages_write_no_session_and_the_rfq_form_keeps_its_csrf(
        shared: Services) -> None:
    form_consortium(shared.marketplace, slug="metal")
    app = app_on(shared, WTF_CSRF_ENABLED=True)
    visitor = app.test_client()
    for path in ("/", "/consortia/metal", "/", "/consortia/metal"):
        assert visitor.get(path).status_code == 200
    assert rows(shared) == []
    assert visitor.get_cookie("session") is None
    form = visitor.get("/consortia/metal/rfq").get_data(as_text=True)
    assert len(rows(shared)) == 1  # the form's CSRF token needs one, for a visitor
    visitor_row = rows(shared)[0]
    assert visitor_row["account_id"] is None
    assert (visitor_row["browser"], visitor_row["address"]) == ("", "")  # nothing of them
    token = form.split('name="csrf_token" value="')[1].split('"')[0]
    without = visitor.post("/consortia/metal/rfq", data={"buyer_name": "x"})
    assert without.status_code == 400  # no token: CSRF refuses
    with_token = visitor.post("/consortia/metal/rfq", data={"buyer_name": "x",
                                                             "csrf_token": token})
    assert with_token.status_code != 400  # the token from the visitor's session is good
