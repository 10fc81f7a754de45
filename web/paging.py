"""Long lists a page at a time: which page a link asks for, and one page of rows counted.

The database counts and cuts (LIMIT/OFFSET on an indexed order); Python never holds more
than the page. A page number is a link's, so nonsense reads as the first page and a number
past the end as the last: never an error, never a 5xx.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from flask import request

PAGE_LIMIT = 10_000  # pages of any list; a bigger number is read as this one


@dataclass(frozen=True)
class Page:
    """One page of a list: its rows, how many there are in all, which page of how many."""

    rows: list[Any]
    total: int
    number: int
    pages: int

    @property
    def previous(self) -> int | None:
        return self.number - 1 if self.number > 1 else None

    @property
    def next(self) -> int | None:
        return self.number + 1 if self.number < self.pages else None


def number(value: str) -> int:
    """The page a link asks for, 1 if none or nonsense; at most PAGE_LIMIT."""
    value = value.strip()
    if not (value.isascii() and value.isdigit()) or len(value) > 6:
        return 1
    return min(max(int(value), 1), PAGE_LIMIT)


def asked(name: str = "page") -> int:
    """The page number in the request's query parameter `name`."""
    return number(request.args.get(name, ""))


def paged(count: Callable[[], int], rows: Callable[[int, int], list[Any]], wanted: int,
          per_page: int) -> Page:
    """Page `wanted` (past the last: the last) of `count()` rows, read by
    `rows(limit, offset)`. A first page that is not full is the whole list: not counted."""
    if wanted <= 1:
        first = rows(per_page, 0)
        if len(first) < per_page:
            return Page(first, len(first), 1, 1)
        total = count()
        return Page(first, total, 1, max(1, -(-total // per_page)))
    total = count()
    pages = max(1, -(-total // per_page))
    shown = min(wanted, pages)
    return Page(rows(per_page, (shown - 1) * per_page) if total else [], total, shown, pages)
