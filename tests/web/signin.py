"""Signing test clients in through the real form, as each role."""

from __future__ import annotations

from uuid import UUID, uuid4

from flask.testing import FlaskClient

from marketplace.bootstrap import Services

PASSWORD = "correct horse battery"


def open_account(services: Services, role: str, scope: str = "",
                 email: str | None = None) -> tuple[UUID, str]:
    """An account with one role; returns its id and e-mail address."""
    address = email or f"{role}-{uuid4().hex[:8]}@example.org"
    account = services.marketplace.open_account(name=f"Test {role.title()}", email=address,
                                                password=PASSWORD, grants=[(role, scope)])
    return account, address


def sign_in(client: FlaskClient, services: Services, role: str, scope: str = "") -> UUID:
    """Open an account with the role and sign the client in with it."""
    account, email = open_account(services, role, scope)
    response = client.post("/login", data={"email": email, "password": PASSWORD})
    assert response.status_code == 303, response.get_data(as_text=True)[:500]
    return account
