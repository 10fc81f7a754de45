"""The auditor's screens: the event log, histories, time travel, verification and exports.

Under /workspace/audit; read-only, so the area has pages and no actions.
"""

from __future__ import annotations

from flask import Blueprint

from web.workspace.audit import naming

audit = Blueprint("audit", __name__, url_prefix="/workspace/audit")
for name, function in (("named", naming.named), ("name_of", naming.name_of),
                       ("actor", naming.actor), ("actor_name", naming.actor_name),
                       ("actor_account", naming.account_of)):
    audit.add_app_template_filter(function, name)

# The views register on `audit`, so they are imported once it exists.
from web.workspace.audit.pages import aggregates, integrity, log, replay  # noqa: E402, F401

__all__ = ["audit"]
