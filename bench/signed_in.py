"""S4: the signed-in pages at 1,000,000 events, each as the person it is for, against hello-world.

The desk inbox as the consortium's manager, the member space as one member company's
user, the dashboard as the agency officer and the event log as an auditor: each signs in
through the form, then asks the page REQUESTS times through the Flask test client, in
process, after one warm-up. The anchor is the hello-world app (bench/hello.py) asked the
same way in the same run. The target is absolute: p95 under 50 ms per page.
"""

from __future__ import annotations

import argparse
import json
import time
from typing import Any

from sqlalchemy import func, select

from bench import hello
from bench.loadgen import percentile
from marketplace.bidding.readmodel import bids
from marketplace.bootstrap import bootstrap
from marketplace.membership.readmodel import members
from web import create_app

REQUESTS = 100
TARGET_MS = 50.0
PASSWORD = "bench signed-in password"


def _timed(client: Any, path: str) -> list[float]:
    first = client.get(path)
    if first.status_code != 200:
        raise RuntimeError(f"{path} answered {first.status_code}")
    times = []
    for _ in range(REQUESTS):
        started = time.perf_counter()
        client.get(path)
        times.append((time.perf_counter() - started) * 1000)
    return sorted(times)


def _pages(engine: Any) -> dict[str, tuple[str, str, str]]:
    """Each page: its path, and the role and scope of who asks for it."""
    with engine.connect() as conn:
        consortium = conn.execute(select(bids.c.consortium_id).group_by(bids.c.consortium_id)
                                  .order_by(func.count().desc()).limit(1)).scalar_one()
        membership = conn.execute(select(members.c.membership_id)
                                  .where(members.c.consortium_id == consortium)
                                  .order_by(members.c.membership_id).limit(1)).scalar_one()
    return {"desk inbox": ("/workspace/desk/", "manager", str(consortium)),
            "member space": (f"/workspace/member/{membership}/", "member", str(membership)),
            "dashboard": ("/workspace/dashboard/", "officer", ""),
            "audit log": ("/workspace/audit/", "auditor", "")}


def run(url: str, only: str | None = None) -> list[dict[str, Any]]:
    """One row per page (or the page named `only`): its p95 signed in, beside hello-world's."""
    anchor = _timed(hello.app.test_client(), "/")
    services = bootstrap(url)
    try:
        app = create_app(services, {"SECRET_KEY": "bench", "SESSION_COOKIE_SECURE": False,
                                    "WTF_CSRF_ENABLED": False, "RATELIMIT_ENABLED": False})
        rows = []
        for name, (path, role, scope) in _pages(services.engine).items():
            if only is not None and name != only:
                continue
            email = f"{role}-{time.time_ns()}@bench.example"
            services.marketplace.open_account(name=f"Bench {role.title()}", email=email,
                                              password=PASSWORD, grants=[(role, scope)])
            client = app.test_client()
            signed = client.post("/login", data={"email": email, "password": PASSWORD})
            if signed.status_code != 303:
                raise RuntimeError(f"the bench {role} could not sign in ({signed.status_code})")
            times = _timed(client, path)
            p95, anchor_p95 = percentile(times, 0.95), percentile(anchor, 0.95)
            rows.append({"id": "S4", "name": f"{name}, signed in", "store": "sqlite",
                         "unit": "ms (p95)", "ours": round(p95, 2),
                         "baseline": round(anchor_p95, 3), "ratio": round(p95 / anchor_p95, 1),
                         "target": {"op": "<", "value": TARGET_MS}, "met": p95 < TARGET_MS,
                         "details": {"path": path, "as": role, "requests": len(times),
                                     "p50_ms": round(percentile(times, 0.5), 2),
                                     "baseline": "bench/hello.py GET /, asked the same way",
                                     "client": "Flask test client, in process, signed in"}})
        return rows
    finally:
        services.close()


def main() -> int:
    """`python -m bench.signed_in --url URL [--page dashboard]`: pages on a store of one's choosing.

    E.g. a small generated store while profiling; `make bench` measures the audit's store.
    """
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", required=True, help="a projected store, e.g. sqlite:///x.db")
    parser.add_argument("--page", help="one page: desk inbox, member space, dashboard, audit log")
    args = parser.parse_args()
    print(json.dumps(run(args.url, args.page), indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
