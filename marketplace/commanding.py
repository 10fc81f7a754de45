"""What every command shares: the moment it happens, loading, and one retry on conflict."""

from __future__ import annotations

import functools
import random
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import TYPE_CHECKING, Any, TypeVar
from uuid import UUID

from eventsourcing.application import AggregateNotFoundError
from eventsourcing.persistence import IntegrityError

from domain import clock
from domain.base import DomainAggregate
from domain.errors import N_
from marketplace.errors import ConflictError, NotFoundError

if TYPE_CHECKING:
    from eventsourcing.application import Repository

    from marketplace.ports import Clock, PersonalDataVault
    from marketplace.serial import SerialSections

A = TypeVar("A", bound=DomainAggregate)
F = TypeVar("F", bound=Callable[..., Any])

# Saves whose followers (read models, outbox) wait until a block ends (see `notified_after`).
_deferred: ContextVar[list[Any] | None] = ContextVar("deferred_notifications", default=None)

# Versions a person saw when they filled in a form, by aggregate id (see `expecting`).
_expected: ContextVar[dict[UUID, int] | None] = ContextVar("expected_versions", default=None)

_NAMES = {"Bid": N_("RFQ"), "Membership": N_("membership"), "Consortium": N_("consortium"),
          "Company": N_("company")}
_IDS = {"Bid": N_("RFQ id"), "Membership": N_("membership id"),
        "Consortium": N_("consortium id"), "Company": N_("company id")}


def command(method: F) -> F:
    """Run a command at the clock's moment; retry once if another writer got there first.

    The retry reloads the aggregates, so the rules are checked again against what the
    other writer did. A second conflict is surfaced as ConflictError.
    """
    return _retrying(method, 2)


def contended_command(attempts: int) -> Callable[[F], F]:
    """A command that many writers run at once against one shared aggregate (every RFQ to
    a consortium takes the next number of its register of references): the same as
    `command`, tried up to `attempts` times. A person never changed what they saw here,
    so another try is always what they meant."""
    return lambda method: _retrying(method, attempts)


def _retrying(method: F, attempts: int) -> F:
    @functools.wraps(method)
    def run(self: CommandBase, *args: Any, **kwargs: Any) -> Any:
        for attempt in range(1, attempts + 1):
            try:
                with clock.occurring_at(self.clock.now()):
                    return method(self, *args, **kwargs)
            except IntegrityError:
                if attempt == attempts:
                    raise ConflictError(
                        "someone else changed this at the same moment; reload and try again"
                    ) from None
                # A short random pause stops two writers from clashing again in lockstep;
                # it grows with each try, so a crowd spreads out.
                time.sleep(random.uniform(0.005, 0.03) * attempt)
        raise AssertionError("unreachable")

    run.is_command = True  # type: ignore[attr-defined]  # lets tests list every command
    return run  # type: ignore[return-value]


def project(aggregate: Any, events: Iterable[Any]) -> Any:
    """Apply stored events to an aggregate, as eventsourcing's project_aggregate does.

    Without its per-event isinstance check against a runtime Protocol, which on
    Python 3.11 costs about a quarter of a command's time.
    """
    for event in events:
        aggregate = event.mutate(aggregate)
    return aggregate


def as_uuid(value: UUID | str, what: str = N_("id")) -> UUID:
    if isinstance(value, UUID):
        return value
    try:
        return UUID(str(value))
    except ValueError:
        raise NotFoundError("%(value)s is not a valid %(what)s",
                            value=repr(value), what=what) from None


class CommandBase:
    """The pieces of the Application that the command mixins rely on."""

    clock: Clock
    vault: PersonalDataVault
    repository: Repository
    serial: SerialSections

    if TYPE_CHECKING:  # provided by eventsourcing's Application

        def save(self, *objs: Any, **kwargs: Any) -> Any: ...

    @contextmanager
    def expecting(self, aggregate_id: UUID | str, version: int) -> Iterator[None]:
        """Commands run meanwhile refuse to touch the aggregate unless it is still at `version`.

        A person decides on what the page showed them; if another process changed the
        aggregate since, even between a freshness check and the command, the command raises
        ConflictError instead of applying their decision to a state they never saw.
        """
        token = _expected.set({**(_expected.get() or {}), as_uuid(aggregate_id): version})
        try:
            yield
        finally:
            _expected.reset(token)

    @contextmanager
    def notified_after(self) -> Iterator[None]:
        """Saves made in the block tell their followers when it ends, not at once.

        A serial section passes its turn on as soon as its events are stored; projecting
        them, or waiting for the projector, happens outside it.
        """
        held: list[Any] = []
        token = _deferred.set(held)
        try:
            yield
        finally:
            _deferred.reset(token)
            if held:
                self._notify(held)

    def _defer_notify(self, recordings: list[Any]) -> bool:
        """Keep the recordings for the end of a `notified_after` block, if in one."""
        held = _deferred.get()
        if held is None:
            return False
        held.extend(recordings)
        return True

    if TYPE_CHECKING:  # provided by the Application (marketplace.application)

        def _notify(self, recordings: list[Any]) -> None: ...

    @staticmethod
    def _saved_versions(saved: Iterable[tuple[UUID, int]]) -> None:
        # What this block itself saves is expected: a form that asks three members runs
        # three commands on one bid, each after the one before.
        expected = _expected.get() or {}
        for aggregate_id, version in saved:
            if aggregate_id in expected:
                expected[aggregate_id] = version

    def _load(self, cls: type[A], aggregate_id: UUID | str, *, to_change: bool = True) -> A:
        """The aggregate as it is now, to change and save; NotFoundError if there is none.

        The repository hands out a deep copy of its cached aggregate, so that a change
        never reaches the cache unsaved. An aggregate a command only reads (a rule to
        check) is `_read` instead: the cached one itself, without the copy, which for a
        consortium with its members and rules is most of a load's time.
        """
        name = _NAMES.get(cls.__name__, cls.__name__.lower())
        uid = as_uuid(aggregate_id, _IDS.get(cls.__name__, f"{name} id"))
        try:
            aggregate: object = self.repository.get(uid, projector_func=project,
                                                    deepcopy_from_cache=to_change)
        except AggregateNotFoundError:
            raise NotFoundError("there is no %(what)s with id %(id)s",
                                what=name, id=str(uid)) from None
        if not isinstance(aggregate, cls):
            raise NotFoundError("there is no %(what)s with id %(id)s", what=name, id=str(uid))
        expected = (_expected.get() or {}).get(uid)
        if expected is not None and aggregate.version != expected:
            raise ConflictError("this %(what)s changed since you opened it; reload and try again",
                                what=name)
        return aggregate

    def _read(self, cls: type[A], aggregate_id: UUID | str) -> A:
        """The aggregate as it is now, only to read: never change or save what this returns."""
        return self._load(cls, aggregate_id, to_change=False)

    def _exists(self, aggregate_id: UUID) -> bool:
        return aggregate_id in self.repository
