"""PostgreSQL stores for tests: a database of each test's own, copied from a template.

Building a store's tables (about 45 tables and their indexes, under the schema lock that
every bootstrap on one database takes in turn) cost each PostgreSQL test more than a
second. Instead each test process builds one template database once, by the same
`bootstrap` a deployment runs, and every test gets `CREATE DATABASE ... TEMPLATE`: a
file-level copy of empty tables that is exactly what `bootstrap` makes on a fresh store.
The test's own `bootstrap` then finds its tables, as a restarted server does.

Isolation stays whole: no two tests share a database, and the template holds no row but
the projector's position at 0 (checked when built). Commits do not wait for the disk
(`synchronous_commit = off` on the test's database: a crash of the server would lose the
last commits, nothing else changes). Databases are copied one ahead and dropped in
background threads, off the tests' time.
"""

from __future__ import annotations

import os
import queue
import threading
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from urllib.parse import urlsplit, urlunsplit

import psycopg
from psycopg import sql

POSTGRES_URL = os.environ.get("CONSORTIA_TEST_POSTGRES_URL",
                              "postgresql://postgres@127.0.0.1:5432/test")
SCHEMA = "store"  # each database holds one store, in a schema of this name
PREFIX = "consortia_t_"  # consortia_t_<pid>_<n>: a leftover of a dead process is dropped


def database_url(name: str, schema: str | None = SCHEMA) -> str:
    """POSTGRES_URL pointed at another database (and a schema in it)."""
    parts = urlsplit(POSTGRES_URL)
    query = f"schema={schema}" if schema else ""
    return urlunsplit((parts.scheme, parts.netloc, f"/{name}", query, ""))


def _admin() -> psycopg.Connection:
    return psycopg.connect(POSTGRES_URL, autocommit=True)


def _drop(conn: psycopg.Connection, name: str) -> None:
    conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))


class Databases:
    """This process's template, the databases copied from it, and their dropping."""

    def __init__(self) -> None:
        self.pid = os.getpid()
        self.count = 0
        self.template: str | None = None
        self.lock = threading.Lock()
        self.dropping: queue.Queue[str | None] = queue.Queue()
        self.dropper: threading.Thread | None = None
        self.ready: queue.Queue[str | BaseException] = queue.Queue(maxsize=1)
        self.maker: threading.Thread | None = None
        self.stopping = threading.Event()
        self.leftover: list[str] = []

    def _name(self) -> str:
        self.count += 1
        return f"{PREFIX}{self.pid}_{self.count}_{uuid.uuid4().hex[:6]}"

    def _build_template(self) -> str:
        from marketplace.bootstrap import bootstrap

        with _admin() as conn:
            _sweep(conn)
            name = self._name()
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        # inline_projection=False: the outbox is not opened, so no row is written; each
        # test's own bootstrap opens it at the head of its (empty) log as on a fresh store.
        bootstrap(database_url(name), inline_projection=False).close()
        with psycopg.connect(database_url(name, None)) as conn:
            tables = conn.execute("SELECT schemaname, tablename FROM pg_tables "
                                  "WHERE schemaname = %s", (SCHEMA,)).fetchall()
            for schema, table in tables:
                # The projector's own row, at position 0, is all that a bootstrap writes.
                where = " WHERE position <> 0" if table == "projection_position" else ""
                query = sql.SQL("SELECT count(*) FROM {}.{}" + where).format(
                    sql.Identifier(schema), sql.Identifier(table))
                row = conn.execute(query).fetchone()
                assert row is not None and row[0] == 0, f"the template's {table} has rows"
        return name

    def _copy(self, template: str) -> str:
        name = self._name()
        with _admin() as conn:
            conn.execute(sql.SQL("CREATE DATABASE {} TEMPLATE {} STRATEGY WAL_LOG").format(
                sql.Identifier(name), sql.Identifier(template)))
            conn.execute(sql.SQL("ALTER DATABASE {} SET synchronous_commit = off").format(
                sql.Identifier(name)))
        return name

    def create(self) -> str:
        """A new database holding an empty store: its name.

        The copies are made one ahead, in a thread, while the test before runs: a copy
        waits mostly on the disk, which the tests' own work leaves idle."""
        with self.lock:
            if self.template is None:
                self.template = self._build_template()
                self.maker = threading.Thread(target=self._make_ahead, daemon=True,
                                              name="copy-test-databases")
                self.maker.start()
        made = self.ready.get()
        if isinstance(made, BaseException):
            raise made
        return made

    def _make_ahead(self) -> None:
        assert self.template is not None
        while not self.stopping.is_set():
            try:
                made: str | BaseException = self._copy(self.template)
            except Exception as error:  # the test that takes it reports it
                made = error
            self.ready.put(made)  # waits while one is ready and not taken

    def drop_later(self, name: str) -> None:
        """Drop the database in the background (its connections are ended first)."""
        with self.lock:
            if self.dropper is None:
                self.dropper = threading.Thread(target=self._drop_queued, daemon=True,
                                                name="drop-test-databases")
                self.dropper.start()
        self.dropping.put(name)

    def _drop_queued(self) -> None:
        with _admin() as conn:
            while (name := self.dropping.get()) is not None:
                _drop(conn, name)

    def close(self) -> None:
        """Drop what is queued or made ahead, then the template."""
        self.stopping.set()
        if self.maker is not None:
            while self.maker.is_alive():  # the maker may wait to hand over a last copy
                self._forget_ready()
                self.maker.join(timeout=0.1)
            self._forget_ready()
        if self.dropper is not None:
            self.dropping.put(None)
            self.dropper.join(timeout=120)
        if self.template is not None:
            with _admin() as conn:
                for name in self.leftover:
                    _drop(conn, name)
                _drop(conn, self.template)

    def _forget_ready(self) -> None:
        while not self.ready.empty():
            made = self.ready.get()
            if isinstance(made, str):
                self.leftover.append(made)


def _sweep(conn: psycopg.Connection) -> None:
    """Drop the test databases of processes of this machine that have ended."""
    rows = conn.execute("SELECT datname FROM pg_database WHERE datname LIKE %s",
                        (PREFIX.replace("_", r"\_") + "%",)).fetchall()
    for (name,) in rows:
        pid = name.removeprefix(PREFIX).split("_", 1)[0]
        if pid.isdigit() and not _alive(int(pid)):
            _drop(conn, name)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


DATABASES = Databases()


@contextmanager
def fresh_store() -> Iterator[str]:
    """The URL of an empty PostgreSQL store of its own, dropped afterwards."""
    name = DATABASES.create()
    try:
        yield database_url(name)
    finally:
        DATABASES.drop_later(name)
