"""A production environment that passes every check, for tests to break one piece of."""

from __future__ import annotations

import pytest

from marketplace.settings import Settings

SAFE_PRODUCTION = {
    "CONSORTIA_ENV": "production",
    # Long and varied, as secrets.token_hex or token_urlsafe gives them.
    "CONSORTIA_SECRET_KEY": "3f9c1b7e2d6a4058b1e9c7d3a2f6b4e8c0d5a7f1e3b9c2d4",
    "CONSORTIA_VAULT_KEY": "vault-key-of-this-deployment-7Qx2Lm9Rz4Kp",
    "CONSORTIA_AUDIT_KEY": "audit-key-of-this-deployment-Wd3Nf8Ty6Hs1",
    "STRIPE_SECRET_KEY": "sk_test_of_this_deployment",
    "STRIPE_WEBHOOK_SECRET": "whsec_of_this_deployment",
    "CONSORTIA_BASE_URL": "https://consortia.example",
    # Several workers share their rate-limit counts there (production refuses them without).
    "CONSORTIA_REDIS_URL": "redis://127.0.0.1:6379/0",
    "CONSORTIA_REDIS_PREFIX": "consortia-production-tests",
}
# Set on a developer's machine or by another test; production must not depend on them.
UNSET = ("FLASK_DEBUG", "CONSORTIA_DEV", "CONSORTIA_PROXY_HOPS", "STRIPE_API_BASE")


def production_env(**changes: str | None) -> dict[str, str]:
    """A safe production environment with changes applied (None leaves a variable out)."""
    return {name: value for name, value in {**SAFE_PRODUCTION, **changes}.items()
            if value is not None}


def production_settings(**changes: str | None) -> Settings:
    """The settings a safe production environment with these changes gives."""
    return Settings.from_env(production_env(**changes))


def production(monkeypatch: pytest.MonkeyPatch, **changes: str | None) -> None:
    """Set a safe production environment, then apply changes (None unsets a variable);
    for the command line, which reads the environment itself."""
    for name in UNSET:
        monkeypatch.delenv(name, raising=False)
    for name, value in {**SAFE_PRODUCTION, **changes}.items():
        if value is None:
            monkeypatch.delenv(name, raising=False)
        else:
            monkeypatch.setenv(name, value)
