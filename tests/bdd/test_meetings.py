"""Steps of features/meetings.feature: the officer's meeting through the screens, the mails
with their calendar files, on SQLite and on PostgreSQL.

The officer's browser fills in the forms as the pages show them (hidden fields and
choices read from the HTML); the post is the outbox, sent through a transport that keeps
every mail, and each .ics is read back with the icalendar library.
"""

from __future__ import annotations

import hashlib
import html
import io
import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from email.message import EmailMessage
from typing import Any
from uuid import UUID

import pytest
from babel.dates import format_date
from flask import Flask
from flask.testing import FlaskClient
from icalendar import Calendar
from pytest_bdd import given, parsers, scenarios, then, when
from werkzeug.test import TestResponse

from domain.consortium import Consortium
from marketplace.bootstrap import Services
from tests import documents
from tests.bdd.exchange_world import Post
from tests.bdd.support import log_position
from tests.story import METAL
from tests.web.conftest import TEST_CONFIG
from tests.web.signin import PASSWORD, sign_in
from web import create_app

scenarios("meetings.feature")

BASE = "/workspace/agency"
SLUG = "santander-metal"
LANGUAGES = {"Spanish": "es", "French": "fr", "English": "en"}
# What each language calls the mails, in their subjects.
INVITED = {"es": "convocatoria a una reunión el", "fr": "invitation à une réunion le",
           "en": "invitation to a meeting on"}
CANCELLED = {"es": "se anula la reunión del", "fr": "la réunion du", "en": "the meeting on"}
MINUTES = documents.PDF.replace(b"%%EOF", b"% Acta de la reunion del 10 de marzo\n%%EOF")


def _address(person: str) -> str:
    return f"{person.lower().replace(' ', '.').replace('ó', 'o')}@people.example"


@dataclass
class World:
    """The officer's browser, the consortium, who is who, and the post."""

    services: Services
    client: FlaskClient
    post: Post
    consortium: UUID | None = None
    firms: dict[str, tuple[UUID, UUID]] = field(default_factory=dict)  # company, membership
    languages: dict[str, str] = field(default_factory=dict)  # person -> language
    meeting: str = ""
    last: TestResponse | None = None
    mail: EmailMessage | None = None
    refusals: list[tuple[int, int]] = field(default_factory=list)  # log before, after

    def formation_page(self) -> str:
        answer = self.client.get(f"{BASE}/{SLUG}")
        assert answer.status_code == 200
        return answer.get_data(as_text=True)

    def meeting_page(self) -> str:
        answer = self.client.get(f"{BASE}/{SLUG}/meetings/{self.meeting}")
        assert answer.status_code == 200, answer.status_code
        return html.unescape(answer.get_data(as_text=True))

    def submit(self, page: str, action: str, data: dict[str, Any], **options: Any) -> str:
        """Send the form posting to `action` with its hidden fields and the typed values."""
        form = re.search(rf'<form[^>]*action="{re.escape(action)}"[^>]*>(.*?)</form>', page,
                         re.S)
        assert form, f"the page has no form for {action}"
        hidden = dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)">',
                                 form.group(1)))
        self.last = self.client.post(action, data={**hidden, **data}, **options)
        return html.unescape(self.last.get_data(as_text=True))


@pytest.fixture
def world(services: Services) -> World:
    site: Flask = create_app(services=services, config=TEST_CONFIG)
    post = Post(services)
    services.outbox.transport = post.kept
    return World(services, site.test_client(), post)


def _choice(page: str, name: str, label: str) -> str:
    found = re.search(rf'name="{name}" value="([^"]+)"[^>]*> {re.escape(label)}</label>', page)
    assert found, f"no {name} choice labelled {label}"
    return found.group(1)


def _calendar(mail: EmailMessage) -> tuple[str, Calendar]:
    """The one .ics a mail carries: its content type's method, and the calendar read back."""
    [attached] = [a for a in mail.iter_attachments()
                  if a.get_content_type() == "text/calendar"]
    assert attached.get_filename() == "invitation.ics"
    data = attached.get_payload(decode=True)
    return str(attached.get_param("method")), Calendar.from_ical(data)


def _event(cal: Calendar) -> Any:
    [event] = cal.walk("VEVENT")
    return event


# Given


@given(parsers.re(r'the consortium "(?P<name>[^"]+)" with the prospects (?P<listed>.+)'))
def consortium(world: World, name: str, listed: str) -> None:
    app = world.services.marketplace
    world.consortium = app.propose_consortium(slug=SLUG, name=name, agency="SODERCAN",
                                              region="ES-CB", sector=METAL)
    for n, firm in enumerate(re.findall(r'"([^"]+)"', listed)):
        company = app.register_company(tax_id=f"ESB3950000{n}", name=firm, region="ES-CB",
                                       sector=METAL, employees=30 + n,
                                       summary="Steelwork for ships and plants.")
        membership = app.identify_prospect(world.consortium, company, "Exports already.")
        world.firms[firm] = (company, membership)


@given(parsers.parse('{person} acts for "{firm}" and reads {language}'))
def member_user(world: World, person: str, firm: str, language: str) -> None:
    world.services.marketplace.invite_account(
        name=person, email=_address(person), grants=[("member", str(world.firms[firm][1]))],
        language=LANGUAGES[language])
    world.languages[person] = LANGUAGES[language]


@given(parsers.parse("{person} manages the consortium"))
def manager(world: World, person: str) -> None:
    world.services.marketplace.open_account(
        name=person, email=_address(person), password=PASSWORD,
        grants=[("manager", str(world.consortium))])
    world.languages[person] = "en"


@given("I am signed in as an agency officer")
def officer(world: World) -> None:
    sign_in(world.client, world.services, "officer")


# When


def _plan(world: World, typed: dict[str, Any]) -> str:
    page = world.formation_page()
    values = {"on": "2025-03-10", "topic": "Why export together", "starts": "10:00",
              "time_zone": "Europe/Madrid", "duration_minutes": "60", "place": "Santander",
              "video_link": "", "invited": [_choice(page, "invited", "Aceros Besaya")]}
    return world.submit(page, f"{BASE}/{SLUG}/meetings", {**values, **typed})


def _planned(world: World) -> None:
    assert world.last is not None
    assert world.last.status_code == 303, world.last.get_data(as_text=True)[:2000]
    meetings = re.findall(rf'href="{BASE}/{SLUG}/meetings/([0-9a-f-]+)"', world.formation_page())
    assert len(meetings) == 1
    world.meeting = meetings[0]


@when(parsers.re(r"I plan a meeting on (?P<day>[\d-]+) at (?P<starts>[\d:]+) (?P<zone>\S+) for "
                 r"(?P<minutes>\d+) minutes (?:at \"(?P<place>[^\"]+)\"|by video at "
                 r"\"(?P<link>[^\"]+)\") about \"(?P<topic>[^\"]+)\", inviting (?P<listed>.+)"))
def plan(world: World, day: str, starts: str, zone: str, minutes: str, place: str | None,
         link: str | None, topic: str, listed: str) -> None:
    page = world.formation_page()
    invited = [_choice(page, "invited", firm) for firm in re.findall(r'"([^"]+)"', listed)]
    _plan(world, {"on": day, "starts": starts, "time_zone": zone, "duration_minutes": minutes,
                  "place": place or "", "video_link": link or "", "topic": topic,
                  "invited": invited})
    _planned(world)


@when(parsers.parse('I cancel the meeting because "{reason}"'))
def cancel(world: World, reason: str) -> None:
    page = world.formation_page()
    world.submit(page, f"{BASE}/{SLUG}/meetings/{world.meeting}/cancel", {"reason": reason})
    assert world.last is not None and world.last.status_code == 303


@when(parsers.parse('the day comes and I tick "{firm}" as present on the meeting\'s page'))
def tick(world: World, firm: str) -> None:
    world.services.marketplace.clock.advance(days=7)  # START is 2025-03-03, a Monday
    page = world.meeting_page()
    world.submit(page, f"{BASE}/{SLUG}/meetings/{world.meeting}/held",
                 {"attendees": [_choice(page, "attendees", firm)]})
    assert world.last is not None and world.last.status_code == 303


@when(parsers.parse('I attach the minutes "{name}" on the meeting\'s page'))
def attach(world: World, name: str) -> None:
    world.submit(world.meeting_page(), f"{BASE}/{SLUG}/meetings/{world.meeting}/minutes",
                 {"minutes": (io.BytesIO(MINUTES), name)}, content_type="multipart/form-data")
    assert world.last is not None
    assert world.last.status_code == 303, world.last.get_data(as_text=True)[:2000]


def _refused(world: World, typed: dict[str, Any]) -> None:
    before = log_position(world.services.marketplace)
    _plan(world, typed)
    world.refusals.append((before, log_position(world.services.marketplace)))


@when(parsers.parse('I plan a meeting at {starts} in the time zone "{zone}"'))
def plan_refused(world: World, starts: str, zone: str) -> None:
    _refused(world, {"starts": starts, "time_zone": zone})


@when(parsers.parse("I plan a meeting by video at a link of {length:d} characters"))
def plan_long_link(world: World, length: int) -> None:
    link = "https://meet.example/" + "x" * (length - len("https://meet.example/"))
    _refused(world, {"place": "", "video_link": link})


@when("the meeting was held and I attach a spreadsheet as its minutes")
def attach_spreadsheet(world: World) -> None:
    app = world.services.marketplace
    assert world.consortium is not None
    company = world.firms["Aceros Besaya"][0]
    world.meeting = str(app.plan_meeting(world.consortium, app.clock.now().date(), "Today"))
    app.hold_meeting(world.consortium, world.meeting, [company])
    before = log_position(app)
    world.submit(world.meeting_page(), f"{BASE}/{SLUG}/meetings/{world.meeting}/minutes",
                 {"minutes": (io.BytesIO(documents.XLSX), "acta.xlsx")},
                 content_type="multipart/form-data")
    world.refusals.append((before, log_position(app)))


# Then


def _received(world: World, kind: str, person: str) -> list[EmailMessage]:
    return world.post.received(kind, _address(person))


@then(parsers.parse("{person} receives a mail in {language} inviting her to the meeting of "
                    "{day}"))
def invited_mail(world: World, person: str, language: str, day: str) -> None:
    lang = LANGUAGES[language]
    assert world.languages[person] == lang
    [mail] = _received(world, "meeting_invitation", person)
    written = format_date(datetime.strptime(day, "%d %B %Y").date(), "long", locale=lang)
    assert f"{INVITED[lang]} {written}" in str(mail["Subject"]), mail["Subject"]
    body = mail.get_body(("plain",))
    assert body is not None and "10:00 (Europe/Madrid)" in body.get_content()
    world.mail = mail


@then(parsers.parse('the mail carries an invitation.ics asking to add the meeting at {starts} '
                    '{zone} for {minutes:d} minutes at "{place}"'))
def invitation_ics(world: World, starts: str, zone: str, minutes: int, place: str) -> None:
    assert world.mail is not None
    method, cal = _calendar(world.mail)
    assert method == "REQUEST" and str(cal["METHOD"]) == "REQUEST"
    event = _event(cal)
    assert str(event["UID"]) == f"meeting-{world.meeting}@export-consortia"
    assert event["DTSTART"].params["TZID"] == zone
    start = event.decoded("DTSTART")
    assert start.strftime("%H:%M") == starts and str(start.tzinfo) == zone
    assert event.decoded("DTEND") - start == timedelta(minutes=minutes)
    assert str(event["LOCATION"]) == place
    assert "Why export together" in str(event["SUMMARY"])


@then(parsers.parse("{person} receives the invitation too"))
def manager_invited(world: World, person: str) -> None:
    [mail] = _received(world, "meeting_invitation", person)
    method, cal = _calendar(mail)
    assert method == "REQUEST"
    assert str(_event(cal)["UID"]) == f"meeting-{world.meeting}@export-consortia"
    body = mail.get_body(("plain",))
    assert body is not None and "/workspace/desk/" in body.get_content()


@then(parsers.parse("{person} receives no invitation"))
def not_invited(world: World, person: str) -> None:
    assert _received(world, "meeting_invitation", person) == []


@then("the meeting's page offers the same invitation to download")
def page_ics(world: World) -> None:
    page = world.meeting_page()
    link = f"{BASE}/{SLUG}/meetings/{world.meeting}/invitation.ics"
    assert f'href="{link}"' in page
    answer = world.client.get(link)
    assert answer.status_code == 200 and answer.mimetype == "text/calendar"
    assert world.mail is not None
    mailed = _event(_calendar(world.mail)[1])
    offered = _event(Calendar.from_ical(answer.get_data()))
    for name in ("UID", "SUMMARY", "LOCATION"):
        assert str(offered[name]) == str(mailed[name])
    assert offered.decoded("DTSTART") == mailed.decoded("DTSTART")
    assert offered.decoded("DTEND") == mailed.decoded("DTEND")


@then(parsers.parse("the meeting's page shows it held with {count:d} attendee: {names}"))
def held(world: World, count: int, names: str) -> None:
    page = " ".join(world.meeting_page().split())
    assert f"Held, with {count} attendee: {names}</p>" in page


@then(parsers.parse('the meeting\'s page offers "{name}" for download, byte for byte'))
def minutes_download(world: World, name: str) -> None:
    page = world.meeting_page()
    found = re.search(rf'href="({BASE}/{SLUG}/meetings/{world.meeting}/minutes/[0-9a-f]+)">'
                      rf"{re.escape(name)}</a>", page)
    assert found, "the minutes are not offered"
    answer = world.client.get(found.group(1))
    assert answer.status_code == 200 and answer.mimetype == "application/pdf"
    assert answer.get_data() == MINUTES


@then("the history records the minutes by their hash, name and size")
def minutes_event(world: World) -> None:
    assert world.consortium is not None
    events = list(world.services.marketplace.events.get(world.consortium))
    [attached] = [e for e in events if isinstance(e, Consortium.MinutesAttached)]
    assert attached.sha256 == hashlib.sha256(MINUTES).hexdigest()
    assert (attached.name, attached.size) == ("acta-2025-03-10.pdf", len(MINUTES))
    assert str(attached.meeting_id) == world.meeting


@then(parsers.parse("{person} receives a mail in {language} that the meeting is cancelled, "
                    "with an invitation.ics that cancels the same meeting"))
def cancelled_mail(world: World, person: str, language: str) -> None:
    lang = LANGUAGES[language]
    [mail] = _received(world, "meeting_cancelled", person)
    assert CANCELLED[lang] in str(mail["Subject"]), mail["Subject"]
    method, cal = _calendar(mail)
    event = _event(cal)
    assert method == "CANCEL" and str(cal["METHOD"]) == "CANCEL"
    assert str(event["UID"]) == f"meeting-{world.meeting}@export-consortia"
    assert str(event["STATUS"]) == "CANCELLED" and int(event["SEQUENCE"]) == 1
    [invitation] = _received(world, "meeting_invitation", person)
    assert str(_event(_calendar(invitation)[1])["UID"]) == str(event["UID"])


@then(parsers.parse('the form is refused, saying "{words}", with "{typed}" still typed'))
def refused_typed(world: World, words: str, typed: str) -> None:
    assert world.last is not None and world.last.status_code == 422
    page = html.unescape(world.last.get_data(as_text=True))
    assert words in page
    assert f'value="{typed}"' in page


@then(parsers.parse('the form is refused, saying "{words}"'))
def refused(world: World, words: str) -> None:
    assert world.last is not None and world.last.status_code == 422
    assert words in html.unescape(world.last.get_data(as_text=True))


@then(parsers.parse('the upload is refused, saying "{words}"'))
def upload_refused(world: World, words: str) -> None:
    refused(world, words)


@then("nothing was recorded for these refusals")
def nothing_recorded(world: World) -> None:
    assert len(world.refusals) == 4
    assert all(before == after for before, after in world.refusals)



