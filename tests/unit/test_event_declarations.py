"""The event classes each aggregate declares for the type checker are the ones @event makes."""

from __future__ import annotations

import ast
import inspect

import pytest

from marketplace.audit.readmodel import aggregate_classes, event_classes


def declared(aggregate: type) -> dict[str, list[str]]:
    """The events in the aggregate's `if TYPE_CHECKING:` block, with their attributes."""
    tree = ast.parse(inspect.getsource(inspect.getmodule(aggregate)))  # type: ignore[arg-type]
    body = next(node for node in tree.body
                if isinstance(node, ast.ClassDef) and node.name == aggregate.__name__).body
    block = next((node for node in body if isinstance(node, ast.If)
                  and ast.unparse(node.test) == "TYPE_CHECKING"), None)
    assert block is not None, f"{aggregate.__name__} declares no events for the type checker"
    return {cls.name: [item.target.id for item in cls.body  # type: ignore[attr-defined]
                       if isinstance(item, ast.AnnAssign)]
            for cls in block.body if isinstance(cls, ast.ClassDef)}


@pytest.mark.parametrize("aggregate", aggregate_classes(), ids=lambda cls: cls.__name__)
def test_each_event_is_declared_with_the_attributes_it_is_made_with(aggregate: type) -> None:
    made = {cls.__name__: [name for name in cls.__dict__.get("__annotations__", {})
                           if name != "originator_topic"]
            for cls in event_classes(aggregate)}
    assert declared(aggregate) == made
