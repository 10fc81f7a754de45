"""The dashboard's KPIs counted straight from the stored events, without any read model.

A second, independent way to the same figures: it reads the notifications in order,
decodes them with the application's mapper and tallies each consortium's figures. Over a
period, it counts only the events whose timestamp (UTC) falls in one of its months, as the
dashboard promises ("figures by the month each event happened"); members over time still
count from the first join, and show the period's years.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator
from datetime import UTC, date
from decimal import Decimal
from statistics import median
from typing import Any

from marketplace.application import Marketplace
from marketplace.dashboard.months import ALL_TIME, Months


def stored_events(app: Marketplace) -> Iterator[Any]:
    """Every stored event, decoded, in the order it was recorded."""
    start = 1
    while notifications := app.recorder.select_notifications(start, 500):
        for notification in notifications:
            yield app.mapper.to_domain_event(notification)
        start = notifications[-1].id + 1


class Tally:
    """The raw figures of one consortium."""

    def __init__(self) -> None:
        self.counts: Counter[str] = Counter()
        self.waits: list[Decimal] = []
        self.contracts: dict[str, Counter[str]] = defaultdict(Counter)
        self.fees: dict[str, dict[str, Decimal]] = {}
        self.seed: dict[str, dict[str, Decimal]] = {}
        self.members_by_year: Counter[int] = Counter()


def _pct(part: int, whole: int) -> int | None:
    return round(100 * part / whole) if whole else None


def _in(months: Months, event: Any) -> bool:
    month = event.timestamp.astimezone(UTC).strftime("%Y-%m")
    return (months.first is None or months.first <= month) and \
        (months.last is None or month <= months.last)


def tally(app: Marketplace, months: Months = ALL_TIME) -> dict[str, Tally]:
    """Each consortium's raw figures, keyed by consortium id, over the period's months."""
    per: dict[str, Tally] = defaultdict(Tally)
    # Outside the period, the figures that count go to a tally no one reads; what the
    # period needs from before it (owners, seats, due days) is kept all the same.
    aside: dict[str, Tally] = defaultdict(Tally)
    everything = per
    owner: dict[str, str] = {}  # bid or membership -> consortium
    bids: dict[str, Any] = {}  # bid -> its QuoteRequested
    fees_due: dict[tuple[str, str], date] = {}
    prospects: Counter[str] = Counter()
    for event in stored_events(app):
        kind = type(event).__qualname__
        me = str(event.originator_id)
        per = everything if _in(months, event) else aside
        if kind == "Consortium.Proposed":
            cap = event.programme_cap
            for t in (everything[me], aside[me]):  # the cap holds whenever it was set
                t.seed[cap.currency] = {"programme_cap": cap.amount, "granted": Decimal(0),
                                        "disbursed": Decimal(0)}
        elif kind == "Consortium.ProspectIdentified":
            prospects[me] += 1
        elif kind == "Consortium.MeetingHeld":
            per[me].counts["meetings"] += 1
            per[me].counts["attendances"] += len(event.attendees)
            per[me].counts["seats"] += prospects[me]
        elif kind in ("Consortium.SeedFundingGranted", "Consortium.SeedFundingDisbursed"):
            key = "granted" if kind.endswith("Granted") else "disbursed"
            per[me].seed[event.amount.currency][key] += event.amount.amount
        elif kind == "Membership.Invited":
            owner[me] = str(event.consortium_id)
        elif kind == "Membership.Joined":
            everything[owner[me]].members_by_year[event.on.year] += 1
        elif kind == "Membership.Left":
            everything[owner[me]].members_by_year[event.timestamp.year] -= 1
        elif kind == "Membership.Endorsed":
            per[owner[me]].counts["endorsements"] += 1
        elif kind == "Membership.FeeAssessed":
            fees_due[(me, event.fee_id)] = event.due_on
            sums = per[owner[me]].fees.setdefault(
                event.amount.currency, {"assessed": Decimal(0), "collected": Decimal(0)})
            sums["assessed"] += event.amount.amount
        elif kind == "Membership.FeePaid":
            t = per[owner[me]]
            t.fees.setdefault(event.amount.currency, {"assessed": Decimal(0),
                                                      "collected": Decimal(0)})
            t.fees[event.amount.currency]["collected"] += event.amount.amount
            t.counts["fees_paid"] += 1
            t.counts["fees_on_time"] += event.timestamp.date() <= fees_due[(me, event.fee_id)]
        elif kind == "Membership.FeeRefunded":
            per[owner[me]].fees.setdefault(event.amount.currency, {"assessed": Decimal(0),
                                                                   "collected": Decimal(0)})
            per[owner[me]].fees[event.amount.currency]["collected"] -= event.amount.amount
        elif kind == "Bid.QuoteRequested":
            owner[me] = str(event.consortium_id)
            bids[me] = event
            per[owner[me]].counts["rfqs"] += 1
        elif kind in ("Bid.QuoteSubmitted", "Bid.Declined"):
            t, rfq = per[owner[me]], bids[me]
            t.counts["responses"] += 1
            t.counts["responses_on_time"] += event.timestamp <= rfq.respond_by
            if kind == "Bid.QuoteSubmitted":
                t.counts["quotes"] += 1
                t.counts["quotes_on_time"] += event.timestamp <= rfq.respond_by
                t.waits.append(Decimal((event.timestamp - rfq.timestamp).total_seconds())
                               / Decimal(86400))
        elif kind in ("Bid.QuoteAccepted", "Bid.QuoteRejected", "Bid.QuoteExpired"):
            per[owner[me]].counts[kind.removeprefix("Bid.Quote").lower()] += 1
        elif kind == "Bid.ContractAwarded":
            t = per[owner[me]]
            t.counts["contracts"] += 1
            t.contracts[event.value.currency][bids[me].country.code] += event.value.amount
    for t in everything.values():  # a currency whose fees moved nothing in the period
        t.fees = {currency: sums for currency, sums in t.fees.items() if any(sums.values())}
    return everything


def merge(tallies: list[Tally]) -> Tally:
    """The figures over several consortia."""
    total = Tally()
    for t in tallies:
        total.counts.update(t.counts)
        total.waits += t.waits
        total.members_by_year.update(t.members_by_year)
        for currency, countries in t.contracts.items():
            total.contracts[currency].update(countries)
        for target, source in ((total.fees, t.fees), (total.seed, t.seed)):
            for currency, sums in source.items():
                into = target.setdefault(currency, dict.fromkeys(sums, Decimal(0)))
                for key, value in sums.items():
                    into[key] += value
    return total


def figures(t: Tally, today: date, months: Months = ALL_TIME) -> dict[str, Any]:
    """The tally in the dashboard's own terms (marketplace/dashboard/queries.py)."""
    c = t.counts
    decided = c["accepted"] + c["rejected"] + c["expired"]
    members, running = [], 0
    if t.members_by_year:
        for year in range(min(t.members_by_year), max(today.year, *t.members_by_year) + 1):
            running += t.members_by_year[year]
            if (months.first is None or int(months.first[:4]) <= year) and \
                    (months.last is None or year <= int(months.last[:4])):
                members.append((year, running))
    return {
        "rfqs_received": c["rfqs"], "quotes_submitted": c["quotes"],
        "quotes_on_time": c["quotes_on_time"], "responses": c["responses"],
        "responses_on_time": c["responses_on_time"],
        "on_time_response_rate": _pct(c["responses_on_time"], c["responses"]),
        "median_days_to_quote": round(median(t.waits), 1) if t.waits else None,
        "quotes_won": c["accepted"], "quotes_decided": decided,
        "win_rate": _pct(c["accepted"], decided), "contracts_awarded": c["contracts"],
        "contract_value_by_country": {
            currency: sorted(countries.items(), key=lambda item: (-item[1], item[0]))
            for currency, countries in sorted(t.contracts.items())},
        "fees": dict(sorted(t.fees.items())),
        "seed_funding": t.seed,
        "members_over_time": members,
        "trust": {
            "meetings_held": c["meetings"], "meeting_attendances": c["attendances"],
            "meeting_seats": c["seats"], "attendance_rate": _pct(c["attendances"], c["seats"]),
            "endorsements": c["endorsements"], "fees_paid": c["fees_paid"],
            "fees_paid_on_time": c["fees_on_time"],
            "fees_on_time_rate": _pct(c["fees_on_time"], c["fees_paid"]),
        },
    }
