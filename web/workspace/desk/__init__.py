"""The manager's bid desk; importing the view modules registers their routes."""

from __future__ import annotations

from web.workspace.desk import award, inbox, quote, rates, triage
from web.workspace.desk.blueprint import desk

__all__ = ["award", "desk", "inbox", "quote", "rates", "triage"]
