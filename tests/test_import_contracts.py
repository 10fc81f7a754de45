"""The import rules of pyproject.toml hold, and no two modules of ours import each other.

import-linter states the layers and which features stay independent of each other;
the cycle check finds any loop of imports between our modules. The one loop allowed is a
blueprint package's `__init__` importing its view modules so that they register, while
they import the blueprint back from it.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Mapping
from pathlib import Path

import grimp
import pytest
from importlinter.cli import lint_imports

ROOT = Path(__file__).resolve().parent.parent
OUR_PACKAGES = ("domain", "marketplace", "web", "consortia")


def test_the_import_contracts_are_kept() -> None:
    assert lint_imports(config_filename=str(ROOT / "pyproject.toml"), no_cache=True,
                        no_logo=True) == 0


def registers_views(importer: str, imported: str) -> bool:
    """A web package's `__init__` importing its own view modules: how blueprints register."""
    return importer.startswith("web.") and imported.startswith(importer + ".")


def cycles(edges: Mapping[str, Iterable[str]]) -> list[list[str]]:
    """The groups of modules that reach each other through imports (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(module: str) -> None:
        index[module] = low[module] = len(index)
        stack.append(module)
        on_stack.add(module)
        for other in edges.get(module, ()):
            if other not in index:
                visit(other)
                low[module] = min(low[module], low[other])
            elif other in on_stack:
                low[module] = min(low[module], index[other])
        if low[module] == index[module]:
            group = []
            while True:
                other = stack.pop()
                on_stack.discard(other)
                group.append(other)
                if other == module:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    sys.setrecursionlimit(max(sys.getrecursionlimit(), 10_000))
    for module in sorted(edges):
        if module not in index:
            visit(module)
    return found


def import_edges() -> dict[str, set[str]]:
    graph = grimp.build_graph(*OUR_PACKAGES, exclude_type_checking_imports=True,
                             cache_dir=None)
    return {
        module: {other for other in graph.find_modules_directly_imported_by(module)
                 if other.split(".")[0] in OUR_PACKAGES and not registers_views(module, other)}
        for module in graph.modules
    }


def test_no_module_of_ours_imports_itself_through_others() -> None:
    assert cycles(import_edges()) == []


@pytest.mark.parametrize(
    ("edges", "expected"),
    [
        ({"a": {"b"}, "b": {"a"}}, [["a", "b"]]),
        ({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}, [["a", "b", "c"]]),
        ({"a": {"b"}, "b": {"c"}, "c": set()}, []),
    ],
)
def test_the_cycle_check_finds_loops(edges: dict[str, set[str]], expected: list[list[str]]
                                     ) -> None:
    assert cycles(edges) == expected


def test_only_a_blueprint_registering_its_views_is_let_through() -> None:
    assert registers_views("web.api", "web.api.views")
    assert not registers_views("marketplace.outbox", "marketplace.outbox.kinds")
    assert not registers_views("web.api.views", "web.api")
