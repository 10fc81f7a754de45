"""Fixtures of the agency's screen tests, loaded with `pytest_plugins`: a signed-in officer
and a proposed consortium."""

from __future__ import annotations

import pytest
from flask.testing import FlaskClient

from marketplace.bootstrap import Services
from tests.story import METAL
from tests.web.signin import sign_in


@pytest.fixture
def officer(client: FlaskClient, services: Services) -> FlaskClient:
    sign_in(client, services, "officer")
    return client


@pytest.fixture
def proposed(services: Services) -> str:
    services.marketplace.propose_consortium(slug="metal", name="Santander Global Metal",
                                            agency="SODERCAN", region="ES-CB", sector=METAL)
    return "metal"
