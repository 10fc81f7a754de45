"""S1, S1u, S3: the storefront and the RFQ API under load, served by gunicorn on the demo
data, against hello-world.

Both apps run under the same gunicorn (2 sync workers) and take the same load from
bench.loadgen. The kept GET pages (S1) are held to 0.7 of hello-world's requests/s with a
p95 under 10 ms; the same pages rendered on every request (S1u, the page cache off) to
0.3 of it. No request sends If-None-Match: every answer is a whole page. The RFQ API
is measured too, with the rate limit raised through CONSORTIA_RFQ_RATE_LIMIT so the
benchmark measures the work, not the limiter. An endpoint that answers 404 is reported
"not available", one that answers anything else unexpected is an error; neither is
measured as if it were a page.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from bench.loadgen import Target, load, probe
from bench.served import gunicorn
from marketplace.bootstrap import bootstrap
from marketplace.storefront import catalog as catalog_queries

CONSORTIA = Path(sys.executable).parent / "consortia"
SECONDS, WARMUP, CONNECTIONS = 10.0, 2.0, 4
TARGET_RATIO, P95_TARGET_MS = 0.7, 10.0  # issue 15: kept pages
UNCACHED_TARGET_RATIO = 0.3  # issue 15: the same pages rendered on every request
UNCACHED = " (no page cache)"
# Issue 15, S3: the RFQ POST against hello-world's GET, both under the same gunicorn.
API_TARGET_RATIO = 0.12
ATTACHMENT_BYTES = 5 * 1024 * 1024
# A 5 MB drawing is hashed, checked and written twice (spool, blob): a tenth of the plain
# POST's rate is the floor below which uploads would hold the workers up.
ATTACHMENT_TARGET_RATIO = 0.1
BOUNDARY = "bench-s1-boundary-7f3a"
PAGE = {"Accept": "text/html", "Accept-Language": "en"}


def _say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _demo_store(folder: str) -> tuple[str, dict[str, Any]]:
    """Load the demo into a new SQLite file; its URL and one published consortium."""
    url = f"sqlite:///{folder}/demo.db"
    subprocess.run([str(CONSORTIA), "demo", "--database-url", url], check=True,
                   stdout=subprocess.DEVNULL)
    services = bootstrap(url)
    try:
        published = catalog_queries.list_consortia(services.engine, published_only=True)
    finally:
        services.close()
    if not published:
        raise RuntimeError("the demo store has no published consortium to benchmark")
    by_slug = {entry["slug"]: entry for entry in published}
    return url, by_slug.get("cantabria-metal", published[0])


def rfq_body(consortium: dict[str, Any]) -> bytes:
    """A valid RFQ for the consortium, as a buyer's procurement system would post it."""
    today = date.today()
    return json.dumps({
        "consortium": consortium["slug"], "organisation": "Astilleros del Golfo S.A.",
        "contact_name": "Lucía Hernández", "email": "lucia@astilleros-golfo.example",
        "country": "MX", "stages": list(consortium["offer_stages"])[:2],
        "specification": "Steel hull blocks for two offshore supply vessels, 40 t each.",
        "quantity": "12", "unit": "blocks", "incoterm": "CIF", "named_place": "Veracruz",
        "currency": "EUR", "quote_needed_by": (today + timedelta(days=30)).isoformat(),
        "wanted_delivery": (today + timedelta(days=180)).isoformat(),
    }).encode()


def rfq_with_attachment(consortium: dict[str, Any], size: int = ATTACHMENT_BYTES
                        ) -> tuple[bytes, dict[str, str]]:
    """The same RFQ as multipart, with a PDF drawing of `size` bytes; body and headers."""
    drawing = b"%PDF-1.7\n" + b"0" * (size - 9)
    parts = [
        (f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="rfq"; filename="rfq.json"'
         f"\r\nContent-Type: application/json\r\n\r\n").encode() + rfq_body(consortium),
        (f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="documents"; '
         f'filename="drawing.pdf"\r\nContent-Type: application/pdf\r\n\r\n').encode()
        + drawing,
    ]
    body = b"\r\n".join(parts) + f"\r\n--{BOUNDARY}--\r\n".encode()
    return body, {"Content-Type": f"multipart/form-data; boundary={BOUNDARY}",
                  "Accept": "application/json"}


def measure(port: int, name: str, target: Target) -> dict[str, Any]:
    """Probe once, then load the endpoint if it answers as it should."""
    _say(f"S1: {name} {target.method} {target.path} ...")
    status, body = probe("127.0.0.1", port, target)
    figures: dict[str, Any] = {"endpoint": f"{target.method} {target.path}"}
    if status == 404:
        return {**figures, "status": "not available", "error": f"answered 404: {body[:200]}"}
    if status != target.expect:
        return {**figures, "status": "error",
                "error": f"answered {status}, expected {target.expect}: {body[:300]}"}
    figures.update(load("127.0.0.1", port, target, seconds=SECONDS, warmup=WARMUP,
                        connections=CONNECTIONS))
    if figures["unexpected"]:
        figures.update(status="error", error=f"unexpected answers: {figures['statuses']}")
    else:
        figures["status"] = "ok"
    _say(f"  {figures['requests_per_second']} req/s, p50 {figures['p50_ms']} ms, "
         f"p95 {figures['p95_ms']} ms")
    return figures


def _row(name: str, page: dict[str, Any], hello: dict[str, Any]) -> dict[str, Any]:
    ratio = page["requests_per_second"] / hello["requests_per_second"]
    if name.endswith(UNCACHED):
        target, met = {"op": ">=", "value": UNCACHED_TARGET_RATIO}, ratio >= UNCACHED_TARGET_RATIO
    else:
        target = {"op": ">=", "value": TARGET_RATIO, "and": f"p95 < {P95_TARGET_MS:g} ms"}
        met = ratio >= TARGET_RATIO and page["p95_ms"] < P95_TARGET_MS
    return {
        "id": "S1u" if name.endswith(UNCACHED) else "S1", "name": name, "store": "sqlite",
        "unit": "requests/s", "ours": page["requests_per_second"],
        "baseline": hello["requests_per_second"], "ratio": round(ratio, 3), "target": target,
        "met": met,
        "details": {"endpoint": page["endpoint"], "p50_ms": page["p50_ms"],
                    "p95_ms": page["p95_ms"], "hello_p50_ms": hello["p50_ms"],
                    "hello_p95_ms": hello["p95_ms"], "requests": page["requests"]},
    }


def _api_row(plain: dict[str, Any], hello: dict[str, Any]) -> dict[str, Any]:
    """S3: the buyers' RFQ POST (JSON, no file), in requests/s beside hello-world's GET."""
    ratio = plain["requests_per_second"] / hello["requests_per_second"]
    return {
        "id": "S3", "name": "rfq api", "store": "sqlite", "unit": "requests/s",
        "ours": plain["requests_per_second"], "baseline": hello["requests_per_second"],
        "ratio": round(ratio, 3), "target": {"op": ">=", "value": API_TARGET_RATIO},
        "met": ratio >= API_TARGET_RATIO,
        "details": {"endpoint": plain["endpoint"], "p50_ms": plain["p50_ms"],
                    "p95_ms": plain["p95_ms"], "hello_p50_ms": hello["p50_ms"],
                    "hello_p95_ms": hello["p95_ms"], "requests": plain["requests"],
                    "each request": "validates, stores the RFQ (event, reference, vault), "
                                    "projects it inline and answers its reference"},
    }


def _attachment_row(upload: dict[str, Any], plain: dict[str, Any]) -> dict[str, Any]:
    """The RFQ POST with a 5 MB drawing, in requests/s beside the plain JSON POST."""
    ratio = upload["requests_per_second"] / plain["requests_per_second"]
    return {
        "id": "S1", "name": "rfq api with a 5 MB attachment", "store": "sqlite",
        "unit": "requests/s", "ours": upload["requests_per_second"],
        "baseline": plain["requests_per_second"], "ratio": round(ratio, 3),
        "target": {"op": ">=", "value": ATTACHMENT_TARGET_RATIO},
        "met": ratio >= ATTACHMENT_TARGET_RATIO,
        "details": {"endpoint": upload["endpoint"], "baseline_endpoint": "POST /api/v1/rfqs "
                    "(JSON, no file)", "p50_ms": upload["p50_ms"], "p95_ms": upload["p95_ms"],
                    "plain_p50_ms": plain["p50_ms"], "plain_p95_ms": plain["p95_ms"],
                    "requests": upload["requests"], "attachment_bytes": ATTACHMENT_BYTES},
    }


def run() -> dict[str, Any]:
    """Rows for the GET pages, every endpoint's figures, and what could not be measured."""
    setup = {"server": "gunicorn, 2 sync workers", "connections": CONNECTIONS,
             "seconds": SECONDS, "warmup_seconds": WARMUP,
             "client": "bench.loadgen (Python threads, http.client)"}
    with tempfile.TemporaryDirectory(prefix="bench_s1_") as folder:
        _say("S1: loading the demo data ...")
        url, consortium = _demo_store(folder)
        slug = consortium["slug"]
        with gunicorn("bench.hello:app", {}) as port:
            hello = measure(port, "hello-world", Target("GET", "/", headers=PAGE))
        env = {"CONSORTIA_DATABASE_URL": url, "CONSORTIA_SECRET_KEY": "bench-not-secret",
               "CONSORTIA_RFQ_RATE_LIMIT": "1000000 per minute",
               "CONSORTIA_BLOB_URL": f"{folder}/blobs"}
        upload, upload_headers = rfq_with_attachment(consortium)
        targets = {
            "catalog": Target("GET", "/", headers=PAGE),
            "consortium page": Target("GET", f"/consortia/{slug}", headers=PAGE),
            "rfq api": Target("POST", "/api/v1/rfqs", body=rfq_body(consortium), expect=201,
                              headers={"Content-Type": "application/json",
                                       "Accept": "application/json"}),
            "rfq api with a 5 MB attachment": Target("POST", "/api/v1/rfqs", body=upload,
                                                     expect=201, headers=upload_headers),
        }
        with gunicorn("web:create_app()", env, "/healthz") as port:
            endpoints = {name: measure(port, name, t) for name, t in targets.items()}
        # The same pages rendered on every request: what a cache miss costs.
        with gunicorn("web:create_app()", {**env, "CONSORTIA_PAGE_CACHE_SIZE": "0"},
                      "/healthz") as port:
            for name in ("catalog", "consortium page"):
                endpoints[name + UNCACHED] = measure(port, name, targets[name])
    endpoints = {"hello-world": hello, **endpoints}
    pages = ("catalog", "consortium page", "catalog" + UNCACHED, "consortium page" + UNCACHED)
    rows = [_row(name, endpoints[name], hello) for name in pages
            if endpoints[name]["status"] == "ok" and hello["status"] == "ok"]
    plain, attached = endpoints["rfq api"], endpoints["rfq api with a 5 MB attachment"]
    if plain["status"] == "ok" and hello["status"] == "ok":
        rows.append(_api_row(plain, hello))
    if plain["status"] == "ok" and attached["status"] == "ok":
        rows.append(_attachment_row(attached, plain))
    problems = [{"id": "S1", "name": name, **{k: v for k, v in figures.items()
                                               if k in ("endpoint", "status", "error")}}
                for name, figures in endpoints.items() if figures["status"] != "ok"]
    return {"setup": {**setup, "consortium": slug}, "rows": rows, "endpoints": endpoints,
            "problems": problems}
