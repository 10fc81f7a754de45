"""The web app: the composition root hands the marketplace's services to the blueprints."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask import Flask

from marketplace.bootstrap import Services, bootstrap
from web.health import health
from web.storefront import storefront


def create_app(services: Services | None = None, config: Mapping[str, Any] | None = None) -> Flask:
    """Build the app; without services, build them from CONSORTIA_DATABASE_URL."""
    app = Flask(__name__)
    app.config.from_mapping(DATABASE_URL=None)
    if config:
        app.config.update(config)
    if services is None:
        services = bootstrap(app.config["DATABASE_URL"])
    app.extensions["consortia"] = services
    app.register_blueprint(storefront)
    app.register_blueprint(health)
    return app
