"""Bad input to the buyer's own space: sending a private link again."""

from __future__ import annotations

from typing import Any

from marketplace.errors import NotFoundError
from tests.integration.bad_input.world import World, a, case


def erased(w: World) -> Any:
    key = w.buyer_key
    w.app.erase_personal_data("lucia@acero-mx.example", "Asked to be forgotten.")
    return a(key, w.requested)


CASES = [
    case("resend_tracking_link", lambda w: a(w.buyer_key, w.other_buyer), NotFoundError,
         "another buyer's RFQ"),
    case("resend_tracking_link",
         lambda w: a(w.app.vault.digest_of("compras@naval-cl.example"), w.requested),
         NotFoundError, "the other buyer asks for this one's"),
    case("resend_tracking_link", erased, NotFoundError, "the buyer was erased"),
    case("resend_tracking_link", lambda w: a(w.buyer_key.upper(), w.requested), NotFoundError,
         "a key that differs in case"),
    case("resend_tracking_link", lambda w: a("", w.requested), NotFoundError, "no key"),
]
