"""What the member's space refuses, and that a refused form writes no event."""

from __future__ import annotations

import pytest
from flask.testing import FlaskClient

from marketplace.bootstrap import Services
from tests.web.member_helpers import MemberWorld, as_member, commit_form, member_world
from tests.web.signin import sign_in

RELOAD = "This changed since you opened the page; reload and try again."


@pytest.fixture
def world(services: Services) -> MemberWorld:
    return member_world(services)


def refused(client: FlaskClient, world: MemberWorld, url: str, data: dict, status: int,
            message: str) -> None:
    before = world.position()
    answer = client.post(url, data=data)
    body = answer.get_data(as_text=True)
    assert answer.status_code == status, body[:800]
    assert message in body, body[:2000]
    assert world.position() == before, "a refused form wrote an event"


def test_another_companys_membership_is_not_written_to(
        client: FlaskClient, world: MemberWorld) -> None:
    as_member(client, world)
    world.services.marketplace.request_contribution(
        world.bid, "manufacturing", world.theirs, world.services.marketplace.clock.now().date())
    theirs = world.theirs
    message = "You can only change the data of the company you act for"
    profile = {"version": "1", "name": "Taken over", "employees": "5", "summary": "x",
               "website": ""}
    for url, data in [
        (world.url("profile", theirs), profile),
        (world.url("capabilities", theirs), {"version": "1", "stages": ["design"],
                                             "capacity": "1 t"}),
        (world.url(f"requests/{world.bid}/manufacturing/commit", theirs), commit_form()),
        (world.url(f"requests/{world.bid}/manufacturing/withdraw", theirs),
         {"seen": "committed", "reason": "sabotage"}),
        (world.url("endorse", theirs), {"peer": str(world.mine), "note": "I am great"}),
    ]:
        refused(client, world, url, data, 403, message)
    assert client.get(world.url("", theirs)).status_code == 403


@pytest.mark.parametrize("role", ["officer", "manager"])
def test_only_member_users_write_in_the_space(
        client: FlaskClient, world: MemberWorld, role: str) -> None:
    sign_in(client, world.services, role, str(world.formed.consortium) if role == "manager"
            else "")
    refused(client, world, world.request_url("commit"), commit_form(), 403, "not allowed")


def test_a_suspended_member_cannot_commit(client: FlaskClient, world: MemberWorld) -> None:
    app = world.services.marketplace
    app.clock.advance(days=60)  # the fee, due in 20 days, is now past the 30-day grace
    app.suspend_for_arrears(world.mine)
    as_member(client, world)
    refused(client, world, world.request_url("commit"), commit_form(), 422,
            "This company is suspended for arrears; only active members can do that")
    page = client.get(world.url()).get_data(as_text=True)
    assert "suspended for arrears" in page and "overdue" in page


@pytest.mark.parametrize(("typed", "message"), [
    ({"price": "a lot"}, "&#39;a lot&#39; is not an amount of money"),
    ({"price": "-5"}, "An amount of money cannot be negative"),
    ({"currency": "EUD"}, "EUD"),
    ({"lead_time_days": "soon"}, "The lead time must be a whole number of days."),
    ({"lead_time_days": "0"}, "The lead time must be 1 to 3,650 days"),
])
def test_a_commitment_that_does_not_add_up_is_refused(
        client: FlaskClient, world: MemberWorld, typed: dict, message: str) -> None:
    as_member(client, world)
    refused(client, world, world.request_url("commit"), commit_form(**typed), 422, message)


def test_a_stale_commitment_or_withdrawal_asks_to_reload(
        client: FlaskClient, world: MemberWorld) -> None:
    as_member(client, world)
    client.post(world.request_url("commit"), data=commit_form())
    # A colleague's page still showed the request as only asked for.
    refused(client, world, world.request_url("commit"), commit_form(price="1"), 409, RELOAD)
    refused(client, world, world.request_url("withdraw"),
            {"seen": "requested", "reason": "x"}, 409, RELOAD)
    refused(client, world, world.request_url("withdraw"), {"seen": "committed", "reason": ""},
            422, "The reason cannot be empty")


def test_a_stale_profile_capabilities_or_mail_form_asks_to_reload(
        client: FlaskClient, world: MemberWorld) -> None:
    as_member(client, world)
    app = world.services.marketplace
    company = world.formed.companies[0]
    version = app.get_company(company).version
    app.revise_company_profile(company, name="Renamed by a colleague", employees=41,
                               summary="s", website="")
    refused(client, world, world.url("profile"), {
        "version": str(version), "name": "Mine", "employees": "40", "summary": "s",
        "website": ""}, 409, RELOAD)
    refused(client, world, world.url("capabilities"), {
        "version": "1", "stages": ["design"], "capacity": "1 t"}, 409, RELOAD)
    refused(client, world, "/workspace/member/mail", {"version": "3", "wanted": []}, 409,
            RELOAD)


@pytest.mark.parametrize(("typed", "message"), [
    ({"employees": "many"}, "The number of employees must be a whole number."),
    ({"website": "ftp://besaya.example"}, "A website address starts with https://"),
    ({"name": ""}, "The company&#39;s name cannot be empty"),
])
def test_a_profile_with_a_wrong_detail_is_refused(
        client: FlaskClient, world: MemberWorld, typed: dict, message: str) -> None:
    as_member(client, world)
    version = world.services.marketplace.get_company(world.formed.companies[0]).version
    data = {"version": str(version), "name": "Besaya", "employees": "40", "summary": "s",
            "website": "", **typed}
    refused(client, world, world.url("profile"), data, 422, message)


def test_capabilities_with_a_wrong_detail_are_refused(
        client: FlaskClient, world: MemberWorld) -> None:
    as_member(client, world)
    version = str(world.services.marketplace.get_membership(world.mine).version)
    base = {"version": version, "stages": ["design"], "capacity": "1 t"}
    refused(client, world, world.url("capabilities"),
            {**base, "cert-0-name": "ISO 9001", "cert-0-expires": "next year"}, 422,
            "The expiry date of “ISO 9001” is not a date")
    refused(client, world, world.url("capabilities"), {**base, "stages": []}, 422,
            "Declare at least one value-chain stage")


def test_an_endorsement_given_twice_or_to_oneself_is_refused(
        client: FlaskClient, world: MemberWorld) -> None:
    as_member(client, world)
    client.post(world.url("endorse"), data={"peer": str(world.theirs), "note": "Good work."})
    refused(client, world, world.url("endorse"), {"peer": str(world.theirs), "note": "Again"},
            422, "This peer has already endorsed this member")
    refused(client, world, world.url("endorse"), {"peer": str(world.mine), "note": "Me"},
            422, "A member cannot endorse itself")
    refused(client, world, world.url("endorse"), {"peer": "", "note": "Me"},
            422, "Choose the member you endorse.")


def test_an_unknown_mail_kind_is_refused(client: FlaskClient, world: MemberWorld) -> None:
    as_member(client, world)
    refused(client, world, "/workspace/member/mail", {"version": "0", "wanted": ["spam"]},
            422, "&#39;spam&#39; is not a kind of mail")


def test_a_request_whose_quote_went_out_is_no_longer_open(
        client: FlaskClient, world: MemberWorld) -> None:
    app = world.services.marketplace
    app.decline_rfq(world.bid, "No capacity this quarter.")
    as_member(client, world)
    refused(client, world, world.request_url("commit"), commit_form(), 409,
            "This request is no longer open")
