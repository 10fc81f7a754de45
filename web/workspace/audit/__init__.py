"""The auditor's screens: the event log, histories, time travel, verification and exports."""

from __future__ import annotations

from web.workspace.audit import aggregates, integrity, log, replay
from web.workspace.audit.blueprint import audit

__all__ = ["aggregates", "audit", "integrity", "log", "replay"]
