"""The keyed hash chain: its key, the canonical form of a stored event, and one link.

h_n = HMAC-SHA256(key, h_(n-1) || canonical(event n)), with h_0 = 32 zero bytes. The key
lives outside the database, so whoever can write to the tables cannot recompute the chain.
The canonical form includes who caused the event (the actor), so that is covered too.
"""

from __future__ import annotations

import hashlib
import hmac
import struct
from collections.abc import Iterable
from typing import Any, NamedTuple
from uuid import UUID

from marketplace.settings import DEVELOPMENT_AUDIT_KEY

# Settings.audit_key comes from this variable (marketplace/settings.py).
KEY_VARIABLE = "CONSORTIA_AUDIT_KEY"
# Only for development and tests: a deployment sets its own CONSORTIA_AUDIT_KEY.
DEVELOPMENT_KEY = DEVELOPMENT_AUDIT_KEY
GENESIS = bytes(32)
CHAIN_TABLE = "event_chain"


class ChainRow(NamedTuple):
    """One row of the chain table: which event sits at a position, and the hash up to it."""

    position: int
    originator_id: str
    originator_version: int
    hash: bytes
    actor: str = "system"


class Head(NamedTuple):
    """The chain's last hash and its position, as an auditor writes it down: HASH@POSITION."""

    hash: bytes
    position: int

    def __str__(self) -> str:
        return f"{self.hash.hex()}@{self.position}"


def canonical(position: int, originator_id: UUID | str, originator_version: int,
              topic: str, state: bytes, actor: str = "system") -> bytes:
    """The bytes that stand for one stored event; each part is length-prefixed, so unambiguous."""
    return _header(position, str(originator_id), originator_version, topic, len(state),
                   actor) + state


def _header(position: int, ident: str, version: int, topic: str, state_length: int,
            actor: str) -> bytes:
    name, kind, who = ident.encode(), topic.encode(), actor.encode()
    return b"".join((struct.pack(">qI", position, len(name)), name,
                     struct.pack(">qI", version, len(kind)), kind,
                     struct.pack(">I", len(who)), who,
                     struct.pack(">Q", state_length)))


class Chain:
    """Computes links with one key (the keyed HMAC state is built once and copied)."""

    def __init__(self, key: bytes) -> None:
        self._keyed = hmac.new(key, digestmod=hashlib.sha256)

    def link(self, previous: bytes, position: int, event: Any,
             originator_id: str | None = None, actor: str = "system") -> bytes:
        """The hash at `position` of a stored event or notification, after `previous`."""
        mac = self._keyed.copy()
        # The same bytes as previous + canonical(...), fed in parts to spare copying the state.
        mac.update(previous + _header(position, originator_id or str(event.originator_id),
                                      event.originator_version, event.topic, len(event.state),
                                      actor))
        mac.update(event.state)
        return mac.digest()

    def rows(self, previous: bytes, positioned: Iterable[tuple[int, Any]],
             actor: str = "system") -> list[ChainRow]:
        """The chain rows that extend a head with these (position, stored event) pairs."""
        rows = []
        for position, event in positioned:
            ident = str(event.originator_id)
            previous = self.link(previous, position, event, ident, actor)
            rows.append(ChainRow(position, ident, event.originator_version, previous, actor))
        return rows


class ChainBrokenError(Exception):
    """New events would land at or before the chain's head: the tables were altered."""
