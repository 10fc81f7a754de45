"""Bad input to the erasure of a person's data, and the error each must give."""

from __future__ import annotations

from domain import errors as E
from marketplace.errors import NotFoundError
from tests.integration.bad_input.world import World, a, case

BUYER = "lucia@acero-mx.example"  # the contact of World.requested


def erased(w: World) -> str:
    w.requested  # noqa: B018 - the RFQ keeps the buyer in the vault
    w.app.erase_personal_data(BUYER, "Asked to be forgotten.")
    return BUYER


CASES = [
    case("erase_personal_data", lambda w: a("nobody@example.com", "Asked."), NotFoundError,
         "no one kept under that e-mail"),
    case("erase_personal_data", lambda w: a(erased(w), "Asked again."), NotFoundError,
         "already erased"),
    case("erase_personal_data", lambda w: a(" ", "Asked."), E.InvalidValueError, "no e-mail"),
    case("erase_personal_data", lambda w: a("lucia at acero", "Asked."), E.InvalidValueError,
         "not an e-mail address"),
    case("erase_personal_data", lambda w: (w.requested, a(BUYER, ""))[1], E.InvalidValueError,
         "no reason"),
    case("erase_personal_data", lambda w: (w.requested, a(BUYER, f"{BUYER} asked."))[1],
         E.InvalidValueError, "the e-mail in the reason, which is kept for ever"),
]
