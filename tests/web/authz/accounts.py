"""Who may use the accounts screen: officers read and act, auditors only read; the link
to choose a password is public (its holder has no password yet)."""

from __future__ import annotations

from tests.web.authz import ELSEWHERE, World, everyone, signed_in
from tests.web.signin import open_account

EXPECTED = {
    "accounts.index": signed_in("officer", "auditor", manager_other="403",
                                member_other="403"),
    "accounts.invite": signed_in("officer", manager_other="403", member_other="403"),
    "accounts.clear_failures": signed_in("officer", manager_other="403", member_other="403",
                                   **ELSEWHERE),
    "accounts.reinvite": signed_in("officer", manager_other="403", member_other="403",
                                   **ELSEWHERE),
    "accounts.end_sessions": signed_in("officer", manager_other="403", member_other="403",
                                   **ELSEWHERE),
    "accounts.grant_form": signed_in("officer", manager_other="403", member_other="403",
                                   **ELSEWHERE),
    "accounts.grant_role": signed_in("officer", manager_other="403", member_other="403",
                                   **ELSEWHERE),
    "accounts.revoke_role": signed_in("officer", manager_other="403", member_other="403",
                                   **ELSEWHERE),
    "accounts.close": signed_in("officer", manager_other="403", member_other="403",
                                   **ELSEWHERE),
    # An unknown token answers 404 (counted as "ok": past access control).
    "auth.password_form": everyone(),
    "auth.set_password": everyone(auditor="403"),
    # Asking for a reset answers the same for any address; an unknown link answers 404.
    "auth.forgot_password": everyone(),
    "auth.ask_reset": everyone(auditor="403"),
    "auth.reset_form": everyone(),
    "auth.reset_password": everyone(auditor="403"),
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
    # A role the account does not hold (refused, 422); closing without the box ticked (422).
    "accounts.grant_form": {"account_id": lambda w: w.extra["account"]},
    "accounts.grant_role": {"account_id": lambda w: w.extra["account"]},
    "accounts.revoke_role": {"account_id": lambda w: w.extra["account"]},
    "accounts.close": {"account_id": lambda w: w.extra["account"]},
    "auth.reset_form": _TOKEN,
    "auth.reset_password": _TOKEN,
}

# End sessions (revoking a role and closing end the account's), or change what a person may
# do (a role granted to a signed-in tester, an auditor's say, would refuse their posts): the
# matrix and the fuzz post them for an account nobody signs in as.
ENDS_SESSION = {"accounts.end_sessions", "accounts.revoke_role", "accounts.close",
                "accounts.grant_role"}
