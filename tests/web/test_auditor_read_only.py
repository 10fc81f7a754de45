"""An auditor's session changes nothing: every POST, PUT, PATCH and DELETE route says 403.

The routes come from the url_map, so a new unsafe route is covered the day it appears.
Each refused request leaves the event log where it was.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from flask import Flask
from werkzeug.routing import Rule

from marketplace.bootstrap import Services
from marketplace.projection.stats import stats
from tests.web import matrix
from tests.web.authz import Tables, World, load
from web.authz import AUDITOR_MAY_POST

# Signing out, ending one of their own sessions and changing their own password record no
# event, and an auditor must be able to do them: web/authz.py AUDITOR_MAY_POST lets these
# through (test_an_auditor_can_sign_out_and_that_writes_nothing, and tests/web/
# test_server_sessions.py for the others).
LEAVING = frozenset({"auth.logout", "signins.end", "signins.change_password"})
# Asking for a check that only reads the history: a job row, never an event.
CHECKS = AUDITOR_MAY_POST - LEAVING


@pytest.fixture(scope="module")
def tables() -> Tables:
    return load()


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory,
          tables: Tables) -> Iterator[tuple[Services, Flask, World]]:
    with matrix.built(tmp_path_factory.mktemp("auditor"), tables) as everything:
        yield everything


def unsafe_routes(app: Flask) -> list[tuple[Rule, str]]:
    """Each rule and unsafe method of the url_map."""
    return [(rule, method)
            for rule in sorted(app.url_map.iter_rules(), key=lambda r: (r.endpoint, r.rule))
            for method in matrix.methods(rule) if method in matrix.UNSAFE]


def log_position(services: Services) -> int:
    return stats(services)["log_position"]


def test_every_unsafe_route_refuses_an_auditor_and_writes_nothing(
        built: tuple[Services, Flask, World], tables: Tables) -> None:
    services, app, world = built
    auditor = matrix.person(app, world, "auditor").client
    routes = [(rule, method) for rule, method in unsafe_routes(app)
              if rule.endpoint not in AUDITOR_MAY_POST]
    # The public forms and the workspace's own: the test must not pass on an empty list.
    assert {"rfq.send", "api.create_rfq", "auth.sign_in"} <= {r.endpoint for r, _m in routes}
    wrong = []
    for rule, method in routes:
        path = matrix.path_for(rule, tables.url_values(rule.endpoint, world))
        before = log_position(services)
        response = matrix.send(auditor, method, path)
        written = log_position(services) - before
        if response.status_code != 403 or written:
            wrong.append(f"{method} {path} ({rule.endpoint}): {response.status_code}, "
                         f"{written} events written")
        elif b"change nothing" not in response.data:
            wrong.append(f"{method} {path} ({rule.endpoint}): 403 without saying why")
    assert not wrong, "\n".join(wrong)
    assert auditor.get("/workspace/").status_code == 200  # still signed in: refused, not out


def test_an_auditor_can_sign_out_and_that_writes_nothing(
        built: tuple[Services, Flask, World]) -> None:
    services, app, world = built
    auditor = matrix.person(app, world, "auditor").client
    before = log_position(services)

    response = auditor.post("/logout")

    assert response.status_code == 303
    assert log_position(services) == before
    assert matrix.answer_of(auditor.get("/workspace/")) == "login"


def test_an_auditor_asks_for_a_check_and_that_writes_no_event(
        built: tuple[Services, Flask, World], tables: Tables) -> None:
    services, app, world = built
    auditor = matrix.person(app, world, "auditor").client
    assert {"audit.start_verify", "audit.start_replay"} == CHECKS
    for rule, method in unsafe_routes(app):
        if rule.endpoint in CHECKS:
            before = log_position(services)
            response = matrix.send(auditor, method,
                                   matrix.path_for(rule, tables.url_values(rule.endpoint, world)))
            assert response.status_code == 303, (rule.endpoint, response.status_code)
            assert log_position(services) == before
            assert services.audit_jobs.find(response.headers["Location"].rsplit("/", 1)[1])
