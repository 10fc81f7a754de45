"""Bad input to opening accounts and granting roles, and the error each must give."""

from __future__ import annotations

from typing import Any

from domain import errors as E
from marketplace.errors import EmailTakenError, InvitationNotNeededError
from tests.integration.bad_input.world import World, a, case

PASSWORD = "a long enough secret"


def opening(**overrides: Any) -> tuple[tuple[Any, ...], dict[str, Any]]:
    return a(**{"name": "Ana Ruiz", "email": "ana@sodercan.example", "password": PASSWORD,
                "grants": [("officer", "")], **overrides})


def taken(w: World) -> tuple[tuple[Any, ...], dict[str, Any]]:
    w.app.open_account(name="Ana Ruiz", email="ana@sodercan.example", password=PASSWORD,
                       grants=[("auditor", "")])
    return opening(email=" ANA@sodercan.example")


def invitation(**overrides: Any) -> tuple[tuple[Any, ...], dict[str, Any]]:
    return a(**{"name": "Lucía Pérez", "email": "lucia@metal.example",
                "grants": [("auditor", "")], "language": "es", **overrides})


def invited_twice(w: World) -> tuple[tuple[Any, ...], dict[str, Any]]:
    w.app.invite_account(name="Lucía Pérez", email="lucia@metal.example",
                         grants=[("auditor", "")])
    return invitation(email="Lucia@metal.example ")


def invited(w: World) -> Any:
    return w.app.invite_account(name="Lucía Pérez", email="lucia@metal.example",
                                grants=[("auditor", "")])


CASES = [
    case("open_account", lambda w: opening(grants=[]), E.InvalidRoleError, "no role"),
    case("open_account", lambda w: opening(grants=[("admin", "")]), E.InvalidRoleError,
         "a role that does not exist"),
    case("open_account", lambda w: opening(grants=[("manager", "")]), E.InvalidRoleError,
         "a manager of no consortium"),
    case("open_account", lambda w: opening(grants=[("auditor", "x")]), E.InvalidRoleError,
         "an auditor of one place only"),
    case("open_account", lambda w: opening(password="short"), E.InvalidValueError,
         "a password too short"),
    case("open_account", lambda w: opening(email="ana at sodercan"), E.InvalidValueError,
         "not an e-mail address"),
    case("open_account", lambda w: opening(name=" "), E.InvalidValueError, "no name"),
    case("open_account", taken, EmailTakenError, "an address that already signs in"),
    case("grant_role", lambda w: a(w.account, "officer"), E.RoleAlreadyGrantedError,
         "a role held already"),
    case("grant_role", lambda w: a(w.account, "member"), E.InvalidRoleError,
         "a member of no membership"),
    case("revoke_role", lambda w: a(w.account, "auditor"), E.RoleNotGrantedError,
         "a role not held"),
    case("close_account", lambda w: (w.app.close_account(w.account), a(w.account))[1],
         E.AccountClosedError, "an account closed already"),
    case("invite_account", lambda w: invitation(grants=[]), E.InvalidRoleError, "no role"),
    case("invite_account", lambda w: invitation(grants=[("manager", "")]), E.InvalidRoleError,
         "a manager of no consortium"),
    case("invite_account", lambda w: invitation(grants=[("root", "")]), E.InvalidRoleError,
         "a role that does not exist"),
    case("invite_account", lambda w: invitation(email="lucia@"), E.InvalidValueError,
         "not an e-mail address"),
    case("invite_account", lambda w: invitation(name=""), E.InvalidValueError, "no name"),
    case("invite_account", lambda w: invitation(language="pt"), E.InvalidValueError,
         "a language the product does not speak"),
    case("invite_account", lambda w: (w.account, invitation(email="officer@sodercan.example"))[1],
         EmailTakenError,
         "an address that already signs in"),
    case("invite_account", invited_twice, EmailTakenError, "an address already invited"),
    case("reinvite_account", lambda w: a(w.account), InvitationNotNeededError,
         "a person who chose a password already"),
    case("reinvite_account", lambda w: a(invited(w), "pt"), E.InvalidValueError,
         "a language the product does not speak"),
]
