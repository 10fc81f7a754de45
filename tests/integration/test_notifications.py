"""The workspace hears through the outbox: managers of RFQs and deadlines, member users of
requests and awards (as they chose), the agency of RFQs left unanswered past the rules."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any
from uuid import UUID

from sqlalchemy import select

from marketplace.application import Marketplace
from marketplace.bootstrap import Services, bootstrap
from marketplace.outbox import SmtpTransport
from marketplace.outbox.tables import SENT, mail_outbox
from marketplace.outbox.worker import MailWorker
from marketplace.ports import SteppingClock
from tests.conftest import START
from tests.integration.test_outbox_smtp import LoopbackSmtp
from tests.story import Formed, eur, form_consortium, request_quote, submit_full_quote

RESPOND_BY = START + timedelta(days=7)  # five working days after a Monday morning


@dataclass
class Workspace:
    """Two consortia and the people of the workspace: vault references and account ids."""

    metal: Formed
    wood: Formed
    people: dict[str, UUID] = field(default_factory=dict)
    accounts: dict[str, UUID] = field(default_factory=dict)

    def refs(self, *names: str) -> list[str]:
        return sorted(str(self.people[name]) for name in names)


def workspace(app: Marketplace) -> Workspace:
    metal, wood = form_consortium(app), form_consortium(app, "wood")
    m = metal.memberships
    ws = Workspace(metal, wood)
    for name, role, scope in [
        ("Marta Gil", "manager", metal.consortium), ("Wim Dekker", "manager", wood.consortium),
        ("Olga Pardo", "officer", ""), ("Aldo Ruiz", "auditor", ""),
        ("Ines Vega", "member", m[0]), ("Pablo Sainz", "member", m[1]),
        ("Quim Soler", "member", m[1]), ("Tere Llano", "member", m[2]),
        ("Wendy Roe", "member", wood.memberships[0]),
    ]:
        account = app.open_account(name=name, email=f"{name.split()[0].lower()}@example.org",
                                   password="correct horse battery",
                                   grants=[(role, str(scope))])
        ws.accounts[name] = account
        ws.people[name] = app.get_account(account).person
    # Quim, of the second firm, wants no mail about requests or awards.
    app.choose_mails(ws.accounts["Quim Soler"], [])
    return ws


def notices(services: Services, kind: str) -> list[Any]:
    with services.engine.connect() as conn:
        return list(conn.execute(select(mail_outbox).where(mail_outbox.c.kind == kind)
                                 .order_by(mail_outbox.c.id)))


def to(rows: list[Any]) -> list[str]:
    return sorted(row.recipient_ref for row in rows)


def awarded(app: Marketplace, formed: Formed) -> UUID:
    bid = request_quote(app, formed.consortium)
    submit_full_quote(app, formed, bid)
    app.accept_quote(bid)
    m = formed.memberships
    app.award_contract(bid, eur("440000"),
                       {m[0]: eur("50000"), m[1]: eur("250000"), m[2]: eur("140000")}, "C-7")
    return bid


def test_only_the_consortium_s_manager_hears_of_a_new_rfq(services: Services) -> None:
    app = services.marketplace
    ws = workspace(app)

    bid = request_quote(app, ws.metal.consortium)

    [row] = notices(services, "rfq_new")
    assert row.recipient_ref == str(ws.people["Marta Gil"])
    assert row.facts == {"consortium": "Metal Export Consortium", "bid": str(bid),
                         "respond_by": "2025-03-10 09:00 UTC"}
    request_quote(app, ws.wood.consortium)
    assert to(notices(services, "rfq_new")) == ws.refs("Marta Gil", "Wim Dekker")


def test_a_member_hears_of_the_requests_addressed_to_its_company_unless_opted_out(
        services: Services) -> None:
    app = services.marketplace
    ws = workspace(app)
    bid = request_quote(app, ws.metal.consortium)
    app.qualify_rfq(bid, "Fits.")
    due = START.date() + timedelta(days=3)

    app.request_contribution(bid, "design", ws.metal.memberships[0], due)
    app.request_contribution(bid, "manufacturing", ws.metal.memberships[1], due)

    rows = notices(services, "contribution_requested")
    # Quim opted out; the third firm and the other consortium were not asked.
    assert to(rows) == ws.refs("Ines Vega", "Pablo Sainz")
    first = next(r for r in rows if r.recipient_ref == str(ws.people["Ines Vega"]))
    assert first.facts == {"consortium": "Metal Export Consortium", "bid": str(bid),
                           "membership": str(ws.metal.memberships[0]), "stage": "design",
                           "due_on": "2025-03-06"}


def test_each_member_with_a_work_share_hears_of_the_award_with_its_own_share(
        services: Services) -> None:
    app = services.marketplace
    ws = workspace(app)
    app.choose_mails(ws.accounts["Tere Llano"], ["contribution_requests"])  # not awards

    awarded(app, ws.metal)

    rows = notices(services, "work_share_awarded")
    assert to(rows) == ws.refs("Ines Vega", "Pablo Sainz")
    facts = {r.recipient_ref: r.facts for r in rows}
    assert facts[str(ws.people["Pablo Sainz"])]["membership"] == str(ws.metal.memberships[1])
    assert facts[str(ws.people["Pablo Sainz"])]["share"] == str(eur("250000"))
    assert facts[str(ws.people["Ines Vega"])]["share"] == str(eur("50000"))
    assert {f["reference"] for f in facts.values()} == {"C-7"}
    # Tere still hears of requests, which she kept.
    assert str(ws.people["Tere Llano"]) in to(notices(services, "contribution_requested"))


def test_deadline_notices_are_written_once_however_often_the_scan_runs(
        services: Services, clock: SteppingClock) -> None:
    app = services.marketplace
    ws = workspace(app)
    late = request_quote(app, ws.metal.consortium)
    answered = request_quote(app, ws.metal.consortium)
    elsewhere = request_quote(app, ws.wood.consortium)
    outbox = services.outbox

    clock.set(RESPOND_BY - timedelta(hours=25))
    assert outbox.write_due_notices(clock.now()) == 0
    submit_full_quote(app, ws.metal, answered)  # quoted in time: nobody is reminded

    clock.set(RESPOND_BY - timedelta(hours=23))
    assert outbox.write_due_notices(clock.now()) == 2
    for _ in range(3):
        clock.advance(hours=1)
        assert outbox.write_due_notices(clock.now()) == 0
    due = notices(services, "response_due")
    assert {(r.originator_id, r.recipient_ref) for r in due} == {
        (str(late), str(ws.people["Marta Gil"])), (str(elsewhere), str(ws.people["Wim Dekker"]))}
    assert {r.originator_version for r in due} == {0}
    assert notices(services, "rfq_overdue") == []

    app.decline_rfq(elsewhere, "No capacity this quarter.")  # answered, if late
    clock.set(RESPOND_BY + timedelta(minutes=1))
    assert outbox.write_due_notices(clock.now()) == 1
    clock.advance(days=2)
    assert outbox.write_due_notices(clock.now()) == 0
    [overdue] = notices(services, "rfq_overdue")
    assert (overdue.originator_id, overdue.recipient_ref) == (
        str(late), str(ws.people["Olga Pardo"]))
    assert overdue.facts["slug"] == "metal"
    assert len(notices(services, "response_due")) == 2


def test_the_mail_worker_scans_for_deadlines_each_round(services: Services,
                                                         clock: SteppingClock) -> None:
    app = services.marketplace
    ws = workspace(app)
    request_quote(app, ws.metal.consortium)
    clock.set(RESPOND_BY + timedelta(hours=1))
    worker = MailWorker(services.outbox, clock)

    worker.tick()
    worker.tick()

    assert to(notices(services, "rfq_overdue")) == ws.refs("Olga Pardo")
    assert [r.status for r in notices(services, "rfq_overdue")] == [SENT]  # sent locally


def test_rfqs_from_before_the_outbox_began_bring_no_deadline_notices(
        store_url: str, clock: SteppingClock) -> None:
    # Bulk history (the demo's) is loaded without the outbox, which starts at its head.
    batch = bootstrap(store_url, clock=clock, inline_projection=False)
    try:
        ws = workspace(batch.marketplace)
        request_quote(batch.marketplace, ws.metal.consortium)
        batch.projector.catch_up()
    finally:
        batch.close()
    services = bootstrap(store_url, clock=clock)
    try:
        clock.set(RESPOND_BY + timedelta(hours=1))
        assert services.outbox.catch_up() == 0
        assert services.outbox.write_due_notices(clock.now()) == 0
        recent = request_quote(services.marketplace, ws.metal.consortium)
        assert services.outbox.write_due_notices(clock.now()) == 0  # not yet near
        clock.advance(days=7)
        assert services.outbox.write_due_notices(clock.now()) == 1
        [row] = notices(services, "rfq_overdue")
        assert row.originator_id == str(recent)
    finally:
        services.close()


def test_notice_rows_hold_no_personal_data(services: Services, clock: SteppingClock) -> None:
    app = services.marketplace
    ws = workspace(app)
    awarded(app, ws.metal)
    request_quote(app, ws.metal.consortium)
    clock.set(RESPOND_BY + timedelta(days=60))
    assert services.outbox.write_due_notices(clock.now()) == 1

    with services.engine.connect() as conn:
        rows = list(conn.execute(select(mail_outbox)
                                 .where(mail_outbox.c.kind.in_(["rfq_new", "rfq_overdue",
                                        "contribution_requested", "work_share_awarded"]))))
    assert {row.kind for row in rows} == {"rfq_new", "rfq_overdue", "contribution_requested",
                                          "work_share_awarded"}
    raw = json.dumps([[str(value) for value in row] for row in rows], ensure_ascii=False)
    for personal in ("@example.org", "Marta", "Olga", "Ines", "Pablo", "Tere", "Gil"):
        assert personal not in raw


def test_a_member_user_receives_the_request_through_a_real_smtp_server(
        services: Services, clock: SteppingClock) -> None:
    app = services.marketplace
    ws = workspace(app)
    bid = request_quote(app, ws.metal.consortium)
    app.qualify_rfq(bid, "Fits.")
    app.request_contribution(bid, "logistics", ws.metal.memberships[2],
                             START.date() + timedelta(days=3))
    server = LoopbackSmtp()
    server.start()
    try:
        services.outbox.transport = SmtpTransport(server.url)
        services.outbox.send_due(clock.now())
    finally:
        server.stop()

    by_address = {m["To"].addresses[0].addr_spec: m for m in server.inbox.messages}
    # The buyer's acknowledgement, the manager's notice and Tere's request.
    assert set(by_address) == {"lucia@acero-mx.example", "marta@example.org", "tere@example.org"}
    mail = by_address["tere@example.org"]
    assert mail["To"].addresses[0].display_name == "Tere Llano"
    assert mail["Subject"] == "Metal Export Consortium: please price the logistics stage"
    body = mail.get_body(("plain",)).get_content().replace("\r\n", "\n")
    link = f"http://127.0.0.1:5000/workspace/member/{ws.metal.memberships[2]}/"
    assert body.count(link) == 1 and "by 2025-03-06" in body
    manager = by_address["marta@example.org"].get_body(("plain",)).get_content()
    assert f"http://127.0.0.1:5000/workspace/desk/rfq/{bid}" in manager
