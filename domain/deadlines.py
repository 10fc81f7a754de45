"""Response deadlines, counted in working days (Monday to Friday)."""

from __future__ import annotations

from datetime import datetime, timedelta


def working_days_after(moment: datetime, days: int) -> datetime:
    """The same time of day, `days` working days later."""
    result = moment
    left = days
    while left > 0:
        result += timedelta(days=1)
        if result.weekday() < 5:
            left -= 1
    return result
