"""The seed's formation rules: the programme cap, the offer's stages, meetings held or cancelled.

Each test was written to fail before the rule was enforced (issue 12).
"""

from __future__ import annotations

from datetime import date, timedelta
from uuid import uuid4

import pytest

from domain import errors as E
from domain.ids import agency_id
from marketplace.application import Marketplace
from marketplace.errors import ConfigurationError
from marketplace.formation.programme import ProgrammeCaps
from marketplace.formation.queries import consortium_formation
from marketplace.settings import Settings
from tests.story import METAL, eur, form_consortium, register_agency


def propose(app: Marketplace, slug: str = "metal", agency: str = "SODERCAN",
            region: str = "ES-CB", **more: object):
    return app.propose_consortium(slug=slug, name="Global Metal", agency=agency,
                                  region=region, sector=METAL, **more)


def prospects(app: Marketplace, consortium, count: int) -> list:
    companies = []
    for n in range(count):
        company = app.register_company(tax_id=f"ESB{n:08d}", name=f"Firm {n + 1}",
                                       region="ES-CB", sector=METAL, employees=20,
                                       summary="Steelwork.")
        app.identify_prospect(consortium, company, "Exports to France.")
        companies.append(company)
    return companies


# Programme cap


def test_a_consortium_cap_above_the_programme_cap_is_refused(memory_app: Marketplace) -> None:
    with pytest.raises(E.ProgrammeCapExceededError, match="programme cap of EUR 700,000.00"):
        propose(memory_app, programme_cap=eur("900000"))
    consortium = propose(memory_app, programme_cap=eur("500000"))
    assert memory_app.get_consortium(consortium).programme_cap == eur("500000")


def test_the_programme_cap_is_the_registered_agency_s(memory_app: Marketplace) -> None:
    register_agency(memory_app, "IDEPA", "ES-AS")
    memory_app.change_programme(agency_id("IDEPA"), programme_cap=eur("400000"),
                                annual_fee=eur("1800"), success_fee_percent="2")
    idepa = propose(memory_app, "asturias", agency="Idepa", region="ES-AS")
    assert memory_app.get_consortium(idepa).programme_cap == eur("400000")
    assert memory_app.get_consortium(idepa).agency == "IDEPA"  # as registered
    with pytest.raises(E.ProgrammeCapExceededError):
        propose(memory_app, "asturias-2", agency="IDEPA", region="ES-AS",
                programme_cap=eur("500000"))
    memory_app.grant_seed_funding(idepa, eur("400000"))
    with pytest.raises(E.SeedFundingCapExceededError):
        memory_app.grant_seed_funding(idepa, eur("1"))
    # An agency never registered has the installation's default.
    assert memory_app.get_consortium(propose(memory_app)).programme_cap == eur("700000")


def test_an_old_consortium_cap_above_the_programme_still_loads_and_grants_stop_at_it(
        memory_app: Marketplace) -> None:
    memory_app.programme_caps = ProgrammeCaps(eur("900000"))
    old = propose(memory_app)  # as an older version let it be recorded
    memory_app.programme_caps = ProgrammeCaps()
    assert memory_app.get_consortium(old).programme_cap == eur("900000")
    memory_app.grant_seed_funding(old, eur("600000"))
    with pytest.raises(E.SeedFundingCapExceededError, match="at most EUR 100,000.00"):
        memory_app.grant_seed_funding(old, eur("200000"))


def test_a_grant_beyond_what_is_left_is_refused(memory_app: Marketplace) -> None:
    consortium = propose(memory_app)
    memory_app.grant_seed_funding(consortium, eur("700000"))
    with pytest.raises(E.SeedFundingCapExceededError, match="at most EUR 0.00"):
        memory_app.grant_seed_funding(consortium, eur("0.01"))


def test_the_settings_read_the_programme_caps_and_refuse_a_malformed_one() -> None:
    settings = Settings.from_env({"CONSORTIA_PROGRAMME_CAP": "EUR 650000"})
    assert settings.programme_caps.default == eur("650000")
    assert Settings.from_env({}).programme_caps.default == eur("700000")
    # The per-agency setting of older versions is refused: an agency's cap is its record's.
    for env in ({"CONSORTIA_PROGRAMME_CAP": "700000"},
                {"CONSORTIA_PROGRAMME_CAP": "EUR 700.000,5"},
                {"CONSORTIA_PROGRAMME_CAP": "EUR -1"},
                {"CONSORTIA_PROGRAMME_CAPS": "SODERCAN=EUR 700000"},
                {"CONSORTIA_PROGRAMME_CAPS": "SODERCAN=lots"}):
        with pytest.raises(ConfigurationError):
            Settings.from_env(env)


# Offer


def test_an_offer_of_a_stage_no_joined_member_covers_is_refused(memory_app: Marketplace) -> None:
    formed = form_consortium(memory_app, publish=False)  # covers all but maintenance
    with pytest.raises(E.StageNotCoveredError) as refused:
        memory_app.publish_offer(formed.consortium, ["design", "maintenance"], "Steel.")
    assert refused.value.params["stages"] == ["maintenance"]
    assert "maintenance" in str(refused.value)
    memory_app.publish_offer(formed.consortium, ["design", "installation"], "Steel.")


def test_a_prospect_who_did_not_join_does_not_cover_a_stage(memory_app: Marketplace) -> None:
    formed = form_consortium(memory_app, publish=False)
    company = memory_app.register_company(tax_id="ESB99999999", name="Mantenimientos",
                                          region="ES-CB", sector=METAL, employees=9,
                                          summary="Maintenance.")
    membership = memory_app.identify_prospect(formed.consortium, company, "Offshore.")
    memory_app.declare_capabilities(membership, stages=["maintenance"], products=["service"],
                                    certifications=[], capacity="10 jobs")
    with pytest.raises(E.StageNotCoveredError):
        memory_app.publish_offer(formed.consortium, ["maintenance"], "Maintenance.")


# Meetings


def test_a_meeting_is_held_on_or_after_its_day_with_someone_attending(
        memory_app: Marketplace) -> None:
    consortium = propose(memory_app)
    firm, _other = prospects(memory_app, consortium, 2)
    today = memory_app.clock.now().date()
    later = memory_app.plan_meeting(consortium, today + timedelta(days=30), "Why export")
    with pytest.raises(E.MeetingNotDueError):
        memory_app.hold_meeting(consortium, later, [firm])
    now = memory_app.plan_meeting(consortium, today, "Why export together")
    with pytest.raises(E.MeetingWithoutAttendanceError):
        memory_app.hold_meeting(consortium, now, [])
    memory_app.hold_meeting(consortium, now, [firm])
    assert memory_app.get_consortium(consortium).meetings[str(now)]["attendees"] == [str(firm)]


def test_a_meeting_that_did_not_happen_is_cancelled(memory_app: Marketplace) -> None:
    consortium = propose(memory_app)
    (firm,) = prospects(memory_app, consortium, 1)
    meeting = memory_app.plan_meeting(consortium, memory_app.clock.now().date(), "Intro")
    memory_app.cancel_meeting(consortium, meeting, "The venue flooded.")
    with pytest.raises(E.MeetingCancelledError):
        memory_app.hold_meeting(consortium, meeting, [firm])
    with pytest.raises(E.MeetingCancelledError):
        memory_app.cancel_meeting(consortium, meeting, "Again.")
    held = memory_app.plan_meeting(consortium, memory_app.clock.now().date(), "Intro 2")
    memory_app.hold_meeting(consortium, held, [firm])
    with pytest.raises(E.MeetingAlreadyHeldError):
        memory_app.cancel_meeting(consortium, held, "Too late.")
    with pytest.raises(E.UnknownMeetingError):
        memory_app.cancel_meeting(consortium, uuid4(), "Never planned.")
    unsaid = memory_app.plan_meeting(consortium, memory_app.clock.now().date(), "Intro 3")
    with pytest.raises(E.InvalidValueError, match="the reason cannot be empty"):
        memory_app.cancel_meeting(consortium, unsaid, " ")


def test_a_meeting_day_outside_the_window_is_refused(memory_app: Marketplace) -> None:
    consortium = propose(memory_app)
    with pytest.raises(E.OutOfRangeError):
        memory_app.plan_meeting(consortium, date(9999, 12, 31), "Far away")


def test_the_formation_page_lists_a_cancelled_meeting(app: Marketplace, services) -> None:
    consortium = propose(app)
    meeting = app.plan_meeting(consortium, app.clock.now().date(), "Intro")
    app.cancel_meeting(consortium, meeting, "The venue flooded.")
    (listed,) = consortium_formation(services.engine, "metal")["meetings"]
    assert (listed["cancelled"], listed["cancel_reason"], listed["can_hold"]) == (
        True, "The venue flooded.", False)
