"""The buyers' JSON API, for procurement systems: the catalog, RFQs and their tracking."""

from __future__ import annotations

from flask import Blueprint

api = Blueprint("api", __name__, url_prefix="/api/v1")

from web.api import buyer, documents, keys, views  # noqa: E402,F401  (they register themselves on the blueprint)
