"""Stripe's form encoding: `a[b][0][c]=v` pairs into nested dicts and lists."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

_KEY = re.compile(r"^([^\[\]]+)((?:\[[^\[\]]*\])*)$")


class EncodingError(ValueError):
    """A parameter name that is not of the form `name[key][key]`."""

    def __init__(self, name: str) -> None:
        super().__init__(f"Invalid parameter name: {name}")
        self.param = name


def decode(pairs: Iterable[tuple[str, str]]) -> dict[str, Any]:
    """Nest the pairs by their bracketed keys; dicts keyed 0..n-1 become lists."""
    root: dict[str, Any] = {}
    for name, value in pairs:
        match = _KEY.match(name)
        if not match:
            raise EncodingError(name)
        path = [match.group(1), *re.findall(r"\[([^\[\]]*)\]", match.group(2))]
        node = root
        for key in path[:-1]:
            child = node.setdefault(key, {})
            if not isinstance(child, dict):
                raise EncodingError(name)
            node = child
        node[path[-1]] = value
    return _listed(root)


def _listed(node: Any) -> Any:
    if not isinstance(node, dict):
        return node
    items = {key: _listed(value) for key, value in node.items()}
    if items and all(key.isdigit() for key in items):
        indexes = sorted(int(key) for key in items)
        if indexes == list(range(len(indexes))):
            return [items[str(i)] for i in indexes]
    return items
