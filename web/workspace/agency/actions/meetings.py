"""Introductory meetings: plan one, then record that it was held and who attended, or that
it was cancelled; correct an attendance recorded wrongly."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from flask import request
from flask_babel import gettext as _

from web import forms
from web.authz import allow
from web.extensions import services
from web.forms import Page
from web.workspace.agency import agency
from web.workspace.agency.actions.steps import act


@agency.post("/<slug>/meetings")
@allow("officer")
def plan_meeting(slug: str) -> Page:
    """Plan an introductory meeting on a day, about a topic."""

    def run(formation: dict[str, Any]) -> None:
        services().marketplace.plan_meeting(
            formation["consortium_id"], forms.day("on", _("The meeting's day")),
            forms.text("topic"))

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
