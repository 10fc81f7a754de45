"""Assessing a period's fees on screen: one command, through web/forms.py."""

from __future__ import annotations

from flask import redirect, url_for

from marketplace.fees.runs import PeriodAssessment, assess_period
from web import forms
from web.authz import allow
from web.extensions import services
from web.workspace.fees import fees
from web.workspace.fees import forms as fee_forms
from web.workspace.fees.access import managed
from web.workspace.fees.pages import ledger_page


@fees.post("/consortia/<consortium_id>/assess")
@allow("manager")
def assess(consortium_id: str) -> forms.Page:
    """Assess a period's annual and success fees; assessing it again adds nothing."""
    consortium = managed(consortium_id)
    period = fee_forms.period()
    assessed: list[PeriodAssessment] = []

    def assess_fees() -> None:
        typed = fee_forms.assessment()
        assessed.append(assess_period(services().marketplace, services().engine,
                                      consortium.id, typed.period, typed.due_on))

    # The page showed the fee schedule: if the rules moved on since, the amounts would not
    # be those the manager saw.
    return forms.submit(
        assess_fees, seen=(consortium.id, consortium.version),
        again=lambda refused: ledger_page(consortium, refused.message, refused.status),
        done=lambda: redirect(url_for("fees.ledger", consortium_id=consortium.id, period=period,
                                      annual=assessed[0].annual, success=assessed[0].success),
                              code=303))
