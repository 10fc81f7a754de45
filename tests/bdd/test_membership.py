"""Steps of features/membership.feature: a company's place in a consortium."""

from __future__ import annotations

from datetime import date
from uuid import UUID, uuid4

from pytest_bdd import given, parsers, scenarios, then, when

from marketplace.application import Marketplace
from marketplace.membership.commands import annual_fee_id
from tests.bdd.support import (
    Ask,
    Cast,
    Outcome,
    day,
    log_position,
    money,
    names,
    stage_list,
    typed_date,
    versions,
)
from tests.story import rules

scenarios("membership.feature")

# How the history of a membership reads to the people in it.
HISTORY_WORDS = {
    "Invited": "invited", "MeetingAttended": "attended a meeting",
    "CapabilitiesDeclared": "declared its capabilities", "Joined": "joined",
    "Declined": "declined", "RoleAssigned": "took a role", "Endorsed": "was endorsed",
    "Left": "left", "FeeAssessed": "was assessed a fee", "FeePaid": "paid a fee",
    "FeePaymentFailed": "failed to pay a fee", "FeeRefunded": "was refunded a fee",
    "SuspendedForArrears": "suspended for arrears", "Reinstated": "reinstated",
}
STANDINGS = {
    "has declined": "declined", "has left": "left", "is suspended for arrears": "suspended",
    "is an active member": "joined", "is an active member again": "joined",
}


def _fee_of(app: Marketplace, cast: Cast, firm: str, period: str) -> dict:
    return app.get_membership(cast.membership(firm)).fees[annual_fee_id(period)]


# Given


@given(parsers.parse('the manager has made "{firm}" {role}'))
def has_role(app: Marketplace, cast: Cast, firm: str, role: str) -> None:
    app.assign_role(cast.membership(firm), role)


@given(parsers.parse('"{endorser}" has endorsed "{endorsed}"'))
def has_endorsed(app: Marketplace, cast: Cast, endorser: str, endorsed: str) -> None:
    app.endorse_peer(cast.membership(endorser), cast.membership(endorsed), "reliable partner")


@given(parsers.re(r'(?P<listed>".+") (?:has paid its|have paid their) (?P<period>\S+) fee'))
def have_paid(app: Marketplace, cast: Cast, listed: str, period: str) -> None:
    for firm in names(listed):
        fee = _fee_of(app, cast, firm, period)
        app.pay_fee(cast.membership(firm), annual_fee_id(period), fee["amount"], f"pi_{firm}")


@given(parsers.parse('the manager has refunded {amount} of the {period} fee of "{firm}"'))
def has_refunded(app: Marketplace, cast: Cast, amount: str, period: str, firm: str) -> None:
    app.refund_fee(cast.membership(firm), annual_fee_id(period), money(amount), "re_0")


@given("the consortium has adopted rules that do not suspend members for arrears")
def rules_without_suspension(app: Marketplace, consortium: UUID) -> None:
    app.adopt_rules(consortium, rules(suspend_on_arrears=False))


# When: joining and declaring


@when(parsers.parse('"{firm}" attends an introductory meeting'), target_fixture="outcome")
def attends(app: Marketplace, cast: Cast, ask: Ask, consortium: UUID, firm: str) -> Outcome:
    def meet() -> None:
        # Held today: a meeting is recorded as held from its day on.
        meeting = app.plan_meeting(consortium, app.clock.now().date(), "Why export together")
        app.hold_meeting(consortium, meeting, [cast.company(firm)])

    return ask(meet)


@when(parsers.re(r'"(?P<firm>[^"]+)" declares the stages (?P<stages>[^"]+) '
                 r'with a capacity of "(?P<capacity>[^"]*)"'), target_fixture="outcome")
def declares(app: Marketplace, cast: Cast, ask: Ask, firm: str, stages: str,
             capacity: str) -> Outcome:
    return ask(lambda: app.declare_capabilities(
        cast.membership(firm), stages=stage_list(stages), products=["offshore installation"],
        certifications=[{"name": "ISO 9001", "expires_on": date(2030, 1, 1)}],
        capacity=capacity))


@when(parsers.re(r'"(?P<firm>[^"]+)" declares the stages (?P<stages>[^"]+) with the '
                 r'certification "(?P<name>[^"]*)" expiring "(?P<expiry>[^"]*)"'),
      target_fixture="outcome")
def declares_certified(app: Marketplace, cast: Cast, ask: Ask, firm: str, stages: str,
                       name: str, expiry: str) -> Outcome:
    expires = typed_date(expiry)
    return ask(lambda: app.declare_capabilities(
        cast.membership(firm), stages=stage_list(stages), products=["offshore installation"],
        certifications=[{"name": name, "expires_on": expires}], capacity="2 offshore crews"))


@when(parsers.re(r'"(?P<firm>[^"]+)" joins in the "(?P<tier>[^"]*)" tier '
                 r'with the signed agreement "(?P<agreement>[^"]*)"'), target_fixture="outcome")
def joins(app: Marketplace, cast: Cast, ask: Ask, firm: str, tier: str, agreement: str) -> Outcome:
    return ask(lambda: app.join_consortium(cast.membership(firm), agreement=agreement, tier=tier))


@when(parsers.re(r'"(?P<firm>[^"]+)" declines because "(?P<reason>[^"]*)"'),
      target_fixture="outcome")
def declines(app: Marketplace, cast: Cast, ask: Ask, firm: str, reason: str) -> Outcome:
    return ask(lambda: app.decline_membership(cast.membership(firm), reason))


@when(parsers.re(r'"(?P<firm>[^"]+)" leaves because "(?P<reason>[^"]*)"'),
      target_fixture="outcome")
def leaves(app: Marketplace, cast: Cast, ask: Ask, firm: str, reason: str) -> Outcome:
    return ask(lambda: app.leave_consortium(cast.membership(firm), reason))


# When: roles and endorsements


@when(parsers.re(r'the manager makes "(?P<firm>[^"]+)" (?P<role>[^"]+)'), target_fixture="outcome")
def makes(app: Marketplace, cast: Cast, ask: Ask, firm: str, role: str) -> Outcome:
    return ask(lambda: app.assign_role(cast.membership(firm), role))


@when(parsers.parse("the manager makes a membership that does not exist {role}"),
      target_fixture="outcome")
def makes_nobody(app: Marketplace, ask: Ask, role: str) -> Outcome:
    return ask(lambda: app.assign_role(uuid4(), role))


@when(parsers.re(r'"(?P<endorser>[^"]+)" endorses "(?P<endorsed>[^"]+)" for "(?P<note>[^"]*)"'),
      target_fixture="outcome")
def endorses(app: Marketplace, cast: Cast, ask: Ask, endorser: str, endorsed: str,
             note: str) -> Outcome:
    return ask(lambda: app.endorse_peer(cast.membership(endorser), cast.membership(endorsed),
                                        note))


# When: fees and standing


@when(parsers.parse("the manager assesses the {period} annual fees, due on {due}"),
      target_fixture="outcome")
def assesses(app: Marketplace, ask: Ask, consortium: UUID, period: str, due: str) -> Outcome:
    return ask(lambda: app.assess_fees(consortium, period, day(due)))


@when(parsers.re(r'"(?P<firm>[^"]+)" pays (?P<amount>[^"]+) for (?P<period>\S+) '
                 r'with the reference "(?P<reference>[^"]*)"'), target_fixture="outcome")
def pays(app: Marketplace, cast: Cast, ask: Ask, firm: str, amount: str, period: str,
         reference: str) -> Outcome:
    return ask(lambda: app.pay_fee(cast.membership(firm), annual_fee_id(period), money(amount),
                                   reference))


@when(parsers.parse('the card payment of "{firm}" for {period} fails because "{reason}"'),
      target_fixture="outcome")
def payment_fails(app: Marketplace, cast: Cast, ask: Ask, firm: str, period: str,
                  reason: str) -> Outcome:
    return ask(lambda: app.record_failed_payment(cast.membership(firm), annual_fee_id(period),
                                                 reason))


@when(parsers.parse('the manager refunds {amount} of the {period} fee of "{firm}" '
                    'with the reference "{reference}"'), target_fixture="outcome")
def refunds(app: Marketplace, cast: Cast, ask: Ask, amount: str, period: str, firm: str,
            reference: str) -> Outcome:
    return ask(lambda: app.refund_fee(cast.membership(firm), annual_fee_id(period), money(amount),
                                      reference))


@given(parsers.parse('the manager has suspended "{firm}" for arrears'), target_fixture="outcome")
@when(parsers.parse('the manager suspends "{firm}" for arrears'), target_fixture="outcome")
def suspends(app: Marketplace, cast: Cast, ask: Ask, firm: str) -> Outcome:
    return ask(lambda: app.suspend_for_arrears(cast.membership(firm)))


@when(parsers.parse('the manager reinstates "{firm}"'), target_fixture="outcome")
def reinstates(app: Marketplace, cast: Cast, ask: Ask, firm: str) -> Outcome:
    return ask(lambda: app.reinstate_member(cast.membership(firm)))


# Then


@then(parsers.parse('"{firm}" is an active member in the "{tier}" tier since {on}'))
def active_in_tier(app: Marketplace, cast: Cast, firm: str, tier: str, on: str) -> None:
    membership = app.get_membership(cast.membership(firm))
    assert (membership.status, membership.tier, membership.joined_on) == ("joined", tier, day(on))
    assert membership.agreement == "MA-2025-NS.pdf"


@then(parsers.re(r'"(?P<firm>[^"]+)" (?P<standing>has declined|has left|is suspended for arrears'
                 r"|is an active member|is an active member again)"))
def standing(app: Marketplace, cast: Cast, firm: str, standing: str) -> None:
    assert app.get_membership(cast.membership(firm)).status == STANDINGS[standing]


@then(parsers.parse('"{firm}" has declared {stages}'))
def has_declared(app: Marketplace, cast: Cast, firm: str, stages: str) -> None:
    membership = app.get_membership(cast.membership(firm))
    assert membership.stages == stage_list(stages)
    assert membership.capacity == "2 offshore crews"


@then(parsers.re(r'the history of "(?P<firm>[^"]+)" (?P<part>reads|ends): (?P<told>.+)'))
def history(app: Marketplace, cast: Cast, firm: str, part: str, told: str) -> None:
    expected = [words.strip() for words in told.split(",")]
    kinds = [row["type"].rsplit(".", 1)[-1] for row in app.history(cast.membership(firm))]
    story = [HISTORY_WORDS[kind] for kind in kinds]
    assert (story if part == "reads" else story[-len(expected):]) == expected, story


@then(parsers.parse('"{firm}" holds the roles {roles}'))
def holds_roles(app: Marketplace, cast: Cast, firm: str, roles: str) -> None:
    assert app.get_membership(cast.membership(firm)).roles == stage_list(roles)


@then(parsers.parse('"{firm}" is endorsed by {listed}'))
def endorsed_by(app: Marketplace, cast: Cast, firm: str, listed: str) -> None:
    expected = [str(cast.membership(name)) for name in names(listed)]
    assert app.get_membership(cast.membership(firm)).endorsed_by == expected


@then(parsers.parse("{count:d} new fees are assessed"))
def new_fees(outcome: Outcome, count: int) -> None:
    assert outcome.error is None and outcome.result == count


@then("no new fee is assessed, and no record changes")
def no_new_fee(app: Marketplace, cast: Cast, outcome: Outcome) -> None:
    assert outcome.error is None and outcome.result == 0
    assert log_position(app) == outcome.position
    assert versions(app, cast) == outcome.versions


@then(parsers.parse('"{firm}" owes {amount} for {period}, due on {due}'))
def owes(app: Marketplace, cast: Cast, firm: str, amount: str, period: str, due: str) -> None:
    fee = _fee_of(app, cast, firm, period)
    assert (str(fee["amount"]), fee["due_on"], fee["status"]) == (amount, day(due), "assessed")


@then(parsers.parse('"{firm}" owes nothing'))
def owes_nothing(app: Marketplace, cast: Cast, firm: str) -> None:
    assert app.get_membership(cast.membership(firm)).fees == {}


@then(parsers.parse('the {period} fee of "{firm}" is {status}'))
def fee_status(app: Marketplace, cast: Cast, period: str, firm: str, status: str) -> None:
    assert _fee_of(app, cast, firm, period)["status"] == status


@then(parsers.parse('{amount} of the {period} fee of "{firm}" is refunded'))
def refunded(app: Marketplace, cast: Cast, amount: str, period: str, firm: str) -> None:
    assert str(_fee_of(app, cast, firm, period)["refunded"]) == amount

