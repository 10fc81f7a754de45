"""The storefront: what an overseas buyer sees first, the consortia and their offers."""

from __future__ import annotations

from flask import Blueprint, abort, render_template, request
from flask_babel import get_locale

from marketplace.errors import NotFoundError
from marketplace.storefront.queries import published_catalog, published_offer, published_sectors
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


@storefront.get("/")
@cached_page
def index() -> tuple[str, int]:
    """The published consortia, narrowed by sector, stage and words; a fragment for htmx."""
    chosen = catalog_filters.parse(request.args)
    engine = services().engine
    status = 400 if chosen.errors else 200
    today = services().marketplace.clock.now().date()
    consortia = [] if chosen.errors else published_catalog(engine, chosen.wanted(), today=today,
                                                           language=str(get_locale()))
    context = {"consortia": consortia, "filters": chosen}
    # A history restore asks for the whole page, even though htmx sends it.
    if htmx and not htmx.history_restore_request:
        return render_template("storefront/_partials/results.html", **context), status
    return render_template("storefront/index.html", sectors=published_sectors(engine),
                           **context), status


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
