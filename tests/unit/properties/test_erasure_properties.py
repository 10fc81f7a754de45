"""ErasureRequest: the record of an erasure never keeps an e-mail address."""

from __future__ import annotations

import re
from uuid import UUID

from hypothesis import given
from hypothesis import strategies as st

from domain.erasure import ErasureRequest
from domain.errors import InvalidValueError

ADDRESS = re.compile(r"\S@\S")  # anything that reads as someone's address
REASONS = st.one_of(st.text(max_size=60), st.emails().map(lambda e: f"Asked by {e}"),
                    st.sampled_from(["Asked in writing", "a@b", " @ "]))


@given(refs=st.lists(st.integers(1, 9).map(lambda n: UUID(int=n)), max_size=3), reason=REASONS)
def test_an_erasure_names_people_by_reference_only(refs: list[UUID], reason: str) -> None:
    try:
        erasure = ErasureRequest.fulfil(refs=refs, reason=reason)
    except InvalidValueError:
        return
    assert erasure.count == len(refs) > 0
    assert not ADDRESS.search(erasure.reason), "an e-mail address kept for ever"
