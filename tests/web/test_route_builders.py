"""The suite's kept URL builders (tests/route_builders.py) are the ones werkzeug compiles."""

from __future__ import annotations

from types import CodeType
from typing import Any

from flask import Flask

from tests.route_builders import compiled


def _made_of(function: Any) -> tuple[Any, ...]:
    code: CodeType = function.__code__
    return (code.co_code, code.co_consts, code.co_names, code.co_varnames,
            code.co_argcount, function.__defaults__, function.__name__)


def test_every_rule_builds_with_the_function_werkzeug_compiles_for_it(web_app: Flask) -> None:
    rules = list(web_app.url_map.iter_rules())
    assert len(rules) > 100
    for rule in rules:
        for kept, unknown in ((rule._build, False), (rule._build_unknown, True)):
            assert kept.__self__ is rule  # bound to this app's rule, not another's
            assert kept.__func__.__closure__ is None  # it holds nothing of the first rule
            assert _made_of(kept.__func__) == _made_of(compiled(rule, unknown)), rule.rule

