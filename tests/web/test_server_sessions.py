"""Sessions live in the store and can be ended: a copied cookie opens nothing afterwards.

Each test runs on SQLite and PostgreSQL. Two apps built on one store stand for two
workers: what one ends, the other refuses.
"""

from __future__ import annotations

from marketplace.accounts.sessions import id_digest
from marketplace.bootstrap import Services
from tests.conftest import START
from tests.web.session_helpers import (
    NEW_PASSWORD,
    answer,
    app_on,
    cookie_of,
    rows,
    signed_in,
    with_cookie,
)
from tests.web.signin import PASSWORD, open_account
from tests.web.test_accounts_admin import mailed_token

pytest_plugins = ("tests.web.session_fixtures",)


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


