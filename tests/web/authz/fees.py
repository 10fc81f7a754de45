"""Who may use the fee screen: a manager reads and assesses their own consortium's fees
only; officers and auditors read every consortium's ledger; members have their own space."""

from __future__ import annotations

from tests.web.authz import ELSEWHERE, signed_in

EXPECTED = {
    # The list itself is open to every manager; it shows only their own consortia.
    "fees.index": signed_in("officer", "manager", "auditor", manager_other="ok"),
    "fees.ledger": signed_in("officer", "manager", "auditor", manager_other="403",
                      **ELSEWHERE),
    "fees.ledger_download": signed_in("officer", "manager", "auditor", manager_other="403",
                      **ELSEWHERE),
    "fees.assess": signed_in("manager", manager_other="403"),
    # A credit note corrects a fee: the manager who assesses fees issues it.
    "fees.credit": signed_in("manager", manager_other="403"),
    "fees.issue_credit": signed_in("manager", manager_other="403"),
    "fees.credit_note": signed_in("officer", "manager", "auditor", manager_other="403",
                      **ELSEWHERE),
    # A member's receipt as the manager reads it; the member reads theirs in payments.
    "fees.receipt": signed_in("officer", "manager", "auditor", manager_other="403",
                      **ELSEWHERE),
    # What receipts name (issuer, tax): read by the fee screen's readers, set by the manager.
    "fees.receipt_settings": signed_in("officer", "manager", "auditor", manager_other="403",
                      **ELSEWHERE),
    "fees.set_issuer": signed_in("manager", manager_other="403"),
    "fees.set_tax": signed_in("manager", manager_other="403"),
}

_CONSORTIUM = {"consortium_id": lambda w: w.consortium}
URL_ARGS = {
    "fees.ledger": _CONSORTIUM,
    "fees.ledger_download": {**_CONSORTIUM, "fmt": "csv"},
    "fees.assess": _CONSORTIUM,
    # membership_id, fee_id and number are left to the matrix's stand-ins: the access
    # check comes before the lookup.
    "fees.credit": _CONSORTIUM,
    "fees.issue_credit": _CONSORTIUM,
    "fees.credit_note": _CONSORTIUM,
    "fees.receipt": _CONSORTIUM,
    "fees.receipt_settings": _CONSORTIUM,
    "fees.set_issuer": _CONSORTIUM,
    "fees.set_tax": _CONSORTIUM,
}
