"""Each aggregate declares its events once, as nested classes its @event methods name.

The library checks none of this when the class is defined: a parameter the event class
lacks is silently dropped from the event, a field the method lacks is only refused when
the event is triggered. So the declarations are checked here, for every aggregate.
"""

from __future__ import annotations

import dataclasses
import inspect

import pytest
from eventsourcing.domain import Aggregate, CommandMethodDecorator, event

from domain.base import DomainAggregate
from marketplace.audit.readmodel import aggregate_classes, event_classes

BASE_FIELDS = [f.name for f in dataclasses.fields(DomainAggregate.Event)]  # type: ignore[arg-type]
CREATED_FIELDS = [f.name for f in dataclasses.fields(DomainAggregate.Created)]  # type: ignore[arg-type]


def decorators(aggregate: type) -> dict[str, CommandMethodDecorator]:
    return {name: value for name, value in vars(aggregate).items()
            if isinstance(value, CommandMethodDecorator)}


def parameters(decorator: CommandMethodDecorator) -> list[inspect.Parameter]:
    return list(inspect.signature(decorator.decorated_func).parameters.values())[1:]


@pytest.mark.parametrize("aggregate", aggregate_classes(), ids=lambda cls: cls.__name__)
def test_each_event_method_names_a_class_declared_in_the_aggregate(aggregate: type) -> None:
    for name, decorator in decorators(aggregate).items():
        declared = decorator.given_event_cls
        assert declared is not None, f"{aggregate.__name__}.{name} names its event by a string"
        assert declared.__qualname__ == f"{aggregate.__qualname__}.{declared.__name__}"
        assert declared.__module__ == aggregate.__module__
        assert issubclass(getattr(aggregate, declared.__name__), declared)


@pytest.mark.parametrize("aggregate", aggregate_classes(), ids=lambda cls: cls.__name__)
def test_each_event_class_has_exactly_its_methods_parameters(aggregate: type) -> None:
    for name, decorator in decorators(aggregate).items():
        declared = decorator.given_event_cls
        assert declared is not None
        params = parameters(decorator)
        assert list(declared.__dict__.get("__annotations__", {})) == [p.name for p in params], (
            f"{aggregate.__name__}.{name} and {declared.__name__} disagree"
        )
        for param in params:
            default = declared.__dict__.get(param.name, inspect.Parameter.empty)
            assert default == param.default, f"{declared.__name__}.{param.name} default"


@pytest.mark.parametrize("aggregate", aggregate_classes(), ids=lambda cls: cls.__name__)
def test_each_recorded_event_stores_the_base_fields_then_the_parameters(aggregate: type) -> None:
    """The stored form: topic `domain.<module>:<Aggregate>.<Event>`, fields in this order."""
    made = {d.given_event_cls.__name__: [p.name for p in parameters(d)]
            for d in decorators(aggregate).values() if d.given_event_cls is not None}
    recorded = event_classes(aggregate)
    assert sorted(cls.__name__ for cls in recorded) == sorted(made)
    for cls in recorded:
        assert cls.__qualname__ == f"{aggregate.__qualname__}.{cls.__name__}"
        assert cls.__module__ == aggregate.__module__
        base = CREATED_FIELDS if issubclass(cls, DomainAggregate.Created) else BASE_FIELDS
        assert [f.name for f in dataclasses.fields(cls)] == base + made[cls.__name__]


def test_the_library_accepts_a_mismatch_until_the_event_is_triggered() -> None:
    """Why the checks above exist: a disagreement only shows when the command runs."""

    class Mismatched(Aggregate):
        class Noted(Aggregate.Event):
            text: str

        @event(Noted)
        def note(self, text: str, extra: str) -> None:
            pass

    mismatched = Mismatched()
    with pytest.raises(TypeError, match="extra"):
        mismatched.note("a", "b")  # `extra` was dropped from the event, the method wants it

    class Unfilled(Aggregate):
        class Noted(Aggregate.Event):
            text: str
            missing: str

        @event(Noted)
        def note(self, text: str) -> None:
            pass

    with pytest.raises(TypeError, match="missing"):
        Unfilled().note("a")
