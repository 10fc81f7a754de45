"""The exchange rates each consortium's manager keeps."""

from __future__ import annotations

from sqlalchemy import Column, Date, String, Table

from domain.rates import ExchangeRates
from marketplace.projection.batch import Batch, Handlers
from marketplace.projection.columns import Amount, UtcDateTime, ident, metadata

# The rates each consortium's manager keeps; one row per pair and day it holds from.
exchange_rates = Table(
    "rm_exchange_rates", metadata,
    ident("consortium_id", primary_key=True),
    Column("currency_from", String(3), primary_key=True),
    Column("currency_to", String(3), primary_key=True),
    Column("as_of", Date, primary_key=True),
    Column("rate", Amount, nullable=False),
    Column("set_at", UtcDateTime, nullable=False),
)


def rate_set(batch: Batch, event: ExchangeRates.RateSet) -> None:
    consortium_id = str(event.consortium_id)
    key = (consortium_id, event.currency_from, event.currency_to, event.as_of)
    if batch[exchange_rates].get(*key) is not None:
        # Setting the same day's rate again corrects it.
        batch[exchange_rates].update(*key, rate=event.rate, set_at=event.timestamp)
        return
    batch[exchange_rates].add(consortium_id=consortium_id, currency_from=event.currency_from,
                              currency_to=event.currency_to, as_of=event.as_of,
                              rate=event.rate, set_at=event.timestamp)


HANDLERS: Handlers = {ExchangeRates.RateSet: rate_set}
