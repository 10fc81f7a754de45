"""Free text: whatever is typed, what is kept is trimmed, bounded and storable anywhere."""

from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from domain.errors import InvalidValueError
from domain.text import text
from domain.values import Incoterm, Sector

# Any code point, lone surrogates too (broken JSON brings them), now and then a NUL.
TYPED = st.text(st.characters(codec=None)) | st.text().map(lambda s: f"A\x00{s}")


def storable(kept: str, *, lines: bool = False) -> bool:
    """No control character (but tab and line breaks where lines are kept), no surrogate:
    PostgreSQL refuses NUL, and a surrogate cannot be written as UTF-8."""
    allowed = {"\t", "\n", "\r"} if lines else set()
    return all(unicodedata.category(c) not in ("Cc", "Cs") or c in allowed for c in kept)


@given(typed=TYPED, keep_lines=st.booleans(), limit=st.integers(1, 50))
def test_kept_text_is_trimmed_bounded_and_storable(typed: str, keep_lines: bool,
                                                    limit: int) -> None:
    try:
        kept = text(typed, "the note", limit, keep_lines=keep_lines)
    except InvalidValueError:
        return
    assert kept and len(kept) <= limit and kept == kept.strip()
    assert storable(kept, lines=keep_lines), repr(kept)


@given(typed=TYPED)
def test_a_named_place_and_a_sector_name_are_storable(typed: str) -> None:
    for build, field in ((lambda: Incoterm("CIF", typed), "place"),
                         (lambda: Sector("25", typed), "name")):
        try:
            value = build()
        except InvalidValueError:
            continue
        assert storable(getattr(value, field)), repr(getattr(value, field))
