"""The member's space: a company's profile, requests to price, fees, peers and contracts."""

from __future__ import annotations

from web.workspace.member import actions, labels, pages  # noqa: F401 - they register
from web.workspace.member.blueprint import member

__all__ = ["member"]
