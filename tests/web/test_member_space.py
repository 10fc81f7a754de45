"""The member's space: each page, and each action a member user takes there."""

from __future__ import annotations

import pytest
from flask.testing import FlaskClient
from sqlalchemy import select

from marketplace.bidding.readmodel import contributions
from marketplace.bootstrap import Services
from marketplace.membership.readmodel import members
from marketplace.outbox.queries import mail_choice, mail_recipients
from tests.web.member_helpers import MemberWorld, as_member, commit_form, member_world
from tests.web.signin import sign_in


@pytest.fixture
def world(services: Services) -> MemberWorld:
    return member_world(services)


def _member_row(world: MemberWorld, membership: object) -> dict:
    with world.services.engine.connect() as conn:
        return dict(conn.execute(select(members).where(
            members.c.membership_id == str(membership))).one()._mapping)


def _contribution(world: MemberWorld) -> dict:
    with world.services.engine.connect() as conn:
        return dict(conn.execute(select(contributions).where(
            contributions.c.bid_id == str(world.bid))).one()._mapping)


def test_a_member_user_of_one_company_goes_straight_to_its_space(
        client: FlaskClient, world: MemberWorld) -> None:
    as_member(client, world)
    assert client.get("/workspace/member/").headers["Location"] == world.url()


def test_the_space_shows_profile_certificates_requests_fees_and_peers(
        client: FlaskClient, world: MemberWorld) -> None:
    page = as_member(client, world).get(world.url()).get_data(as_text=True)
    assert "Metal Firm 1" in page and "ESBMET00000" in page
    assert "ISO 9001" in page and 'datetime="2030-01-01"' in page
    assert "Naviera Austral" in page and 'datetime="2025-03-07"' in page  # due date
    assert "Amount due:" in page and "€2,400.00" in page
    assert "Card payments are not configured" in page and ">Pay<" not in page
    assert "Metal Firm 2 · 1 contract together" in page


def test_the_company_profile_is_revised(client: FlaskClient, world: MemberWorld) -> None:
    as_member(client, world)
    version = world.services.marketplace.get_company(world.formed.companies[0]).version
    sent = client.post(world.url("profile"), data={
        "version": str(version), "name": "Calderería Besaya", "employees": "58",
        "summary": "Pressure vessels.", "website": "https://besaya.example"})
    assert sent.status_code == 303 and sent.headers["Location"] == world.url()
    assert _member_row(world, world.mine)["company_name"] == "Calderería Besaya"
    assert "The company profile is saved." in client.get(world.url()).get_data(as_text=True)


def test_capabilities_and_certifications_with_expiry_are_declared(
        client: FlaskClient, world: MemberWorld) -> None:
    as_member(client, world)
    version = world.services.marketplace.get_membership(world.mine).version
    sent = client.post(world.url("capabilities"), data={
        "version": str(version), "stages": ["design", "maintenance"], "capacity": "3 crews",
        "products": "boilers\npressure vessels", "cert-0-name": "ISO 9001",
        "cert-0-expires": "2027-06-30", "cert-1-name": "EN 1090", "cert-1-expires": ""})
    assert sent.status_code == 303
    row = _member_row(world, world.mine)
    assert row["stages"] == ["design", "maintenance"]
    assert row["products"] == ["boilers", "pressure vessels"]
    assert row["certificates"] == [{"name": "EN 1090", "expires_on": None},
                                   {"name": "ISO 9001", "expires_on": "2027-06-30"}]


def test_a_request_is_committed_then_withdrawn(client: FlaskClient, world: MemberWorld) -> None:
    as_member(client, world)
    assert client.post(world.request_url("commit"), data=commit_form()).status_code == 303
    committed = _contribution(world)
    assert (committed["status"], str(committed["price"]), committed["lead_time_days"]) == (
        "committed", "21500.50", 45)
    withdrawn = client.post(world.request_url("withdraw"),
                            data={"seen": "committed", "reason": "Our design office is full."})
    assert withdrawn.status_code == 303
    assert _contribution(world)["status"] == "withdrawn"


def test_with_htmx_a_commitment_answers_with_the_requests_section(
        client: FlaskClient, world: MemberWorld) -> None:
    as_member(client, world)
    sent = client.post(world.request_url("commit"), data=commit_form(),
                       headers={"HX-Request": "true", "HX-Target": "requests"})
    body = sent.get_data(as_text=True)
    assert sent.status_code == 200
    assert '<section id="requests"' in body and "<html" not in body
    assert "Your contribution is committed." in body and "€21,500.50" in body
    listed = client.get(world.url(), headers={"HX-Request": "true", "HX-Target": "requests"})
    assert '<section id="requests"' in listed.get_data(as_text=True)
    assert "<html" not in listed.get_data(as_text=True)


def test_a_peer_is_endorsed(client: FlaskClient, world: MemberWorld) -> None:
    as_member(client, world)
    sent = client.post(world.url("endorse"), data={"peer": str(world.theirs),
                                                   "note": "Flawless welding on PO-2025-0001."})
    assert sent.status_code == 303
    assert _member_row(world, world.theirs)["endorsements"] == 1


def test_work_shares_and_contract_history(client: FlaskClient, world: MemberWorld) -> None:
    page = as_member(client, world).get(world.url("contracts")).get_data(as_text=True)
    assert "PO-2025-0001" in page and "€80,000.00" in page and "€440,000.00" in page
    assert "Naviera Austral" in page and "being priced" in page  # the open RFQ, in history


def test_mail_preferences_are_chosen_and_tell_the_mailer(
        client: FlaskClient, world: MemberWorld) -> None:
    account = sign_in(client, world.services, "member", str(world.mine))
    page = client.get("/workspace/member/mail").get_data(as_text=True)
    assert page.count("checked") == 3  # every mail until the person chooses
    assert "When a fee is assessed on my company" in page  # issue 16: fee mails too
    engine = world.services.engine
    assert mail_recipients(engine, world.mine, "awards") == [str(account)]
    sent = client.post("/workspace/member/mail", data={"version": "0", "wanted": ["awards"]})
    assert sent.status_code == 303
    assert mail_choice(engine, account) == {"wanted": ["awards"], "version": 1}
    assert mail_recipients(engine, world.mine, "contribution_requests") == []
    assert mail_recipients(engine, world.mine, "awards") == [str(account)]
    client.post("/workspace/member/mail", data={"version": "1", "wanted": []})
    client.post("/workspace/member/mail",
                data={"version": "2", "wanted": ["contribution_requests", "awards"]})
    assert mail_choice(engine, account) == {
        "wanted": ["contribution_requests", "awards"], "version": 4}


@pytest.mark.parametrize("role", ["officer", "auditor"])
def test_officers_and_auditors_read_a_space_without_its_forms(
        client: FlaskClient, world: MemberWorld, role: str) -> None:
    sign_in(client, world.services, role)
    index = client.get("/workspace/member/").get_data(as_text=True)
    assert "Metal Firm 1" in index and "Metal Firm 3" in index
    page = client.get(world.url())
    assert page.status_code == 200
    body = page.get_data(as_text=True)
    assert "Only its member users can change it." in body
    assert 'name="seen"' not in body and "/endorse" not in body
    assert client.get(world.url("capabilities")).status_code == 200


def test_an_unknown_membership_is_not_found(client: FlaskClient, world: MemberWorld) -> None:
    sign_in(client, world.services, "officer")
    assert client.get("/workspace/member/6f1f8a52-0000-4000-8000-000000000000/").status_code \
        == 404
