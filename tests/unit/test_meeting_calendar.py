"""A meeting's invitation: its values checked, and its .ics as a calendar reads it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from icalendar import Calendar

from domain.errors import InvalidValueError
from domain.meeting_plan import schedule
from marketplace.meetings import calendar

STAMP = datetime(2025, 3, 3, 9, 0, tzinfo=UTC)


def _facts(**changed: str) -> dict[str, str]:
    return {"meeting": "6cbf7acb-233c-49f6-a384-fc00853754a3", "consortium": "Santander Metal",
            "topic": "Why export, together; now", "on": "2025-03-10", "starts": "10:00",
            "time_zone": "Europe/Madrid", "duration_minutes": "90",
            "place": "Parque Científico, Santander", "video_link": "", **changed}


def _event(data: bytes) -> tuple[Calendar, object]:
    cal = Calendar.from_ical(data)
    [event] = cal.walk("VEVENT")
    return cal, event


def test_the_invitation_asks_a_calendar_to_add_the_meeting_in_its_own_time_zone() -> None:
    cal, event = _event(calendar.calendar_file(_facts(), calendar.REQUEST, STAMP))
    assert str(cal["METHOD"]) == "REQUEST"
    assert event["DTSTART"].params["TZID"] == "Europe/Madrid"
    start = event.decoded("DTSTART")
    assert start == datetime(2025, 3, 10, 9, 0, tzinfo=UTC)  # 10:00 in Madrid, winter time
    assert event.decoded("DTEND") - start == timedelta(minutes=90)
    assert str(event["SUMMARY"]) == "Santander Metal: Why export, together; now"
    assert str(event["LOCATION"]) == "Parque Científico, Santander"
    assert [c["TZID"] for c in cal.walk("VTIMEZONE")] == ["Europe/Madrid"]


def test_the_cancellation_names_the_same_meeting_a_later_sequence() -> None:
    _, invited = _event(calendar.calendar_file(_facts(), calendar.REQUEST, STAMP))
    cal, cancelled = _event(calendar.calendar_file(_facts(), calendar.CANCEL, STAMP))
    assert str(cal["METHOD"]) == "CANCEL"
    assert str(cancelled["UID"]) == str(invited["UID"])
    assert int(cancelled["SEQUENCE"]) > int(invited["SEQUENCE"])
    assert str(cancelled["STATUS"]) == "CANCELLED"


@pytest.mark.parametrize(("day", "zone"), [("2000-01-01", "UTC"),
                                           ("2100-12-31", "Pacific/Kiritimati"),
                                           ("2025-10-26", "America/Mexico_City")])
def test_any_day_of_the_window_in_any_zone_makes_a_file(day: str, zone: str) -> None:
    data = calendar.calendar_file(_facts(on=day, time_zone=zone, video_link="https://m.example/x"),
                                  calendar.REQUEST, STAMP)
    _, event = _event(data)
    assert event.decoded("DTSTART").date().isoformat() == day
    assert str(event["URL"]) == "https://m.example/x"


@pytest.mark.parametrize(("changed", "says"), [
    ({"zone": "../../etc/passwd"}, "not a time zone"),
    ({"zone": "Europe/" + "x" * 100}, "not a time zone"),
    ({"starts": "9h30"}, "time of day"),
    ({"starts": "10:60"}, "time of day"),
    ({"minutes": "90"}, "whole number of minutes"),
    ({"minutes": True}, "whole number of minutes"),
    ({"link": "https://"}, "https://"),
    ({"link": "https://meet.example/a b"}, "https://"),
    ({"link": "https://[::1"}, "https://"),
    ({"link": "https://meet.example/\x00"}, "control characters"),
    ({"place": "", "link": ""}, "place or a video link"),
])
def test_an_invitation_that_cannot_be_kept_is_refused(changed: dict[str, object],
                                                      says: str) -> None:
    values: dict[str, object] = {"starts": "10:00", "zone": "Europe/Madrid", "minutes": 60,
                                 "place": "Santander", "link": "", **changed}
    with pytest.raises(InvalidValueError) as refused:
        schedule(values["starts"], values["zone"], values["minutes"], values["place"],
                 values["link"])
    assert says in str(refused.value)


def test_a_good_invitation_is_kept_as_typed() -> None:
    assert schedule("9:05", " Europe/Madrid ", 45, "  Sala   2 ", "https://meet.example/k") == {
        "starts": "09:05", "time_zone": "Europe/Madrid", "duration_minutes": 45,
        "place": "Sala 2", "video_link": "https://meet.example/k"}
