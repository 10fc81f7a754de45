"""The storefront: what an overseas buyer sees first, the consortia and their offers."""

from __future__ import annotations

from pathlib import Path

from flask import Blueprint, abort, render_template, request, send_from_directory
from flask_babel import get_locale
from werkzeug.wrappers import Response

from marketplace.errors import NotFoundError
from marketplace.storefront.queries import (
    published_catalog,
    published_offer,
    published_regions,
    published_sectors,
)
from web.extensions import htmx, services
from web.labels import STAGES, country_name, stage_label
from web.pagecache import cached_page
from web.sectors import sector_name
from web.storefront import filters as catalog_filters

storefront = Blueprint("storefront", __name__)
storefront.add_app_template_global(stage_label, "stage_label")
storefront.add_app_template_global(STAGES, "ALL_STAGES")
storefront.add_app_template_filter(country_name, "country_name")
storefront.add_app_template_global(sector_name, "sector_name")

STATIC = Path(__file__).resolve().parents[1] / "static"
FAVICON_MAX_AGE = 7 * 24 * 3600  # browsers ask at /favicon.ico on every site; a week


@storefront.get("/")
@cached_page
def index() -> tuple[str, int]:
    """The published consortia, narrowed by sector, region, stage and words, a page at a
    time; a fragment for htmx."""
    chosen = catalog_filters.parse(request.args)
    engine = services().engine
    status = 400 if chosen.errors else 200
    today = services().marketplace.clock.now().date()
    found = None if chosen.errors else published_catalog(
        engine, chosen.wanted(), today=today, language=str(get_locale()), number=chosen.page)
    context = {"consortia": found.cards if found else [], "found": found, "filters": chosen}
    # A history restore asks for the whole page, even though htmx sends it.
    if htmx and not htmx.history_restore_request:
        return render_template("storefront/_partials/results.html", **context), status
    return render_template("storefront/index.html", sectors=published_sectors(engine),
                           regions=chosen.regions(published_regions(engine)), **context), status


@storefront.get("/consortia/<slug>")
@cached_page
def consortium(slug: str) -> str:
    """One consortium's full-service offer, stage by stage, with the firms behind it."""
    marketplace = services().marketplace
    try:
        offer = published_offer(services().engine, slug, marketplace.clock.now().date(),
                                str(get_locale()))
    except NotFoundError:
        abort(404)
    return render_template("storefront/consortium.html", consortium=offer)


@storefront.get("/favicon.ico")
def favicon() -> Response:
    """The site's icon where browsers look for it, kept by them for a week."""
    return send_from_directory(STATIC, "favicon.ico", mimetype="image/vnd.microsoft.icon",
                               max_age=FAVICON_MAX_AGE)
