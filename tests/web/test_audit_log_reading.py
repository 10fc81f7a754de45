"""Reading the event log as an auditor: newest or oldest first, a page size, names beside
the ids, and a filter that cannot be read coming back in the form as typed."""

from __future__ import annotations

import re

import pytest
from flask.testing import FlaskClient

from marketplace.actors import acting_as, user
from marketplace.audit.names import ERASED, names_of
from marketplace.audit.steps import steps
from marketplace.bootstrap import Services
from tests.story import eur, form_consortium, request_quote
from tests.web.audit_world import AuditWorld, listed, stored
from tests.web.signin import sign_in

LOG = "/workspace/audit/"
pytest_plugins = ("tests.web.audit_fixtures",)



def _newest_pages(client: FlaskClient, query: str) -> list[int]:
    """Every position listed newest first, following the "load more" links."""
    positions: list[int] = []
    url = f"{LOG}?order=newest&{query}"
    while True:
        response = client.get(url)
        assert response.status_code == 200
        html = response.get_data(as_text=True)
        positions += listed(html)
        more = re.search(r'id="log-more">\s*<td[^>]*>\s*<a class="[^"]*" href="([^"]+)"', html)
        if more is None:
            return positions
        url = more.group(1).replace("&amp;", "&")


def test_the_log_reads_newest_first_in_the_page_size_asked(
        auditor: FlaskClient, services: Services) -> None:
    events = [position for position, _ in stored(services)]
    first = auditor.get(f"{LOG}?order=newest&size=25").get_data(as_text=True)
    assert listed(first) == events[::-1][:25]
    assert f"before={events[-25]}" in first and "size=25" in first and "order=newest" in first
    assert _newest_pages(auditor, "size=25") == events[::-1]
    assert listed(auditor.get(f"{LOG}?size=100").get_data(as_text=True)) == events[:100]


def test_newest_first_keeps_the_filters(
        auditor: FlaskClient, services: Services, world: AuditWorld) -> None:
    bid = str(world.bid)
    mine = [position for position, event in stored(services)
            if str(event.originator_id) == bid]
    assert _newest_pages(auditor, f"aggregate_id={bid}&size=25") == mine[::-1]


@pytest.mark.parametrize(("query", "kept", "reason"), [
    ("actor=buyer&since=2025-13-40&order=newest", ['value="buyer"', 'value="2025-13-40"'],
     "Give dates as YYYY-MM-DD"),
    ("actor=system&size=7", ['value="system"'], "Show 25, 50, 100 or 200 events a page."),
    ("event_type=Bid.Nothing&actor=x", ['value="x"'], "There is no event type called"),
    ("since=2025-03-02&until=2025-03-01", ['value="2025-03-02"', 'value="2025-03-01"'],
     "The range ends before it starts"),
])
def test_a_filter_that_cannot_be_read_keeps_the_form_as_typed(
        auditor: FlaskClient, query: str, kept: list[str], reason: str) -> None:
    response = auditor.get(f"{LOG}?{query}")
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert 'role="alert"' in html and reason in html
    assert '<form method="get"' in html
    for value in kept:
        assert value in html
    assert "newest" not in query or '<option value="newest" selected>' in html


def test_the_log_names_the_person_the_record_and_the_consortium(
        client: FlaskClient, services: Services) -> None:
    app = services.marketplace
    formed = form_consortium(app, "metal")
    account = app.open_account(name="Ana Ruiz", email="ana@example.org",
                               password="correct horse battery",
                               grants=[("manager", str(formed.consortium))])
    with acting_as(user(str(account), ["manager"])):
        bid = request_quote(app, formed.consortium)
    sign_in(client, services, "auditor")
    html = client.get(f"{LOG}?aggregate_id={bid}").get_data(as_text=True)
    reference = app.get_bid(bid).reference
    assert reference and f"Bid {reference}" in html
    assert ">Ana Ruiz (manager)</a>" in html
    assert app.get_consortium(formed.consortium).name in html
    # A membership is named by its company.
    membership = app.get_membership(formed.memberships[0])
    named = names_of(services.engine, app.vault, [str(membership.id)])[str(membership.id)]
    assert named.name == app.get_company(membership.company_id).name


def test_an_erased_person_is_named_as_erased(services: Services) -> None:
    app = services.marketplace
    account = app.open_account(name="Eva Gil", email="eva@example.org",
                               password="correct horse battery", grants=[("officer", "")])
    app.erase_personal_data("eva@example.org", "asked under GDPR article 17")
    assert names_of(services.engine, app.vault, [str(account)])[str(account)].name == ERASED


def test_as_of_finds_a_record_by_name_and_shows_its_state_as_a_table(
        auditor: FlaskClient, services: Services, world: AuditWorld) -> None:
    app = services.marketplace
    name = app.get_consortium(world.metal.consortium).name
    found = auditor.get(f"/workspace/audit/as-of?q={name[:5].lower()}").get_data(as_text=True)
    link = f'/workspace/audit/as-of?aggregate_id={world.metal.consortium}">{name}</a>'
    assert link in found
    reference = app.get_bid(world.bid).reference
    assert f'aggregate_id={world.bid}">{reference}</a>' in auditor.get(
        f"/workspace/audit/as-of?q={reference}").get_data(as_text=True)
    page = auditor.get(f"/workspace/audit/as-of?aggregate_id={world.bid}&version=2"
                       ).get_data(as_text=True)
    assert "<dt>status</dt><dd>qualified</dd>" in page  # the readable table
    # Its JSON one click away, and the consortium it belongs to by name.
    assert '<details class="audit-json">' in page and '"status": "qualified"' in page
    assert f'title="{world.metal.consortium}">{name}</a>' in page
    nothing = auditor.get("/workspace/audit/as-of?q=zzzz-none").get_data(as_text=True)
    assert "No consortium, member or RFQ has that name or reference." in nothing


def test_a_history_shows_each_correction_beside_what_it_corrects(
        auditor: FlaskClient, services: Services, world: AuditWorld) -> None:
    app = services.marketplace
    shares = dict(zip(world.metal.memberships, [eur("90000"), eur("250000"), eur("100000")],
                      strict=True))
    app.correct_work_shares(world.bid, shares, "The design share was typed short.")
    history = app.get_bid(world.bid)
    correction = history.version
    awarded = next(step.version for step in steps(app, world.bid)
                   if step.type == "Bid.ContractAwarded")
    page = auditor.get(f"/workspace/audit/aggregates/{world.bid}").get_data(as_text=True)
    award = page.split(f'<li id="v{awarded}">')[1].split("</li>\n  \n  <li")[0]
    assert (f'Corrected by <a href="#v{correction}">version {correction}</a> '
            "(Bid.WorkSharesCorrected") in award
    assert "The design share was typed short." in award
    fix = page.split(f'<li id="v{correction}">')[1]
    assert f'Corrects <a href="#v{awarded}">version {awarded}</a>: The design share' in fix


@pytest.mark.parametrize(("query", "kept", "reason"), [
    ("aggregate_id=not-an-id&version=2", ['value="not-an-id"', 'value="2"'], "That is not an id"),
    ("aggregate_id={bid}&version=2&moment=2025-03-03T10:00",
     ['value="2025-03-03T10:00"', 'value="2"'], "Give a version or a moment, not both."),
    ("aggregate_id={bid}&moment=yesterday", ['value="yesterday"'], "YYYY-MM-DDTHH:MM"),
])
def test_as_of_keeps_the_form_as_typed_when_it_cannot_be_read(
        auditor: FlaskClient, world: AuditWorld, query: str, kept: list[str],
        reason: str) -> None:
    response = auditor.get(f"/workspace/audit/as-of?{query.format(bid=world.bid)}")
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert 'role="alert"' in html and reason in html
    for value in kept:
        assert value in html
