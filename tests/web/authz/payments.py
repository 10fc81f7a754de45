"""Who may pay fees and see payments: member users pay their own company's fees; Stripe's
webhook is public (it authenticates by its signature) and needs no CSRF token."""

from __future__ import annotations

from tests.web.authz import ELSEWHERE, everyone, signed_in

EXPECTED = {
    "payments.pay": signed_in("member", member_other="403"),
    "payments.paying": signed_in("officer", "member", "auditor", member_other="403",
                                     **ELSEWHERE),
    "payments.receipt": signed_in("officer", "member", "auditor", member_other="403",
                                     **ELSEWHERE),
    "payments.credit_note": signed_in("officer", "member", "auditor", member_other="403",
                                     **ELSEWHERE),
    # Each manager sees the anomalies of their own consortia only.
    "payments.anomalies": signed_in("officer", "manager", "auditor", manager_other="ok"),
    # Auditors are refused every unsafe method, whatever the route.
    "webhooks.stripe": everyone(auditor="403"),
}

# fee_id is left to the matrix's stand-in: the access check comes before the fee's lookup.
_MEMBERSHIP = {"membership_id": lambda w: w.membership}

URL_ARGS = {
    "payments.pay": _MEMBERSHIP,
    "payments.paying": _MEMBERSHIP,
    "payments.receipt": _MEMBERSHIP,
    "payments.credit_note": _MEMBERSHIP,
}
