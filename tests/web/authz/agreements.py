"""Who may see who signed the member agreement: the manager of the consortium (not of
another), officers and auditors; a member user signs in their own space (member.py)."""

from __future__ import annotations

from tests.web.authz import ELSEWHERE, signed_in

EXPECTED = {
    # The list is open to every manager; it shows only their own consortia.
    "agreements.index": signed_in("officer", "manager", "auditor", manager_other="ok"),
    "agreements.consortium": signed_in("officer", "manager", "auditor", manager_other="403",
                                        **ELSEWHERE),
    "agreements.pdf": signed_in("officer", "manager", "auditor", manager_other="403",
                                 **ELSEWHERE),
}

_CONSORTIUM = {"consortium_id": lambda w: w.consortium}
URL_ARGS = {
    "agreements.consortium": _CONSORTIUM,
    "agreements.pdf": {**_CONSORTIUM, "membership_id": lambda w: w.membership,
                       "version": lambda w: 1},
}
