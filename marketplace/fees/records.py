"""What the payments side keeps beside the events: Stripe event ids seen, and anomalies.

Neither is a read model: they are not derived from our events, so a replay keeps them.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Column, Integer, MetaData, String, Table, delete, insert, select
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError

from marketplace.projection.columns import UtcDateTime

metadata = MetaData()
stripe_events = Table(
    "payment_stripe_events", metadata,
    # Stripe delivers an event at least once; the key makes the second delivery a no-op.
    Column("event_id", String(255), primary_key=True),
    Column("type", String(100), nullable=False),
    Column("received_at", UtcDateTime, nullable=False),
)
anomalies = Table(
    "payment_anomalies", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("consortium_id", String(36), nullable=False, index=True),
    Column("membership_id", String(36), nullable=False),
    Column("fee_id", String(60), nullable=False),
    Column("event_id", String(255), nullable=False),
    Column("session_id", String(255), nullable=False),
    Column("problem", String(500), nullable=False),
    Column("recorded_at", UtcDateTime, nullable=False),
)


class PaymentRecords:
    """The two tables, made on first use."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        metadata.create_all(engine)

    def claim(self, event_id: str, kind: str, now: datetime) -> bool:
        """Mark a Stripe event as handled; False if it already was."""
        try:
            with self.engine.begin() as conn:
                conn.execute(insert(stripe_events).values(event_id=event_id, type=kind,
                                                          received_at=now))
        except IntegrityError:
            return False
        return True

    def release(self, event_id: str) -> None:
        """Forget a claim whose handling failed, so Stripe's retry is handled afresh."""
        with self.engine.begin() as conn:
            conn.execute(delete(stripe_events).where(stripe_events.c.event_id == event_id))

    def seen(self, event_id: str) -> bool:
        with self.engine.connect() as conn:
            return conn.execute(select(stripe_events.c.event_id).where(
                stripe_events.c.event_id == event_id)).first() is not None

    def record_anomaly(self, **row: Any) -> None:
        with self.engine.begin() as conn:
            conn.execute(insert(anomalies).values(**row))

    def anomalies(self, consortia: set[str] | None = None) -> list[dict[str, Any]]:
        """The anomalies of these consortia (None: all), newest first."""
        query = select(anomalies).order_by(anomalies.c.recorded_at.desc(), anomalies.c.id.desc())
        if consortia is not None:
            query = query.where(anomalies.c.consortium_id.in_(sorted(consortia)))
        with self.engine.connect() as conn:
            return [dict(r._mapping) for r in conn.execute(query)]
