"""Bad input to a member user's choice of mails, and the error each must give."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from domain import errors as E
from tests.integration.bad_input.world import World, a, case


def member_account(w: World) -> UUID:
    return w.app.open_account(name="Marta Gómez", email="marta@besaya.example",
                              password="a long enough secret",
                              grants=[("member", str(w.formed.memberships[0]))])


def chosen_then(w: World, wanted: list[Any]) -> tuple[tuple[Any, ...], dict[str, Any]]:
    """An account that chose its mails once, choosing again."""
    account = member_account(w)
    w.app.choose_mails(account, ["awards"])
    return a(account, wanted)


CASES = [
    case("choose_mails", lambda w: a(member_account(w), ["spam"]), E.InvalidValueError,
         "a kind of mail that does not exist"),
    case("choose_mails", lambda w: chosen_then(w, ["awards", "newsletter"]),
         E.InvalidValueError, "an unknown kind, choosing again"),
    case("choose_mails", lambda w: a(w.account, ["awards"]), E.InvalidRoleError,
         "an officer, who is no member user"),
]
