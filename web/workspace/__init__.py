"""The consortium workspace: where the agency, managers, members and auditors work."""

from __future__ import annotations

from flask import Blueprint, render_template

from web.authz import allow, principal
from web.forms import as_typed

workspace = Blueprint("workspace", __name__, url_prefix="/workspace")
# Every workspace template asks it for a form as typed when that form was refused.
workspace.add_app_template_global(as_typed, "as_typed")


@workspace.get("/")
@allow("officer", "manager", "member", "auditor")
def home() -> str:
    """What the signed-in person can do, by role."""
    return render_template("workspace/home.html", me=principal())
