"""Who may use the agency's formation workflow: officers act, auditors read."""

from __future__ import annotations

from uuid import UUID

from tests.web.authz import ELSEWHERE, signed_in

# The list and the proposal form serve every officer (each sees their agency's consortia);
# the world's consortia are all the first agency's.
_LIST = signed_in("officer", "auditor")
_READ = signed_in("officer", "auditor", **ELSEWHERE)
_WRITE = signed_in("officer", **ELSEWHERE)

EXPECTED = {
    "agency.index": _LIST,
    "agency.consortium": _READ,
    "agency.members_download": _READ,
    "agency.propose": signed_in("officer"),
    "agency.identify": _WRITE,
    "agency.declare": _WRITE,
    "agency.decide": _WRITE,
    "agency.map_capabilities": _WRITE,
    "agency.plan_meeting": _WRITE,
    "agency.hold_meeting": _WRITE,
    "agency.cancel_meeting": _WRITE,
    "agency.correct_attendance": _WRITE,
    "agency.meeting": _READ,
    "agency.meeting_calendar": _READ,
    "agency.meeting_minutes": _READ,
    "agency.attach_minutes": _WRITE,
    "agency.correct_funding": _WRITE,
    "agency.grant": _WRITE,
    "agency.disburse": _WRITE,
    "agency.appoint_manager": _WRITE,
    "agency.adopt_rules": _WRITE,
    "agency.establish": _WRITE,
    "agency.publish_offer": _WRITE,
    "agency.translate_offer": _WRITE,
}

_SLUG = {"slug": lambda w: w.proposed_slug}
_MEMBER = {"slug": lambda w: w.slug, "membership_id": lambda w: w.membership}

URL_ARGS = {
    "agency.consortium": _SLUG,
    "agency.members_download": {**_SLUG, "fmt": "csv"},
    "agency.identify": _SLUG,
    "agency.declare": _MEMBER,
    "agency.decide": _MEMBER,
    "agency.map_capabilities": _SLUG,
    "agency.plan_meeting": _SLUG,
    "agency.hold_meeting": {**_SLUG, "meeting_id": UUID(int=1)},
    "agency.cancel_meeting": {**_SLUG, "meeting_id": UUID(int=1)},
    "agency.correct_attendance": {**_SLUG, "meeting_id": UUID(int=1)},
    "agency.meeting": {**_SLUG, "meeting_id": UUID(int=1)},
    "agency.meeting_calendar": {**_SLUG, "meeting_id": UUID(int=1)},
    "agency.meeting_minutes": {**_SLUG, "meeting_id": UUID(int=1), "sha256": "0" * 64},
    "agency.attach_minutes": {**_SLUG, "meeting_id": UUID(int=1)},
    "agency.correct_funding": {**_SLUG, "version": 2},
    "agency.grant": _SLUG,
    "agency.disburse": _SLUG,
    "agency.appoint_manager": _SLUG,
    "agency.adopt_rules": _SLUG,
    "agency.establish": _SLUG,
    "agency.publish_offer": _SLUG,
    "agency.translate_offer": _SLUG,
}
