"""What the auditor reads of one aggregate: each event, the state after it, what it changed.

States are shown in the plain form of the exports (amounts as exact text, times in UTC),
so what an auditor reads on screen is what they find in the JSON Lines export.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from uuid import UUID

from marketplace.audit.history import event_data
from marketplace.commanding import as_uuid, project
from marketplace.errors import NotFoundError
from marketplace.exports.plain import plain


@dataclass(frozen=True)
class Change:
    """One attribute an event changed: its value before and after (None: absent)."""

    name: str
    before: Any
    after: Any


@dataclass(frozen=True)
class Step:
    """One event of an aggregate, the state it left, and what it changed."""

    version: int
    type: str
    timestamp: Any
    data: dict[str, Any]
    state: dict[str, Any]
    changes: tuple[Change, ...]


def readable(value: Any) -> Any:
    """A value in its plain JSON form; one the exports cannot name is shown as text."""
    try:
        return plain(value)
    except TypeError:
        return str(value)


def state_of(aggregate: Any) -> dict[str, Any]:
    """An aggregate's attributes as the auditor reads them (eventsourcing's own left out)."""
    return {name: readable(value) for name, value in sorted(vars(aggregate).items())
            if not name.startswith("_")}


def diff(before: dict[str, Any], after: dict[str, Any], within: str = "") -> tuple[Change, ...]:
    """The attributes whose values differ between two states, by name.

    Inside an attribute that holds a mapping (a bid's contributions, a membership's fees)
    only the entries that changed are named, as `contributions[design:…]`: an event
    touches one entry, and the auditor should not have to find it among the others.
    """
    changes: list[Change] = []
    for name in sorted(before.keys() | after.keys()):
        old, new = before.get(name), after.get(name)
        if old == new:
            continue
        label = f"{within}[{name}]" if within else name
        if not within and isinstance(old, dict) and isinstance(new, dict):
            changes.extend(diff(old, new, label))
        else:
            changes.append(Change(label, old, new))
    return tuple(changes)


def steps(app: Any, aggregate_id: UUID | str) -> list[Step]:
    """Every event of one aggregate with the state after it and its changes, oldest first."""
    uid = as_uuid(aggregate_id)
    aggregate: Any = None
    state: dict[str, Any] = {}
    found: list[Step] = []
    # One pass over the events: each state is the previous one plus one event.
    for event in app.events.get(uid):
        aggregate = project(aggregate, [event])
        after = state_of(aggregate)
        found.append(Step(event.originator_version, type(event).__qualname__, event.timestamp,
                          {k: readable(v) for k, v in event_data(event).items()}, after,
                          diff(state, after)))
        state = after
    if not found:
        raise NotFoundError("there is nothing with id %(id)s", id=str(uid))
    return found


@dataclass(frozen=True)
class Corrections:
    """Which step corrects which in one history: corrections are new events that name the
    entry they correct (a version, or the id the entry recorded: a meeting, a fee)."""

    corrected_by: dict[int, list[Step]]  # a corrected version -> the steps correcting it
    corrects: dict[int, int]  # a correcting version -> the version it corrects

    @classmethod
    def of(cls, history: list[Step]) -> Corrections:
        corrected_by: dict[int, list[Step]] = {}
        corrects: dict[int, int] = {}
        for n, step in enumerate(history):
            named = step.data.get("corrects")
            if named is None:
                continue
            target = named if isinstance(named, int) else _recorded(history[:n], str(named))
            if target is not None:
                corrects[step.version] = target
                corrected_by.setdefault(target, []).append(step)
        return cls(corrected_by, corrects)


def _recorded(earlier: list[Step], ident: str) -> int | None:
    """The latest earlier entry (not itself a correction) that recorded `ident`."""
    for step in reversed(earlier):
        if "corrects" not in step.data and ident in map(str, step.data.values()):
            return step.version
    return None


def event_at(app: Any, position: int) -> Any:
    """The stored event at a log position, decoded."""
    notifications = app.recorder.select_notifications(position, 1, stop=position)
    if not notifications or notifications[0].id != position:
        raise NotFoundError("no event is stored at position %(position)s",
                            position=str(position))
    return app.mapper.to_domain_event(notifications[0])
