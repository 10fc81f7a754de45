"""Exports people open in a spreadsheet: each CSV reads with Python's csv module, each XLSX
with openpyxl, and each holds exactly the rows the screen lists."""

from __future__ import annotations

import csv
import io
import re
from decimal import Decimal

import openpyxl
import pytest
from flask.testing import FlaskClient

from marketplace.actors import acting_as, user
from marketplace.bootstrap import Services
from marketplace.dashboard.totals import contract_total
from tests.story import awarded_bid, form_consortium, request_quote
from tests.web.audit_world import AuditWorld, log_positions
from tests.web.signin import sign_in
from web.spreadsheets import file_name, safe_cell

LOG = "/workspace/audit/"
pytest_plugins = ("tests.web.audit_fixtures",)



def csv_rows(client: FlaskClient, url: str) -> list[list[str]]:
    response = client.get(url)
    assert response.status_code == 200, url
    assert response.mimetype == "text/csv"
    assert "attachment" in response.headers["Content-Disposition"]
    return list(csv.reader(io.StringIO(response.get_data(as_text=True))))


def xlsx_rows(client: FlaskClient, url: str) -> list[list[object]]:
    response = client.get(url)
    assert response.status_code == 200, url
    book = openpyxl.load_workbook(io.BytesIO(response.get_data()), read_only=True)
    return [list(row) for row in book.active.iter_rows(values_only=True)]


@pytest.mark.parametrize("query", ["", "aggregate_type=Bid", "actor=buyer",
                                   "event_type=Membership.CapabilitiesDeclared"])
def test_the_event_log_exports_the_rows_its_pages_list(
        auditor: FlaskClient, world: AuditWorld, query: str) -> None:
    shown = log_positions(auditor, query)
    assert shown
    rows = csv_rows(auditor, f"{LOG}log.csv?{query}")
    assert rows[0][0] == "Position" and len(rows) - 1 == len(shown)
    assert [int(row[0]) for row in rows[1:]] == shown
    sheet = xlsx_rows(auditor, f"{LOG}log.xlsx?{query}")
    assert sheet[0][0] == "Position" and [row[0] for row in sheet[1:]] == shown
    newest = csv_rows(auditor, f"{LOG}log.csv?{query}&order=newest")
    assert [int(row[0]) for row in newest[1:]] == shown[::-1]


def test_the_event_log_export_names_people_and_records(
        client: FlaskClient, services: Services) -> None:
    app = services.marketplace
    formed = form_consortium(app, "metal")
    account = app.open_account(name="Ana Ruiz", email="ana@example.org",
                               password="correct horse battery",
                               grants=[("manager", str(formed.consortium))])
    with acting_as(user(str(account), ["manager"])):
        bid = request_quote(app, formed.consortium)
    sign_in(client, services, "auditor")
    [header, row] = csv_rows(client, f"{LOG}log.csv?aggregate_id={bid}")
    shown = dict(zip(header, row, strict=True))
    assert shown["Record"] == app.get_bid(bid).reference
    assert shown["Consortium"] == app.get_consortium(formed.consortium).name
    assert shown["Caused by"] == "Ana Ruiz" and shown["Recorded as"].startswith("user:")


def test_a_filter_the_export_cannot_read_is_a_400_and_an_unknown_format_a_404(
        auditor: FlaskClient) -> None:
    assert auditor.get(f"{LOG}log.csv?since=2025-13-40").status_code == 400
    assert auditor.get(f"{LOG}log.ods").status_code == 404


@pytest.mark.parametrize(("typed", "cell"), [
    ("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"), ("+1", "'+1"),
    ("-2", "'-2"), ("@SUM(A1)", "'@SUM(A1)"), ("Acero Norte", "Acero Norte"), (None, ""),
])
def test_text_a_spreadsheet_would_run_as_a_formula_is_quoted(typed: object, cell: object) -> None:
    assert safe_cell(typed) == cell


def test_the_fee_ledger_exports_each_fee_the_page_lists(
        client: FlaskClient, services: Services) -> None:
    app = services.marketplace
    formed = form_consortium(app)
    awarded_bid(app, formed)
    sign_in(client, services, "manager", str(formed.consortium))
    client.post(f"/workspace/fees/consortia/{formed.consortium}/assess",
                data={"period": "2025", "due_on": "2025-04-30",
                      "version": str(app.get_consortium(formed.consortium).version)})
    ledger = f"/workspace/fees/consortia/{formed.consortium}"
    page = client.get(ledger).get_data(as_text=True)
    section = page.split('id="fee-ledger"')[1].split("</section>")[0]
    on_screen = section.count("<tr") - section.count("<thead>")
    rows = csv_rows(client, f"{ledger}/ledger.csv")
    assert len(rows) - 1 == on_screen == 6
    assert {row[2] for row in rows[1:]} == {"Annual fee", "Success fee"}
    assert {row[3] for row in rows[1:] if row[2] == "Success fee"} == {"PO-2025-0001"}
    sheet = xlsx_rows(client, f"{ledger}/ledger.xlsx")
    assert len(sheet) == len(rows) and sheet[0] == rows[0]
    assert all(isinstance(row[5], int | float) for row in sheet[1:])  # amounts stay numbers
    # Another consortium's manager gets none of it.
    other = form_consortium(app, "marine")
    stranger = client.application.test_client()
    sign_in(stranger, services, "manager", str(other.consortium))
    assert stranger.get(f"{ledger}/ledger.csv").status_code == 403


def _listed_totals(html: str) -> int:
    return sum(int(n) for n in re.findall(r'<span class="count">\((\d+)\)</span>', html))


@pytest.mark.parametrize("query", ["", "show=all", "show=closed", "country=MX&show=all"])
def test_the_pipeline_exports_the_rfqs_the_desk_lists(
        client: FlaskClient, services: Services, query: str) -> None:
    app = services.marketplace
    formed = form_consortium(app)
    bids = [request_quote(app, formed.consortium) for _ in range(4)]
    app.qualify_rfq(bids[0], "Fits our capacity.")
    app.decline_rfq(bids[1], "Outside what we build.")
    awarded_bid(app, formed)
    sign_in(client, services, "manager", str(formed.consortium))
    shown = _listed_totals(client.get(f"/workspace/desk/?{query}").get_data(as_text=True))
    rows = csv_rows(client, f"/workspace/desk/pipeline.csv?{query}")
    assert shown and len(rows) - 1 == shown
    assert len(xlsx_rows(client, f"/workspace/desk/pipeline.xlsx?{query}")) == len(rows)
    # Another consortium's manager sees none of these RFQs.
    other = form_consortium(app, "marine")
    stranger = client.application.test_client()
    sign_in(stranger, services, "manager", str(other.consortium))
    assert csv_rows(stranger, "/workspace/desk/pipeline.csv?show=all")[1:] == []


def test_the_dashboard_totals_contracts_in_the_programmes_currency_saying_which_rates(
        client: FlaskClient, services: Services) -> None:
    app = services.marketplace
    formed = form_consortium(app, "metal")
    awarded_bid(app, formed)
    sign_in(client, services, "officer")
    page = client.get("/workspace/dashboard/metal").get_data(as_text=True)
    assert "Contract value, every currency in EUR:" in page
    assert "Every contract is in EUR: no rate was needed." in page
    today = app.clock.now().date()
    app.set_exchange_rate(formed.consortium, "USD", "EUR", "0.90", today)
    app.set_exchange_rate(formed.consortium, "EUR", "MXN", "20", today)
    by_currency = {"EUR": [("MX", Decimal("1000"))], "USD": [("US", Decimal("500"))],
                   "MXN": [("MX", Decimal("4000"))], "GBP": [("GB", Decimal("70"))]}
    total = contract_total(services.engine, formed.consortium, "EUR", by_currency, today)
    assert total["total"] == Decimal("1000") + Decimal("450") + Decimal("200")
    assert [(r["from"], r["to"], r["rate"]) for r in total["rates"]] == [
        ("EUR", "MXN", Decimal("20")), ("USD", "EUR", Decimal("0.90"))]
    assert total["missing"] == ["GBP"]


@pytest.mark.parametrize("query", ["", "from=2000-01&to=2000-12", "from=2025-01",
                                   "from={this}&to={this}"])
def test_the_kpis_export_the_figures_the_dashboard_lists(
        client: FlaskClient, services: Services, query: str) -> None:
    app = services.marketplace
    formed = form_consortium(app, "metal")
    awarded_bid(app, formed)
    today = app.clock.now().date()
    query = query.format(this=f"{today.year:04d}-{today.month:02d}")
    sign_in(client, services, "officer")
    for page, export in (("/workspace/dashboard/metal", "/workspace/dashboard/metal/kpis"),
                         ("/workspace/dashboard/", "/workspace/dashboard/kpis")):
        html = client.get(f"{page}?{query}").get_data(as_text=True)
        figures = html.split('id="figures"')[1].split("</section>")[0]
        facts = figures.count("<dt>")
        table_rows = sum(part.split("</tbody>")[0].count("<tr")
                         for part in figures.split("<tbody>")[1:])
        total = 1 if 'id="contract-total"' in figures else 0
        response = client.get(f"{export}.csv?{query}")
        assert response.status_code == 200
        named = response.headers["Content-Disposition"]
        rows = list(csv.reader(io.StringIO(response.get_data(as_text=True))))
        # The period first, as asked: its months, or blank where it has no limit.
        asked = dict(part.split("=") for part in query.split("&") if part)
        assert rows[1][:3] == ["Period", "From month", asked.get("from", "")], page
        assert rows[2][:3] == ["Period", "To month", asked.get("to", "")], page
        assert len(rows) - 3 == facts + table_rows + total, page
        assert len(xlsx_rows(client, f"{export}.xlsx?{query}")) == len(rows)
        if query:
            assert "-to-" in named or "from-" in named or asked["from"] in named
        else:
            assert named.endswith('-all-time.csv"')
    if not query:
        assert ["Headline figures", "RFQs received", "", "1"] in rows
    elif query.startswith("from=2000"):
        assert ["Headline figures", "RFQs received", "", "0"] in rows


def test_the_members_export_lists_the_firms_of_the_capability_matrix(
        client: FlaskClient, services: Services) -> None:
    app = services.marketplace
    formed = form_consortium(app, "metal")
    sign_in(client, services, "officer")
    slug = app.get_consortium(formed.consortium).slug
    page = client.get(f"/workspace/agency/{slug}").get_data(as_text=True)
    matrix = page.split('class="heatmap"')[1].split("</tbody>")[0].split("<tbody>")[1]
    rows = csv_rows(client, f"/workspace/agency/{slug}/members.csv")
    assert len(rows) - 1 == matrix.count("<tr") > 0
    assert rows[0][:2] == ["Company", "Standing"]
    names = [row[0] for row in rows[1:]]
    assert names == sorted(names) and all(name in matrix for name in names)
    assert len(xlsx_rows(client, f"/workspace/agency/{slug}/members.xlsx")) == len(rows)


def test_a_members_export_holds_its_own_work_shares_only(
        client: FlaskClient, services: Services) -> None:
    app = services.marketplace
    formed = form_consortium(app)
    awarded_bid(app, formed)
    mine, other = formed.memberships[0], formed.memberships[1]
    sign_in(client, services, "member", str(mine))
    url = f"/workspace/member/{mine}/contracts"
    page = client.get(url).get_data(as_text=True)
    shares = page.split('id="shares-h"')[1].split("</tbody>")[0].split("<tbody>")[1]
    rows = csv_rows(client, f"{url}.csv")
    assert len(rows) - 1 == shares.count("<tr") == 1
    assert rows[1][5] == "80000" or rows[1][5].startswith("80000")
    response = client.get(f"{url}.xlsx")
    assert response.headers["Content-Disposition"].isascii()
    assert client.get(f"/workspace/member/{other}/contracts.csv").status_code == 403


def test_an_export_file_name_is_plain_ascii() -> None:
    assert file_name('Aceros "Núñez" / Bilbao') == "Aceros-Nunez-Bilbao"
    assert file_name("ÿÿ") == "yy" and file_name("中文") == "export"
