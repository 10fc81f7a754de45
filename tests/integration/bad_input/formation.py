"""Bad input to the agency's commands, and the error each must give."""

from __future__ import annotations

import io
from decimal import Decimal
from typing import Any
from uuid import uuid4

from domain import errors as E
from domain.money import Money
from marketplace.errors import NotFoundError
from tests import documents as files
from tests.integration.bad_input.world import (
    FLOAT,
    NEGATIVE,
    NOT_ISO,
    Later,
    a,
    case,
    company,
    consortium,
)
from tests.story import eur, rules



def _at(**changed: Any) -> dict[str, Any]:
    """A meeting's invitation, good but for what is changed."""
    return {"starts": "10:00", "time_zone": "Europe/Madrid", "duration_minutes": 60,
            "place": "Santander", "video_link": "", **changed}


def _minutes() -> tuple[str, io.BytesIO]:
    return ("acta.pdf", io.BytesIO(files.PDF))


CASES = [
    case("register_company", lambda w: company(region="ES-XX"), E.UnknownRegionError,
         "unknown region"),
    case("register_company", lambda w: company(sector="25"), E.InvalidValueError,
         "sector without its NACE code"),
    case("register_company", lambda w: company(employees=0), E.InvalidValueError,
         "no employees"),
    case("register_company", lambda w: company(employees=12.5), E.InvalidValueError,
         "fractional employees"),
    case("register_company", lambda w: company(name=""), E.InvalidValueError, "no name"),
    case("register_company", lambda w: company(website="ftp://x.example"), E.InvalidValueError,
         "website not on the web"),
    case("register_company", lambda w: company(contact={"name": "Ana", "email": "ana"}),
         E.InvalidValueError, "contact with a bad e-mail"),
    case("register_company", lambda w: (w.formed, company(tax_id="esbmet00000"))[1],
         E.InvalidValueError, "tax id already registered"),
    case("revise_company_profile", lambda w: a(w.formed.companies[0], name="X", employees=-5,
                                               summary="s", website=""),
         E.InvalidValueError, "negative employees"),
    case("revise_company_profile", lambda w: a(w.formed.companies[0], name=" ", employees=5,
                                               summary="s", website=""),
         E.InvalidValueError, "blank name"),
    case("propose_consortium", lambda w: consortium(slug="Wind Power!"), E.InvalidValueError,
         "slug with spaces"),
    case("propose_consortium", lambda w: consortium(region="XX-YY"), E.UnknownRegionError,
         "unknown region"),
    case("propose_consortium", lambda w: consortium(sector=None), E.InvalidValueError,
         "no sector"),
    case("propose_consortium", lambda w: consortium(programme_cap=NEGATIVE),
         E.InvalidMoneyError, "negative cap"),
    case("propose_consortium", lambda w: consortium(programme_cap=NOT_ISO),
         E.UnknownCurrencyError, "cap in a currency that is not ISO 4217"),
    case("propose_consortium", lambda w: consortium(programme_cap=700000.0),
         E.InvalidMoneyError, "cap as a float"),
    case("propose_consortium", lambda w: consortium(programme_cap=Money.zero("EUR")),
         E.InvalidMoneyError, "zero cap"),
    case("propose_consortium", lambda w: (w.formed, consortium(slug="metal"))[1],
         E.InvalidValueError, "slug taken"),
    case("identify_prospect", lambda w: a(w.formed.consortium, w.formed.companies[0], "Again"),
         E.ProspectAlreadyIdentifiedError, "already a prospect"),
    case("identify_prospect", lambda w: a(w.dissolved, w.formed.companies[0], "Late"),
         E.ConsortiumClosedError, "dissolved consortium"),
    case("identify_prospect", lambda w: a(w.proposed, w.formed.companies[0], ""),
         E.InvalidValueError, "empty note"),
    case("plan_meeting", lambda w: a(w.formed.consortium, "2025-04-01", "Intro"),
         E.InvalidValueError, "date as text"),
    case("plan_meeting", lambda w: a(w.formed.consortium, w.today, ""), E.InvalidValueError,
         "no topic"),
    case("plan_meeting", lambda w: a(w.dissolved, w.today, "Intro"), E.ConsortiumClosedError,
         "dissolved consortium"),
    case("plan_meeting", lambda w: a(w.formed.consortium, w.today, "Intro", **_at(
        time_zone="Europe/Santander")), E.InvalidValueError, "no such time zone"),
    case("plan_meeting", lambda w: a(w.formed.consortium, w.today, "Intro", **_at(
        starts="24:00")), E.InvalidValueError, "no such time"),
    case("plan_meeting", lambda w: a(w.formed.consortium, w.today, "Intro", **_at(
        video_link="https://meet.example/" + "x" * 600)), E.InvalidValueError,
         "a video link too long"),
    case("plan_meeting", lambda w: a(w.formed.consortium, w.today, "Intro", **_at(
        video_link="javascript:alert(1)")), E.InvalidValueError, "a video link not https"),
    case("plan_meeting", lambda w: a(w.formed.consortium, w.today, "Intro", **_at(
        duration_minutes=0)), E.OutOfRangeError, "a meeting of no length"),
    case("plan_meeting", lambda w: a(w.formed.consortium, w.today, "Intro", **_at(
        invited=[uuid4()])), E.UnknownProspectError, "a firm that is no prospect invited"),
    case("plan_meeting", lambda w: a(w.formed.consortium, w.today, "Intro", **_at(
        invited=[])), E.InvalidValueError, "nobody invited"),
    case("attach_minutes", lambda w: a(w.formed.consortium, w.meeting, _minutes()),
         E.MeetingNotHeldError, "minutes of a meeting not held"),
    case("attach_minutes", lambda w: a(w.formed.consortium, w.held_meeting,
                                       ("acta.xlsx", io.BytesIO(files.XLSX))),
         E.DocumentRefusedError, "minutes that are a spreadsheet"),
    case("attach_minutes", lambda w: a(w.formed.consortium, w.held_meeting,
                                       ("acta.pdf", io.BytesIO(files.SCRIPT))),
         E.DocumentRefusedError, "minutes that are a script named as a PDF"),
    case("hold_meeting", lambda w: a(w.formed.consortium, uuid4(), w.formed.companies),
         E.UnknownMeetingError, "meeting never planned"),
    case("hold_meeting", lambda w: a(w.formed.consortium, w.held_meeting, []),
         E.MeetingAlreadyHeldError, "held twice"),
    case("hold_meeting", lambda w: a(w.formed.consortium, w.meeting, [uuid4()]),
         E.UnknownProspectError, "attendee who is not a prospect"),
    case("hold_meeting", lambda w: a(w.formed.consortium, w.meeting, ["Ana"]),
         NotFoundError, "malformed attendee id"),
    case("map_capabilities", lambda w: a(w.dissolved), E.ConsortiumClosedError,
         "dissolved consortium"),
    case("grant_seed_funding", lambda w: a(w.formed.consortium, eur("700000.01")),
         E.SeedFundingCapExceededError, "past the programme cap"),
    case("grant_seed_funding", lambda w: a(w.granted, eur("600000.01")),
         E.SeedFundingCapExceededError, "past the cap with earlier grants"),
    case("grant_seed_funding", lambda w: a(w.formed.consortium, NEGATIVE),
         E.InvalidMoneyError, "negative amount"),
    case("grant_seed_funding", lambda w: a(w.formed.consortium, Decimal("-5")),
         E.InvalidMoneyError, "negative number without currency"),
    case("grant_seed_funding", lambda w: a(w.formed.consortium, 1000.0),
         E.InvalidMoneyError, "float amount"),
    case("grant_seed_funding", lambda w: a(w.formed.consortium, FLOAT),
         E.InvalidMoneyError, "Money of a float"),
    case("grant_seed_funding", lambda w: a(w.formed.consortium, NOT_ISO),
         E.UnknownCurrencyError, "currency not ISO 4217"),
    case("grant_seed_funding", lambda w: a(w.formed.consortium, Money.of("100", "USD")),
         E.CurrencyMismatchError, "currency not the programme's"),
    case("grant_seed_funding", lambda w: a(w.formed.consortium, Money.zero("EUR")),
         E.InvalidMoneyError, "zero amount"),
    case("grant_seed_funding", lambda w: a(w.dissolved, eur("10")), E.ConsortiumClosedError,
         "dissolved consortium"),
    case("disburse_seed_funding", lambda w: a(w.granted, eur("40000.01"), "Fair"),
         E.DisbursementExceedsGrantError, "more than the grant"),
    case("disburse_seed_funding", lambda w: a(w.formed.consortium, eur("1"), "Fair"),
         E.DisbursementExceedsGrantError, "nothing granted"),
    case("disburse_seed_funding", lambda w: a(w.granted, NEGATIVE, "Fair"),
         E.InvalidMoneyError, "negative amount"),
    case("disburse_seed_funding", lambda w: a(w.granted, 50.0, "Fair"),
         E.InvalidMoneyError, "float amount"),
    case("disburse_seed_funding", lambda w: a(w.granted, eur("10"), ""),
         E.InvalidValueError, "no purpose"),
    case("appoint_manager", lambda w: a(w.formed.consortium, name="Ana", email="ana@nowhere"),
         E.InvalidValueError, "bad e-mail"),
    case("appoint_manager", lambda w: a(w.formed.consortium, name="", email="ana@x.example"),
         E.InvalidValueError, "no name"),
    case("appoint_manager", lambda w: a(w.dissolved, name="Ana", email="ana@x.example"),
         E.ConsortiumClosedError, "dissolved consortium"),
    case("adopt_rules", lambda w: a(w.formed.consortium, {"quote_response_days": 5}),
         E.InvalidValueError, "a dict is not a rule set"),
    case("adopt_rules", lambda w: a(w.formed.consortium, Later(
        lambda: rules(quote_response_days=90))), E.InvalidRulesError, "90-day deadline"),
    case("adopt_rules", lambda w: a(w.dissolved, rules()), E.ConsortiumClosedError,
         "dissolved consortium"),
    case("establish_consortium", lambda w: a(w.proposed), E.EstablishmentIncompleteError,
         "no manager, rules or members"),
    case("establish_consortium", lambda w: a(w.formed.consortium), E.ConsortiumStateError,
         "established twice"),
    case("publish_offer", lambda w: a(w.proposed, ["design"], "Design"),
         E.ConsortiumNotEstablishedError, "not established"),
    case("publish_offer", lambda w: a(w.unpublished, [], "Nothing"), E.InvalidValueError,
         "no stages"),
    case("publish_offer", lambda w: a(w.unpublished, ["welding"], "Welding"),
         E.UnknownStageError, "unknown stage"),
    case("publish_offer", lambda w: a(w.unpublished, ["design"], " "), E.InvalidValueError,
         "no summary"),
    case("translate_offer", lambda w: a(w.unpublished, {"es": "Diseño"}),
         E.OfferNotPublishedError, "no offer to translate"),
    case("translate_offer", lambda w: a(w.formed.consortium, {"it": "Progettazione"}),
         E.InvalidValueError, "not a language of the site"),
    case("translate_offer", lambda w: a(w.formed.consortium, {"es": "x" * 4001}),
         E.InvalidValueError, "translation too long"),
    case("translate_offer", lambda w: a(w.formed.consortium, "Diseño"),
         E.InvalidValueError, "not a text per language"),
    case("suspend_consortium", lambda w: a(w.proposed, "Audit"), E.ConsortiumStateError,
         "not established"),
    case("suspend_consortium", lambda w: a(w.formed.consortium, ""), E.InvalidValueError,
         "no reason"),
    case("reactivate_consortium", lambda w: a(w.formed.consortium), E.ConsortiumStateError,
         "not suspended"),
    case("dissolve_consortium", lambda w: a(w.dissolved, "Again"), E.ConsortiumClosedError,
         "dissolved twice"),
    case("dissolve_consortium", lambda w: a(w.formed.consortium, "  "), E.InvalidValueError,
         "no reason"),
    case("propose_consortium", lambda w: consortium(programme_cap=eur("900000")),
         E.ProgrammeCapExceededError, "cap above the programme's"),
    case("hold_meeting", lambda w: a(w.formed.consortium, w.meeting, []),
         E.MeetingWithoutAttendanceError, "nobody attending"),
    case("publish_offer", lambda w: a(w.unpublished, ["maintenance"], "Maintenance"),
         E.StageNotCoveredError, "a stage no joined member covers"),
    case("cancel_meeting", lambda w: a(w.formed.consortium, w.held_meeting, "Rain"),
         E.MeetingAlreadyHeldError, "a held meeting"),
    case("cancel_meeting", lambda w: a(w.formed.consortium, w.meeting, " "),
         E.InvalidValueError, "no reason"),
    case("correct_attendance", lambda w: a(w.formed.consortium, w.held_meeting, [], "Typo"),
         E.MeetingWithoutAttendanceError, "nobody attending"),
    case("correct_attendance", lambda w: a(w.formed.consortium, w.meeting, [uuid4()], "Typo"),
         E.UnknownEntryError, "a meeting not held"),
    case("correct_grant", lambda w: a(w.granted, _entry(w, "granted"), eur("700000.01"),
                                      "Typo"), E.SeedFundingCapExceededError, "past the cap"),
    case("correct_grant", lambda w: a(w.granted, _entry(w, "granted"), eur("5"), "Typo"),
         E.DisbursementExceedsGrantError, "below what was disbursed"),
    case("correct_grant", lambda w: a(w.granted, 9999, eur("5"), "Typo"),
         E.UnknownEntryError, "no such grant"),
    case("correct_disbursement", lambda w: a(w.granted, _entry(w, "disbursed"),
                                             eur("100000.01"), "Typo"),
         E.DisbursementExceedsGrantError, "more than the grant"),
    case("correct_disbursement", lambda w: a(w.granted, _entry(w, "disbursed"), eur("5"), ""),
         E.InvalidValueError, "no reason"),
]


def _entry(world: Any, kind: str) -> int:
    """The version that recorded the world's grant or disbursement."""
    entries = world.app.get_consortium(world.granted).seed_entries
    return next(int(v) for v, entry in entries.items() if entry["kind"] == kind)
