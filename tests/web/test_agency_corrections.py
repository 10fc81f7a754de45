"""The agency's screens enforce the seed's rules and offer corrections (issue 12).

The programme cap, the offer's covered stages, meetings held or cancelled, and the
correction forms of grants, disbursements and attendance; refusals in the page's language.
"""

from __future__ import annotations

from flask.testing import FlaskClient

from marketplace.bootstrap import Services
from tests.story import METAL, eur, form_consortium
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

pytest_plugins = ("tests.web.agency_fixtures",)

PROPOSAL = {"name": "Cantabria Agrifood", "slug": "agrifood", "sector_nace": "10",
            "sector_name": "Food products", "region": "ES-CB", "agency": "SODERCAN"}


# Programme cap


def test_a_cap_above_the_programme_cap_is_refused(officer: FlaskClient,
                                                  services: Services) -> None:
    before = events(services)
    response = officer.post(f"{BASE}/", data={**PROPOSAL, "programme_cap": "900000"})
    assert response.status_code == 422
    assert ("A consortium's cap of €900,000.00 would pass the programme cap of €700,000.00"
            in page_text(response))
    assert events(services) == before


def test_domain_refusals_on_the_agency_pages_are_in_spanish(officer: FlaskClient,
                                                            services: Services) -> None:
    spanish = {"Accept-Language": "es"}
    response = officer.post(f"{BASE}/", data={**PROPOSAL, "programme_cap": "900000"},
                            headers=spanish)
    assert response.status_code == 422
    page = page_text(response)
    assert "superaría el límite del programa de" in page
    assert "would pass the programme cap" not in page
    services.marketplace.propose_consortium(slug="metal", name="Metal", agency="SODERCAN",
                                            region="ES-CB", sector=METAL)
    taken = officer.post(f"{BASE}/", data={**PROPOSAL, "slug": "metal"}, headers=spanish)
    assert taken.status_code == 422
    assert "El nombre corto 'metal' ya está en uso" in page_text(taken)
    early = post(officer, services, "metal", "/establish", **spanish)
    assert early.status_code == 422
    assert "podrá constituirse cuando: se nombre un gerente, se adopten las normas" in \
        page_text(early)


# Offer


def test_an_offer_of_an_uncovered_stage_is_refused_by_its_name(officer: FlaskClient,
                                                               services: Services) -> None:
    form_consortium(services.marketplace, "metal", publish=False)
    before = events(services)
    response = post(officer, services, "metal", "/offer",
                    {"stages": ["design", "maintenance"], "summary": "Steel structures."})
    assert response.status_code == 422
    assert "The offer cannot include Maintenance: no joined member covers it" in \
        page_text(response)
    assert events(services) == before


# Meetings


def test_a_meeting_is_not_held_before_its_day_nor_by_nobody(officer: FlaskClient,
                                                            services: Services,
                                                            proposed: str) -> None:
    identified(services, "metal", 2)
    assert post(officer, services, "metal", "/meetings",
                {"on": "2025-04-20", "topic": "Next month"}).status_code == 303
    meeting = formation(services, "metal")["meetings"][0]["meeting_id"]
    firm = prospect(services, "metal", "Firm 2")["company_id"]
    before = events(services)
    early = post(officer, services, "metal", f"/meetings/{meeting}/held", {"attendees": [firm]})
    assert early.status_code == 422
    assert "can be recorded as held from that day on" in page_text(early)
    assert f'value="{firm}" checked' in text_of(early)  # the ticks stay as typed
    assert post(officer, services, "metal", "/meetings",
                {"on": "2025-03-03", "topic": "Today"}).status_code == 303
    today = next(m["meeting_id"] for m in formation(services, "metal")["meetings"]
                 if m["topic"] == "Today")
    before = events(services)
    nobody = post(officer, services, "metal", f"/meetings/{today}/held")
    assert nobody.status_code == 422
    assert "a meeting that nobody attended is cancelled, not held" in page_text(nobody)
    assert events(services) == before


def test_a_meeting_that_did_not_happen_is_cancelled_on_screen(officer: FlaskClient,
                                                              services: Services,
                                                              proposed: str) -> None:
    assert post(officer, services, "metal", "/meetings",
                {"on": "2025-03-03", "topic": "Kick-off"}).status_code == 303
    meeting = formation(services, "metal")["meetings"][0]["meeting_id"]
    page = page_text(officer.get(f"{BASE}/metal"))
    assert "Cancel the meeting" in page
    blank = post(officer, services, "metal", f"/meetings/{meeting}/cancel", {"reason": " "})
    assert blank.status_code == 422
    assert post(officer, services, "metal", f"/meetings/{meeting}/cancel",
                {"reason": "The venue flooded"}).status_code == 303
    page = page_text(officer.get(f"{BASE}/metal"))
    assert "Cancelled: The venue flooded" in page
    assert "Record the meeting as held" not in page


# Corrections


def test_the_officer_corrects_a_grant_and_a_disbursement(officer: FlaskClient,
                                                         services: Services,
                                                         proposed: str) -> None:
    consortium = formation(services, "metal")["consortium_id"]
    services.marketplace.grant_seed_funding(consortium, eur("250"))
    services.marketplace.disburse_seed_funding(consortium, eur("100"), "Notary")
    grant, paid = (line["version"] for line in formation(services, "metal")["ledger"])
    page = page_text(officer.get(f"{BASE}/metal"))
    assert "Correct this grant" in page and "Correct this disbursement" in page
    assert post(officer, services, "metal", f"/funding/{grant}/correction",
                {"amount": "250000", "reason": "Typed in Spanish"}).status_code == 303
    over = post(officer, services, "metal", f"/funding/{paid}/correction",
                {"amount": "250000.01", "reason": "Typo"})
    assert over.status_code == 422
    assert 'value="250000.01"' in text_of(over) and 'value="Typo"' in text_of(over)
    assert post(officer, services, "metal", f"/funding/{paid}/correction",
                {"amount": "1000", "reason": "Receipt says 1,000"}).status_code == 303
    funding = formation(services, "metal")["funding"]
    assert (funding["granted"], funding["disbursed"]) == (250000, 1000)
    page = page_text(officer.get(f"{BASE}/metal"))
    assert "Corrected on" in page and "from €250.00 to €250,000.00" in page
    assert "Reason: Receipt says 1,000" in page
    assert post(officer, services, "metal", "/funding/999/correction",
                {"amount": "1", "reason": "x"}).status_code == 404


def test_the_officer_corrects_a_meetings_attendance(officer: FlaskClient, services: Services,
                                                    proposed: str) -> None:
    identified(services, "metal", 2)
    consortium = formation(services, "metal")["consortium_id"]
    first, second = (prospect(services, "metal", n)["company_id"] for n in ("Firm 1", "Firm 2"))
    app = services.marketplace
    meeting = app.plan_meeting(consortium, app.clock.now().date(), "Kick-off")
    app.hold_meeting(consortium, meeting, [first])
    assert post(officer, services, "metal", f"/meetings/{meeting}/attendance",
                {"attendees": [first, second], "reason": "Firm 2 signed late"}
                ).status_code == 303
    page = page_text(officer.get(f"{BASE}/metal"))
    assert "Held, with 2 attendees:" in page
    assert "first recorded as Firm 1; now Firm 1, Firm 2. Reason: Firm 2 signed late" in page
    assert prospect(services, "metal", "Firm 2")["meetings_attended"] == 1


def test_an_auditor_sees_the_corrections_and_cannot_make_one(client: FlaskClient,
                                                             services: Services,
                                                             proposed: str) -> None:
    consortium = formation(services, "metal")["consortium_id"]
    services.marketplace.grant_seed_funding(consortium, eur("250"))
    (grant,) = (line["version"] for line in formation(services, "metal")["ledger"])
    services.marketplace.correct_grant(consortium, grant, eur("2500"), "Typo")
    sign_in(client, services, "auditor")
    page = page_text(client.get(f"{BASE}/metal"))
    assert "from €250.00 to €2,500.00" in page and "Correct this grant" not in page
    before = events(services)
    assert post(client, services, "metal", f"/funding/{grant}/correction",
                {"amount": "25", "reason": "x"}).status_code == 403
    assert events(services) == before
