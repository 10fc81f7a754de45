"""Werkzeug's URL builders, compiled once per test process instead of once per app.

Binding a URL rule to an app's map compiles two small Python functions for it (ast, then
`compile`): for the app's ~670 rules that took 0.1-0.8 s of every `create_app`, and the
suite builds an app for most of its 1,200 web tests. The functions depend only on the
rule's text and parsed parts (and its defaults); they take the rule as their first
argument and hold nothing of it. So the suite keeps each one the first time it is made
and hands the same function to the same rule of the next app. Production builds one app
per process and is untouched; tests/web/test_route_builders.py checks that every kept
builder is the one werkzeug compiles.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any

from werkzeug.routing.rules import Rule

_compile: Callable[..., Any] = Rule._compile_builder  # werkzeug's own
_kept: dict[Hashable, Any] = {}


def builder_key(rule: Rule, append_unknown: bool) -> Hashable:
    """All that werkzeug's builder for `rule` is made of."""
    defaults = rule.defaults or {}
    dynamic = {data for is_dynamic, data in rule._trace if is_dynamic}
    # A default of a part of the URL is converted into a constant of the function.
    baked = tuple((str(name), rule._converters[name].to_url(value) if name in dynamic
                   else None) for name, value in defaults.items())
    return rule.rule, append_unknown, tuple(rule._trace), baked


def _kept_builder(self: Rule, append_unknown: bool = True) -> Any:
    key = builder_key(self, append_unknown)
    built = _kept.get(key)
    if built is None:
        built = _kept[key] = _compile(self, append_unknown)
    return built


def compiled(rule: Rule, append_unknown: bool) -> Any:
    """The builder werkzeug compiles for `rule`, never a kept one."""
    return _compile(rule, append_unknown)


def keep() -> None:
    """From now on, each rule's builders are compiled once in this process."""
    Rule._compile_builder = _kept_builder  # type: ignore[method-assign]
