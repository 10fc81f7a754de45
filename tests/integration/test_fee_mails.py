"""A member's users hear of each fee assessed on their company and of each reminder of it:
only that membership's users who want fee mails, in their language, once per event."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any
from uuid import UUID

from domain.mail_preferences import MailPreferences, mail_preferences_id
from marketplace.bootstrap import Services
from marketplace.membership.commands import annual_fee_id
from marketplace.outbox.compose import Letter, letter
from marketplace.outbox.settings import MailSettings
from tests.integration.test_notifications import notices, to, workspace

DUE = date(2025, 3, 31)
SETTINGS = MailSettings(base_url="https://consortia.example.org")


def _letter(services: Services, row: Any) -> Letter:
    person = services.marketplace.vault.reveal(UUID(row.recipient_ref)) or {}
    return letter(row.kind, person, row.facts, SETTINGS)


def test_a_fee_assessed_is_mailed_to_that_member_s_users_who_want_it(
        services: Services) -> None:
    app = services.marketplace
    ws = workspace(app)
    app.choose_mails(ws.accounts["Ines Vega"], ["awards"])  # she wants no fee mails

    app.assess_fees(ws.metal.consortium, "2025", DUE)
    app.assess_fees(ws.metal.consortium, "2025", DUE)  # nothing new: no second mail

    rows = notices(services, "fee_assessed")
    # Quim chose no mails at all; Wendy is of the other consortium; managers are not told.
    assert to(rows) == ws.refs("Pablo Sainz", "Tere Llano")
    pablo = next(r for r in rows if r.recipient_ref == str(ws.people["Pablo Sainz"]))
    membership = str(ws.metal.memberships[1])
    assert pablo.facts == {"consortium": "Metal Export Consortium", "membership": membership,
                           "fee": annual_fee_id("2025"), "period": "2025", "amount": "2400.00",
                           "currency": "EUR", "due_on": "2025-03-31"}
    mail = _letter(services, pablo)
    assert mail.subject == "Metal Export Consortium: a fee of €2,400.00 for 2025"
    assert "due on March 31, 2025" in mail.body
    assert (f"https://consortia.example.org/workspace/member/{membership}/#fees-h"
            in mail.body)


def test_each_reminder_is_mailed_once_saying_how_late_in_the_reader_s_language(
        services: Services) -> None:
    app = services.marketplace
    ws = workspace(app)
    spanish = app.invite_account(name="Eva Sanz", email="eva@example.org",
                                 grants=[("member", str(ws.metal.memberships[2]))],
                                 language="es")
    eva = str(app.get_account(spanish).person)
    app.assess_fees(ws.metal.consortium, "2025", DUE)
    app.pay_fee(ws.metal.memberships[1], annual_fee_id("2025"),
                app.get_membership(ws.metal.memberships[1]).fees[annual_fee_id("2025")]
                ["amount"], "pi_1")

    app.clock.set(datetime(2025, 4, 1, 9, tzinfo=UTC))  # a day late: the first reminder
    for membership in ws.metal.memberships:
        app.chase_arrears(membership)
        app.chase_arrears(membership)  # the same day again: no new reminder, no new mail

    rows = notices(services, "fee_reminder")
    # The second firm paid: its users are not reminded.
    assert to(rows) == sorted([*ws.refs("Ines Vega", "Tere Llano"), eva])
    mine = next(r for r in rows if r.recipient_ref == eva)
    assert mine.facts["days_overdue"] == "1" and mine.facts["final"] == ""
    mail = _letter(services, mine)
    assert mail.subject == ("Metal Export Consortium: recordatorio, la cuota de 2025 "
                            "está pendiente")
    assert "2.400,00\xa0€" in mail.body and "Lleva un día de retraso." in mail.body
    assert "último recordatorio" not in mail.body

    app.clock.set(datetime(2025, 5, 2, 9, tzinfo=UTC))  # 32 days late: steps 2 and 3
    app.chase_arrears(ws.metal.memberships[2])
    rows = [r for r in notices(services, "fee_reminder") if r.recipient_ref == eva]
    assert [r.facts["step"] for r in rows] == ["1", "2", "3"]
    final = _letter(services, rows[-1])
    assert "32 días de retraso" in final.body
    assert "Este es el último recordatorio." in final.body


def test_who_chose_their_mails_before_fee_mails_existed_gets_them_until_they_choose_again(
        services: Services) -> None:
    app = services.marketplace
    ws = workspace(app)
    # Pablo chose his mails when only RFQ requests and awards were offered: the event of
    # that time names no offer (an old store's).
    app.save(MailPreferences(account_id=ws.accounts["Pablo Sainz"], wanted=["awards"]))
    app.choose_mails(ws.accounts["Tere Llano"], ["awards"])  # offered fees, and left them

    app.assess_fees(ws.metal.consortium, "2025", DUE)
    # Ines never chose; Quim chose no mails at all, among kinds that included fees.
    assert to(notices(services, "fee_assessed")) == ws.refs("Ines Vega", "Pablo Sainz")
    kept = app.repository.get(mail_preferences_id(ws.accounts["Pablo Sainz"]))
    assert kept.wanted == ["awards", "fees"]  # as his preferences page shows them
    app.choose_mails(ws.accounts["Pablo Sainz"], ["awards"])  # now he refuses them
    assert app.repository.get(mail_preferences_id(ws.accounts["Pablo Sainz"])).wanted == [
        "awards"]
