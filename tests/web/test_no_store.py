"""Cache-Control: no-store on every response that needs a session or a token.

Every route of the url_map is asked, as in the authorization matrix: signed in, every
answer but a static file's carries no-store; anonymous, only the public pages may be kept.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from flask import Flask

from marketplace.bootstrap import Services
from tests.web import matrix
from tests.web.authz import Tables, World, load

# What a browser or proxy may keep: the same for everyone, or for an anonymous visitor.
CACHEABLE_FOR_ANYONE = {"static", "storefront.favicon", "health.healthz"}
CACHEABLE_WHEN_ANONYMOUS = {"storefront.index", "storefront.consortium", "api.consortia",
                            "api.openapi"}
# Pages with a token, a session's CSRF token or a cookie to set: named, so that a change
# to the lists above cannot quietly open them.
NEVER_KEPT = {"rfq.track", "api.get_rfq", "auth.login", "auth.password_form",
              "auth.forgot_password", "auth.reset_form", "rfq.new", "dev.outbox",
              "language.switch"}


@pytest.fixture(scope="module")
def tables() -> Tables:
    return load()


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory,
          tables: Tables) -> Iterator[tuple[Services, Flask, World]]:
    with matrix.built(tmp_path_factory.mktemp("no-store"), tables) as everything:
        yield everything


def _cache_controls(app: Flask, world: World, tables: Tables, who: str,
                    methods: tuple[str, ...]) -> dict[str, str]:
    """Cache-Control of each endpoint and method, asked as `who`."""
    asker = matrix.person(app, world, who)
    seen = {}
    for rule in sorted(app.url_map.iter_rules(), key=lambda r: (r.endpoint, r.rule)):
        for method in matrix.methods(rule):
            if method not in methods:
                continue
            path = matrix.path_for(rule, tables.url_values(rule.endpoint, world))
            client = asker.fresh_client() if rule.endpoint in tables.ends_session \
                else asker.client
            response = matrix.send(client, method, path)
            seen[f"{rule.endpoint} {method}"] = response.headers.get("Cache-Control", "")
    return seen


@pytest.mark.parametrize(("who", "methods"), [
    ("officer", ("GET", "POST")), ("manager", ("GET",)), ("member", ("GET",)),
    ("auditor", ("GET",))])
def test_signed_in_every_answer_but_a_file_s_is_no_store(
        built: tuple[Services, Flask, World], tables: Tables,
        who: str, methods: tuple[str, ...]) -> None:
    _services, app, world = built
    seen = _cache_controls(app, world, tables, who, methods)
    kept = sorted(f"{route}: {value!r}" for route, value in seen.items()
                  if route.split()[0] not in CACHEABLE_FOR_ANYONE and value != "no-store")
    assert len(seen) > 50 and kept == []
    assert "no-store" not in seen["static GET"]


def test_anonymous_only_the_public_pages_may_be_kept(
        built: tuple[Services, Flask, World], tables: Tables) -> None:
    _services, app, world = built
    seen = _cache_controls(app, world, tables, "anonymous", ("GET", "POST"))
    public = CACHEABLE_FOR_ANYONE | CACHEABLE_WHEN_ANONYMOUS
    assert NEVER_KEPT.isdisjoint(public)
    wrong = sorted(f"{route}: {value!r}" for route, value in seen.items()
                   if (value == "no-store") == (route.split()[0] in public))
    assert wrong == []
    assert {route.split()[0] for route in seen} >= NEVER_KEPT | public
