"""Bad input to the fee runs' commands (success fees, arrears), and the error each must give."""

from __future__ import annotations

from domain import errors as E
from tests.integration.bad_input.world import a, case
from tests.story import eur

FEE = "annual-2025"

CASES = [
    case("assess_success_fees", lambda w: a(w.requested, "2025", w.today), E.BidStateError,
         "no contract awarded"),
    case("assess_success_fees", lambda w: a(w.awarded, "", w.today), E.InvalidValueError,
         "no period"),
    case("assess_success_fees", lambda w: a(w.awarded, "2025", "2025-04-30"),
         E.InvalidValueError, "due date as text"),
    case("chase_arrears", lambda w: a(w.prospect), E.ConsortiumStateError,
         "consortium without rules"),
    case("chase_arrears", lambda w: a(w.late_prospect), E.MemberNotActiveError,
         "invited, not a member"),
    case("issue_credit_note", lambda w: a(w.fees.memberships[0], FEE, eur("2400.01"), "Typo"),
         E.CreditNoteExceedsFeeError, "more than the fee"),
    case("issue_credit_note", lambda w: a(w.fees.memberships[1], FEE, eur("10"), "Typo"),
         E.FeeAlreadyPaidError, "fee paid: refund it"),
    case("issue_credit_note", lambda w: a(w.fees.memberships[0], FEE, eur("10"), " "),
         E.InvalidValueError, "no reason"),
    case("issue_credit_note", lambda w: a(w.fees.memberships[0], "annual-1999", eur("10"),
                                          "Typo"),
         E.UnknownFeeError, "no such fee"),
    case("set_fee_tax", lambda w: a(w.fees.consortium, "IVA", "100"), E.InvalidValueError,
         "a rate of 100 percent"),
    case("set_fee_tax", lambda w: a(w.fees.consortium, " ", "21"), E.InvalidValueError,
         "no tax name"),
    case("remove_fee_tax", lambda w: a(w.fees.consortium), E.NothingToCorrectError,
         "no tax to remove"),
    case("set_receipt_issuer", lambda w: a(w.fees.consortium, legal_name="CGM AIE", address=" ",
                                           tax_id="V39000001", contact="fees@cgm.example"),
         E.InvalidValueError, "no address"),
]
