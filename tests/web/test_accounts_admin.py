"""The officers' accounts screen: inviting a user, who chooses a password by a one-time
link mailed through the outbox, and unlocking a locked account."""

from __future__ import annotations

import re

import pytest
from flask import Flask
from flask.testing import FlaskClient

from marketplace.accounts.credentials import MAX_FAILURES
from marketplace.bootstrap import Services
from tests.story import Formed, form_consortium
from tests.web.signin import PASSWORD, open_account, sign_in

NEW_PASSWORD = "a password of my own"
LINK = re.compile(r"/password/set/([A-Za-z0-9_-]{43})\b")


@pytest.fixture
def formed(services: Services) -> Formed:
    return form_consortium(services.marketplace)


@pytest.fixture
def officer(client: FlaskClient, services: Services, formed: Formed) -> FlaskClient:
    sign_in(client, services, "officer")
    return client


def position(services: Services) -> int:
    return services.marketplace.recorder.max_notification_id() or 0


def invite_manager(officer: FlaskClient, formed: Formed, email: str = "lucia@metal.example"
                   ) -> str:
    """Invite a manager of the consortium on screen; returns the new account's id."""
    response = officer.post("/workspace/accounts/invite", data={
        "name": "Lucía Pérez", "email": email, "role": "manager",
        "consortium": str(formed.consortium), "membership": "", "language": "es"})
    assert response.status_code == 303, response.get_data(as_text=True)[:800]
    return response.headers["Location"].rpartition("invited=")[2]


def mailed_token(services: Services) -> str:
    """The token of the newest invitation mail, as its recipient would read it."""
    mails = [m for m in services.outbox.mails() if m.kind == "invitation"]
    assert mails, "no invitation in the outbox"
    assert mails[0].letter is not None
    found = LINK.search(mails[0].letter.body)
    assert found, mails[0].letter.body
    return found.group(1)


def test_an_invited_manager_chooses_a_password_by_the_mailed_link_and_is_signed_in(
    officer: FlaskClient, web_app: Flask, services: Services, formed: Formed,
) -> None:
    account = invite_manager(officer, formed)
    page = officer.get(f"/workspace/accounts/?invited={account}").get_data(as_text=True)
    assert "Lucía Pérez is invited" in page
    assert "Invited, no password yet" in page
    token = mailed_token(services)
    mail = services.outbox.mails()[0]
    assert mail.letter is not None and mail.letter.to_address == "lucia@metal.example"
    assert "contraseña" in mail.letter.body  # in the language the officer chose
    # The secret is in no event: the log is exported and read by auditors.
    for notification in services.marketplace.recorder.select_notifications(1, 10_000):
        assert token.encode() not in notification.state
    # Before choosing, the address and no password open nothing.
    invitee = web_app.test_client()
    assert invitee.post("/login", data={"email": "lucia@metal.example",
                                        "password": "!invited"}).status_code == 401

    form = invitee.get(f"/password/set/{token}")
    assert form.status_code == 200
    assert form.headers["Referrer-Policy"] == "no-referrer"
    chosen = invitee.post(f"/password/set/{token}",
                          data={"password": NEW_PASSWORD, "confirm": NEW_PASSWORD})
    assert chosen.status_code == 303
    assert chosen.headers["Location"].endswith("/workspace/")
    home = invitee.get("/workspace/")
    assert home.status_code == 200 and "Lucía Pérez" in home.get_data(as_text=True)
    # Signed in with the role the officer gave: the consortium's fee ledger is theirs.
    assert invitee.get(f"/workspace/fees/consortia/{formed.consortium}").status_code == 200
    assert invitee.get("/workspace/accounts/").status_code == 403
    # And the password works at the sign-in form from now on.
    again = web_app.test_client().post("/login", data={"email": "lucia@metal.example",
                                                       "password": NEW_PASSWORD})
    assert again.status_code == 303
    listed = officer.get("/workspace/accounts/").get_data(as_text=True)
    assert "Invited, no password yet" not in listed


def test_a_used_link_is_refused(officer: FlaskClient, web_app: Flask, services: Services,
                                formed: Formed) -> None:
    invite_manager(officer, formed)
    token = mailed_token(services)
    invitee = web_app.test_client()
    invitee.post(f"/password/set/{token}", data={"password": NEW_PASSWORD,
                                                 "confirm": NEW_PASSWORD})
    used = web_app.test_client().get(f"/password/set/{token}")
    assert used.status_code == 410
    assert "used already" in used.get_data(as_text=True)
    thief = web_app.test_client().post(f"/password/set/{token}",
                                       data={"password": "the thief's password",
                                             "confirm": "the thief's password"})
    assert thief.status_code == 410
    # The password chosen first still opens the account; the second did not replace it.
    assert web_app.test_client().post("/login", data={
        "email": "lucia@metal.example", "password": NEW_PASSWORD}).status_code == 303


def test_an_expired_link_is_refused(officer: FlaskClient, web_app: Flask, services: Services,
                                    formed: Formed) -> None:
    invite_manager(officer, formed)
    token = mailed_token(services)
    services.marketplace.clock.advance(days=7, seconds=1)
    for response in (web_app.test_client().get(f"/password/set/{token}"),
                     web_app.test_client().post(f"/password/set/{token}", data={
                         "password": NEW_PASSWORD, "confirm": NEW_PASSWORD})):
        assert response.status_code == 410
        assert "expired" in response.get_data(as_text=True)
    assert "Invitation expired" in officer.get("/workspace/accounts/").get_data(as_text=True)


@pytest.mark.parametrize("token", ["A" * 43, "not-a-token", "x" * 300])
def test_an_unknown_link_is_not_found(client: FlaskClient, token: str) -> None:
    response = client.get(f"/password/set/{token}")
    assert response.status_code == 404
    assert "not one we sent" in response.get_data(as_text=True)


@pytest.mark.parametrize(("password", "confirm", "says"), [
    ("short", "short", "10 to 200 characters"),
    (NEW_PASSWORD, "another password", "differ"),
])
def test_a_bad_password_keeps_the_link_usable(
    officer: FlaskClient, web_app: Flask, services: Services, formed: Formed,
    password: str, confirm: str, says: str,
) -> None:
    invite_manager(officer, formed)
    token = mailed_token(services)
    invitee = web_app.test_client()
    refused = invitee.post(f"/password/set/{token}",
                           data={"password": password, "confirm": confirm})
    assert refused.status_code == 422
    assert says in refused.get_data(as_text=True)
    assert invitee.get("/workspace/").status_code == 302  # not signed in
    assert invitee.get(f"/password/set/{token}").status_code == 200


@pytest.mark.parametrize(("form", "says"), [
    ({"role": "manager", "consortium": ""}, "Choose the consortium"),
    ({"role": "member", "membership": "not-a-membership"}, "Choose the member firm"),
    ({"role": "admin"}, "is not a role"),
    ({"role": "auditor", "email": "lucia at metal"}, "is not an e-mail address"),
    ({"role": "auditor", "name": " "}, "name"),
    ({"role": "auditor", "language": "xx"}, "is not one of the languages"),
])
def test_bad_invitations_are_refused_with_a_message_and_write_nothing(
    officer: FlaskClient, services: Services, form: dict[str, str], says: str,
) -> None:
    before = position(services), len(services.outbox.mails())
    data = {"name": "Lucía Pérez", "email": "lucia@metal.example", "language": "en", **form}
    response = officer.post("/workspace/accounts/invite", data=data)
    assert response.status_code == 422
    assert says in response.get_data(as_text=True)
    assert (position(services), len(services.outbox.mails())) == before


def test_an_address_that_already_signs_in_cannot_be_invited(
    officer: FlaskClient, services: Services,
) -> None:
    open_account(services, "auditor", email="lucia@metal.example")
    before = position(services)
    response = officer.post("/workspace/accounts/invite", data={
        "name": "Lucía Pérez", "email": "Lucia@metal.example", "role": "officer"})
    assert response.status_code == 422
    assert "already signs in" in response.get_data(as_text=True)
    assert position(services) == before


def test_an_invited_member_user_acts_for_their_firm(
    officer: FlaskClient, web_app: Flask, services: Services, formed: Formed,
) -> None:
    membership = str(formed.memberships[0])
    response = officer.post("/workspace/accounts/invite", data={
        "name": "Marta Gómez", "email": "marta@besaya.example", "role": "member",
        "membership": membership, "language": "en"})
    assert response.status_code == 303
    invitee = web_app.test_client()
    token = mailed_token(services)
    invitee.post(f"/password/set/{token}", data={"password": NEW_PASSWORD,
                                                 "confirm": NEW_PASSWORD})
    account = services.marketplace.get_account(response.headers["Location"]
                                               .rpartition("invited=")[2])
    assert account.grants == [{"role": "member", "scope": membership}]
    assert invitee.get("/workspace/").status_code == 200


def test_an_officer_unlocks_a_locked_account(officer: FlaskClient, web_app: Flask,
                                             services: Services) -> None:
    account, email = open_account(services, "auditor")
    owner = web_app.test_client()
    for _ in range(MAX_FAILURES):
        owner.post("/login", data={"email": email, "password": "wrong password!"})
    assert owner.post("/login", data={"email": email, "password": PASSWORD}).status_code == 429
    page = officer.get("/workspace/accounts/").get_data(as_text=True)
    assert "Locked" in page and f"/workspace/accounts/{account}/unlock" in page
    unlocked = officer.post(f"/workspace/accounts/{account}/unlock")
    assert unlocked.status_code == 303
    assert "can sign in again" in officer.get(unlocked.headers["Location"]).get_data(
        as_text=True)
    assert owner.post("/login", data={"email": email, "password": PASSWORD}).status_code == 303
    assert officer.post("/workspace/accounts/not-an-id/unlock").status_code == 404


@pytest.mark.parametrize("role", ["manager", "member"])
def test_managers_and_members_cannot_see_the_accounts(
    client: FlaskClient, services: Services, formed: Formed, role: str,
) -> None:
    scope = str(formed.consortium if role == "manager" else formed.memberships[0])
    sign_in(client, services, role, scope)
    assert client.get("/workspace/accounts/").status_code == 403
    assert client.post("/workspace/accounts/invite", data={
        "name": "X Y", "email": "x@y.example", "role": "officer"}).status_code == 403


def test_an_auditor_reads_the_accounts_but_cannot_invite_or_unlock(
    client: FlaskClient, services: Services, formed: Formed,
) -> None:
    account, _email = open_account(services, "officer")
    sign_in(client, services, "auditor")
    page = client.get("/workspace/accounts/")
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    assert "Test Officer" in text and "Invite a user" not in text
    before = position(services), len(services.outbox.mails())
    assert client.post("/workspace/accounts/invite", data={
        "name": "X Y", "email": "x@y.example", "role": "officer"}).status_code == 403
    assert client.post(f"/workspace/accounts/{account}/unlock").status_code == 403
    assert (position(services), len(services.outbox.mails())) == before


def test_an_expired_invitation_is_sent_again_and_only_the_new_link_works(
    officer: FlaskClient, web_app: Flask, services: Services, formed: Formed,
) -> None:
    account = invite_manager(officer, formed)
    old_token = mailed_token(services)
    first = services.marketplace.invitation(old_token).invitee
    services.marketplace.clock.advance(days=8)
    page = officer.get("/workspace/accounts/").get_data(as_text=True)
    assert f"/workspace/accounts/{account}/reinvite" in page
    assert officer.post(f"/workspace/accounts/{account}/reinvite").status_code == 303
    new_token = mailed_token(services)
    assert new_token != old_token
    assert services.marketplace.vault.reveal(first) is None  # the old link's record is gone
    newest = services.outbox.mails()[0].letter
    assert newest is not None and "contraseña" in newest.body  # the language chosen before
    assert web_app.test_client().get(f"/password/set/{old_token}").status_code == 404
    invitee = web_app.test_client()
    assert invitee.post(f"/password/set/{new_token}", data={
        "password": NEW_PASSWORD, "confirm": NEW_PASSWORD}).status_code == 303
    # With a password chosen, there is nothing to invite to any more.
    again = officer.post(f"/workspace/accounts/{account}/reinvite")
    assert again.status_code == 422
    assert "chosen a password already" in again.get_data(as_text=True)


def test_the_used_link_leaves_no_token_in_the_vault(
    officer: FlaskClient, web_app: Flask, services: Services, formed: Formed,
) -> None:
    invite_manager(officer, formed)
    token = mailed_token(services)
    invitee = services.marketplace.invitation(token).invitee
    assert (services.marketplace.vault.reveal(invitee) or {}).get("invitation") == token
    web_app.test_client().post(f"/password/set/{token}", data={
        "password": NEW_PASSWORD, "confirm": NEW_PASSWORD})
    assert services.marketplace.vault.reveal(invitee) is None


def test_a_taken_address_is_refused_in_the_pages_language(
    officer: FlaskClient, services: Services,
) -> None:
    open_account(services, "auditor", email="lucia@metal.example")
    response = officer.post("/workspace/accounts/invite", headers={"Accept-Language": "es"},
                            data={"name": "Lucía Pérez", "email": "lucia@metal.example",
                                  "role": "officer", "language": "es"})
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "Ya hay una cuenta que inicia sesión como lucia@metal.example" in page
    assert "already signs in" not in page
