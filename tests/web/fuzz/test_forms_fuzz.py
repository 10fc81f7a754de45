"""Every unsafe route of the url_map, posted arbitrary unicode by someone allowed: never a 5xx.

The routes come from the app's url_map, so a new form is fuzzed as soon as it exists; who
may post to it comes from the authorization tables (tests/web/authz/). Field names and the values
a page offers (options, hidden ids) are read from the app's own pages, crawled as the
person who may post; a route whose form no page shows names its fields in EXTRA_FIELDS,
and the test fails for a route with neither. CSRF and rate limits are off (TEST_CONFIG).
"""

from __future__ import annotations

import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import timedelta

import pytest
from flask import Flask
from hypothesis import given, settings
from hypothesis import strategies as st

from marketplace.bidding.tokens import new_token
from marketplace.bootstrap import bootstrap
from marketplace.membership.commands import annual_fee_id
from marketplace.ports import SteppingClock
from tests import hypothesis_profiles
from tests.conftest import POSTGRES_URL, START, drop_schema, require_postgres
from tests.payments import fake_stripe, gateway_for
from tests.story import eur, request_quote, submit_full_quote
from tests.web import matrix
from tests.web.authz import World, load
from tests.web.conftest import TEST_CONFIG
from tests.web.fuzz.forms import Found, current, discover
from tests.web.fuzz.values import TEXT, filled_in
from web import create_app

TABLES = load()
# Who posts: the first in this order whom the tables let through (anonymous keeps no session).
POSTERS = ("anonymous", "manager", "officer", "member", "buyer")


def unsafe_endpoints(app: Flask) -> list[str]:
    """Every endpoint of the url_map that takes a POST, PUT, PATCH or DELETE."""
    return sorted({rule.endpoint for rule in app.url_map.iter_rules()
                   if set(rule.methods or ()) & set(matrix.UNSAFE)})


def _routes() -> list[str]:
    # Read from an app on an empty store, so the tests are parametrized by the url_map itself.
    with tempfile.TemporaryDirectory() as directory:
        services = bootstrap(f"sqlite:///{directory}/routes.db", clock=SteppingClock(START))
        try:
            return unsafe_endpoints(create_app(services=services,
                                               config={**TEST_CONFIG, "DEV_MODE": True}))
        finally:
            services.close()


UNSAFE_ENDPOINTS = _routes()
# Routes whose form is on no page (JSON, webhooks, forms sent by script): their fields.
EXTRA_FIELDS = {
    "api.create_rfq": ("consortium", "organisation", "contact_name", "email", "country",
                       "stages", "specification", "quantity", "unit", "incoterm",
                       "named_place", "currency", "quote_needed_by", "wanted_delivery",
                       "language"),
    "webhooks.stripe": ("id", "type", "data"),
    # The buyer's answers by bearer token (schemathesis sends them with a real token too).
    "api.accept_quote": ("reference", "version"),
    "api.decline_quote": ("reason", "reference", "version"),
    "api.ask_question": ("question", "reference"),
    "api.request_revision": ("message", "reference"),
    # Shown only to someone holding a mailed link, or for an account invited or that failed.
    "auth.set_password": ("password", "confirm"),
    "auth.reset_password": ("password", "confirm"),
    "accounts.reinvite": (),
    "accounts.clear_failures": (),
    # Shown beside a ledger entry, or a held meeting, that the fuzz's world may not have.
    "agency.correct_funding": ("version", "amount", "reason"),
    "agency.correct_attendance": ("version", "attendees", "reason"),
    "agency.attach_minutes": ("version", "minutes"),
    "fees.issue_credit": ("version", "amount", "reason"),
    # A button of the award form posts the same fields elsewhere (formaction).
    "desk.share_award": ("version", "value", "reference"),
    # Shown beside a buyer's question, or once the buyer asked for a revised quote.
    "desk.answer_question": ("version", "answer", "shared"),
    "desk.share_answer": ("version",),
    "desk.send_revised_quote": ("version", "margin", "valid_until", "lead_time_days",
                                "shown_total"),
    # Shown beside a firm no account acts for whose profile names a contact.
    "desk.invite_firm": (),
    # Files by a procurement system, authorised by the tracking token as a bearer token.
    "api.upload_documents": ("documents",),
    "rfq.attach_more": ("documents",),
    # The documents areas: a file with its kind and title; a removal with its reason.
    "member.upload_document": ("kind", "title", "certificate", "expires_on", "file"),
    "member.remove_document": ("reason",),
    "desk.upload_consortium_document": ("kind", "title", "file"),
    "desk.remove_consortium_document": ("reason",),
}
JSON_BODY = {"api.create_rfq", "api.accept_quote", "api.decline_quote", "api.ask_question",
             "api.request_revision"}
RAW_BODY = {"webhooks.stripe": "Stripe-Signature"}  # the body is the payload; one header
# SQLite in `make test`; `make fuzz` adds PostgreSQL, which refuses what SQLite keeps (NUL).
STORES = ["sqlite", "postgres"] if hypothesis_profiles.PROFILE == "fuzz" else ["sqlite"]


@contextmanager
def store(kind: str) -> Iterator[str | None]:
    """None for the SQLite file of the matrix; a PostgreSQL schema of its own, dropped after."""
    if kind == "sqlite":
        yield None
        return
    require_postgres()
    schema = f"t_{uuid.uuid4().hex[:12]}"
    try:
        yield f"{POSTGRES_URL}?schema={schema}"
    finally:
        drop_schema(schema)


@dataclass
class Site:
    """The app, its world, a signed-in client per poster and the forms found on its pages."""

    app: Flask
    world: World
    people: dict[str, matrix.Person]
    found: Found


@pytest.fixture(scope="module", params=STORES)
def site(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
         ) -> Iterator[Site]:
    with store(request.param) as url, fake_stripe() as fake, \
            matrix.built(tmp_path_factory.mktemp("fuzz"), TABLES, url,
                         # Card payments go to our fake Stripe: the pay route does real work.
                         payment_gateway=gateway_for(fake)) as built:
        _services, app, world = built
        more_to_see(world)
        people = {who: matrix.person(app, world, who) for who in POSTERS}
        found = Found()
        for who, person in people.items():
            discover(app, person.client, pages_for(app, world, who), found)
        yield Site(app, world, people, found)


def more_to_see(world: World) -> None:
    """What makes the last forms appear: a quote to answer, an award to record, a
    contribution to withdraw, fees to pay, a prospect to decide and a meeting to hold."""
    app = world.services.marketplace
    world.extra["quoted_token"] = token = new_token()
    submit_full_quote(app, world.formed, request_quote(app, world.consortium,
                                                       tracking_token=token))
    world.extra["accepted"] = accepted = request_quote(app, world.consortium)
    submit_full_quote(app, world.formed, accepted)
    app.accept_quote(accepted)
    app.commit_contribution(world.qualified, "design", world.membership, eur("1000"), 30)
    app.assess_fees(world.consortium, "2025", app.clock.now().date())
    app.identify_prospect(world.proposed, world.company, "Exports to three markets.")
    app.plan_meeting(world.proposed, app.clock.now().date() + timedelta(days=7), "Kick-off")


def pages_for(app: Flask, world: World, who: str) -> list[str]:
    """Every GET page this person may open: with the tables' ids, and with each of the
    world's bids, consortia and tracking links in turn, so forms of every state show."""
    pools = {"bid_id": [world.rfq, world.qualified, world.quoted, world.awarded,
                        world.extra["accepted"]],
             "slug": [world.slug, world.proposed_slug],
             "token": [world.token, world.extra["quoted_token"]],
             "fee_id": [annual_fee_id("2025")]}
    pages = []
    for rule in sorted(app.url_map.iter_rules(), key=lambda r: r.rule):
        if "GET" not in (rule.methods or ()) or rule.endpoint == "static":
            continue
        if (TABLES.answers(rule.endpoint, "GET") or {}).get(who) != "ok":
            continue
        values = TABLES.url_values(rule.endpoint, world)
        pages.append(matrix.path_for(rule, values))
        for name in rule.arguments & pools.keys():
            pages += [matrix.path_for(rule, values | {name: v}) for v in pools[name]]
    return list(dict.fromkeys(pages))


def poster(endpoint: str, method: str) -> str:
    answers = TABLES.answers(endpoint, method) or {}
    allowed = [who for who in POSTERS if answers.get(who) == "ok"]
    assert allowed, f"nobody of {POSTERS} may {method} {endpoint}"
    return allowed[0]


def test_the_fuzzed_routes_are_the_apps(site: Site) -> None:
    assert len(UNSAFE_ENDPOINTS) > 30  # the forms of every area, not an empty url_map
    assert unsafe_endpoints(site.app) == UNSAFE_ENDPOINTS


@pytest.mark.parametrize("endpoint", UNSAFE_ENDPOINTS)
def test_a_form_never_answers_a_server_error(site: Site, endpoint: str) -> None:
    rule = next(r for r in site.app.url_map.iter_rules(endpoint=endpoint))
    method = next(m for m in matrix.methods(rule) if m in matrix.UNSAFE)
    who = poster(endpoint, method)
    # A route that ends sessions is posted only at the tables' address (someone nobody
    # signs in as, a session that does not exist): a button found on a page could end
    # the sessions of the people this test posts as.
    paths = (None if endpoint in TABLES.ends_session else site.found.actions.get(endpoint)) \
        or [matrix.path_for(rule, TABLES.url_values(endpoint, site.world))]
    offered = dict(site.found.fields.get(endpoint, {}))
    for name in EXTRA_FIELDS.get(endpoint, ()):
        offered.setdefault(name, set())
    if endpoint not in site.found.actions and endpoint not in EXTRA_FIELDS:
        pytest.fail(f"no page shows a form that posts to {endpoint}: name its fields in "
                    "EXTRA_FIELDS", pytrace=False)
    client = site.people[who].client

    # A fifth of the profile's examples for each of some forty routes keeps `make test`
    # quick; `make fuzz` (HYPOTHESIS_PROFILE=fuzz) raises them all.
    @settings(max_examples=max(5, settings.default.max_examples // 5))
    # Fields no form has ride along too: a handler must ignore what it does not know.
    @given(path=st.sampled_from(paths), data=st.data(),
           unknown=st.dictionaries(TEXT, TEXT, max_size=2), raw=TEXT)
    def post(path: str, data: st.DataObject, unknown: dict[str, str], raw: str) -> None:
        # The page is read again: ids and the `version` the handler checks change as we post.
        page = site.found.pages.get(path)
        now = current(client, page, path) if page else {}
        fields = {name: now.get(name) or values for name, values in offered.items()}
        form = unknown | data.draw(filled_in(fields), label="form")
        if endpoint in JSON_BODY:
            response = client.open(path, method=method, json=form)
        elif endpoint in RAW_BODY:
            response = client.open(path, method=method, data=raw.encode(),
                                   headers={RAW_BODY[endpoint]: str(form)[:200]})
        else:
            response = client.open(path, method=method, data=form)
        assert response.status_code < 500, f"{method} {path} {form!r}: {response.status}"
        if who != "anonymous":  # still signed in and allowed: the handler itself answered
            assert matrix.answer_of(response) == "ok", f"{method} {path}: {response.status}"

    post()
