"""Issue 16, item 5: officers manage accounts on screen: grant and revoke roles, close an
account, and appoint a manager who gets the role or an invitation."""

from __future__ import annotations

import pytest
from flask import Flask
from flask.testing import FlaskClient

from domain.values import Sector
from marketplace.bootstrap import Services
from tests.story import Formed, form_consortium
from tests.web.conftest import TEST_CONFIG
from tests.web.signin import PASSWORD, open_account, sign_in
from web import create_app
from web.auth import forgot_password


@pytest.fixture
def formed(services: Services) -> Formed:
    return form_consortium(services.marketplace)


@pytest.fixture
def officer(client: FlaskClient, services: Services, formed: Formed) -> FlaskClient:
    sign_in(client, services, "officer")
    return client


def signed_in(web_app: Flask, email: str) -> FlaskClient:
    person = web_app.test_client()
    assert person.post("/login", data={"email": email, "password": PASSWORD}).status_code == 303
    return person


def grants(services: Services, account: object) -> list[dict[str, str]]:
    return list(services.marketplace.get_account(account).grants)


def test_an_officer_grants_a_manager_role_and_the_person_acts_in_it(
        officer: FlaskClient, web_app: Flask, services: Services, formed: Formed) -> None:
    account, email = open_account(services, "auditor")
    person = signed_in(web_app, email)
    ledger = f"/workspace/fees/consortia/{formed.consortium}"
    assert person.get(ledger).status_code == 200  # an auditor reads it
    form = officer.get(f"/workspace/accounts/{account}/grant")
    assert form.status_code == 200 and "Test Auditor" in form.get_data(as_text=True)
    answer = officer.post(f"/workspace/accounts/{account}/grant", data={
        "role": "manager", "consortium": str(formed.consortium), "membership": ""},
        follow_redirects=True)
    assert answer.status_code == 200
    assert "The role is granted." in answer.get_data(as_text=True)
    assert {"role": "manager", "scope": str(formed.consortium)} in grants(services, account)
    assert "Metal Export Consortium" in answer.get_data(as_text=True)


def test_a_refused_grant_comes_back_as_typed_in_the_page_language(
        officer: FlaskClient, services: Services, formed: Formed) -> None:
    account, _email = open_account(services, "auditor")
    officer.get("/language/es")
    refused = officer.post(f"/workspace/accounts/{account}/grant", data={
        "role": "auditor", "consortium": "", "membership": ""})
    assert refused.status_code == 422
    page = refused.get_data(as_text=True)
    assert "La cuenta ya es auditor" in page  # the refusal, in the page's language
    assert '<option value="auditor" selected>' in page
    unknown = officer.post("/workspace/accounts/nobody/grant", data={"role": "x"})
    assert unknown.status_code == 404
    garbage = officer.post(f"/workspace/accounts/{account}/grant", data={"role": "x" * 999})
    assert garbage.status_code == 422


def test_revoking_a_role_ends_the_persons_sessions(
        officer: FlaskClient, web_app: Flask, services: Services, formed: Formed) -> None:
    scope = str(formed.consortium)
    account, email = open_account(services, "manager", scope)
    services.marketplace.grant_role(account, "auditor")
    person = signed_in(web_app, email)
    answer = officer.post(f"/workspace/accounts/{account}/revoke",
                          data={"role": "manager", "scope": scope})
    assert answer.status_code == 303
    assert grants(services, account) == [{"role": "auditor", "scope": ""}]
    assert person.get("/workspace/").status_code == 302  # signed out
    again = officer.post(f"/workspace/accounts/{account}/revoke",
                         data={"role": "manager", "scope": scope})
    assert again.status_code == 422  # not held any more: said, not a crash


def test_closing_an_account_signs_it_out_and_keeps_it_out(
        officer: FlaskClient, web_app: Flask, services: Services) -> None:
    account, email = open_account(services, "auditor")
    person = signed_in(web_app, email)
    unconfirmed = officer.post(f"/workspace/accounts/{account}/close", data={})
    assert unconfirmed.status_code == 422
    assert "Tick the box" in unconfirmed.get_data(as_text=True)
    assert not services.marketplace.get_account(account).closed
    closed = officer.post(f"/workspace/accounts/{account}/close", data={"confirm": "yes"},
                          follow_redirects=True)
    assert "The account is closed." in closed.get_data(as_text=True)
    assert services.marketplace.get_account(account).closed
    assert person.get("/workspace/").status_code == 302
    assert web_app.test_client().post("/login", data={"email": email, "password": PASSWORD}
                                      ).status_code == 401
    assert officer.post(f"/workspace/accounts/{account}/close",
                        data={"confirm": "yes"}).status_code == 422  # closed already


def test_an_officer_neither_closes_their_own_account_nor_revokes_their_own_role(
        client: FlaskClient, services: Services) -> None:
    me = sign_in(client, services, "officer")
    other, _email = open_account(services, "officer")
    page = client.get("/workspace/accounts/").get_data(as_text=True)
    assert f"/workspace/accounts/{other}/close" in page  # another officer's, offered
    assert f"/workspace/accounts/{me}/close" not in page  # one's own, not
    assert f"/workspace/accounts/{me}/revoke" not in page
    own = client.post(f"/workspace/accounts/{me}/close", data={"confirm": "yes"})
    assert own.status_code == 422 and "your own account" in own.get_data(as_text=True)
    role = client.post(f"/workspace/accounts/{me}/revoke", data={"role": "officer", "scope": ""})
    assert role.status_code == 422 and "your own officer role" in role.get_data(as_text=True)
    assert not services.marketplace.get_account(me).closed


def test_appointing_a_manager_on_screen_invites_them_in_their_language(
        officer: FlaskClient, services: Services) -> None:
    app = services.marketplace
    consortium = app.propose_consortium(slug="marine", name="Marine Energy Export",
                                        agency="SODERCAN", region="ES-CB",
                                        sector=Sector("28", "Machinery"))
    version = app.get_consortium(consortium).version
    answer = officer.post("/workspace/agency/marine/manager", data={
        "version": str(version), "manager_name": "Jean Dupont",
        "manager_email": "jean@marine.example", "manager_language": "fr"})
    assert answer.status_code == 303, answer.get_data(as_text=True)[:500]
    invited = app.passwords.account_for("jean@marine.example")
    assert invited is not None
    assert grants(services, invited) == [{"role": "manager", "scope": str(consortium)}]
    [mail] = [m for m in services.outbox.mails() if m.kind == "invitation"]
    assert mail.letter is not None and mail.letter.to_address == "jean@marine.example"
    assert "mot de passe" in mail.letter.body
    listed = officer.get("/workspace/accounts/").get_data(as_text=True)
    assert "Jean Dupont" in listed and "Invited, no password yet" in listed


def test_asking_for_a_reset_link_is_limited_like_signing_in(services: Services) -> None:
    client = create_app(services=services, config={
        **TEST_CONFIG, "RATELIMIT_ENABLED": True, "LOGIN_RATE_LIMIT": "2 per minute"}
    ).test_client()
    _account, email = open_account(services, "auditor")
    asked = [client.post("/password/forgot", data={"email": address}).status_code
             for address in (email, "nobody@example.org", email)]
    assert asked == [303, 303, 429]
    assert client.get("/password/forgot").status_code == 200  # reading is not limited
    posted = client.post("/password/reset/" + "A" * 43, data={"password": "x", "confirm": "x"})
    assert posted.status_code == 404  # a view of its own, with a count of its own
    refused = client.post("/password/forgot", data={"email": "not an address"},
                          environ_base={"REMOTE_ADDR": "198.51.100.7"})
    assert refused.status_code == 422
    assert 'value="not an address"' in refused.get_data(as_text=True)  # as typed


def test_asking_for_a_reset_link_takes_as_long_whether_or_not_the_address_has_an_account(
        services: Services, monkeypatch: pytest.MonkeyPatch) -> None:
    # Each answer waits until ANSWER_SECONDS have passed since it began: the moments are
    # counted, not measured, so the test is about the rule and not the machine.
    moments = iter([100.0, 100.3, 200.0, 200.01])
    waited: list[float] = []
    monkeypatch.setattr(forgot_password, "_now", lambda: next(moments))
    monkeypatch.setattr(forgot_password, "_wait", waited.append)
    client = create_app(services=services, config=TEST_CONFIG).test_client()
    _account, email = open_account(services, "auditor")
    for address in (email, "nobody@example.org"):
        assert client.post("/password/forgot", data={"email": address}).status_code == 303
    assert [round(w, 2) for w in waited] == [round(forgot_password.ANSWER_SECONDS - 0.3, 2),
                                             round(forgot_password.ANSWER_SECONDS - 0.01, 2)]
