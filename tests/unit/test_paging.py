"""web/paging.py: page numbers from links, and a page counted only when it must be."""

from __future__ import annotations

from web import paging

ROWS = list(range(7))


def pager(calls: list[str]) -> tuple:
    def count() -> int:
        calls.append("count")
        return len(ROWS)

    def rows(limit: int, offset: int) -> list[int]:
        calls.append(f"rows {limit} {offset}")
        return ROWS[offset:offset + limit]

    return count, rows


def test_a_page_of_a_list_is_read_and_counted() -> None:
    calls: list[str] = []
    page = paging.paged(*pager(calls), 2, 3)
    assert (page.rows, page.total, page.number, page.pages) == ([3, 4, 5], 7, 2, 3)
    assert (page.previous, page.next) == (1, 3)
    last = paging.paged(*pager(calls), 99, 3)
    assert (last.rows, last.number, last.previous, last.next) == ([6], 3, 2, None)
    first = paging.paged(*pager(calls), 1, 3)
    assert (first.rows, first.total, first.pages, first.previous) == ([0, 1, 2], 7, 3, None)


def test_a_first_page_that_is_not_full_is_the_whole_list_uncounted() -> None:
    calls: list[str] = []
    page = paging.paged(*pager(calls), 1, 10)
    assert (page.rows, page.total, page.pages, page.next) == (ROWS, 7, 1, None)
    assert calls == ["rows 10 0"]


def test_an_empty_list_past_its_end_is_its_one_empty_page() -> None:
    page = paging.paged(lambda: 0, lambda limit, offset: [], 5, 10)
    assert (page.rows, page.total, page.number, page.pages) == ([], 0, 1, 1)


def test_a_page_number_from_a_link_is_never_an_error() -> None:
    assert [paging.number(v) for v in ("", "1", " 2 ", "0", "-3", "x", "²", "٣", "1e3",
                                       "9" * 7, "999999")] == [
        1, 1, 2, 1, 1, 1, 1, 1, 1, 1, paging.PAGE_LIMIT]
