"""The demo: a deterministic story of two agencies and their export consortia, three in
Cantabria and one in Asturias, 2015 to 2026."""

from __future__ import annotations

from marketplace.demo.loader import DemoSummary, demo_clock, events_in, load_demo
from marketplace.demo.logins import DEMO_LOGINS, DemoLogin

__all__ = ["DEMO_LOGINS", "DemoLogin", "DemoSummary", "demo_clock", "events_in", "load_demo"]
