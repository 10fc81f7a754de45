"""Every page an auditor reads shows a name beside each id: no bare UUID is left in what
the page says, outside a link (which names what it opens) or a details element (the id one
click away, behind a name or its first characters)."""

from __future__ import annotations

import re

import pytest
from flask.testing import FlaskClient

from marketplace.actors import acting_as, user
from marketplace.bootstrap import Services
from tests.story import ALL_STAGES, request_quote
from tests.web.audit_world import AuditWorld, build, run_check, stored
from tests.web.signin import sign_in

UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", re.I)
_HIDDEN = re.compile(r"<(script|style|a|details)\b.*?</\1>", re.S | re.I)
_TAG = re.compile(r"<[^>]*>")


def bare_ids(html: str) -> list[str]:
    """The ids a reader sees in the page's text, outside links and details elements."""
    body = html.split("<body", 1)[1] if "<body" in html else html
    text = _TAG.sub(" ", _HIDDEN.sub(" ", body))  # attributes go with their tags
    return UUID.findall(text)


def test_the_check_finds_a_bare_id() -> None:
    shown = "<body><p>Membership e1c15534-0000-4000-8000-000000000001</p></body>"
    assert bare_ids(shown) == ["e1c15534-0000-4000-8000-000000000001"]
    assert bare_ids('<body><a href="/x">e1c15534-0000-4000-8000-000000000001</a>'
                    '<details><summary>Ana</summary>e1c15534-0000-4000-8000-000000000001'
                    '</details><input value="e1c15534-0000-4000-8000-000000000001"></body>') == []


@pytest.fixture
def world(services: Services) -> AuditWorld:
    built = build(services)
    app = services.marketplace
    # A person with an account who acts, and one erased afterwards.
    for name, email in (("Ana Ruiz", "ana@example.org"), ("Eva Gil", "eva@example.org")):
        account = app.open_account(name=name, email=email, password="correct horse battery",
                                   grants=[("manager", str(built.metal.consortium))])
        with acting_as(user(str(account), ["manager"])):
            request_quote(app, built.metal.consortium, stages=ALL_STAGES)
    app.erase_personal_data("eva@example.org", "asked under GDPR article 17")
    return built


def test_no_auditor_page_shows_a_bare_id(
        client: FlaskClient, services: Services, world: AuditWorld) -> None:
    sign_in(client, services, "auditor")
    events = stored(services)
    records = sorted({str(event.originator_id) for _, event in events})
    pages = ["/workspace/audit/", "/workspace/audit/?order=newest&size=200",
             "/workspace/audit/as-of", "/workspace/audit/as-of?q=metal",
             "/workspace/audit/verify", "/workspace/audit/replay"]
    pages += [f"/workspace/audit/events/{position}" for position, _ in events]
    pages += [f"/workspace/audit/aggregates/{record}" for record in records]
    pages += [f"/workspace/audit/as-of?aggregate_id={record}" for record in records]
    pages += [f"/workspace/audit/?aggregate_id={record}" for record in records[:5]]
    found: dict[str, list[str]] = {}
    for page in pages:
        response = client.get(page)
        assert response.status_code == 200, page
        shown = bare_ids(response.get_data(as_text=True))
        if shown:
            found[page] = shown
    checks = {url: bare_ids(run_check(client, services, url))
              for url in ("/workspace/audit/verify", "/workspace/audit/replay/run")}
    found.update({url: ids for url, ids in checks.items() if ids})
    assert found == {}
    log = client.get("/workspace/audit/?order=newest").get_data(as_text=True)
    assert ">Ana Ruiz (manager)</a>" in log and ">erased person (manager)</a>" in log
