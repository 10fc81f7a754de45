"""Sessions live in the store and can be ended: a copied cookie opens nothing afterwards.

Each test runs on SQLite and PostgreSQL. Two apps built on one store stand for two
workers: what one ends, the other refuses. Sessions keep time by a clock of their own
(the wall clock in production), which the tests move; the marketplace's is the business's.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from marketplace.accounts.sessions import PURGE_EVERY, id_digest, sessions
from marketplace.bootstrap import Services, bootstrap
from marketplace.ports import SteppingClock
from marketplace.settings import Settings
from tests.conftest import START
from tests.story import form_consortium
from tests.web import matrix
from tests.web.conftest import TEST_CONFIG
from tests.web.signin import PASSWORD, open_account
from tests.web.test_accounts_admin import mailed_token
from web import create_app

HOME = "/workspace/"
NEW_PASSWORD = "a new and longer passphrase"


@pytest.fixture
def clock() -> SteppingClock:
    """The sessions' clock."""
    return SteppingClock(START)


@pytest.fixture
def business() -> SteppingClock:
    """The marketplace's clock."""
    return SteppingClock(START)


@pytest.fixture
def shared(store_url: str, clock: SteppingClock, business: SteppingClock) -> Iterator[Services]:
    built = bootstrap(store_url, clock=business, session_clock=clock)
    yield built
    built.close()


@pytest.fixture
def other_worker(store_url: str, clock: SteppingClock,
                 business: SteppingClock) -> Iterator[Services]:
    """A second set of services on the same store, as a second worker process has."""
    built = bootstrap(store_url, clock=business, session_clock=clock)
    yield built
    built.close()


def app_on(services: Services, **config: object) -> Flask:
    return create_app(services=services, config={**TEST_CONFIG, **config})


def signed_in(app: Flask, email: str, password: str = PASSWORD,
              agent: str = "Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0") -> FlaskClient:
    client = app.test_client()
    client.environ_base["HTTP_USER_AGENT"] = agent
    answer = client.post("/login", data={"email": email, "password": password})
    assert answer.status_code == 303, answer.get_data(as_text=True)[:300]
    return client


def cookie_of(client: FlaskClient) -> str:
    cookie = client.get_cookie("session")
    assert cookie is not None
    return cookie.value


def with_cookie(app: Flask, value: str) -> FlaskClient:
    """Another browser, holding a copy of someone's session cookie."""
    thief = app.test_client()
    thief.set_cookie("session", value)
    return thief


def answer(client: FlaskClient) -> str:
    return matrix.answer_of(client.get(HOME))


def rows(services: Services) -> list[dict[str, object]]:
    with services.engine.connect() as conn:
        return [dict(r._mapping) for r in conn.execute(select(sessions))]


def test_a_cookie_copied_before_sign_out_is_refused_after_it_on_every_worker(
        shared: Services, other_worker: Services) -> None:
    first, second = app_on(shared), app_on(other_worker)
    _account, email = open_account(shared, "officer")
    owner = signed_in(first, email)
    copied = cookie_of(owner)
    same_worker, other = with_cookie(first, copied), with_cookie(second, copied)
    assert [answer(owner), answer(same_worker), answer(other)] == ["ok", "ok", "ok"]

    assert owner.post("/logout").status_code == 303

    assert [answer(owner), answer(same_worker), answer(other)] == ["login"] * 3
    assert rows(shared) == []  # the session's row is gone, not only the owner's cookie


def test_signing_in_gives_a_new_id_and_the_old_one_opens_nothing(shared: Services) -> None:
    app = app_on(shared)
    _account, email = open_account(shared, "officer")
    browser = app.test_client()
    with browser.session_transaction() as before:
        before["note"] = "planted before signing in"
    planted = cookie_of(browser)
    browser.post("/login", data={"email": email, "password": PASSWORD})
    assert cookie_of(browser) != planted
    assert answer(browser) == "ok"
    assert answer(with_cookie(app, planted)) == "login"


def test_a_password_change_ends_every_other_session_and_keeps_this_one(
        shared: Services, other_worker: Services) -> None:
    first, second = app_on(shared), app_on(other_worker)
    _account, email = open_account(shared, "auditor")
    laptop, phone = signed_in(first, email), signed_in(second, email)
    changed = laptop.post("/workspace/sessions/password", data={
        "current": PASSWORD, "password": NEW_PASSWORD, "confirm": NEW_PASSWORD})
    assert changed.status_code == 303
    assert answer(laptop) == "ok"
    assert answer(phone) == "login"
    assert signed_in(second, email, NEW_PASSWORD)  # the new password opens a session
    refused = first.test_client().post("/login", data={"email": email, "password": PASSWORD})
    assert refused.status_code == 401


def test_a_password_change_needs_the_current_password_and_ends_nothing_without_it(
        shared: Services) -> None:
    app = app_on(shared)
    _account, email = open_account(shared, "auditor")
    laptop, phone = signed_in(app, email), signed_in(app, email)
    refused = laptop.post("/workspace/sessions/password", data={
        "current": "not the password", "password": NEW_PASSWORD, "confirm": NEW_PASSWORD})
    assert refused.status_code == 422
    assert "The current password is wrong" in refused.get_data(as_text=True)
    assert NEW_PASSWORD not in refused.get_data(as_text=True)
    assert [answer(laptop), answer(phone)] == ["ok", "ok"]


def test_revoking_a_role_ends_the_accounts_sessions(shared: Services,
                                                    other_worker: Services) -> None:
    _account, email = open_account(shared, "officer")
    account = shared.marketplace.open_account(name="Two Roles", email="two@example.org",
                                              password=PASSWORD,
                                              grants=[("officer", ""), ("auditor", "")])
    on_one, on_other = signed_in(app_on(shared), "two@example.org"), \
        signed_in(app_on(other_worker), "two@example.org")
    bystander = signed_in(app_on(shared), email)
    shared.marketplace.revoke_role(account, "auditor")
    assert [answer(on_one), answer(on_other)] == ["login", "login"]
    assert answer(bystander) == "ok"  # only that account's sessions end


def test_closing_an_account_ends_its_sessions(shared: Services) -> None:
    account, email = open_account(shared, "officer")
    browser = signed_in(app_on(shared), email)
    shared.marketplace.close_account(account)
    assert answer(browser) == "login"
    assert all(row["account_id"] != str(account) for row in rows(shared))


def test_an_invitation_redeemed_ends_the_accounts_other_sessions(shared: Services) -> None:
    account = shared.marketplace.invite_account(name="Invited", email="new@example.org",
                                                grants=[("auditor", "")])
    # As if a session of the account were open (the link is the only way in).
    shared.marketplace.sessions.write(id_digest("stale"), b"\x80", account_id=str(account),
                                      now=START, browser="", address="", new=True)
    token = mailed_token(shared)
    browser = app_on(shared).test_client()
    chosen = browser.post(f"/password/set/{token}",
                          data={"password": NEW_PASSWORD, "confirm": NEW_PASSWORD})
    assert chosen.status_code == 303
    assert answer(browser) == "ok"
    assert id_digest("stale") not in {row["id_digest"] for row in rows(shared)}


def test_an_officer_ends_every_session_of_a_person(shared: Services,
                                                   other_worker: Services) -> None:
    _officer, officer_email = open_account(shared, "officer")
    person, email = open_account(shared, "officer")
    on_one, on_other = signed_in(app_on(shared), email), signed_in(app_on(other_worker), email)
    officer = signed_in(app_on(shared), officer_email)
    screen = officer.get("/workspace/accounts/").get_data(as_text=True)
    assert f"/workspace/accounts/{person}/sessions/end" in screen  # the button is shown

    ended = officer.post(f"/workspace/accounts/{person}/sessions/end")

    assert ended.status_code == 303
    assert [answer(on_one), answer(on_other)] == ["login", "login"]
    assert answer(officer) == "ok"
    assert "Every session of" in officer.get(ended.headers["Location"]).get_data(as_text=True)


def test_a_person_sees_their_sessions_and_ends_one(shared: Services,
                                                   other_worker: Services) -> None:
    _account, email = open_account(shared, "auditor")
    laptop = signed_in(app_on(shared), email)
    phone = signed_in(app_on(other_worker), email,
                      agent="Mozilla/5.0 (iPhone; CPU iPhone OS 17_0) Safari/604.1")
    page = laptop.get("/workspace/sessions/").get_data(as_text=True)
    assert "Firefox, Linux" in page and "Safari, iPhone" in page
    assert "this session" in page
    handles = {row["browser"]: row["handle"] for row in rows(shared)}

    ended = laptop.post(f"/workspace/sessions/{handles['Safari, iPhone']}/end")

    assert ended.status_code == 303
    assert answer(phone) == "login"
    assert answer(laptop) == "ok"
    assert "Safari, iPhone" not in laptop.get("/workspace/sessions/").get_data(as_text=True)


def test_nobody_ends_someone_elses_session_by_its_handle(shared: Services) -> None:
    _a, first_email = open_account(shared, "auditor")
    _b, second_email = open_account(shared, "auditor")
    app = app_on(shared)
    first, second = signed_in(app, first_email), signed_in(app, second_email)
    theirs = next(row["handle"] for row in rows(shared) if row["account_id"] == str(_b))
    assert first.post(f"/workspace/sessions/{theirs}/end").status_code == 404
    assert answer(second) == "ok"


def test_an_auditor_ends_a_session_and_changes_a_password_writing_no_event(
        shared: Services) -> None:
    from marketplace.projection.stats import stats

    _account, email = open_account(shared, "auditor")
    app = app_on(shared)
    desk, spare = signed_in(app, email), signed_in(app, email)
    before = stats(shared)["log_position"]
    spare_handle = next(r["handle"] for r in rows(shared)
                        if r["id_digest"] == id_digest(cookie_of(spare)))
    assert desk.post(f"/workspace/sessions/{spare_handle}/end").status_code == 303
    assert desk.post("/workspace/sessions/password", data={
        "current": PASSWORD, "password": NEW_PASSWORD, "confirm": NEW_PASSWORD}
    ).status_code == 303
    assert stats(shared)["log_position"] == before
    assert [answer(desk), answer(spare)] == ["ok", "login"]


def test_a_session_unused_for_the_idle_time_ends(shared: Services,
                                                clock: SteppingClock) -> None:
    _account, email = open_account(shared, "officer")
    browser = signed_in(app_on(shared), email)
    idle = shared.marketplace.sessions.idle
    clock.advance(seconds=idle.total_seconds() - 60)
    assert answer(browser) == "ok"  # used just in time: the idle time starts again
    clock.advance(seconds=idle.total_seconds() - 60)
    assert answer(browser) == "ok"
    clock.advance(seconds=idle.total_seconds())
    assert answer(browser) == "login"


def test_the_business_clock_moving_on_by_weeks_signs_nobody_out(
        shared: Services, business: SteppingClock) -> None:
    _account, email = open_account(shared, "officer")
    browser = signed_in(app_on(shared), email)
    business.advance(days=45)  # a fee falls overdue, a quote expires: the story moves on
    assert answer(browser) == "ok"


def test_a_session_ends_at_the_absolute_limit_however_busy(shared: Services,
                                                           clock: SteppingClock) -> None:
    _account, email = open_account(shared, "officer")
    browser = signed_in(app_on(shared), email)
    store = shared.marketplace.sessions
    step = store.idle / 2
    used = 0
    while (used + 1) * step < store.max_age:
        clock.advance(seconds=step.total_seconds())
        used += 1
        assert answer(browser) == "ok", f"refused after {used * step}"
    clock.advance(seconds=step.total_seconds())
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
                                                         clock: SteppingClock) -> None:
    services = bootstrap(Settings(database_url=store_url, session_idle_minutes=10),
                         session_clock=clock)
    try:
        _account, email = open_account(services, "officer")
        browser = signed_in(app_on(services), email)
        clock.advance(minutes=11)
        assert answer(browser) == "login"
    finally:
        services.close()


def test_expired_sessions_are_purged(shared: Services, clock: SteppingClock) -> None:
    _account, email = open_account(shared, "officer")
    app = app_on(shared)
    signed_in(app, email)
    signed_in(app, email)
    assert len(rows(shared)) == 2
    clock.advance(seconds=(shared.marketplace.sessions.idle + PURGE_EVERY).total_seconds())
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
    assert rows(shared)[0]["account_id"] is None
    token = form.split('name="csrf_token" value="')[1].split('"')[0]
    without = visitor.post("/consortia/metal/rfq", data={"buyer_name": "x"})
    assert without.status_code == 400  # no token: CSRF refuses
    with_token = visitor.post("/consortia/metal/rfq", data={"buyer_name": "x",
                                                             "csrf_token": token})
    assert with_token.status_code != 400  # the token from the visitor's session is good
