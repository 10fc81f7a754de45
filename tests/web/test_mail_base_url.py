"""Mail links go to the address the server was started on when CONSORTIA_BASE_URL is unset;
production refuses to start without it (a guessed address would send people elsewhere)."""

from __future__ import annotations

from pathlib import Path

from marketplace.bootstrap import Services, bootstrap
from marketplace.outbox.compose import letter
from marketplace.outbox.settings import MailSettings, mail_settings
from marketplace.settings import DEFAULT_BASE_URL, Settings
from tests.web.conftest import TEST_CONFIG
from tests.web.production_env import production_env
from web import create_app

INVITED = {"name": "Ines Vega", "email": "ines@example.org", "token": "t" * 43,
           "language": "es"}


def _services(tmp_path: Path, settings: Settings) -> Services:
    return bootstrap(Settings(**{**vars(settings),
                                 "database_url": f"sqlite:///{tmp_path / 'mail.db'}"}))


def _link(services: Services) -> str:
    body = letter("quote_ready", INVITED, {"consortium": "Metal"}, services.outbox.settings).body
    return next(line for line in body.splitlines() if "://" in line)


def test_an_unset_base_url_is_none_and_mails_wait_for_the_server() -> None:
    assert Settings.from_env({}).base_url is None
    unset = mail_settings(Settings())
    assert (unset.base_url, unset.base_url_from_server) == (DEFAULT_BASE_URL, True)
    chosen = mail_settings(Settings.from_env({"CONSORTIA_BASE_URL": "https://c.example/"}))
    assert (chosen.base_url, chosen.base_url_from_server) == ("https://c.example", False)


def test_the_served_address_stands_in_for_an_unset_base_url() -> None:
    assert Settings().served_at("127.0.0.1", 5123).base_url == "http://127.0.0.1:5123"
    assert Settings().served_at("::1", 8000).base_url == "http://[::1]:8000"
    assert Settings().served_at("0.0.0.0", 8000).base_url != "http://0.0.0.0:8000"
    kept = Settings(base_url="https://c.example")
    assert kept.served_at("127.0.0.1", 5123).base_url == "https://c.example"


def test_the_web_app_records_the_address_it_serves_on_for_the_mails(tmp_path: Path) -> None:
    services = _services(tmp_path, Settings())
    try:
        client = create_app(services=services, config=TEST_CONFIG).test_client()
        # The address the server answers on, not a Host header someone sends.
        client.get("/", base_url="http://127.0.0.1:5123", headers={"Host": "evil.example"})
        client.get("/", base_url="http://elsewhere.example:80")
        assert _link(services) == "http://127.0.0.1:5123/rfq/" + "t" * 43
    finally:
        services.close()


def test_a_configured_server_name_is_the_address(tmp_path: Path) -> None:
    services = _services(tmp_path, Settings())
    try:
        app = create_app(services=services, config={
            **TEST_CONFIG, "SERVER_NAME": "consortia.test:8080", "PREFERRED_URL_SCHEME": "https"})
        app.test_client().get("/", base_url="https://consortia.test:8080")
        assert _link(services).startswith("https://consortia.test:8080/rfq/")
    finally:
        services.close()


def test_a_configured_base_url_is_never_replaced(tmp_path: Path) -> None:
    services = _services(tmp_path, Settings(base_url="https://consortia.example"))
    try:
        create_app(services=services, config=TEST_CONFIG).test_client().get(
            "/", base_url="http://127.0.0.1:5123")
        assert _link(services).startswith("https://consortia.example/rfq/")
        assert services.outbox.sender.settings == services.outbox.settings
    finally:
        services.close()


def test_mail_settings_given_to_bootstrap_stay_as_given(tmp_path: Path) -> None:
    services = bootstrap(f"sqlite:///{tmp_path / 'given.db'}",
                         mail=MailSettings(base_url="https://given.example"))
    try:
        create_app(services=services, config=TEST_CONFIG).test_client().get("/")
        assert _link(services).startswith("https://given.example/rfq/")
    finally:
        services.close()


def test_production_requires_the_base_url() -> None:
    assert "CONSORTIA_BASE_URL is not set" in Settings.from_env(
        production_env(CONSORTIA_BASE_URL=None)).problems()
    assert Settings.from_env(production_env()).problems() == []
