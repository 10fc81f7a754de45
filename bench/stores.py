"""Throw-away stores for the benchmarks: a temporary SQLite file, a fresh PostgreSQL schema."""

from __future__ import annotations

import os
import shutil
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

import psycopg

POSTGRES_URL = os.environ.get(
    "CONSORTIA_BENCH_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test"
)


def postgres_unreachable() -> str | None:
    """Why PostgreSQL cannot be used, or None when it answers."""
    try:
        with psycopg.connect(POSTGRES_URL, connect_timeout=3):
            return None
    except psycopg.OperationalError as error:
        return f"PostgreSQL is not reachable at {POSTGRES_URL}: {' '.join(str(error).split())}"


@dataclass
class Stores:
    """Hands out a fresh, empty store per measurement and removes them all at the end."""

    kind: str  # "sqlite" or "postgres"
    run_id: str = field(default_factory=lambda: uuid.uuid4().hex[:8])
    _folder: str | None = None
    _schemas: list[str] = field(default_factory=list)

    def fresh(self, label: str) -> str:
        """The URL of a new, empty store for one measurement."""
        if self.kind == "sqlite":
            if self._folder is None:
                self._folder = tempfile.mkdtemp(prefix=f"bench_{self.run_id}_")
            return f"sqlite:///{os.path.join(self._folder, label + '.db')}"
        schema = f"bench_{self.run_id}_{label}"
        self._schemas.append(schema)
        return f"{POSTGRES_URL}?schema={schema}"

    def eventsourcing_env(self, url: str) -> dict[str, str]:
        """The eventsourcing settings for this URL, as a bare eventsourcing Application has them.

        Our recorder (which also extends the audit hash chain) is left out: the baseline
        is eventsourcing's own recorder, so the chain's cost counts against us.
        """
        from marketplace.settings import parse_store, prepare

        store = parse_store(url)
        prepare(store)
        env = dict(store.eventsourcing_env)
        env.pop("APPLICATION_RECORDER_TOPIC", None)
        return env

    def remove_all(self) -> None:
        if self._folder is not None:
            shutil.rmtree(self._folder, ignore_errors=True)
            self._folder = None
        if self._schemas:
            with psycopg.connect(POSTGRES_URL, autocommit=True, connect_timeout=5) as conn:
                for schema in self._schemas:
                    conn.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')
            self._schemas.clear()


@contextmanager
def stores(kind: str) -> Iterator[Stores]:
    """Stores of one kind that are removed however the benchmarks end."""
    made = Stores(kind)
    try:
        yield made
    finally:
        made.remove_all()
