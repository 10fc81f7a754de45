"""Settings: what each variable sets, the defaults, the refusals of production mode, and
how bootstrap hands every setting to the part that uses it."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from consortia.stripe_local import stripe_or_fake
from fakestripe import FakeStripe
from marketplace.audit.chain import DEVELOPMENT_KEY, Chain
from marketplace.bootstrap import bootstrap
from marketplace.errors import ConfigurationError
from marketplace.fees.stripe import StripeGateway, gateway_from_settings
from marketplace.settings import DEVELOPMENT_VAULT_KEY, Settings
from tests.web.production_env import SAFE_PRODUCTION, production_env

EVERY_VARIABLE = {
    "CONSORTIA_DATABASE_URL": "postgresql://app@db.internal/consortia",
    "CONSORTIA_VAULT_KEY": "vault",
    "CONSORTIA_AUDIT_KEY": "audit",
    "CONSORTIA_BASE_URL": "https://consortia.example/",
    "CONSORTIA_MAIL_FROM": "Cantabria <mail@consortia.example>",
    "CONSORTIA_SMTP_URL": "smtp://mail.internal:25",
    "STRIPE_SECRET_KEY": "sk_test_x",
    "STRIPE_WEBHOOK_SECRET": "whsec_x",
    "STRIPE_API_BASE": "http://127.0.0.1:12111",
    "CONSORTIA_SECRET_KEY": "session-key",
    "CONSORTIA_DEV": "1",
    "CONSORTIA_ENV": "production",
    "FLASK_DEBUG": "1",
    "CONSORTIA_DEBUG": "1",
    "CONSORTIA_RFQ_RATE_LIMIT": "1000 per minute",
    "CONSORTIA_LOGIN_RATE_LIMIT": "5 per hour",
    "CONSORTIA_PAGE_CACHE_SIZE": "0",
    "CONSORTIA_PROXY_HOPS": "2",
}


def test_an_empty_environment_gives_the_defaults() -> None:
    settings = Settings.from_env({})
    assert settings == Settings()
    assert settings.database_url == "sqlite:///var/consortia.db"
    assert settings.vault_key == DEVELOPMENT_VAULT_KEY.encode()
    assert settings.audit_key == DEVELOPMENT_KEY
    assert (settings.base_url, settings.smtp_url) == (None, None)  # None: served address
    assert settings.mail_from == "Export consortia <no-reply@localhost>"
    assert (settings.stripe_secret_key, settings.stripe_webhook_secret,
            settings.stripe_api_base) == (None, "", None)
    assert settings.secret_key is None
    assert not (settings.dev or settings.production or settings.debug
                or settings.cli_tracebacks)
    assert (settings.rfq_rate_limit, settings.login_rate_limit) == ("10 per minute",) * 2
    assert (settings.page_cache_size, settings.proxy_hops) == (256, 0)


def test_each_variable_sets_its_setting() -> None:
    assert Settings.from_env(EVERY_VARIABLE) == Settings(
        database_url="postgresql://app@db.internal/consortia", vault_key=b"vault",
        audit_key=b"audit", base_url="https://consortia.example",
        mail_from="Cantabria <mail@consortia.example>", smtp_url="smtp://mail.internal:25",
        stripe_secret_key="sk_test_x", stripe_webhook_secret="whsec_x",
        stripe_api_base="http://127.0.0.1:12111", secret_key="session-key", dev=True,
        production=True, debug=True, cli_tracebacks=True, rfq_rate_limit="1000 per minute",
        login_rate_limit="5 per hour", page_cache_size=0, proxy_hops=2)


def test_blank_variables_count_as_unset() -> None:
    blank = {name: "" for name in ("CONSORTIA_DATABASE_URL", "CONSORTIA_VAULT_KEY",
                                   "CONSORTIA_AUDIT_KEY", "CONSORTIA_BASE_URL",
                                   "CONSORTIA_SMTP_URL", "STRIPE_SECRET_KEY",
                                   "CONSORTIA_SECRET_KEY", "CONSORTIA_DEBUG")}
    assert Settings.from_env(blank) == Settings()


def test_only_the_words_that_say_so_turn_a_switch_on() -> None:
    off = Settings.from_env({"CONSORTIA_DEV": "yes", "CONSORTIA_ENV": "staging",
                             "FLASK_DEBUG": "false"})
    assert not (off.dev or off.production or off.debug)
    assert Settings.from_env({"FLASK_DEBUG": "true"}).debug


def test_overrides_win_over_the_environment() -> None:
    settings = Settings.from_env(EVERY_VARIABLE, database_url="sqlite:///other.db", dev=False)
    assert (settings.database_url, settings.dev) == ("sqlite:///other.db", False)
    assert settings.vault_key == b"vault"


def test_without_a_mapping_the_process_environment_is_read(
    monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CONSORTIA_LOGIN_RATE_LIMIT", "3 per hour")
    assert Settings.from_env().login_rate_limit == "3 per hour"


@pytest.mark.parametrize(("name", "value", "words"), [
    ("CONSORTIA_PROXY_HOPS", "all of them", "CONSORTIA_PROXY_HOPS must be a number of proxies"),
    ("CONSORTIA_PROXY_HOPS", "11", "from 0 to 10"),
    ("CONSORTIA_PAGE_CACHE_SIZE", "lots", "CONSORTIA_PAGE_CACHE_SIZE must be a whole number"),
])
def test_a_value_that_does_not_parse_is_refused_in_one_line(name: str, value: str,
                                                           words: str) -> None:
    with pytest.raises(ConfigurationError, match=words):
        Settings.from_env({name: value})


def test_a_safe_production_environment_has_no_problems() -> None:
    settings = Settings.from_env(SAFE_PRODUCTION)
    assert settings.production and settings.problems() == []
    assert Settings.from_env(production_env(STRIPE_API_BASE="https://api.stripe.com/"),
                             ).problems() == []


def test_the_development_fallbacks_are_each_a_problem() -> None:
    assert Settings().problems() == [
        "CONSORTIA_SECRET_KEY is not set", "CONSORTIA_VAULT_KEY is not set",
        "CONSORTIA_AUDIT_KEY is not set", "STRIPE_SECRET_KEY is not set",
        "STRIPE_WEBHOOK_SECRET is not set", "CONSORTIA_BASE_URL is not set"]


@pytest.mark.parametrize(("changes", "problem"), [
    ({"CONSORTIA_SECRET_KEY": "changeme"}, "CONSORTIA_SECRET_KEY is shorter than 32 characters"),
    ({"CONSORTIA_VAULT_KEY": DEVELOPMENT_VAULT_KEY}, "CONSORTIA_VAULT_KEY is not set"),
    ({"CONSORTIA_VAULT_KEY": ""}, "CONSORTIA_VAULT_KEY is not set"),
    ({"CONSORTIA_AUDIT_KEY": DEVELOPMENT_KEY.decode()}, "CONSORTIA_AUDIT_KEY is not set"),
    ({"STRIPE_WEBHOOK_SECRET": None}, "STRIPE_WEBHOOK_SECRET is not set"),
    ({"CONSORTIA_BASE_URL": None}, "CONSORTIA_BASE_URL is not set"),
    ({"CONSORTIA_DEV": "1"}, "CONSORTIA_DEV=1 (developer pages, the fake Stripe) is on"),
    ({"FLASK_DEBUG": "1"}, "debug is on (FLASK_DEBUG)"),
    ({"CONSORTIA_SECRET_KEY": "z" * 48},
     "CONSORTIA_SECRET_KEY repeats too few characters (fewer than 8 different): use a "
     "random key"),
    ({"STRIPE_SECRET_KEY": "rk_live_restricted"},
     "STRIPE_SECRET_KEY does not start with sk_live_ or sk_test_"),
    ({"STRIPE_WEBHOOK_SECRET": ""}, "STRIPE_WEBHOOK_SECRET is not set"),
    ({"STRIPE_WEBHOOK_SECRET": "whsec"}, "STRIPE_WEBHOOK_SECRET does not start with whsec_"),
    ({"STRIPE_API_BASE": "https://stripe.attacker.example"},
     "STRIPE_API_BASE points away from Stripe (https://api.stripe.com): the fake Stripe "
     "moves no money"),
])
def test_each_unsafe_setting_is_named(changes: dict[str, str | None], problem: str) -> None:
    assert Settings.from_env(production_env(**changes)).problems() == [problem]


def test_bootstrap_hands_each_setting_to_its_part(tmp_path: Path) -> None:
    settings = Settings(database_url=f"sqlite:///{tmp_path / 'set.db'}", vault_key=b"vault",
                        audit_key=b"audit", base_url="https://consortia.example/",
                        smtp_url="smtp://mail.internal:25", stripe_secret_key="sk_test_x",
                        stripe_webhook_secret="whsec_x")
    services = bootstrap(settings)
    try:
        assert services.store.url == settings.database_url
        assert services.marketplace.vault.key == b"vault"  # type: ignore[attr-defined]
        assert services.marketplace.passwords is not None
        assert services.marketplace.passwords.key == b"vault"
        recorder = services.marketplace.recorder
        expected = Chain(b"audit").link(bytes(32), 1, _Event())
        assert recorder.chain.link(bytes(32), 1, _Event()) == expected  # type: ignore[attr-defined]
        mail = services.outbox.settings
        assert (mail.base_url, mail.smtp_url) == ("https://consortia.example",
                                                  "smtp://mail.internal:25")
        assert services.payments is not None
        gateway = services.payments.gateway
        assert isinstance(gateway, StripeGateway) and gateway.webhook_secret == "whsec_x"
    finally:
        services.close()


def test_bootstrap_on_a_bare_url_never_reads_the_environment(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("STRIPE_SECRET_KEY", "sk_test_from_the_shell")
    monkeypatch.setenv("CONSORTIA_VAULT_KEY", "from-the-shell")
    services = bootstrap(f"sqlite:///{tmp_path / 'bare.db'}")
    try:
        assert services.payments is None
        assert services.marketplace.vault.key == DEVELOPMENT_VAULT_KEY.encode()  # type: ignore[attr-defined]
    finally:
        services.close()


def test_in_dev_mode_serve_points_its_settings_at_the_fake_stripe_and_leaves_the_environment(
    capsys: pytest.CaptureFixture[str]
) -> None:
    before = dict(os.environ)
    with stripe_or_fake(Settings(dev=True), "0.0.0.0", 5999) as served:
        assert served.stripe_api_base is not None
        assert served.stripe_api_base.startswith("http://127.0.0.1:")
        assert served.stripe_secret_key and served.stripe_webhook_secret
        assert dict(os.environ) == before
    assert dict(os.environ) == before
    keyed = Settings(stripe_secret_key="sk_test_x")
    with stripe_or_fake(keyed, "127.0.0.1", 5999) as served:
        assert served is keyed
    assert "Card payments go to Stripe" in capsys.readouterr().out


def test_outside_dev_mode_serve_starts_no_fake_stripe_and_card_payments_are_off(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    started: list[object] = []
    monkeypatch.setattr(FakeStripe, "start", lambda self: started.append(self) or self)
    plain = Settings()
    with stripe_or_fake(plain, "127.0.0.1", 5999) as served:
        assert served is plain and served.stripe_secret_key is None
        assert gateway_from_settings(served) is None
    assert started == []
    assert "card payments are off" in capsys.readouterr().out


class _Event:
    """Just enough of a stored event for Chain.link."""

    originator_id = "00000000-0000-0000-0000-000000000001"
    originator_version = 1
    topic = "domain.bid:Bid.QuoteRequested"
    state = b"{}"
