"""Prospects, meetings and the capability matrix: each form writes its event or refuses."""

from __future__ import annotations

from flask.testing import FlaskClient

from marketplace.bootstrap import Services
from tests.story import METAL, form_consortium, rules
from tests.web.agency_helpers import (
    BASE,
    events,
    formation,
    identified,
    page_text,
    post,
    prospect,
)

# The officer and a proposed consortium, as fixtures.
pytest_plugins = ("tests.web.agency_fixtures",)


# Prospects, capabilities, decisions


def test_identifying_a_new_company_registers_it_inline(
        officer: FlaskClient, services: Services, proposed: str) -> None:
    response = post(officer, services, "metal", "/prospects", {
        "company_name": "Aceros Besaya", "tax_id": "ESB39000001", "employees": "85",
        "summary": "Heavy steel structures.", "company_region": "ES-CB",
        "export_potential": "Already ships to Morocco; wants Mexico."})
    assert response.status_code == 303
    found = prospect(services, "metal", "Aceros Besaya")
    assert found["status"] == "invited"
    assert found["export_potential"] == "Already ships to Morocco; wants Mexico."


def test_identifying_a_registered_company(officer: FlaskClient, services: Services,
                                          proposed: str) -> None:
    company = services.marketplace.register_company(
        tax_id="ESB39000002", name="Talleres Pas", region="ES-CB", sector=METAL,
        employees=30, summary="Machining.")
    page = page_text(officer.get(f"{BASE}/metal"))
    assert f'value="{company}"' in page  # offered in the list of registered companies
    response = post(officer, services, "metal", "/prospects",
                    {"company_id": str(company), "export_potential": "Good at machining."})
    assert response.status_code == 303
    assert prospect(services, "metal", "Talleres Pas")["company_id"] == str(company)


def test_a_prospect_without_a_note_is_refused_before_registering_anyone(
        officer: FlaskClient, services: Services, proposed: str) -> None:
    before = events(services)
    response = post(officer, services, "metal", "/prospects", {
        "company_name": "Aceros Besaya", "tax_id": "ESB39000001", "employees": "85",
        "summary": "Heavy steel structures.", "export_potential": "  "})
    assert response.status_code == 422
    assert "Please fill in the note on export potential." in page_text(response)
    assert events(services) == before


def test_the_officer_records_capabilities(officer: FlaskClient, services: Services,
                                          proposed: str) -> None:
    membership = identified(services, "metal", 1)[0]
    response = post(officer, services, "metal", f"/prospects/{membership}/capabilities", {
        "stages": ["design", "engineering"], "products": "Hull blocks\nPressure vessels",
        "certifications": "ISO 9001, 2030-01-01\nEN 1090", "capacity": "1,200 t a year"},
        membership=membership)
    assert response.status_code == 303
    row = prospect(services, "metal", "Firm 1")
    assert row["stages"] == ["design", "engineering"]
    assert row["products"] == ["Hull blocks", "Pressure vessels"]
    assert {"name": "ISO 9001", "expires_on": "2030-01-01"} in row["certificates"]


def test_capabilities_without_a_stage_are_refused(officer: FlaskClient, services: Services,
                                                  proposed: str) -> None:
    membership = identified(services, "metal", 1)[0]
    before = events(services)
    response = post(officer, services, "metal", f"/prospects/{membership}/capabilities",
                    {"capacity": "a lot"}, membership=membership)
    assert response.status_code == 422
    assert "Declare at least one value-chain stage" in page_text(response)
    assert events(services) == before


def test_join_and_decline_decisions(officer: FlaskClient, services: Services,
                                    proposed: str) -> None:
    joining, declining = identified(services, "metal", 2)
    assert post(officer, services, "metal", f"/prospects/{joining}/decision",
                {"decision": "join", "agreement": "MA-2025-01.pdf", "tier": "standard"},
                membership=joining).status_code == 303
    assert post(officer, services, "metal", f"/prospects/{declining}/decision",
                {"decision": "decline", "reason": "No capacity this year"},
                membership=declining).status_code == 303
    assert prospect(services, "metal", "Firm 1")["status"] == "joined"
    assert prospect(services, "metal", "Firm 2")["status"] == "declined"


def test_joining_in_a_tier_the_fee_schedule_lacks_is_refused(
        officer: FlaskClient, services: Services, proposed: str) -> None:
    membership = identified(services, "metal", 1)[0]
    services.marketplace.adopt_rules(formation(services, "metal")["consortium_id"], rules())
    before = events(services)
    response = post(officer, services, "metal", f"/prospects/{membership}/decision",
                    {"decision": "join", "agreement": "MA.pdf", "tier": "gold"},
                    membership=membership)
    assert response.status_code == 422
    assert "There is no member tier 'gold'" in page_text(response)
    assert events(services) == before


# Meetings


def test_planning_and_holding_a_meeting_records_attendance(
        officer: FlaskClient, services: Services, proposed: str) -> None:
    identified(services, "metal", 3)
    assert post(officer, services, "metal", "/meetings",  # the clock's day: held today
                {"on": "2025-03-03", "topic": "Why export together"}).status_code == 303
    meeting = formation(services, "metal")["meetings"][0]
    assert not meeting["held"]
    came = [prospect(services, "metal", name)["company_id"] for name in ("Firm 1", "Firm 2")]
    assert post(officer, services, "metal", f"/meetings/{meeting['meeting_id']}/held",
                {"attendees": came}).status_code == 303
    assert prospect(services, "metal", "Firm 1")["meetings_attended"] == 1
    assert prospect(services, "metal", "Firm 3")["meetings_attended"] == 0
    page = page_text(officer.get(f"{BASE}/metal"))
    assert "Held, with 2 attendees:" in page and "Firm 1, Firm 2" in page


def test_a_meeting_without_a_day_and_a_meeting_held_twice_are_refused(
        officer: FlaskClient, services: Services, proposed: str) -> None:
    consortium = formation(services, "metal")["consortium_id"]
    meeting = services.marketplace.plan_meeting(consortium, formation(
        services, "metal")["proposed_at"].date(), "Kick-off")
    (firm,) = identified(services, "metal", 1)
    services.marketplace.hold_meeting(consortium, meeting, [
        prospect(services, "metal", "Firm 1")["company_id"]])
    assert firm
    before = events(services)
    undated = post(officer, services, "metal", "/meetings", {"on": "soon", "topic": "Later"})
    assert undated.status_code == 422
    assert "The meeting's day must be a date (YYYY-MM-DD)." in page_text(undated)
    again = post(officer, services, "metal", f"/meetings/{meeting}/held")
    assert again.status_code == 422
    assert "This meeting has already been recorded as held" in page_text(again)
    assert events(services) == before


# The capability matrix


def test_the_heat_map_marks_stages_no_joined_member_covers(
        officer: FlaskClient, services: Services) -> None:
    form_consortium(services.marketplace, publish=False)  # no one offers maintenance
    page = page_text(officer.get(f"{BASE}/metal"))
    assert "Gaps: Maintenance." in page
    assert 'data-stage="maintenance"' in page and "is-gap" in page
    assert "covers Design" in page and "does not cover Maintenance" in page
    assert post(officer, services, "metal", "/capabilities").status_code == 303
    consortium = services.marketplace.get_consortium(formation(services, "metal")["consortium_id"])
    assert consortium.gaps == ["maintenance"]


def test_prospects_who_have_not_joined_leave_their_stages_as_gaps(
        officer: FlaskClient, services: Services, proposed: str) -> None:
    membership = identified(services, "metal", 1)[0]
    services.marketplace.declare_capabilities(membership, stages=["design"], products=[],
                                              certifications=[], capacity="20 t")
    page = page_text(officer.get(f"{BASE}/metal"))
    assert "Gaps: Design, Engineering, Manufacturing" in page
    assert "+1 prospect" in page
