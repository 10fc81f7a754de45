"""The agency officer's screens: from a proposed consortium to its published offer."""

from __future__ import annotations

from web.workspace.agency import consortia, funding, governance, meetings, prospects
from web.workspace.agency.blueprint import agency

__all__ = ["agency", "consortia", "funding", "governance", "meetings", "prospects"]
