"""One meeting's page: its invitation and calendar file, the attendance taken on the day,
and its minutes. Officers act; auditors read, as on the formation page."""

from __future__ import annotations

from typing import Any

from flask import abort, render_template
from werkzeug.wrappers import Response

from marketplace.errors import NotFoundError
from marketplace.meetings import calendar
from marketplace.meetings.queries import meeting_of, minutes_file
from web.authz import allow
from web.downloads import send_document
from web.extensions import services
from web.workspace.agency import agency
from web.workspace.agency.access import can_act, formation_or_404
from web.workspace.agency.placing import placed_notices

MINUTES_FIELD = "minutes"


def meeting_or_404(formation: dict[str, Any], meeting_id: str) -> dict[str, Any]:
    """The consortium's meeting, or a 404 page."""
    try:
        return meeting_of(formation, meeting_id)
    except NotFoundError:
        abort(404)


def render_meeting(formation: dict[str, Any], meeting: dict[str, Any], status: int = 200, *,
                   error: str | None = None) -> tuple[str, int]:
    """The meeting's page; a refused upload says why next to its form, "Saved." too."""
    top, placed = placed_notices()
    return render_template("agency/meeting.html", f=formation, meeting=meeting, error=error,
                           can_act=can_act(formation), minutes_field=MINUTES_FIELD,
                           top_notices=top, section_notices=placed), status


@agency.get("/<slug>/meetings/<meeting_id>")
@allow("officer", "auditor")
def meeting(slug: str, meeting_id: str) -> tuple[str, int]:
    """One meeting: when and where, who is invited, who came, and its minutes."""
    formation = formation_or_404(slug)
    return render_meeting(formation, meeting_or_404(formation, meeting_id))


@agency.get("/<slug>/meetings/<meeting_id>/invitation.ics")
@allow("officer", "auditor")
def meeting_calendar(slug: str, meeting_id: str) -> Response:
    """The meeting's invitation as an iCalendar file (its cancellation once cancelled)."""
    formation = formation_or_404(slug)
    found = meeting_or_404(formation, meeting_id)
    if not found["has_time"]:
        abort(404)
    method = calendar.CANCEL if found["cancelled"] else calendar.REQUEST
    data = calendar.calendar_file(calendar.facts(found, formation["name"]), method,
                                  services().marketplace.clock.now())
    return Response(data, mimetype="text/calendar", headers={
        "Content-Disposition": f'attachment; filename="{calendar.FILENAME}"',
        "X-Content-Type-Options": "nosniff", "Cache-Control": "private, no-store"})


@agency.get("/<slug>/meetings/<meeting_id>/minutes/<sha256>")
@allow("officer", "auditor")
def meeting_minutes(slug: str, meeting_id: str, sha256: str) -> Response:
    """One file of the meeting's minutes, as it was attached."""
    found = meeting_or_404(formation_or_404(slug), meeting_id)
    try:
        return send_document(minutes_file(found, sha256))
    except NotFoundError:
        abort(404)
