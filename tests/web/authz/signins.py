"""Who may see and end their own sessions and change their own password: everyone signed
in, auditors included (none of it records anything in the history)."""

from __future__ import annotations

from tests.web.authz import signed_in

EVERYONE = ("officer", "manager", "member", "auditor")

EXPECTED = {
    "signins.index": signed_in(*EVERYONE, manager_other="ok", member_other="ok"),
    # An unknown handle answers 404, an empty password form 422: both "ok".
    "signins.end": signed_in(*EVERYONE, manager_other="ok", member_other="ok"),
    "signins.change_password": signed_in(*EVERYONE, manager_other="ok", member_other="ok"),
}

URL_ARGS = {
    "signins.end": {"handle": "0" * 32},
}

# Ends a session: the matrix and the fuzz post it for a session that does not exist.
ENDS_SESSION = {"signins.end"}
