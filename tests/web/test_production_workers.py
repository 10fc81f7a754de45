"""Production refuses several workers without a shared rate-limit store (CONSORTIA_REDIS_URL)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import consortia.cli
from marketplace.bootstrap import Services
from marketplace.errors import ConfigurationError
from marketplace.settings import Settings
from tests.web.production_env import production, production_settings
from web import create_app
from web.production import UnsafeProductionError

WORDS = "--workers 2 without CONSORTIA_REDIS_URL"


def test_settings_name_several_workers_without_redis() -> None:
    settings = replace(production_settings(CONSORTIA_REDIS_URL=None), workers=2)
    assert any(WORDS in problem for problem in settings.problems())
    assert replace(settings, workers=1).problems() == []
    assert replace(settings, redis_url="redis://127.0.0.1:6379/0").problems() == []


def test_a_worker_app_refuses_without_redis(services: Services) -> None:
    settings = replace(production_settings(CONSORTIA_REDIS_URL=None), workers=2)
    with pytest.raises(UnsafeProductionError) as refused:
        create_app(services=services, settings=settings)
    assert WORDS in str(refused.value) and "\n" not in str(refused.value)


@pytest.fixture
def never_served(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """Stand-ins for the servers `serve` would start; each records what reached it."""
    reached: list[Any] = []
    monkeypatch.setattr(consortia.cli, "serve_with_workers",
                        lambda settings, *args: reached.append(settings))
    monkeypatch.setattr(consortia.cli, "run_simple", lambda *a, **kw: reached.append("simple"))
    monkeypatch.delenv("CONSORTIA_DEBUG", raising=False)  # it would show the traceback
    return reached


def test_consortia_serve_refuses_workers_without_redis_in_one_line(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, never_served: list[Any],
) -> None:
    production(monkeypatch, CONSORTIA_REDIS_URL=None)
    database = tmp_path / "never.db"
    result = CliRunner().invoke(consortia.cli.main, [
        "serve", "--database-url", f"sqlite:///{database}", "--workers", "2"])
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: refusing to start in production")
    assert WORDS in lines[0]
    assert never_served == [] and not database.exists()


def test_consortia_serve_starts_workers_with_redis(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, never_served: list[Any],
) -> None:
    production(monkeypatch, CONSORTIA_REDIS_URL="redis://127.0.0.1:6379/0")
    result = CliRunner().invoke(consortia.cli.main, [
        "serve", "--database-url", f"sqlite:///{tmp_path / 'live.db'}", "--workers", "2"])
    assert result.exit_code == 0, result.output
    [settings] = never_served
    assert settings.workers == 2 and settings.redis_url == "redis://127.0.0.1:6379/0"


def test_one_worker_needs_no_redis(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, never_served: list[Any],
) -> None:
    production(monkeypatch, CONSORTIA_REDIS_URL=None)
    result = CliRunner().invoke(consortia.cli.main, [
        "serve", "--database-url", f"sqlite:///{tmp_path / 'live.db'}", "--workers", "1"])
    assert result.exit_code == 0, result.output
    assert len(never_served) == 1


def test_a_redis_url_that_is_no_redis_address_is_refused() -> None:
    with pytest.raises(ConfigurationError) as refused:
        Settings.from_env({"CONSORTIA_REDIS_URL": "http://:hunter2@cache:6379"})
    assert "CONSORTIA_REDIS_URL must start with redis://" in str(refused.value)
    assert "hunter2" not in str(refused.value)  # the address may hold a password
    assert Settings.from_env({"CONSORTIA_REDIS_URL": " "}).redis_url is None
