"""The agency's KPI dashboard, read from the read models: one consortium, an agency's
consortia together, or all of them.

Each figure is plain data (counts, Decimals, percentages as whole numbers) that pages
draw as charts with their tables. Definitions, in the words the dashboard uses:
- on-time response rate: RFQs answered (quoted or declined) by their response deadline,
  over all RFQs answered;
- median time to quote: from the RFQ's arrival to the quote's submission, in days;
- win rate: quotes the buyer accepted, over the quotes the buyer decided on (accepted,
  rejected or let expire);
- fees collected: fees paid, less what was refunded;
- meeting attendance: attendances over the seats (the prospects invited by each meeting).

Over a period (`Months`), each figure sums the months of the events that made it: an RFQ
received, answered, quoted, decided or awarded, a fee assessed, paid or refunded, seed
funding granted or disbursed, each in its own month. Members over time keep counting
from the first join, and show the years of the period.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import UTC, date, datetime
from decimal import Decimal
from statistics import median
from typing import Any
from uuid import UUID

from sqlalchemy import func, select
from sqlalchemy.engine import Engine

from marketplace.dashboard.bidrollups import answers, contract_values, quote_waits
from marketplace.dashboard.months import ALL_TIME, Months
from marketplace.dashboard.readmodel import KPI_KEYS, kpi_counters, member_moves
from marketplace.errors import NotFoundError
from marketplace.fees.totals import fee_totals
from marketplace.formation.readmodel import seed_ledger
from marketplace.projection.batch import month_of
from marketplace.storefront.readmodel import catalog, seed_funding

Row = dict[str, Any]
# Whose figures: one consortium (its id), several summed (an agency's: a set of ids, none
# giving zeros), or None for every consortium of the installation.
Scope = UUID | str | Collection[UUID | str] | None
DAY_SECONDS = Decimal(86400)


def percent(part: int, whole: int) -> int | None:
    """A share as a whole percentage; None when there is nothing to share."""
    return round(100 * part / whole) if whole else None


def consortium_named(engine: Engine, slug: str) -> Row:
    """The id, slug and name of a consortium of the catalog."""
    with engine.connect() as conn:
        row = conn.execute(select(catalog.c.consortium_id, catalog.c.slug, catalog.c.name)
                           .where(catalog.c.slug == slug)).first()
    if row is None:
        raise NotFoundError("there is no consortium called %(slug)s", slug=repr(slug))
    return dict(row._mapping)


def list_dashboards(engine: Engine) -> list[Row]:
    """The consortia that have a dashboard, by name."""
    with engine.connect() as conn:
        return [dict(r._mapping) for r in conn.execute(
            select(catalog.c.consortium_id, catalog.c.slug, catalog.c.name)
            .order_by(catalog.c.name))]


def _where(query: Any, table: Any, scope: Scope) -> Any:
    """The query over the scope's consortia: the same rollups, filtered by their key."""
    if scope is None:
        return query
    if isinstance(scope, UUID | str):
        return query.where(table.c.consortium_id == str(scope))
    return query.where(table.c.consortium_id.in_(sorted({str(c) for c in scope})))


def _median_days_to_quote(conn: Any, scope: Scope, quoted: int, months: Months
                          ) -> Decimal | None:
    """The middle wait (or the mean of the two middle ones), read off the waits' index."""
    if not quoted:
        return None
    query = months.where(_where(select(quote_waits.c.wait_us), quote_waits, scope),
                         quote_waits.c.month)
    middle = conn.execute(query.order_by(quote_waits.c.wait_us)
                          .offset((quoted - 1) // 2).limit(2 - quoted % 2)).scalars().all()
    # As timedelta.total_seconds() gives them: microseconds over a million, as a float.
    waits = [Decimal(wait_us / 1_000_000) / DAY_SECONDS for wait_us in middle]
    return round(median(waits), 1)


def _bid_figures(engine: Engine, scope: Scope, months: Months = ALL_TIME) -> Row:
    """Answers, the median time to quote and contract values, from the dashboard's rollups."""
    totals = select(*(func.coalesce(func.sum(column), 0) for column in (
        answers.c.answered, answers.c.answered_on_time, answers.c.quoted)))
    answer_query = months.where(_where(totals, answers, scope), answers.c.month)
    values = select(contract_values.c.currency, contract_values.c.buyer_country,
                    contract_values.c.contracts, contract_values.c.value)
    value_query = months.where(_where(values, contract_values, scope),
                               contract_values.c.month)
    with engine.connect() as conn:
        answered, on_time, quoted = (int(n) for n in conn.execute(answer_query).one())
        median_days = _median_days_to_quote(conn, scope, quoted, months)
        # Summed in Python: exact Decimals, never a database's float. A month's row may
        # hold no contract (an award replaced in a later month), so the sums decide.
        sums: dict[tuple[str, str], tuple[int, Decimal]] = {}
        for row in conn.execute(value_query):
            contracts, value = sums.get((row.currency, row.buyer_country), (0, Decimal(0)))
            sums[(row.currency, row.buyer_country)] = (contracts + row.contracts,
                                                       value + row.value)
    by_country: dict[str, dict[str, Decimal]] = {}
    for (currency, country), (contracts, value) in sums.items():
        if contracts:
            by_country.setdefault(currency, {})[country] = value
    return {
        "responses": answered,
        "responses_on_time": on_time,
        "median_days_to_quote": median_days,
        "contract_value_by_country": {
            currency: sorted(countries.items(), key=lambda item: (-item[1], item[0]))
            for currency, countries in sorted(by_country.items())},
    }


def _fee_figures(engine: Engine, scope: Scope, months: Months = ALL_TIME) -> dict[str, Row]:
    """Fees assessed and collected per currency, summed in Python from the kept totals;
    a currency whose fees changed nothing in the period is left out."""
    query = months.where(_where(select(fee_totals.c.currency, fee_totals.c.fees,
                                       fee_totals.c.assessed, fee_totals.c.collected),
                                fee_totals, scope), fee_totals.c.month)
    sums: dict[str, Row] = {}
    with engine.connect() as conn:
        for row in conn.execute(query):
            entry = sums.setdefault(row.currency, {"fees": 0, "assessed": Decimal(0),
                                                   "collected": Decimal(0)})
            entry["fees"] += row.fees
            entry["assessed"] += row.assessed
            entry["collected"] += row.collected
    return {currency: {"assessed": entry["assessed"], "collected": entry["collected"]}
            for currency, entry in sorted(sums.items()) if any(entry.values())}


def _members_over_time(engine: Engine, scope: Scope, today: date,
                       months: Months = ALL_TIME) -> list[tuple[int, int]]:
    """Members at the end of each year, from the first join to this year; over a period,
    the years it touches, still counted from the first join."""
    query = _where(select(member_moves.c.month, member_moves.c.joined, member_moves.c.left),
                   member_moves, scope)
    change: dict[int, int] = {}
    with engine.connect() as conn:
        for row in conn.execute(query):
            year = int(row.month[:4])
            change[year] = change.get(year, 0) + row.joined - row.left
    if not change:
        return []
    counted, series = 0, []
    for year in range(min(change), max(today.year, max(change)) + 1):
        counted += change.get(year, 0)
        if months.holds_year(year):
            series.append((year, counted))
    return series


def dashboard(engine: Engine, scope: Scope = None,
              today: date | None = None, months: Months = ALL_TIME) -> Row:
    """Every KPI of the dashboard, for one consortium, summed over several (an agency's) or
    over all consortia, over all time or the months of a period."""
    today = today or datetime.now(tz=UTC).date()
    base = kpis(engine, scope, months)
    c = base["counters"]
    bid = _bid_figures(engine, scope, months)
    decided = c["quotes_accepted"] + c["quotes_rejected"] + c["quotes_expired"]
    return {
        "rfqs_received": c["rfqs_received"],
        "quotes_submitted": c["quotes_submitted"],
        "quotes_on_time": c["quotes_on_time"],
        "responses": bid["responses"],
        "responses_on_time": bid["responses_on_time"],
        "on_time_response_rate": percent(bid["responses_on_time"], bid["responses"]),
        "median_days_to_quote": bid["median_days_to_quote"],
        "quotes_won": c["quotes_accepted"],
        "quotes_decided": decided,
        "win_rate": percent(c["quotes_accepted"], decided),
        "contracts_awarded": c["contracts_awarded"],
        "contract_value_by_country": bid["contract_value_by_country"],
        "fees": _fee_figures(engine, scope, months),
        "seed_funding": base["seed_funding"],
        "members_over_time": _members_over_time(engine, scope, today, months),
        "trust": {
            "meetings_held": c["meetings_held"],
            "meeting_attendances": c["meeting_attendances"],
            "meeting_seats": c["meeting_seats"],
            "attendance_rate": percent(c["meeting_attendances"], c["meeting_seats"]),
            "endorsements": c["endorsements"],
            "fees_paid": c["fees_paid"],
            "fees_paid_on_time": c["fees_paid_on_time"],
            "fees_on_time_rate": percent(c["fees_paid_on_time"], c["fees_paid"]),
        },
    }


def _seed_in(conn: Any, scope: Scope, months: Months) -> dict[tuple[str, str], Decimal]:
    """Seed funding granted and disbursed in the period, per currency: from the ledger's
    entries (a few per consortium), each as corrected, in the month it was recorded."""
    query = _where(select(seed_ledger.c.kind, seed_ledger.c.currency, seed_ledger.c.amount,
                          seed_ledger.c.corrected, seed_ledger.c.at),
                   seed_ledger, scope)
    sums: dict[tuple[str, str], Decimal] = {}
    for row in conn.execute(query):
        if months.holds(month_of(row.at)):
            amount = row.amount if row.corrected is None else row.corrected
            sums[(row.currency, row.kind)] = sums.get((row.currency, row.kind), 0) + amount
    return sums


def kpis(engine: Engine, scope: Scope = None, months: Months = ALL_TIME) -> Row:
    """KPI counters and seed funding of one consortium, or summed over several or all of
    them; over a period, the counters and the funding granted and disbursed are those of
    its months, the programme cap the one that holds."""
    counters_of = _where(select(kpi_counters.c.key, func.sum(kpi_counters.c.value)),
                         kpi_counters, scope)
    counter_query = months.where(counters_of.group_by(kpi_counters.c.key),
                                 kpi_counters.c.month)
    funding_query = _where(select(seed_funding), seed_funding, scope)
    with engine.connect() as conn:
        counters = dict.fromkeys(KPI_KEYS, 0)
        counters.update({key: int(value) for key, value in conn.execute(counter_query)})
        funding: dict[str, dict[str, Decimal]] = {}
        for row in conn.execute(funding_query):
            sums = funding.setdefault(row.currency, dict.fromkeys(
                ("programme_cap", "granted", "disbursed"), Decimal(0)))
            for key in sums:
                sums[key] += getattr(row, key)
        if not months.all_time:
            period = _seed_in(conn, scope, months)
            for currency, sums in funding.items():
                sums["granted"] = period.get((currency, "granted"), Decimal(0))
                sums["disbursed"] = period.get((currency, "disbursed"), Decimal(0))
    submitted = counters["quotes_submitted"]
    on_time = round(100 * counters["quotes_on_time"] / submitted) if submitted else None
    return {"counters": counters, "seed_funding": funding, "quotes_on_time_percent": on_time}
