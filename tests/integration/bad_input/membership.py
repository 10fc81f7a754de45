"""Bad input to the member and manager's commands, and the error each must give."""

from __future__ import annotations

from uuid import NAMESPACE_URL, uuid5

from domain import errors as E
from domain.agreements import sha256
from domain.money import Money
from tests.integration.bad_input.world import NEGATIVE, NOT_ISO, World, a, case
from tests.story import eur


def _signed(w: World, membership: object, **change: object) -> tuple:
    """A signature of the metal consortium's agreement in force, with one value changed."""
    found = w.app.get_consortium(w.formed.consortium).agreement()
    version, text = found if found else (0, "")
    values: dict[str, object] = {
        "account_id": uuid5(NAMESPACE_URL, "signer"), "name": "Ines Vega",
        "email": "ines@example.org", "version": version, "agreement_sha256": sha256(text)}
    return a(membership, **{**values, **change})


def _in_force(w: World) -> int:
    """The version of the first member's capability declaration in force."""
    return int(w.app.get_membership(w.formed.memberships[0]).capabilities_version)


CASES = [
    case("declare_capabilities", lambda w: a(w.prospect, stages=[], products=[],
                                             certifications=[], capacity="10 t"),
         E.InvalidValueError, "no stages"),
    case("declare_capabilities", lambda w: a(w.prospect, stages=["canning"], products=[],
                                             certifications=[], capacity="10 t"),
         E.UnknownStageError, "unknown stage"),
    case("declare_capabilities", lambda w: a(
        w.prospect, stages=["design"], products=[], capacity="10 t",
        certifications=[{"name": "ISO 22000", "expires_on": "2030-01-01"}]),
         E.InvalidValueError, "certificate expiry as text"),
    case("declare_capabilities", lambda w: a(w.declined, stages=["design"], products=[],
                                             certifications=[], capacity="10 t"),
         E.MemberNotActiveError, "company that declined"),
    case("correct_capabilities", lambda w: a(
        w.prospect, corrects=1, reason="Typo", stages=["design"], products=[],
        certifications=[], capacity="10 t"),
         E.CapabilitiesCorrectionError, "nothing declared yet"),
    case("correct_capabilities", lambda w: a(
        w.formed.memberships[0], corrects=999, reason="Typo", stages=["design"], products=[],
        certifications=[], capacity="10 t"),
         E.CapabilitiesCorrectionError, "not the declaration in force"),
    case("correct_capabilities", lambda w: a(
        w.formed.memberships[0], corrects=_in_force(w), reason=" ", stages=["design"],
        products=[], certifications=[], capacity="10 t"),
         E.InvalidValueError, "no reason"),
    case("correct_capabilities", lambda w: a(
        w.formed.memberships[0], corrects=_in_force(w), reason="Typo", stages=["canning"],
        products=[], certifications=[], capacity="10 t"),
         E.UnknownStageError, "unknown stage"),
    case("join_consortium", lambda w: a(w.formed.memberships[0], agreement="MA.pdf",
                                        tier="standard"),
         E.MembershipDecisionError, "joined twice"),
    case("join_consortium", lambda w: a(w.late_prospect, agreement="MA.pdf",
                                        tier="platinum"),
         E.InvalidRulesError, "tier not in the fee schedule"),
    case("join_consortium", lambda w: a(w.prospect, agreement="", tier="standard"),
         E.InvalidValueError, "no agreement"),
    case("sign_agreement", lambda w: _signed(w, w.formed.memberships[0], version=99),
         E.AgreementSupersededError, "a version not in force"),
    case("sign_agreement", lambda w: _signed(w, w.formed.memberships[0],
                                             agreement_sha256="0" * 64),
         E.AgreementTextMismatchError, "another text's hash"),
    case("sign_agreement", lambda w: _signed(w, w.formed.memberships[0], name=" "),
         E.InvalidValueError, "no name typed"),
    case("sign_agreement", lambda w: _signed(w, w.late_prospect), E.MemberNotActiveError,
         "invited, not a member"),
    case("sign_agreement", lambda w: _signed(w, w.prospect), E.ConsortiumStateError,
         "no rules adopted yet"),
    case("decline_membership", lambda w: a(w.formed.memberships[0], "Changed my mind"),
         E.MembershipDecisionError, "after joining"),
    case("decline_membership", lambda w: a(w.prospect, ""), E.InvalidValueError, "no reason"),
    case("assign_role", lambda w: a(w.formed.memberships[0], "emperor"), E.InvalidValueError,
         "unknown role"),
    case("assign_role", lambda w: a(w.prospect, "treasurer"), E.MemberNotActiveError,
         "invited, not a member"),
    case("assign_role", lambda w: a(w.suspended[1], "treasurer"), E.MemberNotActiveError,
         "suspended member"),
    case("endorse_peer", lambda w: a(w.formed.memberships[0], w.formed.memberships[0], "Me"),
         E.EndorsementError, "self-endorsement"),
    case("endorse_peer", lambda w: a(w.prospect, w.formed.memberships[0], "Good"),
         E.EndorsementError, "peer of another consortium"),
    case("endorse_peer", lambda w: a(w.suspended[1], w.formed.memberships[1], "Good"),
         E.MemberNotActiveError, "endorser suspended"),
    case("endorse_peer", lambda w: a(w.formed.memberships[0], w.formed.memberships[1], ""),
         E.InvalidValueError, "empty note"),
    case("leave_consortium", lambda w: a(w.prospect, "Bye"), E.MemberNotActiveError,
         "not a member"),
    case("leave_consortium", lambda w: a(w.formed.memberships[0], ""), E.InvalidValueError,
         "no reason"),
    case("assess_fees", lambda w: a(w.proposed, "2025", w.today), E.ConsortiumStateError,
         "no rules adopted"),
    case("assess_fees", lambda w: a(w.formed.consortium, "2025", "2025-03-31"),
         E.InvalidValueError, "due date as text"),
    case("assess_fees", lambda w: a(w.formed.consortium, "", w.today), E.InvalidValueError,
         "no period"),
    case("pay_fee", lambda w: a(w.fees.memberships[0], "annual-1999", eur("2400"), "pi"),
         E.UnknownFeeError, "unknown fee"),
    case("pay_fee", lambda w: a(w.fees.memberships[0], "annual-2025", eur("2000"), "pi"),
         E.FeeAmountMismatchError, "wrong amount"),
    case("pay_fee", lambda w: a(w.fees.memberships[1], "annual-2025", eur("2400"), "pi"),
         E.FeeAlreadyPaidError, "paid twice"),
    case("pay_fee", lambda w: a(w.fees.memberships[0], "annual-2025", 2400.0, "pi"),
         E.InvalidMoneyError, "float amount"),
    case("pay_fee", lambda w: a(w.fees.memberships[0], "annual-2025", NEGATIVE, "pi"),
         E.InvalidMoneyError, "negative amount"),
    case("pay_fee", lambda w: a(w.fees.memberships[0], "annual-2025", eur("2400"), ""),
         E.InvalidValueError, "no payment reference"),
    case("record_failed_payment", lambda w: a(w.fees.memberships[1], "annual-2025", "Card"),
         E.FeeAlreadyPaidError, "fee already paid"),
    case("record_failed_payment", lambda w: a(w.fees.memberships[0], "annual-1999", "Card"),
         E.UnknownFeeError, "unknown fee"),
    case("refund_fee", lambda w: a(w.fees.memberships[0], "annual-2025", eur("10"), "re"),
         E.FeeNotPaidError, "fee not paid"),
    case("refund_fee", lambda w: a(w.fees.memberships[1], "annual-2025", eur("2400.01"), "re"),
         E.RefundExceedsPaymentError, "more than was paid"),
    case("refund_fee", lambda w: a(w.fees.memberships[1], "annual-2025", 10.0, "re"),
         E.InvalidMoneyError, "float amount"),
    case("refund_fee", lambda w: a(w.fees.memberships[1], "annual-2025", NOT_ISO, "re"),
         E.UnknownCurrencyError, "currency not ISO 4217"),
    case("refund_fee", lambda w: a(w.fees.memberships[1], "annual-2025",
                                   Money.of("10", "USD"), "re"),
         E.CurrencyMismatchError, "refund in another currency"),
    case("suspend_for_arrears", lambda w: a(w.fees.memberships[0]), E.NotInArrearsError,
         "fee not yet overdue"),
    case("suspend_for_arrears", lambda w: a(w.prospect), E.ConsortiumStateError,
         "consortium without rules"),
    case("reinstate_member", lambda w: a(w.formed.memberships[0]), E.NotSuspendedError,
         "member not suspended"),
    case("reinstate_member", lambda w: a(w.suspended[1]), E.FeeNotPaidError,
         "fees still overdue"),
]
