"""Nobody waits in silence: the buyer hears of a decline, of their own answer, of the award and
of a quote about to expire; the managers hear when the buyer answers and a member commits."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any
from uuid import UUID

from click.testing import CliRunner

from consortia.cli import main
from marketplace.bootstrap import Services
from marketplace.outbox import MailSettings
from marketplace.outbox.compose import letter
from marketplace.ports import SteppingClock
from tests.integration.test_notifications import notices, to, workspace
from tests.story import eur, request_quote, submit_full_quote

VALID_DAYS = 45  # submit_full_quote's quote is valid this long from the day it is sent


def read(services: Services, row: Any, language: str | None = None) -> tuple[str, str]:
    """The mail of an outbox row as its recipient reads it (in another language if asked)."""
    person = services.marketplace.reveal_person(UUID(row.recipient_ref))
    assert person is not None
    if language:
        person = {**person, "language": language}
    mail = letter(row.kind, person, row.facts, MailSettings(base_url="https://c.example"))
    return mail.subject, mail.body


def test_the_buyer_hears_why_the_consortium_declined(services: Services) -> None:
    app = services.marketplace
    ws = workspace(app)
    bid = request_quote(app, ws.metal.consortium, language="es")
    buyer = app.get_bid(bid).buyer

    app.decline_rfq(bid, "No capacity for hull blocks before June.")

    [row] = notices(services, "rfq_declined")
    assert row.recipient_ref == str(buyer)
    assert row.facts["reason"] == "No capacity for hull blocks before June."
    subject, body = read(services, row)
    assert subject == "Metal Export Consortium no puede presupuestar su solicitud"
    assert "No capacity for hull blocks before June." in body and "https://c.example/rfq/" in body
    subject, body = read(services, row, "de")
    assert subject == "Metal Export Consortium kann Ihre Anfrage nicht anbieten"


def test_an_accepted_quote_is_confirmed_to_the_buyer_and_announced_to_the_manager(
        services: Services) -> None:
    app = services.marketplace
    ws = workspace(app)
    bid = request_quote(app, ws.metal.consortium, language="fr")
    submit_full_quote(app, ws.metal, bid)

    app.accept_quote(bid)

    [confirmation] = notices(services, "quote_accepted")
    assert confirmation.recipient_ref == str(app.get_bid(bid).buyer)
    subject, body = read(services, confirmation)
    assert subject == "Metal Export Consortium : vous avez accepté le devis"
    assert "440\u202f000,00\u00a0€" in body and "vous contactera" in body
    [alert] = notices(services, "buyer_accepted")
    assert alert.recipient_ref == str(ws.people["Marta Gil"])  # not the wood consortium's
    subject, body = read(services, alert)
    assert subject == "Metal Export Consortium: Astillero del Golfo accepted the quote"
    assert "€440,000.00" in body and f"https://c.example/workspace/desk/rfq/{bid}" in body
    assert read(services, alert, "es")[0] == (
        "Metal Export Consortium: Astillero del Golfo ha aceptado el presupuesto")
    assert notices(services, "quote_declined") == notices(services, "buyer_declined") == []


def test_a_declined_quote_is_confirmed_to_the_buyer_and_the_manager_reads_the_reason(
        services: Services) -> None:
    app = services.marketplace
    ws = workspace(app)
    bid = request_quote(app, ws.metal.consortium)
    submit_full_quote(app, ws.metal, bid)

    app.reject_quote(bid, "A local yard quoted 20% less.")

    [confirmation] = notices(services, "quote_declined")
    assert confirmation.recipient_ref == str(app.get_bid(bid).buyer)
    assert read(services, confirmation)[0] == "Metal Export Consortium: you declined the quote"
    [alert] = notices(services, "buyer_declined")
    assert alert.recipient_ref == str(ws.people["Marta Gil"])
    subject, body = read(services, alert, "de")
    assert subject == "Metal Export Consortium: Astillero del Golfo hat das Angebot abgelehnt"
    assert "A local yard quoted 20% less." in body


def test_the_award_mail_names_the_contract_and_its_value(services: Services) -> None:
    app = services.marketplace
    ws = workspace(app)
    bid = request_quote(app, ws.metal.consortium, language="de")
    submit_full_quote(app, ws.metal, bid)
    app.accept_quote(bid)
    m = ws.metal.memberships
    app.award_contract(bid, eur("440000"),
                       {m[0]: eur("50000"), m[1]: eur("250000"), m[2]: eur("140000")},
                       "PO-2025-0042")

    [row] = notices(services, "contract_awarded")
    subject, body = read(services, row)
    assert subject == "Metal Export Consortium: Auftrag PO-2025-0042 erteilt"
    assert "440.000,00\u00a0€" in body
    subject, body = read(services, row, "en")
    assert subject == "Metal Export Consortium: contract PO-2025-0042 awarded"
    assert "for €440,000.00" in body
    # A row written before the award's facts were kept still reads, without them.
    old = letter("contract_awarded", {"name": "Ana", "email": "ana@example.org"},
                 {"consortium": "Metal Export Consortium"}, MailSettings())
    assert old.subject == "Metal Export Consortium: contract awarded"


def test_the_manager_hears_each_commitment(services: Services) -> None:
    app = services.marketplace
    ws = workspace(app)
    bid = request_quote(app, ws.metal.consortium)
    app.qualify_rfq(bid, "Fits.")
    due = app.clock.now().date() + timedelta(days=3)
    app.request_contribution(bid, "logistics", ws.metal.memberships[2], due)
    assert notices(services, "contribution_committed") == []

    app.commit_contribution(bid, "logistics", ws.metal.memberships[2], eur("40000"), 21)

    [row] = notices(services, "contribution_committed")
    assert row.recipient_ref == str(ws.people["Marta Gil"])
    assert row.facts["stage"] == "logistics" and row.facts["lead_time_days"] == "21"
    company = row.facts["company"]
    subject, body = read(services, row, "es")
    assert subject == f"Metal Export Consortium: {company} ha presupuestado la etapa de logística"
    assert "40.000,00\u00a0€" in body and "21 días" in body


def test_the_buyer_is_reminded_once_three_days_before_the_quote_expires(
        services: Services, clock: SteppingClock) -> None:
    app = services.marketplace
    ws = workspace(app)
    waiting = request_quote(app, ws.metal.consortium, language="fr")
    answered = request_quote(app, ws.metal.consortium)
    elsewhere = request_quote(app, ws.wood.consortium)
    for bid in (waiting, answered):
        submit_full_quote(app, ws.metal, bid)
    submit_full_quote(app, ws.wood, elsewhere)
    last_day = clock.now().date() + timedelta(days=VALID_DAYS)
    app.accept_quote(answered)
    outbox = services.outbox

    clock.advance(days=VALID_DAYS - 4)  # four days before the last valid day
    assert outbox.write_due_notices(clock.now()) == 0
    clock.advance(days=1)  # three days before
    assert outbox.write_due_notices(clock.now()) == 2
    for _ in range(3):
        clock.advance(hours=20)
        assert outbox.write_due_notices(clock.now()) == 0

    rows = notices(services, "quote_expiring")
    assert to(rows) == sorted(str(app.get_bid(b).buyer) for b in (waiting, elsewhere))
    assert {row.facts["valid_until"] for row in rows} == {last_day.isoformat()}
    mine = next(row for row in rows if row.originator_id == str(waiting))
    subject, body = read(services, mine)
    assert subject == ("Metal Export Consortium : votre devis est valable jusqu'au "
                       f"{last_day.day} avril 2025")
    assert "https://c.example/rfq/" in body
    assert read(services, mine, "en")[0] == (
        f"Metal Export Consortium: your quote is valid until April {last_day.day}, 2025")


def test_no_reminder_for_a_quote_already_expired_or_sent_inside_the_last_three_days(
        services: Services, clock: SteppingClock) -> None:
    app = services.marketplace
    ws = workspace(app)
    bid = request_quote(app, ws.metal.consortium)
    submit_full_quote(app, ws.metal, bid)
    short = request_quote(app, ws.wood.consortium)
    clock.advance(days=VALID_DAYS + 1)  # the first quote's last valid day is past

    services.outbox.write_due_notices(clock.now())  # the wood RFQ is overdue by now
    assert notices(services, "quote_expiring") == []
    app.qualify_rfq(short, "Fits.")
    due = clock.now().date() + timedelta(days=1)
    for n, stages in enumerate([["design", "engineering"], ["manufacturing"],
                                ["logistics", "installation"]]):
        for stage in stages:
            app.request_contribution(short, stage, ws.wood.memberships[n], due)
            app.commit_contribution(short, stage, ws.wood.memberships[n], eur("1000"), 5)
    app.submit_quote(short, eur("5000"), clock.now().date() + timedelta(days=2), 5)
    assert services.outbox.write_due_notices(clock.now()) == 0
    assert notices(services, "quote_expiring") == []


def test_consortia_mail_send_writes_the_reminder_once(services: Services,
                                                       store_url: str) -> None:
    app = services.marketplace  # on the tests' clock, in 2025; the command runs on today's
    ws = workspace(app)
    bid = request_quote(app, ws.metal.consortium)
    app.qualify_rfq(bid, "Fits.")
    due = app.clock.now().date() + timedelta(days=3)
    for n, stages in enumerate([["design", "engineering"], ["manufacturing"],
                                ["logistics", "installation"]]):
        for stage in stages:
            app.request_contribution(bid, stage, ws.metal.memberships[n], due)
            app.commit_contribution(bid, stage, ws.metal.memberships[n], eur("1000"), 5)
    last_day = datetime.now(UTC).date() + timedelta(days=2)
    app.submit_quote(bid, eur("5000"), last_day, 5)

    for _ in range(2):
        result = CliRunner().invoke(main, ["mail", "send"],
                                    env={"CONSORTIA_DATABASE_URL": store_url})
        assert result.exit_code == 0, result.output

    [row] = notices(services, "quote_expiring")
    assert (row.originator_id, row.facts["valid_until"]) == (str(bid), last_day.isoformat())
    assert row.status == "sent"
