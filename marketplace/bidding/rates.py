"""The exchange rates each consortium's manager keeps."""

from __future__ import annotations

from typing import Any

from domain.rates import ExchangeRates
from marketplace.projection.batch import Batch, Handler, on
from marketplace.projection.tables import exchange_rates


def rate_set(batch: Batch, event: Any) -> None:
    consortium_id = str(event.consortium_id)
    key = (consortium_id, event.currency_from, event.currency_to, event.as_of)
    if batch[exchange_rates].get(*key) is not None:
        # Setting the same day's rate again corrects it.
        batch[exchange_rates].update(*key, rate=event.rate, set_at=event.timestamp)
        return
    batch[exchange_rates].add(consortium_id=consortium_id, currency_from=event.currency_from,
                              currency_to=event.currency_to, as_of=event.as_of,
                              rate=event.rate, set_at=event.timestamp)


HANDLERS: dict[type, Handler] = on(ExchangeRates, {
    "RateSet": rate_set,
})
