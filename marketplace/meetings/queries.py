"""One meeting as its page shows it, from the consortium's formation read model."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.engine import Engine

from marketplace.errors import NotFoundError
from marketplace.formation.readmodel import meetings

Row = dict[str, Any]


def meeting_of(formation: Row, meeting_id: str) -> Row:
    """The meeting with its invited firms named, and what its page may offer."""
    found = next((m for m in formation["meetings"] if str(m["meeting_id"]) == meeting_id), None)
    if found is None:
        raise NotFoundError("there is no such meeting")
    meeting = dict(found)
    meeting["on"] = meeting["meeting_on"]  # as the aggregate names it, for the calendar file
    prospects = formation["prospects"]
    invited = meeting.get("invited")
    # A meeting planned before invitations were named invited every prospect.
    meeting["invited_firms"] = [p for p in prospects
                                if invited is None or p["membership_id"] in invited]
    meeting["has_time"] = bool(meeting.get("starts"))
    meeting["minutes_files"] = list(reversed(meeting.get("minutes") or []))  # newest first
    meeting["can_attach_minutes"] = meeting["held"] and not meeting["cancelled"]
    return meeting


def minutes_file(meeting: Row, sha256: str) -> Row:
    """One file of the meeting's minutes, as a document to send."""
    for found in meeting.get("minutes") or []:
        if found["sha256"] == sha256:
            return found
    raise NotFoundError("there is no such file")


def consortium_minutes(engine: Engine, consortium_id: str) -> list[Row]:
    """Every file of minutes attached to the consortium's meetings, newest meeting first:
    for its documents area, beside the files kept there."""
    with engine.connect() as conn:
        rows = conn.execute(select(meetings.c.meeting_id, meetings.c.meeting_on,
                                   meetings.c.topic, meetings.c.minutes)
                            .where(meetings.c.consortium_id == str(consortium_id))
                            .order_by(meetings.c.meeting_on.desc(), meetings.c.topic)).all()
    return [{"meeting_id": str(row.meeting_id), "meeting_on": row.meeting_on,
             "topic": row.topic, **file}
            for row in rows for file in reversed(row.minutes or [])]


def consortium_minutes_file(engine: Engine, consortium_id: str, meeting_id: str,
                            sha256: str) -> Row:
    """One file of one of the consortium's meetings' minutes; NotFoundError if none."""
    for found in consortium_minutes(engine, consortium_id):
        if found["meeting_id"] == meeting_id and found["sha256"] == sha256:
            return found
    raise NotFoundError("there is no such file")
