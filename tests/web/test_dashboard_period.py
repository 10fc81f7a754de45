"""The KPI dashboard over a period: the form (GET, with quick choices), the heading, the
figures of the period's months, the downloads that follow it, and periods refused."""

from __future__ import annotations

import csv
import io
import re

import pytest
from flask.testing import FlaskClient

from marketplace.bootstrap import Services, bootstrap
from marketplace.ports import SteppingClock
from tests.conftest import START
from tests.story import Formed, awarded_bid, form_consortium, request_quote
from tests.web.conftest import TEST_CONFIG
from tests.web.signin import sign_in
from tests.web.test_dashboard import figures_of, table_of
from web import create_app

PAGE = "/workspace/dashboard/metal"


def _story(services: Services) -> Formed:
    """An RFQ in March 2025 left unanswered; in June, another quoted and awarded."""
    app = services.marketplace
    formed = form_consortium(app, slug="metal")
    request_quote(app, formed.consortium)
    app.clock.advance(days=95)  # type: ignore[attr-defined]
    awarded_bid(app, formed)
    return formed


@pytest.fixture
def metal(services: Services) -> Formed:
    return _story(services)


def _pipeline(page: str) -> dict[str, str]:
    return table_of(next(f for f in figures_of(page) if f.get("id") == "chart-pipeline"))


def _figures(page: str) -> str:
    return page.split('id="figures"')[1].split("</section>")[0]


def _heading(page: str) -> str:
    found = re.search(r'<h2 id="figures-heading">(.*?)</h2>', page, flags=re.S)
    assert found is not None
    return " ".join(re.sub(r"<[^>]+>", " ", found[1]).split())


def test_the_figures_are_those_of_the_periods_months(store_url: str) -> None:
    services = bootstrap(store_url, clock=SteppingClock(START))
    try:
        _story(services)
        client = create_app(services=services, config=TEST_CONFIG).test_client()
        sign_in(client, services, "officer")
        march = client.get(f"{PAGE}?from=2025-03&to=2025-03").get_data(as_text=True)
        assert _heading(march) == "Metal Export Consortium — March 2025"
        assert _pipeline(march) == {"RFQs received": "1", "RFQs answered": "0",
                                    "Quotes submitted": "0", "Quotes won": "0",
                                    "Contracts awarded": "0"}
        assert "chart-contracts-eur" not in march
        june = client.get(f"{PAGE}?from=2025-06&to=2025-06").get_data(as_text=True)
        assert _pipeline(june) == {"RFQs received": "1", "RFQs answered": "1",
                                   "Quotes submitted": "1", "Quotes won": "1",
                                   "Contracts awarded": "1"}
        assert 'id="contract-total"' in june
        year = client.get(f"{PAGE}?from=2025-01&to=2025-12").get_data(as_text=True)
        assert _heading(year) == "Metal Export Consortium — January 2025 to December 2025"
        assert _pipeline(year)["RFQs received"] == "2"
        # The overview's comparison follows the period too.
        overview = client.get("/workspace/dashboard/?from=2025-03&to=2025-03")
        line = overview.get_data(as_text=True).split("Metal Export Consortium</a></th>")[1]
        assert re.match(r"\s*<td>1</td><td>0</td>", line)
        # The download holds the period's rows, as many as the screen lists.
        export = client.get(f"{PAGE}/kpis.csv?from=2025-06&to=2025-06")
        assert 'filename="kpis-metal-2025-06.csv"' in export.headers["Content-Disposition"]
        rows = list(csv.reader(io.StringIO(export.get_data(as_text=True))))
        assert rows[1:3] == [["Period", "From month", "2025-06", "June 2025"],
                             ["Period", "To month", "2025-06", "June 2025"]]
        shown = _figures(june)
        listed = shown.count("<dt>") + 1 + sum(  # the facts, the total, each chart's rows
            part.split("</tbody>")[0].count("<tr") for part in shown.split("<tbody>")[1:])
        assert len(rows) - 3 == listed
        assert ["Headline figures", "RFQs received", "", "1"] in rows
    finally:
        services.close()


def test_all_time_is_the_default_and_the_quick_choices_are_links(
        client: FlaskClient, services: Services, metal: Formed) -> None:
    sign_in(client, services, "officer")
    page = client.get(PAGE).get_data(as_text=True)
    assert _heading(page) == "Metal Export Consortium — All time"
    assert _pipeline(page)["RFQs received"] == "2"
    form = page.split('class="form dashboard-period"')[1].split("</form>")[0]
    assert 'method="get"' in page.split('class="form dashboard-period"')[0][-200:]
    assert 'name="from" type="month"' in form and 'name="to" type="month"' in form
    # Today is in June 2025 (the story moved the clock on).
    choices = dict(re.findall(r'<a href="([^"]+)" hx-get="[^"]+"[^>]*>([^<]+)</a>', form))
    assert {text: url.replace("&amp;", "&") for url, text in choices.items()} == {
        "This year": f"{PAGE}?from=2025-01&to=2025-12",
        "Last year": f"{PAGE}?from=2024-01&to=2024-12",
        "Last 12 months": f"{PAGE}?from=2024-07&to=2025-06",
        "All time": PAGE}
    assert re.search(r'aria-current="true">All time</a>', form)
    chosen = client.get(f"{PAGE}?from=2024-07&to=2025-06").get_data(as_text=True)
    assert re.search(r'aria-current="true">Last 12 months</a>', chosen)
    assert 'value="2024-07"' in chosen and 'value="2025-06"' in chosen
    assert "kpis.csv?from=2024-07&amp;to=2025-06" in chosen
    assert "kpis.xlsx?from=2024-07&amp;to=2025-06" in chosen
    # An open end: from a month on.
    since = client.get(f"{PAGE}?from=2025-06").get_data(as_text=True)
    assert _heading(since) == "Metal Export Consortium — From June 2025"
    assert _pipeline(since)["RFQs received"] == "1"


def test_htmx_gets_the_periods_figures_alone(
        client: FlaskClient, services: Services, metal: Formed) -> None:
    sign_in(client, services, "officer")
    response = client.get(f"{PAGE}?from=2025-03&to=2025-03", headers={"HX-Request": "true"})
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and page.lstrip().startswith('<section id="figures"')
    assert 'hx-get="/workspace/dashboard/metal"' in page and 'hx-target="#figures"' in page
    assert _pipeline(page)["Quotes submitted"] == "0"
    overview = client.get("/workspace/dashboard/").get_data(as_text=True)
    assert '<div id="overview" data-swap-statuses="422">' in overview
    assert 'hx-target="#overview"' in overview


@pytest.mark.parametrize(("query", "field", "typed", "message"), [
    ("from=2025-13", "from", "2025-13", "Give months as YYYY-MM, for example 2026-03."),
    ("to=March", "to", "March", "Give months as YYYY-MM, for example 2026-03."),
    ("from=1999-12", "from", "1999-12", "Give months from 2000-01 to 2100-12."),
    ("to=2101-01", "to", "2101-01", "Give months from 2000-01 to 2100-12."),
    ("from=2025-06&to=2025-01", "to", "2025-01", "The period ends before it starts"),
    ("from=" + "9" * 5000, "from", "9" * 20, "Give months as YYYY-MM"),
    ("from=%D9%A2%D9%A0%D9%A2%D9%A5-01", "from", "٢٠٢٥-01", "Give months as YYYY-MM"),
])
def test_a_period_refused_comes_back_as_typed_with_the_reason(
        client: FlaskClient, services: Services, metal: Formed, query: str, field: str,
        typed: str, message: str) -> None:
    sign_in(client, services, "officer")
    for path in (PAGE, "/workspace/dashboard/"):
        response = client.get(f"{path}?{query}")
        page = response.get_data(as_text=True)
        assert response.status_code == 422, path
        assert message in page.replace("&#34;", '"').replace("&#39;", "'")
        assert re.search(rf'name="{field}" type="text"[^>]*value="{typed}"[^>]*'
                         r'aria-invalid="true"', page, flags=re.S), path
        assert not figures_of(page) and "kpis.csv" not in page
    fragment = client.get(f"{PAGE}?{query}", headers={"HX-Request": "true"})
    assert fragment.status_code == 422
    assert fragment.get_data(as_text=True).lstrip().startswith(
        '<section id="figures" class="dashboard" aria-labelledby="figures-heading" '
        'data-swap-statuses="422">')
    for download in (f"{PAGE}/kpis.csv", f"{PAGE}/kpis.xlsx", "/workspace/dashboard/kpis.csv"):
        refused = client.get(f"{download}?{query}")
        assert refused.status_code == 400, download
        assert message.split("“")[0] in refused.get_data(as_text=True).replace("&#34;", '"')


def test_the_period_form_speaks_the_pages_language(
        client: FlaskClient, services: Services, metal: Formed) -> None:
    sign_in(client, services, "officer")
    spanish = {"Accept-Language": "es"}
    page = client.get(f"{PAGE}?from=2025-01&to=2025-12", headers=spanish).get_data(as_text=True)
    assert "enero de 2025" in _heading(page) and "Este año" in page
    refused = client.get(f"{PAGE}?from=2025-13", headers=spanish).get_data(as_text=True)
    assert "Indique los meses como AAAA-MM" in refused
