"""The dashboard's period form: from a month to a month (YYYY-MM), read from the query.

GET, so that a period is a link: the page, its htmx fragment and its downloads all take
`from` and `to`. Either may be left blank (open-ended); both blank is all time. What was
typed is kept, so a refused period comes back as it was typed, with the reason.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from babel.dates import format_skeleton
from flask import request
from flask_babel import get_locale
from flask_babel import gettext as _

from marketplace.dashboard.months import ALL_TIME, FIRST_YEAR, LAST_YEAR, Months, month_key, shift

LIMIT = 20  # longer than any month, however written: refused before it is read
_MONTH = re.compile(r"(\d{4})-(\d{1,2})", re.ASCII)


@dataclass(frozen=True)
class Period:
    """The months asked for, as typed; `months` is None when the form was refused."""

    typed: dict[str, str]
    months: Months | None
    problems: dict[str, str] = field(default_factory=dict)

    @property
    def args(self) -> dict[str, str]:
        """The query that asks for this period again (for links and downloads)."""
        return {name: value for name, value in self.typed.items() if value}

    @property
    def problem(self) -> str:
        return " ".join(dict.fromkeys(self.problems.values()))


def _month(value: str) -> tuple[str | None, str | None]:
    """The month typed, as YYYY-MM, or the reason it cannot be read."""
    found = _MONTH.fullmatch(value)
    if found is None or not 1 <= int(found[2]) <= 12:
        return None, _("Give months as YYYY-MM, for example 2026-03.")
    if not FIRST_YEAR <= int(found[1]) <= LAST_YEAR:
        return None, _("Give months from %(first)s to %(last)s.", first=f"{FIRST_YEAR}-01",
                       last=f"{LAST_YEAR}-12")
    return month_key(int(found[1]), int(found[2])), None


def read() -> Period:
    """The period of the query: all time when none is given."""
    asked = {"from": request.args.get("from", ""), "to": request.args.get("to", "")}
    typed = {name: value.strip()[:LIMIT + 1] for name, value in asked.items()}
    ends: dict[str, str | None] = {}
    problems: dict[str, str] = {}
    for name, value in typed.items():
        if len(value) > LIMIT:
            problems[name] = _("Give months as YYYY-MM, for example 2026-03.")
            typed[name] = value[:LIMIT]
        elif value:
            ends[name], problem = _month(value)
            if problem:
                problems[name] = problem
    first, last = ends.get("from"), ends.get("to")
    if not problems and first and last and first > last:
        problems["to"] = _("The period ends before it starts: give a “to” month on or after "
                           "the “from” month.")
    if problems:
        return Period(typed, None, problems)
    return Period(typed, Months(first, last) if first or last else ALL_TIME)


def written(key: str) -> str:
    """A month (YYYY-MM) in the page's language: March 2026."""
    return format_skeleton("yMMMM", date(int(key[:4]), int(key[5:7]), 1),
                           locale=get_locale() or "en")


def label(months: Months) -> str:
    """The period in words, for headings and file headers."""
    if months.all_time:
        return _("All time")
    if months.first is None:
        return _("Up to %(last)s", last=written(str(months.last)))
    if months.last is None:
        return _("From %(first)s", first=written(months.first))
    if months.first == months.last:
        return written(months.first)
    return _("%(first)s to %(last)s", first=written(months.first),
             last=written(months.last))


def slug(months: Months) -> str:
    """The period in a file name: 2026-01-to-2026-12, from-2026-01, all-time."""
    if months.all_time:
        return "all-time"
    if months.first is None:
        return f"to-{months.last}"
    if months.last is None:
        return f"from-{months.first}"
    return months.first if months.first == months.last else f"{months.first}-to-{months.last}"


def choices(today: date) -> list[tuple[str, dict[str, str]]]:
    """The quick choices, each with its query: this year, last year, the last 12 months,
    all time."""
    now = month_key(today.year, today.month)
    return [
        (_("This year"), {"from": f"{today.year:04d}-01", "to": f"{today.year:04d}-12"}),
        (_("Last year"), {"from": f"{today.year - 1:04d}-01", "to": f"{today.year - 1:04d}-12"}),
        (_("Last 12 months"), {"from": shift(now, -11), "to": now}),
        (_("All time"), {}),
    ]
