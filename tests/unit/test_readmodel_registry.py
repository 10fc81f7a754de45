"""The read models' handlers: registered on event classes, typed by them, run in declared order."""

from __future__ import annotations

import sys
import typing
from types import ModuleType, UnionType

import pytest

from domain.membership import Membership
from marketplace.formation import capabilities
from marketplace.membership import readmodel as members
from marketplace.projection import readmodels
from marketplace.projection.columns import metadata
from marketplace.projection.position import projection_position
from marketplace.projection.readmodels import (
    HANDLERS,
    MODULES,
    READ_MODEL_TABLES,
    OrderCycleError,
    merge,
    run_order,
)


def module(name: str, before: tuple[ModuleType, ...] = (),
           after: tuple[ModuleType, ...] = ()) -> ModuleType:
    made = ModuleType(name)
    made.HANDLERS = {}  # type: ignore[attr-defined]
    made.BEFORE, made.AFTER = before, after  # type: ignore[attr-defined]
    return made


def test_capabilities_read_the_old_stages_before_the_membership_replaces_them() -> None:
    handlers = HANDLERS[Membership.CapabilitiesDeclared]
    assert handlers.index(capabilities.capabilities_declared) \
        < handlers.index(members.capabilities_declared)
    # Listed after the membership's module, it is moved before it by its declaration.
    assert MODULES.index(capabilities) > MODULES.index(members)
    assert run_order(MODULES).index(capabilities) < run_order(MODULES).index(members)


def test_the_declared_order_is_kept_and_the_listed_order_otherwise() -> None:
    a, b = module("a"), module("b")
    c = module("c", before=(a,))
    d = module("d", after=(b,))
    # Each step takes the first listed module that waits on no other.
    assert [m.__name__ for m in run_order([d, a, b, c])] == ["b", "d", "c", "a"]
    assert [m.__name__ for m in run_order([a, b])] == ["a", "b"]


def test_read_models_that_wait_on_each_other_are_refused() -> None:
    a = module("a")
    b = module("b", before=(a,))
    a.BEFORE = (b,)  # type: ignore[attr-defined]
    with pytest.raises(OrderCycleError, match="a, b"):
        merge([a, b])


def test_an_order_naming_a_module_that_is_no_read_model_is_refused() -> None:
    with pytest.raises(ValueError, match="not a read model"):
        run_order([module("a", before=(module("stray"),))])


def event_classes_of(handler: typing.Callable[..., None]) -> tuple[type, ...]:
    """The class, or the classes of the Union, that the handler's `event` parameter names."""
    owner = sys.modules[handler.__module__]
    hint = typing.get_type_hints(handler, globalns=vars(owner))["event"]
    if isinstance(hint, UnionType) or typing.get_origin(hint) is typing.Union:
        return typing.get_args(hint)
    return (hint,)


def test_each_handler_is_typed_with_the_event_class_it_is_registered_on() -> None:
    for event_class, handlers in HANDLERS.items():
        for handler in handlers:
            named = event_classes_of(handler)
            assert any(issubclass(event_class, cls) for cls in named), \
                f"{handler.__module__}.{handler.__qualname__} takes {named}, " \
                f"not {event_class.__qualname__}"


def test_the_tables_are_those_of_the_read_models_and_the_position_is_kept() -> None:
    assert {t.name for t in READ_MODEL_TABLES} | {projection_position.name} \
        == set(metadata.tables)
    assert projection_position not in READ_MODEL_TABLES
    # 21, corrections (2), offer texts, bid buyers, bid documents, questions, quote
    # versions, revisions, quotations (2), catalog search, the dashboard's rollups (3),
    # fee totals, and the member agreements with their signatures (2)
    assert len(READ_MODEL_TABLES) == 40
    assert readmodels.projection_position.name == "projection_position"
