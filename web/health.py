"""A health check for whoever runs the server: is the store reachable, are views current."""

from __future__ import annotations

from flask import Blueprint, Response, jsonify

from marketplace.projection import stats as stats_queries
from web.extensions import services

health = Blueprint("health", __name__)


@health.get("/healthz")
def healthz() -> tuple[Response, int]:
    """The event log's and the read models' positions, and how far the views lag."""
    try:
        numbers = stats_queries.stats(services())
    except Exception as error:  # a health check reports failure instead of raising it
        reason = next(iter(str(error).splitlines()), type(error).__name__)
        return jsonify(status="unavailable", error=reason), 503
    log, projected = numbers["log_position"], numbers["projected_position"]
    return jsonify(status="ok", log_position=log, projected_position=projected,
                   lag=log - projected), 200
