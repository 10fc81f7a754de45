"""Exports people open in a spreadsheet: each CSV reads with Python's csv module, each XLSX
with openpyxl, and each holds exactly the rows the screen lists."""

from __future__ import annotations

import csv
import io

import openpyxl
import pytest
from flask.testing import FlaskClient

from marketplace.actors import acting_as, user
from marketplace.bootstrap import Services
from tests.story import form_consortium, request_quote
from tests.web.audit_world import AuditWorld, build, listed
from tests.web.signin import sign_in
from web.spreadsheets import safe_cell

LOG = "/workspace/audit/"


@pytest.fixture
def world(services: Services) -> AuditWorld:
    return build(services)


@pytest.fixture
def auditor(client: FlaskClient, services: Services, world: AuditWorld) -> FlaskClient:
    sign_in(client, services, "auditor")
    return client


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


def screen_positions(client: FlaskClient, query: str) -> list[int]:
    """Every position the log's pages list for a query, following "load more"."""
    positions: list[int] = []
    after = 0
    while True:
        html = client.get(f"{LOG}?{query}&after={after}").get_data(as_text=True)
        page = listed(html)
        positions += page
        if "Load more" not in html:
            return positions
        after = page[-1]


@pytest.mark.parametrize("query", ["", "aggregate_type=Bid", "actor=buyer",
                                   "event_type=Membership.CapabilitiesDeclared"])
def test_the_event_log_exports_the_rows_its_pages_list(
        auditor: FlaskClient, world: AuditWorld, query: str) -> None:
    shown = screen_positions(auditor, query)
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
