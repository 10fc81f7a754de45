"""The agency's formation screens: who may use them, proposals, stale forms, htmx."""

from __future__ import annotations

from uuid import uuid4

import pytest
from flask.testing import FlaskClient

from marketplace.bootstrap import Services
from tests.story import eur, form_consortium
from tests.web.agency_helpers import (
    BASE,
    events,
    formation,
    identified,
    page_text,
    post,
    prospect,
    text_of,
)
from tests.web.signin import sign_in

# The officer and a proposed consortium, as fixtures.
pytest_plugins = ("tests.web.agency_fixtures",)


# Who may come in


@pytest.mark.parametrize("path", ["/", "/metal"])
def test_anonymous_people_are_sent_to_sign_in(client: FlaskClient, proposed: str,
                                               path: str) -> None:
    response = client.get(BASE + path)
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login?next=")


def test_anonymous_posts_are_sent_to_sign_in_and_write_nothing(
        client: FlaskClient, services: Services, proposed: str) -> None:
    before = events(services)
    response = post(client, services, "metal", "/funding/grants", {"amount": "1000"})
    assert response.status_code == 302 and "/login" in response.headers["Location"]
    assert events(services) == before


@pytest.mark.parametrize("role", ["manager", "member"])
def test_managers_and_members_are_refused(client: FlaskClient, services: Services,
                                          role: str) -> None:
    formed = form_consortium(services.marketplace)
    scope = str(formed.consortium if role == "manager" else formed.memberships[0])
    sign_in(client, services, role, scope)
    before = events(services)
    assert client.get(f"{BASE}/").status_code == 403
    assert client.get(f"{BASE}/metal").status_code == 403
    response = post(client, services, "metal", "/funding/grants", {"amount": "1000"})
    assert response.status_code == 403
    assert events(services) == before


def test_auditors_read_without_forms_and_cannot_post(
        client: FlaskClient, services: Services, proposed: str) -> None:
    sign_in(client, services, "auditor")
    listing = client.get(f"{BASE}/")
    assert listing.status_code == 200 and "Santander Global Metal" in page_text(listing)
    assert "Propose the consortium" not in page_text(listing)
    page = client.get(f"{BASE}/metal")
    assert page.status_code == 200 and "Grant seed funding" not in page_text(page)
    before = events(services)
    assert post(client, services, "metal", "/funding/grants",
                {"amount": "1000"}).status_code == 403
    assert events(services) == before


# Proposing


def test_the_officer_proposes_a_consortium(officer: FlaskClient, services: Services) -> None:
    response = officer.post(f"{BASE}/", data={
        "name": "Cantabria Agrifood", "slug": "agrifood", "sector_nace": "10",
        "sector_name": "Food products", "region": "ES-CB", "agency": "SODERCAN",
        "programme_cap": "500000"})
    assert response.status_code == 303
    assert response.headers["Location"].endswith(f"{BASE}/agrifood")
    listing = page_text(officer.get(f"{BASE}/"))
    assert "Cantabria Agrifood" in listing and "Identify prospects" in listing
    assert formation(services, "agrifood")["funding"]["programme_cap"] == 500000


def test_a_proposal_in_an_unknown_region_is_refused(officer: FlaskClient,
                                                    services: Services) -> None:
    before = events(services)
    response = officer.post(f"{BASE}/", data={
        "name": "Nowhere Metal", "slug": "nowhere", "sector_nace": "25",
        "sector_name": "Metal", "region": "XX-ZZ", "agency": "SODERCAN"})
    assert response.status_code == 422
    assert "'XX-ZZ' is not an ISO 3166-2 region code" in page_text(response)
    assert 'value="Nowhere Metal"' in text_of(response)  # what was typed stays
    assert events(services) == before


# Stale forms and htmx


def test_a_stale_form_gets_409_and_writes_nothing(officer: FlaskClient, services: Services,
                                                  proposed: str) -> None:
    seen = formation(services, "metal")["version"]
    services.marketplace.grant_seed_funding(formation(services, "metal")["consortium_id"],
                                            eur("1000"))  # someone else, meanwhile
    before = events(services)
    response = officer.post(f"{BASE}/metal/funding/grants",
                            data={"version": seen, "amount": "5000"})
    assert response.status_code == 409
    assert "This changed since you opened the page; reload and try again." in page_text(response)
    assert events(services) == before
    assert formation(services, "metal")["funding"]["granted"] == 1000


def test_a_stale_prospect_form_gets_409(officer: FlaskClient, services: Services,
                                        proposed: str) -> None:
    membership = identified(services, "metal", 1)[0]
    seen = prospect(services, "metal", "Firm 1")["version"]
    services.marketplace.declare_capabilities(membership, stages=["design"], products=[],
                                              certifications=[], capacity="20 t")
    before = events(services)
    response = officer.post(f"{BASE}/metal/prospects/{membership}/decision", data={
        "version": seen, "decision": "decline", "reason": "no"})
    assert response.status_code == 409
    assert events(services) == before


def test_an_unknown_consortium_or_prospect_is_404(officer: FlaskClient, services: Services,
                                                  proposed: str) -> None:
    assert officer.get(f"{BASE}/nowhere").status_code == 404
    response = officer.post(f"{BASE}/metal/prospects/{uuid4()}/decision",
                            data={"version": "1", "decision": "decline"})
    assert response.status_code == 404


def test_identifying_a_company_that_does_not_exist_is_404(officer: FlaskClient,
                                                          services: Services,
                                                          proposed: str) -> None:
    # The code was unified (issue 11): a missing record answers 404 on every workspace
    # form; the formation forms answered 422 for it before.
    before = events(services)
    response = post(officer, services, "metal", "/prospects", {
        "company_id": str(uuid4()), "export_potential": "Sells abroad."})
    assert response.status_code == 404
    assert events(services) == before


def test_htmx_gets_the_formation_fragment_with_fresh_versions(
        officer: FlaskClient, services: Services, proposed: str) -> None:
    ok = post(officer, services, "metal", "/funding/grants", {"amount": "1000"},
              **{"HX-Request": "true"})
    assert ok.status_code == 200
    body = text_of(ok)
    assert "<html" not in body and 'id="formation"' in body and "Saved." in body
    assert f'name="version" value="{formation(services, "metal")["version"]}"' in body
    refused = post(officer, services, "metal", "/funding/grants", {"amount": "900000"},
                   **{"HX-Request": "true"})
    assert refused.status_code == 422
    assert "<html" not in text_of(refused) and "programme cap" in page_text(refused)
