"""Who may use the accounts screen: officers read and act, auditors only read; the link
to choose a password is public (its holder has no password yet)."""

from __future__ import annotations

from tests.web.authz import World, everyone, signed_in
from tests.web.signin import open_account

EXPECTED = {
    "accounts.index": signed_in("officer", "auditor", manager_other="403",
                                member_other="403"),
    "accounts.invite": signed_in("officer", manager_other="403", member_other="403"),
    "accounts.clear_failures": signed_in("officer", manager_other="403", member_other="403"),
    "accounts.reinvite": signed_in("officer", manager_other="403", member_other="403"),
    "accounts.end_sessions": signed_in("officer", manager_other="403", member_other="403"),
    # An unknown token answers 404 (counted as "ok": past access control).
    "auth.password_form": everyone(),
    "auth.set_password": everyone(auditor="403"),
}



def setup(world: World) -> None:
    """An account for the routes to name (clearing the failures of an account with none is
    harmless)."""
    world.extra["account"] = open_account(world.services, "auditor")[0]


_TOKEN = {"token": "A" * 43}
URL_ARGS = {
    "accounts.clear_failures": {"account_id": lambda w: w.extra["account"]},
    "accounts.end_sessions": {"account_id": lambda w: w.extra["account"]},
    # An account with a password: the officer's re-invitation is refused with 422.
    "accounts.reinvite": {"account_id": lambda w: w.extra["account"]},
    "auth.password_form": _TOKEN,
    "auth.set_password": _TOKEN,
}

# Ends sessions: the matrix and the fuzz post it for an account nobody signs in as.
ENDS_SESSION = {"accounts.end_sessions"}
