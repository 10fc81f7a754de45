"""The catalog's filters as a buyer sends them in the query string, checked."""

from __future__ import annotations

from dataclasses import dataclass, field

from flask_babel import gettext as _
from werkzeug.datastructures import MultiDict

from domain.errors import UnknownRegionError, UnknownSectorError
from domain.values import Region, Sector
from marketplace.storefront.finder import CatalogFilter
from web import paging
from web.labels import STAGES, stage_label

TEXT_LIMIT = 200  # longer than any name; a search box, not a specification


@dataclass
class Filters:
    """The filters as typed, to fill the form again, and what was wrong with them."""

    sector: str = ""
    region: str = ""
    stages: list[str] = field(default_factory=list)
    q: str = ""
    page: int = 1
    errors: dict[str, str] = field(default_factory=dict)

    @property
    def active(self) -> bool:
        return bool(self.sector or self.region or self.stages or self.q)

    def link_args(self, page: int) -> dict[str, object]:
        """The query string of this search's page `page`, for a link."""
        args: dict[str, object] = {"q": self.q, "sector": self.sector, "region": self.region,
                                   "stage": self.stages}
        return {**{k: v for k, v in args.items() if v}, **({"page": page} if page > 1 else {})}

    def wanted(self) -> CatalogFilter:
        return CatalogFilter(sector=self.sector or None, region=self.region or None,
                             stages=tuple(self.stages), text=self.q)

    def regions(self, published: list[tuple[str, str]]) -> list[tuple[str, str]]:
        """The region choices: those with a published consortium, and the one asked for
        if it has none, so the form still shows what the list is filtered by."""
        if not self.region or self.errors.get("region") or self.region in dict(published):
            return published
        return [*published, (self.region, Region(self.region).name)]


def _sector(code: str) -> str:
    """A NACE code as the catalog keeps it ("25", "25.11"), or UnknownSectorError."""
    return Sector(code, "sector").nace


def parse(args: MultiDict[str, str]) -> Filters:
    """Read sector, region, stage (repeatable) and q; errors name the field and say why."""
    filters = Filters(sector=args.get("sector", "").strip(), q=args.get("q", "").strip(),
                      region=args.get("region", "").strip()[:TEXT_LIMIT],
                      page=paging.number(args.get("page", "")))
    names = ", ".join(stage_label(stage) for stage in STAGES)
    for value in args.getlist("stage"):
        stage = value.strip().lower()
        if stage and stage not in STAGES:
            filters.errors["stage"] = _("“%(value)s” is not a value-chain stage. The stages are: "
                                        "%(names)s.", value=value, names=names)
        elif stage and stage not in filters.stages:
            filters.stages.append(stage)
    if filters.sector:
        try:
            filters.sector = _sector(filters.sector)
        except UnknownSectorError:
            filters.errors["sector"] = _("“%(value)s” is not a NACE Rev. 2 sector code, such as "
                                         "25 or 25.11.", value=filters.sector)
    if filters.region:
        try:
            filters.region = Region(filters.region).code
        except UnknownRegionError:
            filters.errors["region"] = _("“%(value)s” is not an ISO 3166-2 region code, such "
                                         "as ES-CB.", value=filters.region)
    if len(filters.q) > TEXT_LIMIT:
        filters.errors["q"] = _("Search for at most %(limit)s characters.", limit=TEXT_LIMIT)
        filters.q = filters.q[:TEXT_LIMIT]
    # Keep only known stages in the form, so it shows what the list is filtered by.
    filters.stages = [stage for stage in STAGES if stage in filters.stages]
    return filters
