"""The store a database URL names: the event store's and the read models' view of it."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

from marketplace.errors import ConfigurationError

_SCHEMA = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")


@dataclass(frozen=True)
class Store:
    """One database, as the event store and the read models each need to see it."""

    url: str
    kind: str  # "sqlite" or "postgres"
    eventsourcing_env: dict[str, str]
    sqlalchemy_url: str
    schema: str | None = None
    connect_args: dict[str, object] = field(default_factory=dict)

    @property
    def label(self) -> str:
        """The URL without a password, safe to print."""
        return re.sub(r"//([^:/@]+):[^@]*@", r"//\1:***@", self.url)


def parse_store(url: str) -> Store:
    """Turn `sqlite:///path` or `postgresql://user@host:port/db[?schema=x]` into a Store."""
    parts = urlsplit(url)
    if parts.scheme == "sqlite":
        path = unquote(parts.path[1:] if parts.path.startswith("/") else parts.path)
        if parts.netloc or not path:
            raise ConfigurationError("use sqlite:///relative/path.db or sqlite:////abs.db: "
                                     "%(url)s", url=url)
        return Store(
            url=url,
            kind="sqlite",
            eventsourcing_env={
                "PERSISTENCE_MODULE": "eventsourcing.sqlite",
                "SQLITE_DBNAME": path,
                "SQLITE_LOCK_TIMEOUT": "30",
                "APPLICATION_RECORDER_TOPIC": "marketplace.audit.recorders:ChainedSQLiteRecorder",
            },
            sqlalchemy_url=f"sqlite:///{path}",
            connect_args={"timeout": 30},
        )
    if parts.scheme in ("postgresql", "postgres", "postgresql+psycopg"):
        if not parts.hostname or not parts.path.strip("/"):
            raise ConfigurationError("a PostgreSQL URL names a host and a database: %(url)s",
                                     url=url)
        schema = parse_qs(parts.query).get("schema", [None])[0]
        if schema is not None and not _SCHEMA.match(schema):
            raise ConfigurationError("%(schema)s is not a usable schema name",
                                     schema=repr(schema))
        user = unquote(parts.username or "postgres")
        password = unquote(parts.password or "")
        dbname = parts.path.strip("/")
        port = parts.port or 5432
        env = {
            "PERSISTENCE_MODULE": "eventsourcing.postgres",
            "POSTGRES_DBNAME": dbname,
            "POSTGRES_HOST": parts.hostname,
            "POSTGRES_PORT": str(port),
            "POSTGRES_USER": user,
            "POSTGRES_PASSWORD": password,
            "POSTGRES_POOL_SIZE": "5",
            "POSTGRES_MAX_OVERFLOW": "10",
            "POSTGRES_LOCK_TIMEOUT": "10",
            "APPLICATION_RECORDER_TOPIC": "marketplace.audit.recorders:ChainedPostgresRecorder",
        }
        if schema:
            env["POSTGRES_SCHEMA"] = schema
        credentials = user + (f":{parts.password}" if parts.password else "")
        sa_url = f"postgresql+psycopg://{credentials}@{parts.hostname}:{port}/{dbname}"
        connect_args: dict[str, object] = {"options": f"-csearch_path={schema}"} if schema else {}
        return Store(url, "postgres", env, sa_url, schema, connect_args)
    raise ConfigurationError(
        "unsupported database URL %(url)s: use sqlite:///path.db or postgresql://user@host/db",
        url=repr(url))


def connect_postgres(env: Mapping[str, str], connect_timeout: int = 10) -> Any:
    """A psycopg connection (autocommit) of its own to the store that `env` names."""
    import psycopg

    return psycopg.connect(
        dbname=env["POSTGRES_DBNAME"], host=env["POSTGRES_HOST"], port=env["POSTGRES_PORT"],
        user=env["POSTGRES_USER"], password=env.get("POSTGRES_PASSWORD") or None,
        autocommit=True, connect_timeout=connect_timeout)


def prepare(store: Store) -> None:
    """Make the place the store lives in: the folder of a SQLite file, a PostgreSQL schema."""
    if store.kind == "sqlite":
        Path(store.eventsourcing_env["SQLITE_DBNAME"]).parent.mkdir(parents=True, exist_ok=True)
    elif store.schema:
        import psycopg

        try:
            with connect_postgres(store.eventsourcing_env, connect_timeout=5) as conn:
                conn.execute(f'CREATE SCHEMA IF NOT EXISTS "{store.schema}"')
        except psycopg.OperationalError as error:
            raise ConfigurationError("cannot reach PostgreSQL at %(store)s: %(error)s",
                                     store=store.label, error=str(error)) from None
