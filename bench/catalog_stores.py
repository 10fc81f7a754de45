"""SQLite stores of a given size for the catalog benchmark, cached under var/bench/.

A store is told by `bench.generate.Generator` (three published consortia and years of
RFQs, quotes, contracts and fees), projected once at the end, and kept. The cache key
holds the size and a fingerprint of the code that shapes the store (the generator,
the events, the projector and the read models), so a changed read model is rebuilt
instead of being served stale.
"""

from __future__ import annotations

import hashlib
import sqlite3
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

from bench.generate import Generator
from marketplace.bootstrap import bootstrap
from marketplace.ports import SteppingClock

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / "var" / "bench"
START = datetime(2016, 1, 4, 9, 0, tzinfo=UTC)  # a Monday; 200,000 events reach ~2026
# Read models live in every feature package, so all of marketplace/ shapes the store.
SHAPING_CODE = ("bench/generate.py", "tests/story.py", "marketplace", "domain")


def fingerprint() -> str:
    """A short digest of the code whose change would make a cached store wrong."""
    digest = hashlib.sha256()
    for name in SHAPING_CODE:
        path = ROOT / name
        files = sorted(path.rglob("*.py")) if path.is_dir() else [path]
        for file in files:
            digest.update(str(file.relative_to(ROOT)).encode())
            digest.update(file.read_bytes())
    return digest.hexdigest()[:12]


def _say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _checkpoint(path: Path) -> None:
    """Fold the write-ahead log into the file, so the file alone is the whole store."""
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()


def tell(path: Path, events: int) -> Path:
    """Tell about `events` events into a new store beside `path`, unprojected; its file.

    The store is written to a ".partial.db" file that only becomes `path` once whole,
    so an interrupted build never leaves a store in the cache.
    """
    partial = path.with_suffix(".partial.db")
    for leftover in CACHE.glob(partial.name + "*"):
        leftover.unlink()
    services = bootstrap(f"sqlite:///{partial}", clock=SteppingClock(START),
                         inline_projection=False)
    try:
        began = time.perf_counter()
        told = Generator(services.marketplace, events).run()
        _say(f"  told {told:,} events in {time.perf_counter() - began:.1f}s")
    finally:
        services.close()
    _checkpoint(partial)
    return partial


def keep(partial: Path, path: Path) -> None:
    """Put a projected store into the cache under its final name."""
    _checkpoint(partial)
    partial.replace(path)


def project(store: Path) -> None:
    """Project whatever of the store's log is not projected yet."""
    services = bootstrap(f"sqlite:///{store}", inline_projection=False)
    try:
        began = time.perf_counter()
        services.projector.catch_up()
        _say(f"  projected in {time.perf_counter() - began:.1f}s")
    finally:
        services.close()


def _build(path: Path, events: int) -> None:
    partial = tell(path, events)
    project(partial)
    keep(partial, path)


def store_with(events: int) -> tuple[str, bool]:
    """The URL of a projected store holding at least `events` events, and whether it was cached."""
    CACHE.mkdir(parents=True, exist_ok=True)
    path = CACHE / f"catalog-{events}-{fingerprint()}.db"
    if path.exists():
        return f"sqlite:///{path}", True
    for stale in CACHE.glob(f"catalog-{events}-*.db*"):
        stale.unlink()
    _say(f"S2: building a store of {events:,} events (cached in {path.relative_to(ROOT)}) ...")
    _build(path, events)
    return f"sqlite:///{path}", False
