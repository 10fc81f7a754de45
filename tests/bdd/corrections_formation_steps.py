"""Steps of features/corrections.feature for formation: the officer corrects a grant and a
meeting's attendance on the agency's screens; the auditor reads both on the audit screens.

Imported by tests/bdd/test_corrections.py (`import *`). The Background's auditor, the
`screens` fixture (one Flask app per scenario) and the auditor's history steps are shared
with the other parts' scenarios of the feature.
"""

from __future__ import annotations

import html
import re
from typing import Any
from uuid import UUID

import pytest
from flask import Flask
from flask.testing import FlaskClient
from pytest_bdd import given, parsers, then, when

from marketplace.bootstrap import Services
from tests.bdd.support import Cast, names
from tests.web.agency_helpers import formation, post
from tests.web.conftest import TEST_CONFIG
from tests.web.signin import sign_in
from web import create_app

AUDIT = "/workspace/audit"


@pytest.fixture
def screens(services: Services) -> Flask:
    """The web application the scenario's people use."""
    return create_app(services=services, config=TEST_CONFIG)


@pytest.fixture
def officer(screens: Flask, services: Services) -> FlaskClient:
    client = screens.test_client()
    sign_in(client, services, "officer")
    return client


@pytest.fixture
def seen() -> dict[str, Any]:
    """What a step saw, for a later one."""
    return {}


def _text(response: Any) -> str:
    return html.unescape(response.get_data(as_text=True))


def _done(response: Any) -> None:
    assert response.status_code == 303, _text(response)[:3000]


def _amount(typed: str) -> str:
    """'EUR 250,000' as the officer types it on an English screen: 250000."""
    return typed.removeprefix("EUR ").replace(",", "")


# Background


@given("the auditor is signed in", target_fixture="auditor")
def auditor_signed_in(screens: Flask, services: Services) -> FlaskClient:
    client = screens.test_client()
    sign_in(client, services, "auditor")
    return client


# The auditor (any correction)


@when(parsers.parse("the auditor opens the {slug} consortium's history"))
def open_history(auditor: FlaskClient, cast: Cast, seen: dict[str, Any], slug: str) -> None:
    response = auditor.get(f"{AUDIT}/aggregates/{cast.consortia[slug]}")
    assert response.status_code == 200
    seen["history"] = _text(response)


def _entries(history: str, event: str) -> list[str]:
    """The history's entries of one event type, each up to the next entry."""
    parts = re.split(r"(?=Version \d+: )", history)
    return [part for part in parts if part.startswith("Version ") and f": {event}<" in part]


def _recorded_by_officer(entry: str) -> None:
    # The officer's account, by name, its history one click away.
    assert re.search(r'caused by <a href="/workspace/audit/aggregates/[0-9a-f-]+" '
                     r'title="[0-9a-f-]+">[^<]+</a> \(officer\)', entry), entry[:1500]


# Grants


@given(parsers.parse("the officer granted {typed} of seed funding on the formation screen, "
                     "meaning {meant}"))
def granted_on_screen(officer: FlaskClient, services: Services, typed: str, meant: str) -> None:
    _done(post(officer, services, "metal", "/funding/grants", {"amount": _amount(typed)}))


@when(parsers.parse('the officer corrects that grant to {amount} because "{reason}"'))
def correct_grant(officer: FlaskClient, services: Services, seen: dict[str, Any], amount: str,
                  reason: str) -> None:
    (grant,) = [line for line in formation(services, "metal")["ledger"]
                if line["kind"] == "granted"]
    seen["grant_version"] = grant["version"]
    _done(post(officer, services, "metal", f"/funding/{grant['version']}/correction",
               {"amount": _amount(amount), "reason": reason}))


@then(parsers.parse("the formation screen shows {amount} granted"))
def screen_shows_granted(officer: FlaskClient, amount: str) -> None:
    page = _text(officer.get("/workspace/agency/metal"))
    shown = re.search(r'id="funding-granted">([^<]+)<', page)
    assert shown is not None and shown.group(1) == amount.replace("EUR ", "€")


@then(parsers.parse('the ledger shows the grant of {was} corrected to {now} because "{reason}"'))
def ledger_shows_correction(officer: FlaskClient, was: str, now: str, reason: str) -> None:
    page = _text(officer.get("/workspace/agency/metal"))
    was, now = was.replace("EUR ", "€"), now.replace("EUR ", "€")
    assert f"<del>{was}</del>" in page and f"<ins>{now}</ins>" in page
    assert re.search(rf"Corrected on [^<]+ from {re.escape(was)} to {re.escape(now)}\. "
                     rf"Reason: {re.escape(reason)}", page)


@then("the auditor sees the grant and its correction, each recorded by the officer")
def auditor_sees_grant(seen: dict[str, Any]) -> None:
    (granted,) = _entries(seen["history"], "Consortium.SeedFundingGranted")
    (corrected,) = _entries(seen["history"], "Consortium.SeedFundingGrantCorrected")
    _recorded_by_officer(granted)
    _recorded_by_officer(corrected)
    seen["correction"] = corrected


@then(parsers.parse('the correction names the grant it corrects and says "{reason}"'))
def correction_names_grant(auditor: FlaskClient, seen: dict[str, Any], reason: str) -> None:
    link = re.search(r'href="/workspace/audit/events/(\d+)"', seen["correction"])
    assert link is not None
    event = _text(auditor.get(f"{AUDIT}/events/{link.group(1)}"))
    assert reason in event
    assert re.search(rf"corrects</(?:dt|th)>\s*<(?:dd|td)[^>]*>\s*{seen['grant_version']}\s*<",
                     event), event[:4000]


# Meetings


@given(parsers.parse("the officer recorded today's introductory meeting as held with "
                     "{listed} attending"))
def meeting_held_on_screen(officer: FlaskClient, services: Services, cast: Cast,
                           listed: str) -> None:
    app = services.marketplace
    meeting = app.plan_meeting(cast.consortia["metal"], app.clock.now().date(),
                               "Why export together")
    cast.meetings.append(meeting)
    _done(post(officer, services, "metal", f"/meetings/{meeting}/held",
               {"attendees": [str(cast.companies[n]) for n in names(listed)]}))


@when(parsers.parse("the officer corrects the meeting's attendance to {listed} "
                    'because "{reason}"'))
def correct_attendance(officer: FlaskClient, services: Services, cast: Cast, listed: str,
                       reason: str) -> None:
    _done(post(officer, services, "metal", f"/meetings/{cast.meetings[-1]}/attendance",
               {"attendees": [str(cast.companies[n]) for n in names(listed)],
                "reason": reason}))


def _meeting(officer: FlaskClient, meeting: UUID) -> str:
    page = _text(officer.get("/workspace/agency/metal"))
    found = re.search(rf'<article class="meeting" id="meeting-{meeting}">(.*?)</article>',
                      page, re.S)
    assert found is not None
    return found.group(1)


@then(parsers.parse("the meeting shows {count:d} attendees: {listed}"))
def meeting_shows(officer: FlaskClient, cast: Cast, count: int, listed: str) -> None:
    shown = _meeting(officer, cast.meetings[-1])
    assert f"Held, with {count} attendees:" in shown
    assert re.search(rf"attendees:</?\w*>?\s*{re.escape(listed)}", shown) or listed in shown


@then(parsers.parse('"{company}" has attended {count:d} meeting'))
def has_attended(services: Services, company: str, count: int) -> None:
    (found,) = [p for p in formation(services, "metal")["prospects"]
                if p["company_name"] == company]
    assert found["meetings_attended"] == count


@then(parsers.parse("the meeting shows it was first recorded with {listed} alone"))
def first_recorded(officer: FlaskClient, cast: Cast, listed: str) -> None:
    shown = _meeting(officer, cast.meetings[-1])
    assert re.search(rf"first recorded as {re.escape(listed)}; now ", shown), shown


@then("the auditor sees the meeting held and its attendance corrected, each recorded by the "
      "officer")
def auditor_sees_attendance(seen: dict[str, Any]) -> None:
    (held,) = _entries(seen["history"], "Consortium.MeetingHeld")
    (corrected,) = _entries(seen["history"], "Consortium.MeetingAttendanceCorrected")
    _recorded_by_officer(held)
    _recorded_by_officer(corrected)
