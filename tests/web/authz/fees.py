"""Who may use the fee screen: a manager reads and assesses their own consortium's fees
only; officers and auditors read every consortium's ledger; members have their own space."""

from __future__ import annotations

from tests.web.authz import signed_in

EXPECTED = {
    # The list itself is open to every manager; it shows only their own consortia.
    "fees.index": signed_in("officer", "manager", "auditor", manager_other="ok"),
    "fees.ledger": signed_in("officer", "manager", "auditor", manager_other="403"),
    "fees.assess": signed_in("manager", manager_other="403"),
}

_CONSORTIUM = {"consortium_id": lambda w: w.consortium}
URL_ARGS = {
    "fees.ledger": _CONSORTIUM,
    "fees.assess": _CONSORTIUM,
}
