"""The officer corrects a grant, a disbursement or a meeting's attendance with new events.

The first record stays; the read models (formation, catalog totals, KPIs, members) show the
corrected figures, on both stores.
"""

from __future__ import annotations

import pytest

from domain import errors as E
from domain.consortium import Consortium
from domain.money import Money
from marketplace.application import Marketplace
from marketplace.bootstrap import Services
from marketplace.dashboard.queries import kpis
from marketplace.formation.queries import consortium_formation
from tests.integration.test_formation_rules import propose, prospects
from tests.story import eur


def _ledger_version(services: Services, kind: str, index: int = 0) -> int:
    lines = [line for line in consortium_formation(services.engine, "metal")["ledger"]
             if line["kind"] == kind]
    return int(lines[index]["version"])


def test_a_corrected_grant_shows_the_corrected_figures(app: Marketplace,
                                                       services: Services) -> None:
    consortium = propose(app)
    app.grant_seed_funding(consortium, eur("250"))  # meant EUR 250,000
    app.disburse_seed_funding(consortium, eur("200"), "Notary")
    grant = _ledger_version(services, "granted")
    app.correct_grant(consortium, grant, eur("250000"), "Typed 250.000 in Spanish.")
    found = consortium_formation(services.engine, "metal")
    assert found["funding"]["granted"] == 250000
    assert found["funding"]["grantable"] == 450000
    line = found["ledger"][0]
    assert (line["amount"], line["corrected"]) == (250, 250000)
    (correction,) = found["corrections"]
    assert (correction["kind"], correction["was_amount"], correction["amount"],
            correction["reason"]) == ("grant", 250, 250000, "Typed 250.000 in Spanish.")
    assert line["corrections"] == [correction]
    assert kpis(services.engine, consortium)["seed_funding"]["EUR"]["granted"] == 250000
    events = [type(e).__name__ for e in app.events.get(consortium)]
    assert events[-1] == "SeedFundingGrantCorrected"
    assert "SeedFundingGranted" in events  # the first record stays
    assert app.get_consortium(consortium).granted == eur("250000")


def test_a_grant_corrected_twice_counts_once(app: Marketplace, services: Services) -> None:
    consortium = propose(app)
    app.grant_seed_funding(consortium, eur("100"))
    grant = _ledger_version(services, "granted")
    app.correct_grant(consortium, grant, eur("1000"), "First try.")
    app.correct_grant(consortium, grant, eur("10000"), "Second try.")
    found = consortium_formation(services.engine, "metal")
    assert found["funding"]["granted"] == 10000
    assert [c["was_amount"] for c in found["corrections"]] == [100, 1000]


def test_corrections_keep_the_cap_and_the_grant(memory_app: Marketplace) -> None:
    consortium = propose(memory_app)
    memory_app.grant_seed_funding(consortium, eur("600000"))
    memory_app.disburse_seed_funding(consortium, eur("100000"), "Notary")
    state = memory_app.get_consortium(consortium)
    grant = next(int(v) for v, e in state.seed_entries.items() if e["kind"] == "granted")
    paid = next(int(v) for v, e in state.seed_entries.items() if e["kind"] == "disbursed")
    with pytest.raises(E.SeedFundingCapExceededError):
        memory_app.correct_grant(consortium, grant, eur("700000.01"), "Over.")
    with pytest.raises(E.DisbursementExceedsGrantError):
        memory_app.correct_grant(consortium, grant, eur("99999.99"), "Under.")
    with pytest.raises(E.DisbursementExceedsGrantError):
        memory_app.correct_disbursement(consortium, paid, eur("600000.01"), "Over.")
    with pytest.raises(E.NothingToCorrectError):
        memory_app.correct_grant(consortium, grant, eur("600000"), "Same.")
    with pytest.raises(E.UnknownEntryError):
        memory_app.correct_grant(consortium, paid, eur("5"), "A disbursement, not a grant.")
    with pytest.raises(E.UnknownEntryError):
        memory_app.correct_disbursement(consortium, 999, eur("5"), "Nothing there.")
    with pytest.raises(E.OutOfRangeError):
        memory_app.correct_disbursement(consortium, paid, eur("1000000000000"), "Huge.")
    with pytest.raises(E.CurrencyMismatchError):
        memory_app.correct_grant(consortium, grant, _usd("5"), "Dollars.")
    with pytest.raises(E.InvalidValueError, match="the reason cannot be empty"):
        memory_app.correct_grant(consortium, grant, eur("5000"), "")
    memory_app.correct_disbursement(consortium, paid, eur("0"), "Paid back: never disbursed.")
    assert memory_app.get_consortium(consortium).disbursed == eur("0")


def _usd(amount: str) -> Money:
    return Money.of(amount, "USD")


def test_a_corrected_attendance_shows_in_the_meeting_members_and_kpis(
        app: Marketplace, services: Services) -> None:
    consortium = propose(app)
    first, second, third = prospects(app, consortium, 3)
    meeting = app.plan_meeting(consortium, app.clock.now().date(), "Why export together")
    app.hold_meeting(consortium, meeting, [first, second])
    app.correct_attendance(consortium, meeting, [second, third], "Firm 1 sent apologies.")
    found = consortium_formation(services.engine, "metal")
    (listed,) = found["meetings"]
    assert listed["attendee_names"] == ["Firm 2", "Firm 3"]
    (correction,) = listed["corrections"]
    assert correction["was_attendees_names"] == ["Firm 1", "Firm 2"]
    assert correction["attendees_names"] == ["Firm 2", "Firm 3"]
    attended = {p["company_name"]: p["meetings_attended"] for p in found["prospects"]}
    assert attended == {"Firm 1": 0, "Firm 2": 1, "Firm 3": 1}
    assert kpis(services.engine, consortium)["counters"]["meeting_attendances"] == 2


def test_only_a_held_meeting_has_its_attendance_corrected(memory_app: Marketplace) -> None:
    consortium = propose(memory_app)
    first, second = prospects(memory_app, consortium, 2)
    meeting = memory_app.plan_meeting(consortium, memory_app.clock.now().date(), "Intro")
    with pytest.raises(E.UnknownEntryError):
        memory_app.correct_attendance(consortium, meeting, [first], "Not held yet.")
    memory_app.hold_meeting(consortium, meeting, [first])
    with pytest.raises(E.MeetingWithoutAttendanceError):
        memory_app.correct_attendance(consortium, meeting, [], "Nobody came.")
    with pytest.raises(E.NothingToCorrectError):
        memory_app.correct_attendance(consortium, meeting, [first], "Same.")
    memory_app.correct_attendance(consortium, meeting, [first, second], "Firm 2 came late.")
    assert memory_app.get_consortium(consortium).meetings[str(meeting)]["attendees"] == sorted(
        [str(first), str(second)])


def test_a_grant_kept_in_an_older_state_is_found_by_replaying_the_history(
        memory_app: Marketplace, monkeypatch: pytest.MonkeyPatch) -> None:
    """A snapshot taken before corrections existed keeps no entries to correct."""
    consortium = propose(memory_app)
    memory_app.grant_seed_funding(consortium, eur("250"))
    load = Marketplace._load

    def from_an_old_snapshot(self: Marketplace, cls: type, aggregate_id: object) -> object:
        loaded = load(self, cls, aggregate_id)  # type: ignore[arg-type]
        if isinstance(loaded, Consortium):
            loaded.__dict__.pop("seed_entries", None)
        return loaded

    monkeypatch.setattr(Marketplace, "_load", from_an_old_snapshot)
    memory_app.correct_grant(consortium, 2, eur("2500"), "Recorded before corrections.")
    monkeypatch.undo()
    assert memory_app.get_consortium(consortium).granted == eur("2500")
