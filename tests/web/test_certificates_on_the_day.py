"""Only certificates valid on the day count: the catalog, the API and the consortium page.

Read models keep each certificate with its expiry; the day is the clock's today when the
page is asked for, so a certificate stops counting the day after it expires, with no new
event.
"""

from __future__ import annotations

import re
from datetime import date

import pytest
from flask.testing import FlaskClient

from marketplace.bootstrap import Services
from marketplace.ports import SteppingClock
from marketplace.storefront import catalog as catalog_queries
from marketplace.storefront.queries import published_catalog
from tests.story import form_consortium


@pytest.fixture
def metal(services: Services) -> Services:
    """Three firms hold ISO 9001 until 2030; the first also holds ISO 14001, expired in
    2024, and EN 1090, valid until 10 March 2025 (the clock starts on 3 March 2025)."""
    formed = form_consortium(services.marketplace)
    services.marketplace.declare_capabilities(
        formed.memberships[0], stages=["design", "engineering"], products=["hull design"],
        certifications=[{"name": "ISO 9001", "expires_on": date(2030, 1, 1)},
                        {"name": "ISO 14001", "expires_on": date(2024, 6, 30)},
                        {"name": "EN 1090", "expires_on": date(2025, 3, 10)}],
        capacity="2 naval architects")
    return services


def _certifications(page: str) -> dict[str, str]:
    """The catalog card's certifications: name -> the holders as shown."""
    return dict(re.findall(r'<li>([^<]+?) <span class="muted">\(([^)]+)\)</span></li>', page))


def _move_to(services: Services, day: date) -> None:
    clock = services.marketplace.clock
    assert isinstance(clock, SteppingClock)
    clock.set(clock.now().replace(year=day.year, month=day.month, day=day.day))


def test_the_catalog_counts_only_certificates_valid_today(client: FlaskClient,
                                                          metal: Services) -> None:
    page = client.get("/").get_data(as_text=True)
    assert _certifications(page) == {"ISO 9001": "3 firms", "EN 1090": "1 firm"}
    _move_to(metal, date(2025, 3, 10))  # valid on its last day
    assert "EN 1090" in _certifications(client.get("/").get_data(as_text=True))
    _move_to(metal, date(2025, 3, 11))  # no event: the day alone makes it expire
    assert _certifications(client.get("/").get_data(as_text=True)) == {"ISO 9001": "3 firms"}


def test_the_api_lists_only_certificates_valid_today(client: FlaskClient,
                                                     metal: Services) -> None:
    listed = client.get("/api/v1/consortia").get_json()["consortia"]
    assert listed[0]["certifications"] == ["EN 1090", "ISO 9001"]
    _move_to(metal, date(2025, 3, 11))
    listed = client.get("/api/v1/consortia").get_json()["consortia"]
    assert listed[0]["certifications"] == ["ISO 9001"]


def test_the_queries_take_the_day(metal: Services) -> None:
    engine = metal.engine
    later = date(2031, 1, 1)
    assert published_catalog(engine, today=later).cards[0]["certifications"] == {}
    assert catalog_queries.list_consortia(engine, today=later)[0]["certifications"] == []
    entry = catalog_queries.get_catalog_entry(engine, "metal", today=date(2025, 3, 3))
    assert entry["certifications"] == ["EN 1090", "ISO 9001"]


def test_the_consortium_page_marks_a_certificate_expired_the_day_after(
        client: FlaskClient, metal: Services) -> None:
    page = client.get("/consortia/metal").get_data(as_text=True)
    assert "valid until Mar 10, 2025" in page and "expired Jun 30, 2024" in page
    _move_to(metal, date(2025, 3, 11))
    page = client.get("/consortia/metal").get_data(as_text=True)
    assert "expired Mar 10, 2025" in page
    # The consortium's facts count only what is valid today.
    facts = page[:page.index('id="offer-title"')]
    assert _certifications(facts) == {"ISO 9001": "3 firms"}
