"""Verification: recompute the hash chain over the stored events and find the first damage."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, Protocol

from eventsourcing.persistence import Notification

from marketplace.audit.chain import DEVELOPMENT_KEY, GENESIS, Chain, ChainRow, Head
from marketplace.errors import ConfigurationError

PAGE = 2000
_HEAD = re.compile(r"^([0-9a-fA-F]{64})@([1-9][0-9]*)$")


class ChainedRecorder(Protocol):
    def select_notifications(self, start: int | None, limit: int,
                             stop: int | None = None) -> Any: ...
    def max_notification_id(self) -> int | None: ...
    def select_chain(self, start: int, limit: int, stop: int) -> list[ChainRow]: ...
    def chain_head(self) -> ChainRow | None: ...


@dataclass(frozen=True)
class Problem:
    """The first bad position: what is wrong there, and which aggregate it concerns."""

    position: int
    kind: str  # modified, deleted, inserted, reordered, unchained, rewritten, truncated
    detail: str
    aggregate_id: str | None = None

    def __str__(self) -> str:
        where = f" (aggregate {self.aggregate_id})" if self.aggregate_id else ""
        return f"position {self.position}{where}: {self.kind}: {self.detail}"


@dataclass(frozen=True)
class Verdict:
    """What a verification found: the events covered, the head, and the first problem if any."""

    events: int
    head: Head
    problem: Problem | None = None

    @property
    def intact(self) -> bool:
        return self.problem is None


def parse_head(text: str) -> Head:
    """`HASH@POSITION` as `audit verify` prints it, or a clear error."""
    match = _HEAD.match(text.strip())
    if not match:
        raise ConfigurationError("expected a head as HASH@POSITION (64 hex digits, @, a "
                                 "position from 1), got %(head)s", head=repr(text))
    return Head(bytes.fromhex(match[1]), int(match[2]))


def verify(recorder: Any, key: bytes | None = None, *, expect: Head | None = None,
           progress: Callable[[int, int], Any] | None = None, page: int = PAGE) -> Verdict:
    """Walk the events and the chain side by side in position order; stop at the first damage."""
    if not hasattr(recorder, "select_chain"):
        raise ConfigurationError("this store keeps no hash chain")
    chained: ChainedRecorder = recorder
    # Read the log's end before the chain's: whatever commits in between lies past both.
    last_event = chained.max_notification_id() or 0
    last_link = chained.chain_head()
    stop = max(last_event, last_link.position if last_link else 0)
    # Without a key of its own, the check uses the key the store's recorder writes with.
    chain = Chain(key) if key is not None else getattr(recorder, "chain", Chain(DEVELOPMENT_KEY))
    walk = _Walk(chain, expect)
    events = _pages(lambda start: chained.select_notifications(start, page, stop=stop), page)
    links = _pages(lambda start: chained.select_chain(start, page, stop), page)
    event, link = next(events, None), next(links, None)
    steps = 0
    while event is not None or link is not None:
        if link is None or (event is not None and event.id < link.position):
            problem = walk.unlinked(event)
            event = next(events, None)
        elif event is None or link.position < event.id:
            problem = walk.orphan(link)
            link = next(links, None)
        else:
            problem = walk.step(event, link)
            event, link = next(events, None), next(links, None)
        if problem is not None:
            return Verdict(walk.events, walk.head, problem)
        steps += 1
        if progress is not None and steps % page == 0:
            progress(walk.head.position, stop)
    if progress is not None:
        progress(stop, stop)
    return Verdict(walk.events, walk.head, walk.finish())


def _pages(fetch: Callable[[int], Any], page: int) -> Iterator[Any]:
    start = 1
    while True:
        batch = fetch(start)
        yield from batch
        if len(batch) < page:
            return
        last = batch[-1]
        start = (last.id if isinstance(last, Notification) else last.position) + 1


class _Walk:
    """The state of one walk: the recomputed head, and events that no chain row covers."""

    def __init__(self, chain: Chain, expect: Head | None) -> None:
        self.chain = chain
        self.expect = expect
        self.events = 0
        self.head = Head(GENESIS, 0)
        self.predating: list[Notification] = []

    def unlinked(self, event: Any) -> Problem | None:
        if self.head.position == 0:
            # Before the first chain row: an old store's events, or ones slipped in before it.
            self.predating.append(event)
            return None
        return Problem(event.id, "inserted", "this event has no chain row: it was added "
                       "outside the application", str(event.originator_id))

    def orphan(self, link: ChainRow) -> Problem | None:
        return self._unchained() or Problem(
            link.position, "deleted", f"the chain records version {link.originator_version} "
            "of this aggregate here, and the event is gone", link.originator_id)

    def step(self, event: Any, link: ChainRow) -> Problem | None:
        if problem := self._unchained():
            return problem
        here = str(event.originator_id)
        if (here, event.originator_version) != (link.originator_id, link.originator_version):
            return Problem(event.id, "reordered", f"holds version {event.originator_version} "
                           f"of this aggregate, where the chain recorded version "
                           f"{link.originator_version} of {link.originator_id}", here)
        hashed = self.chain.link(self.head.hash, event.id, event, here, link.actor)
        if hashed != link.hash:
            return Problem(event.id, "modified", "the stored event, or its chain row, is not "
                           "what was recorded: the keyed hash does not match", here)
        return self._advance(Head(hashed, event.id), here)

    def _advance(self, head: Head, aggregate_id: str) -> Problem | None:
        expect = self.expect
        if expect and self.head.position < expect.position <= head.position:
            if expect.position < head.position:
                return Problem(expect.position, "deleted", "the recorded head's position "
                               "holds no event any more")
            if expect.hash != head.hash:
                return Problem(head.position, "rewritten", "the history up to here differs "
                               "from the recorded head", aggregate_id)
        self.head = head
        self.events += 1
        return None

    def _unchained(self) -> Problem | None:
        if not self.predating:
            return None
        first = self.predating[0]
        return Problem(first.id, "unchained", f"{len(self.predating)} events before the first "
                       "chain row have no hash: they predate the chain or were inserted",
                       str(first.originator_id))

    def finish(self) -> Problem | None:
        if problem := self._unchained():
            return problem
        if self.expect and self.head.position < self.expect.position:
            return Problem(self.expect.position, "truncated", f"the history ends at position "
                           f"{self.head.position}, before the recorded head")
        return None
