"""Steps of features/formation.feature: the agency officer forms a consortium."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any
from uuid import UUID, uuid4

from pytest_bdd import given, parsers, scenarios, then, when

from domain.rules import ConsortiumRules
from domain.values import Sector
from marketplace.application import Marketplace
from tests.bdd.support import (
    Ask,
    Cast,
    Outcome,
    day,
    establish,
    invite,
    money,
    names,
    propose,
    register,
    stage_list,
    typed_date,
)
from tests.story import METAL, rules

scenarios("formation.feature")

MEETING_DAY = date(2025, 3, 20)


def _fees(text: str) -> dict[str, Any]:
    """'EUR 2,400 standard and EUR 3,600 founding' as a fee schedule; 'nothing' as none."""
    if text == "nothing":
        return {}
    pairs = (part.rsplit(" ", 1) for part in text.split(" and "))
    return {tier: money(amount) for amount, tier in pairs}


def _rules_with(setting: str, value: str) -> ConsortiumRules:
    number = value.split(" ")[0]
    overrides: dict[str, Any] = {
        "quote response deadline": lambda: {"quote_response_days": int(number)},
        "fee schedule": lambda: {"annual_fees": _fees(value)},
        "success fee": lambda: {"success_fee_percent": Decimal(number)},
        "work-share rule": lambda: {"work_share_rule": value},
        "decision quorum": lambda: {"quorum_percent": int(number)},
        "grace period": lambda: {"grace_days": int(number)},
    }[setting]()
    return rules(**overrides)


# Given


@given(parsers.re(r"the compan(?:y|ies) (?P<listed>.+) (?:is|are) registered"))
def companies_registered(app: Marketplace, cast: Cast, listed: str) -> None:
    for name in names(listed):
        register(app, cast, name)


@given(parsers.re(r'(?P<listed>".+") (?:is a prospect|are prospects) '
                  r"of the (?P<slug>\w+) consortium"))
def prospects(app: Marketplace, cast: Cast, listed: str, slug: str) -> None:
    for name in names(listed):
        invite(app, cast, name, slug)


@given("these prospects have declared their stages:")
def prospects_declared(app: Marketplace, cast: Cast, datatable: list[list[str]]) -> None:
    for company, stages in datatable[1:]:
        membership = invite(app, cast, company, "metal")
        app.declare_capabilities(membership, stages=stage_list(stages), products=["steelwork"],
                                 certifications=[], capacity="800 t a year")


@given("an introductory meeting is planned")
def meeting_planned(app: Marketplace, cast: Cast, consortium: UUID) -> None:
    cast.meetings.append(app.plan_meeting(consortium, MEETING_DAY, "Why export together"))


@given(parsers.parse("an introductory meeting was held with {listed} attending"))
def meeting_held_before(app: Marketplace, cast: Cast, consortium: UUID, listed: str) -> None:
    meeting_planned(app, cast, consortium)
    _meeting_day_comes(app)
    app.hold_meeting(consortium, cast.meetings[-1], [cast.company(n) for n in names(listed)])


def _meeting_day_comes(app: Marketplace) -> None:
    """A meeting is recorded as held on or after its day: the clock moves on to it."""
    now = app.clock.now()
    if now.date() < MEETING_DAY:
        app.clock.set(now.replace(year=MEETING_DAY.year, month=MEETING_DAY.month,  # type: ignore[attr-defined]
                                  day=MEETING_DAY.day))


@given(parsers.parse("the consortium has been granted {amount} of seed funding"))
def granted(app: Marketplace, consortium: UUID, amount: str) -> None:
    app.grant_seed_funding(consortium, money(amount))


@given(parsers.parse("{amount} of it has been disbursed"))
def disbursed(app: Marketplace, consortium: UUID, amount: str) -> None:
    app.disburse_seed_funding(consortium, money(amount), "legal establishment")


@given("a manager is appointed and rules are adopted")
def manager_and_rules(app: Marketplace, consortium: UUID) -> None:
    app.appoint_manager(consortium, name="Ana Ruiz", email="ana.ruiz@example.com")
    app.adopt_rules(consortium, rules())


@given(parsers.parse("{listed} have joined with a signed member agreement"))
def have_joined(app: Marketplace, cast: Cast, listed: str) -> None:
    for name in names(listed):
        app.join_consortium(cast.membership(name), agreement="MA-2025.pdf", tier="standard")


@given(parsers.parse("a metal consortium that is {state}"), target_fixture="consortium")
def consortium_in_state(app: Marketplace, cast: Cast, state: str) -> UUID:
    if state == "proposed":
        return propose(app, cast, "metal")
    consortium = establish(app, cast, "metal", 3)
    if state == "suspended":
        app.suspend_consortium(consortium, "the manager resigned")
    return consortium


# When: proposing and registering


@when(parsers.re(r'the officer proposes the "(?P<slug>[^"]*)" consortium "(?P<name>[^"]*)" '
                 r'for NACE "(?P<nace>[^"]*)" in region "(?P<region>[^"]*)"'),
      target_fixture="outcome")
def officer_proposes(app: Marketplace, cast: Cast, ask: Ask, slug: str, name: str, nace: str,
            region: str) -> Outcome:
    outcome = ask(lambda: app.propose_consortium(
        slug=slug, name=name, agency="SODERCAN", region=region,
        sector=Sector(nace, "Fabricated metal products")))
    if outcome.error is None:
        cast.consortia[slug] = outcome.result
    return outcome


@when(parsers.parse('the officer proposes the "{slug}" consortium without naming its sector'),
      target_fixture="outcome")
def propose_without_sector(app: Marketplace, ask: Ask, slug: str) -> Outcome:
    return ask(lambda: app.propose_consortium(slug=slug, name="Global Metal", agency="SODERCAN",
                                              region="ES-CB", sector=None))  # type: ignore[arg-type]


@when(parsers.parse('the officer proposes the "{slug}" consortium with a programme cap of {cap}'),
      target_fixture="outcome")
def propose_with_cap(app: Marketplace, ask: Ask, slug: str, cap: str) -> Outcome:
    return ask(lambda: app.propose_consortium(slug=slug, name="Global Metal", agency="SODERCAN",
                                              region="ES-CB", sector=METAL,
                                              programme_cap=money(cap)))


@when(parsers.parse('the officer registers "{company}" with the tax id of "{other}"'),
      target_fixture="outcome")
def register_same_tax_id(app: Marketplace, cast: Cast, ask: Ask, company: str,
                         other: str) -> Outcome:
    tax_id = app.get_company(cast.company(other)).tax_id
    return ask(lambda: app.register_company(tax_id=tax_id, name=company, region="ES-CB",
                                            sector=METAL, employees=12, summary="Steelwork."))


@when(parsers.parse('the officer registers "{company}" with {employees:d} employees '
                    'and the website "{website}"'), target_fixture="outcome")
def register_profile(app: Marketplace, ask: Ask, company: str, employees: int,
                     website: str) -> Outcome:
    return ask(lambda: app.register_company(
        tax_id="ESB39000001", name=company, region="ES-CB", sector=METAL, employees=employees,
        summary="Steelwork.", website=website))


# When: prospects and meetings


@when(parsers.parse("the officer identifies {listed} as prospects"), target_fixture="outcome")
def identify_many(app: Marketplace, cast: Cast, ask: Ask, listed: str) -> Outcome:
    return ask(lambda: [invite(app, cast, name, "metal") for name in names(listed)])


@when(parsers.re(r'the officer identifies "(?P<company>[^"]+)" as a prospect'),
      target_fixture="outcome")
def identify(app: Marketplace, cast: Cast, ask: Ask, consortium: UUID, company: str) -> Outcome:
    return ask(lambda: app.identify_prospect(consortium, cast.company(company), "Sells abroad."))


@when(parsers.parse('the officer identifies "{company}" as a prospect '
                    "without a note on its export potential"), target_fixture="outcome")
def identify_without_note(app: Marketplace, cast: Cast, ask: Ask, consortium: UUID,
                          company: str) -> Outcome:
    return ask(lambda: app.identify_prospect(consortium, cast.company(company), ""))


@when("the officer identifies a company that was never registered as a prospect",
      target_fixture="outcome")
def identify_stranger(app: Marketplace, ask: Ask, consortium: UUID) -> Outcome:
    return ask(lambda: app.identify_prospect(consortium, uuid4(), "Sells abroad."))


@when(parsers.re(r'the officer plans an introductory meeting on (?P<on>.+?) '
                 r'about "(?P<topic>[^"]*)"'), target_fixture="outcome")
def plan_meeting(app: Marketplace, cast: Cast, ask: Ask, consortium: UUID, on: str,
                 topic: str) -> Outcome:
    outcome = ask(lambda: app.plan_meeting(consortium, typed_date(on), topic))  # type: ignore[arg-type]
    if outcome.error is None:
        cast.meetings.append(outcome.result)
    return outcome


@when(parsers.parse("the meeting is held with {listed} attending"), target_fixture="outcome")
def hold_meeting(app: Marketplace, cast: Cast, ask: Ask, consortium: UUID, listed: str) -> Outcome:
    attendees = [cast.company(name) for name in names(listed)]
    _meeting_day_comes(app)
    return ask(lambda: app.hold_meeting(consortium, cast.meetings[-1], attendees))


@when(parsers.parse("the officer records a meeting that was never planned as held "
                    "with {listed} attending"), target_fixture="outcome")
def hold_unplanned(app: Marketplace, cast: Cast, ask: Ask, consortium: UUID,
                   listed: str) -> Outcome:
    attendees = [cast.company(name) for name in names(listed)]
    return ask(lambda: app.hold_meeting(consortium, uuid4(), attendees))


@when("the officer maps the capabilities", target_fixture="outcome")
def map_capabilities(app: Marketplace, ask: Ask, consortium: UUID) -> Outcome:
    return ask(lambda: app.map_capabilities(consortium))


# When: seed funding and governance


@when(parsers.parse("the officer grants {amount} of seed funding"), target_fixture="outcome")
def grant(app: Marketplace, ask: Ask, consortium: UUID, amount: str) -> Outcome:
    return ask(lambda: app.grant_seed_funding(consortium, money(amount)))


@when(parsers.re(r'the officer disburses (?P<amount>[^"]+) for "(?P<purpose>[^"]*)"'),
      target_fixture="outcome")
def disburse(app: Marketplace, ask: Ask, consortium: UUID, amount: str, purpose: str) -> Outcome:
    return ask(lambda: app.disburse_seed_funding(consortium, money(amount), purpose))


@when(parsers.parse('the officer appoints "{name}" with the e-mail "{email}" as manager'),
      target_fixture="outcome")
def appoint(app: Marketplace, ask: Ask, consortium: UUID, name: str, email: str) -> Outcome:
    return ask(lambda: app.appoint_manager(consortium, name=name, email=email))


@when(parsers.parse("the consortium adopts rules with a {days:d}-day response deadline "
                    "and annual fees of {fees}"), target_fixture="outcome")
def adopt(app: Marketplace, ask: Ask, consortium: UUID, days: int, fees: str) -> Outcome:
    return ask(lambda: app.adopt_rules(
        consortium, rules(quote_response_days=days, annual_fees=_fees(fees))))


@when(parsers.parse("the consortium adopts rules with the {setting} set to {value}"),
      target_fixture="outcome")
def adopt_out_of_bounds(app: Marketplace, ask: Ask, consortium: UUID, setting: str,
                        value: str) -> Outcome:
    return ask(lambda: app.adopt_rules(consortium, _rules_with(setting, value)))


@when("the officer adopts the model rules", target_fixture="outcome")
def adopt_model(app: Marketplace, ask: Ask, consortium: UUID) -> Outcome:
    return ask(lambda: app.adopt_rules(consortium, rules()))


@when(parsers.parse("{listed} join with a signed member agreement"), target_fixture="outcome")
def join(app: Marketplace, cast: Cast, ask: Ask, listed: str) -> Outcome:
    return ask(lambda: [app.join_consortium(cast.membership(name), agreement="MA-2025.pdf",
                                            tier="standard") for name in names(listed)])


@when("the officer establishes the consortium", target_fixture="outcome")
def establish_it(app: Marketplace, ask: Ask, consortium: UUID) -> Outcome:
    return ask(lambda: app.establish_consortium(consortium))


@when(parsers.re(r"the (?:manager|officer) publishes the offer of (?P<stages>[^\"]+)"),
      target_fixture="outcome")
def publish(app: Marketplace, ask: Ask, consortium: UUID, stages: str) -> Outcome:
    return ask(lambda: app.publish_offer(consortium, stage_list(stages),
                                         "Design to installation of steel structures."))


@when(parsers.re(r'the manager publishes the offer of (?P<stages>[^"]+) '
                 r'with the summary "(?P<summary>[^"]*)"'), target_fixture="outcome")
def publish_with_summary(app: Marketplace, ask: Ask, consortium: UUID, stages: str,
                         summary: str) -> Outcome:
    return ask(lambda: app.publish_offer(consortium, stage_list(stages), summary))


@when(parsers.re(r'the officer suspends the consortium because "(?P<reason>[^"]*)"'),
      target_fixture="outcome")
def suspend(app: Marketplace, ask: Ask, consortium: UUID, reason: str) -> Outcome:
    return ask(lambda: app.suspend_consortium(consortium, reason))


@when(parsers.parse('the officer dissolves the consortium because "{reason}"'),
      target_fixture="outcome")
def dissolve(app: Marketplace, ask: Ask, consortium: UUID, reason: str) -> Outcome:
    return ask(lambda: app.dissolve_consortium(consortium, reason))


# Then


@then(parsers.parse('"{name}" is proposed by {agency} in {region} for NACE {nace}'))
def proposed(app: Marketplace, cast: Cast, name: str, agency: str, region: str,
             nace: str) -> None:
    consortium = app.get_consortium(cast.consortia["metal"])
    assert (consortium.name, consortium.status) == (name, "proposed")
    assert (consortium.agency, consortium.region.name) == (agency, region)
    assert consortium.sector.nace == nace


@then(parsers.parse("its programme cap is {cap}"))
def programme_cap(app: Marketplace, cast: Cast, cap: str) -> None:
    assert str(app.get_consortium(cast.consortia["metal"]).programme_cap) == cap


@then(parsers.parse("the consortium has {count:d} prospects, each invited to join"))
def has_prospects(app: Marketplace, cast: Cast, consortium: UUID, count: int) -> None:
    prospects = app.get_consortium(consortium).prospects
    assert len(prospects) == count
    for prospect in prospects.values():
        assert app.get_membership(prospect["membership_id"]).status == "invited"


@then(parsers.parse("the meeting is recorded with {count:d} attendees"))
def meeting_attendees(app: Marketplace, cast: Cast, consortium: UUID, count: int) -> None:
    meeting = app.get_consortium(consortium).meetings[str(cast.meetings[-1])]
    assert meeting["on"] == MEETING_DAY
    assert len(meeting["attendees"]) == count


@then(parsers.re(r'"(?P<company>[^"]+)" has attended (?P<count>\d+) meetings?'))
def attended(app: Marketplace, cast: Cast, company: str, count: str) -> None:
    assert len(app.get_membership(cast.membership(company)).meetings_attended) == int(count)


@then(parsers.parse("the gaps are {stages}"))
def gaps(app: Marketplace, consortium: UUID, outcome: Outcome, stages: str) -> None:
    assert outcome.result == stage_list(stages)
    assert app.get_consortium(consortium).gaps == stage_list(stages)


@then(parsers.parse("{stage} is covered by {listed}"))
def covered(app: Marketplace, cast: Cast, consortium: UUID, stage: str, listed: str) -> None:
    expected = sorted(str(cast.company(name)) for name in names(listed))
    assert app.get_consortium(consortium).coverage[stage] == expected


@then(parsers.parse("the consortium has {granted} granted and {paid} disbursed"))
def funding(app: Marketplace, consortium: UUID, granted: str, paid: str) -> None:
    state = app.get_consortium(consortium)
    assert (str(state.granted), str(state.disbursed)) == (granted, paid)


@then(parsers.parse("the consortium is established on {on}"))
def established_on(app: Marketplace, consortium: UUID, on: str) -> None:
    state = app.get_consortium(consortium)
    assert (state.status, state.established_on) == ("established", day(on))


@then(parsers.parse('its manager "{name}" is kept in the personal-data vault, not in its history'))
def manager_in_vault(app: Marketplace, consortium: UUID, name: str) -> None:
    manager = app.get_consortium(consortium).manager
    assert manager is not None
    assert app.reveal_person(manager) == {"name": name, "email": "ana.ruiz@example.com"}
    assert name not in repr(app.history(consortium))


@then(parsers.parse("buyers see an offer of {stages}"))
def offer(app: Marketplace, consortium: UUID, stages: str) -> None:
    assert app.get_consortium(consortium).offer_stages == stage_list(stages)


@then(parsers.re(r"the consortium is (?P<status>proposed|established|suspended|dissolved)"))
def status(app: Marketplace, consortium: UUID, status: str) -> None:
    assert app.get_consortium(consortium).status == status
