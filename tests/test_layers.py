"""The layers hold: web -> marketplace -> domain, and never the other way.

The check reads every module's syntax tree, so it also sees imports inside functions,
TYPE_CHECKING blocks, relative imports and importlib calls with a literal name.
"""

from __future__ import annotations

import ast
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

DOMAIN_MAY_USE = {"domain", "eventsourcing", "pycountry", "__future__"} | set(
    sys.stdlib_module_names
)
WEB_MAY_USE_FROM_DOMAIN = ("domain.errors", "domain.values", "domain.money", "domain.statuses")
RECORDER_MODULES = ("eventsourcing.persistence", "eventsourcing.sqlite", "eventsourcing.postgres")
# consortia/ (the CLI) is the outermost front end: it may import every layer, and no
# layer may import it.
FRONT_END = "consortia"
# fakestripe/ stands in for Stripe (tests, and `consortia serve` in dev mode without a key):
# an outermost adapter. Only the CLI and the tests may import it, and it imports nothing
# of ours, as Stripe knows nothing of us.
FAKE_STRIPE = "fakestripe"
OUR_PACKAGES = ("domain", "marketplace", "web", FRONT_END)
BEYOND = "<beyond the top-level package>"


def within(name: str, *prefixes: str) -> bool:
    return any(name == p or name.startswith(p + ".") for p in prefixes)


def module_name(path: str) -> str:
    parts = path.removesuffix(".py").split("/")
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported_names(source: str, path: str) -> Iterator[tuple[int, str]]:
    """Every module a source names in an import, as (line, dotted name), relative ones resolved."""
    package = module_name(path).split(".")
    if not path.endswith("__init__.py"):
        package = package[:-1]
    for node in ast.walk(ast.parse(source, filename=path)):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                if node.level - 1 > len(package) - 1:
                    yield node.lineno, BEYOND
                    continue
                base = package[: len(package) - (node.level - 1)]
                origin = ".".join(base + ([node.module] if node.module else []))
            else:
                origin = node.module or ""
            for alias in node.names:
                # `from x import y` may name the module x.y; rules below match by prefix.
                yield node.lineno, origin if alias.name == "*" else f"{origin}.{alias.name}"
        elif (
            isinstance(node, ast.Call)
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
            and (
                (isinstance(node.func, ast.Name) and node.func.id == "__import__")
                or (isinstance(node.func, ast.Attribute) and node.func.attr == "import_module")
            )
        ):
            yield node.lineno, node.args[0].value


def domain_breach(name: str) -> str | None:
    if within(name, FRONT_END):
        return "no layer imports the CLI"
    if within(name, FAKE_STRIPE):
        return "no layer imports the fake Stripe"
    if name.split(".")[0] not in DOMAIN_MAY_USE:
        return "domain/ imports only the standard library, eventsourcing and pycountry"
    return None


def marketplace_breach(name: str) -> str | None:
    if within(name, "web", "flask", "flask_htmx", FRONT_END):
        return "marketplace/ must not import the web layer, flask or the CLI"
    if within(name, FAKE_STRIPE):
        return "no layer imports the fake Stripe"
    return None


def web_breach(name: str) -> str | None:
    if within(name, FRONT_END):
        return "no layer imports the CLI"
    if within(name, FAKE_STRIPE):
        return "no layer imports the fake Stripe"
    if within(name, "domain") and not within(name, *WEB_MAY_USE_FROM_DOMAIN):
        return ("web/ may use only domain errors, value objects and statuses; "
                "call marketplace instead")
    if within(name, *RECORDER_MODULES, "sqlalchemy"):
        return "web/ must not reach the event store or the database directly"
    return None


def fake_stripe_breach(name: str) -> str | None:
    if within(name, *OUR_PACKAGES):
        return "the fake Stripe imports nothing of ours"
    return None


RULES: dict[str, Callable[[str], str | None]] = {
    "domain": domain_breach,
    "marketplace": marketplace_breach,
    "web": web_breach,
    FAKE_STRIPE: fake_stripe_breach,
}


def breaches(source: str, path: str) -> list[str]:
    """The imports in one module (path relative to the repository) that break its layer."""
    layer = path.split("/")[0]
    rule = RULES[layer]
    found = []
    for line, name in imported_names(source, path):
        reason = "a relative import may not leave its layer" if name == BEYOND else rule(name)
        if reason:
            found.append(f"{path}:{line} imports {name}: {reason}")
    return found


def modules(layer: str) -> list[str]:
    folder = ROOT / layer
    if not folder.is_dir():  # a layer still to be written has nothing to break
        return []
    return sorted(p.relative_to(ROOT).as_posix() for p in folder.rglob("*.py"))


@pytest.mark.parametrize("layer", sorted(RULES))
def test_layer_imports_only_what_it_may(layer: str) -> None:
    paths = modules(layer)
    if layer in ("domain", "marketplace", FAKE_STRIPE):
        assert paths, f"{layer}/ has no modules: is the test looking in the right place?"
    found = [b for p in paths for b in breaches((ROOT / p).read_text(encoding="utf-8"), p)]
    assert found == []


@pytest.mark.parametrize(
    ("path", "source"),
    [
        ("domain/bid.py", "import sqlalchemy\n"),
        ("domain/bid.py", "def f():\n    from marketplace.errors import ConflictError\n"),
        ("domain/bid.py", "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n"
                          "    from web import create_app\n"),
        ("domain/bid.py", "from ..marketplace import application\n"),
        ("domain/bid.py", "import flask.json\n"),
        ("domain/bid.py", "from stripe import PaymentIntent\n"),
        ("domain/bid.py", "import importlib\nimportlib.import_module('sqlalchemy.orm')\n"),
        ("web/__init__.py", "from domain.bid import Bid\n"),
        ("web/__init__.py", "from domain import consortium\n"),
        ("web/__init__.py", "import domain\n"),
        ("web/__init__.py", "from eventsourcing.postgres import PostgresDatastore\n"),
        ("web/__init__.py", "from eventsourcing import sqlite\n"),
        ("web/agency/routes.py", "def page():\n    from sqlalchemy import select\n"),
        ("web/agency/routes.py", "from ...domain.bid import Bid\n"),
        ("marketplace/application.py", "import flask\n"),
        ("marketplace/commanding.py", "from ...web import create_app\n"),
        ("marketplace/cli.py", "def serve():\n    from web import create_app\n"),
        ("marketplace/bootstrap.py", "from consortia.cli import main\n"),
        ("web/__init__.py", "import consortia.cli\n"),
        ("web/__init__.py", "from fakestripe import FakeStripe\n"),
        ("marketplace/bootstrap.py", "def f():\n    import fakestripe.server\n"),
        ("fakestripe/api.py", "from marketplace.fees.payments import Payments\n"),
    ],
)
def test_checker_flags_a_breach(path: str, source: str) -> None:
    assert len(breaches(source, path)) == 1


@pytest.mark.parametrize(
    ("path", "source"),
    [
        ("domain/bid.py", "from __future__ import annotations\nfrom datetime import date\n"
                          "from eventsourcing.domain import event\nimport pycountry\n"),
        ("domain/bid.py", "from . import clock\nfrom .money import Money\n"),
        ("web/__init__.py", "from domain.errors import DomainError\nfrom domain import values\n"
                            "from domain.money import Money\nfrom marketplace.bootstrap import "
                            "bootstrap\nfrom flask import Flask\n"),
        ("marketplace/application.py", "from eventsourcing.application import Application\n"
                                       "from domain.bid import Bid\nimport sqlalchemy\n"),
    ],
)
def test_checker_lets_allowed_imports_pass(path: str, source: str) -> None:
    assert breaches(source, path) == []


def test_relative_imports_resolve_to_their_package() -> None:
    names = [n for _, n in imported_names("from . import clock\nfrom ..web import x\n",
                                          "domain/sub/mod.py")]
    assert names == ["domain.sub.clock", "domain.web.x"]
