"""The JSON Lines export: every stored event in order, one JSON object a line."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Mapping
from typing import IO, Any

from marketplace.audit.history import event_data
from marketplace.exports.plain import PAGE, iso_time, plain, stored_events

# Given the first and last position of a page, the chain hash and actor of each position.
ChainLookup = Callable[[int, int], Mapping[int, tuple[str, str]]]


def event_record(position: int, event: Any) -> dict[str, Any]:
    """One stored event as the auditor reads it.

    Who caused it (`actor`) comes from the hash chain, which records it beside each event;
    a store without a chain leaves it null.
    """
    kind = type(event).__qualname__
    return {
        "position": position,
        "aggregate_id": str(event.originator_id),
        "aggregate_type": kind.split(".")[0],
        "version": event.originator_version,
        "type": kind,
        "time": iso_time(event.timestamp),
        "actor": None,
        "data": plain(event_data(event)),
    }


def chain_lookup(app: Any) -> ChainLookup | None:
    """The store's hash chain as hex per position, or None on a store without a chain."""
    select_chain = getattr(app.recorder, "select_chain", None)
    if select_chain is None:
        return None

    def lookup(first: int, last: int) -> dict[int, tuple[str, str]]:
        rows = select_chain(first, last - first + 1, last)
        return {row.position: (row.hash.hex(), row.actor) for row in rows}

    return lookup


def event_records(app: Any, *, page: int = PAGE) -> Iterator[dict[str, Any]]:
    """Every event's record in order, with its chain hash when the store keeps a chain."""
    chain = chain_lookup(app)
    if chain is None:
        for position, event in stored_events(app, page=page):
            yield event_record(position, event)
        return
    batch: list[dict[str, Any]] = []
    for position, event in stored_events(app, page=page):
        batch.append(event_record(position, event))
        if len(batch) == page:
            yield from _chained(batch, chain)
            batch = []
    yield from _chained(batch, chain)


def _chained(batch: list[dict[str, Any]], chain: ChainLookup) -> list[dict[str, Any]]:
    if not batch:
        return batch
    links = chain(batch[0]["position"], batch[-1]["position"])
    for record in batch:
        link = links.get(record["position"])
        record["chain_hash"], record["actor"] = link if link else (None, None)
    return batch


def write_jsonl(app: Any, out: IO[str]) -> int:
    """Write every event to `out`, one JSON object a line; return how many were written."""
    written = 0
    for record in event_records(app):
        out.write(json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n")
        written += 1
    return written
