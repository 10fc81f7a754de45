"""What the RFQ web tests share: a buyer's form as typed, and the log position."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from marketplace.bootstrap import Services
from marketplace.projection import stats as stats_queries


def typed_form(services: Services, **overrides: Any) -> dict[str, Any]:
    """A complete, valid RFQ as a buyer types it into the form."""
    today = services.marketplace.clock.now().date()
    values: dict[str, Any] = {
        "organisation": "Astillero del Golfo", "contact_name": "Lucía Hernández",
        "email": "lucia@acero-mx.example", "country": "MX",
        "stages": ["design", "manufacturing"],
        "specification": "Four steel hull blocks for offshore supply vessels.",
        "quantity": "4", "unit": "blocks", "incoterm": "CIF", "named_place": "Veracruz",
        "currency": "EUR", "quote_needed_by": (today + timedelta(days=30)).isoformat(),
        "wanted_delivery": (today + timedelta(days=120)).isoformat(), "website": "",
    }
    values.update(overrides)
    return values


def log_position(services: Services) -> int:
    """Where the event log ends: unchanged means nothing was stored."""
    return stats_queries.stats(services)["log_position"]
