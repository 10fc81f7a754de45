"""The auditor's screens: the event log, histories, time travel, verification and exports.

Under /workspace/audit; read-only, so the area has pages and no actions.
"""

from __future__ import annotations

from flask import Blueprint
from flask_babel import gettext as _

from marketplace.audit.names import ERASED, account_of

audit = Blueprint("audit", __name__, url_prefix="/workspace/audit")


@audit.app_template_filter("person_or_name")
def person_or_name(name: str | None) -> str:
    """A name the log's pages show beside an id; an erased person is said to be one."""
    if name == ERASED:
        return _("erased person")
    return name or ""


audit.add_app_template_filter(account_of, "actor_account")

# The views register on `audit`, so they are imported once it exists.
from web.workspace.audit.pages import aggregates, integrity, log, replay  # noqa: E402, F401

__all__ = ["audit"]
