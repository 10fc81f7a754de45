"""When an unpaid fee earns a reminder: the steps of the arrears procedure."""

from __future__ import annotations

from datetime import date

# A reminder the day after the due date, another two weeks on, and a final one when the
# grace period runs out (the day a consortium that suspends for arrears suspends).
FIRST_DAY = 1
SECOND_DAY = 14


def reminder_days(grace_days: int) -> tuple[int, ...]:
    """The days past due on which reminders fall due, in order; the last is the final one."""
    final = grace_days + 1
    return tuple(sorted({day for day in (FIRST_DAY, SECOND_DAY) if day < final} | {final}))


def reminder_step(due_on: date, today: date, grace_days: int) -> int:
    """How many reminder steps a fee due on `due_on` has reached by `today` (0 if none)."""
    late = (today - due_on).days
    return sum(1 for day in reminder_days(grace_days) if late >= day)
