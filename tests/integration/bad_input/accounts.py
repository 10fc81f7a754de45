"""Bad input to opening accounts and granting roles, and the error each must give."""

from __future__ import annotations

from typing import Any

from domain import errors as E
from marketplace.errors import EmailTakenError
from tests.integration.bad_input.world import World, a, case

PASSWORD = "a long enough secret"


def opening(**overrides: Any) -> tuple[tuple[Any, ...], dict[str, Any]]:
    return a(**{"name": "Ana Ruiz", "email": "ana@sodercan.example", "password": PASSWORD,
                "grants": [("officer", "")], **overrides})


def taken(w: World) -> tuple[tuple[Any, ...], dict[str, Any]]:
    w.app.open_account(name="Ana Ruiz", email="ana@sodercan.example", password=PASSWORD,
                       grants=[("auditor", "")])
    return opening(email=" ANA@sodercan.example")


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
]
