"""The auditor's history (tests/web/audit_world.py) and an auditor signed in to read it,
for the test modules of the audit screens and their exports."""

from __future__ import annotations

import pytest
from flask.testing import FlaskClient

from marketplace.bootstrap import Services
from tests.web.audit_world import AuditWorld, build
from tests.web.signin import sign_in


@pytest.fixture
def world(services: Services) -> AuditWorld:
    return build(services)


@pytest.fixture
def auditor(client: FlaskClient, services: Services, world: AuditWorld) -> FlaskClient:
    sign_in(client, services, "auditor")
    return client
