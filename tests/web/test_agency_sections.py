"""The formation page keeps the officer's place: each section has its anchor and a link at
the top, a save goes back to its section and says "Saved." there, prospects are listed
once, and what was recorded (manager, agreement, decline reason) is shown."""

from __future__ import annotations

import io
import re

from flask.testing import FlaskClient

from marketplace.bootstrap import Services
from tests import documents
from tests.conftest import START
from tests.web.agency_helpers import BASE, formation, identified, page_text, post, text_of
from web.workspace.agency.placing import SECTIONS, section_of

pytest_plugins = ("tests.web.agency_fixtures",)

FORMATION_SECTIONS = ("prospects", "meetings", "matrix", "funding", "governance", "establish")


def _section(page: str, section: str) -> str:
    """The HTML of one section of the page."""
    found = re.search(rf'<section id="{section}"[^>]*>(.*?)</section>', page, re.S)
    assert found, f"no section {section}"
    return found.group(1)


def _header(page: str) -> str:
    return page.split('<section id="prospects"', 1)[0]


def test_each_section_has_its_anchor_and_a_link_at_the_top(
        officer: FlaskClient, proposed: str) -> None:
    page = text_of(officer.get(f"{BASE}/{proposed}"))
    for section in FORMATION_SECTIONS:
        assert f'<section id="{section}"' in page
        assert f'<a href="#{section}">' in _header(page)
    # Every form's section is one of them.
    assert set(SECTIONS.values()) == set(FORMATION_SECTIONS)
    assert section_of("decision-3f0c") == "prospects" and section_of("correct-7") == "funding"
    assert section_of("offer-texts") == "establish"


def test_a_save_goes_back_to_its_section_and_says_saved_there(
        officer: FlaskClient, services: Services, proposed: str) -> None:
    granted = post(officer, services, proposed, "/funding/grants", {"amount": "1000"})
    assert granted.status_code == 303
    assert granted.headers["Location"] == f"{BASE}/{proposed}#funding"
    page = text_of(officer.get(granted.headers["Location"]))
    assert "Saved." in _section(page, "funding")
    assert "Saved." not in _header(page) and "Saved." not in _section(page, "prospects")
    # Shown once: the next visit says nothing.
    assert "Saved." not in text_of(officer.get(f"{BASE}/{proposed}"))

    [membership] = identified(services, proposed, 1)
    decided = post(officer, services, proposed, f"/prospects/{membership}/decision",
                   {"decision": "join", "agreement": "MA-2025-01.pdf", "tier": "standard"},
                   membership=membership)
    assert decided.headers["Location"] == f"{BASE}/{proposed}#prospects"
    page = text_of(officer.get(decided.headers["Location"]))
    assert "Saved." in _section(page, "prospects") and "Saved." not in _header(page)


def test_with_htmx_saved_shows_in_the_section_of_the_form(
        officer: FlaskClient, services: Services, proposed: str) -> None:
    answer = post(officer, services, proposed, "/manager",
                  {"manager_name": "Ana Ruiz", "manager_email": "ana@example.com"},
                  **{"HX-Request": "true"})
    assert answer.status_code == 200
    # htmx scrolls to the section after the swap, as the #anchor does without it.
    assert answer.headers["HX-Reswap"] == "outerHTML show:#governance:top"
    body = text_of(answer)
    assert "Saved." in _section(body, "governance") and "Saved." not in _header(body)


def test_the_meeting_page_says_saved_beside_the_minutes(
        officer: FlaskClient, services: Services, proposed: str) -> None:
    app = services.marketplace
    [membership] = identified(services, proposed, 1)
    consortium = formation(services, proposed)["consortium_id"]
    company = formation(services, proposed)["prospects"][0]["company_id"]
    meeting = app.plan_meeting(consortium, START.date(), "Kick-off", starts="10:00",
                               time_zone="Europe/Madrid", duration_minutes=30,
                               place="Santander", invited=[membership])
    app.hold_meeting(consortium, meeting, [company])
    url = f"{BASE}/{proposed}/meetings/{meeting}"
    version = re.search(r'name="version" value="(\d+)"', text_of(officer.get(url)))
    assert version
    sent = officer.post(f"{url}/minutes", data={
        "version": version.group(1), "minutes": (io.BytesIO(documents.PDF), "acta.pdf")},
        content_type="multipart/form-data")
    assert sent.status_code == 303 and sent.headers["Location"] == f"{url}#minutes"
    shown = text_of(officer.get(url))
    assert "Saved." in _section(shown, "minutes")
    assert "Saved." not in shown.split('<section id="minutes"', 1)[0]


def test_prospects_are_listed_once_with_their_details_in_the_same_list(
        officer: FlaskClient, services: Services, proposed: str) -> None:
    memberships = identified(services, proposed, 3)
    section = _section(text_of(officer.get(f"{BASE}/{proposed}")), "prospects")
    table = section.split("<table", 1)[1].split("</table>", 1)[0]
    for n, membership in enumerate(memberships, start=1):
        # One row names the firm; its details (and forms) fold open beneath it.
        assert section.count(f">Firm {n}</a>") == 1
        assert f'<details id="prospect-{membership}"' in table
        assert f"<summary>Firm {n}" not in section
    assert section.count("<details") == 3


def test_what_was_recorded_is_shown_manager_agreement_and_decline_reason(
        officer: FlaskClient, services: Services, proposed: str) -> None:
    joining, declining = identified(services, proposed, 2)
    post(officer, services, proposed, f"/prospects/{joining}/decision",
         {"decision": "join", "agreement": "MA-2025-01.pdf", "tier": "standard"},
         membership=joining)
    post(officer, services, proposed, f"/prospects/{declining}/decision",
         {"decision": "decline", "reason": "No capacity this year"}, membership=declining)
    post(officer, services, proposed, "/manager",
         {"manager_name": "Ana Ruiz", "manager_email": "ana@example.com"})

    page = page_text(officer.get(f"{BASE}/{proposed}"))
    prospects = _section(page, "prospects")
    joined = prospects.split(f'<details id="prospect-{joining}"', 1)[1].split("</details>")[0]
    assert "Member agreement recorded at joining" in joined and "MA-2025-01.pdf" in joined
    row = re.search(r">Firm 2</a></th>\s*<td>(.*?)</td>", prospects, re.S)
    assert row and "Declined" in row.group(1) and "Reason: No capacity this year" in row.group(1)
    assert "Ana Ruiz was appointed manager on" in _section(page, "governance")

    officer.get("/language/de")
    german = page_text(officer.get(f"{BASE}/{proposed}"))
    assert "Grund: No capacity this year" in german
    assert "Ana Ruiz wurde am" in german and "zum Konsortialmanager ernannt" in german
