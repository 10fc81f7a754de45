"""Introductory meetings: plan one (an invitation with a time, a zone, a place and the
firms invited), then record that it was held and who attended, or that it was cancelled;
correct an attendance recorded wrongly; attach its minutes."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from flask import request
from flask_babel import gettext as _

from web import forms
from web.authz import allow
from web.downloads import uploads
from web.extensions import services
from web.forms import Page
from web.workspace.agency import agency
from web.workspace.agency.access import consortium_seen, formation_or_404
from web.workspace.agency.actions.steps import act
from web.workspace.agency.meeting import MINUTES_FIELD, meeting_or_404, render_meeting
from web.workspace.agency.placing import redirect_back


@agency.post("/<slug>/meetings")
@allow("officer")
def plan_meeting(slug: str) -> Page:
    """Plan an introductory meeting: its day, time, zone, length, place and the invited."""

    def run(formation: dict[str, Any]) -> None:
        invitation: dict[str, Any] = {}
        # The page's form always sends a start time; a form without one (a day and a
        # topic, as before invitations) invites nobody by mail.
        if "starts" in request.form:
            invitation = {
                "starts": forms.text("starts"), "time_zone": forms.text("time_zone"),
                "duration_minutes": forms.whole_number("duration_minutes",
                                                       _("the meeting's length")),
                "place": forms.text("place"), "video_link": forms.text("video_link"),
                "invited": [*request.form.getlist("invited")]}
        services().marketplace.plan_meeting(
            formation["consortium_id"], forms.day("on", _("The meeting's day")),
            forms.text("topic"), **invitation)

    return act(slug, "meetings", run)


@agency.post("/<slug>/meetings/<meeting_id>/held")
@allow("officer")
def hold_meeting(slug: str, meeting_id: str) -> Page:
    """Record that a planned meeting was held, and which prospects attended."""

    def run(formation: dict[str, Any]) -> None:
        attendees: list[UUID | str] = [*request.form.getlist("attendees")]
        services().marketplace.hold_meeting(formation["consortium_id"], meeting_id, attendees)

    return act(slug, f"meeting-{meeting_id}", run)


@agency.post("/<slug>/meetings/<meeting_id>/cancel")
@allow("officer")
def cancel_meeting(slug: str, meeting_id: str) -> Page:
    """Record that a planned meeting did not take place, and why."""

    def run(formation: dict[str, Any]) -> None:
        services().marketplace.cancel_meeting(
            formation["consortium_id"], meeting_id,
            forms.required("reason", _("the reason")))

    return act(slug, f"cancel-{meeting_id}", run)


@agency.post("/<slug>/meetings/<meeting_id>/attendance")
@allow("officer")
def correct_attendance(slug: str, meeting_id: str) -> Page:
    """Correct who attended a held meeting, saying why; the first record stays."""

    def run(formation: dict[str, Any]) -> None:
        attendees: list[UUID | str] = [*request.form.getlist("attendees")]
        services().marketplace.correct_attendance(
            formation["consortium_id"], meeting_id, attendees,
            forms.required("reason", _("the reason")))

    return act(slug, f"attendance-{meeting_id}", run)


@agency.post("/<slug>/meetings/<meeting_id>/minutes")
@allow("officer")
def attach_minutes(slug: str, meeting_id: str) -> Page:
    """Attach the minutes of a held meeting: a PDF, kept with its hash, name and size."""
    formation = formation_or_404(slug)
    meeting = meeting_or_404(formation, meeting_id)

    def run() -> None:
        files = uploads(MINUTES_FIELD)
        if not files:
            raise forms.Refused(_("Choose the file of the minutes (a PDF)."),
                                field=MINUTES_FIELD)
        services().marketplace.attach_minutes(formation["consortium_id"], meeting_id,
                                              files[0])

    return forms.submit(
        run, seen=consortium_seen(formation),
        again=lambda refused: render_meeting(formation, meeting, refused.status,
                                             error=refused.message),
        done=lambda: redirect_back("minutes", "agency.meeting", slug=slug,
                                   meeting_id=meeting_id))
