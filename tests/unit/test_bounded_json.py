"""JSON's nesting is counted on the raw bytes before parsing: deep bodies never reach json."""

from __future__ import annotations

import json
import sys

import pytest
from hypothesis import given
from hypothesis import strategies as st

from marketplace import bounded_json
from marketplace.bounded_json import MAX_DEPTH, JsonTooDeepError, loads, too_deep
from marketplace.exports.check import check_export


def nested(depth: int, opener: str = "[", closer: str = "]") -> bytes:
    return (opener * depth + closer * depth).encode()


def test_plain_json_would_recurse_until_it_gives_up() -> None:
    # Why the bound exists: without it this is a RecursionError, not a ValueError.
    with pytest.raises(RecursionError):
        json.loads(nested(sys.getrecursionlimit() * 2))


@pytest.mark.parametrize("body", [
    nested(100_000), nested(MAX_DEPTH + 1), b'{"a":' * 5000 + b"1" + b"}" * 5000,
    b"[" * 100_000,  # never closed
    b'{"id": "evt_1", "data": ' + nested(MAX_DEPTH + 1) + b"}",
])
def test_too_deep_is_refused_before_parsing(body: bytes) -> None:
    assert too_deep(body)
    with pytest.raises(JsonTooDeepError):
        loads(body)


@pytest.mark.parametrize("body", [
    nested(MAX_DEPTH),
    # Brackets inside strings are text, escaped quotes included.
    json.dumps({"spec": "[" * 1000 + '"\\' + "{" * 1000}).encode(),
    json.dumps({"a": ["]]]]", "[[[[", {"b": "\"{{{{"}]}).encode(),
    json.dumps([[["x"]]]).encode("utf-16"),
])
def test_what_is_within_the_limit_parses_as_json_would(body: bytes) -> None:
    assert not too_deep(body)
    assert loads(body) == json.loads(body)


def test_the_limit_can_be_lowered() -> None:
    assert too_deep(nested(3), limit=2) and not too_deep(nested(2), limit=2)


JSON = st.recursive(st.none() | st.booleans() | st.integers() | st.text(),
                    lambda inner: st.lists(inner, max_size=3)
                    | st.dictionaries(st.text(), inner, max_size=3), max_leaves=30)


def depth_of(value: object) -> int:
    if isinstance(value, list):
        return 1 + max((depth_of(item) for item in value), default=0)
    if isinstance(value, dict):
        return 1 + max((depth_of(item) for item in value.values()), default=0)
    return 0


@given(value=JSON, limit=st.integers(0, 8))
def test_the_count_on_bytes_is_the_depth_of_the_value(value: object, limit: int) -> None:
    raw = json.dumps(value).encode()
    assert too_deep(raw, limit) == (depth_of(value) > limit)
    if not too_deep(raw, limit):
        assert bounded_json.loads(raw, limit=limit) == value


def test_a_doctored_export_line_nested_deep_is_a_problem_not_a_crash() -> None:
    found = check_export(['{"position": 1, "data": ' + "[" * 100_000 + "]" * 100_000 + "}"])
    assert found.problems == ["line 1: not a JSON object"]
