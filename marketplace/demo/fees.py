"""Annual fees of the last few periods: most paid, some late, one member in arrears."""

from __future__ import annotations

import random
from datetime import date

from domain.money import Money
from marketplace.demo.consortia import ConsortiumPlan
from marketplace.demo.firms import Firm
from marketplace.demo.formation import call, on_member
from marketplace.demo.story import Story, later, moment
from marketplace.membership.commands import annual_fee_id

PERIODS = (2023, 2024, 2025, 2026)
LAST = PERIODS[-1]


def charge(story: Story, plan: ConsortiumPlan, firms: list[Firm], rng: random.Random) -> None:
    """Schedule fee assessments, payments, failures, suspensions, a leaver and a refund."""
    members = [f for f in firms if f.joins]
    # From 2025 receipts name their issuer and the IVA the fees include; earlier ones say
    # they were issued without them.
    story.at(moment(date(2025, 1, 7), 9), call, command="set_receipt_issuer", key=plan.key,
             legal_name=f"{plan.name} AIE", address=plan.seat,
             tax_id=f"V{plan.province}{sum(map(ord, plan.key)) % 1000000:06d}",
             contact=f"cuotas@{plan.slug}.example")
    story.at(moment(date(2025, 1, 7), 9, 5), call, command="set_fee_tax", key=plan.key,
             name="IVA", rate="21")
    for period in PERIODS:
        due_on = date(period, 3, 31)
        story.at(moment(later(date(period, 1, 12), 0), 9), call, command="assess_fees",
                 key=plan.key, period=str(period), due_on=due_on)
        for firm in members:
            fee = annual_fee_id(str(period))
            amount = plan.final_rules.annual_fee(firm.tier)
            reference = f"pi_demo_{plan.key}_{period}_{firm.index:02d}"
            if firm.index == plan.leaver and period == LAST:
                continue
            if period == LAST and firm.index in (plan.arrears, plan.reinstated):
                story.at(moment(date(period, 3, 27 if firm.index == plan.arrears else 30), 8),
                         on_member, command="record_failed_payment", firm=firm, fee_id=fee,
                         reason="The card was declined: insufficient funds.")
                story.at(moment(later(date(period, 5, 18), 0), 10), on_member,
                         command="suspend_for_arrears", firm=firm)
                if firm.index == plan.reinstated:
                    story.at(moment(later(date(period, 6, 8), 0), 9), on_member,
                             command="pay_fee", firm=firm, fee_id=fee, amount=amount,
                             reference=reference)
                continue
            if period == LAST and firm.index in plan.overdue:
                continue
            paid = later(date(period, 2, 1), rng.randint(0, 70))
            if rng.random() < 0.06:
                story.at(moment(paid, 8), on_member, command="record_failed_payment", firm=firm,
                         fee_id=fee, reason="The card has expired.")
                paid = later(paid, 6)
            story.at(moment(paid, 9, firm.index), on_member, command="pay_fee", firm=firm,
                     fee_id=fee, amount=amount, reference=reference)
    if plan.leaver is not None:
        leaver = firms[plan.leaver]
        story.at(moment(date(2025, 6, 30), 12), on_member, command="leave_consortium",
                 firm=leaver, reason="After a change of ownership the firm stops exporting.")
        annual = plan.final_rules.annual_fee(leaver.tier)
        story.at(moment(later(date(2025, 7, 15), 0), 10), on_member, command="refund_fee",
                 firm=leaver, fee_id=annual_fee_id("2025"),
                 amount=Money(annual.amount / 2, annual.currency),
                 reference=f"re_demo_{plan.key}_2025_{leaver.index:02d}")
