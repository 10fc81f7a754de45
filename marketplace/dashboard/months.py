"""The dashboard's period: a range of calendar months (UTC), or all time.

Every figure of the dashboard is kept per month, in the month of the event that made it,
so a period is a filter on the month column of the roll-up tables: `YYYY-MM` text, whose
order is the months' order. Either end may be open.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date
from typing import Any

FIRST_YEAR, LAST_YEAR = 2000, 2100  # the months a period may name


def month_key(year: int, month: int) -> str:
    """A month as the roll-up tables key it: YYYY-MM."""
    return f"{year:04d}-{month:02d}"


def shift(key: str, months: int) -> str:
    """The month `months` after (or before, if negative) the month `key`."""
    n = int(key[:4]) * 12 + int(key[5:7]) - 1 + months
    return month_key(n // 12, n % 12 + 1)


@dataclass(frozen=True)
class Months:
    """From the month `first` to the month `last`, both included; None is open-ended."""

    first: str | None = None
    last: str | None = None

    @property
    def all_time(self) -> bool:
        return self.first is None and self.last is None

    def where(self, query: Any, column: Any) -> Any:
        """The query kept to rows whose month column falls in the period."""
        if self.first is not None:
            query = query.where(column >= self.first)
        if self.last is not None:
            query = query.where(column <= self.last)
        return query

    def holds(self, key: str) -> bool:
        """Whether the month `key` (YYYY-MM) falls in the period."""
        return (self.first is None or self.first <= key) and \
            (self.last is None or key <= self.last)

    def holds_year(self, year: int) -> bool:
        """Whether any month of the year falls in the period."""
        return (self.first is None or int(self.first[:4]) <= year) and \
            (self.last is None or year <= int(self.last[:4]))

    def last_day(self) -> date | None:
        """The last day of the period; None if open at the end."""
        if self.last is None:
            return None
        year, month = int(self.last[:4]), int(self.last[5:7])
        return date(year, month, calendar.monthrange(year, month)[1])


ALL_TIME = Months()
