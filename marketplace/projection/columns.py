"""The read models' one MetaData, and column types that keep values exact on both stores.

Money is kept as the exact text of its Decimal beside its currency (SQLite has no exact
decimal type), times in UTC. Personal data never comes here: only organisations and firms.
"""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import Column, DateTime, MetaData, String, TypeDecorator

# Every read-model table, each defined beside its handlers in its feature's package.
metadata = MetaData()


def ident(name: str, **kwargs: Any) -> Column[Any]:
    """A column holding an aggregate's id (a UUID as text)."""
    return Column(name, String(36), **kwargs)


class Amount(TypeDecorator[Decimal]):
    """An exact Decimal, stored as its text so that no database turns it into a float."""

    impl = String(40)
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Any) -> str | None:
        if value is None:
            return None
        if isinstance(value, float):
            raise TypeError("money is never a float")
        return str(Decimal(value))

    def process_result_value(self, value: Any, dialect: Any) -> Decimal | None:
        return None if value is None else Decimal(value)


class UtcDateTime(TypeDecorator[datetime]):
    """A moment in UTC, read back time-zone aware on SQLite as on PostgreSQL."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Any) -> datetime | None:
        if value is None:
            return None
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: Any, dialect: Any) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
