"""Every read model's handlers, merged per event class in the order they must run."""

from __future__ import annotations

from marketplace.accounts import readmodel as accounts
from marketplace.audit import readmodel as event_log
from marketplace.bidding import rates, timeline
from marketplace.bidding import readmodel as pipeline
from marketplace.dashboard import readmodel as kpis
from marketplace.fees import readmodel as fees
from marketplace.formation import capabilities
from marketplace.formation import readmodel as formation
from marketplace.membership import readmodel as members
from marketplace.outbox import preferences as mail
from marketplace.projection.batch import Batch, Handler
from marketplace.projection.tables import READ_MODEL_TABLES, metadata, tracking
from marketplace.storefront import readmodel as catalog

# Order matters where areas meet: capabilities read a membership's stages before
# the membership's own handler replaces them.
ORDER = (catalog, capabilities, members, fees, pipeline, timeline, kpis, accounts,
         rates, mail, formation, event_log)


def _merge() -> dict[type, tuple[Handler, ...]]:
    merged: dict[type, tuple[Handler, ...]] = {}
    for module in ORDER:
        for event_class, handler in module.HANDLERS.items():
            merged[event_class] = (*merged.get(event_class, ()), handler)
    return merged


HANDLERS: dict[type, tuple[Handler, ...]] = _merge()

__all__ = ["HANDLERS", "READ_MODEL_TABLES", "Batch", "Handler", "metadata", "tracking"]
