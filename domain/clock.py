"""When a command happens. Events take their timestamp from here.

The application sets the moment around each command from its clock port, so the
demo can tell a story over years and tests can stop time. Rules that depend on
time ("the deadline is in the future") read the same moment.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import UTC, datetime

_moment: ContextVar[datetime | None] = ContextVar("moment", default=None)


def now() -> datetime:
    """The moment of the command being decided, or the wall clock outside one."""
    return _moment.get() or datetime.now(tz=UTC)


@contextmanager
def occurring_at(moment: datetime) -> Iterator[datetime]:
    """Decide the commands inside this block as happening at `moment`."""
    if moment.tzinfo is None:
        raise ValueError("a moment must carry its time zone")
    token = _moment.set(moment)
    try:
        yield moment
    finally:
        _moment.reset(token)
