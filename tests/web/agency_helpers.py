"""Posting the agency's formation forms as a browser would, with the page's versions."""

from __future__ import annotations

import html
from typing import Any

from flask.testing import FlaskClient
from werkzeug.test import TestResponse

from marketplace.bootstrap import Services
from marketplace.formation.queries import consortium_formation
from tests.story import METAL

BASE = "/workspace/agency"


def formation(services: Services, slug: str) -> dict[str, Any]:
    return consortium_formation(services.engine, slug)


def events(services: Services) -> int:
    """How many events the store holds: a refusal must leave it unchanged."""
    return services.marketplace.recorder.max_notification_id() or 0


def prospect(services: Services, slug: str, company_name: str) -> dict[str, Any]:
    found = [p for p in formation(services, slug)["prospects"]
             if p["company_name"] == company_name]
    assert found, f"{company_name} is not a prospect of {slug}"
    return found[0]


def post(client: FlaskClient, services: Services, slug: str, path: str,
         data: dict[str, Any] | None = None, *, membership: str | None = None,
         **headers: str) -> TestResponse:
    """POST one formation form, carrying the version the page would have shown."""
    if membership is None:
        version = formation(services, slug)["version"]
    else:
        version = next(p["version"] for p in formation(services, slug)["prospects"]
                       if p["membership_id"] == membership)
    return client.post(f"{BASE}/{slug}{path}", data={"version": version, **(data or {})},
                       headers=headers)


def text_of(response: TestResponse) -> str:
    """The response body as text."""
    return response.get_data(as_text=True)


def page_text(response: TestResponse) -> str:
    """The page's text with HTML entities read back, as a person sees it."""
    return html.unescape(text_of(response))


def identified(services: Services, slug: str, count: int) -> list[str]:
    """Register and identify `count` firms; returns their membership ids."""
    app = services.marketplace
    consortium = formation(services, slug)["consortium_id"]
    found = []
    for n in range(count):
        company = app.register_company(tax_id=f"ESB{n:08d}", name=f"Firm {n + 1}",
                                       region="ES-CB", sector=METAL, employees=20 + n,
                                       summary="Steelwork.")
        found.append(str(app.identify_prospect(consortium, company, "Exports to France.")))
    return found
