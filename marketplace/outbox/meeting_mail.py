"""A meeting's invitation by mail, with its calendar file; and its cancellation.

The invited firms' member users and the consortium's managers are told, each in their
own language. Only meetings planned with a time (issue 16) are mailed: one with a day
and a topic only has nothing for a calendar. The .ics is made again at each attempt from
the row's facts, which are the meeting's as recorded (marketplace/meetings/calendar.py).
"""

from __future__ import annotations

from datetime import datetime
from functools import partial
from typing import Any
from uuid import UUID

from domain.consortium import Consortium
from marketplace.meetings import calendar
from marketplace.outbox.attachments import Attachment
from marketplace.outbox.audience import role_holders
from marketplace.outbox.kind import MailContext, MailKind

Addressed = tuple[UUID, dict[str, str]]


def _meeting(event: Any, ctx: MailContext) -> dict[str, Any] | None:
    """The meeting as the consortium recorded it, with its id; None if it had no time."""
    if isinstance(event, Consortium.MeetingPlanned) and not event.starts:
        return None  # a day and a topic: nothing for a calendar, no aggregate to load
    consortium: Consortium = ctx.app.get_consortium(event.originator_id)
    meeting_id = str(getattr(event, "meeting_id", ""))
    meeting = consortium.meetings.get(meeting_id)
    if meeting is None or not meeting.get("starts"):
        return None
    invited = meeting.get("invited")
    if invited is None:  # every prospect of the consortium was invited
        invited = [p["membership_id"] for p in consortium.prospects.values()]
    return {**meeting, "meeting_id": meeting_id, "invited": invited,
            "consortium": consortium.name}


def invited_people(event: Any, ctx: MailContext) -> list[Addressed]:
    """The member users of each invited firm, each pointed at their member space, and the
    consortium's managers."""
    meeting = _meeting(event, ctx)
    if meeting is None:
        return []
    addressed: dict[UUID, dict[str, str]] = {}
    for membership_id in sorted(meeting["invited"]):
        for person in role_holders(ctx.engine, "member", membership_id):
            addressed.setdefault(person, {"membership": membership_id})
    for person in role_holders(ctx.engine, "manager", str(event.originator_id)):
        addressed.setdefault(person, {})
    return sorted(addressed.items())


def meeting_facts(event: Any, ctx: MailContext, method: str) -> dict[str, str]:
    """The meeting's facts for the words and the .ics, and the event's moment (DTSTAMP)."""
    meeting = _meeting(event, ctx)
    if meeting is None:
        return {}
    found = {**calendar.facts(meeting, meeting["consortium"]), "method": method,
             "stamp": event.timestamp.isoformat()}
    if method == calendar.CANCEL:
        found["reason"] = str(getattr(event, "reason", ""))
    return found


def consortium_path(_person: dict[str, str], facts: dict[str, str]) -> str:
    """A member user's space, or the manager's desk."""
    if facts.get("membership"):
        return f"/workspace/member/{facts['membership']}/"
    return "/workspace/desk/"


def _ics(found: dict[str, str], _language: str) -> bytes:
    return calendar.calendar_file(found, found["method"], datetime.fromisoformat(found["stamp"]))


def calendar_attachment(found: dict[str, str]) -> tuple[Attachment, ...]:
    """The .ics the mail carries, made from its facts at send time."""
    method = found.get("method", calendar.REQUEST)
    return (Attachment("meeting_calendar", calendar.FILENAME, calendar.media_type(method),
                       make=_ics),)


MEETING_KINDS: tuple[MailKind, ...] = (
    MailKind("meeting_invitation", Consortium.MeetingPlanned, invited_people,
             partial(meeting_facts, method=calendar.REQUEST), consortium_path,
             calendar_attachment),
    MailKind("meeting_cancelled", Consortium.MeetingCancelled, invited_people,
             partial(meeting_facts, method=calendar.CANCEL), consortium_path,
             calendar_attachment),
)
