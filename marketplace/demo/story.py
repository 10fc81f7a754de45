"""The demo's story: steps at moments, told in the order they happened."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from uuid import UUID

from marketplace.application import Marketplace
from marketplace.ports import SteppingClock

STORY_START = datetime(2015, 3, 2, 9, 0, tzinfo=UTC)
STORY_END = datetime(2026, 11, 27, 18, 0, tzinfo=UTC)

Progress = Callable[[int, int], object]


def moment(day: date, hour: int = 10, minute: int = 0) -> datetime:
    """A moment on a day, in UTC office hours."""
    return datetime.combine(day, time(hour, minute), tzinfo=UTC)


def working_day(day: date, offset: int = 0) -> date:
    """The working day `offset` working days after `day` (Monday to Friday)."""
    while day.weekday() >= 5:
        day += timedelta(days=1)
    while offset > 0:
        day += timedelta(days=1)
        if day.weekday() < 5:
            offset -= 1
    return day


def later(day: date, days: int) -> date:
    """The first working day at least `days` calendar days after `day`."""
    return working_day(day + timedelta(days=days))


@dataclass
class Cast:
    """The ids the story's commands hand back, for the steps that come after."""

    agencies: dict[str, UUID] = field(default_factory=dict)
    consortia: dict[str, UUID] = field(default_factory=dict)
    companies: dict[tuple[str, int], UUID] = field(default_factory=dict)
    memberships: dict[tuple[str, int], UUID] = field(default_factory=dict)
    meetings: dict[tuple[str, int], UUID] = field(default_factory=dict)
    bids: dict[int, UUID] = field(default_factory=dict)


@dataclass(order=True)
class Step:
    at: datetime
    order: int
    action: Callable[..., Any] = field(compare=False)
    params: dict[str, Any] = field(compare=False)


class Story:
    """Steps collected in any order and told in time order; ties keep the order written."""

    def __init__(self) -> None:
        self.steps: list[Step] = []

    def at(self, when: datetime, action: Callable[..., Any], **params: Any) -> None:
        if not STORY_START <= when <= STORY_END:
            raise ValueError(f"the demo story runs from {STORY_START} to {STORY_END}: {when}")
        self.steps.append(Step(when, len(self.steps), action, params))

    def __len__(self) -> int:
        return len(self.steps)

    def tell(self, app: Marketplace, clock: SteppingClock, cast: Cast,
             progress: Progress | None = None) -> None:
        """Run every step at its moment."""
        steps = sorted(self.steps)
        for done, step in enumerate(steps, start=1):
            clock.set(step.at)
            step.action(app, cast, **step.params)
            if progress is not None:
                progress(done, len(steps))
