"""Each consortium's fees assessed and collected per currency and month, kept as the
ledger changes.

The dashboard shows these sums; keeping them here spares it reading every fee. A fee
counts its amount as assessed and, once settled (paid or refunded), its amount less what
was refunded as collected: the same rule the ledger's rows give, applied to each change
as the difference between the fee's row before and after it, in the calendar month (UTC)
of the event that changed it. So a fee assessed in January and paid in March adds to
January's assessed and to March's collected. Exact Decimals throughout.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal
from uuid import UUID

from sqlalchemy import Column, Integer, String, Table

from domain.statuses import SETTLED
from marketplace.projection.batch import Batch
from marketplace.projection.columns import Amount, ident, metadata
from marketplace.projection.rows import Row

fee_totals = Table(
    "rm_fee_totals", metadata,
    ident("consortium_id", primary_key=True),
    Column("month", String(7), primary_key=True),  # YYYY-MM, of the change
    Column("currency", String(3), primary_key=True),
    Column("fees", Integer, nullable=False),
    Column("assessed", Amount, nullable=False),
    Column("collected", Amount, nullable=False),
)

Share = tuple[str, str, int, Decimal, Decimal]  # consortium, currency, fees, assessed, collected


def share(fee: Row | None) -> Share | None:
    """What one fee's row adds to its consortium's totals."""
    if fee is None:
        return None
    collected = fee["amount"] - fee["refunded"] if fee["status"] in SETTLED else Decimal(0)
    return fee["consortium_id"], fee["currency"], 1, fee["amount"], collected


def _add(batch: Batch, part: Share, sign: int) -> None:
    consortium_id, currency, fees, assessed, collected = part
    rows, month = batch[fee_totals], batch.month
    row = rows.get(consortium_id, month, currency)
    if row is None:
        row = rows.add(consortium_id=consortium_id, month=month, currency=currency, fees=0,
                       assessed=Decimal(0), collected=Decimal(0))
    rows.update(consortium_id, month, currency, fees=row["fees"] + sign * fees,
                assessed=row["assessed"] + sign * assessed,
                collected=row["collected"] + sign * collected)


@contextmanager
def tallied(batch: Batch, fee_table: Table, membership_id: UUID | str, fee_id: str
            ) -> Iterator[None]:
    """Keep the totals in step with whatever the body does to this fee's row."""
    key = (str(membership_id), fee_id)
    before = share(batch[fee_table].get(*key))
    yield
    after = share(batch[fee_table].get(*key))
    if before == after:
        return
    if before is not None:
        _add(batch, before, -1)
    if after is not None:
        _add(batch, after, 1)
