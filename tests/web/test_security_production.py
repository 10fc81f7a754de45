"""Production mode: secrets only from the environment, and a refusal to start otherwise."""

from __future__ import annotations

import ast
import re
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import consortia.cli
from marketplace.audit.chain import DEVELOPMENT_KEY
from marketplace.bootstrap import Services
from marketplace.errors import ConfigurationError
from marketplace.fees.stripe import gateway_from_settings
from marketplace.settings import DEVELOPMENT_VAULT_KEY, Settings
from tests.web.production_env import SAFE_PRODUCTION, production, production_settings
from web import create_app
from web.production import UnsafeProductionError

ROOT = Path(__file__).resolve().parents[2]

# (what is wrong, environment changes, app config, words the refusal must hold)
UNSAFE: list[tuple[str, dict[str, str | None], dict[str, Any], str]] = [
    ("no secret key", {"CONSORTIA_SECRET_KEY": None}, {}, "CONSORTIA_SECRET_KEY is not set"),
    ("a short secret key", {"CONSORTIA_SECRET_KEY": "changeme"}, {},
     "CONSORTIA_SECRET_KEY is shorter than 32"),
    ("a repeated-character secret key", {"CONSORTIA_SECRET_KEY": "a" * 64}, {},
     "CONSORTIA_SECRET_KEY repeats too few characters"),
    ("a secret key of a few characters", {"CONSORTIA_SECRET_KEY": "abc123" * 8}, {},
     "CONSORTIA_SECRET_KEY repeats too few characters"),
    ("no vault key", {"CONSORTIA_VAULT_KEY": None}, {}, "CONSORTIA_VAULT_KEY is not set"),
    ("the development vault key", {"CONSORTIA_VAULT_KEY": DEVELOPMENT_VAULT_KEY}, {},
     "CONSORTIA_VAULT_KEY is not set"),
    ("a short vault key", {"CONSORTIA_VAULT_KEY": "vault-key-2024"}, {},
     "CONSORTIA_VAULT_KEY is shorter than 32"),
    ("a repeated-character vault key", {"CONSORTIA_VAULT_KEY": "x" * 40}, {},
     "CONSORTIA_VAULT_KEY repeats too few characters"),
    ("no audit key", {"CONSORTIA_AUDIT_KEY": None}, {}, "CONSORTIA_AUDIT_KEY is not set"),
    ("the development audit key", {"CONSORTIA_AUDIT_KEY": DEVELOPMENT_KEY.decode()}, {},
     "CONSORTIA_AUDIT_KEY is not set"),
    ("a short audit key", {"CONSORTIA_AUDIT_KEY": "audit"}, {},
     "CONSORTIA_AUDIT_KEY is shorter than 32"),
    ("a repeated-character audit key", {"CONSORTIA_AUDIT_KEY": "01" * 20}, {},
     "CONSORTIA_AUDIT_KEY repeats too few characters"),
    ("no Stripe key", {"STRIPE_SECRET_KEY": None}, {}, "STRIPE_SECRET_KEY is not set"),
    ("a Stripe key that is no secret key", {"STRIPE_SECRET_KEY": "pk_live_publishable"}, {},
     "STRIPE_SECRET_KEY does not start with sk_live_ or sk_test_"),
    ("a bare Stripe key prefix", {"STRIPE_SECRET_KEY": "sk_live_"}, {},
     "STRIPE_SECRET_KEY does not start with sk_live_ or sk_test_"),
    ("no webhook secret", {"STRIPE_WEBHOOK_SECRET": None}, {},
     "STRIPE_WEBHOOK_SECRET is not set"),
    ("a blank webhook secret", {"STRIPE_WEBHOOK_SECRET": "   "}, {},
     "STRIPE_WEBHOOK_SECRET is not set"),
    ("a webhook secret that is not Stripe's", {"STRIPE_WEBHOOK_SECRET": "my-webhook-secret"},
     {}, "STRIPE_WEBHOOK_SECRET does not start with whsec_"),
    ("the fake Stripe", {"STRIPE_API_BASE": "http://127.0.0.1:12111"}, {},
     "STRIPE_API_BASE points away from Stripe"),
    ("developer pages", {"CONSORTIA_DEV": "1"}, {}, "CONSORTIA_DEV=1"),
    ("FLASK_DEBUG", {"FLASK_DEBUG": "1"}, {}, "debug is on"),
]
APP_ONLY: list[tuple[str, dict[str, str | None], dict[str, Any], str]] = [
    ("DEBUG in the config", {}, {"DEBUG": True}, "debug is on"),
    ("cookies over plain HTTP", {}, {"SESSION_COOKIE_SECURE": False},
     "SESSION_COOKIE_SECURE is off"),
    ("CSRF without the Referer check on https", {}, {"WTF_CSRF_SSL_STRICT": False},
     "WTF_CSRF_SSL_STRICT is off"),
]


def test_a_production_app_takes_every_secret_from_the_environment(
    services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    production(monkeypatch)
    app = create_app(services=services)  # Settings.from_env(), as a deployment builds it
    assert app.config["SECRET_KEY"] == SAFE_PRODUCTION["CONSORTIA_SECRET_KEY"]
    assert app.config["SESSION_COOKIE_SECURE"] and app.config["REMEMBER_COOKIE_SECURE"]
    assert not app.debug and "dev" not in app.blueprints
    settings = Settings.from_env()
    assert settings.vault_key == SAFE_PRODUCTION["CONSORTIA_VAULT_KEY"].encode()
    assert settings.audit_key == SAFE_PRODUCTION["CONSORTIA_AUDIT_KEY"].encode()
    gateway = gateway_from_settings(settings)
    assert gateway is not None
    assert gateway.webhook_secret == SAFE_PRODUCTION["STRIPE_WEBHOOK_SECRET"]


@pytest.mark.parametrize(("case", "env", "config", "words"), UNSAFE + APP_ONLY,
                         ids=[case[0] for case in UNSAFE + APP_ONLY])
def test_create_app_refuses_unsafe_production_settings(
    services: Services, monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
    case: str, env: dict[str, str | None], config: dict[str, Any], words: str,
) -> None:
    monkeypatch.chdir(tmp_path)  # where the var/secret-key fallback would be written
    with pytest.raises(UnsafeProductionError) as refused:
        create_app(services=services, config=config, settings=production_settings(**env))
    message = str(refused.value)
    assert words in message and "\n" not in message
    assert message.startswith("refusing to start in production")
    assert isinstance(refused.value, ConfigurationError)
    assert not (tmp_path / "var" / "secret-key").exists()


def test_every_problem_is_named_in_the_one_line(monkeypatch: pytest.MonkeyPatch,
                                               tmp_path: Path) -> None:
    settings = production_settings(CONSORTIA_SECRET_KEY=None, CONSORTIA_AUDIT_KEY=None)
    database = tmp_path / "never.db"
    with pytest.raises(UnsafeProductionError) as refused:
        create_app(config={"DATABASE_URL": f"sqlite:///{database}"}, settings=settings)
    assert "CONSORTIA_SECRET_KEY is not set; CONSORTIA_AUDIT_KEY is not set" in str(refused.value)
    assert not database.exists()  # refused before the store was opened


def test_outside_production_the_development_fallbacks_still_work(
    services: Services, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    settings = production_settings(CONSORTIA_ENV=None, CONSORTIA_SECRET_KEY=None,
                                   CONSORTIA_VAULT_KEY=None, CONSORTIA_AUDIT_KEY=None)
    monkeypatch.chdir(tmp_path)
    app = create_app(services=services, settings=settings)
    assert app.config["SECRET_KEY"] == (tmp_path / "var" / "secret-key").read_text().strip()


@pytest.fixture
def never_served(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Stand-ins for what `serve` starts; each records that it was reached."""
    reached: list[str] = []

    def run_simple(*_args: Any, **_kwargs: Any) -> None:
        reached.append("run_simple")

    def serve_with_workers(*_args: Any, **_kwargs: Any) -> None:
        reached.append("serve_with_workers")

    def stripe_or_fake(*_args: Any) -> Any:
        reached.append("stripe_or_fake")
        raise AssertionError("serve went on past the production check")

    monkeypatch.setattr(consortia.cli, "run_simple", run_simple)
    monkeypatch.setattr(consortia.cli, "serve_with_workers", serve_with_workers)
    monkeypatch.setattr(consortia.cli, "stripe_or_fake", stripe_or_fake)
    return reached


@pytest.mark.parametrize(("case", "env", "config", "words"), UNSAFE,
                         ids=[case[0] for case in UNSAFE])
def test_consortia_serve_refuses_in_one_line_before_anything_starts(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, never_served: list[str],
    case: str, env: dict[str, str | None], config: dict[str, Any], words: str,
) -> None:
    production(monkeypatch, **env)
    monkeypatch.delenv("CONSORTIA_DEBUG", raising=False)  # it would show the traceback
    database = tmp_path / "never.db"
    result = CliRunner().invoke(consortia.cli.main, [
        "serve", "--workers", "1", "--database-url", f"sqlite:///{database}"])
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: refusing to start in production")
    assert words in lines[0] and "Traceback" not in result.output
    assert never_served == [] and not database.exists()


def test_consortia_serve_refuses_the_development_server_in_production(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, never_served: list[str],
) -> None:
    production(monkeypatch)
    database = tmp_path / "never.db"
    result = CliRunner().invoke(consortia.cli.main,
                                ["serve", "--database-url", f"sqlite:///{database}"])
    assert result.exit_code == 1
    [line] = result.output.strip().splitlines()
    assert line.startswith("Error: refusing to start in production")
    assert "the development server (consortia serve without --workers" in line
    assert never_served == [] and not database.exists()


def test_consortia_serve_starts_gunicorn_on_a_safe_production_environment(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    production(monkeypatch)
    served: list[Any] = []
    monkeypatch.setattr(consortia.cli, "serve_with_workers",
                        lambda settings, *_args: served.append(settings))
    result = CliRunner().invoke(consortia.cli.main, [
        "serve", "--database-url", f"sqlite:///{tmp_path / 'live.db'}", "--port", "5999",
        "--workers", "2"])
    assert result.exit_code == 0, result.output
    [settings] = served
    assert settings.production and settings.stripe_api_base is None  # Stripe, not the fake
    assert settings.stripe_secret_key == SAFE_PRODUCTION["STRIPE_SECRET_KEY"]


# Strings assigned to a name that says key, secret, password or token, in the code that
# runs in production. The development keys are allowed because production refuses them
# (above); each other entry says why it is no secret.
SECRET_NAME = re.compile(r"KEY|SECRET|PASSWORD|TOKEN", re.I)
ENV_NAME = re.compile(r"^[A-Z][A-Z0-9_]*$")  # the name of a variable, not a value
# A session's or a dict's key ("rfq_once_keys"), not a value.
KEY_NAME = re.compile(r"^[a-z]+(_[a-z0-9]+)+$")
# The OpenAPI document's example tracking token: printed in the docs, it opens no request.
EXAMPLES = {"web/api/examples.py": {"TOKEN"}}
ALLOWED = {"DEVELOPMENT_KEY", "DEVELOPMENT_VAULT_KEY", "DEVELOPMENT_AUDIT_KEY"}
STRIPE_KEY = re.compile(r"\b(sk|rk|pk)_(live|test)_[A-Za-z0-9]{8,}|\bwhsec_[A-Za-z0-9]{8,}")


def _secret_literals(source: str) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Assign | ast.AnnAssign) or node.value is None:
            continue
        value = node.value
        if not (isinstance(value, ast.Constant) and isinstance(value.value, str | bytes)):
            continue
        # Bytes may be a file's magic number (b"\xd0\xcf\x11\xe0"), not text.
        literal = (value.value.decode("latin-1") if isinstance(value.value, bytes)
                   else value.value)
        targets = node.targets if isinstance(node, ast.Assign) else [node.target]
        for target in targets:
            name = target.id if isinstance(target, ast.Name) else ""
            if (SECRET_NAME.search(name) and literal and not ENV_NAME.match(literal)
                    and not KEY_NAME.match(literal)):
                found.add(name)
    return found


def test_the_scan_would_see_a_hard_coded_secret() -> None:
    assert _secret_literals('SECRET_KEY = "s3cr3t-value"\n') == {"SECRET_KEY"}
    assert _secret_literals('KEY_VARIABLE = "CONSORTIA_AUDIT_KEY"\n') == set()
    assert _secret_literals('_SESSION_KEYS = "rfq_once_keys"\n') == set()
    assert _secret_literals('PASSWORD = "hunter2"\n') == {"PASSWORD"}
    assert _secret_literals('MAGIC_KEY = b"\\xd0\\xcf"\n') == {"MAGIC_KEY"}
    assert STRIPE_KEY.search('api_key = "sk_live_51Habcdefgh"')


def test_production_code_holds_no_secret_but_the_refused_development_keys() -> None:
    found: dict[str, set[str]] = {}
    stripe: list[str] = []
    for package in ("domain", "marketplace", "web", "consortia"):
        for path in (ROOT / package).rglob("*.py"):
            source = path.read_text()
            names = _secret_literals(source) - ALLOWED - EXAMPLES.get(
            path.relative_to(ROOT).as_posix(), set())
            if names:
                found[str(path.relative_to(ROOT))] = names
            stripe += [f"{path.relative_to(ROOT)}: {hit.group(0)}"
                       for hit in STRIPE_KEY.finditer(source)]
    assert found == {} and stripe == []
