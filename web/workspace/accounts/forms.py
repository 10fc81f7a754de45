"""The invitation and grant forms: who, in which role, and where that role applies; and
the confirmation an account's closing needs."""

from __future__ import annotations

from typing import Any

from flask import request
from flask_babel import gettext as _

from marketplace.accounts.admin import agency_choices, invite_choices
from web.authz import acting_agencies, consortia_of_agencies
from web.extensions import services
from web.forms import Refused

# Which form field names the place a role applies to.
SCOPE_FIELD = {"manager": "consortium", "member": "membership", "officer": "agency",
               "auditor": "agency"}
WHOLE_INSTALLATION = ""  # an officer's or auditor's place: every agency


def choices() -> tuple[list[dict[str, str]], list[dict[str, str]], list[dict[str, str]]]:
    """The consortia, memberships and agencies an officer may give roles in: their
    agency's, or all of them for an officer of the whole installation."""
    engine = services().engine
    agencies = acting_agencies()
    consortia, memberships = invite_choices(
        engine, None if agencies is None else consortia_of_agencies(agencies))
    return consortia, memberships, agency_choices(engine, agencies)


def scope(role: str) -> str:
    """The place the role applies to, one of those the form offered."""
    field = SCOPE_FIELD.get(role)
    if field is None:
        return ""
    consortia, memberships, agencies = choices()
    offered = {c["id"] for c in {"consortium": consortia, "membership": memberships,
                                 "agency": agencies}[field]}
    if field == "agency" and acting_agencies() is None:
        offered.add(WHOLE_INSTALLATION)
    chosen = request.form.get(field, "")
    if chosen not in offered:
        raise Refused({"consortium": _("Choose the consortium this manager runs."),
                       "membership": _("Choose the member firm this user works for."),
                       "agency": _("Choose the agency this officer or auditor works in.")}[field],
                      field=field)
    return str(chosen)


def invitation() -> dict[str, Any]:
    """The invitation as the command takes it; the role's place is checked against the offer."""
    form = request.form
    role = form.get("role", "")
    return {"name": form.get("name", "")[:200], "email": form.get("email", "")[:254],
            "grants": [(role, scope(role))], "language": form.get("language", "en")}


def grant() -> tuple[str, str]:
    """The role to give, and its place, one of those the form offered."""
    role = request.form.get("role", "")
    return role, scope(role)


def confirmed_closing() -> None:
    """The box that says the officer means it: closing cannot be undone."""
    if request.form.get("confirm") != "yes":
        raise Refused(_("Tick the box to confirm: a closed account cannot be opened again."),
                      field="confirm")
