"""Time travel (an aggregate as it was) and the personal-data vault (what the log never holds)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from uuid import UUID, uuid4

import pytest

from marketplace.application import Marketplace
from marketplace.errors import NotFoundError
from marketplace.ports import SteppingClock
from tests.story import Formed, form_consortium, request_quote

BUYER_NAME = "Lucía Hernández"
BUYER_EMAIL = "lucia@acero-mx.example"


@pytest.fixture
def formed(app: Marketplace) -> Formed:
    return form_consortium(app)


@pytest.fixture
def timeline(app: Marketplace, clock: SteppingClock, formed: Formed) -> tuple[UUID, list]:
    """A bid whose first four events happen an hour and a day apart: (id, their moments)."""
    moments = [clock.now()]
    bid = request_quote(app, formed.consortium)
    moments.append(clock.advance(hours=1))
    app.qualify_rfq(bid, "Fits our capacity.")
    moments.append(clock.advance(days=1))
    app.request_contribution(bid, "design", formed.memberships[0], clock.now().date())
    moments.append(clock.advance(minutes=30))
    app.decline_rfq(bid, "The yard cancelled the vessel.")
    return bid, moments


def test_events_take_their_time_from_the_clock(app: Marketplace, timeline) -> None:
    bid, moments = timeline
    assert [row["timestamp"] for row in app.history(bid)] == moments


def test_an_aggregate_as_it_was_at_each_version(app: Marketplace, timeline) -> None:
    bid, _ = timeline
    assert [app.get_as_of(bid, version=v).status for v in (1, 2, 3, 4)] == [
        "requested", "qualified", "qualified", "declined"]
    third = app.get_as_of(bid, version=3)
    assert third.version == 3
    assert list(third.requests.values()) == [timeline[1][1].date() + timedelta(days=1)]
    assert app.get_as_of(bid, version=2).requests == {}
    assert app.get_bid(bid).status == "declined"  # the present is untouched


def test_an_aggregate_as_it_was_at_a_moment(app: Marketplace, timeline) -> None:
    bid, moments = timeline
    assert app.get_as_of(bid, moment=moments[0]).version == 1
    assert app.get_as_of(bid, moment=moments[1] - timedelta(seconds=1)).status == "requested"
    assert app.get_as_of(bid, moment=moments[1]).status == "qualified"
    assert app.get_as_of(bid, moment=moments[2] - timedelta(minutes=1)).version == 2
    assert app.get_as_of(bid, moment=moments[3] + timedelta(days=365)).status == "declined"


def test_a_moment_in_another_time_zone_means_the_same_instant(
    app: Marketplace, timeline
) -> None:
    bid, moments = timeline
    madrid = timezone(timedelta(hours=1))
    assert app.get_as_of(bid, moment=moments[1].astimezone(madrid)).status == "qualified"
    just_before = (moments[1] - timedelta(microseconds=1)).astimezone(madrid)
    assert app.get_as_of(bid, moment=just_before).status == "requested"


def test_before_the_first_event_there_was_nothing(app: Marketplace, timeline) -> None:
    bid, moments = timeline
    with pytest.raises(NotFoundError, match="did not exist yet"):
        app.get_as_of(bid, moment=moments[0] - timedelta(seconds=1))


@pytest.mark.parametrize("version", [0, -1, 5, 99])
def test_a_version_that_never_was_is_not_found(app: Marketplace, timeline, version: int) -> None:
    bid, _ = timeline
    with pytest.raises(NotFoundError):
        app.get_as_of(bid, version=version)


def test_a_moment_without_a_time_zone_is_refused(app: Marketplace, timeline) -> None:
    bid, moments = timeline
    with pytest.raises(NotFoundError, match="time zone"):
        app.get_as_of(bid, moment=moments[1].replace(tzinfo=None))


def test_history_lists_the_events_in_order_with_their_data(app: Marketplace, timeline) -> None:
    bid, moments = timeline
    rows = app.history(bid)
    assert [r["version"] for r in rows] == [1, 2, 3, 4]
    assert [r["type"] for r in rows] == [
        "Bid.QuoteRequested", "Bid.Qualified", "Bid.ContributionRequested", "Bid.Declined"]
    requested = rows[0]["data"]
    assert requested["organisation"] == "Astillero del Golfo"
    assert str(requested["incoterm"]) == "CIF Veracruz"
    assert requested["stages"][0] == "design"
    assert isinstance(requested["buyer"], UUID)
    assert "originator_id" not in requested and "timestamp" not in requested
    assert rows[1]["data"] == {"note": "Fits our capacity."}
    assert rows[2]["data"]["stage"] == "design"
    assert rows[3]["data"] == {"reason": "The yard cancelled the vessel."}


def test_history_of_a_consortium_starts_with_its_proposal(app: Marketplace, formed) -> None:
    rows = app.history(formed.consortium)
    assert rows[0]["type"] == "Consortium.Proposed"
    assert rows[0]["data"]["slug"] == "metal"
    assert rows[-1]["type"] == "Consortium.OfferPublished"
    assert [r["version"] for r in rows] == list(range(1, len(rows) + 1))


@pytest.mark.parametrize(
    "bad", [UUID("5f0e8c1a-0000-4000-8000-000000000001"), "5f0e8c1a-0000-4000-8000-000000000002",
            "not-an-id", "", None],
)
def test_unknown_ids_are_not_found(app: Marketplace, bad: object) -> None:
    with pytest.raises(NotFoundError):
        app.get_as_of(bad, version=1)  # type: ignore[arg-type]
    with pytest.raises(NotFoundError):
        app.get_as_of(bad, moment=datetime.now(tz=UTC))  # type: ignore[arg-type]
    with pytest.raises(NotFoundError):
        app.get_as_of(bad)  # type: ignore[arg-type]
    with pytest.raises(NotFoundError):
        app.history(bad)  # type: ignore[arg-type]


# The personal-data vault


def stored_bytes(app: Marketplace) -> list[bytes]:
    """Every stored event's state, as the database holds it."""
    notifications = app.recorder.select_notifications(start=1, limit=100_000)
    assert notifications, "the log is empty, so the scan below would prove nothing"
    return [n.state for n in notifications]


def test_a_buyers_name_and_email_never_enter_the_log(app: Marketplace, formed) -> None:
    bid = request_quote(app, formed.consortium)
    app.qualify_rfq(bid, "Fits our capacity.")
    log = b"\n".join(stored_bytes(app))
    assert b"Astillero del Golfo" in log  # the scan does see what events hold
    for secret in (BUYER_NAME, BUYER_EMAIL, "Hern", "acero-mx", "Ana Ruiz", "ana.ruiz@"):
        assert secret.encode() not in log, secret
        assert secret.encode("unicode_escape") not in log, secret
    ref = app.get_bid(bid).buyer
    assert str(ref).encode() in log or ref.hex.encode() in log  # only the reference is kept


def test_the_vault_reveals_the_person_until_erased(app: Marketplace, formed) -> None:
    bid = request_quote(app, formed.consortium)
    ref = app.get_bid(bid).buyer
    kept = app.reveal_person(ref)
    assert kept is not None and (kept["name"], kept["email"]) == (BUYER_NAME, BUYER_EMAIL)
    manager = app.get_consortium(formed.consortium).manager
    assert app.reveal_person(manager) == {"name": "Ana Ruiz", "email": "ana.ruiz@example.com"}

    assert app.erase_person(ref) is True
    assert app.reveal_person(ref) is None
    assert app.erase_person(ref) is False  # erasing twice changes nothing
    assert app.reveal_person(manager) is not None  # only that person is erased

    after = app.get_bid(bid)
    assert after.buyer == ref and after.organisation == "Astillero del Golfo"
    assert app.history(bid)[0]["data"]["buyer"] == ref
    app.qualify_rfq(bid, "Still fits.")  # the bid carries on without the person's data
    assert app.get_bid(bid).status == "qualified"


def test_an_unknown_person_reveals_nothing(app: Marketplace) -> None:
    assert app.reveal_person(uuid4()) is None
    assert app.erase_person(uuid4()) is False
