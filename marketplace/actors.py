"""Who causes the events of a command: a signed-in user, a buyer, a webhook, or the system.

The front end says who is acting (`acting_as`); the recorder writes it into the hash
chain beside each event, covered by the chain's keyed hash, so it cannot be changed
quietly afterwards. Commands and aggregates never need to know.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

SYSTEM = "system"
BUYER = "buyer"
STRIPE_WEBHOOK = "stripe webhook"

_actor: ContextVar[str] = ContextVar("actor", default=SYSTEM)


def user(account_id: str, roles: set[str] | list[str]) -> str:
    """How a signed-in user is recorded: their account id and the roles they held."""
    return f"user:{account_id} ({'+'.join(sorted(roles)) or 'no role'})"


def current_actor() -> str:
    """Who is acting now ("system" unless a front end said otherwise)."""
    return _actor.get()


def set_actor(actor: str) -> None:
    """Say who acts for the rest of this context (a web request sets it first thing)."""
    _actor.set(actor)


@contextmanager
def acting_as(actor: str) -> Iterator[None]:
    """Act as someone for the commands inside the block."""
    token = _actor.set(actor)
    try:
        yield
    finally:
        _actor.reset(token)
