"""What the desk's pages compute to show: the time left, the quote's sum, the contributors."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from babel import dates
from flask_babel import get_locale

from marketplace.bidding.queries import bid_contributions, rates_on
from marketplace.bidding.quoting import Assembly, assemble, by_member
from web.extensions import services
from web.translating import format_moment


def now() -> datetime:
    """The marketplace's clock: deadlines count from it, not from the server's."""
    return services().marketplace.clock.now()  # type: ignore[no-any-return]


def today() -> date:
    """Today by the marketplace's clock."""
    return now().date()


class Countdown:
    """The time left to answer each deadline from one moment, as people say it, and whether
    the deadline has passed; each distinct deadline is written once, with the request's
    locale looked up once (Babel's functions, not Flask-Babel's per-call lookups)."""

    def __init__(self, moment: datetime) -> None:
        self.moment = moment
        self.locale = get_locale()
        self.written: dict[datetime, dict[str, Any]] = {}

    def __call__(self, respond_by: datetime) -> dict[str, Any]:
        found = self.written.get(respond_by)
        if found is None:
            left = respond_by - self.moment
            found = self.written[respond_by] = {
                "overdue": left < timedelta(0),
                "left": dates.format_timedelta(left, granularity="minute", add_direction=True,
                                               locale=self.locale),
                "due": format_moment(respond_by, "medium")}
        return found


def assembly_for(bid: dict[str, Any], margin: Decimal) -> Assembly:
    """The quote's computation from the committed contributions and today's rates."""
    committed = [row for row in bid_contributions(services().engine, bid["bid_id"])
                 if row["committed"]]
    rates = rates_on(services().engine, bid["consortium_id"], today())
    return assemble(committed, bid["currency"], rates, margin)


def contributors(bid: dict[str, Any]) -> list[dict[str, Any]]:
    """Each contributing member, what it committed in the quote's currency, its share of it."""
    assembly = assembly_for(bid, Decimal(0))
    weights = by_member(assembly)
    whole = sum(weights.values(), Decimal(0))
    names = {line.membership_id: line.company_name for line in assembly.lines}
    return [{"membership_id": m, "company_name": names[m], "contributed": weights[m],
             "percent": (weights[m] * 100 / whole).quantize(Decimal("0.01")) if whole else None}
            for m in sorted(weights, key=lambda m: names[m])]
