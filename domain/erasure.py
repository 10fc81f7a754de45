"""The ErasureRequest aggregate: a person's right to erasure (GDPR art. 17), fulfilled."""

from __future__ import annotations

import re
from uuid import UUID

from eventsourcing.domain import event

from domain.base import DomainAggregate
from domain.errors import N_, InvalidValueError
from domain.text import text

_ADDRESS = re.compile(r"[^@\s]+@[^@\s]+")


class ErasureRequest(DomainAggregate):
    """The record that a person's data was erased; it names them only by vault reference."""

    class Fulfilled(DomainAggregate.Created):
        refs: list[UUID]
        count: int
        reason: str

    @classmethod
    def fulfil(cls, *, refs: list[UUID], reason: str) -> ErasureRequest:
        """Record the erasure of the personal data kept under these vault references."""
        if not refs:
            raise InvalidValueError("an erasure erases at least one person's data")
        reason = text(reason, N_("the reason"), 500)
        # The event is kept for ever, so it must not hold what was just erased.
        if _ADDRESS.search(reason):
            raise InvalidValueError("the reason is kept for ever: leave the e-mail address out")
        return cls(refs=list(refs), count=len(refs), reason=reason)

    @event(Fulfilled)
    def __init__(self, refs: list[UUID], count: int, reason: str) -> None:
        self.refs = refs
        self.count = count
        self.reason = reason
