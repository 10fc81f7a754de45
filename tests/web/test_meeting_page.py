"""A meeting's page: refusals in the reader's language, auditors read and download, and a
meeting planned with a day only has no calendar file."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from flask.testing import FlaskClient

from marketplace.bootstrap import Services
from tests import documents
from tests.conftest import START
from tests.web.agency_helpers import BASE, formation, identified, page_text, post
from tests.web.signin import sign_in

pytest_plugins = ("tests.web.agency_fixtures",)

INVITATION = {"on": "2025-03-10", "topic": "Kick-off", "starts": "10:00",
              "time_zone": "Europe/Madrid", "duration_minutes": "60", "place": "Santander",
              "video_link": ""}


def test_a_refusal_is_worded_in_the_page_s_language_and_keeps_the_form(
        officer: FlaskClient, services: Services, proposed: str) -> None:
    [membership] = identified(services, proposed, 1)
    officer.get("/language/es")
    answer = post(officer, services, proposed, "/meetings",
                  {**INVITATION, "time_zone": "Europa/Santander", "invited": [membership],
                   "duration_minutes": "noventa"})
    assert answer.status_code == 422
    assert "número" in page_text(answer) or "minutos" in page_text(answer)
    answer = post(officer, services, proposed, "/meetings",
                  {**INVITATION, "time_zone": "Europa/Santander", "invited": [membership]})
    text = page_text(answer)
    assert answer.status_code == 422
    assert "no es una zona horaria" in text and 'value="Europa/Santander"' in text
    assert formation(services, proposed)["meetings"] == []


def test_an_auditor_reads_the_meeting_and_downloads_its_files_but_changes_nothing(
        client: FlaskClient, services: Services, proposed: str) -> None:
    app = services.marketplace
    [membership] = identified(services, proposed, 1)
    consortium = formation(services, proposed)["consortium_id"]
    company = formation(services, proposed)["prospects"][0]["company_id"]
    meeting = app.plan_meeting(consortium, START.date(), "Kick-off", starts="10:00",
                               time_zone="Atlantic/Canary", duration_minutes=30,
                               video_link="https://meet.example/k", invited=[membership])
    app.hold_meeting(consortium, meeting, [company])
    sha256 = app.attach_minutes(consortium, meeting, ("acta.pdf", io.BytesIO(documents.PDF)))
    sign_in(client, services, "auditor")
    page = page_text(client.get(f"{BASE}/{proposed}/meetings/{meeting}"))
    assert "https://meet.example/k" in page and "acta.pdf" in page
    assert "<form" not in page.split("<main", 1)[-1].split("</main>")[0]
    ics = client.get(f"{BASE}/{proposed}/meetings/{meeting}/invitation.ics")
    assert ics.status_code == 200 and b"TZID=Atlantic/Canary" in ics.get_data()
    minutes = client.get(f"{BASE}/{proposed}/meetings/{meeting}/minutes/{sha256}")
    assert minutes.get_data() == documents.PDF
    assert client.get(f"{BASE}/{proposed}/meetings/{meeting}/minutes/{'0' * 64}"
                      ).status_code == 404


@pytest.mark.parametrize("path", ["", "/invitation.ics"])
def test_an_unknown_meeting_is_not_found(officer: FlaskClient, proposed: str,
                                         path: str) -> None:
    assert officer.get(f"{BASE}/{proposed}/meetings/not-a-meeting{path}").status_code == 404


def test_a_meeting_with_a_day_only_has_no_calendar_file(
        officer: FlaskClient, services: Services, proposed: str) -> None:
    consortium = formation(services, proposed)["consortium_id"]
    meeting = services.marketplace.plan_meeting(consortium, START.date() + timedelta(days=1),
                                                "Later")
    page = page_text(officer.get(f"{BASE}/{proposed}/meetings/{meeting}"))
    assert "no invitation for a calendar" in page
    assert officer.get(f"{BASE}/{proposed}/meetings/{meeting}/invitation.ics"
                       ).status_code == 404


def test_the_minutes_show_in_the_consortium_s_documents_area_for_its_manager(
        client: FlaskClient, services: Services, proposed: str) -> None:
    app = services.marketplace
    identified(services, proposed, 1)
    consortium = formation(services, proposed)["consortium_id"]
    company = formation(services, proposed)["prospects"][0]["company_id"]
    meeting = app.plan_meeting(consortium, START.date(), "Kick-off of the consortium")
    app.hold_meeting(consortium, meeting, [company])
    sha256 = app.attach_minutes(consortium, meeting, ("acta.pdf", io.BytesIO(documents.PDF)))
    sign_in(client, services, "manager", consortium)
    area = page_text(client.get(f"/workspace/desk/consortia/{consortium}/documents"))
    link = f"/workspace/desk/consortia/{consortium}/minutes/{meeting}/{sha256}"
    assert "Kick-off of the consortium" in area and link in area and "acta.pdf" in area
    assert client.get(link).get_data() == documents.PDF
    assert client.get(link.replace(sha256, "0" * 64)).status_code == 404
    other = client.get(f"/workspace/desk/consortia/{consortium}/minutes/{meeting}/{sha256}"
                       .replace(consortium, "00000000-0000-4000-8000-000000000000"))
    assert other.status_code in (403, 404)
