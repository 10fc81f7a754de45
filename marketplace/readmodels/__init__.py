"""Read models: tables built from the event log, and the handlers that fill them."""

from __future__ import annotations

from marketplace.readmodels import (
    accounts,
    capabilities,
    catalog,
    event_log,
    fees,
    formation,
    kpis,
    mail,
    members,
    pipeline,
    rates,
    timeline,
)
from marketplace.readmodels.batch import Batch, Handler
from marketplace.readmodels.tables import READ_MODEL_TABLES, metadata, tracking


def _merge() -> dict[type, tuple[Handler, ...]]:
    merged: dict[type, tuple[Handler, ...]] = {}
    # Order matters where areas meet: capabilities read a membership's stages before
    # the membership's own handler replaces them.
    for module in (catalog, capabilities, members, fees, pipeline, timeline, kpis, accounts,
                   rates, mail, formation, event_log):
        for event_class, handler in module.HANDLERS.items():
            merged[event_class] = (*merged.get(event_class, ()), handler)
    return merged


HANDLERS: dict[type, tuple[Handler, ...]] = _merge()

__all__ = ["HANDLERS", "READ_MODEL_TABLES", "Batch", "Handler", "metadata", "tracking"]
