"""Acceptance 6: erasing a buyer by e-mail leaves no byte of them, and the history still works."""

from __future__ import annotations

import json
from uuid import UUID

import pytest
from click.testing import CliRunner
from sqlalchemy import text

from consortia.cli import main
from domain.erasure import ErasureRequest
from domain.errors import InvalidValueError
from marketplace.application import Marketplace
from marketplace.bootstrap import Services, make_engine
from marketplace.errors import NotFoundError
from marketplace.settings import Settings, parse_store, prepare
from marketplace.vault import SqlVault, email_digest
from tests.integration.rawstore import dump
from tests.story import form_consortium, request_quote

BUYER_NAME, BUYER_EMAIL = "Lucía Hernández", "lucia@acero-mx.example"
MANAGER_EMAIL = "ana.ruiz@example.com"
REASON = "The buyer asked to be forgotten."


def forms(value: str) -> list[bytes]:
    """A value as a database may hold it: UTF-8, and escaped the way JSON writes it."""
    escaped = json.dumps(value)[1:-1]
    return [value.encode(), escaped.encode(), escaped.replace("\\", "\\\\").encode()]


BUYER_SECRETS = [*forms(BUYER_NAME), *forms(BUYER_EMAIL), *forms("Hernández"), b"acero-mx"]


def buyer_bid(app: Marketplace) -> UUID:
    formed = form_consortium(app)
    bid = request_quote(app, formed.consortium)
    app.qualify_rfq(bid, "Fits our capacity.")
    return bid


def test_erasing_a_buyer_leaves_none_of_their_bytes_in_the_store(services: Services) -> None:
    app = services.marketplace
    buyer_bid(app)
    before = dump(services)
    assert BUYER_EMAIL.encode() in before  # the dump does see the vault
    assert any(secret in before for secret in forms(BUYER_NAME))

    erasure = app.erase_personal_data(BUYER_EMAIL, REASON)

    assert erasure.erased == 1
    after = dump(services)
    for secret in BUYER_SECRETS:
        assert secret not in after, secret
    assert MANAGER_EMAIL.encode() in after  # the other person is still there, in the same dump


def test_after_erasure_the_bid_still_loads_and_replays(services: Services) -> None:
    app = services.marketplace
    bid = buyer_bid(app)
    buyer = app.get_bid(bid).buyer
    manager = app.get_consortium(app.get_bid(bid).consortium_id).manager
    kept = app.reveal_person(buyer)
    assert kept is not None
    # The tracking link's token and the mail language live with the contact, and go with it.
    assert (kept["name"], kept["email"], kept["language"]) == (BUYER_NAME, BUYER_EMAIL, "en")
    assert len(kept["token"]) == 43

    app.erase_personal_data(BUYER_EMAIL, REASON)

    assert app.reveal_person(buyer) is None  # shown as erased
    assert app.reveal_person(manager) == {"name": "Ana Ruiz", "email": MANAGER_EMAIL}
    now = app.get_bid(bid)
    assert (now.buyer, now.status, now.organisation) == (buyer, "qualified",
                                                         "Astillero del Golfo")
    assert app.get_as_of(bid, version=1).status == "requested"  # type: ignore[attr-defined]
    assert [row["type"] for row in app.history(bid)] == ["Bid.QuoteRequested", "Bid.Qualified"]
    assert services.projector.rebuild() == app.recorder.max_notification_id()
    app.decline_rfq(bid, "No capacity this quarter.")  # work on the bid goes on
    assert app.get_bid(bid).status == "declined"
    shown = CliRunner().invoke(main, ["history", str(bid), "--database-url", services.store.url])
    assert shown.exit_code == 0, shown.output
    assert "Bid.QuoteRequested" in shown.output and "Bid.Declined" in shown.output


def test_the_erasure_is_an_event_that_holds_no_personal_data(services: Services) -> None:
    app = services.marketplace
    bid = buyer_bid(app)
    buyer = app.get_bid(bid).buyer

    erasure = app.erase_personal_data(f"  {BUYER_EMAIL.upper()} ", REASON)

    last = app.recorder.select_notifications(start=1, limit=10_000)[-1]
    assert last.topic.endswith("ErasureRequest.Fulfilled")
    assert last.originator_id == erasure.request_id
    for secret in [*BUYER_SECRETS, email_digest(BUYER_EMAIL, Settings().vault_key).encode()]:
        assert secret not in last.state, secret
    request = app.get_as_of(erasure.request_id)
    assert isinstance(request, ErasureRequest)
    assert (request.refs, request.count, request.reason) == ([buyer], 1, REASON)
    [row] = app.history(erasure.request_id)
    assert row["type"] == "ErasureRequest.Fulfilled"
    assert row["data"] == {"refs": [buyer], "count": 1, "reason": REASON}


def test_every_record_under_the_address_is_erased(services: Services) -> None:
    app = services.marketplace
    formed = form_consortium(app)
    first = app.get_bid(request_quote(app, formed.consortium)).buyer
    second = app.get_bid(request_quote(app, formed.consortium,
                                       contact_email="Lucia@Acero-MX.example")).buyer
    other = app.get_bid(request_quote(app, formed.consortium,
                                      contact_email="compras@acero-mx.example")).buyer

    assert app.erase_personal_data(BUYER_EMAIL, REASON).erased == 2

    assert app.reveal_person(first) is None and app.reveal_person(second) is None
    assert app.reveal_person(other) is not None


def test_an_unknown_or_erased_address_is_refused_and_stores_nothing(services: Services) -> None:
    app = services.marketplace
    buyer_bid(app)
    position = app.recorder.max_notification_id()
    with pytest.raises(NotFoundError, match="no personal data is kept under that e-mail"):
        app.erase_personal_data("nobody@example.com", REASON)
    assert app.recorder.max_notification_id() == position

    with pytest.raises(InvalidValueError, match="leave the e-mail address out"):
        app.erase_personal_data(BUYER_EMAIL, f"{BUYER_EMAIL} wrote to us.")
    assert app.recorder.max_notification_id() == position
    assert app.vault.find_by_email(BUYER_EMAIL) != []  # a refused erasure erases nothing

    app.erase_personal_data(BUYER_EMAIL, REASON)
    position = app.recorder.max_notification_id()
    with pytest.raises(NotFoundError, match="erased already"):
        app.erase_personal_data(BUYER_EMAIL, REASON)
    assert app.recorder.max_notification_id() == position


def test_the_command_line_erases_by_email_in_one_line(services: Services) -> None:
    app = services.marketplace
    buyer = app.get_bid(buyer_bid(app)).buyer
    url = services.store.url

    done = CliRunner().invoke(main, ["privacy", "erase", "--email", BUYER_EMAIL,
                                     "--database-url", url])
    assert done.exit_code == 0, done.output
    assert done.output.startswith("Erased 1 record of personal data")
    assert len(done.output.strip().splitlines()) == 1
    assert app.reveal_person(buyer) is None

    again = CliRunner().invoke(main, ["privacy", "erase", "--email", BUYER_EMAIL,
                                      "--reason", "Asked twice.", "--database-url", url])
    assert again.exit_code == 1
    assert again.output.strip().splitlines() == [
        "Error: no personal data is kept under that e-mail address (or it was erased already)"]


def test_a_vault_made_before_lookup_by_email_gains_it_at_start_up(
        empty_store_url: str) -> None:
    store = parse_store(empty_store_url)
    prepare(store)
    engine = make_engine(store)
    try:
        with engine.begin() as conn:  # the table as the first version of the vault made it
            conn.execute(text("CREATE TABLE personal_data (ref VARCHAR(36) PRIMARY KEY, "
                              "data TEXT, kept_at TIMESTAMP NOT NULL, erased_at TIMESTAMP)"))
            conn.execute(text("INSERT INTO personal_data VALUES ('00000000-0000-4000-8000-"
                              "000000000001', :data, CURRENT_TIMESTAMP, NULL)"),
                         {"data": json.dumps({"name": BUYER_NAME, "email": BUYER_EMAIL})})
        vault = SqlVault(engine)
        assert vault.find_by_email(BUYER_EMAIL) == [UUID("00000000-0000-4000-8000-000000000001")]
        assert vault.find_by_email(MANAGER_EMAIL) == []
        SqlVault(engine)  # starting again finds the column there
    finally:
        engine.dispose()


def test_the_memory_vault_erases_by_email_too(memory_app: Marketplace) -> None:
    bid = buyer_bid(memory_app)
    buyer = memory_app.get_bid(bid).buyer
    assert memory_app.vault.find_by_email(" LUCIA@acero-mx.example") == [buyer]
    assert memory_app.erase_personal_data(BUYER_EMAIL, REASON).erased == 1
    assert memory_app.reveal_person(buyer) is None
    assert memory_app.vault.find_by_email(BUYER_EMAIL) == []
    assert memory_app.get_bid(bid).buyer == buyer
