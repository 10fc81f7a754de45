"""The member's space: a company's profile, requests to price, fees, peers and contracts.

Under /workspace/member, for member users, officers and auditors.
"""

from __future__ import annotations

from flask import Blueprint

from web.labels import member_names

member = Blueprint("member", __name__, url_prefix="/workspace/member")
member.context_processor(member_names)

# The views register on `member`, so they are imported once it exists.
from web.workspace.member import actions, agreement, area, documents, pages  # noqa: E402, F401

__all__ = ["member"]
