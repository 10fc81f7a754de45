"""The formation screens' seed funding and governance: each form writes its event or refuses."""

from __future__ import annotations

from flask.testing import FlaskClient

from marketplace.bootstrap import Services
from tests.story import eur, form_consortium, rules
from tests.web.agency_helpers import (
    BASE,
    events,
    formation,
    identified,
    page_text,
    post,
)

# The officer and a proposed consortium, as fixtures.
pytest_plugins = ("tests.web.agency_fixtures",)


# Seed funding


def test_granting_and_disbursing_keeps_the_ledger(officer: FlaskClient, services: Services,
                                                  proposed: str) -> None:
    assert post(officer, services, "metal", "/funding/grants",
                {"amount": "500,000"}).status_code == 303
    assert post(officer, services, "metal", "/funding/disbursements",
                {"amount": "120000", "purpose": "Legal establishment"}).status_code == 303
    funding = formation(services, "metal")["funding"]
    assert (funding["granted"], funding["disbursed"], funding["remaining"]) == (
        500000, 120000, 380000)
    page = page_text(officer.get(f"{BASE}/metal"))
    assert "€380,000.00" in page and "Legal establishment" in page and "€700,000.00" in page


def test_grants_beyond_the_cap_and_disbursements_beyond_the_grant_are_refused(
        officer: FlaskClient, services: Services, proposed: str) -> None:
    services.marketplace.grant_seed_funding(formation(services, "metal")["consortium_id"],
                                            eur("600000"))
    before = events(services)
    over_cap = post(officer, services, "metal", "/funding/grants", {"amount": "200000"})
    assert over_cap.status_code == 422
    assert "The grant would pass the programme cap" in page_text(over_cap)
    over_grant = post(officer, services, "metal", "/funding/disbursements",
                      {"amount": "600000.01", "purpose": "Marketing"})
    assert over_grant.status_code == 422
    assert "would exceed the grant" in page_text(over_grant)
    not_money = post(officer, services, "metal", "/funding/grants", {"amount": "lots"})
    assert not_money.status_code == 422 and "is not an amount of money" in page_text(not_money)
    assert events(services) == before


# Governance, establishment, offer


def test_appointing_the_manager(officer: FlaskClient, services: Services,
                                proposed: str) -> None:
    response = post(officer, services, "metal", "/manager",
                    {"manager_name": "Ana Ruiz", "manager_email": "ana@example.com"})
    assert response.status_code == 303
    assert formation(services, "metal")["governance"]["manager_appointed_at"] is not None
    # Issue 16: the page names the manager it records.
    assert "Ana Ruiz was appointed manager on" in page_text(officer.get(f"{BASE}/metal"))


def test_a_manager_without_an_email_is_refused(officer: FlaskClient, services: Services,
                                              proposed: str) -> None:
    before = events(services)
    response = post(officer, services, "metal", "/manager", {"manager_name": "Ana Ruiz"})
    assert response.status_code == 422
    assert "Please fill in the e-mail address." in page_text(response)
    assert events(services) == before


RULES_FORM = {"quote_response_days": "5", "annual_fees": "standard 2400\nfounding 3,600",
              "success_fee_percent": "1.5", "work_share_rule": "proportional",
              "quorum_percent": "60", "grace_days": "30", "suspend_on_arrears": "yes"}


def test_rules_are_adopted_in_versions(officer: FlaskClient, services: Services,
                                       proposed: str) -> None:
    assert post(officer, services, "metal", "/rules", RULES_FORM).status_code == 303
    assert post(officer, services, "metal", "/rules",
                {**RULES_FORM, "quote_response_days": "3"}).status_code == 303
    governance = formation(services, "metal")["governance"]
    assert governance["rules_version"] == 2
    assert governance["rules"]["quote_response_days"] == 3
    assert governance["rules"]["annual_fees"]["founding"] == {"amount": "3600.00",
                                                             "currency": "EUR"}
    page = page_text(officer.get(f"{BASE}/metal"))
    assert "Version 2, adopted on" in page and "3 working days" in page


def test_rules_with_a_quorum_below_half_are_refused(officer: FlaskClient, services: Services,
                                                    proposed: str) -> None:
    before = events(services)
    response = post(officer, services, "metal", "/rules", {**RULES_FORM, "quorum_percent": "40"})
    assert response.status_code == 422
    assert "The decision quorum must be between 50 and 100 percent" in page_text(response)
    assert events(services) == before


def test_establishing_needs_a_manager_rules_and_members(
        officer: FlaskClient, services: Services, proposed: str) -> None:
    before = events(services)
    refused = post(officer, services, "metal", "/establish")
    assert refused.status_code == 422
    assert "can be established once a manager is appointed" in page_text(refused)
    assert events(services) == before
    app, consortium = services.marketplace, formation(services, "metal")["consortium_id"]
    for membership in identified(services, "metal", 3):
        app.join_consortium(membership, agreement="MA.pdf", tier="standard")
    app.appoint_manager(consortium, name="Ana Ruiz", email="ana@example.com")
    app.adopt_rules(consortium, rules())
    assert post(officer, services, "metal", "/establish").status_code == 303
    assert formation(services, "metal")["status"] == "established"


def test_publishing_the_offer(officer: FlaskClient, services: Services) -> None:
    form_consortium(services.marketplace, publish=False)
    before = events(services)
    empty = post(officer, services, "metal", "/offer", {"summary": "Steel."})
    assert empty.status_code == 422 and "An offer covers at least one stage" in page_text(empty)
    assert events(services) == before
    response = post(officer, services, "metal", "/offer",
                    {"stages": ["design", "manufacturing"], "summary": "Steel hulls."})
    assert response.status_code == 303
    assert formation(services, "metal")["offer_stages"] == ["design", "manufacturing"]


def test_an_offer_before_establishment_is_refused(officer: FlaskClient, services: Services,
                                                  proposed: str) -> None:
    before = events(services)
    response = post(officer, services, "metal", "/offer",
                    {"stages": ["design"], "summary": "Steel."})
    assert response.status_code == 422
    assert "An offer is published only by an established consortium" in page_text(response)
    assert events(services) == before
