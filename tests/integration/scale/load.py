"""A bounded load of real HTTP requests: buyers posting RFQs, managers deciding the same bids.

Every request carries a unique mark (the buyer's organisation, the manager's note), so
afterwards the event store can be searched for exactly what each answer claimed.
"""

from __future__ import annotations

import random
import re
import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import date, timedelta

import requests

TIMEOUT = 30
_CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')
_VERSION = re.compile(r'name="version" value="(\d+)"')


@dataclass
class Outcome:
    """One request: what it tried, its mark, and the answer (None: no answer, e.g. killed)."""

    kind: str  # "rfq", "qualify" or "decline"
    mark: str
    status: int | None
    bid: str | None = None
    token: str | None = None


@dataclass
class Load:
    """The requests to run and what became of them."""

    bases: list[str]
    outcomes: list[Outcome] = field(default_factory=list)

    def buyer(self, n: int) -> Callable[[], Outcome]:
        def post() -> Outcome:
            mark = f"Buyer {n} {uuid.uuid4().hex[:8]}"
            body = {
                "consortium": "metal", "organisation": mark, "contact_name": "Lucía Pérez",
                "email": f"buyer{n}@example.mx", "country": "MX", "stages": ["design"],
                "specification": "Steel pump houses.", "quantity": "2", "unit": "buildings",
                "incoterm": "CIF", "named_place": "Veracruz", "currency": "EUR",
                "quote_needed_by": (date.today() + timedelta(days=60)).isoformat(),
            }
            base = self.bases[n % len(self.bases)]
            try:
                response = requests.post(f"{base}/api/v1/rfqs", json=body, timeout=TIMEOUT)
            except requests.RequestException:
                return Outcome("rfq", mark, None)
            token = response.json().get("token") if response.status_code == 201 else None
            return Outcome("rfq", mark, response.status_code, token=token)

        return post

    def manager(self, session: requests.Session, base: str, bid: str,
                action: str) -> Callable[[], Outcome]:
        def decide() -> Outcome:
            mark = f"{action} {uuid.uuid4().hex[:12]}"
            field_name = "note" if action == "qualify" else "reason"
            try:
                page = session.get(f"{base}/workspace/desk/rfq/{bid}", timeout=TIMEOUT)
                version = _VERSION.search(page.text)
                csrf = _CSRF.search(page.text)
                if page.status_code != 200 or not version or not csrf:
                    return Outcome(action, mark, page.status_code, bid=bid)
                response = session.post(
                    f"{base}/workspace/desk/rfq/{bid}/{action}", allow_redirects=False,
                    data={"csrf_token": csrf.group(1), "version": version.group(1),
                          field_name: mark}, timeout=TIMEOUT)
            except requests.RequestException:
                return Outcome(action, mark, None, bid=bid)
            return Outcome(action, mark, response.status_code, bid=bid)

        return decide

    def run(self, tasks: list[Callable[[], Outcome]], threads: int = 8,
            midway: Callable[[], None] | None = None) -> None:
        """Run the tasks shuffled on `threads` threads; `midway` runs once, a third through."""
        random.Random(7).shuffle(tasks)
        with ThreadPoolExecutor(threads) as pool:
            futures = [pool.submit(task) for task in tasks]
            for n, future in enumerate(futures):
                self.outcomes.append(future.result())
                if midway and n == len(futures) // 3:
                    midway()


def signed_in(base: str, email: str, password: str) -> requests.Session:
    """A session signed in through the real login form."""
    session = requests.Session()
    page = session.get(f"{base}/login", timeout=TIMEOUT)
    csrf = _CSRF.search(page.text)
    assert csrf, page.text[:500]
    response = session.post(f"{base}/login", allow_redirects=False, timeout=TIMEOUT,
                            data={"csrf_token": csrf.group(1), "email": email,
                                  "password": password})
    assert response.status_code == 303, response.text[:500]
    return session
