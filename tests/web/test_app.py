"""The app factory, the storefront's list of consortia and the health check."""

from __future__ import annotations

from pathlib import Path

from flask import Flask
from flask.testing import FlaskClient

from marketplace.bootstrap import Services, bootstrap
from marketplace.ports import SteppingClock
from tests.conftest import START
from tests.story import form_consortium
from web import create_app


def test_the_factory_keeps_the_services_it_is_given(web_app: Flask, services: Services) -> None:
    assert web_app.extensions["consortia"] is services
    assert web_app.config["TESTING"] is True


def test_the_factory_builds_services_from_the_database_url(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'own.db'}"
    app = create_app(config={"DATABASE_URL": url})
    built = app.extensions["consortia"]
    try:
        assert isinstance(built, Services)
        assert built.store.url == url
    finally:
        built.close()


def test_the_storefront_lists_published_consortia_only(client: FlaskClient,
                                                       services: Services) -> None:
    form_consortium(services.marketplace, slug="metal")
    form_consortium(services.marketplace, slug="agri", publish=False)
    response = client.get("/")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "Metal Export Consortium" in page
    assert "Design to installation of steel structures." in page
    assert '<li class="stage is-covered"><span aria-hidden="true">✓</span> Installation' in page
    assert "NACE 25" in page
    assert "Agri Export Consortium" not in page


def test_the_storefront_says_so_when_nothing_is_published(client: FlaskClient) -> None:
    response = client.get("/")
    assert response.status_code == 200
    assert "No consortium has published its offer yet." in response.get_data(as_text=True)


def test_healthz_reports_the_positions(client: FlaskClient, services: Services) -> None:
    empty = client.get("/healthz")
    assert empty.status_code == 200
    assert empty.get_json() == {"status": "ok", "log_position": 0, "projected_position": 0,
                                "lag": 0}
    form_consortium(services.marketplace)
    body = client.get("/healthz").get_json()
    assert body["status"] == "ok"
    assert body["log_position"] == body["projected_position"] > 0
    assert body["lag"] == 0


def test_healthz_shows_a_lag_until_the_projector_catches_up(tmp_path: Path) -> None:
    services = bootstrap(f"sqlite:///{tmp_path / 'lag.db'}", clock=SteppingClock(START),
                         inline_projection=False)
    try:
        form_consortium(services.marketplace)
        client = create_app(services=services).test_client()
        body = client.get("/healthz").get_json()
        assert body["projected_position"] == 0 < body["log_position"] == body["lag"]
        services.projector.catch_up()
        assert client.get("/healthz").get_json()["lag"] == 0
    finally:
        services.close()
