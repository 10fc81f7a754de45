"""Every read model's tables and handlers, merged per event class in the order they must run.

A read-model module has `HANDLERS` (event class -> handler) and, when one of its handlers
must see the rows before another module's handler of the same event changes them,
`BEFORE` (modules that run after it) or `AFTER` (modules that run before it). The merge
puts the modules in that order, keeping the listed order where none is declared.
"""

from __future__ import annotations

from collections.abc import Sequence
from types import ModuleType

from sqlalchemy import Table

from marketplace.accounts import readmodel as accounts
from marketplace.agencies import readmodel as agencies
from marketplace.audit import readmodel as event_log
from marketplace.bidding import enquiries, rates, timeline, versions
from marketplace.bidding import readmodel as pipeline
from marketplace.dashboard import bidrollups
from marketplace.dashboard import readmodel as kpis
from marketplace.documents import readmodel as documents
from marketplace.fees import readmodel as fees
from marketplace.formation import capabilities, corrected
from marketplace.formation import readmodel as formation
from marketplace.membership import readmodel as members
from marketplace.membership import signatures
from marketplace.outbox import preferences as mail
from marketplace.privacy import readmodel as erasures
from marketplace.projection.batch import Batch, Handler
from marketplace.projection.columns import metadata
from marketplace.projection.position import projection_position
from marketplace.quotation import readmodel as quotation
from marketplace.storefront import readmodel as catalog

MODULES: tuple[ModuleType, ...] = (catalog, members, capabilities, fees, pipeline, timeline,
                                   kpis, accounts, rates, mail, formation, corrected,
                                   erasures, quotation, event_log, documents, enquiries,
                                   versions, bidrollups, signatures, agencies)


class OrderCycleError(ValueError):
    """Read models that each declare they must run before the other."""


def run_order(modules: Sequence[ModuleType]) -> list[ModuleType]:
    """The modules with each one's `BEFORE` and `AFTER` respected, else in the given order."""
    later: dict[str, set[str]] = {m.__name__: set() for m in modules}
    for module in modules:
        for other in getattr(module, "BEFORE", ()):
            later[module.__name__].add(other.__name__)
        for other in getattr(module, "AFTER", ()):
            later[other.__name__].add(module.__name__)
    waiting = {name: 0 for name in later}
    for name, successors in later.items():
        for successor in successors:
            if successor not in waiting:
                raise ValueError(f"{name} names {successor}, which is not a read model")
            waiting[successor] += 1
    order: list[ModuleType] = []
    while len(order) < len(modules):
        ready = [m for m in modules if waiting[m.__name__] == 0 and m not in order]
        if not ready:
            stuck = sorted(name for name, n in waiting.items() if n > 0)
            raise OrderCycleError(f"read models wait on each other: {', '.join(stuck)}")
        order.append(ready[0])  # the first listed, so the order is stable
        for successor in later[ready[0].__name__]:
            waiting[successor] -= 1
    return order


def merge(modules: Sequence[ModuleType]) -> dict[type, tuple[Handler, ...]]:
    """Each event class's handlers, from every module, in the run order."""
    merged: dict[type, tuple[Handler, ...]] = {}
    for module in run_order(modules):
        for event_class, handler in module.HANDLERS.items():
            merged[event_class] = (*merged.get(event_class, ()), handler)
    return merged


HANDLERS: dict[type, tuple[Handler, ...]] = merge(MODULES)

# Everything a rebuild drops and recreates: every table of the read models' metadata but
# the followers' positions (the vault and the outbox keep tables of their own elsewhere).
READ_MODEL_TABLES: tuple[Table, ...] = tuple(
    table for table in metadata.sorted_tables if table is not projection_position)

__all__ = ["HANDLERS", "MODULES", "READ_MODEL_TABLES", "Batch", "Handler", "metadata",
           "projection_position", "run_order"]
