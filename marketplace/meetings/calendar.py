"""A meeting as an iCalendar file (RFC 5545): the invitation, or its cancellation.

The file is made from a meeting's facts (what MeetingPlanned recorded), never stored:
a mail rebuilds it from the outbox row's facts, the meeting's page from the read model.
Its UID is the meeting's, so a calendar that took the invitation matches the cancellation.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event

PRODUCT = "-//Export consortia//Meetings//EN"
REQUEST, CANCEL = "REQUEST", "CANCEL"
FILENAME = "invitation.ics"
ZONE_YEARS = 1  # the zone's rules written around the meeting's day, not since 1970


def media_type(method: str) -> str:
    return f"text/calendar; method={method}"


def uid(meeting_id: str) -> str:
    """The meeting's one identity in every calendar file made of it."""
    return f"meeting-{meeting_id}@export-consortia"


def facts(meeting: dict[str, object], consortium: str) -> dict[str, str]:
    """What the file needs, as text (an outbox row's facts are text)."""
    day = meeting["on"]
    return {"meeting": str(meeting["meeting_id"]), "consortium": consortium,
            "topic": str(meeting["topic"]),
            "on": day.isoformat() if isinstance(day, date) else str(day),
            "starts": str(meeting["starts"]), "time_zone": str(meeting["time_zone"]),
            "duration_minutes": str(meeting["duration_minutes"]),
            "place": str(meeting.get("place") or ""),
            "video_link": str(meeting.get("video_link") or "")}


def start_of(found: dict[str, str]) -> datetime:
    """The meeting's start, in its own time zone."""
    hours, minutes = (int(n) for n in found["starts"].split(":"))
    return datetime.combine(date.fromisoformat(found["on"]), time(hours, minutes),
                            tzinfo=ZoneInfo(found["time_zone"]))


def calendar_file(found: dict[str, str], method: str, stamp: datetime) -> bytes:
    """The .ics of a meeting: METHOD:REQUEST to invite, METHOD:CANCEL to call it off."""
    cal = Calendar()
    cal.add("prodid", PRODUCT)
    cal.add("version", "2.0")
    cal.add("method", method)
    event = Event()
    event.add("uid", uid(found["meeting"]))
    event.add("dtstamp", stamp)
    start = start_of(found)
    event.add("dtstart", start)
    event.add("dtend", start + timedelta(minutes=int(found["duration_minutes"])))
    event.add("summary", f"{found['consortium']}: {found['topic']}")
    place = found.get("place") or found.get("video_link")
    if place:
        event.add("location", place)
    if found.get("video_link"):
        event.add("url", found["video_link"])
    # A cancellation is a later version of the same meeting in the attendee's calendar.
    event.add("sequence", 1 if method == CANCEL else 0)
    event.add("status", "CANCELLED" if method == CANCEL else "CONFIRMED")
    cal.add_component(event)
    day = start.date()
    cal.add_missing_timezones(first_date=day - timedelta(days=366 * ZONE_YEARS),
                              last_date=day + timedelta(days=366 * ZONE_YEARS))
    data: bytes = cal.to_ical()
    return data
