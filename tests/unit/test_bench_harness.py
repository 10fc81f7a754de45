"""The storefront benchmark reports a missing or failing endpoint instead of timing it."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask
from werkzeug.serving import make_server

from bench import pages
from bench.loadgen import Target, percentile
from marketplace.bootstrap import bootstrap
from marketplace.settings import Settings
from tests.servers import POLL
from web import create_app


@pytest.fixture
def port() -> Iterator[int]:
    app = Flask(__name__)
    calls = iter(range(10**9))
    app.add_url_rule("/fine", "fine", lambda: "fine")
    app.add_url_rule("/broken", "broken", lambda: 1 / 0)
    app.add_url_rule("/flaky", "flaky", lambda: ("", 500 if next(calls) % 5 == 4 else 200))
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, kwargs=POLL, daemon=True)
    thread.start()
    yield server.server_port
    server.shutdown()


@pytest.fixture(autouse=True)
def short_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pages, "SECONDS", 0.3)
    monkeypatch.setattr(pages, "WARMUP", 0.05)


def test_an_endpoint_that_answers_is_measured(port: int) -> None:
    figures = pages.measure(port, "fine", Target("GET", "/fine"))
    assert figures["status"] == "ok"
    assert figures["requests"] > 0 and figures["unexpected"] == 0
    assert figures["requests_per_second"] > 0
    assert 0 < figures["p50_ms"] <= figures["p95_ms"]


def test_a_missing_endpoint_is_not_available(port: int) -> None:
    figures = pages.measure(port, "rfq api", Target("POST", "/api/v1/rfqs", expect=201))
    assert figures["status"] == "not available"
    assert "404" in figures["error"] and "requests" not in figures


def test_a_failing_endpoint_is_an_error(port: int) -> None:
    figures = pages.measure(port, "broken", Target("GET", "/broken"))
    assert figures["status"] == "error"
    assert "answered 500" in figures["error"]


def test_errors_during_the_load_are_reported(port: int) -> None:
    figures = pages.measure(port, "flaky", Target("GET", "/flaky"))
    assert figures["status"] == "error"
    assert figures["statuses"]["500"] > 0 and figures["unexpected"] == figures["statuses"]["500"]


def test_percentile_takes_the_nearest_rank() -> None:
    values = [float(n) for n in range(1, 101)]
    assert percentile(values, 0.95) == 95.0
    assert percentile(values, 0.50) == 50.0
    assert percentile([7.0], 0.95) == 7.0


def test_the_rfq_rate_limit_can_be_raised_from_the_environment(tmp_path: Path) -> None:
    services = bootstrap(f"sqlite:///{tmp_path / 'c.db'}")
    plain = Settings.from_env({})
    assert create_app(services, {"SECRET_KEY": "t"}, plain).config["RFQ_RATE_LIMIT"] == (
        "10 per minute")
    raised = Settings.from_env({"CONSORTIA_RFQ_RATE_LIMIT": "1000 per minute"})
    assert create_app(services, {"SECRET_KEY": "t"}, raised).config["RFQ_RATE_LIMIT"] == (
        "1000 per minute")
    services.close()


def test_the_rfq_with_a_5_mb_attachment_is_accepted_once(tmp_path: Path) -> None:
    from marketplace.bidding.queries import inbox
    from marketplace.documents.blobs import DiskBlobStore
    from marketplace.documents.queries import list_bid_documents
    from tests.story import form_consortium

    services = bootstrap(f"sqlite:///{tmp_path / 'c.db'}", blobs=DiskBlobStore(tmp_path / "b"))
    form_consortium(services.marketplace)
    [entry] = pages.catalog_queries.list_consortia(services.engine, published_only=True)
    body, headers = pages.rfq_with_attachment(entry)
    client = create_app(services, {"SECRET_KEY": "t", "RATELIMIT_ENABLED": False}).test_client()
    answer = client.post("/api/v1/rfqs", data=body, headers=headers)
    assert answer.status_code == 201, answer.get_json()
    [received] = inbox(services.engine, None, ("requested",))
    [document] = list_bid_documents(services.engine, received["bid_id"])
    assert (document["name"], document["size"]) == ("drawing.pdf", pages.ATTACHMENT_BYTES)
    figures = {"requests_per_second": 4.0, "endpoint": "POST /api/v1/rfqs", "p50_ms": 200.0,
               "p95_ms": 300.0, "requests": 40}
    row = pages._attachment_row(figures, {**figures, "requests_per_second": 20.0})
    assert (row["ratio"], row["met"], row["unit"]) == (0.2, True, "requests/s")
    services.close()
