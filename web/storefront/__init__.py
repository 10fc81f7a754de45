"""The storefront: what an overseas buyer sees first, the consortia and their offers."""

from __future__ import annotations

from flask import Blueprint, render_template

from marketplace import queries
from web.extensions import services

storefront = Blueprint("storefront", __name__)


@storefront.get("/")
def index() -> str:
    """The consortia whose full-service offer is published, from the catalog read model."""
    consortia = queries.list_consortia(services().engine, published_only=True)
    return render_template("storefront/index.html", consortia=consortia)
